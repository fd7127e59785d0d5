/**
 * Private DNS of interface endpoints: with `PrivateDnsEnabled` and the VPC's `enableDnsSupport` and
 * `enableDnsHostnames` on, the service's default name resolves to the endpoint's ENIs. Otherwise the
 * default name resolves to the service's public addresses, and only the endpoint's own DNS name
 * (`vpce-….<service>.<region>.vpce.amazonaws.com`, which resolves anywhere) reaches the endpoint.
 * An S3 interface endpoint with `DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint` answers the
 * default name only for inbound Resolver endpoints (on-premises): inside the VPC the name resolves
 * to S3's public addresses, carried by the gateway endpoint. `DnsRecordIpType: ipv6` gives the
 * default name IPv6 records only, which the engine does not model (unknown). The option requires a
 * gateway endpoint for the service in the VPC; when the snapshot does not say it (an AWS CLI older
 * than the option prints `DnsOptions` without it; a plan that leaves it to apply) and the VPC has
 * one, the name may resolve either way (`either`: the verdict stands only where both give it).
 * When the VPC attributes are not in the snapshot the engine does not assume AWS's defaults; it uses
 * the fact that AWS enables private DNS only while both attributes are on: it follows the endpoint
 * and says so in a warning, and answers unknown when the public resolution would change the verdict.
 * AWS: https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html and, for S3,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#private-dns
 */
import type { ModelIndex } from "../../model/indexes.js";
import type { Vpc, VpcEndpoint } from "../../model/types.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "private-dns",
  docs: {
    description: "Where a service's default DNS name resolves: to the interface endpoint (private DNS) or to public addresses.",
    url: "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns",
  },
  codes: {
    VPCE_PRIVATE_DNS_DISABLED: "the default name {name} {does} resolve to {endpoint} ({why})",
  },
} satisfies RuleMeta;

/**
 * `endpoint`: the default name resolves to the endpoint; `public`: to the service's public addresses;
 * `unknown`: depends on VPC attributes not in the snapshot; `ipv6`: to IPv6 addresses only, not modelled;
 * `either`: to the endpoint or to the public addresses, as `PrivateDnsOnlyForInboundResolverEndpoint`
 * (not in the snapshot) says.
 */
export type Resolution = "endpoint" | "public" | "unknown" | "ipv6" | "either";

export interface DnsDecision {
  resolution: Resolution;
  /** Why, when not `endpoint`. */
  why: string | undefined;
}

/**
 * Why the default name skips an S3 interface endpoint whose private DNS serves only inbound Resolver
 * endpoints: names resolved inside the VPC get S3's public addresses, which the gateway endpoint's
 * route carries (AWS requires a gateway endpoint for this option).
 */
export const INBOUND_ONLY = "PrivateDnsOnlyForInboundResolverEndpoint is on: names resolved inside the VPC go to the gateway endpoint, and only on-premises clients (through an inbound Resolver endpoint) get the interface endpoint";

/** Why the default name may go either way: the option is not in the snapshot and a gateway endpoint could serve it. */
export const INBOUND_UNKNOWN = "DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint is not in the snapshot (an AWS CLI older than the option does not print it) and the VPC has a gateway endpoint for the service: names resolved inside the VPC go to the gateway endpoint if it is on, to the interface endpoint if it is off";

/**
 * Where the default service name resolves inside the endpoint's VPC.
 *
 * @param endpoint - the interface endpoint
 * @param vpc - its VPC (undefined when not in the snapshot)
 * @param gatewayEndpointInVpc - whether the endpoint's VPC has a gateway endpoint for its service
 *   (asked only when `PrivateDnsOnlyForInboundResolverEndpoint` is not in the snapshot)
 */
export function defaultNameResolution(endpoint: VpcEndpoint, vpc: Vpc | undefined, gatewayEndpointInVpc: () => boolean): DnsDecision {
  if (!endpoint.privateDnsEnabled) return { resolution: "public", why: "PrivateDnsEnabled is false" };
  const inboundOnly = endpoint.dnsOptions?.privateDnsOnlyForInboundResolverEndpoint;
  if (inboundOnly) return { resolution: "public", why: INBOUND_ONLY };
  if (inboundOnly === undefined && gatewayEndpointInVpc()) return { resolution: "either", why: INBOUND_UNKNOWN };
  if (endpoint.dnsOptions?.dnsRecordIpType === "ipv6") return { resolution: "ipv6", why: "DnsRecordIpType is ipv6: the endpoint's private DNS records are IPv6 (AAAA) only" };
  if (vpc?.enableDnsSupport === false) return { resolution: "public", why: `enableDnsSupport is false on ${vpc.id}` };
  if (vpc?.enableDnsHostnames === false) return { resolution: "public", why: `enableDnsHostnames is false on ${vpc.id}` };
  if (!vpc || vpc.enableDnsSupport === undefined || vpc.enableDnsHostnames === undefined) {
    return { resolution: "unknown", why: `the DNS attributes of ${endpoint.vpcId} are not in the snapshot (describe-vpc-attribute)` };
  }
  return { resolution: "endpoint", why: undefined };
}

/**
 * The endpoint-specific URL (regional DNS entry, the one without an AZ prefix).
 *
 * @param endpoint - the interface endpoint
 */
export function endpointUrl(endpoint: VpcEndpoint): string | undefined {
  const names = endpoint.dnsEntries.map((d) => d.dnsName).filter((n) => n.startsWith(endpoint.id) || n.startsWith("vpce-"));
  // Zonal names look like `vpce-…-xyz-us-east-1a.service.region.vpce.amazonaws.com`.
  const regional = names.find((n) => !/-[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/.test(n.split(".")[0] ?? "")) ?? names[0];
  return regional ? `https://${regional.replace(/^\*\./, "")}` : undefined;
}

/**
 * The message for the private-DNS-off case.
 *
 * @param endpoint - the endpoint
 * @param why - the reason the default name does not resolve to it
 * @param name - the default name
 * @param unknown - true when the VPC's DNS attributes are not known
 */
export function privateDnsMessage(endpoint: VpcEndpoint, why: string, name: string, unknown = false): string {
  return fill(meta.codes.VPCE_PRIVATE_DNS_DISABLED, { endpoint: endpoint.id, why, name, does: unknown ? "may not" : "does not" });
}

/**
 * The default DNS name of a service, e.g. `runtime.sagemaker.us-east-1.amazonaws.com`.
 *
 * @param service - the short service name (`sagemaker.runtime`, `s3`, `sts`)
 * @param region - the Region
 */
export function defaultServiceName(service: string, region: string): string {
  if (service === "sagemaker.runtime") return `runtime.sagemaker.${region}.amazonaws.com`;
  if (service === "sagemaker.api") return `api.sagemaker.${region}.amazonaws.com`;
  if (service === "notebook" || service === "sagemaker.notebook") return `*.notebook.${region}.sagemaker.aws`;
  if (service === "studio" || service === "sagemaker.studio") return `*.studio.${region}.sagemaker.aws`;
  return `${service}.${region}.amazonaws.com`;
}

/**
 * Whether a VPC has a gateway endpoint for the interface endpoint's service (S3, DynamoDB): what
 * `PrivateDnsOnlyForInboundResolverEndpoint` requires. Read from the endpoint's VPC's endpoints, not
 * a pass over every endpoint: queries ask it for each notebook and service with an endpoint, and a
 * large estate holds thousands of endpoints.
 *
 * @param index - the model's index (its endpoints by VPC)
 * @param endpoint - the interface endpoint
 */
export function hasGatewayEndpointFor(index: ModelIndex, endpoint: VpcEndpoint): boolean {
  for (const e of index.endpointsOfVpc(endpoint.vpcId)) if (e.type === "Gateway" && e.serviceName === endpoint.serviceName) return true;
  return false;
}
