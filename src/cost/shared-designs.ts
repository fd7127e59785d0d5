/**
 * Egress designs shared by the VPCs holding notebooks in one Region, priced over the whole set:
 * a NAT gateway per AZ in every VPC, one NAT gateway per VPC, centralized egress (an egress VPC with a
 * NAT gateway per AZ behind a transit gateway), and centralized egress plus centralized interface
 * endpoints (a shared-services VPC resolved through private hosted zones). Every design keeps an S3
 * gateway endpoint in every VPC (free). Each design's reachability is what the engine proves on the
 * changed model (what-if.ts, what-if-hub.ts); the break-even in VPCs and GB per VPC is computed from
 * the price table (shared-break-even.ts).
 */
import { createAnalyzer, STANDARD_DESTINATIONS, type Analyzer } from "../engine/index.js";
import type { Model, Notebook } from "../model/types.js";
import { destinationOf, reachabilityOf } from "./alternatives.js";
import { sumKnown, sumUsd } from "./arithmetic.js";
import { costEstate } from "./estate.js";
import { isBilledEndpoint, isBilledVpcAttachment } from "./fixed-costs.js";
import { outcomeOf } from "./flows.js";
import { regionPrices, type PriceTable } from "./price-table.js";
import { sharedBreakEvens, type SetShape } from "./shared-break-even.js";
import { volumesForNotebooks, type TrafficAssumptions } from "./traffic.js";
import type { FigureUse, SharedDesign, SharedDesignId, SharedDesigns } from "./types.js";
import { withGatewayEndpoint, withInterfaceEndpoint, withNatForSubnets, withoutEndpoints, withoutNatGateways, type WhatIf } from "./what-if.js";
import { notebookAzs, withCentralizedEgress, withCentralizedEndpoints, type Spoke } from "./what-if-hub.js";
import { modelForVpcs } from "./model-parts.js";

export interface SharedDesignOptions {
  prices: PriceTable;
  traffic?: TrafficAssumptions | undefined;
  /** Extra interface-endpoint services (short names). */
  services?: readonly string[] | undefined;
}

const TITLES: Record<SharedDesignId, string> = {
  current: "As it is",
  "nat-per-az": "NAT gateway per AZ in every VPC + interface endpoints in every VPC",
  "nat-per-vpc": "One NAT gateway per VPC + interface endpoints in every VPC",
  "central-egress": "Centralized egress (egress VPC, NAT gateway per AZ, TGW) + interface endpoints in every VPC",
  "central-all": "Centralized egress + centralized interface endpoints (shared-services VPC, private hosted zones)",
};

/** Traffic keys a NAT gateway carries when S3 and the AWS services have endpoints. */
const NAT_KEYS = new Set(["internet", "internet-in"]);

/**
 * The AWS services the spokes use through interface endpoints: their own, and those in other VPCs
 * that private hosted zones associated with them resolve (shared endpoints).
 */
function servicesInUse(model: Model, region: string, vpcIds: ReadonlySet<string>): string[] {
  const prefix = `com.amazonaws.${region}.`;
  const names = new Set<string>();
  for (const endpoint of model.vpcEndpoints.values()) {
    if (endpoint.type === "Interface" && isBilledEndpoint(endpoint) && vpcIds.has(endpoint.vpcId)) names.add(endpoint.serviceName);
  }
  for (const zone of model.hostedZones.values()) {
    if (!zone.privateZone || !zone.vpcs?.some((v) => vpcIds.has(v.vpcId))) continue;
    const targets = new Set((zone.records ?? []).map((r) => (r.aliasTarget ?? r.values[0] ?? "").toLowerCase().replace(/\.$/, "")));
    for (const endpoint of model.vpcEndpoints.values()) {
      if (endpoint.type === "Interface" && endpoint.dnsEntries.some((d) => targets.has(d.dnsName.toLowerCase()))) names.add(endpoint.serviceName);
    }
  }
  return [...names].filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length));
}

/** The changed model of each shared design. */
function designModels(model: Model, spokes: readonly Spoke[], services: readonly string[]): Record<Exclude<SharedDesignId, "current">, WhatIf> {
  const withEndpoints = (start: Model | WhatIf, spoke: Spoke): WhatIf =>
    services.reduce((w, service) => withInterfaceEndpoint(w, spoke.vpcId, service, spoke.subnetIds), withGatewayEndpoint(start, spoke.vpcId, "s3", spoke.subnetIds));
  const perVpc = (placement: "per-az" | "one-per-vpc"): WhatIf =>
    spokes.reduce((w: Model | WhatIf, s) => {
      const start = placement === "one-per-vpc" ? withoutNatGateways(w, s.vpcId) : w;
      return withEndpoints(withNatForSubnets(start, s.vpcId, s.subnetIds, placement), s);
    }, model) as WhatIf;
  const withoutOwnEgress = (keepEndpoints: boolean): WhatIf =>
    spokes.reduce((w: Model | WhatIf, s) => {
      const stripped = withoutNatGateways(w, s.vpcId);
      return keepEndpoints ? withEndpoints(stripped, s) : withGatewayEndpoint(withoutEndpoints(stripped, s.vpcId, services), s.vpcId, "s3", s.subnetIds);
    }, model) as WhatIf;
  return {
    "nat-per-az": perVpc("per-az"),
    "nat-per-vpc": perVpc("one-per-vpc"),
    "central-egress": withCentralizedEgress(withoutOwnEgress(true), spokes),
    "central-all": withCentralizedEndpoints(withCentralizedEgress(withoutOwnEgress(false), spokes), spokes, services),
  };
}

/** The VPCs outside the set whose NAT gateways or endpoints the set's notebooks leave through today (an egress or shared-services VPC). */
function hubVpcsInUse(analyzer: Analyzer, notebooks: readonly Notebook[], destinations: readonly string[]): string[] {
  const vpcs = new Set<string>();
  for (const notebook of notebooks) {
    for (const destination of destinations) {
      const via = outcomeOf(analyzer, notebook.id, destination).exit.via;
      const owner = via ? (analyzer.model.natGateways.get(via)?.vpcId ?? analyzer.model.vpcEndpoints.get(via)?.vpcId) : undefined;
      if (owner) vpcs.add(owner);
    }
  }
  return [...vpcs];
}

/** The private hosted zones associated with any of the VPCs (each billed per month). */
function privateZonesOf(model: Model, vpcIds: ReadonlySet<string>): number {
  return [...model.hostedZones.values()].filter((z) => z.privateZone && z.vpcs?.some((v) => vpcIds.has(v.vpcId))).length;
}

/** GB per month per VPC of the set, averaged: what the NAT gateways carry, and what the interface endpoints carry. */
function gbPerVpc(traffic: TrafficAssumptions | undefined, byVpc: ReadonlyMap<string, readonly Notebook[]>): { nat: number; endpoints: number; s3: number } {
  const sum = { nat: 0, endpoints: 0, s3: 0 };
  for (const [vpcId, notebooks] of byVpc) {
    for (const { volumes } of volumesForNotebooks(traffic, vpcId, notebooks)) {
      for (const [key, gb] of Object.entries(volumes)) {
        if (NAT_KEYS.has(key)) sum.nat += gb;
        else if (key === "s3") sum.s3 += gb;
        else sum.endpoints += gb;
      }
    }
  }
  const n = Math.max(1, byVpc.size);
  return { nat: sum.nat / n, endpoints: sum.endpoints / n, s3: sum.s3 / n };
}

/**
 * Prices the shared designs for the VPCs holding notebooks in one Region, or, when the Region has
 * fewer than two such VPCs, says why there is no set to share and gives the break-even alone.
 *
 * @param analyzer - the engine on the current model
 * @param region - the Region
 * @param byVpc - the Region's VPCs holding notebooks (with a subnet), and their notebooks
 * @param options - prices, traffic, extra services
 */
export function sharedDesignsForRegion(analyzer: Analyzer, region: string, byVpc: ReadonlyMap<string, readonly Notebook[]>, options: SharedDesignOptions): SharedDesigns {
  const vpcIds = [...byVpc.keys()].sort();
  const notebooks = vpcIds.flatMap((id) => byVpc.get(id)!);
  const spokes: Spoke[] = vpcIds.map((vpcId) => ({ vpcId, subnetIds: [...new Set(byVpc.get(vpcId)!.map((n) => n.subnetId!))].sort() }));
  const services = [...new Set(["sagemaker.api", "sagemaker.runtime", ...(options.services ?? []), ...servicesInUse(analyzer.model, region, new Set(vpcIds))])]
    .filter((s) => s !== "s3")
    .sort();
  const attached = spokes.every((s) => analyzer.index.transitGatewayAttachmentsOfVpc(s.vpcId).some(isBilledVpcAttachment));
  const shape: SetShape = {
    vpcs: vpcIds.length,
    azs: notebookAzs(analyzer.model, spokes).length,
    services: services.length,
    spokesAttached: attached,
    gb: gbPerVpc(options.traffic, byVpc),
  };
  const prices = regionPrices(options.prices, region);
  const breakEven = sharedBreakEvens(shape, prices, options.prices);
  const result: SharedDesigns = { region, vpcIds, notebooks: notebooks.map((n) => n.id), services, shape, designs: [], breakEven, figures: [] };
  if (vpcIds.length < 2) {
    result.skipped = `a design shared by several VPCs needs at least 2 VPCs holding notebooks in ${region}; it has ${vpcIds.length} (${vpcIds.join(", ")}), so no shared design is built and the break-even below is for a set of VPCs like it`;
    return result;
  }
  const destinations = [...STANDARD_DESTINATIONS, ...services.filter((s) => !s.startsWith("sagemaker.")).map(destinationOf)];
  const hubs = hubVpcsInUse(analyzer, notebooks, destinations).filter((id) => !byVpc.has(id));
  // The designs change only the spokes (and add hub VPCs): their engines need the VPCs joined to the spokes, not every Region's.
  const models = designModels(modelForVpcs(analyzer.model, [...vpcIds, ...hubs]), spokes, services);
  const figures = new Map<string, FigureUse>();
  const price = (id: SharedDesignId, engine: Analyzer, design: WhatIf | undefined, scope: string[]): SharedDesign => {
    const estate = costEstate(engine, { prices: options.prices, traffic: options.traffic, vpcIds: scope });
    for (const f of estate.figures) figures.set(`${f.region}|${f.figure}`, f);
    const zones = privateZonesOf(engine.model, new Set(scope));
    const zone = options.prices.global.privateHostedZoneMonthly;
    if (zones > 0) figures.set("global|privateHostedZoneMonthly", { region: "global", figure: "privateHostedZoneMonthly", value: zone.value, confidence: zone.confidence, sources: zone.sources, ...(zone.note ? { note: zone.note } : {}) });
    const zonesUsd = zone.value === null ? null : zones * zone.value;
    return {
      id,
      title: TITLES[id],
      vpcIds: scope,
      changes: design?.changes ?? [],
      cost: estate.total,
      privateHostedZones: zones,
      privateHostedZonesUsd: zonesUsd,
      totalUsd: sumUsd([estate.total.totalUsd, zonesUsd]),
      knownTotalUsd: sumKnown([estate.total.knownTotalUsd, zonesUsd]),
      natGateways: estate.natGateways.length,
      interfaceEndpointAzs: estate.interfaceEndpoints.reduce((t, e) => t + e.availabilityZones.length, 0),
      transitGatewayAttachments: estate.transitGatewayAttachments.length,
      reachability: reachabilityOf(engine, notebooks, destinations),
      warnings: [...(design?.warnings ?? []), ...estate.warnings],
    };
  };
  result.designs.push(price("current", analyzer, undefined, [...vpcIds, ...hubs].sort()));
  for (const id of ["nat-per-az", "nat-per-vpc", "central-egress", "central-all"] as const) {
    const design = models[id];
    const created = [...design.model.vpcs.keys()].filter((v) => !analyzer.model.vpcs.has(v));
    result.designs.push(price(id, createAnalyzer(design.model), design, [...vpcIds, ...created].sort()));
  }
  result.figures = [...figures.values()];
  return result;
}
