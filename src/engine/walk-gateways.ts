/**
 * The forward path search, part 3: the gateways a route can send traffic to — internet gateway,
 * NAT gateway (then onward from the NAT's own subnet), gateway endpoint, peering connection — and
 * the SageMaker-managed network of notebooks with direct internet access. Each ends at a sink
 * (`internet`, `service:<name>`) or hands over to the next subnet.
 */
import { IntervalSet, NAT_EPHEMERAL_PORTS, parseIpv4, PUBLIC_IPV4 } from "../net/index.js";
import type { Notebook, RouteTable, Subnet } from "../model/types.js";
import { INTERNET_NODE, MANAGED_NETWORK_NODE, serviceNode, shortServiceName } from "../graph/index.js";
import { header, replyClass } from "./packet.js";
import { allowEvidence, evaluateNacl, naclBlock } from "./rules/network-acl.js";
import { checkIgwAttachment, checkIgwPublicIp, igwDestinationBlock, igwEgressSplit } from "./rules/internet-gateway.js";
import { checkNatGateway, natAddress } from "./rules/nat-gateway.js";
import { checkGatewayEndpoint, policyWarning } from "./rules/gateway-endpoint.js";
import { checkPeeringState, peerSide, peeringCidrBlock, peeringDestinationSplit } from "./rules/vpc-peering.js";
import { managedNetworkBlock, managedNetworkEvidenceText, managedNetworkSplit } from "./rules/sagemaker-notebook.js";
import { missingResource } from "./rules/missing-data.js";
import { unsupportedTarget } from "./rules/unsupported-targets.js";
import { leaveSubnet, naclOf, what } from "./walk.js";
import { arriveInVpc, repliesLeaveThrough } from "./walk-deliver.js";
import { reenterOwnPublicIps } from "./walk-internet.js";
import { deliver, extend, hop, passBack, retrace, stop, warn, type Env, type Outcome, type ReturnStep, type Trace } from "./trace.js";
import type { Hop } from "./verdict.js";

/** The sink hop for traffic that left AWS's private network (internet) or reached a service. */
function sinkHop(env: Env, via: string): Hop {
  if (env.dest.type === "aws-service" && env.dest.service) {
    return hop(serviceNode(env.dest.service), "aws-service", [{ kind: "implicit", ref: via, text: `public endpoint of ${env.dest.serviceName} reached like the internet` }]);
  }
  return hop(INTERNET_NODE, "internet", [{ kind: "implicit", ref: via, text: "public IPv4 destination" }]);
}

/**
 * Through an internet gateway to the internet.
 *
 * @param env - the query
 * @param trace - the trace so far
 * @param table - the route table that chose the IGW
 * @param igwId - the IGW
 * @param dst - destination addresses
 */
export function throughIgw(env: Env, trace: Trace, table: RouteTable, igwId: string, dst: IntervalSet): Outcome[] {
  const { ctx } = env;
  const igw = ctx.model.internetGateways.get(igwId);
  if (!igw) return [stop(trace, dst, igwId, "internet-gateway", missingResource(ctx.model, table.scope, "internetGateways", igwId, table.id))];
  const detached = checkIgwAttachment(igw, table.vpcId);
  if (detached) return [stop(trace, dst, igwId, "internet-gateway", detached)];
  const noPublic = checkIgwPublicIp(igwId, trace.srcText, trace.publicIp, trace.notebookEni);
  if (noPublic) {
    if (trace.privateNat) noPublic.fix = `${trace.privateNat} is a private NAT gateway: route 0.0.0.0/0 to a public NAT gateway instead`;
    return [stop(trace, dst, igwId, "internet-gateway", noPublic)];
  }
  const split = igwEgressSplit(dst);
  const out: Outcome[] = [];
  if (!split.rfc1918.isEmpty()) out.push(stop(trace, split.rfc1918, igwId, "internet-gateway", igwDestinationBlock(igwId, "rfc1918")));
  if (!split.rfc6598.isEmpty()) out.push(stop(trace, split.rfc6598, igwId, "internet-gateway", igwDestinationBlock(igwId, "rfc6598")));
  if (split.forwarded.isEmpty()) return out;
  const publicSet = IntervalSet.ofCidr(trace.publicIp as string);
  const igwHop = hop(
    igwId,
    "internet-gateway",
    [
      { kind: "attribute", ref: igwId, text: `${igwId} attached to ${table.vpcId}` },
      { kind: "translation", ref: igwId, text: `source ${trace.srcText} → ${trace.publicIp}` },
    ],
    {
      ...(igw.name ? { name: igw.name } : {}),
      inbound: header(env.cls, trace.srcSet, trace.srcPorts, split.forwarded),
      outbound: header(env.cls, publicSet, trace.srcPorts, split.forwarded),
    },
  );
  // The replies, translated back: public IP → private IP (headers of the return direction).
  const reply = replyClass(env.cls, trace.srcPorts);
  const igwBack: ReturnStep = (replies) => ({
    hop: hop(igwId, "internet-gateway", [{ kind: "translation", ref: igwId, text: `destination ${trace.publicIp} → ${trace.srcText}` }], {
      ...(igw.name ? { name: igw.name } : {}),
      inbound: header(reply, replies, env.cls.ports, publicSet),
      outbound: header(reply, replies, env.cls.ports, trace.srcSet),
    }),
    allowed: replies,
  });
  const afterIgw = extend(trace, [igwHop], igwBack);
  const own = reenterOwnPublicIps(env, afterIgw, split.forwarded);
  out.push(...own.outcomes);
  if (own.rest.isEmpty()) return out;
  const sink = sinkHop(env, igwId);
  out.push(...deliver(extend(afterIgw, [sink], passBack(sink)), own.rest));
  return out;
}

/**
 * Through a NAT gateway: its checks, its subnet's NACL inbound, the source translation, then onward
 * from the NAT's subnet (NACL outbound and route table).
 *
 * @param env - the query
 * @param trace - the trace so far
 * @param fromSubnet - the subnet whose route chose the NAT
 * @param natId - the NAT gateway
 * @param dst - destination addresses
 */
export function throughNat(env: Env, trace: Trace, fromSubnet: Subnet, natId: string, dst: IntervalSet): Outcome[] {
  const { ctx, cls } = env;
  const nat = ctx.model.natGateways.get(natId);
  if (!nat) return [stop(trace, dst, natId, "nat-gateway", missingResource(ctx.model, fromSubnet.scope, "natGateways", natId, ctx.index.routeTableOfSubnet(fromSubnet.id)?.value.id ?? fromSubnet.id))];
  if (trace.nats.includes(natId)) {
    return [stop(trace, dst, natId, "nat-gateway", { code: "NO_POSSIBLE_DESTINATION", message: `traffic loops back to ${natId}`, rule: { kind: "implicit", ref: natId, text: "routing loop through the NAT gateway" }, fix: `route 0.0.0.0/0 of ${nat.subnetId}'s route table to an internet gateway` })];
  }
  const bad = checkNatGateway(nat, trace.vpcId, trace.subnetId, trace.az, cls.protocol);
  if (bad) return [stop(trace, dst, natId, "nat-gateway", bad)];
  const natSubnet = nat.subnetId ? ctx.model.subnets.get(nat.subnetId) : undefined;
  if (!natSubnet) return [stop(trace, dst, natId, "nat-gateway", missingResource(ctx.model, nat.scope, "subnets", nat.subnetId ?? "(subnet)", natId))];
  const found = naclOf(env, natSubnet);
  if (!("acl" in found)) return [stop(trace, dst, natSubnet.id, "subnet", found)];
  const { acl, how } = found;
  // The NAT subnet's NACL sees the client's packets inbound (source = client).
  const inbound = evaluateNacl(acl, false, cls, trace.srcSet);
  if (!inbound.allowed.covers(trace.srcSet)) {
    return [
      stop(trace, dst, acl.id, "network-acl", naclBlock(acl.id, inbound, false, cls, `${what(env, dst)} from ${trace.srcText} on its way to ${natId}`, trace.srcSet.toCidrs().join(", "))),
    ];
  }
  const address = natAddress(nat);
  const natIp = address.privateIp ? parseIpv4(address.privateIp) : undefined;
  const natSet = natIp !== undefined ? IntervalSet.range(natIp, natIp) : IntervalSet.ofCidr(natSubnet.cidr);
  const details = ["NGW_SOURCE_ADDRESS_REASSIGN", "REMAP_EPHEMERAL_PORT"];
  if (trace.az && natSubnet.availabilityZone !== trace.az) details.push("AVAILABILITY_ZONE_CROSSED");
  const subnetHop = hop(natSubnet.id, "subnet", [{ kind: "association", ref: natSubnet.id, text: `${natSubnet.id} (${natSubnet.cidr}, ${natSubnet.availabilityZone}) holds ${natId}, uses ${acl.id} (${how})` }]);
  const aclHop = hop(acl.id, "network-acl", allowEvidence(acl.id, inbound));
  const natHop = hop(
    natId,
    "nat-gateway",
    [
      { kind: "state", ref: natId, text: `${natId} ${nat.state}, ${nat.connectivityType}${address.publicIp ? `, EIP ${address.publicIp}` : ""}` },
      { kind: "translation", ref: natId, text: `source ${trace.srcText} → ${address.privateIp ?? natSubnet.cidr}, ports → 1024-65535` },
    ],
    {
      ...(nat.name ? { name: nat.name } : {}),
      inbound: header(cls, trace.srcSet, trace.srcPorts, dst),
      outbound: header(cls, natSet, NAT_EPHEMERAL_PORTS, dst),
      details,
    },
  );
  const clientSet = trace.srcSet;
  const reply = replyClass(cls, trace.srcPorts);
  // Replies: NAT → client leave the NAT subnet through its NACL outbound (destination = client).
  const replyOut = repliesLeaveThrough(acl, reply, clientSet, `the replies from ${natId} to ${clientSet.toCidrs().join(", ")}`);
  const natReply = replyClass(cls, NAT_EPHEMERAL_PORTS);
  const untranslate: ReturnStep = (replies) => ({
    hop: hop(natId, "nat-gateway", [{ kind: "translation", ref: natId, text: `destination ${address.privateIp ?? "NAT"} → ${trace.srcText} (connection tracking)` }], {
      ...(nat.name ? { name: nat.name } : {}),
      inbound: header(natReply, replies, cls.ports, natSet),
      outbound: header(reply, replies, cls.ports, clientSet),
    }),
    allowed: replies,
  });
  const next = extend(trace, [subnetHop, aclHop, natHop], replyOut, untranslate);
  const after: Trace = retrace(next, {
    srcSet: natSet,
    srcText: `${address.privateIp ?? natSubnet.cidr} (${natId})`,
    srcPorts: NAT_EPHEMERAL_PORTS,
    publicIp: address.publicIp,
    notebookEni: false,
    preservesGroups: false,
    subnetId: natSubnet.id,
    az: natSubnet.availabilityZone,
    nats: [...trace.nats, natId],
    privateNat: nat.connectivityType === "private" ? natId : undefined,
  });
  return leaveSubnet(env, after, natSubnet, dst);
}

/**
 * Through a gateway endpoint to its service.
 *
 * @param env - the query
 * @param trace - the trace so far
 * @param table - the route table with the prefix-list route
 * @param endpointId - the endpoint
 * @param dst - destination addresses
 */
export function throughGatewayEndpoint(env: Env, trace: Trace, table: RouteTable, endpointId: string, dst: IntervalSet): Outcome[] {
  const { ctx } = env;
  const endpoint = ctx.model.vpcEndpoints.get(endpointId);
  if (!endpoint) return [stop(trace, dst, endpointId, "gateway-endpoint", missingResource(ctx.model, table.scope, "vpcEndpoints", endpointId, table.id))];
  // AWS names GWLB endpoints in routes as GatewayId vpce-… too: only a Gateway endpoint is modelled.
  if (endpoint.type !== "Gateway") {
    const rb = unsupportedTarget({ kind: "gwlb-endpoint", id: endpointId }, table.id);
    if (rb) return [stop(trace, dst, endpointId, "gateway-endpoint", rb)];
  }
  const bad = checkGatewayEndpoint(endpoint, env.cls);
  if (bad) return [stop(trace, dst, endpointId, "gateway-endpoint", bad)];
  const service = shortServiceName(endpoint.serviceName);
  const warning = policyWarning(endpoint);
  const epHop = hop(endpointId, "gateway-endpoint", [{ kind: "association", ref: endpointId, text: `${endpointId} (${endpoint.serviceName}, ${endpoint.state}) associated with ${table.id}` }], endpoint.name ? { name: endpoint.name } : {});
  const sink = hop(serviceNode(service), "aws-service", [{ kind: "implicit", ref: endpointId, text: `${endpoint.serviceName} in ${endpoint.scope.region} through the gateway endpoint` }]);
  let next = extend(trace, [epHop, sink], passBack(epHop), passBack(sink));
  if (warning) next = warn(next, warning);
  if (env.dest.type === "aws-service") next = warn(next, otherRegionsNote(env, table, endpoint.scope.region, service));
  return deliver(next, dst);
}

/**
 * What happens to the service in other Regions: a gateway endpoint serves its own Region only, so
 * other Regions' addresses follow the table's other routes.
 *
 * @param env - the query
 * @param table - the route table with the endpoint route
 * @param region - the endpoint's Region
 * @param service - the short service name
 */
function otherRegionsNote(env: Env, table: RouteTable, region: string, service: string): string {
  const parts = env.ctx.routes(table, env.ctx.internetAddresses(region)).parts;
  let best = parts[0];
  for (const p of parts) if (best && p.addresses.size() > best.addresses.size()) best = p;
  const route = best?.route;
  const fate = !route ? `have no route in ${table.id} (blocked)` : route.state === "blackhole" ? `hit a blackhole route in ${table.id}` : `follow ${table.id}'s route ${route.destination.kind === "cidr" ? route.destination.cidr : "…"} → ${"id" in route.target ? route.target.id : "local"}`;
  return `${service} in ${region} goes through the gateway endpoint; ${service} in other Regions is not served by it and would ${fate}`;
}

/**
 * Through a VPC peering connection into the peer VPC.
 *
 * @param env - the query
 * @param trace - the trace so far
 * @param table - the route table with the peering route
 * @param pcxId - the peering connection
 * @param dst - destination addresses
 */
export function throughPeering(env: Env, trace: Trace, table: RouteTable, pcxId: string, dst: IntervalSet): Outcome[] {
  const { ctx } = env;
  const pcx = ctx.model.vpcPeeringConnections.get(pcxId);
  if (!pcx) return [stop(trace, dst, pcxId, "vpc-peering-connection", missingResource(ctx.model, table.scope, "vpcPeeringConnections", pcxId, table.id))];
  const bad = checkPeeringState(pcx);
  if (bad) return [stop(trace, dst, pcxId, "vpc-peering-connection", bad)];
  const sides = peerSide(pcx, table.vpcId);
  if (!sides || trace.peering) return [stop(trace, dst, pcxId, "vpc-peering-connection", peeringCidrBlock(pcx))];
  const localCidrs = IntervalSet.fromCidrs(ctx.index.vpcCidrs(sides.local.vpcId).length > 0 ? ctx.index.vpcCidrs(sides.local.vpcId) : sides.local.cidrs);
  if (!localCidrs.covers(trace.srcSet)) return [stop(trace, dst, pcxId, "vpc-peering-connection", peeringCidrBlock(pcx))];
  const remoteVpc = ctx.model.vpcs.get(sides.remote.vpcId);
  const split = peeringDestinationSplit(remoteVpc?.cidrs ?? sides.remote.cidrs, dst);
  const out: Outcome[] = [];
  if (!split.outside.isEmpty()) out.push(stop(trace, split.outside, pcxId, "vpc-peering-connection", peeringCidrBlock(pcx)));
  if (split.inside.isEmpty()) return out;
  if (!remoteVpc) {
    out.push(
      stop(trace, split.inside, pcxId, "vpc-peering-connection", {
        code: "UNKNOWN_RESOURCE",
        message: `the peer VPC ${sides.remote.vpcId} of ${pcxId} (account ${sides.remote.ownerId ?? "unknown"}) is not in the snapshot`,
        rule: { kind: "implicit", ref: sides.remote.vpcId, text: `${sides.remote.vpcId} not in snapshot` },
        fix: `collect the peer account/Region of ${sides.remote.vpcId} into the same snapshot`,
        unknown: true,
      }),
    );
    return out;
  }
  const pcxHop = hop(pcxId, "vpc-peering-connection", [{ kind: "state", ref: pcxId, text: `${pcxId} ${pcx.status}: ${pcx.requester.vpcId} ↔ ${pcx.accepter.vpcId}` }], pcx.name ? { name: pcx.name } : {});
  const next = extend(trace, [pcxHop], passBack(pcxHop));
  out.push(...arriveInVpc(env, retrace(next, { vpcId: remoteVpc.id, peering: pcxId }), remoteVpc.id, split.inside));
  return out;
}

/**
 * A notebook with direct internet access: non-VPC traffic leaves through the SageMaker-managed network.
 *
 * @param env - the query
 * @param trace - the trace so far
 * @param notebook - the notebook
 * @param dst - destination addresses outside the notebook's VPC
 */
export function throughManagedNetwork(env: Env, trace: Trace, notebook: Notebook, dst: IntervalSet): Outcome[] {
  const split = managedNetworkSplit(dst);
  const out: Outcome[] = [];
  if (!split.dropped.isEmpty()) out.push(stop(trace, split.dropped, MANAGED_NETWORK_NODE, "sagemaker-managed-network", managedNetworkBlock(notebook, what(env, split.dropped))));
  if (split.delivered.isEmpty()) return out;
  const managedHop = hop(MANAGED_NETWORK_NODE, "sagemaker-managed-network", [{ kind: "attribute", ref: notebook.id, text: managedNetworkEvidenceText(notebook) }], {
    details: ["customer route tables, NAT gateways, NACLs and gateway endpoints are bypassed"],
  });
  // The managed network's public source address is SageMaker's and unknown: any public address.
  const afterManaged = retrace(extend(trace, [managedHop], passBack(managedHop)), { srcSet: PUBLIC_IPV4, srcText: "a SageMaker-managed public address", publicIp: undefined });
  const own = reenterOwnPublicIps(env, afterManaged, split.delivered);
  out.push(...own.outcomes);
  if (own.rest.isEmpty()) return out;
  const sink = sinkHop(env, MANAGED_NETWORK_NODE);
  out.push(...deliver(extend(afterManaged, [sink], passBack(sink)), own.rest));
  return out;
}
