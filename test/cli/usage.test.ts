/** Every command answers a usage error (missing or unknown option) with exit status 2 and no stack trace. */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
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

  it("help and version exit 0", () => {
    expect(run(["--help"]).status).toBe(0);
    expect(run(["query", "--help"]).status).toBe(0);
    expect(run(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
