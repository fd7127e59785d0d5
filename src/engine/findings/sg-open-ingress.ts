/**
 * Finding: a security group that admits inbound traffic from anywhere (0.0.0.0/0 or ::/0). SSH (22),
 * RDP (3389) or all traffic open to the world is high (AWS Security Hub controls EC2.13, EC2.14,
 * EC2.18, EC2.19); other ports are medium; ICMP only is low. Exposure lowers it: one level when the
 * snapshot proves no user of the group has a public IPv4 address in a public subnet, to low when
 * nothing uses the group.
 * AWS doc: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import { scopeKey, type SecurityGroup, type SecurityGroupRule } from "../../model/types.js";
import { classifySubnet } from "../rules/public-subnet.js";
import { describeProtocolPorts, ipPermissionsArg, ruleAdmitsPort } from "./support.js";
import { moreSevere, report, type Finding, type FindingMeta, type Severity } from "./types.js";

export const meta: FindingMeta = {
  id: "sg-open-ingress",
  severity: "medium",
  docs: {
    description: "Anyone on the internet may open connections to what the group protects, on the listed ports.",
    url: "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html",
  },
  message: "Security group {{group}} allows inbound {{ports}} from anywhere",
};

/** Ports whose exposure to the world is high severity by themselves. */
const ADMIN_PORTS = [22, 3389];

function isOpenToWorld(rule: SecurityGroupRule): boolean {
  return (
    (rule.peer.kind === "cidr" && rule.peer.cidr === "0.0.0.0/0") ||
    (rule.peer.kind === "ipv6" && rule.peer.cidr === "::/0")
  );
}

function ruleSeverity(rule: SecurityGroupRule): Severity {
  if (rule.protocol === "all") return "high";
  if (ADMIN_PORTS.some((port) => ruleAdmitsPort(rule, "tcp", port))) return "high";
  return rule.protocol === "icmp" ? "low" : "medium";
}

/**
 * How far the group's open rules reach: `internet` when a user of the group has a public IPv4 address
 * in a public subnet (a route to an attached internet gateway); `private` when every user is proven
 * to lack that (no public IP, or a subnet without such a route), so only privately connected
 * networks (peering, transit gateway, VPN) can use the rules; `unused` when the snapshot proves
 * nothing uses the group; `undetermined` when the data does not decide (then the port decides alone).
 */
type Exposure = "internet" | "private" | "unused" | "undetermined";

/** A user of the group: where it sits and its public IPv4, if any. */
interface GroupUser {
  subnetId: string | undefined;
  publicIp: string | undefined;
  id: string;
}

/** ENIs carrying the group, and instances naming it whose ENIs are not in the snapshot; notebook and endpoint ENIs never have a public IP. */
function usersOf(index: ModelIndex, group: SecurityGroup): { users: GroupUser[]; namedOnly: boolean } {
  const model = index.model;
  const enis = index.interfacesWithSecurityGroup(group.id);
  const eips = new Map(model.elasticIps.filter((eip) => eip.networkInterfaceId).map((eip) => [eip.networkInterfaceId, eip.publicIp]));
  const users: GroupUser[] = enis.map((eni) => ({ id: eni.id, subnetId: eni.subnetId, publicIp: eni.privateIps.find((ip) => ip.publicIp)?.publicIp ?? eips.get(eni.id) }));
  const seen = new Set(enis.map((eni) => eni.id));
  for (const instance of model.instances.values()) {
    if (!instance.securityGroupIds.includes(group.id) || instance.networkInterfaceIds.some((id) => seen.has(id))) continue;
    users.push({ id: instance.id, subnetId: instance.subnetId, publicIp: instance.publicIp });
  }
  const namedOnly = users.length === 0 && [...model.notebooks.values(), ...model.vpcEndpoints.values()].some((user) => user.securityGroupIds.includes(group.id));
  return { users, namedOnly };
}

/** Whether a user is reachable from the internet, not, or undecided (unclassifiable subnet, or IPv6 not modeled per ENI). */
function userExposure(index: ModelIndex, user: GroupUser, ipv6Open: boolean): Exposure {
  if (!user.subnetId) return "undetermined";
  const subnet = index.model.subnets.get(user.subnetId);
  if (ipv6Open && (!subnet || subnet.ipv6Cidrs.length > 0)) return "undetermined";
  if (!user.publicIp) return "private";
  const classification = classifySubnet(index, user.subnetId);
  if (classification.public) return "internet";
  return classification.certain ? "private" : "undetermined";
}

/**
 * The group's exposure (see `Exposure`). Needs ENI data for the group's scope to call a group unused or private.
 *
 * @param index - lookups over the model
 * @param group - the group
 * @param ipv6Open - whether an open rule is from ::/0
 */
function exposureOf(index: ModelIndex, group: SecurityGroup, ipv6Open: boolean): { exposure: Exposure; via?: GroupUser } {
  if (!index.model.dataPresent.get(scopeKey(group.scope))?.has("networkInterfaces")) return { exposure: "undetermined" };
  const { users, namedOnly } = usersOf(index, group);
  if (users.length === 0) return { exposure: namedOnly ? "private" : "unused" };
  const judged = users.map((user) => ({ user, exposure: userExposure(index, user, ipv6Open) }));
  const exposed = judged.find((j) => j.exposure === "internet");
  if (exposed) return { exposure: "internet", via: exposed.user };
  return { exposure: judged.some((j) => j.exposure === "undetermined") ? "undetermined" : "private" };
}

/** The rule's severity lowered by the exposure: one level when only private networks reach it, low when unused. */
function exposedSeverity(worst: Severity, exposure: Exposure): Severity {
  if (exposure === "unused") return "low";
  if (exposure !== "private") return worst;
  return worst === "high" ? "medium" : "low";
}

const EXPOSURE_TEXT: Record<Exposure, (via: GroupUser | undefined) => string> = {
  internet: (via) => `Reachable from the internet: ${via?.id} has public IP ${via?.publicIp} in public subnet ${via?.subnetId}. `,
  private: () => "No user of the group has a public IPv4 address in a subnet routed to an internet gateway, so only privately connected networks (peering, transit gateway, VPN) reach these rules; severity lowered one level. ",
  unused: () => "The group is attached to nothing in the snapshot, but any resource given it later is exposed. ",
  undetermined: () => "",
};

/** Shell-access advice, only for rules that open SSH or RDP. */
function adminPortAdvice(open: SecurityGroupRule[]): string {
  const admin = ADMIN_PORTS.filter((port) => open.some((rule) => ruleAdmitsPort(rule, "tcp", port)));
  return admin.length > 0 ? `; for shell access use SSM Session Manager instead of an open port ${admin.join("/")}` : "";
}

/**
 * Reports each security group with inbound rules open to the world, at the severity of its worst
 * rule, lowered when the snapshot proves no user of the group is reachable from the internet.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const group of index.model.securityGroups.values()) {
    const open = group.ingress.filter(isOpenToWorld);
    if (open.length === 0) continue;
    const { exposure, via } = exposureOf(index, group, open.some((rule) => rule.peer.kind === "ipv6"));
    const worst = open.map(ruleSeverity).reduce(moreSevere);
    const ports = [...new Set(open.map((rule) => describeProtocolPorts(rule.protocol, rule.ports)))].join(", ");
    const revokes = open
      .map((rule) => `\`aws ec2 revoke-security-group-ingress --group-id ${group.id} --ip-permissions '${ipPermissionsArg(rule)}'\``)
      .join("; ");
    findings.push(
      report(meta, {
        resource: group.id,
        data: { group: group.groupName ? `${group.id} (${group.groupName})` : group.id, ports },
        severity: exposedSeverity(worst, exposure),
        detail:
          EXPOSURE_TEXT[exposure](via) +
          `Open rules: ${ports}. ` +
          (worst === "high" ? "Remote administration or all traffic open to the internet invites brute-force and exploit attempts." : "Restrict to the clients that need it."),
        fix: `Revoke the open rules (${revokes}) and allow only known CIDRs or security groups${adminPortAdvice(open)}.`,
      }),
    );
  }
  return findings;
}
