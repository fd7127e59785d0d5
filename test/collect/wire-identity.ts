/**
 * Test helper: the identity half of the loopback AWS stand-in. Reads a fixture's identity folders
 * (`iam/`, `policies/s3/`, `organizations/`) into what IAM (Query protocol, XML, `<member>` lists,
 * policy documents URL-encoded as IAM sends them, Marker paging), S3 (REST-XML ListBuckets, the policy
 * itself as GetBucketPolicy's body, NoSuchBucketPolicy) and Organizations (JSON 1.1, NextToken paging)
 * answer.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";

type Json = Record<string, unknown>;

/** One account's IAM and S3 data. */
export interface WireIdentity {
  /** get-account-authorization-details: `RoleDetailList`, `Policies`. */
  authorizationDetails: Json;
  /** Bucket name → its policy (a JSON string), or null for a bucket without one. */
  buckets: Record<string, string | null>;
}

/** The Organization's data, as the caller sees it. */
export interface WireOrganization {
  organization: Json;
  roots: Json[];
  /** describe-policy outputs' `Policy` (`PolicySummary`, `Content`). */
  policies: Json[];
  /** Policy id → its targets. */
  targets: Record<string, Json[]>;
  /** Child id → its parents; a child not listed has the first root as its parent. */
  parents: Record<string, Json[]>;
}

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, "utf8")) as Json;
}

/**
 * A fixture's `iam/` and `policies/s3/` folders.
 *
 * @param folder - e.g. fixtures/identity/ml-platform
 * @param bucketsWithoutPolicy - more buckets to list, which have no policy
 */
export function readWireIdentity(folder: string, bucketsWithoutPolicy: string[] = []): WireIdentity {
  const buckets: Record<string, string | null> = {};
  const s3 = join(folder, "policies", "s3");
  for (const name of existsSync(s3) ? readdirSync(s3).sort() : []) {
    if (name.endsWith(".json") && name !== "list-buckets.json") buckets[basename(name, ".json")] = String(readJson(join(s3, name)).Policy);
  }
  for (const name of bucketsWithoutPolicy) buckets[name] = null;
  const iam = join(folder, "iam", "get-account-authorization-details.json");
  return { authorizationDetails: existsSync(iam) ? readJson(iam) : { RoleDetailList: [], Policies: [] }, buckets };
}

/**
 * A fixture's `organizations/` folder.
 *
 * @param folder - e.g. fixtures/identity/ml-platform
 */
export function readWireOrganization(folder: string): WireOrganization {
  const dir = join(folder, "organizations");
  const files = readdirSync(dir).sort();
  const prefixed = (prefix: string) => files.filter((name) => name.startsWith(prefix)).map((name) => ({ id: basename(name, ".json").slice(prefix.length), doc: readJson(join(dir, name)) }));
  const described = join(dir, "describe-organization.json");
  return {
    organization: existsSync(described) ? (readJson(described).Organization as Json) : { Id: "o-exampleorg1", FeatureSet: "ALL" },
    roots: files.includes("list-roots.json") ? (readJson(join(dir, "list-roots.json")).Roots as Json[]) : [],
    policies: prefixed("describe-policy-").map(({ doc }) => doc.Policy as Json),
    targets: Object.fromEntries(prefixed("list-targets-for-policy-").map(({ id, doc }) => [id, doc.Targets as Json[]])),
    parents: Object.fromEntries(prefixed("list-parents-").map(({ id, doc }) => [id, doc.Parents as Json[]])),
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** XML whose elements are the JSON keys; list items are `<item>` elements named by `itemName`. */
function xml(key: string, value: unknown, itemName: (list: string) => string): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return `<${key}>${value.map((item) => xml(itemName(key), item, itemName)).join("")}</${key}>`;
  if (typeof value === "object") return `<${key}>${Object.entries(value).map(([member, inner]) => xml(member, inner, itemName)).join("")}</${key}>`;
  return `<${key}>${escapeXml(String(value))}</${key}>`;
}

/** A policy document as IAM sends it: URL-encoded JSON (RFC 3986). */
function iamEncoded(document: unknown): string {
  const text = typeof document === "string" ? (document.trimStart().startsWith("{") ? document : decodeURIComponent(document)) : JSON.stringify(document);
  return encodeURIComponent(text);
}

/** The authorization details with every policy document URL-encoded. */
function encodedDetails(details: Json): Json {
  const roles = ((details.RoleDetailList as Json[] | undefined) ?? []).map((role) => ({
    ...role,
    ...(role.AssumeRolePolicyDocument === undefined ? {} : { AssumeRolePolicyDocument: iamEncoded(role.AssumeRolePolicyDocument) }),
    RolePolicyList: ((role.RolePolicyList as Json[] | undefined) ?? []).map((policy) => ({ ...policy, PolicyDocument: iamEncoded(policy.PolicyDocument) })),
  }));
  const policies = ((details.Policies as Json[] | undefined) ?? []).map((policy) => ({
    ...policy,
    PolicyVersionList: ((policy.PolicyVersionList as Json[] | undefined) ?? []).map((version) => ({ ...version, Document: iamEncoded(version.Document) })),
  }));
  return { RoleDetailList: roles, Policies: policies };
}

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * IAM GetAccountAuthorizationDetails, `pageSize` roles and policies a page (Marker = the offset).
 *
 * @param identity - the account's data
 * @param params - the form-encoded request's parameters
 * @param pageSize - items a page
 */
export function answerIam(identity: WireIdentity, params: Record<string, unknown>, pageSize: number): Answer {
  if (params.Action !== "GetAccountAuthorizationDetails") return iamError(400, "InvalidAction", String(params.Action));
  const details = encodedDetails(identity.authorizationDetails);
  const items = [...(details.RoleDetailList as Json[]).map((role) => ["RoleDetailList", role] as const), ...(details.Policies as Json[]).map((policy) => ["Policies", policy] as const)];
  const start = Number(params.Marker ?? 0);
  const slice = items.slice(start, start + pageSize);
  const truncated = start + pageSize < items.length;
  const result = {
    RoleDetailList: slice.filter(([key]) => key === "RoleDetailList").map(([, item]) => item),
    Policies: slice.filter(([key]) => key === "Policies").map(([, item]) => item),
    IsTruncated: truncated,
    ...(truncated ? { Marker: String(start + pageSize) } : {}),
  };
  const body = xml("GetAccountAuthorizationDetailsResponse", { GetAccountAuthorizationDetailsResult: result, ResponseMetadata: { RequestId: "1" } }, () => "member");
  return { status: 200, contentType: "text/xml", body };
}

/** An IAM or STS-style Query error. */
export function iamError(status: number, code: string, message: string): Answer {
  return { status, contentType: "text/xml", body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>1</RequestId></ErrorResponse>` };
}

/** An S3 REST-XML error. */
export function s3Error(status: number, code: string, message: string): Answer {
  return { status, contentType: "application/xml", body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>1</RequestId></Error>` };
}

/**
 * S3 by the request's path (path-style: `/` lists the buckets, `/<bucket>?policy` reads a policy).
 *
 * @param identity - the account's data
 * @param url - the request URL
 * @param pageSize - buckets a page
 */
export function answerS3(identity: WireIdentity, url: URL, pageSize: number): Answer & { action: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const bucket = decodeURIComponent(url.pathname.replace(/^\//, "").split("/")[0] ?? "");
  if (bucket === "") {
    const names = Object.keys(identity.buckets).sort();
    const start = params["continuation-token"] ? names.indexOf(String(params["continuation-token"])) : 0;
    const size = Math.min(pageSize, Number(params["max-buckets"]) || Infinity);
    const next = names[start + size];
    const buckets = names.slice(start, start + size).map((name) => ({ Name: name, CreationDate: "2025-01-01T00:00:00.000Z" }));
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n${xml("ListAllMyBucketsResult", { Owner: { ID: "owner-id" }, Buckets: buckets, ...(next ? { ContinuationToken: next } : {}) }, () => "Bucket")}`;
    return { status: 200, contentType: "application/xml", body, action: "ListBuckets", params };
  }
  if (!("policy" in params)) return { ...s3Error(400, "InvalidRequest", url.pathname), action: url.pathname, params };
  const policy = identity.buckets[bucket];
  if (policy === undefined) return { ...s3Error(404, "NoSuchBucket", `The specified bucket does not exist: ${bucket}`), action: "GetBucketPolicy", params: { ...params, Bucket: bucket } };
  if (policy === null) return { ...s3Error(404, "NoSuchBucketPolicy", "The bucket policy does not exist"), action: "GetBucketPolicy", params: { ...params, Bucket: bucket } };
  return { status: 200, contentType: "application/json", body: policy, action: "GetBucketPolicy", params: { ...params, Bucket: bucket } };
}

function page<T>(items: readonly T[], params: Record<string, unknown>, size: number): { items: T[]; next: string | undefined } {
  const start = typeof params.NextToken === "string" ? Number(params.NextToken.replace("page-", "")) : 0;
  return { items: items.slice(start, start + size), next: start + size < items.length ? `page-${start + size}` : undefined };
}

/**
 * Organizations' policy calls (JSON 1.1).
 *
 * @param organization - the Organization's data
 * @param action - the operation
 * @param params - the request
 * @param pageSize - items a page
 */
export function answerOrganizationPolicies(organization: WireOrganization, action: string, params: Record<string, unknown>, pageSize: number): Answer {
  const json = (body: Json): Answer => ({ status: 200, contentType: "application/x-amz-json-1.1", body: JSON.stringify(body) });
  const paged = (key: string, items: readonly Json[]): Answer => {
    const { items: slice, next } = page(items, params, pageSize);
    return json({ [key]: slice, ...(next ? { NextToken: next } : {}) });
  };
  const notFound = (type: string): Answer => ({ status: 400, contentType: "application/x-amz-json-1.1", body: JSON.stringify({ __type: type, Message: "not found" }) });
  const summary = (policy: Json) => policy.PolicySummary as Json;
  switch (action) {
    case "DescribeOrganization":
      return json({ Organization: organization.organization });
    case "ListRoots":
      return paged("Roots", organization.roots);
    case "ListPolicies":
      return paged("Policies", organization.policies.map(summary).filter((policy) => policy.Type === params.Filter));
    case "DescribePolicy": {
      const policy = organization.policies.find((candidate) => summary(candidate).Id === params.PolicyId);
      return policy ? json({ Policy: policy }) : notFound("PolicyNotFoundException");
    }
    case "ListTargetsForPolicy":
      return paged("Targets", organization.targets[String(params.PolicyId)] ?? []);
    case "ListParents": {
      const root = organization.roots[0]?.Id;
      const parents = organization.parents[String(params.ChildId)] ?? (root ? [{ Id: root, Type: "ROOT" }] : undefined);
      return parents ? paged("Parents", parents) : notFound("ChildNotFoundException");
    }
    default:
      return { status: 400, contentType: "application/x-amz-json-1.1", body: JSON.stringify({ __type: "UnknownOperationException", message: action }) };
  }
}
