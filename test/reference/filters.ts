/**
 * The reference evaluator's filters: security groups (stateful, allow-only, all groups of an ENI
 * unioned) and network ACLs (stateless, ascending rule number, first match wins, implicit deny).
 * AWS docs: "Control traffic to your AWS resources using security groups" and "Control subnet
 * traffic with network access control lists" (VPC User Guide); rules as summarised in
 * `shared/research/aws-semantics.md`.
 */
import type { NetworkAclEntry, NetworkInterface, Protocol, SecurityGroupRule, Subnet } from "../../src/model/types.js";
import { anyCidrContains, cidrContains } from "./ipv4.js";
import { drop, protocolNumberOf, step, unmodeled, type Packet, type Walk } from "./walk.js";
import { membership } from "./assume.js";
import { groupReferenceHolds } from "./transit-gateway.js";

/** A rule's protocol as a number, -1 meaning all protocols. */
function protocolNumber(protocol: Protocol): number {
  return protocol === "all" ? -1 : protocolNumberOf(protocol);
}

/** True when a rule's protocol admits the packet's protocol. */
function protocolMatches(protocol: Protocol, packet: Packet): boolean {
  const number = protocolNumber(protocol);
  return number === -1 || number === protocolNumberOf(packet.protocol);
}

/** True when an ICMP type/code filter (-1 meaning any) admits the packet. */
function icmpMatches(type: number, code: number, packet: Packet): boolean {
  const icmp = packet.icmp ?? { type: -2, code: -2 };
  return (type === -1 || type === icmp.type) && (code === -1 || code === icmp.code);
}

/**
 * True when a security group rule's protocol and ports admit the packet (peer aside).
 * TCP/UDP rules filter the destination port; ICMP rules carry the type in `from` and the code in `to`.
 */
function sgRuleAdmitsProtocol(rule: SecurityGroupRule, packet: Packet): boolean {
  if (!protocolMatches(rule.protocol, packet)) return false;
  if (protocolNumber(rule.protocol) === -1 || rule.ports === undefined) return true;
  if (packet.protocol === "icmp") return icmpMatches(rule.ports.from, rule.ports.to, packet);
  return packet.dstPort >= rule.ports.from && packet.dstPort <= rule.ports.to;
}

/**
 * True when a security group rule's peer covers `ip`; `unknown` for a prefix list whose entries the
 * snapshot lacks. A group peer covers the private IPs of the ENIs carrying it.
 */
function sgPeerMatches(walk: Walk, rule: SecurityGroupRule, ip: string): boolean | "unknown" {
  const peer = rule.peer;
  switch (peer.kind) {
    case "cidr":
      return cidrContains(peer.cidr, ip);
    case "ipv6":
      return false;
    case "prefix-list": {
      const cidrs = walk.model.prefixLists.get(peer.prefixListId)?.cidrs;
      return cidrs === undefined ? "unknown" : anyCidrContains(cidrs, ip);
    }
    case "security-group": {
      if (!walk.model.securityGroups.has(peer.groupId)) {
        unmodeled(walk, rule.groupId, `referenced security group ${peer.groupId} is not in the snapshot`);
      }
      // "You can't reference the security group of a peer VPC that's in a different Region. Instead,
      // use the CIDR block of the peer VPC" (VPC Peering Guide): such a rule matches nobody.
      const regionOf = (groupId: string) => walk.model.vpcs.get(walk.model.securityGroups.get(groupId)?.vpcId ?? "")?.scope.region;
      if (regionOf(peer.groupId) !== regionOf(rule.groupId)) {
        step(walk, `security group ${rule.groupId} ${rule.direction}[${rule.permissionIndex}] names ${peer.groupId} of another Region: it matches nobody`);
        return false;
      }
      return walk.index
        .interfacesWithSecurityGroup(peer.groupId)
        .some((eni) => eni.privateIps.some((address) => address.privateIp === ip));
    }
  }
}

/** The rules of one direction of all groups on an ENI. */
function rulesOf(walk: Walk, eni: NetworkInterface, direction: "ingress" | "egress"): SecurityGroupRule[] {
  return eni.securityGroupIds.flatMap((groupId) => {
    const group = walk.model.securityGroups.get(groupId);
    if (!group) unmodeled(walk, eni.id, `security group ${groupId} of ${eni.id} is not in the snapshot`);
    return direction === "ingress" ? group.ingress : group.egress;
  });
}

/**
 * Security group check for a packet leaving or entering an ENI. Replies skip it: groups are stateful.
 *
 * @param walk - the running evaluation
 * @param eni - the ENI the packet leaves (`egress`) or enters (`ingress`)
 * @param packet - the packet
 * @param direction - which rule list applies
 */
export function checkSecurityGroups(walk: Walk, eni: NetworkInterface, packet: Packet, direction: "ingress" | "egress"): void {
  if (walk.direction === "return") {
    step(walk, `security groups of ${eni.id}: reply allowed (stateful)`);
    return;
  }
  const rules = rulesOf(walk, eni, direction);
  const peerIp = direction === "egress" ? packet.dstIp : packet.srcIp;
  const candidates = rules.filter((rule) => sgRuleAdmitsProtocol(rule, packet));
  // A group reference across a transit gateway holds only as AWS's referencing rules say (transit-gateway.ts).
  const matches = (rule: SecurityGroupRule) => sgPeerMatches(walk, rule, peerIp) === true && (rule.peer.kind !== "security-group" || direction === "egress" || groupReferenceHolds(walk, eni));
  const admits = (rule: SecurityGroupRule) => step(walk, `security group ${rule.groupId} ${direction}[${rule.permissionIndex}] admits ${peerIp}`);
  const plain = candidates.find((rule) => rule.peer.kind !== "security-group" && matches(rule));
  if (plain) return admits(plain);
  const byGroup = candidates.find(matches);
  if (byGroup && direction === "ingress") return admits(byGroup);
  // Only when no known rule admits the packet does a prefix list without entries decide the answer;
  // outbound, also when only a group reference does, as that one does not hold over a transit gateway.
  for (const rule of candidates) {
    if (rule.peer.kind !== "prefix-list" || sgPeerMatches(walk, rule, peerIp) !== "unknown") continue;
    if (membership(walk, rule.peer.prefixListId, peerIp) !== "outside") return admits(rule);
  }
  if (byGroup?.peer.kind === "security-group") {
    // AWS: outbound rules may name a group of a peered VPC (VPC Peering Guide, "Update your security
    // groups to reference peer security groups"), but "outbound security rules referencing over
    // Transit Gateway aren't supported" (AWS's announcement of group referencing for transit
    // gateways): whether this rule holds depends on the way the packet goes (throughTransitGateway).
    walk.egressByGroupReference = { groupId: byGroup.groupId, permissionIndex: byGroup.permissionIndex, referenced: byGroup.peer.groupId };
    step(walk, `security group ${byGroup.groupId} egress[${byGroup.permissionIndex}] admits ${peerIp} by naming ${byGroup.peer.groupId}`);
    return;
  }
  const code = rules.length === 0 ? "SG_HAS_NO_RULES" : "ENI_SG_RULES_MISMATCH";
  drop(walk, eni.securityGroupIds[0] ?? eni.id, code, `no ${direction} rule of ${eni.securityGroupIds.join(", ") || "(no groups)"} on ${eni.id} admits the packet`);
}

/** True when a NACL entry matches the packet (the IPv4 CIDR covers the remote address). */
function naclEntryMatches(entry: NetworkAclEntry, packet: Packet, remoteIp: string): boolean {
  if (entry.cidr === undefined || !cidrContains(entry.cidr, remoteIp)) return false;
  if (!protocolMatches(entry.protocol, packet)) return false;
  if (protocolNumber(entry.protocol) === -1) return true;
  if (packet.protocol === "icmp") return entry.icmp === undefined || icmpMatches(entry.icmp.type, entry.icmp.code, packet);
  return entry.ports === undefined || (packet.dstPort >= entry.ports.from && packet.dstPort <= entry.ports.to);
}

/**
 * Network ACL check at a subnet boundary. Stateless: replies are checked like any packet.
 *
 * @param walk - the running evaluation
 * @param subnet - the subnet whose NACL applies
 * @param packet - the packet
 * @param direction - `egress` when the packet leaves the subnet, `ingress` when it enters
 */
export function checkNetworkAcl(walk: Walk, subnet: Subnet, packet: Packet, direction: "ingress" | "egress"): void {
  const acl = walk.index.networkAclOfSubnet(subnet.id)?.value;
  if (!acl) unmodeled(walk, subnet.id, `no network ACL is known for ${subnet.id}`, true);
  const remoteIp = direction === "egress" ? packet.dstIp : packet.srcIp;
  const entries = acl.entries
    .filter((entry) => entry.egress === (direction === "egress"))
    .sort((a, b) => a.ruleNumber - b.ruleNumber);
  const first = entries.find((entry) => naclEntryMatches(entry, packet, remoteIp));
  if (first?.action === "allow") {
    step(walk, `network ACL ${acl.id} ${direction} rule ${first.ruleNumber} allows ${remoteIp} port ${packet.dstPort}`);
    return;
  }
  const which = first ? `rule ${first.ruleNumber} denies` : "no rule allows (implicit deny)";
  drop(walk, acl.id, "SUBNET_ACL_RESTRICTION", `network ACL ${acl.id} ${direction}: ${which} ${remoteIp} port ${packet.dstPort}`);
}
