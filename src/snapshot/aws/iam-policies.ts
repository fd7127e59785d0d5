/**
 * IAM and resource policies from the global folders:
 * - `iam/`: `aws iam get-account-authorization-details` (`RoleDetailList`, `Policies`; only a managed
 *   policy's default version counts). The CLI prints documents decoded, the SDK URL-encoded: both are read.
 *   Models https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 * - `policies/s3/<bucket>.json`: `aws s3api get-bucket-policy` (`{"Policy": "<JSON string>"}`), the bucket
 *   named by the file. Models https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html
 * - `policies/s3/list-buckets.json`: `aws s3api list-buckets` (`{"Buckets": [{"Name"}]}`): the buckets
 *   there are, so a listed bucket without a policy file has none.
 * - `organizations/`: `describe-policy-<id>.json` (`{"Policy": {"PolicySummary", "Content"}}`) and
 *   `list-targets-for-policy-<id>.json` (`{"Targets": [...]}`), service and resource control policies,
 *   and `list-parents-<child id>.json` (`{"Parents": [{"Id", "Type"}]}`): the chain from an account up to
 *   the root. Models https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListParents.html
 *   Models https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribePolicy.html
 */
import { basename } from "node:path";
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";
import type { IamRole, OrganizationPolicy, PolicyDocument } from "../../model/types.js";

/** A policy document: an object, a JSON string, or a URL-encoded JSON string (as the SDK returns it). */
function decodeDocument(holder: JsonObject, key: string): Record<string, unknown> {
  const value = holder.raw[key];
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value !== "string") return holder.failAt(key, "expected a policy document (an object or a JSON string)");
  const text = value.trimStart().startsWith("{") ? value : safeDecode(value);
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  return holder.failAt(key, "is not a JSON policy document");
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function policy(name: string, holder: JsonObject, key: string): PolicyDocument {
  return { name, document: decodeDocument(holder, key), origin: holder.origin() };
}

function accountOfArn(arn: string): string {
  return arn.split(":")[4] ?? "";
}

function readRole(item: JsonObject): IamRole {
  const arn = item.str("Arn");
  const record = item.withId(arn);
  return {
    arn,
    name: record.str("RoleName"),
    account: accountOfArn(arn),
    inlinePolicies: record.objects("RolePolicyList").map((p) => policy(p.str("PolicyName"), p, "PolicyDocument")),
    managedPolicyArns: record.objects("AttachedManagedPolicies").map((p) => p.str("PolicyArn")),
    permissionsBoundaryArn: record.optObj("PermissionsBoundary")?.optStr("PermissionsBoundaryArn"),
    origin: record.origin(),
  };
}

/**
 * Reads a get-account-authorization-details output.
 *
 * @param doc - the document
 * @param ctx - the builder
 */
function readAuthorizationDetails(doc: JsonObject, ctx: DocContext): void {
  const identity = ctx.builder.identity;
  identity.present.add("iam");
  for (const role of doc.objects("RoleDetailList")) identity.roles.set(role.str("Arn"), readRole(role));
  for (const item of doc.objects("Policies")) {
    const arn = item.str("Arn");
    const record = item.withId(arn);
    const current = record.objects("PolicyVersionList").find((version) => version.optBool("IsDefaultVersion", false));
    if (!current) {
      ctx.builder.warn(`managed policy ${arn} has no default version in PolicyVersionList; it is not evaluated`, record.origin(), arn);
      continue;
    }
    identity.managedPolicies.set(arn, policy(record.str("PolicyName"), current, "Document"));
  }
}

/** True for a get-account-authorization-details output. */
function isAuthorizationDetails(doc: JsonObject): boolean {
  return doc.has("RoleDetailList") || doc.has("Policies") || doc.has("UserDetailList");
}

/**
 * Reads a document of the `iam/` folder.
 *
 * @param doc - the document
 * @param ctx - the builder
 */
export function readIamDocument(doc: JsonObject, ctx: DocContext): void {
  if (isAuthorizationDetails(doc)) return readAuthorizationDetails(doc, ctx);
  ctx.builder.warn("not a get-account-authorization-details output (RoleDetailList, Policies); skipped", doc.origin());
}

/**
 * Reads a document of the `policies/` folder: `policies/s3/<bucket>.json` bucket policies.
 *
 * @param doc - the document
 * @param ctx - the builder
 */
export function readResourcePolicyDocument(doc: JsonObject, ctx: DocContext): void {
  const inS3 = /(^|[\\/])policies[\\/]s3[\\/][^\\/]+\.json$/.test(ctx.fileName);
  if (inS3 && basename(ctx.fileName) === "list-buckets.json" && doc.has("Buckets")) {
    const listing = (ctx.builder.identity.bucketListing ??= new Set());
    for (const bucket of doc.objects("Buckets")) listing.add(bucket.str("Name"));
    return;
  }
  if (!inS3 || !doc.has("Policy")) {
    ctx.builder.warn("not a policies/s3/<bucket>.json get-bucket-policy output; skipped", doc.origin());
    return;
  }
  const bucket = basename(ctx.fileName, ".json");
  ctx.builder.identity.present.add("bucketPolicies");
  ctx.builder.identity.bucketPolicies.set(bucket, policy(`bucket policy of ${bucket}`, doc.withId(bucket), "Policy"));
}

/** The id a per-policy or per-child organizations file is named after (`describe-policy-p-abc.json` → `p-abc`). */
function policyIdOfFile(file: string, prefix: string): string | undefined {
  const name = basename(file, ".json");
  return name.startsWith(prefix) ? name.slice(prefix.length) : undefined;
}

/**
 * Reads a document of the `organizations/` folder: policies (describe-policy) and their targets
 * (list-targets-for-policy); other outputs (describe-organization, list-roots, list-policies) say
 * nothing the evaluation needs.
 *
 * @param doc - the document
 * @param ctx - the builder
 */
export function readOrganizationsDocument(doc: JsonObject, ctx: DocContext): void {
  const identity = ctx.builder.identity;
  identity.present.add("organizations");
  if (doc.has("Policy")) {
    const holder = doc.obj("Policy");
    const summary = holder.obj("PolicySummary");
    const id = summary.str("Id");
    const type = summary.optStr("Type") === "RESOURCE_CONTROL_POLICY" ? "RESOURCE_CONTROL_POLICY" : "SERVICE_CONTROL_POLICY";
    const found: OrganizationPolicy = { ...policy(summary.optStr("Name") ?? id, holder.withId(id), "Content"), id, type, targets: identity.policyTargets.get(id) ?? [] };
    identity.organizationPolicies.push(found);
    return;
  }
  const child = policyIdOfFile(ctx.fileName, "list-parents-");
  if (child && doc.has("Parents")) {
    const parent = doc.objects("Parents")[0];
    if (parent) identity.parents.set(child, parent.str("Id"));
    return;
  }
  const policyId = policyIdOfFile(ctx.fileName, "list-targets-for-policy-");
  if (policyId && doc.has("Targets")) {
    const targets = doc.objects("Targets").map((target) => target.str("TargetId"));
    identity.policyTargets.set(policyId, targets);
    for (const known of identity.organizationPolicies.filter((p) => p.id === policyId)) known.targets = targets;
  }
}
