/**
 * Finding: a route in state `blackhole` — its target (a deleted NAT gateway, detached internet
 * gateway, deleted peering connection, terminated instance, …) is gone, so the route still matches
 * and drops what it selects instead of letting a less specific route carry it. Routes to a NAT
 * gateway that is still listed as failed or deleted are reported by `nat-gateway-unavailable`.
 * AWS doc: https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html#route-table-routes
 */
import type { ModelIndex } from "../../model/indexes.js";
import { deadNatGateway } from "./nat-gateway-unavailable.js";
import { destinationText } from "../rules/route-selection.js";
import { routeDestinationArg } from "./support.js";
import { report, type Finding, type FindingMeta } from "./types.js";

export const meta: FindingMeta = {
  id: "route-blackhole",
  severity: "medium",
  docs: {
    description: "A route whose target no longer exists drops the traffic it matches.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html#route-table-routes",
  },
  message: "Route table {{table}} has a blackhole route for {{destination}} (target {{target}})",
};

/**
 * Reports every blackhole route, medium when a subnet uses its table and low otherwise.
 *
 * @param index - lookups over the model under audit
 */
export function check(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const table of index.model.routeTables.values()) {
    for (const route of table.routes) {
      if (route.state !== "blackhole") continue;
      if (route.target.kind === "nat" && deadNatGateway(index, route.target.id)) continue;
      const target = "id" in route.target ? route.target.id : route.target.kind;
      const subnets = index.subnetsUsingRouteTable(table.id).map((subnet) => subnet.id);
      findings.push(
        report(meta, {
          resource: table.id,
          data: { table: table.id, destination: destinationText(route), target },
          severity: subnets.length > 0 ? "medium" : "low",
          detail:
            `Traffic to ${destinationText(route)} from ` +
            (subnets.length > 0 ? `subnets ${subnets.join(", ")}` : "subnets using this table (none now)") +
            ` is dropped because ${target} no longer exists.`,
          fix:
            `Delete it (\`aws ec2 delete-route --route-table-id ${table.id} ${routeDestinationArg(route)}\`) or point ` +
            `it at a live target with \`aws ec2 replace-route --route-table-id ${table.id} ${routeDestinationArg(route)} …\`.`,
        }),
      );
    }
  }
  return findings;
}
