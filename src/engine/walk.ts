/**
 * The forward path search, part 1: from the source (notebook, instance, ENI) through its security
 * groups, out of its subnet (NACL), and through route selection to the next component. Each step
 * splits the destination set: the part a rule stops becomes an outcome, the rest goes on. Every
 * rule it applies is a function of `rules/`; this file only decides the order.
 */
import { IntervalSet } from "../net/index.js";
import type { NetworkAcl, RouteTable, Subnet } from "../model/types.js";
import { header, replyClass, summarize } from "./packet.js";
import { allowEvidence, evaluateNacl, naclBlock } from "./rules/network-acl.js";
import { evaluateSecurityGroups, sgEvidence, sgFix } from "./rules/security-group.js";
import { missingResource, requireData } from "./rules/missing-data.js";
import { routeEvidence, selectServiceRoutes, type RouteSelection } from "./rules/route-selection.js";
import { managedNetworkBlock, notebookDataBlock, notebookEgressSplit } from "./rules/sagemaker-notebook.js";
import { unsupportedTarget } from "./rules/unsupported-targets.js";
import { deliverInSubnet, arriveInVpc } from "./walk-deliver.js";
import { throughGatewayEndpoint, throughIgw, throughManagedNetwork, throughNat, throughPeering } from "./walk-gateways.js";
import { noRouteFix } from "./fixes.js";
import { topologicalPath } from "../graph/index.js";
import { extend, hop, passBack, stop, type Env, type Outcome, type ReturnStep, type Trace } from "./trace.js";
import type { RuleBlock } from "./rules/block.js";

/**
 * Text of a destination set for messages: the spec for named destinations, else the CIDRs.
 *
 * @param env - the query
 * @param set - the addresses
 */
export function what(env: Env, set: IntervalSet): string {
  const proto = env.cls.protocol === "tcp" || env.cls.protocol === "udp" ? `${env.cls.protocol} ${env.cls.ports?.toRanges().join(",")}` : String(env.cls.protocol);
  const named = env.dest.type !== "address" && (env.dest.symbolic || set.equals(env.dest.addresses));
  return `${proto} to ${named ? env.dest.spec : summarize(set, 4).join(", ")}`;
}

/**
 * The peer text for a fix: `0.0.0.0/0` for the internet and symbolic services, the prefix list for a
 * service with one, else the CIDRs.
 *
 * @param env - the query
 * @param set - the addresses
 */
export function peerText(env: Env, set: IntervalSet): string {
  if (env.dest.type === "internet" || env.dest.symbolic) return "0.0.0.0/0";
  if (env.dest.prefixListId && set.equals(env.dest.addresses)) return `${set.toCidrs().join(", ")} (${env.dest.prefixListId}; NACLs cannot name prefix lists)`;
  return set.toCidrs().slice(0, 4).join(", ");
}

/**
 * Walks every part of the destination from the source.
 *
 * @param env - the query
 * @param trace - the initial trace (source hop included)
 */
export function walkFromSource(env: Env, trace: Trace): Outcome[] {
  const { src, dest } = env;
  const notebook = src.notebook;
  if (notebook) {
    const missing = notebookDataBlock(notebook);
    if (missing) return [stop(trace, dest.addresses, src.id, "notebook", missing)];
    const vpcCidrs = src.vpcId ? env.ctx.vpcAddresses(src.vpcId) : IntervalSet.EMPTY;
    const { managed, customer } = notebookEgressSplit(notebook, dest.addresses, vpcCidrs);
    const out: Outcome[] = [];
    if (!managed.isEmpty()) out.push(...throughManagedNetwork(env, trace, notebook, managed));
    if (!customer.isEmpty()) {
      if (!notebook.subnetId) out.push(stop(trace, customer, src.id, "notebook", managedNetworkBlock(notebook, what(env, customer))));
      else out.push(...fromEni(env, trace, customer));
    }
    return out;
  }
  return fromEni(env, trace, dest.addresses);
}

/** The source's subnet, or the block saying why it is not known. */
function sourceSubnet(env: Env): Subnet | RuleBlock {
  const { src, ctx } = env;
  if (src.subnet) return src.subnet;
  if (!src.subnetId) {
    return { code: "UNASSOCIATED_COMPONENT", message: `${src.id} is in no subnet`, rule: { kind: "implicit", ref: src.id, text: `${src.id} has no subnet` }, unknown: true };
  }
  return missingResource(ctx.model, src.scope, "subnets", src.subnetId, src.id);
}

/**
 * From the source ENI: security-group egress, then out of the subnet.
 *
 * @param env - the query
 * @param trace - the trace so far
 * @param dst - destination addresses going through the ENI
 */
function fromEni(env: Env, trace: Trace, dst: IntervalSet): Outcome[] {
  const { src, ctx, cls } = env;
  const subnet = sourceSubnet(env);
  if (!("cidr" in subnet)) return [stop(trace, dst, src.id, src.type, subnet)];
  const missingGroup = src.groupIds.find((id) => !ctx.group(id));
  if (missingGroup) return [stop(trace, dst, src.eniId ?? src.id, "network-interface", missingResource(ctx.model, src.scope, "securityGroups", missingGroup, src.eniId ?? src.id))];
  if (src.groupIds.length === 0 && !src.eni) {
    const rb = requireData(ctx.model, src.scope, "networkInterfaces", `the security groups of ${src.id}`) ?? {
      code: "MISSING_DATA" as const,
      message: `the security groups of ${src.id} are not in the snapshot`,
      rule: { kind: "implicit" as const, ref: src.id, text: `${src.id} lists no security groups and its ENI is absent` },
      unknown: true,
    };
    return [stop(trace, dst, src.id, src.type, rb)];
  }
  const groups = src.groupIds.map((id) => ctx.group(id)).filter((g) => g !== undefined);
  // A rule naming the service's own prefix list covers the service even when its entries are unknown.
  const { dest } = env;
  const resolver = dest.symbolic && dest.prefixListId
    ? { prefixList: (id: string) => (id === dest.prefixListId ? dest.addresses : ctx.prefixList(id)), groupMembers: (id: string) => ctx.groupMembers(id) }
    : ctx;
  const result = evaluateSecurityGroups(groups, "egress", cls, dst, resolver);
  const out: Outcome[] = [];
  const eniId = src.eniId ?? `${src.id}-eni`;
  const denied = dst.subtract(result.allowed);
  const sgId = src.groupIds[0] ?? "(none)";
  if (!denied.isEmpty()) {
    const unknown = result.unresolved.length > 0;
    out.push(
      stop(trace, denied, sgId, "security-group", {
        code: unknown ? "MISSING_DATA" : result.noRules ? "SG_HAS_NO_RULES" : "ENI_SG_RULES_MISMATCH",
        message: unknown
          ? `the entries of prefix list ${result.unresolved.join(", ")} used by ${src.groupIds.join(", ")} are not in the snapshot`
          : `no outbound rule of ${src.groupIds.join(", ") || "its security groups"} on ${eniId} allows ${what(env, denied)}`,
        rule: { kind: "implicit", ref: `${src.groupIds.join(",")} egress`, text: `${src.groupIds.join(", ")}: no egress rule matches ${what(env, denied)}` },
        fix: sgFix(sgId, "egress", cls, peerText(env, denied)),
        unknown,
      }),
    );
  }
  if (result.allowed.isEmpty()) return out;
  const eniHop = hop(
    eniId,
    "network-interface",
    [{ kind: "association", ref: eniId, text: `${eniId} (${src.privateIpText ?? "address not in snapshot"}) in ${subnet.id}, ${subnet.vpcId}, ${subnet.availabilityZone}` }],
    { outbound: header(cls, trace.srcSet, trace.srcPorts, result.allowed) },
  );
  const sgHop = hop(result.allowedBy[0]?.groupId ?? sgId, "security-group", sgEvidence(result));
  const stateful = hop(sgHop.component, "security-group", [{ kind: "implicit", ref: sgHop.component, text: "security groups are stateful: replies of allowed connections are allowed" }]);
  const next = extend(trace, [eniHop, sgHop], passBack(hop(eniId, "network-interface", eniHop.evidence)), passBack(stateful));
  out.push(...leaveSubnet(env, next, subnet, result.allowed));
  return out;
}

/**
 * The NACL of a subnet, or the block saying it is unknown.
 *
 * @param env - the query
 * @param subnet - the subnet
 */
export function naclOf(env: Env, subnet: Subnet): { acl: NetworkAcl; how: string } | RuleBlock {
  const found = env.ctx.index.networkAclOfSubnet(subnet.id);
  if (found) return { acl: found.value, how: found.how };
  return (
    requireData(env.ctx.model, subnet.scope, "networkAcls", `the network ACL of ${subnet.id}`) ?? {
      code: "MISSING_DATA",
      message: `no network ACL for ${subnet.id} (nor a default one for ${subnet.vpcId}) is in the snapshot`,
      rule: { kind: "implicit", ref: subnet.id, text: `no NACL association for ${subnet.id}` },
      unknown: true,
    }
  );
}

/**
 * Out of a subnet: same-subnet delivery crosses no NACL; the rest passes the NACL outbound and is routed.
 *
 * @param env - the query
 * @param trace - the trace so far
 * @param subnet - the subnet the traffic leaves
 * @param dst - destination addresses
 */
export function leaveSubnet(env: Env, trace: Trace, subnet: Subnet, dst: IntervalSet): Outcome[] {
  const out: Outcome[] = [];
  const subnetSet = IntervalSet.ofCidr(subnet.cidr);
  const local = dst.intersect(subnetSet);
  if (!local.isEmpty()) out.push(...deliverInSubnet(env, trace, subnet, local));
  const rest = dst.subtract(subnetSet);
  if (rest.isEmpty()) return out;
  const found = naclOf(env, subnet);
  if (!("acl" in found)) return [...out, stop(trace, rest, subnet.id, "subnet", found)];
  const { acl, how } = found;
  const result = evaluateNacl(acl, true, env.cls, rest);
  if (!result.denied.isEmpty()) {
    out.push(
      stop(trace, result.denied, acl.id, "network-acl", naclBlock(acl.id, result, true, env.cls, what(env, result.denied), peerText(env, result.denied))),
    );
  }
  if (result.allowed.isEmpty()) return out;
  const subnetHop = hop(subnet.id, "subnet", [{ kind: "association", ref: subnet.id, text: `${subnet.id} (${subnet.cidr}, ${subnet.availabilityZone}) uses ${acl.id} (${how})` }], subnet.name ? { name: subnet.name } : {});
  const aclHop = hop(acl.id, "network-acl", allowEvidence(acl.id, result));
  const srcPorts = trace.srcPorts;
  const reply = replyClass(env.cls, srcPorts);
  const aclBack: ReturnStep = (replies) => {
    const back = evaluateNacl(acl, false, reply, replies);
    const h = hop(acl.id, "network-acl", allowEvidence(acl.id, back));
    if (back.denied.isEmpty()) return { hop: h, allowed: back.allowed };
    return {
      hop: h,
      allowed: back.allowed,
      block: {
        component: acl.id,
        type: "network-acl",
        direction: "return",
        rb: naclBlock(acl.id, back, false, reply, `the replies${reply.ports ? ` to ports ${reply.ports.toRanges().join(",")}` : ""} from ${summarize(back.denied, 3).join(", ")}`, env.dest.type === "address" ? back.denied.toCidrs().slice(0, 4).join(", ") : "0.0.0.0/0"),
      },
    };
  };
  const next = extend(trace, [subnetHop, aclHop], aclBack, passBack(hop(subnet.id, "subnet", subnetHop.evidence)));
  out.push(...route(env, next, subnet, result.allowed));
  return out;
}

/**
 * Route selection in the subnet's table, then the chosen target for each part.
 *
 * @param env - the query
 * @param trace - the trace so far
 * @param subnet - the subnet whose table decides
 * @param dst - destination addresses
 */
export function route(env: Env, trace: Trace, subnet: Subnet, dst: IntervalSet): Outcome[] {
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
  // For `internet`, an AWS service's list (or one routed to a gateway endpoint) holds no internet addresses by definition.
  const serviceList = (id: string): boolean =>
    ctx.model.prefixLists.get(id)?.awsManaged === true ||
    table.routes.some((r) => r.destination.kind === "prefix-list" && r.destination.prefixListId === id && r.target.kind === "gateway-endpoint");
  const unresolved = selection.unresolvedPrefixLists.filter((id) => !(env.dest.type === "internet" && serviceList(id)));
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
          fix: disconnected ? `create a VPC peering connection between ${table.vpcId} and ${disconnected}, and add routes to each other's CIDRs on both sides` : noRouteFix(env, table, subnet),
        }),
      );
      continue;
    }
    const evidence = routeEvidence(table.id, r, assoc.how);
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
          fix: `delete the blackhole route ${evidence.text.split(" (")[0]} from ${table.id}, then ${noRouteFix(env, table, subnet)}`,
        }),
      );
      continue;
    }
    const rtHop = hop(table.id, "route-table", [evidence], table.name ? { name: table.name } : {});
    const next = extend(trace, [rtHop]);
    const t = r.target;
    const unsupported = unsupportedTarget(t, table.id);
    if (unsupported) {
      out.push(stop(next, part.addresses, "id" in t ? t.id : table.id, t.kind === "transit-gateway" ? "transit-gateway" : t.kind === "egress-only-igw" ? "egress-only-internet-gateway" : "route-table", unsupported));
      continue;
    }
    switch (t.kind) {
      case "local":
        out.push(...arriveInVpc(env, next, table.vpcId, part.addresses));
        break;
      case "igw":
        out.push(...throughIgw(env, next, table, t.id, part.addresses));
        break;
      case "nat":
        out.push(...throughNat(env, next, subnet, t.id, part.addresses));
        break;
      case "gateway-endpoint":
        out.push(...throughGatewayEndpoint(env, next, table, t.id, part.addresses));
        break;
      case "peering":
        out.push(...throughPeering(env, next, table, t.id, part.addresses));
        break;
      default:
        break;
    }
  }
  return out;
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
