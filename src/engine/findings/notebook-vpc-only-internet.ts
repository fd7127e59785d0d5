/**
 * Finding (info): a notebook created with `DirectInternetAccess: Disabled` — the "VPC only" setting —
 * that can still reach the internet through its subnet (usually a NAT gateway). That may be intended,
 * but "VPC only" is often read as "no internet", so the audit says which path exists.
 * AWS doc: https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import { destinationText } from "../rules/route-selection.js";
import { routeDestinationArg } from "./support.js";
import { report, type Finding, type FindingMeta, type ReachLookup, type ReachSummary } from "./types.js";

export const meta: FindingMeta = {
  id: "notebook-vpc-only-internet",
  severity: "info",
  docs: {
    description: "The notebook has direct internet access disabled, yet its VPC gives it a path to the internet.",
    url: "https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html",
  },
  message: "Notebook {{notebook}} is VPC-only but reaches the internet via {{via}}",
  reaches: ["internet"],
};

/** The gateway that carries the notebook's internet traffic, the most telling hop of the path. */
function gatewayHop(path: ReachSummary["path"]): ReachSummary["path"][number] | undefined {
  return (
    path.find((hop) => hop.type === "nat-gateway") ??
    path.find((hop) => hop.type === "internet-gateway" || hop.type === "transit-gateway" || hop.type === "vpc-peering-connection")
  );
}

/**
 * Reports every notebook with direct internet access disabled whose `internet` verdict is reachable.
 *
 * @param index - lookups over the model under audit
 * @param reach - the audit's reachability answers
 */
export function check(index: ModelIndex, reach: ReachLookup): Finding[] {
  const findings: Finding[] = [];
  for (const notebook of index.model.notebooks.values()) {
    if (notebook.directInternetAccess || !notebook.subnetId) continue;
    const verdict = reach.verdict(notebook.id, "internet");
    if (verdict.verdict !== "reachable") continue;
    const gateway = gatewayHop(verdict.path);
    const via = gateway?.component ?? "its subnet";
    const table = index.routeTableOfSubnet(notebook.subnetId)?.value;
    const route = table?.routes.find((candidate) => "id" in candidate.target && candidate.target.id === via);
    findings.push(
      report(meta, {
        resource: notebook.id,
        data: { notebook: notebook.id, via },
        detail:
          `DirectInternetAccess is Disabled, but subnet ${notebook.subnetId} reaches the internet through ${via}` +
          (table && route ? ` (${table.id}: ${destinationText(route)} → ${via})` : "") +
          ". Fine if intended; if the notebook must not reach the internet, this path is a leak.",
        fix:
          table && route
            ? `If the notebook must stay offline: \`aws ec2 delete-route --route-table-id ${table.id} ${routeDestinationArg(route)}\`` +
              " and reach S3 and SageMaker through VPC endpoints instead."
            : `If the notebook must stay offline, remove the internet path of subnet ${notebook.subnetId} and use VPC endpoints.`,
      }),
    );
  }
  return findings;
}
