/**
 * What goes inside a VPC's box (what sits on the VPC itself, see `VpcContents`) and inside an
 * Availability Zone box: each subnet (public or private, per the one
 * `classifySubnet` rule) with the NAT gateways, interface endpoints, notebooks and instances in it,
 * and runs of similar, uneventful subnets collapsed into one box ("12 private subnets") past a
 * threshold so large estates stay readable.
 */
import type { ModelIndex } from "../model/indexes.js";
import type { EgressOnlyInternetGateway, Instance, InternetGateway, Model, NatGateway, Notebook, Subnet, VpcEndpoint } from "../model/types.js";
import { classifySubnet } from "../engine/rules/public-subnet.js";
import { compareSubnets, compareText } from "./names.js";

/** Everything drawn inside one subnet. */
export interface SubnetContents {
  natGateways: NatGateway[];
  endpoints: VpcEndpoint[];
  notebooks: Notebook[];
  instances: Instance[];
}

/**
 * What is drawn on a VPC rather than in one of its subnets, and what the hub view counts in it. The
 * architecture is drawn for each of thousands of path diagrams, and finding these by a pass over the
 * estate's gateways (and notebooks, for the hub view) per VPC drawn cost seconds on large estates.
 */
export interface VpcContents {
  /** The internet gateways attached to it, by id. */
  internetGateways: InternetGateway[];
  /** The egress-only internet gateways attached to it, by id. */
  egressOnlyInternetGateways: EgressOnlyInternetGateway[];
  /** Its NAT gateways in no subnet (regional ones), not deleted, by id. */
  regionalNatGateways: NatGateway[];
  /** How many of its NAT gateways are public and not deleted. */
  publicNatGateways: number;
  /** How many notebooks are in its subnets. */
  notebooks: number;
}

/** One subnet drawn on its own, or a run of similar subnets drawn as one box. */
export type SubnetUnit =
  | { kind: "subnet"; subnet: Subnet; public: boolean; certain: boolean; contents: SubnetContents }
  | { kind: "run"; subnets: Subnet[]; public: boolean; routeTableId: string | undefined; instanceCount: number };

/** The content index of each model index: a report draws thousands of diagrams of one model. */
const built = new WeakMap<ModelIndex, SubnetContentIndex>();

/**
 * Per-subnet lookups of what the diagram puts inside subnets, and per-VPC ones of what it puts on
 * VPCs, built once per model (`SubnetContentIndex.of`).
 */
export class SubnetContentIndex {
  private readonly bySubnet = new Map<string, SubnetContents>();
  private readonly byVpc = new Map<string, VpcContents>();
  private readonly vpcsById = new Map<string, readonly string[]>();
  private readonly model: Model;

  /**
   * The content index of a model, built on first use and shared by every diagram of it (read-only).
   *
   * @param index - model lookups
   */
  static of(index: ModelIndex): SubnetContentIndex {
    let found = built.get(index);
    if (!found) {
      found = new SubnetContentIndex(index);
      built.set(index, found);
    }
    return found;
  }

  /** @param index - model lookups */
  constructor(index: ModelIndex) {
    const model = index.model;
    this.model = model;
    const contents = (subnetId: string): SubnetContents => {
      let found = this.bySubnet.get(subnetId);
      if (!found) {
        found = { natGateways: [], endpoints: [], notebooks: [], instances: [] };
        this.bySubnet.set(subnetId, found);
      }
      return found;
    };
    for (const nat of model.natGateways.values()) if (nat.subnetId && nat.state !== "deleted") contents(nat.subnetId).natGateways.push(nat);
    for (const endpoint of model.vpcEndpoints.values()) {
      if (endpoint.type === "Gateway") continue;
      for (const subnetId of endpoint.subnetIds) contents(subnetId).endpoints.push(endpoint);
    }
    for (const notebook of model.notebooks.values()) if (notebook.subnetId) contents(notebook.subnetId).notebooks.push(notebook);
    for (const instance of model.instances.values()) {
      if (instance.subnetId && instance.state !== "terminated") contents(instance.subnetId).instances.push(instance);
    }
    for (const found of this.bySubnet.values()) {
      found.natGateways.sort(byId);
      found.endpoints.sort(byId);
      found.notebooks.sort(byId);
      found.instances.sort(byId);
    }
    this.indexVpcs(index);
  }

  private indexVpcs(index: ModelIndex): void {
    const model = index.model;
    const vpc = (vpcId: string): VpcContents => {
      let found = this.byVpc.get(vpcId);
      if (!found) {
        found = emptyVpc();
        this.byVpc.set(vpcId, found);
      }
      return found;
    };
    for (const igw of model.internetGateways.values()) for (const vpcId of new Set(igw.attachedVpcIds)) vpc(vpcId).internetGateways.push(igw);
    for (const eigw of model.egressOnlyInternetGateways.values()) for (const vpcId of new Set(eigw.attachedVpcIds)) vpc(vpcId).egressOnlyInternetGateways.push(eigw);
    for (const nat of model.natGateways.values()) {
      if (nat.state === "deleted") continue;
      if (!nat.subnetId) vpc(nat.vpcId).regionalNatGateways.push(nat);
      if (nat.connectivityType !== "private") vpc(nat.vpcId).publicNatGateways += 1;
    }
    for (const notebook of model.notebooks.values()) {
      const vpcId = notebook.subnetId === undefined ? undefined : model.subnets.get(notebook.subnetId)?.vpcId;
      if (vpcId !== undefined) vpc(vpcId).notebooks += 1;
    }
    for (const found of this.byVpc.values()) {
      found.internetGateways.sort(byId);
      found.egressOnlyInternetGateways.sort(byId);
      found.regionalNatGateways.sort(byId);
    }
  }

  /** What is in a subnet (empty lists when nothing is). */
  of(subnetId: string): SubnetContents {
    return this.bySubnet.get(subnetId) ?? { natGateways: [], endpoints: [], notebooks: [], instances: [] };
  }

  /**
   * The VPCs of the model a component belongs to: itself when it is a VPC, else the VPC of a subnet,
   * instance, ENI, NAT gateway, endpoint, route table or network ACL of that id, or those an internet
   * gateway of that id is attached to. Remembered per id: every path diagram asks it of each hop.
   *
   * @param id - a component id (from a path's hops)
   */
  vpcsOf(id: string): readonly string[] {
    let found = this.vpcsById.get(id);
    if (!found) this.vpcsById.set(id, (found = vpcsOfComponent(this.model, id)));
    return found;
  }

  /** What is on a VPC (empty lists and no counts when nothing is). */
  ofVpc(vpcId: string): VpcContents {
    return this.byVpc.get(vpcId) ?? emptyVpc();
  }
}

/** `SubnetContentIndex.vpcsOf`, computed. */
function vpcsOfComponent(model: Model, id: string): string[] {
  const vpcs = new Set<string>();
  const add = (vpcId: string | undefined): void => {
    if (vpcId && model.vpcs.has(vpcId)) vpcs.add(vpcId);
  };
  add(id);
  add(model.subnets.get(id)?.vpcId);
  add(model.instances.get(id)?.vpcId);
  add(model.networkInterfaces.get(id)?.vpcId);
  add(model.natGateways.get(id)?.vpcId);
  add(model.vpcEndpoints.get(id)?.vpcId);
  add(model.routeTables.get(id)?.vpcId);
  add(model.networkAcls.get(id)?.vpcId);
  for (const vpcId of model.internetGateways.get(id)?.attachedVpcIds ?? []) add(vpcId);
  return [...vpcs];
}

function emptyVpc(): VpcContents {
  return { internetGateways: [], egressOnlyInternetGateways: [], regionalNatGateways: [], publicNatGateways: 0, notebooks: 0 };
}

const byId = (a: { id: string }, b: { id: string }): number => compareText(a.id, b.id);

/** A subnet worth its own box: it holds a gateway, an endpoint, a notebook, or something asked for. */
function isNotable(subnet: Subnet, contents: SubnetContents, keep: ReadonlySet<string>): boolean {
  return (
    keep.has(subnet.id) ||
    contents.natGateways.length > 0 ||
    contents.endpoints.length > 0 ||
    contents.notebooks.length > 0 ||
    contents.instances.some((instance) => keep.has(instance.id))
  );
}

/**
 * Splits one Availability Zone's subnets into drawing units, in CIDR order. Subnets that hold nothing
 * notable and share public/private class and route table form a run; a run longer than `threshold`
 * becomes one box at the place of its first subnet.
 *
 * @param index - model lookups
 * @param subnets - the subnets of one VPC in one Availability Zone
 * @param contents - what is in each subnet
 * @param threshold - the longest run still drawn subnet by subnet
 * @param keep - subnet and instance ids that must stay visible (e.g. on a path being drawn)
 */
export function subnetUnits(
  index: ModelIndex,
  subnets: readonly Subnet[],
  contents: SubnetContentIndex,
  threshold: number,
  keep: ReadonlySet<string>,
): SubnetUnit[] {
  const sorted = [...subnets].sort(compareSubnets);
  const classes = new Map(sorted.map((subnet) => [subnet.id, classifySubnet(index, subnet.id)]));
  const runKey = (subnet: Subnet): string | undefined => {
    if (isNotable(subnet, contents.of(subnet.id), keep)) return undefined;
    return `${classes.get(subnet.id)?.public ? "public" : "private"}|${index.routeTableOfSubnet(subnet.id)?.value.id ?? ""}`;
  };
  const runs = new Map<string, Subnet[]>();
  for (const subnet of sorted) {
    const key = runKey(subnet);
    if (key === undefined) continue;
    const run = runs.get(key);
    if (run) run.push(subnet);
    else runs.set(key, [subnet]);
  }

  const units: SubnetUnit[] = [];
  const emitted = new Set<string>();
  for (const subnet of sorted) {
    const key = runKey(subnet);
    const run = key === undefined ? undefined : runs.get(key);
    if (key !== undefined && run && run.length > threshold) {
      if (emitted.has(key)) continue;
      emitted.add(key);
      units.push({
        kind: "run",
        subnets: run,
        public: classes.get(subnet.id)?.public ?? false,
        routeTableId: index.routeTableOfSubnet(subnet.id)?.value.id,
        instanceCount: run.reduce((sum, member) => sum + contents.of(member.id).instances.length, 0),
      });
      continue;
    }
    const classification = classes.get(subnet.id);
    units.push({
      kind: "subnet",
      subnet,
      public: classification?.public ?? false,
      certain: classification?.certain ?? false,
      contents: contents.of(subnet.id),
    });
  }
  return units;
}
