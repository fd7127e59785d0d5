/**
 * The forward path search, part 2: arrival inside a VPC over the local route (or a peering
 * connection), the destination subnet's NACL inbound, and delivery to the ENI that owns the address:
 * its security groups inbound, or the interface endpoint / NAT gateway it belongs to.
 */
import { IntervalSet } from "../net/index.js";
import type { NetworkAcl, NetworkInterface, Subnet } from "../model/types.js";
import { replyClass, type PacketClass } from "./packet.js";
import { allowEvidence, evaluateNacl, naclBlock } from "./rules/network-acl.js";
import { evaluateSecurityGroups, sgEvidence, sgFix } from "./rules/security-group.js";
import { missingResource, requireData } from "./rules/missing-data.js";
import { natAsDestinationBlock } from "./rules/nat-gateway.js";
import { checkInterfaceEndpoint } from "./rules/interface-endpoint.js";
import { routeEvidence } from "./rules/route-selection.js";
import { shortServiceName, serviceNode } from "../graph/index.js";
import { naclOf, what } from "./walk.js";
import { deliver, extend, hop, passBack, stop, warn, type Env, type Outcome, type ReturnStep, type Trace } from "./trace.js";
import { policyWarning } from "./rules/gateway-endpoint.js";
import type { RuleBlock } from "./rules/block.js";
import type { Hop } from "./verdict.js";

/**
 * The return step where replies leave a subnet through its NACL outbound towards the clients: every
 * client address must be admitted on the whole reply port range, or the replies are dropped there.
 *
 * @param acl - the subnet's NACL
 * @param reply - the replies' packet class (ports = the clients' ephemeral range)
 * @param clients - the client addresses the replies go to
 * @param what - the replies, for the block's message
 */
export function repliesLeaveThrough(acl: NetworkAcl, reply: PacketClass, clients: IntervalSet, what: string): ReturnStep {
  return (replies) => {
    const back = evaluateNacl(acl, true, reply, clients);
    const h = hop(acl.id, "network-acl", allowEvidence(acl.id, back));
    if (back.allowed.covers(clients)) return { hop: h, allowed: replies };
    return {
      hop: h,
      allowed: IntervalSet.EMPTY,
      block: { component: acl.id, type: "network-acl", direction: "return", rb: naclBlock(acl.id, back, true, reply, what, clients.toCidrs().join(", ")) },
    };
  };
}


/**
 * Splits addresses arriving in a VPC over its subnets.
 *
 * @param env - the query
 * @param trace - the trace so far
 * @param vpcId - the VPC
 * @param dst - destination addresses (inside the VPC's CIDRs)
 */
export function arriveInVpc(env: Env, trace: Trace, vpcId: string, dst: IntervalSet): Outcome[] {
  const out: Outcome[] = [];
  let rest = dst;
  const vpcHop = hop(vpcId, "vpc", [{ kind: "route", ref: vpcId, text: `local route: ${vpcId} ${env.ctx.index.vpcCidrs(vpcId).join(", ")}` }]);
  const next = extend(trace, [vpcHop]);
  for (const subnet of env.ctx.index.subnetsOfVpc(vpcId)) {
    const part = rest.intersect(IntervalSet.ofCidr(subnet.cidr));
    if (part.isEmpty()) continue;
    rest = rest.subtract(part);
    out.push(...enterSubnet(env, next, subnet, part));
    if (rest.isEmpty()) break;
  }
  if (!rest.isEmpty()) {
    out.push(
      stop(next, rest, vpcId, "vpc", {
        code: "NO_POSSIBLE_DESTINATION",
        message: `${what(env, rest)} is inside ${vpcId}'s CIDRs but in none of its subnets`,
        rule: { kind: "implicit", ref: vpcId, text: `no subnet of ${vpcId} contains ${rest.toCidrs().slice(0, 3).join(", ")}` },
        fix: "address a host inside one of the VPC's subnets",
      }),
    );
  }
  return out;
}

/** all / none / partial coverage of the source addresses by an allowed set. */
function coverage(allowed: IntervalSet, sources: IntervalSet): "all" | "none" | "partial" {
  if (allowed.covers(sources)) return "all";
  return allowed.intersect(sources).isEmpty() ? "none" : "partial";
}

/** The block when only part of an unknown source address range is allowed. */
function partialSource(trace: Trace, component: string): RuleBlock {
  return {
    code: "MISSING_DATA",
    message: `${component} admits only part of ${trace.srcText}; the source's exact address is not in the snapshot`,
    rule: { kind: "implicit", ref: component, text: `source address range ${trace.srcSet.toCidrs().join(", ")}` },
    unknown: true,
  };
}

/**
 * Into a subnet from elsewhere: its NACL inbound (and outbound for the replies), then delivery.
 *
 * @param env - the query
 * @param trace - the trace so far
 * @param subnet - the destination subnet
 * @param dst - destination addresses inside it
 */
export function enterSubnet(env: Env, trace: Trace, subnet: Subnet, dst: IntervalSet): Outcome[] {
  const found = naclOf(env, subnet);
  if (!("acl" in found)) return [stop(trace, dst, subnet.id, "subnet", found)];
  const { acl, how } = found;
  const result = evaluateNacl(acl, false, env.cls, trace.srcSet);
  const cov = coverage(result.allowed, trace.srcSet);
  if (cov === "partial") return [stop(trace, dst, acl.id, "network-acl", partialSource(trace, acl.id))];
  if (cov === "none") {
    return [
      stop(trace, dst, acl.id, "network-acl", naclBlock(acl.id, result, false, env.cls, `${what(env, dst)} from ${trace.srcText}`, trace.srcSet.toCidrs().join(", "))),
    ];
  }
  const subnetHop = hop(subnet.id, "subnet", [{ kind: "association", ref: subnet.id, text: `${subnet.id} (${subnet.cidr}, ${subnet.availabilityZone}) uses ${acl.id} (${how})` }], {
    ...(subnet.name ? { name: subnet.name } : {}),
    ...(trace.az && subnet.availabilityZone !== trace.az ? { details: ["AVAILABILITY_ZONE_CROSSED"] } : {}),
  });
  const aclHop = hop(acl.id, "network-acl", allowEvidence(acl.id, result));
  const reply = replyClass(env.cls, trace.srcPorts);
  const srcSet = trace.srcSet;
  const backs: ReturnStep[] = [];
  if (trace.peering) backs.push(peeringReturnRoute(env, subnet, trace));
  backs.push(repliesLeaveThrough(acl, reply, srcSet, `the replies to ${srcSet.toCidrs().join(", ")}${reply.ports ? ` ports ${reply.ports.toRanges().join(",")}` : ""}`));
  backs.push(passBack(hop(subnet.id, "subnet", subnetHop.evidence)));
  const next = extend(trace, [subnetHop, aclHop], ...backs);
  return deliverInSubnet(env, next, subnet, dst);
}

/** The reply from a peered subnet must be routed back through the same connection. */
function peeringReturnRoute(env: Env, subnet: Subnet, trace: Trace) {
  const pcxId = trace.peering as string;
  return (replies: IntervalSet) => {
    const assoc = env.ctx.index.routeTableOfSubnet(subnet.id);
    const selection = assoc ? env.ctx.routes(assoc.value, trace.srcSet) : undefined;
    const ok = selection !== undefined && selection.parts.every((p) => p.route?.target.kind === "peering" && p.route.target.id === pcxId && p.route.state === "active");
    const table = assoc?.value.id ?? subnet.id;
    const used = selection?.parts[0]?.route;
    return {
      hop: hop(table, "route-table", used && assoc ? [routeEvidence(table, used, assoc.how)] : []),
      allowed: ok ? replies : IntervalSet.EMPTY,
      block: {
        component: table,
        type: "route-table" as const,
        direction: "return" as const,
        rb: {
          code: "NO_ROUTE_TO_DESTINATION" as const,
          message: `${table} has no route back to ${trace.srcSet.toCidrs().join(", ")} through ${pcxId}`,
          rule: { kind: "route" as const, ref: table, text: `${table}: no route to ${trace.srcSet.toCidrs().join(", ")} via ${pcxId}` },
          fix: `add route ${trace.srcSet.toCidrs().join(", ")} → ${pcxId} to ${table}`,
        },
      },
    };
  };
}

/**
 * Delivery inside a subnet, to the ENIs owning the addresses.
 *
 * @param env - the query
 * @param trace - the trace so far
 * @param subnet - the subnet
 * @param dst - destination addresses inside it
 */
export function deliverInSubnet(env: Env, trace: Trace, subnet: Subnet, dst: IntervalSet): Outcome[] {
  const out: Outcome[] = [];
  let rest = dst;
  for (const eni of env.ctx.index.interfacesInSubnet(subnet.id)) {
    const ips: [number, number][] = [];
    for (const n of env.ctx.eniAddresses(eni)) if (rest.contains(n)) ips.push([n, n]);
    if (ips.length === 0) continue;
    const mine = IntervalSet.fromIntervals(ips);
    rest = rest.subtract(mine);
    if (!trace.srcSet.subtract(mine).isEmpty() || trace.srcSet.isEmpty()) out.push(...toEni(env, trace, eni, mine));
    else out.push(stop(trace, mine, eni.id, "network-interface", { code: "NO_POSSIBLE_DESTINATION", message: `${eni.id} is the source itself`, rule: { kind: "implicit", ref: eni.id, text: "source and destination are the same address" } }));
    if (rest.isEmpty()) break;
  }
  if (!rest.isEmpty()) {
    const rb = requireData(env.ctx.model, subnet.scope, "networkInterfaces", `the network interfaces of ${subnet.id}`) ?? {
      code: "NO_POSSIBLE_DESTINATION" as const,
      message: `no network interface in ${subnet.id} has ${rest.toCidrs().slice(0, 3).join(", ")}`,
      rule: { kind: "implicit" as const, ref: subnet.id, text: `no ENI in ${subnet.id} owns ${rest.toCidrs().slice(0, 3).join(", ")}` },
      fix: "address an existing network interface",
    };
    out.push(stop(trace, rest, subnet.id, "subnet", rb));
  }
  return out;
}

/**
 * Delivery to one ENI: a NAT gateway's ENI accepts nothing; an interface endpoint's ENI and any
 * other ENI admit what their security groups allow inbound.
 *
 * @param env - the query
 * @param trace - the trace so far
 * @param eni - the destination ENI
 * @param dst - its addresses in the destination set
 */
function toEni(env: Env, trace: Trace, eni: NetworkInterface, dst: IntervalSet): Outcome[] {
  const { ctx } = env;
  if (eni.interfaceType === "nat_gateway") {
    const nat = [...ctx.model.natGateways.values()].find((n) => n.addresses.some((a) => a.networkInterfaceId === eni.id));
    return [stop(trace, dst, nat?.id ?? eni.id, "nat-gateway", natAsDestinationBlock(nat?.id ?? eni.id))];
  }
  const endpoint = ctx.index.endpointOfInterface(eni.id);
  if (endpoint) {
    const bad = checkInterfaceEndpoint(endpoint, env.cls);
    if (bad) return [stop(trace, dst, endpoint.id, "interface-endpoint", bad)];
  }
  const groupIds = eni.securityGroupIds.length > 0 ? eni.securityGroupIds : (endpoint?.securityGroupIds ?? []);
  const missing = groupIds.find((id) => !ctx.group(id));
  if (missing) return [stop(trace, dst, eni.id, "network-interface", missingResource(ctx.model, eni.scope, "securityGroups", missing, eni.id))];
  const groups = groupIds.map((id) => ctx.group(id)).filter((g) => g !== undefined);
  const result = evaluateSecurityGroups(groups, "ingress", env.cls, trace.srcSet, ctx, trace.preservesGroups);
  const cov = coverage(result.allowed, trace.srcSet);
  const sgId = groupIds[0] ?? "(none)";
  if (cov === "partial") return [stop(trace, dst, sgId, "security-group", partialSource(trace, sgId))];
  if (cov === "none") {
    const asClient = trace.preservesGroups ? undefined : evaluateSecurityGroups(groups, "ingress", env.cls, trace.clientSet, ctx, true);
    const lostRef = asClient !== undefined && asClient.allowedBy.some((r) => r.peer.kind === "security-group");
    const clientGroup = env.src.groupIds[0];
    const peer = trace.preservesGroups && clientGroup ? clientGroup : trace.srcSet.toCidrs().join(", ");
    const rb: RuleBlock = {
      code: result.unresolved.length > 0 ? "MISSING_DATA" : lostRef ? "SG_REFERENCES_NOT_PRESERVED" : result.noRules ? "SG_HAS_NO_RULES" : "ENI_SG_RULES_MISMATCH",
      message: lostRef
        ? `${groupIds.join(", ")} allow ${trace.srcText} only by group reference, and the NAT gateway does not preserve the client's group`
        : `no inbound rule of ${groupIds.join(", ")} on ${eni.id}${endpoint ? ` (${endpoint.id})` : ""} allows ${what(env, dst)} from ${trace.srcText}`,
      rule: { kind: "implicit", ref: `${groupIds.join(",")} ingress`, text: `${groupIds.join(", ")}: no ingress rule matches ${trace.srcText}` },
      fix: sgFix(sgId, "ingress", env.cls, peer),
      unknown: result.unresolved.length > 0,
    };
    // At an interface endpoint, name the endpoint (its groups are in the rule), as users think of it.
    return [endpoint ? stop(trace, dst, endpoint.id, "interface-endpoint", rb) : stop(trace, dst, sgId, "security-group", rb)];
  }
  const sgHop = hop(result.allowedBy[0]?.groupId ?? sgId, "security-group", sgEvidence(result));
  const eniHop = hop(eni.id, "network-interface", [{ kind: "association", ref: eni.id, text: `${eni.id} (${eni.interfaceType}) in ${eni.subnetId}, ${eni.privateIps.map((p) => p.privateIp).join(", ")}` }], eni.name ? { name: eni.name } : {});
  const hops: Hop[] = [sgHop, eniHop];
  const backHops: Hop[] = [eniHop, hop(sgHop.component, "security-group", [{ kind: "implicit", ref: sgHop.component, text: "security groups are stateful: replies of allowed connections are allowed" }])];
  if (endpoint) {
    const service = shortServiceName(endpoint.serviceName);
    const epHop = hop(endpoint.id, "interface-endpoint", [{ kind: "association", ref: endpoint.id, text: `${eni.id} belongs to interface endpoint ${endpoint.id} for ${endpoint.serviceName} (${endpoint.state})` }], endpoint.name ? { name: endpoint.name } : {});
    const sink = hop(serviceNode(service), "aws-service", [{ kind: "implicit", ref: endpoint.id, text: `${endpoint.serviceName} through PrivateLink` }]);
    hops.push(epHop, sink);
    backHops.unshift(sink, epHop);
  } else {
    const instance = ctx.index.instanceOfInterface(eni.id);
    const notebook = ctx.index.notebookOfInterface(eni.id);
    if (instance) hops.push(hop(instance.id, "instance", [{ kind: "association", ref: instance.id, text: `${eni.id} attached to ${instance.id}` }], instance.name ? { name: instance.name } : {}));
    else if (notebook) hops.push(hop(notebook.id, "notebook", [{ kind: "association", ref: notebook.id, text: `${eni.id} is the ENI of notebook ${notebook.id}` }]));
    const last = hops[hops.length - 1] as Hop;
    if (last !== eniHop) backHops.unshift(last);
  }
  let next = extend(trace, hops, ...[...backHops].reverse().map((h) => passBack(h)));
  const policy = endpoint ? policyWarning(endpoint) : undefined;
  if (policy) next = warn(next, policy);
  return deliver(next, dst);
}
