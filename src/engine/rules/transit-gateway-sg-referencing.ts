/**
 * Security group referencing across a transit gateway: whether an inbound rule naming a group in
 * another VPC matches traffic a transit gateway delivered. AWS ("Security group referencing", Amazon
 * VPC attachments in AWS Transit Gateway):
 * - it "will only work if it has been enabled for both a transit gateway and its VPC attachments":
 *   `Options.SecurityGroupReferencingSupport` on the transit gateway (off by default) and on the
 *   sender's and the receiver's VPC attachments (on by default);
 * - inbound rules only: "Outbound security rules referencing over Transit Gateway aren't
 *   supported" (AWS's announcement). An outbound rule can name another VPC's group only over a VPC
 *   peering; traffic a transit gateway carries does not match it (`egressReferencesLost`);
 * - "not supported across transit gateway peering connections. Both VPCs must be attached to the
 *   same transit gateway";
 * - "not supported for VPC attachments in the availability zone use1-az3";
 * - "not supported for PrivateLink endpoints";
 * - EFS: works "as long as an allow all egress security group rule is configured for the EFS
 *   interfaces";
 * - AWS advises disabling it for VPCs with subnets in unsupported Local Zones, Outposts and
 *   Wavelength Zones, "as it might cause service disruption" (only eight Local Zones are supported);
 * - it does not work across Gateway Load Balancer or Network Firewall in an inspection VPC (the
 *   engine stops at those as unmodelled before any security group is reached).
 * An option the input does not carry (older CLI output, Batfish's networks, a Terraform plan that
 * leaves it to apply) puts the reference in doubt: `unknown`, naming the field, where it decides.
 * So do paths the page does not describe: more than one transit gateway crossing, a VPC peering
 * crossed after the transit gateway, an attachment with a subnet in use1-az3 the traffic does not
 * use, a us-east-1 attachment subnet whose zone id is not known, unsupported zones.
 * AWS: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html#vpc-attachment-security,
 * https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-security-group-referencing-for-aws-transit-gateway/
 */
import { IntervalSet } from "../../net/index.js";
import type { SecurityGroup, Subnet, TransitGateway, TransitGatewayAttachment } from "../../model/types.js";
import type { PacketClass } from "../packet.js";
import type { Evidence } from "../verdict.js";
import type { RuleBlock } from "./block.js";
import { evaluateSecurityGroups, type PeerResolver } from "./security-group.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "transit-gateway-sg-referencing",
  docs: {
    description: "Inbound group references across a transit gateway: option enabled on the transit gateway and both VPC attachments, same transit gateway, not PrivateLink endpoints, not use1-az3.",
    url: "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html#vpc-attachment-security",
  },
  codes: {
    SG_REFERENCES_NOT_PRESERVED: "{groups} allow {client} only by group reference, and {why}",
    MISSING_DATA: "{groups} allow {client} only by group reference across {tgw}, which holds only with SecurityGroupReferencingSupport enabled, and the snapshot does not say it for {missing}",
    UNSUPPORTED_COMPONENT: "{groups} allow {client} only by group reference across {tgw}, and {why}",
  },
} satisfies RuleMeta;

/** The option's name in describe-* output. */
export const OPTION = "Options.SecurityGroupReferencingSupport";

/** The Local Zones AWS lists as supported for security group referencing through a transit gateway. */
const SUPPORTED_LOCAL_ZONES = new Set(["us-east-1-atl-2a", "us-east-1-dfw-2a", "us-east-1-iah-2a", "us-west-2-lax-1a", "us-west-2-lax-1b", "us-east-1-mia-2a", "us-east-1-chi-2a", "us-west-2-phx-2a"]);

/** The zone id AWS excludes. */
const EXCLUDED_ZONE_ID = "use1-az3";

/** What the rule needs to know of one delivery that crossed a transit gateway. */
export interface TgwReferencingCase {
  /** The transit gateway that delivered the traffic into the receiver's VPC, and its record. */
  tgwId: string;
  tgw: TransitGateway | undefined;
  /** The sender's VPC attachment (the one the traffic entered the transit gateways by). */
  source: TransitGatewayAttachment | undefined;
  /** The receiver's VPC attachment. */
  destination: TransitGatewayAttachment | undefined;
  /** Transit gateway crossings from VPC to VPC so far (1 for a spoke-to-spoke path). */
  crossings: number;
  /** A VPC peering connection crossed after the transit gateway, if any. */
  peeringAfter: string | undefined;
  /** The receiver's attachment subnet the traffic entered by. */
  exitSubnet: Subnet | undefined;
  /** The subnets of both attachments (those in the snapshot). */
  attachmentSubnets: readonly Subnet[];
  /** The subnets of both VPCs (their zones: Local Zones, Wavelength). */
  vpcSubnets: readonly Subnet[];
  /** The receiving interface: a PrivateLink endpoint's, an EFS mount target's (with its groups), or another. */
  receiver: { kind: "endpoint" | "other" } | { kind: "efs"; groups: readonly SecurityGroup[] };
}

/** The outcome: the reference matches (with the evidence), does not (a block), or is in doubt (an `unknown` block). */
export type TgwReferencing = { holds: true; evidence: Evidence } | { holds: false; block: TgwReferencingBlock } | { holds: "unknown"; block: TgwReferencingBlock };

/** Why a reference does not hold, or may not: filled into a `RuleBlock` by `referencingBlock`. */
export interface TgwReferencingBlock {
  code: "SG_REFERENCES_NOT_PRESERVED" | "MISSING_DATA" | "UNSUPPORTED_COMPONENT";
  /** The clause after "and", or the fields not given (MISSING_DATA). */
  why: string;
  rule: Evidence;
  fix?: string;
}

/** A zone name that is a Region's ordinary Availability Zone (`us-east-1a`), not a Local or Wavelength Zone. */
function ordinaryZone(subnet: Subnet): boolean {
  return subnet.availabilityZone === `${subnet.scope.region}${subnet.availabilityZone.slice(-1)}` && /[a-z]$/.test(subnet.availabilityZone);
}

/** True when an EFS interface's groups allow all egress (any protocol to 0.0.0.0/0). */
function allowsAllEgress(groups: readonly SecurityGroup[]): boolean {
  return groups.some((g) => g.egress.some((r) => r.protocol === "all" && r.peer.kind === "cidr" && r.peer.cidr === "0.0.0.0/0"));
}

/** The option's value on the transit gateway and the two attachments, each with the describe call that shows it. */
function optionSettings(c: TgwReferencingCase): { id: string; call: string; value: string | undefined }[] {
  const attachments = [c.source, c.destination].filter((a): a is TransitGatewayAttachment => a !== undefined);
  const unique = attachments.filter((a, i) => attachments.findIndex((b) => b.id === a.id) === i);
  return [
    { id: c.tgwId, call: "describe-transit-gateways", value: c.tgw?.securityGroupReferencingSupport },
    ...unique.map((a) => ({ id: a.id, call: "describe-transit-gateway-vpc-attachments", value: a.securityGroupReferencingSupport })),
  ];
}

/** Where AWS's limits say no, before the options are read. */
function limitBlock(c: TgwReferencingCase): TgwReferencingBlock | undefined {
  const notPreserved = (why: string, ref: string, text: string, fix: string): TgwReferencingBlock => ({ code: "SG_REFERENCES_NOT_PRESERVED", why, rule: { kind: "implicit", ref, text }, fix });
  if (c.receiver.kind === "endpoint") return notPreserved("security group referencing across a transit gateway is not supported for PrivateLink endpoints", c.tgwId, "AWS: security group referencing is not supported for PrivateLink endpoints", "allow the client's CIDR instead of its group");
  if (c.receiver.kind === "efs" && !allowsAllEgress(c.receiver.groups)) return notPreserved("security group referencing across a transit gateway works for EFS only when the EFS interfaces' groups allow all egress", c.tgwId, "AWS: EFS needs an allow-all egress rule for security group referencing", "allow all outbound traffic on the EFS mount target's security group, or allow the client's CIDR");
  if (c.source && c.source.transitGatewayId !== c.tgwId) return notPreserved(`the traffic crossed a transit gateway peering (${c.source.transitGatewayId} → ${c.tgwId}), across which security group referencing is not supported`, c.tgwId, "AWS: security group referencing is not supported across transit gateway peering connections", "allow the client's CIDR instead of its group");
  return undefined;
}

/** Paths AWS's page does not describe. */
function undocumentedPath(c: TgwReferencingCase): TgwReferencingBlock | undefined {
  const unsupported = (why: string, ref: string, text: string): TgwReferencingBlock => ({ code: "UNSUPPORTED_COMPONENT", why, rule: { kind: "implicit", ref, text } });
  if (c.crossings > 1) return unsupported(`the traffic crossed transit gateways ${c.crossings} times; AWS documents group references only between two VPCs attached to one transit gateway`, c.tgwId, "group reference over several transit gateway crossings");
  if (c.peeringAfter) return unsupported(`the traffic crossed ${c.peeringAfter} after the transit gateway; AWS does not document group references over that path`, c.peeringAfter, "group reference over a transit gateway and then a VPC peering");
  return undefined;
}

/** AWS's zone limits, once the options allow the reference. */
function zoneBlock(c: TgwReferencingCase): TgwReferencingBlock | undefined {
  if (c.exitSubnet?.availabilityZoneId === EXCLUDED_ZONE_ID) {
    return { code: "SG_REFERENCES_NOT_PRESERVED", why: `the traffic enters by ${c.exitSubnet.id} in ${EXCLUDED_ZONE_ID}, where security group referencing is not supported for VPC attachments`, rule: { kind: "association", ref: c.exitSubnet.id, text: `${c.exitSubnet.id} in ${c.exitSubnet.availabilityZone} (${EXCLUDED_ZONE_ID})` }, fix: "allow the client's CIDR instead of its group" };
  }
  const inExcluded = c.attachmentSubnets.find((s) => s.availabilityZoneId === EXCLUDED_ZONE_ID);
  if (inExcluded) return { code: "UNSUPPORTED_COMPONENT", why: `an attachment has subnet ${inExcluded.id} in ${EXCLUDED_ZONE_ID}, where AWS does not support security group referencing for VPC attachments, and AWS does not say whether that disables it for the attachment's other zones`, rule: { kind: "association", ref: inExcluded.id, text: `${inExcluded.id} in ${EXCLUDED_ZONE_ID}` } };
  const zoneIdUnknown = c.attachmentSubnets.find((s) => s.availabilityZoneId === undefined && s.availabilityZone.startsWith("us-east-1"));
  if (zoneIdUnknown) return { code: "MISSING_DATA", why: `AvailabilityZoneId of ${zoneIdUnknown.id} (describe-subnets), needed to rule out ${EXCLUDED_ZONE_ID}`, rule: { kind: "attribute", ref: zoneIdUnknown.id, text: `${zoneIdUnknown.id}: AvailabilityZoneId not given` } };
  const oddZone = c.vpcSubnets.find((s) => !ordinaryZone(s) && !SUPPORTED_LOCAL_ZONES.has(s.availabilityZone));
  if (oddZone) return { code: "UNSUPPORTED_COMPONENT", why: `${oddZone.vpcId} has subnet ${oddZone.id} in ${oddZone.availabilityZone}, a zone AWS does not support for security group referencing through a transit gateway (it advises turning the option off there, as it might disrupt traffic)`, rule: { kind: "association", ref: oddZone.id, text: `${oddZone.id} in ${oddZone.availabilityZone}` } };
  return undefined;
}

/**
 * Decides whether an inbound group reference matches a sender whose traffic a transit gateway
 * delivered.
 *
 * @param c - the crossing, the attachments and the receiver
 */
export function tgwGroupReferencing(c: TgwReferencingCase): TgwReferencing {
  const limit = limitBlock(c);
  if (limit) return { holds: false, block: limit };
  const path = undocumentedPath(c);
  if (path) return { holds: "unknown", block: path };
  const settings = optionSettings(c);
  const off = settings.filter((s) => s.value === "disable");
  if (off.length > 0) {
    const names = off.map((s) => s.id).join(", ");
    return {
      holds: false,
      block: {
        code: "SG_REFERENCES_NOT_PRESERVED",
        why: `${OPTION} is disable on ${names}, so ${c.tgwId} does not carry the client's group`,
        rule: { kind: "attribute", ref: off[0]!.id, text: off.map((s) => `${s.id}: ${OPTION} disable`).join("; ") },
        fix: `enable SecurityGroupReferencingSupport on ${names} (it must be on for the transit gateway and both VPC attachments), or allow the client's CIDR`,
      },
    };
  }
  const missing = settings.filter((s) => s.value === undefined);
  if (missing.length > 0 || !c.source || !c.destination) {
    const fields = missing.map((s) => `${s.id} (${s.call} ${OPTION})`);
    if (!c.source) fields.push("the sender's VPC attachment");
    if (!c.destination) fields.push("the receiver's VPC attachment");
    return { holds: "unknown", block: { code: "MISSING_DATA", why: fields.join(", "), rule: { kind: "attribute", ref: missing[0]?.id ?? c.tgwId, text: `${OPTION} not given for ${fields.join(", ")}` } } };
  }
  const zone = zoneBlock(c);
  if (zone) return { holds: zone.code === "SG_REFERENCES_NOT_PRESERVED" ? false : "unknown", block: zone };
  return { holds: true, evidence: { kind: "attribute", ref: c.tgwId, text: `${OPTION} enable on ${settings.map((s) => s.id).join(", ")}: ${c.tgwId} carries the sender's security groups` } };
}

/**
 * The block for a reference that does not hold or is in doubt, at the receiver's groups.
 *
 * @param block - what `tgwGroupReferencing` returned
 * @param groups - the receiver's group ids
 * @param client - the sender's addresses, as text
 * @param tgwId - the transit gateway crossed
 * @param unknown - true when the reference is in doubt
 */
export function referencingBlock(block: TgwReferencingBlock, groups: string, client: string, tgwId: string, unknown: boolean): RuleBlock {
  const template = meta.codes[block.code];
  return {
    code: block.code,
    message: fill(template, { groups, client, tgw: tgwId, why: block.why, missing: block.why }),
    rule: block.rule,
    ...(block.fix ? { fix: block.fix } : {}),
    ...(unknown ? { unknown: true } : {}),
  };
}

/**
 * Outbound: the destination addresses the sender's groups allow only by rules naming a group of
 * another VPC, which do not match traffic a transit gateway carries (AWS supports group references
 * through a transit gateway in inbound rules only), and the block for them.
 *
 * @param groups - the sender's security groups
 * @param senderVpcId - the sender's VPC
 * @param cls - protocol and destination ports
 * @param dst - the destination addresses the transit gateway is to carry
 * @param resolver - prefix-list and group-member lookups
 * @param groupVpc - the VPC of a group (undefined when not known)
 * @param tgwId - the transit gateway
 * @param what - the traffic, as text (for `lost`)
 */
export function egressReferencesLost(
  groups: readonly SecurityGroup[], senderVpcId: string, cls: PacketClass, dst: IntervalSet, resolver: PeerResolver,
  groupVpc: (groupId: string) => string | undefined, tgwId: string, what: (lost: IntervalSet) => string,
): { lost: IntervalSet; block: RuleBlock } | undefined {
  const foreign = (id: string) => groupVpc(id) !== senderVpcId;
  // Evaluating the groups twice on every crossing is wasted unless some outbound rule names another VPC's group.
  if (!groups.some((g) => g.egress.some((r) => r.peer.kind === "security-group" && foreign(r.peer.groupId)))) return undefined;
  const local: PeerResolver = { prefixList: (id) => resolver.prefixList(id), groupMembers: (id) => (foreign(id) ? IntervalSet.EMPTY : resolver.groupMembers(id)), groupRegion: (id) => resolver.groupRegion(id) };
  const all = evaluateSecurityGroups(groups, "egress", cls, dst, resolver);
  const lost = all.allowed.subtract(evaluateSecurityGroups(groups, "egress", cls, dst, local).allowed);
  if (lost.isEmpty()) return undefined;
  const refs = [...new Set(all.allowedBy.flatMap((r) => (r.peer.kind === "security-group" && foreign(r.peer.groupId) ? [r.peer.groupId] : [])))];
  const groupIds = groups.map((g) => g.id).join(", ");
  const why = `outbound rules naming a group of another VPC (${refs.join(", ")}) do not match traffic ${tgwId} carries: AWS supports group references through a transit gateway in inbound rules only`;
  return {
    lost,
    block: {
      code: "SG_REFERENCES_NOT_PRESERVED",
      message: fill(meta.codes.SG_REFERENCES_NOT_PRESERVED, { groups: groupIds, client: what(lost), why }),
      rule: { kind: "implicit", ref: `${groupIds} egress`, text: `${groupIds}: outbound rules naming ${refs.join(", ")} (another VPC's groups) across ${tgwId}` },
      fix: `allow the destination's CIDR in an outbound rule of ${groups[0]?.id ?? "the sender's group"} instead of the group reference`,
    },
  };
}
