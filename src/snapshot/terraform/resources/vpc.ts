/**
 * `aws_vpc`, `aws_default_vpc`, `aws_vpc_ipv4_cidr_block_association` → describe-vpcs and
 * describe-vpc-attribute outputs (DNS support on and hostnames off unless set, as the provider defaults).
 * Models https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc and
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_ipv4_cidr_block_association
 */
import type { TfInstance } from "../plan.js";
import { str, tagsOf, type Translation } from "../translate.js";

function readVpc(t: Translation, vpc: TfInstance): void {
  const cidr = str(vpc, "cidr_block");
  if (!cidr) return t.omit(vpc, "cidr_block");
  const id = t.idOf(vpc);
  t.add("Vpcs", {
    VpcId: id,
    CidrBlock: cidr,
    CidrBlockAssociationSet: [{ CidrBlock: cidr, CidrBlockState: { State: "associated" } }],
    State: "available",
    IsDefault: vpc.type === "aws_default_vpc",
    ...(str(vpc, "owner_id") ? { OwnerId: str(vpc, "owner_id") } : {}),
    Tags: tagsOf(vpc),
  });
  const dnsSupport = vpc.values.enable_dns_support;
  const dnsHostnames = vpc.values.enable_dns_hostnames;
  t.singles.push({ VpcId: id, EnableDnsSupport: { Value: typeof dnsSupport === "boolean" ? dnsSupport : true } });
  t.singles.push({ VpcId: id, EnableDnsHostnames: { Value: typeof dnsHostnames === "boolean" ? dnsHostnames : vpc.type === "aws_default_vpc" } });
}

function readCidrAssociation(t: Translation, association: TfInstance): void {
  const vpcId = t.ref(association, "vpc_id");
  const cidr = str(association, "cidr_block");
  if (!vpcId || !cidr) return t.omit(association, vpcId ? "cidr_block" : "vpc_id");
  const vpc = t.records("Vpcs").find((record) => record.VpcId === vpcId);
  if (!vpc) return t.outside(association, vpcId, `names VPC ${vpcId}, which is not in the plan; the CIDR is not added`);
  (vpc.CidrBlockAssociationSet as unknown[]).push({ CidrBlock: cidr, CidrBlockState: { State: "associated" } });
}

export const VPC_TRANSLATORS = {
  aws_vpc: readVpc,
  aws_default_vpc: readVpc,
} as const;

export const VPC_PART_TRANSLATORS = {
  aws_vpc_ipv4_cidr_block_association: readCidrAssociation,
} as const;
