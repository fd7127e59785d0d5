/**
 * Transit gateways: `aws_ec2_transit_gateway`, `_vpc_attachment`, `_route_table`, `_route`,
 * `_route_table_association` and `_route_table_propagation` → describe-transit-gateways,
 * describe-transit-gateway-attachments (with their association), -vpc-attachments (their subnets),
 * -route-tables, and Batfish's static-route and propagation wrappers, from which the engine derives
 * the propagated routes. What AWS does implicitly is done too: a gateway with default association or
 * propagation on gets its default route table, and a VPC attachment is associated with it and
 * propagates to it unless `transit_gateway_default_route_table_association` / `_propagation` is false.
 * `security_group_referencing_support` becomes the gateway's and the attachment's
 * `Options.SecurityGroupReferencingSupport`, and the attachment's `appliance_mode_support` its
 * `Options.ApplianceModeSupport`, when the plan holds them (never a default).
 * Every table the plan holds lists its static routes and propagations (empty when it has none), so
 * its routes are known.
 * Models https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ec2_transit_gateway,
 * …/ec2_transit_gateway_vpc_attachment, …/ec2_transit_gateway_route_table, …/ec2_transit_gateway_route,
 * …/ec2_transit_gateway_route_table_association, …/ec2_transit_gateway_route_table_propagation
 */
import type { TfInstance } from "../plan.js";
import { str, tagsOf, type Json, type Translation } from "../translate.js";

/**
 * Adds a route table with its (so far empty) static routes and propagations. Laid over a collected
 * network, a table the plan manages gets exactly the plan's routes and propagations; a gateway's
 * default table (which the plan does not manage) adds the plan's to the collected ones.
 */
function addRouteTable(t: Translation, record: Json, implicit: boolean): void {
  const add = (key: "TransitGatewayRouteTables" | "TransitGatewayStaticRoutes" | "TransitGatewayPropagations", value: Json) => (implicit ? t.addImplicit(key, value) : t.add(key, value));
  add("TransitGatewayRouteTables", record);
  add("TransitGatewayStaticRoutes", { TransitGatewayRouteTableId: record.TransitGatewayRouteTableId, Routes: [] });
  add("TransitGatewayPropagations", { TransitGatewayRouteTableId: record.TransitGatewayRouteTableId, TransitGatewayRouteTablePropagations: [] });
}

/** The static-route or propagation entry of a table the plan holds. */
function entryOf(t: Translation, key: "TransitGatewayStaticRoutes" | "TransitGatewayPropagations", tableId: string): Json | undefined {
  return t.records(key).find((entry) => entry.TransitGatewayRouteTableId === tableId);
}

function readTransitGateway(t: Translation, tgw: TfInstance): void {
  const id = t.idOf(tgw);
  const association = str(tgw, "default_route_table_association") ?? "enable";
  const propagation = str(tgw, "default_route_table_propagation") ?? "enable";
  const defaultTable = t.transitGatewayDefaultTable(tgw);
  t.add("TransitGateways", {
    TransitGatewayId: id,
    State: "available",
    ...(str(tgw, "owner_id") ? { OwnerId: str(tgw, "owner_id") } : {}),
    Options: {
      DefaultRouteTableAssociation: association,
      DefaultRouteTablePropagation: propagation,
      ...(association === "enable" ? { AssociationDefaultRouteTableId: defaultTable } : {}),
      ...(propagation === "enable" ? { PropagationDefaultRouteTableId: defaultTable } : {}),
      // Absent (a provider before 5.69, or known only after apply) stays absent: the engine says unknown where it decides.
      ...(str(tgw, "security_group_referencing_support") ? { SecurityGroupReferencingSupport: str(tgw, "security_group_referencing_support") } : {}),
    },
    Tags: tagsOf(tgw),
  });
  if (association === "enable" || propagation === "enable") {
    addRouteTable(t, { TransitGatewayRouteTableId: defaultTable, TransitGatewayId: id, State: "available", DefaultAssociationRouteTable: association === "enable", DefaultPropagationRouteTable: propagation === "enable" }, true);
  }
}

function readRouteTable(t: Translation, table: TfInstance): void {
  const tgwId = t.ref(table, "transit_gateway_id");
  if (!tgwId) return t.omit(table, "transit_gateway_id");
  addRouteTable(t, { TransitGatewayRouteTableId: t.idOf(table), TransitGatewayId: tgwId, State: "available", Tags: tagsOf(table) }, false);
}

/** Records that an attachment propagates its VPC's CIDRs to a table. */
function propagate(t: Translation, owner: TfInstance, tableId: string, attachmentId: string, vpcId: string | undefined): void {
  const entry = entryOf(t, "TransitGatewayPropagations", tableId);
  if (!entry) return t.outside(owner, tableId, `propagates to ${tableId}, which is not in the plan`);
  (entry.TransitGatewayRouteTablePropagations as Json[]).push({ TransitGatewayAttachmentId: attachmentId, ResourceType: "vpc", ...(vpcId ? { ResourceId: vpcId } : {}), State: "enabled" });
}

function readVpcAttachment(t: Translation, attachment: TfInstance): void {
  const tgwId = t.ref(attachment, "transit_gateway_id");
  const vpcId = t.ref(attachment, "vpc_id");
  if (!tgwId || !vpcId) return t.omit(attachment, tgwId ? "vpc_id" : "transit_gateway_id");
  const id = t.idOf(attachment);
  const options = t.records("TransitGateways").find((record) => record.TransitGatewayId === tgwId)?.Options as Json | undefined;
  if (!options) t.warn(attachment, `attaches to ${tgwId}, which is not in the plan: its default route table association and propagation are not known`);
  const associateTo = attachment.values.transit_gateway_default_route_table_association !== false ? (options?.AssociationDefaultRouteTableId as string | undefined) : undefined;
  const propagateTo = attachment.values.transit_gateway_default_route_table_propagation !== false ? (options?.PropagationDefaultRouteTableId as string | undefined) : undefined;
  t.add("TransitGatewayAttachments", {
    TransitGatewayAttachmentId: id,
    TransitGatewayId: tgwId,
    ResourceType: "vpc",
    ResourceId: vpcId,
    State: "available",
    ...(associateTo ? { Association: { TransitGatewayRouteTableId: associateTo, State: "associated" } } : {}),
    Tags: tagsOf(attachment),
  });
  // Absent (known only after apply) stays absent: the engine says unknown where it decides.
  const referencing = str(attachment, "security_group_referencing_support");
  const applianceMode = str(attachment, "appliance_mode_support");
  const attachmentOptions = { ...(referencing ? { SecurityGroupReferencingSupport: referencing } : {}), ...(applianceMode ? { ApplianceModeSupport: applianceMode } : {}) };
  t.add("TransitGatewayVpcAttachments", { TransitGatewayAttachmentId: id, TransitGatewayId: tgwId, VpcId: vpcId, SubnetIds: t.refs(attachment, "subnet_ids"), State: "available", ...(referencing || applianceMode ? { Options: attachmentOptions } : {}) });
  if (propagateTo) propagate(t, attachment, propagateTo, id, vpcId);
}

/** The attachment record an association, propagation or route names. */
function attachmentNamed(t: Translation, owner: TfInstance): Json | undefined {
  return t.recordNamed(owner, "transit_gateway_attachment_id", "TransitGatewayAttachments", "TransitGatewayAttachmentId");
}

function readAssociation(t: Translation, association: TfInstance): void {
  const tableId = t.ref(association, "transit_gateway_route_table_id");
  if (!tableId) return t.omit(association, "transit_gateway_route_table_id");
  const attachment = attachmentNamed(t, association);
  // An attachment has one association: this one replaces the default table's.
  if (attachment) attachment.Association = { TransitGatewayRouteTableId: tableId, State: "associated" };
}

function readPropagation(t: Translation, propagation: TfInstance): void {
  const tableId = t.ref(propagation, "transit_gateway_route_table_id");
  if (!tableId) return t.omit(propagation, "transit_gateway_route_table_id");
  const attachment = attachmentNamed(t, propagation);
  if (attachment) propagate(t, propagation, tableId, attachment.TransitGatewayAttachmentId as string, attachment.ResourceId as string | undefined);
}

function readRoute(t: Translation, route: TfInstance): void {
  const tableId = t.ref(route, "transit_gateway_route_table_id");
  const destination = str(route, "destination_cidr_block");
  if (!tableId || !destination) return t.omit(route, tableId ? "destination_cidr_block" : "transit_gateway_route_table_id");
  const entry = entryOf(t, "TransitGatewayStaticRoutes", tableId);
  if (!entry) return t.outside(route, tableId, `is a route of ${tableId}, which is not in the plan`);
  const blackhole = route.values.blackhole === true;
  const attachmentId = blackhole ? undefined : t.ref(route, "transit_gateway_attachment_id");
  if (!blackhole && !attachmentId) return t.omit(route, "transit_gateway_attachment_id");
  (entry.Routes as Json[]).push({
    DestinationCidrBlock: destination,
    Type: "static",
    State: blackhole ? "blackhole" : "active",
    TransitGatewayAttachments: attachmentId ? [{ TransitGatewayAttachmentId: attachmentId, ResourceType: "vpc" }] : [],
  });
}

export const TRANSIT_GATEWAY_TRANSLATORS = {
  aws_ec2_transit_gateway: readTransitGateway,
} as const;

/** These need the gateways (their default tables) and the VPCs and subnets translated first. */
export const TRANSIT_GATEWAY_PART_TRANSLATORS = {
  aws_ec2_transit_gateway_route_table: readRouteTable,
  aws_ec2_transit_gateway_vpc_attachment: readVpcAttachment,
} as const;

/** These need the attachments and route tables. */
export const TRANSIT_GATEWAY_ROUTE_TRANSLATORS = {
  aws_ec2_transit_gateway_route_table_association: readAssociation,
  aws_ec2_transit_gateway_route_table_propagation: readPropagation,
  aws_ec2_transit_gateway_route: readRoute,
} as const;
