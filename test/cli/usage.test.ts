/** Every command answers a usage error (missing or unknown option) with exit status 2 and no stack trace. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = resolve("dist/cli/vpcreach.js");

function run(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
}

describe("usage errors", () => {
  it.each([
    [["query", "--snapshot", "fixtures/ml-platform"]],
    [["audit"]],
    [["inspect", "--snapshot", "fixtures/ml-platform", "--bogus"]],
    [["diagram"]],
    [["cost"]],
    [["report"]],
    [["collect", "--bogus"]],
    [["no-such-command"]],
  ])("vpcreach %j exits 2 without a stack trace", (args) => {
    const result = run(args);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr.length).toBeGreaterThan(0);
  });

  it.each([
    [["audit", "-s", "fixtures/ml-platform", "--jsn"], "vpcreach: unknown option '--jsn'\n(Did you mean --json?)\n"],
    [["query", "-s", "fixtures/ml-platform", "-f", "x", "-t", "s3", "--protocol", "foo"], "vpcreach: option '--protocol <protocol>' argument 'foo' is invalid. Allowed choices are tcp, udp, icmp, all.\n"],
    [["check", "-s", "fixtures/ml-platform"], "vpcreach: required option '--intents <file>' not specified\n"],
    [["audit", "--snapshto", "X"], "vpcreach: unknown option '--snapshto'\n(Did you mean --snapshot?)\n"],
    [["check", "-s", "fixtures/ml-platform", "--intens", "i.yaml"], "vpcreach: unknown option '--intens'\n(Did you mean --intents?)\n"],
    [["qury"], "vpcreach: unknown command 'qury'\n(Did you mean query?)\n"],
  ])("vpcreach %j says what is wrong in the form of every other error, then where the help is, not the whole help", (args, said) => {
    const result = run(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`${said}(add --help for the options and examples)\n`);
  });

  it.each(["collect", "inspect", "query", "audit", "diagram", "cost", "report", "check", "diff"])("vpcreach %s --help states its exit status, 2 and 74 included, as README.md's table", (command) => {
    const help = run([command, "--help"]).stdout;
    const status = help.slice(help.indexOf("Exit status: ")).split("\n\n")[0]!.replace(/\s+/g, " ");
    expect(status).toMatch(/^Exit status: 0\b/);
    expect(status).toMatch(/\b2 (usage|nothing usable|bad input)/);
    expect(status).toMatch(/\b74 the (output|report|snapshot) could not be written/);
  });

  it.each(["collect", "inspect", "query", "audit", "diagram", "cost", "report", "check", "diff"])("vpcreach %s --help opens with a description that is a sentence", (command) => {
    const description = run([command, "--help"]).stdout.split("\n\n")[1]!.replace(/\s+/g, " ");
    expect(description).toMatch(/^[A-Z][^]*\.$/);
  });

  it("collect --print-policy with --out is refused (exit 2): the policy goes to stdout, the file would stay unwritten", () => {
    const out = join(mkdtempSync(join(tmpdir(), "vpcreach-usage-")), "policy.json");
    const result = run(["collect", "--print-policy", "--out", out]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`vpcreach: --print-policy prints the policy on stdout and collects nothing, so --out ${out} would not be written: redirect instead (> ${out})\n`);
    expect(existsSync(out)).toBe(false);
  });

  it("help and version exit 0", () => {
    expect(run(["--help"]).status).toBe(0);
    expect(run(["query", "--help"]).status).toBe(0);
    expect(run(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
