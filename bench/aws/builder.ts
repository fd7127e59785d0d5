/**
 * Builds one account + Region of AWS network configuration as the AWS CLI prints it
 * (`aws ec2 describe-vpcs`, `describe-subnets`, `describe-route-tables`, …, `aws sagemaker
 * describe-notebook-instance`), keeping every cross-reference consistent: a subnet is in its VPC's
 * CIDR, every VPC gets its main route table, default NACL (rules 100 allow + * deny, both directions,
 * associated with every subnet that has no other NACL) and default security group, NAT gateways and
 * interface endpoints get their requester-managed ENIs, gateway endpoints put their prefix-list routes
 * in the route tables they serve. Used by the hand-designed fixtures (bench/fixtures/) and the
 * synthetic estates (bench/synth.ts). Shapes: https://docs.aws.amazon.com/cli/latest/reference/ec2/
 * and https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeNotebookInstance.html
 */
import { Prng, cidrSize, numberToIp, parseCidr } from "./prng.js";
import { regionFacts, serviceDns, serviceName } from "./regions.js";
import type { AclEntrySpec, Json, Permission, RawAcl, RawRouteTable, RouteSpec, TagList } from "./shapes.js";
import { aclEntry, nameTags, permission, route, routeTargetField } from "./shapes.js";

export type { AclEntrySpec, Permission, RouteSpec } from "./shapes.js";

/** The describe-* documents of one Region, by top-level key, with the file name each is written to. */
export const DOCUMENT_FILES = {
  Vpcs: "describe-vpcs.json",
  Subnets: "describe-subnets.json",
  RouteTables: "describe-route-tables.json",
  InternetGateways: "describe-internet-gateways.json",
  NatGateways: "describe-nat-gateways.json",
  VpcEndpoints: "describe-vpc-endpoints.json",
  SecurityGroups: "describe-security-groups.json",
  NetworkAcls: "describe-network-acls.json",
  NetworkInterfaces: "describe-network-interfaces.json",
  PrefixLists: "describe-prefix-lists.json",
  Reservations: "describe-instances.json",
  Addresses: "describe-addresses.json",
} as const;

export type DocumentKey = keyof typeof DOCUMENT_FILES;
export const DOCUMENT_KEYS = Object.keys(DOCUMENT_FILES) as DocumentKey[];

/** A file that is one whole document (describe-vpc-attribute, describe-notebook-instance). */
export interface SingleFile {
  /** Path relative to the Region folder, e.g. `sagemaker/research-notebook.json`. */
  path: string;
  body: Json;
}

export interface VpcRef {
  id: string;
  cidr: string;
  name: string;
  mainRouteTable: RouteTableRef;
  defaultAcl: AclRef;
  defaultSecurityGroup: string;
}
export interface SubnetRef {
  id: string;
  vpc: VpcRef;
  cidr: string;
  az: string;
  /** Next free host offset inside the subnet (AWS reserves the first four). */
  nextHost: number;
}
export interface RouteTableRef {
  id: string;
  vpc: VpcRef;
  raw: RawRouteTable;
}
export interface AclRef {
  id: string;
  vpc: VpcRef;
  raw: RawAcl;
}
export interface EniRef {
  id: string;
  subnet: SubnetRef;
  ip: string;
  publicIp: string | undefined;
}
export interface NatRef {
  id: string;
  subnet: SubnetRef;
  eni: EniRef;
}

export interface NotebookSpec {
  name: string;
  /** Omit for a notebook with no VPC (then `direct` must be true). */
  subnet?: SubnetRef;
  securityGroups?: string[];
  direct: boolean;
  root: boolean;
  kms: boolean;
  instanceType?: string;
  status?: string;
  /** False: the notebook names its ENI, but describe-network-interfaces does not list it (a listing that missed it). */
  eniListed?: boolean;
}

export const ACCOUNT = "111122223333";
/** The account SageMaker's managed ENIs are requested from (the RequesterId of notebook ENIs). */
const SAGEMAKER_ROLE_ID = "AROAX5EXAMPLE6SMAKER7:SageMaker";
const ENDPOINT_REQUESTER = "727180483921";

export class RegionBuilder {
  readonly facts;
  /** Documents built so far, by top-level key; `drain()` hands them out and starts afresh. */
  private items: Record<DocumentKey, Json[]>;
  private files: SingleFile[] = [];
  private publicCounter = 0;

  /**
   * @param region - e.g. `us-east-1` (must be in `REGIONS`)
   * @param rng - the generator every id and address is drawn from
   * @param account - 12-digit owner id
   */
  constructor(
    readonly region: string,
    readonly rng: Prng,
    readonly account: string = ACCOUNT,
  ) {
    this.facts = regionFacts(region);
    this.items = RegionBuilder.empty();
  }

  private static empty(): Record<DocumentKey, Json[]> {
    return Object.fromEntries(DOCUMENT_KEYS.map((key) => [key, []])) as unknown as Record<DocumentKey, Json[]>;
  }

  /** Hands out everything built since the last call (for streaming writers) and clears it. */
  drain(): { items: Record<DocumentKey, Json[]>; files: SingleFile[] } {
    const out = { items: this.items, files: this.files };
    this.items = RegionBuilder.empty();
    this.files = [];
    return out;
  }

  /**
   * A fresh AWS-style id: the prefix, a dash and 17 hex digits starting with 0.
   *
   * @param prefix - e.g. `vpc`, `subnet`, `eni`
   */
  id(prefix: string): string {
    return `${prefix}-0${this.rng.hex(16)}`;
  }

  private arn(kind: string, id: string): string {
    return `arn:aws:ec2:${this.region}:${this.account}:${kind}/${id}`;
  }

  private privateDnsName(ip: string): string {
    const domain = this.region === "us-east-1" ? "ec2.internal" : `${this.region}.compute.internal`;
    return `ip-${ip.replaceAll(".", "-")}.${domain}`;
  }

  /** A deterministic, unique-per-builder public IPv4 address from the Region's usual ranges. */
  publicIp(): string {
    this.publicCounter++;
    const first = this.rng.pick(this.facts.publicFirstOctets);
    return `${first}.${this.rng.int(1, 254)}.${(this.publicCounter >> 8) & 255}.${(this.publicCounter & 255) || 1}`;
  }

  /** An ISO timestamp in 2025, deterministic. */
  timestamp(): string {
    const day = this.rng.int(0, 300);
    const date = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000 + this.rng.int(0, 86_399) * 1000);
    return date.toISOString().replace(/\.\d{3}Z$/, ".000Z");
  }

  /** The AWS-managed prefix lists of the Region (describe-prefix-lists). Call once per Region. */
  prefixLists(): void {
    const { s3PrefixList, dynamodbPrefixList } = this.facts;
    this.items.PrefixLists.push(
      { Cidrs: s3PrefixList.cidrs, PrefixListId: s3PrefixList.id, PrefixListName: serviceName("s3", this.region) },
      { Cidrs: dynamodbPrefixList.cidrs, PrefixListId: dynamodbPrefixList.id, PrefixListName: serviceName("dynamodb", this.region) },
    );
  }

  /**
   * A VPC with its main route table (local route only), default NACL, default security group and the
   * two describe-vpc-attribute outputs.
   *
   * @param spec.cidr - primary IPv4 CIDR
   * @param spec.name - Name tag
   * @param spec.dnsSupport - enableDnsSupport (default true)
   * @param spec.dnsHostnames - enableDnsHostnames (default true)
   */
  vpc(spec: { cidr: string; name: string; dnsSupport?: boolean; dnsHostnames?: boolean; tags?: Record<string, string> }): VpcRef {
    const id = this.id("vpc");
    this.items.Vpcs.push({
      OwnerId: this.account,
      InstanceTenancy: "default",
      CidrBlockAssociationSet: [
        { AssociationId: this.id("vpc-cidr-assoc"), CidrBlock: spec.cidr, CidrBlockState: { State: "associated" } },
      ],
      IsDefault: false,
      BlockPublicAccessStates: { InternetGatewayBlockMode: "off" },
      Tags: nameTags(spec.name, spec.tags),
      VpcId: id,
      State: "available",
      CidrBlock: spec.cidr,
      DhcpOptionsId: this.id("dopt"),
    });
    const ref = { id, cidr: spec.cidr, name: spec.name } as VpcRef;
    ref.mainRouteTable = this.routeTable(ref, { main: true });
    ref.defaultAcl = this.networkAcl(ref, {
      isDefault: true,
      entries: [
        { rule: 100, egress: false, action: "allow", protocol: "-1", cidr: "0.0.0.0/0" },
        { rule: 100, egress: true, action: "allow", protocol: "-1", cidr: "0.0.0.0/0" },
      ],
    });
    ref.defaultSecurityGroup = this.securityGroup(ref, {
      name: "default",
      description: "default VPC security group",
      ingress: [{ protocol: "-1", peers: [{ group: "self" }] }],
    });
    for (const [attribute, value] of [
      ["enableDnsSupport", spec.dnsSupport ?? true],
      ["enableDnsHostnames", spec.dnsHostnames ?? true],
    ] as const) {
      const key = attribute === "enableDnsSupport" ? "EnableDnsSupport" : "EnableDnsHostnames";
      this.files.push({ path: `vpc-attributes/${id}-${attribute}.json`, body: { VpcId: id, [key]: { Value: value } } });
    }
    return ref;
  }

  /**
   * A subnet, associated with its VPC's default NACL until another NACL claims it.
   *
   * @param vpc - the VPC
   * @param spec.cidr - inside the VPC's CIDR
   * @param spec.az - AZ name, e.g. `us-east-1a`
   * @param spec.name - Name tag
   * @param spec.mapPublicIp - MapPublicIpOnLaunch
   */
  subnet(vpc: VpcRef, spec: { cidr: string; az: string; name: string; mapPublicIp?: boolean }): SubnetRef {
    const id = this.id("subnet");
    this.items.Subnets.push({
      AvailabilityZoneId: this.facts.zones[spec.az] ?? `${spec.az}-id`,
      MapCustomerOwnedIpOnLaunch: false,
      OwnerId: this.account,
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [],
      Tags: nameTags(spec.name),
      SubnetArn: this.arn("subnet", id),
      EnableDns64: false,
      Ipv6Native: false,
      PrivateDnsNameOptionsOnLaunch: { HostnameType: "ip-name", EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
      SubnetId: id,
      State: "available",
      VpcId: vpc.id,
      CidrBlock: spec.cidr,
      AvailableIpAddressCount: cidrSize(spec.cidr) - 5,
      AvailabilityZone: spec.az,
      DefaultForAz: false,
      MapPublicIpOnLaunch: spec.mapPublicIp ?? false,
    });
    const subnet: SubnetRef = { id, vpc, cidr: spec.cidr, az: spec.az, nextHost: 4 + this.rng.int(0, 40) };
    this.associateAcl(vpc.defaultAcl, subnet);
    return subnet;
  }

  /** The next free private address of a subnet. */
  private nextIp(subnet: SubnetRef): string {
    const { base } = parseCidr(subnet.cidr);
    const size = cidrSize(subnet.cidr);
    if (subnet.nextHost >= size - 1) throw new Error(`subnet ${subnet.id} (${subnet.cidr}) is full`);
    const ip = numberToIp(base + subnet.nextHost);
    subnet.nextHost += 1 + (size > 64 ? this.rng.int(0, 3) : 0);
    return ip;
  }

  /**
   * A route table with its local route, explicitly associated with `subnets` (or the VPC's main table).
   *
   * @param vpc - the VPC
   * @param spec.name - Name tag (none for a main table unless given)
   * @param spec.subnets - explicit subnet associations
   * @param spec.main - true for the VPC's main table
   */
  routeTable(vpc: VpcRef, spec: { name?: string; subnets?: SubnetRef[]; main?: boolean }): RouteTableRef {
    const id = this.id("rtb");
    const associations: Json[] = [];
    if (spec.main) {
      associations.push({ Main: true, RouteTableAssociationId: this.id("rtbassoc"), RouteTableId: id, AssociationState: { State: "associated" } });
    }
    for (const subnet of spec.subnets ?? []) {
      associations.push({
        Main: false,
        RouteTableAssociationId: this.id("rtbassoc"),
        RouteTableId: id,
        SubnetId: subnet.id,
        AssociationState: { State: "associated" },
      });
    }
    const raw: RawRouteTable = {
      Associations: associations,
      PropagatingVgws: [],
      RouteTableId: id,
      Routes: [route({ cidr: vpc.cidr, target: { gateway: "local" } }, "CreateRouteTable")],
      Tags: spec.name ? nameTags(spec.name) : [],
      VpcId: vpc.id,
      OwnerId: this.account,
    };
    this.items.RouteTables.push(raw);
    return { id, vpc, raw };
  }

  /**
   * Adds a route (origin CreateRoute).
   *
   * @param table - the route table
   * @param spec - destination CIDR or prefix list, target, and state (default active)
   */
  addRoute(table: RouteTableRef, spec: RouteSpec): void {
    table.raw.Routes.push(route(spec, "CreateRoute"));
  }

  /**
   * An internet gateway attached to `vpc`.
   *
   * @param vpc - the VPC
   * @param name - Name tag
   */
  internetGateway(vpc: VpcRef, name: string): string {
    const id = this.id("igw");
    this.items.InternetGateways.push({
      Attachments: [{ State: "available", VpcId: vpc.id }],
      InternetGatewayId: id,
      OwnerId: this.account,
      Tags: nameTags(name),
    });
    return id;
  }

  /**
   * A network interface in `subnet` (describe-network-interfaces shape).
   *
   * @param subnet - where it lives
   * @param spec - interface type, description, groups, requester, attachment, public IP association
   */
  networkInterface(
    subnet: SubnetRef,
    spec: {
      interfaceType: string;
      description: string;
      groups: string[];
      requesterId?: string;
      attachment?: Json;
      publicIp?: { ip: string; allocationId?: string; associationId?: string };
      sourceDestCheck?: boolean;
      tags?: TagList;
    },
  ): EniRef {
    const id = this.id("eni");
    const ip = this.nextIp(subnet);
    const dnsName = this.privateDnsName(ip);
    const association = spec.publicIp
      ? {
          IpOwnerId: spec.publicIp.allocationId ? this.account : "amazon",
          PublicDnsName: `ec2-${spec.publicIp.ip.replaceAll(".", "-")}.${this.region === "us-east-1" ? "compute-1" : `${this.region}.compute`}.amazonaws.com`,
          PublicIp: spec.publicIp.ip,
          ...(spec.publicIp.allocationId ? { AllocationId: spec.publicIp.allocationId, AssociationId: spec.publicIp.associationId } : {}),
        }
      : undefined;
    const eni: Record<string, Json> = {
      ...(association ? { Association: association } : {}),
      ...(spec.attachment ? { Attachment: spec.attachment } : {}),
      AvailabilityZone: subnet.az,
      Description: spec.description,
      Groups: spec.groups.map((groupId) => ({ GroupId: groupId, GroupName: this.groupNames.get(groupId) ?? groupId })),
      InterfaceType: spec.interfaceType,
      Ipv6Addresses: [],
      MacAddress: `0e:${this.rng.hex(2)}:${this.rng.hex(2)}:${this.rng.hex(2)}:${this.rng.hex(2)}:${this.rng.hex(2)}`,
      NetworkInterfaceId: id,
      OwnerId: this.account,
      PrivateDnsName: dnsName,
      PrivateIpAddress: ip,
      PrivateIpAddresses: [
        { ...(association ? { Association: association } : {}), Primary: true, PrivateDnsName: dnsName, PrivateIpAddress: ip },
      ],
      ...(spec.requesterId ? { RequesterId: spec.requesterId } : {}),
      RequesterManaged: spec.requesterId !== undefined,
      SourceDestCheck: spec.sourceDestCheck ?? true,
      Status: "in-use",
      SubnetId: subnet.id,
      TagSet: spec.tags ?? [],
      VpcId: subnet.vpc.id,
    };
    this.items.NetworkInterfaces.push(eni);
    return { id, subnet, ip, publicIp: spec.publicIp?.ip };
  }

  /**
   * A public NAT gateway in `subnet` with its ENI (InterfaceType `nat_gateway`) and Elastic IP.
   *
   * @param subnet - a public subnet
   * @param name - Name tag
   */
  natGateway(subnet: SubnetRef, name: string): NatRef {
    const id = this.id("nat");
    const allocationId = this.id("eipalloc");
    const associationId = this.id("eipassoc");
    const publicIp = this.publicIp();
    const eni = this.networkInterface(subnet, {
      interfaceType: "nat_gateway",
      description: `Interface for NAT Gateway ${id}`,
      groups: [],
      requesterId: "amazon-aws",
      sourceDestCheck: false,
      attachment: { AttachmentId: this.id("ela-attach").replace(/^ela-attach-0/, "ela-attach-"), DeleteOnTermination: false, DeviceIndex: 1, InstanceOwnerId: "amazon-aws", Status: "attached" },
      publicIp: { ip: publicIp, allocationId, associationId },
    });
    this.items.NatGateways.push({
      CreateTime: this.timestamp(),
      NatGatewayAddresses: [
        { AllocationId: allocationId, NetworkInterfaceId: eni.id, PrivateIp: eni.ip, PublicIp: publicIp, AssociationId: associationId, IsPrimary: true, Status: "succeeded" },
      ],
      NatGatewayId: id,
      State: "available",
      SubnetId: subnet.id,
      VpcId: subnet.vpc.id,
      Tags: nameTags(name),
      ConnectivityType: "public",
    });
    this.items.Addresses.push({
      AllocationId: allocationId,
      AssociationId: associationId,
      Domain: "vpc",
      NetworkInterfaceId: eni.id,
      NetworkInterfaceOwnerId: this.account,
      PrivateIpAddress: eni.ip,
      PublicIp: publicIp,
      PublicIpv4Pool: "amazon",
      NetworkBorderGroup: this.region,
      Tags: nameTags(`${name}-eip`),
    });
    return { id, subnet, eni };
  }

  /**
   * An Elastic IP that is allocated but associated with nothing (e.g. left over from a deleted NAT gateway).
   *
   * @param name - Name tag
   */
  unassociatedAddress(name: string): string {
    const allocationId = this.id("eipalloc");
    this.items.Addresses.push({
      AllocationId: allocationId,
      Domain: "vpc",
      PublicIp: this.publicIp(),
      PublicIpv4Pool: "amazon",
      NetworkBorderGroup: this.region,
      Tags: nameTags(name),
    });
    return allocationId;
  }

  private endpointBase(vpc: VpcRef, service: string, type: "Gateway" | "Interface" | "GatewayLoadBalancer", name: string, id: string): Record<string, Json> {
    return {
      VpcEndpointId: id,
      VpcEndpointType: type,
      VpcId: vpc.id,
      ServiceName: serviceName(service, this.region),
      State: "available",
      PolicyDocument:
        '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}',
      CreationTimestamp: this.timestamp(),
      Tags: nameTags(name),
      OwnerId: this.account,
      RequesterManaged: false,
    };
  }

  /**
   * A gateway endpoint (S3 or DynamoDB) with a `pl-… → vpce-…` route in each of `routeTables`.
   *
   * @param vpc - the VPC
   * @param service - `s3` or `dynamodb`
   * @param routeTables - the route tables it is associated with
   * @param name - Name tag
   */
  gatewayEndpoint(vpc: VpcRef, service: "s3" | "dynamodb", routeTables: RouteTableRef[], name: string): string {
    const id = this.id("vpce");
    const prefixList = service === "s3" ? this.facts.s3PrefixList.id : this.facts.dynamodbPrefixList.id;
    this.items.VpcEndpoints.push({
      ...this.endpointBase(vpc, service, "Gateway", name, id),
      RouteTableIds: routeTables.map((table) => table.id),
      SubnetIds: [],
      Groups: [],
      IpAddressType: "ipv4",
      PrivateDnsEnabled: false,
      NetworkInterfaceIds: [],
      DnsEntries: [],
    });
    for (const table of routeTables) this.addRoute(table, { prefixList, target: { gateway: id } });
    return id;
  }

  /**
   * A Gateway Load Balancer endpoint (e.g. in front of a firewall appliance) with its ENI in `subnet`.
   *
   * @param vpc - the VPC
   * @param subnet - its subnet (one AZ)
   * @param name - Name tag
   */
  gatewayLoadBalancerEndpoint(vpc: VpcRef, subnet: SubnetRef, name: string): string {
    const id = this.id("vpce");
    const eni = this.networkInterface(subnet, { interfaceType: "gateway_load_balancer_endpoint", description: `VPC Endpoint Interface ${id}`, groups: [], requesterId: ENDPOINT_REQUESTER });
    this.items.VpcEndpoints.push({
      ...this.endpointBase(vpc, "firewall", "GatewayLoadBalancer", name, id),
      ServiceName: `com.amazonaws.vpce.${this.region}.vpce-svc-0${this.rng.hex(16)}`,
      RouteTableIds: [],
      SubnetIds: [subnet.id],
      Groups: [],
      IpAddressType: "ipv4",
      PrivateDnsEnabled: false,
      NetworkInterfaceIds: [eni.id],
      DnsEntries: [],
    });
    return id;
  }

  /**
   * Associates a route table with an internet or virtual private gateway (an edge association: the
   * table becomes the gateway route table).
   *
   * @param table - the route table
   * @param gatewayId - the gateway
   */
  associateGateway(table: RouteTableRef, gatewayId: string): void {
    table.raw.Associations.push({ Main: false, RouteTableAssociationId: this.id("rtbassoc"), RouteTableId: table.id, GatewayId: gatewayId, AssociationState: { State: "associated" } });
  }

  /**
   * Turns on VPC Block Public Access for the account in this Region, with exclusions, as
   * describe-vpc-block-public-access-options and -exclusions print them; the VPCs built so far show
   * the mode in their BlockPublicAccessStates.
   *
   * @param mode - the account's mode
   * @param exclusions - the excluded VPCs and subnets with their modes and Name tags
   * @returns the exclusion ids
   */
  blockPublicAccess(mode: "block-bidirectional" | "block-ingress", exclusions: { resource: VpcRef | SubnetRef; mode: "allow-egress" | "allow-bidirectional"; name: string }[]): string[] {
    for (const vpc of this.items.Vpcs) (vpc as Record<string, Json>).BlockPublicAccessStates = { InternetGatewayBlockMode: mode };
    this.files.push({
      path: "describe-vpc-block-public-access-options.json",
      body: { VpcBlockPublicAccessOptions: { AwsAccountId: this.account, AwsRegion: this.region, State: "update-complete", InternetGatewayBlockMode: mode, LastUpdateTimestamp: this.timestamp(), ManagedBy: "account", ExclusionsAllowed: "allowed" } },
    });
    const records = exclusions.map((e) => {
      const id = `vpcbpa-exclude-${this.rng.hex(17)}`;
      const kind = "vpc" in e.resource ? "subnet" : "vpc";
      return { ExclusionId: id, InternetGatewayExclusionMode: e.mode, ResourceArn: this.arn(kind, e.resource.id), State: "create-complete", CreationTimestamp: this.timestamp(), Tags: nameTags(e.name) };
    });
    this.files.push({ path: "describe-vpc-block-public-access-exclusions.json", body: { VpcBlockPublicAccessExclusions: records } });
    return records.map((r) => r.ExclusionId);
  }

  /**
   * An interface endpoint (PrivateLink) with one requester-managed ENI per subnet.
   *
   * @param vpc - the VPC
   * @param service - short name, e.g. `sagemaker.api`, `sagemaker.runtime`, `sts`, `logs`
   * @param subnets - one per AZ
   * @param groups - the endpoint's security groups
   * @param privateDns - PrivateDnsEnabled
   * @param name - Name tag
   * @param opts - `inboundResolverOnly`: DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint (S3)
   */
  interfaceEndpoint(vpc: VpcRef, service: string, subnets: SubnetRef[], groups: string[], privateDns: boolean, name: string, opts: { inboundResolverOnly?: boolean } = {}): { id: string; enis: EniRef[]; dnsName: string } {
    const id = this.id("vpce");
    const enis = subnets.map((subnet) =>
      this.networkInterface(subnet, {
        interfaceType: "vpc_endpoint",
        description: `VPC Endpoint Interface ${id}`,
        groups,
        requesterId: ENDPOINT_REQUESTER,
        attachment: { AttachmentId: `ela-attach-${this.rng.hex(8)}`, DeleteOnTermination: false, DeviceIndex: 1, InstanceOwnerId: "amazon-aws", Status: "attached" },
      }),
    );
    const dns = serviceDns(service, this.region);
    const suffix = this.rng.chars(8, "abcdefghijklmnopqrstuvwxyz0123456789");
    const dnsName = `${id}-${suffix}.${dns.label}.${this.region}.vpce.amazonaws.com`;
    const entries: Json[] = [{ DnsName: dnsName, HostedZoneId: this.facts.vpceHostedZone }];
    for (const subnet of subnets) {
      entries.push({ DnsName: `${id}-${suffix}-${subnet.az}.${dns.label}.${this.region}.vpce.amazonaws.com`, HostedZoneId: this.facts.vpceHostedZone });
    }
    if (privateDns) entries.push({ DnsName: dns.privateName, HostedZoneId: `Z0${this.rng.chars(19, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}` });
    this.items.VpcEndpoints.push({
      ...this.endpointBase(vpc, service, "Interface", name, id),
      RouteTableIds: [],
      SubnetIds: subnets.map((subnet) => subnet.id),
      Groups: groups.map((groupId) => ({ GroupId: groupId, GroupName: this.groupNames.get(groupId) ?? groupId })),
      IpAddressType: "ipv4",
      DnsOptions: { DnsRecordIpType: "ipv4", ...(privateDns ? { PrivateDnsOnlyForInboundResolverEndpoint: opts.inboundResolverOnly ?? false } : {}) },
      PrivateDnsEnabled: privateDns,
      NetworkInterfaceIds: enis.map((eni) => eni.id),
      DnsEntries: entries,
    });
    return { id, enis, dnsName };
  }

  private groupNames = new Map<string, string>();

  /**
   * A security group. Egress defaults to AWS's "all traffic to 0.0.0.0/0". A peer `{ group: "self" }`
   * refers to the group being created.
   *
   * @param vpc - the VPC
   * @param spec - group name, description, ingress and egress permissions, Name tag
   */
  securityGroup(vpc: VpcRef, spec: { name: string; description: string; ingress: Permission[]; egress?: Permission[]; tagName?: string }): string {
    const id = this.id("sg");
    this.groupNames.set(id, spec.name);
    const egress = spec.egress ?? [{ protocol: "-1", peers: [{ cidr: "0.0.0.0/0" }] }];
    const resolve = (perm: Permission): Json => permission(perm, id, this.account);
    this.items.SecurityGroups.push({
      GroupId: id,
      IpPermissionsEgress: egress.map(resolve),
      ...(spec.tagName !== undefined ? { Tags: nameTags(spec.tagName) } : {}),
      VpcId: vpc.id,
      SecurityGroupArn: this.arn("security-group", id),
      OwnerId: this.account,
      GroupName: spec.name,
      Description: spec.description,
      IpPermissions: spec.ingress.map(resolve),
    });
    return id;
  }

  /**
   * A network ACL, explicitly associated with `subnets` (taken over from whichever NACL had them).
   * The final `*` deny entries (rule 32767, both directions) are added automatically.
   *
   * @param vpc - the VPC
   * @param spec - entries, subnets, default flag, Name tag
   */
  networkAcl(vpc: VpcRef, spec: { name?: string; isDefault?: boolean; subnets?: SubnetRef[]; entries: AclEntrySpec[] }): AclRef {
    const id = this.id("acl");
    const entries = [
      ...spec.entries,
      { rule: 32767, egress: false, action: "deny", protocol: "-1", cidr: "0.0.0.0/0" } as const,
      { rule: 32767, egress: true, action: "deny", protocol: "-1", cidr: "0.0.0.0/0" } as const,
    ];
    // The API lists egress entries first, then ingress, each by rule number.
    entries.sort((a, b) => Number(b.egress) - Number(a.egress) || a.rule - b.rule);
    const raw: RawAcl = {
      Associations: [],
      Entries: entries.map(aclEntry),
      IsDefault: spec.isDefault ?? false,
      NetworkAclId: id,
      Tags: spec.name ? nameTags(spec.name) : [],
      VpcId: vpc.id,
      OwnerId: this.account,
    };
    this.items.NetworkAcls.push(raw);
    const ref = { id, vpc, raw };
    for (const subnet of spec.subnets ?? []) this.associateAcl(ref, subnet);
    return ref;
  }

  private aclOfSubnet = new Map<string, AclRef>();

  private associateAcl(acl: AclRef, subnet: SubnetRef): void {
    const previous = this.aclOfSubnet.get(subnet.id);
    if (previous) previous.raw.Associations = previous.raw.Associations.filter((a) => a.SubnetId !== subnet.id);
    acl.raw.Associations.push({ NetworkAclAssociationId: this.id("aclassoc"), NetworkAclId: acl.id, SubnetId: subnet.id });
    this.aclOfSubnet.set(subnet.id, acl);
  }

  /**
   * A running EC2 instance with one ENI (describe-instances shape, plus the ENI in describe-network-interfaces).
   *
   * @param subnet - where it runs
   * @param spec - Name tag, security groups, auto-assigned public IP, instance type, metadata service;
   *   `claims`: an existing ENI its record names instead of a new one, and `file`: a separate
   *   describe-instances output to write its reservation to (an older export beside the current one)
   */
  instance(
    subnet: SubnetRef,
    spec: { name: string; groups: string[]; publicIp?: boolean; type?: string; metadata?: "enabled" | "disabled"; claims?: EniRef; file?: string },
  ): { id: string; eni: EniRef } {
    const id = this.id("i");
    const publicIp = spec.publicIp ? this.publicIp() : undefined;
    const launch = this.timestamp();
    const eni =
      spec.claims ??
      this.networkInterface(subnet, {
        interfaceType: "interface",
        description: "",
        groups: spec.groups,
        attachment: { AttachTime: launch, AttachmentId: this.id("eni-attach"), DeleteOnTermination: true, DeviceIndex: 0, InstanceId: id, InstanceOwnerId: this.account, Status: "attached", NetworkCardIndex: 0 },
        ...(publicIp ? { publicIp: { ip: publicIp } } : {}),
      });
    const groups = spec.groups.map((groupId) => ({ GroupId: groupId, GroupName: this.groupNames.get(groupId) ?? groupId }));
    const reservation: Json = {
      Groups: [],
      Instances: [
        {
          AmiLaunchIndex: 0,
          ImageId: `ami-0${this.rng.hex(16)}`,
          InstanceId: id,
          InstanceType: spec.type ?? "m6i.large",
          LaunchTime: launch,
          Monitoring: { State: "disabled" },
          Placement: { AvailabilityZone: subnet.az, GroupName: "", Tenancy: "default" },
          PrivateDnsName: this.privateDnsName(eni.ip),
          PrivateIpAddress: eni.ip,
          ...(publicIp ? { PublicIpAddress: publicIp } : {}),
          State: { Code: 16, Name: "running" },
          SubnetId: subnet.id,
          VpcId: subnet.vpc.id,
          Architecture: "x86_64",
          NetworkInterfaces: [
            {
              ...(publicIp ? { Association: { IpOwnerId: "amazon", PublicIp: publicIp } } : {}),
              Attachment: { AttachmentId: `eni-attach-0${this.rng.hex(16)}`, DeleteOnTermination: true, DeviceIndex: 0, Status: "attached", NetworkCardIndex: 0 },
              Groups: groups,
              InterfaceType: "interface",
              NetworkInterfaceId: eni.id,
              OwnerId: this.account,
              PrivateIpAddress: eni.ip,
              PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: eni.ip }],
              SourceDestCheck: true,
              Status: "in-use",
              SubnetId: subnet.id,
              VpcId: subnet.vpc.id,
            },
          ],
          SecurityGroups: groups,
          SourceDestCheck: true,
          MetadataOptions: { State: "applied", HttpTokens: "required", HttpPutResponseHopLimit: 2, HttpEndpoint: spec.metadata ?? "enabled", HttpProtocolIpv6: "disabled", InstanceMetadataTags: "disabled" },
          Tags: nameTags(spec.name),
        },
      ],
      OwnerId: this.account,
      ReservationId: `r-0${this.rng.hex(16)}`,
    };
    if (spec.file) this.file(spec.file, { Reservations: [reservation] });
    else this.items.Reservations.push(reservation);
    return { id, eni };
  }

  /**
   * Adds a whole-document file (an output the builder has no method for, e.g. transit gateway or
   * Route 53 data).
   *
   * @param path - relative to the Region folder
   * @param body - the document
   */
  file(path: string, body: Json): void {
    this.files.push({ path, body });
  }

  /**
   * A SageMaker notebook instance (one describe-notebook-instance output, written to
   * `sagemaker/<name>.json`) and, when it has a subnet, the ENI SageMaker puts there.
   *
   * @param spec - name, subnet and groups (omit both for no VPC), access modes, KMS
   */
  notebook(spec: NotebookSpec): { eni: EniRef | undefined } {
    const eni = spec.subnet
      ? this.networkInterface(spec.subnet, {
          interfaceType: "interface",
          description: `[DO NOT DELETE] ENI managed by SageMaker for notebook instance ${spec.name}`,
          groups: spec.securityGroups ?? [],
          requesterId: SAGEMAKER_ROLE_ID,
          attachment: { AttachmentId: this.id("eni-attach"), DeleteOnTermination: false, DeviceIndex: 1, InstanceOwnerId: "amazon-aws", Status: "attached", NetworkCardIndex: 0 },
        })
      : undefined;
    // Built (ids and addresses drawn as usual) and then dropped from the listing it would be in.
    if (eni && spec.eniListed === false) this.items.NetworkInterfaces.pop();
    const created = this.timestamp();
    const kmsKeyId = `arn:aws:kms:${this.region}:${this.account}:key/${this.rng.hex(8)}-${this.rng.hex(4)}-4${this.rng.hex(3)}-a${this.rng.hex(3)}-${this.rng.hex(12)}`;
    const body: Record<string, Json> = {
      NotebookInstanceArn: `arn:aws:sagemaker:${this.region}:${this.account}:notebook-instance/${spec.name.toLowerCase()}`,
      NotebookInstanceName: spec.name,
      NotebookInstanceStatus: spec.status ?? "InService",
      Url: `${spec.name.toLowerCase()}-${this.rng.chars(4, "abcdefghijklmnopqrstuvwxyz")}.notebook.${this.region}.sagemaker.aws`,
      InstanceType: spec.instanceType ?? "ml.t3.medium",
      ...(spec.subnet ? { SubnetId: spec.subnet.id, SecurityGroups: spec.securityGroups ?? [] } : {}),
      RoleArn: `arn:aws:iam::${this.account}:role/service-role/AmazonSageMaker-ExecutionRole-20250311T091422`,
      ...(spec.kms ? { KmsKeyId: kmsKeyId } : {}),
      ...(eni ? { NetworkInterfaceId: eni.id } : {}),
      LastModifiedTime: created,
      CreationTime: created,
      DirectInternetAccess: spec.direct ? "Enabled" : "Disabled",
      VolumeSizeInGB: 50,
      RootAccess: spec.root ? "Enabled" : "Disabled",
      PlatformIdentifier: "notebook-al2-v3",
      InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: "2" },
    };
    this.files.push({ path: `sagemaker/${spec.name}.json`, body });
    return { eni };
  }
}

export { routeTargetField };
