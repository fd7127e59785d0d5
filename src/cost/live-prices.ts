/**
 * `--live-prices`: reads the current NAT gateway and interface endpoint prices of the Regions in scope
 * from the AWS Price List API (GetProducts, paged) and overlays them on the price table. NAT gateways
 * are in the `AmazonEC2` offer, productFamily `NAT Gateway`; endpoints in `AmazonVPC`, productFamily
 * `VpcEndpoint`. Usage types are matched whole (`^USE1-VpcEndpoint-Hours$`), so
 * `RegionalNatGateway-Hours` is never read as `NatGateway-Hours`; us-east-1's EC2 usage types have
 * no prefix. The SDK is imported lazily: only this lookup needs it.
 *
 * AWS: https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html
 */
import { InputError } from "../model/errors.js";
import { unpricedRegion, type PriceFigure, type PriceTable, type PriceTier, type RegionPrices } from "./price-table.js";

export interface LivePriceOptions {
  /** Endpoint override (tests); default: the SDK's endpoint for `pricingRegion`. */
  endpoint?: string | undefined;
  /** Static credentials (tests); default: the SDK's credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** The Price List API's Region (us-east-1, eu-central-1 or ap-south-1). */
  pricingRegion?: string | undefined;
}

/** What the lookup found for one Region (undefined: no matching product). */
export interface LiveRegionPrices {
  region: string;
  natGatewayHourly?: number;
  natGatewayPerGb?: number;
  regionalNatGatewayHourly?: number;
  interfaceEndpointHourly?: number;
  interfaceEndpointPerGb?: PriceTier[];
}

interface PriceDimension {
  unit?: string;
  beginRange?: string;
  endRange?: string;
  pricePerUnit?: { USD?: string };
}

interface PriceListProduct {
  product?: { productFamily?: string; attributes?: Record<string, string> };
  terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, PriceDimension> }> };
}

/** A usage type matched whole: the Region's prefix (when known, else any `ABC1-` prefix or none) and the name. */
function usageTypePattern(prefix: string | undefined, name: string): RegExp {
  const escaped = prefix === undefined ? "(?:[A-Z]+[0-9]*-)?" : prefix.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
  return new RegExp(`^${escaped}${name}$`);
}

/** The on-demand price dimensions of a product, sorted by range start. */
function dimensions(product: PriceListProduct): PriceDimension[] {
  const terms = Object.values(product.terms?.OnDemand ?? {});
  return terms
    .flatMap((t) => Object.values(t.priceDimensions ?? {}))
    .sort((a, b) => Number(a.beginRange ?? 0) - Number(b.beginRange ?? 0));
}

function usd(dimension: PriceDimension | undefined): number | undefined {
  const value = Number(dimension?.pricePerUnit?.USD);
  return dimension && Number.isFinite(value) ? value : undefined;
}

function tiersOf(product: PriceListProduct): PriceTier[] {
  return dimensions(product).map((d) => ({
    upToGb: d.endRange === undefined || d.endRange === "Inf" ? null : Number(d.endRange),
    usdPerGb: usd(d) ?? null,
  }));
}

/** Pages through GetProducts and returns the parsed PriceList entries. */
async function getProducts(
  client: { send(command: unknown): Promise<{ PriceList?: unknown; NextToken?: string | undefined }> },
  makeCommand: (input: object) => unknown,
  serviceCode: string,
  filters: Record<string, string>,
): Promise<PriceListProduct[]> {
  const products: PriceListProduct[] = [];
  let nextToken: string | undefined;
  do {
    const input = {
      ServiceCode: serviceCode,
      FormatVersion: "aws_v1",
      MaxResults: 100,
      Filters: Object.entries(filters).map(([Field, Value]) => ({ Type: "TERM_MATCH", Field, Value })),
      ...(nextToken ? { NextToken: nextToken } : {}),
    };
    let output: { PriceList?: unknown; NextToken?: string | undefined };
    try {
      output = await client.send(makeCommand(input));
    } catch (error) {
      const e = error as { name?: string; message?: string };
      throw new InputError(
        `--live-prices: AWS Price List API GetProducts(${serviceCode}) failed: ${e.name ?? "Error"}: ${e.message ?? String(error)} ` +
          "(it needs pricing:GetProducts; drop --live-prices to use the bundled table)",
      );
    }
    const list = Array.isArray(output.PriceList) ? output.PriceList : [];
    for (const entry of list) products.push(JSON.parse(typeof entry === "string" ? entry : String(entry)) as PriceListProduct);
    nextToken = output.NextToken || undefined;
  } while (nextToken);
  return products;
}

/** The first product whose usage type matches (preferring PrivateLink endpoints over other kinds). */
function pick(products: readonly PriceListProduct[], pattern: RegExp): PriceListProduct | undefined {
  const matching = products.filter((p) => pattern.test(p.product?.attributes?.usagetype ?? ""));
  return matching.find((p) => (p.product?.attributes?.endpointType ?? "PrivateLink") === "PrivateLink") ?? matching[0];
}

/**
 * Looks up one Region's NAT gateway and interface endpoint prices.
 *
 * @param region - e.g. `eu-west-1`
 * @param prefixes - the Region's usage-type prefixes when known (from the price table)
 * @param options - endpoint/credential overrides
 * @throws InputError when the API refuses or fails
 */
export async function fetchLivePrices(
  region: string,
  prefixes: { ec2: string; vpc: string } | undefined,
  options: LivePriceOptions = {},
): Promise<LiveRegionPrices> {
  // As collect does (collect/sdk.ts): the SDK's Node-version notice is a dozen lines on stderr around
  // vpcreach's own output, unless the user chose otherwise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { PricingClient, GetProductsCommand } = await import("@aws-sdk/client-pricing");
  const client = new PricingClient({
    region: options.pricingRegion ?? "us-east-1",
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 2,
  });
  try {
    const command = (input: object): unknown => new GetProductsCommand(input as ConstructorParameters<typeof GetProductsCommand>[0]);
    const send = client as unknown as Parameters<typeof getProducts>[0];
    const nat = await getProducts(send, command, "AmazonEC2", { productFamily: "NAT Gateway", regionCode: region });
    const vpce = await getProducts(send, command, "AmazonVPC", { productFamily: "VpcEndpoint", regionCode: region });
    const result: LiveRegionPrices = { region };
    const natHours = pick(nat, usageTypePattern(prefixes?.ec2, "NatGateway-Hours"));
    const natBytes = pick(nat, usageTypePattern(prefixes?.ec2, "NatGateway-Bytes"));
    const regionalHours = pick(nat, usageTypePattern(prefixes?.ec2, "RegionalNatGateway-Hours"));
    const endpointHours = pick(vpce, usageTypePattern(prefixes?.vpc, "VpcEndpoint-Hours"));
    const endpointBytes = pick(vpce, usageTypePattern(prefixes?.vpc, "VpcEndpoint-Bytes"));
    const set = <K extends keyof LiveRegionPrices>(key: K, value: LiveRegionPrices[K] | undefined): void => {
      if (value !== undefined) result[key] = value;
    };
    set("natGatewayHourly", natHours ? usd(dimensions(natHours)[0]) : undefined);
    set("natGatewayPerGb", natBytes ? usd(dimensions(natBytes)[0]) : undefined);
    set("regionalNatGatewayHourly", regionalHours ? usd(dimensions(regionalHours)[0]) : undefined);
    set("interfaceEndpointHourly", endpointHours ? usd(dimensions(endpointHours)[0]) : undefined);
    set("interfaceEndpointPerGb", endpointBytes ? tiersOf(endpointBytes) : undefined);
    return result;
  } finally {
    client.destroy();
  }
}

const LIVE_SOURCE = "live";

/**
 * The price table with the looked-up figures in place (marked `live`); figures the lookup did not
 * find keep their table values and marks.
 *
 * @param table - the bundled or `--prices` table
 * @param live - the lookups, one per Region
 * @param at - ISO time of the lookup
 */
export function applyLivePrices(table: PriceTable, live: readonly LiveRegionPrices[], at: string): PriceTable {
  const regions = { ...table.regions };
  const figure = (value: number): PriceFigure => ({ value, confidence: "live", sources: [LIVE_SOURCE] });
  for (const found of live) {
    const region: RegionPrices = { ...(regions[found.region] ?? unpricedRegion(found.region)) };
    if (found.natGatewayHourly !== undefined) region.natGatewayHourly = figure(found.natGatewayHourly);
    if (found.natGatewayPerGb !== undefined) region.natGatewayPerGb = figure(found.natGatewayPerGb);
    if (found.regionalNatGatewayHourly !== undefined) region.regionalNatGatewayHourly = figure(found.regionalNatGatewayHourly);
    if (found.interfaceEndpointHourly !== undefined) region.interfaceEndpointHourly = figure(found.interfaceEndpointHourly);
    if (found.interfaceEndpointPerGb && found.interfaceEndpointPerGb.length > 0) {
      region.interfaceEndpointPerGb = { tiers: found.interfaceEndpointPerGb, confidence: "live", sources: [LIVE_SOURCE] };
    }
    regions[found.region] = region;
  }
  return {
    ...table,
    regions,
    sources: { ...table.sources, [LIVE_SOURCE]: { title: "AWS Price List API GetProducts (AmazonEC2 NAT Gateway, AmazonVPC VpcEndpoint)", date: at.slice(0, 10) } },
    liveAt: at,
  };
}

/**
 * Looks up every Region and overlays the results on the table.
 *
 * @param table - the price table
 * @param regions - the Regions in scope
 * @param options - endpoint/credential overrides
 */
export async function withLivePrices(table: PriceTable, regions: readonly string[], options: LivePriceOptions = {}): Promise<PriceTable> {
  const live: LiveRegionPrices[] = [];
  for (const region of regions) live.push(await fetchLivePrices(region, table.regions[region]?.usageTypePrefix, options));
  return applyLivePrices(table, live, new Date().toISOString());
}
