/**
 * describe-vpc-attribute outputs (`{ "VpcId": …, "EnableDnsSupport": { "Value": true } }` or
 * `EnableDnsHostnames`) → the VPC's DNS attributes, applied once all VPCs are read.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcAttribute.html
 */
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";

/** The top-level keys of a describe-vpc-attribute output that this tool uses, with the model field. */
export const VPC_ATTRIBUTE_KEYS = {
  EnableDnsSupport: "enableDnsSupport",
  EnableDnsHostnames: "enableDnsHostnames",
} as const;

/** True when a document looks like a describe-vpc-attribute output. */
export function isVpcAttributeDocument(doc: JsonObject): boolean {
  return doc.has("VpcId") && Object.keys(doc.raw).some((key) => key.startsWith("Enable") || key === "EnableNetworkAddressUsageMetrics");
}

/**
 * Reads one describe-vpc-attribute output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readVpcAttribute(doc: JsonObject, ctx: DocContext): void {
  const record = doc.withId(doc.str("VpcId"));
  ctx.builder.markPresent(ctx.docScope, "vpcAttributes");
  for (const [key, attribute] of Object.entries(VPC_ATTRIBUTE_KEYS)) {
    const holder = record.optObj(key);
    if (!holder) continue;
    ctx.builder.vpcAttributes.push({
      vpcId: record.str("VpcId"),
      attribute,
      value: holder.bool("Value"),
      scope: ctx.docScope,
      origin: holder.origin(),
    });
  }
}
