/**
 * Finding: a bucket trusts a VPC endpoint (its policy requires `aws:SourceVpce`), but that endpoint's
 * own policy allows everything: the bucket is protected, yet the endpoint lets the same notebooks
 * reach any other bucket — the data-exfiltration path endpoint policies exist to close.
 * AWS doc: https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import type { VpcEndpoint } from "../../model/types.js";
import { statementsOf } from "./policy-statements.js";
import { report, type Finding, type FindingMeta } from "./types.js";

export const meta: FindingMeta = {
  id: "endpoint-policy-open-for-bound-bucket",
  severity: "low",
  docs: {
    description: "An endpoint a bucket policy relies on has a full-access endpoint policy.",
    url: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html",
  },
  message: "Endpoint {{endpoint}}, which bucket {{bucket}} trusts, allows access to every bucket",
};

/** Whether an endpoint's policy is absent (full access) or allows every action on every resource. */
function allowsEverything(endpoint: VpcEndpoint): boolean {
  if (!endpoint.policyDocument) return true;
  try {
    const document = JSON.parse(endpoint.policyDocument) as Record<string, unknown>;
    return statementsOf({ name: endpoint.id, document, origin: endpoint.origin }).some(
      (s) => s.effect === "Allow" && s.actions.includes("*") && (s.resources.includes("*") || s.resources.length === 0) && s.conditionKeys.length === 0,
    );
  } catch {
    return false;
  }
}

/**
 * Reports each endpoint named in a bucket policy's `aws:SourceVpce` condition whose policy allows all.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const identity = index.model.identity;
  if (!identity) return [];
  const findings: Finding[] = [];
  for (const [bucket, policy] of identity.bucketPolicies) {
    const trusted = new Set(statementsOf(policy).filter((s) => s.conditionKeys.includes("aws:sourcevpce")).flatMap((s) => s.conditionValues.filter((v) => v.startsWith("vpce-"))));
    for (const id of trusted) {
      const endpoint = index.model.vpcEndpoints.get(id);
      if (!endpoint || !allowsEverything(endpoint)) continue;
      findings.push(
        report(meta, {
          resource: id,
          data: { endpoint: id, bucket },
          detail: `${bucket} accepts only requests through ${id}, but the policy of ${id} allows every action on every resource, so whoever uses ${id} can also copy data to buckets outside your organization.`,
          fix: `Limit the policy of ${id} to your buckets or organization, e.g. Allow s3:* on arn:aws:s3:::${bucket}/* (and your other buckets) or with "StringEquals": {"aws:ResourceOrgID": "<your org id>"}: \`aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${id} --policy-document file://policy.json\`.`,
        }),
      );
    }
  }
  return findings;
}
