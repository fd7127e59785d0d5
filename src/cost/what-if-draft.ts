/**
 * A mutable copy of a `Model` for the what-if transforms: every record map is copied (records are
 * shared until one is changed, then replaced by a changed copy), so the snapshot's model is never
 * touched. A chain of transforms copies once: a transform given an earlier transform's result
 * continues that result's draft (the result is consumed, see `start`) instead of copying the model
 * again, which made designs over hundreds of VPCs quadratic. Also what every transform shares: starting and finishing a transform (`start`, `finish`),
 * the route table a subnet uses in a draft, the address helpers (a free IP in a subnet, a free /28
 * block in a VPC), and the synthetic ids (`nat-whatif-…`) that mark what a transform added. The parts
 * of a model the transforms start from are built in model-parts.ts.
 */
import type { DataKind, ElasticIp, Model, NatGateway, NetworkInterface, RouteTable, Scope, SecurityGroup, Subnet, VpcEndpoint } from "../model/types.js";
import { formatCidr, formatIpv4, parseCidr, parseIpv4 } from "../net/index.js";
import { keyedLists, OverlayMap, type KeyedLists } from "../model/overlay.js";
import { inheritOutside, natAddressesOf, outsideOfModel, type Outside } from "./model-parts.js";

type Mutable<M> = { -readonly [K in keyof M]: M[K] extends ReadonlyMap<infer K2, infer V> ? Map<K2, V> : M[K] };

/**
 * A draft's records of one kind, grouped by the subnet or VPC each belongs to: an overlay on the model's
 * map (see `OverlayMap`) that also lists one group's records without scanning the estate's. Transforms
 * look up a VPC's tables, gateways and endpoints, and a subnet's ENIs when they pick an address;
 * scanning the whole map for each made the designs shared by a Region's VPCs grow with the square of
 * the VPCs. A group's records come in the whole map's order: the base map's groups (built once per base
 * map, shared by every draft of it) patched by the records the draft set or deleted.
 */
export class GroupedMap<V> extends OverlayMap<V> {
  readonly #groups: KeyedLists<V>;

  /**
   * @param base - the records the draft starts from (not changed)
   * @param name - names the grouping (one name per `groupOf`)
   * @param groupOf - the subnet or VPC id a record belongs to
   */
  constructor(base: ReadonlyMap<string, V>, name: string, groupOf: (record: V) => string) {
    super(base);
    this.#groups = keyedLists(this, name, (record) => [groupOf(record)]);
  }

  /** The records of a group (a subnet or VPC id), in the map's order. */
  inGroup(groupId: string): Iterable<V> {
    return this.#groups.get(groupId);
  }
}

const byVpc = (record: { vpcId: string }): string => record.vpcId;

/** A model whose maps can be changed, plus the human-readable list of changes made. */
export interface Draft {
  /** Security groups are shared with the model drafted until a transform adds one (`writableSecurityGroups`). */
  model: Omit<Mutable<Model>, "securityGroups" | "subnets" | "routeTables" | "natGateways" | "vpcEndpoints"> & {
    /** Shared with the model drafted until a transform changes them (`writableElasticIps`). */
    elasticIps: readonly ElasticIp[];
    /** Grouped by subnet. */
    networkInterfaces: GroupedMap<NetworkInterface>;
    securityGroups: ReadonlyMap<string, SecurityGroup>;
    /** These four grouped by VPC. */
    subnets: GroupedMap<Subnet>;
    routeTables: GroupedMap<RouteTable>;
    natGateways: GroupedMap<NatGateway>;
    vpcEndpoints: GroupedMap<VpcEndpoint>;
  };
  changes: string[];
  warnings: string[];
}

/** The origin given to records a transform creates. */
export const WHAT_IF_ORIGIN = { file: "(what-if)", jsonPath: "$" } as const;

/** The maps `draftOf` lays grouped overlays on, or shares until changed (security groups), or copies apart (`dataPresent`). */
const COPIED_APART = new Set(["networkInterfaces", "subnets", "routeTables", "natGateways", "vpcEndpoints", "securityGroups", "dataPresent"]);

/**
 * Starts a draft of a model: each of its maps becomes an overlay on the model's (a copy only in what
 * the transforms set or delete), so the engine's index of the draft patches the model's instead of
 * passing over every record (see `indexModel`).
 *
 * @param model - the model to start from (not modified)
 */
export function draftOf(model: Model): Draft {
  const copy = { ...model } as Record<string, unknown>;
  for (const [key, value] of Object.entries(model)) {
    if (value instanceof Map && !COPIED_APART.has(key)) copy[key] = new OverlayMap(value);
  }
  copy.networkInterfaces = new GroupedMap(model.networkInterfaces, "bySubnet", (eni) => eni.subnetId);
  copy.subnets = new GroupedMap(model.subnets, "byVpc", byVpc);
  copy.routeTables = new GroupedMap(model.routeTables, "byVpc", byVpc);
  copy.natGateways = new GroupedMap(model.natGateways, "byVpc", byVpc);
  copy.vpcEndpoints = new GroupedMap(model.vpcEndpoints, "byVpc", byVpc);
  copy.securityGroups = model.securityGroups;
  // The kinds' sets are shared with the model: `markPresent` replaces a scope's set, never adds to it
  // (copying every scope's set per draft was ~2 % of the large estimate's CPU, for the few a draft marks).
  copy.dataPresent = new Map(model.dataPresent);
  inheritOutside(model, copy);
  return { model: copy as Draft["model"], changes: [], warnings: [] };
}

/** The drafts (shared along a chain of transforms) that copied their security groups already. */
const ownGroups = new WeakSet<Draft["model"]>();

/**
 * The draft's security groups, copied on the first change: the whole estate's groups are kept in
 * every VPC's part, and copying them for each design of each VPC cost more than the designs.
 *
 * @param draft - the draft
 */
export function writableSecurityGroups(draft: Draft): Map<string, SecurityGroup> {
  if (!ownGroups.has(draft.model)) {
    draft.model.securityGroups = new OverlayMap(draft.model.securityGroups);
    ownGroups.add(draft.model);
  }
  return draft.model.securityGroups as Map<string, SecurityGroup>;
}

/** The drafts (shared along a chain of transforms) that copied their Elastic IPs already. */
const ownElasticIps = new WeakSet<Draft["model"]>();

/**
 * The draft's Elastic IPs, copied on the first change: a part keeps every Elastic IP of the estate,
 * and most designs add or remove none. Callers only append to the list returned (`elasticIpsCopiedFrom`
 * relies on it); `dropElasticIps` takes records out.
 *
 * @param draft - the draft
 */
export function writableElasticIps(draft: Draft): ElasticIp[] {
  if (!ownElasticIps.has(draft.model)) {
    const original = draft.model.elasticIps;
    draft.model.elasticIps = [...original];
    copies.set(draft.model.elasticIps, { original, length: original.length, dropped: undefined, start: original.length });
    ownElasticIps.add(draft.model);
  }
  return draft.model.elasticIps as ElasticIp[];
}

/**
 * Takes Elastic IPs out of the draft's list, in a copy (the list may be the model's), and records what
 * the copy is (`elasticIpsCopiedFrom`). The list is kept as it is when none is taken out.
 *
 * @param draft - the draft
 * @param drop - the Elastic IPs to take out
 */
export function dropElasticIps(draft: Draft, drop: (eip: ElasticIp) => boolean): void {
  const original = draft.model.elasticIps;
  const dropped = new Set(original.filter(drop));
  if (dropped.size === 0) return;
  const kept = original.filter((eip) => !dropped.has(eip));
  copies.set(kept, { original, length: original.length, dropped, start: kept.length });
  // A draft that owned its list owns this one (what it appends comes after `start`).
  draft.model.elasticIps = kept;
}

/**
 * What a list derived by a transform is: the list it came from and that list's length then, the records
 * it dropped (its other records are the original's, in order), and from which position on it holds
 * records appended since (a copy by `writableElasticIps` appends to the original's records).
 */
export interface DerivedElasticIps {
  original: readonly ElasticIp[];
  length: number;
  dropped: ReadonlySet<ElasticIp> | undefined;
  start: number;
}

/** Each list `writableElasticIps` or `dropElasticIps` made, and what it is. */
const copies = new WeakMap<readonly ElasticIp[], DerivedElasticIps>();

/**
 * What a transform derived an Elastic IP list from (see `DerivedElasticIps`), when it did.
 *
 * @param list - a model's Elastic IPs
 */
export function elasticIpsCopiedFrom(list: readonly ElasticIp[]): DerivedElasticIps | undefined {
  return copies.get(list);
}

/**
 * Records that a scope now holds data of some kinds (so the engine does not answer "not collected").
 *
 * @param draft - the draft
 * @param scope - the scope of the added records
 * @param kinds - the kinds added
 */
export function markPresent(draft: Draft, scope: Scope, kinds: DataKind[]): void {
  const key = `${scope.account ?? "-"}/${scope.region}`;
  const current = draft.model.dataPresent.get(key);
  // Most transforms add kinds the scope holds already: then its set (maybe the model's, shared) stays as it is.
  if (current && kinds.every((kind) => current.has(kind))) return;
  const present = new Set(current ?? []);
  for (const kind of kinds) present.add(kind);
  (draft.model.dataPresent as Map<string, ReadonlySet<DataKind>>).set(key, present);
}

/** A readable, unique synthetic id: `nat-whatif-us-east-1a`, `vpce-whatif-sagemaker-api`, … */
export function whatIfId(prefix: string, ...parts: string[]): string {
  return `${prefix}-whatif-${parts.join("-").replace(/[^a-zA-Z0-9-]+/g, "-")}`;
}

/**
 * A synthetic id that no record of `existing` has: `id` itself, else `id-VPCID` (designs over several
 * VPCs create the same kind of record, e.g. a NAT gateway per AZ, in each of them).
 *
 * @param existing - the records the id must not collide with
 * @param id - the readable id (`whatIfId`)
 * @param vpcId - the VPC the new record belongs to
 */
export function uniqueWhatIfId(existing: ReadonlyMap<string, unknown>, id: string, vpcId: string): string {
  return existing.has(id) ? `${id}-${vpcId.replace(/^vpc-/, "")}` : id;
}

/**
 * A private IP in a subnet that no ENI or NAT gateway of the draft uses, skipping the five addresses
 * AWS reserves (the first four and the last).
 *
 * @param draft - the draft
 * @param subnetId - the subnet
 * @returns the address, or undefined when the subnet is full or its CIDR is malformed
 */
export function freeIpInSubnet(draft: Draft, subnetId: string): string | undefined {
  const subnet = draft.model.subnets.get(subnetId);
  const cidr = subnet ? parseCidr(subnet.cidr) : undefined;
  if (!cidr) return undefined;
  const used = new Set<number>();
  for (const eni of draft.model.networkInterfaces.inGroup(subnetId)) {
    for (const ip of eni.privateIps) {
      const value = parseIpv4(ip.privateIp);
      if (value !== undefined) used.add(value);
    }
  }
  // Every NAT gateway's, not only the subnet's (also outside a part): an overlapping CIDR elsewhere is avoided too.
  // Only those in the subnet's CIDR can be the address chosen (a Region's design holds hundreds of NAT gateways).
  for (const nat of draft.model.natGateways.values()) {
    for (const value of natAddressesOf(nat)) if (value >= cidr.first && value <= cidr.last) used.add(value);
  }
  const outside = outsideOf(draft).natAddresses;
  for (let address = cidr.last - 1; address >= cidr.first + 4; address -= 1) {
    if (!used.has(address) && !outside.has(address)) return formatIpv4(address);
  }
  return undefined;
}

/**
 * A /28 inside one of the VPC's CIDRs that overlaps no subnet, for a new public subnet.
 *
 * @param draft - the draft
 * @param vpcId - the VPC
 * @returns the CIDR text, or undefined when the VPC has no free /28
 */
export function freeBlockInVpc(draft: Draft, vpcId: string): string | undefined {
  const taken = [...draft.model.subnets.inGroup(vpcId)]
    .map((s) => parseCidr(s.cidr))
    .filter((c) => c !== undefined);
  for (const text of draft.model.vpcs.get(vpcId)?.cidrs ?? []) {
    const vpcCidr = parseCidr(text);
    if (!vpcCidr || vpcCidr.prefixLength > 28) continue;
    // From the top of the range down: real subnets usually fill it from the bottom.
    for (let first = vpcCidr.last - 15; first >= vpcCidr.first; first -= 16) {
      const last = first + 15;
      if (!taken.some((c) => c.first <= last && first <= c.last)) return formatCidr({ first, last, prefixLength: 28 });
    }
  }
  return undefined;
}

/** A derived model and what was changed to get it. */
export interface WhatIf {
  model: Model;
  changes: string[];
  /** Things the transform could not do (e.g. no free address space for a public subnet). */
  warnings: string[];
}

/** The draft behind each result that no transform has continued yet. */
const openDrafts = new WeakMap<WhatIf, Draft["model"]>();

/** Ends a transform: the draft becomes a result (which a next transform may continue), carrying over earlier changes. */
export function finish(draft: Draft, previous?: { changes: string[]; warnings: string[] }): WhatIf {
  // The earlier result is consumed (see `start`): its lists grow (a design over a Region's VPCs copied them at each of its thousands of transforms).
  const changes = previous?.changes ?? [];
  for (const change of draft.changes) changes.push(change);
  const warnings = previous?.warnings ?? [];
  for (const warning of draft.warnings) warnings.push(warning);
  const result = { model: draft.model, changes, warnings };
  openDrafts.set(result, draft.model);
  return result;
}

/**
 * Starts a transform on a model (copied into a new draft) or on an earlier transform's result, whose
 * draft it continues without copying: the earlier result is consumed (its model now shows the later
 * changes too), and starting a second transform on it throws, so two designs never share changes.
 * Derive each design from a `Model` (or from a result used once) to keep designs apart.
 */
export function start(input: Model | WhatIf): { draft: Draft; previous: WhatIf | undefined } {
  const previous = "model" in input && "changes" in input ? input : undefined;
  if (!previous) return { draft: draftOf(input as Model), previous };
  const model = openDrafts.get(previous);
  if (!model) throw new Error("a what-if result was already continued by another transform; derive each design from the model");
  openDrafts.delete(previous);
  return { draft: { model, changes: [], warnings: [] }, previous };
}

/** Per draft: whether its route tables stay inside their VPCs (`tablesConfined`); computed on first use. */
const confined = new WeakMap<Draft["model"], boolean>();

/**
 * Whether every route table of the draft names only subnets of its own VPC and routes only to gateway
 * endpoints of its own VPC, as AWS requires and as the transforms keep them: a transform may then look
 * at one VPC's tables only. Malformed data (a table naming another VPC's subnet or endpoint, or one not
 * in the snapshot) makes it false, and the transforms scan every table as before.
 *
 * @param draft - the draft
 */
export function tablesConfined(draft: Draft): boolean {
  let known = confined.get(draft.model);
  if (known === undefined) {
    const { subnets, routeTables, vpcEndpoints } = draft.model;
    // Before any of the three maps changed, the answer is the drafted model's, computed once for all its drafts.
    known = subnets.changed || routeTables.changed || vpcEndpoints.changed
      ? confinedIn(routeTables, subnets, vpcEndpoints)
      : confinedBase(routeTables.base, subnets.base, vpcEndpoints.base);
    confined.set(draft.model, known);
  }
  return known;
}

/** `tablesConfined` of the maps drafts start from, per route table map. */
const confinedBases = new WeakMap<ReadonlyMap<string, RouteTable>, boolean>();

function confinedBase(routeTables: ReadonlyMap<string, RouteTable>, subnets: ReadonlyMap<string, Subnet>, vpcEndpoints: ReadonlyMap<string, VpcEndpoint>): boolean {
  let known = confinedBases.get(routeTables);
  if (known === undefined) confinedBases.set(routeTables, (known = confinedIn(routeTables, subnets, vpcEndpoints)));
  return known;
}

function confinedIn(routeTables: ReadonlyMap<string, RouteTable>, subnets: ReadonlyMap<string, Subnet>, vpcEndpoints: ReadonlyMap<string, VpcEndpoint>): boolean {
  for (const table of routeTables.values()) {
    if (!table.subnetIds.every((id) => (subnets.get(id)?.vpcId ?? table.vpcId) === table.vpcId)) return false;
    if (!table.routes.every((r) => r.target.kind !== "gateway-endpoint" || vpcEndpoints.get(r.target.id)?.vpcId === table.vpcId)) return false;
  }
  return true;
}

/**
 * The route table a subnet uses in a draft (explicit association, else the VPC's main table).
 *
 * @param draft - the draft
 * @param subnet - the subnet
 */
export function routeTableOf(draft: Draft, subnet: Subnet): RouteTable | undefined {
  let main: RouteTable | undefined;
  for (const table of draft.model.routeTables.inGroup(subnet.vpcId)) {
    if (table.subnetIds.includes(subnet.id)) return table;
    if (!main && table.isMain) main = table;
  }
  return main;
}

/**
 * What the model a draft was copied from leaves out of the whole model (nothing for a whole model, or
 * a part that does not record it).
 *
 * @param draft - the draft
 */
export function outsideOf(draft: Draft): Outside {
  return outsideOfModel(draft.model);
}
