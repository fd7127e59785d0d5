/**
 * Public or private subnet, the AWS way: a subnet is public when its route table (its explicit
 * association, else the VPC's main table) has a direct route to an internet gateway attached to the
 * subnet's VPC. This is the one place that rule lives: `inspect`, the diagrams and the engine call it.
 * AWS: https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import type { Route } from "../../model/types.js";
import { scopeKey } from "../../model/types.js";
import type { RuleMeta } from "./meta.js";

export const meta = {
  name: "public-subnet",
  docs: {
    description: "A subnet is public when its route table has a direct route to an internet gateway attached to its VPC.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html",
  },
  codes: {},
} satisfies RuleMeta;

export interface SubnetClassification {
  public: boolean;
  /** Why, e.g. `route 0.0.0.0/0 → igw-0abc (attached)` or `no route to an attached IGW`. */
  reason: string;
  /** The route to the attached internet gateway, when public. */
  route?: Route;
  /** False when the snapshot lacks the data to decide (no route table, no internet gateway data). */
  certain: boolean;
}

function destinationText(route: Route): string {
  return route.destination.kind === "prefix-list" ? route.destination.prefixListId : route.destination.cidr;
}

function targetText(route: Route): string {
  return route.target.kind === "local" ? "local" : route.target.id;
}

/** Prefer the default route when several routes reach an internet gateway. */
function isDefaultRoute(route: Route): boolean {
  return route.destination.kind === "cidr" && route.destination.cidr === "0.0.0.0/0";
}

/**
 * Classifies a subnet as public or private.
 *
 * @param index - the model index
 * @param subnetId - the subnet
 * @returns whether it is public, the reason in words, the route when public, and whether the data sufficed
 */
export function classifySubnet(index: ModelIndex, subnetId: string): SubnetClassification {
  const model = index.model;
  const subnet = model.subnets.get(subnetId);
  if (!subnet) return { public: false, reason: `subnet ${subnetId} is not in the snapshot`, certain: false };
  const association = index.routeTableOfSubnet(subnetId);
  if (!association) {
    return { public: false, reason: "no route table: no explicit association and no main route table in the snapshot", certain: false };
  }
  const table = association.value;
  const igwRoutes = table.routes
    .filter((route) => route.target.kind === "igw" && route.destination.kind !== "ipv6")
    .sort((a, b) => Number(isDefaultRoute(b)) - Number(isDefaultRoute(a)));
  const igwDataPresent = model.dataPresent.get(scopeKey(subnet.scope))?.has("internetGateways") ?? false;
  const problems: string[] = [];
  for (const route of igwRoutes) {
    const described = `route ${destinationText(route)} → ${targetText(route)}`;
    const igw = model.internetGateways.get(targetText(route));
    if (route.state === "blackhole") problems.push(`${described} is a blackhole`);
    else if (!igw) problems.push(`${described}, but that gateway is not in the snapshot`);
    else if (!igw.attachedVpcIds.includes(subnet.vpcId)) problems.push(`${described}, but that gateway is not attached to ${subnet.vpcId}`);
    else return { public: true, reason: `${described} (attached)`, route, certain: true };
  }
  if (problems.length > 0) {
    const unknownGateway = !igwDataPresent && problems.some((p) => p.endsWith("not in the snapshot"));
    return { public: false, reason: `no route to an attached IGW: ${problems.join("; ")}`, certain: !unknownGateway };
  }
  const defaultRoute = table.routes.find(isDefaultRoute);
  const via = defaultRoute ? ` (0.0.0.0/0 → ${targetText(defaultRoute)})` : " (no default route)";
  return { public: false, reason: `no route to an attached IGW${via}`, certain: true };
}
