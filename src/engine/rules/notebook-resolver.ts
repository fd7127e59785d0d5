/**
 * Which DNS resolver a SageMaker notebook instance with `DirectInternetAccess: Enabled` and a
 * `SubnetId` asks. Such an instance has two network interfaces: one in the SageMaker-managed VPC
 * (internet access) and one in the customer subnet. AWS documents where its traffic goes by address
 * ("Traffic within your VPC's CIDR goes through elastic network interface created in your VPC. All the
 * other traffic goes through the network interface created by SageMaker AI"; "traffic to interface VPC
 * endpoints still goes through your VPC"), not which resolver answers its names: the customer VPC's
 * Route 53 Resolver (private hosted zones associated with the VPC, interface endpoints' private DNS)
 * or the managed VPC's (the public answers). Where the customer VPC's resolver gives a service's
 * default name another answer than the public one, the verdict is `unknown`; where both give the
 * public answer, the definite verdict stands. A notebook without a subnet has only the managed
 * network's resolver; one with direct internet access disabled has only its VPC's. A Studio app of
 * a PublicInternetOnly domain is in the same place (an ENI in the domain's subnet for EFS, the rest
 * through the managed VPC; nothing names its resolver): asked the same. Jobs and models without
 * `VpcConfig` have no subnet.
 * AWS: https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html and
 * https://docs.aws.amazon.com/sagemaker/latest/dg/studio-notebooks-and-internet-access.html
 */
import type { Vpc, VpcEndpoint } from "../../model/types.js";
import type { SageMakerEgress } from "./sagemaker-workload.js";
import { defaultNameResolution } from "./private-dns.js";
import type { ZoneAnswer } from "./private-hosted-zone.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "notebook-resolver",
  docs: {
    description: "A direct-internet notebook (or PublicInternetOnly Studio app) in a subnet: which resolver answers a service's name is undocumented, so it is unknown where its VPC's and the public answers differ.",
    url: "https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html",
  },
  codes: {
    UNKNOWN_DESTINATION:
      "AWS does not document which DNS resolver {label} {id} ({setting}) asks for {name}: the Route 53 Resolver of {vpc} answers {vpcAnswer}, the SageMaker-managed network's resolver the service's public addresses",
  },
} satisfies RuleMeta;

/**
 * Why a service's default name is undecided for a source, or undefined when one resolver is
 * documented for it or both give the public answer.
 *
 * @param egress - the source's SageMaker settings (undefined for a source that is not SageMaker's)
 * @param vpcId - the source's VPC
 * @param name - the service's default DNS name
 * @param vpcResolverAnswer - what the VPC's resolver answers, when not the public addresses (undefined:
 *   public); asked only for a direct-internet notebook in a subnet, so other sources pay nothing for it
 */
export function undocumentedResolver(egress: SageMakerEgress | undefined, vpcId: string | undefined, name: string, vpcResolverAnswer: () => string | undefined): string | undefined {
  if (!egress?.directInternetAccess || !egress.subnetId || !vpcId) return undefined;
  const vpcAnswer = vpcResolverAnswer();
  if (vpcAnswer === undefined) return undefined;
  return fill(meta.codes.UNKNOWN_DESTINATION, { label: egress.label, id: egress.id, setting: egress.setting, name, vpc: vpcId, vpcAnswer });
}

/**
 * What the source VPC's resolver answers for a service's default name when it is not the public
 * addresses (undefined when it is): a private hosted zone's answer, or the VPC's own endpoint by its
 * private DNS (also when the VPC's DNS attributes are not known, or its records are IPv6 only).
 *
 * @param answer - the private hosted zones' answer for the name in the source VPC
 * @param endpoint - the source VPC's own interface endpoint for the service, if any
 * @param endpointVpc - that endpoint's VPC (its DNS attributes decide whether private DNS answers)
 * @param gatewayEndpointInVpc - whether that VPC has a gateway endpoint for the service (private-dns)
 */
export function vpcResolverAnswer(answer: ZoneAnswer, endpoint: VpcEndpoint | undefined, endpointVpc: Vpc | undefined, gatewayEndpointInVpc: () => boolean): string | undefined {
  if (answer.kind === "endpoint") return `${answer.endpoint.id} through ${answer.zone.id}`;
  if (answer.kind === "nxdomain") return `NXDOMAIN from ${answer.zone.id}`;
  if (answer.kind !== "none") return `from ${answer.zone?.id ?? "a private hosted zone"} (${answer.message})`;
  if (!endpoint || defaultNameResolution(endpoint, endpointVpc, gatewayEndpointInVpc).resolution === "public") return undefined;
  return `${endpoint.id} by its private DNS`;
}
