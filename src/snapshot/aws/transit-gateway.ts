/**
 * Transit gateways and their attachments: describe-transit-gateways (`TransitGateways`),
 * describe-transit-gateway-attachments (`TransitGatewayAttachments`, with each attachment's
 * `Association`) and describe-transit-gateway-vpc-attachments (`TransitGatewayVpcAttachments`, which
 * adds the subnets and the VPC attachment's options). A peering attachment is listed by both transit gateways' accounts, each with its
 * own `TransitGatewayId` and `Association`: both associations are kept, the record once.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGateway.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayAttachment.html
 * and https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayVpcAttachment.html
 */
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext, type ModelBuilder } from "../builder.js";
import type { TgwOptionValue, TransitGatewayAssociation } from "../../model/types.js";

const OPTION_VALUES: readonly TgwOptionValue[] = ["enable", "disable"];

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
    const options = record.optObj("Options");
    const enabled = (flag: string, table: string) => (options && options.optStr(flag) !== "disable" ? options.optStr(table) : undefined);
    ctx.builder.add("transitGateways", {
      ...common,
      state: record.optStr("State") ?? "available",
      ownerId: record.optStr("OwnerId"),
      defaultAssociationRouteTableId: enabled("DefaultRouteTableAssociation", "AssociationDefaultRouteTableId"),
      defaultPropagationRouteTableId: enabled("DefaultRouteTablePropagation", "PropagationDefaultRouteTableId"),
      securityGroupReferencingSupport: options?.optOneOf("SecurityGroupReferencingSupport", OPTION_VALUES),
    });
  }
}

/**
 * Records an association of an attachment (once per attachment and route table).
 *
 * @param builder - the builder
 * @param attachmentId - the attachment
 * @param association - the association
 */
export function addTgwAssociation(builder: ModelBuilder, attachmentId: string, association: TransitGatewayAssociation): void {
  const list = builder.parts.tgwAssociations.get(attachmentId) ?? [];
  const same = list.find((a) => a.routeTableId === association.routeTableId);
  if (same) same.transitGatewayId ??= association.transitGatewayId;
  else list.push(association);
  builder.parts.tgwAssociations.set(attachmentId, list);
}

/**
 * Reads one `TransitGatewayAttachments` document.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readTransitGatewayAttachments(doc: JsonObject, ctx: DocContext): void {
  const { builder } = ctx;
  builder.markPresent(ctx.docScope, "transitGatewayAttachments");
  for (const item of doc.objects("TransitGatewayAttachments", true)) {
    const id = item.str("TransitGatewayAttachmentId");
    const record = item.withId(id);
    const transitGatewayId = record.str("TransitGatewayId");
    const resourceType = record.optStr("ResourceType") ?? "vpc";
    const resourceId = record.optStr("ResourceId");
    const association = record.optObj("Association");
    if (association) addTgwAssociation(builder, id, { transitGatewayId, routeTableId: association.str("TransitGatewayRouteTableId"), state: association.optStr("State") ?? "associated" });
    const known = builder.maps.transitGatewayAttachments.get(id);
    // The other transit gateway's view of a peering attachment: its association is kept above.
    if (known && resourceType === "peering" && known.resourceType === "peering" && known.transitGatewayId === resourceId && known.resourceId === transitGatewayId) continue;
    const common = commonFields(record, ctx, id);
    if (!record.has("OwnerId")) common.scope = ctx.scope(record.optStr("ResourceOwnerId"));
    // A VPC-attachment record read earlier stands in until the full attachment record arrives.
    if (builder.tgwAttachmentsFromVpcList.delete(id)) builder.maps.transitGatewayAttachments.delete(id);
    builder.add("transitGatewayAttachments", {
      ...common,
      transitGatewayId,
      resourceType,
      resourceId,
      resourceOwnerId: record.optStr("ResourceOwnerId"),
      state: record.optStr("State") ?? "available",
      subnetIds: [],
      associations: undefined,
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
    const options = record.optObj("Options");
    const referencing = options?.optOneOf("SecurityGroupReferencingSupport", OPTION_VALUES);
    const applianceMode = options?.optOneOf("ApplianceModeSupport", OPTION_VALUES);
    if (referencing || applianceMode) {
      ctx.builder.tgwAttachmentOptions.set(id, { ...(referencing ? { securityGroupReferencingSupport: referencing } : {}), ...(applianceMode ? { applianceModeSupport: applianceMode } : {}) });
    }
    if (ctx.builder.maps.transitGatewayAttachments.has(id)) continue;
    ctx.builder.tgwAttachmentsFromVpcList.add(id);
    ctx.builder.add("transitGatewayAttachments", {
      ...common,
      transitGatewayId: record.str("TransitGatewayId"),
      resourceType: "vpc",
      resourceId: record.str("VpcId"),
      resourceOwnerId: record.optStr("VpcOwnerId"),
      state: record.optStr("State") ?? "available",
      subnetIds: [],
      associations: undefined,
    });
  }
}
