/**
 * The path view: an engine verdict drawn on the architecture of the VPCs it crosses. Architecture
 * edges are dimmed; the hops the engine admitted are joined by thick numbered edges (green when the
 * destination is reachable, amber when undetermined), each labelled with the route that carried the
 * traffic; a block is a red note naming the component, the explanation code and the rule, placed
 * beside the last hop reached, with a dotted "not reached" edge to the destination. A summary node
 * states the verdict.
 */
import type { ModelIndex } from "../model/indexes.js";
import type { Scope } from "../model/types.js";
import type { ComponentType, Hop, Verdict } from "../engine/verdict.js";
import { DEFAULT_COLLAPSE_THRESHOLD, drawArchitecture, drawStandaloneNotebook } from "./architecture.js";
import { DiagramBuilder } from "./builder.js";
import { compareText, serviceOfDestination } from "./names.js";
import { sceneToMermaid, type SceneGroup, type SceneItem } from "./scene.js";
import type { ClassName, LinkStyleName } from "./styles.js";

export interface PathDiagramOptions {
  /** The longest run of similar subnets drawn one by one (resources on the path always are). */
  collapseThreshold?: number | undefined;
}

/** Hop types drawn as containers or not at all: their evidence labels the edges instead. */
const INVISIBLE: ReadonlySet<ComponentType> = new Set(["subnet", "security-group", "network-acl", "route-table", "vpc"]);

/**
 * Draws a verdict on the architecture of the VPCs its path crosses.
 *
 * @param index - lookups over the model the verdict was computed on
 * @param verdict - the engine's answer (see src/engine/verdict.ts)
 * @param options - collapse threshold for the surrounding architecture
 * @returns Mermaid flowchart source
 */
export function pathDiagram(index: ModelIndex, verdict: Verdict, options: PathDiagramOptions = {}): string {
  const builder = new DiagramBuilder(index);
  const hops = verdict.path;
  drawArchitecture(builder, {
    vpcIds: vpcsOnPath(index, verdict),
    collapseThreshold: options.collapseThreshold ?? DEFAULT_COLLAPSE_THRESHOLD,
    keep: idsOnPath(index, verdict),
    vpcLessNotebooks: false,
  });
  const notebook = index.model.notebooks.get(stripNotebook(verdict.source.id));
  if (notebook) drawStandaloneNotebook(builder, notebook);
  for (const edge of builder.edges) edge.style = "dim";

  const scope = scopeOf(index, verdict);
  const resolve = (component: string, type: ComponentType): string | undefined => elementOf(builder, scope, component, type);
  const source = resolve(verdict.source.id, verdict.source.type);
  const destination = destinationElement(builder, scope, verdict);

  const stops: { id: string; label: string | undefined }[] = source ? [{ id: source, label: undefined }] : [];
  let pending: Hop[] = [];
  for (const hop of hops) {
    const id = INVISIBLE.has(hop.type) ? undefined : resolve(hop.component, hop.type);
    if (!id || id === stops[stops.length - 1]?.id) {
      pending.push(hop);
      continue;
    }
    stops.push({ id, label: routeText([...pending, hop]) });
    pending = [];
  }

  const style: LinkStyleName = verdict.verdict === "unknown" ? "pathUnknown" : "pathOk";
  stops.forEach((stop, i) => {
    addClass(builder.item(stop.id), "onPath");
    const previous = stops[i - 1];
    if (previous) builder.edge({ from: previous.id, to: stop.id, label: `${i}${stop.label ? ` · ${stop.label}` : ""}`, line: "thick", style });
  });

  const last = stops[stops.length - 1]?.id;
  if (verdict.verdict !== "reachable") drawStop(builder, verdict, last, destination, resolve);
  drawSummary(builder, verdict);
  return sceneToMermaid(builder.scene("LR"), "vpcreach path diagram (generated)");
}

/** The text of the route that carried traffic between two drawn hops (the first route evidence). */
function routeText(hops: readonly Hop[]): string | undefined {
  for (const hop of hops) {
    const route = hop.evidence.find((evidence) => evidence.kind === "route");
    if (route && hop.type === "route-table") return `${hop.component}: ${route.text}`;
  }
  return undefined;
}

function addClass(item: SceneItem | undefined, cls: ClassName): void {
  if (item && !item.classes.includes(cls)) item.classes.push(cls);
}

/** The red (or amber) note for where the engine stopped, joined to the last hop and the destination. */
function drawStop(builder: DiagramBuilder, verdict: Verdict, last: string | undefined, destination: string | undefined, resolve: (c: string, t: ComponentType) => string | undefined): void {
  const blocked = verdict.blockedAt;
  const unknown = verdict.verdict === "unknown";
  const cls: ClassName = unknown ? "undetermined" : "blocked";
  const at = blocked && !INVISIBLE.has(blocked.type) ? resolve(blocked.component, blocked.type) : undefined;
  if (at) addClass(builder.item(at), cls);
  const anchor = at ?? last;
  const parent = anchor ? nearestGroup(builder, anchor) : undefined;
  const title = blocked ? `${unknown ? "? Undetermined" : "✖ Blocked"}: ${blocked.code}` : unknown ? "? Undetermined" : "✖ Not reachable";
  const lines = blocked
    ? [title, `at ${blocked.component} (${blocked.type}${blocked.direction === "return" ? ", return traffic" : ""})`, blocked.rule.ref !== blocked.component ? blocked.rule.ref : undefined, blocked.rule.text]
    : [title, verdict.explanation];
  const note = builder.node(parent, "stop:note", lines, "flag", [cls], "blocked-at");
  const linkStyle: LinkStyleName = unknown ? "pathUnknown" : "pathBlocked";
  if (at && last && at !== last) builder.edge({ from: last, to: at, label: blocked?.code, line: "thick", style: linkStyle });
  if (anchor) builder.edge({ from: anchor, to: note.id, line: "thick", style: linkStyle });
  if (destination && destination !== anchor) builder.edge({ from: note.id, to: destination, label: "not reached", line: "dotted", style: "notReached" });
}

/** The group to put a note in: the anchor itself when it is a group, else the anchor's parent. */
function nearestGroup(builder: DiagramBuilder, id: string): SceneGroup | undefined {
  const item = builder.item(id);
  return item?.kind === "group" ? item : builder.parent(id);
}

function drawSummary(builder: DiagramBuilder, verdict: Verdict): void {
  const headline = { reachable: "✔ REACHABLE", unreachable: "✖ NOT REACHABLE", unknown: "? UNDETERMINED" }[verdict.verdict];
  const cls: ClassName = { reachable: "verdictReachable", unreachable: "verdictUnreachable", unknown: "verdictUnknown" }[verdict.verdict] as ClassName;
  const port = verdict.port === null ? "" : `/${verdict.port}`;
  builder.node(
    undefined,
    "verdict:summary",
    [headline, `${verdict.source.name ?? verdict.source.id} → ${verdict.destination.spec} (${verdict.protocol}${port})`, verdict.explanation, verdict.fix ? `fix: ${verdict.fix}` : undefined],
    "box",
    [cls],
    "verdict_summary",
  );
}

function stripNotebook(id: string): string {
  return id.replace(/^notebook\//, "");
}

/**
 * The diagram element a hop stands on, drawing one when the architecture has none (an ENI of no
 * notebook or instance, an address, a peering connection in another Region).
 */
function elementOf(builder: DiagramBuilder, scope: Scope, component: string, type: ComponentType): string | undefined {
  switch (type) {
    case "notebook":
      return builder.element(`notebook:${stripNotebook(component)}`);
    case "internet":
      return builder.internet();
    case "aws-service":
      return builder.service(scope, serviceOfDestination(component));
    case "sagemaker-managed-network":
      return builder.managedNetwork(scope);
    case "address":
      return builder.element(`address:${component}`) ?? builder.node(undefined, `address:${component}`, ["Address", component], "box", ["external"], `address-${component}`).id;
    default:
      if (INVISIBLE.has(type)) return undefined;
      return builder.element(component) ?? drawOther(builder, scope, component, type);
  }
}

function drawOther(builder: DiagramBuilder, scope: Scope, component: string, type: ComponentType): string {
  const model = builder.index.model;
  const eni = type === "network-interface" ? model.networkInterfaces.get(component) : undefined;
  const inSubnet = eni ? builder.item(builder.element(eni.subnetId) ?? "") : undefined;
  const parent = inSubnet?.kind === "group" ? inSubnet : builder.region(scope);
  return builder.node(parent, component, [type.replace(/-/g, " "), component], "box", [eni ? "interface" : "external"]).id;
}

function destinationElement(builder: DiagramBuilder, scope: Scope, verdict: Verdict): string | undefined {
  const destination = verdict.destination;
  if (destination.type === "internet") return builder.internet();
  if (destination.type === "aws-service") return builder.service(scope, serviceOfDestination(destination.service ?? destination.spec));
  if (destination.type === "address") return elementOf(builder, scope, destination.spec, "address");
  return undefined;
}

/** The Region (scope) of the source, for the AWS service and managed-network nodes. */
function scopeOf(index: ModelIndex, verdict: Verdict): Scope {
  const model = index.model;
  const id = verdict.source.id;
  const found =
    model.notebooks.get(stripNotebook(id))?.scope ??
    model.instances.get(id)?.scope ??
    model.networkInterfaces.get(id)?.scope ??
    [...model.vpcs.values()].sort((a, b) => compareText(a.id, b.id))[0]?.scope;
  return found ?? { account: undefined, region: "unknown-region" };
}

/** The VPCs the source and the path touch, sorted. */
function vpcsOnPath(index: ModelIndex, verdict: Verdict): string[] {
  const model = index.model;
  const vpcs = new Set<string>();
  const add = (vpcId: string | undefined): void => {
    if (vpcId && model.vpcs.has(vpcId)) vpcs.add(vpcId);
  };
  const notebook = model.notebooks.get(stripNotebook(verdict.source.id));
  if (notebook?.subnetId) add(model.subnets.get(notebook.subnetId)?.vpcId);
  const hops = [...verdict.path, ...verdict.returnPath];
  const components = [verdict.source.id, ...hops.map((hop) => hop.component), ...(verdict.blockedAt ? [verdict.blockedAt.component] : [])];
  for (const id of components) {
    add(id);
    add(model.subnets.get(id)?.vpcId);
    add(model.instances.get(id)?.vpcId);
    add(model.networkInterfaces.get(id)?.vpcId);
    add(model.natGateways.get(id)?.vpcId);
    add(model.vpcEndpoints.get(id)?.vpcId);
    add(model.routeTables.get(id)?.vpcId);
    add(model.networkAcls.get(id)?.vpcId);
    for (const vpcId of model.internetGateways.get(id)?.attachedVpcIds ?? []) add(vpcId);
  }
  return [...vpcs].sort(compareText);
}

/** Subnets, instances and ENIs on the path: never collapsed away. */
function idsOnPath(index: ModelIndex, verdict: Verdict): Set<string> {
  const model = index.model;
  const keep = new Set<string>();
  const components = [verdict.source.id, ...verdict.path.map((hop) => hop.component), ...(verdict.blockedAt ? [verdict.blockedAt.component] : [])];
  for (const id of components) {
    keep.add(id);
    const instance = model.instances.get(id);
    if (instance?.subnetId) keep.add(instance.subnetId);
    const eni = model.networkInterfaces.get(id);
    // An ENI of nothing drawn gets its own node, so its subnet must be drawn as a box it can sit in.
    if (eni) keep.add(eni.subnetId).add(`group:${eni.subnetId}`);
    const notebook = model.notebooks.get(stripNotebook(id));
    if (notebook?.subnetId) keep.add(notebook.subnetId);
    for (const subnetId of model.vpcEndpoints.get(id)?.subnetIds ?? []) keep.add(subnetId);
  }
  return keep;
}
