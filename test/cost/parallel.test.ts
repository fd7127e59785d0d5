/**
 * The cost estimate spread over worker threads (`estimateCostsInPool`, src/parallel/snapshot-pool.ts;
 * built into dist/: run `npm run build` first) is the estimate made in one thread, for any number of
 * threads; a unit's result does not depend on the units run before it on the same analyzer; a worker
 * that cannot load the snapshot leaves its units to the main thread; and a pool is started only when
 * it pays.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { estimateCosts, runCostUnit, type CostEstimate, type CostOptions, type CostUnit } from "../../src/cost/index.js";
import type { CostPoolOptions } from "../../src/cost/parallel.js";
import { notebooksByVpc } from "../../src/cost/flows.js";
import { loadBundledPriceTable } from "../../src/cost/price-table.js";
import { parseTrafficSpec } from "../../src/cost/traffic.js";
import { defaultJobs, type SnapshotPool } from "../../src/parallel/snapshot-pool.js";
import type { Analyzer } from "../../src/engine/index.js";
import { loadModels } from "../../src/snapshot/load.js";
import { ROOT } from "../robustness/cli.js";

interface BuiltParallel {
  openCostPool: (options: CostPoolOptions) => Promise<SnapshotPool | undefined>;
  estimateCostsInPool: (analyzer: Analyzer, options: CostOptions, pool: SnapshotPool | undefined) => Promise<CostEstimate>;
}

/** The built module: its worker file is beside it only in dist/. */
async function built(): Promise<BuiltParallel> {
  return (await import(join(ROOT, "dist/src/cost/parallel.js"))) as BuiltParallel;
}

/** Two Regions with one VPC holding notebooks each, and a Region with two (its shared designs are built). */
const ESTATE = ["fixtures/ml-platform", "fixtures/hub-and-spoke"];
const TRAFFIC = { default: parseTrafficSpec("internet=200,s3=1000,sagemaker=300"), perVpc: {} };

/** The estimate made in one thread, and with `jobs` threads (workers forced: no size threshold). */
async function bothWays(snapshots: readonly string[], options: CostOptions, jobs: number, workerInputs = snapshots): Promise<[string, string]> {
  const { openCostPool, estimateCostsInPool } = await built();
  const analyzer = createAnalyzer(await loadModels(snapshots));
  const here = JSON.stringify(estimateCosts(analyzer, options));
  const pool = await openCostPool({ snapshots: workerInputs, cache: false, jobs, minBytes: 0, cores: 4 });
  expect(pool).toBeDefined();
  try {
    // Loaded before the run, so the workers take units even of these small estates.
    await pool!.ready();
    return [here, JSON.stringify(await estimateCostsInPool(createAnalyzer(await loadModels(snapshots)), options, pool))];
  } finally {
    await pool?.close();
  }
}

describe("the cost estimate in a pool of worker threads", () => {
  it("is the estimate made in one thread, with 2 and 3 threads, with and without traffic", async () => {
    for (const jobs of [2, 3]) {
      for (const options of [{}, { traffic: TRAFFIC }, { traffic: TRAFFIC, region: "us-east-1" }]) {
        const [here, pooled] = await bothWays(ESTATE, options, jobs);
        expect(JSON.parse(here).sharedDesigns.some((s: { designs: unknown[] }) => s.designs.length > 0)).toBe(true);
        expect(pooled, `${jobs} threads, ${JSON.stringify(options)}`).toBe(here);
      }
    }
  });

  it("gives each unit the same result whatever ran before it on the same analyzer (units in reverse order)", async () => {
    const model = await loadModels(ESTATE);
    const forward = createAnalyzer(model);
    const setup = { prices: loadBundledPriceTable(), traffic: TRAFFIC, services: [] };
    const byVpc = notebooksByVpc(forward.index);
    const regions = [...new Set([...byVpc.values()].map((n) => n[0]!.scope.region))].sort();
    const units: CostUnit[] = [
      ...regions.map((region): CostUnit => ({ kind: "region", region, vpcIds: [...byVpc].filter(([, n]) => n[0]!.scope.region === region).map(([id]) => id) })),
      ...[...byVpc.keys()].map((vpcId): CostUnit => ({ kind: "vpc", vpcId })),
    ];
    expect(units.length).toBeGreaterThan(4);
    const inOrder = units.map((unit) => JSON.stringify(runCostUnit(forward, byVpc, setup, unit)));
    const backward = createAnalyzer(await loadModels(ESTATE));
    const reversed = [...units].reverse().map((unit) => JSON.stringify(runCostUnit(backward, notebooksByVpc(backward.index), setup, unit))).reverse();
    expect(reversed).toEqual(inOrder);
  });

  it("runs in the main thread the units of workers that cannot load the snapshot", async () => {
    const [here, pooled] = await bothWays(ESTATE, { traffic: TRAFFIC }, 3, ["fixtures/no-such-network"]);
    expect(pooled).toBe(here);
  });

  it("gives the single-thread results from units the workers ran (this thread slowed so that they take most)", async () => {
    const { openCostPool } = await built();
    const analyzer = createAnalyzer(await loadModels(ESTATE));
    const setup = { prices: loadBundledPriceTable(), traffic: TRAFFIC, services: [] };
    const byVpc = notebooksByVpc(analyzer.index);
    const units: CostUnit[] = [
      { kind: "region", region: "us-east-1", vpcIds: [...byVpc].filter(([, n]) => n[0]!.scope.region === "us-east-1").map(([id]) => id) },
      ...[...byVpc.keys()].map((vpcId): CostUnit => ({ kind: "vpc", vpcId })),
    ];
    const expected = units.map((unit) => JSON.stringify(runCostUnit(analyzer, byVpc, setup, unit)));
    const pool = await openCostPool({ snapshots: ESTATE, cache: false, jobs: 3, minBytes: 0, cores: 4 });
    try {
      expect(await pool!.ready()).toBe(2);
      const pause = new Int32Array(new SharedArrayBuffer(4));
      const results = await pool!.run(setup, units, (unit: CostUnit) => {
        Atomics.wait(pause, 0, 0, 200);
        return runCostUnit(analyzer, byVpc, setup, unit);
      });
      expect(pool!.lastRun.workers).toBeGreaterThan(0);
      expect(results.map((r) => JSON.stringify(r))).toEqual(expected);
    } finally {
      await pool?.close();
    }
  });

  it("defaults to one thread per core but one, at most the cap, and to one thread on two cores or fewer", () => {
    expect([1, 2, 3, 4, 8, 64].map((cores) => defaultJobs(4, cores))).toEqual([1, 1, 2, 3, 4, 4]);
  });

  it("starts no workers for one job, one core, or inputs below the size threshold", async () => {
    const { openCostPool } = await built();
    expect(await openCostPool({ snapshots: ESTATE, cache: false, jobs: 1, minBytes: 0, cores: 4 })).toBeUndefined();
    expect(await openCostPool({ snapshots: ESTATE, cache: false, jobs: 4, minBytes: 0, cores: 1 })).toBeUndefined();
    expect(await openCostPool({ snapshots: ESTATE, cache: false, jobs: 4, cores: 4 })).toBeUndefined();
  });
});
