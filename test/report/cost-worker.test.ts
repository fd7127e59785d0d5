/**
 * The report's cost estimate made in a worker thread beside the report (`estimateInWorker`, built
 * into dist/: run `npm run build` first) is the estimate made in the report's own thread, and a worker
 * that cannot make it, or a machine with one core, leaves the estimate to that thread.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { parseTrafficSpec } from "../../src/cost/traffic.js";
import { costOrError, type CostJob, type PendingCost } from "../../src/report/cost-estimate.js";
import { loadModel } from "../../src/snapshot/load.js";
import { ROOT } from "../robustness/cli.js";

/** The built module: its worker file is beside it only in dist/. */
async function builtEstimateInWorker(): Promise<(job: CostJob, cores?: number) => PendingCost> {
  const built = (await import(join(ROOT, "dist/src/report/cost-estimate.js"))) as { estimateInWorker: (job: CostJob, cores?: number) => PendingCost };
  return built.estimateInWorker;
}

const TRAFFIC = { default: parseTrafficSpec("internet=200,s3=1000,sagemaker=300"), perVpc: {} };

describe("the cost estimate in a worker thread", () => {
  it("is the estimate made in this thread, for estates with and without transit gateways", async () => {
    const estimateInWorker = await builtEstimateInWorker();
    for (const fixture of ["ml-platform", "hub-and-spoke", "nat-notebook"]) {
      const pending = estimateInWorker({ snapshots: [`fixtures/${fixture}`], cache: false, options: { traffic: TRAFFIC } }, 2);
      const section = await pending.result;
      await pending.stop();
      const here = costOrError(createAnalyzer(await loadModel(`fixtures/${fixture}`)), { traffic: TRAFFIC });
      expect(section, fixture).toBeDefined();
      expect(JSON.stringify(section), fixture).toBe(JSON.stringify(here));
    }
  });

  it("gives nothing when its worker cannot load the snapshot, so the report's thread estimates", async () => {
    const estimateInWorker = await builtEstimateInWorker();
    const pending = estimateInWorker({ snapshots: ["fixtures/no-such-network"], cache: false, options: {} }, 2);
    expect(await pending.result).toBeUndefined();
    await pending.stop();
  });

  it("is not started on one core (it would only add a second load): the report's thread estimates", async () => {
    const estimateInWorker = await builtEstimateInWorker();
    const pending = estimateInWorker({ snapshots: ["fixtures/ml-platform"], cache: false, options: { traffic: TRAFFIC } }, 1);
    expect(await pending.result).toBeUndefined();
    await pending.stop();
  });
});
