/**
 * SageMaker notebook instances. With `DirectInternetAccess: Enabled` the instance also has an ENI in
 * a SageMaker-managed VPC with internet access: traffic to addresses outside the customer VPC's CIDRs
 * leaves through it (bypassing the customer's route tables, NAT gateways, NACLs and gateway
 * endpoints), traffic to addresses inside them (interface-endpoint IPs included) goes through the ENI
 * in the customer subnet. With `Disabled`, everything goes through the customer subnet. The notebook
 * ENI never has a public IP. Without a VPC at all, addresses inside a customer VPC are unreachable.
 * AWS: https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html
 */
import { IntervalSet, RFC1918, RFC6598 } from "../../net/index.js";
import type { Notebook } from "../../model/types.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "sagemaker-notebook",
  docs: {
    description: "Notebook egress: managed network for non-VPC addresses with direct internet access, else the customer subnet.",
    url: "https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html",
  },
  codes: {
    SAGEMAKER_NO_VPC: "notebook {notebook} has no VPC subnet, so it cannot reach addresses inside a customer VPC",
    NO_POSSIBLE_DESTINATION: "the SageMaker-managed network only reaches public addresses, not {what}",
    MISSING_DATA: "notebook {notebook}: {what}",
  },
} satisfies RuleMeta;

/** The managed-network sink's component id. */
export const MANAGED_NETWORK = "sagemaker-managed-network";

/**
 * Splits destinations of a notebook between the managed network and its customer ENI.
 *
 * @param notebook - the notebook
 * @param destinations - destination addresses
 * @param vpcCidrs - the CIDRs of the notebook's VPC (empty without a VPC)
 */
export function notebookEgressSplit(notebook: Notebook, destinations: IntervalSet, vpcCidrs: IntervalSet): { managed: IntervalSet; customer: IntervalSet } {
  if (!notebook.directInternetAccess) return { managed: IntervalSet.EMPTY, customer: destinations };
  return { managed: destinations.subtract(vpcCidrs), customer: destinations.intersect(vpcCidrs) };
}

/**
 * Splits what the managed network can deliver: public addresses only.
 *
 * @param destinations - destination addresses leaving through the managed network
 */
export function managedNetworkSplit(destinations: IntervalSet): { delivered: IntervalSet; dropped: IntervalSet } {
  const privateSpace = RFC1918.union(RFC6598);
  return { delivered: destinations.subtract(privateSpace), dropped: destinations.intersect(privateSpace) };
}

/**
 * The block for private destinations the managed network cannot reach.
 *
 * @param notebook - the notebook
 * @param what - the destinations
 */
export function managedNetworkBlock(notebook: Notebook, what: string): RuleBlock {
  return {
    code: notebook.subnetId ? "NO_POSSIBLE_DESTINATION" : "SAGEMAKER_NO_VPC",
    message: notebook.subnetId ? fill(meta.codes.NO_POSSIBLE_DESTINATION, { what }) : fill(meta.codes.SAGEMAKER_NO_VPC, { notebook: notebook.id }),
    rule: { kind: "attribute", ref: notebook.id, text: `${notebook.id} DirectInternetAccess ${notebook.directInternetAccess ? "Enabled" : "Disabled"}, SubnetId ${notebook.subnetId ?? "none"}` },
    fix: notebook.subnetId ? "address private destinations from inside the notebook's VPC (peering or VPN)" : `recreate ${notebook.id} with a SubnetId in the destination's VPC`,
  };
}

/**
 * The `unknown` block when the notebook's network settings are not in the snapshot.
 *
 * @param notebook - the notebook
 */
export function notebookDataBlock(notebook: Notebook): RuleBlock | undefined {
  const what = notebook.missingData ?? (!notebook.directInternetAccess && !notebook.subnetId ? "DirectInternetAccess is Disabled but no SubnetId is recorded" : undefined);
  if (!what) return undefined;
  return {
    code: "MISSING_DATA",
    message: fill(meta.codes.MISSING_DATA, { notebook: notebook.id, what }),
    rule: { kind: "implicit", ref: notebook.id, text: what },
    fix: `add the output of aws sagemaker describe-notebook-instance --notebook-instance-name ${notebook.name ?? notebook.id}`,
    unknown: true,
  };
}

/** Evidence text for the managed-network hop. */
export function managedNetworkEvidenceText(notebook: Notebook): string {
  return `${notebook.id} DirectInternetAccess Enabled: non-VPC traffic leaves through the SageMaker-managed network`;
}
