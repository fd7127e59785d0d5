/**
 * The report's cost estimate, in this thread or in a worker thread beside it. The estimate is about
 * half of a large report's work and reads nothing the rest of the report computes, so `vpcreach
 * report` runs it in a worker (src/report/cost-worker.ts) on its own load of the snapshot while this
 * thread audits and draws: on two cores the report takes about as long as the longer of the two
 * instead of their sum. The worker's estimate is the same object `estimateCosts` gives here (the same
 * snapshot, options and code; it crosses threads as a structured clone of plain data).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Analyzer } from "../engine/index.js";
import { estimateCosts, type CostEstimate, type CostOptions } from "../cost/index.js";

/** The cost section's data: the estimate, or why there is none. */
export type CostSection = CostEstimate | { error: string };

/**
 * The estimate, or the error that stopped it: a Region missing from the price table must not sink
 * the whole report; the section says why.
 *
 * @param analyzer - the analyzer over the snapshot's model
 * @param options - traffic assumptions and prices
 */
export function costOrError(analyzer: Analyzer, options: CostOptions): CostSection {
  try {
    return estimateCosts(analyzer, options);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** What the worker is given: the `--snapshot` inputs, whether the snapshot cache is on, and the estimate's options. */
export interface CostJob {
  snapshots: readonly string[];
  cache: boolean;
  options: CostOptions;
}

/** An estimate being made in a worker thread. */
export interface PendingCost {
  /** The cost section, or undefined when the worker could not make it (the caller estimates in its own thread). */
  result: Promise<CostSection | undefined>;
  /** Stops the worker if it is still running (the report failed before it needed the estimate). */
  stop(): Promise<void>;
}

/** No worker: the caller estimates in its own thread. */
const IN_THIS_THREAD: PendingCost = { result: Promise.resolve(undefined), stop: async () => undefined };

/**
 * Starts the estimate in a worker thread, when there is a second core for it: on one core the worker
 * would only add its own load of the snapshot and a second heap (measured: 10–14 s more CPU on the
 * large estate) without finishing sooner.
 *
 * @param job - the inputs and options (structured-cloned to the worker)
 * @param cores - the cores this process may use
 */
export function estimateInWorker(job: CostJob, cores: number = availableParallelism()): PendingCost {
  if (cores < 2) return IN_THIS_THREAD;
  let worker: Worker;
  try {
    worker = new Worker(new URL("./cost-worker.js", import.meta.url), { workerData: job });
  } catch {
    // No worker file next to this module (the sources run without a build): estimate in this thread.
    return IN_THIS_THREAD;
  }
  const result = new Promise<CostSection | undefined>((resolve) => {
    worker.once("message", (section: CostSection) => resolve(section));
    // The worker failed outside the estimate (its load of the snapshot, memory): this thread estimates instead.
    worker.once("error", () => resolve(undefined));
    worker.once("exit", () => resolve(undefined));
  });
  return {
    result,
    stop: async () => {
      await worker.terminate();
    },
  };
}
