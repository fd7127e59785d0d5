/**
 * Worker threads that each load the same snapshot and then serve tasks: the one piece of code for
 * spreading a command's independent units of work (the cost estimate's VPCs and Regions, the audit's
 * rows, …) over the machine's cores.
 *
 * Why this shape:
 * - A model is not shared between threads (it is a graph of plain objects, Maps and caches; cloning it
 *   costs about what loading it does), so each worker loads the snapshot itself, from the same inputs,
 *   as soon as it starts: its load overlaps the main thread's. Workers read the snapshot cache but never
 *   write it (the main thread does; a miss would otherwise be serialized once per thread).
 * - The main thread takes tasks too: it already has the model, and a worker still loading would
 *   otherwise leave a core idle.
 * - One shared counter (a SharedArrayBuffer, `Atomics.add`) is the queue: whoever is free takes the next
 *   index, with no round trip through the main thread, which may be busy with a task of its own.
 *   Results are kept by index, so the answer does not depend on which thread ran what, or how many there were.
 * - A worker that fails (its load throws, it runs out of memory, a task throws in it) is dropped; every
 *   task that has no result from it is run again in the main thread, so the caller sees the main
 *   thread's result or its error, never the worker's.
 *
 * The worker side is `serveSnapshotTasks`, called by a small entry module per user (e.g.
 * src/cost/cost-pool-worker.ts), which `openSnapshotPool` starts by its URL. In the bundled CLI that module
 * is an entry of scripts/bundle-cli.mjs, written beside the chunks.
 */
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parentPort, Worker, workerData } from "node:worker_threads";
import { createAnalyzer, type Analyzer } from "../engine/index.js";
import { setModelCache, setModelCacheWrites } from "../snapshot/cache.js";
import { inputFiles } from "../snapshot/input-files.js";
import { loadModels } from "../snapshot/load.js";

/** What each worker is started with. */
interface PoolWorkerData {
  snapshots: readonly string[];
  cache: boolean;
  /** One Int32 per worker: LOADING, then READY (set by the worker) or STOPPED (set by the main thread), whichever comes first. */
  states: SharedArrayBuffer;
  slot: number;
}

/** A worker's state in `states`: still loading; loaded and serving; stopped before it was loaded. */
const LOADING = 0;
const READY = 1;
const STOPPED = 2;

/** One run's work, posted to every worker. */
interface RunMessage {
  setup: unknown;
  tasks: readonly unknown[];
  /** One Int32: the index of the next task not yet taken. */
  next: SharedArrayBuffer;
}

/** What a worker posts back. */
type WorkerMessage = { kind: "ready" } | { kind: "result"; index: number; result: unknown } | { kind: "failed"; index: number } | { kind: "done" };

export interface SnapshotPoolOptions {
  /** The worker's entry module (it calls `serveSnapshotTasks`). */
  worker: URL;
  /** The `--snapshot` inputs, as the main thread loads them. */
  snapshots: readonly string[];
  /** Whether the snapshot cache is on (`modelCacheEnabled()`); workers only read it. */
  cache: boolean;
  /** Worker threads to start, besides the main thread (0: none, every task runs in the main thread). */
  workers: number;
}

/** Worker threads loading, then serving one `run` at a time. */
export interface SnapshotPool {
  /**
   * Runs every task, in the workers and in this thread, and gives the results in the tasks' order.
   * A task that throws in this thread rejects the run (call `close`).
   *
   * @param setup - what every worker's `prepare` receives once per run (structured-cloned)
   * @param tasks - the units of work (structured-cloned to each worker)
   * @param here - runs one task in this thread; the worker's handler must give the same result
   */
  run<S, T, R>(setup: S, tasks: readonly T[], here: (task: T, index: number) => R): Promise<R[]>;
  /** Resolves once every worker has loaded the snapshot or failed, with the number serving. */
  ready(): Promise<number>;
  /** How many tasks of the last run each side ran (for measuring and tests). */
  readonly lastRun: { here: number; workers: number };
  /** Stops the workers. */
  close(): Promise<void>;
}

/** One worker and what the main thread knows of it. */
interface Member {
  worker: Worker;
  /** Its slot in the shared states. */
  slot: number;
  /** It failed or was stopped. */
  gone: boolean;
  /** Resolves with true once it has loaded, false if it goes first. */
  loaded: Promise<boolean>;
  /** Called with each message of the current run (none between runs). */
  listener: ((message: WorkerMessage) => void) | undefined;
  /** Called once when it fails or exits. */
  onGone: (() => void) | undefined;
}

/**
 * The number of worker threads for `jobs` threads in all: one less, the main thread being one of them.
 *
 * @param jobs - threads in all (`--jobs`)
 */
export function workersFor(jobs: number): number {
  return Math.max(0, Math.floor(jobs) - 1);
}

/**
 * The default number of threads: one per core but one, at most `cap`; one thread on two cores or fewer.
 * A busy JavaScript thread keeps about 0.4 of another core busy with V8's own helper threads (garbage
 * collection, compilation): measured on `vpcreach cost`, one thread used 30.7 s of CPU in 24.5 s of
 * wall, and on two cores a second thread only competes with them (docs/performance.md, "Cost in
 * parallel"). Each worker also holds its own model, so memory bounds it as much as cores do (`cap`).
 *
 * @param cap - the most threads worth their memory
 * @param cores - the cores this process may use
 */
export function defaultJobs(cap: number, cores: number = availableParallelism()): number {
  return cores <= 2 ? 1 : Math.max(1, Math.min(cap, cores - 1));
}

/**
 * The inputs' size in bytes, known before they are loaded: what a worker's load costs grows with it,
 * so a caller can tell whether workers would pay for themselves before starting them. 0 when an input
 * cannot be listed (the main thread's load then says what is wrong with it).
 *
 * @param snapshots - the `--snapshot` inputs
 */
export async function snapshotBytes(snapshots: readonly string[]): Promise<number> {
  let total = 0;
  try {
    for (const path of snapshots) for (const file of await inputFiles(path)) total += statSync(file).size;
  } catch {
    return 0;
  }
  return total;
}

/** Starts one worker and follows its state. */
function startMember(options: SnapshotPoolOptions, states: SharedArrayBuffer, slot: number): Member | undefined {
  let worker: Worker;
  try {
    worker = new Worker(options.worker, { workerData: { snapshots: options.snapshots, cache: options.cache, states, slot } satisfies PoolWorkerData });
  } catch {
    // No worker file (the sources run without a build): the main thread does the work.
    return undefined;
  }
  let settle: (loaded: boolean) => void = () => undefined;
  const loaded = new Promise<boolean>((resolve) => (settle = resolve));
  const member: Member = { worker, slot, gone: false, loaded, listener: undefined, onGone: undefined };
  const leave = (): void => {
    if (member.gone) return;
    member.gone = true;
    settle(false);
    member.onGone?.();
  };
  worker.on("message", (message: WorkerMessage) => {
    if (message.kind === "ready") settle(true);
    else member.listener?.(message);
  });
  // A load that threw, a heap out of memory, an exit: the main thread runs what it left undone.
  worker.on("error", leave);
  worker.on("exit", leave);
  return member;
}

/**
 * Runs one member's share of a run: resolves when it has taken no more tasks and posted every result,
 * or has gone (its unfinished tasks then have no result).
 */
function follow(member: Member, message: RunMessage, results: Map<number, unknown>): Promise<void> {
  if (member.gone) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const finish = (): void => {
      member.listener = undefined;
      member.onGone = undefined;
      resolve();
    };
    member.listener = (reply) => {
      if (reply.kind === "result") results.set(reply.index, reply.result);
      else if (reply.kind === "done") finish();
      // "failed": no result, so the main thread runs the task again and meets the error itself.
    };
    member.onGone = finish;
    member.worker.postMessage(message);
  });
}

/**
 * Starts `options.workers` worker threads loading the snapshot now; `run` then spreads tasks over
 * them and this thread.
 *
 * @param options - the worker module, the inputs, the cache setting, how many workers
 */
export function openSnapshotPool(options: SnapshotPoolOptions): SnapshotPool {
  const count = Math.max(0, options.workers);
  const states = new SharedArrayBuffer(4 * Math.max(1, count));
  const state = new Int32Array(states);
  const members = Array.from({ length: count }, (_, slot) => startMember(options, states, slot)).filter((m): m is Member => m !== undefined);
  // Its "exit" event then marks it gone and ends its share of a run.
  const stop = async (member: Member): Promise<void> => {
    await member.worker.terminate();
  };
  const lastRun = { here: 0, workers: 0 };
  return {
    lastRun,
    async ready(): Promise<number> {
      return (await Promise.all(members.map((m) => m.loaded))).filter(Boolean).length;
    },
    async run<S, T, R>(setup: S, tasks: readonly T[], here: (task: T, index: number) => R): Promise<R[]> {
      const next = new Int32Array(new SharedArrayBuffer(4));
      const message: RunMessage = { setup, tasks, next: next.buffer as SharedArrayBuffer };
      const fromWorkers = new Map<number, unknown>();
      const following = members.map((m) => follow(m, message, fromWorkers));
      const results = new Map<number, R>();
      for (let index = Atomics.add(next, 0, 1); index < tasks.length; index = Atomics.add(next, 0, 1)) {
        results.set(index, here(tasks[index] as T, index));
      }
      // Every task is taken. A worker still loading would only finish its load to find none left:
      // stop it (it serves nothing once marked, so it has taken no task).
      await Promise.all(members.filter((m) => !m.gone && Atomics.compareExchange(state, m.slot, LOADING, STOPPED) === LOADING).map(stop));
      await Promise.all(following);
      lastRun.here = tasks.length - fromWorkers.size;
      lastRun.workers = fromWorkers.size;
      return tasks.map((task, index) => {
        if (results.has(index)) return results.get(index) as R;
        return fromWorkers.has(index) ? (fromWorkers.get(index) as R) : here(task, index);
      });
    },
    async close(): Promise<void> {
      await Promise.all(members.filter((m) => !m.gone).map(stop));
    },
  };
}

/**
 * The worker side: loads the snapshot the pool was opened on, then serves each run with the handler
 * `prepare` makes from the run's setup. Called at the top level of a worker entry module.
 *
 * @param prepare - given the engine on this thread's model and the run's setup, gives the function
 *   that runs one task (it must give what the main thread's `here` gives for the same task)
 */
export async function serveSnapshotTasks<S, T, R>(prepare: (analyzer: Analyzer, setup: S) => (task: T, index: number) => R): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("serveSnapshotTasks runs in a worker thread");
  const data = workerData as PoolWorkerData;
  setModelCache(data.cache);
  setModelCacheWrites(false);
  const analyzer = createAnalyzer(await loadModels(data.snapshots));
  // Stopped while loading (the main thread ran every task): serve nothing; it is being terminated.
  if (Atomics.compareExchange(new Int32Array(data.states), data.slot, LOADING, READY) !== LOADING) return;
  const post = (message: WorkerMessage): void => port.postMessage(message);
  port.on("message", (run: RunMessage) => {
    const handle = prepare(analyzer, run.setup as S);
    const next = new Int32Array(run.next);
    for (let index = Atomics.add(next, 0, 1); index < run.tasks.length; index = Atomics.add(next, 0, 1)) {
      let result: R;
      try {
        result = handle(run.tasks[index] as T, index);
      } catch {
        post({ kind: "failed", index });
        continue;
      }
      post({ kind: "result", index, result });
    }
    post({ kind: "done" });
  });
  post({ kind: "ready" });
}
