/**
 * Finding: a SageMaker notebook instance launched without a VPC subnet. It lives only in the
 * SageMaker-managed network, so no security group, NACL or VPC endpoint of yours applies to it and
 * it cannot reach private resources in your VPCs (AWS Security Hub control SageMaker.2).
 * AWS doc: https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import { report, type Finding, type FindingMeta } from "./types.js";

export const meta: FindingMeta = {
  id: "notebook-outside-vpc",
  severity: "high",
  control: "SageMaker.2",
  docs: {
    description: "The notebook has no subnet in a customer VPC, so no network control of yours applies to it.",
    url: "https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html",
  },
  message: "Notebook {{notebook}} is not in a VPC",
};

/**
 * Reports every notebook that has no `SubnetId`.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const notebook of index.model.notebooks.values()) {
    if (notebook.subnetId !== undefined) continue;
    findings.push(
      report(meta, {
        resource: notebook.id,
        data: { notebook: notebook.id },
        detail:
          "Without a SubnetId the notebook runs only in the SageMaker-managed network with open internet " +
          "access; security groups, NACLs, VPC endpoints and flow logs cannot be applied to it.",
        fix:
          "A notebook's VPC cannot be changed after creation: create a replacement with " +
          `\`aws sagemaker create-notebook-instance --notebook-instance-name ${notebook.name ?? notebook.id}-vpc ` +
          "--subnet-id subnet-<private> --security-group-ids sg-… --direct-internet-access Disabled …\`, " +
          "move the work over and delete the old one.",
      }),
    );
  }
  return findings;
}
