/**
 * Transit gateway route tables: a table's routes are its static routes and one route per CIDR of
 * each VPC attachment propagating into it (peering attachments do not propagate; VPN, Direct
 * Connect and Connect propagations are learned by BGP and not in any describe output, so a table
 * with them is unknown unless search-transit-gateway-routes listed the routes). Longest prefix
 * match; at equal length a static route wins over a propagated one; a blackhole route matches and
 * drops.
 * VPCs with overlapping CIDRs ("Amazon VPC attachments in AWS Transit Gateway", limits): "If you
 * attach a VPC to a transit gateway and its CIDR is identical to, or overlaps with, the CIDR of
 * another VPC that's already attached to the transit gateway, the routes for the newly attached VPC
 * aren't propagated to the transit gateway route table." Which VPC was attached first is in no
 * describe output the engine reads, so where the table's routes are built from propagations, the
 * propagated routes of a VPC that overlaps another VPC attached to the same transit gateway are
 * `unknown` when selected (`conflict`), naming both VPCs, their attachments and CIDRs. A table
 * listed by search-transit-gateway-routes shows what AWS did propagate and is taken as it is.
 * AWS: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html (route evaluation order),
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html (limits)
 */
import { IntervalSet, parseCidr } from "../../net/index.js";
import type { Model, TransitGatewayRoute, TransitGatewayRouteTable } from "../../model/types.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "transit-gateway-route-table",
  docs: {
    description: "Transit gateway route tables: static and propagated routes, longest prefix match, static over propagated at equal length, blackholes.",
    url: "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html",
  },
  codes: {
    TGW_RTB_CANNOT_ROUTE: "{table} of {tgw} has no route to {what}",
    TGW_RTB_BAD_STATE_ROUTE: "route {route} in {table} is a blackhole",
    TGW_RTB_ROUTES_ARE_UNKNOWN: "the routes of {table} are not known: {why}",
    UNSUPPORTED_COMPONENT: "{route} comes from {vpc} ({cidrs}) by {attachment}, which overlaps {others}, also attached to {tgw}: AWS propagates only the routes of the VPC attached first, and which that was is not in the snapshot",
  },
} satisfies RuleMeta;

/** A route as the table uses it: its destination set and prefix length. */
export interface EffectiveTgwRoute {
  route: TransitGatewayRoute;
  /** The destination as text (CIDR, or prefix list and CIDR). */
  text: string;
  addresses: IntervalSet;
  length: number;
  /** Set on a propagated route AWS may not have installed (its VPC overlaps another attached VPC): the `unknown` block to give where it is selected. */
  conflict?: RuleBlock;
}

/** A VPC attached to a transit gateway, as the overlap check reads it. */
export interface AttachedVpc {
  attachmentId: string;
  vpcId: string;
}

/** How the engine reads the data it needs to complete a table. */
export interface TgwRouteData {
  /** A VPC's IPv4 CIDRs, or undefined when the VPC is not in the snapshot. */
  vpcCidrs(vpcId: string): string[] | undefined;
  /** A prefix list's CIDRs, or undefined when its entries are not in the snapshot. */
  prefixListCidrs(id: string): string[] | undefined;
  /** The VPCs attached to a transit gateway (attachments not deleted); none when not given. */
  attachedVpcs?(tgwId: string): AttachedVpc[];
}

/**
 * How route tables read VPC CIDRs and prefix lists of a model.
 *
 * @param model - the model whose VPCs and prefix lists complete the tables
 */
export function modelRouteData(model: Model): TgwRouteData {
  return {
    vpcCidrs: (id) => model.vpcs.get(id)?.cidrs,
    prefixListCidrs: (id) => model.prefixLists.get(id)?.cidrs,
    attachedVpcs: (tgwId) => {
      const out: AttachedVpc[] = [];
      for (const a of model.transitGatewayAttachments.values()) {
        if (a.transitGatewayId === tgwId && a.resourceType === "vpc" && a.resourceId && a.state !== "deleted") out.push({ attachmentId: a.id, vpcId: a.resourceId });
      }
      return out;
    },
  };
}

/** The block saying a table's routes are unknown. */
function unknownRoutes(table: TransitGatewayRouteTable, why: string, fix: string): RuleBlock {
  return {
    code: "TGW_RTB_ROUTES_ARE_UNKNOWN",
    message: fill(meta.codes.TGW_RTB_ROUTES_ARE_UNKNOWN, { table: table.id, why }),
    rule: { kind: "route", ref: table.id, text: `${table.id}: ${why}` },
    fix,
    unknown: true,
  };
}

const SEARCH_FIX = "add the output of aws ec2 search-transit-gateway-routes for this table as transit-gateway-routes/<tgw-rtb-id>.json";

/** One route per CIDR of its destination (a prefix list expands to its entries). */
function expand(route: TransitGatewayRoute, data: TgwRouteData): EffectiveTgwRoute[] | string {
  const d = route.destination;
  if (d.kind === "ipv6") return [];
  const cidrs = d.kind === "cidr" ? [d.cidr] : data.prefixListCidrs(d.prefixListId);
  if (!cidrs) return `the entries of prefix list ${d.kind === "prefix-list" ? d.prefixListId : ""} are not in the snapshot`;
  return cidrs.map((cidr) => ({ route, text: d.kind === "cidr" ? cidr : `${cidr} (${d.prefixListId})`, addresses: IntervalSet.ofCidr(cidr), length: parseCidr(cidr)?.prefixLength ?? 0 }));
}

/**
 * The routes a table holds, or the block saying they are unknown.
 *
 * @param table - the route table
 * @param data - VPC CIDRs and prefix-list entries
 */
export function effectiveRoutes(table: TransitGatewayRouteTable, data: TgwRouteData): EffectiveTgwRoute[] | RuleBlock {
  if (table.routesGiven === undefined) return unknownRoutes(table, "neither search-transit-gateway-routes output nor static routes were given", SEARCH_FIX);
  if (table.routesTruncated) return unknownRoutes(table, "the search-transit-gateway-routes output says more routes were available than it lists", `${SEARCH_FIX}, narrowed with --filters so that AdditionalRoutesAvailable is false`);
  const routes: TransitGatewayRoute[] = [...table.routes];
  if (table.routesGiven === "static") {
    if (table.propagations === undefined) return unknownRoutes(table, "its propagations are not in the snapshot", "add the output of aws ec2 get-transit-gateway-route-table-propagations, or " + SEARCH_FIX);
    for (const p of table.propagations) {
      if (p.state !== "enabled") continue;
      if (p.resourceType !== "vpc") return unknownRoutes(table, `${p.attachmentId} (${p.resourceType}) propagates routes learned by BGP`, SEARCH_FIX);
      const cidrs = p.resourceId ? data.vpcCidrs(p.resourceId) : undefined;
      if (!cidrs) return unknownRoutes(table, `the CIDRs of ${p.resourceId ?? "the VPC"} propagated by ${p.attachmentId} are not in the snapshot`, SEARCH_FIX);
      for (const cidr of cidrs) routes.push({ destination: { kind: "cidr", cidr }, type: "propagated", state: "active", attachmentIds: [p.attachmentId] });
    }
  }
  const out: EffectiveTgwRoute[] = [];
  const overlaps = new Map<string, Overlap | undefined>();
  for (const route of routes) {
    const expanded = expand(route, data);
    if (typeof expanded === "string") return unknownRoutes(table, expanded, "add the output of aws ec2 get-managed-prefix-list-entries to the snapshot");
    const overlap = table.routesGiven === "static" && route.type === "propagated" ? overlapOf(table.transitGatewayId, route.attachmentIds[0], data, overlaps) : undefined;
    out.push(...(overlap ? expanded.map((e) => ({ ...e, conflict: overlapBlock(table, e.text, overlap) })) : expanded));
  }
  return out;
}

/** A propagating VPC whose CIDRs overlap other VPCs attached to the same transit gateway. */
interface Overlap {
  attachmentId: string;
  vpcId: string;
  cidrs: string[];
  /** The others, each as `vpc-… (attachment, CIDR, …)`. */
  others: string[];
}

/** The overlap of the VPC an attachment propagates, remembered per attachment while one table is built. */
function overlapOf(tgwId: string, attachmentId: string | undefined, data: TgwRouteData, memo: Map<string, Overlap | undefined>): Overlap | undefined {
  if (!attachmentId || !data.attachedVpcs) return undefined;
  if (memo.has(attachmentId)) return memo.get(attachmentId);
  const attached = data.attachedVpcs(tgwId);
  const own = attached.find((a) => a.attachmentId === attachmentId);
  const cidrs = own ? data.vpcCidrs(own.vpcId) : undefined;
  const others = own && cidrs ? overlapping(own, cidrs, attached, data) : [];
  const overlap = own && cidrs && others.length > 0 ? { attachmentId, vpcId: own.vpcId, cidrs, others } : undefined;
  memo.set(attachmentId, overlap);
  return overlap;
}

/** The `unknown` block for a route `text` propagated from an overlapping VPC. */
function overlapBlock(table: TransitGatewayRouteTable, text: string, o: Overlap): RuleBlock {
  const values = { route: `${text} → ${o.attachmentId} (propagated) in ${table.id}`, attachment: o.attachmentId, vpc: o.vpcId, cidrs: o.cidrs.join(", "), others: o.others.join("; "), tgw: table.transitGatewayId };
  return {
    code: "UNSUPPORTED_COMPONENT",
    message: fill(meta.codes.UNSUPPORTED_COMPONENT, values),
    rule: { kind: "route", ref: table.id, text: `${values.route}: ${o.vpcId} (${values.cidrs}) overlaps ${values.others}` },
    fix: `give ${o.vpcId} CIDRs no other VPC attached to ${table.transitGatewayId} uses, or add static routes for the overlapping CIDRs to ${table.id}; or add the output of aws ec2 search-transit-gateway-routes for ${table.id} to the snapshot (it lists the routes AWS did propagate)`,
    unknown: true,
  };
}

/** The other attached VPCs whose CIDRs overlap `cidrs`, each as `vpc-… (attachment, CIDR, …)`. */
function overlapping(own: AttachedVpc, cidrs: string[], attached: AttachedVpc[], data: TgwRouteData): string[] {
  const mine = cidrs.reduce((set, c) => set.union(IntervalSet.ofCidr(c)), IntervalSet.EMPTY);
  const out: string[] = [];
  for (const other of attached) {
    if (other.attachmentId === own.attachmentId || other.vpcId === own.vpcId) continue;
    const theirs = (data.vpcCidrs(other.vpcId) ?? []).filter((c) => !IntervalSet.ofCidr(c).intersect(mine).isEmpty());
    if (theirs.length > 0) out.push(`${other.vpcId} (${other.attachmentId}, ${theirs.join(", ")})`);
  }
  return out;
}

/** Sort key: longer prefix first; at equal length static before propagated. */
function precedence(a: EffectiveTgwRoute, b: EffectiveTgwRoute): number {
  if (a.length !== b.length) return b.length - a.length;
  return (a.route.type === "static" ? 0 : 1) - (b.route.type === "static" ? 0 : 1);
}

/** Each list of effective routes in precedence order (a list is not changed once built; a table of hundreds of spokes' routes was sorted at every crossing). */
const sortedRoutes = new WeakMap<readonly EffectiveTgwRoute[], EffectiveTgwRoute[]>();

function inPrecedence(routes: readonly EffectiveTgwRoute[]): EffectiveTgwRoute[] {
  let sorted = sortedRoutes.get(routes);
  if (!sorted) sortedRoutes.set(routes, (sorted = [...routes].sort(precedence)));
  return sorted;
}

/** One part of the destination and the route that carries it (none: no route). */
export interface TgwRoutePart {
  addresses: IntervalSet;
  route: EffectiveTgwRoute | undefined;
}

/**
 * Longest prefix match of a destination set over a table's routes.
 *
 * @param routes - the table's routes (from `effectiveRoutes`)
 * @param dst - the destination addresses
 */
export function selectTgwRoutes(routes: EffectiveTgwRoute[], dst: IntervalSet): TgwRoutePart[] {
  const parts: TgwRoutePart[] = [];
  let rest = dst;
  // Routes wholly outside the addresses left select none of them: skipped on their bounds alone (a
  // hub's table routes to hundreds of spokes, and a crossing's set is one spoke's or one client's).
  let low = rest.min() ?? 0;
  let high = rest.max() ?? -1;
  for (const route of inPrecedence(routes)) {
    if (rest.isEmpty()) break;
    if ((route.addresses.max() ?? -1) < low || (route.addresses.min() ?? 0) > high) continue;
    const part = rest.intersect(route.addresses);
    if (part.isEmpty()) continue;
    parts.push({ addresses: part, route });
    rest = rest.subtract(part);
    low = rest.min() ?? 0;
    high = rest.max() ?? -1;
  }
  if (!rest.isEmpty()) parts.push({ addresses: rest, route: undefined });
  return parts;
}

/**
 * The block for addresses no route of the table matches.
 *
 * @param table - the route table
 * @param what - the addresses, as text
 * @param ingress - the attachment the traffic arrived on (whose association chose the table)
 */
export function noTgwRouteBlock(table: TransitGatewayRouteTable, what: string, ingress: string): RuleBlock {
  return {
    code: "TGW_RTB_CANNOT_ROUTE",
    message: fill(meta.codes.TGW_RTB_CANNOT_ROUTE, { table: table.id, tgw: table.transitGatewayId, what }),
    rule: { kind: "route", ref: table.id, text: `${table.id} (associated with ${ingress}): no route matches ${what}` },
    fix: `add a static route for ${what} to ${table.id}, or propagate the destination's attachment into it (aws ec2 enable-transit-gateway-route-table-propagation)`,
  };
}

/**
 * The block for a blackhole route.
 *
 * @param table - the route table
 * @param route - the blackhole route
 */
export function blackholeBlock(table: TransitGatewayRouteTable, route: EffectiveTgwRoute): RuleBlock {
  return {
    code: "TGW_RTB_BAD_STATE_ROUTE",
    message: fill(meta.codes.TGW_RTB_BAD_STATE_ROUTE, { route: route.text, table: table.id }),
    rule: tgwRouteEvidence(table, route),
    fix: `replace the blackhole route ${route.text} in ${table.id} with one to the destination's attachment`,
  };
}

/**
 * The evidence of a route used.
 *
 * @param table - the route table
 * @param route - the route
 */
export function tgwRouteEvidence(table: TransitGatewayRouteTable, route: EffectiveTgwRoute): { kind: "route"; ref: string; text: string } {
  const target = route.route.state === "blackhole" ? "blackhole" : route.route.attachmentIds.join(", ");
  return { kind: "route", ref: table.id, text: `${route.text} → ${target} (${route.route.type}, ${route.route.state}) in ${table.id}` };
}
