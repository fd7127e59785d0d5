/**
 * One synthetic VPC, shaped like the ML estates the tool is for, with exact per-VPC counts so the
 * estate sizes of issue 9 come out exactly: 10 subnets in two AZs (public, two notebook subnets, a
 * data subnet and an endpoint subnet per AZ), 20 ENIs (10 notebooks, NAT and endpoint ENIs, EC2
 * instances filling the rest), 5 security groups holding 50 rules between them (CIDR, SG-reference
 * and prefix-list peers), 3 NACLs and 5 route tables. Most VPCs have NAT gateways (one shared or one
 * per AZ), an S3 gateway endpoint and SageMaker interface endpoints; a few carry the classic faults
 * (private DNS off, a NACL that drops replies, a blackhole route, an endpoint security group that
 * does not admit the notebooks) so audits see a realistic mix of verdicts and explanation codes.
 * A VPC may also play a part around its account + Region's transit gateway (see `HubRole`): a spoke
 * sends everything to the transit gateway and has no NAT gateway or interface endpoint of its own;
 * the egress VPC's endpoint subnets take the transit gateway's traffic to the NAT gateway of their
 * zone; the shared-services VPC's SageMaker endpoints (private DNS off) admit the spokes' addresses.
 */
import type { Prng } from "../aws/prng.js";
import type { Permission, RegionBuilder, RouteTableRef, SubnetRef, VpcRef } from "../aws/builder.js";
import type { Peer } from "../aws/shapes.js";

/** Bump whenever the generated estate changes, so cached benchmark estates are regenerated. */
export const GENERATOR_VERSION = 3;

export const PER_VPC = { subnets: 10, networkInterfaces: 20, notebooks: 10, securityGroups: 5, securityGroupRules: 50, networkAcls: 3, routeTables: 5 } as const;

const TEAMS = ["fraud", "search", "ads", "risk", "vision", "nlp", "forecast", "growth", "pricing", "health"];

/** What the generator decided for one VPC (exposed for tests and the bench's query mix). */
export interface VpcTraits {
  nat: 0 | 1 | 2;
  s3Endpoint: boolean;
  interfaceEndpoints: boolean;
  privateDns: boolean;
  naclBlocksReplies: boolean;
  blackhole: boolean;
  /** The interface endpoints' security group admits the app tier only, not the notebooks. */
  endpointSgBlocks: boolean;
  /** Its part around the transit gateway, if any. */
  hub: HubRole["kind"] | undefined;
}

/**
 * A VPC's part in its account + Region's hub-and-spoke network: `spoke` (default route to the transit
 * gateway), `egress` (centralized NAT gateways) or `shared` (centralized SageMaker interface endpoints).
 */
export interface HubRole {
  kind: "spoke" | "egress" | "shared";
  tgwId: string;
}

/** A generated VPC: its traits, and what the transit gateway wiring needs. */
export interface GeneratedVpc {
  traits: VpcTraits;
  vpc: VpcRef;
  /** One endpoint subnet per zone: a hub VPC's transit gateway attachment subnets. */
  attachmentSubnets: SubnetRef[];
  /** Its interface endpoints' regional DNS names, by short service name. */
  endpoints: Map<string, string>;
}

/** The traits a hub role imposes on the drawn ones. */
function withRole(traits: VpcTraits, role: HubRole | undefined): VpcTraits {
  if (!role) return traits;
  if (role.kind === "spoke") return { ...traits, nat: 0, interfaceEndpoints: false, blackhole: false, hub: "spoke" };
  // The egress VPC's endpoint subnets are its attachment subnets: an S3 gateway endpoint route there
  // would catch the spokes' S3 traffic, which a gateway endpoint refuses (it serves its own VPC only).
  if (role.kind === "egress") return { ...traits, nat: 2, s3Endpoint: false, blackhole: false, hub: "egress" };
  return { ...traits, interfaceEndpoints: true, privateDns: false, endpointSgBlocks: false, hub: "shared" };
}

/**
 * Draws a VPC's traits.
 *
 * @param rng - the estate's generator
 */
export function drawTraits(rng: Prng): VpcTraits {
  const nat = rng.chance(0.85) ? (rng.chance(0.6) ? 2 : 1) : 0;
  return {
    nat,
    s3Endpoint: rng.chance(0.75),
    interfaceEndpoints: rng.chance(0.6),
    privateDns: rng.chance(0.9),
    naclBlocksReplies: rng.chance(0.05),
    blackhole: nat > 0 && rng.chance(0.03),
    endpointSgBlocks: rng.chance(0.05),
    hub: undefined,
  };
}

/** Counts peers (= rules, as describe-security-group-rules flattens them). */
function ruleCount(perms: Permission[]): number {
  return perms.reduce((n, p) => n + p.peers.length, 0);
}

/**
 * Generates one VPC into `b` (call `b.drain()` afterwards to stream it out).
 *
 * @param b - the Region builder
 * @param index - the VPC's position in the estate (names, CIDR)
 * @param azs - two AZ names of the Region
 * @param role - its part around the transit gateway, if any
 */
export function generateVpc(b: RegionBuilder, index: number, azs: [string, string], role?: HubRole): GeneratedVpc {
  const rng = b.rng;
  const traits = withRole(drawTraits(rng), role);
  const team = TEAMS[index % TEAMS.length]!;
  const tag = String(index).padStart(4, "0");
  const o = index % 250;
  const vpc = b.vpc({ cidr: `10.${o}.0.0/16`, name: `${team}-ml-${tag}`, tags: { Team: team, Environment: rng.pick(["prod", "staging", "dev"]) } });
  const zone = (k: number) => {
    const az = azs[k]!;
    const s = az.slice(-1);
    return {
      pub: b.subnet(vpc, { cidr: `10.${o}.${k}.0/24`, az, name: `${team}-${tag}-public-${s}`, mapPublicIp: true }),
      nb: [0, 1].map((j) => b.subnet(vpc, { cidr: `10.${o}.${16 + 32 * k + 16 * j}.0/20`, az, name: `${team}-${tag}-notebooks-${j + 1}-${s}` })),
      data: b.subnet(vpc, { cidr: `10.${o}.${80 + 4 * k}.0/22`, az, name: `${team}-${tag}-data-${s}` }),
      endpoints: b.subnet(vpc, { cidr: `10.${o}.${96 + k}.0/24`, az, name: `${team}-${tag}-endpoints-${s}` }),
    };
  };
  const zones = [zone(0), zone(1)];

  // Route tables: main (local only), public, private per AZ, data.
  const publicTable = b.routeTable(vpc, { name: `${team}-${tag}-public`, subnets: zones.map((z) => z.pub) });
  const privateTables: RouteTableRef[] = zones.map((z, k) => b.routeTable(vpc, { name: `${team}-${tag}-private-${azs[k]!.slice(-1)}`, subnets: [...z.nb, z.endpoints] }));
  const dataTable = b.routeTable(vpc, { name: `${team}-${tag}-data`, subnets: zones.map((z) => z.data) });
  let enis = 0;
  if (traits.nat > 0) {
    const igw = b.internetGateway(vpc, `${team}-${tag}-igw`);
    b.addRoute(publicTable, { cidr: "0.0.0.0/0", target: { gateway: igw } });
    const nats = zones.slice(0, traits.nat).map((z, k) => b.natGateway(z.pub, `${team}-${tag}-nat-${azs[k]!.slice(-1)}`));
    enis += nats.length;
    privateTables.forEach((table, k) => {
      const blackhole = traits.blackhole && k === 1;
      const nat = blackhole ? b.id("nat") : nats[Math.min(k, nats.length - 1)]!.id;
      b.addRoute(table, { cidr: "0.0.0.0/0", target: { nat }, ...(blackhole ? { state: "blackhole" as const } : {}) });
    });
  }
  // Around the transit gateway: spokes send everything to it; the hubs send the spokes' replies back.
  if (role?.kind === "spoke") for (const table of privateTables) b.addRoute(table, { cidr: "0.0.0.0/0", target: { transitGateway: role.tgwId } });
  if (role?.kind === "egress") b.addRoute(publicTable, { cidr: "10.0.0.0/8", target: { transitGateway: role.tgwId } });
  if (role?.kind === "shared") for (const table of privateTables) b.addRoute(table, { cidr: "10.0.0.0/8", target: { transitGateway: role.tgwId } });
  if (traits.s3Endpoint) b.gatewayEndpoint(vpc, "s3", [...privateTables, dataTable], `${team}-${tag}-s3`);

  // Security groups: default (2 rules, made by b.vpc), notebooks, endpoints, app, data = 50 rules.
  const notebooksPerms: Permission[] = [{ protocol: "-1", peers: [{ group: "self" }] }];
  const notebooks = b.securityGroup(vpc, { name: `${team}-${tag}-notebooks`, description: "SageMaker notebooks", ingress: notebooksPerms, tagName: `${team}-${tag}-notebooks` });
  const appIngress: Permission[] = [
    { protocol: "tcp", from: 443, to: 443, peers: [{ cidr: "10.0.0.0/8", description: "internal HTTPS" }] },
    { protocol: "tcp", from: 22, to: 22, peers: [{ group: notebooks, description: "ssh from notebooks" }] },
  ];
  const app = b.securityGroup(vpc, { name: `${team}-${tag}-app`, description: "Application tier", ingress: appIngress, tagName: `${team}-${tag}-app` });
  const endpointPeers: Peer[] = traits.endpointSgBlocks
    ? [{ group: app, description: "app tier" }, { cidr: "172.16.0.0/12", description: "corporate" }]
    : [{ group: notebooks, description: "notebooks" }, { group: app, description: "app tier" }];
  if (!traits.endpointSgBlocks && rng.chance(0.5)) endpointPeers.push({ cidr: vpc.cidr, description: "VPC" });
  if (role?.kind === "shared") endpointPeers.push({ cidr: "10.0.0.0/8", description: "spokes over the transit gateway" });
  const endpointsPerms: Permission[] = [{ protocol: "tcp", from: 443, to: 443, peers: endpointPeers }];
  const endpointsSg = b.securityGroup(vpc, { name: `${team}-${tag}-endpoints`, description: "Interface endpoints", ingress: endpointsPerms, tagName: `${team}-${tag}-endpoints` });
  // Used so far: default 2, notebooks 1+1, app 2+1, endpoints |peers|+1.
  const used = 2 + ruleCount(notebooksPerms) + 1 + ruleCount(appIngress) + 1 + ruleCount(endpointsPerms) + 1;
  const dataIngress: Permission[] = [];
  const dataEgress: Permission[] = [{ protocol: "tcp", from: 443, to: 443, peers: [{ prefixList: b.facts.s3PrefixList.id, description: "S3" }] }];
  const padding = PER_VPC.securityGroupRules - used - ruleCount(dataEgress);
  for (let i = 0; i < padding; i++) {
    const port = rng.pick([443, 5432, 6379, 8080, 8443, 9092, 27017, 3306, 2049, 9200]);
    const roll = rng.next();
    const peer: Peer = roll < 0.55 ? { cidr: `10.${rng.int(0, 255)}.${rng.int(0, 255)}.0/24` } : roll < 0.9 ? { group: rng.pick([app, notebooks, "self"]) } : { cidr: "172.16.0.0/12", description: "corporate" };
    dataIngress.push({ protocol: rng.chance(0.9) ? "tcp" : "udp", from: port, to: port, peers: [peer] });
  }
  b.securityGroup(vpc, { name: `${team}-${tag}-data`, description: "Data stores", ingress: dataIngress, egress: dataEgress, tagName: `${team}-${tag}-data` });

  // NACLs: default (public and endpoint subnets), private (notebook subnets), data.
  // The faulty variant admits only HTTPS inbound, so replies to the notebooks' own connections drop.
  const replies: [number, number] = traits.naclBlocksReplies ? [443, 443] : [1024, 65535];
  b.networkAcl(vpc, {
    name: `${team}-${tag}-private`,
    subnets: zones.flatMap((z) => z.nb),
    entries: [
      { rule: 100, egress: false, action: "deny", protocol: "6", cidr: "198.51.100.0/24", ports: [0, 65535] },
      { rule: 105, egress: false, action: "allow", protocol: "-1", cidr: vpc.cidr },
      { rule: 110, egress: false, action: "allow", protocol: "6", cidr: "0.0.0.0/0", ports: replies },
      { rule: 100, egress: true, action: "allow", protocol: "-1", cidr: "0.0.0.0/0" },
    ],
  });
  b.networkAcl(vpc, {
    name: `${team}-${tag}-data`,
    subnets: zones.map((z) => z.data),
    entries: [
      { rule: 100, egress: false, action: "allow", protocol: "-1", cidr: vpc.cidr },
      { rule: 110, egress: false, action: "allow", protocol: "6", cidr: "0.0.0.0/0", ports: [1024, 65535] },
      { rule: 100, egress: true, action: "allow", protocol: "-1", cidr: "0.0.0.0/0" },
    ],
  });

  const endpoints = new Map<string, string>();
  if (traits.interfaceEndpoints) {
    const subnets: SubnetRef[] = zones.map((z) => z.endpoints);
    for (const service of ["sagemaker.api", "sagemaker.runtime"]) {
      const endpoint = b.interfaceEndpoint(vpc, service, subnets, [endpointsSg], traits.privateDns, `${team}-${tag}-${service.replace(".", "-")}`);
      endpoints.set(service, endpoint.dnsName);
      enis += subnets.length;
    }
  }

  const notebookSubnets = zones.flatMap((z) => z.nb);
  for (let k = 0; k < PER_VPC.notebooks; k++) {
    const subnet = notebookSubnets[k % notebookSubnets.length]!;
    b.notebook({
      name: `${team}-nb-${tag}-${String(k).padStart(2, "0")}`,
      subnet,
      securityGroups: rng.chance(0.2) ? [notebooks, vpc.defaultSecurityGroup] : [notebooks],
      direct: rng.chance(0.2),
      root: rng.chance(0.3),
      kms: rng.chance(0.7),
      instanceType: rng.pick(["ml.t3.medium", "ml.t3.large", "ml.m5.xlarge", "ml.g5.xlarge"]),
    });
  }
  enis += PER_VPC.notebooks;

  const instances = PER_VPC.networkInterfaces - enis;
  for (let k = 0; k < instances; k++) {
    const bastion = k === 0 && traits.nat > 0;
    const subnet = bastion ? zones[0]!.pub : rng.pick([zones[0]!.data, zones[1]!.data, ...notebookSubnets]);
    b.instance(subnet, { name: bastion ? `${team}-${tag}-bastion` : `${team}-${tag}-worker-${k}`, groups: [bastion ? vpc.defaultSecurityGroup : app], publicIp: bastion, type: bastion ? "t3.micro" : "m6i.large" });
  }
  return { traits, vpc, attachmentSubnets: zones.map((z) => z.endpoints), endpoints };
}
