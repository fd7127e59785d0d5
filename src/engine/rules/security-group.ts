/**
 * Security groups: stateful, allow-only filters on an ENI. The rules of all groups on the ENI are
 * unioned; a rule matches by protocol (`-1` = all), port range (ICMP: type), and peer: a CIDR, a
 * prefix list (its CIDRs), or another group (the private IPs of the ENIs carrying it). Replies of an
 * allowed connection are always allowed. NAT gateways do not carry the client's group identity, so
 * group-reference rules do not match traffic they forward (SG_REFERENCES_NOT_PRESERVED).
 * AWS: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html
 */
import { IntervalSet, protocolCovers, protocolName } from "../../net/index.js";
import type { NetworkInterface, SecurityGroup, SecurityGroupRule } from "../../model/types.js";
import { ruleProtocol, type PacketClass } from "../packet.js";
import type { Evidence } from "../verdict.js";
import { fill, type RuleMeta } from "./meta.js";
import type { RuleBlock } from "./block.js";
import { referenceInRegion } from "./peering-sg-referencing.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "security-group",
  docs: {
    description: "Stateful allow-only ENI filter: union of all groups' rules; CIDR, prefix-list and group-reference peers.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html",
  },
  codes: {
    ENI_SG_RULES_MISMATCH: "no {direction} rule of {groups} allows {what}",
    SG_HAS_NO_RULES: "{groups} have no {direction} rules",
    SG_REFERENCES_NOT_PRESERVED: "{groups} allow the client only by group reference, and {via} does not preserve the client's group",
    UNSUPPORTED_COMPONENT: "{eni} ({type}) has no security groups: nothing filters what reaches it, and what it hands the traffic to is not modelled",
  },
} satisfies RuleMeta;

/** Resolves rule peers to addresses; undefined when the snapshot lacks the data. */
export interface PeerResolver {
  prefixList(prefixListId: string): IntervalSet | undefined;
  groupMembers(groupId: string): IntervalSet;
  /** The Region of a group in the snapshot (undefined when it is not there). */
  groupRegion(groupId: string): string | undefined;
}

/**
 * A resolver in which the sender's own groups also stand for the sender's addresses: its packets
 * carry its groups, so a rule referencing one of them admits it even when its ENI (and so its
 * membership) is not in the snapshot, as for a notebook known only from describe-notebook-instance.
 *
 * @param resolver - the model's lookups
 * @param senderGroups - the groups of the sending ENI
 * @param senderAddresses - the sender's addresses (its subnet's CIDR when its IP is unknown)
 */
export function withSenderGroups(resolver: PeerResolver, senderGroups: readonly string[], senderAddresses: IntervalSet): PeerResolver {
  if (senderGroups.length === 0) return resolver;
  return {
    prefixList: (id) => resolver.prefixList(id),
    groupMembers: (id) => (senderGroups.includes(id) ? resolver.groupMembers(id).union(senderAddresses) : resolver.groupMembers(id)),
    groupRegion: (id) => resolver.groupRegion(id),
  };
}

export interface SgResult {
  /** Peer addresses some rule allows. */
  allowed: IntervalSet;
  /** Rules that allowed some of the peers (evidence). */
  allowedBy: SecurityGroupRule[];
  /** Prefix lists a matching rule names but whose entries are not in the snapshot. */
  unresolved: string[];
  /** True when the groups have no rule at all in this direction. */
  noRules: boolean;
  /** Rules naming a group of another Region whose members are among the peers: they match nobody (rules/peering-sg-referencing.ts). */
  crossRegion: readonly SecurityGroupRule[];
}

const NO_RULES: readonly SecurityGroupRule[] = Object.freeze([]);

/** True when a rule's protocol and ports admit every packet of the class. */
function ruleMatchesClass(rule: SecurityGroupRule, cls: PacketClass): boolean {
  if (!protocolCovers(ruleProtocol(rule.protocol), cls.protocol)) return false;
  if (rule.protocol === "tcp" || rule.protocol === "udp") {
    if (!rule.ports || !cls.ports) return true;
    return IntervalSet.range(rule.ports.from, rule.ports.to).covers(cls.ports);
  }
  if (rule.protocol === "icmp" && rule.ports && rule.ports.from !== -1 && cls.icmpType !== undefined) return rule.ports.from === cls.icmpType;
  return true;
}

/**
 * Evaluates one direction of the groups on an ENI.
 *
 * @param groups - the ENI's security groups
 * @param direction - `ingress` (peer = source) or `egress` (peer = destination)
 * @param cls - protocol and destination ports
 * @param peers - the peer addresses to test
 * @param resolver - prefix-list and group-member lookups
 * @param preservesGroups - false when the traffic was forwarded by a NAT gateway
 */
export function evaluateSecurityGroups(
  groups: readonly SecurityGroup[],
  direction: "ingress" | "egress",
  cls: PacketClass,
  peers: IntervalSet,
  resolver: PeerResolver,
  preservesGroups = true,
): SgResult {
  let allowed = IntervalSet.EMPTY;
  const allowedBy: SecurityGroupRule[] = [];
  const unresolved: string[] = [];
  let crossRegion: SecurityGroupRule[] | undefined;
  let ruleCount = 0;
  // A CIDR rule wholly outside the peers admits none of them: skipped on its bounds alone (a group
  // admitting hundreds of spoke CIDRs is evaluated by every query that reaches it).
  const low = peers.min() ?? 0;
  const high = peers.max() ?? -1;
  for (const group of groups) {
    const rules = direction === "ingress" ? group.ingress : group.egress;
    const bounds = cidrBoundsOf(rules);
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as SecurityGroupRule;
      ruleCount += 1;
      if ((bounds[2 * i + 1] as number) < low || (bounds[2 * i] as number) > high) continue;
      if (!ruleMatchesClass(rule, cls)) continue;
      let set: IntervalSet | undefined;
      const peer = rule.peer;
      if (peer.kind === "cidr") set = IntervalSet.ofCidr(peer.cidr);
      else if (peer.kind === "prefix-list") {
        set = resolver.prefixList(peer.prefixListId);
        if (!set) unresolved.push(peer.prefixListId);
      } else if (peer.kind === "security-group") {
        // Traffic forwarded by a NAT gateway carries no group identity.
        if (!preservesGroups) continue;
        set = resolver.groupMembers(peer.groupId);
        if (!referenceInRegion(group, resolver.groupRegion(peer.groupId))) {
          if (!set.intersect(peers).isEmpty()) (crossRegion ??= []).push(rule);
          continue;
        }
      }
      if (!set) continue;
      const hit = set.intersect(peers);
      if (hit.isEmpty()) continue;
      allowed = allowed.union(hit);
      allowedBy.push(rule);
    }
  }
  return { allowed, allowedBy, unresolved, noRules: ruleCount === 0, crossRegion: crossRegion ?? NO_RULES };
}

/** Per rule list: each rule's CIDR bounds, `[first, last]` at `2i`; unbounded for a rule whose peer is no CIDR (never skipped: an unresolved prefix list is reported whatever the peers). */
const cidrBounds = new WeakMap<readonly SecurityGroupRule[], Float64Array>();

/** The CIDR bounds of a group's rules (the model's rule lists are not changed once loaded: a changed group gets new lists). */
function cidrBoundsOf(rules: readonly SecurityGroupRule[]): Float64Array {
  let bounds = cidrBounds.get(rules);
  if (!bounds) {
    bounds = new Float64Array(rules.length * 2);
    rules.forEach((rule, i) => {
      // A malformed CIDR is an empty set, which admits nothing: bounds that are skipped or not alike.
      const set = rule.peer.kind === "cidr" ? IntervalSet.ofCidr(rule.peer.cidr) : undefined;
      (bounds as Float64Array)[2 * i] = set ? (set.min() ?? 1) : -Infinity;
      (bounds as Float64Array)[2 * i + 1] = set ? (set.max() ?? 0) : Infinity;
    });
    cidrBounds.set(rules, bounds);
  }
  return bounds;
}

/**
 * One line describing a rule, e.g. `sg-0abc ingress[1] allow tcp 443 from sg-0def`.
 *
 * @param rule - the rule
 */
export function describeRule(rule: SecurityGroupRule): string {
  const proto = protocolName(ruleProtocol(rule.protocol));
  const ports = rule.ports && (rule.protocol === "tcp" || rule.protocol === "udp") ? (rule.ports.from === rule.ports.to ? ` ${rule.ports.from}` : ` ${rule.ports.from}-${rule.ports.to}`) : "";
  const peer = rule.peer.kind === "security-group" ? rule.peer.groupId : rule.peer.kind === "prefix-list" ? rule.peer.prefixListId : rule.peer.cidr;
  return `${rule.groupId} ${rule.direction}[${rule.permissionIndex}] allow ${proto}${ports} ${rule.direction === "ingress" ? "from" : "to"} ${peer}`;
}

/**
 * Evidence for the rules that admitted traffic.
 *
 * @param result - the evaluation result
 */
export function sgEvidence(result: SgResult): Evidence[] {
  const { allowedBy } = result;
  if (allowedBy.length === 1) return ruleEvidence(allowedBy[0] as SecurityGroupRule);
  return allowedBy.map((rule) => ruleEvidence(rule)[0] as Evidence);
}

/** Each rule's evidence as a list of one, by rule: every walk past a group names the same rules (evidence is never modified). */
const evidenceOfRule = new WeakMap<SecurityGroupRule, Evidence[]>();

/** The evidence that `rule` admitted packets, as a list of one (built once per rule). */
function ruleEvidence(rule: SecurityGroupRule): Evidence[] {
  let list = evidenceOfRule.get(rule);
  if (!list) {
    list = [{ kind: "sg-rule", ref: `${rule.groupId} ${rule.direction}[${rule.permissionIndex}]`, text: describeRule(rule) }];
    evidenceOfRule.set(rule, list);
  }
  return list;
}

/**
 * The concrete fix for a security-group block.
 *
 * @param groupId - the group to change (the first on the ENI)
 * @param direction - which rules
 * @param cls - the packets' class
 * @param peerText - the peer to allow (a CIDR, prefix list or group id)
 */
export function sgFix(groupId: string, direction: "ingress" | "egress", cls: PacketClass, peerText: string): string {
  const ports = cls.ports ? ` ${cls.ports.toRanges().join(",")}` : "";
  return `allow ${direction === "ingress" ? "inbound" : "outbound"} ${protocolName(cls.protocol)}${ports} ${direction === "ingress" ? "from" : "to"} ${peerText} on ${groupId}`;
}

/**
 * The `unknown` block for traffic delivered to an ENI without security groups. Every ENI of an
 * instance carries at least one group; those AWS creates without any are the interfaces of Network
 * and Gateway Load Balancers (a Network Load Balancer without groups lets all client traffic in, "the
 * targets' security groups" decide), of transit gateway attachments and of GWLB endpoints: what
 * reaches them is not filtered, and their listeners or targets are not in the model. Reading the empty
 * list as "no rule allows" was a confident `unreachable`.
 * AWS: https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
 *
 * @param eni - the destination ENI
 * @param groupIds - the groups that filter it (the ENI's, else its endpoint's)
 */
export function ungroupedInterface(eni: NetworkInterface, groupIds: readonly string[]): RuleBlock | undefined {
  if (groupIds.length > 0) return undefined;
  return {
    code: "UNSUPPORTED_COMPONENT",
    message: fill(meta.codes.UNSUPPORTED_COMPONENT, { eni: eni.id, type: eni.interfaceType }),
    rule: { kind: "association", ref: eni.id, text: `${eni.id} (${eni.interfaceType}${eni.description ? `, ${eni.description}` : ""}) Groups []` },
    fix: `check what ${eni.id} forwards to (its load balancer's listeners and targets) by hand`,
    unknown: true,
  };
}
