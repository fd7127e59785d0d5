/**
 * What the analyzer builds once per model and every query reuses: the model index, the graph, and
 * caches (security-group members as address sets, prefix lists as address sets, route selections per
 * table and destination set, the public address space per Region). No query rebuilds any of them.
 */

import { indexModel, type ModelIndex } from "../model/indexes.js";
import type { Model, NetworkInterface, PrefixList, SecurityGroup } from "../model/types.js";
import { IntervalSet, parseIpv4, PUBLIC_IPV4 } from "../net/index.js";
import { buildGraph, type ReachGraph } from "../graph/index.js";
import { routeCandidates, selectRoutes, type RouteCandidates, type RouteSelection } from "./rules/route-selection.js";
import type { PeerResolver } from "./rules/security-group.js";
import type { SourceCandidate } from "./workload-source.js";
import type { RouteTable } from "../model/types.js";

export type PublicIpOwner =
  | { kind: "eni"; eni: NetworkInterface; privateIp: number; publicText: string; privateText: string }
  | { kind: "nat"; natId: string };

export interface AnalyzerContext extends PeerResolver {
  readonly model: Model;
  readonly index: ModelIndex;
  readonly graph: ReachGraph;
  /** Route selection for a table and destination set (cached by table and set). */
  routes(table: RouteTable, destinations: IntervalSet): RouteSelection;
  /** The addresses of a VPC's CIDRs. */
  vpcAddresses(vpcId: string): IntervalSet;
  /** Private IPv4 addresses (as numbers) of an ENI. */
  eniAddresses(eni: NetworkInterface): number[];
  /** The public IP of an Elastic IP associated with an ENI's private address. */
  elasticIpOf(eniId: string, privateIp: string | undefined): string | undefined;
  /** Public IPv4 addresses owned by ENIs or NAT gateways of the snapshot. */
  ownedPublicIps(): IntervalSet;
  /** Who owns a public IP of the snapshot. */
  publicIpOwner(ip: number): PublicIpOwner | undefined;
  /** Memo of resolved sources (every place each may send from) by the user's `from` text. */
  readonly sources: Map<string, SourceCandidate[]>;
  /** Security groups by id (undefined when absent from the snapshot). */
  group(id: string): SecurityGroup | undefined;
  /** AWS-managed prefix lists of a Region (S3, DynamoDB, …). */
  awsPrefixLists(region: string): PrefixList[];
  /** The AWS-managed prefix list for `com.amazonaws.<region>.<service>`, when in the snapshot. */
  servicePrefixList(region: string, service: string): PrefixList | undefined;
  /** The `internet` destination of a Region: public IPv4 minus the Region's S3 and DynamoDB prefix lists. */
  internetAddresses(region: string): IntervalSet;
  /**
   * The addresses a SageMaker-managed network may send from (its public address is SageMaker's and
   * in no snapshot): public IPv4 minus the S3 and DynamoDB ranges of every Region in the snapshot,
   * which are those services' own addresses in whatever Region (a NAT never sends from them).
   */
  managedSourceAddresses(region: string): IntervalSet;
}

/** Stands for a prefix list the snapshot lacks, as a key of `internetSets`. */
const NO_LIST = {};

/**
 * The `internet` set for each S3 and DynamoDB prefix list (records are never changed), shared by every
 * analyzer: the cost's thousands of design models hold the same lists, and one set object lets the
 * caches kept per record and set (a NACL's results) serve them all.
 */
const internetSets = new WeakMap<object, WeakMap<object, IntervalSet>>();

function internetWithout(s3: PrefixList | undefined, dynamodb: PrefixList | undefined): IntervalSet {
  let byDynamodb = internetSets.get(s3 ?? NO_LIST);
  if (!byDynamodb) internetSets.set(s3 ?? NO_LIST, (byDynamodb = new WeakMap()));
  let set = byDynamodb.get(dynamodb ?? NO_LIST);
  if (!set) {
    set = PUBLIC_IPV4;
    for (const list of [s3, dynamodb]) if (list?.cidrs) set = set.subtract(IntervalSet.fromCidrs(list.cidrs));
    byDynamodb.set(dynamodb ?? NO_LIST, set);
  }
  return set;
}

/**
 * Builds the shared context.
 *
 * @param model - the normalized model
 */
export function createContext(model: Model): AnalyzerContext {
  const index = indexModel(model);
  let graph: ReachGraph | undefined;
  const members = new Map<string, IntervalSet>();
  const prefixSets = new Map<string, IntervalSet | undefined>();
  const routeCache = new WeakMap<IntervalSet, Map<string, RouteSelection>>();
  // By table record: a changed table is a new record. Each destination set selects over the same candidates.
  const candidateCache = new WeakMap<RouteTable, RouteCandidates>();
  const vpcSets = new Map<string, IntervalSet>();
  const eniIps = new WeakMap<NetworkInterface, number[]>();
  // Built on first use: notebooks' queries never ask (a notebook's ENI has no public IP), and the cost
  // alternatives build thousands of analyzers on parts of a model that keep every Elastic IP.
  let eips: Map<string, string> | undefined;
  const elasticIps = (): Map<string, string> => {
    if (eips) return eips;
    eips = new Map();
    for (const e of model.elasticIps) if (e.networkInterfaceId) eips.set(`${e.networkInterfaceId}|${e.privateIp}`, e.publicIp);
    return eips;
  };
  const internet = new Map<string, IntervalSet>();
  const managedSources = new Map<string, IntervalSet>();
  const byRegion = new Map<string, PrefixList[]>();
  for (const list of model.prefixLists.values()) {
    if (!list.awsManaged && !list.prefixListName.startsWith("com.amazonaws.")) continue;
    const region = list.scope.region;
    const existing = byRegion.get(region);
    if (existing) existing.push(list);
    else byRegion.set(region, [list]);
  }

  let owners: Map<number, PublicIpOwner> | undefined;
  let ownedSet: IntervalSet | undefined;
  const publicOwners = (): Map<number, PublicIpOwner> => {
    if (owners) return owners;
    owners = new Map();
    const natByEni = new Map<string, string>();
    for (const nat of model.natGateways.values()) {
      for (const a of nat.addresses) {
        const n = a.publicIp ? parseIpv4(a.publicIp) : undefined;
        if (n !== undefined) owners.set(n, { kind: "nat", natId: nat.id });
        if (a.networkInterfaceId) natByEni.set(a.networkInterfaceId, nat.id);
      }
    }
    const add = (eni: NetworkInterface, publicIp: string, privateIp: string): void => {
      const pub = parseIpv4(publicIp);
      const priv = parseIpv4(privateIp);
      if (pub === undefined || priv === undefined || owners?.has(pub)) return;
      const natId = natByEni.get(eni.id);
      owners?.set(pub, natId ? { kind: "nat", natId } : { kind: "eni", eni, privateIp: priv, publicText: publicIp, privateText: privateIp });
    };
    for (const eni of model.networkInterfaces.values()) for (const p of eni.privateIps) if (p.publicIp) add(eni, p.publicIp, p.privateIp);
    for (const e of model.elasticIps) {
      const eni = e.networkInterfaceId ? model.networkInterfaces.get(e.networkInterfaceId) : undefined;
      if (eni && e.privateIp) add(eni, e.publicIp, e.privateIp);
    }
    for (const i of model.instances.values()) {
      const eni = i.networkInterfaceIds.map((id) => model.networkInterfaces.get(id)).find((x) => x?.privateIps.some((p) => p.privateIp === i.privateIp));
      if (eni && i.publicIp && i.privateIp) add(eni, i.publicIp, i.privateIp);
    }
    return owners;
  };

  const ctx: AnalyzerContext = {
    sources: new Map(),
    model,
    index,
    // Built on first use: queries do not need it, the diagrams do.
    get graph() {
      graph ??= buildGraph(model, index);
      return graph;
    },
    prefixList(id) {
      if (!prefixSets.has(id)) {
        const cidrs = index.prefixListCidrs(id);
        prefixSets.set(id, cidrs ? IntervalSet.fromCidrs(cidrs) : undefined);
      }
      return prefixSets.get(id);
    },
    groupMembers(groupId) {
      let set = members.get(groupId);
      if (!set) {
        const addresses: [number, number][] = [];
        for (const eni of index.interfacesWithSecurityGroup(groupId)) {
          for (const ip of eni.privateIps) {
            const n = parseIpv4(ip.privateIp);
            if (n !== undefined) addresses.push([n, n]);
          }
        }
        set = IntervalSet.fromIntervals(addresses);
        members.set(groupId, set);
      }
      return set;
    },
    groupRegion: (groupId) => model.securityGroups.get(groupId)?.scope.region,
    routes(table, destinations) {
      // Keyed by the set's identity: sets keep their identity through filters that remove nothing.
      let byTable = routeCache.get(destinations);
      if (!byTable) {
        byTable = new Map();
        routeCache.set(destinations, byTable);
      }
      let hit = byTable.get(table.id);
      if (!hit) {
        const prefixListCidrs = (id: string) => index.prefixListCidrs(id);
        let prepared = candidateCache.get(table);
        if (!prepared) {
          prepared = routeCandidates(table, prefixListCidrs);
          candidateCache.set(table, prepared);
        }
        hit = selectRoutes(table, destinations, prefixListCidrs, prepared);
        byTable.set(table.id, hit);
      }
      return hit;
    },
    eniAddresses(eni) {
      let list = eniIps.get(eni);
      if (!list) {
        list = [];
        for (const p of eni.privateIps) {
          const n = parseIpv4(p.privateIp);
          if (n !== undefined) list.push(n);
        }
        eniIps.set(eni, list);
      }
      return list;
    },
    elasticIpOf: (eniId, privateIp) => elasticIps().get(`${eniId}|${privateIp}`),
    ownedPublicIps() {
      ownedSet ??= IntervalSet.fromIntervals([...publicOwners().keys()].map((n) => [n, n] as [number, number]));
      return ownedSet;
    },
    publicIpOwner: (ip) => publicOwners().get(ip),
    vpcAddresses(vpcId) {
      let set = vpcSets.get(vpcId);
      if (!set) {
        set = IntervalSet.fromCidrs(index.vpcCidrs(vpcId));
        vpcSets.set(vpcId, set);
      }
      return set;
    },
    group: (id) => model.securityGroups.get(id),
    awsPrefixLists: (region) => byRegion.get(region) ?? [],
    servicePrefixList: (region, service) => (byRegion.get(region) ?? []).find((p) => p.prefixListName === `com.amazonaws.${region}.${service}`),
    internetAddresses(region) {
      let set = internet.get(region);
      if (!set) {
        // Only the services a gateway endpoint can carry; other AWS lists (CloudFront, …) are internet.
        set = internetWithout(ctx.servicePrefixList(region, "s3"), ctx.servicePrefixList(region, "dynamodb"));
        internet.set(region, set);
      }
      return set;
    },
    managedSourceAddresses(region) {
      let set = managedSources.get(region);
      if (!set) {
        set = ctx.internetAddresses(region);
        for (const other of byRegion.keys()) set = set.intersect(ctx.internetAddresses(other));
        managedSources.set(region, set);
      }
      return set;
    },
  };
  return ctx;
}
