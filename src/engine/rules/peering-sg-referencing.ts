/**
 * Security group references across Regions: "You can't reference the security group of a peer VPC
 * that's in a different Region. Instead, use the CIDR block of the peer VPC" (VPC Peering Guide).
 * EC2 refuses such a rule, so a live snapshot never holds one, but a Terraform plan overlaid on a
 * snapshot, or a hand-edited one, can: the rule then matches nobody (applying it would fail), and a
 * packet only it would admit is blocked with this reason rather than proven reachable.
 * AWS: https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html
 */
import type { SecurityGroup, SecurityGroupRule } from "../../model/types.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "peering-sg-referencing",
  docs: {
    description: "A security group rule naming a group of a VPC in another Region (inter-Region peering) matches nothing: group references work across peering in one Region only.",
    url: "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html",
  },
  codes: {
    SG_REFERENCES_NOT_PRESERVED: "{groups} allow {what} only by naming {referenced}, a group in another Region than the rule's ({regions}): AWS does not support group references across inter-Region peering",
  },
} satisfies RuleMeta;

/**
 * True when a group-reference rule of `owner` can match: the named group is in the owner's Region,
 * or its Region is unknown (a group the snapshot lacks has no members to match anyway).
 *
 * @param owner - the group holding the rule
 * @param referencedRegion - the Region of the group the rule names, when it is in the snapshot
 */
export function referenceInRegion(owner: SecurityGroup, referencedRegion: string | undefined): boolean {
  return referencedRegion === undefined || referencedRegion === owner.scope.region;
}

/**
 * The block for traffic that only rules naming another Region's group would admit.
 *
 * @param groupIds - the ENI's groups
 * @param rules - the rules that name another Region's group and cover the traffic
 * @param regionOf - the Region of a group (undefined when not in the snapshot)
 * @param what - the traffic, as text
 * @param direction - which rules
 */
export function crossRegionBlock(groupIds: readonly string[], rules: readonly SecurityGroupRule[], regionOf: (groupId: string) => string | undefined, what: string, direction: "ingress" | "egress"): RuleBlock {
  const referenced = [...new Set(rules.flatMap((r) => (r.peer.kind === "security-group" ? [r.peer.groupId] : [])))];
  const regions = [...new Set([...rules.map((r) => regionOf(r.groupId)), ...referenced.map(regionOf)].filter((r) => r !== undefined))].join(" and ");
  const groups = groupIds.join(", ");
  return {
    code: "SG_REFERENCES_NOT_PRESERVED",
    message: fill(meta.codes.SG_REFERENCES_NOT_PRESERVED, { groups, what, referenced: referenced.join(", "), regions }),
    rule: { kind: "sg-rule", ref: rules.map((r) => `${r.groupId} ${r.direction}[${r.permissionIndex}]`).join(", "), text: `${groups}: ${direction} rules naming ${referenced.join(", ")} (another Region's groups)` },
    fix: `${direction === "ingress" ? "allow inbound from" : "allow outbound to"} the peer VPC's CIDR on ${groupIds[0] ?? "the group"} instead of the group reference`,
  };
}
