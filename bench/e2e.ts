/**
 * End-to-end measurements of the built CLI as a user runs it: wall time from process start to exit
 * and the child's peak RSS (through GNU time's `%M`, when /usr/bin/time exists), for
 * `vpcreach audit --snapshot DIR --json` on an estate and `vpcreach query` on a fixture; and which
 * heavy packages (AWS SDK, Mermaid, browsers) a command imports.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { percentile } from "./bench.js";

/** The built CLI (dist/src/cli/main.js), found relative to this compiled file (dist/bench/). */
export const CLI = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));
/** The repository's fixtures folder. */
export const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const GNU_TIME = "/usr/bin/time";

export interface ProcessRun {
  ms: number;
  exitCode: number | null;
  stdoutBytes: number;
  stderr: string;
  /** Peak RSS of the child in MB, when GNU time is available. */
  peakRssMb: number | undefined;
  /** The child's CPU time (user + system) in ms, when GNU time is available. */
  cpuMs: number | undefined;
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
  const useTime = existsSync(GNU_TIME);
  const [command, argv] = useTime ? [GNU_TIME, ["-f", "%U %S %M", "-o", timeFile, process.execPath, ...args]] : [process.execPath, args];
  const started = performance.now();
  const result = await new Promise<{ code: number | null; bytes: number; stderr: string }>((resolve, reject) => {
    const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
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
  await rm(scratch, { recursive: true, force: true });
  return { ms, exitCode: result.code, stdoutBytes: result.bytes, stderr: result.stderr.slice(0, 2000), peakRssMb, cpuMs };
}

/**
 * `vpcreach audit --snapshot DIR --json`, process start to exit.
 *
 * @param dir - the estate
 */
export function auditEndToEnd(dir: string): Promise<ProcessRun> {
  return timeNode([CLI, "audit", "--snapshot", dir, "--json"]);
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
 */
export async function gateEndToEnd(dir: string): Promise<{ check: ProcessRun; diff: ProcessRun }> {
  const scratch = await mkdtemp(join(tmpdir(), "vpcreach-gate-"));
  const intents = join(scratch, "intents.yaml");
  await writeFile(intents, ESTATE_INTENTS);
  const check = await timeNode([CLI, "check", "--snapshot", dir, "--intents", intents, "--format", "json"]);
  const diff = await timeNode([CLI, "diff", "--before", dir, "--after", dir, "--format", "json"]);
  await rm(scratch, { recursive: true, force: true });
  return { check, diff };
}

export interface QueryTiming {
  medianMs: number;
  /** Median CPU time of the runs (when GNU time is available). */
  medianCpuMs: number | undefined;
  minMs: number;
  runs: number;
  exitCodes: (number | null)[];
  /** Heavy packages the query imported (should be none). */
  heavyImports: string[];
}

/**
 * `vpcreach query` on a fixture, several times (process start to exit), plus one run watching imports.
 *
 * @param runs - how many timed runs
 * @param args - the query arguments (default: research-notebook → s3 on ml-platform)
 */
export async function queryEndToEnd(runs = 7, args?: string[]): Promise<QueryTiming> {
  const queryArgs = args ?? ["query", "--snapshot", join(FIXTURES, "ml-platform"), "--from", "research-notebook", "--to", "s3"];
  const times: number[] = [];
  const cpu: number[] = [];
  const exitCodes: (number | null)[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await timeNode([CLI, ...queryArgs]);
    times.push(run.ms);
    if (run.cpuMs !== undefined) cpu.push(run.cpuMs);
    exitCodes.push(run.exitCode);
  }
  const scratch = await mkdtemp(join(tmpdir(), "vpcreach-imports-"));
  const log = join(scratch, "imports.log");
  const watcher = fileURLToPath(new URL("./watch-imports.js", import.meta.url));
  await timeNode(["--import", watcher, CLI, ...queryArgs], { VPCREACH_IMPORT_LOG: log });
  const heavy = (await readFile(log, "utf8").catch(() => "")).split("\n").filter(Boolean);
  await rm(scratch, { recursive: true, force: true });
  const packages = [...new Set(heavy.map((url) => url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? url))];
  return { medianMs: percentile(times, 0.5), medianCpuMs: cpu.length ? percentile(cpu, 0.5) : undefined, minMs: Math.min(...times), runs, exitCodes, heavyImports: packages };
}
