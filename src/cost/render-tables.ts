/**
 * The tables of a cost estimate as plain rows of cells, shared by the text and Markdown renderings so
 * both say the same thing: fixed charges, where traffic goes, totals, alternatives with what each
 * makes reachable, and the price figures that are not high-confidence.
 */
import { sumUsd, type Usd } from "./arithmetic.js";
import type { Alternative, CostBreakdown, CostEstimate, FigureUse, ReachabilityClaim, SharedDesign, SharedDesigns, TrafficFlow, TrafficRoute, VpcAlternatives } from "./types.js";

export interface Table {
  title: string;
  headers: string[];
  rows: string[][];
  /** Columns aligned right (numbers). */
  numeric: number[];
}

/**
 * Formats USD with two decimals and thousands separators; `unknown` for null.
 *
 * @param usd - the amount
 */
export function money(usd: Usd): string {
  if (usd === null) return "unknown";
  return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A total: exact, or `≥ $known` when some part is unknown. */
export function total(breakdown: Pick<CostBreakdown, "totalUsd" | "knownTotalUsd">): string {
  return breakdown.totalUsd === null ? `≥ ${money(breakdown.knownTotalUsd)}` : money(breakdown.totalUsd);
}

/** A rate with up to four decimals. */
export function rate(value: number | null): string {
  return value === null ? "unknown" : `$${Number(value.toFixed(4))}`;
}

const gb = (value: number): string => Number(value.toFixed(2)).toLocaleString("en-US");

/** The confidence mark printed next to a figure: none for high/live. */
function mark(figures: readonly FigureUse[], region: string, key: string): string {
  const use = figures.find((f) => f.region === region && f.figure === key);
  return use && (use.confidence === "medium" || use.confidence === "unverified") ? ` (${use.confidence})` : "";
}

/** NAT gateways, interface endpoints, transit gateway attachments and gateway endpoints with their fixed monthly charges. */
export function fixedTables(estimate: CostEstimate): Table[] {
  const { estate } = estimate;
  const f = estate.figures;
  const tables: Table[] = [];
  tables.push({
    title: "NAT gateways",
    headers: ["NAT gateway", "VPC", "AZ", "$/hour", "$/month", "Public IPv4", "IPv4 $/month", "Notes"],
    numeric: [3, 4, 5, 6],
    rows: estate.natGateways.map((n) => [
      n.id + (n.name ? ` (${n.name})` : ""),
      n.vpcId,
      n.availabilityZone ?? (n.availabilityMode === "regional" ? "regional" : "?"),
      rate(n.hourlyUsd) + mark(f, n.region, n.availabilityMode === "regional" ? "regionalNatGatewayHourly" : "natGatewayHourly"),
      money(n.monthlyUsd),
      String(n.publicIpv4Count),
      money(n.publicIpv4MonthlyUsd) + (n.publicIpv4Count > 0 ? mark(f, n.region, "publicIpv4Hourly") : ""),
      n.notes.join("; "),
    ]),
  });
  tables.push({
    title: "Interface endpoints (billed per AZ)",
    headers: ["Endpoint", "VPC", "Service", "AZs", "$/hour per AZ", "$/month"],
    numeric: [3, 4, 5],
    rows: estate.interfaceEndpoints.map((e) => [
      e.id + (e.name ? ` (${e.name})` : ""),
      e.vpcId,
      e.serviceName,
      String(e.availabilityZones.length),
      rate(e.hourlyUsdPerAz) + mark(f, e.region, "interfaceEndpointHourly"),
      money(e.monthlyUsd),
    ]),
  });
  tables.push({
    title: "Transit gateway attachments (billed per attachment)",
    headers: ["Attachment", "Transit gateway", "VPC", "$/hour", "$/month"],
    numeric: [3, 4],
    rows: estate.transitGatewayAttachments.map((a) => [
      a.id,
      a.transitGatewayId,
      a.vpcId,
      rate(a.hourlyUsd) + mark(f, a.region, "transitGatewayAttachmentHourly"),
      money(a.monthlyUsd),
    ]),
  });
  tables.push({
    title: "Public IPv4 addresses other than NAT gateways' (billed per hour, in use or not)",
    headers: ["Address", "Kind", "VPC", "On", "$/hour", "$/month"],
    numeric: [4, 5],
    rows: estate.publicIpv4Addresses.map((a) => [
      a.address + (a.allocationId ? ` (${a.allocationId})` : ""),
      a.kind,
      a.vpcId ?? `- (${a.region})`,
      a.attachedTo ?? "-",
      rate(a.hourlyUsd) + mark(f, a.region, "publicIpv4Hourly"),
      money(a.monthlyUsd),
    ]),
  });
  tables.push({
    title: "Gateway endpoints (free)",
    headers: ["Endpoint", "VPC", "Service", "$/month"],
    numeric: [3],
    rows: estate.gatewayEndpoints.map((e) => [e.id, e.vpcId, e.serviceName, money(0)]),
  });
  return tables.filter((t) => t.rows.length > 0);
}

/** What a route is charged, in words. */
const CHARGED: Record<TrafficRoute, string> = {
  "nat-gateway": "NAT processing",
  "interface-endpoint": "PrivateLink processing (Region tiers)",
  "gateway-endpoint": "nothing",
  "internet-gateway": "data transfer only",
  "sagemaker-managed": "not billed to the VPC (not priced)",
  unreachable: "not reachable: not priced",
  unknown: "path undetermined: not priced",
  other: "transfer charges not modelled",
};

/** True when the estate has transit gateway charges, so the tables give them columns (else they would all be empty). */
function hasTransitGateways(estimate: CostEstimate): boolean {
  const { estate } = estimate;
  return estate.transitGatewayAttachments.length > 0 || estate.flows.some((f) => f.transitGateways.length > 0);
}

/** Drops the columns named in `drop` from a table (and renumbers its numeric columns). */
function withoutColumns(table: Table, drop: readonly string[]): Table {
  const keep = table.headers.map((h, i) => (drop.includes(h) ? -1 : i)).filter((i) => i >= 0);
  return {
    title: table.title,
    headers: keep.map((i) => table.headers[i]!),
    rows: table.rows.map((row) => keep.map((i) => row[i]!)),
    numeric: table.numeric.filter((i) => keep.includes(i)).map((i) => keep.indexOf(i)),
  };
}

const TGW_COLUMNS = ["TGW attachments", "TGW processing"];
const INTER_REGION_COLUMNS = ["Inter-Region"];

/** The table as printed: without the transit gateway columns when the estate has none, nor the inter-Region one when no path leaves its Region. */
function fitted(estimate: CostEstimate, table: Table): Table {
  const crossesRegions = estimate.estate.flows.some((f) => f.otherRegions.length > 0);
  return withoutColumns(table, [...(hasTransitGateways(estimate) ? [] : TGW_COLUMNS), ...(crossesRegions ? [] : INTER_REGION_COLUMNS)]);
}

/**
 * Where each traffic assumption goes, per the engine: the notebooks' flows grouped by VPC, traffic,
 * route, carrier and AZ crossing (the JSON output keeps one flow per notebook).
 */
export function flowTable(estimate: CostEstimate): Table | undefined {
  const groups = new Map<string, TrafficFlow[]>();
  for (const flow of estimate.estate.flows) {
    const key = [flow.vpcId, flow.trafficKey, flow.transitGateways.join(","), flow.route, flow.via ?? "", flow.crossAz, flow.otherRegions.join(",")].join("|");
    groups.set(key, [...(groups.get(key) ?? []), flow]);
  }
  if (groups.size === 0) return undefined;
  const rows = [...groups.values()].map((flows) => {
    const first = flows[0]!;
    const crossesTgw = first.transitGateways.length > 0 && first.route !== "unreachable" && first.route !== "unknown";
    const charged = crossesTgw ? ["TGW processing", CHARGED[first.route]] : [CHARGED[first.route]];
    if (first.internetOutGb > 0) charged.push("internet data transfer out");
    if (first.crossAz) charged.push("cross-AZ");
    if (first.otherRegions.length > 0) charged.push(`inter-Region to ${first.otherRegions.join(", ")}`);
    if (first.requiresEndpointUrl) charged.push(`(only with --endpoint-url ${first.requiresEndpointUrl})`);
    return [
      first.vpcId,
      first.trafficKey,
      gb(flows.reduce((t, f) => t + f.gb, 0)),
      flows.map((f) => f.notebook).join(", "),
      first.transitGateways.map((t) => `${t} → `).join("") + first.route + (first.via ? ` ${first.via}` : ""),
      money(sumUsd(flows.map((f) => f.natProcessingUsd))),
      crossesTgw ? money(sumUsd(flows.map((f) => f.transitGatewayProcessingUsd))) : "-",
      first.crossAz ? money(sumUsd(flows.map((f) => f.crossAzUsd))) : "-",
      first.otherRegions.length > 0 ? money(sumUsd(flows.map((f) => f.interRegionUsd))) : "-",
      charged.join(" + "),
    ];
  });
  return fitted(estimate, {
    title: "Traffic: where the engine routes it",
    headers: ["VPC", "Traffic", "GB/month", "Notebooks", "Route", "NAT processing", "TGW processing", "Cross-AZ", "Inter-Region", "Charged"],
    numeric: [2, 5, 6, 7, 8],
    rows,
  });
}

const BREAKDOWN_HEADERS = ["NAT hours", "Public IPv4", "Endpoint hours", "TGW attachments", "NAT processing", "TGW processing", "Endpoint processing", "Internet out", "Cross-AZ", "Inter-Region", "Total/month"];

function breakdownCells(b: CostBreakdown): string[] {
  return [
    money(b.natGatewayHoursUsd),
    money(b.publicIpv4Usd),
    money(b.interfaceEndpointHoursUsd),
    money(b.transitGatewayAttachmentHoursUsd),
    money(b.natProcessingUsd),
    money(b.transitGatewayProcessingUsd),
    money(b.interfaceEndpointProcessingUsd),
    money(b.internetOutUsd),
    money(b.crossAzUsd),
    money(b.interRegionUsd),
    total(b),
  ];
}

/** Totals per VPC and per Region, and the estate's. */
export function totalTables(estimate: CostEstimate): Table[] {
  const { estate } = estimate;
  // The money columns follow the name columns: two for a VPC (VPC, Region), one for a Region.
  const numericAfter = (names: number) => BREAKDOWN_HEADERS.map((_, i) => i + names);
  const tables: Table[] = [
    {
      title: "Totals per VPC",
      headers: ["VPC", "Region", ...BREAKDOWN_HEADERS],
      numeric: numericAfter(2),
      rows: estate.vpcs.map((v) => [v.vpcId + (v.name ? ` (${v.name})` : ""), v.region, ...breakdownCells(v)]),
    },
    {
      title: "Totals per Region",
      headers: ["Region", ...BREAKDOWN_HEADERS],
      numeric: numericAfter(1),
      rows: [
        ...estate.regions.map((r) => [r.region, ...breakdownCells(r)]),
        ["All Regions", ...breakdownCells(estate.total)],
      ],
    },
  ];
  return tables.map((t) => fitted(estimate, t));
}

/** Short names of the routes for the alternatives table (the flow table and JSON use the full ones). */
const ROUTE_SHORT: Record<TrafficRoute, string> = {
  "nat-gateway": "NAT",
  "interface-endpoint": "interface EP",
  "gateway-endpoint": "gateway EP",
  "internet-gateway": "IGW",
  "sagemaker-managed": "SageMaker network",
  unreachable: "-",
  unknown: "?",
  other: "other",
};

/** `yes (NAT)`, `no`, `2/3 (…)`, `unknown`. */
function reachCell(claim: ReachabilityClaim): string {
  const n = claim.reachable + claim.unreachable + claim.unknown;
  const via = claim.via.length > 0 ? ` (${claim.via.map((r) => ROUTE_SHORT[r]).join(", ")})` : "";
  const url = claim.requiresEndpointUrl ? " (endpoint URL only)" : "";
  if (claim.reachable === n) return `yes${via}${url}`;
  if (claim.unreachable === n) return "no";
  if (claim.unknown === n) return "unknown";
  return `${claim.reachable}/${n}${via}${claim.unknown > 0 ? `, ${claim.unknown} unknown` : ""}${url}`;
}

/**
 * One VPC's alternatives: cost at the given traffic and what each makes reachable.
 *
 * @param vpc - the VPC's alternatives
 */
export function alternativeTable(vpc: VpcAlternatives): Table {
  const destinations = vpc.alternatives[0]?.reachability.map((c) => c.destination) ?? [];
  return {
    title: `Alternatives for ${vpc.vpcId} (${vpc.region}; notebooks: ${vpc.notebooks.join(", ")})`,
    headers: ["Design", "$/month", "NAT gateways", "Interface endpoints", ...destinations],
    numeric: [1, 2, 3],
    rows: vpc.alternatives.map((a: Alternative) => [
      a.title,
      total(a.cost),
      String(a.natGateways),
      String(a.interfaceEndpoints.length),
      ...a.reachability.map(reachCell),
    ]),
  };
}

/**
 * The designs shared by a Region's VPCs holding notebooks: cost over the set and what each makes
 * reachable for all their notebooks.
 *
 * @param shared - the Region's shared designs (with at least one design built)
 */
export function sharedDesignTable(shared: SharedDesigns): Table {
  const destinations = shared.designs[0]?.reachability.map((c) => c.destination) ?? [];
  return {
    title: `Shared designs for ${shared.region} (VPCs: ${shared.vpcIds.join(", ")}; notebooks: ${shared.notebooks.join(", ")})`,
    headers: ["Design", "$/month", "VPCs priced", "NAT gateways", "Endpoint-AZs", "TGW attachments", "Hosted zones", ...destinations],
    numeric: [1, 2, 3, 4, 5, 6],
    rows: shared.designs.map((d: SharedDesign) => [
      d.title,
      total({ totalUsd: d.totalUsd, knownTotalUsd: d.knownTotalUsd }),
      String(d.vpcIds.length),
      String(d.natGateways),
      String(d.interfaceEndpointAzs),
      String(d.transitGatewayAttachments),
      String(d.privateHostedZones),
      ...d.reachability.map(reachCell),
    ]),
  };
}

/** The price figures used that are not high-confidence. */
export function caveatTable(estimate: CostEstimate): Table | undefined {
  const all = new Map<string, FigureUse>();
  const used = [...estimate.estate.figures, ...estimate.alternatives.flatMap((a) => a.figures), ...estimate.sharedDesigns.flatMap((s) => s.figures)];
  for (const f of used) all.set(`${f.region}|${f.figure}`, f);
  const weak = [...all.values()]
    .filter((f) => f.confidence === "medium" || f.confidence === "unverified")
    .sort((a, b) => a.region.localeCompare(b.region) || a.figure.localeCompare(b.figure));
  if (weak.length === 0) return undefined;
  return {
    title: "Price figures below high confidence",
    headers: ["Region", "Figure", "Value", "Confidence", "Sources", "Note"],
    numeric: [2],
    rows: weak.map((w) => [w.region, w.figure, rate(w.value), w.confidence, w.sources.join(", ") || "-", w.note ?? ""]),
  };
}
