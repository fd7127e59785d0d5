/**
 * VPC Block Public Access: describe-vpc-block-public-access-options (`VpcBlockPublicAccessOptions`,
 * the account's mode in one Region) → `BpaOptions`, describe-vpc-block-public-access-exclusions
 * (`VpcBlockPublicAccessExclusions`) → `BpaExclusion`, and the `BlockPublicAccessStates` that
 * describe-vpcs and describe-subnets print on each VPC and subnet.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcBlockPublicAccessOptions.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcBlockPublicAccessExclusion.html and
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_BlockPublicAccessStates.html
 */
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";
import { bpaOptionsId, type BpaBlockMode } from "../../model/types.js";

const BLOCK_MODES: readonly BpaBlockMode[] = ["off", "block-bidirectional", "block-ingress"];
const EXCLUSION_MODES = ["allow-bidirectional", "allow-egress"] as const;

/**
 * The mode in a record's `BlockPublicAccessStates` (describe-vpcs, describe-subnets), if printed.
 *
 * @param record - a VPC or subnet record
 */
export function readBlockPublicAccessState(record: JsonObject): BpaBlockMode | undefined {
  return record.optObj("BlockPublicAccessStates")?.optOneOf("InternetGatewayBlockMode", BLOCK_MODES);
}

/**
 * Reads one describe-vpc-block-public-access-options output. Its scope is the document's, with the
 * output's own `AwsAccountId` and `AwsRegion` taking precedence.
 *
 * @param doc - the document (`{ "VpcBlockPublicAccessOptions": {...} }`)
 * @param ctx - its scope and the builder
 */
export function readBpaOptions(doc: JsonObject, ctx: DocContext): void {
  const record = doc.obj("VpcBlockPublicAccessOptions");
  const scope = { account: record.optStr("AwsAccountId") ?? ctx.docScope.account, region: record.optStr("AwsRegion") ?? ctx.docScope.region };
  ctx.builder.markPresent(scope, "blockPublicAccessOptions");
  ctx.builder.add("blockPublicAccessOptions", {
    id: bpaOptionsId(scope),
    scope,
    origin: record.origin(),
    mode: record.oneOf("InternetGatewayBlockMode", BLOCK_MODES),
    state: record.optStr("State") ?? "update-complete",
    exclusionsAllowed: record.optOneOf("ExclusionsAllowed", ["allowed", "not-allowed"]) !== "not-allowed",
    managedBy: record.optStr("ManagedBy"),
  });
}

/** The VPC or subnet id at the end of an exclusion's `ResourceArn` (`arn:aws:ec2:…:subnet/subnet-…`). */
function excludedResourceId(record: JsonObject): string {
  const arn = record.str("ResourceArn");
  const id = arn.slice(arn.lastIndexOf("/") + 1);
  // Not only hex: a Terraform plan names a resource created at apply by its address (`vpc-aws_vpc.main`).
  if (!/^(vpc|subnet)-[^\s/:]+$/.test(id)) record.failAt("ResourceArn", `expected the ARN of a VPC or subnet, got "${arn}"`);
  return id;
}

/** The account in an ARN (`arn:aws:ec2:<region>:<account>:…`), if it names one. */
function arnAccount(arn: string): string | undefined {
  const account = arn.split(":")[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * Reads one describe-vpc-block-public-access-exclusions output.
 *
 * @param doc - the document (`{ "VpcBlockPublicAccessExclusions": [...] }`)
 * @param ctx - its scope and the builder
 */
export function readBpaExclusions(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "blockPublicAccessExclusions");
  for (const item of doc.objects("VpcBlockPublicAccessExclusions", true)) {
    const id = item.str("ExclusionId");
    const record = item.withId(id);
    const common = commonFields(record, ctx, id);
    const account = arnAccount(record.str("ResourceArn"));
    ctx.builder.add("blockPublicAccessExclusions", {
      id: common.id, scope: account && !common.scope.account ? { ...common.scope, account } : common.scope, name: common.name, tags: common.tags, origin: common.origin,
      resourceId: excludedResourceId(record),
      mode: record.oneOf("InternetGatewayExclusionMode", EXCLUSION_MODES),
      state: record.optStr("State") ?? "create-complete",
    });
  }
}
