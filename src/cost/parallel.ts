/**
 * The cost estimate spread over worker threads (`vpcreach cost --jobs`): its units, each VPC's
 * alternatives and each Region's shared designs, are independent, and on the large synthetic estate
 * they are nearly all of the command's work (about 22 s of 24 on one core: 1,000 VPCs at ~10 ms, three
 * Regions at ~4 s). The pool (src/parallel/snapshot-pool.ts) gives the results in the units' order, so
 * the estimate is the same whatever the number of threads.
 *
 * Workers are started only when they pay: each loads the snapshot again (its CPU, and a second model in
 * memory), so a small estate is estimated in the main thread (`MIN_SPREAD_BYTES`), as is one on a
 * machine with a single core; and a run with fewer than two units (`--vpc`, `--no-alternatives`)
 * stops its workers and estimates here (`vpcreach cost --vpc` does not start them).
 */
import { availableParallelism } from "node:os";
import type { Analyzer } from "../engine/index.js";
import { defaultJobs, openSnapshotPool, snapshotBytes, workersFor, type SnapshotPool } from "../parallel/snapshot-pool.js";
import { estimateCostsWith, runUnitsHere, type CostEstimate, type CostOptions, type CostUnit, type CostUnitResult, type CostUnitSetup } from "./index.js";

/**
 * Threads at most by default: each worker holds its own model (about 0.5–1 GB on the large synthetic
 * estate), and the units of three Regions bound the speed-up well before this.
 */
export const MAX_DEFAULT_JOBS = 4;

/**
 * Inputs smaller than this are estimated in the main thread: below it a worker's start and load cost
 * more than the share of the units it would take (measured, docs/performance.md "Cost in parallel").
 */
export const MIN_SPREAD_BYTES = 4_000_000;

/** The pool's inputs. */
export interface CostPoolOptions {
  /** The `--snapshot` inputs. */
  snapshots: readonly string[];
  /** Whether the snapshot cache is on; workers read it but never write it. */
  cache: boolean;
  /** Threads in all, the main thread included (`--jobs`; default `defaultCostJobs()`). */
  jobs: number;
  /** Inputs smaller than this stay in the main thread (default `MIN_SPREAD_BYTES`; tests lower it). */
  minBytes?: number;
  /** The cores this process may use (default `availableParallelism()`). */
  cores?: number;
}

/** `--jobs`' default: one thread per core but one, at most `MAX_DEFAULT_JOBS`; one thread on two cores or fewer (`defaultJobs`). */
export function defaultCostJobs(): number {
  return defaultJobs(MAX_DEFAULT_JOBS);
}

/**
 * Starts the estimate's worker threads loading the snapshot now, or gives none when they would not
 * pay (one job, one core, small inputs). Call before the main thread loads, so the loads overlap.
 *
 * @param options - inputs, cache setting, jobs, threshold
 */
export async function openCostPool(options: CostPoolOptions): Promise<SnapshotPool | undefined> {
  const workers = workersFor(options.jobs);
  if (workers === 0 || (options.cores ?? availableParallelism()) < 2) return undefined;
  if ((await snapshotBytes(options.snapshots)) < (options.minBytes ?? MIN_SPREAD_BYTES)) return undefined;
  return openSnapshotPool({ worker: new URL("./cost-pool-worker.js", import.meta.url), snapshots: options.snapshots, cache: options.cache, workers });
}

/**
 * `estimateCosts`, its units spread over the pool and this thread; without a pool, or with fewer than
 * two units, all in this thread. The estimate is the same either way.
 *
 * @param analyzer - the engine on the snapshot's model
 * @param options - as `estimateCosts`
 * @param pool - from `openCostPool` (the caller closes it)
 */
export function estimateCostsInPool(analyzer: Analyzer, options: CostOptions, pool: SnapshotPool | undefined): Promise<CostEstimate> {
  return estimateCostsWith(analyzer, options, async (setup: CostUnitSetup, units: readonly CostUnit[], here: (unit: CostUnit) => CostUnitResult) => {
    if (!pool || units.length < 2) return runUnitsHere(units, here);
    return pool.run(setup, units, here);
  });
}
