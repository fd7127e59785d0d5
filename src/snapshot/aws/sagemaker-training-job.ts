/**
 * SageMaker training jobs → `SageMakerJob` (kind `training-job`):
 * - describe-training-job output (one object with `TrainingJobName`): `VpcConfig` and
 *   `EnableNetworkIsolation`,
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html
 * - list-training-jobs output (`TrainingJobSummaries`), which has no network settings: such a job is
 *   kept with `missingData` set so the engine answers `unknown` for it.
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_TrainingJobSummary.html
 */
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";
import { jobRecord, listedOnly, readListed, readWorkloadNetwork, type JobKeys } from "./sagemaker-workload.js";

const KEYS: JobKeys = { kind: "training-job", name: "TrainingJobName", arn: "TrainingJobArn", status: "TrainingJobStatus" };

/** True when a document looks like a describe-training-job output. */
export function isTrainingJobDocument(doc: JsonObject): boolean {
  return doc.has("TrainingJobName") && !doc.has("TrainingJobSummaries");
}

/**
 * Reads one describe-training-job output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readTrainingJob(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.add("trainingJobs", jobRecord(doc, ctx, KEYS, (job) => [readWorkloadNetwork(job)]));
}

/**
 * Reads one list-training-jobs output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readTrainingJobList(doc: JsonObject, ctx: DocContext): void {
  const missing = listedOnly("list-training-jobs", "describe-training-job");
  readListed(doc, ctx, "TrainingJobSummaries", "trainingJobs", "training job", (item) => jobRecord(item, ctx, KEYS, () => [], missing));
}
