/**
 * Finding: a SageMaker notebook instance with `RootAccess: Enabled`. Any notebook user can then
 * change the instance's software and network settings (AWS Security Hub control SageMaker.3).
 * AWS doc: https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import { report, type Finding, type FindingMeta } from "./types.js";

export const meta: FindingMeta = {
  id: "notebook-root-access",
  severity: "high",
  control: "SageMaker.3",
  docs: {
    description: "Every notebook user has root on the instance and can alter its software, logging and network setup.",
    url: "https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html",
  },
  message: "Notebook {{notebook}} gives its users root access",
};

/**
 * Reports every notebook with root access enabled.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const notebook of index.model.notebooks.values()) {
    if (!notebook.rootAccess) continue;
    findings.push(
      report(meta, {
        resource: notebook.id,
        data: { notebook: notebook.id },
        detail:
          "With root a user can install software, disable agents and change iptables or routes on the " +
          "instance; lifecycle configurations still run as root when root access is disabled.",
        fix:
          `Stop the notebook, then \`aws sagemaker update-notebook-instance --notebook-instance-name ${notebook.name ?? notebook.id} ` +
          "--root-access Disabled\` and start it again.",
      }),
    );
  }
  return findings;
}
