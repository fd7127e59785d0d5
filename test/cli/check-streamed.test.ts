/**
 * `vpcreach check` writes every format in pieces (a large estate's violations with their proofs pass
 * V8's longest string): on a generated estate of 100 notebooks where nearly every answer is a
 * violation, each format's output is several write batches long and complete — the JSON and SARIF
 * parse and hold every answer and result, the JUnit document and the text end as they should — and
 * `--out` writes the same bytes as stdout.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { synthesize } from "../../bench/synth.js";
import { WRITE_BATCH } from "../../src/fs/batches.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/vpcreach.js");

/** Every notebook must reach nothing: nearly every answer is a violation with its full proof. */
const INTENTS = `version: 1
intents:
  - { id: no-internet, from: notebooks, to: internet, expect: unreachable }
  - { id: no-s3, from: notebooks, to: s3, expect: unreachable }
  - { id: no-api, from: notebooks, to: sagemaker-api, expect: unreachable }
  - { id: no-runtime, from: notebooks, to: sagemaker-runtime, expect: unreachable }
findings:
  fail-on: low
`;

let estate: string;
let intents: string;
let scratch: string;

function check(format: string, ...rest: string[]): { status: number | null; stdout: string; stderr: string } {
  const { GITHUB_ACTIONS: _ignored, ...env } = process.env;
  const result = spawnSync(
    process.execPath,
    [CLI, "--no-cache", "check", "--snapshot", estate, "--intents", intents, "--format", format, "--date", "2026-12-06", ...rest],
    { cwd: ROOT, encoding: "utf8", env: { ...env, NO_COLOR: "1" }, maxBuffer: 1 << 30 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "vpcreach-check-streamed-"));
  estate = join(scratch, "estate");
  await synthesize({ size: "small", seed: "streamed-check", out: estate });
  intents = join(scratch, "intents.yaml");
  writeFileSync(intents, INTENTS);
}, 60_000);

describe("check on an estate with hundreds of violations", () => {
  it("JSON: several write batches, parses, every answer with its proof, the same bytes through --out", () => {
    const { status, stdout, stderr } = check("json");
    expect(stderr).toBe("");
    expect(status).toBe(1);
    expect(stdout.length).toBeGreaterThan(2 * WRITE_BATCH);
    expect(stdout.endsWith("}\n")).toBe(true);
    const json = JSON.parse(stdout) as { status: number; counts: { violated: number }; intents: { status: string; verdict: { path: unknown[] } }[] };
    expect(json.status).toBe(1);
    expect(json.intents).toHaveLength(400);
    const violated = json.intents.filter((r) => r.status === "violated");
    expect(violated.length).toBe(json.counts.violated);
    expect(violated.length).toBeGreaterThan(300);
    for (const r of violated) expect(r.verdict.path.length).toBeGreaterThan(0);
    // Written in pieces, the text is what JSON.stringify(…, null, 2) gives for the whole document.
    expect(stdout).toBe(`${JSON.stringify(json, null, 2)}\n`);
    const out = join(scratch, "check.json");
    expect(check("json", "--out", out).stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe(stdout);
  }, 120_000);

  it("SARIF: parses, one result per violation and failing finding", () => {
    const json = JSON.parse(check("json").stdout) as { counts: { violated: number; failingFindings: number } };
    const { status, stdout } = check("sarif");
    expect(status).toBe(1);
    const sarif = JSON.parse(stdout) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(sarif.version).toBe("2.1.0");
    const results = sarif.runs[0]!.results;
    expect(results.filter((r) => r.ruleId.startsWith("intent/"))).toHaveLength(json.counts.violated);
    expect(results.filter((r) => r.ruleId.startsWith("finding/"))).toHaveLength(json.counts.failingFindings);
    expect(stdout).toBe(`${JSON.stringify(sarif, null, 2)}\n`);
  }, 120_000);

  it("JUnit and text: complete documents, the same bytes through --out", () => {
    const junit = check("junit");
    expect(junit.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="vpcreach check" tests="')).toBe(true);
    expect(junit.stdout.endsWith("</testsuites>\n")).toBe(true);
    expect(junit.stdout.match(/<testcase /g)?.length).toBeGreaterThan(400);
    const text = check("text");
    expect(text.stdout.length).toBeGreaterThan(WRITE_BATCH);
    expect(text.stdout).toMatch(/\nFAIL: \d+ violation\(s\), \d+ failing finding\(s\), 0 expired suppression\(s\)\n$/);
    const out = join(scratch, "check.txt");
    check("text", "--out", out);
    expect(readFileSync(out, "utf8")).toBe(text.stdout);
  }, 120_000);
});
