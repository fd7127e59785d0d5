/**
 * Finding: a SageMaker training, processing or tuning job without `VpcConfig` and without network
 * isolation. Its containers run in SageMaker's managed network, which reaches the internet: no
 * security group, NACL, VPC endpoint or flow log of yours applies. Neither Security Hub nor AWS
 * Config has a control for jobs; this is the job counterpart of sagemaker-model-in-vpc.
 * AWS doc: https://docs.aws.amazon.com/sagemaker/latest/dg/train-vpc.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import { report, type Finding, type FindingMeta } from "./types.js";
import { describedJobs, jobCli } from "./support.js";

export const meta: FindingMeta = {
  id: "job-outside-vpc",
  severity: "high",
  docs: {
    description: "The job's containers run in SageMaker's managed network with internet access, outside the controls of your VPC.",
    url: "https://docs.aws.amazon.com/sagemaker/latest/dg/train-vpc.html",
  },
  message: "{{label}} {{job}} runs outside a VPC, with internet access",
};

/**
 * Reports every described job with a part (a tuning job's training definition) that has neither
 * `VpcConfig` nor network isolation.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const job of describedJobs(index)) {
    const open = job.networks.filter((n) => !n.vpcConfig && !n.networkIsolation);
    if (open.length === 0) continue;
    const cli = jobCli(job.kind);
    const parts = open.some((n) => n.label) ? ` (${open.map((n) => n.label).join(", ")})` : "";
    findings.push(
      report(meta, {
        resource: `${job.kind}/${job.id}`,
        data: { label: cli.label, job: job.id },
        detail:
          `Without VpcConfig${parts} its containers reach the internet through SageMaker's managed network, ` +
          "bypassing your security groups, NACLs, VPC endpoints and flow logs.",
        fix: `A job cannot be changed: run it again with \`${cli.create} … ${cli.vpc}\` (and ${cli.isolation} if it needs no network), giving the subnets an S3 gateway endpoint.`,
      }),
    );
  }
  return findings;
}
