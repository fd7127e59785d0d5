/**
 * SageMaker notebook instances, and every SageMaker source with SageMaker's managed internet access
 * (Studio `PublicInternetOnly`, jobs and models without `VpcConfig`, see sagemaker-workload). With
 * `DirectInternetAccess: Enabled` the instance also has an ENI in
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
import type { SageMakerEgress } from "./sagemaker-workload.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "sagemaker-notebook",
  docs: {
    description: "Notebook egress: managed network for non-VPC addresses with direct internet access, else the customer subnet.",
    url: "https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html",
  },
  codes: {
    SAGEMAKER_NO_VPC: "{label} {id} has no VPC subnet, so it cannot reach addresses inside a customer VPC",
    NO_POSSIBLE_DESTINATION: "the SageMaker-managed network only reaches public addresses, not {what}",
  },
} satisfies RuleMeta;

/** The managed-network sink's component id. */
export const MANAGED_NETWORK = "sagemaker-managed-network";

/**
 * A notebook instance's settings as the path search reads them. Its settings are missing when it was
 * only listed, or when `DirectInternetAccess` is Disabled without a `SubnetId`.
 *
 * @param notebook - the notebook
 */
export function notebookEgress(notebook: Notebook): SageMakerEgress {
  const what = notebook.missingData ?? (!notebook.directInternetAccess && !notebook.subnetId ? "DirectInternetAccess is Disabled but no SubnetId is recorded" : undefined);
  return {
    id: notebook.id,
    label: "notebook",
    directInternetAccess: notebook.directInternetAccess,
    subnetId: notebook.subnetId,
    networkIsolation: false,
    setting: `DirectInternetAccess ${notebook.directInternetAccess ? "Enabled" : "Disabled"}, SubnetId ${notebook.subnetId ?? "none"}`,
    missing: what ? { what, fix: `add the output of aws sagemaker describe-notebook-instance --notebook-instance-name ${notebook.name ?? notebook.id}` } : undefined,
  };
}

/**
 * Splits destinations of a SageMaker source between the managed network and its customer ENI.
 *
 * @param egress - the source's settings
 * @param destinations - destination addresses
 * @param vpcCidrs - the CIDRs of the source's VPC (empty without a VPC)
 */
export function notebookEgressSplit(egress: SageMakerEgress, destinations: IntervalSet, vpcCidrs: IntervalSet): { managed: IntervalSet; customer: IntervalSet } {
  if (!egress.directInternetAccess) return { managed: IntervalSet.EMPTY, customer: destinations };
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
 * @param egress - the source's settings
 * @param what - the destinations
 */
export function managedNetworkBlock(egress: SageMakerEgress, what: string): RuleBlock {
  return {
    code: egress.subnetId ? "NO_POSSIBLE_DESTINATION" : "SAGEMAKER_NO_VPC",
    message: egress.subnetId ? fill(meta.codes.NO_POSSIBLE_DESTINATION, { what }) : fill(meta.codes.SAGEMAKER_NO_VPC, { label: egress.label, id: egress.id }),
    rule: { kind: "attribute", ref: egress.id, text: `${egress.id} ${egress.setting}` },
    fix: egress.subnetId
      ? `address private destinations from inside the ${egress.label}'s VPC (peering or VPN)`
      : `recreate ${egress.label} ${egress.id} in a subnet of the destination's VPC (${egress.label === "notebook" ? "SubnetId" : "VpcConfig"})`,
  };
}

/**
 * Evidence text for the managed-network hop.
 *
 * @param egress - the source's settings
 */
export function managedNetworkEvidenceText(egress: SageMakerEgress): string {
  return `${egress.id} ${egress.setting}: non-VPC traffic leaves through the SageMaker-managed network`;
}
