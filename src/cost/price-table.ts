/**
 * The price table: its types, the validation that turns a JSON file into one (every problem names the
 * file and the JSON path), and the bundled `data/prices.json` lookup. Figures come from
 * research/prices.md; each carries a confidence and its sources so unverified figures stay visible in
 * every estimate. A `null` value means "not found": estimates needing it report the cost as unknown.
 *
 * AWS pages modelled: https://aws.amazon.com/vpc/pricing/, https://aws.amazon.com/privatelink/pricing/,
 * https://aws.amazon.com/ec2/pricing/on-demand/ (data transfer).
 */
import { readFileSync } from "node:fs";
import { bundledDataFile } from "../fs/bundled-data.js";
import { InputError } from "../model/errors.js";
import { parseJsonFile } from "../snapshot/json-parse.js";

/** high: a dated price-list read or agreeing sources; medium: one secondary source; unverified: assumed or not found; live: read now from the Price List API. */
export type Confidence = "high" | "medium" | "unverified" | "live";

export interface PriceFigure {
  /** USD (per hour, per GB, …); null when the figure was not found. */
  value: number | null;
  confidence: Confidence;
  /** Keys into `PriceTable.sources`. */
  sources: string[];
  note?: string;
}

/** One tier: the rate applies to the GB up to `upToGb` (cumulative, per month); null = no upper bound. */
export interface PriceTier {
  upToGb: number | null;
  usdPerGb: number | null;
}

export interface TieredPrice {
  tiers: PriceTier[];
  confidence: Confidence;
  sources: string[];
  note?: string;
}

export interface RegionPrices {
  /** Usage-type prefixes in the AmazonEC2 and AmazonVPC offers (us-east-1 EC2 has none); absent when not known. */
  usageTypePrefix?: { ec2: string; vpc: string };
  natGatewayHourly: PriceFigure;
  natGatewayPerGb: PriceFigure;
  /** Regional NAT gateways (late 2025); when absent the zonal hourly rate is used and marked unverified. */
  regionalNatGatewayHourly?: PriceFigure;
  interfaceEndpointHourly: PriceFigure;
  /** Summed over all interface endpoints of the Region per month. */
  interfaceEndpointPerGb: TieredPrice;
  /** Internet data transfer out, after the global free allowance. */
  internetOutPerGb: TieredPrice;
  /** Charged once leaving one AZ and once entering the other. */
  crossAzPerGbEachDirection: PriceFigure;
  publicIpv4Hourly: PriceFigure;
  /** Per transit gateway attachment (VPC or peering) per hour; absent: unknown. */
  transitGatewayAttachmentHourly?: PriceFigure;
  /** Per GB sent from an attachment into a transit gateway; absent: unknown. */
  transitGatewayPerGb?: PriceFigure;
  /** Per GB sent from this Region to another (billed by the sending Region; pairs differ); absent: unknown. */
  interRegionOutPerGb?: PriceFigure;
}

/** Region figures a table may leave out (an absent one is priced as unknown, or as documented by its user). */
export type OptionalRegionFigure = "regionalNatGatewayHourly" | "transitGatewayAttachmentHourly" | "transitGatewayPerGb" | "interRegionOutPerGb";

export interface PriceSource {
  title: string;
  date: string;
}

export interface PriceTable {
  schema: string;
  version: string;
  /** The date the table was compiled (or the live lookup ran). */
  date: string;
  currency: string;
  hoursPerMonth: number;
  description?: string;
  sources: Record<string, PriceSource>;
  global: {
    gatewayEndpoint: PriceFigure;
    internetFreeGbPerMonth: PriceFigure;
    privateLinkCrossAzFree: PriceFigure;
    /** A Route 53 hosted zone per month (first 25 zones of an account). */
    privateHostedZoneMonthly: PriceFigure;
  };
  regions: Record<string, RegionPrices>;
  /** Where the table was read from (not part of the file). */
  file: string;
  /** When figures were replaced by a Price List API lookup (`--live-prices`), its ISO time. */
  liveAt?: string;
}

const CONFIDENCES: readonly Confidence[] = ["high", "medium", "unverified", "live"];
const REGION_FIGURES = [
  "natGatewayHourly",
  "natGatewayPerGb",
  "interfaceEndpointHourly",
  "crossAzPerGbEachDirection",
  "publicIpv4Hourly",
] as const;
const REGION_TIERED = ["interfaceEndpointPerGb", "internetOutPerGb"] as const;
const OPTIONAL_REGION_FIGURES: readonly OptionalRegionFigure[] = [
  "regionalNatGatewayHourly",
  "transitGatewayAttachmentHourly",
  "transitGatewayPerGb",
  "interRegionOutPerGb",
];
const GLOBAL_FIGURES = ["gatewayEndpoint", "internetFreeGbPerMonth", "privateLinkCrossAzFree", "privateHostedZoneMonthly"] as const;

/** Reads JSON values with errors that name the file and the JSON path. */
class Reader {
  constructor(private readonly file: string) {}

  fail(path: string, problem: string): never {
    throw new InputError(problem, { file: this.file, jsonPath: path });
  }

  object(value: unknown, path: string): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) this.fail(path, "must be a JSON object");
    return value as Record<string, unknown>;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== "string") this.fail(path, "must be a string");
    return value;
  }

  price(value: unknown, path: string, nullable: boolean): number | null {
    if (value === null && nullable) return null;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      this.fail(path, `must be a non-negative number${nullable ? " or null" : ""}, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  provenance(raw: Record<string, unknown>, path: string): Omit<PriceFigure, "value"> {
    const confidence = raw.confidence;
    if (!CONFIDENCES.includes(confidence as Confidence)) {
      this.fail(`${path}.confidence`, `must be one of ${CONFIDENCES.join(", ")}, got ${JSON.stringify(confidence)}`);
    }
    const sources = raw.sources ?? [];
    if (!Array.isArray(sources)) this.fail(`${path}.sources`, "must be an array of source keys");
    const result: Omit<PriceFigure, "value"> = {
      confidence: confidence as Confidence,
      sources: sources.map((s, i) => this.string(s, `${path}.sources[${i}]`)),
    };
    if (raw.note !== undefined) result.note = this.string(raw.note, `${path}.note`);
    return result;
  }

  figure(value: unknown, path: string): PriceFigure {
    const raw = this.object(value, path);
    return { value: this.price(raw.value, `${path}.value`, true), ...this.provenance(raw, path) };
  }

  tiered(value: unknown, path: string): TieredPrice {
    const raw = this.object(value, path);
    if (!Array.isArray(raw.tiers) || raw.tiers.length === 0) this.fail(`${path}.tiers`, "must be a non-empty array");
    let previous = 0;
    const tiers = raw.tiers.map((t, i): PriceTier => {
      const tierPath = `${path}.tiers[${i}]`;
      const tier = this.object(t, tierPath);
      const last = i === (raw.tiers as unknown[]).length - 1;
      const upToGb = this.price(tier.upToGb, `${tierPath}.upToGb`, last);
      if (!last && upToGb === null) this.fail(`${tierPath}.upToGb`, "only the last tier may be unbounded (null)");
      if (last && upToGb !== null) this.fail(`${tierPath}.upToGb`, "the last tier must be unbounded (null)");
      if (upToGb !== null && upToGb <= previous) this.fail(`${tierPath}.upToGb`, "tier bounds must increase");
      if (upToGb !== null) previous = upToGb;
      return { upToGb, usdPerGb: this.price(tier.usdPerGb, `${tierPath}.usdPerGb`, true) };
    });
    return { tiers, ...this.provenance(raw, path) };
  }
}

function readRegion(reader: Reader, value: unknown, path: string): RegionPrices {
  const raw = reader.object(value, path);
  const region = {} as RegionPrices;
  if (raw.usageTypePrefix !== undefined) {
    const prefix = reader.object(raw.usageTypePrefix, `${path}.usageTypePrefix`);
    region.usageTypePrefix = {
      ec2: reader.string(prefix.ec2, `${path}.usageTypePrefix.ec2`),
      vpc: reader.string(prefix.vpc, `${path}.usageTypePrefix.vpc`),
    };
  }
  for (const key of REGION_FIGURES) region[key] = reader.figure(raw[key], `${path}.${key}`);
  for (const key of REGION_TIERED) region[key] = reader.tiered(raw[key], `${path}.${key}`);
  for (const key of OPTIONAL_REGION_FIGURES) {
    if (raw[key] !== undefined) region[key] = reader.figure(raw[key], `${path}.${key}`);
  }
  return region;
}

/**
 * Validates a parsed price file.
 *
 * @param value - the parsed JSON
 * @param file - the file it came from, for error messages
 * @throws InputError naming the file and the JSON path of the first problem
 */
export function parsePriceTable(value: unknown, file: string): PriceTable {
  const reader = new Reader(file);
  const raw = reader.object(value, "$");
  const hoursPerMonth = reader.price(raw.hoursPerMonth, "$.hoursPerMonth", false) as number;
  if (hoursPerMonth <= 0) reader.fail("$.hoursPerMonth", "must be positive");
  const sourcesRaw = reader.object(raw.sources ?? {}, "$.sources");
  const sources: Record<string, PriceSource> = {};
  for (const [key, s] of Object.entries(sourcesRaw)) {
    const source = reader.object(s, `$.sources.${key}`);
    sources[key] = {
      title: reader.string(source.title, `$.sources.${key}.title`),
      date: reader.string(source.date, `$.sources.${key}.date`),
    };
  }
  const globalRaw = reader.object(raw.global, "$.global");
  const global = {} as PriceTable["global"];
  for (const key of GLOBAL_FIGURES) global[key] = reader.figure(globalRaw[key], `$.global.${key}`);
  if (global.internetFreeGbPerMonth.value === null) reader.fail("$.global.internetFreeGbPerMonth.value", "must be a number");
  const regionsRaw = reader.object(raw.regions, "$.regions");
  if (Object.keys(regionsRaw).length === 0) reader.fail("$.regions", "must list at least one Region");
  const regions: Record<string, RegionPrices> = {};
  for (const [name, r] of Object.entries(regionsRaw)) regions[name] = readRegion(reader, r, `$.regions.${name}`);
  const table: PriceTable = {
    schema: reader.string(raw.schema, "$.schema"),
    version: reader.string(raw.version, "$.version"),
    date: reader.string(raw.date, "$.date"),
    currency: reader.string(raw.currency, "$.currency"),
    hoursPerMonth,
    sources,
    global,
    regions,
    file,
  };
  if (typeof raw.description === "string") table.description = raw.description;
  checkSourceKeys(reader, table);
  return table;
}

/** Every figure's sources must be listed under `$.sources`, so the output can cite them. */
function checkSourceKeys(reader: Reader, table: PriceTable): void {
  const check = (sources: string[], path: string): void => {
    sources.forEach((key, i) => {
      if (!(key in table.sources)) reader.fail(`${path}.sources[${i}]`, `source "${key}" is not listed under $.sources`);
    });
  };
  for (const key of GLOBAL_FIGURES) check(table.global[key].sources, `$.global.${key}`);
  for (const [name, region] of Object.entries(table.regions)) {
    for (const key of [...REGION_FIGURES, ...REGION_TIERED]) check(region[key].sources, `$.regions.${name}.${key}`);
    for (const key of OPTIONAL_REGION_FIGURES) {
      const figure = region[key];
      if (figure) check(figure.sources, `$.regions.${name}.${key}`);
    }
  }
}

/**
 * Reads and validates a price file.
 *
 * @param file - path to a JSON price table (the `--prices` option, or the bundled one)
 * @throws InputError when the file is missing, not JSON, or malformed (naming file and JSON path)
 */
export function loadPriceTable(file: string): PriceTable {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String((error as Error).message);
    throw new InputError(`cannot read the price table: ${reason}`, { file });
  }
  // Parsed as snapshot files are, so a syntax error is located by line and column.
  return parsePriceTable(parseJsonFile(text, file), file);
}

/** The bundled table's path: `data/prices.json` at the package root (found from this module, in src/ or dist/src/). */
export function bundledPriceTablePath(): string {
  return bundledDataFile("prices.json");
}

/** Loads the bundled price table. */
export function loadBundledPriceTable(): PriceTable {
  return loadPriceTable(bundledPriceTablePath());
}

/**
 * The entry of a Region the table does not list: every figure unknown, with the reason, so that
 * Region's costs are reported as unknown while the rest of the estate is priced.
 *
 * @param region - e.g. `us-gov-west-1`
 */
export function unpricedRegion(region: string): RegionPrices {
  const note = `Region ${region} is not in the price table: pass --live-prices (AWS Price List API) or --prices FILE with it`;
  const unknown = (): PriceFigure => ({ value: null, confidence: "unverified", sources: [], note });
  const unknownTiers = (): TieredPrice => ({ tiers: [{ upToGb: null, usdPerGb: null }], confidence: "unverified", sources: [], note });
  return {
    natGatewayHourly: unknown(),
    natGatewayPerGb: unknown(),
    interfaceEndpointHourly: unknown(),
    interfaceEndpointPerGb: unknownTiers(),
    internetOutPerGb: unknownTiers(),
    crossAzPerGbEachDirection: unknown(),
    publicIpv4Hourly: unknown(),
  };
}

/**
 * The prices of one Region; a Region the table does not list gets every figure unknown, with the
 * reason (see `unpricedRegion`), never an error.
 *
 * @param table - the price table
 * @param region - e.g. `eu-west-1`
 */
export function regionPrices(table: PriceTable, region: string): RegionPrices {
  return table.regions[region] ?? unpricedRegion(region);
}

/**
 * A figure the table may leave out, or an unknown one saying so.
 *
 * @param prices - a Region's prices
 * @param key - the optional figure
 */
export function optionalFigure(prices: RegionPrices, key: OptionalRegionFigure): PriceFigure {
  return prices[key] ?? { value: null, confidence: "unverified", sources: [], note: "not in the price table" };
}
