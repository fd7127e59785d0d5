/**
 * Small hand-built models for the finding and audit tests: one builder per record kind with sane
 * defaults (a VPC 10.0.0.0/16 in us-east-1, a private subnet, a notebook in it with everything
 * locked down), so each test states only what it changes.
 */
import { indexModel, type ModelIndex } from "../../../src/model/indexes.js";
import type {
  HostedZone,
  DataKind,
  Model,
  NatGateway,
  Notebook,
  Route,
  RouteTable,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
  Vpc,
  VpcEndpoint,
  NetworkInterface,
  InternetGateway,
  StudioDomain,
} from "../../../src/model/types.js";

export const SCOPE = { account: "111122223333", region: "us-east-1" };
const ORIGIN = { file: "test", jsonPath: "$" };
const base = (id: string) => ({ id, scope: SCOPE, name: undefined, tags: {}, origin: ORIGIN });

export const vpc = (overrides: Partial<Vpc> = {}): Vpc => ({
  ...base("vpc-1"),
  cidrs: ["10.0.0.0/16"],
  ipv6Cidrs: [],
  isDefault: false,
  state: "available",
  enableDnsSupport: true,
  enableDnsHostnames: true,
  ...overrides,
});

export const subnet = (overrides: Partial<Subnet> = {}): Subnet => ({
  ...base("subnet-private"),
  vpcId: "vpc-1",
  cidr: "10.0.1.0/24",
  ipv6Cidrs: [],
  availabilityZone: "us-east-1a",
  availabilityZoneId: undefined,
  mapPublicIpOnLaunch: false,
  ...overrides,
});

export const route = (cidr: string, target: Route["target"], state: Route["state"] = "active"): Route => ({
  destination: { kind: "cidr", cidr },
  target,
  state,
  origin: "CreateRoute",
});

export const routeTable = (overrides: Partial<RouteTable> = {}): RouteTable => ({
  ...base("rtb-main"),
  vpcId: "vpc-1",
  isMain: true,
  subnetIds: [],
  gatewayIds: [],
  routes: [{ destination: { kind: "cidr", cidr: "10.0.0.0/16" }, target: { kind: "local" }, state: "active", origin: "CreateRouteTable" }],
  ...overrides,
});

export const rule = (overrides: Partial<SecurityGroupRule> = {}): SecurityGroupRule => ({
  groupId: "sg-1",
  direction: "ingress",
  protocol: "tcp",
  ports: { from: 443, to: 443 },
  peer: { kind: "cidr", cidr: "10.0.0.0/16" },
  description: undefined,
  permissionIndex: 0,
  ...overrides,
});

export const securityGroup = (overrides: Partial<SecurityGroup> = {}): SecurityGroup => ({
  ...base("sg-1"),
  vpcId: "vpc-1",
  groupName: "notebooks",
  description: "",
  ingress: [],
  egress: [rule({ direction: "egress", protocol: "all", ports: undefined, peer: { kind: "cidr", cidr: "0.0.0.0/0" } })],
  ...overrides,
});

export const notebook = (overrides: Partial<Notebook> = {}): Notebook => ({
  ...base("research"),
  arn: undefined,
  status: "InService",
  instanceType: "ml.t3.medium",
  subnetId: "subnet-private",
  securityGroupIds: ["sg-1"],
  networkInterfaceId: undefined,
  directInternetAccess: false,
  rootAccess: false,
  kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/1",
  ...overrides,
});

export const endpoint = (overrides: Partial<VpcEndpoint> = {}): VpcEndpoint => ({
  ...base("vpce-runtime"),
  vpcId: "vpc-1",
  type: "Interface",
  serviceName: "com.amazonaws.us-east-1.sagemaker.runtime",
  state: "available",
  routeTableIds: [],
  subnetIds: ["subnet-private"],
  networkInterfaceIds: [],
  securityGroupIds: ["sg-endpoint"],
  privateDnsEnabled: true,
  dnsEntries: [
    { dnsName: "vpce-runtime-abcd.runtime.sagemaker.us-east-1.vpce.amazonaws.com", hostedZoneId: undefined },
    { dnsName: "vpce-runtime-abcd-us-east-1a.runtime.sagemaker.us-east-1.vpce.amazonaws.com", hostedZoneId: undefined },
    { dnsName: "runtime.sagemaker.us-east-1.amazonaws.com", hostedZoneId: undefined },
  ],
  policyDocument: undefined,
  ...overrides,
});

export const natGateway = (overrides: Partial<NatGateway> = {}): NatGateway => ({
  ...base("nat-1"),
  vpcId: "vpc-1",
  subnetId: "subnet-public",
  state: "available",
  connectivityType: "public",
  availabilityMode: "zonal",
  addresses: [],
  ...overrides,
});

export const networkInterface = (overrides: Partial<NetworkInterface> = {}): NetworkInterface => ({
  ...base("eni-1"),
  vpcId: "vpc-1",
  subnetId: "subnet-private",
  availabilityZone: "us-east-1a",
  interfaceType: "interface",
  status: "in-use",
  privateIps: [{ privateIp: "10.0.1.10", primary: true, publicIp: undefined }],
  securityGroupIds: ["sg-1"],
  sourceDestCheck: true,
  attachedInstanceId: undefined,
  requesterManaged: false,
  requesterId: undefined,
  description: "",
  ...overrides,
});

export const internetGateway = (overrides: Partial<InternetGateway> = {}): InternetGateway => ({
  ...base("igw-1"),
  attachedVpcIds: ["vpc-1"],
  ...overrides,
});

export const studioDomain = (overrides: Partial<StudioDomain> = {}): StudioDomain => ({
  ...base("d-abc123"),
  domainName: "research-studio",
  appNetworkAccessType: "VpcOnly",
  vpcId: "vpc-1",
  subnetIds: ["subnet-private"],
  securityGroupIds: ["sg-1"],
  spaceSecurityGroupIds: [],
  ...overrides,
});

export interface Parts {
  domains?: StudioDomain[];
  internetGateways?: InternetGateway[];
  vpcs?: Vpc[];
  subnets?: Subnet[];
  routeTables?: RouteTable[];
  securityGroups?: SecurityGroup[];
  notebooks?: Notebook[];
  vpcEndpoints?: VpcEndpoint[];
  natGateways?: NatGateway[];
  networkInterfaces?: NetworkInterface[];
  hostedZones?: HostedZone[];
  /** Data kinds the snapshot holds; defaults to everything given. */
  dataPresent?: DataKind[];
}

const byId = <T extends { id: string }>(records: T[] | undefined) => new Map((records ?? []).map((r) => [r.id, r]));

/**
 * A model from the given records; missing kinds default to one VPC, one private subnet and its
 * main route table (local route only).
 */
export function makeModel(parts: Parts = {}): Model {
  const present = parts.dataPresent ?? (Object.keys(parts).filter((key) => key !== "dataPresent") as DataKind[]);
  return {
    vpcs: byId(parts.vpcs ?? [vpc()]),
    subnets: byId(parts.subnets ?? [subnet()]),
    routeTables: byId(parts.routeTables ?? [routeTable()]),
    internetGateways: byId(parts.internetGateways),
    egressOnlyInternetGateways: new Map(),
    natGateways: byId(parts.natGateways),
    vpcEndpoints: byId(parts.vpcEndpoints),
    securityGroups: byId(parts.securityGroups ?? [securityGroup()]),
    networkAcls: new Map(),
    networkInterfaces: byId(parts.networkInterfaces),
    instances: new Map(),
    elasticIps: [],
    prefixLists: new Map(),
    vpcPeeringConnections: new Map(),
    transitGateways: new Map(),
    transitGatewayAttachments: new Map(),
    transitGatewayRouteTables: new Map(),
    hostedZones: byId(parts.hostedZones),
    notebooks: byId(parts.notebooks),
    domains: byId(parts.domains),
    trainingJobs: new Map(), processingJobs: new Map(), tuningJobs: new Map(), models: new Map(), endpointConfigs: new Map(), endpoints: new Map(), userProfiles: new Map(), spaces: new Map(),
    blockPublicAccessOptions: new Map(),
    blockPublicAccessExclusions: new Map(),
    dataPresent: new Map([[`${SCOPE.account}/${SCOPE.region}`, new Set(present)]]),
    danglingReferences: [],
    collectErrors: [],
    warnings: [],
    source: "test",
  };
}

/** `makeModel` then `indexModel`. */
export function makeIndex(parts: Parts = {}): ModelIndex {
  return indexModel(makeModel(parts));
}
