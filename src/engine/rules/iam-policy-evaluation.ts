/**
 * AWS's policy evaluation for one request: an explicit deny in any policy wins; otherwise the
 * organization's SCPs and RCPs, the VPC endpoint policy and the permissions boundary must allow it,
 * and the identity policies (or, in the same account, the resource policy) must allow it. The
 * evaluation itself is @cloud-copilot/iam-simulate's (a maintained engine, not hand-written here);
 * this module feeds it the policies and the request the path carries and names the deciding statement.
 * AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import type { PolicyDocument } from "../../model/types.js";
import type { RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "iam-policy-evaluation",
  docs: {
    description: "Explicit deny first, then the SCPs/RCPs, the endpoint policy, the boundary and the identity or resource policy must allow.",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html",
  },
  codes: {
    IAM_POLICY_RESTRICTION: "{policy} {why}",
  },
} satisfies RuleMeta;

/** Where a policy comes from, as outputs name it. */
export type PolicyKind = "role" | "boundary" | "endpoint" | "bucket" | "scp" | "rcp";

export interface PolicySet {
  /** The role's inline and managed (default version) policies. */
  identity: PolicyDocument[];
  boundary: PolicyDocument | undefined;
  /** SCP levels from the root down to the account; each level must allow. */
  scps: { level: string; policies: PolicyDocument[] }[];
  rcps: { level: string; policies: PolicyDocument[] }[];
  resource: PolicyDocument | undefined;
  endpoint: PolicyDocument | undefined;
}

export interface PolicyRequest {
  principalArn: string;
  action: string;
  resourceArn: string;
  /** The account that owns the resource (the same as the principal's for same-account requests). */
  resourceAccount: string;
  context: Record<string, string>;
}

export interface PolicyDecision {
  decision: "allowed" | "denied" | "error";
  /** For `denied`: the deciding policy, statement and why. */
  denial?: { kind: PolicyKind; policy: string; statement: string; explicit: boolean };
  /** For `allowed`: the statements that granted it, one line each. */
  grants: string[];
  /** For `error`: what the evaluator could not read. */
  error?: string;
}

const KIND: Record<string, PolicyKind> = { identity: "role", pb: "boundary", vpce: "endpoint", resource: "bucket", scp: "scp", rcp: "rcp" };

/** `statement "Sid"`, or by position (iam-simulate counts statements from 1). */
function statementName(id: string | undefined, position: number): string {
  return id ? `statement "${id}"` : `statement ${position}`;
}

function named(policies: readonly PolicyDocument[]): { name: string; policy: unknown }[] {
  return policies.map((p) => ({ name: p.name, policy: p.document }));
}

/**
 * Evaluates a request against a set of policies.
 *
 * @param request - principal, action, resource and the context keys the path supplies
 * @param policies - the policies that apply to it
 */
export async function evaluatePolicies(request: PolicyRequest, policies: PolicySet): Promise<PolicyDecision> {
  const { runSimulation, getDenialReasons, getGrantReasons } = await import("@cloud-copilot/iam-simulate");
  const result = await runSimulation(
    {
      request: { principal: request.principalArn, action: request.action, resource: { resource: request.resourceArn, accountId: request.resourceAccount }, contextVariables: request.context },
      identityPolicies: named(policies.identity),
      serviceControlPolicies: policies.scps.map((level) => ({ orgIdentifier: level.level, policies: named(level.policies) })),
      resourceControlPolicies: policies.rcps.map((level) => ({ orgIdentifier: level.level, policies: named(level.policies) })),
      ...(policies.resource ? { resourcePolicy: policies.resource.document } : {}),
      ...(policies.boundary ? { permissionBoundaryPolicies: named([policies.boundary]) } : {}),
      ...(policies.endpoint ? { vpcEndpointPolicies: named([policies.endpoint]) } : {}),
    },
    {},
  );
  if (result.resultType === "error") return { decision: "error", grants: [], error: JSON.stringify(result.errors).slice(0, 400) };
  const analysis = result.resultType === "single" ? result.result.analysis : undefined;
  if (!analysis) return { decision: "error", grants: [], error: "the evaluator returned no analysis for this request" };
  if (result.overallResult === "Allowed") {
    const grants = getGrantReasons(analysis).map((g) => {
      const level = "orgIdentifier" in g ? ` (${g.orgIdentifier})` : "";
      return `${KIND[g.policyType] ?? g.policyType} ${"policyIdentifier" in g ? g.policyIdentifier : (policies.resource?.name ?? "")}${level} ${statementName(g.statementId, g.statementIndex)}`;
    });
    return { decision: "allowed", grants: [...new Set(grants)] };
  }
  const reasons = getDenialReasons(analysis);
  const first = reasons.find((r) => r.denialType === "Explicit") ?? reasons[0];
  if (!first) return { decision: "denied", grants: [], denial: { kind: "role", policy: "(no policy)", statement: "no statement allows it", explicit: false } };
  const kind = KIND[first.policyType] ?? "role";
  const policyName = first.denialType === "Explicit" ? (first.policyIdentifier ?? (kind === "bucket" ? policies.resource?.name : undefined)) : first.identifier;
  return {
    decision: "denied",
    grants: [],
    denial: {
      kind,
      policy: policyName ?? (kind === "bucket" ? (policies.resource?.name ?? "the resource policy") : `the ${kind} policies`),
      statement: first.denialType === "Explicit" ? statementName(first.statementId, first.statementIndex) : "no statement allows it",
      explicit: first.denialType === "Explicit",
    },
  };
}
