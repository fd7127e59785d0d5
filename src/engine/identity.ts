/**
 * Identity on a proven path: after the engine proves the network half of "can the notebook do X on
 * Y?", the request the path carries (principal = the notebook's execution role; the network context
 * keys of rules/iam-request-context.ts) is evaluated against the role's policies, its permissions
 * boundary, the organization's SCPs and RCPs, the VPC endpoint's policy and the resource's policy
 * (rules/iam-policy-evaluation.ts). One verdict for both halves: reachable only when the path exists
 * and every policy allows; the deciding statement otherwise. Data the snapshot lacks makes it
 * `unknown`, naming what to add.
 */
import { InputError } from "../model/errors.js";
import type { CollectError, IdentityData, Model, Notebook, PolicyDocument } from "../model/types.js";
import { evaluatePolicies, meta as evaluationMeta, type PolicyDecision, type PolicyKind, type PolicySet } from "./rules/iam-policy-evaluation.js";
import { fill } from "./rules/meta.js";
import { requestContext, type RequestContext } from "./rules/iam-request-context.js";
import type { Hop, Verdict } from "./verdict.js";

export interface IdentityRequest {
  /** The IAM action, e.g. `s3:GetObject`. */
  action: string;
  /** The resource ARN, or SageMaker's short form (`endpoint/NAME`) in the notebook's account and Region. */
  resourceArn: string;
}

/**
 * Splits a query's `--to` and `--resource` into the network destination and the resource ARN:
 * `s3://BUCKET/KEY` is the `s3` destination and `arn:aws:s3:::BUCKET/KEY`.
 *
 * @param to - the `--to` text
 * @param resource - the `--resource` text, if given
 * @throws InputError when `s3://` names no bucket
 */
export function identityTarget(to: string, resource: string | undefined): { to: string; resource: string | undefined } {
  const s3 = /^s3:\/\/([^/]*)(\/.*)?$/.exec(to);
  if (!s3) return { to, resource };
  if (!s3[1]) throw new InputError(`--to ${to}: an S3 URL names a bucket, e.g. s3://my-bucket/path/to/key`);
  return { to: "s3", resource: resource ?? `arn:aws:s3:::${s3[1]}${s3[2] && s3[2] !== "/" ? s3[2] : ""}` };
}

/**
 * The full ARN of a resource given as an ARN or as SageMaker's short form (`endpoint/NAME`), in the
 * notebook's account and Region.
 */
function resourceArnFor(resource: string, notebook: Notebook): string {
  if (resource.startsWith("arn:")) return resource;
  const account = notebook.roleArn?.split(":")[4] ?? notebook.scope.account ?? "";
  return `arn:aws:sagemaker:${notebook.scope.region}:${account}:${resource.toLowerCase()}`;
}

/** The bucket of an S3 ARN (`arn:aws:s3:::bucket/key` → `bucket`). */
export function bucketOfArn(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:s3:::([^/]+)/.exec(arn)?.[1];
}

function withWarning(verdict: Verdict, warning: string): Verdict {
  return { ...verdict, warnings: [...verdict.warnings, warning] };
}

function unknown(verdict: Verdict, reason: string): Verdict {
  return {
    ...verdict,
    verdict: "unknown",
    explanation: `The network path exists, but the policies cannot be judged: ${reason}.`,
    blockedAt: { component: "identity", type: "iam-policy", code: "MISSING_DATA", direction: "forward", rule: { kind: "policy", ref: "identity", text: reason } },
  };
}

/** The notebook of a verdict's source, if the source is a notebook. */
function notebookOf(model: Model, verdict: Verdict): Notebook | undefined {
  return verdict.source.type === "notebook" ? model.notebooks.get(verdict.source.id) : undefined;
}

/** The endpoint policy on the path, if the path crosses an endpoint with a policy. */
function endpointPolicy(model: Model, verdict: Verdict): PolicyDocument | undefined | "unreadable" {
  const hop = verdict.path.find((h) => h.type === "gateway-endpoint" || h.type === "interface-endpoint");
  const endpoint = hop ? model.vpcEndpoints.get(hop.component) : undefined;
  if (!endpoint?.policyDocument) return undefined;
  try {
    return { name: `policy of ${endpoint.id}`, document: JSON.parse(endpoint.policyDocument) as Record<string, unknown>, origin: endpoint.origin };
  } catch {
    return "unreadable";
  }
}

/**
 * The account's place in the organization: the OUs from the top down, from the list-parents chain;
 * a string naming the missing file when the chain does not reach the root.
 */
function ouChain(identity: IdentityData, account: string): string[] | string {
  const chain: string[] = [];
  for (let child = account; ; ) {
    const parent = identity.parents?.get(child);
    if (parent === undefined) return `organizations/list-parents-${child}.json`;
    if (parent.startsWith("r-")) return chain.reverse();
    if (chain.includes(parent) || chain.length > 5) return `organizations/list-parents-${child}.json (the chain loops)`;
    chain.push(parent);
    child = parent;
  }
}

type Levels = { level: string; policies: PolicyDocument[] }[];

/**
 * The SCP or RCP levels that apply to an account: the root's, each OU's from the top down (through the
 * list-parents chain, needed only when a policy is attached to an OU), then the account's own; a
 * string saying what is missing when an OU's policies may apply and the chain is not in the snapshot.
 */
function organizationLevels(identity: IdentityData, account: string, type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY"): Levels | string {
  const ofType = identity.organizationPolicies.filter((p) => p.type === type);
  const of = (test: (target: string) => boolean) => ofType.filter((p) => p.targets.some(test));
  const onOus = ofType.some((p) => p.targets.some((t) => t.startsWith("ou-")));
  const chain = onOus ? ouChain(identity, account) : [];
  if (typeof chain === "string") {
    return `policies are attached to organizational units, and the account's place in the organization is not in the snapshot (add ${chain})`;
  }
  return [
    { level: "root", policies: of((t) => t.startsWith("r-")) },
    ...chain.map((ou) => ({ level: ou, policies: of((t) => t === ou) })),
    { level: account, policies: of((t) => t === account) },
  ].filter((level) => level.policies.length > 0);
}

/** The first identity call that failed during collect and decides `what`, if any. */
function failedCall(model: Model, service: string, matches: (error: CollectError) => boolean): CollectError | undefined {
  return model.collectErrors.find((error) => error.service === service && matches(error));
}

function describeFailure(error: CollectError): string {
  return `${error.service}:${error.operation} failed during collect (${error.code}: ${error.message})`;
}

/** What the snapshot lacks to judge the bucket's policy, if anything. */
function missingBucketPolicy(model: Model, identity: IdentityData, account: string, bucket: string): string | undefined {
  const ofAccount = (error: CollectError) => error.account === undefined || error.account === account;
  const policyFailed = failedCall(model, "s3", (e) => e.operation === "GetBucketPolicy" && e.message.startsWith(`${bucket}: `));
  if (policyFailed) return `the policy of bucket ${bucket} is not known: ${describeFailure(policyFailed)}`;
  if (identity.bucketPolicies.has(bucket)) return undefined;
  const listFailed = failedCall(model, "s3", (e) => e.operation === "ListBuckets" && ofAccount(e));
  if (listFailed) return `bucket policies are not known: ${describeFailure(listFailed)}`;
  if (identity.bucketListing) {
    // A listed bucket without a policy file has none; one not listed is another account's, or unknown.
    return identity.bucketListing.has(bucket) ? undefined : `bucket ${bucket} is not in policies/s3/list-buckets.json (another account's bucket, or one created since): its policy is not in the snapshot`;
  }
  return identity.present.has("bucketPolicies") ? undefined : `bucket policies are not in the snapshot (add policies/s3/${bucket}.json)`;
}

/** What is missing from the snapshot to judge the request, or the policies. */
function gatherPolicies(model: Model, identity: IdentityData, roleArn: string, account: string, request: IdentityRequest, verdict: Verdict): PolicySet | string {
  const iamFailed = failedCall(model, "iam", (e) => e.account === undefined || e.account === account);
  if (iamFailed && !identity.roles.has(roleArn)) return `the IAM data of account ${account} is not known: ${describeFailure(iamFailed)}`;
  if (!identity.present.has("iam")) return "no IAM data in the snapshot (add iam/get-account-authorization-details.json)";
  const role = identity.roles.get(roleArn);
  if (!role) return `the execution role ${roleArn} is not in iam/get-account-authorization-details.json`;
  const managed = role.managedPolicyArns.map((arn) => identity.managedPolicies.get(arn) ?? arn);
  const missing = managed.filter((p): p is string => typeof p === "string");
  if (missing.length > 0) return `managed policy ${missing[0]} of ${role.name} is not in the snapshot (collect get-account-authorization-details with AWS-managed policies)`;
  const boundary = role.permissionsBoundaryArn ? identity.managedPolicies.get(role.permissionsBoundaryArn) : undefined;
  if (role.permissionsBoundaryArn && !boundary) return `the permissions boundary ${role.permissionsBoundaryArn} of ${role.name} is not in the snapshot`;
  const scps = organizationLevels(identity, account, "SERVICE_CONTROL_POLICY");
  if (typeof scps === "string") return `SCPs ${scps}`;
  const rcps = organizationLevels(identity, account, "RESOURCE_CONTROL_POLICY");
  if (typeof rcps === "string") return `RCPs ${rcps}`;
  const bucket = bucketOfArn(request.resourceArn);
  const bucketMissing = bucket === undefined ? undefined : missingBucketPolicy(model, identity, account, bucket);
  if (bucketMissing) return bucketMissing;
  const endpoint = endpointPolicy(model, verdict);
  if (endpoint === "unreadable") return "the endpoint policy on the path is not valid JSON";
  return {
    identity: [...role.inlinePolicies, ...managed.filter((p): p is PolicyDocument => typeof p !== "string")],
    boundary,
    scps,
    rcps,
    resource: bucket ? identity.bucketPolicies.get(bucket) : undefined,
    endpoint,
  };
}

/** The first key the request lacks a value for that some policy tests. */
function undecidableKey(context: RequestContext, policies: PolicySet): string | undefined {
  const texts = [...policies.identity, policies.boundary, policies.resource, policies.endpoint, ...policies.scps.flatMap((l) => l.policies), ...policies.rcps.flatMap((l) => l.policies)]
    .filter((p): p is PolicyDocument => p !== undefined)
    .map((p) => JSON.stringify(p.document).toLowerCase());
  return context.unknownKeys.find((key) => texts.some((text) => text.includes(key.toLowerCase())));
}

const FIXES: Record<PolicyKind, (action: string, resource: string, policy: string) => string> = {
  role: (action, resource, policy) => `allow ${action} on ${resource} in a policy of the notebook's execution role (${policy})`,
  boundary: (action, resource, policy) => `allow ${action} on ${resource} in the permissions boundary ${policy}`,
  endpoint: (action, resource, policy) => `allow ${action} on ${resource} in the ${policy} (or send the request through an endpoint whose policy allows it)`,
  bucket: (action, resource, policy) => `change the ${policy} to allow ${action} on ${resource} from this path, or route the request the way it requires (for aws:SourceVpce, through that endpoint)`,
  scp: (action, _resource, policy) => `the service control policy ${policy} denies ${action}: only the organization's administrators can change it`,
  rcp: (action, _resource, policy) => `the resource control policy ${policy} denies ${action}: only the organization's administrators can change it`,
};

function denied(verdict: Verdict, decision: PolicyDecision, request: IdentityRequest, context: RequestContext): Verdict {
  const denial = decision.denial!;
  const why = denial.explicit ? `denies ${request.action} (${denial.statement})` : `does not allow ${request.action} (${denial.statement})`;
  const text = fill(evaluationMeta.codes.IAM_POLICY_RESTRICTION, { policy: denial.policy, why });
  return {
    ...verdict,
    verdict: "unreachable",
    explanation: `The network path exists, but ${text} for a request carrying ${context.evidence.join("; ")}.`,
    blockedAt: { component: denial.policy, type: "iam-policy", code: "IAM_POLICY_RESTRICTION", direction: "forward", rule: { kind: "policy", ref: denial.policy, text } },
    fix: FIXES[denial.kind](request.action, request.resourceArn, denial.policy),
  };
}

function allowedHop(verdict: Verdict, decision: PolicyDecision, context: RequestContext): Hop {
  return {
    sequence: verdict.path.length + 1,
    component: "identity",
    type: "iam-policy",
    evidence: [
      ...context.evidence.map((text) => ({ kind: "policy" as const, ref: "request-context", text })),
      ...decision.grants.map((text) => ({ kind: "policy" as const, ref: "grant", text: `allowed by ${text}` })),
    ],
  };
}

/**
 * Judges the identity half of a query on a reachable verdict.
 *
 * @param model - the model (roles, policies, endpoints, addresses)
 * @param verdict - the network verdict for the notebook and the service
 * @param request - the action and resource ARN
 */
export async function checkIdentity(model: Model, verdict: Verdict, request: IdentityRequest): Promise<Verdict> {
  if (verdict.verdict !== "reachable") return withWarning(verdict, "identity was not checked: there is no network path to check it on");
  const identity = model.identity;
  if (!identity || identity.present.size === 0) return withWarning(verdict, "identity was not checked: the snapshot has no IAM data (iam/, policies/, organizations/)");
  const notebook = notebookOf(model, verdict);
  if (!notebook?.roleArn) return unknown(verdict, "the source has no execution role in the snapshot (RoleArn of describe-notebook-instance)");
  const account = notebook.roleArn.split(":")[4] ?? "";
  request = { ...request, resourceArn: resourceArnFor(request.resourceArn, notebook) };
  const policies = gatherPolicies(model, identity, notebook.roleArn, account, request, verdict);
  if (typeof policies === "string") return unknown(verdict, policies);
  const context = requestContext(verdict, model);
  const undecidable = undecidableKey(context, policies);
  if (undecidable) return unknown(verdict, `a policy tests ${undecidable}, whose value on this path is not in the snapshot`);
  const decision = await evaluatePolicies({ principalArn: notebook.roleArn, action: request.action, resourceArn: request.resourceArn, resourceAccount: account, context: context.keys }, policies);
  if (decision.decision === "error") return unknown(verdict, `the policies could not be evaluated: ${decision.error}`);
  if (decision.decision === "denied") return denied(verdict, decision, request, context);
  // SCPs and RCPs only take permissions away: a failed Organizations read leaves a deny standing, but
  // an allow might be an SCP's deny the snapshot lacks.
  const orgFailed = failedCall(model, "organizations", () => true);
  if (orgFailed) return unknown(verdict, `every policy in the snapshot allows ${request.action}, but the organization's SCPs and RCPs are not known: ${describeFailure(orgFailed)}`);
  return { ...verdict, path: [...verdict.path, allowedHop(verdict, decision, context)], explanation: `${verdict.explanation} Every policy on the path allows ${request.action} on ${request.resourceArn}.` };
}
