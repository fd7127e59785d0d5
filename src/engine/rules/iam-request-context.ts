/**
 * The request context a proven network path gives an AWS API request, for the policies that test
 * the network: through a VPC endpoint the request carries `aws:SourceVpce`, `aws:SourceVpc` and
 * `aws:VpcSourceIp` (the caller's private IP) and no `aws:SourceIp`; over the public service endpoint
 * it carries `aws:SourceIp`, the public address it leaves from (the NAT gateway's Elastic IP, the
 * instance's public IP) and none of the VPC keys.
 * AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import type { Model } from "../../model/types.js";
import type { Hop, Verdict } from "../verdict.js";
import type { RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "iam-request-context",
  docs: {
    description: "Which network condition keys (aws:SourceVpce, aws:SourceVpc, aws:VpcSourceIp, aws:SourceIp) a request on a path carries.",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html",
  },
  codes: {},
} satisfies RuleMeta;

export interface RequestContext {
  /** The keys the request carries, with their values. */
  keys: Record<string, string>;
  /** Keys the request carries whose value the snapshot does not say (the policies that test them are undecidable). */
  unknownKeys: string[];
  /** How each key was found, one line each. */
  evidence: string[];
}

function endpointHop(verdict: Verdict): Hop | undefined {
  return verdict.path.find((hop) => hop.type === "gateway-endpoint" || hop.type === "interface-endpoint");
}

/** The source's private IP, from the path's network-interface hop and the model. */
function sourcePrivateIp(verdict: Verdict, model: Model): string | undefined {
  const eniHop = verdict.path.find((hop) => hop.type === "network-interface");
  const eni = eniHop ? model.networkInterfaces.get(eniHop.component) : undefined;
  return eni?.privateIps.find((a) => a.primary)?.privateIp ?? eni?.privateIps[0]?.privateIp;
}

/** The public address a request over the public endpoint leaves from, or why it is unknown. */
function publicSourceIp(verdict: Verdict, model: Model): { ip: string | undefined; how: string } {
  const nat = verdict.path.find((hop) => hop.type === "nat-gateway");
  if (nat) {
    const addresses = model.natGateways.get(nat.component)?.addresses ?? [];
    const ip = addresses.find((a) => a.publicIp)?.publicIp;
    const atApply = ip ? undefined : addresses.find((a) => a.publicIpAtApply)?.publicIpAtApply;
    return { ip, how: `the Elastic IP of ${nat.component}${atApply ? ` (${atApply})` : ""}` };
  }
  if (verdict.path.some((hop) => hop.type === "sagemaker-managed-network")) return { ip: undefined, how: "an address of SageMaker's own network (not in any snapshot)" };
  const igw = verdict.path.find((hop) => hop.type === "internet-gateway");
  const translated = igw?.outbound?.sourceAddresses[0]?.replace(/\/32$/, "");
  return { ip: translated, how: igw ? `the public IP the source has at ${igw.component}` : "no public address on the path" };
}

/**
 * The context keys of a request sent along a reachable path.
 *
 * @param verdict - a reachable verdict to an AWS service
 * @param model - the model (endpoint VPCs, NAT addresses, interface addresses)
 */
export function requestContext(verdict: Verdict, model: Model): RequestContext {
  const endpoint = endpointHop(verdict);
  if (endpoint) {
    const vpcId = model.vpcEndpoints.get(endpoint.component)?.vpcId;
    const privateIp = sourcePrivateIp(verdict, model);
    const keys: Record<string, string> = { "aws:SourceVpce": endpoint.component };
    if (vpcId) keys["aws:SourceVpc"] = vpcId;
    if (privateIp) keys["aws:VpcSourceIp"] = privateIp;
    return {
      keys,
      unknownKeys: [...(vpcId ? [] : ["aws:SourceVpc"]), ...(privateIp ? [] : ["aws:VpcSourceIp"])],
      evidence: [`through ${endpoint.component} (${endpoint.type}): aws:SourceVpce ${endpoint.component}${vpcId ? `, aws:SourceVpc ${vpcId}` : ""}${privateIp ? `, aws:VpcSourceIp ${privateIp}` : ""}; no aws:SourceIp`],
    };
  }
  const { ip, how } = publicSourceIp(verdict, model);
  return {
    keys: ip ? { "aws:SourceIp": ip } : {},
    unknownKeys: ip ? [] : ["aws:SourceIp"],
    evidence: [`over the public service endpoint: aws:SourceIp ${ip ?? "unknown"} (${how}); no aws:SourceVpce, aws:SourceVpc or aws:VpcSourceIp`],
  };
}
