/**
 * The built CLI under hostile output conditions: terminal control sequences in account-supplied
 * names never reach the terminal (inspect, query, audit, cost text); an unusable `--out` is a usage
 * error (exit 2) found before any work; stdout that cannot be written (a full disk) exits 74 with one
 * line; a reader that goes away (`| head`) ends the command quietly.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/vpcreach.js");
const ML = join(ROOT, "fixtures/ml-platform");

function run(args: string[], options: { stdout?: number } = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", options.stdout ?? "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr };
}

/** Escape (ESC, CSI, OSC), bell, carriage return, backspace and the bidi override: none may reach a terminal. */
const TERMINAL_CONTROLS = /[\u0007\u0008\u000d\u001b\u009b\u009d\u202e]/;
const HOSTILE = "evil\u001b[2J\u001b]0;pwned\u0007\r\u202eIGNORE\u009b31m\b";

/** A copy of the hostile-tags fixture whose Name tags (and a Description) carry terminal control sequences. */
function controlCharacterFixture(): string {
  const folder = join(mkdtempSync(join(tmpdir(), "vpcreach-ansi-")), "net");
  cpSync(join(ROOT, "fixtures/hostile-tags"), folder, { recursive: true });
  const region = join(folder, "us-east-1");
  for (const file of readdirSync(region).filter((f) => f.endsWith(".json"))) {
    const path = join(region, file);
    const text = readFileSync(path, "utf8").replace(/("Key": "Name",\s*"Value": )"(?:[^"\\]|\\.)*"/g, `$1${JSON.stringify(HOSTILE)}`);
    writeFileSync(path, text);
  }
  return folder;
}

describe("control characters in names never reach the terminal", () => {
  const net = controlCharacterFixture();
  it.each([
    ["inspect", ["inspect", "-s", net]],
    ["query", ["query", "-s", net, "-f", "tag-test-notebook", "-t", "internet"]],
    ["query from an instance", ["query", "-s", net, "-f", "i-00ddc0bdabfe31465", "-t", "internet"]],
    ["audit", ["audit", "-s", net, "--instances"]],
    ["cost", ["cost", "-s", net]],
  ])("%s shows them escaped", (_name, args) => {
    const { status, stdout, stderr } = run(args);
    expect(stderr).not.toMatch(TERMINAL_CONTROLS);
    expect([0, 1, 3]).toContain(status);
    expect(stdout).not.toMatch(TERMINAL_CONTROLS);
    if (args[0] === "inspect") expect(stdout).toContain("evil\\u001b[2J\\u001b]0;pwned\\u0007\\u000d\\u202eIGNORE");
  });

  it("the fixture really carries them (the copy is what the test thinks it is)", () => {
    expect(readFileSync(join(net, "us-east-1/describe-subnets.json"), "utf8")).toContain("\\u001b[2J");
  });
});

describe("--out that cannot be used is a usage error, found first", () => {
  const scratch = mkdtempSync(join(tmpdir(), "vpcreach-out-"));
  const aFile = join(scratch, "a-file.txt");
  writeFileSync(aFile, "keep me\n");
  const aFolder = join(scratch, "a-folder");
  mkdirSync(aFolder);

  it.each([
    ["diagram: a folder where a file is expected", ["diagram", "-s", ML, "-o", aFolder + "/"], /--out ".*a-folder\/": give a file name, not a folder/],
    ["diagram: a folder named like a file", ["diagram", "-s", ML, "-o", join(scratch, "dir.svg")], /dir\.svg: is a folder/, () => mkdirSync(join(scratch, "dir.svg"))],
    ["report: a file where a folder is expected", ["report", "-s", ML, "--no-svg", "-o", aFile], /--out .*a-file\.txt: is a file; give a folder/],
    ["report: a folder below a file", ["report", "-s", ML, "--no-svg", "-o", join(aFile, "sub")], /--out .*a-file\.txt\/sub: a part of the path before the file name is a file, not a folder/],
    ["collect: a folder where the snapshot file goes", ["collect", "-o", aFolder], /--out .*a-folder: is a folder; give a file name \(e\.g\. .*a-folder\/snapshot\.json\)/],
    ["diagram: the name offered is a diagram's", ["diagram", "-s", ML, "-o", aFolder], /--out .*a-folder: is a folder; give a file name \(e\.g\. .*a-folder\/network\.mmd\)/],
    ["check: the name offered is of the format asked", ["check", "-s", ML, "--intents", "fixtures/intents/ml-platform.yaml", "--format", "sarif", "-o", aFolder], /is a folder; give a file name \(e\.g\. .*a-folder\/vpcreach-check\.sarif\)/],
    ["diff: the name offered is of the format asked", ["diff", "--before", ML, "--after", ML, "--format", "markdown", "-o", aFolder], /is a folder; give a file name \(e\.g\. .*a-folder\/vpcreach-diff\.md\)/],
  ])("%s", (_name, args, message, setUp?: () => void) => {
    setUp?.();
    const { status, stdout, stderr } = run(args as string[]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(message as RegExp);
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it("a place the process may not write (even as root: a sysfs folder)", () => {
    const { status, stderr } = run(["diagram", "-s", ML, "-o", "/sys/kernel/vpcreach-test.mmd"]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/--out \/sys\/kernel\/vpcreach-test\.mmd: cannot create files in \/sys\/kernel \((not writable|read-only file system)\)/);
  });

  it.skipIf(process.getuid?.() === 0)("a read-only folder", async () => {
    const { chmodSync } = await import("node:fs");
    const locked = join(scratch, "locked");
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    const { status, stderr } = run(["report", "-s", ML, "--no-svg", "-o", join(locked, "report")]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/cannot create files in .*locked \(not writable\)/);
  });

  it("leaves an existing file untouched when refusing it", () => {
    run(["report", "-s", ML, "--no-svg", "-o", aFile]);
    expect(readFileSync(aFile, "utf8")).toBe("keep me\n");
  });
});

describe("stdout that cannot be written", () => {
  it.skipIf(!existsSync("/dev/full")).each([
    ["audit --json", ["audit", "-s", ML, "--json"]],
    ["audit", ["audit", "-s", ML]],
    ["query", ["query", "-s", ML, "-f", "research-notebook", "-t", "s3"]],
    ["inspect", ["inspect", "-s", ML]],
  ])("%s on a full disk exits 74 with one line", (_name, args) => {
    const full = openSync("/dev/full", "w");
    const { status, stderr } = run(args, { stdout: full });
    closeSync(full);
    expect(status).toBe(74);
    expect(stderr.trim().split("\n")).toEqual([expect.stringMatching(/^vpcreach: cannot write the output: ENOSPC/)]);
  });

  it("a reader that goes away (| head) ends the audit quietly", async () => {
    const child = spawn(process.execPath, [CLI, "audit", "-s", ML, "--json", "--instances"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const status = await new Promise<number | null>((done) => child.on("close", (code) => done(code)));
    expect(stderr).toBe("");
    expect(status).toBe(0);
  });
});
