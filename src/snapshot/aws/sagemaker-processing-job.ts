/**
 * SageMaker processing jobs → `SageMakerJob` (kind `processing-job`):
 * - describe-processing-job output (one object with `ProcessingJobName`): `NetworkConfig.VpcConfig`
 *   and `NetworkConfig.EnableNetworkIsolation`,
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeProcessingJob.html
 * - list-processing-jobs output (`ProcessingJobSummaries`), which has no network settings: such a job
 *   is kept with `missingData` set so the engine answers `unknown` for it.
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProcessingJobSummary.html
 */
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";
import { jobRecord, listedOnly, readListed, readWorkloadNetwork, type JobKeys } from "./sagemaker-workload.js";

const KEYS: JobKeys = { kind: "processing-job", name: "ProcessingJobName", arn: "ProcessingJobArn", status: "ProcessingJobStatus" };

/** True when a document looks like a describe-processing-job output. */
export function isProcessingJobDocument(doc: JsonObject): boolean {
  return doc.has("ProcessingJobName") && !doc.has("ProcessingJobSummaries");
}

/**
 * Reads one describe-processing-job output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readProcessingJob(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.add("processingJobs", jobRecord(doc, ctx, KEYS, (job) => [readWorkloadNetwork(job.optObj("NetworkConfig"))]));
}

/**
 * Reads one list-processing-jobs output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readProcessingJobList(doc: JsonObject, ctx: DocContext): void {
  const missing = listedOnly("list-processing-jobs", "describe-processing-job");
  readListed(doc, ctx, "ProcessingJobSummaries", "processingJobs", "processing job", (item) => jobRecord(item, ctx, KEYS, () => [], missing));
}
