/**
 * SageMaker endpoint configurations → `SageMakerEndpointConfig`:
 * - describe-endpoint-config output (one object with `EndpointConfigName` and `ProductionVariants`):
 *   the model each production variant hosts, and the configuration's own `VpcConfig` and
 *   `EnableNetworkIsolation` (set for endpoints that host inference components),
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpointConfig.html
 * - list-endpoint-configs output (`EndpointConfigs`), which does not say which models they host: such
 *   a configuration is kept with `missingData` set so the engine answers `unknown` for its endpoints.
 */
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";
import { listedOnly, readListed, readWorkloadNetwork, workloadIdentity } from "./sagemaker-workload.js";

/** True when a document looks like a describe-endpoint-config output (describe-endpoint also names its config). */
export function isEndpointConfigDocument(doc: JsonObject): boolean {
  return doc.has("EndpointConfigName") && !doc.has("EndpointName") && !doc.has("EndpointConfigs");
}

/**
 * Reads one describe-endpoint-config output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readEndpointConfig(doc: JsonObject, ctx: DocContext): void {
  const name = doc.str("EndpointConfigName");
  const record = doc.withId(name);
  const variants = [...record.objects("ProductionVariants"), ...record.objects("ShadowProductionVariants")].map((v) => ({
    variantName: v.str("VariantName"),
    modelName: v.optStr("ModelName"),
  }));
  ctx.builder.add("endpointConfigs", {
    ...workloadIdentity(record, ctx, name, "EndpointConfigArn"),
    variants,
    network: readWorkloadNetwork(record),
  });
}

/**
 * Reads one list-endpoint-configs output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readEndpointConfigList(doc: JsonObject, ctx: DocContext): void {
  readListed(doc, ctx, "EndpointConfigs", "endpointConfigs", "endpoint configuration", (item) => {
    const name = item.str("EndpointConfigName");
    return {
      ...workloadIdentity(item.withId(name), ctx, name, "EndpointConfigArn"),
      variants: [],
      network: readWorkloadNetwork(undefined),
      missingData: listedOnly("list-endpoint-configs", "describe-endpoint-config"),
    };
  });
}
