/**
 * Break-even of the designs shared by a set of VPCs, in numbers of VPCs and GB per month per VPC,
 * computed from the price table (never hard-coded):
 * - centralized egress vs a NAT gateway per AZ in every VPC;
 * - centralized interface endpoints vs interface endpoints in every VPC (the spokes already on a transit gateway);
 * - one NAT gateway per VPC vs one per AZ (cross-AZ transfer against gateway hours);
 * - S3 gateway endpoints in every VPC (free) vs S3 through either kind of NAT.
 * Each is `saving(N) = N × k − c`: a shared design is cheaper from the smallest N with N × k > c.
 *
 * AWS pages: https://aws.amazon.com/vpc/pricing/, https://aws.amazon.com/transit-gateway/pricing/,
 * https://aws.amazon.com/privatelink/pricing/, https://aws.amazon.com/route53/pricing/.
 */
import { smallestPayingSet } from "./arithmetic.js";
import { optionalFigure, type PriceTable, type RegionPrices } from "./price-table.js";
import { money, rate } from "./render-tables.js";
import type { SharedBreakEven } from "./types.js";

/** What the break-even depends on in a set of VPCs. */
export interface SetShape {
  /** VPCs holding notebooks in the Region. */
  vpcs: number;
  /** AZs holding notebooks (an egress or shared-services VPC gets a subnet in each). */
  azs: number;
  /** Interface endpoint services. */
  services: number;
  /** True when every VPC already has a transit gateway attachment (centralizing adds none for the spokes). */
  spokesAttached: boolean;
  /** GB per month per VPC, averaged: through NAT (internet, internet-in), through interface endpoints, to S3. */
  gb: { nat: number; endpoints: number; s3: number };
}

const gbText = (gb: number): string => Number(gb.toFixed(1)).toLocaleString("en-US");

/** The unknown result when a figure is missing. */
function unknownFigure(id: SharedBreakEven["id"], subject: string, gbPerVpc: number, missing: string[]): SharedBreakEven {
  return { id, subject, formula: `unknown (${missing.join(", ")} not in the price table)`, gbPerVpc, fromVpcs: null, belowGbPerVpc: null, statement: "a price figure is unknown, so the break-even is unknown" };
}

type Figures = ReturnType<typeof figures>["values"];

/** The figures a break-even needs, or its unknown result naming those the table lacks. */
function needed(id: SharedBreakEven["id"], subject: string, gbPerVpc: number, prices: RegionPrices, table: PriceTable, keys: (keyof Figures)[]): Figures | SharedBreakEven {
  const f = figures(prices, table);
  const missing = f.missing(keys);
  return missing.length > 0 ? unknownFigure(id, subject, gbPerVpc, missing) : f.values;
}

/** The figures of a Region, by name, with those that are null listed. */
function figures(prices: RegionPrices, table: PriceTable) {
  const values = {
    natGatewayHourly: prices.natGatewayHourly.value,
    natGatewayPerGb: prices.natGatewayPerGb.value,
    publicIpv4Hourly: prices.publicIpv4Hourly.value,
    transitGatewayAttachmentHourly: optionalFigure(prices, "transitGatewayAttachmentHourly").value,
    transitGatewayPerGb: optionalFigure(prices, "transitGatewayPerGb").value,
    interfaceEndpointHourly: prices.interfaceEndpointHourly.value,
    interfaceEndpointPerGb: prices.interfaceEndpointPerGb.tiers[0]?.usdPerGb ?? null,
    crossAzPerGbEachDirection: prices.crossAzPerGbEachDirection.value,
    privateHostedZoneMonthly: table.global.privateHostedZoneMonthly.value,
  };
  const missing = (keys: (keyof typeof values)[]): string[] => keys.filter((k) => values[k] === null);
  return { values: values as { [K in keyof typeof values]: number }, missing };
}

/** "cheaper from N VPCs at G GB each" and, for the set's own size, the GB per VPC below which it is cheaper. */
function statement(design: string, fromVpcs: number | null, gbPerVpc: number, setSize: number, belowGbPerVpc: number | null, extra: string): string {
  const from = fromVpcs === null
    ? `${design} is not cheaper at ${gbText(gbPerVpc)} GB per VPC, however many VPCs share it${extra}`
    : `${design} is cheaper from ${fromVpcs} VPCs at ${gbText(gbPerVpc)} GB each${extra}`;
  if (setSize < 2) return from;
  const here = belowGbPerVpc === null
    ? `with this set's ${setSize} VPCs it is not cheaper at any volume`
    : `with this set's ${setSize} VPCs it is cheaper below ${gbText(belowGbPerVpc)} GB per VPC per month`;
  return `${from}; ${here}`;
}

/** Centralized egress against a NAT gateway per AZ in every VPC. */
function egress(shape: SetShape, prices: RegionPrices, table: PriceTable): SharedBreakEven {
  const subject = "centralized egress vs a NAT gateway per AZ in every VPC";
  const v = needed("central-egress", subject, shape.gb.nat, prices, table, ["natGatewayHourly", "publicIpv4Hourly", "transitGatewayAttachmentHourly", "transitGatewayPerGb"]);
  if ("statement" in v) return v;
  const h = table.hoursPerMonth;
  const nat = (v.natGatewayHourly + v.publicIpv4Hourly) * h;
  const attachment = v.transitGatewayAttachmentHourly * h;
  const spokeAttachments = shape.spokesAttached ? 0 : 1;
  const a = shape.azs;
  const g = shape.gb.nat;
  const k = a * nat - spokeAttachments * attachment - g * v.transitGatewayPerGb;
  const c = a * nat + attachment;
  const fromVpcs = smallestPayingSet(k, c);
  const n = shape.vpcs;
  const below = (n * (a * nat - spokeAttachments * attachment) - c) / (n * v.transitGatewayPerGb);
  const formula =
    `a NAT gateway with its IPv4 address = (${rate(v.natGatewayHourly)} + ${rate(v.publicIpv4Hourly)}) × ${h} h = ${money(nat)}; an attachment = ${rate(v.transitGatewayAttachmentHourly)} × ${h} h = ${money(attachment)}; ` +
    `saving with N VPCs = N × (${a} AZ × ${money(nat)}${spokeAttachments ? ` − ${money(attachment)}` : ""} − ${gbText(g)} GB × ${rate(v.transitGatewayPerGb)} TGW) − (${a} × ${money(nat)} + ${money(attachment)} egress VPC) = N × ${money(k)} − ${money(c)}` +
    (shape.spokesAttached ? " (the VPCs are already attached to a transit gateway)" : " (each VPC needs a transit gateway attachment)");
  return {
    id: "central-egress", subject, formula, gbPerVpc: g, fromVpcs, belowGbPerVpc: below > 0 ? below : null,
    statement: statement("centralized egress", fromVpcs, g, n, below > 0 ? below : null, ` (${a} AZ${a === 1 ? "" : "s"})`),
  };
}

/** Centralized interface endpoints against interface endpoints in every VPC, the VPCs already on a transit gateway. */
function endpoints(shape: SetShape, prices: RegionPrices, table: PriceTable): SharedBreakEven {
  const subject = "centralized interface endpoints vs interface endpoints in every VPC (with centralized egress)";
  const v = needed("central-endpoints", subject, shape.gb.endpoints, prices, table, ["interfaceEndpointHourly", "transitGatewayAttachmentHourly", "transitGatewayPerGb", "privateHostedZoneMonthly"]);
  if ("statement" in v) return v;
  const h = table.hoursPerMonth;
  const endpointSet = shape.services * shape.azs * v.interfaceEndpointHourly * h;
  const attachment = v.transitGatewayAttachmentHourly * h;
  const zones = shape.services * v.privateHostedZoneMonthly;
  const g = shape.gb.endpoints;
  const k = endpointSet - g * v.transitGatewayPerGb;
  const c = endpointSet + attachment + zones;
  const fromVpcs = smallestPayingSet(k, c);
  const n = shape.vpcs;
  const below = (n * endpointSet - c) / (n * v.transitGatewayPerGb);
  const formula =
    `one VPC's endpoints = ${shape.services} services × ${shape.azs} AZ × ${rate(v.interfaceEndpointHourly)} × ${h} h = ${money(endpointSet)}; ` +
    `saving with N VPCs = N × (${money(endpointSet)} − ${gbText(g)} GB × ${rate(v.transitGatewayPerGb)} TGW) − (${money(endpointSet)} shared endpoints + ${money(attachment)} attachment + ${shape.services} private hosted zones × ${money(v.privateHostedZoneMonthly)}) = N × ${money(k)} − ${money(c)}`;
  return {
    id: "central-endpoints", subject, formula, gbPerVpc: g, fromVpcs, belowGbPerVpc: below > 0 ? below : null,
    statement: statement("sharing interface endpoints", fromVpcs, g, n, below > 0 ? below : null, ` (${shape.services} services, ${shape.azs} AZ${shape.azs === 1 ? "" : "s"})`),
  };
}

/** One NAT gateway per VPC against one per AZ: gateway hours saved against cross-AZ transfer paid. */
function onePerVpc(shape: SetShape, prices: RegionPrices, table: PriceTable): SharedBreakEven {
  const subject = "one NAT gateway per VPC vs one per AZ";
  const v = needed("nat-per-vpc", subject, shape.gb.nat, prices, table, ["natGatewayHourly", "publicIpv4Hourly", "crossAzPerGbEachDirection"]);
  if ("statement" in v) return v;
  const a = shape.azs;
  const nat = (v.natGatewayHourly + v.publicIpv4Hourly) * table.hoursPerMonth;
  if (a < 2) {
    return { id: "nat-per-vpc", subject, formula: "the notebooks are in one AZ: both designs have one NAT gateway per VPC", gbPerVpc: shape.gb.nat, fromVpcs: null, belowGbPerVpc: null, statement: "the same design when the notebooks are in one AZ" };
  }
  const below = (a * nat) / (2 * v.crossAzPerGbEachDirection);
  return {
    id: "nat-per-vpc", subject, gbPerVpc: shape.gb.nat, fromVpcs: null, belowGbPerVpc: below,
    formula: `saves (${a} − 1) × ${money(nat)} per VPC, pays (${a} − 1)/${a} of its NAT traffic × ${rate(v.crossAzPerGbEachDirection)} × 2 cross-AZ: cheaper below ${a} × ${money(nat)} ÷ (2 × ${rate(v.crossAzPerGbEachDirection)}) = ${gbText(below)} GB per VPC`,
    statement: `one NAT gateway per VPC is cheaper below ${gbText(below)} GB per VPC per month of NAT traffic (and loses the other AZs' egress when its AZ fails)`,
  };
}

/** S3 gateway endpoints in every VPC (free) against S3 through per-VPC or centralized NAT. */
function s3(shape: SetShape, prices: RegionPrices, table: PriceTable): SharedBreakEven {
  const subject = "S3 gateway endpoints in every VPC (free) vs S3 through NAT";
  const f = figures(prices, table);
  const g = shape.gb.s3;
  const v = f.values;
  const viaNat = f.missing(["natGatewayPerGb"]).length === 0 ? g * v.natGatewayPerGb : null;
  const viaCentral = f.missing(["natGatewayPerGb", "transitGatewayPerGb"]).length === 0 ? g * (v.natGatewayPerGb + v.transitGatewayPerGb) : null;
  return {
    id: "s3-gateway-endpoints", subject, gbPerVpc: g, fromVpcs: null, belowGbPerVpc: null,
    formula: `$0/month per VPC; without one, ${gbText(g)} GB × ${rate(v.natGatewayPerGb)} NAT = ${money(viaNat)} per VPC through its own NAT gateway, ${gbText(g)} GB × (${rate(v.natGatewayPerGb)} NAT + ${rate(v.transitGatewayPerGb)} TGW) = ${money(viaCentral)} per VPC through centralized egress`,
    statement: "an S3 gateway endpoint in every VPC is cheaper at any volume and in every design (a gateway endpoint serves only its own VPC, so centralized egress cannot share one)",
  };
}

/**
 * The break-even figures of the shared designs for a set of VPCs.
 *
 * @param shape - the set: VPCs, AZs, services, GB per VPC
 * @param prices - the Region's prices
 * @param table - the table (hours per month, the private hosted zone price)
 */
export function sharedBreakEvens(shape: SetShape, prices: RegionPrices, table: PriceTable): SharedBreakEven[] {
  return [egress(shape, prices, table), endpoints(shape, prices, table), onePerVpc(shape, prices, table), s3(shape, prices, table)];
}
