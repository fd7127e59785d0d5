/**
 * Finding: a SageMaker notebook placed in a public subnet (one whose route table sends traffic to an
 * internet gateway). A notebook's ENI never gets a public IP, so the IGW route gives the notebook no
 * internet at all, while the subnet is built for internet-facing resources; notebooks belong in
 * private subnets that reach the internet, if at all, through a NAT gateway.
 * AWS doc: https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html#subnet-types
 */
import type { ModelIndex } from "../../model/indexes.js";
import { classifySubnet } from "../rules/public-subnet.js";
import { report, type Finding, type FindingMeta } from "./types.js";

export const meta: FindingMeta = {
  id: "notebook-public-subnet",
  severity: "medium",
  docs: {
    description: "The notebook sits in a subnet routed to an internet gateway, which it cannot use and should not share.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html#subnet-types",
  },
  message: "Notebook {{notebook}} is in public subnet {{subnet}}",
};

/**
 * Reports every notebook whose subnet is public (a route to an attached internet gateway).
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const notebook of index.model.notebooks.values()) {
    if (!notebook.subnetId) continue;
    const subnet = classifySubnet(index, notebook.subnetId);
    if (!subnet.public) continue;
    const table = index.routeTableOfSubnet(notebook.subnetId)?.value.id ?? "its route table";
    findings.push(
      report(meta, {
        resource: notebook.id,
        data: { notebook: notebook.id, subnet: notebook.subnetId },
        detail:
          `${table} has ${subnet.reason}. A notebook ENI never has a ` +
          "public IP, so this route gives the notebook no internet" +
          (notebook.directInternetAccess ? " (it uses the SageMaker-managed network instead)" : "") +
          ", and it shares the subnet with internet-facing resources.",
        fix:
          "Recreate the notebook in a private subnet (`--subnet-id subnet-<private>`) whose route table sends " +
          "0.0.0.0/0 to a NAT gateway, or has only VPC endpoints if it needs no internet.",
      }),
    );
  }
  return findings;
}
