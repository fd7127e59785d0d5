/**
 * Deterministic synthetic estates for the benchmark (issue 9), written as folders of describe-*
 * JSON exactly like the fixtures: `<out>/<account>/<region>/describe-*.json`, `sagemaker/` with one
 * describe-notebook-instance output per notebook, `vpc-attributes/`. Sizes: small (10 VPCs), medium
 * (100 VPCs, 1,000 subnets, 2,000 ENIs, 1,000 notebooks) and large (1,000 VPCs, 10,000 subnets,
 * 20,000 ENIs, 10,000 notebooks, 5,000 security groups with 50,000 rules, 3,000 NACLs). VPCs are
 * spread over accounts and three Regions, 25 per account + Region; the estate is generated and
 * streamed to disk one VPC at a time, so memory stays flat whatever the size.
 */
import { resolve } from "node:path";
import { Prng } from "./aws/prng.js";
import { RegionBuilder } from "./aws/builder.js";
import { regionFacts } from "./aws/regions.js";
import { RegionStream, commitFolder, stagingFolder } from "./synth/writer.js";
import { GENERATOR_VERSION, PER_VPC, generateVpc, type VpcTraits } from "./synth/vpc.js";

export { GENERATOR_VERSION };

export type EstateSize = "small" | "medium" | "large";
export const SIZES: Record<EstateSize, { vpcs: number }> = { small: { vpcs: 10 }, medium: { vpcs: 100 }, large: { vpcs: 1000 } };
export const DEFAULT_SEED = "vpcreach";
const VPCS_PER_SCOPE = 25;
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
  let bytes = 0;
  let scopes = 0;
  for (let first = 0; first < vpcs; first += VPCS_PER_SCOPE, scopes++) {
    const { account, region } = scopeOf(scopes);
    const builder = new RegionBuilder(region, rng, account);
    const azs = Object.keys(regionFacts(region).zones).slice(0, 2) as [string, string];
    const stream = new RegionStream(`${staging}/${account}/${region}`);
    builder.prefixLists();
    for (let index = first; index < Math.min(vpcs, first + VPCS_PER_SCOPE); index++) {
      count(generateVpc(builder, index, azs));
      const { items, files } = builder.drain();
      stream.append(items, files);
    }
    stream.close();
    bytes += stream.bytes;
  }
  await commitFolder(staging, out, options.force ?? false);
  return { out, vpcs, bytes, scopes, traits: tally };
}
