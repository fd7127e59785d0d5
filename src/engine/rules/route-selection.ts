/**
 * Route selection in a VPC route table: the subnet's explicit table, else the VPC's main table;
 * longest prefix first; for an identical prefix static routes beat prefix-list routes, which beat
 * propagated routes (so a CIDR route equal to or more specific than a gateway-endpoint prefix-list
 * CIDR wins over the endpoint); the local route covers every VPC CIDR; a blackhole route still matches
 * and drops. Two prefix lists selecting the same addresses with different targets are
 * nondeterministic (AWS picks one): those addresses are marked ambiguous.
 * AWS: https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
 */
import { IntervalSet, parseCidr } from "../../net/index.js";
import type { Route, RouteTable, RouteTarget } from "../../model/types.js";
import type { Evidence } from "../verdict.js";
import type { RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "route-selection",
  docs: {
    description: "Picks the route for each destination address: explicit/main table, longest prefix, static over prefix list over propagated.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html",
  },
  codes: {
    NO_ROUTE_TO_DESTINATION: "{table} has no route to {what}",
    BAD_STATE_ROUTE: "route {route} in {table} is a blackhole: its target no longer exists",
  },
} satisfies RuleMeta;

/** The addresses one route selects. `route` undefined: no route matches them. */
export interface RoutePart {
  addresses: IntervalSet;
  route: Route | undefined;
  /** The prefix-list CIDR (or the route CIDR) that matched, for evidence. */
  matchedCidr: string | undefined;
  /** Set when another prefix-list route with a different target selects the same addresses. */
  ambiguousWith: Route | undefined;
}

export interface RouteSelection {
  parts: RoutePart[];
  /** Prefix lists a route names whose entries the snapshot lacks (their addresses are unknown). */
  unresolvedPrefixLists: string[];
}

export interface Candidate {
  /** The CIDR's addresses. */
  range: IntervalSet;
  length: number;
  rank: number;
  route: Route;
  cidr: string;
}

/** Lower rank wins at equal prefix length. */
function rankOf(route: Route): number {
  if (route.origin === "EnableVgwRoutePropagation") return 2;
  return route.destination.kind === "prefix-list" ? 1 : 0;
}

function sameTarget(a: RouteTarget, b: RouteTarget): boolean {
  return a.kind === b.kind && (a.kind === "local" || ("id" in a && "id" in b && a.id === b.id));
}

/** A table's routes ready for selection: one candidate per CIDR, longest prefix first, then by rank. */
export interface RouteCandidates {
  candidates: readonly Candidate[];
  /** Prefix lists a route names whose entries the snapshot lacks. */
  unresolved: readonly string[];
}

/**
 * A table's routes as candidates (they depend on the table and its prefix lists only, not on the
 * destinations: a caller selecting for many destination sets prepares them once per table).
 *
 * @param table - the route table
 * @param prefixListCidrs - a prefix list's CIDRs, undefined when not in the snapshot
 */
export function routeCandidates(table: RouteTable, prefixListCidrs: (id: string) => string[] | undefined): RouteCandidates {
  const candidates: Candidate[] = [];
  const unresolved: string[] = [];
  for (const route of table.routes) {
    const dest = route.destination;
    const cidrs = dest.kind === "cidr" ? [dest.cidr] : dest.kind === "prefix-list" ? prefixListCidrs(dest.prefixListId) : [];
    if (!cidrs) {
      if (dest.kind === "prefix-list") unresolved.push(dest.prefixListId);
      continue;
    }
    for (const text of cidrs) {
      const cidr = parseCidr(text);
      if (cidr) candidates.push({ range: IntervalSet.range(cidr.first, cidr.last), length: cidr.prefixLength, rank: rankOf(route), route, cidr: text });
    }
  }
  candidates.sort((a, b) => b.length - a.length || a.rank - b.rank);
  return { candidates, unresolved };
}

/**
 * Splits a destination set over the routes of a table.
 *
 * @param table - the route table
 * @param destinations - destination addresses
 * @param prefixListCidrs - a prefix list's CIDRs, undefined when not in the snapshot
 * @param prepared - the table's `routeCandidates`, when the caller keeps them
 */
export function selectRoutes(
  table: RouteTable,
  destinations: IntervalSet,
  prefixListCidrs: (id: string) => string[] | undefined,
  prepared: RouteCandidates = routeCandidates(table, prefixListCidrs),
): RouteSelection {
  const { candidates } = prepared;
  const parts: RoutePart[] = [];
  let remaining = destinations;
  // Routes wholly outside the addresses left select none of them: skipped on their bounds alone (a hub
  // VPC's table routes to hundreds of spokes, and every query crossing it selects a single client's replies).
  let low = remaining.min() ?? 0;
  let high = remaining.max() ?? -1;
  for (let i = 0; i < candidates.length && !remaining.isEmpty(); i++) {
    const c = candidates[i] as Candidate;
    if ((c.range.max() as number) < low || (c.range.min() as number) > high) continue;
    const hit = remaining.intersect(c.range);
    if (hit.isEmpty()) continue;
    // Another prefix-list route at the same length and rank over the same addresses, other target.
    let ambiguousWith: Route | undefined;
    for (let j = i + 1; j < candidates.length; j++) {
      const d = candidates[j] as Candidate;
      if (d.length !== c.length || d.rank !== c.rank) break;
      if (c.rank === 1 && !sameTarget(d.route.target, c.route.target) && !d.range.intersect(hit).isEmpty()) ambiguousWith = d.route;
    }
    const same = parts.find((p) => p.route === c.route && p.ambiguousWith === ambiguousWith);
    if (same) same.addresses = same.addresses.union(hit);
    else parts.push({ addresses: hit, route: c.route, matchedCidr: c.cidr, ambiguousWith });
    remaining = remaining.subtract(hit);
    low = remaining.min() ?? 0;
    high = remaining.max() ?? -1;
  }
  if (!remaining.isEmpty()) parts.push({ addresses: remaining, route: undefined, matchedCidr: undefined, ambiguousWith: undefined });
  return { parts, unresolvedPrefixLists: [...prepared.unresolved] };
}

/**
 * Route selection for a service whose addresses the snapshot lacks (its prefix list's entries): a
 * prefix-list route to a gateway endpoint of that service takes all of the service's addresses;
 * otherwise the general selection stands only when a single route takes the whole set (e.g. the
 * default route), and undefined means "cannot tell" (the caller answers unknown for the split).
 *
 * @param table - the route table
 * @param destinations - the placeholder address set standing for the service
 * @param servesService - whether a gateway endpoint (by id) serves the service
 * @param general - the ordinary selection of the placeholder set
 */
export function selectServiceRoutes(
  table: RouteTable,
  destinations: IntervalSet,
  servesService: (endpointId: string) => boolean,
  general: () => RouteSelection,
): RouteSelection | undefined {
  const viaEndpoint = table.routes.find((r) => r.destination.kind === "prefix-list" && r.target.kind === "gateway-endpoint" && servesService(r.target.id));
  if (viaEndpoint) return { parts: [{ addresses: destinations, route: viaEndpoint, matchedCidr: undefined, ambiguousWith: undefined }], unresolvedPrefixLists: [] };
  const selection = general();
  return selection.parts.length <= 1 ? { ...selection, unresolvedPrefixLists: [] } : undefined;
}

/** Text of a route target, e.g. `nat-0abc`, `local`. */
export function targetText(target: RouteTarget): string {
  return target.kind === "local" ? "local" : target.id;
}

/** Text of a route destination. */
export function destinationText(route: Route): string {
  const d = route.destination;
  return d.kind === "prefix-list" ? d.prefixListId : d.cidr;
}

/**
 * Evidence for a route, e.g. `0.0.0.0/0 → nat-0abc (active), rtb-0def`.
 *
 * @param tableId - the route table id
 * @param route - the route
 * @param how - how the subnet uses the table (`explicit` or `main`)
 */
export function routeEvidence(tableId: string, route: Route, how?: string): Evidence {
  const propagated = route.origin === "EnableVgwRoutePropagation" ? ", propagated" : "";
  const assoc = how ? ` (${how === "main" ? "main table" : "explicit association"})` : "";
  return {
    kind: "route",
    ref: `${tableId}:${destinationText(route)}`,
    text: `${destinationText(route)} → ${targetText(route.target)} (${route.state}${propagated}), ${tableId}${assoc}`,
  };
}
