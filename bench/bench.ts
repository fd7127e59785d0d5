/**
 * The in-process benchmark of issue 9 for one estate: floor (read + JSON.parse of the same files),
 * `loadModel` (without the snapshot cache), `createAnalyzer` (index and graph build), the full audit
 * (`runAudit`: every notebook × the four standard destinations, with proofs), 200 single queries
 * (p50/p99) and the process's peak RSS. Timings use `performance.now()`; nothing here is asserted by tests.
 */
import { loadavg } from "node:os";
import { loadModel } from "../src/snapshot/load.js";
import { modelCacheEnabled, setModelCache } from "../src/snapshot/cache.js";
import { createAnalyzer, STANDARD_DESTINATIONS } from "../src/engine/index.js";
import { runAudit } from "../src/engine/audit.js";
import { Prng } from "./aws/prng.js";
import { ensureEstate, measureFloor } from "./estate.js";
import type { EstateSize } from "./synth.js";

export interface BenchResult {
  size: EstateSize | string;
  /** Bytes of JSON read. */
  bytes: number;
  files: number;
  floorMs: number;
  loadMs: number;
  buildMs: number;
  auditMs: number;
  /** Verdicts the audit produced (rows × destinations). */
  verdicts: number;
  findings: number;
  queries: number;
  queryP50Ms: number;
  queryP99Ms: number;
  /** Queries that threw (an input error would be a benchmark bug). */
  queryErrors: number;
  peakRssMb: number;
  /** CPU time (user + system) of each phase: robust when other processes compete for the cores. */
  cpu: { floorMs: number; loadMs: number; buildMs: number; auditMs: number };
  /** 1-minute load average when the run ended (this machine has 2 cores). */
  loadAverage: number;
  /** Set when the estate had to be generated first (not part of any timing). */
  generatedMs?: number;
}

export interface BenchOptions {
  size: EstateSize;
  seed: string;
  cache?: string;
  /** Number of single queries (default 200). */
  queries?: number;
  /** Benchmark this folder instead of a synthetic estate. */
  dir?: string;
}

/**
 * The value at quantile `q` of `samples` (nearest rank).
 *
 * @param samples - measurements, any order
 * @param q - in (0, 1]
 */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Wall and CPU time of an async or sync step. */
async function timed<T>(step: () => T | Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await step();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * Runs every in-process measurement on one estate.
 *
 * @param options - size, seed, cache folder, query count, or an explicit folder
 */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  let dir = options.dir;
  let generatedMs: number | undefined;
  if (!dir) {
    const started = performance.now();
    const estate = await ensureEstate(options.size, options.seed, options.cache);
    dir = estate.dir;
    if (estate.generated) generatedMs = performance.now() - started;
  }
  // One untimed pass so the floor and the load both read from a warm page cache.
  await measureFloor(dir);
  const floor = await timed(() => measureFloor(dir));
  // The load that parses and validates: through the user's snapshot cache it would be a hit or a
  // miss (and a store) by the cache's history (the CLI's runs of bench/e2e.ts measure the cache).
  const caching = modelCacheEnabled();
  setModelCache(false);
  const load = await timed(() => loadModel(dir)).finally(() => setModelCache(caching));
  const model = load.value;
  const build = await timed(() => createAnalyzer(model));
  const analyzer = build.value;
  const auditRun = await timed(() => runAudit(analyzer));
  const audit = auditRun.value;
  const verdicts = audit.rows.reduce((n, row) => n + Object.keys(row.cells).length, 0);

  const notebooks = [...model.notebooks.keys()];
  const destinations = [...STANDARD_DESTINATIONS, "8.8.8.8", "service:sts"];
  const rng = new Prng(`bench-queries:${options.seed}`);
  const samples: number[] = [];
  let queryErrors = 0;
  const count = options.queries ?? 200;
  for (let i = 0; i < count && notebooks.length > 0; i++) {
    const from = rng.pick(notebooks);
    const to = rng.pick(destinations);
    const t = performance.now();
    try {
      analyzer.query({ from, to });
    } catch {
      queryErrors++;
    }
    samples.push(performance.now() - t);
  }

  return {
    size: options.dir ? options.dir : options.size,
    bytes: floor.value.bytes,
    files: floor.value.files,
    floorMs: round(floor.ms),
    loadMs: round(load.ms),
    buildMs: round(build.ms),
    auditMs: round(auditRun.ms),
    verdicts,
    findings: audit.findings.length,
    queries: samples.length,
    queryP50Ms: round(percentile(samples, 0.5) * 100) / 100,
    queryP99Ms: round(percentile(samples, 0.99) * 100) / 100,
    queryErrors,
    // maxRSS is in kilobytes.
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cpu: { floorMs: round(floor.cpuMs), loadMs: round(load.cpuMs), buildMs: round(build.cpuMs), auditMs: round(auditRun.cpuMs) },
    loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
    ...(generatedMs !== undefined ? { generatedMs: Math.round(generatedMs) } : {}),
  };
}
