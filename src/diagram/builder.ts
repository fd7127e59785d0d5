/**
 * Bookkeeping shared by the architecture and path views while they build a `Scene`: stable ids for
 * resource keys, which diagram element stands for which resource (an ENI is drawn as its notebook,
 * instance, endpoint or NAT gateway), each element's parent group, de-duplicated edges, and the shared
 * nodes outside any VPC (Internet, the Region's AWS services, SageMaker's managed network).
 */
import type { ModelIndex } from "../model/indexes.js";
import { scopeKey, type Scope } from "../model/types.js";
import { IdAllocator, label } from "./escape.js";
import { serviceClass, serviceDisplayName } from "./names.js";
import type { NodeShape, Scene, SceneEdge, SceneGroup, SceneItem, SceneNode } from "./scene.js";
import type { ClassName } from "./styles.js";

/**
 * The bookkeeping described in the module header, for one diagram.
 *
 * A builder can be forked (`fork`): the fork starts from everything drawn so far and draws on without
 * changing the original, which many forks can then share (the report draws the same VPCs under
 * thousands of paths). A fork copies an inherited item only when it hands it out (`item`, `parent`,
 * `region`, `service`), since callers add classes and children to what they get.
 */
export class DiagramBuilder {
  /** The top-level items; in a fork, inherited ones may stand for the fork's copies (see `find`). */
  readonly items: SceneItem[];
  /** The edges drawn by this builder (a fork's own; its base's are in `allEdges`). */
  readonly edges: SceneEdge[] = [];
  private readonly ids: IdAllocator;
  private readonly elementByKey = new Map<string, string>();
  private readonly itemById = new Map<string, SceneItem>();
  private readonly parentById = new Map<string, SceneGroup | undefined>();
  private readonly edgeKeys = new Set<string>();

  /**
   * @param index - lookups over the model being drawn
   * @param base - the builder this one forks (see `fork`)
   */
  constructor(
    readonly index: ModelIndex,
    private readonly base?: DiagramBuilder,
  ) {
    this.ids = new IdAllocator(base?.ids);
    this.items = base ? [...base.items] : [];
  }

  /**
   * A builder that continues this one's diagram. This builder must not draw any more: the fork reads
   * through to it.
   */
  fork(): DiagramBuilder {
    return new DiagramBuilder(this.index, this);
  }

  /**
   * Adds a group (a Mermaid subgraph) for `key` under `parent` (top level when undefined).
   *
   * @param parent - the enclosing group
   * @param key - the resource key, e.g. `vpc-0abc`
   * @param text - raw label lines (escaped here)
   * @param classes - style classes
   * @param hint - text to derive the Mermaid id from, when not the key
   */
  group(parent: SceneGroup | undefined, key: string, text: (string | undefined)[], classes: ClassName[], hint?: string): SceneGroup {
    // Group titles are single long lines (VPC name · id · CIDRs): allow more than a node line.
    const group: SceneGroup = { kind: "group", id: this.ids.idFor(key, hint), label: label(text, 96), classes, children: [] };
    this.place(parent, key, group);
    return group;
  }

  /**
   * Adds a node for `key` under `parent` (top level when undefined).
   *
   * @param parent - the enclosing group
   * @param key - the resource key
   * @param text - raw label lines (escaped here)
   * @param shape - the node outline
   * @param classes - style classes
   * @param hint - text to derive the Mermaid id from, when not the key
   */
  node(parent: SceneGroup | undefined, key: string, text: (string | undefined)[], shape: NodeShape, classes: ClassName[], hint?: string): SceneNode {
    const node: SceneNode = { kind: "node", id: this.ids.idFor(key, hint), label: label(text), shape, classes };
    this.place(parent, key, node);
    return node;
  }

  private place(parent: SceneGroup | undefined, key: string, item: SceneItem): void {
    (parent ? parent.children : this.items).push(item);
    this.itemById.set(item.id, item);
    this.parentById.set(item.id, parent);
    if (this.element(key) === undefined) this.elementByKey.set(key, item.id);
  }

  /** Makes `key` (e.g. an ENI id) resolve to an existing element, unless it already has one. */
  alias(key: string, elementId: string): void {
    if (this.element(key) === undefined) this.elementByKey.set(key, elementId);
  }

  /** The element id drawn for a resource key, if any. */
  element(key: string): string | undefined {
    return this.elementByKey.get(key) ?? this.base?.element(key);
  }

  /** The item with a Mermaid id, to draw on (a fork's own copy of an inherited one). */
  item(id: string): SceneItem | undefined {
    const own = this.itemById.get(id);
    if (own) return own;
    const inherited = this.base?.find(id);
    if (!inherited) return undefined;
    const copy: SceneItem =
      inherited.kind === "group" ? { ...inherited, classes: [...inherited.classes], children: [...inherited.children] } : { ...inherited, classes: [...inherited.classes] };
    this.itemById.set(id, copy);
    return copy;
  }

  /** The item with a Mermaid id as drawn so far, to read only (an inherited one is not copied). */
  find(id: string): SceneItem | undefined {
    return this.itemById.get(id) ?? this.base?.find(id);
  }

  /** The group enclosing an element (undefined at top level or when unknown), to draw in. */
  parent(id: string): SceneGroup | undefined {
    const parentId = this.parentId(id);
    return parentId === undefined ? undefined : (this.item(parentId) as SceneGroup);
  }

  /** The id of the group enclosing an element (undefined at top level or when unknown). */
  parentId(id: string): string | undefined {
    return this.parentById.has(id) ? this.parentById.get(id)?.id : this.base?.parentId(id);
  }

  /** Every edge of the diagram: the base's (when forked), then this builder's own. */
  allEdges(): SceneEdge[] {
    return this.base ? [...this.base.allEdges(), ...this.edges] : this.edges;
  }

  /**
   * Adds an edge once (the same endpoints and label are drawn once).
   *
   * @param edge - the edge; its label is raw text, escaped here
   */
  edge(edge: Omit<SceneEdge, "label"> & { label?: string | undefined }): void {
    const key = `${edge.from}|${edge.to}|${edge.label ?? ""}|${edge.line}`;
    if (this.hasEdge(key)) return;
    this.edgeKeys.add(key);
    this.edges.push({ ...edge, label: edge.label ? label([edge.label], 64) : undefined });
  }

  private hasEdge(key: string): boolean {
    return this.edgeKeys.has(key) || (this.base?.hasEdge(key) ?? false);
  }

  /** The Region group of a scope, created at top level on first use. */
  region(scope: Scope): SceneGroup {
    const key = `region:${scopeKey(scope)}`;
    const known = this.element(key);
    if (known) return this.item(known) as SceneGroup;
    const account = scope.account ? `account ${scope.account}` : undefined;
    return this.group(undefined, key, [[`Region ${scope.region}`, account].filter(Boolean).join(" · ")], ["region"], `region-${scope.account ?? ""}-${scope.region}`);
  }

  /** The node of an AWS service in a scope's Region (inside an "AWS services" group), created on first use. */
  service(scope: Scope, short: string): string {
    const key = `service:${scopeKey(scope)}:${short}`;
    const known = this.element(key);
    if (known) return known;
    const groupKey = `services:${scopeKey(scope)}`;
    const groupId = this.element(groupKey);
    const group = groupId
      ? (this.item(groupId) as SceneGroup)
      : this.group(this.region(scope), groupKey, [`AWS services · ${scope.region}`], ["awsServices"], `services-${scope.account ?? ""}-${scope.region}`);
    const node = this.node(group, key, [serviceDisplayName(short)], "stadium", [serviceClass(short)], `svc-${scope.region}-${short}`);
    return node.id;
  }

  /** The single "Internet" node, created at top level on first use. */
  internet(): string {
    return this.element("internet") ?? this.node(undefined, "internet", ["Internet"], "circle", ["internet"], "internet_0").id;
  }

  /** The node for SageMaker's service-managed network (direct internet access) in a Region. */
  managedNetwork(scope: Scope): string {
    const key = `managed:${scopeKey(scope)}`;
    const known = this.element(key);
    if (known) return known;
    const node = this.node(this.region(scope), key, ["SageMaker-managed network", "direct internet access"], "round", ["managed"], `sagemaker-managed-${scope.region}`);
    this.edge({ from: node.id, to: this.internet(), line: "dotted", style: "direct" });
    return node.id;
  }

  /** The finished scene. */
  scene(direction: Scene["direction"]): Scene {
    if (!this.base) return { direction, items: this.items, edges: this.edges };
    const drawn = (item: SceneItem): SceneItem => {
      const found = this.find(item.id) ?? item;
      return found.kind === "group" ? { ...found, children: found.children.map(drawn) } : found;
    };
    return { direction, items: this.items.map(drawn), edges: this.allEdges() };
  }
}
