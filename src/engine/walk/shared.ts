/**
 * What several hop handlers share: the text of a destination set for messages and fixes, a subnet's
 * NACL lookup and the evidence of its association, a route's evidence and hops, the return step of replies leaving a subnet
 * through its NACL, and how much of an (possibly unknown) source range a filter admits. No handler
 * logic lives here.
 */
import { IntervalSet } from "../../net/index.js";
import type { NetworkAcl, Route, RouteTable, RouteTarget, Subnet } from "../../model/types.js";
import type { AnalyzerContext } from "../context.js";
import { header, summarize, type PacketClass } from "../packet.js";
import { allowEvidence, evaluateNacl, naclBlock } from "../rules/network-acl.js";
import { requireData } from "../rules/missing-data.js";
import { routeEvidence } from "../rules/route-selection.js";
import { hop, type Env, type ReturnStep, type Trace } from "../trace.js";
import type { RuleBlock } from "../rules/block.js";
import type { Evidence, Hop, PacketHeader } from "../verdict.js";

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
 * A hop's packet header, built only for a query that shows its proof: the header is display alone
 * (no rule reads it), and listing the internet's hundreds of ranges at each hop is a large part of a query.
 *
 * @param env - the query
 * @param cls - protocol and destination ports
 * @param source - source addresses
 * @param sourcePorts - source ports (tcp/udp)
 * @param destination - destination addresses
 */
export function headerFor(env: Env, cls: PacketClass, source: IntervalSet, sourcePorts: IntervalSet | undefined, destination: IntervalSet): PacketHeader | undefined {
  return env.proof ? header(cls, source, sourcePorts, destination) : undefined;
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
 * Each subnet's association evidence and its hops that show it, by subnet: every walk through a
 * subnet shows the same text (evidence and hops are never modified).
 */
const associationOfSubnet = new WeakMap<Subnet, SubnetAssociation>();

/** A subnet's association with its NACL as walks show it. */
interface SubnetAssociation {
  acl: NetworkAcl;
  how: string;
  name: string | undefined;
  evidence: Evidence[];
  /** The subnet's hop as traffic leaves it (with its name). */
  leaving: Hop;
  /** The subnet's hop on the way back (without its name). */
  back: Hop;
}

/** The subnet's association (built once per subnet, again if its NACL, association or name changed). */
function associationOf(subnet: Subnet, acl: NetworkAcl, how: string): SubnetAssociation {
  let known = associationOfSubnet.get(subnet);
  if (!known || known.acl !== acl || known.how !== how || known.name !== subnet.name) {
    const evidence: Evidence[] = [{ kind: "association", ref: subnet.id, text: `${subnet.id} (${subnet.cidr}, ${subnet.availabilityZone}) uses ${acl.id} (${how})` }];
    known = { acl, how, name: subnet.name, evidence, leaving: hop(subnet.id, "subnet", evidence, subnet.name ? { name: subnet.name } : undefined), back: hop(subnet.id, "subnet", evidence) };
    associationOfSubnet.set(subnet, known);
  }
  return known;
}

/**
 * The hops of a subnet that show its NACL association: as traffic leaves it, and on the way back.
 *
 * @param subnet - the subnet
 * @param acl - its network ACL
 * @param how - how the ACL is associated (explicit, default)
 */
export function subnetHops(subnet: Subnet, acl: NetworkAcl, how: string): { leaving: Hop; back: Hop } {
  return associationOf(subnet, acl, how);
}

/**
 * The evidence that a subnet uses its NACL, `SUBNET (CIDR, AZ) uses ACL (HOW)`, as a list of one
 * (built once per subnet).
 *
 * @param subnet - the subnet
 * @param acl - its network ACL
 * @param how - how the ACL is associated (explicit, default)
 */
export function subnetAclEvidence(subnet: Subnet, acl: NetworkAcl, how: string): Evidence[] {
  return associationOf(subnet, acl, how).evidence;
}

/** A route's evidence and the hops that show it, as a subnet's table shows them. */
interface RouteHops {
  tableId: string;
  how: string;
  name: string | undefined;
  evidence: Evidence;
  /** The table's hop on the way out (with its name). */
  forward: Hop;
  /** The table's hop on the way back (without its name). */
  back: Hop;
}

/**
 * Each route's hops, per analyzer and route record: every walk through a route shows the same text,
 * and an analyzer's model is not changed once analysed (its route selections are remembered on the
 * same assumption); route records themselves may differ between models, so nothing outlives the
 * analyzer. Evidence and hops are never modified.
 */
const routeHopsOf = new WeakMap<AnalyzerContext, WeakMap<Route, RouteHops>>();

/**
 * A route's evidence and hops as the subnet's table shows them (built once per analyzer, route, table
 * and association).
 *
 * @param ctx - the analyzer's context
 * @param table - the subnet's route table
 * @param route - the route used
 * @param how - how the subnet uses the table (`explicit` or `main`)
 */
export function routeHops(ctx: AnalyzerContext, table: RouteTable, route: Route, how: string): Pick<RouteHops, "evidence" | "forward" | "back"> {
  let byRoute = routeHopsOf.get(ctx);
  if (!byRoute) routeHopsOf.set(ctx, (byRoute = new WeakMap()));
  let known = byRoute.get(route);
  if (!known || known.tableId !== table.id || known.how !== how || known.name !== table.name) {
    const evidence = routeEvidence(table.id, route, how);
    known = {
      tableId: table.id,
      how,
      name: table.name,
      evidence,
      forward: hop(table.id, "route-table", [evidence], table.name ? { name: table.name } : {}),
      back: hop(table.id, "route-table", [evidence]),
    };
    byRoute.set(route, known);
  }
  return known;
}

/**
 * The return step where replies leave a subnet through its NACL outbound towards the clients: every
 * client address must be admitted on the whole reply port range, or the replies are dropped there.
 *
 * @param acl - the subnet's NACL
 * @param reply - the replies' packet class (ports = the clients' ephemeral range)
 * @param clients - the client addresses the replies go to (several: one of them, not known which)
 * @param clientsText - the client, for the message when only part of its addresses is admitted
 * @param what - the replies, for the block's message (made only for a block: most replies pass)
 */
export function repliesLeaveThrough(acl: NetworkAcl, reply: PacketClass, clients: IntervalSet, clientsText: string, what: () => string): ReturnStep {
  return (replies) => {
    const back = evaluateNacl(acl, true, reply, clients);
    const h = hop(acl.id, "network-acl", allowEvidence(acl.id, back));
    const cov = coverage(back.allowed, clients);
    if (cov === "all") return { hop: h, allowed: replies };
    if (cov === "partial") {
      const rb = partlyAdmitted(acl.id, "lets the replies out to", clientsText, clients, clients.subtract(back.allowed));
      return { hop: h, allowed: IntervalSet.EMPTY, block: { component: acl.id, type: "network-acl", direction: "return", rb } };
    }
    return {
      hop: h,
      allowed: IntervalSet.EMPTY,
      block: { component: acl.id, type: "network-acl", direction: "return", rb: naclBlock(acl.id, back, true, reply, what(), clients.toCidrs().join(", ")) },
    };
  };
}

/** The reply hop of each security group, by group id: the same text on every walk (hops are never modified). */
const statefulHops = new Map<string, Hop>();

/**
 * The return hop saying a security group admits the replies of the connections it allowed.
 *
 * @param groupId - the group (or the text naming the source's groups)
 */
export function statefulHop(groupId: string): Hop {
  let h = statefulHops.get(groupId);
  if (!h) {
    h = hop(groupId, "security-group", [{ kind: "implicit", ref: groupId, text: "security groups are stateful: replies of allowed connections are allowed" }]);
    if (statefulHops.size >= 100_000) statefulHops.clear();
    statefulHops.set(groupId, h);
  }
  return h;
}

/**
 * all / none / partial coverage of the source addresses by an allowed set.
 *
 * @param allowed - what a filter admits
 * @param sources - the source addresses
 */
export function coverage(allowed: IntervalSet, sources: IntervalSet): "all" | "none" | "partial" {
  if (allowed.covers(sources)) return "all";
  return allowed.intersect(sources).isEmpty() ? "none" : "partial";
}

/**
 * The block when a filter or route admits only part of a source range that stands for one address
 * the snapshot does not give (a SageMaker-managed public address, an address AWS picks): whether the
 * connection works depends on which address it is, so the answer is `unknown`, naming the part not
 * admitted. (None admitted is a confident block; all admitted passes.)
 *
 * @param component - the filter or route table that admits only part
 * @param admits - what it does to the part it admits, e.g. `admits`
 * @param sourceText - the source, saying why its address is not known
 * @param sources - the source addresses
 * @param rest - the part not admitted
 * @param why - why that part is not admitted (optional)
 */
export function partlyAdmitted(component: string, admits: string, sourceText: string, sources: IntervalSet, rest: IntervalSet, why = ""): RuleBlock {
  return {
    code: "MISSING_DATA",
    message: `${component} ${admits} only part of ${sourceText} (not ${summarize(rest, 4).join(", ")}${why ? `: ${why}` : ""}); the source's exact address is not in the snapshot`,
    rule: { kind: "implicit", ref: component, text: `source address range ${summarize(sources, 4).join(", ")}` },
    unknown: true,
  };
}

/**
 * The block when only part of an unknown source address range is allowed.
 *
 * @param trace - the trace (its source range)
 * @param component - the filter that admits only part
 * @param allowed - what the filter admits
 */
export function partialSource(trace: Trace, component: string, allowed: IntervalSet): RuleBlock {
  return partlyAdmitted(component, "admits", trace.srcText, trace.srcSet, trace.srcSet.subtract(allowed));
}

/** Route targets by which replies may take another way back to the client. */
const ASYMMETRIC = new Set<RouteTarget["kind"]>(["peering", "transit-gateway", "local"]);

/**
 * The return step where replies leave a subnet by its route table: every client address must be
 * routed (by an active route) to the gateway or connection the traffic came through. Replies
 * that another peering or transit gateway, or the local route, carries back (an asymmetric path)
 * are `unknown`; no route, a blackhole or another gateway blocks them. Several client addresses
 * stand for one the snapshot does not give: when only part of them is routed back, the answer is
 * `unknown`, naming the part that is not.
 *
 * @param env - the query
 * @param subnet - the subnet the replies leave
 * @param clients - the client addresses the replies go to
 * @param clientsText - the client, for the message when only part of its addresses is routed back
 * @param kind - the kind of route target that must carry them
 * @param targetId - that target's id
 * @param fixCidrs - the destination to name in the fix (e.g. `0.0.0.0/0` for an internet gateway)
 */
export function repliesRoutedVia(env: Env, subnet: Subnet, clients: IntervalSet, clientsText: string, kind: RouteTarget["kind"], targetId: string, fixCidrs: string): ReturnStep {
  return (replies) => {
    const assoc = env.ctx.index.routeTableOfSubnet(subnet.id);
    const selection = assoc ? env.ctx.routes(assoc.value, clients) : undefined;
    const back = (r: Route | undefined) => r?.target.kind === kind && "id" in r.target && r.target.id === targetId && r.state === "active";
    const wrong = selection?.parts.filter((p) => !back(p.route));
    const table = assoc?.value.id ?? subnet.id;
    const used = selection?.parts[0]?.route;
    const h = used && assoc ? routeHops(env.ctx, assoc.value, used, assoc.how).back : hop(table, "route-table", []);
    if (wrong?.length === 0) return { hop: h, allowed: replies };
    const to = clients.toCidrs().join(", ");
    // Replies that another peering, transit gateway or the local route carries may still reach the client (no hop on the way keeps state): not followed.
    if (kind !== "igw" && wrong?.every((p) => p.route?.state === "active" && ASYMMETRIC.has(p.route.target.kind))) {
      const via = wrong.map((p) => (p.route && "id" in p.route.target ? p.route.target.id : "local")).join(", ");
      const rb = { code: "UNSUPPORTED_COMPONENT" as const, message: `${table} (for ${subnet.id}) sends the replies to ${to} by ${via}, not back through ${targetId}: an asymmetric return path, which vpcreach does not follow`, rule: { kind: "route" as const, ref: table, text: `${table}: replies to ${to} via ${via}` }, fix: `add route ${fixCidrs} → ${targetId} to ${table} to make the return path the same`, unknown: true };
      return { hop: h, allowed: IntervalSet.EMPTY, block: { component: table, type: "route-table", direction: "return", rb } };
    }
    const notBack = (wrong ?? []).reduce((set, p) => set.union(p.addresses), IntervalSet.EMPTY);
    if (wrong && !notBack.covers(clients)) {
      const why = wrong.map((p) => (p.route ? `${p.matchedCidr ?? "route"} → ${"id" in p.route.target ? p.route.target.id : p.route.target.kind} (${p.route.state})` : "no route")).join(", ");
      const rb = partlyAdmitted(table, `(for ${subnet.id}) routes the replies back through ${targetId} for`, clientsText, clients, notBack, why);
      return { hop: h, allowed: IntervalSet.EMPTY, block: { component: table, type: "route-table", direction: "return", rb: { ...rb, fix: `route ${summarize(notBack, 4).join(", ")} to ${targetId} in ${table} if the source may use those addresses` } } };
    }
    return {
      hop: h,
      allowed: IntervalSet.EMPTY,
      block: {
        component: table,
        type: "route-table",
        direction: "return",
        rb: {
          code: "NO_ROUTE_TO_DESTINATION",
          message: `${table} (for ${subnet.id}) does not route the replies to ${to} back through ${targetId}`,
          rule: { kind: "route", ref: table, text: `${table}: no route to ${to} via ${targetId}` },
          fix: `add route ${fixCidrs} → ${targetId} to ${table}`,
        },
      },
    };
  };
}
