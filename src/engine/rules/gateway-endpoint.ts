/**
 * Gateway endpoints (S3, DynamoDB): traffic reaches them through a `pl-… → vpce-…` route in the
 * subnet's route table; same Region only (the prefix list is the Region's); TCP and ICMP echo only;
 * the endpoint must be `available`. The endpoint policy can deny requests: the engine reads a policy
 * that allows everything (or none) as open; any other policy is not evaluated (principals, actions
 * and resources are not network facts), so the verdict stays reachable with a warning
 * (VPCE_POLICY_RESTRICTION) — the network path is proven, the request may still be denied.
 * A gateway endpoint serves only its own VPC: traffic from another VPC (over a transit gateway,
 * before any NAT) cannot use it ("endpoint connections cannot be extended out of a VPC"). Traffic
 * of the endpoint's own VPC that a transit gateway routed back into it (a route to the attachment it
 * came from) reaches the endpoint, but its replies come back by the VPC's local route, not through
 * the transit gateway: `unknown` (rules/transit-gateway-hairpin.ts).
 * AWS: https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
 */
import type { IntervalSet } from "../../net/index.js";
import type { VpcEndpoint } from "../../model/types.js";
import type { PacketClass } from "../packet.js";
import { ICMP_ECHO_REQUEST } from "../packet.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "gateway-endpoint",
  docs: {
    description: "Gateway endpoint: prefix-list route, available, TCP/ICMP echo only, same Region, policy read if allow-all.",
    url: "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
  },
  codes: {
    BAD_STATE: "{endpoint} is {state}, not available",
    VPCE_GATEWAY_PROTOCOL_RESTRICTION: "gateway endpoint {endpoint} accepts only TCP and ICMP echo, not {protocol}",
    VPCE_POLICY_RESTRICTION: "the policy of {endpoint} is not allow-all; it may deny some requests",
    GATEWAY_REJECTS_SPOOFED_TRAFFIC: "gateway endpoint {endpoint} serves only {vpc}; traffic from {source}, outside it, cannot use it",
  },
} satisfies RuleMeta;

/**
 * Checks state and protocol of a gateway endpoint.
 *
 * @param endpoint - the endpoint
 * @param cls - the packets' class
 */
export function checkGatewayEndpoint(endpoint: VpcEndpoint, cls: PacketClass): RuleBlock | undefined {
  const state = endpoint.state.toLowerCase();
  if (state !== "available") {
    return {
      code: "BAD_STATE",
      message: fill(meta.codes.BAD_STATE, { endpoint: endpoint.id, state: endpoint.state }),
      rule: { kind: "state", ref: endpoint.id, text: `${endpoint.id} state ${endpoint.state}` },
      fix: `recreate ${endpoint.id} (or accept it) so it is available`,
    };
  }
  const ok = cls.protocol === "tcp" || (cls.protocol === "icmp" && cls.icmpType === ICMP_ECHO_REQUEST);
  if (!ok) {
    const protocol = typeof cls.protocol === "number" ? `protocol ${cls.protocol}` : cls.protocol;
    return {
      code: "VPCE_GATEWAY_PROTOCOL_RESTRICTION",
      message: fill(meta.codes.VPCE_GATEWAY_PROTOCOL_RESTRICTION, { endpoint: endpoint.id, protocol }),
      rule: { kind: "implicit", ref: endpoint.id, text: `${endpoint.id} accepts tcp and icmp echo only` },
      fix: "use TCP (HTTPS) to reach the service",
    };
  }
  return undefined;
}

/**
 * Checks that the sender is inside the endpoint's VPC (a gateway endpoint is not reachable from
 * other VPCs, networks or the internet).
 *
 * @param endpoint - the endpoint
 * @param sources - the packets' source addresses
 * @param vpcAddresses - the endpoint's VPC's CIDRs
 * @param sourceText - the sources, for the message
 */
export function checkEndpointSource(endpoint: VpcEndpoint, sources: IntervalSet, vpcAddresses: IntervalSet, sourceText: string): RuleBlock | undefined {
  if (vpcAddresses.covers(sources)) return undefined;
  return {
    code: "GATEWAY_REJECTS_SPOOFED_TRAFFIC",
    message: fill(meta.codes.GATEWAY_REJECTS_SPOOFED_TRAFFIC, { endpoint: endpoint.id, vpc: endpoint.vpcId, source: sourceText }),
    rule: { kind: "implicit", ref: endpoint.id, text: `${endpoint.id} serves ${endpoint.vpcId} only` },
    fix: `send the traffic through a NAT gateway in ${endpoint.vpcId} first (its route table then reaches ${endpoint.id}), or create a gateway endpoint in the sender's own VPC`,
  };
}

/**
 * True when the policy is absent or allows every principal, action and resource with no Deny.
 *
 * @param policyDocument - the endpoint policy JSON text
 */
export function policyAllowsAll(policyDocument: string | undefined): boolean {
  if (!policyDocument) return true;
  let doc: unknown;
  try {
    doc = JSON.parse(policyDocument);
  } catch {
    return false;
  }
  const statements = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  const star = (v: unknown): boolean => v === "*" || (Array.isArray(v) && v.includes("*"));
  let allowAll = false;
  for (const s of list as Record<string, unknown>[]) {
    if (s.Effect === "Deny") return false;
    if (s.Condition !== undefined || s.NotAction !== undefined || s.NotResource !== undefined || s.NotPrincipal !== undefined) continue;
    const principal = s.Principal;
    const everyone = principal === "*" || (typeof principal === "object" && principal !== null && star((principal as { AWS?: unknown }).AWS));
    if (s.Effect === "Allow" && everyone && star(s.Action) && star(s.Resource)) allowAll = true;
  }
  return allowAll;
}

const openPolicies = new WeakMap<VpcEndpoint, boolean>();

/**
 * The warning for a policy the engine does not evaluate, or undefined for an allow-all policy.
 *
 * @param endpoint - the endpoint
 */
export function policyWarning(endpoint: VpcEndpoint): string | undefined {
  let open = openPolicies.get(endpoint);
  if (open === undefined) {
    open = policyAllowsAll(endpoint.policyDocument);
    openPolicies.set(endpoint, open);
  }
  if (open) return undefined;
  return `VPCE_POLICY_RESTRICTION: ${fill(meta.codes.VPCE_POLICY_RESTRICTION, { endpoint: endpoint.id })} (policies are not evaluated; the network path is open)`;
}
