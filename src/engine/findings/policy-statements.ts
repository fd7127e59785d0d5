/**
 * Reading IAM policy statements for the identity findings: a document's statements as a list, their
 * actions and resources as lists, and the roles of the notebooks with their policies. Static reading
 * only (which statements exist, what they name); deciding a request is rules/iam-policy-evaluation.ts's.
 * AWS doc: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
import type { IamRole, Model, Notebook, PolicyDocument } from "../../model/types.js";

export interface Statement {
  sid: string | undefined;
  effect: "Allow" | "Deny";
  actions: string[];
  resources: string[];
  /** The condition keys the statement tests, lower-cased (`aws:sourcevpce`). */
  conditionKeys: string[];
  /** The condition values, flattened (for `aws:SourceVpce` equal to an endpoint id). */
  conditionValues: string[];
}

function list(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * The statements of a policy document.
 *
 * @param policy - the document
 */
export function statementsOf(policy: PolicyDocument): Statement[] {
  const raw = policy.document.Statement;
  const statements = (Array.isArray(raw) ? raw : [raw]).filter((s): s is Record<string, unknown> => s !== null && typeof s === "object");
  return statements.map((s) => {
    const condition = (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
    const pairs = Object.values(condition).flatMap((operator) => Object.entries(operator ?? {}));
    return {
      sid: typeof s.Sid === "string" ? s.Sid : undefined,
      effect: s.Effect === "Deny" ? "Deny" : "Allow",
      actions: list(s.Action),
      resources: list(s.Resource),
      conditionKeys: pairs.map(([key]) => key.toLowerCase()),
      conditionValues: pairs.flatMap(([, value]) => list(value)),
    };
  });
}

/** A notebook and its execution role, when the role is in the snapshot. */
export interface NotebookRole {
  notebook: Notebook;
  role: IamRole;
  /** The role's identity policies: inline, then managed (default versions) that are in the snapshot. */
  policies: PolicyDocument[];
}

/**
 * The notebooks whose execution role is in the snapshot, with the role's policies.
 *
 * @param model - the model
 */
export function notebookRoles(model: Model): NotebookRole[] {
  const identity = model.identity;
  if (!identity) return [];
  return [...model.notebooks.values()].flatMap((notebook) => {
    const role = notebook.roleArn ? identity.roles.get(notebook.roleArn) : undefined;
    if (!role) return [];
    const managed = role.managedPolicyArns.flatMap((arn) => identity.managedPolicies.get(arn) ?? []);
    return [{ notebook, role, policies: [...role.inlinePolicies, ...managed] }];
  });
}

/**
 * Whether an action pattern (`s3:*`, `*`, `s3:Get*`) covers an action.
 *
 * @param pattern - from a statement
 * @param action - e.g. `s3:GetObject`
 */
export function actionCovers(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
  return regex.test(action);
}
