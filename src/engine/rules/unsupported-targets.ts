/**
 * Route targets and components the engine does not model: virtual private
 * gateways, Gateway Load Balancer endpoints (and the Network Firewall behind them), routes to ENIs or
 * instances (appliances), and egress-only internet gateways (IPv6 only; an IPv4 route to one cannot
 * be followed). Traffic reaching one gets `unknown`, naming the component.
 * AWS: https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html
 */
import type { RouteTarget } from "../../model/types.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "unsupported-targets",
  docs: {
    description: "Route targets the engine does not follow (VGW, GWLB endpoint, ENI/instance, egress-only IGW): unknown.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html",
  },
  codes: {
    UNSUPPORTED_COMPONENT: "the route sends this traffic to {what} {id}, which vpcreach does not model",
  },
} satisfies RuleMeta;

const NAMES: Record<string, string> = {
  "vpn-gateway": "virtual private gateway",
  "gwlb-endpoint": "Gateway Load Balancer endpoint (e.g. Network Firewall)",
  "network-interface": "network interface (appliance)",
  instance: "instance (appliance)",
  "egress-only-igw": "egress-only internet gateway (IPv6 only)",
  other: "target",
};

/**
 * The `unknown` block for a target the engine does not model, or undefined for a modelled one.
 *
 * @param target - the route target
 * @param tableId - the route table holding the route
 */
export function unsupportedTarget(target: RouteTarget, tableId: string): RuleBlock | undefined {
  if (target.kind === "local" || target.kind === "igw" || target.kind === "nat" || target.kind === "gateway-endpoint" || target.kind === "peering" || target.kind === "transit-gateway") return undefined;
  const what = NAMES[target.kind] ?? target.kind;
  return {
    code: "UNSUPPORTED_COMPONENT",
    message: fill(meta.codes.UNSUPPORTED_COMPONENT, { what, id: target.id }),
    rule: { kind: "route", ref: tableId, text: `route target ${target.id} (${what})` },
    unknown: true,
  };
}
