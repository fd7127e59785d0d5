/**
 * The record maps a model is built in, one per kind of record (`RecordMaps`), with the data kind each
 * map feeds in `Model.dataPresent`, and the records held aside until every file is read (VPC
 * attributes, SageMaker records known only from a list-* output).
 */
import type {
  BpaExclusion,
  BpaOptions,
  DataKind,
  EgressOnlyInternetGateway,
  Instance,
  InternetGateway,
  NatGateway,
  NetworkAcl,
  NetworkInterface,
  Notebook,
  PrefixList,
  SageMakerEndpoint,
  SageMakerEndpointConfig,
  SageMakerJob,
  SageMakerModel,
  StudioSpace,
  StudioUserProfile,
  RouteTable,
  Scope,
  SecurityGroup,
  StudioDomain,
  Subnet,
  HostedZone,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayRouteTable,
  Vpc,
  VpcEndpoint,
  VpcPeeringConnection,
} from "../model/types.js";

/** The record maps of a model under construction, by kind. */
export interface RecordMaps {
  vpcs: Map<string, Vpc>;
  subnets: Map<string, Subnet>;
  routeTables: Map<string, RouteTable>;
  internetGateways: Map<string, InternetGateway>;
  egressOnlyInternetGateways: Map<string, EgressOnlyInternetGateway>;
  natGateways: Map<string, NatGateway>;
  vpcEndpoints: Map<string, VpcEndpoint>;
  securityGroups: Map<string, SecurityGroup>;
  networkAcls: Map<string, NetworkAcl>;
  networkInterfaces: Map<string, NetworkInterface>;
  instances: Map<string, Instance>;
  prefixLists: Map<string, PrefixList>;
  vpcPeeringConnections: Map<string, VpcPeeringConnection>;
  transitGateways: Map<string, TransitGateway>;
  transitGatewayAttachments: Map<string, TransitGatewayAttachment>;
  transitGatewayRouteTables: Map<string, TransitGatewayRouteTable>;
  hostedZones: Map<string, HostedZone>;
  notebooks: Map<string, Notebook>;
  domains: Map<string, StudioDomain>;
  trainingJobs: Map<string, SageMakerJob>;
  processingJobs: Map<string, SageMakerJob>;
  tuningJobs: Map<string, SageMakerJob>;
  models: Map<string, SageMakerModel>;
  endpointConfigs: Map<string, SageMakerEndpointConfig>;
  endpoints: Map<string, SageMakerEndpoint>;
  userProfiles: Map<string, StudioUserProfile>;
  spaces: Map<string, StudioSpace>;
  blockPublicAccessOptions: Map<string, BpaOptions>;
  blockPublicAccessExclusions: Map<string, BpaExclusion>;
}

/** A record kind with its own id-keyed map. */
export type RecordKind = keyof RecordMaps;

/** What every record has, for duplicate handling. */
export interface KeyedRecord {
  id: string;
  scope: Scope;
  origin: { file: string; jsonPath: string };
}

/** The record type stored under a kind. */
export type RecordOf<K extends RecordKind> = RecordMaps[K] extends Map<string, infer R> ? R : never;

/** The `Model.dataPresent` kind each record map feeds. */
export const KIND_OF_MAP: Record<RecordKind, DataKind> = {
  vpcs: "vpcs",
  subnets: "subnets",
  routeTables: "routeTables",
  internetGateways: "internetGateways",
  egressOnlyInternetGateways: "egressOnlyInternetGateways",
  natGateways: "natGateways",
  vpcEndpoints: "vpcEndpoints",
  securityGroups: "securityGroups",
  networkAcls: "networkAcls",
  networkInterfaces: "networkInterfaces",
  instances: "instances",
  prefixLists: "prefixLists",
  vpcPeeringConnections: "vpcPeeringConnections",
  transitGateways: "transitGateways",
  transitGatewayAttachments: "transitGatewayAttachments",
  transitGatewayRouteTables: "transitGatewayRouteTables",
  hostedZones: "hostedZones",
  notebooks: "notebooks",
  domains: "domains",
  trainingJobs: "trainingJobs",
  processingJobs: "processingJobs",
  tuningJobs: "tuningJobs",
  models: "models",
  endpointConfigs: "endpointConfigs",
  endpoints: "endpoints",
  userProfiles: "userProfiles",
  spaces: "spaces",
  blockPublicAccessOptions: "blockPublicAccessOptions",
  blockPublicAccessExclusions: "blockPublicAccessExclusions",
};

/** A VPC attribute read from describe-vpc-attribute, applied to its VPC once all files are read. */
export interface VpcAttributeValue {
  vpcId: string;
  attribute: "enableDnsSupport" | "enableDnsHostnames";
  value: boolean;
  scope: Scope;
  origin: { file: string; jsonPath: string };
}

/** A SageMaker record known only from a list-* output. */
export interface ListedRecord {
  kind: RecordKind;
  record: KeyedRecord & { missingData?: string };
  /** What the record is, for the warning, e.g. `notebook`, `training job`. */
  label: string;
}
