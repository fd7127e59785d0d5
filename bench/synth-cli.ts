#!/usr/bin/env node
/**
 * `npm run synth -- --size small|medium|large [--seed S] --out DIR [--force]`: writes a synthetic
 * estate (see bench/synth.ts) and prints what it wrote. Exit 2 on bad arguments.
 */
import { Command, InvalidArgumentError } from "commander";
import { SIZES, DEFAULT_SEED, expectedCounts, synthesize, type EstateSize } from "./synth.js";

function parseSize(value: string): EstateSize {
  if (!(value in SIZES)) throw new InvalidArgumentError(`expected small, medium or large, got "${value}"`);
  return value as EstateSize;
}

const program = new Command()
  .name("synth")
  .description("Generate a deterministic synthetic AWS estate as folders of describe-* JSON.")
  .requiredOption("--size <size>", "small (10 VPCs), medium (100) or large (1,000)", parseSize)
  .option("--seed <seed>", "any string; equal seeds give identical estates", DEFAULT_SEED)
  .requiredOption("--out <dir>", "folder to create")
  .option("--force", "replace --out if it exists", false)
  .addHelpText(
    "after",
    `
Examples:
  $ npm run synth -- --size small --out /tmp/estate-small
  $ npm run synth -- --size large --seed 42 --out /tmp/estate-large --force
  $ vpcreach audit --snapshot /tmp/estate-small --json`,
  )
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

program.parse();
const options = program.opts<{ size: EstateSize; seed: string; out: string; force: boolean }>();
const started = performance.now();
try {
  const result = await synthesize(options);
  const counts = expectedCounts(result.vpcs);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`wrote ${options.size} estate (seed ${options.seed}) to ${result.out} in ${seconds} s: ${(result.bytes / 1e6).toFixed(1)} MB, ${result.scopes} account/Region folders`);
  console.log(Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", "));
  console.log(`VPCs with NAT ${result.traits.nat}, S3 gateway endpoint ${result.traits.s3Endpoint}, SageMaker interface endpoints ${result.traits.interfaceEndpoints} (private DNS off ${result.traits.privateDnsOff}), NACL dropping replies ${result.traits.naclBlocksReplies}, blackhole route ${result.traits.blackhole}, endpoint SG not admitting notebooks ${result.traits.endpointSgBlocks}`);
  console.log(`transit gateways ${result.hubs.transitGateways} (each with an egress and a shared-services VPC), spokes ${result.hubs.spokes} (attached in one zone only ${result.hubs.spokeAzGap}, runtime zone not associated ${result.hubs.spokeZoneMissing})`);
} catch (error) {
  console.error(`synth: ${(error as Error).message}`);
  process.exit(2);
}
