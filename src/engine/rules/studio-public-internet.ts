/**
 * Studio apps of a domain with `AppNetworkAccessType: PublicInternetOnly`: AWS documents that
 * "non-EFS traffic is through a VPC managed by Amazon SageMaker AI, which allows direct internet
 * access" and that only "traffic between the domain and your Amazon EFS volume goes through the VPC"
 * of the domain; SageMaker API, runtime and S3 traffic "goes through an internet gateway" of the
 * managed VPC. Unlike notebook instances, whose page says traffic within the VPC's CIDR goes through
 * the ENI in the VPC, nothing says a Studio app reaches other addresses of its VPC (an instance, an
 * interface endpoint) through it, nor that the managed network reaches them. So where the walk
 * through the domain's subnet delivers to an address of its VPC other than by NFS (TCP 2049, the EFS
 * traffic), the answer is `unknown`: the managed network, where AWS says that traffic goes, reaches
 * no private address. Where the subnet path is blocked anyway, both ways fail and the verdict stands.
 * AWS: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateDomain.html (AppNetworkAccessType)
 * and https://docs.aws.amazon.com/sagemaker/latest/dg/studio-notebooks-and-internet-access.html
 */
import { IntervalSet } from "../../net/index.js";
import type { PacketClass } from "../packet.js";
import type { RuleBlock } from "./block.js";
import type { SageMakerEgress } from "./sagemaker-workload.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "studio-public-internet",
  docs: {
    description: "A PublicInternetOnly Studio app: only EFS traffic is documented through the domain's VPC, so other traffic to VPC addresses is unknown where that path would deliver it.",
    url: "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateDomain.html",
  },
  codes: {
    UNKNOWN_DESTINATION:
      "{label} {id} runs in a PublicInternetOnly domain: AWS documents only its EFS traffic (NFS, TCP 2049) through the domain's VPC and the rest through the SageMaker-managed VPC, which reaches no private address; the path through {subnet} would deliver {what}",
  },
} satisfies RuleMeta;

/** NFS, the protocol of the domain's EFS volume: the one traffic AWS documents through the domain's VPC. */
const NFS = IntervalSet.range(2049, 2049);

/**
 * True when AWS documents the traffic through the domain's VPC: any source but a PublicInternetOnly
 * Studio app, or NFS to the EFS volume.
 *
 * @param egress - the source's SageMaker settings
 * @param cls - the packets
 */
export function vpcPathDocumented(egress: SageMakerEgress, cls: PacketClass): boolean {
  if (!egress.efsOnlyVpc) return true;
  return cls.protocol === "tcp" && cls.ports !== undefined && NFS.covers(cls.ports);
}

/**
 * The `unknown` block for what the path through the domain's subnet would deliver.
 *
 * @param egress - the Studio app's settings
 * @param what - the destinations, described
 */
export function undocumentedVpcPath(egress: SageMakerEgress, what: string): RuleBlock {
  return {
    code: "UNKNOWN_DESTINATION",
    message: fill(meta.codes.UNKNOWN_DESTINATION, { label: egress.label, id: egress.id, subnet: egress.subnetId ?? "its subnet", what }),
    rule: { kind: "attribute", ref: egress.id, text: egress.setting },
    fix: `to reach addresses of the VPC from Studio as documented, set the domain's AppNetworkAccessType to VpcOnly (through its subnets, with a NAT gateway or endpoints for what else it needs)`,
    unknown: true,
  };
}
