/**
 * Finding: a SageMaker notebook instance without a customer-managed KMS key. Its ML storage volume is
 * then encrypted with an AWS-managed key, whose use you cannot restrict, audit per key policy or
 * revoke (AWS Config rule sagemaker-notebook-instance-kms-key-configured).
 * AWS doc: https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest-nbi.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import { report, type Finding, type FindingMeta } from "./types.js";

export const meta: FindingMeta = {
  id: "notebook-no-kms-key",
  severity: "low",
  control: "SageMaker.21",
  docs: {
    description: "The notebook's storage volume is encrypted with an AWS-managed key instead of one you control.",
    url: "https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest-nbi.html",
  },
  message: "Notebook {{notebook}} has no customer-managed KMS key",
};

/**
 * Reports every notebook without a `KmsKeyId`.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const notebook of index.model.notebooks.values()) {
    if (notebook.kmsKeyId) continue;
    findings.push(
      report(meta, {
        resource: notebook.id,
        data: { notebook: notebook.id },
        detail:
          "Data on the ML storage volume (/home/ec2-user/SageMaker) is encrypted with an AWS-managed key; " +
          "a key policy of yours cannot limit or revoke access to it.",
        fix:
          "The key cannot be added to an existing notebook: create a replacement with " +
          `\`aws sagemaker create-notebook-instance --notebook-instance-name ${notebook.name ?? notebook.id}-cmk ` +
          "--kms-key-id arn:aws:kms:<region>:<account>:key/<key-id> …\` and copy the volume's data over.",
      }),
    );
  }
  return findings;
}
