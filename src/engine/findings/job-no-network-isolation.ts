/**
 * Finding: a SageMaker training, processing or tuning job without `EnableNetworkIsolation`. Its
 * containers can call out and get AWS credentials; with isolation SageMaker still moves the input and
 * output data, but the containers make no calls. Security Hub rates the same check on models
 * (SageMaker.5) and monitoring jobs (SageMaker.11, .12, .14) medium; it has none for these jobs.
 * AWS doc: https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import { report, type Finding, type FindingMeta } from "./types.js";
import { describedJobs, jobCli } from "./support.js";

export const meta: FindingMeta = {
  id: "job-no-network-isolation",
  severity: "medium",
  docs: {
    description: "The job's containers can make network calls (and get AWS credentials) while it runs.",
    url: "https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html",
  },
  message: "{{label}} {{job}} does not have network isolation enabled",
};

/**
 * Reports every described job with a part that lacks network isolation.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const job of describedJobs(index)) {
    if (job.networks.every((n) => n.networkIsolation)) continue;
    const cli = jobCli(job.kind);
    findings.push(
      report(meta, {
        resource: `${job.kind}/${job.id}`,
        data: { label: cli.label, job: job.id },
        detail:
          "Its containers can reach whatever its network allows and receive AWS credentials; a compromised " +
          "algorithm or dependency can send the training data away.",
        fix: `A job cannot be changed: run it again with \`${cli.create} … ${cli.isolation}\` when its code needs no network (SageMaker still moves its data).`,
      }),
    );
  }
  return findings;
}
