/**
 * The hub view: a transit gateway as the middle of a multi-VPC network, the way AWS draws hub-and-spoke
 * designs. The transit gateway is a box holding its route tables; each table is joined from the
 * attachments associated with it and to the attachments its routes send to (labelled with the
 * destinations and whether the route is static or propagated; blackhole routes end red). Around it,
 * the attached VPCs in their account's Region box, each summarized: CIDRs, its part in the hub (egress:
 * NAT gateways behind an internet gateway; shared services: interface endpoints that private hosted
 * zones make resolvable in other VPCs; notebooks), the private hosted zones associated with it, and its
 * attachment's subnets by Availability Zone (naming the zones where the VPC has subnets but the
 * attachment has none: workloads there cannot reach the transit gateway). Peering attachments to other
 * transit gateways, and VPN, Direct Connect and Connect attachments, are nodes of their own.
 * AWS: https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html,
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html
 */
import type { ModelIndex } from "../model/indexes.js";
import { InputError } from "../model/errors.js";
import type { Scope, TransitGateway, TransitGatewayAttachment, TransitGatewayRouteTable, Vpc } from "../model/types.js";
import { attachmentsOfTransitGateway, peerTransitGateway } from "../engine/rules/transit-gateway-attachment.js";
import { effectiveRoutes, modelRouteData } from "../engine/rules/transit-gateway-route-table.js";
import { zonesAliasing } from "../engine/rules/private-hosted-zone.js";
import { vpcTitle } from "./architecture.js";
import { DiagramBuilder } from "./builder.js";
import { wrapText } from "./escape.js";
import { compareText, destinationList, serviceDisplayName, shortServiceName } from "./names.js";
import { sceneToMermaid, type SceneGroup } from "./scene.js";
import { SubnetContentIndex } from "./subnets.js";

export interface HubOptions {
  /** Draw only this transit gateway (and what is attached to it); default: every one in the snapshot. */
  tgwId?: string | undefined;
}

/**
 * Draws the hub view of one transit gateway, or of all of them (peered ones then share their peering
 * attachment).
 *
 * @param index - lookups over the model (from `indexModel`)
 * @param options - `tgwId` to draw one transit gateway
 * @returns Mermaid flowchart source
 * @throws InputError when `tgwId` is not in the snapshot, or the snapshot has no transit gateway
 */
export function hubDiagram(index: ModelIndex, options: HubOptions = {}): string {
  const builder = new DiagramBuilder(index);
  const hubs = selectHubs(index, options.tgwId);
  for (const tgwId of hubs) drawHub(builder, tgwId, hubs);
  return sceneToMermaid(builder.scene("LR"), "vpcreach hub diagram (generated)");
}

/**
 * Every transit gateway of the snapshot, sorted: those described, and those only attachments name.
 *
 * @param index - model lookups
 */
export function transitGatewayIds(index: ModelIndex): string[] {
  const model = index.model;
  const ids = new Set(model.transitGateways.keys());
  for (const attachment of model.transitGatewayAttachments.values()) ids.add(attachment.transitGatewayId);
  return [...ids].sort(compareText);
}

/** The transit gateways to draw: the one asked for, else all; an error when there are none. */
function selectHubs(index: ModelIndex, tgwId: string | undefined): string[] {
  const known = transitGatewayIds(index);
  const file = index.model.source;
  if (tgwId === undefined) {
    if (known.length === 0) throw new InputError("the snapshot has no transit gateway to draw a hub view of; draw the VPCs with --view architecture", { file });
    return known;
  }
  if (known.includes(tgwId)) return [tgwId];
  const list = known.length > 0 ? `; the snapshot has ${known.slice(0, 10).join(", ")}${known.length > 10 ? ", …" : ""}` : "; the snapshot has no transit gateways";
  throw new InputError(`no transit gateway ${tgwId} in the snapshot${list}`, { file, resourceId: tgwId });
}

const byId = <T extends { id: string }>(a: T, b: T): number => compareText(a.id, b.id);

/** One transit gateway: its box and route tables, its attachments, and the association and route edges. */
function drawHub(builder: DiagramBuilder, tgwId: string, hubs: readonly string[]): void {
  const model = builder.index.model;
  const tgw = model.transitGateways.get(tgwId);
  const attachments = attachmentsOfTransitGateway(model.transitGatewayAttachments.values(), tgwId).sort(byId);
  const scope: Scope = tgw?.scope ?? attachments[0]?.scope ?? { account: undefined, region: "unknown-region" };
  const group = builder.group(builder.region(scope), tgwId, [hubTitle(tgwId, tgw)], tgw ? ["hub"] : ["hub", "missing"]);
  const tables = [...model.transitGatewayRouteTables.values()].filter((t) => t.transitGatewayId === tgwId).sort(byId);
  const drawn = tables.map((table) => ({ table, routes: drawTable(builder, group, table, tgw, attachments) }));
  if (tables.length === 0) builder.node(group, `tables:${tgwId}`, ["No route table in the snapshot", "add describe-transit-gateway-route-tables"], "box", ["missing"], `${tgwId}-no-tables`);
  for (const attachment of attachments) {
    const from = attachmentElement(builder, group, attachment, tgwId, hubs);
    for (const association of attachment.associations ?? []) {
      if ((association.transitGatewayId ?? attachment.transitGatewayId) !== tgwId) continue;
      const to = builder.element(association.routeTableId) ?? builder.node(group, association.routeTableId, ["Route table", association.routeTableId, "not in snapshot"], "box", ["missing"]).id;
      builder.edge({ from, to, label: association.state === "associated" ? "associated" : association.state, line: "solid", style: association.state === "associated" ? "route" : "blackhole" });
    }
  }
  for (const { table, routes } of drawn) drawTableRoutes(builder, group, table, routes, tgwId, hubs);
}

function hubTitle(tgwId: string, tgw: TransitGateway | undefined): string {
  if (!tgw) return `Transit gateway ${tgwId} · not in snapshot`;
  const state = tgw.state === "available" ? "" : ` · ${tgw.state}`;
  return `Transit gateway${tgw.name ? ` ${tgw.name}` : ""} · ${tgwId}${tgw.ownerId ? ` · owner ${tgw.ownerId}` : ""}${state}`;
}

/** A route table's node (its name and id, whether it is a default table, who uses it); returns its routes. */
function drawTable(builder: DiagramBuilder, group: SceneGroup, table: TransitGatewayRouteTable, tgw: TransitGateway | undefined, attachments: readonly TransitGatewayAttachment[]): TableRoutes {
  const defaults = [tgw?.defaultAssociationRouteTableId === table.id ? "association" : undefined, tgw?.defaultPropagationRouteTableId === table.id ? "propagation" : undefined].filter(Boolean);
  const associated = attachments.filter((a) => a.associations?.some((x) => x.routeTableId === table.id && x.state === "associated")).length;
  const propagating = table.propagations?.filter((p) => p.state === "enabled").length;
  const routes = effectiveRoutes(table, modelRouteData(builder.index.model));
  builder.node(
    group,
    table.id,
    [
      `Route table${table.name ? ` ${table.name}` : ""}`,
      table.id,
      defaults.length > 0 ? `default ${defaults.join(" and ")} table` : undefined,
      `${associated} associated · ${propagating === undefined ? "propagations not in snapshot" : `${propagating} propagating`}`,
      ...("code" in routes ? wrapText(routes.message) : []),
      table.state === "available" ? undefined : `state ${table.state}`,
    ],
    "box",
    "code" in routes ? ["interface", "undetermined"] : ["interface"],
    table.id,
  );
  return routes;
}

/** A table's routes as the engine completes them, or the block saying why they are not known. */
type TableRoutes = ReturnType<typeof effectiveRoutes>;

/**
 * The route edges of a table: one per target attachment and route type, labelled with the
 * destinations; blackholes go to the transit gateway's blackhole node. When the table's complete
 * routes are unknown, the routes the snapshot lists are still drawn (the node says why the rest is not).
 */
function drawTableRoutes(builder: DiagramBuilder, group: SceneGroup, table: TransitGatewayRouteTable, effective: TableRoutes, tgwId: string, hubs: readonly string[]): void {
  const from = builder.element(table.id);
  if (!from) return;
  const routes = "code" in effective
    ? table.routes.map((route) => ({ route, text: route.destination.kind === "prefix-list" ? route.destination.prefixListId : route.destination.cidr }))
    : effective;
  const byTarget = new Map<string, string[]>();
  for (const { route, text } of routes) {
    const targets = route.state === "blackhole" ? ["blackhole"] : route.attachmentIds;
    for (const target of targets) {
      const key = `${target}|${route.type}`;
      const list = byTarget.get(key);
      if (list) list.push(text);
      else byTarget.set(key, [text]);
    }
  }
  for (const [key, texts] of [...byTarget].sort(([a], [b]) => compareText(a, b))) {
    const [target, type] = key.split("|") as [string, string];
    const label = `${destinationList(texts)} · ${type}`;
    if (target === "blackhole") {
      const hole = builder.element(`blackhole:${tgwId}`) ?? builder.node(group, `blackhole:${tgwId}`, ["Blackhole", "traffic dropped"], "circle", ["blocked"], `${tgwId}-blackhole`).id;
      builder.edge({ from, to: hole, label, line: "solid", style: "blackhole" });
      continue;
    }
    const attachment = builder.index.model.transitGatewayAttachments.get(target);
    const to = attachment ? attachmentElement(builder, group, attachment, tgwId, hubs) : missingAttachment(builder, group, target);
    builder.edge({ from, to, label, line: "solid", style: "route" });
  }
}

function missingAttachment(builder: DiagramBuilder, group: SceneGroup, attachmentId: string): string {
  return builder.element(attachmentId) ?? builder.node(group, attachmentId, ["Attachment", attachmentId, "not in snapshot"], "box", ["missing"]).id;
}

/** What an attachment is drawn as: its VPC's node, a peering node, or a node of its own kind. */
function attachmentElement(builder: DiagramBuilder, group: SceneGroup, attachment: TransitGatewayAttachment, tgwId: string, hubs: readonly string[]): string {
  if (attachment.resourceType === "vpc" && attachment.resourceId) return vpcElement(builder, attachment, hubs);
  const known = builder.element(attachment.id);
  if (known) return known;
  const state = attachment.state === "available" ? undefined : `state ${attachment.state}`;
  if (attachment.resourceType === "peering") {
    const peer = peerTransitGateway(attachment, tgwId);
    const lines = ["Transit gateway peering", attachment.name, attachment.id, `${attachment.transitGatewayId} ↔ ${attachment.resourceId ?? "?"}`, peer && !hubs.includes(peer) ? `peer ${peer}${attachment.resourceOwnerId ? ` (account ${attachment.resourceOwnerId})` : ""}` : undefined, state];
    return builder.node(undefined, attachment.id, lines, "box", ["external"]).id;
  }
  const lines = [`${ATTACHMENT_KINDS[attachment.resourceType] ?? attachment.resourceType} attachment`, attachment.name, attachment.id, attachment.resourceId, "paths through it are not modelled (unknown)", state];
  return builder.node(group, attachment.id, lines, "box", ["external"]).id;
}

const ATTACHMENT_KINDS: Record<string, string> = {
  vpn: "VPN",
  "direct-connect-gateway": "Direct Connect",
  connect: "Connect",
  "network-function": "Network Firewall",
};

/** A VPC's node (one per VPC, in its account's Region box), drawn on first use. */
function vpcElement(builder: DiagramBuilder, attachment: TransitGatewayAttachment, hubs: readonly string[]): string {
  const vpcId = attachment.resourceId ?? "";
  const key = `hub-vpc:${vpcId}`;
  const known = builder.element(key);
  if (known) return known;
  const vpc = builder.index.model.vpcs.get(vpcId);
  if (!vpc) {
    const scope = { account: attachment.resourceOwnerId, region: attachment.scope.region };
    return builder.node(builder.region(scope), key, ["VPC", vpcId, "not in snapshot", `attachment ${attachment.id}`], "box", ["missing"], vpcId).id;
  }
  const attachments = builder.index
    .transitGatewayAttachmentsOfVpc(vpcId)
    .filter((a) => hubs.includes(a.transitGatewayId) && a.state !== "deleted")
    .sort(byId);
  const lines = [
    `${vpcTitle(vpc)} · ${vpc.id}`,
    vpc.cidrs.join(", "),
    ...vpcRoles(builder.index, vpc),
    ...zonesLines(builder.index, vpc),
    ...attachments.flatMap((a) => attachmentLines(builder.index, vpc, a, hubs.length > 1)),
  ];
  return builder.node(builder.region(vpc.scope), key, lines, "box", ["vpc"], vpc.id).id;
}

/**
 * A VPC's part in the hub, from what it holds: egress (NAT gateways and an internet gateway), shared
 * services (interface endpoints that private hosted zones alias for other VPCs), workloads (notebooks).
 */
function vpcRoles(index: ModelIndex, vpc: Vpc): string[] {
  const model = index.model;
  const on = SubnetContentIndex.of(index).ofVpc(vpc.id);
  const nats = on.publicNatGateways;
  const igw = on.internetGateways.length > 0;
  const endpoints = index.endpointsOfVpc(vpc.id).filter((e) => e.type === "Interface").sort(byId);
  const shared = endpoints.filter((e) => zonesAliasing(model, e).some((z) => z.vpcs?.some((v) => v.vpcId !== vpc.id)));
  const notebooks = on.notebooks;
  const lines: string[] = [];
  if (nats > 0 && igw) lines.push(`egress: ${plural(nats, "NAT gateway")} + internet gateway`);
  else if (nats > 0) lines.push(`${plural(nats, "NAT gateway")}, no internet gateway`);
  else if (igw) lines.push("internet gateway");
  if (endpoints.length > 0) {
    const services = endpoints.map((e) => serviceDisplayName(shortServiceName(e.serviceName))).sort(compareText);
    const role = shared.length > 0 ? `shared services: ${plural(endpoints.length, "interface endpoint")}` : plural(endpoints.length, "interface endpoint");
    lines.push(role, ...wrapText(services.join(", "), undefined, 2));
  }
  if (notebooks > 0) lines.push(plural(notebooks, "SageMaker notebook"));
  return lines;
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

/** The private hosted zones associated with a VPC, named without the Region's `amazonaws.com` suffix. */
function zonesLines(index: ModelIndex, vpc: Vpc): string[] {
  const suffix = `.${vpc.scope.region}.amazonaws.com`;
  const names = index
    .privateZonesOfVpc(vpc.id)
    .map((z) => (z.zoneName.endsWith(suffix) ? z.zoneName.slice(0, -suffix.length) : z.zoneName))
    .sort(compareText);
  return names.length === 0 ? [] : wrapText(`private hosted zones: ${names.join(", ")}`, undefined, 2);
}

/** An attachment's line: its id and the zones of its subnets, and the VPC's zones it has no subnet in. */
function attachmentLines(index: ModelIndex, vpc: Vpc, attachment: TransitGatewayAttachment, nameHub: boolean): string[] {
  const model = index.model;
  const zones = new Set(attachment.subnetIds.map((id) => model.subnets.get(id)?.availabilityZone).filter((z): z is string => z !== undefined));
  const vpcZones = new Set(index.subnetsOfVpc(vpc.id).map((s) => s.availabilityZone));
  const missing = [...vpcZones].filter((z) => !zones.has(z)).sort(compareText);
  return [
    `${attachment.id}${nameHub ? ` → ${attachment.transitGatewayId}` : ""}${attachment.state === "available" ? "" : ` (${attachment.state})`}`,
    `attachment subnets in ${zones.size > 0 ? [...zones].sort(compareText).join(", ") : "no known zone"}`,
    missing.length > 0 ? `no attachment subnet in ${missing.join(", ")}` : undefined,
  ].filter((line): line is string => line !== undefined);
}
