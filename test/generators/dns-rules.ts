/**
 * The opt-in "dns-rules" feature set of the generator: what decides a service's name besides the
 * zones and endpoints every generated network may have. Networks get it only when the fuzz run asks
 * for it (`npm run fuzz -- --features dns-rules`, and the property test that names it), so the
 * networks every seed gave before stay the same:
 * - the routing policy of a zone's record sets (weighted, failover, latency, multivalue answer, and
 *   the location-based geolocation, geoproximity and IP-based), with more zones to carry them;
 * - S3 interface endpoints (private DNS on or off; `PrivateDnsOnlyForInboundResolverEndpoint` on,
 *   off or not printed, as an AWS CLI older than the option gives it), beside the VPC's S3 gateway
 *   endpoint or not;
 * - a DHCP options set per VPC: none in the snapshot, `AmazonProvidedDNS`, servers of its own, or
 *   DescribeDhcpOptions failed during collect;
 * - `enableDnsHostnames` off in some VPCs;
 * - Route 53 Resolver rules (`FORWARD` or `SYSTEM`) for a domain holding service names (or the
 *   root), associated with some VPCs.
 */
import fc from "fast-check";
import type { HostedZoneRecord, Model, ResolverRule, RoutingPolicy, Subnet } from "../../src/model/types.js";
import { eni, interfaceEndpoint, SCOPE, type ModelParts } from "./model-builder.js";
import { zonesArb, type ZoneSpec } from "./hosted-zones.js";

/** The policies a zone's record sets may have (index `DnsRulesSpec.policies`). */
export const POLICIES: readonly RoutingPolicy[] = ["weighted", "failover", "latency", "multivalue", "geolocation", "geoproximity", "ip-based"];

/** Resolver rule domains: service names, their parents, and the root (`""`, the rule for `.`). */
export const RULE_DOMAINS = ["amazonaws.com", "us-east-1.amazonaws.com", "sts.us-east-1.amazonaws.com", "sagemaker.us-east-1.amazonaws.com", "api.sagemaker.us-east-1.amazonaws.com", "s3.us-east-1.amazonaws.com", "", "example.com"];

/** A VPC's DHCP options (index `DnsRulesSpec.dhcp`): 0 not in the snapshot, 1 AmazonProvidedDNS, 2 servers of its own, 3 DescribeDhcpOptions failed. */
export const DHCP_KINDS = ["absent", "amazon", "custom", "failed"] as const;

export interface S3InterfaceSpec {
  vpc: number;
  subnet: number;
  privateDns: boolean;
  /** `PrivateDnsOnlyForInboundResolverEndpoint`: 0 not printed, 1 true, 2 false. */
  inboundOnly: number;
  /** The endpoint's group (an index among the VPC's groups). */
  sg: number;
}

export interface ResolverRuleSpec {
  domain: number;
  forward: boolean;
  /** VPC positions (modulo the VPC count) the rule is associated with. */
  vpcs: number[];
}

export interface DnsRulesSpec {
  /** More private hosted zones, after the network's own (hosted-zones.ts). */
  zones: ZoneSpec[];
  /** Per zone position: the policy of its record sets when it has several (index into `POLICIES`). */
  policies: number[];
  s3Interfaces: S3InterfaceSpec[];
  /** Per VPC position: its DHCP options (index into `DHCP_KINDS`; missing: absent). */
  dhcp: number[];
  /** VPC positions with `enableDnsHostnames` off. */
  hostnamesOff: number[];
  resolverRules: ResolverRuleSpec[];
}

/** The feature set's part of a network spec. */
export const dnsRulesArb: fc.Arbitrary<DnsRulesSpec> = fc.record({
  zones: zonesArb,
  policies: fc.array(fc.nat({ max: POLICIES.length - 1 }), { minLength: 4, maxLength: 4 }),
  s3Interfaces: fc.array(fc.record({ vpc: fc.nat({ max: 2 }), subnet: fc.nat({ max: 3 }), privateDns: fc.constantFrom(true, true, false), inboundOnly: fc.constantFrom(0, 0, 1, 2), sg: fc.nat({ max: 2 }) }), { maxLength: 2 }),
  dhcp: fc.array(fc.constantFrom(0, 0, 1, 2, 2, 3), { minLength: 3, maxLength: 3 }),
  hostnamesOff: fc.array(fc.nat({ max: 2 }), { maxLength: 1 }),
  resolverRules: fc.oneof(
    { weight: 1, arbitrary: fc.constant<ResolverRuleSpec[]>([]) },
    { weight: 1, arbitrary: fc.array(fc.record({ domain: fc.nat({ max: RULE_DOMAINS.length - 1 }), forward: fc.constantFrom(true, true, false), vpcs: fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 2 }) },
  ),
});

/**
 * The S3 interface endpoints of the spec (before the zones, so zones may alias them): one network
 * interface at .60 and up of the chosen subnet, free of the addresses the builder hands out.
 *
 * @param spec - the feature set's spec (absent: nothing)
 * @param subnetsOf - the subnets of each VPC, by position
 * @param groupsOf - the security groups of each VPC, by position
 * @param parts - the network's parts
 */
export function addS3InterfaceEndpoints(spec: DnsRulesSpec | undefined, subnetsOf: Subnet[][], groupsOf: string[][], parts: Required<ModelParts>): void {
  spec?.s3Interfaces.forEach((e, k) => {
    const v = e.vpc % subnetsOf.length;
    const sub = subnetsOf[v]![e.subnet % subnetsOf[v]!.length]!;
    const sg = groupsOf[v]![e.sg % groupsOf[v]!.length]!;
    const nic = eni(`eni-s3if${k}`, sub, sub.cidr.replace(/\.0\/24$/, `.${60 + k}`), { securityGroupIds: [sg], interfaceType: "vpc_endpoint" });
    parts.networkInterfaces.push(nic);
    const endpoint = interfaceEndpoint(`vpce-s3if${k}`, sub.vpcId, "com.amazonaws.us-east-1.s3", [nic], { privateDnsEnabled: e.privateDns, securityGroupIds: [sg] });
    const inboundOnly = e.inboundOnly === 0 ? undefined : e.inboundOnly === 1;
    parts.vpcEndpoints.push({ ...endpoint, dnsOptions: { dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: inboundOnly } });
  });
}

/**
 * The rest of the feature set, on the parts before the model is assembled: the routing policy of
 * each zone's record sets and the VPCs' DNS attributes and DHCP options.
 *
 * @param spec - the feature set's spec (absent: nothing)
 * @param parts - the network's parts (its zones already added)
 */
export function applyDnsRules(spec: DnsRulesSpec | undefined, parts: Required<ModelParts>): void {
  if (!spec) return;
  parts.hostedZones.forEach((zone, k) => {
    const policy = POLICIES[(spec.policies[k % spec.policies.length] ?? 0) % POLICIES.length]!;
    zone.records = zone.records?.map((r): HostedZoneRecord => (r.routing ? { ...r, routing: { ...r.routing, policy } } : r));
  });
  parts.vpcs.forEach((vpc, i) => {
    if (spec.hostnamesOff.some((h) => h % parts.vpcs.length === i)) vpc.enableDnsHostnames = false;
    const dhcp = DHCP_KINDS[(spec.dhcp[i] ?? 0) % DHCP_KINDS.length]!;
    if (dhcp === "absent") return;
    vpc.dhcpOptionsId = `dopt-${i}`;
    if (dhcp === "amazon") vpc.dnsServers = ["AmazonProvidedDNS"];
    if (dhcp === "custom") vpc.dnsServers = [`10.${i}.0.53`];
  });
}

/**
 * What the feature set adds to the assembled model: the failed DescribeDhcpOptions call and the
 * Resolver rules.
 *
 * @param spec - the feature set's spec (absent: nothing)
 * @param model - the assembled model
 */
export function markDnsRules(spec: DnsRulesSpec | undefined, model: Model): void {
  if (!spec) return;
  const vpcIds = [...model.vpcs.keys()];
  if ([...model.vpcs.values()].some((v) => v.dhcpOptionsId !== undefined && v.dnsServers === undefined)) {
    model.collectErrors = [{ account: SCOPE.account, region: SCOPE.region, service: "ec2", operation: "DescribeDhcpOptions", code: "UnauthorizedOperation", message: "You are not authorized to perform this operation." }];
  }
  const rules: ResolverRule[] = spec.resolverRules.map((r, k) => ({
    id: `rslvr-rr-${k}`,
    domainName: RULE_DOMAINS[r.domain % RULE_DOMAINS.length]!,
    ruleType: r.forward ? "FORWARD" : "SYSTEM",
    targets: r.forward ? ["10.200.0.53:53"] : [],
    vpcIds: [...new Set(r.vpcs.map((v) => vpcIds[v % vpcIds.length]!))],
  }));
  if (rules.length > 0) model.resolverRules = rules;
}
