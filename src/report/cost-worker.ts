/**
 * The worker thread of `estimateInWorker` (src/report/cost-estimate.ts): loads the snapshot as the
 * report's own thread does and posts back the cost section. An error loading the snapshot is thrown
 * out of the worker, and the report's thread then estimates itself.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createAnalyzer } from "../engine/index.js";
import { setModelCache } from "../snapshot/cache.js";
import { loadModels } from "../snapshot/load.js";
import { costOrError, type CostJob } from "./cost-estimate.js";

const job = workerData as CostJob;
setModelCache(job.cache);
const analyzer = createAnalyzer(await loadModels(job.snapshots));
parentPort?.postMessage(costOrError(analyzer, job.options));
