/**
 * Network ACLs: `aws_network_acl` (inline `ingress`/`egress`, `subnet_ids`), `aws_network_acl_rule`,
 * `aws_network_acl_association`, `aws_default_network_acl` → describe-network-acls, plus the default
 * NACL AWS creates with every VPC (allow all both ways) for the subnets no other NACL takes.
 * Models https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/network_acl,
 * …/network_acl_rule, …/network_acl_association, …/default_network_acl
 */
import type { TfInstance } from "../plan.js";
import { blocks, str, tagsOf, type Json, type Translation } from "../translate.js";

/** `tcp`, `all`, `-1`, `6` → the protocol number describe-network-acls prints. */
function protocolNumber(value: unknown): string {
  const text = String(value ?? "-1").toLowerCase();
  return { all: "-1", tcp: "6", udp: "17", icmp: "1" }[text] ?? text;
}

function entry(values: Json, egress: boolean): Json {
  const protocol = protocolNumber(values.protocol);
  const cidr = values.cidr_block;
  return {
    RuleNumber: Number(values.rule_no ?? values.rule_number),
    Protocol: protocol,
    RuleAction: String(values.action ?? values.rule_action ?? "deny").toLowerCase(),
    Egress: egress,
    ...(typeof cidr === "string" && cidr ? { CidrBlock: cidr } : { Ipv6CidrBlock: values.ipv6_cidr_block }),
    ...(protocol === "6" || protocol === "17" ? { PortRange: { From: Number(values.from_port ?? 0), To: Number(values.to_port ?? 65535) } } : {}),
    ...(protocol === "1" ? { IcmpTypeCode: { Type: Number(values.icmp_type ?? -1), Code: Number(values.icmp_code ?? -1) } } : {}),
  };
}

/** The implicit last rule of every NACL: deny everything not allowed above. */
const DENY_ALL = (egress: boolean): Json => ({ RuleNumber: 32767, Protocol: "-1", RuleAction: "deny", Egress: egress, CidrBlock: "0.0.0.0/0" });

function inlineEntries(acl: TfInstance): Json[] {
  return [...blocks(acl, "ingress").map((v) => entry(v, false)), ...blocks(acl, "egress").map((v) => entry(v, true)), DENY_ALL(false), DENY_ALL(true)];
}

function associations(id: string, subnetIds: string[]): Json[] {
  return subnetIds.map((SubnetId) => ({ NetworkAclAssociationId: `aclassoc-${id}-${SubnetId}`, NetworkAclId: id, SubnetId }));
}

function readNetworkAcl(t: Translation, acl: TfInstance): void {
  const vpcId = t.ref(acl, "vpc_id");
  if (!vpcId) return t.omit(acl, "vpc_id");
  const id = t.idOf(acl);
  t.add("NetworkAcls", { NetworkAclId: id, VpcId: vpcId, IsDefault: false, Entries: inlineEntries(acl), Associations: associations(id, t.refs(acl, "subnet_ids")), Tags: tagsOf(acl) });
}

function readDefaultNetworkAcl(t: Translation, acl: TfInstance): void {
  const target = t.refInstance(acl, "default_network_acl_id");
  const vpcId = str(acl, "vpc_id") ?? (target ? t.idOf(target) : undefined);
  if (!vpcId) return t.omit(acl, "default_network_acl_id");
  const id = str(acl, "default_network_acl_id") ?? t.vpcDefaultId(vpcId, "default_network_acl_id");
  t.add("NetworkAcls", { NetworkAclId: id, VpcId: vpcId, IsDefault: true, Entries: inlineEntries(acl), Associations: associations(id, t.refs(acl, "subnet_ids")), Tags: tagsOf(acl) });
}

function readRule(t: Translation, rule: TfInstance): void {
  const acl = t.recordNamed(rule, "network_acl_id", "NetworkAcls", "NetworkAclId");
  if (acl) (acl.Entries as Json[]).push(entry(rule.values, rule.values.egress === true));
}

function readAssociation(t: Translation, association: TfInstance): void {
  const acl = t.recordNamed(association, "network_acl_id", "NetworkAcls", "NetworkAclId");
  const subnetId = t.ref(association, "subnet_id");
  if (!acl) return;
  if (!subnetId) return t.omit(association, "subnet_id");
  for (const other of t.records("NetworkAcls")) other.Associations = (other.Associations as Json[]).filter((a) => a.SubnetId !== subnetId);
  (acl.Associations as Json[]).push(...associations(acl.NetworkAclId as string, [subnetId]));
}

/**
 * The default NACL of each VPC (allow all in and out, unless the plan manages it), associated with
 * every subnet of the VPC that no NACL of the plan takes.
 *
 * @param t - the translation, after every NACL resource
 */
export function addImplicitDefaultNetworkAcls(t: Translation): void {
  for (const vpc of t.records("Vpcs")) {
    const vpcId = vpc.VpcId as string;
    const acls = t.records("NetworkAcls").filter((acl) => acl.VpcId === vpcId);
    let defaultAcl = acls.find((acl) => acl.IsDefault === true);
    if (!defaultAcl) {
      const id = t.vpcDefaultId(vpcId, "default_network_acl_id");
      const allow = (egress: boolean): Json => ({ RuleNumber: 100, Protocol: "-1", RuleAction: "allow", Egress: egress, CidrBlock: "0.0.0.0/0" });
      defaultAcl = { NetworkAclId: id, VpcId: vpcId, IsDefault: true, Entries: [allow(false), allow(true), DENY_ALL(false), DENY_ALL(true)], Associations: [] };
      t.addImplicit("NetworkAcls", defaultAcl);
    }
    const taken = new Set(t.records("NetworkAcls").flatMap((acl) => (acl.Associations as Json[]).map((a) => a.SubnetId)));
    const free = t.records("Subnets").filter((subnet) => subnet.VpcId === vpcId && !taken.has(subnet.SubnetId)).map((subnet) => subnet.SubnetId as string);
    (defaultAcl.Associations as Json[]).push(...associations(defaultAcl.NetworkAclId as string, free));
  }
}

export const NETWORK_ACL_TRANSLATORS = {
  aws_network_acl: readNetworkAcl,
  aws_default_network_acl: readDefaultNetworkAcl,
} as const;

export const NETWORK_ACL_PART_TRANSLATORS = {
  aws_network_acl_rule: readRule,
  aws_network_acl_association: readAssociation,
} as const;
