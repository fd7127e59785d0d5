/**
 * The normalized network model: vendor-shaped AWS JSON (see src/snapshot/aws/) is turned into these
 * plain, typed records once, so the graph builder, the engine, the diagrams and the cost estimator
 * never read raw API output. Every record keeps its `scope` (account and Region) and `name` (the
 * `Name` tag) so answers can cite where a resource lives.
 *
 * Only IPv4 is modelled for reachability; IPv6 data is kept where it could change an answer so the
 * engine can say `unknown` instead of guessing.
 */

/** Where a resource lives. `account` is undefined when neither a folder name nor `OwnerId` gave one. */
export interface Scope {
  account: string | undefined;
  region: string;
}

/** Where a record came from in the user's input, for error messages and evidence. */
export interface Origin {
  /** File the record was read from (a describe-* JSON file or a snapshot file). */
  file: string;
  /** JSONPath of the record inside that file, e.g. `$.RouteTables[2]`. */
  jsonPath: string;
}

interface Resource {
  id: string;
  scope: Scope;
  /** Value of the `Name` tag, when there is one. */
  name: string | undefined;
  tags: Record<string, string>;
  origin: Origin;
}

export interface Vpc extends Resource {
  /** IPv4 CIDR blocks whose association state is `associated` (primary first). */
  cidrs: string[];
  ipv6Cidrs: string[];
  isDefault: boolean;
  state: string;
  /** `enableDnsSupport`; undefined when no describe-vpc-attribute output was given. */
  enableDnsSupport: boolean | undefined;
  /** `enableDnsHostnames`; undefined when no describe-vpc-attribute output was given. */
  enableDnsHostnames: boolean | undefined;
  /** `BlockPublicAccessStates.InternetGatewayBlockMode` as describe-vpcs prints it (the account's mode); undefined when absent. */
  blockPublicAccessMode?: BpaBlockMode | undefined;
}

/**
 * A VPC Block Public Access mode: `off`, `block-bidirectional` (all traffic through internet gateways
 * blocked) or `block-ingress` (only NAT gateway and egress-only internet gateway traffic passes).
 */
export type BpaBlockMode = "off" | "block-bidirectional" | "block-ingress";

/** An account's VPC Block Public Access settings in one Region (describe-vpc-block-public-access-options). */
export interface BpaOptions {
  /** `bpa-options:<account>/<region>`, one per scope. */
  id: string;
  scope: Scope;
  origin: Origin;
  mode: BpaBlockMode;
  /** `default-state`, `update-in-progress` or `update-complete`. */
  state: string;
  /** False when an Organizations declarative policy disallows exclusions (`ExclusionsAllowed: not-allowed`). */
  exclusionsAllowed: boolean;
  /** `account` or `declarative-policy`, when given. */
  managedBy: string | undefined;
}

/** One VPC Block Public Access exclusion (describe-vpc-block-public-access-exclusions). */
export interface BpaExclusion extends Resource {
  /** The excluded VPC or subnet (`vpc-…` or `subnet-…`). */
  resourceId: string;
  mode: "allow-bidirectional" | "allow-egress";
  /** e.g. `create-complete`, `update-in-progress`, `delete-complete`. */
  state: string;
}

export interface Subnet extends Resource {
  vpcId: string;
  cidr: string;
  ipv6Cidrs: string[];
  availabilityZone: string;
  availabilityZoneId: string | undefined;
  mapPublicIpOnLaunch: boolean;
  /** `BlockPublicAccessStates.InternetGatewayBlockMode` as describe-subnets prints it (the account's mode); undefined when absent. */
  blockPublicAccessMode?: BpaBlockMode | undefined;
}

/** What a route's destination is: an IPv4 CIDR, a prefix list, or an IPv6 CIDR (not modelled). */
export type RouteDestination =
  | { kind: "cidr"; cidr: string }
  | { kind: "prefix-list"; prefixListId: string }
  | { kind: "ipv6"; cidr: string };

/**
 * Where a route sends traffic. The kinds the engine models fully are `local`, `igw`, `nat`,
 * `gateway-endpoint` and `peering`; the others are kept so the engine can answer `unknown` naming them.
 */
export type RouteTarget =
  | { kind: "local" }
  | { kind: "igw"; id: string }
  | { kind: "egress-only-igw"; id: string }
  | { kind: "nat"; id: string }
  | { kind: "gateway-endpoint"; id: string }
  | { kind: "gwlb-endpoint"; id: string }
  | { kind: "peering"; id: string }
  | { kind: "transit-gateway"; id: string }
  | { kind: "vpn-gateway"; id: string }
  | { kind: "network-interface"; id: string }
  | { kind: "instance"; id: string }
  | { kind: "other"; id: string; field: string };

export interface Route {
  destination: RouteDestination;
  target: RouteTarget;
  /** `active` or `blackhole`. A blackhole route still matches and drops. */
  state: "active" | "blackhole";
  /** `CreateRouteTable` (the local route), `CreateRoute` (static) or `EnableVgwRoutePropagation`. */
  origin: "CreateRouteTable" | "CreateRoute" | "EnableVgwRoutePropagation";
}

export interface RouteTable extends Resource {
  vpcId: string;
  /** True when this is its VPC's main route table. */
  isMain: boolean;
  /** Subnets explicitly associated with this table. */
  subnetIds: string[];
  /** Gateways (edge associations, e.g. an IGW ingress routing table). */
  gatewayIds: string[];
  routes: Route[];
}

export interface InternetGateway extends Resource {
  /** VPCs it is attached to with state `available` (or `attached`). */
  attachedVpcIds: string[];
}

export interface EgressOnlyInternetGateway extends Resource {
  attachedVpcIds: string[];
}

export interface NatGatewayAddress {
  allocationId: string | undefined;
  networkInterfaceId: string | undefined;
  privateIp: string | undefined;
  publicIp: string | undefined;
  /**
   * Set (saying which) when the address is an Elastic IP a Terraform plan allocates, whose public IP
   * only apply tells: the gateway reaches the internet whatever it is, and answers that need the
   * address itself (a destination admitting some public sources) are unknown.
   */
  publicIpAtApply?: string;
}

export interface NatGateway extends Resource {
  vpcId: string;
  /** Undefined for a regional NAT gateway, which has no single subnet. */
  subnetId: string | undefined;
  state: string;
  connectivityType: "public" | "private";
  /** `zonal` (the classic kind) or `regional` (launched late 2025). */
  availabilityMode: "zonal" | "regional";
  addresses: NatGatewayAddress[];
}

export interface DnsEntry {
  dnsName: string;
  hostedZoneId: string | undefined;
}

export interface VpcEndpoint extends Resource {
  vpcId: string;
  type: "Gateway" | "Interface" | "GatewayLoadBalancer" | "Resource" | "ServiceNetwork";
  /** e.g. `com.amazonaws.us-east-1.s3`. */
  serviceName: string;
  state: string;
  routeTableIds: string[];
  subnetIds: string[];
  networkInterfaceIds: string[];
  securityGroupIds: string[];
  privateDnsEnabled: boolean;
  dnsEntries: DnsEntry[];
  /** The endpoint policy as a JSON string, when present. */
  policyDocument: string | undefined;
  /** `DnsOptions` of an interface endpoint, when the output has them. */
  dnsOptions?: EndpointDnsOptions | undefined;
}

/** An interface endpoint's `DnsOptions`. */
export interface EndpointDnsOptions {
  /** `ipv4`, `dualstack`, `ipv6` or `service-defined`; undefined when absent. */
  dnsRecordIpType: string | undefined;
  /**
   * For services with both endpoint types (S3): when true, the service's default name resolved
   * inside the VPC goes to the gateway endpoint, and only inbound Resolver endpoints (on-premises
   * clients) get the interface endpoint's addresses.
   */
  privateDnsOnlyForInboundResolverEndpoint: boolean;
}

export type Protocol = "tcp" | "udp" | "icmp" | "all" | { number: number };

/** An inclusive port range; ICMP type/code ranges use the same shape (type in `from`, code in `to`). */
export interface PortRange {
  from: number;
  to: number;
}

/** A peer of a security group rule: a CIDR, a prefix list, or another security group. */
export type SecurityGroupPeer =
  | { kind: "cidr"; cidr: string }
  | { kind: "ipv6"; cidr: string }
  | { kind: "prefix-list"; prefixListId: string }
  | { kind: "security-group"; groupId: string; vpcId: string | undefined; peeringStatus: string | undefined };

/** One rule of one security group, flattened to one peer (as `describe-security-group-rules` does). */
export interface SecurityGroupRule {
  groupId: string;
  direction: "ingress" | "egress";
  protocol: Protocol;
  /** For tcp/udp: the port range. For icmp: `{from: type, to: code}` with -1 meaning any. Undefined for all. */
  ports: PortRange | undefined;
  peer: SecurityGroupPeer;
  description: string | undefined;
  /** Index of the permission in the group's IpPermissions(Egress) list, for citing the rule. */
  permissionIndex: number;
}

export interface SecurityGroup extends Resource {
  vpcId: string | undefined;
  groupName: string;
  description: string;
  ingress: SecurityGroupRule[];
  egress: SecurityGroupRule[];
}

export interface NetworkAclEntry {
  ruleNumber: number;
  egress: boolean;
  action: "allow" | "deny";
  protocol: Protocol;
  /** IPv4 CIDR, or undefined for an IPv6 entry (see `ipv6Cidr`). */
  cidr: string | undefined;
  ipv6Cidr: string | undefined;
  /** For tcp/udp. Undefined means all ports. */
  ports: PortRange | undefined;
  /** For icmp: type and code, -1 meaning any. */
  icmp: { type: number; code: number } | undefined;
}

export interface NetworkAcl extends Resource {
  vpcId: string;
  isDefault: boolean;
  subnetIds: string[];
  /** Sorted by ascending rule number, ingress and egress together. */
  entries: NetworkAclEntry[];
}

export interface PrivateIpAddress {
  privateIp: string;
  primary: boolean;
  /** Public IP or Elastic IP associated with this private IP, if any. */
  publicIp: string | undefined;
}

export interface NetworkInterface extends Resource {
  vpcId: string;
  subnetId: string;
  availabilityZone: string | undefined;
  /** `interface`, `nat_gateway`, `vpc_endpoint`, `sagemaker` (not an AWS value; see notebooks), … */
  interfaceType: string;
  status: string;
  privateIps: PrivateIpAddress[];
  securityGroupIds: string[];
  sourceDestCheck: boolean;
  attachedInstanceId: string | undefined;
  requesterManaged: boolean;
  requesterId: string | undefined;
  description: string;
}

export interface Instance extends Resource {
  state: string;
  vpcId: string | undefined;
  subnetId: string | undefined;
  privateIp: string | undefined;
  publicIp: string | undefined;
  networkInterfaceIds: string[];
  securityGroupIds: string[];
  /** `MetadataOptions.HttpEndpoint`: whether the instance metadata service answers; undefined when absent. */
  metadataEndpoint?: "enabled" | "disabled" | undefined;
}

export interface ElasticIp {
  allocationId: string | undefined;
  publicIp: string;
  privateIp: string | undefined;
  networkInterfaceId: string | undefined;
  instanceId: string | undefined;
  scope: Scope;
  origin: Origin;
}

export interface PrefixList extends Resource {
  /** e.g. `com.amazonaws.us-east-1.s3`, or the customer's own name. */
  prefixListName: string;
  /** Undefined when the snapshot lists the prefix list but not its entries. */
  cidrs: string[] | undefined;
  /** True for AWS-managed lists (describe-prefix-lists or OwnerId `AWS`). */
  awsManaged: boolean;
}

export interface PeeringSide {
  vpcId: string;
  ownerId: string | undefined;
  region: string | undefined;
  cidrs: string[];
}

export interface VpcPeeringConnection extends Resource {
  status: string;
  requester: PeeringSide;
  accepter: PeeringSide;
}

/** An attachment's association with a route table of one transit gateway. */
export interface TransitGatewayAssociation {
  /** The transit gateway whose table it is (undefined when neither the record nor the table says). */
  transitGatewayId: string | undefined;
  routeTableId: string;
  /** `associated`, `associating`, `disassociating`, `disassociated`. */
  state: string;
}

export interface TransitGatewayAttachment extends Resource {
  /** The transit gateway of the record read first; a peering attachment joins it to `resourceId`. */
  transitGatewayId: string;
  /** `vpc`, `peering`, `vpn`, `direct-connect-gateway`, `connect`, `network-function`, `tgw-peering`, … */
  resourceType: string;
  /** The VPC, the peer transit gateway, the VPN connection, … */
  resourceId: string | undefined;
  resourceOwnerId: string | undefined;
  state: string;
  subnetIds: string[];
  /**
   * Its route table associations, one per transit gateway (a peering attachment is associated on
   * each side); undefined when no input said (describe-transit-gateway-vpc-attachments has none).
   */
  associations: TransitGatewayAssociation[] | undefined;
  /**
   * A VPC attachment's `Options.SecurityGroupReferencingSupport` (describe-transit-gateway-vpc-attachments);
   * undefined when no input carried it (describe-transit-gateway-attachments has no options, nor have
   * Batfish's networks, older CLI output or a plan that leaves it to apply).
   */
  securityGroupReferencingSupport?: TgwOptionValue | undefined;
  /**
   * A VPC attachment's `Options.ApplianceModeSupport` (describe-transit-gateway-vpc-attachments):
   * `enable` makes the transit gateway pick the attachment subnet (zone) it delivers a flow by with a
   * flow hash; undefined when no input carried it.
   */
  applianceModeSupport?: TgwOptionValue | undefined;
}

/** A transit gateway or attachment option as describe-* prints it. */
export type TgwOptionValue = "enable" | "disable";

export interface TransitGateway extends Resource {
  state: string;
  ownerId: string | undefined;
  /** Options.AssociationDefaultRouteTableId / PropagationDefaultRouteTableId, when enabled. */
  defaultAssociationRouteTableId: string | undefined;
  defaultPropagationRouteTableId: string | undefined;
  /** `Options.SecurityGroupReferencingSupport`; undefined when the input does not carry it (older CLI output, Batfish). */
  securityGroupReferencingSupport?: TgwOptionValue | undefined;
}

/** One route of a transit gateway route table (search-transit-gateway-routes). */
export interface TransitGatewayRoute {
  destination: { kind: "cidr"; cidr: string } | { kind: "prefix-list"; prefixListId: string } | { kind: "ipv6"; cidr: string };
  type: "static" | "propagated";
  state: "active" | "blackhole";
  /** The attachments it sends to (several for ECMP; none for a blackhole). */
  attachmentIds: string[];
}

/** A propagation into a transit gateway route table (get-transit-gateway-route-table-propagations). */
export interface TransitGatewayPropagation {
  attachmentId: string;
  resourceType: string;
  resourceId: string | undefined;
  /** `enabled`, `enabling`, `disabling`, `disabled`. */
  state: string;
}

export interface TransitGatewayRouteTable extends Resource {
  transitGatewayId: string;
  state: string;
  /**
   * What the routes are: `all` = a search-transit-gateway-routes output (static and propagated);
   * `static` = Batfish's static-route lists only (propagated routes follow from `propagations`);
   * undefined = no route data for this table.
   */
  routesGiven: "all" | "static" | undefined;
  routes: TransitGatewayRoute[];
  /** AWS said more routes were available than the output lists (`AdditionalRoutesAvailable`). */
  routesTruncated: boolean;
  /** Undefined when no propagation data was given for this table. */
  propagations: TransitGatewayPropagation[] | undefined;
}

/** One record of a Route 53 hosted zone (list-resource-record-sets). */
export interface HostedZoneRecord {
  /** Fully qualified, lower case, without the trailing dot. */
  name: string;
  type: string;
  /** An alias record's target DNS name (lower case, no trailing dot). */
  aliasTarget: string | undefined;
  values: string[];
}

/** A Route 53 hosted zone (list-hosted-zones, get-hosted-zone, list-resource-record-sets). */
export interface HostedZone extends Resource {
  /** The zone's domain, lower case, without the trailing dot (e.g. `sagemaker.us-east-1.amazonaws.com`). */
  zoneName: string;
  privateZone: boolean;
  /** The VPCs a private zone is associated with (get-hosted-zone); undefined when not given. */
  vpcs: { vpcId: string; region: string }[] | undefined;
  /**
   * Associations whose VPC is not known, each saying why (a Terraform plan's `vpc_id` known only
   * after apply): any VPC may be one of them, so a name the zone covers is unknown in VPCs it does
   * not list. Absent when every association is known.
   */
  vpcsUnknown?: string[];
  /** Its records; undefined when list-resource-record-sets was not given. */
  records: HostedZoneRecord[] | undefined;
  /**
   * The list-resource-record-sets output said `IsTruncated: true` (it is one page of a paged listing):
   * records beyond it are missing, so a name without a record may still have one.
   */
  recordsTruncated: boolean;
}

/** A SageMaker notebook instance (DescribeNotebookInstance). */
export interface Notebook extends Resource {
  /**
   * `id` is the `NotebookInstanceName` (also in `name`), or `ACCOUNT/REGION/NAME` when notebooks of
   * that name exist in several accounts or Regions (see `scopedName`).
   */
  arn: string | undefined;
  status: string;
  instanceType: string | undefined;
  subnetId: string | undefined;
  securityGroupIds: string[];
  /** The ENI SageMaker places in the customer subnet. */
  networkInterfaceId: string | undefined;
  directInternetAccess: boolean;
  rootAccess: boolean;
  kmsKeyId: string | undefined;
  /** The execution role (`RoleArn`), whose policies identity checks evaluate. */
  roleArn?: string | undefined;
  /**
   * Set when the snapshot lacks this notebook's network settings (it was only listed by
   * list-notebook-instances): says what is missing, and the engine answers `unknown` for it.
   */
  missingData?: string;
}

/** A SageMaker Studio domain (DescribeDomain). */
export interface StudioDomain extends Resource {
  domainName: string;
  appNetworkAccessType: "PublicInternetOnly" | "VpcOnly";
  vpcId: string | undefined;
  subnetIds: string[];
  /** `DefaultUserSettings.SecurityGroups`: the groups of every user profile's apps and private spaces. */
  securityGroupIds: string[];
  /** `DefaultSpaceSettings.SecurityGroups`: the groups of shared spaces. */
  spaceSecurityGroupIds: string[];
}

/**
 * The network settings SageMaker gives a workload's containers (`VpcConfig` and
 * `EnableNetworkIsolation` of a training, processing or tuning job, a model or an endpoint config).
 * AWS: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_VpcConfig.html
 */
export interface WorkloadNetwork {
  /** Which part of the workload these settings are for (a tuning job's training definition, an endpoint's variant), when it has several. */
  label: string | undefined;
  /** `VpcConfig`; undefined when there is none: the containers run in SageMaker's managed network, which reaches the internet. */
  vpcConfig: { subnetIds: string[]; securityGroupIds: string[] } | undefined;
  /** `EnableNetworkIsolation`: the containers make no network calls at all. */
  networkIsolation: boolean;
}

/** The kinds of SageMaker job that run containers with a network configuration. */
export type JobKind = "training-job" | "processing-job" | "tuning-job";

/** A SageMaker training, processing or hyperparameter tuning job (DescribeTrainingJob, …). */
export interface SageMakerJob extends Resource {
  /** The job name; also `id` (unique per kind, account and Region). */
  kind: JobKind;
  arn: string | undefined;
  status: string;
  /** One entry for training and processing jobs; one per training job definition for a tuning job. */
  networks: WorkloadNetwork[];
  /** Set when the snapshot only lists the job (no network settings): says what is missing. */
  missingData?: string;
}

/** A SageMaker model (DescribeModel): where its containers run when an endpoint hosts it. */
export interface SageMakerModel extends Resource {
  arn: string | undefined;
  network: WorkloadNetwork;
  missingData?: string;
}

/** One production variant of an endpoint configuration. */
export interface EndpointVariant {
  variantName: string;
  /** Undefined for an endpoint that hosts inference components instead of a model. */
  modelName: string | undefined;
}

/** A SageMaker endpoint configuration (DescribeEndpointConfig): which models an endpoint hosts. */
export interface SageMakerEndpointConfig extends Resource {
  arn: string | undefined;
  variants: EndpointVariant[];
  /** The configuration's own `VpcConfig` and `EnableNetworkIsolation` (endpoints with inference components). */
  network: WorkloadNetwork;
  /** Set when the snapshot only lists the configuration (its variants are not known). */
  missingData?: string;
}

/** A SageMaker endpoint (DescribeEndpoint). */
export interface SageMakerEndpoint extends Resource {
  arn: string | undefined;
  status: string;
  /** Undefined when the snapshot only lists the endpoint. */
  endpointConfigName: string | undefined;
  missingData?: string;
}

/** A Studio user profile (DescribeUserProfile); keyed by `DOMAIN_ID/NAME`. */
export interface StudioUserProfile extends Resource {
  domainId: string;
  userProfileName: string;
  status: string;
  /** `UserSettings.SecurityGroups`, added by AWS to the domain's `DefaultUserSettings.SecurityGroups`. */
  securityGroupIds: string[];
  missingData?: string;
}

/** A Studio space (DescribeSpace); keyed by `DOMAIN_ID/NAME`. */
export interface StudioSpace extends Resource {
  domainId: string;
  spaceName: string;
  status: string;
  /**
   * `SpaceSharingSettings.SharingType`: a private space uses its owner's groups, a shared one the
   * domain's space defaults; undefined when the output has no sharing settings (the groups are then unknown).
   */
  sharingType: "Private" | "Shared" | undefined;
  /** `OwnershipSettings.OwnerUserProfileName`. */
  ownerUserProfileName: string | undefined;
  missingData?: string;
}

/** A reference from one resource to another that is not in the snapshot (loads fine, engine says unknown). */
export interface DanglingReference {
  /** The resource holding the reference, e.g. `rtb-0abc`. */
  fromId: string;
  /** What the reference is, e.g. `route target`, `security group rule peer`, `subnet VPC`. */
  field: string;
  /** The id referred to that the snapshot does not contain. */
  missingId: string;
  origin: Origin;
}

/** An AWS API call that failed while collecting, recorded in the snapshot. */
export interface CollectError {
  account: string | undefined;
  region: string;
  service: string;
  operation: string;
  code: string;
  message: string;
}

/**
 * A resource whose data the engine cannot trust, so a verdict that uses it is `unknown`:
 * - `missing-key`: a key AWS always prints (`Routes`, NACL `Entries`, `IpPermissions`, …) is null or
 *   absent, so the data was not really read;
 * - `conflict`: two inputs hold the resource with different contents (or two instances claim one
 *   network interface), and which copy is right decides the answer.
 */
export interface Doubt {
  /** The resource in doubt. */
  id: string;
  /** `plan-part`: a Terraform plan laid over the inputs changes a part of it (a route, a rule) it does not hold. */
  kind: "missing-key" | "conflict" | "plan-part";
  /** One sentence naming the resource and the key, or the files that disagree. */
  message: string;
  /** Where the data came from: the record (and for a conflict, each copy). */
  origins: Origin[];
  /** Set when the doubt comes from another resource's conflict (an id only one of its copies names). */
  about?: string;
}

/** A non-fatal problem noticed while loading (unknown top-level key, duplicate resource, …). */
export interface LoadWarning {
  message: string;
  file: string | undefined;
  jsonPath: string | undefined;
  resourceId: string | undefined;
  /** Set when the input itself is likely not what the user meant (a lone describe-* file): every command prints it on stderr. */
  aboutInput?: true;
}

/**
 * The kinds of data a snapshot may hold. Which kinds are present per scope lets the engine tell
 * "no NACL data was collected" (unknown) from "no NACL applies" (a data error).
 */
export type DataKind =
  | "vpcs"
  | "vpcAttributes"
  | "subnets"
  | "routeTables"
  | "internetGateways"
  | "egressOnlyInternetGateways"
  | "natGateways"
  | "vpcEndpoints"
  | "securityGroups"
  | "networkAcls"
  | "networkInterfaces"
  | "instances"
  | "addresses"
  | "prefixLists"
  | "vpcPeeringConnections"
  | "transitGateways"
  | "transitGatewayAttachments"
  | "transitGatewayRouteTables"
  | "hostedZones"
  | "notebooks"
  | "domains"
  | "trainingJobs"
  | "processingJobs"
  | "tuningJobs"
  | "models"
  | "endpointConfigs"
  | "endpoints"
  | "userProfiles"
  | "spaces"
  | "blockPublicAccessOptions"
  | "blockPublicAccessExclusions";

export interface Model {
  vpcs: ReadonlyMap<string, Vpc>;
  subnets: ReadonlyMap<string, Subnet>;
  routeTables: ReadonlyMap<string, RouteTable>;
  internetGateways: ReadonlyMap<string, InternetGateway>;
  egressOnlyInternetGateways: ReadonlyMap<string, EgressOnlyInternetGateway>;
  natGateways: ReadonlyMap<string, NatGateway>;
  vpcEndpoints: ReadonlyMap<string, VpcEndpoint>;
  securityGroups: ReadonlyMap<string, SecurityGroup>;
  networkAcls: ReadonlyMap<string, NetworkAcl>;
  networkInterfaces: ReadonlyMap<string, NetworkInterface>;
  instances: ReadonlyMap<string, Instance>;
  elasticIps: readonly ElasticIp[];
  prefixLists: ReadonlyMap<string, PrefixList>;
  vpcPeeringConnections: ReadonlyMap<string, VpcPeeringConnection>;
  transitGateways: ReadonlyMap<string, TransitGateway>;
  transitGatewayAttachments: ReadonlyMap<string, TransitGatewayAttachment>;
  transitGatewayRouteTables: ReadonlyMap<string, TransitGatewayRouteTable>;
  /** Keyed by zone id without the `/hostedzone/` prefix. */
  hostedZones: ReadonlyMap<string, HostedZone>;
  /** Keyed by notebook name, or `ACCOUNT/REGION/NAME` when the name is used in several scopes (see `Notebook`). */
  notebooks: ReadonlyMap<string, Notebook>;
  domains: ReadonlyMap<string, StudioDomain>;
  /** SageMaker jobs by kind, each keyed by job name. */
  trainingJobs: ReadonlyMap<string, SageMakerJob>;
  processingJobs: ReadonlyMap<string, SageMakerJob>;
  tuningJobs: ReadonlyMap<string, SageMakerJob>;
  /** Keyed by model name. */
  models: ReadonlyMap<string, SageMakerModel>;
  /** Keyed by endpoint configuration name. */
  endpointConfigs: ReadonlyMap<string, SageMakerEndpointConfig>;
  /** Keyed by endpoint name. */
  endpoints: ReadonlyMap<string, SageMakerEndpoint>;
  /** Keyed by `DOMAIN_ID/NAME` (see `studioKey`). */
  userProfiles: ReadonlyMap<string, StudioUserProfile>;
  spaces: ReadonlyMap<string, StudioSpace>;
  /** VPC Block Public Access settings, keyed by `bpa-options:<scope key>` (see `bpaOptionsId`). */
  blockPublicAccessOptions: ReadonlyMap<string, BpaOptions>;
  /** VPC Block Public Access exclusions, keyed by exclusion id. */
  blockPublicAccessExclusions: ReadonlyMap<string, BpaExclusion>;
  /**
   * IAM and resource policies (iam/, policies/, organizations/ folders), for identity checks on a
   * proven path. Optional so models built in code need not name it; the loader always sets it.
   */
  identity?: IdentityData;
  /** Per scope key (`account/region`, see `scopeKey`): which kinds of data the snapshot holds. */
  dataPresent: ReadonlyMap<string, ReadonlySet<DataKind>>;
  danglingReferences: readonly DanglingReference[];
  /**
   * Resources whose data is in doubt, by id (see `Doubt`). Optional so models built in code (tests,
   * generators, overlays) need not name it; the loader always sets it.
   */
  doubts?: ReadonlyMap<string, readonly Doubt[]>;
  collectErrors: readonly CollectError[];
  /**
   * list-hosted-zones outputs that were one page of a paged listing (`IsTruncated: true`): zones after
   * them are missing, so a name no known zone resolves may still resolve. Optional so models built in
   * code need not name it; the loader always sets it.
   */
  truncatedZoneLists?: readonly string[];
  warnings: readonly LoadWarning[];
  /** Where the snapshot was read from (file or folder). */
  source: string;
}

/**
 * `ACCOUNT/REGION/NAME`: the id of a named resource (a notebook, a SageMaker job, model, endpoint
 * configuration or endpoint) whose name is used in several accounts or Regions, `-` standing for
 * an unknown account.
 *
 * @param scope - where the resource lives
 * @param name - its name
 */
export function scopedName(scope: Scope, name: string): string {
  return `${scope.account ?? "-"}/${scope.region}/${name}`;
}

/**
 * The record a name refers to from inside a scope (an endpoint's configuration, a production
 * variant's model), in a map keyed by name, or by `ACCOUNT/REGION/NAME` for a name used in several
 * scopes (see `scopedName`). A record of that name in another scope is not it: SageMaker
 * resources are referred to by name within their own account and Region.
 *
 * @param records - the records, keyed as above
 * @param scope - where the reference is made
 * @param name - the name referred to
 */
export function namedIn<T extends { scope: Scope }>(records: ReadonlyMap<string, T>, scope: Scope, name: string): T | undefined {
  const record = records.get(name) ?? records.get(scopedName(scope, name));
  return record && scopeKey(record.scope) === scopeKey(scope) ? record : undefined;
}

/** The key of a scope in `Model.dataPresent`: `account/region`, `-` standing for an unknown account. */
export function scopeKey(scope: Scope): string {
  return `${scope.account ?? "-"}/${scope.region}`;
}

/** The key of a Studio user profile or space in its model map: `DOMAIN_ID/NAME`. */
export function studioKey(domainId: string, name: string): string {
  return `${domainId}/${name}`;
}

/** The key of a scope's VPC Block Public Access settings in `Model.blockPublicAccessOptions`. */
export function bpaOptionsId(scope: Scope): string {
  return `bpa-options:${scopeKey(scope)}`;
}

/** An IAM policy document as AWS stores it (already JSON-decoded), with where it was read from. */
export interface PolicyDocument {
  /** A name for citing it: the policy name, `bucket policy of B`, the SCP name. */
  name: string;
  document: Record<string, unknown>;
  origin: Origin;
}

/** An IAM role from get-account-authorization-details. */
export interface IamRole {
  arn: string;
  name: string;
  account: string;
  inlinePolicies: PolicyDocument[];
  managedPolicyArns: string[];
  permissionsBoundaryArn: string | undefined;
  origin: Origin;
}

/** A service control (or resource control) policy and what it is attached to. */
export interface OrganizationPolicy extends PolicyDocument {
  id: string;
  type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY";
  /** Target ids: the root (`r-…`), OUs (`ou-…`) and accounts (12 digits). */
  targets: string[];
}

/** IAM and resource policies, for identity checks on a proven network path. */
export interface IdentityData {
  /** Keyed by role ARN. */
  roles: ReadonlyMap<string, IamRole>;
  /** Managed policies' default versions, keyed by policy ARN. */
  managedPolicies: ReadonlyMap<string, PolicyDocument>;
  /** Keyed by bucket name. */
  bucketPolicies: ReadonlyMap<string, PolicyDocument>;
  organizationPolicies: readonly OrganizationPolicy[];
  /**
   * The buckets `policies/s3/list-buckets.json` lists (undefined without one): with a listing, a listed
   * bucket without a policy file has no policy.
   */
  bucketListing?: ReadonlySet<string> | undefined;
  /** Organizations list-parents outputs: child id (account or OU) → its parent's id (`ou-…`, `r-…`). */
  parents?: ReadonlyMap<string, string> | undefined;
  /** Which kinds were in the input: a role policy check needs `iam`, a bucket check `bucketPolicies`. */
  present: ReadonlySet<"iam" | "bucketPolicies" | "organizations">;
}
