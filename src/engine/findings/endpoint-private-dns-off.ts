/**
 * Finding: an interface endpoint for an AWS service whose private DNS does not work — either
 * `PrivateDnsEnabled` is off, or the VPC lacks `enableDnsSupport`/`enableDnsHostnames`, which private
 * DNS needs. The service's default name (e.g. `runtime.sagemaker.<region>.amazonaws.com`) then
 * resolves to public addresses, and clients reach the endpoint only with `--endpoint-url`. An
 * endpoint a Route 53 private hosted zone aliases (a centralized endpoint) is resolved through that
 * zone instead and is not reported. When a zone associated with the endpoint's VPC covers the default
 * name, that zone (not the public DNS) answers it: the detail says so.
 * AWS doc: https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns
 */
import { shortServiceName } from "../../graph/index.js";
import type { ModelIndex } from "../../model/indexes.js";
import type { Vpc, VpcEndpoint } from "../../model/types.js";
import { defaultNameResolution, defaultServiceName, endpointUrl, hasGatewayEndpointFor } from "../rules/private-dns.js";
import { resolveInPrivateZones, zonesAliasing } from "../rules/private-hosted-zone.js";
import { isLiveEndpoint } from "./support.js";
import { report, type Finding, type FindingMeta } from "./types.js";

export const meta: FindingMeta = {
  id: "endpoint-private-dns-off",
  severity: "low",
  docs: {
    description:
      "Clients using the service's default DNS name bypass the endpoint; only its own vpce-… name reaches it.",
    url: "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns",
  },
  message: "Interface endpoint {{endpoint}} ({{service}}) is reachable only with --endpoint-url",
};

/** The commands that make private DNS work: turn it on for the endpoint, and the VPC attributes it needs. */
function dnsFixCommands(endpoint: VpcEndpoint, vpc: Vpc | undefined): string {
  const commands = [
    endpoint.privateDnsEnabled ? undefined : `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${endpoint.id} --private-dns-enabled`,
    vpc?.enableDnsSupport === false ? `aws ec2 modify-vpc-attribute --vpc-id ${vpc.id} --enable-dns-support '{"Value":true}'` : undefined,
    vpc?.enableDnsHostnames === false ? `aws ec2 modify-vpc-attribute --vpc-id ${vpc.id} --enable-dns-hostnames '{"Value":true}'` : undefined,
  ].filter((command): command is string => command !== undefined);
  return commands.map((command) => `\`${command}\``).join(" and ");
}

/**
 * Where the service's default name leads in the endpoint's VPC when the endpoint does not answer it:
 * a private hosted zone associated with the VPC and covering the name answers it (the engine's
 * resolution, `resolveInPrivateZones`), else the public DNS does.
 *
 * @param index - lookups over the model under audit
 * @param endpoint - the interface endpoint (service `com.amazonaws.REGION.SERVICE`)
 * @param vpc - its VPC, when in the snapshot
 */
function whereDefaultNameGoes(index: ModelIndex, endpoint: VpcEndpoint, vpc: Vpc | undefined): string {
  const region = endpoint.serviceName.split(".")[2] ?? "";
  const answer = vpc ? resolveInPrivateZones(index, vpc, defaultServiceName(shortServiceName(endpoint.serviceName), region)) : { kind: "none" as const };
  if (answer.kind === "none") return "the service's default name resolves to public addresses and traffic goes to the NAT gateway (or nowhere) instead of the endpoint";
  const zone = answer.zone ? `private hosted zone ${answer.zone.id} (${answer.zone.zoneName})` : "a private hosted zone";
  const leads = answer.kind === "endpoint" ? ` to ${answer.endpoint.id}` : answer.kind === "nxdomain" ? " with NXDOMAIN" : "";
  return `the service's default name is answered by ${zone}${leads}, not by this endpoint`;
}

/**
 * Reports every live interface endpoint for an AWS service whose private DNS is off or ineffective.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const endpoint of index.model.vpcEndpoints.values()) {
    if (endpoint.type !== "Interface" || !isLiveEndpoint(endpoint)) continue;
    // Private DNS exists only for AWS services; endpoint services of your own (com.amazonaws.vpce.…) may lack it.
    if (!endpoint.serviceName.startsWith("com.amazonaws.") || endpoint.serviceName.startsWith("com.amazonaws.vpce.")) continue;
    const vpc = index.model.vpcs.get(endpoint.vpcId);
    const dns = defaultNameResolution(endpoint, vpc, () => hasGatewayEndpointFor(index, endpoint));
    // "unknown" (VPC attributes not collected) is not a finding: the engine warns on the verdicts instead.
    if (dns.resolution !== "public") continue;
    // A centralized endpoint: private hosted zones alias it for the VPCs they are associated with.
    if (zonesAliasing(index.model, endpoint).length > 0) continue;
    const url = endpointUrl(endpoint);
    findings.push(
      report(meta, {
        resource: endpoint.id,
        data: { endpoint: endpoint.id, service: endpoint.serviceName },
        detail: `${dns.why ?? "Private DNS is off"}, so ${whereDefaultNameGoes(index, endpoint, vpc)}` + (url ? `; clients must pass --endpoint-url ${url}.` : "."),
        fix: `${dnsFixCommands(endpoint, vpc)}; until then use \`--endpoint-url ${url ?? `https://${endpoint.id}-….vpce.amazonaws.com`}\` in clients.`,
      }),
    );
  }
  return findings;
}
