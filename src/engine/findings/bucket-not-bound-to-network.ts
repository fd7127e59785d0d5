/**
 * Finding: a bucket a notebook's role can read whose bucket policy does not limit where requests come
 * from (no `aws:SourceVpce`, `aws:SourceVpc`, `aws:SourceIp` or `aws:VpcSourceIp` condition): the
 * role's credentials, if they leak, read it from anywhere.
 * AWS doc: https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import { actionCovers, notebookRoles, statementsOf } from "./policy-statements.js";
import { report, type Finding, type FindingMeta } from "./types.js";

export const meta: FindingMeta = {
  id: "bucket-not-bound-to-network",
  severity: "low",
  docs: {
    description: "A bucket the notebooks read does not restrict access to their VPC endpoint or VPC.",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html",
  },
  message: "Bucket {{bucket}}, readable by {{notebooks}}, accepts requests from any network",
};

const NETWORK_KEYS = ["aws:sourcevpce", "aws:sourcevpc", "aws:sourceip", "aws:vpcsourceip"];

/**
 * Reports each bucket with a policy in the snapshot that a notebook's role can read and whose policy
 * tests no network key.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const identity = index.model.identity;
  if (!identity) return [];
  const readers = notebookRoles(index.model);
  const findings: Finding[] = [];
  for (const [bucket, policy] of identity.bucketPolicies) {
    const bound = statementsOf(policy).some((s) => s.conditionKeys.some((key) => NETWORK_KEYS.includes(key)));
    if (bound) continue;
    const notebooks = readers
      .filter(({ policies }) =>
        policies.some((p) =>
          statementsOf(p).some((s) => s.effect === "Allow" && s.actions.some((a) => actionCovers(a, "s3:GetObject")) && s.resources.some((r) => r === "*" || r.startsWith(`arn:aws:s3:::${bucket}`))),
        ),
      )
      .map(({ notebook }) => notebook.id);
    if (notebooks.length === 0) continue;
    findings.push(
      report(meta, {
        resource: bucket,
        data: { bucket, notebooks: notebooks.join(", ") },
        detail: `The policy of ${bucket} has no condition on aws:SourceVpce, aws:SourceVpc or aws:SourceIp, so the notebooks' credentials read it from any network, not only through your endpoint.`,
        fix: `Add a statement to the policy of ${bucket}: Deny s3:* on arn:aws:s3:::${bucket} and arn:aws:s3:::${bucket}/* when "StringNotEquals": {"aws:SourceVpce": "<your S3 endpoint>"} (keep an exception for your administrators).`,
      }),
    );
  }
  return findings;
}
