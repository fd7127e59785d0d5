/**
 * SageMaker hyperparameter tuning jobs → `SageMakerJob` (kind `tuning-job`):
 * - describe-hyper-parameter-tuning-job output (one object with `HyperParameterTuningJobName`): the
 *   `VpcConfig` and `EnableNetworkIsolation` of its `TrainingJobDefinition`, or of each of its
 *   `TrainingJobDefinitions` (one network entry per definition, named by `DefinitionName`),
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeHyperParameterTuningJob.html
 * - list-hyper-parameter-tuning-jobs output (`HyperParameterTuningJobSummaries`), which has no network
 *   settings: such a job is kept with `missingData` set so the engine answers `unknown` for it.
 */
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";
import type { WorkloadNetwork } from "../../model/types.js";
import { jobRecord, listedOnly, readListed, readWorkloadNetwork, type JobKeys } from "./sagemaker-workload.js";

const DESCRIBE = "describe-hyper-parameter-tuning-job";
const KEYS: JobKeys = { kind: "tuning-job", name: "HyperParameterTuningJobName", arn: "HyperParameterTuningJobArn", status: "HyperParameterTuningJobStatus" };

/** True when a document looks like a describe-hyper-parameter-tuning-job output. */
export function isTuningJobDocument(doc: JsonObject): boolean {
  return doc.has("HyperParameterTuningJobName") && !doc.has("HyperParameterTuningJobSummaries");
}

function definitionNetworks(record: JsonObject): WorkloadNetwork[] {
  const single = record.optObj("TrainingJobDefinition");
  const several = record.objects("TrainingJobDefinitions").map((d) => readWorkloadNetwork(d, d.optStr("DefinitionName")));
  return single ? [readWorkloadNetwork(single, several.length > 0 ? "TrainingJobDefinition" : undefined), ...several] : several;
}

/**
 * Reads one describe-hyper-parameter-tuning-job output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readTuningJob(doc: JsonObject, ctx: DocContext): void {
  const job = jobRecord(doc, ctx, KEYS, definitionNetworks);
  if (job.networks.length === 0) job.missingData = `its ${DESCRIBE} output has neither TrainingJobDefinition nor TrainingJobDefinitions`;
  ctx.builder.add("tuningJobs", job);
}

/**
 * Reads one list-hyper-parameter-tuning-jobs output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readTuningJobList(doc: JsonObject, ctx: DocContext): void {
  const missing = listedOnly("list-hyper-parameter-tuning-jobs", DESCRIBE);
  readListed(doc, ctx, "HyperParameterTuningJobSummaries", "tuningJobs", "tuning job", (item) => jobRecord(item, ctx, KEYS, () => [], missing));
}
