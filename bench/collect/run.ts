/**
 * Collection at estate scale (issue 18, item 4): `node dist/bench/collect/run.js [--size large]
 * [--latency 20]`. Serves the cached synthetic estate from the loopback AWS stand-in (its own process,
 * every answer delayed by `--latency` ms) and runs the built `vpcreach collect` against it — several
 * accounts through an assumed role, each account's Regions — for growing shares of the estate (one
 * account and Region, one account's Regions, every account in one Region, everything). For each: wall
 * time, requests sent, requests sent twice (must be 0), the collector's peak memory (GNU time's maximum
 * resident set), and the snapshot's size (`--whole-only`: only the last). Results go to stdout and
 * bench/results/collect-<size>.json.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { Command, InvalidArgumentError } from "commander";
import { awsTestEnv, childEnv } from "../../test/collect/aws-env.js";
import { ensureEstate } from "../estate.js";
import { DEFAULT_SEED, SIZES, type EstateSize } from "../synth.js";

const CLI = resolve("dist/cli/vpcreach.js");
const STANDIN = resolve("dist/bench/collect/standin.js");
const TIME = "/usr/bin/time";
const TARGET_MS = 60_000;

interface Row {
  share: string;
  accounts: number;
  regions: number;
  ms: number;
  /** The collector's CPU time (user + system), from GNU time. */
  cpuMs: number | undefined;
  requests: number;
  repeated: number;
  /** The stand-in's CPU time serving them (AWS's side, on this machine too). */
  standinCpuMs: number;
  peakMb: number | undefined;
  snapshotMb: number;
  complete: boolean;
}

function positive(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new InvalidArgumentError(`expected a number, got "${value}"`);
  return number;
}

/** The stand-in: started, its URL and accounts read from its first line. */
async function startStandin(dir: string, latency: number): Promise<{ url: string; accounts: string[]; ask: (line: string) => Promise<string>; stop: () => void }> {
  const child = spawn(process.execPath, [STANDIN, dir, String(latency)], { stdio: ["pipe", "pipe", "inherit"] });
  const lines: Interface = createInterface({ input: child.stdout });
  const next = (): Promise<string> => new Promise((resolveLine) => lines.once("line", resolveLine));
  const ready = await next();
  const [, url, accounts] = ready.split(" ");
  if (!ready.startsWith("READY") || !url || !accounts) throw new Error(`stand-in did not start: ${ready}`);
  return {
    url,
    accounts: accounts.split(","),
    ask: (line) => {
      const answer = next();
      child.stdin.write(`${line}\n`);
      return answer;
    },
    stop: () => child.stdin.end(),
  };
}

/** Runs the built CLI once under GNU time (when present); resolves with its wall time, peak RSS and JSON summary. */
function runCollect(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; cpuMs: number | undefined; peakMb: number | undefined; summary: { complete: boolean; regions: string[] } }> {
  const timed = existsSync(TIME);
  const command = timed ? TIME : process.execPath;
  const argv = timed ? ["-f", "PEAK_KB %M CPU %U %S", process.execPath, CLI, ...args] : [CLI, ...args];
  const started = performance.now();
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, argv, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      if (code !== 0 && code !== 4) return reject(new Error(`collect exited ${code}: ${stderr}`));
      const measured = /PEAK_KB (\d+) CPU ([\d.]+) ([\d.]+)/.exec(stderr);
      resolveRun({
        ms,
        cpuMs: measured ? (Number(measured[2]) + Number(measured[3])) * 1000 : undefined,
        peakMb: measured ? Number(measured[1]) / 1024 : undefined,
        summary: JSON.parse(stdout) as { complete: boolean; regions: string[] },
      });
    });
  });
}

const program = new Command()
  .name("collect-bench")
  .option("--size <size>", "small, medium or large", "large")
  .option("--seed <seed>", "estate seed", DEFAULT_SEED)
  .option("--latency <ms>", "delay of every answer of the stand-in", positive, 20)
  .option("--concurrency <n>", "collect --concurrency", "4")
  .option("--parallel <n>", "collect --parallel", "4")
  .option("--whole-only", "collect only the whole estate (skip the growing shares)")
  .parse();
const options = program.opts<{ size: EstateSize; seed: string; latency: number; concurrency: string; parallel: string; wholeOnly?: boolean }>();
if (!(options.size in SIZES)) throw new InvalidArgumentError(`--size: expected small, medium or large, got "${options.size}"`);

const { dir } = await ensureEstate(options.size, options.seed);
const standin = await startStandin(dir, options.latency);
const work = mkdtempSync(join(tmpdir(), "vpcreach-collect-bench-"));
const env = childEnv(awsTestEnv(standin.url));
const first = standin.accounts[0] ?? "";
const shares = [
  { share: "one account, one Region", accounts: [first], regions: "us-east-1" },
  { share: "one account, its Regions", accounts: [first], regions: "all" },
  { share: "every account, one Region", accounts: standin.accounts, regions: "us-east-1" },
  { share: "every account, its Regions", accounts: standin.accounts, regions: "all" },
];
const rows: Row[] = [];
try {
  for (const share of options.wholeOnly ? shares.slice(-1) : shares) {
    await standin.ask("reset");
    const out = join(work, "estate.json");
    const args = ["collect", "--role-name", "vpcreach-bench", "--accounts", share.accounts.join(","), "--regions", share.regions, "--out", out, "--quiet", "--json"];
    const run = await runCollect([...args, "--concurrency", options.concurrency, "--parallel", options.parallel], env);
    const stats = JSON.parse(await standin.ask("stats")) as { requests: number; repeated: number; cpuMs: number };
    rows.push({
      share: share.share,
      accounts: share.accounts.length,
      regions: run.summary.regions.length,
      ms: Math.round(run.ms),
      cpuMs: run.cpuMs === undefined ? undefined : Math.round(run.cpuMs),
      requests: stats.requests,
      repeated: stats.repeated,
      standinCpuMs: stats.cpuMs,
      peakMb: run.peakMb === undefined ? undefined : Math.round(run.peakMb),
      snapshotMb: Math.round(statSync(out).size / 1e5) / 10,
      complete: run.summary.complete,
    });
    const row = rows.at(-1)!;
    console.log(
      `${row.share}: ${row.accounts} account(s), ${row.regions} Region(s): ${(row.ms / 1000).toFixed(1)} s ` +
        `(CPU ${row.cpuMs === undefined ? "?" : (row.cpuMs / 1000).toFixed(1)} s), ${row.requests} requests ` +
        `(${row.repeated} sent twice; stand-in CPU ${(row.standinCpuMs / 1000).toFixed(1)} s), peak ${row.peakMb ?? "?"} MB, snapshot ${row.snapshotMb} MB, ${row.complete ? "complete" : "INCOMPLETE"}`,
    );
  }
} finally {
  standin.stop();
  rmSync(work, { recursive: true, force: true });
}
const whole = rows.at(-1);
const holds = whole !== undefined && whole.ms < TARGET_MS && whole.repeated === 0 && whole.complete;
console.log(`target: the whole ${options.size} estate in under ${TARGET_MS / 1000} s at ${options.latency} ms per request, no request twice: ${holds ? "holds" : "misses"}`);
const result = { date: new Date().toISOString(), loadAverage: loadavg()[0], size: options.size, seed: options.seed, latencyMs: options.latency, concurrency: Number(options.concurrency), parallel: Number(options.parallel), rows, targetMs: TARGET_MS, holds };
writeFileSync(join("bench", "results", `collect-${options.size}.json`), `${JSON.stringify(result, null, 2)}\n`);
