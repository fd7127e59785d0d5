/**
 * Finding: a SageMaker Studio domain with `AppNetworkAccessType: PublicInternetOnly`. Its apps reach
 * the internet through the SageMaker-managed network, bypassing the customer VPC's route tables,
 * NACLs, NAT gateways and flow logs — the Studio counterpart of a notebook with direct internet access
 * (AWS Config rule sagemaker-domain-in-vpc; Security Hub has no control for it).
 * AWS doc: https://docs.aws.amazon.com/sagemaker/latest/dg/studio-notebooks-and-internet-access.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import { report, type Finding, type FindingMeta } from "./types.js";

export const meta: FindingMeta = {
  id: "studio-domain-public-internet",
  severity: "high",
  control: "AWS Config sagemaker-domain-in-vpc",
  docs: {
    description: "Studio apps reach the internet through the SageMaker-managed network, outside the controls of your VPC.",
    url: "https://docs.aws.amazon.com/sagemaker/latest/dg/studio-notebooks-and-internet-access.html",
  },
  message: "Studio domain {{domain}} gives its apps direct internet access (PublicInternetOnly)",
};

/**
 * Reports every Studio domain whose network access type is `PublicInternetOnly`.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const domain of index.model.domains.values()) {
    if (domain.appNetworkAccessType !== "PublicInternetOnly") continue;
    const subnets = domain.subnetIds.length > 0 ? domain.subnetIds.join(" ") : "subnet-<private>";
    findings.push(
      report(meta, {
        resource: domain.id,
        data: { domain: domain.domainName ? `${domain.id} (${domain.domainName})` : domain.id },
        detail:
          "Traffic from Studio apps to the internet leaves through the SageMaker-managed network, bypassing your " +
          "route tables, NACLs, NAT gateways and flow logs.",
        fix:
          "Delete the domain's running apps, then `aws sagemaker update-domain --domain-id " +
          `${domain.id} --app-network-access-type VpcOnly --subnet-ids ${subnets}\`, and give those subnets a NAT ` +
          "gateway or VPC endpoints (S3 gateway, sagemaker.api, sagemaker.runtime, sts, logs) for what the apps need.",
      }),
    );
  }
  return findings;
}
