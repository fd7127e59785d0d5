/**
 * The reference evaluator's hops: how one concrete packet moves between ENIs, subnets, route
 * tables and gateways (internet gateway, NAT gateway, gateway endpoint, peering, the
 * SageMaker-managed network; the transit gateway in transit-gateway.ts), each hop a function that applies the rules of
 * `shared/research/aws-semantics.md` for that component and either hands the packet on or ends the
 * walk. `evaluate.ts` starts walks and their replies.
 */
import type { Model, NetworkInterface, Route, Subnet, Vpc } from "../../src/model/types.js";
import { anyCidrContains, RFC1918, RFC6598 } from "./ipv4.js";
import { checkNetworkAcl, checkSecurityGroups } from "./filters.js";
import { isModelPublicIp, natOfInterface, privateIpOf, publicIpOf, routeTableOf, selectRoute, subnetOf } from "./routing.js";
import { drop, reverse, showPacket, step, unmodeled, type Packet, type Walk } from "./walk.js";
import { assumedAddress, publicAddressCandidates } from "./assume.js";
import { applyBlockPublicAccess, followGatewayRouteTable } from "./internet-edge.js";
import { throughTransitGateway } from "./transit-gateway.js";

const NAT_PROTOCOLS = ["tcp", "udp", "icmp"];

/** Where the forward packet arrived, with the packet as it arrived there. */
export type Arrival =
  | { kind: "eni"; eni: NetworkInterface; packet: Packet }
  | { kind: "internet"; igwId: string; vpc: Vpc; packet: Packet }
  | { kind: "service"; endpointId: string; vpc: Vpc; packet: Packet }
  | { kind: "sagemaker-managed-network"; packet: Packet };

/** The ENI owning an address in a VPC; unmodeled when ENI data is missing. */
export function interfaceAt(walk: Walk, vpc: Vpc, ip: string): NetworkInterface | undefined {
  const eni = walk.index.interfaceByPrivateIp(vpc.id, ip);
  if (!eni && !hasData(walk.model, "networkInterfaces")) unmodeled(walk, vpc.id, "no ENI data in the snapshot");
  return eni;
}

export function hasData(model: Model, kind: Parameters<ReadonlySet<string>["has"]>[0]): boolean {
  return [...model.dataPresent.values()].some((kinds) => (kinds as ReadonlySet<string>).has(kind));
}

export function vpcOf(walk: Walk, vpcId: string): Vpc {
  const vpc = walk.model.vpcs.get(vpcId);
  if (!vpc) unmodeled(walk, vpcId, `VPC ${vpcId} is not in the snapshot`);
  return vpc;
}

/** A packet sent by an ENI: its security groups (forward only), then out of its subnet. */
export function sendFromInterface(walk: Walk, eni: NetworkInterface, packet: Packet): Arrival {
  step(walk, `${eni.id} sends ${showPacket(packet)}`);
  checkSecurityGroups(walk, eni, packet, "egress");
  return leaveSubnet(walk, subnetOf(walk, eni), packet);
}

/** A packet leaving a subnet: same-subnet delivery, else NACL egress, route table and the chosen target. */
export function leaveSubnet(walk: Walk, subnet: Subnet, packet: Packet): Arrival {
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
  refuseAsymmetricReturn(walk, vpc, table.id, target);
  switch (target.kind) {
    case "local":
      return arriveInVpc(walk, vpc, packet);
    case "igw":
      return throughInternetGateway(walk, target.id, vpc, subnet, packet);
    case "nat":
      return throughNatGateway(walk, target.id, vpc, subnet, packet);
    case "gateway-endpoint":
      return throughGatewayEndpoint(walk, target.id, vpc, packet);
    case "peering":
      return throughPeering(walk, target.id, vpc, packet);
    case "transit-gateway":
      return throughTransitGateway(walk, target.id, vpc, subnet, packet);
    default:
      return unmodeled(walk, table.id, `route target ${target.kind} ${target.id} is not modelled`);
  }
}

/**
 * Records how the request entered a VPC by a transit gateway or peering connection, so that its
 * reply can be checked to leave the same way.
 *
 * @param walk - the walk (only the forward direction records)
 * @param vpcId - the VPC entered
 * @param gatewayId - the transit gateway or peering connection
 */
export function recordEntry(walk: Walk, vpcId: string, gatewayId: string): void {
  if (walk.direction === "forward") (walk.enteredBy ??= new Map()).set(vpcId, gatewayId);
}

/**
 * A reply leaving a VPC the request entered by a transit gateway or peering connection by another
 * one, or delivered there by the local route (the client is in the VPC: the request came back in),
 * takes an asymmetric path. Nothing on it keeps state, so it may work, but the reference does not
 * follow it: the engine answers `unknown` there. Also for a reply coming into such a VPC by a gateway
 * endpoint or another peering connection (`enters`), which the VPC's local route then delivers: a
 * request a transit gateway routed back into its own VPC (`component` is then the endpoint or
 * peering connection).
 */
export function refuseAsymmetricReturn(walk: Walk, vpc: Vpc, component: string, target: Route["target"], verb: "leaves" | "enters" = "leaves"): void {
  const entered = walk.direction === "return" ? walk.enteredBy?.get(vpc.id) : undefined;
  if (!entered) return;
  const other = target.kind === "local" || target.kind === "gateway-endpoint" || ((target.kind === "peering" || target.kind === "transit-gateway") && target.id !== entered);
  if (other) unmodeled(walk, component, `the reply ${verb} ${vpc.id} by ${target.kind === "local" ? "the local route" : target.id}, not by ${entered} as the request came (asymmetric return path)`);
}

/** A packet delivered by a VPC's local route: destination subnet NACL ingress, then the ENI. */
export function arriveInVpc(walk: Walk, vpc: Vpc, packet: Packet): Arrival {
  const eni = interfaceAt(walk, vpc, packet.dstIp);
  if (!eni) drop(walk, vpc.id, "NO_POSSIBLE_DESTINATION", `no ENI in ${vpc.id} has the address ${packet.dstIp}`);
  checkNetworkAcl(walk, subnetOf(walk, eni), packet, "ingress");
  return arriveAtInterface(walk, eni, packet);
}

/** A packet at an ENI: a NAT gateway (only replies to its sessions), an interface endpoint, or a host. */
export function arriveAtInterface(walk: Walk, eni: NetworkInterface, packet: Packet): Arrival {
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
    // PrivateLink: "an interface endpoint supports IPv4 TCP traffic only" (interface endpoint properties and limitations).
    if (packet.protocol !== "tcp") drop(walk, endpoint.id, "PROTOCOL_RESTRICTION", `interface endpoint ${endpoint.id} carries TCP only, not ${showPacket(packet)}`);
  } else if (eni.interfaceType === "vpc_endpoint") {
    unmodeled(walk, eni.id, `endpoint ENI ${eni.id} has no endpoint in the snapshot`);
  }
  // An ENI attached to nothing (Status available, attaching, detaching): no known host receives the packet.
  if (!endpoint && eni.status !== "in-use" && eni.status !== "associated") unmodeled(walk, eni.id, `${eni.id} is ${eni.status}`);
  // An ENI without groups (a load balancer's, a transit gateway's) filters nothing and hands the packet to what is not modelled.
  if (eni.securityGroupIds.length === 0) unmodeled(walk, eni.id, `${eni.id} (${eni.interfaceType}) has no security groups`);
  checkSecurityGroups(walk, eni, packet, "ingress");
  // Resource, service-network and GWLB endpoints forward to what the model does not hold (Lattice, appliances).
  if (endpoint && endpoint.type !== "Interface") unmodeled(walk, endpoint.id, `${endpoint.type} endpoint ${endpoint.id}: what it forwards to is not modelled`);
  step(walk, `delivered to ${endpoint ? `interface endpoint ${endpoint.id} (${eni.id})` : eni.id}`);
  return { kind: "eni", eni, packet };
}

/** A reply reaching an ENI: it must be the requester, with the request's addresses and ports swapped. */
export function replyAtInterface(walk: Walk, eni: NetworkInterface, packet: Packet): Arrival {
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
export function throughInternetGateway(walk: Walk, igwId: string, vpc: Vpc, from: Subnet, packet: Packet): Arrival {
  const igw = walk.model.internetGateways.get(igwId);
  if (!igw) unmodeled(walk, igwId, `internet gateway ${igwId} is not in the snapshot`);
  const changing = igw.changingAttachments?.find((a) => a.vpcId === vpc.id);
  if (changing && !igw.attachedVpcIds.includes(vpc.id)) unmodeled(walk, igwId, `${igwId} is ${changing.state} ${vpc.id}`);
  if (!igw.attachedVpcIds.includes(vpc.id)) drop(walk, igwId, "BAD_STATE_ATTACHMENT", `${igwId} is not attached to ${vpc.id}`);
  if (anyCidrContains(RFC1918, packet.dstIp)) {
    drop(walk, igwId, "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS", `${packet.dstIp} is RFC 1918 space`);
  }
  if (anyCidrContains(RFC6598, packet.dstIp)) {
    drop(walk, igwId, "IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS", `${packet.dstIp} is RFC 6598 space`);
  }
  const publicIp = publicIpOf(walk, vpc.id, packet.srcIp);
  if (!publicIp) drop(walk, igwId, "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", `${packet.srcIp} has no public IP`);
  // A packet a transit gateway brought back into its sender's VPC comes from the attachment's ENI: no AWS page says the gateway translates it.
  if (walk.direction === "forward" && walk.enteredByTransitGateway === vpc.id && walk.natSessions.length === 0) unmodeled(walk, igwId, `${packet.srcIp} reaches ${igwId} through a transit gateway attachment: its translation to ${publicIp} is not documented`);
  // A reply leaving through the gateway was judged when its request came in.
  if (walk.direction === "forward") applyBlockPublicAccess(walk, igwId, from, walk.natSessions.length > 0 ? "out-from-nat" : "out-from-public-ip");
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
export function enterFromInternet(walk: Walk, packet: Packet): Arrival {
  const owner = [...walk.model.vpcs.values()].find((v) => privateIpOf(walk, v.id, packet.dstIp) !== undefined);
  if (!owner) drop(walk, "internet", "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS", `${packet.dstIp} is paired with no private IP`);
  const privateIp = privateIpOf(walk, owner.id, packet.dstIp)!;
  const igw = [...walk.model.internetGateways.values()].find((g) => g.attachedVpcIds.includes(owner.id));
  if (!igw) drop(walk, owner.id, "NO_PATH", `no internet gateway is attached to ${owner.id}, which owns ${packet.dstIp}`);
  if (anyCidrContains([...RFC1918, ...RFC6598], packet.srcIp)) {
    drop(walk, igw.id, "IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS", `${packet.srcIp} is private space`);
  }
  // A reply coming back in was judged when its request went out.
  if (walk.direction === "forward") {
    const eni = interfaceAt(walk, owner, privateIp);
    if (eni) applyBlockPublicAccess(walk, igw.id, subnetOf(walk, eni), "in-to-public-ip");
  }
  step(walk, `internet gateway ${igw.id} translates ${packet.dstIp} to ${privateIp}`);
  followGatewayRouteTable(walk, igw.id, privateIp);
  return arriveInVpc(walk, owner, { ...packet, dstIp: privateIp });
}

/** A NAT gateway forwarding a new connection: state, same VPC, not its own subnet, its subnet's NACL, translation. */
export function throughNatGateway(walk: Walk, natId: string, vpc: Vpc, from: Subnet, packet: Packet): Arrival {
  const nat = walk.model.natGateways.get(natId);
  if (!nat) unmodeled(walk, natId, `NAT gateway ${natId} is not in the snapshot`);
  if (walk.direction === "return") drop(walk, natId, "NO_PATH", "the reply is routed into a NAT gateway that holds no session for it");
  // The NAT's own subnet routing its translated packet back to it is a loop (it does not serve its own subnet).
  if (walk.natSessions.some((s) => s.natId === natId)) drop(walk, natId, "NO_PATH", `${natId} receives its own translated packet back (routing loop)`);
  if (nat.availabilityMode === "regional" || !nat.subnetId) unmodeled(walk, natId, "regional NAT gateways are not modelled");
  if (nat.vpcId !== vpc.id) unmodeled(walk, natId, `${natId} is in another VPC than the route table`);
  if (nat.state !== "available") drop(walk, natId, "BAD_STATE", `${natId} is ${nat.state}`);
  // Centralized egress: a NAT gateway serves what a transit gateway delivered into its VPC, not what came over peering.
  if (!anyCidrContains(vpc.cidrs, packet.srcIp) && walk.enteredByTransitGateway !== vpc.id) drop(walk, natId, "NGW_REQUIRES_SOURCE_IN_VPC", `${packet.srcIp} is outside ${vpc.id}`);
  if (from.id === nat.subnetId) drop(walk, natId, "NO_PATH", `${natId} does not serve its own subnet ${from.id}`);
  if (typeof packet.protocol !== "string" || !NAT_PROTOCOLS.includes(packet.protocol)) {
    drop(walk, natId, "PROTOCOL_RESTRICTION", `NAT gateways handle TCP, UDP and ICMP only, not ${showPacket(packet)}`);
  }
  const address = nat.addresses.find((a) => a.privateIp);
  if (!address?.privateIp) unmodeled(walk, natId, `${natId} has no private IP in the snapshot`);
  const natSubnet = walk.model.subnets.get(nat.subnetId);
  if (!natSubnet) unmodeled(walk, natId, `subnet ${nat.subnetId} of ${natId} is not in the snapshot`);
  checkNetworkAcl(walk, natSubnet, packet, "ingress");
  // Checked last: each check above drops the packet whether or not a NAT forwards another NAT's traffic.
  if (walk.natSessions.length > 0) unmodeled(walk, natId, "a packet already translated by a NAT gateway reaches another (NAT chaining)");
  const natPort = packet.protocol === "icmp" ? 0 : walk.natPort;
  walk.natSessions.push({ natId, natIp: address.privateIp, natPort, clientIp: packet.srcIp, clientPort: packet.srcPort });
  const translated = { ...packet, srcIp: address.privateIp, srcPort: natPort };
  step(walk, `NAT gateway ${natId} translates the source to ${address.privateIp}:${natPort}`);
  return leaveSubnet(walk, natSubnet, translated);
}

/**
 * Whether an endpoint policy lets any request through the endpoint. A policy is an IAM resource
 * policy evaluated per request, not per packet ("Control access to VPC endpoints using endpoint
 * policies", PrivateLink Guide): while it allows some principal some action, connections are
 * carried and the policy decides which requests succeed. It allows nothing when it has no Allow
 * statement, or an unconditional Deny of every action on every resource to everyone.
 *
 * @param policy - the policy document (absent: the default full-access policy)
 * @returns true, false, or "unknown" for a document that is not a readable policy
 */
export function policyAllowsSomething(policy: string | undefined): boolean | "unknown" {
  if (policy === undefined) return true;
  let statements: unknown[];
  try {
    const doc = JSON.parse(policy) as { Statement?: unknown };
    statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  } catch {
    return "unknown";
  }
  const everything = (value: unknown) => value === "*" || (Array.isArray(value) && value.includes("*"));
  const everyone = (value: unknown) => value === "*" || (typeof value === "object" && value !== null && everything((value as { AWS?: unknown }).AWS));
  let allows = false;
  for (const statement of statements) {
    if (typeof statement !== "object" || statement === null) return "unknown";
    const st = statement as Record<string, unknown>;
    if (st.Effect === "Allow") allows = true;
    else if (st.Effect === "Deny") {
      if (everyone(st.Principal) && everything(st.Action) && everything(st.Resource) && st.Condition === undefined) return false;
    } else return "unknown";
  }
  return allows;
}

/** A gateway endpoint: same VPC, available, a policy that allows some request, TCP or ICMP echo only. */
export function throughGatewayEndpoint(walk: Walk, endpointId: string, vpc: Vpc, packet: Packet): Arrival {
  const endpoint = walk.model.vpcEndpoints.get(endpointId);
  if (!endpoint) unmodeled(walk, endpointId, `endpoint ${endpointId} is not in the snapshot`);
  if (walk.direction === "return") drop(walk, endpointId, "NO_PATH", "the reply is routed into a gateway endpoint");
  if (endpoint.type !== "Gateway" || endpoint.vpcId !== vpc.id) unmodeled(walk, endpointId, `${endpointId} is not a gateway endpoint of ${vpc.id}`);
  if (endpoint.state.toLowerCase() !== "available") drop(walk, endpointId, "BAD_STATE", `${endpointId} is ${endpoint.state}`);
  // "Endpoint connections cannot be extended out of a VPC": a source from over a transit gateway, peering or VPN cannot use it.
  if (!anyCidrContains(vpc.cidrs, packet.srcIp)) drop(walk, endpointId, "VPCE_SOURCE_OUTSIDE_VPC", `${packet.srcIp} is outside ${vpc.id}, which ${endpointId} serves`);
  const allows = policyAllowsSomething(endpoint.policyDocument);
  if (allows === "unknown") unmodeled(walk, endpointId, `the policy of ${endpointId} is not a readable policy document`);
  if (!allows) drop(walk, endpointId, "VPCE_POLICY_RESTRICTION", `the policy of ${endpointId} allows no request`);
  const echo = packet.protocol === "icmp" && packet.icmp?.type === 8;
  if (packet.protocol !== "tcp" && !echo) {
    drop(walk, endpointId, "VPCE_GATEWAY_PROTOCOL_RESTRICTION", `gateway endpoints carry only TCP and ICMP echo, not ${packet.protocol}`);
  }
  step(walk, `gateway endpoint ${endpointId} delivers to ${endpoint.serviceName}`);
  return { kind: "service", endpointId, vpc, packet };
}

/** A peering connection: active, source and destination inside the two VPCs' CIDRs, then the peer's local route. */
export function throughPeering(walk: Walk, pcxId: string, vpc: Vpc, packet: Packet): Arrival {
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
  refuseAsymmetricReturn(walk, peer, pcxId, { kind: "peering", id: pcxId }, "enters");
  recordEntry(walk, peer.id, pcxId);
  if (walk.direction === "forward") (walk.crossed ??= []).push({ kind: "peering", id: pcxId });
  return arriveInVpc(walk, peer, packet);
}

/**
 * Delivered straight through the SageMaker-managed network (notebook with direct internet access,
 * or without a VPC). The notebook sends everything outside its VPC's CIDRs to the managed VPC's
 * internet route (AWS ML blog "Understanding Amazon SageMaker notebook instance networking
 * configurations"), and the internet routes no private space, so RFC 1918 / RFC 6598 addresses
 * outside the notebook's VPC (a peered VPC too) are out of reach.
 */
export function throughManagedNetwork(walk: Walk, packet: Packet): Arrival {
  if (anyCidrContains(RFC1918, packet.dstIp)) {
    drop(walk, "sagemaker-managed-network", "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS", `${packet.dstIp} is RFC 1918 space outside the notebook's VPC: the managed network sends it to the internet`);
  }
  if (anyCidrContains(RFC6598, packet.dstIp)) {
    drop(walk, "sagemaker-managed-network", "IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS", `${packet.dstIp} is RFC 6598 space outside the notebook's VPC: the managed network sends it to the internet`);
  }
  if (isModelPublicIp(walk, packet.dstIp)) {
    // The managed network's public address is SageMaker's: walked once per part of the address space.
    const source = assumedAddress(walk, "sagemaker-managed-network address", () => publicAddressCandidates(walk.model), "the SageMaker-managed network's public address is in no snapshot");
    const fromInternet = { ...packet, srcIp: source, srcPort: packet.srcPort === 0 ? 0 : walk.natPort };
    step(walk, `${packet.dstIp} is a public IP of this network: the managed network's NAT gateway sends the packet from its public address (assumed ${source}) into the internet`);
    walk.origin = { kind: "internet", packet: fromInternet };
    return enterFromInternet(walk, fromInternet);
  }
  step(walk, "notebook with direct internet access: the SageMaker-managed network delivers to the internet");
  return { kind: "sagemaker-managed-network", packet };
}
