/**
 * The estate as it is: every billed NAT gateway and endpoint in scope, the traffic flows the engine
 * routes, and the totals per VPC and per Region. Tiered charges are computed per Region (PrivateLink
 * processing is tiered on the Region's sum over all interface endpoints; internet data transfer out
 * on the Region's sum after the free allowance, which is shared by all Regions) and then shared out
 * to the VPCs in proportion to their GB.
 */
import type { Analyzer } from "../engine/index.js";
import { InputError } from "../model/errors.js";
import type { Model, NatGateway, Notebook, TransitGatewayAttachment, VpcEndpoint } from "../model/types.js";
import { internetOutCharge, sumKnown, sumUsd, tieredCharge, type TierSlice, type Usd } from "./arithmetic.js";
import {
  FigureLog,
  isBilledEndpoint,
  isBilledNat,
  isBilledVpcAttachment,
  priceGatewayEndpoint,
  priceInterfaceEndpoint,
  priceNatGateway,
  priceTransitGatewayAttachment,
} from "./fixed-costs.js";
import { billedPublicAddresses, compareAddresses, pricePublicAddress, type BilledAddress } from "./public-addresses.js";
import { notebooksByVpc, notebooksOfVpc, traceVpcFlows } from "./flows.js";
import { keyedLists } from "../model/overlay.js";
import { regionPrices, type PriceTable, type RegionPrices } from "./price-table.js";
import { volumesForNotebooks, type TrafficAssumptions } from "./traffic.js";
import type { CostBreakdown, EstateCost, PublicIpv4Cost, RegionCost, TrafficFlow, VpcCost } from "./types.js";

export interface EstateOptions {
  prices: PriceTable;
  traffic?: TrafficAssumptions | undefined;
  /** Only this Region. */
  region?: string | undefined;
  /** Only these VPCs. */
  vpcIds?: readonly string[] | undefined;
}

/** The VPCs in scope that have anything to price (a NAT gateway, an endpoint, a transit gateway attachment, a public IPv4 address, or notebooks). */
function vpcsInScope(model: Model, options: EstateOptions, scan: ModelScan): string[] {
  const interesting = (id: string): boolean =>
    scan.notebooks.has(id) || scan.addresses.byVpc.has(id) || scan.natGateways.has(id) || scan.endpoints.has(id) || scan.attachments.has(id);
  const candidates = options.vpcIds ? [...new Set(options.vpcIds)].filter(interesting) : scan.interesting;
  return candidates.filter((id) => !options.region || regionOfVpc(model, id) === options.region).sort();
}

/** A VPC's Region: from the VPC record, else from any resource in it. */
function regionOfVpc(model: Model, vpcId: string): string | undefined {
  const vpc = model.vpcs.get(vpcId);
  if (vpc) return vpc.scope.region;
  for (const map of [model.subnets, model.natGateways, model.vpcEndpoints] as const) {
    for (const record of map.values()) if (record.vpcId === vpcId) return record.scope.region;
  }
  return undefined;
}

const EMPTY_BREAKDOWN = (): CostBreakdown => ({
  natGatewayHoursUsd: 0,
  publicIpv4Usd: 0,
  interfaceEndpointHoursUsd: 0,
  transitGatewayAttachmentHoursUsd: 0,
  natProcessingUsd: 0,
  transitGatewayProcessingUsd: 0,
  interfaceEndpointProcessingUsd: 0,
  internetOutUsd: 0,
  crossAzUsd: 0,
  interRegionUsd: 0,
  totalUsd: 0,
  knownTotalUsd: 0,
});

const PARTS = [
  "natGatewayHoursUsd",
  "publicIpv4Usd",
  "interfaceEndpointHoursUsd",
  "transitGatewayAttachmentHoursUsd",
  "natProcessingUsd",
  "transitGatewayProcessingUsd",
  "interfaceEndpointProcessingUsd",
  "internetOutUsd",
  "crossAzUsd",
  "interRegionUsd",
] as const;

/** Fills `totalUsd` and `knownTotalUsd` from the parts. */
function close<T extends CostBreakdown>(breakdown: T): T {
  const parts = PARTS.map((p) => breakdown[p]);
  breakdown.totalUsd = sumUsd(parts);
  breakdown.knownTotalUsd = sumKnown(parts);
  return breakdown;
}

/** Adds `amount` to a part (null stays null). */
function add<T extends CostBreakdown>(breakdown: T, part: (typeof PARTS)[number], amount: Usd): void {
  const current = breakdown[part];
  breakdown[part] = current === null || amount === null ? null : current + amount;
}

/** Share of a Region-level tiered charge for a VPC with `gb` of the Region's `totalGb`. */
function share(charge: Usd, gb: number, totalGb: number): Usd {
  if (gb === 0 || totalGb === 0) return 0;
  return charge === null ? null : (charge * gb) / totalGb;
}

/** Records of one VPC, each with its position in the model's map (to merge several VPCs' back into the map's order). */
type ByVpc<V> = Map<string, [position: number, record: V][]>;

/** What `costEstate` reads from every record of a model, whatever VPCs it prices, grouped by VPC. */
interface ModelScan {
  notebooks: Map<string, Notebook[]>;
  /** Whether any VPC of the model holds a notebook (in scope or not). */
  anyNotebooks: boolean;
  /** Billed public addresses by VPC, and all of them (in no order; `sorted`: all of them, sorted on first use). */
  addresses: { byVpc: Map<string, BilledAddress[]>; all: BilledAddress[]; sorted?: BilledAddress[] };
  /** Billed NAT gateways, endpoints and VPC attachments by VPC. */
  natGateways: ByVpc<NatGateway>;
  endpoints: ByVpc<VpcEndpoint>;
  attachments: ByVpc<TransitGatewayAttachment>;
  /** The VPCs with anything to price, in no order. */
  interesting: string[];
}

/**
 * The scan of each model priced so far. Each VPC's alternatives price the current model again for
 * that VPC alone (and each design's model once per scope), so scanning every record per call made the
 * estimate quadratic in the VPCs; a model is not changed once an analyzer is built on it.
 */
const scans = new WeakMap<Model, ModelScan>();

function groupByVpc<V>(records: Iterable<V>, vpcOf: (record: V) => string | undefined, billed: (record: V) => boolean, keep: (vpcId: string) => boolean): ByVpc<V> {
  const groups: ByVpc<V> = new Map();
  let position = 0;
  for (const record of records) {
    position += 1;
    const vpcId = vpcOf(record);
    if (vpcId === undefined || !keep(vpcId) || !billed(record)) continue;
    const group = groups.get(vpcId) ?? [];
    group.push([position, record]);
    groups.set(vpcId, group);
  }
  return groups;
}

/** The records of the VPCs in scope, in the model's order (as filtering the whole map would list them). */
function inScopeOf<V>(groups: ByVpc<V>, vpcIds: readonly string[]): V[] {
  const rows = vpcIds.flatMap((id) => groups.get(id) ?? []);
  if (vpcIds.length > 1) rows.sort((a, b) => a[0] - b[0]);
  return rows.map(([, record]) => record);
}

/**
 * The scan of a model: of every VPC, kept for the next call; or, when `scope` is given and the model was
 * not scanned yet, of the VPCs in scope only, not kept (each design's model of the alternatives is
 * priced once, for its VPC alone or its Region's VPCs: grouping every record of the Region for it made
 * thousands of records per design to throw away). Either way the VPCs in scope get the same records.
 */
function scanOf(analyzer: Analyzer, scope?: ReadonlySet<string>): ModelScan {
  const known = scans.get(analyzer.model);
  if (known) return known;
  const model = analyzer.model;
  const keep = scope ? (vpcId: string | undefined): boolean => vpcId !== undefined && scope.has(vpcId) : () => true;
  const all = billedPublicAddresses(analyzer.index, scope ?? keep);
  const byVpc = new Map<string, BilledAddress[]>();
  for (const address of all) {
    if (address.vpcId === undefined) continue;
    const list = byVpc.get(address.vpcId) ?? [];
    list.push(address);
    byVpc.set(address.vpcId, list);
  }
  // One VPC (each design of the alternatives): its records from the index's lists, not a pass over the Region's.
  const one = scope?.size === 1 ? [...scope][0]! : undefined;
  const notebooks = one === undefined ? notebooksByVpc(analyzer.index, keep) : notebooksOfVpc(analyzer.index, one);
  const scan: ModelScan = {
    notebooks,
    anyNotebooks: notebooks.size > 0 || (scope !== undefined && [...model.notebooks.values()].some((n) => n.subnetId !== undefined && model.subnets.has(n.subnetId))),
    addresses: { byVpc, all },
    natGateways: one === undefined
      ? groupByVpc(model.natGateways.values(), (n) => n.vpcId, isBilledNat, keep)
      : groupByVpc(keyedLists(model.natGateways, "byVpc", (n) => [n.vpcId]).get(one), (n) => n.vpcId, isBilledNat, keep),
    endpoints: groupByVpc(one === undefined ? model.vpcEndpoints.values() : analyzer.index.endpointsOfVpc(one), (e) => e.vpcId, isBilledEndpoint, keep),
    attachments: groupByVpc(one === undefined ? model.transitGatewayAttachments.values() : analyzer.index.transitGatewayAttachmentsOfVpc(one), (a) => a.resourceId, isBilledVpcAttachment, keep),
    interesting: [],
  };
  scan.interesting = [...new Set([...scan.notebooks.keys(), ...byVpc.keys(), ...scan.natGateways.keys(), ...scan.endpoints.keys(), ...scan.attachments.keys()])];
  if (!scope) scans.set(model, scan);
  return scan;
}

/** The billed public addresses in scope, sorted (`compareAddresses`): those of the VPCs, or every one. */
function addressesOf(scan: ModelScan, vpcIds: readonly string[] | undefined): BilledAddress[] {
  if (vpcIds) return [...new Set(vpcIds)].flatMap((id) => scan.addresses.byVpc.get(id) ?? []).sort(compareAddresses);
  scan.addresses.sorted ??= [...scan.addresses.all].sort(compareAddresses);
  return scan.addresses.sorted;
}

/**
 * Prices the estate as it is.
 *
 * @param analyzer - the engine on the snapshot's model
 * @param options - price table, traffic assumptions, Region/VPC filters
 * A Region the table does not list is priced as unknown, with a warning naming it.
 */
export function costEstate(analyzer: Analyzer, options: EstateOptions): EstateCost {
  const model = analyzer.model;
  const table = options.prices;
  const log = new FigureLog();
  const warnings: string[] = [];
  const scan = scanOf(analyzer, options.vpcIds && new Set(options.vpcIds));
  const { notebooks } = scan;
  const vpcIds = vpcsInScope(model, options, scan);
  const addresses = addressesOf(scan, options.vpcIds);
  const inScope = new Set(vpcIds);
  const pricesOf = new Map<string, RegionPrices>();
  const vpcRegion = new Map<string, string>();
  for (const vpcId of vpcIds) {
    const region = regionOfVpc(model, vpcId);
    if (!region) throw new InputError(`cannot tell the Region of ${vpcId}`, { file: model.source, resourceId: vpcId });
    vpcRegion.set(vpcId, region);
    if (!pricesOf.has(region)) {
      pricesOf.set(region, regionPrices(table, region));
      if (!table.regions[region]) warnings.push(`${region}: not in the price table, so its figures are unknown; the rest is priced (pass --live-prices, or --prices FILE with ${region})`);
    }
  }
  // An Elastic IP associated with nothing is in no VPC: it is priced with its Region, unless VPCs were chosen.
  const loose = addresses.filter((a) => a.vpcId === undefined && !options.vpcIds && (!options.region || a.region === options.region));
  for (const region of new Set(loose.map((a) => a.region))) {
    if (!pricesOf.has(region)) pricesOf.set(region, regionPrices(table, region));
  }
  const prices = (vpcId: string): RegionPrices => pricesOf.get(vpcRegion.get(vpcId)!)!;

  const natGateways = inScopeOf(scan.natGateways, vpcIds).map((nat) => priceNatGateway(model, nat, prices(nat.vpcId), table, log));
  const billedEndpoints = inScopeOf(scan.endpoints, vpcIds);
  const interfaceEndpoints = billedEndpoints
    .filter((e) => e.type === "Interface")
    .map((e) => priceInterfaceEndpoint(model, e, prices(e.vpcId), table, log));
  const gatewayEndpoints = billedEndpoints.filter((e) => e.type === "Gateway").map((e) => priceGatewayEndpoint(e, table, log));
  const transitGatewayAttachments = inScopeOf(scan.attachments, vpcIds)
    .map((a) => priceTransitGatewayAttachment(a, prices(a.resourceId!), table, log));
  for (const e of billedEndpoints) {
    if (e.type !== "Interface" && e.type !== "Gateway") warnings.push(`${e.id}: ${e.type} endpoints are not priced`);
  }
  const publicIpv4Addresses = [...addresses.filter((a) => a.vpcId !== undefined && inScope.has(a.vpcId)), ...loose]
    .map((a) => pricePublicAddress(a, pricesOf.get(a.vpcId ? vpcRegion.get(a.vpcId)! : a.region)!, table, log));

  const flows: TrafficFlow[] = [];
  for (const vpcId of vpcIds) {
    const perNotebook = volumesForNotebooks(options.traffic, vpcId, notebooks.get(vpcId) ?? []);
    flows.push(...traceVpcFlows(analyzer, perNotebook, prices(vpcId), log));
  }
  if (options.traffic && flows.length === 0 && !scan.anyNotebooks) {
    warnings.push("traffic assumptions were given but no VPC in scope holds a notebook, so no traffic was priced");
  }

  const vpcs = new Map<string, VpcCost>();
  for (const vpcId of vpcIds) {
    vpcs.set(vpcId, { vpcId, name: model.vpcs.get(vpcId)?.name, region: vpcRegion.get(vpcId)!, ...EMPTY_BREAKDOWN() });
  }
  for (const nat of natGateways) {
    add(vpcs.get(nat.vpcId)!, "natGatewayHoursUsd", nat.monthlyUsd);
    add(vpcs.get(nat.vpcId)!, "publicIpv4Usd", nat.publicIpv4MonthlyUsd);
  }
  for (const a of publicIpv4Addresses) if (a.vpcId) add(vpcs.get(a.vpcId)!, "publicIpv4Usd", a.monthlyUsd);
  for (const e of interfaceEndpoints) add(vpcs.get(e.vpcId)!, "interfaceEndpointHoursUsd", e.monthlyUsd);
  for (const a of transitGatewayAttachments) add(vpcs.get(a.vpcId)!, "transitGatewayAttachmentHoursUsd", a.monthlyUsd);
  for (const flow of flows) {
    add(vpcs.get(flow.vpcId)!, "natProcessingUsd", flow.natProcessingUsd);
    add(vpcs.get(flow.vpcId)!, "transitGatewayProcessingUsd", flow.transitGatewayProcessingUsd);
    add(vpcs.get(flow.vpcId)!, "crossAzUsd", flow.crossAzUsd);
    add(vpcs.get(flow.vpcId)!, "interRegionUsd", flow.interRegionUsd);
  }
  const regions = rollUpRegions(table, pricesOf, vpcs, flows, publicIpv4Addresses.filter((a) => !a.vpcId), log);
  for (const vpc of vpcs.values()) close(vpc);
  const total = EMPTY_BREAKDOWN();
  for (const region of regions) for (const part of PARTS) add(total, part, region[part]);
  return {
    natGateways,
    interfaceEndpoints,
    gatewayEndpoints,
    transitGatewayAttachments,
    publicIpv4Addresses,
    flows,
    vpcs: [...vpcs.values()],
    regions,
    total: close(total),
    figures: log.list(),
    warnings,
  };
}

/**
 * Region totals: sums the VPCs, computes the tiered charges on the Region's volumes and shares them
 * out to the VPCs. The free internet allowance is applied to the Regions in name order.
 */
function rollUpRegions(
  table: PriceTable,
  pricesOf: ReadonlyMap<string, RegionPrices>,
  vpcs: ReadonlyMap<string, VpcCost>,
  flows: readonly TrafficFlow[],
  looseAddresses: readonly PublicIpv4Cost[],
  log: FigureLog,
): RegionCost[] {
  let freeLeft = table.global.internetFreeGbPerMonth.value ?? 0;
  const regions: RegionCost[] = [];
  for (const [region, prices] of [...pricesOf].sort(([a], [b]) => a.localeCompare(b))) {
    const regionFlows = flows.filter((f) => f.region === region);
    const endpointGb = regionFlows.reduce((t, f) => t + f.endpointGb, 0);
    const outGb = regionFlows.reduce((t, f) => t + f.internetOutGb, 0);
    const endpointCharge = tieredCharge(endpointGb, prices.interfaceEndpointPerGb.tiers);
    const free = Math.min(freeLeft, outGb);
    freeLeft -= free;
    if (outGb > 0) {
      log.use(region, "internetOutPerGb", prices.internetOutPerGb);
      log.use("global", "internetFreeGbPerMonth", table.global.internetFreeGbPerMonth);
    }
    const outCharge = internetOutCharge(outGb, prices.internetOutPerGb.tiers, free);
    const cost: RegionCost = {
      region,
      ...EMPTY_BREAKDOWN(),
      interfaceEndpointGb: endpointGb,
      interfaceEndpointTiers: endpointCharge.slices,
      internetOutGb: outGb,
      internetFreeGbApplied: free,
      internetOutTiers: outCharge.slices as TierSlice[],
    };
    for (const vpc of vpcs.values()) {
      if (vpc.region !== region) continue;
      const vpcFlows = regionFlows.filter((f) => f.vpcId === vpc.vpcId);
      const vpcEndpointGb = vpcFlows.reduce((t, f) => t + f.endpointGb, 0);
      const vpcOutGb = vpcFlows.reduce((t, f) => t + f.internetOutGb, 0);
      add(vpc, "interfaceEndpointProcessingUsd", share(endpointCharge.usd, vpcEndpointGb, endpointGb));
      add(vpc, "internetOutUsd", share(outCharge.usd, vpcOutGb, outGb));
      for (const part of PARTS) add(cost, part, vpc[part]);
    }
    for (const address of looseAddresses) if (address.region === region) add(cost, "publicIpv4Usd", address.monthlyUsd);
    regions.push(close(cost));
  }
  return regions;
}
