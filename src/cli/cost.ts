/**
 * `vpcreach cost --snapshot S`: what the estate's egress costs as it is (each NAT gateway with its
 * public IPv4 address, each interface endpoint per AZ, gateway endpoints, totals per VPC and Region),
 * with traffic assumptions the data-processing and transfer charges too, and per VPC holding
 * notebooks the alternative designs with their cost, what the engine proves each makes reachable,
 * and the break-even traffic. Prices: the bundled table, `--prices FILE`, or `--live-prices`.
 */
import type { Command } from "commander";
import { createAnalyzer } from "../engine/index.js";
import { InputError } from "../model/errors.js";
import type { Model } from "../model/types.js";
import { costToMarkdown, costToText } from "../cost/index.js";
import { defaultCostJobs, estimateCostsInPool, MAX_DEFAULT_JOBS, openCostPool } from "../cost/parallel.js";
import { modelCacheEnabled } from "../snapshot/cache.js";
import { loadBundledPriceTable, loadPriceTable, type PriceTable } from "../cost/price-table.js";
import { trafficFromOptions } from "../cost/traffic.js";
import { printableDeep } from "../model/printable.js";
import { didYouMean } from "../model/suggest.js";
import { knownRegions } from "../cost/regions.js";
import { loadSnapshots, snapshotOption } from "./options.js";
import { runAction, writeOut } from "./run.js";

interface CostCliOptions {
  snapshot: string[];
  region?: string;
  vpc?: string;
  prices?: string;
  livePrices?: boolean;
  traffic?: string;
  trafficFile?: string;
  services?: string;
  alternatives: boolean;
  json?: boolean;
  markdown?: boolean;
  jobs?: string;
}

/** `--jobs`: a whole number of threads, 1 or more (default `defaultCostJobs()`). */
function jobsOf(text: string | undefined): number {
  if (text === undefined) return defaultCostJobs();
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new InputError(`--jobs ${text}: give a whole number of threads, 1 or more (1: no worker threads)`);
  return Number(text);
}

/** The Regions whose prices the estimate needs (for --live-prices). */
function regionsOf(model: Model, only: string | undefined): string[] {
  const regions = new Set([...model.vpcs.values()].map((v) => v.scope.region));
  for (const nb of model.notebooks.values()) regions.add(nb.scope.region);
  return [...regions].filter((r) => !only || r === only).sort();
}

function servicesOf(text: string | undefined): string[] {
  const services = (text ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const s of services) {
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(s)) throw new InputError(`--services: "${s}" is not an AWS service name (e.g. sts, logs, ecr.api)`);
  }
  return services;
}

/**
 * Checks `--region` names an AWS Region (the bundled list, or one the snapshot holds): a typo would
 * otherwise price nothing.
 */
function checkRegion(region: string | undefined, model: Model): void {
  if (region === undefined) return;
  const names = [...knownRegions().map((r) => r.name), ...regionsOf(model, undefined)];
  if (!names.includes(region)) throw new InputError(`--region ${region}: not an AWS Region${didYouMean(region, names)}`);
}

/**
 * Checks `--vpc` names a VPC of the snapshot, in `--region` when both are given: a VPC of another
 * Region would otherwise price nothing and exit 0.
 */
function checkVpc(options: CostCliOptions, model: Model): void {
  if (options.vpc === undefined) return;
  const vpc = model.vpcs.get(options.vpc);
  if (vpc === undefined) {
    throw new InputError(`--vpc ${options.vpc} is not in the snapshot (VPCs: ${[...model.vpcs.keys()].sort().join(", ") || "none"})`, { file: options.snapshot.join(", ") });
  }
  if (options.region !== undefined && vpc.scope.region !== options.region) {
    throw new InputError(`--vpc ${options.vpc} is in ${vpc.scope.region}, not in --region ${options.region}: give one of them, or both matching`);
  }
}

async function pricesOf(options: CostCliOptions, model: Model): Promise<PriceTable> {
  let table = options.prices ? loadPriceTable(options.prices) : loadBundledPriceTable();
  if (options.livePrices) {
    const { withLivePrices } = await import("../cost/live-prices.js");
    table = await withLivePrices(table, regionsOf(model, options.region));
  }
  return table;
}

/**
 * Registers `cost`.
 *
 * @param program - the root command
 */
export function registerCost(program: Command): void {
  program
    .command("cost")
    .description("Price the egress design (NAT gateways, endpoints, traffic) and the alternatives, with what each makes reachable.")
    .addOption(snapshotOption())
    .option("--region <region>", "only this Region (must be in the price table)")
    .option("--vpc <vpc-id>", "only this VPC")
    .option("--prices <file>", "price table JSON to use instead of the bundled data/prices.json")
    .option("--live-prices", "read NAT gateway and endpoint prices from the AWS Price List API (needs pricing:GetProducts)")
    .option("--traffic <spec>", "GB/month per VPC holding notebooks, e.g. internet=200,s3=1000,sagemaker=300 (also internet-in, sagemaker-api, sagemaker-runtime, sts, logs, …)")
    .option("--traffic-file <file>", "YAML or JSON traffic: GB/month per destination under default:, vpcs: (VPC id), tags: (Key=Value) and notebooks: (name or id); see docs/cost.md")
    .option("--services <list>", "extra interface endpoints for alternatives (c) and (d), e.g. sts,logs,ecr.api,ecr.dkr")
    .option("--no-alternatives", "price the estate as it is only")
    .option("--json", "print the estimate as one JSON object")
    .option("--markdown", "print the estimate as the Markdown section the report embeds")
    .option("--jobs <n>", `threads for the alternatives, this one included (default: one per core but one, at most ${MAX_DEFAULT_JOBS}, and 1 on two cores or fewer; each extra thread loads its own copy of the snapshot, ~0.5-1 GB on a 1,000-VPC estate; 1: no worker threads)`)
    .addHelpText(
      "after",
      `
Examples:
  $ vpcreach cost --snapshot fixtures/ml-platform
  $ vpcreach cost --snapshot fixtures/ml-platform --traffic internet=200,s3=1000,sagemaker=300
  $ vpcreach cost --snapshot snapshot.json --region eu-west-1 --traffic-file traffic.yaml --services sts,logs --json
  $ vpcreach cost --snapshot snapshot.json --live-prices --traffic internet=50,internet-in=500,s3=2000
  $ vpcreach cost --snapshot big-estate.json --json --jobs 2

Prices are on-demand list prices at 730 hours/month from the bundled table (its date and the source and
confidence of every figure are in data/prices.json; figures not verified are marked in the output).
Traffic volumes are per VPC holding notebooks and split evenly over its notebooks; the engine decides
where each notebook's bytes go (e.g. S3 through a gateway endpoint pays no NAT processing).
A Region the price table does not list has its figures shown as unknown (with a warning naming it);
the rest is priced. --live-prices looks its prices up.
The alternatives of a large estate (inputs of 4 MB or more) are computed by --jobs threads at once,
each worker on its own load of the snapshot; the output is the same for any --jobs. Small estates use
this thread only, and so does a machine with two cores or fewer unless --jobs says otherwise.
Exit status: 0 estimate printed, 2 usage or input error (bad file, a --region that is no AWS Region, …),
74 the output could not be written.`,
    )
    .action(
      runAction(async (options: CostCliOptions) => {
        if (options.json && options.markdown) throw new InputError("give --json or --markdown, not both");
        const traffic = trafficFromOptions(options);
        const services = servicesOf(options.services);
        const jobs = jobsOf(options.jobs);
        // Workers start loading the snapshot now, beside this thread's load; one VPC's estimate (--vpc) has too little to share.
        const pool = options.alternatives && !options.vpc ? await openCostPool({ snapshots: options.snapshot, cache: modelCacheEnabled(), jobs }) : undefined;
        let estimate;
        try {
          const model = await loadSnapshots(options.snapshot);
          checkVpc(options, model);
          checkRegion(options.region, model);
          const prices = await pricesOf(options, model);
          estimate = await estimateCostsInPool(createAnalyzer(model), { prices, traffic, region: options.region, vpcId: options.vpc, services, alternatives: options.alternatives }, pool);
        } finally {
          await pool?.close();
        }
        // Sums of binary fractions (0.045 × 730 …) carry float noise: 6 decimals is well below a cent.
        const rounded = (_key: string, value: unknown): unknown => (typeof value === "number" ? Math.round(value * 1e6) / 1e6 : value);
        if (options.json) await writeOut(`${JSON.stringify(estimate, rounded, 2)}\n`);
        else await writeOut(options.markdown ? costToMarkdown(estimate) : costToText(printableDeep(estimate)));
        return 0;
      }),
    );
}
