/**
 * Finding: a notebook's execution role with broad permissions — AdministratorAccess (high),
 * AmazonSageMakerFullAccess, or a statement that allows `*` or `s3:*` on every resource (medium). The
 * security note this project started from puts it first: restrict access to S3 and EC2 to a minimum
 * using IAM. AWS doc: https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import { notebookRoles, statementsOf } from "./policy-statements.js";
import { report, type Finding, type FindingMeta } from "./types.js";

export const meta: FindingMeta = {
  id: "notebook-role-broad-policy",
  severity: "medium",
  docs: {
    description: "The notebook's execution role grants far more than a notebook needs.",
    url: "https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html",
  },
  message: "Notebook {{notebook}}'s role {{role}} {{grant}}",
};

const BROAD_MANAGED: Record<string, "high" | "medium"> = {
  "arn:aws:iam::aws:policy/AdministratorAccess": "high",
  "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess": "medium",
  "arn:aws:iam::aws:policy/AmazonS3FullAccess": "medium",
};

/**
 * Reports each notebook whose role has a broad managed policy or an allow-all statement.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const { notebook, role, policies } of notebookRoles(index.model)) {
    const managed = role.managedPolicyArns.find((arn) => arn in BROAD_MANAGED);
    const wide = policies.flatMap((policy) =>
      statementsOf(policy)
        .filter((s) => s.effect === "Allow" && s.resources.includes("*") && s.actions.some((a) => a === "*" || a.toLowerCase() === "s3:*"))
        .map((s) => `${policy.name}${s.sid ? ` (statement ${s.sid})` : ""} allows ${s.actions.join(", ")} on *`),
    );
    if (!managed && wide.length === 0) continue;
    const grant = managed ? `has ${managed.split("/").pop()} attached` : wide[0]!;
    findings.push(
      report(meta, {
        resource: notebook.id,
        data: { notebook: notebook.id, role: role.name, grant },
        severity: managed ? BROAD_MANAGED[managed] : "medium",
        detail: `Anyone who can open the notebook acts with ${role.name}: ${[managed ? `${managed} is attached` : undefined, ...wide].filter(Boolean).join("; ")}. A leaked notebook session then reaches every bucket and API those grant.`,
        fix: managed
          ? `\`aws iam detach-role-policy --role-name ${role.name} --policy-arn ${managed}\` and attach a policy that names the buckets and actions the notebook needs.`
          : `Replace the wildcard with the buckets and actions the notebook needs (e.g. s3:GetObject on arn:aws:s3:::BUCKET/*).`,
      }),
    );
  }
  return findings;
}
