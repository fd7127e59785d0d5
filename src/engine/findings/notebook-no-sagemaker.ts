/**
 * Finding: a notebook in a VPC that cannot reach the SageMaker API or the SageMaker runtime. The
 * SageMaker Python SDK, training and processing jobs started from the notebook, and model invocation
 * all call these endpoints over HTTPS; a notebook that reaches neither cannot do the work it exists
 * for. Only proven blocks count: an undetermined verdict is not a finding.
 * AWS doc: https://docs.aws.amazon.com/sagemaker/latest/dg/notebook-interface-endpoint.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import { report, type Finding, type FindingMeta, type ReachLookup, type ReachSummary, type Severity } from "./types.js";

export const meta: FindingMeta = {
  id: "notebook-no-sagemaker",
  severity: "high",
  docs: {
    description:
      "The notebook cannot reach the SageMaker API or runtime, so the SageMaker SDK, jobs started from it and endpoint invocations fail.",
    url: "https://docs.aws.amazon.com/sagemaker/latest/dg/notebook-interface-endpoint.html",
  },
  message: "Notebook {{notebook}} cannot reach {{what}}",
  reaches: ["sagemaker-api", "sagemaker-runtime"],
};

const TITLES: Record<string, string> = { "sagemaker-api": "the SageMaker API", "sagemaker-runtime": "the SageMaker runtime" };

/** Without the API nothing SageMaker works from the notebook; without the runtime only endpoint calls fail. */
function severityOf(blocked: readonly string[]): Severity {
  return blocked.includes("sagemaker-api") ? "high" : "medium";
}

/** Where one blocked verdict stops, in a few words: `acl-1 (SUBNET_ACL_RESTRICTION)`. */
function stopText(destination: string, verdict: ReachSummary): string {
  const at = verdict.blockedAt ? `${verdict.blockedAt.component} (${verdict.blockedAt.code})` : verdict.explanation;
  return `${destination} is blocked at ${at}`;
}

/**
 * Reports every notebook in a subnet whose SageMaker API or runtime verdict is unreachable.
 *
 * @param index - lookups over the model under audit
 * @param reach - the audit's reachability answers
 */
export function check(index: ModelIndex, reach: ReachLookup): Finding[] {
  const findings: Finding[] = [];
  for (const notebook of index.model.notebooks.values()) {
    if (!notebook.subnetId) continue;
    const verdicts = Object.keys(TITLES).map((destination) => [destination, reach.verdict(notebook.id, destination)] as const);
    const blocked = verdicts.filter(([, verdict]) => verdict.verdict === "unreachable");
    if (blocked.length === 0) continue;
    const destinations = blocked.map(([destination]) => destination);
    const fixes = [...new Set(blocked.map(([, verdict]) => verdict.fix).filter((fix): fix is string => Boolean(fix)))];
    findings.push(
      report(meta, {
        resource: notebook.id,
        severity: severityOf(destinations),
        data: { notebook: notebook.id, what: destinations.map((destination) => TITLES[destination]).join(" or ") },
        detail:
          `${blocked.map(([destination, verdict]) => stopText(destination, verdict)).join("; ")}. ` +
          "The SageMaker SDK, jobs started from the notebook and endpoint invocations call these over HTTPS, so they fail.",
        fix:
          fixes.length > 0
            ? fixes.join(" ")
            : `Give subnet ${notebook.subnetId} a path to SageMaker: interface endpoints for sagemaker.api and sagemaker.runtime, or a NAT gateway.`,
      }),
    );
  }
  return findings;
}
