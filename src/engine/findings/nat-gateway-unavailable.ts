/**
 * Finding: a route that sends traffic to a NAT gateway in state `failed`, `deleting` or `deleted`.
 * Such a NAT gateway forwards nothing, so every subnet using the route table silently loses what the
 * route was for (usually all internet access).
 * AWS doc: https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import type { NatGateway, Route, RouteTable } from "../../model/types.js";
import { natGatewayPlan, planText } from "../fixes.js";
import { destinationText } from "../rules/route-selection.js";
import { routeDestinationArg } from "./support.js";
import { report, type Finding, type FindingMeta } from "./types.js";

export const meta: FindingMeta = {
  id: "nat-gateway-unavailable",
  severity: "high",
  docs: {
    description: "A route points at a NAT gateway that is failed or deleted, so the traffic it selects is dropped.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html",
  },
  message: "Route table {{table}} sends {{destination}} to NAT gateway {{nat}}, which is {{state}}",
};

/** NAT gateway states in which it forwards nothing and never will again. */
const DEAD_STATES = new Set(["failed", "deleting", "deleted"]);

/**
 * The NAT gateway a route of this table targets when that NAT gateway is dead, else undefined.
 *
 * @param index - lookups over the model
 * @param natGatewayId - a route's NAT gateway target
 */
export function deadNatGateway(index: ModelIndex, natGatewayId: string): NatGateway | undefined {
  const nat = index.model.natGateways.get(natGatewayId);
  return nat && DEAD_STATES.has(nat.state.toLowerCase()) ? nat : undefined;
}

function subnetsText(index: ModelIndex, table: RouteTable): string {
  const subnets = index.subnetsUsingRouteTable(table.id).map((subnet) => subnet.id);
  return subnets.length > 0 ? `Subnets using ${table.id}: ${subnets.join(", ")}.` : `No subnet uses ${table.id}.`;
}

/** Route to another NAT gateway of the VPC, after building what it still lacks (fixes.ts natGatewayPlan). */
function replacementFix(index: ModelIndex, table: RouteTable, route: Route): string {
  const users = index.subnetsUsingRouteTable(table.id);
  const plan = natGatewayPlan(index, table.vpcId, users[0]?.availabilityZone, users[0]?.id);
  const replace = `\`aws ec2 replace-route --route-table-id ${table.id} ${routeDestinationArg(route)} --nat-gateway-id ${plan.natId}\``;
  return `${planText(plan, replace)}.`.replace(/^./, (first) => first.toUpperCase());
}

/**
 * Reports every route whose NAT gateway target is failed, deleting or deleted. High when a subnet
 * uses the route table, low otherwise.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const table of index.model.routeTables.values()) {
    for (const route of table.routes) {
      if (route.target.kind !== "nat") continue;
      const nat = deadNatGateway(index, route.target.id);
      if (!nat) continue;
      const used = index.subnetsUsingRouteTable(table.id).length > 0;
      findings.push(
        report(meta, {
          resource: table.id,
          data: { table: table.id, destination: destinationText(route), nat: nat.id, state: nat.state },
          severity: used ? "high" : "low",
          detail: `Traffic to ${destinationText(route)} is dropped. ${subnetsText(index, table)}`,
          fix: replacementFix(index, table, route),
        }),
      );
    }
  }
  return findings;
}
