/**
 * The part of a model that one VPC's egress depends on (`modelForVpc`), or a Region's shared designs
 * (`modelForVpcs`): the VPCs joined through transit gateways and peerings, with everything in them and
 * the security groups they need, so the what-if engines index a part instead of the whole estate; and
 * what such a part leaves out that a transform must still avoid (`outsideOfModel`).
 */
import type { Model, NatGateway, SecurityGroup } from "../model/types.js";
import { parseIpv4 } from "../net/index.js";

const parsedNatAddresses = new WeakMap<NatGateway, number[]>();

/**
 * A NAT gateway's private addresses as numbers (parsed once per record: records are not changed, only replaced).
 *
 * @param nat - the NAT gateway
 */
export function natAddressesOf(nat: NatGateway): number[] {
  let values = parsedNatAddresses.get(nat);
  if (!values) {
    values = nat.addresses.map((a) => (a.privateIp ? parseIpv4(a.privateIp) : undefined)).filter((v): v is number => v !== undefined);
    parsedNatAddresses.set(nat, values);
  }
  return values;
}

/**
 * The VPCs joined to some VPCs: those attached to the same transit gateways, to transit gateways
 * peered with them, and to VPCs peered with any of these, transitively (the attachments and peerings
 * in any state: a superset costs time, never an answer).
 */
function joinedVpcs(model: Model, vpcIds: Iterable<string>): Set<string> {
  const edges = new Map<string, Set<string>>();
  const link = (a: string, b: string): void => {
    for (const [from, to] of [[a, b], [b, a]] as const) edges.set(from, (edges.get(from) ?? new Set()).add(to));
  };
  // Nodes are `vpc:ID` and `tgw:ID`, so a VPC and a transit gateway never share a key.
  for (const a of model.transitGatewayAttachments.values()) {
    if (a.resourceId === undefined) continue;
    if (a.resourceType === "vpc") link(`tgw:${a.transitGatewayId}`, `vpc:${a.resourceId}`);
    else if (a.resourceType === "peering" || a.resourceType === "tgw-peering") link(`tgw:${a.transitGatewayId}`, `tgw:${a.resourceId}`);
  }
  for (const p of model.vpcPeeringConnections.values()) link(`vpc:${p.requester.vpcId}`, `vpc:${p.accepter.vpcId}`);
  const seen = new Set([...vpcIds].map((id) => `vpc:${id}`));
  const queue = [...seen];
  for (let node = queue.pop(); node !== undefined; node = queue.pop()) {
    for (const next of edges.get(node) ?? []) if (!seen.has(next) && (seen.add(next), true)) queue.push(next);
  }
  return new Set([...seen].filter((n) => n.startsWith("vpc:")).map((n) => n.slice("vpc:".length)));
}

/**
 * The part of a model one VPC's egress depends on: the VPC and everything in it, the internet
 * gateways attached to it, its peering and transit gateway attachments, its notebooks, the security
 * groups these need (`groupsFor`); prefix lists and the model-wide records are kept whole. Egress to the internet or an AWS
 * service never leaves through another VPC's gateways (no transitive routing), so the engine's
 * answers for these destinations are the same on this part, and the alternatives of a large estate
 * do not rebuild the whole graph for every VPC. A VPC attached to a transit gateway may reach the
 * internet and endpoints through other VPCs (centralized egress, shared endpoints): its part is every
 * VPC joined to it (`joinedVpcs`) with everything in them, and every transit gateway record.
 *
 * @param model - the whole model
 * @param vpcId - the VPC
 */
export function modelForVpc(model: Model, vpcId: string): Model {
  const attached = isAttached(model, vpcId);
  if (!attached) return partOf(model, new Set([vpcId]), false);
  // Every attached VPC of one joined set gets the same part (a Region's, on a large estate): built once.
  let parts = joinedParts.get(model);
  if (!parts) joinedParts.set(model, (parts = new Map()));
  let part = parts.get(vpcId);
  if (!part) {
    const joined = joinedVpcs(model, [vpcId]);
    part = partOf(model, joined, true);
    for (const id of joined) if (isAttached(model, id)) parts.set(id, part);
  }
  return part;
}

/**
 * The part of each VPC attached to a transit gateway, per model: the VPCs joined to one of them are
 * joined to each other (`joinedVpcs` is a connected set), so their parts hold the same records. A part
 * is never changed (the transforms copy it into a draft).
 */
const joinedParts = new WeakMap<Model, Map<string, Model>>();

function isAttached(model: Model, vpcId: string): boolean {
  return groupsOf(model).transitGatewayAttachments.get(vpcId)?.some(([, , a]) => a.resourceType === "vpc") ?? false;
}

/** The records of some VPCs (every transit gateway attachment when `allAttachments`), and the model-wide records. */
function partOf(model: Model, vpcIds: ReadonlySet<string>, allAttachments: boolean): Model {
  const g = groupsOf(model);
  const networkInterfaces = pickGroups(g.networkInterfaces, vpcIds);
  const vpcEndpoints = pickGroups(g.vpcEndpoints, vpcIds);
  const notebooks = pickGroups(g.notebooks, vpcIds);
  const instances = pickGroups(g.instances, vpcIds);
  const domains = pickGroups(g.domains, vpcIds);
  const named = [networkInterfaces, vpcEndpoints, notebooks, instances, domains].flatMap((map) => [...map.values()].flatMap((r) => r.securityGroupIds));
  return {
    ...model,
    securityGroups: groupsFor(model, vpcIds, named),
    vpcs: pickGroups(g.vpcs, vpcIds),
    subnets: pickGroups(g.subnets, vpcIds),
    routeTables: pickGroups(g.routeTables, vpcIds),
    internetGateways: pickGroups(g.internetGateways, vpcIds),
    egressOnlyInternetGateways: pickGroups(g.egressOnlyInternetGateways, vpcIds),
    natGateways: pickGroups(g.natGateways, vpcIds),
    vpcEndpoints,
    networkAcls: pickGroups(g.networkAcls, vpcIds),
    networkInterfaces,
    instances,
    vpcPeeringConnections: pickGroups(g.vpcPeeringConnections, vpcIds),
    transitGatewayAttachments: allAttachments ? model.transitGatewayAttachments : pickGroups(g.transitGatewayAttachments, vpcIds),
    notebooks,
    domains,
  };
}

/**
 * The security groups a part needs: those of its VPCs, those its records name, and those their rules
 * name, transitively (the engine reads a group only by id: a record's own groups, and the VPC of a
 * group a rule references). The rest of the estate's groups are left out: each design's engine would
 * otherwise read every group of the estate, and a transform adding a group copy them all.
 */
function groupsFor(model: Model, vpcIds: ReadonlySet<string>, named: readonly string[]): Map<string, SecurityGroup> {
  const wanted = new Set(named);
  for (const row of [...vpcIds].flatMap((id) => groupsOf(model).securityGroups.get(id) ?? [])) wanted.add(row[1]);
  const queue = [...wanted];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const rule of [...(model.securityGroups.get(id)?.ingress ?? []), ...(model.securityGroups.get(id)?.egress ?? [])]) {
      if (rule.peer.kind === "security-group" && !wanted.has(rule.peer.groupId)) {
        wanted.add(rule.peer.groupId);
        queue.push(rule.peer.groupId);
      }
    }
  }
  const position = groupsOf(model).securityGroupPositions;
  const ids = [...wanted].filter((id) => position.has(id)).sort((a, b) => position.get(a)! - position.get(b)!);
  return new Map(ids.map((id) => [id, model.securityGroups.get(id)!]));
}

/**
 * The part of a model a design shared by some VPCs (the spokes of one Region) depends on: every VPC
 * joined to any of them (`joinedVpcs`, through transit gateways and VPC peerings) with everything in
 * them, every transit gateway record, and the model-wide records. The designs' transforms still avoid
 * what the rest of the model holds (`outsideOf`: its NAT gateways' addresses and its VPCs' CIDRs), so
 * they build the same records as on the whole model; each design's engine then indexes only this part
 * instead of the whole estate (every Region) for each Region's designs.
 *
 * @param model - the whole model
 * @param vpcIds - the spokes (and any VPC whose gateways they use today)
 */
export function modelForVpcs(model: Model, vpcIds: readonly string[]): Model {
  const joined = joinedVpcs(model, vpcIds);
  const part = partOf(model, joined, [...joined].some((id) => isAttached(model, id)));
  let outside: Outside | undefined;
  outsides.set(part, () => {
    if (outside) return outside;
    const natAddresses = new Set<number>();
    for (const nat of model.natGateways.values()) if (!joined.has(nat.vpcId)) for (const value of natAddressesOf(nat)) natAddresses.add(value);
    const vpcCidrs: string[] = [];
    for (const vpc of model.vpcs.values()) if (!joined.has(vpc.id)) vpcCidrs.push(...vpc.cidrs);
    return (outside = { natAddresses, vpcCidrs });
  });
  return part;
}

/** What a part of a model leaves out that a transform must still avoid (see `modelForVpcs`). */
export interface Outside {
  /** The private addresses of the NAT gateways outside the part, as numbers. */
  natAddresses: ReadonlySet<number>;
  /** The CIDRs of the VPCs outside the part. */
  vpcCidrs: readonly string[];
}

/** The outside of each part built by `modelForVpcs`, and of each draft copied from one (computed on first use). */
const outsides = new WeakMap<object, () => Outside>();
const NOTHING_OUTSIDE: Outside = { natAddresses: new Set(), vpcCidrs: [] };

/**
 * What a model leaves out of the whole model: nothing for a whole model, or a part that does not
 * record it.
 *
 * @param model - a model, a part from `modelForVpcs`, or a draft's model copied from one
 */
export function outsideOfModel(model: object): Outside {
  return outsides.get(model)?.() ?? NOTHING_OUTSIDE;
}

/**
 * Makes a copy of a model leave out what the model leaves out (a draft of a part is still that part).
 *
 * @param model - the model copied
 * @param copy - its copy
 */
export function inheritOutside(model: object, copy: object): void {
  const outside = outsides.get(model);
  if (outside) outsides.set(copy, outside);
}

/** A map's records grouped by the VPCs each belongs to, each with its position in the map. */
type Groups<V> = Map<string, [position: number, key: string, record: V][]>;

function groupBy<V>(map: ReadonlyMap<string, V>, vpcsOf: (record: V) => (string | undefined)[]): Groups<V> {
  const groups: Groups<V> = new Map();
  let position = 0;
  for (const [key, record] of map) {
    for (const vpcId of new Set(vpcsOf(record))) {
      if (vpcId === undefined) continue;
      const group = groups.get(vpcId) ?? [];
      group.push([position, key, record]);
      groups.set(vpcId, group);
    }
    position += 1;
  }
  return groups;
}

/** The records of some VPCs, in the order of the map they came from (as filtering the map would give). */
function pickGroups<V>(groups: Groups<V>, vpcIds: ReadonlySet<string>): Map<string, V> {
  const rows = new Map<string, [number, string, V]>();
  for (const vpcId of vpcIds) for (const row of groups.get(vpcId) ?? []) rows.set(row[1], row);
  const ordered = [...rows.values()];
  if (vpcIds.size > 1) ordered.sort((a, b) => a[0] - b[0]);
  return new Map(ordered.map(([, key, record]) => [key, record]));
}

/**
 * The records `modelForVpc` picks, grouped by VPC once per model: each VPC holding notebooks asks for
 * its part, and filtering every map of the estate per VPC made the alternatives quadratic.
 */
const groupCache = new WeakMap<Model, ReturnType<typeof groupModel>>();

function groupsOf(model: Model): ReturnType<typeof groupModel> {
  const known = groupCache.get(model);
  if (known) return known;
  const groups = groupModel(model);
  groupCache.set(model, groups);
  return groups;
}

function groupModel(model: Model) {
  return {
    vpcs: groupBy(model.vpcs, (v) => [v.id]),
    subnets: groupBy(model.subnets, (s) => [s.vpcId]),
    routeTables: groupBy(model.routeTables, (t) => [t.vpcId]),
    internetGateways: groupBy(model.internetGateways, (g) => g.attachedVpcIds),
    egressOnlyInternetGateways: groupBy(model.egressOnlyInternetGateways, (g) => g.attachedVpcIds),
    natGateways: groupBy(model.natGateways, (n) => [n.vpcId]),
    vpcEndpoints: groupBy(model.vpcEndpoints, (e) => [e.vpcId]),
    networkAcls: groupBy(model.networkAcls, (a) => [a.vpcId]),
    networkInterfaces: groupBy(model.networkInterfaces, (n) => [n.vpcId]),
    instances: groupBy(model.instances, (i) => [i.vpcId]),
    vpcPeeringConnections: groupBy(model.vpcPeeringConnections, (p) => [p.requester.vpcId, p.accepter.vpcId]),
    transitGatewayAttachments: groupBy(model.transitGatewayAttachments, (a) => [a.resourceId]),
    notebooks: groupBy(model.notebooks, (n) => [n.subnetId === undefined ? undefined : model.subnets.get(n.subnetId)?.vpcId]),
    domains: groupBy(model.domains, (d) => [d.vpcId]),
    securityGroups: groupBy(model.securityGroups, (s) => [s.vpcId]),
    securityGroupPositions: new Map([...model.securityGroups.keys()].map((id, i) => [id, i])),
  };
}
