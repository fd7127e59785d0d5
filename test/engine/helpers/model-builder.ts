/**
 * Builds valid `Model`s tersely for tests: every VPC gets a main route table with its local route, a
 * default NACL allowing everything both ways, and a default security group allowing all egress;
 * ENIs get the next free address of their subnet. Rules are written as short strings:
 * - NACL entry: `"100 in allow tcp 443 0.0.0.0/0"`, `"200 out deny all 10.0.0.0/8"`, `"110 in allow icmp 8 0.0.0.0/0"`,
 *   port ranges as `1024-65535`;
 * - SG rule: `"tcp 443 0.0.0.0/0"`, `"all sg-0abc"`, `"tcp 443 pl-0abc"`, `"icmp 8 0.0.0.0/0"`, `"udp 53-54 10.0.0.0/8"`;
 * - route target by id prefix: `local`, `igw-`, `nat-`, `vpce-`, `pcx-`, `tgw-`, `vgw-`, `eni-`, `i-`, `eigw-`;
 *   destination a CIDR or `pl-…`.
 */
import type {
  BpaBlockMode,
  BpaExclusion,
  DataKind,
  Model,
  NetworkAclEntry,
  NetworkInterface,
  Protocol,
  Route,
  RouteTarget,
  Scope,
  SecurityGroupPeer,
  SecurityGroupRule,
} from "../../../src/model/types.js";
import { formatIpv4, parseCidr } from "../../../src/net/index.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends ReadonlyMap<infer A, infer B> ? Map<A, B> : T[K] };

const ALL_KINDS: DataKind[] = [
  "vpcs", "vpcAttributes", "subnets", "routeTables", "internetGateways", "egressOnlyInternetGateways", "natGateways",
  "vpcEndpoints", "securityGroups", "networkAcls", "networkInterfaces", "instances", "addresses", "prefixLists",
  "vpcPeeringConnections", "transitGateways", "transitGatewayAttachments", "transitGatewayRouteTables", "hostedZones", "notebooks", "domains",
  "trainingJobs", "processingJobs", "tuningJobs", "models", "endpointConfigs", "endpoints", "userProfiles", "spaces",
];

function protocolOf(text: string): Protocol {
  if (text === "all" || text === "-1") return "all";
  if (text === "tcp" || text === "udp" || text === "icmp") return text;
  return { number: Number(text) };
}

function portsOf(text: string | undefined): { from: number; to: number } | undefined {
  if (!text) return undefined;
  const [a, b] = text.split("-");
  return { from: Number(a), to: Number(b ?? a) };
}

function targetOf(text: string): RouteTarget {
  if (text === "local") return { kind: "local" };
  const prefixes: [string, RouteTarget["kind"]][] = [
    ["igw-", "igw"], ["eigw-", "egress-only-igw"], ["nat-", "nat"], ["vpce-gwlb", "gwlb-endpoint"], ["vpce-", "gateway-endpoint"],
    ["pcx-", "peering"], ["tgw-", "transit-gateway"], ["vgw-", "vpn-gateway"], ["eni-", "network-interface"], ["i-", "instance"],
  ];
  for (const [prefix, kind] of prefixes) if (text.startsWith(prefix)) return { kind, id: text } as RouteTarget;
  return { kind: "other", id: text, field: "Unknown" };
}

export class TestModel {
  readonly region: string;
  readonly scope: Scope;
  private n = 0;
  private readonly nextIp = new Map<string, number>();
  readonly m: Mutable<Model>;
  private readonly defaultSg = new Map<string, string>();
  private readonly mainRtb = new Map<string, string>();

  /** @param region - Region of every resource (default us-east-1) */
  constructor(region = "us-east-1") {
    this.region = region;
    this.scope = { account: "111122223333", region };
    this.m = {
      vpcs: new Map(), subnets: new Map(), routeTables: new Map(), internetGateways: new Map(), egressOnlyInternetGateways: new Map(),
      natGateways: new Map(), vpcEndpoints: new Map(), securityGroups: new Map(), networkAcls: new Map(), networkInterfaces: new Map(),
      instances: new Map(), elasticIps: [], prefixLists: new Map(), vpcPeeringConnections: new Map(), transitGateways: new Map(),
      transitGatewayAttachments: new Map(), transitGatewayRouteTables: new Map(), hostedZones: new Map(), notebooks: new Map(), domains: new Map(),
      trainingJobs: new Map(), processingJobs: new Map(), tuningJobs: new Map(), models: new Map(), endpointConfigs: new Map(), endpoints: new Map(), userProfiles: new Map(), spaces: new Map(),
      blockPublicAccessOptions: new Map(), blockPublicAccessExclusions: new Map(),
      dataPresent: new Map([[`111122223333/${region}`, new Set(ALL_KINDS)]]),
      danglingReferences: [], collectErrors: [], warnings: [], source: "test-model",
    };
  }

  private id(prefix: string): string {
    this.n += 1;
    return `${prefix}-${this.n.toString(16).padStart(8, "0")}`;
  }

  private base(id: string) {
    return { id, scope: this.scope, name: undefined, tags: {}, origin: { file: "test", jsonPath: "$" } };
  }

  /** A VPC with a main route table (local route), a default NACL (allow all) and a default SG (all egress). */
  vpc(cidrs: string | string[], dns: { support?: boolean; hostnames?: boolean } = { support: true, hostnames: true }): string {
    const id = this.id("vpc");
    const list = Array.isArray(cidrs) ? cidrs : [cidrs];
    this.m.vpcs.set(id, { ...this.base(id), cidrs: list, ipv6Cidrs: [], isDefault: false, state: "available", enableDnsSupport: dns.support, enableDnsHostnames: dns.hostnames });
    const rtb = this.id("rtb");
    this.m.routeTables.set(rtb, { ...this.base(rtb), vpcId: id, isMain: true, subnetIds: [], gatewayIds: [], routes: list.map((c) => ({ destination: { kind: "cidr", cidr: c }, target: { kind: "local" }, state: "active", origin: "CreateRouteTable" })) });
    this.mainRtb.set(id, rtb);
    this.nacl(id, [], ["100 in allow all 0.0.0.0/0", "100 out allow all 0.0.0.0/0"], true);
    this.defaultSg.set(id, this.sg(id, { egress: ["all 0.0.0.0/0"] }, "default"));
    return id;
  }

  /** The VPC's main route table id. */
  main(vpcId: string): string {
    return this.mainRtb.get(vpcId) as string;
  }

  subnet(vpcId: string, cidr: string, az = `${this.region}a`): string {
    const id = this.id("subnet");
    this.m.subnets.set(id, { ...this.base(id), vpcId, cidr, ipv6Cidrs: [], availabilityZone: az, availabilityZoneId: undefined, mapPublicIpOnLaunch: false });
    this.nextIp.set(id, (parseCidr(cidr)?.first ?? 0) + 10);
    return id;
  }

  igw(vpcId?: string): string {
    const id = this.id("igw");
    this.m.internetGateways.set(id, { ...this.base(id), attachedVpcIds: vpcId ? [vpcId] : [] });
    return id;
  }

  /** Next free address of a subnet. */
  ip(subnetId: string): string {
    const next = this.nextIp.get(subnetId) as number;
    this.nextIp.set(subnetId, next + 1);
    return formatIpv4(next);
  }

  /** A route table with routes `[destination, target]` (`blackhole:` before the target for a blackhole). */
  routeTable(vpcId: string, subnetIds: string[], routes: [string, string][] = []): string {
    const id = this.id("rtb");
    const vpc = this.m.vpcs.get(vpcId);
    const local: Route[] = (vpc?.cidrs ?? []).map((c) => ({ destination: { kind: "cidr", cidr: c }, target: { kind: "local" }, state: "active", origin: "CreateRouteTable" }));
    this.m.routeTables.set(id, { ...this.base(id), vpcId, isMain: false, subnetIds, gatewayIds: [], routes: local });
    for (const [dest, target] of routes) this.route(id, dest, target);
    return id;
  }

  /** Adds a route to a table. */
  route(rtbId: string, dest: string, target: string, origin: Route["origin"] = "CreateRoute"): void {
    const table = this.m.routeTables.get(rtbId);
    if (!table) throw new Error(`no ${rtbId}`);
    const blackhole = target.startsWith("blackhole:");
    table.routes.push({
      destination: dest.startsWith("pl-") ? { kind: "prefix-list", prefixListId: dest } : { kind: "cidr", cidr: dest },
      target: targetOf(blackhole ? target.slice(10) : target),
      state: blackhole ? "blackhole" : "active",
      origin,
    });
  }

  /** A NACL with entries like `"100 in allow tcp 443 0.0.0.0/0"` (a final deny-all is implicit). */
  nacl(vpcId: string, subnetIds: string[], entries: string[], isDefault = false): string {
    const id = this.id("acl");
    const parsed: NetworkAclEntry[] = entries.map((text) => {
      const parts = text.split(/\s+/);
      const [num, dir, action, proto] = parts;
      const protocol = protocolOf(proto as string);
      const hasPorts = protocol === "tcp" || protocol === "udp" || protocol === "icmp";
      const cidr = (hasPorts ? parts[5] : parts[4]) as string;
      const icmpType = protocol === "icmp" ? Number(parts[4] === "any" ? -1 : parts[4]) : undefined;
      return {
        ruleNumber: Number(num), egress: dir === "out", action: action as "allow" | "deny", protocol, cidr, ipv6Cidr: undefined,
        ports: protocol === "tcp" || protocol === "udp" ? portsOf(parts[4]) : undefined,
        icmp: icmpType === undefined ? undefined : { type: icmpType, code: -1 },
      };
    });
    for (const egress of [false, true]) parsed.push({ ruleNumber: 32767, egress, action: "deny", protocol: "all", cidr: "0.0.0.0/0", ipv6Cidr: undefined, ports: undefined, icmp: undefined });
    for (const acl of this.m.networkAcls.values()) acl.subnetIds = acl.subnetIds.filter((s) => !subnetIds.includes(s));
    this.m.networkAcls.set(id, { ...this.base(id), vpcId, isDefault, subnetIds, entries: parsed.sort((a, b) => a.ruleNumber - b.ruleNumber) });
    return id;
  }

  /** A security group with rules like `"tcp 443 0.0.0.0/0"`; `egress` defaults to none. */
  sg(vpcId: string, rules: { ingress?: string[]; egress?: string[] }, groupName?: string): string {
    const id = this.id("sg");
    const make = (direction: "ingress" | "egress", text: string, i: number): SecurityGroupRule => {
      const parts = text.split(/\s+/);
      const protocol = protocolOf(parts[0] as string);
      const withPorts = protocol === "tcp" || protocol === "udp" || protocol === "icmp";
      const peerText = (withPorts ? parts[2] : parts[1]) as string;
      const peer: SecurityGroupPeer = peerText.startsWith("sg-")
        ? { kind: "security-group", groupId: peerText, vpcId: undefined, peeringStatus: undefined }
        : peerText.startsWith("pl-") ? { kind: "prefix-list", prefixListId: peerText } : { kind: "cidr", cidr: peerText };
      const ports = protocol === "icmp" ? { from: Number(parts[1] === "any" ? -1 : parts[1]), to: -1 } : withPorts ? portsOf(parts[1]) : undefined;
      return { groupId: id, direction, protocol, ports, peer, description: undefined, permissionIndex: i };
    };
    this.m.securityGroups.set(id, {
      ...this.base(id), vpcId, groupName: groupName ?? id, description: "",
      ingress: (rules.ingress ?? []).map((r, i) => make("ingress", r, i)),
      egress: (rules.egress ?? []).map((r, i) => make("egress", r, i)),
    });
    return id;
  }

  /** The VPC's default security group (allows all egress, no ingress). */
  defaultGroup(vpcId: string): string {
    return this.defaultSg.get(vpcId) as string;
  }

  eni(subnetId: string, opts: { ip?: string; sgs?: string[]; publicIp?: string; type?: string } = {}): string {
    const id = this.id("eni");
    const subnet = this.m.subnets.get(subnetId);
    if (!subnet) throw new Error(`no ${subnetId}`);
    const eni: NetworkInterface = {
      ...this.base(id), vpcId: subnet.vpcId, subnetId, availabilityZone: subnet.availabilityZone, interfaceType: opts.type ?? "interface",
      status: "in-use", privateIps: [{ privateIp: opts.ip ?? this.ip(subnetId), primary: true, publicIp: opts.publicIp }],
      securityGroupIds: opts.sgs ?? [this.defaultGroup(subnet.vpcId)], sourceDestCheck: true, attachedInstanceId: undefined,
      requesterManaged: false, requesterId: undefined, description: "",
    };
    this.m.networkInterfaces.set(id, eni);
    return id;
  }

  instance(subnetId: string, opts: { ip?: string; sgs?: string[]; publicIp?: string } = {}): string {
    const id = this.id("i");
    const eniId = this.eni(subnetId, opts);
    const eni = this.m.networkInterfaces.get(eniId) as NetworkInterface;
    eni.attachedInstanceId = id;
    const subnet = this.m.subnets.get(subnetId);
    this.m.instances.set(id, {
      ...this.base(id), state: "running", vpcId: subnet?.vpcId, subnetId, privateIp: eni.privateIps[0]?.privateIp, publicIp: opts.publicIp,
      networkInterfaceIds: [eniId], securityGroupIds: eni.securityGroupIds,
    });
    return id;
  }

  /** A notebook; with `subnet`, an ENI is created unless `eni: false`. */
  notebook(name: string, opts: { subnet?: string; sgs?: string[]; direct?: boolean; eni?: boolean; ip?: string } = {}): string {
    let eniId: string | undefined;
    const subnet = opts.subnet ? this.m.subnets.get(opts.subnet) : undefined;
    const sgs = opts.sgs ?? (subnet ? [this.defaultGroup(subnet.vpcId)] : []);
    if (opts.subnet && opts.eni !== false) eniId = this.eni(opts.subnet, { sgs, type: "interface", ...(opts.ip ? { ip: opts.ip } : {}) });
    this.m.notebooks.set(name, {
      ...this.base(name), arn: `arn:aws:sagemaker:${this.region}:111122223333:notebook-instance/${name}`, status: "InService",
      instanceType: "ml.t3.medium", subnetId: opts.subnet, securityGroupIds: sgs, networkInterfaceId: eniId,
      directInternetAccess: opts.direct ?? false, rootAccess: false, kmsKeyId: undefined,
    });
    return name;
  }

  /** A NAT gateway (public by default, with an EIP) and its ENI. */
  nat(subnetId: string, opts: { private?: boolean; state?: string; regional?: boolean } = {}): string {
    const id = this.id("nat");
    const subnet = this.m.subnets.get(subnetId);
    if (!subnet) throw new Error(`no ${subnetId}`);
    const eniId = this.eni(subnetId, { type: "nat_gateway", sgs: [] });
    const eni = this.m.networkInterfaces.get(eniId) as NetworkInterface;
    const publicIp = opts.private ? undefined : `3.3.${this.n % 250}.${(this.n * 7) % 250}`;
    this.m.natGateways.set(id, {
      ...this.base(id), vpcId: subnet.vpcId, subnetId: opts.regional ? undefined : subnetId, state: opts.state ?? "available",
      connectivityType: opts.private ? "private" : "public", availabilityMode: opts.regional ? "regional" : "zonal",
      addresses: [{ allocationId: publicIp ? "eipalloc-1" : undefined, networkInterfaceId: eniId, privateIp: eni.privateIps[0]?.privateIp, publicIp }],
    });
    return id;
  }

  prefixList(name: string, cidrs: string[] | undefined, awsManaged = true): string {
    const id = this.id("pl");
    this.m.prefixLists.set(id, { ...this.base(id), prefixListName: name, cidrs, awsManaged });
    return id;
  }

  /** The Region's S3 prefix list (created on first use). */
  s3PrefixList(cidrs = ["52.216.0.0/15", "3.5.0.0/20"]): string {
    const name = `com.amazonaws.${this.region}.s3`;
    for (const pl of this.m.prefixLists.values()) if (pl.prefixListName === name) return pl.id;
    return this.prefixList(name, cidrs);
  }

  /** A gateway endpoint; adds its prefix-list route to each table. */
  gatewayEndpoint(vpcId: string, service: string, routeTableIds: string[], opts: { policy?: string; state?: string } = {}): string {
    const id = this.id("vpce");
    const pl = service === "s3" ? this.s3PrefixList() : this.prefixList(`com.amazonaws.${this.region}.${service}`, ["52.94.0.0/22"]);
    this.m.vpcEndpoints.set(id, {
      ...this.base(id), vpcId, type: "Gateway", serviceName: `com.amazonaws.${this.region}.${service}`, state: opts.state ?? "available",
      routeTableIds, subnetIds: [], networkInterfaceIds: [], securityGroupIds: [], privateDnsEnabled: false, dnsEntries: [], policyDocument: opts.policy,
    });
    for (const rtb of routeTableIds) this.route(rtb, pl, id);
    return id;
  }

  /** An interface endpoint with one ENI per subnet. */
  interfaceEndpoint(vpcId: string, service: string, subnetIds: string[], opts: { sgs?: string[]; privateDns?: boolean; state?: string } = {}): string {
    const id = this.id("vpce");
    const sgs = opts.sgs ?? [this.defaultGroup(vpcId)];
    const enis = subnetIds.map((s) => this.eni(s, { sgs, type: "vpc_endpoint" }));
    const short = service.startsWith("sagemaker.") ? `${service.slice(10)}.sagemaker` : service;
    this.m.vpcEndpoints.set(id, {
      ...this.base(id), vpcId, type: "Interface", serviceName: `com.amazonaws.${this.region}.${service}`, state: opts.state ?? "available",
      routeTableIds: [], subnetIds, networkInterfaceIds: enis, securityGroupIds: sgs, privateDnsEnabled: opts.privateDns ?? true,
      dnsEntries: [
        { dnsName: `${id}-abcd1234.${short}.${this.region}.vpce.amazonaws.com`, hostedZoneId: "Z1" },
        { dnsName: `${id}-abcd1234-${this.region}a.${short}.${this.region}.vpce.amazonaws.com`, hostedZoneId: "Z1" },
        { dnsName: `${short}.${this.region}.amazonaws.com`, hostedZoneId: "Z2" },
      ],
      policyDocument: undefined,
    });
    return id;
  }

  peering(requesterVpc: string, accepterVpc: string, status = "active"): string {
    const id = this.id("pcx");
    const side = (vpcId: string) => ({ vpcId, ownerId: "111122223333", region: this.region, cidrs: this.m.vpcs.get(vpcId)?.cidrs ?? [] });
    this.m.vpcPeeringConnections.set(id, { ...this.base(id), status, requester: side(requesterVpc), accepter: side(accepterVpc) });
    return id;
  }

  /**
   * Sets the account's VPC Block Public Access mode, as describe-vpc-block-public-access-options prints it.
   *
   * @param mode - the mode
   * @param opts - `exclusionsCollected` marks describe-vpc-block-public-access-exclusions as given (default true)
   */
  blockPublicAccess(mode: BpaBlockMode, opts: { exclusionsAllowed?: boolean; exclusionsCollected?: boolean } = {}): this {
    const id = `bpa-options:111122223333/${this.region}`;
    this.m.blockPublicAccessOptions.set(id, { id, scope: this.scope, origin: { file: "test", jsonPath: "$" }, mode, state: "update-complete", exclusionsAllowed: opts.exclusionsAllowed ?? true, managedBy: "account" });
    const present = this.m.dataPresent.get(`111122223333/${this.region}`) as Set<DataKind>;
    present.add("blockPublicAccessOptions");
    if (opts.exclusionsCollected ?? true) present.add("blockPublicAccessExclusions");
    return this;
  }

  /** Adds a VPC Block Public Access exclusion for a VPC or subnet. */
  bpaExclusion(resourceId: string, mode: BpaExclusion["mode"], state = "create-complete"): string {
    const id = this.id("vpcbpa-exclude");
    this.m.blockPublicAccessExclusions.set(id, { ...this.base(id), resourceId, mode, state });
    (this.m.dataPresent.get(`111122223333/${this.region}`) as Set<DataKind>).add("blockPublicAccessExclusions");
    return id;
  }

  /** Drops a kind of data from the "present" set (as if its describe output was not given). */
  without(kind: DataKind): this {
    (this.m.dataPresent.get(`111122223333/${this.region}`) as Set<DataKind>).delete(kind);
    return this;
  }

  build(): Model {
    return this.m as Model;
  }
}
