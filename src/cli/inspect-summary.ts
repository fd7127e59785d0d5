/**
 * What `vpcreach inspect` shows, as plain data: per account, Region and VPC the CIDRs, DNS facts
 * (attributes, the DHCP options set's DNS servers, the Route 53 Resolver rules associated), subnets (public or private, with the reason), gateways, endpoints, notebooks and counts, plus every
 * warning, dangling reference and collect error. `--json` prints this object; the text view renders it.
 */
import type { ModelIndex } from "../model/indexes.js";
import type { CollectError, DanglingReference, DataKind, LoadWarning, Model, Notebook, ResolverRule, Scope, Vpc } from "../model/types.js";
import { dnsSummary, rulesByVpc, type VpcDnsSummary } from "./inspect-dns.js";
import { scopeKey } from "../model/types.js";
import { classifySubnet } from "../engine/rules/public-subnet.js";
import { transitGatewaySummary, type TransitGatewaySummary } from "./inspect-transit-gateways.js";
import { workloadsByScope, type WorkloadSummary } from "./inspect-workloads.js";

export interface SubnetSummary {
  id: string;
  name: string | undefined;
  cidr: string;
  availabilityZone: string;
  public: boolean;
  /** `unknown` when the snapshot cannot tell (no route table for the subnet, gateway data missing). */
  exposure: "public" | "private" | "unknown";
  reason: string;
  routeTable: { id: string; how: string } | undefined;
  networkAcl: { id: string; how: string } | undefined;
}

export interface NotebookSummary {
  name: string;
  status: string;
  instanceType: string | undefined;
  subnetId: string | undefined;
  securityGroupIds: string[];
  networkInterfaceId: string | undefined;
  directInternetAccess: boolean;
  rootAccess: boolean;
  missingData: string | undefined;
}

export interface VpcSummary {
  id: string;
  name: string | undefined;
  cidrs: string[];
  ipv6Cidrs: string[];
  isDefault: boolean;
  state: string;
  dns: VpcDnsSummary;
  subnets: SubnetSummary[];
  internetGateways: { id: string; name: string | undefined }[];
  egressOnlyInternetGateways: { id: string }[];
  natGateways: {
    id: string;
    name: string | undefined;
    state: string;
    connectivityType: string;
    subnetId: string | undefined;
    publicIps: string[];
    privateIps: string[];
  }[];
  endpoints: {
    id: string;
    type: string;
    serviceName: string;
    state: string;
    privateDns: boolean;
    /** An interface endpoint's `DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint`; null when the output does not print it. */
    privateDnsOnlyForInboundResolverEndpoint: boolean | null;
    subnetIds: string[];
    routeTableIds: string[];
    securityGroupIds: string[];
  }[];
  notebooks: NotebookSummary[];
  counts: Record<"routeTables" | "securityGroups" | "networkAcls" | "networkInterfaces" | "instances", number>;
}

/**
 * A VPC another account owns, shared with this one (AWS RAM subnet sharing): what this account's own
 * records put in it. The VPC itself is listed under its owner.
 */
export interface SharedVpcUse {
  vpcId: string;
  ownerAccount: string | null;
  /** Subnets this account's resources sit in (or that it holds records of) inside that VPC. */
  subnetIds: string[];
  counts: Record<"notebooks" | "instances" | "networkInterfaces" | "securityGroups", number>;
}

export interface ScopeSummary {
  account: string | null;
  region: string;
  dataPresent: string[];
  /** Kinds of data the snapshot does not hold for this scope (no describe-* output of that kind was given). */
  dataMissing: string[];
  vpcs: VpcSummary[];
  /** VPCs of other accounts this account's notebooks, instances, interfaces or groups are in (a shared VPC). */
  sharedVpcs: SharedVpcUse[];
  /** Notebooks with no subnet in any VPC of this scope (direct internet access only, or missing data). */
  notebooksOutsideVpcs: NotebookSummary[];
  studioDomains: { id: string; name: string; appNetworkAccessType: string; vpcId: string | undefined; subnetIds: string[] }[];
  transitGateways: TransitGatewaySummary[];
  /** Route 53 hosted zones (global data: in the scope whose Region is `global`). */
  hostedZones: { id: string; zoneName: string; private: boolean; vpcIds: string[] | null; records: string[] | null }[];
  /** Studio user profiles and spaces, SageMaker jobs, models and endpoints, with the `--from` that queries each. */
  sagemakerWorkloads: WorkloadSummary[];
}

export interface InspectSummary {
  source: string;
  counts: Record<string, number>;
  scopes: ScopeSummary[];
  warnings: LoadWarning[];
  danglingReferences: DanglingReference[];
  collectErrors: CollectError[];
}

/** Groups values by a key, keeping first-seen order. */
function groupBy<T>(values: Iterable<T>, key: (value: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const k = key(value);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(value);
    else groups.set(k, [value]);
  }
  return groups;
}

function notebookSummary(notebook: Notebook): NotebookSummary {
  return {
    name: notebook.id,
    status: notebook.status,
    instanceType: notebook.instanceType,
    subnetId: notebook.subnetId,
    securityGroupIds: notebook.securityGroupIds,
    networkInterfaceId: notebook.networkInterfaceId,
    directInternetAccess: notebook.directInternetAccess,
    rootAccess: notebook.rootAccess,
    missingData: notebook.missingData,
  };
}

/** Per-VPC lookups built once, so summarising 1,000 VPCs stays linear. */
interface VpcGroups {
  routeTables: Map<string, unknown[]>;
  securityGroups: Map<string, unknown[]>;
  networkAcls: Map<string, unknown[]>;
  networkInterfaces: Map<string, unknown[]>;
  instances: Map<string, unknown[]>;
  natGateways: Map<string, Model["natGateways"] extends ReadonlyMap<string, infer N> ? N[] : never>;
  notebooksBySubnet: Map<string, Notebook[]>;
  /** Resolver rules by associated VPC; undefined when the snapshot holds none. */
  resolverRules: Map<string, ResolverRule[]> | undefined;
}

function vpcGroups(model: Model): VpcGroups {
  return {
    routeTables: groupBy(model.routeTables.values(), (r) => r.vpcId),
    securityGroups: groupBy(model.securityGroups.values(), (g) => g.vpcId),
    networkAcls: groupBy(model.networkAcls.values(), (a) => a.vpcId),
    networkInterfaces: groupBy(model.networkInterfaces.values(), (e) => e.vpcId),
    instances: groupBy(model.instances.values(), (i) => i.vpcId),
    natGateways: groupBy(model.natGateways.values(), (n) => n.vpcId),
    notebooksBySubnet: groupBy(model.notebooks.values(), (n) => n.subnetId),
    resolverRules: model.resolverRules?.length ? rulesByVpc(model.resolverRules) : undefined,
  };
}

interface GatewaysByVpc {
  internet: Map<string, { id: string; name: string | undefined }[]>;
  egressOnly: Map<string, { id: string }[]>;
}

function gatewaysByVpc(model: Model): GatewaysByVpc {
  const result: GatewaysByVpc = { internet: new Map(), egressOnly: new Map() };
  const add = <T>(map: Map<string, T[]>, vpcIds: string[], value: T) => {
    for (const vpcId of vpcIds) {
      const list = map.get(vpcId);
      if (list) list.push(value);
      else map.set(vpcId, [value]);
    }
  };
  for (const igw of model.internetGateways.values()) add(result.internet, igw.attachedVpcIds, { id: igw.id, name: igw.name });
  for (const eigw of model.egressOnlyInternetGateways.values()) add(result.egressOnly, eigw.attachedVpcIds, { id: eigw.id });
  return result;
}

function summariseVpc(index: ModelIndex, vpc: Vpc, groups: VpcGroups, gateways: GatewaysByVpc): VpcSummary {
  const subnets = index.subnetsOfVpc(vpc.id);
  const notebooks = subnets.flatMap((subnet) => groups.notebooksBySubnet.get(subnet.id) ?? []);
  return {
    id: vpc.id,
    name: vpc.name,
    cidrs: vpc.cidrs,
    ipv6Cidrs: vpc.ipv6Cidrs,
    isDefault: vpc.isDefault,
    state: vpc.state,
    dns: dnsSummary(vpc, groups.resolverRules),
    subnets: subnets.map((subnet) => {
      const classification = classifySubnet(index, subnet.id);
      const table = index.routeTableOfSubnet(subnet.id);
      const acl = index.networkAclOfSubnet(subnet.id);
      return {
        id: subnet.id,
        name: subnet.name,
        cidr: subnet.cidr,
        availabilityZone: subnet.availabilityZone,
        public: classification.public,
        exposure: classification.public ? "public" : classification.certain ? "private" : "unknown",
        reason: classification.reason,
        routeTable: table && { id: table.value.id, how: table.how },
        networkAcl: acl && { id: acl.value.id, how: acl.how },
      };
    }),
    internetGateways: gateways.internet.get(vpc.id) ?? [],
    egressOnlyInternetGateways: gateways.egressOnly.get(vpc.id) ?? [],
    natGateways: (groups.natGateways.get(vpc.id) ?? []).map((nat) => ({
      id: nat.id,
      name: nat.name,
      state: nat.state,
      connectivityType: nat.connectivityType,
      subnetId: nat.subnetId,
      publicIps: nat.addresses.flatMap((a) => (a.publicIp ? [a.publicIp] : [])),
      privateIps: nat.addresses.flatMap((a) => (a.privateIp ? [a.privateIp] : [])),
    })),
    endpoints: index.endpointsOfVpc(vpc.id).map((e) => ({
      id: e.id,
      type: e.type,
      serviceName: e.serviceName,
      state: e.state,
      privateDns: e.privateDnsEnabled,
      privateDnsOnlyForInboundResolverEndpoint: e.dnsOptions?.privateDnsOnlyForInboundResolverEndpoint ?? null,
      subnetIds: e.subnetIds,
      routeTableIds: e.routeTableIds,
      securityGroupIds: e.securityGroupIds,
    })),
    notebooks: notebooks.map(notebookSummary),
    counts: {
      routeTables: groups.routeTables.get(vpc.id)?.length ?? 0,
      securityGroups: groups.securityGroups.get(vpc.id)?.length ?? 0,
      networkAcls: groups.networkAcls.get(vpc.id)?.length ?? 0,
      networkInterfaces: groups.networkInterfaces.get(vpc.id)?.length ?? 0,
      instances: groups.instances.get(vpc.id)?.length ?? 0,
    },
  };
}

type SharedCount = keyof SharedVpcUse["counts"];

/**
 * Per scope, the VPCs of other scopes its records sit in: one pass over the records that name a VPC
 * or subnet, so a shared VPC's workload account shows what it has there rather than "0 VPCs".
 *
 * @param model - the model
 */
function sharedVpcUses(model: Model): Map<string, SharedVpcUse[]> {
  const uses = new Map<string, Map<string, SharedVpcUse>>();
  const note = (scope: Scope, vpcId: string | undefined, subnetId: string | undefined, kind: SharedCount | undefined) => {
    const vpc = vpcId === undefined ? undefined : model.vpcs.get(vpcId);
    const key = scopeKey(scope);
    if (!vpc || scopeKey(vpc.scope) === key) return;
    let byVpc = uses.get(key);
    if (!byVpc) uses.set(key, (byVpc = new Map()));
    let use = byVpc.get(vpc.id);
    if (!use) byVpc.set(vpc.id, (use = { vpcId: vpc.id, ownerAccount: vpc.scope.account ?? null, subnetIds: [], counts: { notebooks: 0, instances: 0, networkInterfaces: 0, securityGroups: 0 } }));
    if (subnetId !== undefined && !use.subnetIds.includes(subnetId)) use.subnetIds.push(subnetId);
    if (kind) use.counts[kind] += 1;
  };
  for (const subnet of model.subnets.values()) note(subnet.scope, subnet.vpcId, subnet.id, undefined);
  for (const instance of model.instances.values()) note(instance.scope, instance.vpcId, instance.subnetId, "instances");
  for (const eni of model.networkInterfaces.values()) note(eni.scope, eni.vpcId, eni.subnetId, "networkInterfaces");
  for (const group of model.securityGroups.values()) note(group.scope, group.vpcId, undefined, "securityGroups");
  for (const notebook of model.notebooks.values()) {
    const subnet = notebook.subnetId === undefined ? undefined : model.subnets.get(notebook.subnetId);
    note(notebook.scope, subnet?.vpcId, subnet?.id, "notebooks");
  }
  return new Map([...uses].map(([key, byVpc]) => [key, [...byVpc.values()].map((use) => ({ ...use, subnetIds: use.subnetIds.sort() }))]));
}

/** Every kind of data a snapshot can hold, in the order `inspect` lists what is missing. */
const ALL_DATA_KINDS: readonly DataKind[] = [
  "vpcs",
  "vpcAttributes",
  "subnets",
  "routeTables",
  "internetGateways",
  "egressOnlyInternetGateways",
  "natGateways",
  "vpcEndpoints",
  "securityGroups",
  "networkAcls",
  "networkInterfaces",
  "instances",
  "addresses",
  "prefixLists",
  "vpcPeeringConnections",
  "transitGateways",
  "transitGatewayAttachments",
  "notebooks",
  "domains",
  "userProfiles",
  "spaces",
  "trainingJobs",
  "processingJobs",
  "tuningJobs",
  "models",
  "endpointConfigs",
  "endpoints",
];

function scopeOf(key: string): Scope {
  const slash = key.indexOf("/");
  const account = key.slice(0, slash);
  return { account: account === "-" ? undefined : account, region: key.slice(slash + 1) };
}

/**
 * Summarises a model for `inspect`.
 *
 * @param index - the model index (from `indexModel`)
 */
export function summarise(index: ModelIndex): InspectSummary {
  const model = index.model;
  const groups = vpcGroups(model);
  const gateways = gatewaysByVpc(model);
  const keys = new Set<string>(model.dataPresent.keys());
  for (const vpc of model.vpcs.values()) keys.add(scopeKey(vpc.scope));
  for (const notebook of model.notebooks.values()) keys.add(scopeKey(notebook.scope));
  const vpcsByScope = groupBy(model.vpcs.values(), (v) => scopeKey(v.scope));
  const notebooksByScope = groupBy(model.notebooks.values(), (n) => scopeKey(n.scope));
  const domainsByScope = groupBy(model.domains.values(), (d) => scopeKey(d.scope));
  const tgwsByScope = groupBy(model.transitGateways.values(), (t) => scopeKey(t.scope));
  const zonesByScope = groupBy(model.hostedZones.values(), (z) => scopeKey(z.scope));
  const workloads = workloadsByScope(model);
  const shared = sharedVpcUses(model);
  for (const key of workloads.keys()) keys.add(key);
  const scopes = [...keys].sort().map((key): ScopeSummary => {
    const scope = scopeOf(key);
    return {
      account: scope.account ?? null,
      region: scope.region,
      dataPresent: [...(model.dataPresent.get(key) ?? [])].sort(),
      dataMissing: ALL_DATA_KINDS.filter((kind) => !model.dataPresent.get(key)?.has(kind)),
      vpcs: (vpcsByScope.get(key) ?? []).map((vpc) => summariseVpc(index, vpc, groups, gateways)),
      sharedVpcs: shared.get(key) ?? [],
      notebooksOutsideVpcs: (notebooksByScope.get(key) ?? [])
        .filter((n) => !n.subnetId || !model.subnets.has(n.subnetId))
        .map(notebookSummary),
      studioDomains: (domainsByScope.get(key) ?? []).map((d) => ({
        id: d.id,
        name: d.domainName,
        appNetworkAccessType: d.appNetworkAccessType,
        vpcId: d.vpcId,
        subnetIds: d.subnetIds,
      })),
      transitGateways: (tgwsByScope.get(key) ?? []).map((t) => transitGatewaySummary(model, t)),
      hostedZones: (zonesByScope.get(key) ?? []).map((z) => ({
        id: z.id,
        zoneName: z.zoneName,
        private: z.privateZone,
        vpcIds: z.vpcs?.map((v) => v.vpcId) ?? null,
        records: z.records?.filter((r) => r.type === "A" || r.type === "CNAME").map((r) => `${r.name} ${r.type} ${r.aliasTarget ? `alias ${r.aliasTarget}` : r.values.join(",")}`) ?? null,
      })),
      sagemakerWorkloads: workloads.get(key) ?? [],
    };
  });
  const counts: Record<string, number> = {};
  for (const [key, value] of Object.entries(model)) if (value instanceof Map && key !== "dataPresent") counts[key] = value.size;
  counts.elasticIps = model.elasticIps.length;
  return {
    source: model.source,
    counts,
    scopes,
    warnings: [...model.warnings],
    danglingReferences: [...model.danglingReferences],
    collectErrors: [...model.collectErrors],
  };
}
