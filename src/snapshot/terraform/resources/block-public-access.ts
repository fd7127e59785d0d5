/**
 * VPC Block Public Access: `aws_vpc_block_public_access_options` (the account's mode in the Region)
 * and `aws_vpc_block_public_access_exclusion` (a VPC or subnet exempted) → the
 * describe-vpc-block-public-access-options and -exclusions outputs.
 * Models https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_block_public_access_options
 * and …/vpc_block_public_access_exclusion
 */
import type { TfInstance } from "../plan.js";
import { str, tagsOf, type Translation } from "../translate.js";

function readOptions(t: Translation, options: TfInstance): void {
  const mode = str(options, "internet_gateway_block_mode");
  if (!mode) return t.omit(options, "internet_gateway_block_mode");
  t.singles.push({
    VpcBlockPublicAccessOptions: {
      InternetGatewayBlockMode: mode,
      State: "update-complete",
      ...(str(options, "aws_account_id") ? { AwsAccountId: str(options, "aws_account_id") } : {}),
      ...(str(options, "aws_region") ? { AwsRegion: str(options, "aws_region") } : {}),
    },
  });
}

function readExclusion(t: Translation, exclusion: TfInstance): void {
  const mode = str(exclusion, "internet_gateway_exclusion_mode");
  if (!mode) return t.omit(exclusion, "internet_gateway_exclusion_mode");
  const subnetId = t.ref(exclusion, "subnet_id");
  const vpcId = subnetId ? undefined : t.ref(exclusion, "vpc_id");
  if (!subnetId && !vpcId) return t.omit(exclusion, "vpc_id");
  // Only the resource at the end of the ARN is read (the account and Region come from the plan's scope).
  const arn = str(exclusion, "resource_arn") ?? `arn:aws:ec2:::${subnetId ? `subnet/${subnetId}` : `vpc/${vpcId}`}`;
  t.add("VpcBlockPublicAccessExclusions", { ExclusionId: t.idOf(exclusion), InternetGatewayExclusionMode: mode, ResourceArn: arn, State: "create-complete", Tags: tagsOf(exclusion) });
}

export const BLOCK_PUBLIC_ACCESS_TRANSLATORS = {
  aws_vpc_block_public_access_options: readOptions,
  aws_vpc_block_public_access_exclusion: readExclusion,
} as const;
