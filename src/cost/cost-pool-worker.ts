/**
 * The worker thread of the cost estimate's pool (src/cost/parallel.ts): loads the snapshot
 * (src/parallel/snapshot-pool.ts) and runs the units it takes, as the main thread runs them.
 */
import { serveSnapshotTasks } from "../parallel/snapshot-pool.js";
import { notebooksByVpc } from "./flows.js";
import { runCostUnit, type CostUnit, type CostUnitSetup } from "./index.js";

await serveSnapshotTasks((analyzer, setup: CostUnitSetup) => {
  const byVpc = notebooksByVpc(analyzer.index);
  return (unit: CostUnit) => runCostUnit(analyzer, byVpc, setup, unit);
});
