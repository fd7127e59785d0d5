/**
 * The network records of the model: VPCs, subnets, route tables, gateways, endpoints, security
 * groups, network ACLs, network interfaces and instances, peering and transit gateways — each the
 * normalized form of one AWS describe-* record (see src/snapshot/aws/).
 *
 * Only IPv4 is modelled for reachability; IPv6 data is kept where it could change an answer so the
 * engine can say `unknown` instead of guessing.
 */

import type { Origin, Resource, Scope } from "./scope.js";

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
  /** The DHCP options set associated with the VPC (describe-vpcs `DhcpOptionsId`; `default`: none). */
  dhcpOptionsId?: string | undefined;
  /**
   * The `domain-name-servers` of that set (describe-dhcp-options), e.g. `AmazonProvidedDNS` or a
   * custom server's address; undefined when the set is not in the snapshot.
   */
  dnsServers?: string[] | undefined;
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
  /** VPCs it is `attaching` to or `detaching` from: whether it serves them is not known. */
  changingAttachments?: { vpcId: string; state: string }[];
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
   * clients) get the interface endpoint's addresses. Undefined when the output does not print it
   * (an AWS CLI older than the option prints `DnsOptions` without it).
   */
  privateDnsOnlyForInboundResolverEndpoint: boolean | undefined;
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
  /** The delegated IPv4 prefix (`Ipv4Prefixes`) this address belongs to, when it is not an assigned IP. */
  delegatedPrefix?: string;
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
