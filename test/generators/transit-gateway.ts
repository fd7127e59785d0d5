/**
 * Random transit gateways for the generated networks (hub and spoke): the spec arbitrary
 * (`tgwArb`) and `addTransitGateways`, which adds the records to a network's parts. A hub transit
 * gateway with 1–3 route tables; VPC attachments with subnets in some Availability Zones (one per
 * zone, not always the sender's), in working or broken states, associated with a table or not
 * (or with the associations missing from the snapshot), propagating into tables; static routes
 * (blackholes, equal-length static beside propagated ones) to attachments; the route tables read
 * as search-transit-gateway-routes output or as Batfish's static routes plus propagations (or
 * missing, or truncated); VPC routes to the transit gateway; a centralized egress design (an
 * egress VPC whose attachment subnets send the internet to a NAT gateway, with or without the
 * return route); rarely a VPN attachment (unknown to the engine) and a peering attachment to a
 * second transit gateway with its own VPC; and a spoke VPC owned by another account.
 */
import fc from "fast-check";
import type { Model, Route, RouteTable, Scope, Subnet, TransitGatewayAttachment, TransitGatewayPropagation, TransitGatewayRoute, TransitGatewayRouteTable, Vpc } from "../../src/model/types.js";
import { scopeKey } from "../../src/model/types.js";
import { allowAllEntries, eni, internetGateway, natGateway, networkAcl, routeTable, SCOPE, subnet as subnetRecord, type ModelParts } from "./model-builder.js";

/** The hub transit gateway, and the one a peering attachment joins it to. */
export const HUB_TGW = "tgw-0hub";
export const PEER_TGW = "tgw-1peer";
/** The account that owns the second VPC when the network spans two accounts. */
export const OTHER_ACCOUNT: Scope = { account: "444455556666", region: SCOPE.region };

const ORIGIN = { file: "generated", jsonPath: "$" };
const TGW_STATES = [...Array<string>(28).fill("available"), "pending", "deleted"];
const ATTACHMENT_STATES = [...Array<string>(36).fill("available"), "pending", "pendingAcceptance", "deleted", "failed"];
const ASSOCIATION_STATES = [...Array<string>(28).fill("associated"), "associating", "disassociated"];
/** How the route tables are given: search-transit-gateway-routes output, Batfish's static routes with propagations, none, or a truncated search. */
const ROUTE_STYLES = [...Array<"search">(12).fill("search"), ...Array<"static">(10).fill("static"), "missing", "truncated"] as const;

export interface TgwAttachmentSpec {
  /** False: the VPC (the attachment's position in the list) has no attachment. */
  present: boolean;
  /** True: a subnet in every zone the VPC has subnets in; false: the zones of the subnets `subnets` picks. */
  allZones: boolean;
  subnets: number[];
  /**
   * True: dedicated attachment subnets, one per zone, with their own route table (as AWS advises);
   * false: the picked workload subnets themselves.
   */
  dedicated: boolean;
  /** With dedicated subnets: an allow-all NACL; false: the VPC's default NACL. */
  openAcl: boolean;
  state: number;
  /** 0: associated with no table; k: table k-1 (modulo). */
  association: number;
  associationState: number;
  /** True: propagates into every table of its transit gateway; false: into `propagations` only. */
  propagateAll: boolean;
  propagations: number[];
  /** With a peering: attached to the peer transit gateway instead of the hub. */
  peerSide: boolean;
}
/** How a VPC routes to the transit gateway: 0 `10.0.0.0/8`, 1 each other VPC's CIDR, 2 `0.0.0.0/0`, 3 no route. */
export interface VpcTgwRoutesSpec {
  style: number;
  /** 0: every table of the VPC; k: all but table k-1 (modulo), as a forgotten route. */
  skipTable: number;
}
export interface TgwRouteSpec {
  table: number;
  destination: number;
  /** An attachment of the table's transit gateway (modulo). */
  target: number;
  blackhole: boolean;
}
export interface VpcTgwRouteSpec {
  vpc: number;
  /** 0: the main table; k: explicit table k-1 (modulo). */
  table: number;
  destination: number;
  /** Name the transit gateway the VPC is not attached to (when there are two). */
  otherTgw: boolean;
}
export interface EgressSpec {
  vpc: number;
  natSubnet: number;
  /** The NAT subnet's route back to the spokes through the transit gateway. */
  returnRoute: boolean;
  /** A static 0.0.0.0/0 to the egress VPC's attachment in every hub table. */
  tgwDefault: boolean;
  /**
   * As AWS's centralized egress design has it: the NAT gateway in a public subnet of its own
   * (`10.i.220.0/24`, its own route table and an allow-all NACL, an internet gateway attached if the
   * VPC has none), and every table of the other VPCs on the same transit gateway sending 0.0.0.0/0
   * to it. False or absent (older saved cases): the NAT in one of the VPC's subnets (`natSubnet`),
   * whose table it may share with the attachment subnets (a loop), and the spokes' routes as drawn.
   */
  asDesigned?: boolean;
}
export interface TgwSpec {
  state: number;
  tables: number;
  routeStyle: number;
  associationsKnown: boolean;
  /** One per VPC position (extra ones are ignored). */
  attachments: TgwAttachmentSpec[];
  routes: TgwRouteSpec[];
  /** One per VPC position: its routes to the transit gateway. */
  spokeRoutes: VpcTgwRoutesSpec[];
  /** Further single routes to a transit gateway. */
  vpcRoutes: VpcTgwRouteSpec[];
  egress: EgressSpec | null;
  vpn: boolean;
  /** A peering attachment to a second transit gateway; `routesToPeer`: static routes for each side's VPCs to it. */
  peering: { state: number; routes: TgwRouteSpec[]; routesToPeer: boolean } | null;
  crossAccount: boolean;
  /** SecurityGroupReferencingSupport of the hub transit gateway, then of each VPC position's attachment (undefined: not in the data). */
  referencing?: ("enable" | "disable" | undefined)[];
  /** ApplianceModeSupport of each VPC position's attachment (undefined entry: not in the data; absent in older saved cases: disable, as they were judged). */
  applianceMode?: ("enable" | "disable" | undefined)[];
  /** Zone ids of every subnet: 0 known (none use1-az3), 1 not given, 2 us-east-1c is use1-az3 (absent in older saved cases: not given). */
  zoneIds?: number;
  /** Outbound rules name other VPCs' groups too, as inbound ones do with `referencing` (absent in older saved cases: inbound only). */
  egressGroups?: boolean;
}

const choice = fc.nat({ max: 40 });
const tgwRouteArb: fc.Arbitrary<TgwRouteSpec> = fc.record({ table: fc.nat({ max: 2 }), destination: choice, target: choice, blackhole: fc.constantFrom(false, false, false, false, true) });

/** A random hub-and-spoke transit gateway setting. */
export const tgwArb: fc.Arbitrary<TgwSpec> = fc.record({
  state: fc.constantFrom(...TGW_STATES.keys()),
  tables: fc.integer({ min: 1, max: 3 }),
  routeStyle: fc.constantFrom(...ROUTE_STYLES.keys()),
  associationsKnown: fc.constantFrom(...Array<boolean>(19).fill(true), false),
  attachments: fc.array(
    fc.record({
      present: fc.constantFrom(...Array<boolean>(14).fill(true), false),
      allZones: fc.constantFrom(true, true, true, false),
      subnets: fc.array(choice, { minLength: 1, maxLength: 3 }),
      dedicated: fc.constantFrom(true, true, false),
      openAcl: fc.constantFrom(true, true, true, false),
      state: fc.constantFrom(...ATTACHMENT_STATES.keys()),
      association: fc.constantFrom(...Array<number>(12).fill(1), 2, 3, 0),
      associationState: fc.constantFrom(...ASSOCIATION_STATES.keys()),
      propagateAll: fc.constantFrom(true, true, true, true, true, false),
      propagations: fc.array(fc.nat({ max: 2 }), { maxLength: 2 }),
      peerSide: fc.constantFrom(false, false, true),
    }),
    { minLength: 3, maxLength: 3 },
  ),
  routes: fc.array(tgwRouteArb, { maxLength: 2 }),
  spokeRoutes: fc.array(fc.record({ style: fc.constantFrom(0, 0, 1, 1, 2, 2, 3), skipTable: fc.constantFrom(0, 0, 0, 0, 1, 2) }), { minLength: 3, maxLength: 3 }),
  vpcRoutes: fc.array(fc.record({ vpc: fc.nat({ max: 2 }), table: fc.nat({ max: 3 }), destination: choice, otherTgw: fc.constantFrom(false, false, false, false, true) }), { maxLength: 3 }),
  egress: fc.option(fc.record({ vpc: fc.nat({ max: 2 }), natSubnet: choice, returnRoute: fc.constantFrom(true, true, true, false), tgwDefault: fc.constantFrom(true, true, false), asDesigned: fc.boolean() }), { nil: null, freq: 2 }),
  vpn: fc.constantFrom(...Array<boolean>(7).fill(false), true),
  peering: fc.option(fc.record({ state: fc.constantFrom(...ATTACHMENT_STATES.keys()), routes: fc.array(tgwRouteArb, { maxLength: 2 }), routesToPeer: fc.constantFrom(true, true, true, false) }), { nil: null, freq: 5 }),
  crossAccount: fc.constantFrom(false, false, true),
  referencing: fc.array(fc.constantFrom<"enable" | "disable" | undefined>("enable", "enable", "enable", "disable", undefined), { minLength: 4, maxLength: 4 }),
  applianceMode: fc.array(fc.constantFrom<"enable" | "disable" | undefined>("disable", "disable", "enable", "enable", undefined), { minLength: 3, maxLength: 3 }),
  zoneIds: fc.constantFrom(0, 0, 0, 0, 0, 1, 2),
  egressGroups: fc.constantFrom(true, true, false),
});

/** What the transit gateway builder needs to know of each generated VPC. */
export interface VpcParts {
  vpc: Vpc;
  subnets: Subnet[];
  /** Route table ids: the main table first, then the explicit ones. */
  tableIds: string[];
  igwId: string | undefined;
}

function pick<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}

function base(id: string, scope: Scope = SCOPE) {
  return { id, scope, name: undefined, tags: {}, origin: ORIGIN };
}

/** Adds a route to a table, replacing one with the same destination CIDR. */
function setRoute(table: RouteTable | undefined, cidr: string, target: Route["target"]): void {
  if (!table) return;
  const route: Route = { destination: { kind: "cidr", cidr }, target, state: "active", origin: "CreateRoute" };
  const at = table.routes.findIndex((r) => r.destination.kind === "cidr" && r.destination.cidr === cidr);
  if (at >= 0 && table.routes[at]!.target.kind === "local") return;
  if (at >= 0) table.routes[at] = route;
  else table.routes.push(route);
}

/** The route table a subnet uses among the parts (explicit, else its VPC's main table). */
function tableOfSubnet(parts: Required<ModelParts>, subnet: Subnet): RouteTable | undefined {
  return parts.routeTables.find((t) => t.subnetIds.includes(subnet.id)) ?? parts.routeTables.find((t) => t.vpcId === subnet.vpcId && t.isMain);
}

/** The destinations a transit gateway route may name. */
function tgwDestinations(vpcs: VpcParts[]): string[] {
  return ["0.0.0.0/0", ...vpcs.flatMap((v) => v.vpc.cidrs), ...vpcs.map((v) => v.subnets[0]!.cidr), "10.0.0.0/8", "8.8.8.0/24", "52.216.0.0/15", "192.168.0.0/16"];
}

/** The destinations a VPC route to the transit gateway may name (never inside the VPC's own CIDRs). */
function vpcRouteDestinations(own: VpcParts, vpcs: VpcParts[]): string[] {
  return ["0.0.0.0/0", "0.0.0.0/0", ...vpcs.filter((v) => v !== own).map((v) => v.vpc.cidrs[0]!), "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "8.8.8.0/24"];
}

interface Built {
  attachments: TransitGatewayAttachment[];
  tables: TransitGatewayRouteTable[];
  /** The transit gateway each VPC is attached to. */
  tgwOfVpc: Map<string, string>;
}

/**
 * Dedicated attachment subnets of a VPC, one in each zone asked for (`10.i.20z.0/24`), with a
 * route table of their own holding only the local route, and an allow-all NACL or the default one.
 */
function dedicatedSubnets(target: VpcParts, n: number, zones: string[], openAcl: boolean, parts: Required<ModelParts>): Subnet[] {
  const subnets = zones.map((az) => subnetRecord(`subnet-${n}tgw${az.slice(-1)}`, target.vpc.id, `10.${n}.${200 + "abc".indexOf(az.slice(-1))}.0/24`, az));
  parts.subnets.push(...subnets);
  const ids = subnets.map((s) => s.id);
  parts.routeTables.push(routeTable(`rtb-${n}tgw`, target.vpc, { subnetIds: ids }));
  if (openAcl) parts.networkAcls.push(networkAcl(`acl-${n}tgw`, target.vpc.id, { subnetIds: ids, entries: allowAllEntries() }));
  return subnets;
}

/** The VPC attachments a spec asks for (at most one per VPC), with their associations. */
function vpcAttachments(spec: TgwSpec, vpcs: VpcParts[], hubTables: string[], peerTable: string | undefined, parts: Required<ModelParts>): TransitGatewayAttachment[] {
  const out: TransitGatewayAttachment[] = [];
  vpcs.forEach((target, n) => {
    const a = spec.attachments[n];
    if (!a?.present) return;
    const onPeer = a.peerSide && peerTable !== undefined;
    const tgwId = onPeer ? PEER_TGW : HUB_TGW;
    const byAz = new Map<string, string>();
    for (const subnet of a.allZones ? target.subnets : a.subnets.map((s) => pick(target.subnets, s)!)) {
      if (!byAz.has(subnet.availabilityZone)) byAz.set(subnet.availabilityZone, subnet.id);
    }
    if (a.dedicated) {
      const subnets = dedicatedSubnets(target, n, [...byAz.keys()].sort(), a.openAcl, parts);
      byAz.clear();
      for (const subnet of subnets) byAz.set(subnet.availabilityZone, subnet.id);
    }
    const table = onPeer ? peerTable : pick(hubTables, a.association - 1);
    const associations = !spec.associationsKnown ? undefined : a.association === 0 || !table ? [] : [{ transitGatewayId: tgwId, routeTableId: table, state: ASSOCIATION_STATES[a.associationState % ASSOCIATION_STATES.length]! }];
    out.push({
      ...base(`tgw-attach-${n}`), transitGatewayId: tgwId, resourceType: "vpc", resourceId: target.vpc.id, resourceOwnerId: target.vpc.scope.account,
      state: ATTACHMENT_STATES[a.state % ATTACHMENT_STATES.length]!, subnetIds: [...byAz.values()], associations,
      securityGroupReferencingSupport: spec.referencing?.[n + 1],
      applianceModeSupport: spec.applianceMode ? spec.applianceMode[n] : "disable",
    });
  });
  return out;
}

/** One transit gateway route table with its static routes and propagations, given in the spec's style. */
function routeTableOf(spec: TgwSpec, id: string, tgwId: string, statics: TransitGatewayRoute[], propagations: TransitGatewayPropagation[], vpcs: VpcParts[]): TransitGatewayRouteTable {
  const style = ROUTE_STYLES[spec.routeStyle % ROUTE_STYLES.length]!;
  const propagated: TransitGatewayRoute[] = propagations.flatMap((p) => {
    if (p.resourceType === "vpn") return [{ destination: { kind: "cidr" as const, cidr: "192.168.0.0/16" }, type: "propagated" as const, state: "active" as const, attachmentIds: [p.attachmentId] }];
    const cidrs = vpcs.find((v) => v.vpc.id === p.resourceId)?.vpc.cidrs ?? [];
    return cidrs.map((cidr) => ({ destination: { kind: "cidr" as const, cidr }, type: "propagated" as const, state: "active" as const, attachmentIds: [p.attachmentId] }));
  });
  const routesGiven = style === "missing" ? undefined : style === "static" ? "static" : "all";
  const routes = style === "missing" ? [] : style === "static" ? statics : [...statics, ...propagated];
  return { ...base(id), transitGatewayId: tgwId, state: "available", routesGiven, routes, routesTruncated: style === "truncated", propagations: style === "missing" ? undefined : propagations };
}

/** Static routes of one table from route specs (one per destination CIDR, as AWS allows). */
function staticRoutes(specs: TgwRouteSpec[], tableIndex: number, tableCount: number, destinations: string[], targets: string[]): TransitGatewayRoute[] {
  const routes: TransitGatewayRoute[] = [];
  for (const r of specs) {
    if (r.table % tableCount !== tableIndex) continue;
    const cidr = pick(destinations, r.destination)!;
    const target = pick(targets, r.target);
    if (routes.some((x) => x.destination.kind === "cidr" && x.destination.cidr === cidr) || (!target && !r.blackhole)) continue;
    routes.push({ destination: { kind: "cidr", cidr }, type: "static", state: r.blackhole ? "blackhole" : "active", attachmentIds: r.blackhole ? [] : [target!] });
  }
  return routes;
}

/**
 * Static routes to the peering attachment (peering carries no propagated routes): in each table
 * of one transit gateway, the CIDRs of the VPCs attached to the other, unless a route has them.
 */
function routesOverPeering(tables: TransitGatewayRouteTable[], attachments: TransitGatewayAttachment[], vpcs: VpcParts[]): void {
  for (const table of tables) {
    if (table.routesGiven === undefined) continue;
    for (const a of attachments) {
      if (a.transitGatewayId === table.transitGatewayId) continue;
      for (const cidr of vpcs.find((v) => v.vpc.id === a.resourceId)?.vpc.cidrs ?? []) {
        if (table.routes.some((r) => r.type === "static" && r.destination.kind === "cidr" && r.destination.cidr === cidr)) continue;
        table.routes.push({ destination: { kind: "cidr", cidr }, type: "static", state: "active", attachmentIds: ["tgw-attach-peer"] });
      }
    }
  }
}

/** The attachments, route tables and transit gateways of a spec, added to the parts. */
function buildTransitGateways(spec: TgwSpec, vpcs: VpcParts[], parts: Required<ModelParts>): Built {
  const hubTables = Array.from({ length: spec.tables }, (_, k) => `tgw-rtb-0${k}`);
  const peerTable = spec.peering ? "tgw-rtb-1a" : undefined;
  const attachments = vpcAttachments(spec, vpcs, hubTables, peerTable, parts);
  const extra: TransitGatewayAttachment[] = [];
  if (spec.vpn) {
    extra.push({ ...base("tgw-attach-vpn"), transitGatewayId: HUB_TGW, resourceType: "vpn", resourceId: "vpn-0corp", resourceOwnerId: SCOPE.account, state: "available", subnetIds: [], associations: spec.associationsKnown ? [{ transitGatewayId: HUB_TGW, routeTableId: hubTables[0]!, state: "associated" }] : undefined });
  }
  if (spec.peering && peerTable) {
    const associations = spec.associationsKnown ? [{ transitGatewayId: HUB_TGW, routeTableId: hubTables[0]!, state: "associated" }, { transitGatewayId: PEER_TGW, routeTableId: peerTable, state: "associated" }] : undefined;
    extra.push({ ...base("tgw-attach-peer"), transitGatewayId: HUB_TGW, resourceType: "peering", resourceId: PEER_TGW, resourceOwnerId: SCOPE.account, state: ATTACHMENT_STATES[spec.peering.state % ATTACHMENT_STATES.length]!, subnetIds: [], associations });
  }
  const all = [...attachments, ...extra];
  const destinations = tgwDestinations(vpcs);
  const onTgw = (tgwId: string) => all.filter((a) => a.transitGatewayId === tgwId || (a.resourceType === "peering" && a.resourceId === tgwId)).map((a) => a.id);
  const propagationsInto = (tgwId: string, index: number, count: number): TransitGatewayPropagation[] => {
    const out: TransitGatewayPropagation[] = [];
    vpcs.forEach((v, n) => {
      const a = spec.attachments[n]!;
      const att = attachments.find((x) => x.resourceId === v.vpc.id);
      if (!att || att.transitGatewayId !== tgwId) return;
      if (a.propagateAll || a.propagations.some((t) => t % count === index)) out.push({ attachmentId: att.id, resourceType: "vpc", resourceId: att.resourceId, state: "enabled" });
    });
    if (spec.vpn && tgwId === HUB_TGW && index === 0) out.push({ attachmentId: "tgw-attach-vpn", resourceType: "vpn", resourceId: "vpn-0corp", state: "enabled" });
    return out;
  };
  const tables = hubTables.map((id, k) => routeTableOf(spec, id, HUB_TGW, staticRoutes(spec.routes, k, hubTables.length, destinations, onTgw(HUB_TGW)), propagationsInto(HUB_TGW, k, hubTables.length), vpcs));
  if (spec.peering && peerTable) tables.push(routeTableOf(spec, peerTable, PEER_TGW, staticRoutes(spec.peering.routes, 0, 1, destinations, onTgw(PEER_TGW)), propagationsInto(PEER_TGW, 0, 1), vpcs));
  if (spec.peering?.routesToPeer) routesOverPeering(tables, attachments, vpcs);
  parts.transitGateways.push({ ...base(HUB_TGW), state: TGW_STATES[spec.state % TGW_STATES.length]!, ownerId: SCOPE.account, defaultAssociationRouteTableId: undefined, defaultPropagationRouteTableId: undefined, securityGroupReferencingSupport: spec.referencing?.[0] });
  if (spec.peering) parts.transitGateways.push({ ...base(PEER_TGW), state: "available", ownerId: SCOPE.account, defaultAssociationRouteTableId: undefined, defaultPropagationRouteTableId: undefined });
  parts.transitGatewayAttachments.push(...all);
  parts.transitGatewayRouteTables.push(...tables);
  return { attachments, tables, tgwOfVpc: new Map(attachments.map((a) => [a.resourceId!, a.transitGatewayId])) };
}

/** The CIDRs a spoke sends to its transit gateway, by `VpcTgwRoutesSpec.style`. */
function spokeDestinations(style: number, own: VpcParts, vpcs: VpcParts[]): string[] {
  if (style === 0) return ["10.0.0.0/8"];
  if (style === 1) return vpcs.filter((v) => v !== own).flatMap((v) => v.vpc.cidrs);
  if (style === 2) return ["0.0.0.0/0"];
  return [];
}

/** VPC routes to a transit gateway (replacing a route to the same CIDR). */
function addVpcRoutes(spec: TgwSpec, vpcs: VpcParts[], built: Built, parts: Required<ModelParts>): void {
  vpcs.forEach((own, n) => {
    const r = spec.spokeRoutes[n]!;
    const tgwId = built.tgwOfVpc.get(own.vpc.id) ?? HUB_TGW;
    own.tableIds.forEach((id, k) => {
      if (r.skipTable > 0 && (r.skipTable - 1) % own.tableIds.length === k) return;
      const table = parts.routeTables.find((t) => t.id === id);
      for (const cidr of spokeDestinations(r.style, own, vpcs)) setRoute(table, cidr, { kind: "transit-gateway", id: tgwId });
    });
  });
  for (const r of spec.vpcRoutes) {
    const own = vpcs[r.vpc % vpcs.length]!;
    const attachedTo = built.tgwOfVpc.get(own.vpc.id) ?? HUB_TGW;
    const tgwId = r.otherTgw && spec.peering ? (attachedTo === HUB_TGW ? PEER_TGW : HUB_TGW) : attachedTo;
    const table = parts.routeTables.find((t) => t.id === pick(own.tableIds, r.table));
    setRoute(table, pick(vpcRouteDestinations(own, vpcs), r.destination)!, { kind: "transit-gateway", id: tgwId });
  }
}

/**
 * Centralized egress: a NAT gateway in the egress VPC, its attachment subnets sending the internet
 * to it, the NAT subnet sending the internet to the internet gateway and (unless the spec leaves it
 * out) the spokes back to the transit gateway, and a default route to the egress attachment.
 */
function addEgress(egress: EgressSpec, vpcs: VpcParts[], built: Built, parts: Required<ModelParts>, takeIp: (subnet: Subnet, start: number) => string): void {
  const hub = vpcs[egress.vpc % vpcs.length]!;
  const attachment = built.attachments.find((a) => a.resourceId === hub.vpc.id);
  if (!attachment) return;
  const zone = parts.subnets.find((s) => s.id === attachment.subnetIds[0])?.availabilityZone ?? "us-east-1a";
  const natSubnet = egress.asDesigned ? publicNatSubnet(hub, zone, parts) : pick(hub.subnets, egress.natSubnet)!;
  const ip = takeIp(natSubnet, 5);
  parts.networkInterfaces.push(eni("eni-natx", natSubnet, ip, { interfaceType: "nat_gateway", publicIp: "3.201.0.1" }));
  parts.natGateways.push(natGateway("nat-egress", hub.vpc.id, natSubnet.id, { privateIp: ip, eniId: "eni-natx", publicIp: "3.201.0.1" }));
  for (const id of attachment.subnetIds) setRoute(tableOfSubnet(parts, parts.subnets.find((s) => s.id === id)!), "0.0.0.0/0", { kind: "nat", id: "nat-egress" });
  const natTable = tableOfSubnet(parts, natSubnet);
  const igwId = egress.asDesigned ? parts.internetGateways.find((g) => g.attachedVpcIds.includes(hub.vpc.id))?.id : hub.igwId;
  if (igwId) setRoute(natTable, "0.0.0.0/0", { kind: "igw", id: igwId });
  if (egress.returnRoute) setRoute(natTable, "10.0.0.0/8", { kind: "transit-gateway", id: attachment.transitGatewayId });
  if (egress.asDesigned) {
    for (const spoke of vpcs) {
      if (spoke === hub || built.tgwOfVpc.get(spoke.vpc.id) !== attachment.transitGatewayId) continue;
      for (const id of spoke.tableIds) setRoute(parts.routeTables.find((t) => t.id === id), "0.0.0.0/0", { kind: "transit-gateway", id: attachment.transitGatewayId });
    }
  }
  if (!egress.tgwDefault) return;
  for (const table of built.tables) {
    if (table.transitGatewayId !== attachment.transitGatewayId || table.routesGiven === undefined) continue;
    table.routes = table.routes.filter((r) => !(r.type === "static" && r.destination.kind === "cidr" && r.destination.cidr === "0.0.0.0/0"));
    table.routes.push({ destination: { kind: "cidr", cidr: "0.0.0.0/0" }, type: "static", state: "active", attachmentIds: [attachment.id] });
  }
}

/**
 * The egress VPC's public NAT subnet (`EgressSpec.asDesigned`) in a zone of its attachment (the
 * replies go back by the attachment's subnet in their zone), with its table, NACL and an attached
 * internet gateway.
 */
function publicNatSubnet(hub: VpcParts, zone: string, parts: Required<ModelParts>): Subnet {
  const n = hub.vpc.id.slice("vpc-".length);
  const natSubnet = subnetRecord(`subnet-${n}natx`, hub.vpc.id, `10.${n}.220.0/24`, zone);
  parts.subnets.push(natSubnet);
  parts.routeTables.push(routeTable(`rtb-${n}natx`, hub.vpc, { subnetIds: [natSubnet.id] }));
  parts.networkAcls.push(networkAcl(`acl-${n}natx`, hub.vpc.id, { subnetIds: [natSubnet.id], entries: allowAllEntries() }));
  if (!parts.internetGateways.some((g) => g.attachedVpcIds.includes(hub.vpc.id))) parts.internetGateways.push(internetGateway(`igw-${n}natx`, [hub.vpc.id]));
  return natSubnet;
}

/** Moves the second VPC and everything in it to another account. */
function moveToOtherAccount(vpc: Vpc, parts: Required<ModelParts>): void {
  vpc.scope = OTHER_ACCOUNT;
  const inVpc = [parts.subnets, parts.routeTables, parts.natGateways, parts.vpcEndpoints, parts.securityGroups, parts.networkAcls, parts.networkInterfaces, parts.instances] as { vpcId: string; scope: Scope }[][];
  for (const list of inVpc) for (const record of list) if (record.vpcId === vpc.id) record.scope = OTHER_ACCOUNT;
  for (const igw of parts.internetGateways) if (igw.attachedVpcIds.includes(vpc.id)) igw.scope = OTHER_ACCOUNT;
  const subnetIds = new Set(parts.subnets.filter((s) => s.vpcId === vpc.id).map((s) => s.id));
  for (const notebook of parts.notebooks) if (notebook.subnetId && subnetIds.has(notebook.subnetId)) notebook.scope = OTHER_ACCOUNT;
}

/**
 * Adds the transit gateway records a spec describes to the parts, and the VPC routes to them.
 *
 * @param spec - the setting (undefined: no transit gateway)
 * @param vpcs - the network's VPCs
 * @param parts - the network's parts (route tables already built)
 * @param takeIp - hands out a host address in a subnet
 */
export function addTransitGateways(spec: TgwSpec | undefined, vpcs: VpcParts[], parts: Required<ModelParts>, takeIp: (subnet: Subnet, start: number) => string): void {
  if (!spec) return;
  const built = buildTransitGateways(spec, vpcs, parts);
  addVpcRoutes(spec, vpcs, built, parts);
  if (spec.egress) addEgress(spec.egress, vpcs, built, parts, takeIp);
  if (spec.crossAccount && vpcs[1]) moveToOtherAccount(vpcs[1].vpc, parts);
  if (spec.zoneIds !== undefined) setZoneIds(spec.zoneIds, parts.subnets);
}

/** Zone ids as describe-subnets gives them (one account's mapping), none, or one zone in use1-az3. */
function setZoneIds(style: number, subnets: Subnet[]): void {
  if (style === 1) return;
  const ids: Record<string, string> = { "us-east-1a": "use1-az1", "us-east-1b": "use1-az2", "us-east-1c": style === 2 ? "use1-az3" : "use1-az4" };
  for (const subnet of subnets) subnet.availabilityZoneId = ids[subnet.availabilityZone];
}

/**
 * Marks the other account's data as collected, as for the network's own account (before Block
 * Public Access is marked: that is the own account's setting only).
 *
 * @param spec - the setting
 * @param model - the assembled model
 */
export function markOtherAccountPresent(spec: TgwSpec | undefined, model: Model): void {
  if (!spec?.crossAccount || model.vpcs.size < 2) return;
  const kinds = model.dataPresent.get(scopeKey(SCOPE));
  if (kinds) (model.dataPresent as Map<string, ReadonlySet<string>>).set(scopeKey(OTHER_ACCOUNT), new Set(kinds));
}
