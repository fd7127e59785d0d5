/**
 * End-to-end measurements of the built CLI as a user runs it: wall time from process start to exit
 * and the child's peak RSS (through GNU time's `%M`, when /usr/bin/time exists), for
 * `vpcreach audit --snapshot DIR --json` on an estate (without the snapshot cache, storing its entry,
 * and through it), and `vpcreach query` start-up on a fixture against Node's own (`node -e 0`), with
 * and without the snapshot cache; and which heavy packages
 * (AWS SDK, Mermaid, browsers, iam-simulate, ajv, yaml) a query imports.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { percentile } from "./bench.js";

/** The built CLI as users run it (the bundle `bin` names, dist/cli/vpcreach.js), found relative to this compiled file (dist/bench/). */
export const CLI = fileURLToPath(new URL("../cli/vpcreach.js", import.meta.url));
/** The repository's fixtures folder. */
export const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const GNU_TIME = "/usr/bin/time";
const BASH = "/bin/bash";
/**
 * Runs "$@" and writes bash's `times` (its own and its children's user and system time, to the
 * millisecond) to the file $1. GNU time prints CPU time to 10 ms only, too coarse for a start-up of
 * ~100 ms; `times` reads the same rusage with three decimals. The children are GNU time (about a
 * millisecond) and the measured node process.
 */
const TIMES_SCRIPT = 'out=$1; shift; "$@"; status=$?; times > "$out"; exit $status';

export interface ProcessRun {
  ms: number;
  exitCode: number | null;
  stdoutBytes: number;
  stderr: string;
  /** Peak RSS of the child in MB, when GNU time is available. */
  peakRssMb: number | undefined;
  /** The child's CPU time (user + system) in ms: to the millisecond through bash's `times`, else to 10 ms through GNU time, else undefined. */
  cpuMs: number | undefined;
}

/**
 * The children's user + system time from bash's `times` output (second line, e.g. `0m0.081s 0m0.023s`),
 * in ms to a tenth; undefined when it cannot be read.
 *
 * @param times - what `times` printed
 */
export function childrenCpuMs(times: string): number | undefined {
  const line = times.trim().split("\n")[1] ?? "";
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((match) => Number(match[1]) * 60_000 + Number(match[2]) * 1000);
  return parts.length === 2 ? Math.round((parts[0]! + parts[1]!) * 10) / 10 : undefined;
}

/**
 * Runs `node <args>` and measures it.
 *
 * @param args - arguments after `node`
 * @param env - extra environment variables
 */
export async function timeNode(args: string[], env: Record<string, string> = {}): Promise<ProcessRun> {
  const scratch = await mkdtemp(join(tmpdir(), "vpcreach-e2e-"));
  const timeFile = join(scratch, "time");
  const timesFile = join(scratch, "times");
  const useTime = existsSync(GNU_TIME);
  const useTimes = existsSync(BASH);
  const timed = useTime ? [GNU_TIME, "-f", "%U %S %M", "-o", timeFile, process.execPath, ...args] : [process.execPath, ...args];
  const [command, ...argv] = useTimes ? [BASH, "-c", TIMES_SCRIPT, "bash", timesFile, ...timed] : timed;
  const started = performance.now();
  const result = await new Promise<{ code: number | null; bytes: number; stderr: string }>((resolve, reject) => {
    const child = spawn(command!, argv, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let bytes = 0;
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (bytes += chunk.length));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, bytes, stderr }));
  });
  const ms = performance.now() - started;
  let peakRssMb: number | undefined;
  let cpuMs: number | undefined;
  if (useTime) {
    // GNU time prints "Command exited with non-zero status N" before the format line on failure.
    const [user, system, kb] = ((await readFile(timeFile, "utf8").catch(() => "")).trim().split("\n").pop() ?? "").split(" ").map(Number);
    if (kb !== undefined && Number.isFinite(kb) && kb > 0) peakRssMb = Math.round(kb / 1024);
    if (user !== undefined && system !== undefined && Number.isFinite(user + system)) cpuMs = Math.round((user + system) * 1000);
  }
  if (useTimes) cpuMs = childrenCpuMs(await readFile(timesFile, "utf8").catch(() => "")) ?? cpuMs;
  await rm(scratch, { recursive: true, force: true });
  return { ms, exitCode: result.code, stdoutBytes: result.bytes, stderr: result.stderr.slice(0, 2000), peakRssMb, cpuMs };
}

/** The large audit three ways: what the snapshot cache saves or costs is measured, not hidden in one number. */
export interface AuditRuns {
  /** `--no-cache`: every file read, parsed and validated, nothing stored. */
  noCache: ProcessRun;
  /** An empty cache folder: the model is built, then stored (the first command on a snapshot). */
  storing: ProcessRun;
  /** The same again: the model comes from the entry the storing run wrote (later commands on it). */
  cached: ProcessRun;
}

/**
 * `vpcreach audit --snapshot DIR --json`, process start to exit: without the cache, with an empty
 * cache folder (the run stores the entry), then through that entry. The cache folder is `cacheHome`
 * (an `XDG_CACHE_HOME`), never the user's.
 *
 * @param dir - the estate
 * @param cacheHome - an empty scratch folder; it holds the estate's entry afterwards
 */
export async function auditEndToEnd(dir: string, cacheHome: string): Promise<AuditRuns> {
  const args = [CLI, "audit", "--snapshot", dir, "--json"];
  const env = { XDG_CACHE_HOME: cacheHome };
  const noCache = await timeNode([...args, "--no-cache"], env);
  const storing = await timeNode(args, env);
  const cached = await timeNode(args, env);
  return { noCache, storing, cached };
}

/** An intents file that asks of every notebook what `audit` asks: the four standard destinations. */
const ESTATE_INTENTS = `version: 1
intents:
  - { id: internet, from: notebooks, to: internet, expect: any, never-via: internet-gateway }
  - { id: s3, from: notebooks, to: s3, expect: any, via: gateway-endpoint }
  - { id: api, from: notebooks, to: sagemaker-api, expect: any, via: interface-endpoint }
  - { id: runtime, from: notebooks, to: sagemaker-runtime, expect: any, via: interface-endpoint }
findings:
  fail-on: high
`;

/**
 * \`vpcreach check\` (notebooks × the four standard destinations, and the findings) and \`vpcreach diff\`
 * (the estate against itself: two audits, the configuration comparison and the cost), process start to exit.
 *
 * @param dir - the estate
 * @param env - e.g. the scratch `XDG_CACHE_HOME` whose entry `auditEndToEnd` wrote
 */
export async function gateEndToEnd(dir: string, env: Record<string, string> = {}): Promise<{ check: ProcessRun; diff: ProcessRun }> {
  const scratch = await mkdtemp(join(tmpdir(), "vpcreach-gate-"));
  const intents = join(scratch, "intents.yaml");
  await writeFile(intents, ESTATE_INTENTS);
  const check = await timeNode([CLI, "check", "--snapshot", dir, "--intents", intents, "--format", "json"], env);
  const diff = await timeNode([CLI, "diff", "--before", dir, "--after", dir, "--format", "json"], env);
  await rm(scratch, { recursive: true, force: true });
  return { check, diff };
}

/**
 * \`vpcreach report --no-svg\` (into a scratch folder) and \`vpcreach cost --json\` (the estate and its
 * alternatives), process start to exit (issue 17, item 5).
 *
 * @param dir - the estate
 * @param env - e.g. the scratch `XDG_CACHE_HOME` whose entry `auditEndToEnd` wrote
 */
export async function reportCostEndToEnd(dir: string, env: Record<string, string> = {}): Promise<{ report: ProcessRun; cost: ProcessRun }> {
  const scratch = await mkdtemp(join(tmpdir(), "vpcreach-report-"));
  const report = await timeNode([CLI, "report", "--snapshot", dir, "--out", join(scratch, "report"), "--no-svg", "--generated-at", "2026-01-01T00:00:00Z"], env);
  const cost = await timeNode([CLI, "cost", "--snapshot", dir, "--json"], env);
  await rm(scratch, { recursive: true, force: true });
  return { report, cost };
}

/** Medians of one command over the paired rounds of `queryStartup`. */
export interface StartupStats {
  medianMs: number;
  minMs: number;
  /** Median CPU time (user + system), when GNU time is available. */
  medianCpuMs: number | undefined;
  /** Median over the rounds of (this run − the floor run of the same round): what vpcreach adds to Node's start-up. */
  aboveFloorMs: number;
  exitCodes: (number | null)[];
}

export interface StartupTiming {
  runs: number;
  /** The 1-minute load average when the runs ended. */
  loadAverage: number;
  /** `node -e 0`: Node's own start-up and exit, the least any CLI can take. */
  floor: StartupStats;
  /** The query with an empty cache folder: the snapshot is read, validated and stored in the cache. */
  first: StartupStats;
  /** The same query again: the model comes from the snapshot cache. */
  cached: StartupStats;
  /** Packages a plain query should not load (AWS SDK, Mermaid, browsers, iam-simulate, ajv, yaml) that it loaded, with and without a cache entry. */
  heavyImports: string[];
}

/** The query whose start-up is measured: research-notebook → s3 on the ML platform fixture. */
export const STARTUP_QUERY = ["query", "--snapshot", join(FIXTURES, "ml-platform"), "--from", "research-notebook", "--to", "s3"];

function stats(runs: readonly ProcessRun[], floor: readonly ProcessRun[]): StartupStats {
  const cpu = runs.flatMap((run) => (run.cpuMs === undefined ? [] : [run.cpuMs]));
  return {
    medianMs: percentile(runs.map((run) => run.ms), 0.5),
    minMs: Math.min(...runs.map((run) => run.ms)),
    medianCpuMs: cpu.length === runs.length ? percentile(cpu, 0.5) : undefined,
    aboveFloorMs: percentile(runs.map((run, i) => run.ms - floor[i]!.ms), 0.5),
    exitCodes: runs.map((run) => run.exitCode),
  };
}

/** Heavy packages a command loads, through the import watcher (bench/watch-imports.ts). */
async function heavyImportsOf(args: string[], env: Record<string, string>): Promise<string[]> {
  const scratch = await mkdtemp(join(tmpdir(), "vpcreach-imports-"));
  const log = join(scratch, "imports.log");
  const watcher = fileURLToPath(new URL("./watch-imports.js", import.meta.url));
  await timeNode(["--import", watcher, CLI, ...args], { ...env, VPCREACH_IMPORT_LOG: log });
  const heavy = (await readFile(log, "utf8").catch(() => "")).split("\n").filter(Boolean);
  await rm(scratch, { recursive: true, force: true });
  return heavy.map((url) => url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? url);
}

/**
 * `vpcreach query` start-up, process start to exit, in paired rounds: each round runs the floor
 * (`node -e 0`), the query with an empty cache folder, and the query through a warm cache, one after
 * the other, so all three see the same load on a shared machine. The cache folder is a scratch
 * `XDG_CACHE_HOME`, never the user's.
 *
 * @param runs - rounds (the target is judged on the median of 20)
 * @param args - the query (default `STARTUP_QUERY`)
 */
export async function queryStartup(runs = 20, args: string[] = STARTUP_QUERY): Promise<StartupTiming> {
  const scratch = await mkdtemp(join(tmpdir(), "vpcreach-startup-"));
  const warm = { XDG_CACHE_HOME: join(scratch, "warm") };
  await timeNode([CLI, ...args], warm);
  const floor: ProcessRun[] = [];
  const first: ProcessRun[] = [];
  const cached: ProcessRun[] = [];
  for (let i = 0; i < runs; i++) {
    floor.push(await timeNode(["-e", "0"]));
    first.push(await timeNode([CLI, ...args], { XDG_CACHE_HOME: join(scratch, `empty-${i}`) }));
    cached.push(await timeNode([CLI, ...args], warm));
  }
  const loadAverage = Math.round((loadavg()[0] ?? 0) * 10) / 10;
  const heavy = [...(await heavyImportsOf(args, { XDG_CACHE_HOME: join(scratch, "watched") })), ...(await heavyImportsOf(args, warm))];
  await rm(scratch, { recursive: true, force: true });
  return { runs, loadAverage, floor: stats(floor, floor), first: stats(first, floor), cached: stats(cached, floor), heavyImports: [...new Set(heavy)] };
}
