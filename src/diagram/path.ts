/**
 * The path view: an engine verdict drawn on the architecture of the VPCs it crosses. Architecture
 * edges are dimmed; the hops the engine admitted are joined by thick numbered edges (green when the
 * destination is reachable, amber when undetermined), each labelled with the route that carried the
 * traffic; a block is a red note naming the component, the explanation code and the rule, placed in
 * the subnet whose NACL or route table blocks (or beside the blocking gateway or endpoint, drawn red),
 * with a dotted "not reached" edge to the destination. Resources on the path are never collapsed
 * away. A summary node states the verdict.
 */
import type { ModelIndex } from "../model/indexes.js";
import type { ComponentType, Hop, Verdict } from "../engine/verdict.js";
import { DEFAULT_COLLAPSE_THRESHOLD, drawArchitecture, drawStandaloneNotebook } from "./architecture.js";
import { DiagramBuilder } from "./builder.js";
import { wrapText } from "./escape.js";
import { compareText } from "./names.js";
import { destinationElement, elementOf, endpointNear, interfaceAt, INVISIBLE, scopeOf, sourceSubnet, stripNotebook } from "./path-elements.js";
import { sceneToMermaid, type Scene, type SceneGroup, type SceneItem } from "./scene.js";
import { SubnetContentIndex } from "./subnets.js";
import type { ClassName, LinkStyleName } from "./styles.js";

export interface PathDiagramOptions {
  /** The longest run of similar subnets drawn one by one (resources on the path always are). */
  collapseThreshold?: number | undefined;
  /**
   * Draw only what the path crosses: its components, the subnets, AZs, VPCs and Region that hold them,
   * the block and the destination (no summary box: the report prints the verdict beside the diagram).
   */
  focus?: boolean | undefined;
  /**
   * Architecture drawings to reuse between focused path diagrams of one model (see
   * `PathArchitectures`); without it each diagram draws its VPCs anew.
   */
  architectures?: PathArchitectures | undefined;
}

/**
 * The VPC drawings focused path diagrams start from, kept for the next diagram of the same VPCs: a
 * report draws thousands of paths across the same few VPCs, and drawing them whole was most of a
 * diagram's cost. The drawing depends only on the VPCs and on what the path keeps visible that would
 * otherwise be folded away (`foldedKeep`), so paths that agree on both share one; each path draws on
 * a fork of it (`DiagramBuilder.fork`). The most recently used `capacity` drawings are kept.
 */
export class PathArchitectures {
  private readonly drawn = new Map<string, DiagramBuilder>();

  /** @param capacity - how many drawings to keep */
  constructor(private readonly capacity = 256) {}

  /**
   * The drawing for `key`, drawn by `draw` on first use (and again after it was dropped).
   *
   * @param key - what the drawing depends on
   * @param draw - draws it
   */
  get(key: string, draw: () => DiagramBuilder): DiagramBuilder {
    let builder = this.drawn.get(key);
    if (builder) this.drawn.delete(key);
    else {
      builder = draw();
      if (this.drawn.size >= this.capacity) this.drawn.delete(this.drawn.keys().next().value as string);
    }
    this.drawn.set(key, builder);
    return builder;
  }
}

/**
 * Draws a verdict on the architecture of the VPCs its path crosses.
 *
 * @param index - lookups over the model the verdict was computed on
 * @param verdict - the engine's answer (see src/engine/verdict.ts)
 * @param options - collapse threshold for the surrounding architecture
 * @returns Mermaid flowchart source
 */
export function pathDiagram(index: ModelIndex, verdict: Verdict, options: PathDiagramOptions = {}): string {
  const builder = pathArchitecture(index, verdict, options);
  const hops = verdict.path;
  const notebook = index.model.notebooks.get(stripNotebook(verdict.source.id));
  if (notebook) drawStandaloneNotebook(builder, notebook);
  for (const edge of builder.edges) edge.style = "dim";

  const scope = scopeOf(index, verdict);
  const near = sourceSubnet(index, verdict);
  const resolve = (component: string, type: ComponentType): string | undefined =>
    type === "interface-endpoint" ? endpointNear(builder, component, near) : elementOf(builder, scope, component, type);
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
  const stopIds = verdict.verdict !== "reachable" ? drawStop(builder, verdict, last, destination, resolve) : [];
  if (options.focus) {
    const shown = new Set([...stops.map((stop) => stop.id), ...stopIds, ...(destination ? [destination] : [])]);
    return sceneToMermaid(focusedScene(builder, shown), "vpcreach path diagram (generated)");
  }
  drawSummary(builder, verdict);
  return sceneToMermaid(builder.scene("LR"), "vpcreach path diagram (generated)");
}

/**
 * The architecture of the VPCs a path crosses, with everything on the path kept visible: drawn anew,
 * or (focused, with `architectures`) a fork of a shared drawing whose edges are already dimmed.
 *
 * @param index - model lookups
 * @param verdict - the path
 * @param options - the diagram's options
 */
function pathArchitecture(index: ModelIndex, verdict: Verdict, options: PathDiagramOptions): DiagramBuilder {
  const vpcIds = vpcsOnPath(index, verdict);
  const collapseThreshold = options.collapseThreshold ?? DEFAULT_COLLAPSE_THRESHOLD;
  const draw = (keep: ReadonlySet<string>): DiagramBuilder => {
    const builder = new DiagramBuilder(index);
    drawArchitecture(builder, { vpcIds, collapseThreshold, keep, vpcLessNotebooks: false });
    return builder;
  };
  const keep = idsOnPath(index, verdict);
  if (!options.focus || !options.architectures) return draw(keep);
  const folded = foldedKeep(index, keep, collapseThreshold);
  const key = [collapseThreshold, vpcIds.join(" "), [...folded].sort().join(" ")].join("\u0000");
  const shared = options.architectures.get(key, () => {
    const builder = draw(folded);
    for (const edge of builder.edges) edge.style = "dim";
    return builder;
  });
  return shared.fork();
}

/**
 * The ids of `keep` that change the architecture drawing: a subnet drawn as its own box anyway (it
 * holds a NAT gateway, an endpoint or a notebook) is drawn the same whether kept or not, its
 * `group:` key matters only when it holds nothing at all, and an instance only in such a subnet or
 * among more instances than are drawn one by one (see `subnetUnits` and `drawUnit`). Paths that
 * differ only in the other ids draw the same architecture.
 *
 * @param index - model lookups
 * @param keep - what the path keeps visible (`idsOnPath`)
 * @param collapseThreshold - the longest run drawn one by one
 */
function foldedKeep(index: ModelIndex, keep: ReadonlySet<string>, collapseThreshold: number): Set<string> {
  const model = index.model;
  const contents = SubnetContentIndex.of(index);
  const plain = (subnetId: string): boolean => {
    const inside = contents.of(subnetId);
    return inside.natGateways.length + inside.endpoints.length + inside.notebooks.length === 0;
  };
  const folded = new Set<string>();
  for (const id of keep) {
    const subnetOfInstance = model.instances.get(id)?.subnetId;
    const matters = model.subnets.has(id)
      ? plain(id)
      : id.startsWith("group:")
        ? plain(id.slice("group:".length)) && contents.of(id.slice("group:".length)).instances.length === 0
        : subnetOfInstance !== undefined && (plain(subnetOfInstance) || contents.of(subnetOfInstance).instances.length > collapseThreshold);
    if (matters) folded.add(id);
  }
  return folded;
}

/**
 * The scene cut down to the given elements and the groups that hold them; only the path's own edges
 * (the architecture's dimmed ones go) between elements that remain. Reads only the kept groups, not
 * the whole drawing.
 *
 * @param builder - the path diagram as drawn
 * @param shown - the ids of the elements to keep
 */
function focusedScene(builder: DiagramBuilder, shown: ReadonlySet<string>): Scene {
  const kept = new Set<string>();
  for (const id of shown) {
    if (!builder.find(id)) continue;
    for (let at: string | undefined = id; at !== undefined && !kept.has(at); at = builder.parentId(at)) kept.add(at);
  }
  const prune = (items: readonly SceneItem[]): SceneItem[] =>
    items.flatMap((listed): SceneItem[] => {
      if (!kept.has(listed.id)) return [];
      const item = builder.find(listed.id) ?? listed;
      return item.kind === "node" ? [item] : [{ ...item, children: prune(item.children) }];
    });
  const edges = builder.allEdges().filter((edge) => edge.style !== "dim" && kept.has(edge.from) && kept.has(edge.to));
  return { direction: "LR", items: prune(builder.items), edges };
}

/** The text of the route that carried traffic between two drawn hops (the first route evidence). */
function routeText(hops: readonly Hop[]): string | undefined {
  for (const hop of hops) {
    const route = hop.evidence.find((evidence) => evidence.kind === "route");
    // The engine writes `0.0.0.0/0 → nat-0abc (active), rtb-0abc (explicit association)`: keep the route.
    if (route && hop.type === "route-table") return `${route.text.split(" (")[0]?.split(" → ")[0]} via ${hop.component}`;
  }
  return undefined;
}

function addClass(item: SceneItem | undefined, cls: ClassName): void {
  if (item && !item.classes.includes(cls)) item.classes.push(cls);
}

/**
 * The red (or amber) note for where the engine stopped, joined to the last hop and the destination.
 * Returns the ids of the elements it drew or marked.
 */
function drawStop(builder: DiagramBuilder, verdict: Verdict, last: string | undefined, destination: string | undefined, resolve: (c: string, t: ComponentType) => string | undefined): string[] {
  const blocked = verdict.blockedAt;
  const unknown = verdict.verdict === "unknown";
  const cls: ClassName = unknown ? "undetermined" : "blocked";
  const at = blocked && !INVISIBLE.has(blocked.type) ? resolve(blocked.component, blocked.type) : blocked?.type === "security-group" ? groupHolder(builder, verdict) : undefined;
  if (at) addClass(builder.item(at), cls);
  const home = at ?? (blocked ? subnetOfBlock(builder, verdict) : undefined) ?? last;
  const parent = home ? nearestGroup(builder, home) : undefined;
  const reply = blocked?.direction === "return";
  const title = blocked ? `${unknown ? "? Undetermined" : "✖ Blocked"}${reply ? " (replies)" : ""}: ${blocked.code}` : unknown ? "? Undetermined" : "✖ Not reachable";
  const lines = blocked
    ? [title, `at ${blocked.component} (${blocked.type}${reply ? ", return traffic" : ""})`, blocked.rule.ref !== blocked.component ? blocked.rule.ref : undefined, ...wrapText(blocked.rule.text)]
    : [title, ...wrapText(verdict.explanation)];
  const note = builder.node(parent, "stop:note", lines, "flag", [cls], "blocked-at");
  const linkStyle: LinkStyleName = unknown ? "pathUnknown" : "pathBlocked";
  if (at && last && at !== last) builder.edge({ from: last, to: at, label: blocked?.code, line: "thick", style: linkStyle });
  const from = at ?? last;
  if (from) builder.edge({ from, to: note.id, label: reply ? "replies dropped" : undefined, line: "thick", style: linkStyle });
  if (!reply && destination && destination !== from) builder.edge({ from: note.id, to: destination, label: "not reached", line: "dotted", style: "notReached" });
  return [note.id, ...(at ? [at] : []), ...(parent ? [parent.id] : [])];
}

/**
 * The drawn element whose security group blocks: the destination's instance or ENI when the group is
 * one of its groups (inbound rules), else the source's (outbound rules).
 */
function groupHolder(builder: DiagramBuilder, verdict: Verdict): string | undefined {
  const groupId = verdict.blockedAt?.component ?? "";
  const model = builder.index.model;
  const target = verdict.destination.type === "address" ? interfaceAt(builder.index, verdict.destination.spec) : undefined;
  if (target?.securityGroupIds.includes(groupId)) return builder.element(target.id);
  const notebook = model.notebooks.get(stripNotebook(verdict.source.id));
  if (notebook?.securityGroupIds.includes(groupId)) return builder.element(`notebook:${notebook.id}`);
  return builder.element(verdict.source.id);
}

/** The interface (and its instance) holding the destination address, when it is one in the snapshot. */
function addressHolder(index: ModelIndex, verdict: Verdict): string[] {
  const eni = verdict.destination.type === "address" ? interfaceAt(index, verdict.destination.spec) : undefined;
  return eni ? [eni.id, ...(eni.attachedInstanceId ? [eni.attachedInstanceId] : [])] : [];
}

/**
 * The drawn subnet a NACL, route table or subnet block belongs to: the subnet hop on the path that
 * uses the blocking NACL or route table (the last one for a forward block, the first for a reply).
 */
function subnetOfBlock(builder: DiagramBuilder, verdict: Verdict): string | undefined {
  const blocked = verdict.blockedAt;
  if (!blocked) return undefined;
  if (blocked.type === "subnet") return builder.element(blocked.component);
  const index = builder.index;
  const subnets = verdict.path.filter((hop) => hop.type === "subnet").map((hop) => hop.component);
  const matches = subnets.filter((subnetId) =>
    blocked.type === "network-acl"
      ? index.networkAclOfSubnet(subnetId)?.value.id === blocked.component
      : blocked.type === "route-table"
        ? index.routeTableOfSubnet(subnetId)?.value.id === blocked.component
        : false,
  );
  const subnetId = blocked.direction === "return" ? matches[0] : matches[matches.length - 1];
  return subnetId ? builder.element(subnetId) : undefined;
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
    [
      headline,
      `${verdict.source.name ?? verdict.source.id} → ${verdict.destination.spec} (${verdict.protocol}${port})`,
      ...wrapText(verdict.explanation),
      ...(verdict.fix ? wrapText(`fix: ${verdict.fix}`) : []),
      ...(verdict.requiresEndpointUrl ? wrapText(`only with --endpoint-url ${verdict.requiresEndpointUrl}`, undefined, 2) : []),
    ],
    "box",
    [cls],
    "verdict_summary",
  );
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
  const contents = SubnetContentIndex.of(index);
  const addOf = (id: string): void => {
    for (const vpcId of contents.vpcsOf(id)) vpcs.add(vpcId);
  };
  addOf(verdict.source.id);
  for (const hop of verdict.path) addOf(hop.component);
  for (const hop of verdict.returnPath) addOf(hop.component);
  if (verdict.blockedAt) addOf(verdict.blockedAt.component);
  for (const id of addressHolder(index, verdict)) addOf(id);
  return [...vpcs].sort(compareText);
}

/** Subnets, instances and ENIs on the path: never collapsed away. */
function idsOnPath(index: ModelIndex, verdict: Verdict): Set<string> {
  const model = index.model;
  const keep = new Set<string>();
  const components = [verdict.source.id, ...verdict.path.map((hop) => hop.component), ...(verdict.blockedAt ? [verdict.blockedAt.component] : []), ...addressHolder(index, verdict)];
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
