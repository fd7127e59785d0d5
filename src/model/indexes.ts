/**
 * Lookups over a `Model` that the graph builder, the engine, the diagrams and the cost estimator all
 * need: which route table and NACL a subnet uses, which ENIs carry a security group, what a VPC's
 * CIDRs are, and so on. Built once per model (`indexModel`) so no lookup scans the whole estate.
 */
import {
  namedIn,
  type Model,
  type NetworkAcl,
  type NetworkInterface,
  type Notebook,
  type RouteTable,
  type SageMakerEndpoint,
  type Subnet,
  type VpcEndpoint,
  type Instance,
  type HostedZone,
  type TransitGatewayAttachment,
} from "./types.js";
import { keyedLists } from "./overlay.js";

/**
 * A DNS name as records and endpoints compare: lower case, no trailing dot.
 *
 * @param name - a DNS name as the input gives it
 */
export function bareDnsName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** How a subnet came to use a route table or NACL. */
export type AssociationKind = "explicit" | "main" | "default";

export interface SubnetAssociation<T> {
  value: T;
  how: AssociationKind;
}

export interface ModelIndex {
  readonly model: Model;
  /** The route table a subnet uses: its explicit association, else its VPC's main table. */
  routeTableOfSubnet(subnetId: string): SubnetAssociation<RouteTable> | undefined;
  /** The NACL a subnet uses: its explicit association, else its VPC's default NACL. */
  networkAclOfSubnet(subnetId: string): SubnetAssociation<NetworkAcl> | undefined;
  /** The gateway route table associated with an internet or virtual private gateway (edge association), if any. */
  routeTableOfGateway(gatewayId: string): RouteTable | undefined;
  /** Subnets that use a route table (explicitly or as the main table). */
  subnetsUsingRouteTable(routeTableId: string): Subnet[];
  /** ENIs that carry a security group. */
  interfacesWithSecurityGroup(groupId: string): NetworkInterface[];
  /** ENIs in a subnet. */
  interfacesInSubnet(subnetId: string): NetworkInterface[];
  /** ENIs with a public IPv4 address on any of their private addresses, in model order. */
  interfacesWithPublicIp(): NetworkInterface[];
  /** ENIs of type `nat_gateway`, in model order. */
  natGatewayInterfaces(): NetworkInterface[];
  /** ENI owning a private IPv4 address, within a VPC. */
  interfaceByPrivateIp(vpcId: string, ip: string): NetworkInterface | undefined;
  subnetsOfVpc(vpcId: string): Subnet[];
  /** The IPv4 CIDRs of a VPC (primary and secondary); empty when the VPC is unknown. */
  vpcCidrs(vpcId: string): string[];
  /** A prefix list's CIDRs; undefined when the list or its entries are not in the snapshot. */
  prefixListCidrs(prefixListId: string): string[] | undefined;
  /** Endpoints of a VPC. */
  endpointsOfVpc(vpcId: string): VpcEndpoint[];
  /** The endpoint an endpoint ENI belongs to. */
  endpointOfInterface(eniId: string): VpcEndpoint | undefined;
  /** Instances with a public IPv4 address (in any state), in model order. */
  instancesWithPublicIp(): Instance[];
  /** The instance an ENI is attached to. */
  instanceOfInterface(eniId: string): Instance | undefined;
  /** The notebook whose ENI this is. */
  notebookOfInterface(eniId: string): Notebook | undefined;
  /** The notebooks in a subnet, in model order. */
  notebooksInSubnet(subnetId: string): Notebook[];
  /** The SageMaker endpoints whose configuration hosts a model (by model id, see `namedIn`), sorted by id. */
  endpointsOfModel(modelId: string): SageMakerEndpoint[];
  /** The VPC attachments (any state, any transit gateway) whose VPC this is, in model order. */
  transitGatewayAttachmentsOfVpc(vpcId: string): TransitGatewayAttachment[];
  /** Interface endpoints of a service (`com.amazonaws.<region>.<service>`), in model order. */
  interfaceEndpointsOfService(serviceName: string): VpcEndpoint[];
  /** Interface endpoints with a DNS entry of this name (compared as `bareDnsName`), in model order. */
  interfaceEndpointsByDnsName(name: string): VpcEndpoint[];
  /** Private hosted zones associated with a VPC, in model order. */
  privateZonesOfVpc(vpcId: string): HostedZone[];
  /**
   * Private hosted zones with an association whose VPC is not known (`HostedZone.vpcsUnknown`), or
   * whose associations are not in the snapshot at all (no get-hosted-zone output), in model order.
   */
  privateZonesWithUnknownVpcs(): HostedZone[];
}

/** A value built on first use. */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const NONE: readonly string[] = [];
const ALL = [""];

/** The last record of a list (a later record overrides an earlier one, as building a Map in the model's order would). */
function last<V>(list: readonly V[]): V | undefined {
  return list[list.length - 1];
}

/**
 * Builds the lookups for a model. Each is a list of records by key (`keyedLists`): for a model whose
 * maps are overlays on another model's (the cost's design models), the other model's lists patched by
 * the records changed, instead of a pass over every record.
 *
 * @param model - the normalized model (from `src/snapshot`)
 * @returns the index; every method is O(1) or O(answer size)
 */
export function indexModel(model: Model): ModelIndex {
  const explicitRouteTable = keyedLists(model.routeTables, "explicitRouteTable", (t) => t.subnetIds);
  // The first table that names a gateway wins, as the scan over tables this replaces did.
  const gatewayRouteTable = keyedLists(model.routeTables, "gatewayRouteTable", (t) => t.gatewayIds);
  const mainRouteTable = keyedLists(model.routeTables, "mainRouteTable", (t) => (t.isMain ? [t.vpcId] : NONE));
  const explicitAcl = keyedLists(model.networkAcls, "explicitAcl", (a) => a.subnetIds);
  const defaultAcl = keyedLists(model.networkAcls, "defaultAcl", (a) => (a.isDefault ? [a.vpcId] : NONE));
  const subnetsByVpc = keyedLists(model.subnets, "subnetsByVpc", (s) => [s.vpcId]);

  const routeTableOfSubnet = (subnetId: string): SubnetAssociation<RouteTable> | undefined => {
    const explicit = last(explicitRouteTable.get(subnetId));
    if (explicit) return { value: explicit, how: "explicit" };
    const subnet = model.subnets.get(subnetId);
    const main = subnet ? last(mainRouteTable.get(subnet.vpcId)) : undefined;
    return main ? { value: main, how: "main" } : undefined;
  };

  // Built on first use: the cost's thousands of design models (a Region each, for a VPC joined to a
  // transit gateway) are indexed once each, and their queries never ask these.
  const subnetsByTable = once(() => {
    const map = new Map<string, Subnet[]>();
    for (const subnet of model.subnets.values()) {
      const table = routeTableOfSubnet(subnet.id)?.value;
      if (table) pushTo(map, table.id, subnet);
    }
    return map;
  });
  const enisByGroup = once(() => keyedLists(model.networkInterfaces, "enisByGroup", (eni) => eni.securityGroupIds));
  const eniByVpcIp = once(() => keyedLists(model.networkInterfaces, "eniByVpcIp", (eni) => eni.privateIps.map((address) => `${eni.vpcId}|${address.privateIp}`)));

  const enisBySubnet = keyedLists(model.networkInterfaces, "enisBySubnet", (eni) => [eni.subnetId]);
  // The cost's billed-address scan reads only these: listing them here spares it a pass over every ENI of each design's model.
  const publicEnis = keyedLists(model.networkInterfaces, "publicEnis", (eni) => (eni.privateIps.some((address) => address.publicIp) ? ALL : NONE));
  const natEnis = keyedLists(model.networkInterfaces, "natEnis", (eni) => (eni.interfaceType === "nat_gateway" ? ALL : NONE));

  const endpointsByVpc = keyedLists(model.vpcEndpoints, "endpointsByVpc", (endpoint) => [endpoint.vpcId]);
  const endpointByEni = keyedLists(model.vpcEndpoints, "endpointByEni", (endpoint) => endpoint.networkInterfaceIds);

  // Queries ask these per notebook and destination: scanning every endpoint, attachment or zone each time cost seconds on large estates.
  const endpointsByService = keyedLists(model.vpcEndpoints, "endpointsByService", (endpoint) => (endpoint.type === "Interface" ? [endpoint.serviceName] : NONE));
  const endpointsByDnsName = keyedLists(model.vpcEndpoints, "endpointsByDnsName", (endpoint) =>
    endpoint.type === "Interface" ? [...new Set(endpoint.dnsEntries.map((d) => bareDnsName(d.dnsName)))] : NONE);
  const attachmentsByVpc = keyedLists(model.transitGatewayAttachments, "attachmentsByVpc", (attachment) =>
    attachment.resourceType === "vpc" && attachment.resourceId !== undefined ? [attachment.resourceId] : NONE);
  const zonesByVpc = keyedLists(model.hostedZones, "zonesByVpc", (zone) => (zone.privateZone ? [...new Set(zone.vpcs?.map((v) => v.vpcId))] : NONE));
  // Listed, not filtered from every zone per model: each of the cost's design models asked it once, a pass over the estate's zones.
  const zonesWithUnknownVpcs = keyedLists(model.hostedZones, "zonesWithUnknownVpcs", (zone) =>
    zone.privateZone && (zone.vpcs === undefined || zone.vpcsUnknown !== undefined) ? ALL : NONE);

  const instanceByEni = keyedLists(model.instances, "instanceByEni", (instance) => instance.networkInterfaceIds);
  const publicInstances = keyedLists(model.instances, "publicInstances", (instance) => (instance.publicIp ? ALL : NONE));

  const notebookByEni = keyedLists(model.notebooks, "notebookByEni", (notebook) => (notebook.networkInterfaceId ? [notebook.networkInterfaceId] : NONE));
  const notebooksBySubnet = once(() => keyedLists(model.notebooks, "notebooksBySubnet", (notebook) => (notebook.subnetId ? [notebook.subnetId] : NONE)));

  const endpointsByModel = once(() => {
    const map = new Map<string, SageMakerEndpoint[]>();
    for (const endpoint of [...model.endpoints.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const config = endpoint.endpointConfigName ? namedIn(model.endpointConfigs, endpoint.scope, endpoint.endpointConfigName) : undefined;
      const modelIds = config?.variants.flatMap((v) => (v.modelName ? (namedIn(model.models, config.scope, v.modelName)?.id ?? []) : []));
      for (const modelId of new Set(modelIds)) pushTo(map, modelId, endpoint);
    }
    return map;
  });

  return {
    model,
    routeTableOfSubnet,
    networkAclOfSubnet(subnetId) {
      const explicit = last(explicitAcl.get(subnetId));
      if (explicit) return { value: explicit, how: "explicit" };
      const subnet = model.subnets.get(subnetId);
      const fallback = subnet ? last(defaultAcl.get(subnet.vpcId)) : undefined;
      return fallback ? { value: fallback, how: "default" } : undefined;
    },
    routeTableOfGateway: (gatewayId) => gatewayRouteTable.get(gatewayId)[0],
    subnetsUsingRouteTable: (routeTableId) => subnetsByTable().get(routeTableId) ?? [],
    interfacesWithSecurityGroup: (groupId) => enisByGroup().get(groupId) as NetworkInterface[],
    interfacesInSubnet: (subnetId) => enisBySubnet.get(subnetId) as NetworkInterface[],
    interfacesWithPublicIp: () => publicEnis.get("") as NetworkInterface[],
    natGatewayInterfaces: () => natEnis.get("") as NetworkInterface[],
    interfaceByPrivateIp: (vpcId, ip) => last(eniByVpcIp().get(`${vpcId}|${ip}`)),
    subnetsOfVpc: (vpcId) => subnetsByVpc.get(vpcId) as Subnet[],
    vpcCidrs: (vpcId) => model.vpcs.get(vpcId)?.cidrs ?? [],
    prefixListCidrs: (prefixListId) => model.prefixLists.get(prefixListId)?.cidrs,
    endpointsOfVpc: (vpcId) => endpointsByVpc.get(vpcId) as VpcEndpoint[],
    endpointOfInterface: (eniId) => last(endpointByEni.get(eniId)),
    instancesWithPublicIp: () => publicInstances.get("") as Instance[],
    instanceOfInterface: (eniId) => last(instanceByEni.get(eniId)),
    notebookOfInterface: (eniId) => last(notebookByEni.get(eniId)),
    notebooksInSubnet: (subnetId) => notebooksBySubnet().get(subnetId) as Notebook[],
    endpointsOfModel: (modelId) => endpointsByModel().get(modelId) ?? [],
    transitGatewayAttachmentsOfVpc: (vpcId) => attachmentsByVpc.get(vpcId) as TransitGatewayAttachment[],
    interfaceEndpointsOfService: (serviceName) => endpointsByService.get(serviceName) as VpcEndpoint[],
    interfaceEndpointsByDnsName: (name) => endpointsByDnsName.get(bareDnsName(name)) as VpcEndpoint[],
    privateZonesOfVpc: (vpcId) => zonesByVpc.get(vpcId) as HostedZone[],
    privateZonesWithUnknownVpcs: () => zonesWithUnknownVpcs.get("") as HostedZone[],
  };
}
