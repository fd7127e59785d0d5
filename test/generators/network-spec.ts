/**
 * fast-check arbitraries for random but valid AWS networks, as a compact "spec" of choices
 * (integers that pick among the things that exist) which `buildNetwork` turns into a `Model`.
 * Generating choices rather than records keeps every cross-reference valid and lets fast-check
 * shrink a failing network to a small one.
 *
 * Covers: 1–3 VPCs with secondary CIDRs; subnets in three AZs; main and explicit route tables with
 * default, more-specific, prefix-list, blackhole, peering (and rare transit gateway) routes; IGWs
 * attached or detached; NAT gateways public/private/failed; S3 gateway endpoints (associated tables,
 * state, policy); interface endpoints (subnets, private DNS, narrow SGs, state); SGs with CIDR,
 * prefix-list and SG-reference rules; NACLs with ordered allow/deny entries and port ranges;
 * instances with and without public IPs; notebooks in both internet-access modes; VPC Block Public
 * Access and internet gateway route tables (internet-edge.ts); in two networks of five, 2–3
 * VPCs around a transit gateway (transit-gateway.ts); outbound rules naming only another VPC's group;
 * inbound rules naming a client's group, which a NAT gateway on the way does not preserve; a VPC in
 * another Region behind an inter-Region peering (other-region.ts); and Route 53 private hosted zones
 * for the interface services' names (hosted-zones.ts). Opt-in feature sets add more (`withFeatures`):
 * "dns-rules" (dns-rules.ts), "studio" (studio.ts).
 */
import fc from "fast-check";
import { bpaArb, edgeArb, type BpaSpec, type EdgeRouteSpec } from "./internet-edge.js";
import { tgwArb, type TgwSpec } from "./transit-gateway.js";
import { zonesArb, type ZoneSpec } from "./hosted-zones.js";
import type { DnsRulesSpec } from "./dns-rules.js";
import type { StudioSpec } from "./studio.js";

export const PORT_RANGES: readonly [number, number][] = [
  [443, 443], [22, 22], [80, 80], [0, 65535], [1024, 65535], [32768, 60999], [1, 1023], [49152, 65535], [440, 450],
];
export const PROTOCOLS = ["tcp", "udp", "all", "icmp"] as const;

export interface RuleSpec {
  protocol: number;
  ports: number;
  /** Peer choice: an index into the peer menu built per VPC (CIDRs, prefix lists, groups). */
  peer: number;
}
export interface SgSpec {
  /** True: allow everything in and out (a permissive group, so paths get far enough to test the rest). */
  open: boolean;
  ingress: RuleSpec[];
  /** Undefined: the default allow-all egress rule. */
  egress: RuleSpec[] | undefined;
}
export interface AclEntrySpec {
  egress: boolean;
  ruleNumber: number;
  allow: boolean;
  protocol: number;
  peer: number;
  ports: number;
}
export interface AclSpec {
  /** Undefined: allow all both ways. */
  entries: AclEntrySpec[] | undefined;
  /** Add allow-all entries at rule 32000 after the random ones. */
  catchAll: boolean;
  /**
   * A common stateless mistake instead of the entries: 0 none; 1 inbound only tcp 443 and 22;
   * 2 inbound only tcp 1024–65535; 3 inbound only 32768–60999 (NAT replies partly lost);
   * 4 inbound only 49152–65535 (client replies partly lost). Egress allows all.
   */
  trap: number;
}
export interface RouteSpec {
  destination: number;
  target: number;
  blackhole: boolean;
}
export interface SubnetSpec {
  secondary: boolean;
  az: number;
  /** 0: the main table; k: explicit table k-1 (modulo). */
  table: number;
  /** 0: the default NACL; k: custom NACL k-1 (modulo). */
  acl: number;
}
export interface NatSpec {
  subnet: number;
  privateNat: boolean;
  state: "available" | "failed" | "pending";
}
export interface GatewayEndpointSpec {
  /** Table indices (0 main, k explicit) associated with the endpoint. */
  tables: number[];
  state: "available" | "pending";
  policy: "none" | "allow-all" | "restrictive";
}
export interface InterfaceEndpointSpec {
  service: number;
  subnets: number[];
  privateDns: boolean;
  sg: number;
  state: "available" | "pendingAcceptance";
}
export interface InstanceSpec {
  subnet: number;
  sgs: number[];
  publicIp: boolean;
}
export interface VpcSpec {
  secondary: boolean;
  subnets: SubnetSpec[];
  igw: "none" | "attached" | "detached";
  nats: NatSpec[];
  s3Endpoint: GatewayEndpointSpec | null;
  interfaceEndpoints: InterfaceEndpointSpec[];
  mainRoutes: RouteSpec[];
  tables: RouteSpec[][];
  sgs: SgSpec[];
  defaultAcl: AclSpec;
  acls: AclSpec[];
  instances: InstanceSpec[];
  /** The internet gateway's route table (see internet-edge.ts); absent or null: none. */
  edge?: EdgeRouteSpec[] | null;
}
export interface PeeringSpec {
  a: number;
  b: number;
  status: "active" | "pending-acceptance" | "deleted";
}
export interface NotebookSpec {
  vpc: number;
  subnet: number;
  sgs: number[];
  direct: boolean;
  /** With `direct`: a notebook launched without a VPC (no subnet, no ENI). */
  noVpc: boolean;
}
/**
 * A group whose only outbound rule names a group of another VPC (all traffic), as for a tier that
 * may talk only to another: the VPC (modulo), its group, the other VPC (among the rest) and its
 * group; `inbound`: that group also admits the first by reference; `viaPeering`: when the VPC has
 * an active peering, the other VPC is its peer and every route table of both sends the other's
 * CIDRs over the peering (else peering paths that get through are rare).
 */
export interface EgressToGroupSpec {
  vpc: number;
  group: number;
  other: number;
  otherGroup: number;
  inbound: boolean;
  viaPeering: boolean;
}
/**
 * An inbound rule admitting all traffic from the members of a group, named by reference: group
 * `group` of VPC `vpc` admits group `fromGroup` of a VPC among itself, its peers and (with a transit
 * gateway) the rest (`from`, modulo). Its clients often reach it through a NAT gateway (towards a
 * public IP of the network, over a peering or a transit gateway), which does not keep their group.
 */
export interface GroupGrantSpec {
  /** The rule goes on the first group of the first instance with a public IP (`vpc` and `group` unused). */
  toPublic: boolean;
  vpc: number;
  group: number;
  from: number;
  fromGroup: number;
}
export interface NetworkSpec {
  /** Data missing from the snapshot: 0 none; 1 the customer prefix list's entries; 2 the S3 list's entries. */
  missingPrefixList?: number;
  vpcs: VpcSpec[];
  peerings: PeeringSpec[];
  notebooks: NotebookSpec[];
  /** VPC Block Public Access (see internet-edge.ts); absent: none. */
  bpa?: BpaSpec;
  /** Transit gateways (see transit-gateway.ts); absent: none. */
  tgw?: TgwSpec;
  /** Outbound rules naming only another VPC's group (absent in older saved cases: none). */
  egressToGroups?: EgressToGroupSpec[];
  /** Route 53 private hosted zones (see hosted-zones.ts; absent in older saved cases: none). */
  zones?: ZoneSpec[];
  /** The list-hosted-zones output is one page of a longer list (hosted-zones.ts; absent: complete). */
  zoneListTruncated?: boolean;
  /** Inbound rules naming a client's group (absent in older saved cases: none). */
  groupGrants?: GroupGrantSpec[];
  /**
   * A NAT gateway set up as designed in VPC `vpc` (modulo): in a subnet of its own whose table sends
   * 0.0.0.0/0 to an attached internet gateway, the main table's default route to it and the explicit
   * tables' to the internet gateway (absent in older saved cases, or null: none). `grant`: the first
   * public-subnet instance with a public IP admits, by group reference only, the groups of the
   * private subnets' instances, which reach its public IP through the NAT gateway (not preserved). With `groupGrants` this is how clients reach a group-reference
   * rule through a NAT gateway.
   */
  natEgress?: { vpc: number; grant: boolean } | null;
  /** Without a transit gateway: the last VPC is in another Region (other-region.ts; absent: none). */
  otherRegion?: boolean;
  /** The opt-in "dns-rules" feature set (dns-rules.ts; absent unless a run asks for it). */
  dns?: DnsRulesSpec;
  /** The opt-in "studio" feature set: SageMaker Studio domains (studio.ts; absent unless a run asks for it). */
  studio?: StudioSpec[];
}

const choice = fc.nat({ max: 40 });

const ruleArb: fc.Arbitrary<RuleSpec> = fc.record({
  protocol: fc.constantFrom(0, 0, 0, 1, 2, 3),
  ports: fc.nat({ max: PORT_RANGES.length - 1 }),
  peer: fc.oneof(fc.constantFrom(0, 2), choice),
});

const sgArb: fc.Arbitrary<SgSpec> = fc.record({
  open: fc.constantFrom(true, false, false),
  ingress: fc.array(ruleArb, { maxLength: 3 }),
  egress: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    { arbitrary: fc.array(ruleArb, { maxLength: 3 }), weight: 1 },
  ),
});

const aclEntryArb: fc.Arbitrary<AclEntrySpec> = fc.record({
  egress: fc.boolean(),
  ruleNumber: fc.integer({ min: 1, max: 20 }),
  allow: fc.constantFrom(true, true, false),
  protocol: fc.constantFrom(0, 0, 1, 2, 2, 3),
  peer: choice,
  ports: fc.nat({ max: PORT_RANGES.length - 1 }),
});

const aclArb: fc.Arbitrary<AclSpec> = fc.record({
  entries: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 2 },
    { arbitrary: fc.array(aclEntryArb, { maxLength: 6 }), weight: 1 },
  ),
  catchAll: fc.boolean(),
  trap: fc.constantFrom(0, 0, 0, 0, 1, 2, 3, 4),
});

const routeArb: fc.Arbitrary<RouteSpec> = fc.record({
  destination: choice,
  target: choice,
  blackhole: fc.constantFrom(false, false, false, false, true),
});

const vpcArb: fc.Arbitrary<VpcSpec> = fc.record({
  secondary: fc.boolean(),
  subnets: fc.array(fc.record({ secondary: fc.boolean(), az: fc.nat({ max: 2 }), table: fc.nat({ max: 4 }), acl: fc.nat({ max: 3 }) }), { minLength: 1, maxLength: 4 }),
  igw: fc.constantFrom("attached", "attached", "none", "detached") as fc.Arbitrary<VpcSpec["igw"]>,
  nats: fc.array(
    fc.record({
      subnet: choice,
      privateNat: fc.constantFrom(false, false, false, true),
      state: fc.constantFrom("available", "available", "available", "failed", "pending") as fc.Arbitrary<NatSpec["state"]>,
    }),
    { maxLength: 2 },
  ),
  s3Endpoint: fc.option(
    fc.record({
      tables: fc.array(fc.nat({ max: 4 }), { maxLength: 3 }),
      state: fc.constantFrom("available", "available", "pending") as fc.Arbitrary<GatewayEndpointSpec["state"]>,
      policy: fc.constantFrom("none", "allow-all", "allow-all", "restrictive") as fc.Arbitrary<GatewayEndpointSpec["policy"]>,
    }),
    { nil: null },
  ),
  interfaceEndpoints: fc.array(
    fc.record({
      service: fc.nat({ max: 2 }),
      subnets: fc.array(choice, { minLength: 1, maxLength: 3 }),
      privateDns: fc.boolean(),
      sg: choice,
      state: fc.constantFrom("available", "available", "available", "pendingAcceptance") as fc.Arbitrary<InterfaceEndpointSpec["state"]>,
    }),
    { maxLength: 2 },
  ),
  mainRoutes: fc.array(routeArb, { minLength: 1, maxLength: 4 }),
  tables: fc.array(fc.array(routeArb, { maxLength: 4 }), { maxLength: 3 }),
  sgs: fc.array(sgArb, { minLength: 1, maxLength: 3 }),
  defaultAcl: aclArb,
  acls: fc.array(aclArb, { maxLength: 2 }),
  instances: fc.array(fc.record({ subnet: choice, sgs: fc.array(choice, { minLength: 1, maxLength: 2 }), publicIp: fc.boolean() }), { minLength: 1, maxLength: 3 }),
  edge: edgeArb,
});

/** The parts of a network spec other than its VPCs and transit gateway. */
const networkParts = {
  missingPrefixList: fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, 1, 2),
  peerings: fc.array(
    fc.record({
      a: fc.nat({ max: 2 }),
      b: fc.nat({ max: 2 }),
      status: fc.constantFrom("active", "active", "active", "pending-acceptance", "deleted") as fc.Arbitrary<PeeringSpec["status"]>,
    }),
    { maxLength: 2 },
  ),
  notebooks: fc.array(fc.record({ vpc: fc.nat({ max: 2 }), subnet: choice, sgs: fc.array(choice, { minLength: 1, maxLength: 2 }), direct: fc.boolean(), noVpc: fc.constantFrom(false, false, false, true) }), { maxLength: 2 }),
  bpa: bpaArb,
  zones: zonesArb,
  zoneListTruncated: fc.constantFrom(false, false, false, false, false, true),
  groupGrants: fc.oneof(
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.array(fc.record({ toPublic: fc.boolean(), vpc: fc.nat({ max: 2 }), group: fc.nat({ max: 2 }), from: fc.nat({ max: 3 }), fromGroup: fc.nat({ max: 2 }) }), { minLength: 1, maxLength: 3 }) },
  ),
  otherRegion: fc.constantFrom(false, false, false, true),
  natEgress: fc.option(fc.record({ vpc: fc.nat({ max: 2 }), grant: fc.boolean() }), { nil: null, freq: 2 }),
  // One network in three: the rule replaces the group's other outbound rules, which would mask it.
  egressToGroups: fc.oneof(
    { weight: 2, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.array(fc.record({ vpc: fc.nat({ max: 2 }), group: fc.nat({ max: 2 }), other: fc.nat({ max: 1 }), otherGroup: fc.nat({ max: 2 }), inbound: fc.boolean(), viaPeering: fc.boolean() }), { minLength: 1, maxLength: 2 }) },
  ),
};

/** Random networks as specs (three in five without a transit gateway); `buildNetwork` turns one into a `Model`. */
export const networkSpecArb: fc.Arbitrary<NetworkSpec> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ ...networkParts, vpcs: fc.array(vpcArb, { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ ...networkParts, vpcs: fc.array(vpcArb, { minLength: 2, maxLength: 3 }), tgw: tgwArb }) },
);
