/**
 * What-if transforms: pure functions that derive a new `Model` from the current one for the cost
 * alternatives — remove the NAT gateways of a VPC, give notebook subnets a NAT gateway route, add an
 * S3 gateway endpoint with its prefix-list routes, add interface endpoints — so that the engine, run
 * on the derived model, says what each design makes reachable instead of the cost code assuming it.
 * Each transform returns the new model and the list of changes it made, in AWS terms.
 *
 * AWS pages modelled: https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-scenarios.html,
 * https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html,
 * https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html.
 */
import { classifySubnet } from "../engine/rules/public-subnet.js";
import { indexModel } from "../model/indexes.js";
import type { Model, NatGateway, RouteTable, Subnet } from "../model/types.js";
import { isBilledNat } from "./fixed-costs.js";
import { dropElasticIps, finish, writableElasticIps, freeBlockInVpc, freeIpInSubnet, markPresent, routeTableOf, start, tablesConfined, uniqueWhatIfId, whatIfId, WHAT_IF_ORIGIN, type Draft, type WhatIf } from "./what-if-draft.js";

export type { WhatIf } from "./what-if-draft.js";
export { withGatewayEndpoint, withInterfaceEndpoint, withoutEndpoints, endpointServiceName } from "./what-if-endpoints.js";

/** Subnets that use a route table in a draft. */
function subnetsUsing(draft: Draft, table: RouteTable): Subnet[] {
  return [...draft.model.subnets.inGroup(table.vpcId)].filter((s) => routeTableOf(draft, s)?.id === table.id);
}

/**
 * Removes every NAT gateway of a VPC, the routes that target them, their network interfaces and
 * Elastic IPs.
 *
 * @param input - the model (or an earlier transform)
 * @param vpcId - the VPC
 */
export function withoutNatGateways(input: Model | WhatIf, vpcId: string): WhatIf {
  const { draft, previous } = start(input);
  const m = draft.model;
  const removed = [...m.natGateways.inGroup(vpcId)];
  const ids = new Set(removed.map((n) => n.id));
  for (const nat of removed) {
    m.natGateways.delete(nat.id);
    for (const address of nat.addresses) {
      if (address.networkInterfaceId) m.networkInterfaces.delete(address.networkInterfaceId);
    }
    draft.changes.push(`delete NAT gateway ${nat.id} and release its Elastic IP`);
  }
  // A copy only when there is something to remove (a part keeps every Elastic IP of the estate).
  if (removed.length > 0) dropElasticIps(draft, (e) => removed.some((n) => n.addresses.some((a) => a.networkInterfaceId === e.networkInterfaceId && e.networkInterfaceId)));
  for (const table of [...m.routeTables.inGroup(vpcId)]) {
    const kept = table.routes.filter((r) => !(r.target.kind === "nat" && ids.has(r.target.id)));
    if (kept.length === table.routes.length) continue;
    m.routeTables.set(table.id, { ...table, routes: kept });
    draft.changes.push(`remove the NAT gateway routes from ${table.id}`);
  }
  return finish(draft, previous);
}

/**
 * The records `classifySubnet` reads for a VPC's subnets: its subnets, and the route tables of the VPC
 * or naming one of its subnets (in model order, so the index picks the same table the whole model's
 * would). Indexing the whole draft per NAT gateway placed made designs over many VPCs quadratic.
 */
function subnetPart(draft: Draft, vpcId: string): Model {
  const subnets = new Map([...draft.model.subnets.inGroup(vpcId)].map((s) => [s.id, s]));
  // Another VPC's table naming one of these subnets is malformed data; only then is every table looked at.
  const candidates = tablesConfined(draft) ? [...draft.model.routeTables.inGroup(vpcId)] : [...draft.model.routeTables.values()];
  const routeTables = new Map(candidates.filter((t) => t.vpcId === vpcId || t.subnetIds.some((id) => subnets.has(id))).map((t) => [t.id, t]));
  const none = new Map<string, never>();
  return {
    ...draft.model, subnets, routeTables, networkAcls: none, networkInterfaces: none, vpcEndpoints: none, transitGatewayAttachments: none,
    hostedZones: none, instances: none, notebooks: none, endpoints: none,
  };
}

/** A public subnet of the VPC in the AZ (or any AZ when `az` is undefined), avoiding `avoid`. */
function publicSubnet(draft: Draft, vpcId: string, az: string | undefined, avoid: ReadonlySet<string>): Subnet | undefined {
  const part = subnetPart(draft, vpcId);
  const index = indexModel(part);
  return [...part.subnets.values()]
    .filter((s) => (az === undefined || s.availabilityZone === az) && !avoid.has(s.id))
    .sort((a, b) => a.id.localeCompare(b.id))
    .find((s) => classifySubnet(index, s.id).public);
}

/** Creates an internet gateway (if the VPC has none attached) and a public /28 subnet in `az`. */
function createPublicSubnet(draft: Draft, vpcId: string, az: string): Subnet | undefined {
  const m = draft.model;
  const vpc = m.vpcs.get(vpcId);
  const cidr = freeBlockInVpc(draft, vpcId);
  if (!vpc || !cidr) {
    draft.warnings.push(`cannot add a public subnet for a NAT gateway in ${vpcId}: no free /28 in its CIDRs`);
    return undefined;
  }
  let igw = [...m.internetGateways.values()].find((g) => g.attachedVpcIds.includes(vpcId));
  if (!igw) {
    igw = { id: whatIfId("igw", vpcId), scope: vpc.scope, name: "what-if", tags: {}, origin: WHAT_IF_ORIGIN, attachedVpcIds: [vpcId] };
    m.internetGateways.set(igw.id, igw);
    draft.changes.push(`create internet gateway ${igw.id} and attach it to ${vpcId}`);
  }
  const subnet: Subnet = {
    id: uniqueWhatIfId(m.subnets, whatIfId("subnet", "public", az), vpcId), scope: vpc.scope, name: "what-if public", tags: {}, origin: WHAT_IF_ORIGIN,
    vpcId, cidr, ipv6Cidrs: [], availabilityZone: az, availabilityZoneId: undefined, mapPublicIpOnLaunch: false,
  };
  m.subnets.set(subnet.id, subnet);
  const table: RouteTable = {
    id: uniqueWhatIfId(m.routeTables, whatIfId("rtb", "public", az), vpcId), scope: vpc.scope, name: "what-if public", tags: {}, origin: WHAT_IF_ORIGIN,
    vpcId, isMain: false, subnetIds: [subnet.id], gatewayIds: [],
    routes: [
      ...vpc.cidrs.map((c) => ({ destination: { kind: "cidr" as const, cidr: c }, target: { kind: "local" as const }, state: "active" as const, origin: "CreateRouteTable" as const })),
      { destination: { kind: "cidr", cidr: "0.0.0.0/0" }, target: { kind: "igw", id: igw.id }, state: "active", origin: "CreateRoute" },
    ],
  };
  m.routeTables.set(table.id, table);
  markPresent(draft, vpc.scope, ["subnets", "routeTables", "internetGateways"]);
  draft.changes.push(`create public subnet ${subnet.id} (${cidr}, ${az}) with route table ${table.id}: 0.0.0.0/0 → ${igw.id}`);
  return subnet;
}

/**
 * Creates a public zonal NAT gateway (with its ENI and Elastic IP) in a subnet.
 *
 * @param draft - the draft
 * @param subnet - a public subnet
 * @returns the NAT gateway, or undefined (with a warning) when the subnet has no free address
 */
export function createNat(draft: Draft, subnet: Subnet): NatGateway | undefined {
  const m = draft.model;
  const privateIp = freeIpInSubnet(draft, subnet.id);
  if (!privateIp) {
    draft.warnings.push(`cannot add a NAT gateway in ${subnet.id}: no free address`);
    return undefined;
  }
  const id = uniqueWhatIfId(m.natGateways, whatIfId("nat", subnet.availabilityZone), subnet.vpcId);
  const eniId = id.replace(/^nat-/, "eni-nat-");
  const publicIp = `203.0.113.${10 + [...m.natGateways.keys()].filter((k) => k.includes("whatif")).length}`;
  const nat: NatGateway = {
    id, scope: subnet.scope, name: "what-if", tags: {}, origin: WHAT_IF_ORIGIN, vpcId: subnet.vpcId, subnetId: subnet.id,
    state: "available", connectivityType: "public", availabilityMode: "zonal",
    addresses: [{ allocationId: id.replace(/^nat-/, "eipalloc-"), networkInterfaceId: eniId, privateIp, publicIp }],
  };
  m.natGateways.set(id, nat);
  m.networkInterfaces.set(eniId, {
    id: eniId, scope: subnet.scope, name: undefined, tags: {}, origin: WHAT_IF_ORIGIN, vpcId: subnet.vpcId, subnetId: subnet.id,
    availabilityZone: subnet.availabilityZone, interfaceType: "nat_gateway", status: "in-use",
    privateIps: [{ privateIp, primary: true, publicIp }], securityGroupIds: [], sourceDestCheck: false,
    attachedInstanceId: undefined, requesterManaged: true, requesterId: undefined, description: `Interface for NAT Gateway ${id}`,
  });
  writableElasticIps(draft).push({ allocationId: nat.addresses[0]!.allocationId, publicIp, privateIp, networkInterfaceId: eniId, instanceId: undefined, scope: subnet.scope, origin: WHAT_IF_ORIGIN });
  markPresent(draft, subnet.scope, ["natGateways", "networkInterfaces", "addresses"]);
  draft.changes.push(`create NAT gateway ${id} in ${subnet.id} (${subnet.availabilityZone}) with an Elastic IP`);
  return nat;
}

/** The NAT gateway serving an AZ: an existing usable one (same AZ first), else a new one. */
function natForAz(draft: Draft, vpcId: string, az: string, avoid: ReadonlySet<string>): NatGateway | undefined {
  const usable = [...draft.model.natGateways.inGroup(vpcId)]
    .filter((n) => isBilledNat(n) && n.state === "available" && n.connectivityType === "public")
    .sort((a, b) => a.id.localeCompare(b.id));
  const azOf = (n: NatGateway): string | undefined => (n.subnetId ? draft.model.subnets.get(n.subnetId)?.availabilityZone : undefined);
  const existing = usable.find((n) => azOf(n) === az) ?? usable.find((n) => n.availabilityMode === "regional");
  if (existing) return existing;
  const host = publicSubnet(draft, vpcId, az, avoid) ?? createPublicSubnet(draft, vpcId, az);
  return host ? createNat(draft, host) : (usable[0] ?? undefined);
}

/**
 * Makes the route tables of the given subnets send 0.0.0.0/0 to a NAT gateway: an existing one in
 * the subnet's AZ, else a new NAT gateway in a public subnet of that AZ (one is created, with an
 * internet gateway if needed, when the VPC has none). A route table shared with a NAT gateway's own
 * subnet is not changed: the notebook subnets get a copy of it instead (a NAT gateway cannot serve
 * its own subnet).
 *
 * @param input - the model (or an earlier transform)
 * @param vpcId - the VPC
 * @param subnetIds - the subnets that need internet access through NAT (the notebooks' subnets)
 * @param placement - `per-az` (default): a NAT gateway in each subnet's AZ; `one-per-vpc`: the first
 *   subnet's AZ serves them all (fewer gateway hours, cross-AZ charges for the other AZs)
 */
export function withNatForSubnets(input: Model | WhatIf, vpcId: string, subnetIds: readonly string[], placement: "per-az" | "one-per-vpc" = "per-az"): WhatIf {
  const { draft, previous } = start(input);
  const m = draft.model;
  const clients = new Set(subnetIds);
  const subnets = [...clients].map((id) => m.subnets.get(id)).filter((s): s is Subnet => s !== undefined && s.vpcId === vpcId);
  const natByAz = new Map<string, NatGateway | undefined>();
  for (const subnet of subnets.sort((a, b) => a.id.localeCompare(b.id))) {
    let table = routeTableOf(draft, subnet);
    if (!table) {
      draft.warnings.push(`${subnet.id} has no route table in the snapshot; no NAT route added`);
      continue;
    }
    const current = table.routes.find((r) => r.destination.kind === "cidr" && r.destination.cidr === "0.0.0.0/0");
    const currentNat = current?.target.kind === "nat" ? m.natGateways.get(current.target.id) : undefined;
    // The subnet already uses a working NAT gateway (even one in another AZ): that is the design kept.
    if (current?.state === "active" && currentNat && currentNat.state === "available") continue;
    const key = placement === "one-per-vpc" ? "vpc" : subnet.availabilityZone;
    if (!natByAz.has(key)) natByAz.set(key, natForAz(draft, vpcId, subnet.availabilityZone, clients));
    const nat = natByAz.get(key);
    if (!nat) continue;
    const natSubnets = new Set([...m.natGateways.inGroup(vpcId)].map((n) => n.subnetId));
    if (subnetsUsing(draft, table).some((s) => natSubnets.has(s.id) || !clients.has(s.id))) {
      table = ownTable(draft, table, subnet);
    }
    const routes = table.routes.filter((r) => !(r.destination.kind === "cidr" && r.destination.cidr === "0.0.0.0/0"));
    routes.push({ destination: { kind: "cidr", cidr: "0.0.0.0/0" }, target: { kind: "nat", id: nat.id }, state: "active", origin: "CreateRoute" });
    m.routeTables.set(table.id, { ...table, routes });
    draft.changes.push(`route 0.0.0.0/0 → ${nat.id} in ${table.id}` + (current ? ` (replacing → ${targetText(current.target)})` : ""));
  }
  return finish(draft, previous);
}

function targetText(target: RouteTable["routes"][number]["target"]): string {
  return "id" in target ? target.id : target.kind;
}

/** Gives one subnet its own copy of a shared route table (explicitly associated). */
function ownTable(draft: Draft, shared: RouteTable, subnet: Subnet): RouteTable {
  const m = draft.model;
  const copy: RouteTable = {
    ...shared, id: whatIfId("rtb", subnet.id), name: `what-if copy of ${shared.id}`, origin: WHAT_IF_ORIGIN,
    isMain: false, subnetIds: [subnet.id], gatewayIds: [], routes: [...shared.routes],
  };
  m.routeTables.set(copy.id, copy);
  if (shared.subnetIds.includes(subnet.id)) {
    m.routeTables.set(shared.id, { ...shared, subnetIds: shared.subnetIds.filter((id) => id !== subnet.id) });
  }
  draft.changes.push(`give ${subnet.id} its own route table ${copy.id} (a copy of ${shared.id}, which other subnets use)`);
  return copy;
}
