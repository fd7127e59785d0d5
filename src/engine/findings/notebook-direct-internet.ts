/**
 * Finding: a SageMaker notebook instance with `DirectInternetAccess: Enabled`. Its traffic to the
 * internet leaves through the SageMaker-managed network, bypassing the customer VPC's route tables,
 * NACLs, NAT gateways and flow logs (AWS Security Hub control SageMaker.1).
 * AWS doc: https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import { report, type Finding, type FindingMeta } from "./types.js";

export const meta: FindingMeta = {
  id: "notebook-direct-internet",
  severity: "high",
  control: "SageMaker.1",
  docs: {
    description:
      "The notebook reaches the internet through the SageMaker-managed network, outside the controls of your VPC.",
    url: "https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html",
  },
  message: "Notebook {{notebook}} has direct internet access enabled",
};

/**
 * Reports every notebook whose direct internet access is enabled.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const notebook of index.model.notebooks.values()) {
    if (!notebook.directInternetAccess) continue;
    const subnetArgs = notebook.subnetId
      ? `--subnet-id ${notebook.subnetId} --security-group-ids ${notebook.securityGroupIds.join(" ") || "sg-…"}`
      : "--subnet-id subnet-<private> --security-group-ids sg-…";
    findings.push(
      report(meta, {
        resource: notebook.id,
        data: { notebook: notebook.id },
        detail:
          "Traffic to non-VPC addresses bypasses your route tables, NACLs, NAT gateways and flow logs, so " +
          "data can leave without passing any control you own.",
        fix:
          "DirectInternetAccess cannot be changed on an existing notebook: create a replacement with " +
          `\`aws sagemaker create-notebook-instance --notebook-instance-name ${notebook.name ?? notebook.id}-vpc ` +
          `--direct-internet-access Disabled ${subnetArgs} …\`, and give the subnet a NAT gateway or ` +
          "VPC endpoints (S3 gateway, sagemaker.api, sagemaker.runtime) for what it needs.",
      }),
    );
  }
  return findings;
}
