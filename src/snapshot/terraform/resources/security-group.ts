/**
 * Security groups: `aws_security_group` (inline `ingress`/`egress`), `aws_security_group_rule`,
 * `aws_vpc_security_group_ingress_rule` / `_egress_rule`, `aws_default_security_group` →
 * describe-security-groups, plus the default group AWS creates with every VPC (all from itself, all
 * out) unless the plan manages it. A group Terraform creates has exactly the egress rules it declares:
 * the provider removes AWS's default allow-all egress rule.
 * Models https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group,
 * …/security_group_rule, …/vpc_security_group_ingress_rule, …/default_security_group
 */
import type { TfInstance } from "../plan.js";
import { blocks, str, strings, tagsOf, type Json, type Translation } from "../translate.js";

/** `-1`, `all`, `tcp`, `6`, … → the `IpProtocol` describe-* prints. */
function ipProtocol(value: unknown): string {
  const text = String(value ?? "-1").toLowerCase();
  if (text === "all" || text === "-1") return "-1";
  return { "6": "tcp", "17": "udp", "1": "icmp" }[text] ?? text;
}

/** A permission from an inline block or a rule resource, whose peers are given already resolved. */
function permission(values: Json, peers: { cidrs: string[]; groups: string[]; prefixLists: string[]; ipv6: string[] }): Json {
  const protocol = ipProtocol(values.protocol ?? values.ip_protocol);
  const ports = protocol === "-1" ? {} : { FromPort: Number(values.from_port ?? -1), ToPort: Number(values.to_port ?? -1) };
  // describe-security-groups prints a rule's description on each of its peers.
  const description = typeof values.description === "string" && values.description !== "" ? { Description: values.description } : {};
  return {
    IpProtocol: protocol,
    ...ports,
    IpRanges: peers.cidrs.map((CidrIp) => ({ CidrIp, ...description })),
    Ipv6Ranges: peers.ipv6.map((CidrIpv6) => ({ CidrIpv6, ...description })),
    PrefixListIds: peers.prefixLists.map((PrefixListId) => ({ PrefixListId, ...description })),
    UserIdGroupPairs: peers.groups.map((GroupId) => ({ GroupId, ...description })),
  };
}

function inlinePermissions(t: Translation, group: TfInstance, id: string, block: "ingress" | "egress"): Json[] {
  const declared = blocks(group, block);
  // Without inline blocks in the configuration the rules come from rule resources; a computed block
  // that the configuration does declare (a dynamic block over unknown values) is not known.
  if (declared.length === 0 && t.isUnknown(group, block) && group.expressions?.[block] !== undefined) t.warn(group, `its ${block} rules are not known until apply`);
  return declared.map((values) =>
    permission(values, {
      cidrs: strings({ ...group, values }, "cidr_blocks"),
      ipv6: strings({ ...group, values }, "ipv6_cidr_blocks"),
      prefixLists: strings({ ...group, values }, "prefix_list_ids"),
      groups: [...strings({ ...group, values }, "security_groups"), ...(values.self === true ? [id] : [])],
    }),
  );
}

function readSecurityGroup(t: Translation, group: TfInstance): void {
  const vpcId = t.ref(group, "vpc_id");
  if (!vpcId) return t.omit(group, "vpc_id");
  const id = t.idOf(group);
  t.add("SecurityGroups", {
    GroupId: id,
    GroupName: str(group, "name") ?? group.address,
    ...(str(group, "description") ? { Description: str(group, "description") } : {}),
    VpcId: vpcId,
    IpPermissions: inlinePermissions(t, group, id, "ingress"),
    IpPermissionsEgress: inlinePermissions(t, group, id, "egress"),
    Tags: tagsOf(group),
  });
}

function readDefaultSecurityGroup(t: Translation, group: TfInstance): void {
  const vpcId = t.ref(group, "vpc_id");
  if (!vpcId) return t.omit(group, "vpc_id");
  const id = str(group, "id") ?? t.vpcDefaultId(vpcId, "default_security_group_id");
  // aws_default_security_group removes every rule it does not declare.
  t.add("SecurityGroups", {
    GroupId: id,
    GroupName: "default",
    VpcId: vpcId,
    IpPermissions: inlinePermissions(t, group, id, "ingress"),
    IpPermissionsEgress: inlinePermissions(t, group, id, "egress"),
    Tags: tagsOf(group),
  });
}

function readRule(t: Translation, rule: TfInstance): void {
  const group = t.recordNamed(rule, "security_group_id", "SecurityGroups", "GroupId");
  if (!group) return;
  const source = t.ref(rule, "source_security_group_id");
  const peers = {
    cidrs: strings(rule, "cidr_blocks"),
    ipv6: strings(rule, "ipv6_cidr_blocks"),
    prefixLists: t.refs(rule, "prefix_list_ids"),
    groups: [...(source ? [source] : []), ...(rule.values.self === true ? [group.GroupId as string] : [])],
  };
  const key = rule.values.type === "egress" ? "IpPermissionsEgress" : "IpPermissions";
  (group[key] as Json[]).push(permission(rule.values, peers));
}

function readVpcRule(t: Translation, rule: TfInstance, key: "IpPermissions" | "IpPermissionsEgress"): void {
  const group = t.recordNamed(rule, "security_group_id", "SecurityGroups", "GroupId");
  if (!group) return;
  const cidr = str(rule, "cidr_ipv4");
  const ipv6 = str(rule, "cidr_ipv6");
  const referenced = t.ref(rule, "referenced_security_group_id");
  const prefixList = t.ref(rule, "prefix_list_id");
  (group[key] as Json[]).push(permission(rule.values, { cidrs: cidr ? [cidr] : [], ipv6: ipv6 ? [ipv6] : [], groups: referenced ? [referenced] : [], prefixLists: prefixList ? [prefixList] : [] }));
}

/**
 * The default security group of each VPC the plan does not manage it for: all traffic from members of
 * the group, all traffic out.
 *
 * @param t - the translation, after every security group resource
 */
export function addImplicitDefaultSecurityGroups(t: Translation): void {
  for (const vpc of t.records("Vpcs")) {
    const vpcId = vpc.VpcId as string;
    if (t.records("SecurityGroups").some((group) => group.VpcId === vpcId && group.GroupName === "default")) continue;
    const id = t.vpcDefaultId(vpcId, "default_security_group_id");
    t.addImplicit("SecurityGroups", {
      GroupId: id,
      GroupName: "default",
      VpcId: vpcId,
      IpPermissions: [{ IpProtocol: "-1", IpRanges: [], UserIdGroupPairs: [{ GroupId: id }] }],
      IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }], UserIdGroupPairs: [] }],
    });
  }
}

export const SECURITY_GROUP_TRANSLATORS = {
  aws_security_group: readSecurityGroup,
  aws_default_security_group: readDefaultSecurityGroup,
} as const;

export const SECURITY_GROUP_PART_TRANSLATORS = {
  aws_security_group_rule: readRule,
  aws_vpc_security_group_ingress_rule: (t: Translation, rule: TfInstance) => readVpcRule(t, rule, "IpPermissions"),
  aws_vpc_security_group_egress_rule: (t: Translation, rule: TfInstance) => readVpcRule(t, rule, "IpPermissionsEgress"),
} as const;
