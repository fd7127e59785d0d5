#!/usr/bin/env node
/**
 * `npm run bench -- --size small|medium|large|all [--json] [--seed S] [--queries N] [--no-e2e]`:
 * runs bench/bench.ts on a cached synthetic estate, then (unless --no-e2e) times the built CLI end to
 * end (`vpcreach audit --snapshot DIR --json` without the snapshot cache, storing its entry and through
 * it; check, diff, report and cost through it; and `vpcreach query` start-up on fixtures/ml-platform
 * against `node -e 0`, with and without the snapshot cache), and
 * checks the targets of issue 9. `--size all` runs each size in its own process (so each peak RSS is
 * its own) and adds the medium → large growth. Prints a Markdown table, or one JSON object.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import { runBench } from "./bench.js";
import { checkTargets, startupCells, startupTargets, toTable, type SizeReport } from "./report.js";
import { auditEndToEnd, gateEndToEnd, queryStartup, reportCostEndToEnd, type StartupTiming } from "./e2e.js";
import { DEFAULT_CACHE, ensureEstate } from "./estate.js";
import { DEFAULT_SEED, SIZES, type EstateSize } from "./synth.js";


interface Options {
  size?: EstateSize | "all";
  report?: string;
  seed: string;
  json: boolean;
  queries: number;
  e2e: boolean;
  cache: string;
  startup: boolean;
  runs: number;
}

function parseSize(value: string): EstateSize | "all" {
  if (value !== "all" && !(value in SIZES)) throw new InvalidArgumentError(`expected small, medium, large or all, got "${value}"`);
  return value as EstateSize | "all";
}

/** One size, in this process. */
async function benchOne(size: EstateSize, options: Options): Promise<SizeReport> {
  const report: SizeReport = await runBench({ size, seed: options.seed, cache: options.cache, queries: options.queries });
  if (options.e2e) {
    const { dir } = await ensureEstate(size, options.seed, options.cache);
    // A scratch cache folder: the user's own would make the audit a hit or a miss by its history.
    const cacheHome = await mkdtemp(join(tmpdir(), "vpcreach-bench-cache-"));
    const cacheEnv = { XDG_CACHE_HOME: cacheHome };
    const audit = await auditEndToEnd(dir, cacheHome);
    report.e2eAuditMs = Math.round(audit.noCache.ms);
    report.e2eAuditCpuMs = audit.noCache.cpuMs;
    report.e2eAuditPeakRssMb = audit.noCache.peakRssMb;
    report.e2eAuditExitCode = audit.noCache.exitCode;
    report.e2eAuditOutputMb = Math.round(audit.noCache.stdoutBytes / 1e5) / 10;
    report.e2eAuditStoring = { ms: Math.round(audit.storing.ms), cpuMs: audit.storing.cpuMs, peakRssMb: audit.storing.peakRssMb };
    report.e2eAuditCached = { ms: Math.round(audit.cached.ms), cpuMs: audit.cached.cpuMs, peakRssMb: audit.cached.peakRssMb };
    for (const [name, run] of Object.entries(audit)) {
      if (run.exitCode !== 0 && run.exitCode !== 1) process.stderr.write(`audit (${name}) exited ${run.exitCode}: ${run.stderr}\n`);
      if (run.stdoutBytes !== audit.noCache.stdoutBytes) process.stderr.write(`audit (${name}) wrote ${run.stdoutBytes} bytes, without the cache ${audit.noCache.stdoutBytes}\n`);
    }
    const gate = await gateEndToEnd(dir, cacheEnv);
    report.e2eCheckMs = Math.round(gate.check.ms);
    report.e2eCheckCpuMs = gate.check.cpuMs;
    report.e2eDiffMs = Math.round(gate.diff.ms);
    report.e2eDiffCpuMs = gate.diff.cpuMs;
    for (const [name, run] of Object.entries(gate)) if (run.exitCode !== 0 && run.exitCode !== 1) process.stderr.write(`${name} exited ${run.exitCode}: ${run.stderr}\n`);
    const written = await reportCostEndToEnd(dir, cacheEnv);
    report.e2eReportMs = Math.round(written.report.ms);
    report.e2eReportCpuMs = written.report.cpuMs;
    report.e2eReportPeakRssMb = written.report.peakRssMb;
    report.e2eCostMs = Math.round(written.cost.ms);
    report.e2eCostCpuMs = written.cost.cpuMs;
    for (const [name, run] of Object.entries(written)) if (run.exitCode !== 0) process.stderr.write(`${name} exited ${run.exitCode}: ${run.stderr}\n`);
    await rm(cacheHome, { recursive: true, force: true });
    report.startup = await queryStartup(options.runs);
  }
  return report;
}

/** One size, in a child process (for `--size all`). */
async function benchChild(size: EstateSize, options: Options): Promise<SizeReport> {
  const self = fileURLToPath(import.meta.url);
  const args = [self, "--size", size, "--seed", options.seed, "--queries", String(options.queries), "--runs", String(options.runs), "--cache", options.cache, "--json", ...(options.e2e ? [] : ["--no-e2e"])];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`bench --size ${size} exited ${code}`))));
  });
  return JSON.parse(output) as SizeReport;
}

const program = new Command()
  .name("bench")
  .description("Benchmark vpcreach on a synthetic estate (see docs/performance.md).")
  .option("--size <size>", "small, medium, large, or all", parseSize)
  .option("--report <file>", "print the table and targets of a saved --json result instead of running")
  .option("--seed <seed>", "estate seed", DEFAULT_SEED)
  .option("--json", "print one JSON object (an array of them for --size all)", false)
  .option("--queries <n>", "single queries to time", (v) => Number.parseInt(v, 10), 200)
  .option("--no-e2e", "skip the end-to-end CLI runs")
  .option("--cache <dir>", "where generated estates are kept", DEFAULT_CACHE)
  .option("--startup", "only `vpcreach query` start-up (paired rounds, no estate)", false)
  .option("--runs <n>", "paired rounds of the start-up measurement", (v) => Number.parseInt(v, 10), 20)
  .addHelpText(
    "after",
    `
Examples:
  $ npm run bench -- --size small
  $ npm run bench -- --size large --json
  $ npm run bench -- --size all          # the table in docs/performance.md
  $ npm run bench -- --size all --json > results.json && npm run bench -- --report results.json
  $ npm run bench -- --startup           # query start-up only: floor, empty cache, cached`,
  )
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

program.parse();
const options = program.opts<Options>();
try {
  if (options.report) {
    const saved = JSON.parse(await readFile(options.report, "utf8")) as SizeReport | SizeReport[];
    printReports(Array.isArray(saved) ? saved : [saved]);
  } else if (options.startup) {
    const startup = await queryStartup(options.runs);
    if (options.json) console.log(JSON.stringify(startup, null, 2));
    else printStartup(startup);
  } else if (!options.size) {
    console.error("bench: give --size small|medium|large|all, --startup, or --report FILE");
    process.exit(2);
  } else {
    const size = options.size;
    const reports: SizeReport[] = [];
    if (size === "all") {
      for (const one of ["small", "medium", "large"] as const) {
        process.stderr.write(`bench: ${one}…\n`);
        reports.push(await benchChild(one, options));
      }
    } else {
      reports.push(await benchOne(size, options));
    }
    if (options.json) console.log(JSON.stringify(size === "all" ? reports : reports[0], null, 2));
    else printReports(reports);
  }
} catch (error) {
  console.error(`bench: ${(error as Error).stack ?? error}`);
  process.exit(1);
}

/** The table, then one line per target. */
function printReports(reports: SizeReport[]): void {
  console.log(toTable(reports));
  const targets = checkTargets(reports);
  if (targets.length > 0) console.log(`\n${targets.map((line) => `- ${line}`).join("\n")}`);
}

/** The start-up rows and targets alone (`--startup`). */
function printStartup(startup: StartupTiming): void {
  const cells = startupCells(startup);
  console.log(`| \`vpcreach query\` start-up, median of ${startup.runs} paired rounds | wall (CPU), + above the floor |\n|---|---:|`);
  console.log(`| Node start-up floor (\`node -e 0\`) | ${cells.floor} |\n| empty cache | ${cells.first} |\n| through the cache | ${cells.cached} |`);
  console.log(`\n${startupTargets(startup).map((line) => `- ${line}`).join("\n")}`);
}
