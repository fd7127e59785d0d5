/**
 * Transit gateways and their attachments: describe-transit-gateways (`TransitGateways`),
 * describe-transit-gateway-attachments (`TransitGatewayAttachments`) and
 * describe-transit-gateway-vpc-attachments (`TransitGatewayVpcAttachments`, which adds the subnets).
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGateway.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayAttachment.html
 * and https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayVpcAttachment.html
 */
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";

/**
 * Reads one `TransitGateways` document.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readTransitGateways(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "transitGateways");
  for (const item of doc.objects("TransitGateways", true)) {
    const id = item.str("TransitGatewayId");
    const record = item.withId(id);
    const common = commonFields(record, ctx, id);
    ctx.builder.add("transitGateways", { id: common.id, scope: common.scope, name: common.name, tags: common.tags, origin: common.origin, state: record.optStr("State") ?? "available" });
  }
}

/**
 * Reads one `TransitGatewayAttachments` document.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readTransitGatewayAttachments(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "transitGatewayAttachments");
  for (const item of doc.objects("TransitGatewayAttachments", true)) {
    const id = item.str("TransitGatewayAttachmentId");
    const record = item.withId(id);
    const common = commonFields(record, ctx, id);
    if (!record.has("OwnerId")) common.scope = ctx.scope(record.optStr("ResourceOwnerId"));
    // A VPC-attachment record read earlier stands in until the full attachment record arrives.
    if (ctx.builder.tgwAttachmentsFromVpcList.delete(id)) ctx.builder.maps.transitGatewayAttachments.delete(id);
    ctx.builder.add("transitGatewayAttachments", {
      id: common.id, scope: common.scope, name: common.name, tags: common.tags, origin: common.origin,
      transitGatewayId: record.str("TransitGatewayId"),
      resourceType: record.optStr("ResourceType") ?? "vpc",
      resourceId: record.optStr("ResourceId"),
      state: record.optStr("State") ?? "available",
      subnetIds: [],
    });
  }
}

/**
 * Reads one `TransitGatewayVpcAttachments` document: the attachment itself (when
 * describe-transit-gateway-attachments did not list it) and its subnets.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readTransitGatewayVpcAttachments(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "transitGatewayAttachments");
  for (const item of doc.objects("TransitGatewayVpcAttachments", true)) {
    const id = item.str("TransitGatewayAttachmentId");
    const record = item.withId(id);
    const common = commonFields(record, ctx, id);
    if (!record.has("OwnerId")) common.scope = ctx.scope(record.optStr("VpcOwnerId"));
    ctx.builder.tgwAttachmentSubnets.set(id, record.strings("SubnetIds"));
    if (ctx.builder.maps.transitGatewayAttachments.has(id)) continue;
    ctx.builder.tgwAttachmentsFromVpcList.add(id);
    ctx.builder.add("transitGatewayAttachments", {
      id: common.id, scope: common.scope, name: common.name, tags: common.tags, origin: common.origin,
      transitGatewayId: record.str("TransitGatewayId"),
      resourceType: "vpc",
      resourceId: record.str("VpcId"),
      state: record.optStr("State") ?? "available",
      subnetIds: [],
    });
  }
}
