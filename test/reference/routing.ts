/**
 * The reference evaluator's route selection and address lookups. Route choice follows
 * `shared/research/aws-semantics.md` ("Route tables"): the local route covers every VPC CIDR;
 * longest prefix wins; on an equal prefix a static CIDR route beats a prefix-list route, which beats
 * a propagated one. Any other tie (overlapping prefix lists, duplicates) and any
 * non-local route chosen for an address inside the VPC (middlebox routing) is "unmodeled".
 * AWS doc: "Configure route tables" → "Route priority" (VPC User Guide).
 */
import type { NatGateway, NetworkInterface, Route, RouteTable, Subnet } from "../../src/model/types.js";
import { anyCidrContains, cidrContains, prefixLength } from "./ipv4.js";
import { step, unmodeled, type Walk } from "./walk.js";
import { lengthsAgainst, membership } from "./assume.js";

interface Candidate {
  route: Route;
  length: number;
  text: string;
}

/** The local route the table holds (or one made up: the local route always exists). */
function localRoute(table: RouteTable): Route {
  return (
    table.routes.find((route) => route.target.kind === "local") ?? {
      destination: { kind: "cidr", cidr: "0.0.0.0/32" },
      target: { kind: "local" },
      state: "active",
      origin: "CreateRouteTable",
    }
  );
}

/** Describes a route target for the trace. */
export function targetText(route: Route): string {
  return route.target.kind === "local" ? "local" : `${route.target.kind} ${route.target.id}`;
}

/**
 * The routes of a table that match `ip`, each with the length of the prefix it matched by. A prefix
 * list without entries in the snapshot matches as the current world assumes (assume.ts), against
 * the lengths of the routes whose match is known.
 */
function candidates(walk: Walk, table: RouteTable, vpcCidrs: string[], ip: string): Candidate[] {
  const found: Candidate[] = [];
  const unknownLists: Route[] = [];
  for (const cidr of vpcCidrs) {
    if (cidrContains(cidr, ip)) found.push({ route: localRoute(table), length: prefixLength(cidr), text: `${cidr} → local` });
  }
  for (const route of table.routes) {
    if (route.target.kind === "local") continue;
    const destination = route.destination;
    if (destination.kind === "cidr" && cidrContains(destination.cidr, ip)) {
      found.push({ route, length: prefixLength(destination.cidr), text: `${destination.cidr} → ${targetText(route)}` });
    } else if (destination.kind === "prefix-list") {
      const cidrs = walk.model.prefixLists.get(destination.prefixListId)?.cidrs;
      if (cidrs === undefined) {
        unknownLists.push(route);
        continue;
      }
      const lengths = cidrs.filter((cidr) => cidrContains(cidr, ip)).map(prefixLength);
      if (lengths.length > 0) {
        found.push({ route, length: Math.max(...lengths), text: `${destination.prefixListId} → ${targetText(route)}` });
      }
    }
  }
  const lengths = lengthsAgainst(found.map((c) => c.length));
  for (const route of unknownLists) {
    const listId = route.destination.kind === "prefix-list" ? route.destination.prefixListId : "";
    const assumed = membership(walk, listId, ip, lengths);
    if (typeof assumed === "number") found.push({ route, length: assumed, text: `${listId} (assumed /${assumed}) → ${targetText(route)}` });
  }
  return found;
}

/**
 * Breaks a tie between equally long matches by the documented priorities ("How route priority
 * works", VPC User Guide: longest prefix, then static routes, then prefix-list routes, then
 * propagated routes), or says unmodeled (prefix lists tying with each other are picked at random).
 */
function breakTie(walk: Walk, table: RouteTable, tied: Candidate[]): Candidate {
  let left = tied;
  const notPropagated = left.filter((c) => c.route.origin !== "EnableVgwRoutePropagation");
  if (notPropagated.length > 0) left = notPropagated;
  const cidrRoutes = left.filter((c) => c.route.destination.kind === "cidr");
  if (cidrRoutes.length > 0) left = cidrRoutes;
  if (left.length > 1) {
    unmodeled(walk, table.id, `routes tie with no documented priority: ${left.map((c) => c.text).join("; ")}`);
  }
  return left[0]!;
}

/**
 * The route a table uses for `ip`, or undefined when none matches.
 *
 * @param walk - the running evaluation
 * @param table - the subnet's route table
 * @param ip - the destination address
 */
export function selectRoute(walk: Walk, table: RouteTable, ip: string): Route | undefined {
  const vpc = walk.model.vpcs.get(table.vpcId);
  if (!vpc) unmodeled(walk, table.id, `VPC ${table.vpcId} of ${table.id} is not in the snapshot`);
  const found = candidates(walk, table, vpc.cidrs, ip);
  if (found.length === 0) return undefined;
  const longest = Math.max(...found.map((c) => c.length));
  const winner = breakTie(walk, table, found.filter((c) => c.length === longest));
  if (winner.route.target.kind !== "local" && anyCidrContains(vpc.cidrs, ip)) {
    unmodeled(walk, table.id, `route ${winner.text} is more specific than the local route (middlebox routing)`);
  }
  step(walk, `route table ${table.id} selects ${winner.text}${winner.route.state === "blackhole" ? " (blackhole)" : ""}`);
  return winner.route;
}

/**
 * The route table a subnet uses (explicit association, else the VPC's main table).
 *
 * @param walk - the running evaluation
 * @param subnet - the subnet
 */
export function routeTableOf(walk: Walk, subnet: Subnet): RouteTable {
  const table = walk.index.routeTableOfSubnet(subnet.id)?.value;
  if (!table) unmodeled(walk, subnet.id, `no route table is known for ${subnet.id}`);
  return table;
}

/**
 * The subnet of an ENI.
 *
 * @param walk - the running evaluation
 * @param eni - the ENI
 */
export function subnetOf(walk: Walk, eni: NetworkInterface): Subnet {
  const subnet = walk.model.subnets.get(eni.subnetId);
  if (!subnet) unmodeled(walk, eni.id, `subnet ${eni.subnetId} of ${eni.id} is not in the snapshot`);
  return subnet;
}

/**
 * The NAT gateway whose ENI this is, if any.
 *
 * @param walk - the running evaluation
 * @param eni - the ENI
 */
export function natOfInterface(walk: Walk, eni: NetworkInterface): NatGateway | undefined {
  for (const nat of walk.model.natGateways.values()) {
    if (nat.addresses.some((a) => a.networkInterfaceId === eni.id)) return nat;
  }
  if (eni.interfaceType === "nat_gateway") unmodeled(walk, eni.id, `NAT gateway ENI ${eni.id} has no NAT gateway in the snapshot`);
  return undefined;
}

/**
 * The public IP (auto-assigned or Elastic IP) paired with a private IP in a VPC, if any.
 *
 * @param walk - the running evaluation
 * @param vpcId - the VPC
 * @param privateIp - the private address
 */
export function publicIpOf(walk: Walk, vpcId: string, privateIp: string): string | undefined {
  const eni = walk.index.interfaceByPrivateIp(vpcId, privateIp);
  const onEni = eni?.privateIps.find((a) => a.privateIp === privateIp)?.publicIp;
  if (onEni) return onEni;
  for (const nat of walk.model.natGateways.values()) {
    if (nat.vpcId !== vpcId) continue;
    const address = nat.addresses.find((a) => a.privateIp === privateIp && a.publicIp);
    if (address) return address.publicIp;
  }
  const eip = walk.model.elasticIps.find((e) => e.privateIp === privateIp && (!eni || e.networkInterfaceId === eni.id));
  if (eip) return eip.publicIp;
  const instance = eni ? walk.index.instanceOfInterface(eni.id) : undefined;
  return instance?.privateIp === privateIp ? instance.publicIp : undefined;
}

/**
 * The private IP a public IP is paired with in a VPC (the reverse of `publicIpOf`).
 *
 * @param walk - the running evaluation
 * @param vpcId - the VPC behind the internet gateway
 * @param publicIp - the public address
 */
export function privateIpOf(walk: Walk, vpcId: string, publicIp: string): string | undefined {
  for (const eni of walk.model.networkInterfaces.values()) {
    if (eni.vpcId !== vpcId) continue;
    for (const address of eni.privateIps) {
      if (publicIpOf(walk, vpcId, address.privateIp) === publicIp) return address.privateIp;
    }
  }
  for (const nat of walk.model.natGateways.values()) {
    const address = nat.addresses.find((a) => a.publicIp === publicIp && a.privateIp);
    if (nat.vpcId === vpcId && address) return address.privateIp;
  }
  return undefined;
}

/**
 * True when a public address belongs to something in the model (then "the internet" would hairpin back in).
 *
 * @param walk - the running evaluation
 * @param ip - the address
 */
export function isModelPublicIp(walk: Walk, ip: string): boolean {
  for (const eni of walk.model.networkInterfaces.values()) {
    if (eni.privateIps.some((a) => a.publicIp === ip)) return true;
  }
  for (const nat of walk.model.natGateways.values()) {
    if (nat.addresses.some((a) => a.publicIp === ip)) return true;
  }
  for (const instance of walk.model.instances.values()) if (instance.publicIp === ip) return true;
  return walk.model.elasticIps.some((e) => e.publicIp === ip);
}
