/**
 * Finding: a security group that admits inbound traffic from anywhere (0.0.0.0/0 or ::/0). SSH (22),
 * RDP (3389) or all traffic open to the world is high (AWS Security Hub controls EC2.13, EC2.14,
 * EC2.18, EC2.19); other ports are medium; ICMP only, or a group attached to nothing, is low.
 * AWS doc: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import { scopeKey, type SecurityGroup, type SecurityGroupRule } from "../../model/types.js";
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

/** Groups named by notebooks, instances and endpoints (which may lack ENIs in the snapshot). */
function groupsInUse(index: ModelIndex): Set<string> {
  const users = [...index.model.notebooks.values(), ...index.model.instances.values(), ...index.model.vpcEndpoints.values()];
  return new Set(users.flatMap((user) => user.securityGroupIds));
}

/** Whether the snapshot proves nothing uses the group (needs ENI data for the group's scope). */
function provablyUnused(index: ModelIndex, group: SecurityGroup, named: ReadonlySet<string>): boolean {
  const present = index.model.dataPresent.get(scopeKey(group.scope));
  if (!present?.has("networkInterfaces")) return false;
  return index.interfacesWithSecurityGroup(group.id).length === 0 && !named.has(group.id);
}

/**
 * Reports each security group with inbound rules open to the world, at the severity of its worst rule.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  let named: Set<string> | undefined;
  for (const group of index.model.securityGroups.values()) {
    const open = group.ingress.filter(isOpenToWorld);
    if (open.length === 0) continue;
    named ??= groupsInUse(index);
    const unused = provablyUnused(index, group, named);
    const worst = open.map(ruleSeverity).reduce(moreSevere);
    const ports = [...new Set(open.map((rule) => describeProtocolPorts(rule.protocol, rule.ports)))].join(", ");
    const revokes = open
      .map((rule) => `\`aws ec2 revoke-security-group-ingress --group-id ${group.id} --ip-permissions '${ipPermissionsArg(rule)}'\``)
      .join("; ");
    findings.push(
      report(meta, {
        resource: group.id,
        data: { group: group.groupName ? `${group.id} (${group.groupName})` : group.id, ports },
        severity: unused ? "low" : worst,
        detail:
          (unused ? "The group is attached to nothing in the snapshot, but any resource given it later is exposed. " : "") +
          `Open rules: ${ports}. ` +
          (worst === "high" ? "Remote administration or all traffic open to the internet invites brute-force and exploit attempts." : "Restrict to the clients that need it."),
        fix:
          `Revoke the open rules (${revokes}) and allow only known CIDRs or security groups; ` +
          "for shell access use SSM Session Manager instead of an open port 22/3389.",
      }),
    );
  }
  return findings;
}
