/**
 * Gateway route tables (ingress routing): a route table associated with an internet gateway or a
 * virtual private gateway (`Associations[].GatewayId`) decides where traffic entering the VPC through
 * that gateway goes — inbound connections and the replies to connections made through it alike.
 * Its routes may target only `local`, a Gateway Load Balancer endpoint (Network Firewall endpoints
 * are of this kind) or a middlebox's network interface, for the VPC's or a subnet's CIDR. `local`
 * delivers as usual; an appliance target puts a component vpcreach does not model on the path
 * (unknown, naming it); a blackhole route drops the traffic.
 * AWS: https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html
 */
import type { IntervalSet } from "../../net/index.js";
import type { ModelIndex } from "../../model/indexes.js";
import type { Route, RouteTable, RouteTarget } from "../../model/types.js";
import type { Evidence } from "../verdict.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";
import { destinationText, routeEvidence, targetText, type RouteSelection } from "./route-selection.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "gateway-route-table",
  docs: {
    description: "Gateway route tables: where traffic entering through an internet or virtual private gateway goes (local, an appliance, or a blackhole).",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html",
  },
  codes: {
    UNSUPPORTED_COMPONENT: "{gateway}'s gateway route table {table} sends {what} to {appliance} {id}, which vpcreach does not model",
    BAD_STATE_ROUTE: "{gateway}'s gateway route table {table} drops {what}: route {route} is a blackhole",
  },
} satisfies RuleMeta;

/** What the gateway route table decided: the evidence when it delivers locally, else the block at the table. */
export type GatewayRouteDecision = { evidence: Evidence[] } | { block: RuleBlock; tableId: string };

/** How a gateway route table's appliance target is named. */
function applianceName(target: RouteTarget, endpointType: (id: string) => string | undefined): string {
  if (target.kind === "network-interface" || target.kind === "instance") return "the middlebox appliance";
  if (target.kind === "gateway-endpoint" || target.kind === "gwlb-endpoint") {
    return endpointType(target.id) === "Gateway" ? "gateway endpoint" : "the Gateway Load Balancer or Network Firewall endpoint";
  }
  return "the target";
}

/** The command that gives a gateway route table's route back to local delivery. */
function restoreLocal(tableId: string, route: Route): string {
  const destination = `--destination-cidr-block ${destinationText(route)}`;
  // The VPC-CIDR route is the local route retargeted: it can only be restored; a subnet route is deleted.
  return route.origin === "CreateRouteTable"
    ? `aws ec2 replace-route --route-table-id ${tableId} ${destination} --local-target`
    : `aws ec2 delete-route --route-table-id ${tableId} ${destination}`;
}

/**
 * Decides the fate of traffic entering through a gateway, given its gateway route table's selection
 * for the traffic's (private) destination addresses.
 *
 * @param table - the gateway route table
 * @param gatewayId - the gateway the traffic enters through
 * @param selection - the table's route selection for the destination addresses
 * @param what - the traffic, for messages (e.g. `the replies to 10.0.1.5`)
 * @param endpointType - the `VpcEndpointType` of an endpoint id, undefined when not in the snapshot
 */
export function decideGatewayRoute(
  table: RouteTable,
  gatewayId: string,
  selection: RouteSelection,
  what: string,
  endpointType: (id: string) => string | undefined,
): GatewayRouteDecision {
  const evidence: Evidence[] = [];
  for (const part of selection.parts) {
    const route = part.route;
    // The local route of a gateway route table cannot be deleted, only retargeted: no match is local.
    if (!route) continue;
    const plain = routeEvidence(table.id, route);
    const used: Evidence = { ...plain, text: `${plain.text} (gateway route table of ${gatewayId})` };
    if (route.state === "blackhole") {
      return {
        tableId: table.id,
        block: {
          code: "BAD_STATE_ROUTE",
          message: fill(meta.codes.BAD_STATE_ROUTE, { gateway: gatewayId, table: table.id, what, route: used.text.split(" (")[0] ?? used.text }),
          rule: used,
          fix: `${restoreLocal(table.id, route)}, or point the route at a working appliance`,
        },
      };
    }
    if (route.target.kind !== "local") {
      return {
        tableId: table.id,
        block: {
          code: "UNSUPPORTED_COMPONENT",
          message: fill(meta.codes.UNSUPPORTED_COMPONENT, { gateway: gatewayId, table: table.id, what, appliance: applianceName(route.target, endpointType), id: targetText(route.target) }),
          rule: used,
          fix: `check that ${targetText(route.target)} passes ${what} (its firewall rules, or Reachability Analyzer), or route ${used.text.split(" → ")[0]} in ${table.id} to local`,
          unknown: true,
        },
      };
    }
    evidence.push(used);
  }
  return { evidence };
}

/**
 * Decides the fate of traffic entering through a gateway: no gateway route table means the VPC's
 * local routing, as without ingress routing.
 *
 * @param index - the model's index (which table each gateway is associated with)
 * @param gatewayId - the gateway
 * @param destinations - the traffic's private destination addresses inside the VPC
 * @param what - the traffic, for messages
 * @param routes - the route selection of the engine's context
 */
export function checkGatewayIngress(
  index: ModelIndex,
  gatewayId: string,
  destinations: IntervalSet,
  what: string,
  routes: (table: RouteTable, destinations: IntervalSet) => RouteSelection,
): GatewayRouteDecision {
  const table = index.routeTableOfGateway(gatewayId);
  if (!table) return { evidence: [] };
  return decideGatewayRoute(table, gatewayId, routes(table, destinations), what, (id) => index.model.vpcEndpoints.get(id)?.type);
}
