/**
 * The reference evaluator's transit gateway hop, read from AWS's Transit Gateway guide and written
 * apart from the engine:
 *
 * - "How transit gateways work": a packet from a VPC enters through that VPC's attachment, by the
 *   attachment's subnet in the sender's Availability Zone ("resources in Availability Zones where
 *   there is no transit gateway attachment cannot reach the transit gateway"); the route table the
 *   attachment is associated with decides where it goes by its destination; it leaves into the
 *   destination VPC through that VPC's attachment subnet, whose route table then routes it.
 * - Appliance mode off: "traffic is kept to the originating Availability Zone" — it leaves by the
 *   destination attachment's subnet in the zone it entered by; with no subnet there, by one of the
 *   others, which AWS does not say: the reference walks every choice and, where they differ, says
 *   the answer is undetermined (walk.ts). Appliance mode on (`ApplianceModeSupport` of the
 *   attachment it leaves by; "Example: Appliance in a shared services VPC"): "a transit gateway
 *   selects a single network interface … using a flow hash algorithm", so any of the attachment's
 *   subnets, each walked; replies into the sender's VPC likewise by the sender's attachment. The
 *   option not given: both ways, asked only where the attachment has several subnets.
 * - "Transit gateway route tables": longest prefix first; at equal prefix a static route beats a
 *   propagated one; a blackhole route drops; propagation from a VPC attachment installs a route
 *   for each of the VPC's CIDRs — except that "if you attach a VPC to a transit gateway and its
 *   CIDR is identical to, or overlaps with, the CIDR of another VPC that's already attached to the
 *   transit gateway, the routes for the newly attached VPC aren't propagated" ("Amazon VPC
 *   attachments", limits): the snapshot does not say which VPC came first, so a propagated route
 *   of a VPC overlapping another attached VPC is unmodeled where it is chosen. Peering attachments carry traffic to the peer transit gateway,
 *   whose table associated with the peering attachment routes it on.
 * - "Network ACLs for transit gateways": traffic into the transit gateway is checked by the
 *   attachment subnet's inbound rules (by source) even when the sender shares that subnet;
 *   traffic out of it by the attachment subnet's outbound rules (by destination), except towards
 *   an address in that subnet — which `leaveSubnet` gives for free, as the attachment subnet's
 *   route table is where the packet goes on.
 *
 * - Security group references: inbound ones as `groupReferenceHolds` says; outbound ones not at all
 *   ("Outbound security rules referencing over Transit Gateway aren't supported", AWS's announcement
 *   of group referencing for transit gateways): a request its sender's groups admit only by naming
 *   a group (`Walk.egressByGroupReference`) is dropped on its way in.
 *
 * VPN, Direct Connect and Connect attachments (routes learned by BGP), ECMP and a route table the
 * snapshot lacks are unmodeled.
 */
import type { NetworkInterface, Subnet, TransitGatewayAttachment, TransitGatewayRoute, TransitGatewayRouteTable, Vpc } from "../../src/model/types.js";
import { cidrContains, prefixLength } from "./ipv4.js";
import { checkNetworkAcl } from "./filters.js";
import { leaveSubnet, recordEntry, type Arrival } from "./hops.js";
import { assumedOption, chosenSubnet } from "./assume.js";
import { drop, step, unmodeled, type Packet, type Walk } from "./walk.js";

/** Transit gateway route tables one walk (request and reply) may cross before the reference calls it a routing loop. */
const MAX_TABLES = 16;

/** Attachments and transit gateways that carry traffic; other states are named in the drop. */
const AVAILABLE = "available";

/**
 * A route to a transit gateway: into it through the VPC's attachment, then its routing.
 *
 * @param walk - the walk
 * @param tgwId - the transit gateway the route names
 * @param vpc - the VPC whose route table chose it
 * @param from - the subnet whose route table chose it (its zone is the packet's)
 * @param packet - the packet
 */
export function throughTransitGateway(walk: Walk, tgwId: string, vpc: Vpc, from: Subnet, packet: Packet): Arrival {
  const tgw = walk.model.transitGateways.get(tgwId);
  if (!tgw) unmodeled(walk, tgwId, `transit gateway ${tgwId} is not in the snapshot`, true);
  if (tgw.state !== AVAILABLE) drop(walk, tgwId, "BAD_STATE", `transit gateway ${tgwId} is ${tgw.state}`);
  const byReference = walk.direction === "forward" ? walk.egressByGroupReference : undefined;
  if (byReference) {
    // "Outbound security rules referencing over Transit Gateway aren't supported" (AWS's announcement).
    drop(walk, byReference.groupId, "SG_REFERENCES_NOT_PRESERVED", `${byReference.groupId} egress[${byReference.permissionIndex}] admits ${packet.dstIp} only by naming ${byReference.referenced}, and outbound group references do not hold over a transit gateway`);
  }
  const own = [...walk.model.transitGatewayAttachments.values()].filter((a) => a.resourceType === "vpc" && a.resourceId === vpc.id && a.transitGatewayId === tgwId && a.state !== "deleted");
  if (own.length === 0) drop(walk, tgwId, "BAD_STATE_ATTACHMENT", `${vpc.id} has no attachment to ${tgwId}`);
  if (own.length > 1) unmodeled(walk, tgwId, `${vpc.id} has several attachments to ${tgwId}`);
  const attachment = own[0]!;
  requireAvailable(walk, attachment);
  const entry = attachmentSubnets(walk, attachment).find((s) => s.availabilityZone === from.availabilityZone);
  if (!entry) drop(walk, attachment.id, "TGW_ROUTE_AZ_RESTRICTION", `${attachment.id} has no subnet in ${from.availabilityZone}, where ${from.id} is`);
  checkNetworkAcl(walk, entry, packet, "ingress");
  step(walk, `${attachment.id} carries the packet from ${entry.id} (${entry.availabilityZone}) into ${tgwId}`);
  return routeAt(walk, tgwId, attachment, attachment, entry.availabilityZone, packet);
}

/** Drops at an attachment that is not available. */
function requireAvailable(walk: Walk, attachment: TransitGatewayAttachment): void {
  if (attachment.state !== AVAILABLE) drop(walk, attachment.id, "BAD_STATE_ATTACHMENT", `${attachment.id} is ${attachment.state}`);
}

/** An attachment's subnets; unmodeled when the snapshot lacks them. */
function attachmentSubnets(walk: Walk, attachment: TransitGatewayAttachment): Subnet[] {
  const subnets = attachment.subnetIds.map((id) => walk.model.subnets.get(id));
  if (subnets.length === 0 || subnets.some((s) => s === undefined)) unmodeled(walk, attachment.id, `the subnets of ${attachment.id} are not in the snapshot`, true);
  return subnets as Subnet[];
}

/**
 * Routes a packet that arrived at a transit gateway on an attachment.
 *
 * @param walk - the walk
 * @param tgwId - the transit gateway
 * @param ingress - the attachment it arrived on
 * @param az - the zone it entered by
 * @param packet - the packet
 */
function routeAt(walk: Walk, tgwId: string, ingress: TransitGatewayAttachment, origin: TransitGatewayAttachment, az: string, packet: Packet): Arrival {
  walk.transitGatewayTables = (walk.transitGatewayTables ?? 0) + 1;
  if (walk.transitGatewayTables > MAX_TABLES) drop(walk, tgwId, "ROUTING_LOOP", `the packet has crossed ${MAX_TABLES} transit gateway route tables (a loop)`);
  const table = associatedTable(walk, tgwId, ingress);
  const route = longestMatch(walk, table, packet.dstIp);
  if (!route) drop(walk, table.id, "TGW_RTB_CANNOT_ROUTE", `${table.id} has no route to ${packet.dstIp}`);
  if (route.state === "blackhole") drop(walk, table.id, "TGW_RTB_BAD_STATE_ROUTE", `${table.id} sends ${packet.dstIp} into a blackhole`);
  if (route.attachmentIds.length !== 1) unmodeled(walk, table.id, `${table.id} spreads ${packet.dstIp} over ${route.attachmentIds.length} attachments (ECMP)`);
  const target = walk.model.transitGatewayAttachments.get(route.attachmentIds[0]!);
  if (!target) unmodeled(walk, table.id, `attachment ${route.attachmentIds[0]} is not in the snapshot`, true);
  if (target.resourceType === "peering" || target.resourceType === "tgw-peering") {
    requireAvailable(walk, target);
    const peer = target.transitGatewayId === tgwId ? target.resourceId : target.transitGatewayId;
    const peerTgw = peer ? walk.model.transitGateways.get(peer) : undefined;
    if (!peer || !peerTgw) unmodeled(walk, target.id, `the transit gateway ${target.id} peers with is not in the snapshot`, true);
    if (peerTgw.state !== AVAILABLE) drop(walk, peer, "BAD_STATE", `transit gateway ${peer} is ${peerTgw.state}`);
    step(walk, `peering attachment ${target.id} carries the packet from ${tgwId} to ${peer}`);
    return routeAt(walk, peer, target, origin, az, packet);
  }
  if (target.resourceType !== "vpc") unmodeled(walk, target.id, `${target.resourceType} attachments are not modelled`);
  requireAvailable(walk, target);
  return intoVpc(walk, tgwId, target, origin, az, packet);
}

/** The route table an attachment is associated with on a transit gateway; drops when none is. */
function associatedTable(walk: Walk, tgwId: string, attachment: TransitGatewayAttachment): TransitGatewayRouteTable {
  if (attachment.associations === undefined) unmodeled(walk, attachment.id, `the route table association of ${attachment.id} is not in the snapshot`, true);
  const association = attachment.associations.find((a) => (a.transitGatewayId ?? attachment.transitGatewayId) === tgwId && a.state === "associated");
  if (!association) drop(walk, attachment.id, "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION", `${attachment.id} is associated with no route table of ${tgwId}`);
  const table = walk.model.transitGatewayRouteTables.get(association.routeTableId);
  if (!table) unmodeled(walk, association.routeTableId, `transit gateway route table ${association.routeTableId} is not in the snapshot`, true);
  return table;
}

/** A table's routes: as listed by search-transit-gateway-routes, or static routes plus one per propagated VPC CIDR. */
function routesOf(walk: Walk, table: TransitGatewayRouteTable): TransitGatewayRoute[] {
  if (table.routesGiven === undefined) unmodeled(walk, table.id, `the routes of ${table.id} are not in the snapshot`, true);
  if (table.routesTruncated) unmodeled(walk, table.id, `the routes of ${table.id} were cut short (AdditionalRoutesAvailable)`, true);
  if (table.routesGiven === "all") return table.routes;
  if (table.propagations === undefined) unmodeled(walk, table.id, `the propagations into ${table.id} are not in the snapshot`, true);
  const propagated: TransitGatewayRoute[] = [];
  for (const p of table.propagations) {
    if (p.state !== "enabled") continue;
    if (p.resourceType !== "vpc") unmodeled(walk, table.id, `${p.attachmentId} propagates ${p.resourceType} routes learned by BGP into ${table.id}`);
    const vpc = p.resourceId ? walk.model.vpcs.get(p.resourceId) : undefined;
    if (!vpc) unmodeled(walk, table.id, `the VPC propagated by ${p.attachmentId} is not in the snapshot`, true);
    for (const cidr of vpc.cidrs) propagated.push({ destination: { kind: "cidr", cidr }, type: "propagated", state: "active", attachmentIds: [p.attachmentId] });
  }
  return [...table.routes, ...propagated];
}

/** The route a table uses for an address: longest prefix, then static before propagated. */
function longestMatch(walk: Walk, table: TransitGatewayRouteTable, ip: string): TransitGatewayRoute | undefined {
  let best: { route: TransitGatewayRoute; length: number }[] = [];
  for (const route of routesOf(walk, table)) {
    const d = route.destination;
    if (d.kind === "ipv6") continue;
    if (d.kind === "prefix-list") unmodeled(walk, table.id, `prefix-list routes in transit gateway route tables are not modelled`);
    if (!cidrContains(d.cidr, ip)) continue;
    const length = prefixLength(d.cidr);
    if (best.length === 0 || length > best[0]!.length) best = [{ route, length }];
    else if (length === best[0]!.length) best.push({ route, length });
  }
  const statics = best.filter((b) => b.route.type === "static");
  const left = statics.length > 0 ? statics : best;
  if (left.length > 1) unmodeled(walk, table.id, `routes of ${table.id} tie for ${ip}`);
  const chosen = left[0]?.route;
  if (chosen && table.routesGiven === "static" && chosen.type === "propagated") refuseOverlappingPropagation(walk, table, chosen);
  if (chosen) step(walk, `transit gateway route table ${table.id} selects ${(chosen.destination as { cidr: string }).cidr} → ${chosen.state === "blackhole" ? "blackhole" : chosen.attachmentIds.join(", ")} (${chosen.type})`);
  return chosen;
}

/** Unmodeled when the chosen propagated route's VPC overlaps another VPC attached to the same transit gateway. */
function refuseOverlappingPropagation(walk: Walk, table: TransitGatewayRouteTable, chosen: TransitGatewayRoute): void {
  const attachmentOf = (id: string | undefined) => (id ? walk.model.transitGatewayAttachments.get(id) : undefined);
  const mine = walk.model.vpcs.get(attachmentOf(chosen.attachmentIds[0])?.resourceId ?? "");
  if (!mine) return;
  for (const other of walk.model.transitGatewayAttachments.values()) {
    if (other.transitGatewayId !== table.transitGatewayId || other.resourceType !== "vpc" || other.state === "deleted" || other.resourceId === mine.id) continue;
    const theirs = walk.model.vpcs.get(other.resourceId ?? "");
    const clash = theirs?.cidrs.find((c) => mine.cidrs.some((m) => cidrContains(c, m.split("/")[0]!) || cidrContains(m, c.split("/")[0]!)));
    if (clash) unmodeled(walk, table.id, `${mine.id} and ${theirs!.id} (${clash}) overlap on ${table.transitGatewayId}: AWS propagates only the VPC attached first`);
  }
}

/**
 * Out of the transit gateway into a VPC by its attachment's subnet in the packet's zone (else one
 * of its subnets, each walked), then on by that subnet's route table.
 */
function intoVpc(walk: Walk, tgwId: string, target: TransitGatewayAttachment, origin: TransitGatewayAttachment, az: string, packet: Packet): Arrival {
  const vpc = target.resourceId ? walk.model.vpcs.get(target.resourceId) : undefined;
  if (!vpc) unmodeled(walk, target.id, `the VPC of ${target.id} is not in the snapshot`, true);
  const subnets = attachmentSubnets(walk, target);
  const exit = subnets.length > 1 && applianceMode(walk, target) === "enable"
    ? chosenSubnet(walk, `${target.id} flow hash`, subnets, `which subnet of ${target.id} the flow hash picks (appliance mode)`)
    : subnets.find((s) => s.availabilityZone === az) ?? chosenSubnet(walk, `${target.id} exit from ${az}`, subnets, `which subnet of ${target.id} the transit gateway uses outside ${az}`);
  step(walk, `${tgwId} delivers the packet into ${vpc.id} by ${target.id}'s subnet ${exit.id} (${exit.availabilityZone})`);
  walk.enteredByTransitGateway = vpc.id;
  recordEntry(walk, vpc.id, tgwId);
  if (walk.direction === "forward") (walk.crossed ??= []).push({ kind: "transit-gateway", from: origin, to: target, deliveredBy: tgwId, entry: exit });
  return leaveSubnet(walk, exit, packet);
}

/**
 * An attachment's ApplianceModeSupport ("How transit gateways work", appliance mode): enabled, the
 * transit gateway picks one of the attachment's network interfaces per flow by a flow hash, in any
 * zone, for both directions of the flow; disabled, it keeps the traffic's zone. Not given: both.
 */
function applianceMode(walk: Walk, attachment: TransitGatewayAttachment): "enable" | "disable" {
  return attachment.applianceModeSupport ?? assumedOption(walk, `${attachment.id} ApplianceModeSupport`);
}

/** Local Zones AWS lists for security group referencing through a transit gateway. */
const REFERENCING_LOCAL_ZONES = ["us-east-1-atl-2a", "us-east-1-dfw-2a", "us-east-1-iah-2a", "us-west-2-lax-1a", "us-west-2-lax-1b", "us-east-1-mia-2a", "us-east-1-chi-2a", "us-west-2-phx-2a"];

/**
 * Whether an inbound rule naming the sender's group admits a request that reached `eni` over a
 * transit gateway, read from "Security group referencing" (Amazon VPC attachments in AWS Transit
 * Gateway): only with SecurityGroupReferencingSupport enabled for the transit gateway and its VPC
 * attachments (the sender's and the receiver's), both VPCs on the same transit gateway (no
 * transit gateway peering), not for PrivateLink endpoints, not for attachments in use1-az3, for EFS
 * only with an allow-all egress rule; AWS advises against it in unsupported Local Zones,
 * Wavelength Zones and Outposts. A request that crossed nothing keeps the group as usual. An
 * option the snapshot lacks is walked both ways (the answer holds if both agree); a path the page
 * does not cover is unmodeled.
 *
 * @returns true when the reference holds, false when it does not
 */
export function groupReferenceHolds(walk: Walk, eni: NetworkInterface): boolean {
  const crossed = walk.crossed ?? [];
  const byTgw = crossed.filter((c) => c.kind === "transit-gateway");
  const last = byTgw.at(-1);
  if (!last) return true;
  if (walk.model.vpcEndpoints.size > 0 && [...walk.model.vpcEndpoints.values()].some((e) => e.networkInterfaceIds.includes(eni.id))) return false;
  if (eni.interfaceType === "vpc_endpoint") return false;
  if (eni.description.startsWith("EFS mount target")) {
    const openEgress = eni.securityGroupIds.some((id) => walk.model.securityGroups.get(id)?.egress.some((r) => r.protocol === "all" && r.peer.kind === "cidr" && r.peer.cidr === "0.0.0.0/0"));
    if (!openEgress) return false;
  }
  if (last.from.transitGatewayId !== last.deliveredBy) return false;
  if (byTgw.length > 1 || crossed.at(-1)?.kind !== "transit-gateway") unmodeled(walk, eni.id, `a group reference after ${crossed.length} crossings between VPCs is not documented`);
  const holders: [string, string | undefined][] = [
    [last.deliveredBy, walk.model.transitGateways.get(last.deliveredBy)?.securityGroupReferencingSupport],
    [last.from.id, last.from.securityGroupReferencingSupport],
    [last.to.id, last.to.securityGroupReferencingSupport],
  ];
  if (holders.some(([, v]) => v === "disable")) return false;
  for (const [id, value] of holders) {
    if (value === undefined && assumedOption(walk, `${id} SecurityGroupReferencingSupport`) === "disable") return false;
  }
  if (last.entry.availabilityZoneId === "use1-az3") return false;
  const attachmentSubnets = [...last.from.subnetIds, ...last.to.subnetIds].map((id) => walk.model.subnets.get(id)).filter((s): s is Subnet => s !== undefined);
  for (const s of attachmentSubnets) {
    if (s.availabilityZoneId === "use1-az3") unmodeled(walk, s.id, `${s.id} of an attachment is in use1-az3; whether that stops group references through the attachment's other zones is not documented`);
    if (s.availabilityZoneId === undefined && s.scope.region === "us-east-1") unmodeled(walk, s.id, `the zone id of ${s.id} is not in the snapshot (use1-az3 does not support group references)`, true);
  }
  const vpcs = [last.from.resourceId, last.to.resourceId];
  for (const s of walk.model.subnets.values()) {
    if (!vpcs.includes(s.vpcId)) continue;
    const plainZone = s.availabilityZone.length === s.scope.region.length + 1 && s.availabilityZone.startsWith(s.scope.region);
    if (!plainZone && !REFERENCING_LOCAL_ZONES.includes(s.availabilityZone)) unmodeled(walk, s.id, `${s.id} is in ${s.availabilityZone}, where AWS advises against group references through a transit gateway`);
  }
  return true;
}
