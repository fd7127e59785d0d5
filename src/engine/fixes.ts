/**
 * Concrete fixes for missing routes: what to add to which route table, naming an existing NAT
 * gateway (same AZ first) or gateway endpoint when the VPC has one.
 */
import type { RouteTable, Subnet } from "../model/types.js";
import type { Env } from "./trace.js";

/**
 * The fix for "no route": depends on what the destination is.
 *
 * @param env - the query
 * @param table - the route table without a route
 * @param subnet - the subnet using it
 */
export function noRouteFix(env: Env, table: RouteTable, subnet: Subnet): string {
  const { ctx, dest } = env;
  const vpcId = table.vpcId;
  if (dest.type === "address" && !dest.symbolic) {
    const cidrs = dest.addresses.toCidrs().slice(0, 2).join(", ");
    const isPublic = !dest.addresses.intersect(ctx.internetAddresses(subnet.scope.region)).isEmpty();
    if (!isPublic) return `add a route for ${cidrs} to ${table.id} (through a peering connection or gateway that reaches it)`;
  }
  if (dest.service === "s3" || dest.service === "dynamodb") {
    const endpoint = ctx.index.endpointsOfVpc(vpcId).find((e) => e.type === "Gateway" && e.serviceName === dest.serviceName);
    if (endpoint) return `associate ${table.id} with gateway endpoint ${endpoint.id} (adds the ${dest.service} prefix-list route)`;
    return `create a gateway endpoint for ${dest.serviceName} associated with ${table.id}`;
  }
  const nats = [...ctx.model.natGateways.values()].filter((n) => n.vpcId === vpcId && n.state === "available" && n.connectivityType === "public" && n.subnetId !== subnet.id);
  const sameAz = nats.find((n) => n.subnetId && ctx.model.subnets.get(n.subnetId)?.availabilityZone === subnet.availabilityZone);
  const nat = sameAz ?? nats[0];
  const route = nat ? `add route 0.0.0.0/0 → ${nat.id} to ${table.id}` : `create a NAT gateway in a public subnet of ${vpcId} and add route 0.0.0.0/0 → nat-… to ${table.id}`;
  if (dest.type === "aws-service") return `${route}, or create an interface endpoint for ${dest.serviceName} in ${vpcId}`;
  return route;
}
