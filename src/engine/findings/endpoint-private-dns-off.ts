/**
 * Finding: an interface endpoint for an AWS service whose private DNS does not work — either
 * `PrivateDnsEnabled` is off, or the VPC lacks `enableDnsSupport`/`enableDnsHostnames`, which private
 * DNS needs. The service's default name (e.g. `runtime.sagemaker.<region>.amazonaws.com`) then
 * resolves to public addresses, and clients reach the endpoint only with `--endpoint-url`.
 * AWS doc: https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns
 */
import type { ModelIndex } from "../../model/indexes.js";
import type { VpcEndpoint } from "../../model/types.js";
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

/** The endpoint's regional DNS name (the one without an AZ), for `--endpoint-url`. */
export function endpointDnsName(endpoint: VpcEndpoint): string | undefined {
  const names = endpoint.dnsEntries.map((entry) => entry.dnsName.replace(/^\*\./, "")).filter((name) => name.startsWith("vpce-"));
  return names.sort((a, b) => a.length - b.length)[0];
}

/** Why private DNS does not work for this endpoint, or undefined when it does (or cannot be told). */
function privateDnsProblem(index: ModelIndex, endpoint: VpcEndpoint): { why: string; fix: string } | undefined {
  if (!endpoint.privateDnsEnabled) {
    return {
      why: "PrivateDnsEnabled is false",
      fix: `\`aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${endpoint.id} --private-dns-enabled\``,
    };
  }
  const vpc = index.model.vpcs.get(endpoint.vpcId);
  const off = [
    vpc?.enableDnsSupport === false ? "enableDnsSupport" : undefined,
    vpc?.enableDnsHostnames === false ? "enableDnsHostnames" : undefined,
  ].filter((name): name is string => name !== undefined);
  if (off.length === 0) return undefined;
  return {
    why: `private DNS is enabled but VPC ${endpoint.vpcId} has ${off.join(" and ")} off`,
    fix: off
      .map((name) => `\`aws ec2 modify-vpc-attribute --vpc-id ${endpoint.vpcId} --${name === "enableDnsSupport" ? "enable-dns-support" : "enable-dns-hostnames"} '{"Value":true}'\``)
      .join(" and "),
  };
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
    const problem = privateDnsProblem(index, endpoint);
    if (!problem) continue;
    const dnsName = endpointDnsName(endpoint);
    findings.push(
      report(meta, {
        resource: endpoint.id,
        data: { endpoint: endpoint.id, service: endpoint.serviceName },
        detail:
          `${problem.why}, so the service's default name resolves to public addresses and traffic goes to the ` +
          "NAT gateway (or nowhere) instead of the endpoint" +
          (dnsName ? `; clients must pass --endpoint-url https://${dnsName}.` : "."),
        fix: `${problem.fix}; until then use \`--endpoint-url https://${dnsName ?? `${endpoint.id}-….vpce.amazonaws.com`}\` in clients.`,
      }),
    );
  }
  return findings;
}
