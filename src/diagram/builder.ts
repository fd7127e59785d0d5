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

/** The bookkeeping described in the module header, for one diagram. */
export class DiagramBuilder {
  readonly items: SceneItem[] = [];
  readonly edges: SceneEdge[] = [];
  private readonly ids = new IdAllocator();
  private readonly elementByKey = new Map<string, string>();
  private readonly itemById = new Map<string, SceneItem>();
  private readonly parentById = new Map<string, SceneGroup | undefined>();
  private readonly edgeKeys = new Set<string>();

  /** @param index - lookups over the model being drawn */
  constructor(readonly index: ModelIndex) {}

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
    if (!this.elementByKey.has(key)) this.elementByKey.set(key, item.id);
  }

  /** Makes `key` (e.g. an ENI id) resolve to an existing element, unless it already has one. */
  alias(key: string, elementId: string): void {
    if (!this.elementByKey.has(key)) this.elementByKey.set(key, elementId);
  }

  /** The element id drawn for a resource key, if any. */
  element(key: string): string | undefined {
    return this.elementByKey.get(key);
  }

  /** The item with a Mermaid id. */
  item(id: string): SceneItem | undefined {
    return this.itemById.get(id);
  }

  /** The group enclosing an element (undefined at top level or when unknown). */
  parent(id: string): SceneGroup | undefined {
    return this.parentById.get(id);
  }

  /**
   * Adds an edge once (the same endpoints and label are drawn once).
   *
   * @param edge - the edge; its label is raw text, escaped here
   */
  edge(edge: Omit<SceneEdge, "label"> & { label?: string | undefined }): void {
    const key = `${edge.from}|${edge.to}|${edge.label ?? ""}|${edge.line}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges.push({ ...edge, label: edge.label ? label([edge.label], 64) : undefined });
  }

  /** The Region group of a scope, created at top level on first use. */
  region(scope: Scope): SceneGroup {
    const key = `region:${scopeKey(scope)}`;
    const known = this.elementByKey.get(key);
    if (known) return this.itemById.get(known) as SceneGroup;
    const account = scope.account ? `account ${scope.account}` : undefined;
    return this.group(undefined, key, [[`Region ${scope.region}`, account].filter(Boolean).join(" · ")], ["region"], `region-${scope.account ?? ""}-${scope.region}`);
  }

  /** The node of an AWS service in a scope's Region (inside an "AWS services" group), created on first use. */
  service(scope: Scope, short: string): string {
    const key = `service:${scopeKey(scope)}:${short}`;
    const known = this.elementByKey.get(key);
    if (known) return known;
    const groupKey = `services:${scopeKey(scope)}`;
    const groupId = this.elementByKey.get(groupKey);
    const group = groupId
      ? (this.itemById.get(groupId) as SceneGroup)
      : this.group(this.region(scope), groupKey, [`AWS services · ${scope.region}`], ["awsServices"], `services-${scope.account ?? ""}-${scope.region}`);
    const node = this.node(group, key, [serviceDisplayName(short)], "stadium", [serviceClass(short)], `svc-${scope.region}-${short}`);
    return node.id;
  }

  /** The single "Internet" node, created at top level on first use. */
  internet(): string {
    return this.elementByKey.get("internet") ?? this.node(undefined, "internet", ["Internet"], "circle", ["internet"], "internet_0").id;
  }

  /** The node for SageMaker's service-managed network (direct internet access) in a Region. */
  managedNetwork(scope: Scope): string {
    const key = `managed:${scopeKey(scope)}`;
    const known = this.elementByKey.get(key);
    if (known) return known;
    const node = this.node(this.region(scope), key, ["SageMaker-managed network", "direct internet access"], "round", ["managed"], `sagemaker-managed-${scope.region}`);
    this.edge({ from: node.id, to: this.internet(), line: "dotted", style: "direct" });
    return node.id;
  }

  /** The finished scene. */
  scene(direction: Scene["direction"]): Scene {
    return { direction, items: this.items, edges: this.edges };
  }
}
