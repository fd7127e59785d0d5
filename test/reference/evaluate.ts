/**
 * The reference evaluator: one concrete packet, walked hop by hop through AWS's rules as
 * `shared/research/aws-semantics.md` states them, forward and back. It shares no code with the
 * engine (only the model types, `indexModel` and the loader), so the property tests can compare two
 * independent readings of the same rules.
 *
 * Forward: source ENI security groups → (same subnet: straight to the ENI) → source subnet NACL →
 * route table → internet gateway | NAT gateway | gateway endpoint | peering | local → destination
 * subnet NACL → destination ENI (security groups, or the interface endpoint, or a NAT's refusal).
 * Return: the reply walked the same way from where the request ended, security groups skipped
 * (stateful), NACLs checked again with the real reply ports, NAT translation undone.
 */
import type { Model, NetworkInterface, Subnet, Vpc } from "../../src/model/types.js";
import { indexModel, type ModelIndex } from "../../src/model/indexes.js";
import { anyCidrContains, RFC1918, RFC6598 } from "./ipv4.js";
import { checkNetworkAcl, checkSecurityGroups } from "./filters.js";
import {
  isModelPublicIp,
  natOfInterface,
  privateIpOf,
  publicIpOf,
  routeTableOf,
  selectRoute,
  subnetOf,
} from "./routing.js";
import { drop, reverse, showPacket, step, Stop, unmodeled, type Packet, type RefOutcome, type RefProtocol, type Walk } from "./walk.js";

const NAT_PROTOCOLS = ["tcp", "udp", "icmp"];

export type { Packet, RefOutcome, RefProtocol } from "./walk.js";

/** One question for the reference: a source, one destination address and port, and the ports picked by the client and any NAT. */
export interface RefQuery {
  /** A notebook name, `notebook/NAME`, `eni-…` or `i-…`. */
  from: string;
  dstIp: string;
  protocol: RefProtocol;
  /** Destination port (ignored for ICMP, which sends an echo request). */
  dstPort: number;
  /** The client's source port (Linux picks 32768–60999). */
  clientPort: number;
  /** The source port a NAT gateway on the path picks (1024–65535). */
  natPort: number;
}

/** Where the forward packet arrived, with the packet as it arrived there. */
type Arrival =
  | { kind: "eni"; eni: NetworkInterface; packet: Packet }
  | { kind: "internet"; igwId: string; vpc: Vpc; packet: Packet }
  | { kind: "service"; endpointId: string; vpc: Vpc; packet: Packet }
  | { kind: "sagemaker-managed-network"; packet: Packet };

/** The source as an ENI (and, for a notebook with direct internet access, the notebook). */
interface Source {
  /** Undefined for a notebook launched without a VPC (direct internet access only). */
  eni: NetworkInterface | undefined;
  ip: string | undefined;
  directInternetNotebook: boolean;
}

function resolveSource(walk: Walk, from: string): Source {
  const { model } = walk;
  const notebookName = from.startsWith("notebook/") ? from.slice("notebook/".length) : from;
  const notebook = model.notebooks.get(notebookName);
  let eniId: string | undefined;
  let ip: string | undefined;
  if (notebook && !from.startsWith("eni-") && !from.startsWith("i-")) {
    eniId = notebook.networkInterfaceId;
    if (!eniId && notebook.directInternetAccess && !notebook.subnetId) return { eni: undefined, ip: undefined, directInternetNotebook: true };
    if (!eniId) unmodeled(walk, notebook.id, `notebook ${notebook.id} has no ENI in a customer subnet`);
  } else if (from.startsWith("i-")) {
    const instance = model.instances.get(from);
    if (!instance) unmodeled(walk, from, `instance ${from} is not in the snapshot`);
    eniId = instance.networkInterfaceIds.find((id) =>
      model.networkInterfaces.get(id)?.privateIps.some((a) => a.privateIp === instance.privateIp),
    ) ?? instance.networkInterfaceIds[0];
    ip = instance.privateIp;
  } else {
    eniId = from;
  }
  const eni = eniId ? model.networkInterfaces.get(eniId) : undefined;
  if (!eni) unmodeled(walk, from, `source ENI ${eniId ?? "?"} is not in the snapshot`);
  ip ??= (eni.privateIps.find((a) => a.primary) ?? eni.privateIps[0])?.privateIp;
  if (!ip) unmodeled(walk, eni.id, `${eni.id} has no private IPv4 address`);
  // A notebook's ENI named by id still carries the notebook's traffic (the customer-subnet ENI is the notebook's).
  const owner = walk.index.notebookOfInterface(eni.id);
  const direct = owner !== undefined && owner.directInternetAccess;
  return { eni, ip, directInternetNotebook: direct };
}

/** The ENI owning an address in a VPC; unmodeled when ENI data is missing. */
function interfaceAt(walk: Walk, vpc: Vpc, ip: string): NetworkInterface | undefined {
  const eni = walk.index.interfaceByPrivateIp(vpc.id, ip);
  if (!eni && !hasData(walk.model, "networkInterfaces")) unmodeled(walk, vpc.id, "no ENI data in the snapshot");
  return eni;
}

function hasData(model: Model, kind: Parameters<ReadonlySet<string>["has"]>[0]): boolean {
  return [...model.dataPresent.values()].some((kinds) => (kinds as ReadonlySet<string>).has(kind));
}

function vpcOf(walk: Walk, vpcId: string): Vpc {
  const vpc = walk.model.vpcs.get(vpcId);
  if (!vpc) unmodeled(walk, vpcId, `VPC ${vpcId} is not in the snapshot`);
  return vpc;
}

/** A packet sent by an ENI: its security groups (forward only), then out of its subnet. */
function sendFromInterface(walk: Walk, eni: NetworkInterface, packet: Packet): Arrival {
  step(walk, `${eni.id} sends ${showPacket(packet)}`);
  checkSecurityGroups(walk, eni, packet, "egress");
  return leaveSubnet(walk, subnetOf(walk, eni), packet);
}

/** A packet leaving a subnet: same-subnet delivery, else NACL egress, route table and the chosen target. */
function leaveSubnet(walk: Walk, subnet: Subnet, packet: Packet): Arrival {
  const vpc = vpcOf(walk, subnet.vpcId);
  const table = routeTableOf(walk, subnet);
  const route = selectRoute(walk, table, packet.dstIp);
  if (!route) {
    checkNetworkAcl(walk, subnet, packet, "egress");
    drop(walk, table.id, "NO_ROUTE_TO_DESTINATION", `route table ${table.id} has no route to ${packet.dstIp}`);
  }
  if (route.target.kind === "local") {
    const target = interfaceAt(walk, vpc, packet.dstIp);
    if (target && target.subnetId === subnet.id) {
      step(walk, `${packet.dstIp} is in the same subnet ${subnet.id}: no network ACL`);
      return arriveAtInterface(walk, target, packet);
    }
  }
  checkNetworkAcl(walk, subnet, packet, "egress");
  if (route.state === "blackhole") drop(walk, table.id, "BAD_STATE_ROUTE", `the route to ${packet.dstIp} in ${table.id} is a blackhole`);
  const target = route.target;
  switch (target.kind) {
    case "local":
      return arriveInVpc(walk, vpc, packet);
    case "igw":
      return throughInternetGateway(walk, target.id, vpc, packet);
    case "nat":
      return throughNatGateway(walk, target.id, vpc, subnet, packet);
    case "gateway-endpoint":
      return throughGatewayEndpoint(walk, target.id, vpc, packet);
    case "peering":
      return throughPeering(walk, target.id, vpc, packet);
    default:
      return unmodeled(walk, table.id, `route target ${target.kind} ${target.id} is not modelled`);
  }
}

/** A packet delivered by a VPC's local route: destination subnet NACL ingress, then the ENI. */
function arriveInVpc(walk: Walk, vpc: Vpc, packet: Packet): Arrival {
  const eni = interfaceAt(walk, vpc, packet.dstIp);
  if (!eni) drop(walk, vpc.id, "NO_POSSIBLE_DESTINATION", `no ENI in ${vpc.id} has the address ${packet.dstIp}`);
  checkNetworkAcl(walk, subnetOf(walk, eni), packet, "ingress");
  return arriveAtInterface(walk, eni, packet);
}

/** A packet at an ENI: a NAT gateway (only replies to its sessions), an interface endpoint, or a host. */
function arriveAtInterface(walk: Walk, eni: NetworkInterface, packet: Packet): Arrival {
  const nat = natOfInterface(walk, eni);
  if (nat) {
    const session = walk.natSessions.find(
      (s) => s.natId === nat.id && walk.direction === "return" && s.natIp === packet.dstIp && s.natPort === packet.dstPort,
    );
    if (!session) drop(walk, nat.id, "NO_PATH", `NAT gateway ${nat.id} accepts no connection addressed to itself`);
    const restored = { ...packet, dstIp: session.clientIp, dstPort: session.clientPort };
    step(walk, `NAT gateway ${nat.id} translates the reply back to ${session.clientIp}:${session.clientPort}`);
    return leaveSubnet(walk, subnetOf(walk, eni), restored);
  }
  if (walk.direction === "return") return replyAtInterface(walk, eni, packet);
  const endpoint = walk.index.endpointOfInterface(eni.id);
  if (endpoint) {
    if (endpoint.state.toLowerCase() !== "available") drop(walk, endpoint.id, "BAD_STATE", `endpoint ${endpoint.id} is ${endpoint.state}`);
    if (packet.protocol !== "tcp") unmodeled(walk, endpoint.id, `${packet.protocol} to an interface endpoint is not modelled`);
  } else if (eni.interfaceType === "vpc_endpoint") {
    unmodeled(walk, eni.id, `endpoint ENI ${eni.id} has no endpoint in the snapshot`);
  }
  checkSecurityGroups(walk, eni, packet, "ingress");
  step(walk, `delivered to ${endpoint ? `interface endpoint ${endpoint.id} (${eni.id})` : eni.id}`);
  return { kind: "eni", eni, packet };
}

/** A reply reaching an ENI: it must be the requester, with the request's addresses and ports swapped. */
function replyAtInterface(walk: Walk, eni: NetworkInterface, packet: Packet): Arrival {
  const origin = walk.origin!;
  const expected = reverse(origin.packet);
  const same =
    origin.kind === "eni" &&
    eni.id === origin.eni.id &&
    packet.srcIp === expected.srcIp &&
    packet.dstIp === expected.dstIp &&
    (packet.protocol === "icmp" || (packet.srcPort === expected.srcPort && packet.dstPort === expected.dstPort));
  if (!same) drop(walk, eni.id, "NO_PATH", `the reply ${showPacket(packet)} reaches ${eni.id}, not the requester`);
  step(walk, `reply delivered to ${eni.id}`);
  return { kind: "eni", eni, packet };
}

/** Egress through an internet gateway: attached, public destination, source paired with a public IP. */
function throughInternetGateway(walk: Walk, igwId: string, vpc: Vpc, packet: Packet): Arrival {
  const igw = walk.model.internetGateways.get(igwId);
  if (!igw) unmodeled(walk, igwId, `internet gateway ${igwId} is not in the snapshot`);
  if (!igw.attachedVpcIds.includes(vpc.id)) drop(walk, igwId, "BAD_STATE_ATTACHMENT", `${igwId} is not attached to ${vpc.id}`);
  if (anyCidrContains(RFC1918, packet.dstIp)) {
    drop(walk, igwId, "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS", `${packet.dstIp} is RFC 1918 space`);
  }
  if (anyCidrContains(RFC6598, packet.dstIp)) {
    drop(walk, igwId, "IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS", `${packet.dstIp} is RFC 6598 space`);
  }
  if ([...walk.model.routeTables.values()].some((t) => t.gatewayIds.includes(igwId))) {
    unmodeled(walk, igwId, `${igwId} has an ingress (edge) route table`);
  }
  const publicIp = publicIpOf(walk, vpc.id, packet.srcIp);
  if (!publicIp) drop(walk, igwId, "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", `${packet.srcIp} has no public IP`);
  const translated = { ...packet, srcIp: publicIp };
  step(walk, `internet gateway ${igwId} translates ${packet.srcIp} to ${publicIp}`);
  if (isModelPublicIp(walk, packet.dstIp)) {
    step(walk, `${packet.dstIp} is a public IP of this network: the packet comes back in from the internet`);
    return enterFromInternet(walk, translated);
  }
  if (walk.direction === "return") {
    const origin = walk.origin!;
    const expected = reverse(origin.packet);
    const same = origin.kind === "internet" && translated.srcIp === expected.srcIp && translated.dstIp === expected.dstIp && translated.dstPort === expected.dstPort;
    if (!same) drop(walk, igwId, "NO_PATH", "the reply leaves to the internet instead of the requester");
  }
  step(walk, "delivered to the internet");
  return { kind: "internet", igwId, vpc, packet: translated };
}

/**
 * A packet from the internet to a public IP of this network: the internet gateway attached to the
 * VPC owning that IP translates it to the paired private IP, then the VPC's local route delivers it.
 */
function enterFromInternet(walk: Walk, packet: Packet): Arrival {
  const owner = [...walk.model.vpcs.values()].find((v) => privateIpOf(walk, v.id, packet.dstIp) !== undefined);
  if (!owner) drop(walk, "internet", "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS", `${packet.dstIp} is paired with no private IP`);
  const privateIp = privateIpOf(walk, owner.id, packet.dstIp)!;
  const igw = [...walk.model.internetGateways.values()].find((g) => g.attachedVpcIds.includes(owner.id));
  if (!igw) drop(walk, owner.id, "NO_PATH", `no internet gateway is attached to ${owner.id}, which owns ${packet.dstIp}`);
  if ([...walk.model.routeTables.values()].some((t) => t.gatewayIds.includes(igw.id))) {
    unmodeled(walk, igw.id, `${igw.id} has an ingress (edge) route table`);
  }
  if (anyCidrContains([...RFC1918, ...RFC6598], packet.srcIp)) {
    drop(walk, igw.id, "IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS", `${packet.srcIp} is private space`);
  }
  step(walk, `internet gateway ${igw.id} translates ${packet.dstIp} to ${privateIp}`);
  return arriveInVpc(walk, owner, { ...packet, dstIp: privateIp });
}

/** A NAT gateway forwarding a new connection: state, same VPC, not its own subnet, its subnet's NACL, translation. */
function throughNatGateway(walk: Walk, natId: string, vpc: Vpc, from: Subnet, packet: Packet): Arrival {
  const nat = walk.model.natGateways.get(natId);
  if (!nat) unmodeled(walk, natId, `NAT gateway ${natId} is not in the snapshot`);
  if (walk.direction === "return") drop(walk, natId, "NO_PATH", "the reply is routed into a NAT gateway that holds no session for it");
  if (walk.natSessions.length > 0) unmodeled(walk, natId, "a packet already translated by a NAT gateway reaches another (NAT chaining)");
  if (nat.availabilityMode === "regional" || !nat.subnetId) unmodeled(walk, natId, "regional NAT gateways are not modelled");
  if (nat.vpcId !== vpc.id) unmodeled(walk, natId, `${natId} is in another VPC than the route table`);
  if (nat.state !== "available") drop(walk, natId, "BAD_STATE", `${natId} is ${nat.state}`);
  if (!anyCidrContains(vpc.cidrs, packet.srcIp)) drop(walk, natId, "NGW_REQUIRES_SOURCE_IN_VPC", `${packet.srcIp} is outside ${vpc.id}`);
  if (from.id === nat.subnetId) drop(walk, natId, "NO_PATH", `${natId} does not serve its own subnet ${from.id}`);
  if (typeof packet.protocol !== "string" || !NAT_PROTOCOLS.includes(packet.protocol)) {
    drop(walk, natId, "PROTOCOL_RESTRICTION", `NAT gateways handle TCP, UDP and ICMP only, not ${showPacket(packet)}`);
  }
  const address = nat.addresses.find((a) => a.privateIp);
  if (!address?.privateIp) unmodeled(walk, natId, `${natId} has no private IP in the snapshot`);
  const natSubnet = walk.model.subnets.get(nat.subnetId);
  if (!natSubnet) unmodeled(walk, natId, `subnet ${nat.subnetId} of ${natId} is not in the snapshot`);
  checkNetworkAcl(walk, natSubnet, packet, "ingress");
  const natPort = packet.protocol === "icmp" ? 0 : walk.natPort;
  walk.natSessions.push({ natId, natIp: address.privateIp, natPort, clientIp: packet.srcIp, clientPort: packet.srcPort });
  const translated = { ...packet, srcIp: address.privateIp, srcPort: natPort };
  step(walk, `NAT gateway ${natId} translates the source to ${address.privateIp}:${natPort}`);
  return leaveSubnet(walk, natSubnet, translated);
}

/** True when an endpoint policy is absent or plainly allows everything. */
function policyAllowsAll(policy: string | undefined): boolean {
  if (policy === undefined) return true;
  try {
    const doc = JSON.parse(policy) as { Statement?: unknown };
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    return statements.every((s) => {
      const st = s as Record<string, unknown>;
      const principalAll = st.Principal === "*" || JSON.stringify(st.Principal) === '{"AWS":"*"}';
      const actionAll = st.Action === "*" || JSON.stringify(st.Action) === '["*"]';
      const resourceAll = st.Resource === "*" || JSON.stringify(st.Resource) === '["*"]';
      return st.Effect === "Allow" && principalAll && actionAll && resourceAll && st.Condition === undefined;
    });
  } catch {
    return false;
  }
}

/** A gateway endpoint: same VPC, available, allow-all policy, TCP or ICMP echo only. */
function throughGatewayEndpoint(walk: Walk, endpointId: string, vpc: Vpc, packet: Packet): Arrival {
  const endpoint = walk.model.vpcEndpoints.get(endpointId);
  if (!endpoint) unmodeled(walk, endpointId, `endpoint ${endpointId} is not in the snapshot`);
  if (walk.direction === "return") drop(walk, endpointId, "NO_PATH", "the reply is routed into a gateway endpoint");
  if (endpoint.type !== "Gateway" || endpoint.vpcId !== vpc.id) unmodeled(walk, endpointId, `${endpointId} is not a gateway endpoint of ${vpc.id}`);
  if (endpoint.state.toLowerCase() !== "available") drop(walk, endpointId, "BAD_STATE", `${endpointId} is ${endpoint.state}`);
  if (!policyAllowsAll(endpoint.policyDocument)) unmodeled(walk, endpointId, `the policy of ${endpointId} is not allow-all`);
  const echo = packet.protocol === "icmp" && packet.icmp?.type === 8;
  if (packet.protocol !== "tcp" && !echo) {
    drop(walk, endpointId, "VPCE_GATEWAY_PROTOCOL_RESTRICTION", `gateway endpoints carry only TCP and ICMP echo, not ${packet.protocol}`);
  }
  step(walk, `gateway endpoint ${endpointId} delivers to ${endpoint.serviceName}`);
  return { kind: "service", endpointId, vpc, packet };
}

/** A peering connection: active, source and destination inside the two VPCs' CIDRs, then the peer's local route. */
function throughPeering(walk: Walk, pcxId: string, vpc: Vpc, packet: Packet): Arrival {
  const pcx = walk.model.vpcPeeringConnections.get(pcxId);
  if (!pcx) unmodeled(walk, pcxId, `peering connection ${pcxId} is not in the snapshot`);
  if (pcx.status !== "active") drop(walk, pcxId, "BAD_STATE", `${pcxId} is ${pcx.status}`);
  const peerSide = pcx.requester.vpcId === vpc.id ? pcx.accepter : pcx.accepter.vpcId === vpc.id ? pcx.requester : undefined;
  if (!peerSide) unmodeled(walk, pcxId, `${pcxId} does not connect ${vpc.id}`);
  const peer = walk.model.vpcs.get(peerSide.vpcId);
  if (!peer) unmodeled(walk, pcxId, `peer VPC ${peerSide.vpcId} is not in the snapshot`);
  if (!anyCidrContains(peer.cidrs, packet.dstIp)) {
    drop(walk, pcxId, "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", `${packet.dstIp} is outside ${peer.id}`);
  }
  if (!anyCidrContains(vpc.cidrs, packet.srcIp)) {
    drop(walk, pcxId, "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", `${packet.srcIp} is outside ${vpc.id}`);
  }
  step(walk, `peering connection ${pcxId} carries the packet into ${peer.id}`);
  return arriveInVpc(walk, peer, packet);
}

/** Starts the reply where the request arrived. */
function replyFrom(walk: Walk, arrival: Arrival): void {
  const reply = reverse(arrival.packet);
  step(walk, `reply ${showPacket(reply)}`);
  switch (arrival.kind) {
    case "eni":
      sendFromInterface(walk, arrival.eni, reply);
      return;
    case "internet":
      enterFromInternet(walk, reply);
      return;
    case "service":
      step(walk, `gateway endpoint ${arrival.endpointId} returns the reply into ${arrival.vpc.id}`);
      arriveInVpc(walk, arrival.vpc, reply);
      return;
    case "sagemaker-managed-network":
      step(walk, "the SageMaker-managed network returns the reply");
      return;
  }
}

/** Delivered straight through the SageMaker-managed network (notebook with direct internet access). */
function throughManagedNetwork(walk: Walk, packet: Packet): Arrival {
  if (anyCidrContains([...RFC1918, ...RFC6598], packet.dstIp)) {
    unmodeled(walk, "sagemaker-managed-network", `private address ${packet.dstIp} outside the notebook's VPC`);
  }
  if (isModelPublicIp(walk, packet.dstIp)) {
    unmodeled(walk, "sagemaker-managed-network", `${packet.dstIp} is a public IP of this network, reached from an unknown SageMaker address`);
  }
  step(walk, "notebook with direct internet access: the SageMaker-managed network delivers to the internet");
  return { kind: "sagemaker-managed-network", packet };
}

function firstPacket(query: Pick<RefQuery, "protocol" | "dstIp" | "dstPort" | "clientPort">, srcIp: string): Packet {
  if (query.protocol === "icmp") {
    return { protocol: "icmp", srcIp, srcPort: 0, dstIp: query.dstIp, dstPort: 0, icmp: { type: 8, code: 0 } };
  }
  if (typeof query.protocol !== "string") return { protocol: query.protocol, srcIp, srcPort: 0, dstIp: query.dstIp, dstPort: 0 };
  return { protocol: query.protocol, srcIp, srcPort: query.clientPort, dstIp: query.dstIp, dstPort: query.dstPort };
}

function reachedOf(arrival: Arrival): { reached: string; reachedKind: Exclude<RefOutcome, { kind: "dropped" | "unmodeled" }>["reachedKind"] } {
  switch (arrival.kind) {
    case "eni":
      return { reached: arrival.eni.id, reachedKind: "eni" };
    case "internet":
      return { reached: "internet", reachedKind: "internet" };
    case "service":
      return { reached: arrival.endpointId, reachedKind: "service" };
    case "sagemaker-managed-network":
      return { reached: "sagemaker-managed-network", reachedKind: "sagemaker-managed-network" };
  }
}

/**
 * Walks one packet and its reply.
 *
 * @param model - the network
 * @param query - source, destination, protocol, ports
 * @param index - the model's index (built when omitted)
 * @returns delivered (and where), dropped (where, code, reason) or unmodeled (why), with the trace
 */
export function evaluatePacket(model: Model, query: RefQuery, index: ModelIndex = indexModel(model)): RefOutcome {
  const walk: Walk = { model, index, direction: "forward", steps: [], origin: undefined, natPort: query.natPort, natSessions: [] };
  try {
    const source = resolveSource(walk, query.from);
    let arrival: Arrival;
    if (!source.eni || !source.ip) {
      // A notebook without a VPC: everything goes through the SageMaker-managed network.
      arrival = throughManagedNetwork(walk, firstPacket(query, "0.0.0.0"));
    } else {
      const packet = firstPacket(query, source.ip);
      if (source.eni.privateIps.some((a) => a.privateIp === query.dstIp)) unmodeled(walk, source.eni.id, "the source sends to itself");
      walk.origin = { kind: "eni", eni: source.eni, packet };
      const vpc = vpcOf(walk, source.eni.vpcId);
      arrival =
        source.directInternetNotebook && !anyCidrContains(vpc.cidrs, query.dstIp)
          ? throughManagedNetwork(walk, packet)
          : sendFromInterface(walk, source.eni, packet);
    }
    walk.direction = "return";
    replyFrom(walk, arrival);
    return { kind: "delivered", ...reachedOf(arrival), steps: walk.steps };
  } catch (error) {
    if (error instanceof Stop) return error.outcome;
    throw error;
  }
}

/** A connection opened from a host on the internet. */
export interface InboundQuery {
  srcIp: string;
  /** A public IP of the network. */
  dstIp: string;
  protocol: RefProtocol;
  dstPort: number;
  srcPort: number;
}

/**
 * Walks a packet sent from the internet to a public IP of the network, and its reply.
 *
 * @param model - the network
 * @param query - the internet host, the public IP, protocol and ports
 * @param index - the model's index (built when omitted)
 */
export function evaluateFromInternet(model: Model, query: InboundQuery, index: ModelIndex = indexModel(model)): RefOutcome {
  const walk: Walk = { model, index, direction: "forward", steps: [], origin: undefined, natPort: 0, natSessions: [] };
  try {
    const packet = firstPacket({ ...query, clientPort: query.srcPort }, query.srcIp);
    walk.origin = { kind: "internet", packet };
    const arrival = enterFromInternet(walk, packet);
    walk.direction = "return";
    replyFrom(walk, arrival);
    return { kind: "delivered", ...reachedOf(arrival), steps: walk.steps };
  } catch (error) {
    if (error instanceof Stop) return error.outcome;
    throw error;
  }
}
