/**
 * What-if transforms for VPC endpoints: remove the endpoints of some services, add an S3 (or
 * DynamoDB) gateway endpoint with its prefix-list routes on given route tables, and add an interface
 * endpoint with one ENI per client AZ, a security group admitting the clients on HTTPS, and private
 * DNS on (which needs the VPC's DNS support and DNS hostnames attributes, so they are turned on, and
 * conflicts with a private hosted zone of the service's name, so such a zone is disassociated).
 *
 * AWS pages modelled: https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html,
 * https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html,
 * https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html.
 */
import type { Model, NetworkInterface, PrefixList, SecurityGroup, Subnet, VpcEndpoint } from "../model/types.js";
import { defaultServiceName } from "../engine/rules/private-dns.js";
import { keyedLists } from "../model/overlay.js";
import { isBilledEndpoint } from "./fixed-costs.js";
import { finish, freeIpInSubnet, markPresent, routeTableOf, start, tablesConfined, uniqueWhatIfId, whatIfId, writableSecurityGroups, WHAT_IF_ORIGIN, type Draft, type WhatIf } from "./what-if-draft.js";

/**
 * The endpoint service name of a short service name in a Region.
 *
 * @param region - e.g. `us-east-1`
 * @param service - e.g. `s3`, `sagemaker.api`, `sts`
 */
export function endpointServiceName(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}

function regionOf(draft: Draft, vpcId: string): string {
  const vpc = draft.model.vpcs.get(vpcId);
  if (vpc) return vpc.scope.region;
  const [subnet] = draft.model.subnets.inGroup(vpcId);
  if (subnet) return subnet.scope.region;
  return "unknown-region";
}

/**
 * Removes a VPC's endpoints for some services, with their routes and network interfaces.
 *
 * @param input - the model (or an earlier transform)
 * @param vpcId - the VPC
 * @param services - short service names (`s3`, `sagemaker.api`, …)
 */
export function withoutEndpoints(input: Model | WhatIf, vpcId: string, services: readonly string[]): WhatIf {
  const { draft, previous } = start(input);
  const m = draft.model;
  const names = new Set(services.map((s) => endpointServiceName(regionOf(draft, vpcId), s)));
  // Routes to the VPC's endpoints are in the VPC's tables, unless the data says otherwise (`tablesConfined`).
  const tables = tablesConfined(draft) ? [...m.routeTables.inGroup(vpcId)] : [...m.routeTables.values()];
  for (const endpoint of [...m.vpcEndpoints.inGroup(vpcId)]) {
    if (!names.has(endpoint.serviceName)) continue;
    m.vpcEndpoints.delete(endpoint.id);
    for (const eniId of endpoint.networkInterfaceIds) m.networkInterfaces.delete(eniId);
    for (const stale of tables) {
      const table = m.routeTables.get(stale.id)!;
      const kept = table.routes.filter((r) => !(r.target.kind === "gateway-endpoint" && r.target.id === endpoint.id));
      if (kept.length !== table.routes.length) m.routeTables.set(table.id, { ...table, routes: kept });
    }
    draft.changes.push(`delete ${endpoint.type.toLowerCase()} endpoint ${endpoint.id} (${endpoint.serviceName})`);
  }
  return finish(draft, previous);
}

/** The Region's AWS-managed prefix list of a gateway service, created (entries unknown) when absent. */
function servicePrefixList(draft: Draft, vpcId: string, serviceName: string): PrefixList {
  const region = regionOf(draft, vpcId);
  const found = [...draft.model.prefixLists.values()].find((p) => p.prefixListName === serviceName && p.scope.region === region);
  if (found) return found;
  const vpc = draft.model.vpcs.get(vpcId);
  const list: PrefixList = {
    id: whatIfId("pl", serviceName), scope: vpc?.scope ?? { account: undefined, region }, name: undefined, tags: {},
    origin: WHAT_IF_ORIGIN, prefixListName: serviceName, cidrs: undefined, awsManaged: true,
  };
  draft.model.prefixLists.set(list.id, list);
  draft.warnings.push(`the snapshot has no ${serviceName} prefix list (describe-prefix-lists); its addresses are unknown`);
  return list;
}

/**
 * Adds a gateway endpoint (or reuses the VPC's) and its prefix-list route on the route tables the
 * given subnets use.
 *
 * @param input - the model (or an earlier transform)
 * @param vpcId - the VPC
 * @param service - `s3` or `dynamodb`
 * @param subnetIds - the client subnets (their route tables get the route)
 */
export function withGatewayEndpoint(input: Model | WhatIf, vpcId: string, service: string, subnetIds: readonly string[]): WhatIf {
  const { draft, previous } = start(input);
  const m = draft.model;
  const serviceName = endpointServiceName(regionOf(draft, vpcId), service);
  const list = servicePrefixList(draft, vpcId, serviceName);
  let endpoint = [...m.vpcEndpoints.inGroup(vpcId)].find(
    (e) => e.type === "Gateway" && e.serviceName === serviceName && e.state.toLowerCase() === "available",
  );
  if (!endpoint) {
    endpoint = newEndpoint(draft, vpcId, "Gateway", serviceName);
    draft.changes.push(`create gateway endpoint ${endpoint.id} (${serviceName})`);
  }
  const tableIds = new Set(endpoint.routeTableIds);
  for (const subnetId of subnetIds) {
    const subnet = m.subnets.get(subnetId);
    const table = subnet ? routeTableOf(draft, subnet) : undefined;
    if (!table || tableIds.has(table.id)) continue;
    tableIds.add(table.id);
    const routes = table.routes.filter((r) => !(r.destination.kind === "prefix-list" && r.destination.prefixListId === list.id));
    routes.push({ destination: { kind: "prefix-list", prefixListId: list.id }, target: { kind: "gateway-endpoint", id: endpoint.id }, state: "active", origin: "CreateRoute" });
    m.routeTables.set(table.id, { ...table, routes });
    draft.changes.push(`associate ${endpoint.id} with ${table.id} (route ${list.id} → ${endpoint.id})`);
  }
  m.vpcEndpoints.set(endpoint.id, { ...endpoint, routeTableIds: [...tableIds] });
  markPresent(draft, endpoint.scope, ["vpcEndpoints", "routeTables"]);
  return finish(draft, previous);
}

function newEndpoint(draft: Draft, vpcId: string, type: VpcEndpoint["type"], serviceName: string): VpcEndpoint {
  const region = regionOf(draft, vpcId);
  const vpc = draft.model.vpcs.get(vpcId);
  return {
    id: uniqueWhatIfId(draft.model.vpcEndpoints, whatIfId("vpce", serviceName.replace(`com.amazonaws.${region}.`, "")), vpcId), scope: vpc?.scope ?? { account: undefined, region },
    name: "what-if", tags: {}, origin: WHAT_IF_ORIGIN, vpcId, type, serviceName, state: "available", routeTableIds: [],
    subnetIds: [], networkInterfaceIds: [], securityGroupIds: [], privateDnsEnabled: false, dnsEntries: [], policyDocument: undefined,
  };
}

/** A security group admitting HTTPS from the clients' CIDRs (the client subnets', unless others are given). */
function clientSecurityGroup(draft: Draft, endpointId: string, clients: readonly Subnet[], vpcId: string, clientCidrs?: readonly string[]): SecurityGroup {
  const vpc = draft.model.vpcs.get(vpcId);
  const id = whatIfId("sg", endpointId.replace(/^vpce-(whatif-)?/, ""));
  const group: SecurityGroup = {
    id, scope: vpc?.scope ?? clients[0]!.scope, name: "what-if", tags: {}, origin: WHAT_IF_ORIGIN, vpcId,
    groupName: `${endpointId}-clients`, description: "HTTPS from the notebook subnets",
    ingress: (clientCidrs ?? clients.map((s) => s.cidr)).map((cidr, i) => ({
      groupId: id, direction: "ingress" as const, protocol: "tcp" as const, ports: { from: 443, to: 443 },
      peer: { kind: "cidr" as const, cidr }, description: `HTTPS from ${clientCidrs ? cidr : clients[i]!.id}`, permissionIndex: i,
    })),
    egress: [{ groupId: id, direction: "egress", protocol: "all", ports: undefined, peer: { kind: "cidr", cidr: "0.0.0.0/0" }, description: undefined, permissionIndex: 0 }],
  };
  writableSecurityGroups(draft).set(id, group);
  return group;
}

/** Turns on the VPC's DNS attributes that private DNS needs. */
function enableVpcDns(draft: Draft, vpcId: string): void {
  const vpc = draft.model.vpcs.get(vpcId);
  if (!vpc || (vpc.enableDnsSupport === true && vpc.enableDnsHostnames === true)) return;
  draft.model.vpcs.set(vpcId, { ...vpc, enableDnsSupport: true, enableDnsHostnames: true });
  markPresent(draft, vpc.scope, ["vpcAttributes"]);
  draft.changes.push(`turn on enableDnsSupport and enableDnsHostnames on ${vpcId} (private DNS needs them)`);
}

/**
 * Disassociates from some VPCs the private hosted zones named `name` (an endpoint's private DNS
 * conflicts with such a zone, and a new shared zone replaces it).
 *
 * @param draft - the draft
 * @param name - the zone name (a service's default DNS name)
 * @param vpcIds - the VPCs to disassociate
 */
export function disassociateZones(draft: Draft, name: string, vpcIds: ReadonlySet<string>): void {
  // Only the zones of that name (a Region's part holds a zone per VPC or more; this runs per endpoint added).
  for (const zone of [...keyedLists(draft.model.hostedZones, "byZoneName", (z) => [z.zoneName]).get(name)]) {
    const kept = zone.vpcs?.filter((v) => !vpcIds.has(v.vpcId));
    if (!zone.privateZone || zone.zoneName !== name || !kept || kept.length === zone.vpcs!.length) continue;
    draft.model.hostedZones.set(zone.id, { ...zone, vpcs: kept });
    draft.changes.push(`disassociate private hosted zone ${zone.id} (${name}) from ${zone.vpcs!.filter((v) => vpcIds.has(v.vpcId)).map((v) => v.vpcId).join(", ")}`);
  }
}

/** Adds an endpoint ENI in a subnet. */
function addEndpointInterface(draft: Draft, endpoint: VpcEndpoint, subnet: Subnet, groupIds: string[]): string | undefined {
  const ip = freeIpInSubnet(draft, subnet.id);
  if (!ip) {
    draft.warnings.push(`cannot place ${endpoint.id} in ${subnet.id}: no free address`);
    return undefined;
  }
  const eni: NetworkInterface = {
    id: whatIfId("eni", endpoint.id.replace(/^vpce-(whatif-)?/, ""), subnet.availabilityZone), scope: subnet.scope, name: undefined, tags: {},
    origin: WHAT_IF_ORIGIN, vpcId: subnet.vpcId, subnetId: subnet.id, availabilityZone: subnet.availabilityZone,
    interfaceType: "vpc_endpoint", status: "in-use", privateIps: [{ privateIp: ip, primary: true, publicIp: undefined }],
    securityGroupIds: groupIds, sourceDestCheck: true, attachedInstanceId: undefined, requesterManaged: true,
    requesterId: undefined, description: `VPC Endpoint Interface ${endpoint.id}`,
  };
  draft.model.networkInterfaces.set(eni.id, eni);
  return eni.id;
}

/** How a shared endpoint differs from a VPC's own: clients in other VPCs, resolved by private hosted zones. */
export interface InterfaceEndpointOptions {
  /** CIDRs the security group admits instead of the client subnets' (the spokes of a shared-services VPC). */
  clientCidrs?: readonly string[];
  /** Private DNS (default on); off for an endpoint that private hosted zones resolve for other VPCs. */
  privateDns?: boolean;
}

/**
 * Adds an interface endpoint for a service (or fixes the VPC's existing one) so the client subnets
 * can use it by the service's default name: an ENI in one client subnet per AZ not yet covered, a
 * security group admitting HTTPS from the client subnets, private DNS on.
 *
 * @param input - the model (or an earlier transform)
 * @param vpcId - the VPC
 * @param service - short service name (`sagemaker.api`, `sagemaker.runtime`, `sts`, …)
 * @param clientSubnetIds - the notebooks' subnets (for a shared endpoint: the subnets it is placed in)
 * @param options - other clients' CIDRs and private DNS off, for a shared endpoint
 */
export function withInterfaceEndpoint(input: Model | WhatIf, vpcId: string, service: string, clientSubnetIds: readonly string[], options: InterfaceEndpointOptions = {}): WhatIf {
  const { draft, previous } = start(input);
  const m = draft.model;
  const serviceName = endpointServiceName(regionOf(draft, vpcId), service);
  const clients = clientSubnetIds
    .map((id) => m.subnets.get(id))
    .filter((s): s is Subnet => s !== undefined && s.vpcId === vpcId)
    .sort((a, b) => a.id.localeCompare(b.id));
  if (clients.length === 0) return finish(draft, previous);
  const existing = [...m.vpcEndpoints.inGroup(vpcId)].find(
    (e) => e.type === "Interface" && e.serviceName === serviceName && isBilledEndpoint(e),
  );
  let endpoint = existing ?? newEndpoint(draft, vpcId, "Interface", serviceName);
  const group = clientSecurityGroup(draft, endpoint.id, clients, vpcId, options.clientCidrs);
  const privateDns = options.privateDns ?? true;
  const groupIds = [...endpoint.securityGroupIds, group.id];
  if (existing) {
    for (const eniId of existing.networkInterfaceIds) {
      const eni = m.networkInterfaces.get(eniId);
      if (eni) m.networkInterfaces.set(eniId, { ...eni, securityGroupIds: [...eni.securityGroupIds, group.id] });
    }
    draft.changes.push(`add security group ${group.id} (HTTPS from the notebook subnets) to ${existing.id}`);
  }
  const coveredAzs = new Set(endpoint.subnetIds.map((id) => m.subnets.get(id)?.availabilityZone));
  const subnetIds = [...endpoint.subnetIds];
  const eniIds = [...endpoint.networkInterfaceIds];
  for (const subnet of clients) {
    if (coveredAzs.has(subnet.availabilityZone)) continue;
    const eniId = addEndpointInterface(draft, endpoint, subnet, groupIds);
    if (!eniId) continue;
    coveredAzs.add(subnet.availabilityZone);
    subnetIds.push(subnet.id);
    eniIds.push(eniId);
  }
  const dnsName = `${endpoint.id}.${service.split(".").reverse().join(".")}.${endpoint.scope.region}.vpce.amazonaws.com`;
  endpoint = {
    ...endpoint, subnetIds, networkInterfaceIds: eniIds, securityGroupIds: groupIds, privateDnsEnabled: privateDns,
    dnsEntries: endpoint.dnsEntries.length > 0 ? endpoint.dnsEntries : [{ dnsName, hostedZoneId: undefined }],
  };
  m.vpcEndpoints.set(endpoint.id, endpoint);
  if (!existing) {
    const clientsText = options.clientCidrs ? options.clientCidrs.join(", ") : "the notebook subnets";
    draft.changes.push(`create interface endpoint ${endpoint.id} (${serviceName}) in ${subnetIds.join(", ")}, private DNS ${privateDns ? "on" : "off"}, security group ${group.id} admitting HTTPS from ${clientsText}`);
  } else if (!existing.privateDnsEnabled && privateDns) {
    draft.changes.push(`turn on private DNS for ${existing.id}`);
  }
  if (existing && subnetIds.length > existing.subnetIds.length) {
    draft.changes.push(`add ${existing.id} to ${subnetIds.slice(existing.subnetIds.length).join(", ")}`);
  }
  if (privateDns) {
    enableVpcDns(draft, vpcId);
    disassociateZones(draft, defaultServiceName(service, endpoint.scope.region), new Set([vpcId]));
  }
  markPresent(draft, endpoint.scope, ["vpcEndpoints", "networkInterfaces", "securityGroups"]);
  return finish(draft, previous);
}
