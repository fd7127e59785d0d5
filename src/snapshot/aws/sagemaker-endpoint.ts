/**
 * SageMaker endpoints → `SageMakerEndpoint`:
 * - describe-endpoint output (one object with `EndpointName`): its `EndpointConfigName`, which says
 *   (through describe-endpoint-config) which models it hosts,
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html
 * - list-endpoints output (`Endpoints`), which does not name the configuration: such an endpoint is
 *   kept with `missingData` set so the engine answers `unknown` for it.
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_EndpointSummary.html
 */
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";
import { listedOnly, readListed, workloadIdentity } from "./sagemaker-workload.js";

/** True when a document looks like a describe-endpoint output. */
export function isEndpointDocument(doc: JsonObject): boolean {
  return doc.has("EndpointName") && !doc.has("Endpoints");
}

/**
 * Reads one describe-endpoint output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readEndpoint(doc: JsonObject, ctx: DocContext): void {
  const name = doc.str("EndpointName");
  const record = doc.withId(name);
  ctx.builder.add("endpoints", {
    ...workloadIdentity(record, ctx, name, "EndpointArn"),
    status: record.optStr("EndpointStatus") ?? "unknown",
    endpointConfigName: record.str("EndpointConfigName"),
  });
}

/**
 * Reads one list-endpoints output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readEndpointList(doc: JsonObject, ctx: DocContext): void {
  readListed(doc, ctx, "Endpoints", "endpoints", "endpoint", (item) => {
    const name = item.str("EndpointName");
    const record = item.withId(name);
    return {
      ...workloadIdentity(record, ctx, name, "EndpointArn"),
      status: record.optStr("EndpointStatus") ?? "unknown",
      endpointConfigName: undefined,
      missingData: listedOnly("list-endpoints", "describe-endpoint"),
    };
  });
}
