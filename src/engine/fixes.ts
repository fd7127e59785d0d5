/**
 * Concrete fixes drawn from the state of the network: what to add to which route table, naming an
 * existing NAT gateway (same AZ first) or gateway endpoint when the VPC has one, and, when the VPC
 * lacks what a NAT gateway needs, the missing pieces in the order they must be built (internet
 * gateway, public subnet route, NAT gateway, then the private route).
 */
import type { ModelIndex } from "../model/indexes.js";
import type { DataKind, NatGateway, RouteTable, Subnet } from "../model/types.js";
import { attachedInternetGateway } from "./rules/internet-gateway.js";
import { presentKinds } from "./rules/missing-data.js";
import { classifySubnet } from "./rules/public-subnet.js";
import type { Env, Trace } from "./trace.js";

/** The NAT gateway to route to and what must be built first for it to reach the internet. */
export interface NatPlan {
  /** Steps before the route, in order (empty when a usable NAT gateway already exists). */
  steps: string[];
  /** The NAT gateway id, or `nat-<new>` when the plan creates one. */
  natId: string;
}

/** Whether a subnet is proven public (a route to an internet gateway attached to its VPC). */
function isPublic(index: ModelIndex, subnetId: string | undefined): boolean {
  return subnetId !== undefined && classifySubnet(index, subnetId).public;
}

/** Same-AZ candidates first, then the rest, keeping the snapshot's order within each. */
function sameAzFirst<T>(items: T[], azOf: (item: T) => string | undefined, az: string | undefined): T[] {
  return [...items.filter((item) => azOf(item) === az), ...items.filter((item) => azOf(item) !== az)];
}

/**
 * What a subnet's route table needs to reach the internet through a NAT gateway of its VPC: an
 * available public NAT gateway in a public subnet (same AZ first) when there is one; else the missing
 * pieces in build order: an internet gateway attached to the VPC, a public subnet routing 0.0.0.0/0
 * to it, a NAT gateway in that subnet.
 *
 * @param index - lookups over the model
 * @param vpcId - the VPC of the subnet that needs internet egress
 * @param az - that subnet's Availability Zone (a NAT gateway in the same AZ is preferred)
 * @param exceptSubnetId - a subnet that cannot hold the NAT gateway (the client's own: a NAT gateway does not serve its own subnet)
 */
export function natGatewayPlan(index: ModelIndex, vpcId: string, az: string | undefined, exceptSubnetId?: string): NatPlan {
  const model = index.model;
  const azOf = (subnetId: string | undefined): string | undefined => (subnetId ? model.subnets.get(subnetId)?.availabilityZone : undefined);
  const nats = [...model.natGateways.values()].filter((n) => n.vpcId === vpcId && n.state === "available" && n.connectivityType === "public" && n.subnetId !== exceptSubnetId);
  const ordered = sameAzFirst(nats, (n: NatGateway) => azOf(n.subnetId), az);
  const ready = ordered.find((n) => isPublic(index, n.subnetId));
  if (ready) return { steps: [], natId: ready.id };
  const igw = attachedInternetGateway(model, vpcId);
  const igwId = igw?.id ?? "igw-<new>";
  // A kind the snapshot lacks may hold the missing piece: say so rather than claim it is absent.
  const scope = model.vpcs.get(vpcId)?.scope ?? (exceptSubnetId ? model.subnets.get(exceptSubnetId)?.scope : undefined);
  const unseen = (kind: DataKind, what: string): string => (scope && presentKinds(model, scope)?.has(kind) ? "" : ` if it has none (${what} are not in the snapshot)`);
  const steps = igw ? [] : [`create an internet gateway and attach it to ${vpcId}${unseen("internetGateways", "internet gateways")} (aws ec2 create-internet-gateway; aws ec2 attach-internet-gateway --vpc-id ${vpcId} --internet-gateway-id igw-<new>)`];
  const stranded = ordered[0];
  if (stranded) {
    const table = stranded.subnetId ? index.routeTableOfSubnet(stranded.subnetId)?.value.id : undefined;
    steps.push(`add route 0.0.0.0/0 → ${igwId} to ${table ?? "the route table"} of ${stranded.subnetId ?? "the subnet"} (where ${stranded.id} sits)`);
    return { steps, natId: stranded.id };
  }
  const candidates = igw ? index.subnetsOfVpc(vpcId).filter((s) => s.id !== exceptSubnetId && isPublic(index, s.id)) : [];
  const publicSubnet = sameAzFirst(candidates, (s: Subnet) => s.availabilityZone, az)[0];
  const notOwn = exceptSubnetId ? `, other than ${exceptSubnetId} (a NAT gateway does not serve its own subnet)` : "";
  if (!publicSubnet) steps.push(`give ${vpcId} a public subnet: one whose route table sends 0.0.0.0/0 to ${igwId}${notOwn}`);
  const where = publicSubnet?.id ?? "subnet-<public>";
  steps.push(`create a NAT gateway in ${publicSubnet ? where : "it"}${unseen("natGateways", "NAT gateways")} (aws ec2 create-nat-gateway --subnet-id ${where} --allocation-id eipalloc-…)`);
  return { steps, natId: "nat-<new>" };
}

/**
 * The plan's steps followed by a final action naming its NAT gateway, as one sentence.
 *
 * @param plan - from natGatewayPlan
 * @param last - the final action (the route to the NAT gateway)
 */
export function planText(plan: NatPlan, last: string): string {
  return [...plan.steps, last].join(", then ");
}

/**
 * The route that gives a subnet the internet: to the internet gateway when the sender has a public IP,
 * else to a NAT gateway, after whatever that NAT gateway still lacks.
 */
function internetRouteFix(index: ModelIndex, table: RouteTable, subnet: Subnet, publicIp: string | undefined): string {
  const igw = attachedInternetGateway(index.model, table.vpcId);
  if (publicIp && igw) return `add route 0.0.0.0/0 → ${igw.id} to ${table.id} (the sender has public IP ${publicIp})`;
  const plan = natGatewayPlan(index, table.vpcId, subnet.availabilityZone, subnet.id);
  return planText(plan, `add route 0.0.0.0/0 → ${plan.natId} to ${table.id}`);
}

/**
 * The fix for "no route": depends on what the destination is and on what the VPC already has.
 *
 * @param env - the query
 * @param table - the route table without a route
 * @param subnet - the subnet using it
 * @param publicIp - the sender's public IPv4, if it has one (then a route to the internet gateway is all it lacks)
 */
export function noRouteFix(env: Env, table: RouteTable, subnet: Subnet, publicIp: string | undefined): string {
  const { ctx, dest } = env;
  const vpcId = table.vpcId;
  if (dest.type === "address" && !dest.symbolic) {
    const cidrs = dest.addresses.toCidrs().slice(0, 2).join(", ");
    const isPublicDestination = !dest.addresses.intersect(ctx.internetAddresses(subnet.scope.region)).isEmpty();
    if (!isPublicDestination) return `add a route for ${cidrs} to ${table.id} (through a peering connection or gateway that reaches it)`;
  }
  if (dest.service === "s3" || dest.service === "dynamodb") {
    const endpoint = ctx.index.endpointsOfVpc(vpcId).find((e) => e.type === "Gateway" && e.serviceName === dest.serviceName);
    if (endpoint) return `associate ${table.id} with gateway endpoint ${endpoint.id} (adds the ${dest.service} prefix-list route)`;
    return `create a gateway endpoint for ${dest.serviceName} associated with ${table.id}`;
  }
  const route = internetRouteFix(ctx.index, table, subnet, publicIp);
  if (dest.type === "aws-service") return `${route}; or create an interface endpoint for ${dest.serviceName} in ${vpcId}`;
  return route;
}

/**
 * The fix when traffic reached an internet gateway from a source without a public IP: a private NAT
 * gateway is replaced by a public one; a notebook (whose ENI never gets a public IP) moves to a
 * private subnet routed to a NAT gateway; anything else gets an Elastic IP or that NAT route.
 *
 * @param index - lookups over the model
 * @param trace - the traffic as it reaches the gateway
 */
export function noPublicIpFix(index: ModelIndex, trace: Trace): string {
  if (trace.privateNat) return `${trace.privateNat} is a private NAT gateway: route 0.0.0.0/0 to a public NAT gateway instead`;
  const plan = natGatewayPlan(index, trace.vpcId, trace.az, trace.subnetId);
  // The sender's table routes to the gateway, so it serves public hosts: the sender moves, the table stays.
  const privateSubnet = `a private subnet whose route table sends 0.0.0.0/0 to ${plan.natId}`;
  if (trace.notebookEni) return `a notebook ENI never gets a public IP: ${planText(plan, `recreate the notebook in ${privateSubnet}`)} (or enable direct internet access)`;
  const eip = `associate an Elastic IP with ${trace.srcText} (aws ec2 associate-address --allocation-id eipalloc-… --network-interface-id eni-…)`;
  return `${eip}; or ${planText(plan, `move it to ${privateSubnet}`)}`;
}
