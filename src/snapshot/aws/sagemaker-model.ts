/**
 * SageMaker models → `SageMakerModel`:
 * - describe-model output (one object with `ModelName`): `VpcConfig` and `EnableNetworkIsolation`,
 *   which decide where the containers of every endpoint hosting the model run,
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModel.html
 * - list-models output (`Models`), which has no network settings: such a model is kept with
 *   `missingData` set so the engine answers `unknown` for it.
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ModelSummary.html
 */
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";
import { listedOnly, readListed, readWorkloadNetwork, workloadIdentity } from "./sagemaker-workload.js";

/** True when a document looks like a describe-model output. */
export function isModelDocument(doc: JsonObject): boolean {
  return doc.has("ModelName") && !doc.has("Models") && (doc.has("ModelArn") || doc.has("PrimaryContainer") || doc.has("Containers") || doc.has("ExecutionRoleArn"));
}

/**
 * Reads one describe-model output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readModel(doc: JsonObject, ctx: DocContext): void {
  const name = doc.str("ModelName");
  const record = doc.withId(name);
  ctx.builder.add("models", { ...workloadIdentity(record, ctx, name, "ModelArn"), network: readWorkloadNetwork(record) });
}

/**
 * Reads one list-models output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readModelList(doc: JsonObject, ctx: DocContext): void {
  readListed(doc, ctx, "Models", "models", "model", (item) => {
    const name = item.str("ModelName");
    return {
      ...workloadIdentity(item.withId(name), ctx, name, "ModelArn"),
      network: readWorkloadNetwork(undefined),
      missingData: listedOnly("list-models", "describe-model"),
    };
  });
}
