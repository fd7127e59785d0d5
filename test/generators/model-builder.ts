/**
 * Builds valid `Model` objects for tests without going through the loader: small constructors that
 * fill every field of a record with a sensible default, and `assembleModel` that turns lists of
 * records into the model's maps with `dataPresent` set for every kind. Shared by the reference
 * evaluator's unit tests, the fast-check generators and the regression fixtures.
 */
import type {
  BpaExclusion,
  BpaOptions,
  DataKind,
  ElasticIp,
  Instance,
  InternetGateway,
  Model,
  NatGateway,
  NetworkAcl,
  NetworkAclEntry,
  NetworkInterface,
  Notebook,
  PrefixList,
  Route,
  RouteTable,
  Scope,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayRouteTable,
  HostedZone,
  Vpc,
  VpcEndpoint,
  VpcPeeringConnection,
} from "../../src/model/types.js";
import { scopeKey } from "../../src/model/types.js";

export const SCOPE: Scope = { account: "111122223333", region: "us-east-1" };
const ORIGIN = { file: "generated", jsonPath: "$" };

const ALL_KINDS: DataKind[] = [
  "vpcs", "vpcAttributes", "subnets", "routeTables", "internetGateways", "egressOnlyInternetGateways",
  "natGateways", "vpcEndpoints", "securityGroups", "networkAcls", "networkInterfaces", "instances",
  "addresses", "prefixLists", "vpcPeeringConnections", "transitGateways", "transitGatewayAttachments", "transitGatewayRouteTables", "hostedZones",
  "notebooks", "domains", "trainingJobs", "processingJobs", "tuningJobs", "models", "endpointConfigs", "endpoints", "userProfiles", "spaces",
];

function base(id: string) {
  return { id, scope: SCOPE, name: undefined, tags: {}, origin: ORIGIN };
}

/** The records a model is assembled from; any list may be omitted. */
export interface ModelParts {
  vpcs?: Vpc[];
  subnets?: Subnet[];
  routeTables?: RouteTable[];
  internetGateways?: InternetGateway[];
  natGateways?: NatGateway[];
  vpcEndpoints?: VpcEndpoint[];
  securityGroups?: SecurityGroup[];
  networkAcls?: NetworkAcl[];
  networkInterfaces?: NetworkInterface[];
  instances?: Instance[];
  elasticIps?: ElasticIp[];
  prefixLists?: PrefixList[];
  vpcPeeringConnections?: VpcPeeringConnection[];
  transitGateways?: TransitGateway[];
  transitGatewayAttachments?: TransitGatewayAttachment[];
  transitGatewayRouteTables?: TransitGatewayRouteTable[];
  hostedZones?: HostedZone[];
  notebooks?: Notebook[];
  blockPublicAccessOptions?: BpaOptions[];
  blockPublicAccessExclusions?: BpaExclusion[];
}

function byId<T extends { id: string }>(list: T[] | undefined): Map<string, T> {
  return new Map((list ?? []).map((record) => [record.id, record]));
}

/**
 * Assembles a model from records, with every data kind marked present for the one test scope.
 *
 * @param parts - the records
 */
export function assembleModel(parts: ModelParts): Model {
  return {
    vpcs: byId(parts.vpcs),
    subnets: byId(parts.subnets),
    routeTables: byId(parts.routeTables),
    internetGateways: byId(parts.internetGateways),
    egressOnlyInternetGateways: new Map(),
    natGateways: byId(parts.natGateways),
    vpcEndpoints: byId(parts.vpcEndpoints),
    securityGroups: byId(parts.securityGroups),
    networkAcls: byId(parts.networkAcls),
    networkInterfaces: byId(parts.networkInterfaces),
    instances: byId(parts.instances),
    elasticIps: parts.elasticIps ?? [],
    prefixLists: byId(parts.prefixLists),
    vpcPeeringConnections: byId(parts.vpcPeeringConnections),
    transitGateways: byId(parts.transitGateways),
    transitGatewayAttachments: byId(parts.transitGatewayAttachments),
    transitGatewayRouteTables: byId(parts.transitGatewayRouteTables),
    hostedZones: byId(parts.hostedZones),
    notebooks: byId(parts.notebooks),
    domains: new Map(),
    trainingJobs: new Map(), processingJobs: new Map(), tuningJobs: new Map(), models: new Map(), endpointConfigs: new Map(), endpoints: new Map(), userProfiles: new Map(), spaces: new Map(),
    blockPublicAccessOptions: byId(parts.blockPublicAccessOptions),
    blockPublicAccessExclusions: byId(parts.blockPublicAccessExclusions),
    dataPresent: new Map([[scopeKey(SCOPE), new Set(ALL_KINDS)]]),
    danglingReferences: [],
    collectErrors: [],
    warnings: [],
    source: "generated",
  };
}

/** A VPC with DNS support and hostnames on. */
export function vpc(id: string, cidrs: string[]): Vpc {
  return { ...base(id), cidrs, ipv6Cidrs: [], isDefault: false, state: "available", enableDnsSupport: true, enableDnsHostnames: true };
}

export function subnet(id: string, vpcId: string, cidr: string, availabilityZone = "us-east-1a"): Subnet {
  return { ...base(id), vpcId, cidr, ipv6Cidrs: [], availabilityZone, availabilityZoneId: undefined, mapPublicIpOnLaunch: false };
}

/** A static route to a CIDR (or a prefix list when `destination` starts with `pl-`). */
export function route(destination: string, target: Route["target"], state: Route["state"] = "active"): Route {
  return {
    destination: destination.startsWith("pl-") ? { kind: "prefix-list", prefixListId: destination } : { kind: "cidr", cidr: destination },
    target,
    state,
    origin: "CreateRoute",
  };
}

/** A route table; the local route for each VPC CIDR is added first. */
export function routeTable(id: string, vpcRecord: Vpc, opts: { main?: boolean; subnetIds?: string[]; routes?: Route[] }): RouteTable {
  const local: Route[] = vpcRecord.cidrs.map((cidr) => ({
    destination: { kind: "cidr", cidr },
    target: { kind: "local" },
    state: "active",
    origin: "CreateRouteTable",
  }));
  return { ...base(id), vpcId: vpcRecord.id, isMain: opts.main ?? false, subnetIds: opts.subnetIds ?? [], gatewayIds: [], routes: [...local, ...(opts.routes ?? [])] };
}

export function internetGateway(id: string, attachedVpcIds: string[]): InternetGateway {
  return { ...base(id), attachedVpcIds };
}

export function natGateway(
  id: string,
  vpcId: string,
  subnetId: string,
  opts: { privateIp: string; eniId: string; publicIp?: string; state?: string; connectivityType?: "public" | "private" },
): NatGateway {
  return {
    ...base(id),
    vpcId,
    subnetId,
    state: opts.state ?? "available",
    connectivityType: opts.connectivityType ?? "public",
    availabilityMode: "zonal",
    addresses: [{ allocationId: opts.publicIp ? `eipalloc-${id}` : undefined, networkInterfaceId: opts.eniId, privateIp: opts.privateIp, publicIp: opts.publicIp }],
  };
}

/** An ENI with one primary private IP (optionally paired with a public IP). */
export function eni(
  id: string,
  subnetRecord: Subnet,
  privateIp: string,
  opts: { securityGroupIds?: string[]; publicIp?: string; interfaceType?: string; instanceId?: string } = {},
): NetworkInterface {
  return {
    ...base(id),
    vpcId: subnetRecord.vpcId,
    subnetId: subnetRecord.id,
    availabilityZone: subnetRecord.availabilityZone,
    interfaceType: opts.interfaceType ?? "interface",
    status: "in-use",
    privateIps: [{ privateIp, primary: true, publicIp: opts.publicIp }],
    securityGroupIds: opts.securityGroupIds ?? [],
    sourceDestCheck: true,
    attachedInstanceId: opts.instanceId,
    requesterManaged: opts.interfaceType !== undefined && opts.interfaceType !== "interface",
    requesterId: undefined,
    description: "",
  };
}

export function instance(id: string, eniRecord: NetworkInterface): Instance {
  const primary = eniRecord.privateIps[0]!;
  return {
    ...base(id),
    state: "running",
    vpcId: eniRecord.vpcId,
    subnetId: eniRecord.subnetId,
    privateIp: primary.privateIp,
    publicIp: primary.publicIp,
    networkInterfaceIds: [eniRecord.id],
    securityGroupIds: eniRecord.securityGroupIds,
  };
}

export function notebook(name: string, eniRecord: NetworkInterface, directInternetAccess: boolean): Notebook {
  return {
    ...base(name),
    arn: undefined,
    status: "InService",
    instanceType: "ml.t3.medium",
    subnetId: eniRecord.subnetId,
    securityGroupIds: eniRecord.securityGroupIds,
    networkInterfaceId: eniRecord.id,
    directInternetAccess,
    rootAccess: false,
    kmsKeyId: undefined,
  };
}

/** A security group rule; `peer` is a CIDR, `pl-…` or `sg-…`; `ports` omitted means all ports. */
export function sgRule(
  groupId: string,
  direction: "ingress" | "egress",
  protocol: SecurityGroupRule["protocol"],
  peer: string,
  ports?: [number, number],
  permissionIndex = 0,
): SecurityGroupRule {
  const peerRecord: SecurityGroupRule["peer"] = peer.startsWith("pl-")
    ? { kind: "prefix-list", prefixListId: peer }
    : peer.startsWith("sg-")
      ? { kind: "security-group", groupId: peer, vpcId: undefined, peeringStatus: undefined }
      : { kind: "cidr", cidr: peer };
  return { groupId, direction, protocol, ports: ports ? { from: ports[0], to: ports[1] } : undefined, peer: peerRecord, description: undefined, permissionIndex };
}

export function securityGroup(id: string, vpcId: string, ingress: SecurityGroupRule[], egress: SecurityGroupRule[]): SecurityGroup {
  return { ...base(id), vpcId, groupName: id, description: "", ingress, egress };
}

/** A NACL entry; `ports` omitted means all ports. */
export function naclEntry(
  ruleNumber: number,
  egress: boolean,
  action: "allow" | "deny",
  protocol: NetworkAclEntry["protocol"],
  cidr: string,
  ports?: [number, number],
): NetworkAclEntry {
  return { ruleNumber, egress, action, protocol, cidr, ipv6Cidr: undefined, ports: ports ? { from: ports[0], to: ports[1] } : undefined, icmp: undefined };
}

/** A NACL; the implicit `*` deny entries (32767) are added for both directions. */
export function networkAcl(id: string, vpcId: string, opts: { isDefault?: boolean; subnetIds?: string[]; entries: NetworkAclEntry[] }): NetworkAcl {
  const entries = [...opts.entries, naclEntry(32767, false, "deny", "all", "0.0.0.0/0"), naclEntry(32767, true, "deny", "all", "0.0.0.0/0")];
  entries.sort((a, b) => a.ruleNumber - b.ruleNumber);
  return { ...base(id), vpcId, isDefault: opts.isDefault ?? false, subnetIds: opts.subnetIds ?? [], entries };
}

/** Allow-all both ways at rule 100, as a default NACL. */
export function allowAllEntries(): NetworkAclEntry[] {
  return [naclEntry(100, false, "allow", "all", "0.0.0.0/0"), naclEntry(100, true, "allow", "all", "0.0.0.0/0")];
}

export function prefixList(id: string, prefixListName: string, cidrs: string[], awsManaged = true): PrefixList {
  return { ...base(id), prefixListName, cidrs, awsManaged };
}

export function gatewayEndpoint(id: string, vpcId: string, serviceName: string, routeTableIds: string[], state = "available", policyDocument?: string): VpcEndpoint {
  return {
    ...base(id), vpcId, type: "Gateway", serviceName, state, routeTableIds, subnetIds: [], networkInterfaceIds: [],
    securityGroupIds: [], privateDnsEnabled: false, dnsEntries: [], policyDocument,
  };
}

export function interfaceEndpoint(
  id: string,
  vpcId: string,
  serviceName: string,
  enis: NetworkInterface[],
  opts: { privateDnsEnabled?: boolean; state?: string; securityGroupIds?: string[] } = {},
): VpcEndpoint {
  const short = serviceName.split(".").slice(3).join(".");
  return {
    ...base(id), vpcId, type: "Interface", serviceName, state: opts.state ?? "available", routeTableIds: [],
    subnetIds: enis.map((e) => e.subnetId), networkInterfaceIds: enis.map((e) => e.id),
    securityGroupIds: opts.securityGroupIds ?? enis[0]?.securityGroupIds ?? [],
    privateDnsEnabled: opts.privateDnsEnabled ?? true,
    dnsEntries: [{ dnsName: `${id}.${short}.us-east-1.vpce.amazonaws.com`, hostedZoneId: undefined }],
    policyDocument: undefined,
  };
}

export function peering(id: string, requesterVpc: Vpc, accepterVpc: Vpc, status = "active"): VpcPeeringConnection {
  const side = (v: Vpc) => ({ vpcId: v.id, ownerId: SCOPE.account, region: SCOPE.region, cidrs: v.cidrs });
  return { ...base(id), status, requester: side(requesterVpc), accepter: side(accepterVpc) };
}
