/**
 * The reference evaluator's rules at the internet edge of a VPC, written apart from the engine:
 * VPC Block Public Access (the account's mode, exclusions) for a packet crossing an internet
 * gateway, and the gateway route table that decides where a packet entering through an internet
 * gateway goes.
 * AWS: https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html and
 * https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html
 */
import type { Route, RouteTable, Subnet } from "../../src/model/types.js";
import { scopeKey } from "../../src/model/types.js";
import { cidrContains, prefixLength } from "./ipv4.js";
import { drop, step, unmodeled, type Walk } from "./walk.js";

/** How the packet meets the internet gateway. */
export type Crossing = "out-from-public-ip" | "out-from-nat" | "in-to-public-ip";

/**
 * Applies VPC Block Public Access to one packet crossing an internet gateway from or to `subnet`.
 * The mode comes from the account's options for the subnet's Region, else from the mode printed on
 * the subnet or its VPC; no mode anywhere means nothing is blocked (the engine warns).
 *
 * @param walk - the walk
 * @param igwId - the internet gateway
 * @param subnet - the subnet of the ENI that meets the gateway (a NAT gateway's for NAT traffic)
 * @param crossing - how the packet meets the gateway
 */
export function applyBlockPublicAccess(walk: Walk, igwId: string, subnet: Subnet, crossing: Crossing): void {
  // Block Public Access is a setting of one account in one Region.
  const options = [...walk.model.blockPublicAccessOptions.values()].find((o) => o.scope.region === subnet.scope.region && o.scope.account === subnet.scope.account);
  const mode = options?.mode ?? subnet.blockPublicAccessMode ?? walk.model.vpcs.get(subnet.vpcId)?.blockPublicAccessMode ?? "off";
  if (mode === "off") return;
  const applies = (resourceId: string) => resourceId === subnet.id || resourceId === subnet.vpcId;
  const exclusions = options?.exclusionsAllowed === false ? [] : [...walk.model.blockPublicAccessExclusions.values()].filter((e) => applies(e.resourceId));
  if (exclusions.some((e) => e.state.endsWith("in-progress"))) unmodeled(walk, igwId, "a Block Public Access exclusion is being changed");
  const live = exclusions.filter((e) => e.state === "create-complete" || e.state === "update-complete");
  const bidirectional = live.some((e) => e.mode === "allow-bidirectional");
  const egressOnly = mode === "block-ingress" || live.some((e) => e.mode === "allow-egress");
  const passes = bidirectional || (egressOnly && crossing === "out-from-nat");
  if (passes) {
    step(walk, `Block Public Access ${mode} lets ${crossing} through ${igwId} for ${subnet.id}`);
    return;
  }
  const exclusionsKnown = live.length > 0 || walk.model.dataPresent.get(scopeKey(subnet.scope))?.has("blockPublicAccessExclusions") === true;
  if (!exclusionsKnown && options?.exclusionsAllowed !== false) unmodeled(walk, igwId, "Block Public Access blocks unless an exclusion the snapshot lacks applies");
  drop(walk, igwId, "VPC_BLOCK_PUBLIC_ACCESS_ENABLED", `Block Public Access ${mode} drops ${crossing} through ${igwId} for ${subnet.id}`);
}

/** The route table associated with a gateway, if any. */
function edgeTableOf(walk: Walk, gatewayId: string): RouteTable | undefined {
  return [...walk.model.routeTables.values()].find((t) => t.gatewayIds.includes(gatewayId));
}

/**
 * Follows the internet gateway's route table, if it has one, for a packet entering the VPC addressed
 * to `privateIp`: local goes on, a blackhole drops, anything else is an appliance (unmodeled).
 *
 * @param walk - the walk
 * @param igwId - the internet gateway
 * @param privateIp - the packet's destination after the gateway's translation
 */
export function followGatewayRouteTable(walk: Walk, igwId: string, privateIp: string): void {
  const table = edgeTableOf(walk, igwId);
  if (!table) return;
  // Gateway route tables hold only CIDR routes inside the VPC; the longest one containing the address wins.
  let best: Route | undefined;
  for (const route of table.routes) {
    if (route.destination.kind !== "cidr" || !cidrContains(route.destination.cidr, privateIp)) continue;
    if (!best || prefixLength(route.destination.cidr) > prefixLength((best.destination as { cidr: string }).cidr)) best = route;
  }
  if (best?.state === "blackhole") drop(walk, table.id, "BAD_STATE_ROUTE", `gateway route table ${table.id} drops ${privateIp} (blackhole)`);
  if (!best || best.target.kind === "local") {
    step(walk, `gateway route table ${table.id} delivers ${privateIp} locally`);
    return;
  }
  unmodeled(walk, table.id, `gateway route table ${table.id} sends ${privateIp} to ${best.target.kind}`);
}
