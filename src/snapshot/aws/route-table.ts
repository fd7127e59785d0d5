/**
 * describe-route-tables (`RouteTables`) → `RouteTable`, classifying each route's destination and target.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RouteTable.html
 * and https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html
 */
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";
import type { Route, RouteDestination, RouteTarget } from "../../model/types.js";

/** Association states that still bind a subnet or gateway to the table. */
const LIVE_ASSOCIATION_STATES = new Set(["associated", "associating"]);

/** Target fields that name a kind the model keeps only as `other` (the engine answers unknown). */
const OTHER_TARGET_FIELDS = ["CarrierGatewayId", "LocalGatewayId", "CoreNetworkArn", "OdbNetworkArn"] as const;

/**
 * Classifies a `GatewayId` value: `local`, `igw-…`, `vpce-…` (a gateway endpoint; GWLB endpoints are
 * told apart once all endpoints are read), `vgw-…`, or another gateway.
 */
function gatewayTarget(gatewayId: string): RouteTarget {
  if (gatewayId === "local") return { kind: "local" };
  if (gatewayId.startsWith("igw-")) return { kind: "igw", id: gatewayId };
  if (gatewayId.startsWith("vpce-")) return { kind: "gateway-endpoint", id: gatewayId };
  if (gatewayId.startsWith("vgw-")) return { kind: "vpn-gateway", id: gatewayId };
  if (gatewayId.startsWith("nat-")) return { kind: "nat", id: gatewayId };
  if (gatewayId.startsWith("eigw-")) return { kind: "egress-only-igw", id: gatewayId };
  return { kind: "other", id: gatewayId, field: "GatewayId" };
}

/**
 * The target of one route, from whichever target field it carries.
 *
 * @param route - the raw route
 * @returns the target, or undefined when the route names none
 */
export function routeTarget(route: JsonObject): RouteTarget | undefined {
  const gatewayId = route.optStr("GatewayId");
  if (gatewayId) return gatewayTarget(gatewayId);
  const nat = route.optStr("NatGatewayId");
  if (nat) return { kind: "nat", id: nat };
  const peering = route.optStr("VpcPeeringConnectionId");
  if (peering) return { kind: "peering", id: peering };
  const tgw = route.optStr("TransitGatewayId");
  if (tgw) return { kind: "transit-gateway", id: tgw };
  const instance = route.optStr("InstanceId");
  if (instance) return { kind: "instance", id: instance };
  const eni = route.optStr("NetworkInterfaceId");
  if (eni) return { kind: "network-interface", id: eni };
  const eigw = route.optStr("EgressOnlyInternetGatewayId");
  if (eigw) return { kind: "egress-only-igw", id: eigw };
  for (const field of OTHER_TARGET_FIELDS) {
    const id = route.optStr(field);
    if (id) return { kind: "other", id, field };
  }
  return undefined;
}

function routeDestination(route: JsonObject): RouteDestination {
  const cidr = route.optCidr("DestinationCidrBlock");
  if (cidr) return { kind: "cidr", cidr };
  const prefixListId = route.optStr("DestinationPrefixListId");
  if (prefixListId) return { kind: "prefix-list", prefixListId };
  const ipv6 = route.optIpv6Cidr("DestinationIpv6CidrBlock");
  if (ipv6) return { kind: "ipv6", cidr: ipv6 };
  return route.failAt("DestinationCidrBlock", "missing required field (a route needs DestinationCidrBlock, DestinationPrefixListId or DestinationIpv6CidrBlock)");
}

function readRoute(route: JsonObject, ctx: DocContext, tableId: string): Route {
  const destination = routeDestination(route);
  let target = routeTarget(route);
  if (!target) {
    ctx.builder.warn(`route to ${describeDestination(destination)} names no target; kept as an unmodelled target`, route.origin(), tableId);
    target = { kind: "other", id: "(none)", field: "(none)" };
  }
  return {
    destination,
    target,
    state: route.optOneOf("State", ["active", "blackhole"]) ?? "active",
    origin: route.optOneOf("Origin", ["CreateRouteTable", "CreateRoute", "EnableVgwRoutePropagation"]) ?? "CreateRoute",
  };
}

function describeDestination(destination: RouteDestination): string {
  return destination.kind === "prefix-list" ? destination.prefixListId : destination.cidr;
}

/**
 * Reads one `RouteTables` document. The main table is the one with an association `Main: true`.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readRouteTables(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "routeTables");
  for (const item of doc.objects("RouteTables", true)) {
    const id = item.str("RouteTableId");
    const record = item.withId(id);
    let isMain = false;
    const subnetIds: string[] = [];
    const gatewayIds: string[] = [];
    for (const association of record.objects("Associations")) {
      const state = association.optObj("AssociationState")?.optStr("State") ?? "associated";
      if (!LIVE_ASSOCIATION_STATES.has(state)) continue;
      if (association.optBool("Main", false)) isMain = true;
      const subnetId = association.optStr("SubnetId");
      if (subnetId) subnetIds.push(subnetId);
      const gatewayId = association.optStr("GatewayId");
      if (gatewayId) gatewayIds.push(gatewayId);
    }
    const common = commonFields(record, ctx, id);
    // AWS always lists the routes (at least the local one): without the key, "no route" would be a guess.
    if (!record.has("Routes")) ctx.builder.missingKeys(id, ["Routes"], common.origin);
    ctx.builder.add("routeTables", {
      id: common.id, scope: common.scope, name: common.name, tags: common.tags, origin: common.origin,
      vpcId: record.str("VpcId"),
      isMain,
      subnetIds,
      gatewayIds,
      routes: record.objects("Routes").map((route) => readRoute(route, ctx, id)),
    });
  }
}
