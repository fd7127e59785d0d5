/**
 * What goes inside an Availability Zone box: each subnet (public or private, per the one
 * `classifySubnet` rule) with the NAT gateways, interface endpoints, notebooks and instances in it,
 * and runs of similar, uneventful subnets collapsed into one box ("12 private subnets") past a
 * threshold so large estates stay readable.
 */
import type { ModelIndex } from "../model/indexes.js";
import type { Instance, NatGateway, Notebook, Subnet, VpcEndpoint } from "../model/types.js";
import { classifySubnet } from "../engine/rules/public-subnet.js";
import { compareSubnets, compareText } from "./names.js";

/** Everything drawn inside one subnet. */
export interface SubnetContents {
  natGateways: NatGateway[];
  endpoints: VpcEndpoint[];
  notebooks: Notebook[];
  instances: Instance[];
}

/** One subnet drawn on its own, or a run of similar subnets drawn as one box. */
export type SubnetUnit =
  | { kind: "subnet"; subnet: Subnet; public: boolean; certain: boolean; contents: SubnetContents }
  | { kind: "run"; subnets: Subnet[]; public: boolean; routeTableId: string | undefined; instanceCount: number };

/** The content index of each model index: a report draws thousands of diagrams of one model. */
const built = new WeakMap<ModelIndex, SubnetContentIndex>();

/** Per-subnet lookups of what the diagram puts inside subnets, built once per model (`SubnetContentIndex.of`). */
export class SubnetContentIndex {
  private readonly bySubnet = new Map<string, SubnetContents>();

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
      found.natGateways.sort((a, b) => compareText(a.id, b.id));
      found.endpoints.sort((a, b) => compareText(a.id, b.id));
      found.notebooks.sort((a, b) => compareText(a.id, b.id));
      found.instances.sort((a, b) => compareText(a.id, b.id));
    }
  }

  /** What is in a subnet (empty lists when nothing is). */
  of(subnetId: string): SubnetContents {
    return this.bySubnet.get(subnetId) ?? { natGateways: [], endpoints: [], notebooks: [], instances: [] };
  }
}

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
