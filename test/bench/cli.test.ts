/**
 * End to end, through the built scripts (`npx tsc -p .` first): `npm run synth` (dist/bench/synth-cli.js)
 * writes an estate and refuses bad arguments with exit status 2; `npm run bench -- --json`
 * (dist/bench/bench-cli.js) prints one object with every documented key. Timings are only checked to
 * be numbers, never compared with anything.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DIST = fileURLToPath(new URL("../../dist/bench/", import.meta.url));
const SYNTH = join(DIST, "synth-cli.js");
const BENCH = join(DIST, "bench-cli.js");

function run(script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [script, ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "vpcreach-bench-cli-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe.skipIf(!existsSync(SYNTH))("npm run synth", () => {
  it("writes a small estate as account/Region folders of describe-* JSON", async () => {
    const out = join(root, "small");
    const result = run(SYNTH, ["--size", "small", "--seed", "cli", "--out", out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("wrote small estate (seed cli)");
    expect(result.stdout).toContain("notebooks 100");
    const [account] = await readdir(out);
    expect(account).toMatch(/^\d{12}$/);
    const files = await readdir(join(out, account!, "us-east-1"));
    expect(files).toEqual(expect.arrayContaining(["describe-vpcs.json", "describe-network-interfaces.json", "sagemaker", "vpc-attributes"]));
  });

  it("refuses to replace an existing folder without --force (exit 2)", () => {
    const result = run(SYNTH, ["--size", "small", "--seed", "cli", "--out", join(root, "small")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("already exists (use --force to replace it)");
  });

  it("rejects an unknown size and a missing --out (exit 2)", () => {
    const bad = run(SYNTH, ["--size", "huge", "--out", join(root, "x")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('expected small, medium or large, got "huge"');
    expect(run(SYNTH, ["--size", "small"]).status).toBe(2);
  });
});

const CLI = fileURLToPath(new URL("../../dist/cli/vpcreach.js", import.meta.url));
const WATCH = join(DIST, "watch-imports.js");

describe.skipIf(!existsSync(CLI) || !existsSync(WATCH))("vpcreach query start-up (issues 9 and 18)", () => {
  it("loads neither the AWS SDK, Mermaid, a browser, iam-simulate, ajv nor yaml: empty cache, cached, or --no-cache", async () => {
    const { readFile } = await import("node:fs/promises");
    const fixture = fileURLToPath(new URL("../../fixtures/ml-platform", import.meta.url));
    const cache = join(root, "xdg-cache");
    // The first run reads and validates the snapshot and stores it; the second loads it from the
    // cache; the third reads it again with the global flag before the command name.
    const runs: [string, string[]][] = [["empty cache", []], ["cached", []], ["no cache", ["--no-cache"]]];
    for (const [state, flags] of runs) {
      const log = join(root, `imports-${state}.log`);
      const result = spawnSync(process.execPath, ["--import", WATCH, CLI, ...flags, "query", "--snapshot", fixture, "--from", "research-notebook", "--to", "s3"], {
        encoding: "utf8",
        env: { ...process.env, VPCREACH_IMPORT_LOG: log, XDG_CACHE_HOME: cache },
      });
      expect(result.status, result.stderr).toBe(0);
      expect(await readFile(log, "utf8").catch(() => ""), state).toBe("");
    }
  });

  it("the import watcher does see heavy modules when they are loaded", async () => {
    const { readFile } = await import("node:fs/promises");
    const log = join(root, "imports-positive.log");
    const result = spawnSync(process.execPath, ["--import", WATCH, "-e", 'await import("mermaid").catch(() => undefined)', "--input-type=module"], {
      encoding: "utf8",
      cwd: fileURLToPath(new URL("../../", import.meta.url)),
      env: { ...process.env, VPCREACH_IMPORT_LOG: log },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(await readFile(log, "utf8")).toContain("node_modules/mermaid/");
  });
});

describe.skipIf(!existsSync(BENCH))("npm run bench", () => {
  it("--json prints one object with every documented key", () => {
    const result = run(BENCH, ["--size", "small", "--json", "--no-e2e", "--queries", "5", "--cache", join(root, "cache")]);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    for (const key of ["size", "bytes", "floorMs", "loadMs", "buildMs", "auditMs", "verdicts", "queryP50Ms", "queryP99Ms", "peakRssMb"]) {
      expect(report, key).toHaveProperty(key);
    }
    expect(report).toMatchObject({ size: "small", verdicts: 400, queries: 5, queryErrors: 0 });
    for (const key of ["floorMs", "loadMs", "buildMs", "auditMs", "peakRssMb"]) expect(typeof report[key]).toBe("number");
  });

  it("--startup --json prints the paired start-up runs: floor, empty cache, cached", () => {
    const result = run(BENCH, ["--startup", "--runs", "1", "--json"]);
    expect(result.status, result.stderr).toBe(0);
    const startup = JSON.parse(result.stdout) as Record<string, { medianMs: number; aboveFloorMs: number; exitCodes: number[] }> & { runs: number; heavyImports: string[] };
    expect(startup.runs).toBe(1);
    for (const key of ["floor", "first", "cached"]) {
      expect(startup[key]!.medianMs, key).toBeGreaterThan(0);
      expect(startup[key]!.exitCodes, key).toEqual([0]);
    }
    expect(startup.first!.aboveFloorMs).toBe(startup.first!.medianMs - startup.floor!.medianMs);
    expect(startup.heavyImports).toEqual([]);
  });

  it("--report renders a saved result without running anything", async () => {
    const { writeFile } = await import("node:fs/promises");
    const saved = join(root, "saved.json");
    const result = run(BENCH, ["--size", "small", "--json", "--no-e2e", "--queries", "3", "--cache", join(root, "cache")]);
    await writeFile(saved, result.stdout);
    const rendered = run(BENCH, ["--report", saved]);
    expect(rendered.status, rendered.stderr).toBe(0);
    expect(rendered.stdout.split("\n")[0]).toBe("| | small |");
  });

  it("asks for --size or --report (exit 2)", () => {
    const result = run(BENCH, []);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("give --size");
  });

  it("rejects an unknown size (exit 2)", () => {
    const result = run(BENCH, ["--size", "tiny"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('expected small, medium, large or all, got "tiny"');
  });
});
