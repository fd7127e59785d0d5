/**
 * Hop `route-table`: route selection in a subnet's route table (rules/route-selection.ts), then each
 * part of the destination goes to its route's target: the local route into the VPC, or a gateway,
 * endpoint or peering connection. Parts without a usable route stop here.
 */
import type { IntervalSet } from "../../net/index.js";
import type { RouteTable, RouteTarget, Subnet } from "../../model/types.js";
import { summarize } from "../packet.js";
import { requireData } from "../rules/missing-data.js";
import { selectServiceRoutes, type RouteSelection } from "../rules/route-selection.js";
import { unsupportedTarget } from "../rules/unsupported-targets.js";
import { noRouteFix } from "../fixes.js";
import { topologicalPath } from "../../graph/index.js";
import { extend, stop, type Env, type Outcome } from "../trace.js";
import type { ComponentType } from "../verdict.js";
import { routeHops, what } from "./shared.js";
import type { Handler, Step } from "./step.js";

/** Route selection in the subnet's table, then the chosen target for each part. */
export const routeTable: Handler<"route-table"> = (env, trace, { subnet, dst }, next) => {
  const { ctx } = env;
  const assoc = ctx.index.routeTableOfSubnet(subnet.id);
  if (!assoc) {
    const rb = requireData(ctx.model, subnet.scope, "routeTables", `the route table of ${subnet.id}`) ?? {
      code: "MISSING_DATA" as const,
      message: `no route table for ${subnet.id} (nor a main table for ${subnet.vpcId}) is in the snapshot`,
      rule: { kind: "implicit" as const, ref: subnet.id, text: `no route table association for ${subnet.id}` },
      unknown: true,
    };
    return [stop(trace, dst, subnet.id, "subnet", rb)];
  }
  const table = assoc.value;
  const selection = symbolicSelection(env, table, dst) ?? ctx.routes(table, dst);
  const out: Outcome[] = [];
  // Most selections leave no list unresolved: no filter (nor its array) then.
  const unresolved = selection.unresolvedPrefixLists.length === 0 ? selection.unresolvedPrefixLists : selection.unresolvedPrefixLists.filter((id) => !(env.dest.type === "internet" && serviceList(env, table, id)));
  if (unresolved.length > 0) {
    return [
      stop(trace, dst, table.id, "route-table", {
        code: "MISSING_DATA",
        message: `${table.id} routes prefix list ${unresolved.join(", ")}, whose entries are not in the snapshot`,
        rule: { kind: "route", ref: table.id, text: `${unresolved.join(", ")}: entries unknown` },
        fix: "add the output of aws ec2 describe-prefix-lists (or get-managed-prefix-list-entries) to the snapshot",
        unknown: true,
      }),
    ];
  }
  for (const part of selection.parts) {
    const r = part.route;
    if (!r) {
      const disconnected = disconnectedVpc(env, table.vpcId, part.addresses);
      out.push(
        stop(trace, part.addresses, table.id, "route-table", {
          code: disconnected ? "DISCONNECTED_VPCS" : "NO_ROUTE_TO_DESTINATION",
          message: `${disconnected ? `${table.vpcId} and ${disconnected} are not connected by any peering connection or gateway: ` : ""}${table.id} (${assoc.how === "main" ? "main table" : "explicitly associated"} for ${subnet.id}) has no route to ${what(env, part.addresses)}`,
          rule: { kind: "route", ref: table.id, text: `${table.id}: no route matches ${env.dest.type === "address" ? summarize(part.addresses, 3).join(", ") : `${env.dest.spec} (no 0.0.0.0/0 or other covering route)`}` },
          fix: disconnected ? `create a VPC peering connection between ${table.vpcId} and ${disconnected}, and add routes to each other's CIDRs on both sides` : noRouteFix(env, table, subnet, trace.publicIp),
        }),
      );
      continue;
    }
    const { evidence, forward: rtHop } = routeHops(ctx, table, r, assoc.how);
    if (part.ambiguousWith) {
      out.push(
        stop(trace, part.addresses, table.id, "route-table", {
          code: "HIGHER_PRIORITY_ROUTE",
          message: `${table.id} has two prefix-list routes for the same addresses with different targets; AWS picks one nondeterministically`,
          rule: evidence,
          fix: "remove one of the overlapping prefix-list routes",
          unknown: true,
        }),
      );
      continue;
    }
    if (r.state === "blackhole") {
      out.push(
        stop(trace, part.addresses, table.id, "route-table", {
          code: "BAD_STATE_ROUTE",
          message: `route ${evidence.text.split(" (")[0]} in ${table.id} is a blackhole: its target no longer exists`,
          rule: evidence,
          fix: `delete the blackhole route ${evidence.text.split(" (")[0]} from ${table.id}, then ${noRouteFix(env, table, subnet, trace.publicIp)}`,
        }),
      );
      continue;
    }
    const after = extend(trace, [rtHop]);
    const t = r.target;
    const unsupported = unsupportedTarget(t, table.id);
    if (unsupported) {
      out.push(stop(after, part.addresses, "id" in t ? t.id : table.id, unsupportedType(t), unsupported));
      continue;
    }
    const step = targetStep(t, table, subnet, part.addresses);
    if (step) out.push(...next(after, step));
  }
  return out;
};

/** For `internet`, an AWS service's list (or one routed to a gateway endpoint) holds no internet addresses by definition. */
function serviceList(env: Env, table: RouteTable, id: string): boolean {
  return (
    env.ctx.model.prefixLists.get(id)?.awsManaged === true ||
    table.routes.some((r) => r.destination.kind === "prefix-list" && r.destination.prefixListId === id && r.target.kind === "gateway-endpoint")
  );
}

/** The component type named when a route's target is not modelled. */
function unsupportedType(t: RouteTarget): ComponentType {
  return t.kind === "egress-only-igw" ? "egress-only-internet-gateway" : "route-table";
}

/**
 * The walk's next step for a modelled route target.
 *
 * @param t - the route's target
 * @param table - the route table
 * @param subnet - the subnet whose table it is
 * @param dst - the addresses the route carries
 */
function targetStep(t: RouteTarget, table: RouteTable, subnet: Subnet, dst: IntervalSet): Step | undefined {
  switch (t.kind) {
    case "local":
      return { kind: "vpc", vpcId: table.vpcId, dst };
    case "igw":
      return { kind: "internet-gateway", table, igwId: t.id, dst };
    case "nat":
      return { kind: "nat-gateway", fromSubnet: subnet, natId: t.id, dst };
    case "gateway-endpoint":
      return { kind: "gateway-endpoint", table, endpointId: t.id, dst };
    case "peering":
      return { kind: "peering", table, pcxId: t.id, dst };
    case "transit-gateway":
      return { kind: "transit-gateway", table, tgwId: t.id, dst };
    default:
      return undefined;
  }
}

/**
 * The VPC holding the destination when it is another VPC of the snapshot that no peering, gateway
 * or attachment connects to the source's VPC at all (topologically, ignoring rules).
 *
 * @param env - the query
 * @param vpcId - the source side's VPC
 * @param dst - the unrouted destination addresses
 */
function disconnectedVpc(env: Env, vpcId: string, dst: IntervalSet): string | undefined {
  if (env.dest.type !== "address") return undefined;
  const { ctx } = env;
  for (const vpc of ctx.model.vpcs.values()) {
    if (vpc.id === vpcId || ctx.vpcAddresses(vpc.id).intersect(dst).isEmpty()) continue;
    return topologicalPath(ctx.graph, vpcId, vpc.id) ? undefined : vpc.id;
  }
  return undefined;
}

/** The selection for a service whose addresses are unknown (see rules/route-selection.ts). */
function symbolicSelection(env: Env, table: RouteTable, dst: IntervalSet): RouteSelection | undefined {
  if (!env.dest.symbolic) return undefined;
  const service = env.dest.serviceName;
  return selectServiceRoutes(table, dst, (endpointId) => env.ctx.model.vpcEndpoints.get(endpointId)?.serviceName === service, () => env.ctx.routes(table, dst));
}
