/**
 * Finding: a notebook whose role may use S3 but whose only path to S3 leaves through a NAT gateway
 * (no gateway endpoint on its route table): its S3 requests and data cross the public endpoint, where
 * bucket policies bound to endpoints deny them, and every byte pays NAT processing.
 * AWS doc: https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import { actionCovers, notebookRoles, statementsOf } from "./policy-statements.js";
import { report, type Finding, type FindingMeta, type ReachLookup } from "./types.js";

export const meta: FindingMeta = {
  id: "role-s3-through-internet",
  severity: "medium",
  docs: {
    description: "The notebook's role may use S3, and its only path to S3 goes out through a NAT gateway.",
    url: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html",
  },
  message: "Notebook {{notebook}} may use S3 but reaches it only through {{nat}}",
  reaches: ["s3"],
};

/**
 * Reports each notebook with an S3 grant whose `s3` verdict crosses a NAT gateway.
 *
 * @param index - lookups over the model under audit
 * @param reach - the audit's reachability answers
 */
export function check(index: ModelIndex, reach: ReachLookup): Finding[] {
  const findings: Finding[] = [];
  for (const { notebook, role, policies } of notebookRoles(index.model)) {
    const mayUseS3 = policies.some((p) => statementsOf(p).some((s) => s.effect === "Allow" && s.actions.some((a) => actionCovers(a, "s3:GetObject") || actionCovers(a, "s3:PutObject"))));
    if (!mayUseS3) continue;
    const verdict = reach.verdict(notebook.id, "s3");
    const nat = verdict.verdict === "reachable" ? verdict.path.find((hop) => hop.type === "nat-gateway") : undefined;
    if (!nat) continue;
    findings.push(
      report(meta, {
        resource: notebook.id,
        data: { notebook: notebook.id, nat: nat.component },
        detail: `${role.name} grants S3 access, and ${notebook.id}'s S3 traffic leaves through ${nat.component} to S3's public endpoint: bucket policies that require your endpoint deny it, and each GB pays NAT data processing.`,
        fix: `Add an S3 gateway endpoint (free) on the notebook's route table: \`aws ec2 create-vpc-endpoint --vpc-id <vpc> --service-name com.amazonaws.${notebook.scope.region}.s3 --route-table-ids <table of ${notebook.subnetId ?? "its subnet"}>\`.`,
      }),
    );
  }
  return findings;
}
