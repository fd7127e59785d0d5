/**
 * The GitHub Actions example in docs/examples/github-workflow.yml, tested as far as it runs offline:
 * every `vpcreach check` and `vpcreach diff` command in its steps runs against the example network
 * (the collected snapshot and the baseline played by fixtures/ml-platform, the intents by
 * fixtures/intents/ml-platform.yaml) and writes the files the later steps upload or comment.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/vpcreach.js");
const WORKFLOW = join(ROOT, "docs/examples/github-workflow.yml");

interface Workflow {
  jobs: Record<string, { steps: { run?: string; with?: Record<string, string> }[] }>;
}

/** The vpcreach check/diff command lines of the workflow, without their shell `|| …` tails. */
function vpcreachCommands(workflow: Workflow): string[][] {
  return Object.values(workflow.jobs)
    .flatMap((job) => job.steps.map((step) => step.run ?? ""))
    .flatMap((script) => script.split("\n"))
    .map((line) => line.trim().replace(/\s*\|\|.*$/, ""))
    .filter((line) => /^vpcreach (check|diff)\b/.test(line))
    .map((line) => line.split(/\s+/).slice(1));
}

const STAND_INS: Record<string, string> = {
  "snapshot.json": join(ROOT, "fixtures/ml-platform"),
  "baseline.json": join(ROOT, "fixtures/ml-platform"),
  "vpcreach.yaml": join(ROOT, "fixtures/intents/ml-platform.yaml"),
};

describe("the GitHub Actions example", () => {
  const workflow = parse(readFileSync(WORKFLOW, "utf8")) as Workflow;
  const commands = vpcreachCommands(workflow);

  it("has the check, SARIF, JUnit and diff steps", () => {
    expect(commands.map((args) => `${args[0]} ${args.includes("--format") ? args[args.indexOf("--format") + 1] : "text"}`)).toEqual([
      "check sarif",
      "check junit",
      "check text",
      "diff markdown",
    ]);
    const upload = Object.values(workflow.jobs).flatMap((job) => job.steps).find((step) => step.with?.sarif_file);
    expect(upload?.with?.sarif_file).toBe("vpcreach.sarif");
  });

  it("runs every vpcreach command offline and writes the files the later steps read", () => {
    const cwd = mkdtempSync(join(tmpdir(), "vpcreach-ci-"));
    for (const args of commands) {
      const resolved = args.map((arg) => STAND_INS[arg] ?? arg);
      const result = spawnSync(process.execPath, [CLI, ...resolved, "--date", "2026-12-06"], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
    }
    const sarif = JSON.parse(readFileSync(join(cwd, "vpcreach.sarif"), "utf8")) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]!.results).toEqual([]);
    expect(readFileSync(join(cwd, "vpcreach-junit.xml"), "utf8")).toMatch(/<testsuites name="vpcreach check" tests="\d+" failures="0"/);
    expect(existsSync(join(cwd, "diff.md"))).toBe(true);
    expect(readFileSync(join(cwd, "diff.md"), "utf8")).toContain("0 of 20 answers changed");
  });
});
