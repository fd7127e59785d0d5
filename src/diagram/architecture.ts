/**
 * The architecture view: a Mermaid flowchart nested the way AWS architecture diagrams are —
 * Region › VPC › Availability Zone › subnet — with the internet gateway on the VPC's edge, NAT gateways
 * and interface endpoints in their subnets, gateway endpoints on the VPC, notebooks and instances in
 * their subnets, and the Internet and the AWS services outside. Edges are the routes that matter
 * (every non-local route, labelled with its destination), not every rule.
 *
 * Output is deterministic: everything is drawn in sorted order and ids derive from resource ids.
 */
import type { ModelIndex } from "../model/indexes.js";
import { InputError } from "../model/errors.js";
import type { Instance, NatGateway, Notebook, Subnet, Vpc, VpcEndpoint } from "../model/types.js";
import { scopeKey } from "../model/types.js";
import { DiagramBuilder } from "./builder.js";
import { shorten } from "./escape.js";
import { NOTEBOOK_SERVICES, compareText, serviceDisplayName, shortServiceName } from "./names.js";
import { drawRoutes } from "./routes.js";
import type { SceneGroup } from "./scene.js";
import { sceneToMermaid } from "./scene.js";
import { SubnetContentIndex, subnetUnits, type SubnetUnit } from "./subnets.js";
import { drawWorkloads, workloadSubnetKeys } from "./workloads.js";

/** Past this many similar subnets in one AZ (or instances in one subnet), draw one box for them. */
export const DEFAULT_COLLAPSE_THRESHOLD = 4;

export interface ArchitectureOptions {
  /** Draw only this VPC (and what it routes to). */
  vpcId?: string | undefined;
  /** The longest run of similar subnets (or instances in a subnet) drawn one by one. */
  collapseThreshold?: number | undefined;
}

/** Internal options: the path view also pins resources that must stay visible and picks VPCs itself. */
export interface DrawOptions {
  vpcIds: readonly string[];
  collapseThreshold: number;
  keep: ReadonlySet<string>;
  /** Draw notebooks that have no VPC subnet (they live in SageMaker's network only). */
  vpcLessNotebooks: boolean;
}

/**
 * Draws the architecture view of a model.
 *
 * @param index - lookups over the model (from `indexModel`)
 * @param options - `vpcId` to focus on one VPC; `collapseThreshold` (default 4)
 * @returns Mermaid flowchart source
 * @throws InputError when `vpcId` is not in the snapshot
 */
export function architectureDiagram(index: ModelIndex, options: ArchitectureOptions = {}): string {
  const builder = new DiagramBuilder(index);
  drawArchitecture(builder, {
    vpcIds: selectVpcs(index, options.vpcId),
    collapseThreshold: options.collapseThreshold ?? DEFAULT_COLLAPSE_THRESHOLD,
    keep: new Set(),
    vpcLessNotebooks: options.vpcId === undefined,
  });
  return sceneToMermaid(builder.scene("LR"), "vpcreach architecture diagram (generated)");
}

/**
 * The VPC ids to draw: the one asked for, else all, in scope then id order.
 *
 * @param index - model lookups
 * @param vpcId - the VPC asked for, if any
 */
export function selectVpcs(index: ModelIndex, vpcId: string | undefined): string[] {
  const vpcs = [...index.model.vpcs.values()];
  if (vpcId !== undefined) {
    if (!index.model.vpcs.has(vpcId)) {
      const known = vpcs.map((vpc) => vpc.id).sort(compareText);
      const list = known.length > 0 ? `; the snapshot has ${known.slice(0, 10).join(", ")}${known.length > 10 ? ", …" : ""}` : "; the snapshot has no VPCs";
      throw new InputError(`no VPC ${vpcId} in the snapshot${list}`, { file: index.model.source, resourceId: vpcId });
    }
    return [vpcId];
  }
  return vpcs
    .sort((a, b) => compareText(scopeKey(a.scope), scopeKey(b.scope)) || compareText(a.id, b.id))
    .map((vpc) => vpc.id);
}

/**
 * Draws the chosen VPCs (and what they route to) into a builder. Used by both views.
 *
 * @param builder - the scene under construction
 * @param options - which VPCs, the collapse threshold, the ids to keep visible
 */
export function drawArchitecture(builder: DiagramBuilder, drawOptions: DrawOptions): void {
  const index = builder.index;
  const options = { ...drawOptions, keep: new Set([...drawOptions.keep, ...workloadSubnetKeys(index)]) };
  const contents = SubnetContentIndex.of(index);
  const drawn: { vpc: Vpc; units: SubnetUnit[] }[] = [];
  for (const vpcId of options.vpcIds) {
    const vpc = index.model.vpcs.get(vpcId);
    if (vpc) drawn.push({ vpc, units: drawVpc(builder, vpc, contents, options) });
  }
  // Routes last: a route may target a NAT gateway drawn in another AZ's subnet.
  for (const { vpc, units } of drawn) drawRoutes(builder, vpc, units);
  if (options.vpcLessNotebooks) drawVpcLessNotebooks(builder);
  drawWorkloads(builder, options.vpcLessNotebooks);
}

function drawVpc(builder: DiagramBuilder, vpc: Vpc, contents: SubnetContentIndex, options: DrawOptions): SubnetUnit[] {
  const group = builder.group(builder.region(vpc.scope), vpc.id, [`${vpcTitle(vpc)} · ${vpc.id} · ${vpc.cidrs.join(", ")}`], ["vpc"]);
  drawVpcAttachments(builder, vpc, group, contents);
  const units = drawZones(builder, vpc, group, contents, options);
  if (units.some((u) => u.kind === "subnet" && u.contents.notebooks.length > 0)) {
    for (const short of NOTEBOOK_SERVICES) builder.service(vpc.scope, short);
  }
  return units;
}

/**
 * `VPC prod`, `Default VPC`, or the name alone when it already says VPC (`VPC A`, not `VPC VPC A`).
 *
 * @param vpc - the VPC to title
 */
export function vpcTitle(vpc: Vpc): string {
  const title = vpc.isDefault ? "Default VPC" : "VPC";
  if (!vpc.name) return title;
  const name = shorten(vpc.name, 32);
  return /\bvpc\b/i.test(name) ? name : `${title} ${name}`;
}

const byId = <T extends { id: string }>(a: T, b: T): number => compareText(a.id, b.id);

/** What sits on the VPC rather than in a subnet: internet gateways, gateway endpoints, regional NAT gateways. */
function drawVpcAttachments(builder: DiagramBuilder, vpc: Vpc, group: SceneGroup, contents: SubnetContentIndex): void {
  const on = contents.ofVpc(vpc.id);
  for (const igw of on.internetGateways) {
    const node = builder.node(group, igw.id, ["Internet gateway", igw.name, igw.id], "box", ["gateway"]);
    builder.edge({ from: node.id, to: builder.internet(), line: "solid", style: "route" });
  }
  for (const eigw of on.egressOnlyInternetGateways) {
    const node = builder.node(group, eigw.id, ["Egress-only internet gateway", eigw.name, eigw.id], "box", ["gateway"]);
    builder.edge({ from: node.id, to: builder.internet(), label: "IPv6", line: "solid", style: "route" });
  }
  for (const endpoint of builder.index.endpointsOfVpc(vpc.id).filter((e) => e.type === "Gateway").sort(byId)) {
    const short = shortServiceName(endpoint.serviceName);
    const node = builder.node(group, endpoint.id, ["Gateway endpoint", serviceDisplayName(short), endpoint.id, stateNote(endpoint.state)], "hexagon", ["endpoint"]);
    builder.edge({ from: node.id, to: builder.service(vpc.scope, short), line: "solid", style: "route" });
  }
  for (const nat of on.regionalNatGateways) drawNat(builder, group, nat);
}

/** One box per Availability Zone (sorted), holding its subnets or subnet runs. */
function drawZones(builder: DiagramBuilder, vpc: Vpc, group: SceneGroup, contents: SubnetContentIndex, options: DrawOptions): SubnetUnit[] {
  const byZone = new Map<string, Subnet[]>();
  for (const subnet of builder.index.subnetsOfVpc(vpc.id)) {
    const list = byZone.get(subnet.availabilityZone);
    if (list) list.push(subnet);
    else byZone.set(subnet.availabilityZone, [subnet]);
  }
  const units: SubnetUnit[] = [];
  for (const zone of [...byZone.keys()].sort(compareText)) {
    const zoneGroup = builder.group(group, `az:${vpc.id}:${zone}`, [`Availability Zone ${zone}`], ["az"], `${vpc.id}-${zone}`);
    for (const unit of subnetUnits(builder.index, byZone.get(zone) ?? [], contents, options.collapseThreshold, options.keep)) {
      drawUnit(builder, zoneGroup, vpc, unit, options);
      units.push(unit);
    }
  }
  return units;
}

function stateNote(state: string): string | undefined {
  return state === "available" || state === "" ? undefined : `state ${state}`;
}

/** A subnet's label: class and CIDR, its name, its id (short lines: Mermaid does not widen a box for its title). */
function subnetText(subnet: Subnet, isPublic: boolean, certain: boolean): (string | undefined)[] {
  return [`${isPublic ? "Public" : "Private"} subnet${certain ? "" : "?"} · ${subnet.cidr}`, subnet.name ? shorten(subnet.name, 28) : undefined, subnet.id];
}

function drawUnit(builder: DiagramBuilder, zone: SceneGroup, vpc: Vpc, unit: SubnetUnit, options: DrawOptions): void {
  const subnetClass = unit.public ? "publicSubnet" : "privateSubnet";
  if (unit.kind === "run") {
    const first = unit.subnets[0];
    const last = unit.subnets[unit.subnets.length - 1];
    const key = `run:${vpc.id}:${first?.availabilityZone ?? ""}:${subnetClass}:${unit.routeTableId ?? ""}`;
    const node = builder.node(
      zone,
      key,
      [
        `${unit.subnets.length} ${unit.public ? "public" : "private"} subnets`,
        `${first?.cidr ?? ""} … ${last?.cidr ?? ""}`,
        unit.routeTableId ? `route table ${unit.routeTableId}` : undefined,
        unit.instanceCount > 0 ? `${unit.instanceCount} instances` : undefined,
      ],
      "box",
      [subnetClass, "collapsed"],
      `${vpc.id}-${first?.availabilityZone ?? ""}-${unit.public ? "public" : "private"}-subnets-${unit.routeTableId ?? ""}`,
    );
    for (const subnet of unit.subnets) builder.alias(subnet.id, node.id);
    return;
  }
  const { subnet, contents } = unit;
  const text = subnetText(subnet, unit.public, unit.certain);
  const empty = contents.natGateways.length + contents.endpoints.length + contents.notebooks.length + contents.instances.length === 0;
  if (empty && !options.keep.has(`group:${subnet.id}`)) {
    builder.node(zone, subnet.id, text, "box", [subnetClass]);
    return;
  }
  const group = builder.group(zone, subnet.id, text, [subnetClass]);
  for (const nat of contents.natGateways) drawNat(builder, group, nat);
  if (contents.endpoints.length > 0) drawInterfaceEndpoints(builder, group, subnet, contents.endpoints);
  for (const notebook of contents.notebooks) drawNotebook(builder, group, notebook);
  drawInstances(builder, group, subnet, contents.instances, options);
}

function drawNat(builder: DiagramBuilder, parent: SceneGroup, nat: NatGateway): void {
  const publicIps = nat.addresses.map((a) => a.publicIp).filter((ip): ip is string => ip !== undefined);
  const kind = nat.connectivityType === "private" ? "Private NAT gateway" : nat.availabilityMode === "regional" ? "Regional NAT gateway" : "NAT gateway";
  const node = builder.node(parent, nat.id, [kind, nat.name, nat.id, publicIps.length > 0 ? `EIP ${publicIps.join(", ")}` : undefined, stateNote(nat.state)], "box", ["gateway"]);
  for (const address of nat.addresses) if (address.networkInterfaceId) builder.alias(address.networkInterfaceId, node.id);
}

/**
 * All interface endpoints of one subnet as one node (one line per endpoint), with one edge to the
 * Region's AWS services: drawing each endpoint in each subnet with its own edge buries the subnets.
 */
function drawInterfaceEndpoints(builder: DiagramBuilder, parent: SceneGroup, subnet: Subnet, endpoints: readonly VpcEndpoint[]): void {
  const lines = endpoints.map((endpoint) => {
    const short = shortServiceName(endpoint.serviceName);
    const kind = endpoint.type === "Interface" ? "" : ` (${endpoint.type})`;
    const dns = endpoint.type === "Interface" && !endpoint.privateDnsEnabled ? ", private DNS OFF" : "";
    const state = endpoint.state === "available" ? "" : `, ${endpoint.state}`;
    return `${serviceDisplayName(short)}${kind} · ${endpoint.id}${dns}${state}`;
  });
  const title = endpoints.length === 1 ? "Interface endpoint" : `${endpoints.length} interface endpoints`;
  const node = builder.node(parent, `endpoints@${subnet.id}`, [title, ...lines], "hexagon", ["endpoint"], `${subnet.id}-endpoints`);
  for (const endpoint of endpoints) {
    builder.alias(`${endpoint.id}@${subnet.id}`, node.id);
    builder.alias(endpoint.id, node.id);
    for (const eniId of endpoint.networkInterfaceIds) {
      if (builder.index.model.networkInterfaces.get(eniId)?.subnetId === subnet.id) builder.alias(eniId, node.id);
    }
    builder.service(subnet.scope, shortServiceName(endpoint.serviceName));
  }
  const services = builder.element(`services:${scopeKey(subnet.scope)}`);
  if (services) builder.edge({ from: node.id, to: services, label: "PrivateLink", line: "solid", style: "route" });
}

function drawNotebook(builder: DiagramBuilder, parent: SceneGroup | undefined, notebook: Notebook): void {
  const node = builder.node(
    parent,
    `notebook:${notebook.id}`,
    ["SageMaker notebook", notebook.id, notebook.instanceType, notebook.directInternetAccess ? "direct internet access ON" : undefined, stateNote(notebook.status === "InService" ? "available" : notebook.status)],
    "round",
    ["notebook"],
    `nb-${notebook.id}`,
  );
  if (notebook.networkInterfaceId) builder.alias(notebook.networkInterfaceId, node.id);
  if (notebook.directInternetAccess) {
    builder.edge({ from: node.id, to: builder.managedNetwork(notebook.scope), label: "direct internet access", line: "dotted", style: "direct" });
  }
}

function drawInstances(builder: DiagramBuilder, parent: SceneGroup, subnet: Subnet, instances: readonly Instance[], options: DrawOptions): void {
  const collapse = instances.length > options.collapseThreshold;
  const shown = collapse ? instances.filter((instance) => options.keep.has(instance.id)) : instances;
  for (const instance of shown) {
    const node = builder.node(
      parent,
      instance.id,
      ["EC2 instance", instance.name, `${instance.id}${instance.privateIp ? ` · ${instance.privateIp}` : ""}`, instance.publicIp ? `public IP ${instance.publicIp}` : undefined, stateNote(instance.state === "running" ? "available" : instance.state)],
      "box",
      ["instance"],
    );
    for (const eniId of instance.networkInterfaceIds) builder.alias(eniId, node.id);
  }
  const hidden = instances.length - shown.length;
  if (hidden > 0) {
    const node = builder.node(parent, `instances:${subnet.id}`, [`${hidden} EC2 instances`], "box", ["instance", "collapsed"], `${subnet.id}-instances`);
    for (const instance of instances) if (!shown.includes(instance)) builder.alias(instance.id, node.id);
  }
}

function drawVpcLessNotebooks(builder: DiagramBuilder): void {
  const notebooks = [...builder.index.model.notebooks.values()].filter((n) => !n.subnetId).sort((a, b) => compareText(a.id, b.id));
  for (const notebook of notebooks) {
    drawNotebook(builder, builder.region(notebook.scope), notebook);
    const id = builder.element(`notebook:${notebook.id}`);
    if (id && !notebook.directInternetAccess) builder.edge({ from: id, to: builder.managedNetwork(notebook.scope), label: "no VPC", line: "dotted", style: "direct" });
  }
}

/** Exposed for the path view: draws one notebook at top level of its Region (for a VPC-less source). */
export function drawStandaloneNotebook(builder: DiagramBuilder, notebook: Notebook): void {
  if (builder.element(`notebook:${notebook.id}`)) return;
  drawNotebook(builder, builder.region(notebook.scope), notebook);
}
