/**
 * `aws_subnet` → describe-subnets.
 * Models https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/subnet
 */
import type { TfInstance } from "../plan.js";
import { str, tagsOf, type Translation } from "../translate.js";

function readSubnet(t: Translation, subnet: TfInstance): void {
  const vpcId = t.ref(subnet, "vpc_id");
  const cidr = str(subnet, "cidr_block");
  const zone = str(subnet, "availability_zone");
  if (!vpcId) return t.omit(subnet, "vpc_id");
  if (!cidr) return t.omit(subnet, "cidr_block");
  if (!zone) return t.omit(subnet, "availability_zone");
  t.add("Subnets", {
    SubnetId: t.idOf(subnet),
    VpcId: vpcId,
    CidrBlock: cidr,
    AvailabilityZone: zone,
    ...(str(subnet, "availability_zone_id") ? { AvailabilityZoneId: str(subnet, "availability_zone_id") } : {}),
    MapPublicIpOnLaunch: subnet.values.map_public_ip_on_launch === true,
    Tags: tagsOf(subnet),
  });
}

export const SUBNET_TRANSLATORS = { aws_subnet: readSubnet } as const;
