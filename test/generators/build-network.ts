/**
 * Turns a generated `NetworkSpec` into a valid `Model`: VPC i owns 10.i.0.0/16 (and, when asked,
 * the secondary 172.(16+i).0.0/16); subnet k is the k-th /24 of one of them; addresses inside a
 * subnet are handed out in order (NAT .5…, endpoint ENIs .20…, hosts .100…); instance public IPs
 * are 54.200.i.n and NAT EIPs 3.200.i.n (3.202.i.1 for the `natEgress` one). Indices in the spec pick "modulo" among what exists, so
 * every reference resolves.
 */
import type { Model, NetworkAclEntry, Protocol, Route, SecurityGroup, SecurityGroupRule, Subnet, Vpc } from "../../src/model/types.js";
import {
  allowAllEntries,
  assembleModel,
  eni,
  gatewayEndpoint,
  instance,
  interfaceEndpoint,
  internetGateway,
  natGateway,
  naclEntry,
  networkAcl,
  notebook,
  peering,
  prefixList,
  route,
  routeTable,
  securityGroup,
  subnet as subnetRecord,
  vpc as vpcRecord,
  type ModelParts,
} from "./model-builder.js";
import { addBlockPublicAccess, addGatewayRouteTable, markBlockPublicAccessPresent } from "./internet-edge.js";
import { addTransitGateways, markOtherAccountPresent } from "./transit-gateway.js";
import { addHostedZones, markZoneListTruncated } from "./hosted-zones.js";
import { addS3InterfaceEndpoints, applyDnsRules, markDnsRules } from "./dns-rules.js";
import { addStudioDomains } from "./studio.js";
import { markOtherRegionPresent, moveToOtherRegion } from "./other-region.js";
import { PORT_RANGES, PROTOCOLS, type AclSpec, type EgressToGroupSpec, type GroupGrantSpec, type NetworkSpec, type RouteSpec, type RuleSpec, type SgSpec, type VpcSpec } from "./network-spec.js";

export const S3_PREFIX_LIST = "pl-63a5400a";
export const S3_CIDRS = ["52.216.0.0/15", "54.231.0.0/17", "3.5.0.0/20"];
export const CUSTOM_PREFIX_LIST = "pl-0custom";
export const CUSTOM_CIDRS = ["198.51.100.0/24", "203.0.113.0/24"];
export const INTERFACE_SERVICES = ["sagemaker.api", "sagemaker.runtime", "sts"];
const AZS = ["us-east-1a", "us-east-1b", "us-east-1c"];
/** ICMP types a rule may name: any, echo request, echo reply, destination unreachable. */
const ICMP_TYPES = [-1, -1, 8, 0, 3];

function pick<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}

/** Hands out host addresses inside a subnet. */
class Allocator {
  private next = new Map<string, number>();
  take(subnet: Subnet, start: number): string {
    const key = `${subnet.id}|${start}`;
    const n = this.next.get(key) ?? start;
    this.next.set(key, n + 1);
    return subnet.cidr.replace(/\.0\/24$/, `.${n}`);
  }
}

interface VpcBuild {
  vpc: Vpc;
  subnets: Subnet[];
  tableIds: string[];
  sgIds: string[];
  natIds: string[];
  igwId: string | undefined;
  peeringIds: { id: string; other: number }[];
  /** Inbound rules may name other VPCs' groups (a transit gateway with SecurityGroupReferencingSupport in the spec; older saved cases have none). */
  crossVpcGroups: boolean;
  /** Outbound rules may name other VPCs' groups too (`TgwSpec.egressGroups`). */
  crossVpcEgressGroups: boolean;
}

function protocolOf(index: number): Protocol {
  return PROTOCOLS[index % PROTOCOLS.length]!;
}

/** The CIDR peers a rule or NACL entry may name, for VPC i. */
function cidrMenu(build: VpcBuild, all: VpcBuild[]): string[] {
  return [
    "0.0.0.0/0", "0.0.0.0/0", build.vpc.cidrs[0]!, "10.0.0.0/8", "8.8.8.0/24", "52.216.0.0/15",
    ...build.subnets.map((s) => s.cidr),
    ...all.filter((b) => b !== build).map((b) => b.vpc.cidrs[0]!),
    ...(build.vpc.cidrs[1] ? [build.vpc.cidrs[1]] : []),
  ];
}

function sgRuleOf(groupId: string, direction: "ingress" | "egress", spec: RuleSpec, index: number, build: VpcBuild, all: VpcBuild[]): SecurityGroupRule {
  const peers: SecurityGroupRule["peer"][] = [
    ...cidrMenu(build, all).map((cidr) => ({ kind: "cidr" as const, cidr })),
    { kind: "prefix-list", prefixListId: S3_PREFIX_LIST },
    { kind: "prefix-list", prefixListId: CUSTOM_PREFIX_LIST },
    ...build.sgIds.map((g) => ({ kind: "security-group" as const, groupId: g, vpcId: build.vpc.id, peeringStatus: undefined })),
    // Groups of peered VPCs (same Region), as AWS allows across an active peering.
    ...build.peeringIds.flatMap((p) => all[p.other]!.sgIds.map((g) => ({ kind: "security-group" as const, groupId: g, vpcId: all[p.other]!.vpc.id, peeringStatus: "active" }))),
  ];
  // Groups of any other VPC, one rule in three: inbound, as AWS allows across a transit gateway
  // (SecurityGroupReferencingSupport); outbound, which AWS honours over a peering but not over a
  // transit gateway (inbound only there).
  const others = all.filter((b) => b !== build).flatMap((b) => b.sgIds.map((g) => ({ kind: "security-group" as const, groupId: g, vpcId: b.vpc.id, peeringStatus: undefined })));
  const crossVpc = direction === "ingress" ? build.crossVpcGroups : build.crossVpcEgressGroups;
  const menu = crossVpc && others.length > 0 && spec.peer % 3 === 0 ? others : peers;
  const protocol = protocolOf(spec.protocol);
  const range = PORT_RANGES[spec.ports % PORT_RANGES.length]!;
  const icmpType = ICMP_TYPES[spec.ports % ICMP_TYPES.length]!;
  const ports = protocol === "all" ? undefined : protocol === "icmp" ? { from: icmpType, to: -1 } : { from: range[0], to: range[1] };
  return { groupId, direction, protocol, ports, peer: pick(menu, menu === peers ? spec.peer : Math.floor(spec.peer / 3))!, description: undefined, permissionIndex: index };
}

function securityGroupOf(id: string, spec: SgSpec, build: VpcBuild, all: VpcBuild[]) {
  if (spec.open) {
    const all4 = (direction: "ingress" | "egress"): SecurityGroupRule => ({ groupId: id, direction, protocol: "all", ports: undefined, peer: { kind: "cidr", cidr: "0.0.0.0/0" }, description: undefined, permissionIndex: 0 });
    return securityGroup(id, build.vpc.id, [all4("ingress")], [all4("egress")]);
  }
  const ingress = spec.ingress.map((r, i) => sgRuleOf(id, "ingress", r, i, build, all));
  const egress = spec.egress
    ? spec.egress.map((r, i) => sgRuleOf(id, "egress", r, i, build, all))
    : [{ groupId: id, direction: "egress" as const, protocol: "all" as const, ports: undefined, peer: { kind: "cidr" as const, cidr: "0.0.0.0/0" }, description: undefined, permissionIndex: 0 }];
  return securityGroup(id, build.vpc.id, ingress, egress);
}

/** The inbound entries of each stateless "trap" (see `AclSpec.trap`). */
const TRAPS: [NetworkAclEntry["protocol"], [number, number]][][] = [
  [],
  [["tcp", [443, 443]], ["tcp", [22, 22]]],
  [["tcp", [1024, 65535]]],
  [["tcp", [32768, 60999]], ["udp", [32768, 60999]]],
  [["tcp", [49152, 65535]], ["udp", [49152, 65535]]],
];

function aclEntriesOf(spec: AclSpec, build: VpcBuild, all: VpcBuild[]): NetworkAclEntry[] {
  const trap = TRAPS[spec.trap % TRAPS.length]!;
  if (trap.length > 0) {
    return [
      naclEntry(100, true, "allow", "all", "0.0.0.0/0"),
      ...trap.map(([protocol, ports], k) => naclEntry(100 + 10 * k, false, "allow", protocol, "0.0.0.0/0", ports)),
      naclEntry(200, false, "allow", "all", build.vpc.cidrs[0]!),
    ];
  }
  if (!spec.entries) return allowAllEntries();
  const seen = new Set<string>();
  const entries: NetworkAclEntry[] = [];
  for (const e of spec.entries) {
    const key = `${e.egress}|${e.ruleNumber}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const protocol = protocolOf(e.protocol);
    const range = PORT_RANGES[e.ports % PORT_RANGES.length]!;
    const entry = naclEntry(e.ruleNumber * 10, e.egress, e.allow ? "allow" : "deny", protocol, pick(cidrMenu(build, all), e.peer)!, protocol === "tcp" || protocol === "udp" ? range : undefined);
    if (protocol === "icmp") entry.icmp = { type: ICMP_TYPES[e.ports % ICMP_TYPES.length]!, code: -1 };
    entries.push(entry);
  }
  if (spec.catchAll) entries.push(naclEntry(32000, false, "allow", "all", "0.0.0.0/0"), naclEntry(32000, true, "allow", "all", "0.0.0.0/0"));
  return entries;
}

/** The route a route spec stands for, or undefined when its target does not exist. */
function routeOf(spec: RouteSpec, build: VpcBuild, all: VpcBuild[]): Route | undefined {
  const destinations = [
    "0.0.0.0/0", "0.0.0.0/0", "0.0.0.0/0", "0.0.0.0/0", "8.8.8.0/24", "8.0.0.0/8", "52.216.0.0/16", "52.216.0.0/15", CUSTOM_PREFIX_LIST, "198.51.100.0/24", "192.168.0.0/16",
    ...all.filter((b) => b !== build).flatMap((b) => [b.vpc.cidrs[0]!, b.subnets[0]!.cidr, ...(b.vpc.cidrs[1] ? [b.vpc.cidrs[1]] : [])]),
  ];
  const targets: Route["target"][] = [
    ...(build.igwId ? [{ kind: "igw" as const, id: build.igwId }, { kind: "igw" as const, id: build.igwId }] : []),
    ...build.natIds.map((id) => ({ kind: "nat" as const, id })),
    ...build.peeringIds.map((p) => ({ kind: "peering" as const, id: p.id })),
    ...build.peeringIds.map((p) => ({ kind: "peering" as const, id: p.id })),
  ];
  if (spec.target === 40) targets.push({ kind: "transit-gateway", id: "tgw-0rare" });
  // Rarely, another VPC's internet gateway (a table can name an IGW that is not attached to its VPC).
  const foreign = all.find((b) => b !== build && b.igwId);
  if (spec.target === 39 && foreign?.igwId) targets.push({ kind: "igw", id: foreign.igwId });
  const target = pick(targets, spec.target);
  if (!target) return undefined;
  // Peering routes point at the peer's CIDRs, as people write them.
  let destination = pick(destinations, spec.destination)!;
  if (target.kind === "peering") {
    const other = all[build.peeringIds.find((p) => p.id === target.id)!.other]!;
    const peerCidrs = [other.vpc.cidrs[0]!, other.subnets[0]!.cidr, ...other.vpc.cidrs.slice(1), "0.0.0.0/0"];
    destination = pick(peerCidrs, spec.destination)!;
  }
  return route(destination, target, spec.blackhole ? "blackhole" : "active");
}

function addRoutes(routes: Route[], specs: RouteSpec[], build: VpcBuild, all: VpcBuild[]): void {
  for (const spec of specs) {
    const r = routeOf(spec, build, all);
    if (!r) continue;
    const key = JSON.stringify(r.destination);
    if (routes.some((existing) => JSON.stringify(existing.destination) === key)) continue;
    routes.push(r);
  }
}

/**
 * Builds the model a spec describes.
 *
 * @param spec - a generated network spec
 */
export function buildNetwork(spec: NetworkSpec): Model {
  const parts: Required<ModelParts> = {
    vpcs: [], subnets: [], routeTables: [], internetGateways: [], natGateways: [], vpcEndpoints: [], securityGroups: [],
    networkAcls: [], networkInterfaces: [], instances: [], elasticIps: [], vpcPeeringConnections: [], notebooks: [],
    blockPublicAccessOptions: [], blockPublicAccessExclusions: [],
    transitGateways: [], transitGatewayAttachments: [], transitGatewayRouteTables: [], hostedZones: [],
    prefixLists: [prefixList(S3_PREFIX_LIST, "com.amazonaws.us-east-1.s3", S3_CIDRS), prefixList(CUSTOM_PREFIX_LIST, "corp-partners", CUSTOM_CIDRS, false)],
  };
  // A snapshot can list a prefix list without its entries (GetManagedPrefixListEntries not collected).
  const missing = spec.missingPrefixList ?? 0;
  if (missing > 0) parts.prefixLists[missing === 1 ? 1 : 0]!.cidrs = undefined;
  const alloc = new Allocator();

  // Pass 1: VPCs, subnets and the ids everything else points at.
  const builds: VpcBuild[] = spec.vpcs.map((v, i) => {
    const cidrs = [`10.${i}.0.0/16`, ...(v.secondary ? [`172.${16 + i}.0.0/16`] : [])];
    const vpc = vpcRecord(`vpc-${i}`, cidrs);
    const subnets = v.subnets.map((s, k) => {
      const base = s.secondary && v.secondary ? `172.${16 + i}` : `10.${i}`;
      return subnetRecord(`subnet-${i}${k}`, vpc.id, `${base}.${k}.0/24`, AZS[s.az % 3]);
    });
    const igwId = v.igw === "none" ? undefined : `igw-${i}`;
    return { vpc, subnets, tableIds: [], sgIds: v.sgs.map((_, k) => `sg-${i}${k}`), natIds: v.nats.map((_, k) => `nat-${i}${k}`), igwId, peeringIds: [], crossVpcGroups: spec.tgw?.referencing !== undefined, crossVpcEgressGroups: spec.tgw?.egressGroups === true };
  });
  spec.peerings.forEach((p, k) => {
    const a = p.a % builds.length;
    const b = p.b % builds.length;
    if (a === b || parts.vpcPeeringConnections.some((x) => [x.requester.vpcId, x.accepter.vpcId].sort().join() === [`vpc-${a}`, `vpc-${b}`].sort().join())) return;
    const id = `pcx-${k}`;
    parts.vpcPeeringConnections.push(peering(id, builds[a]!.vpc, builds[b]!.vpc, p.status));
    builds[a]!.peeringIds.push({ id, other: b });
    builds[b]!.peeringIds.push({ id, other: a });
  });
  const otherRegion = spec.otherRegion === true && !spec.tgw && builds.length > 1 ? builds[builds.length - 1]! : undefined;
  if (otherRegion) peerAcrossRegions(builds[0]!, otherRegion, builds.length - 1, parts);

  // Pass 2: everything inside each VPC.
  spec.vpcs.forEach((v, i) => buildVpc(v, i, builds, parts, alloc));

  spec.notebooks.forEach((n, k) => {
    if (n.noVpc && n.direct) {
      parts.notebooks.push({ ...notebook(`notebook-${k}`, eni("eni-unused", builds[0]!.subnets[0]!, "0.0.0.0"), true), subnetId: undefined, securityGroupIds: [], networkInterfaceId: undefined });
      return;
    }
    const build = builds[n.vpc % builds.length]!;
    const sub = pick(build.subnets, n.subnet)!;
    const groups = [...new Set(n.sgs.map((g) => pick(build.sgIds, g)!))];
    const nbEni = eni(`eni-b${k}`, sub, alloc.take(sub, 200), { securityGroupIds: groups, interfaceType: "sagemaker" });
    parts.networkInterfaces.push(nbEni);
    parts.notebooks.push(notebook(`notebook-${k}`, nbEni, n.direct));
  });
  if (spec.natEgress) addNatEgress(spec.natEgress.vpc % builds.length, spec.natEgress.grant, builds, parts, alloc);
  addTransitGateways(spec.tgw, builds, parts, (subnet, start) => alloc.take(subnet, start));
  addEgressToGroups(spec.egressToGroups ?? [], builds, parts);
  addGroupGrants(spec.groupGrants ?? [], builds, parts);
  addS3InterfaceEndpoints(spec.dns, builds.map((b) => b.subnets), builds.map((b) => b.sgIds), parts);
  addHostedZones([...(spec.zones ?? []), ...(spec.dns?.zones ?? [])], builds.map((b) => b.vpc.id), parts);
  applyDnsRules(spec.dns, parts);
  addBlockPublicAccess(spec.bpa, builds, parts);
  if (otherRegion) {
    routeOverPeering(builds[0]!, otherRegion, builds[0]!.peeringIds.find((p) => builds[p.other] === otherRegion)!.id, parts);
    moveToOtherRegion(otherRegion.vpc, parts);
  }
  const model = assembleModel(parts);
  markOtherAccountPresent(spec.tgw, model);
  markOtherRegionPresent(otherRegion !== undefined, model);
  markZoneListTruncated(spec.zoneListTruncated, model);
  markBlockPublicAccessPresent(spec.bpa, model);
  markDnsRules(spec.dns, model);
  addStudioDomains(spec.studio, builds.map((b) => b.subnets), builds.map((b) => b.sgIds), model);
  return model;
}

/**
 * Outbound rules that name only another VPC's group (`NetworkSpec.egressToGroups`): AWS honours them
 * over a VPC peering, not over a transit gateway (group references there are inbound only).
 */
function addEgressToGroups(specs: EgressToGroupSpec[], builds: VpcBuild[], parts: Required<ModelParts>): void {
  for (const e of specs) {
    const from = builds[e.vpc % builds.length]!;
    const peered = e.viaPeering ? from.peeringIds.find((p) => parts.vpcPeeringConnections.some((x) => x.id === p.id && x.status === "active")) : undefined;
    const to = peered ? builds[peered.other] : pick(builds.filter((b) => b !== from), e.other);
    const group = parts.securityGroups.find((g) => g.id === pick(from.sgIds, e.group));
    const target = parts.securityGroups.find((g) => to && g.id === pick(to.sgIds, e.otherGroup));
    if (!to || !group || !target) continue;
    const rule = (owner: string, direction: "ingress" | "egress", peer: SecurityGroup, permissionIndex: number): SecurityGroupRule =>
      ({ groupId: owner, direction, protocol: "all", ports: undefined, peer: { kind: "security-group", groupId: peer.id, vpcId: peer.vpcId, peeringStatus: undefined }, description: undefined, permissionIndex });
    group.egress = [rule(group.id, "egress", target, 0)];
    if (e.inbound) target.ingress = [...target.ingress, rule(target.id, "ingress", group, target.ingress.length)];
    if (peered) routeOverPeering(from, to, peered.id, parts);
  }
}

/** Every route table of both VPCs sends the other's CIDRs over their peering connection. */
function routeOverPeering(a: VpcBuild, b: VpcBuild, pcxId: string, parts: Required<ModelParts>): void {
  for (const [own, other] of [[a, b], [b, a]] as const) {
    for (const table of parts.routeTables.filter((t) => t.vpcId === own.vpc.id)) {
      table.routes = [...table.routes.filter((r) => r.destination.kind !== "cidr" || !other.vpc.cidrs.includes(r.destination.cidr)), ...other.vpc.cidrs.map((cidr) => route(cidr, { kind: "peering", id: pcxId }))];
    }
  }
}

/** The inter-Region peering of `OtherRegion` networks: VPC 0 and the last one, active, unless a generated peering joins them already. */
function peerAcrossRegions(a: VpcBuild, b: VpcBuild, bIndex: number, parts: Required<ModelParts>): void {
  if (a.peeringIds.some((p) => p.other === bIndex)) return;
  parts.vpcPeeringConnections.push(peering("pcx-region", a.vpc, b.vpc));
  a.peeringIds.push({ id: "pcx-region", other: bIndex });
  b.peeringIds.push({ id: "pcx-region", other: 0 });
}

/**
 * A public NAT gateway as designed (`NetworkSpec.natEgress`): its own subnet routing to an attached
 * internet gateway, the main table's default route to it (private subnets), the explicit tables'
 * default route to the internet gateway (public subnets, whose public IPs the NAT's clients reach).
 */
function addNatEgress(i: number, grant: boolean, builds: VpcBuild[], parts: Required<ModelParts>, alloc: Allocator): void {
  const build = builds[i]!;
  const sub = subnetRecord(`subnet-${i}natg`, build.vpc.id, `10.${i}.221.0/24`, AZS[0]);
  let igw = parts.internetGateways.find((g) => g.attachedVpcIds.includes(build.vpc.id));
  if (!igw) {
    igw = internetGateway(`igw-${i}natg`, [build.vpc.id]);
    parts.internetGateways.push(igw);
  }
  const ip = alloc.take(sub, 5);
  const publicIp = `3.202.${i}.1`;
  parts.subnets.push(sub);
  build.subnets.push(sub);
  parts.routeTables.push(routeTable(`rtb-${i}natg`, build.vpc, { subnetIds: [sub.id], routes: [route("0.0.0.0/0", { kind: "igw", id: igw.id })] }));
  parts.networkAcls.push(networkAcl(`acl-${i}natg`, build.vpc.id, { subnetIds: [sub.id], entries: allowAllEntries() }));
  parts.networkInterfaces.push(eni(`eni-c${i}g`, sub, ip, { interfaceType: "nat_gateway", publicIp }));
  parts.natGateways.push(natGateway(`nat-${i}g`, build.vpc.id, sub.id, { privateIp: ip, eniId: `eni-c${i}g`, publicIp, state: "available", connectivityType: "public" }));
  const withDefault = (id: string, target: Route["target"]) => {
    const table = parts.routeTables.find((t) => t.id === id)!;
    table.routes = [...table.routes.filter((r) => !(r.destination.kind === "cidr" && r.destination.cidr === "0.0.0.0/0")), route("0.0.0.0/0", target)];
  };
  withDefault(`rtb-${i}main`, { kind: "nat", id: `nat-${i}g` });
  for (const id of build.tableIds.slice(1)) withDefault(id, { kind: "igw", id: igw.id });
  if (grant) grantBehindNat(build, parts);
}

/** The network's first instance with a public IP, when in a public subnet of this VPC, admits the private subnets' instances' groups by reference (`natEgress.grant`). */
function grantBehindNat(build: VpcBuild, parts: Required<ModelParts>): void {
  const onMain = (subnetId: string) => !parts.routeTables.some((t) => t.vpcId === build.vpc.id && !t.isMain && t.subnetIds.includes(subnetId));
  const enis = parts.networkInterfaces.filter((e) => e.vpcId === build.vpc.id && e.interfaceType === "interface");
  // The network's first such address is the one the questions ask about (packets.ts, `destinationsOf`).
  const target = parts.networkInterfaces.find((e) => e.interfaceType !== "nat_gateway" && e.privateIps.some((a) => a.publicIp));
  const group = parts.securityGroups.find((g) => g.id === target?.securityGroupIds[0]);
  if (!target || !group || target.vpcId !== build.vpc.id || onMain(target.subnetId)) return;
  const named = [...new Set(enis.filter((e) => onMain(e.subnetId)).flatMap((e) => e.securityGroupIds))];
  group.ingress = [...group.ingress, ...named.map((id, k): SecurityGroupRule => ({ groupId: group.id, direction: "ingress", protocol: "all", ports: undefined, peer: { kind: "security-group", groupId: id, vpcId: build.vpc.id, peeringStatus: undefined }, description: undefined, permissionIndex: group.ingress.length + k }))];
}

/**
 * Inbound rules admitting all traffic from a group by reference (`NetworkSpec.groupGrants`), on a
 * chosen group or on the group of the first instance with a public IP (the destinations include its
 * address, which clients behind a NAT gateway reach from the NAT's address): the
 * named group is one of the VPC's own, a peer's (any peering, inter-Region included: a plan can hold
 * such a rule) or, where a transit gateway carries references, any VPC's.
 */
function addGroupGrants(specs: GroupGrantSpec[], builds: VpcBuild[], parts: Required<ModelParts>): void {
  const publicEni = parts.networkInterfaces.find((e) => e.interfaceType === "interface" && e.privateIps.some((a) => a.publicIp));
  for (const g of specs) {
    const to = g.toPublic && publicEni ? builds.find((b) => b.vpc.id === publicEni.vpcId)! : builds[g.vpc % builds.length]!;
    const candidates = [to, ...to.peeringIds.map((p) => builds[p.other]!), ...(to.crossVpcGroups ? builds.filter((b) => b !== to) : [])];
    const from = pick(candidates, g.from)!;
    const groupId = g.toPublic && publicEni ? publicEni.securityGroupIds[0] : pick(to.sgIds, g.group);
    const group = parts.securityGroups.find((s) => s.id === groupId);
    const named = pick(from.sgIds, g.fromGroup);
    if (!group || !named) continue;
    const peeringStatus = from === to ? undefined : parts.vpcPeeringConnections.find((x) => to.peeringIds.some((p) => p.id === x.id && builds[p.other] === from))?.status;
    group.ingress = [...group.ingress, { groupId: group.id, direction: "ingress", protocol: "all", ports: undefined, peer: { kind: "security-group", groupId: named, vpcId: from.vpc.id, peeringStatus }, description: undefined, permissionIndex: group.ingress.length }];
  }
}

function buildVpc(v: VpcSpec, i: number, builds: VpcBuild[], parts: Required<ModelParts>, alloc: Allocator): void {
  const build = builds[i]!;
  parts.vpcs.push(build.vpc);
  parts.subnets.push(...build.subnets);
  if (build.igwId) parts.internetGateways.push(internetGateway(build.igwId, v.igw === "attached" ? [build.vpc.id] : []));

  v.nats.forEach((n, k) => {
    const sub = pick(build.subnets, n.subnet)!;
    const ip = alloc.take(sub, 5);
    const publicIp = n.privateNat ? undefined : `3.200.${i}.${k + 1}`;
    parts.networkInterfaces.push(eni(`eni-c${i}${k}`, sub, ip, { interfaceType: "nat_gateway", publicIp }));
    parts.natGateways.push(natGateway(build.natIds[k]!, build.vpc.id, sub.id, { privateIp: ip, eniId: `eni-c${i}${k}`, publicIp, state: n.state, connectivityType: n.privateNat ? "private" : "public" }));
  });

  // Route tables: index 0 is main, 1.. explicit.
  const tableRoutes: Route[][] = [[], ...v.tables.map(() => [] as Route[])];
  build.tableIds.push(`rtb-${i}main`, ...v.tables.map((_, k) => `rtb-${i}${k}`));
  if (v.s3Endpoint) {
    const endpointId = `vpce-s3${i}`;
    const tables = [...new Set(v.s3Endpoint.tables.map((t) => t % tableRoutes.length))];
    for (const t of tables) tableRoutes[t]!.push(route(S3_PREFIX_LIST, { kind: "gateway-endpoint", id: endpointId }));
    const policy =
      v.s3Endpoint.policy === "none" ? undefined
      : v.s3Endpoint.policy === "allow-all" ? JSON.stringify({ Version: "2008-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] })
      : JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::corp-bucket/*" }] });
    parts.vpcEndpoints.push(gatewayEndpoint(endpointId, build.vpc.id, "com.amazonaws.us-east-1.s3", tables.map((t) => build.tableIds[t]!), v.s3Endpoint.state, policy));
  }
  addRoutes(tableRoutes[0]!, v.mainRoutes, build, builds);
  v.tables.forEach((specs, k) => addRoutes(tableRoutes[k + 1]!, specs, build, builds));
  const assoc = build.subnets.map((s, k) => ({ id: s.id, table: v.subnets[k]!.table % tableRoutes.length }));
  tableRoutes.forEach((routes, t) => {
    const subnetIds = t === 0 ? [] : assoc.filter((a) => a.table === t).map((a) => a.id);
    parts.routeTables.push(routeTable(build.tableIds[t]!, build.vpc, { main: t === 0, subnetIds, routes }));
  });
  addGatewayRouteTable(v.edge, i, build.vpc, build.subnets, v.igw === "attached" ? build.igwId : undefined, parts);

  v.sgs.forEach((sg, k) => parts.securityGroups.push(securityGroupOf(build.sgIds[k]!, sg, build, builds)));

  parts.networkAcls.push(networkAcl(`acl-${i}default`, build.vpc.id, { isDefault: true, entries: aclEntriesOf(v.defaultAcl, build, builds) }));
  v.acls.forEach((acl, k) => {
    const subnetIds = build.subnets.filter((_, s) => v.subnets[s]!.acl > 0 && (v.subnets[s]!.acl - 1) % v.acls.length === k).map((s) => s.id);
    parts.networkAcls.push(networkAcl(`acl-${i}${k}`, build.vpc.id, { subnetIds, entries: aclEntriesOf(acl, build, builds) }));
  });

  v.interfaceEndpoints.forEach((e, k) => {
    const id = `vpce-if${i}${k}`;
    const byAz = new Map<string, Subnet>();
    for (const s of e.subnets) {
      const sub = pick(build.subnets, s)!;
      if (!byAz.has(sub.availabilityZone)) byAz.set(sub.availabilityZone, sub);
    }
    const sg = pick(build.sgIds, e.sg)!;
    const enis = [...byAz.values()].map((sub, n) => eni(`eni-e${i}${k}${n}`, sub, alloc.take(sub, 20), { securityGroupIds: [sg], interfaceType: "vpc_endpoint" }));
    parts.networkInterfaces.push(...enis);
    parts.vpcEndpoints.push(interfaceEndpoint(id, build.vpc.id, `com.amazonaws.us-east-1.${INTERFACE_SERVICES[e.service % 3]}`, enis, { privateDnsEnabled: e.privateDns, state: e.state, securityGroupIds: [sg] }));
  });

  v.instances.forEach((n, k) => {
    const sub = pick(build.subnets, n.subnet)!;
    const groups = [...new Set(n.sgs.map((g) => pick(build.sgIds, g)!))];
    const nic = eni(`eni-a${i}${k}`, sub, alloc.take(sub, 100), { securityGroupIds: groups, publicIp: n.publicIp ? `54.200.${i}.${k + 1}` : undefined, instanceId: `i-${i}${k}` });
    parts.networkInterfaces.push(nic);
    parts.instances.push(instance(`i-${i}${k}`, nic));
  });
}
