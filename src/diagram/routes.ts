/**
 * The edges of the architecture view: for each drawn subnet (or run of subnets), the non-local routes
 * of the route table it uses, one edge per target labelled with the destinations (`0.0.0.0/0`,
 * `pl-63a5400a (S3)`). Targets not drawn elsewhere (peering connections, transit gateways, VPN
 * gateways, ENIs, resources missing from the snapshot) get a node of their own.
 * AWS: https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html
 */
import type { Route, RouteTarget, Vpc } from "../model/types.js";
import type { DiagramBuilder } from "./builder.js";
import { destinationList, routeLabel } from "./names.js";
import type { SubnetUnit } from "./subnets.js";

const TARGET_TITLES: Record<Exclude<RouteTarget["kind"], "local">, string> = {
  igw: "Internet gateway",
  "egress-only-igw": "Egress-only internet gateway",
  nat: "NAT gateway",
  "gateway-endpoint": "Gateway endpoint",
  "gwlb-endpoint": "Gateway Load Balancer endpoint",
  peering: "VPC peering connection",
  "transit-gateway": "Transit gateway",
  "vpn-gateway": "Virtual private gateway",
  "network-interface": "Network interface",
  instance: "EC2 instance",
  other: "Route target",
};

/**
 * Draws the route edges of one VPC's subnets.
 *
 * @param builder - the scene under construction (subnets and gateways already drawn)
 * @param vpc - the VPC
 * @param units - its drawn subnets and subnet runs
 */
export function drawRoutes(builder: DiagramBuilder, vpc: Vpc, units: readonly SubnetUnit[]): void {
  for (const unit of units) {
    const subnet = unit.kind === "subnet" ? unit.subnet : unit.subnets[0];
    if (!subnet) continue;
    const from = builder.element(subnet.id);
    const table = builder.index.routeTableOfSubnet(subnet.id)?.value;
    if (!from || !table) continue;
    const byTarget = new Map<string, Route[]>();
    for (const route of table.routes) {
      if (route.target.kind === "local") continue;
      const to = targetElement(builder, vpc, route.target);
      const key = `${to}|${route.state}`;
      const list = byTarget.get(key);
      if (list) list.push(route);
      else byTarget.set(key, [route]);
    }
    for (const [key, routes] of byTarget) {
      const [to, state] = key.split("|") as [string, string];
      builder.edge({ from, to, label: edgeLabel(builder, routes), line: "solid", style: state === "blackhole" ? "blackhole" : "route" });
    }
  }
}

function edgeLabel(builder: DiagramBuilder, routes: readonly Route[]): string {
  return destinationList(routes.map((route) => routeLabel(builder.index, route)));
}

/**
 * The element a route target is drawn as, drawing a node for it when nothing stands for it yet:
 * inside the VPC for VPC attachments, in the Region for peering connections and transit gateways.
 *
 * @param builder - the scene under construction
 * @param vpc - the VPC whose route it is
 * @param target - the route's target (not `local`)
 */
export function targetElement(builder: DiagramBuilder, vpc: Vpc, target: Exclude<RouteTarget, { kind: "local" }>): string {
  const known = builder.element(target.id);
  if (known) return known;
  const model = builder.index.model;
  const title = target.kind === "other" ? `Route target (${target.field})` : TARGET_TITLES[target.kind];
  const vpcGroup = builder.item(builder.element(vpc.id) ?? "");
  const inVpc = vpcGroup?.kind === "group" ? vpcGroup : undefined;
  switch (target.kind) {
    case "peering": {
      const pcx = model.vpcPeeringConnections.get(target.id);
      const side = (s: { vpcId: string; region: string | undefined }) => `${s.vpcId}${s.region && s.region !== vpc.scope.region ? ` (${s.region})` : ""}`;
      const lines = [title, pcx?.name, target.id, pcx ? `${side(pcx.requester)} ↔ ${side(pcx.accepter)}` : "not in snapshot", pcx && pcx.status !== "active" ? pcx.status : undefined];
      return builder.node(builder.region(vpc.scope), target.id, lines, "box", [pcx ? "external" : "missing"]).id;
    }
    case "transit-gateway": {
      // In its owner's Region box: a spoke's route leads into the network account's transit gateway.
      const tgw = model.transitGateways.get(target.id);
      return builder.node(builder.region(tgw?.scope ?? vpc.scope), target.id, [title, tgw?.name, target.id, tgw?.ownerId ? `owner ${tgw.ownerId}` : undefined], "box", ["external"]).id;
    }
    case "network-interface": {
      const eni = model.networkInterfaces.get(target.id);
      const parent = builder.item(builder.element(eni?.subnetId ?? "") ?? "");
      const where = parent?.kind === "group" ? parent : inVpc;
      return builder.node(where, target.id, [title, eni?.name, target.id, eni ? undefined : "not in snapshot"], "box", [eni ? "interface" : "missing"]).id;
    }
    case "vpn-gateway":
    case "gwlb-endpoint":
    case "other":
      return builder.node(inVpc, target.id, [title, target.id], "box", ["external"]).id;
    default:
      // igw, egress-only igw, NAT gateway, gateway endpoint, instance: drawn with their VPC or subnet when
      // in the snapshot and attached here; otherwise the route points at something we cannot place.
      return builder.node(inVpc, target.id, [title, target.id, missingNote(builder, target)], "box", ["missing"]).id;
  }
}

function missingNote(builder: DiagramBuilder, target: RouteTarget & { id: string }): string {
  const model = builder.index.model;
  const present =
    (target.kind === "igw" && model.internetGateways.has(target.id)) ||
    (target.kind === "egress-only-igw" && model.egressOnlyInternetGateways.has(target.id)) ||
    (target.kind === "nat" && model.natGateways.has(target.id)) ||
    (target.kind === "gateway-endpoint" && model.vpcEndpoints.has(target.id)) ||
    (target.kind === "instance" && model.instances.has(target.id));
  return present ? "not attached to this VPC" : "not in snapshot";
}
