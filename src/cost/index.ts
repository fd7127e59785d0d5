/**
 * `estimateCosts`: what the estate's egress costs as it is, and per VPC holding notebooks what the
 * alternative designs would cost and allow. The entry point the `cost` command and the report use;
 * rendering lives in src/cost/render.ts.
 */
import type { Analyzer } from "../engine/index.js";
import type { Notebook } from "../model/types.js";
import { alternativesForVpc } from "./alternatives.js";
import { costEstate } from "./estate.js";
import { sharedDesignsForRegion } from "./shared-designs.js";
import { notebooksByVpc } from "./flows.js";
import { bundledPriceTablePath, loadBundledPriceTable, type PriceTable } from "./price-table.js";
import { allVolumes, unmatchedTrafficKeys, type TrafficAssumptions } from "./traffic.js";
import type { CostEstimate, EstateCost, SharedDesigns, VpcAlternatives } from "./types.js";
import { conflictSummary } from "../engine/doubts.js";

export type { CostEstimate } from "./types.js";
export { costToMarkdown, costToText } from "./render.js";
export { loadPriceTable, loadBundledPriceTable, regionPrices } from "./price-table.js";
export { parseTrafficSpec, loadTrafficFile } from "./traffic.js";

export interface CostOptions {
  /** The price table (default: the bundled `data/prices.json`). */
  prices?: PriceTable | undefined;
  /** GB/month per VPC holding notebooks; none: only fixed charges are priced. */
  traffic?: TrafficAssumptions | undefined;
  /** Only this Region. */
  region?: string | undefined;
  /** Only this VPC. */
  vpcId?: string | undefined;
  /** Extra interface-endpoint services for alternatives (c) and (d), short names (`sts`, `logs`). */
  services?: readonly string[] | undefined;
  /** Compute the alternatives (default true). */
  alternatives?: boolean | undefined;
}

/** `data/prices.json (bundled)` for the bundled table, else the path the user gave. */
function tableLabel(table: PriceTable): string {
  return table.file === bundledPriceTablePath() ? "data/prices.json (bundled)" : table.file;
}

/** The assumptions every estimate states. */
function assumptions(table: PriceTable): string[] {
  const source = table.liveAt
    ? `AWS Price List API (GetProducts) at ${table.liveAt} where available, else ${tableLabel(table)} (version ${table.version}, ${table.date})`
    : `${tableLabel(table)} (version ${table.version}, compiled ${table.date})`;
  return [
    `${table.hoursPerMonth} hours per month; on-demand list prices in ${table.currency} from ${source}; no discounts, savings plans or credits.`,
    "Traffic volumes are GB per month per VPC holding notebooks, split evenly over its notebooks that have no volumes of their own (a traffic file's notebooks: or tags: entry); where each notebook's bytes go is the engine's verdict on the path.",
    "`internet` is traffic sent to the internet (NAT processing + data transfer out); `internet-in` is traffic received (NAT processing only: inbound transfer is free, NAT processing is not).",
    "NAT gateway data processing is charged on every byte in both directions; S3 and SageMaker in the notebook's Region carry no data-transfer charge.",
    "Cross-AZ transfer is charged in each direction ($0.01 out + $0.01 in per GB) when a notebook's subnet routes to a NAT gateway in another AZ; PrivateLink traffic has no cross-AZ charge.",
    "Interface endpoints are billed per AZ they have a subnet in; their data processing is tiered on the Region's monthly sum.",
    "A flow whose path crosses a transit gateway pays its data processing once (per GB the spoke's attachment sends in) plus what its exit charges; each VPC attachment is billed hourly to the VPC it attaches.",
    "Internet data transfer out is tiered per Region after the first 100 GB/month, which is free across all Regions (applied to Regions in name order).",
    "Each alternative is priced for its VPC alone (tiers and the free allowance as if it were the only VPC); what it makes reachable is the engine's verdict on a model changed to that design.",
    "Shared designs are priced over the Region's VPCs holding notebooks plus the egress or shared-services VPC a design uses (tiers as if they were the only VPCs); existing transit gateway attachments of those VPCs are kept and billed in every design; the break-even uses the first PrivateLink tier and leaves out internet transfer out, which every design pays alike.",
    "Figures marked (medium) come from one secondary source; figures marked (unverified) were assumed or not found; unknown figures make a total a lower bound (≥).",
  ];
}

/** One independent unit of the estimate's work: a VPC's alternatives, or a Region's shared designs. */
export type CostUnit = { kind: "vpc"; vpcId: string } | { kind: "region"; region: string; vpcIds: readonly string[] };

/** What every unit reads besides the model: the price table, the traffic assumptions, the extra services. */
export interface CostUnitSetup {
  prices: PriceTable;
  traffic: TrafficAssumptions | undefined;
  services: readonly string[];
}

/** A unit's result: the VPC's alternatives, or the Region's shared designs. */
export type CostUnitResult = VpcAlternatives | SharedDesigns;

/** The estimate before its units are run: the estate as it is, and the units in the order their results are kept. */
interface CostPlan {
  table: PriceTable;
  estate: EstateCost;
  setup: CostUnitSetup;
  byVpc: ReadonlyMap<string, Notebook[]>;
  /**
   * The Regions' shared designs first (sorted by Region), then each VPC's alternatives (in the
   * index's order): the Regions are the longest units, and a pool taking them first ends balanced.
   */
  units: CostUnit[];
}

/** The estate as it is, and the units of the alternatives (none with `alternatives: false`). */
function planEstimate(analyzer: Analyzer, options: CostOptions): CostPlan {
  const table = options.prices ?? loadBundledPriceTable();
  const vpcIds = options.vpcId ? [options.vpcId] : undefined;
  const estate = costEstate(analyzer, { prices: table, traffic: options.traffic, region: options.region, vpcIds });
  const trafficKeys = allVolumes(options.traffic).flatMap((v) => Object.keys(v));
  const services = [
    ...(options.services ?? []),
    ...trafficKeys.filter((k) => k.startsWith("service:")).map((k) => k.slice("service:".length)),
  ];
  const byVpc = notebooksByVpc(analyzer.index);
  const vpcUnits: CostUnit[] = [];
  const byRegion = new Map<string, string[]>();
  if (options.alternatives !== false) {
    const inScope = new Set(estate.vpcs.map((v) => v.vpcId));
    for (const [vpcId, notebooks] of byVpc) {
      if (!inScope.has(vpcId)) continue;
      vpcUnits.push({ kind: "vpc", vpcId });
      const region = notebooks[0]!.scope.region;
      const ids = byRegion.get(region);
      if (ids) ids.push(vpcId);
      else byRegion.set(region, [vpcId]);
    }
  }
  const regionUnits: CostUnit[] = [...byRegion].sort(([a], [b]) => a.localeCompare(b)).map(([region, ids]) => ({ kind: "region", region, vpcIds: ids }));
  return { table, estate, setup: { prices: table, traffic: options.traffic, services }, byVpc, units: [...regionUnits, ...vpcUnits] };
}

/**
 * Runs one unit of the estimate: what it gives depends only on the model, the setup and the unit, not
 * on which units ran before it on the same analyzer (its caches only remember answers), so units may
 * run in any thread and order.
 *
 * @param analyzer - the engine on the snapshot's model
 * @param byVpc - the model's notebooks by VPC (`notebooksByVpc`)
 * @param setup - prices, traffic, extra services
 * @param unit - the VPC or Region
 */
export function runCostUnit(analyzer: Analyzer, byVpc: ReadonlyMap<string, readonly Notebook[]>, setup: CostUnitSetup, unit: CostUnit): CostUnitResult {
  const options = { prices: setup.prices, traffic: setup.traffic, services: setup.services };
  if (unit.kind === "vpc") return alternativesForVpc(analyzer, unit.vpcId, byVpc.get(unit.vpcId) ?? [], options);
  // The VPCs in the index's order: the traffic per VPC is summed in this order.
  const vpcs = new Map(unit.vpcIds.map((id) => [id, byVpc.get(id) ?? []]));
  return sharedDesignsForRegion(analyzer, unit.region, vpcs, options);
}

/** The estimate from its plan and its units' results (in the plan's order). */
function assembleEstimate(analyzer: Analyzer, plan: CostPlan, results: readonly CostUnitResult[], traffic: TrafficAssumptions | undefined): CostEstimate {
  const { table, estate, byVpc } = plan;
  const alternatives = results.filter((_, i) => plan.units[i]!.kind === "vpc") as VpcAlternatives[];
  const sharedDesigns = results.filter((_, i) => plan.units[i]!.kind === "region") as SharedDesigns[];
  const warnings = [...estate.warnings];
  const notebooksInScope = estate.vpcs.flatMap((v) => byVpc.get(v.vpcId) ?? []);
  for (const key of unmatchedTrafficKeys(traffic, notebooksInScope)) {
    warnings.push(`traffic file: ${key} matches no notebook in scope, so its volumes were not priced`);
  }
  const conflicts = conflictSummary(analyzer.model);
  if (conflicts) warnings.push(conflicts);
  if (estate.vpcs.length === 0) warnings.push("nothing to price: no NAT gateway, VPC endpoint or notebook in scope");
  return {
    snapshot: analyzer.model.source,
    priceTable: { file: table.file === bundledPriceTablePath() ? "data/prices.json" : table.file, label: tableLabel(table), version: table.version, date: table.date, live: table.liveAt !== undefined },
    hoursPerMonth: table.hoursPerMonth,
    traffic: {
      default: traffic?.default ?? {},
      perVpc: traffic?.perVpc ?? {},
      perNotebook: traffic?.perNotebook ?? {},
      perTag: Object.fromEntries((traffic?.perTag ?? []).map((t) => [t.selector, t.volumes])),
    },
    assumptions: assumptions(table),
    estate,
    alternatives,
    sharedDesigns,
    warnings,
  };
}

/**
 * Estimates the egress costs of the estate and, per VPC holding notebooks, of the alternative designs,
 * in this thread.
 *
 * @param analyzer - the engine on the snapshot's model (`createAnalyzer`)
 * @param options - price table, traffic assumptions, filters, extra services; a Region the table
 *   does not list is priced as unknown, with a warning
 */
export function estimateCosts(analyzer: Analyzer, options: CostOptions = {}): CostEstimate {
  const plan = planEstimate(analyzer, options);
  const results = runUnitsHere(plan.units, (unit) => runCostUnit(analyzer, plan.byVpc, plan.setup, unit));
  return assembleEstimate(analyzer, plan, results, options.traffic);
}

/**
 * Runs every unit in this thread, the VPCs first as the estimate did before it had units: the Regions'
 * designs then find the current model's answers for their notebooks already asked (flows.ts'
 * outcomes). The results are in the units' order.
 *
 * @param units - the plan's units
 * @param here - runs one unit
 */
export function runUnitsHere(units: readonly CostUnit[], here: (unit: CostUnit) => CostUnitResult): CostUnitResult[] {
  const results = new Array<CostUnitResult>(units.length);
  for (const kind of ["vpc", "region"] as const) {
    units.forEach((unit, i) => {
      if (unit.kind === kind) results[i] = here(unit);
    });
  }
  return results;
}

/**
 * `estimateCosts` with its units spread over `run` (a snapshot pool's, src/cost/parallel.ts): the
 * same estimate, whichever thread ran which unit.
 *
 * @param analyzer - the engine on the snapshot's model
 * @param options - as `estimateCosts`
 * @param run - runs the units (given how to run one here) and gives their results in order; none:
 *   this thread runs them
 */
export async function estimateCostsWith(
  analyzer: Analyzer,
  options: CostOptions,
  run: (setup: CostUnitSetup, units: readonly CostUnit[], here: (unit: CostUnit) => CostUnitResult) => Promise<CostUnitResult[]>,
): Promise<CostEstimate> {
  const plan = planEstimate(analyzer, options);
  const results = await run(plan.setup, plan.units, (unit) => runCostUnit(analyzer, plan.byVpc, plan.setup, unit));
  return assembleEstimate(analyzer, plan, results, options.traffic);
}
