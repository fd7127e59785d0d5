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

/**
 * Builds the lookups for a model.
 *
 * @param model - the normalized model (from `src/snapshot`)
 * @returns the index; every method is O(1) or O(answer size)
 */
export function indexModel(model: Model): ModelIndex {
  const explicitRouteTable = new Map<string, RouteTable>();
  const mainRouteTable = new Map<string, RouteTable>();
  const gatewayRouteTable = new Map<string, RouteTable>();
  for (const table of model.routeTables.values()) {
    for (const subnetId of table.subnetIds) explicitRouteTable.set(subnetId, table);
    // The first table that names a gateway wins, as the scan over tables this replaces did.
    for (const gatewayId of table.gatewayIds) if (!gatewayRouteTable.has(gatewayId)) gatewayRouteTable.set(gatewayId, table);
    if (table.isMain) mainRouteTable.set(table.vpcId, table);
  }

  const explicitAcl = new Map<string, NetworkAcl>();
  const defaultAcl = new Map<string, NetworkAcl>();
  for (const acl of model.networkAcls.values()) {
    for (const subnetId of acl.subnetIds) explicitAcl.set(subnetId, acl);
    if (acl.isDefault) defaultAcl.set(acl.vpcId, acl);
  }

  const subnetsByVpc = new Map<string, Subnet[]>();
  for (const subnet of model.subnets.values()) pushTo(subnetsByVpc, subnet.vpcId, subnet);

  // Built on first use: the cost's thousands of design models (a Region each, for a VPC joined to a
  // transit gateway) are indexed once each, and their queries never ask these.
  const subnetsByTable = once(() => {
    const map = new Map<string, Subnet[]>();
    for (const subnet of model.subnets.values()) {
      const table = explicitRouteTable.get(subnet.id) ?? mainRouteTable.get(subnet.vpcId);
      if (table) pushTo(map, table.id, subnet);
    }
    return map;
  });
  const enisByGroup = once(() => {
    const map = new Map<string, NetworkInterface[]>();
    for (const eni of model.networkInterfaces.values()) for (const groupId of eni.securityGroupIds) pushTo(map, groupId, eni);
    return map;
  });
  const eniByVpcIp = once(() => {
    const map = new Map<string, NetworkInterface>();
    for (const eni of model.networkInterfaces.values()) for (const address of eni.privateIps) map.set(`${eni.vpcId}|${address.privateIp}`, eni);
    return map;
  });

  const enisBySubnet = new Map<string, NetworkInterface[]>();
  // The cost's billed-address scan reads only these: listing them here spares it a pass over every ENI of each design's model.
  const publicEnis: NetworkInterface[] = [];
  const natEnis: NetworkInterface[] = [];
  for (const eni of model.networkInterfaces.values()) {
    pushTo(enisBySubnet, eni.subnetId, eni);
    if (eni.privateIps.some((address) => address.publicIp)) publicEnis.push(eni);
    if (eni.interfaceType === "nat_gateway") natEnis.push(eni);
  }

  const endpointsByVpc = new Map<string, VpcEndpoint[]>();
  const endpointByEni = new Map<string, VpcEndpoint>();
  for (const endpoint of model.vpcEndpoints.values()) {
    pushTo(endpointsByVpc, endpoint.vpcId, endpoint);
    for (const eniId of endpoint.networkInterfaceIds) endpointByEni.set(eniId, endpoint);
  }

  // Queries ask these per notebook and destination: scanning every endpoint, attachment or zone each time cost seconds on large estates.
  const endpointsByService = new Map<string, VpcEndpoint[]>();
  const endpointsByDnsName = new Map<string, VpcEndpoint[]>();
  for (const endpoint of model.vpcEndpoints.values()) {
    if (endpoint.type !== "Interface") continue;
    pushTo(endpointsByService, endpoint.serviceName, endpoint);
    for (const name of new Set(endpoint.dnsEntries.map((d) => bareDnsName(d.dnsName)))) pushTo(endpointsByDnsName, name, endpoint);
  }
  const attachmentsByVpc = new Map<string, TransitGatewayAttachment[]>();
  for (const attachment of model.transitGatewayAttachments.values()) {
    if (attachment.resourceType === "vpc" && attachment.resourceId !== undefined) pushTo(attachmentsByVpc, attachment.resourceId, attachment);
  }
  const zonesByVpc = new Map<string, HostedZone[]>();
  for (const zone of model.hostedZones.values()) {
    if (zone.privateZone) for (const vpcId of new Set(zone.vpcs?.map((v) => v.vpcId))) pushTo(zonesByVpc, vpcId, zone);
  }

  const instanceByEni = new Map<string, Instance>();
  const publicInstances: Instance[] = [];
  for (const instance of model.instances.values()) {
    for (const eniId of instance.networkInterfaceIds) instanceByEni.set(eniId, instance);
    if (instance.publicIp) publicInstances.push(instance);
  }

  const notebookByEni = new Map<string, Notebook>();
  for (const notebook of model.notebooks.values()) {
    if (notebook.networkInterfaceId) notebookByEni.set(notebook.networkInterfaceId, notebook);
  }

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
    routeTableOfSubnet(subnetId) {
      const explicit = explicitRouteTable.get(subnetId);
      if (explicit) return { value: explicit, how: "explicit" };
      const subnet = model.subnets.get(subnetId);
      const main = subnet ? mainRouteTable.get(subnet.vpcId) : undefined;
      return main ? { value: main, how: "main" } : undefined;
    },
    networkAclOfSubnet(subnetId) {
      const explicit = explicitAcl.get(subnetId);
      if (explicit) return { value: explicit, how: "explicit" };
      const subnet = model.subnets.get(subnetId);
      const fallback = subnet ? defaultAcl.get(subnet.vpcId) : undefined;
      return fallback ? { value: fallback, how: "default" } : undefined;
    },
    routeTableOfGateway: (gatewayId) => gatewayRouteTable.get(gatewayId),
    subnetsUsingRouteTable: (routeTableId) => subnetsByTable().get(routeTableId) ?? [],
    interfacesWithSecurityGroup: (groupId) => enisByGroup().get(groupId) ?? [],
    interfacesInSubnet: (subnetId) => enisBySubnet.get(subnetId) ?? [],
    interfacesWithPublicIp: () => publicEnis,
    natGatewayInterfaces: () => natEnis,
    interfaceByPrivateIp: (vpcId, ip) => eniByVpcIp().get(`${vpcId}|${ip}`),
    subnetsOfVpc: (vpcId) => subnetsByVpc.get(vpcId) ?? [],
    vpcCidrs: (vpcId) => model.vpcs.get(vpcId)?.cidrs ?? [],
    prefixListCidrs: (prefixListId) => model.prefixLists.get(prefixListId)?.cidrs,
    endpointsOfVpc: (vpcId) => endpointsByVpc.get(vpcId) ?? [],
    endpointOfInterface: (eniId) => endpointByEni.get(eniId),
    instancesWithPublicIp: () => publicInstances,
    instanceOfInterface: (eniId) => instanceByEni.get(eniId),
    notebookOfInterface: (eniId) => notebookByEni.get(eniId),
    endpointsOfModel: (modelId) => endpointsByModel().get(modelId) ?? [],
    transitGatewayAttachmentsOfVpc: (vpcId) => attachmentsByVpc.get(vpcId) ?? [],
    interfaceEndpointsOfService: (serviceName) => endpointsByService.get(serviceName) ?? [],
    interfaceEndpointsByDnsName: (name) => endpointsByDnsName.get(bareDnsName(name)) ?? [],
    privateZonesOfVpc: (vpcId) => zonesByVpc.get(vpcId) ?? [],
  };
}
