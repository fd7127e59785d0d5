/**
 * Deterministic synthetic estates for the benchmark (issue 9), written as folders of describe-*
 * JSON exactly like the fixtures: `<out>/<account>/<region>/describe-*.json`, `sagemaker/` with one
 * describe-notebook-instance output per notebook, `vpc-attributes/`. Sizes: small (10 VPCs), medium
 * (100 VPCs, 1,000 subnets, 2,000 ENIs, 1,000 notebooks) and large (1,000 VPCs, 10,000 subnets,
 * 20,000 ENIs, 10,000 notebooks, 5,000 security groups with 50,000 rules, 3,000 NACLs). VPCs are
 * spread over accounts and three Regions, 25 per account + Region; the estate is generated and
 * streamed to disk one VPC at a time, so memory stays flat whatever the size. Each account + Region
 * of three VPCs or more has a transit gateway: its first VPC is the centralized egress VPC, its second
 * the shared-services VPC (SageMaker endpoints resolved in the spokes by Route 53 private hosted
 * zones), and 40 % of the others are spokes whose notebooks reach everything through it.
 */
import { resolve } from "node:path";
import { Prng } from "./aws/prng.js";
import { RegionBuilder } from "./aws/builder.js";
import { regionFacts } from "./aws/regions.js";
import { RegionStream, commitFolder, stagingFolder } from "./synth/writer.js";
import { aliasZoneFiles, attachmentsFile, routeTableFiles, serviceZoneName, transitGatewayFile, vpcAttachmentsFile, type TgwAttachmentSpec } from "./aws/transit.js";
import { GENERATOR_VERSION, PER_VPC, generateVpc, type GeneratedVpc, type HubRole, type VpcTraits } from "./synth/vpc.js";

export { GENERATOR_VERSION };

export type EstateSize = "small" | "medium" | "large";
export const SIZES: Record<EstateSize, { vpcs: number }> = { small: { vpcs: 10 }, medium: { vpcs: 100 }, large: { vpcs: 1000 } };
export const DEFAULT_SEED = "vpcreach";
const VPCS_PER_SCOPE = 25;
/** The share of an account + Region's other VPCs that are spokes of its transit gateway. */
const SPOKE_SHARE = 0.4;
/** Of the spokes: attached in one zone only (its notebooks in the other cannot reach the gateway), and not associated with the runtime zone. */
const SPOKE_AZ_GAP = 0.05;
const SPOKE_ZONE_MISSING = 0.1;
const REGION_ORDER = ["us-east-1", "us-west-2", "eu-west-1"] as const;

/**
 * The resource counts an estate of `vpcs` VPCs has (the sizes of issue 9 are these for 10/100/1,000).
 *
 * @param vpcs - number of VPCs
 */
export function expectedCounts(vpcs: number): Record<string, number> {
  return {
    vpcs,
    subnets: vpcs * PER_VPC.subnets,
    networkInterfaces: vpcs * PER_VPC.networkInterfaces,
    notebooks: vpcs * PER_VPC.notebooks,
    securityGroups: vpcs * PER_VPC.securityGroups,
    securityGroupRules: vpcs * PER_VPC.securityGroupRules,
    networkAcls: vpcs * PER_VPC.networkAcls,
    routeTables: vpcs * PER_VPC.routeTables,
  };
}

/** Account and Region of the `scope`-th group of VPCs. */
function scopeOf(scope: number): { account: string; region: (typeof REGION_ORDER)[number] } {
  const account = String(111122223333 + Math.floor(scope / REGION_ORDER.length) * 1_000_003);
  return { account, region: REGION_ORDER[scope % REGION_ORDER.length]! };
}

export interface SynthOptions {
  size: EstateSize;
  /** Any string; the same seed gives byte-identical output. */
  seed?: string;
  /** The folder to create. */
  out: string;
  /** Replace `out` if it exists. */
  force?: boolean;
  /** Override the VPC count (tests). */
  vpcs?: number;
}

export interface SynthResult {
  out: string;
  vpcs: number;
  bytes: number;
  scopes: number;
  traits: { nat: number; s3Endpoint: number; interfaceEndpoints: number; privateDnsOff: number; naclBlocksReplies: number; blackhole: number; endpointSgBlocks: number };
  /** Transit gateways, their spokes, and the spokes with a fault (an attachment zone missing, the runtime zone not associated). */
  hubs: { transitGateways: number; spokes: number; spokeAzGap: number; spokeZoneMissing: number };
}

/** The roles of one account + Region's VPCs: egress, shared services, then spokes drawn at `SPOKE_SHARE`. */
function hubRoles(rng: Prng, tgwId: string | undefined, count: number): (HubRole | undefined)[] {
  return Array.from({ length: count }, (_, i) => {
    if (!tgwId) return undefined;
    if (i < 2) return { kind: i === 0 ? "egress" : "shared", tgwId };
    return rng.chance(SPOKE_SHARE) ? { kind: "spoke", tgwId } : undefined;
  });
}

/**
 * Writes one account + Region's transit gateway: two route tables (`spokes`: everything to the egress
 * VPC, the shared-services VPC propagated; `infrastructure`: the spokes and shared services
 * propagated), an attachment per hub VPC in its endpoint subnets, and the SageMaker API and runtime
 * private hosted zones aliasing the shared endpoints, associated with the spokes.
 *
 * @returns the spokes with each fault
 */
function wireHub(b: RegionBuilder, tgwId: string, vpcs: readonly { role: HubRole; made: GeneratedVpc }[]): { spokeAzGap: number; spokeZoneMissing: number } {
  const spokesTable = b.id("tgw-rtb");
  const infraTable = b.id("tgw-rtb");
  const attachments = vpcs.map(({ role, made }) => {
    const gap = role.kind === "spoke" && b.rng.chance(SPOKE_AZ_GAP);
    const attachment: TgwAttachmentSpec = { id: b.id("tgw-attach"), vpc: made.vpc, owner: b.account, table: role.kind === "spoke" ? spokesTable : infraTable, name: made.vpc.name, subnets: gap ? made.attachmentSubnets.slice(0, 1) : made.attachmentSubnets };
    return { role, made, attachment, gap, zoneMissing: role.kind === "spoke" && b.rng.chance(SPOKE_ZONE_MISSING) };
  });
  const egress = attachments.find((a) => a.role.kind === "egress")!;
  const shared = attachments.find((a) => a.role.kind === "shared")!;
  const spokes = attachments.filter((a) => a.role.kind === "spoke");
  transitGatewayFile(b, tgwId, `hub-${b.region}`);
  attachmentsFile(b, tgwId, attachments.map((a) => a.attachment));
  vpcAttachmentsFile(b, tgwId, attachments.map((a) => a.attachment));
  const propagated = (a: (typeof attachments)[number]) => ({ cidr: a.made.vpc.cidr, type: "propagated" as const, attachment: a.attachment });
  routeTableFiles(b, tgwId, [
    { id: spokesTable, name: "spokes", routes: [{ cidr: "0.0.0.0/0", type: "static", attachment: egress.attachment }, propagated(shared)], associations: spokes.map((a) => a.attachment), propagations: [shared.attachment] },
    { id: infraTable, name: "infrastructure", routes: [...spokes, shared].map(propagated), associations: [egress.attachment, shared.attachment], propagations: [...spokes, shared].map((a) => a.attachment) },
  ]);
  aliasZoneFiles(
    b,
    [...shared.made.endpoints].map(([service, dnsName]) => ({
      zoneName: serviceZoneName(service, b.region),
      dnsName,
      vpcs: [shared.made.vpc, ...spokes.filter((a) => service !== "sagemaker.runtime" || !a.zoneMissing).map((a) => a.made.vpc)],
    })),
    `hub-${b.region}`,
  );
  return { spokeAzGap: spokes.filter((a) => a.gap).length, spokeZoneMissing: spokes.filter((a) => a.zoneMissing).length };
}

/**
 * Generates an estate and moves it into place atomically.
 *
 * @param options - size, seed, output folder, replace flag
 */
export async function synthesize(options: SynthOptions): Promise<SynthResult> {
  const out = resolve(options.out);
  const vpcs = options.vpcs ?? SIZES[options.size].vpcs;
  const rng = new Prng(`synth:${options.seed ?? DEFAULT_SEED}`);
  const staging = stagingFolder(out);
  const tally = { nat: 0, s3Endpoint: 0, interfaceEndpoints: 0, privateDnsOff: 0, naclBlocksReplies: 0, blackhole: 0, endpointSgBlocks: 0 };
  const count = (t: VpcTraits): void => {
    tally.nat += t.nat > 0 ? 1 : 0;
    tally.s3Endpoint += Number(t.s3Endpoint);
    tally.interfaceEndpoints += Number(t.interfaceEndpoints);
    tally.privateDnsOff += Number(t.interfaceEndpoints && !t.privateDns);
    tally.naclBlocksReplies += Number(t.naclBlocksReplies);
    tally.blackhole += Number(t.blackhole);
    tally.endpointSgBlocks += Number(t.interfaceEndpoints && t.endpointSgBlocks);
  };
  const hubs = { transitGateways: 0, spokes: 0, spokeAzGap: 0, spokeZoneMissing: 0 };
  let bytes = 0;
  let scopes = 0;
  for (let first = 0; first < vpcs; first += VPCS_PER_SCOPE, scopes++) {
    const { account, region } = scopeOf(scopes);
    const builder = new RegionBuilder(region, rng, account);
    const azs = Object.keys(regionFacts(region).zones).slice(0, 2) as [string, string];
    const stream = new RegionStream(`${staging}/${account}/${region}`);
    builder.prefixLists();
    const last = Math.min(vpcs, first + VPCS_PER_SCOPE);
    const tgwId = last - first >= 3 ? builder.id("tgw") : undefined;
    const roles = hubRoles(rng, tgwId, last - first);
    const attached: { role: HubRole; made: GeneratedVpc }[] = [];
    for (let index = first; index < last; index++) {
      const role = roles[index - first];
      const made = generateVpc(builder, index, azs, role);
      count(made.traits);
      if (role) attached.push({ role, made });
      const { items, files } = builder.drain();
      stream.append(items, files);
    }
    if (tgwId) {
      const faults = wireHub(builder, tgwId, attached);
      hubs.transitGateways += 1;
      hubs.spokes += attached.filter((a) => a.role.kind === "spoke").length;
      hubs.spokeAzGap += faults.spokeAzGap;
      hubs.spokeZoneMissing += faults.spokeZoneMissing;
      const { items, files } = builder.drain();
      stream.append(items, files);
    }
    stream.close();
    bytes += stream.bytes;
  }
  await commitFolder(staging, out, options.force ?? false);
  return { out, vpcs, bytes, scopes, traits: tally, hubs };
}
