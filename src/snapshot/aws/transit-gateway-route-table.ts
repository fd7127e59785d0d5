/**
 * Transit gateway route tables and what is in them: describe-transit-gateway-route-tables
 * (`TransitGatewayRouteTables`), and per table — whose id is only in the file name,
 * `transit-gateway-routes/<tgw-rtb-id>.json` and the like — search-transit-gateway-routes (`Routes`),
 * get-transit-gateway-route-table-associations (`Associations`) and
 * get-transit-gateway-route-table-propagations (`TransitGatewayRouteTablePropagations`). Batfish's
 * wrappers name the table inside: `TransitGatewayStaticRoutes` (static routes only) and
 * `TransitGatewayPropagations`.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayRouteTable.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayRoute.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayRouteTableAssociation.html
 * and https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayRouteTablePropagation.html
 */
import { basename } from "node:path";
import type { JsonObject } from "../json-reader.js";
import { isIpv6Cidr } from "../json-reader.js";
import { commonFields, type DocContext, type ModelBuilder } from "../builder.js";
import type { TransitGatewayPropagation, TransitGatewayRoute } from "../../model/types.js";
import { addTgwAssociation } from "./transit-gateway.js";

/**
 * Reads one `TransitGatewayRouteTables` document.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readTransitGatewayRouteTables(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "transitGatewayRouteTables");
  for (const item of doc.objects("TransitGatewayRouteTables", true)) {
    const id = item.str("TransitGatewayRouteTableId");
    const record = item.withId(id);
    ctx.builder.add("transitGatewayRouteTables", {
      ...commonFields(record, ctx, id),
      transitGatewayId: record.str("TransitGatewayId"),
      state: record.optStr("State") ?? "available",
      routesGiven: undefined,
      routes: [],
      routesTruncated: false,
      propagations: undefined,
    });
  }
}

/**
 * The route table of a per-table output: its `TransitGatewayRouteTableId` field (which `collect`
 * adds, as the AWS CLI output has none), else the id the file names, e.g. `transit-gateway-routes/tgw-rtb-0abc.json`.
 */
function tableOf(doc: JsonObject, key: string): string {
  const id = doc.optStr("TransitGatewayRouteTableId") ?? /tgw-rtb-[0-9a-z]+/.exec(basename(doc.at.file))?.[0];
  if (!id) return doc.failAt(key, `cannot tell which transit gateway route table this is: name the file after the table, e.g. ${key === "Routes" ? "transit-gateway-routes" : key === "Associations" ? "transit-gateway-route-table-associations" : "transit-gateway-route-table-propagations"}/tgw-rtb-0123456789abcdef0.json`);
  return id;
}

/** One route of search-transit-gateway-routes, or undefined for one being deleted. */
function readRoute(item: JsonObject): TransitGatewayRoute | undefined {
  const state = item.optStr("State") ?? "active";
  if (state !== "active" && state !== "blackhole") return undefined;
  const cidr = item.optStr("DestinationCidrBlock");
  const prefixListId = item.optStr("PrefixListId");
  let destination: TransitGatewayRoute["destination"];
  if (prefixListId) destination = { kind: "prefix-list", prefixListId };
  else if (cidr && isIpv6Cidr(cidr)) destination = { kind: "ipv6", cidr };
  else destination = { kind: "cidr", cidr: item.cidr("DestinationCidrBlock") };
  return {
    destination,
    type: item.oneOf("Type", ["static", "propagated"] as const),
    state,
    attachmentIds: item.objects("TransitGatewayAttachments").map((a) => a.str("TransitGatewayAttachmentId")),
  };
}

/**
 * Adds routes of one table (several files for one table add up). A Terraform plan laid over
 * collected data holds every static route of the tables it holds: its routes replace theirs.
 */
function addRoutes(builder: ModelBuilder, tableId: string, given: "all" | "static", list: JsonObject, key: string): void {
  const routes = list.objects(key).map(readRoute).filter((r) => r !== undefined);
  const truncated = list.optBool("AdditionalRoutesAvailable", false);
  const known = builder.parts.tgwRoutes.get(tableId);
  if (!known || builder.overlay === "replace") {
    builder.parts.tgwRoutes.set(tableId, { given, routes, truncated, origin: list.origin() });
    return;
  }
  known.routes.push(...routes);
  known.truncated ||= truncated;
  if (given === "all") known.given = "all";
}

/**
 * Reads one search-transit-gateway-routes output (`Routes`), the table named by the file.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readTransitGatewayRoutes(doc: JsonObject, ctx: DocContext): void {
  addRoutes(ctx.builder, tableOf(doc, "Routes"), "all", doc, "Routes");
}

/**
 * Reads Batfish's `TransitGatewayStaticRoutes` wrapper: static routes per table.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readTransitGatewayStaticRoutes(doc: JsonObject, ctx: DocContext): void {
  for (const item of doc.objects("TransitGatewayStaticRoutes", true)) {
    addRoutes(ctx.builder, item.str("TransitGatewayRouteTableId"), "static", item, "Routes");
  }
}

/**
 * Reads one get-transit-gateway-route-table-associations output (`Associations`).
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readTransitGatewayRouteTableAssociations(doc: JsonObject, ctx: DocContext): void {
  const routeTableId = tableOf(doc, "Associations");
  for (const item of doc.objects("Associations", true)) {
    addTgwAssociation(ctx.builder, item.str("TransitGatewayAttachmentId"), { transitGatewayId: undefined, routeTableId, state: item.optStr("State") ?? "associated" });
  }
}

/** Adds propagations of one table (a plan laid over collected data: its propagations replace theirs). */
function addPropagations(builder: ModelBuilder, tableId: string, items: JsonObject[]): void {
  const list: TransitGatewayPropagation[] = builder.overlay === "replace" ? [] : (builder.parts.tgwPropagations.get(tableId) ?? []);
  for (const item of items) {
    list.push({ attachmentId: item.str("TransitGatewayAttachmentId"), resourceType: item.optStr("ResourceType") ?? "vpc", resourceId: item.optStr("ResourceId"), state: item.optStr("State") ?? "enabled" });
  }
  builder.parts.tgwPropagations.set(tableId, list);
}

/**
 * Reads one get-transit-gateway-route-table-propagations output, the table named by the file.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readTransitGatewayRouteTablePropagations(doc: JsonObject, ctx: DocContext): void {
  addPropagations(ctx.builder, tableOf(doc, "TransitGatewayRouteTablePropagations"), doc.objects("TransitGatewayRouteTablePropagations", true));
}

/**
 * Reads Batfish's `TransitGatewayPropagations` wrapper: propagations per table.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readTransitGatewayPropagations(doc: JsonObject, ctx: DocContext): void {
  for (const item of doc.objects("TransitGatewayPropagations", true)) {
    addPropagations(ctx.builder, item.str("TransitGatewayRouteTableId"), item.objects("TransitGatewayRouteTablePropagations"));
  }
}
