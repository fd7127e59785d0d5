/**
 * The egress designs a VPC holding notebooks could use, each priced at the given traffic and each
 * checked by running the engine on a model changed to that design (src/cost/what-if.ts):
 * (a) NAT gateway only; (b) NAT + S3 gateway endpoint; (c) NAT + S3 gateway endpoint + interface
 * endpoints for the SageMaker API and runtime (and the services the user names); (d) endpoints only,
 * no NAT gateway. Reachability is what the engine proves on the changed model, never assumed.
 */
import { createAnalyzer, STANDARD_DESTINATIONS, type Analyzer } from "../engine/index.js";
import type { Notebook } from "../model/types.js";
import { breakEvenGb, monthlyFromHourly, sumUsd, type Usd } from "./arithmetic.js";
import { costEstate } from "./estate.js";
import { isBilledEndpoint } from "./fixed-costs.js";
import { outcomeOf } from "./flows.js";
import { regionPrices, type PriceTable, type RegionPrices } from "./price-table.js";
import type { TrafficAssumptions } from "./traffic.js";
import type { Alternative, AlternativeId, BreakEven, CostBreakdown, FigureUse, ReachabilityClaim, TrafficRoute, VpcAlternatives } from "./types.js";
import {
  withGatewayEndpoint,
  withInterfaceEndpoint,
  withNatForSubnets,
  withoutEndpoints,
  withoutNatGateways,
  type WhatIf,
} from "./what-if.js";
import { modelForVpc } from "./model-parts.js";

export interface AlternativeOptions {
  prices: PriceTable;
  traffic?: TrafficAssumptions | undefined;
  /**
   * Extra services for interface endpoints in (c) and (d), short names (`sts`, `logs`, `ecr.api`);
   * the VPC's existing interface endpoints' services are added to these.
   */
  services?: readonly string[] | undefined;
}

const TITLES: Record<AlternativeId, string> = {
  current: "As it is",
  a: "(a) NAT gateway only",
  b: "(b) NAT gateway + S3 gateway endpoint",
  c: "(c) NAT gateway + S3 gateway endpoint + interface endpoints",
  d: "(d) Endpoints only, no NAT gateway",
};

/**
 * The engine destination of a short service name.
 *
 * @param service - `sagemaker.api`, `sts`, …
 */
export function destinationOf(service: string): string {
  if (service === "sagemaker.api") return "sagemaker-api";
  if (service === "sagemaker.runtime") return "sagemaker-runtime";
  return `service:${service}`;
}

/**
 * The model of each design, derived from the current one.
 *
 * @param analyzer - the engine on the current model
 * @param vpcId - the VPC
 * @param subnetIds - the notebooks' subnets
 * @param interfaceServices - services that get interface endpoints in (c) and (d)
 */
export function designModels(analyzer: Analyzer, vpcId: string, subnetIds: readonly string[], interfaceServices: readonly string[]): Record<"a" | "b" | "c" | "d", WhatIf> {
  const model = modelForVpc(analyzer.model, vpcId);
  // Each design starts from the current model and keeps what it shares with it (an existing S3
  // gateway endpoint or interface endpoint is reused, not deleted and recreated).
  const a = withNatForSubnets(withoutEndpoints(model, vpcId, ["s3", ...interfaceServices]), vpcId, subnetIds);
  const b = withGatewayEndpoint(withNatForSubnets(withoutEndpoints(model, vpcId, interfaceServices), vpcId, subnetIds), vpcId, "s3", subnetIds);
  const addInterfaces = (start: WhatIf): WhatIf =>
    interfaceServices.reduce((current, service) => withInterfaceEndpoint(current, vpcId, service, subnetIds), start);
  const c = addInterfaces(withGatewayEndpoint(withNatForSubnets(model, vpcId, subnetIds), vpcId, "s3", subnetIds));
  const d = addInterfaces(withGatewayEndpoint(withoutNatGateways(model, vpcId), vpcId, "s3", subnetIds));
  return { a, b, c, d };
}

/**
 * What a design makes reachable for the VPC's notebooks, one claim per destination.
 *
 * @param analyzer - the engine on the design's model
 * @param notebooks - the VPC's notebooks
 * @param destinations - engine destinations (`internet`, `s3`, …)
 */
export function reachabilityOf(analyzer: Analyzer, notebooks: readonly Notebook[], destinations: readonly string[]): ReachabilityClaim[] {
  return destinations.map((destination) => {
    const claim: ReachabilityClaim = { destination, reachable: 0, unreachable: 0, unknown: 0, via: [], reasons: [] };
    const via = new Set<TrafficRoute>();
    for (const notebook of notebooks) {
      const verdict = outcomeOf(analyzer, notebook.id, destination);
      claim[verdict.verdict] += 1;
      if (verdict.verdict === "reachable") via.add(verdict.exit.route);
      else claim.reasons.push(`${notebook.id}: ${verdict.explanation}`);
      if (verdict.requiresEndpointUrl) claim.requiresEndpointUrl = verdict.requiresEndpointUrl;
    }
    claim.via = [...via].sort();
    return claim;
  });
}

/** Break-even of the interface endpoints of `services` against sending their traffic through NAT. */
function endpointBreakEven(subject: string, endpointAzs: readonly number[], prices: RegionPrices, hours: number): BreakEven {
  const hourly = prices.interfaceEndpointHourly.value;
  const nat = prices.natGatewayPerGb.value;
  const vpce = prices.interfaceEndpointPerGb.tiers[0]?.usdPerGb ?? null;
  const azSum = endpointAzs.reduce((t, n) => t + n, 0);
  const fixed = monthlyFromHourly(hourly, azSum, hours);
  const gb = breakEvenGb(fixed, nat, vpce);
  const money = (v: number | null): string => (v === null ? "unknown" : `$${Number(v.toFixed(4))}`);
  const formula =
    `${azSum} endpoint-AZs × ${hours} h × ${money(hourly)}/h = ${money(fixed)}/month; ` +
    `÷ (NAT ${money(nat)}/GB − endpoint ${money(vpce)}/GB) = ${gb === null ? "none" : `${gb.toFixed(1)} GB/month`}`;
  const explanation =
    gb === null
      ? "the endpoints never pay for themselves through processing savings (or a figure is unknown)"
      : `above ${gb.toFixed(1)} GB/month of this traffic the endpoints cost less than sending it through the NAT gateway`;
  return { subject, formula, gbPerMonth: gb, explanation };
}

/** The break-even figures that explain the difference between the designs. */
function breakEvens(id: AlternativeId, interfaceServices: readonly string[], azsOf: (service: string) => number, prices: RegionPrices, hours: number): BreakEven[] {
  if (id === "b") {
    return [{
      subject: "S3 gateway endpoint vs S3 through the NAT gateway",
      formula: `$0/month ÷ (NAT $${prices.natGatewayPerGb.value ?? "?"}/GB − $0/GB) = 0 GB/month`,
      gbPerMonth: 0,
      explanation: "a gateway endpoint has no hourly or per-GB charge: it is cheaper at any S3 volume",
    }];
  }
  if (id !== "c") return [];
  const result = [endpointBreakEven("interface endpoints for sagemaker.api + sagemaker.runtime vs SageMaker traffic through NAT",
    ["sagemaker.api", "sagemaker.runtime"].map(azsOf), prices, hours)];
  for (const service of interfaceServices.filter((s) => !s.startsWith("sagemaker."))) {
    result.push(endpointBreakEven(`interface endpoint for ${service} vs its traffic through NAT`, [azsOf(service)], prices, hours));
  }
  return result;
}

/** The fixed monthly charges of a design: NAT hours, their IPv4 addresses, endpoint hours. */
function fixedOf(cost: CostBreakdown): Usd {
  return sumUsd([cost.natGatewayHoursUsd, cost.publicIpv4Usd, cost.interfaceEndpointHoursUsd]);
}

/** (d) against (a): the endpoints' fixed cost less the NAT gateways', over the per-GB saving on service traffic. */
function endpointsOnlyBreakEven(a: CostBreakdown, d: CostBreakdown, prices: RegionPrices): BreakEven {
  const fixedA = fixedOf(a);
  const fixedD = fixedOf(d);
  const nat = prices.natGatewayPerGb.value;
  const vpce = prices.interfaceEndpointPerGb.tiers[0]?.usdPerGb ?? null;
  const subject = "(d) endpoints only vs (a) NAT gateway only, on AWS-service traffic";
  const money = (v: Usd): string => (v === null ? "unknown" : `$${v.toFixed(2)}`);
  const perGb = (v: Usd): string => (v === null ? "unknown" : `$${Number(v.toFixed(4))}`);
  if (fixedA === null || fixedD === null) {
    return { subject, formula: "unknown (a figure is missing)", gbPerMonth: null, explanation: "a price figure is unknown" };
  }
  const extra = fixedD - fixedA;
  const base = `(fixed (d) ${money(fixedD)} − fixed (a) ${money(fixedA)})`;
  if (extra <= 0) {
    return {
      subject,
      formula: `${base} ≤ 0`,
      gbPerMonth: 0,
      explanation: "(d) costs less than (a) at any traffic volume, but gives no internet access",
    };
  }
  const gb = breakEvenGb(extra, nat, vpce);
  return {
    subject,
    formula: `${base} ÷ (NAT ${perGb(nat)}/GB − endpoint ${perGb(vpce)}/GB) = ${gb === null ? "none" : `${gb.toFixed(1)} GB/month`}`,
    gbPerMonth: gb,
    explanation: gb === null ? "(d) never pays for itself through processing savings" : `above ${gb.toFixed(1)} GB/month of SageMaker and other endpoint-served traffic (S3 saves even more), (d) costs less than (a); it gives no internet access`,
  };
}

/**
 * Prices and checks every design for one VPC holding notebooks.
 *
 * @param analyzer - the engine on the current model
 * @param vpcId - the VPC
 * @param notebooks - its notebooks (with a subnet in it)
 * @param options - prices, traffic, extra services
 */
export function alternativesForVpc(analyzer: Analyzer, vpcId: string, notebooks: readonly Notebook[], options: AlternativeOptions): VpcAlternatives {
  const region = notebooks[0]!.scope.region;
  const prices = regionPrices(options.prices, region);
  const subnetIds = [...new Set(notebooks.map((n) => n.subnetId!))].sort();
  // The VPC's own interface endpoints count as needs too, so (a) is truly "NAT only" and (c) keeps them.
  const prefix = `com.amazonaws.${region}.`;
  const existing = analyzer.index
    .endpointsOfVpc(vpcId)
    .filter((e) => e.type === "Interface" && isBilledEndpoint(e) && e.serviceName.startsWith(prefix))
    .map((e) => e.serviceName.slice(prefix.length));
  const extra = [...new Set([...(options.services ?? []), ...existing])]
    .filter((s) => !["s3", "sagemaker.api", "sagemaker.runtime"].includes(s))
    .sort();
  const interfaceServices = ["sagemaker.api", "sagemaker.runtime", ...extra];
  const destinations = [...STANDARD_DESTINATIONS, ...extra.map(destinationOf)];
  const designs = designModels(analyzer, vpcId, subnetIds, interfaceServices);
  const entries: [AlternativeId, Analyzer, WhatIf | undefined][] = [
    ["current", analyzer, undefined],
    ...(["a", "b", "c", "d"] as const).map((id): [AlternativeId, Analyzer, WhatIf] => [id, createAnalyzer(designs[id].model), designs[id]]),
  ];
  const figures = new Map<string, FigureUse>();
  const alternatives = entries.map(([id, engine, design]): Alternative => {
    const estate = costEstate(engine, { prices: options.prices, traffic: options.traffic, vpcIds: [vpcId] });
    for (const f of estate.figures) figures.set(`${f.region}|${f.figure}`, f);
    const azsOf = (service: string): number =>
      estate.interfaceEndpoints.find((e) => e.serviceName === `${prefix}${service}`)?.availabilityZones.length ?? 0;
    return {
      id,
      title: TITLES[id],
      changes: design?.changes ?? [],
      cost: estate.vpcs.find((v) => v.vpcId === vpcId)!,
      natGateways: estate.natGateways.length,
      interfaceEndpoints: estate.interfaceEndpoints.map((e) => `${e.id} (${e.serviceName.slice(prefix.length)}, ${e.availabilityZones.length} AZ)`),
      gatewayEndpoints: estate.gatewayEndpoints.map((e) => `${e.id} (${e.serviceName.slice(prefix.length)})`),
      reachability: reachabilityOf(engine, notebooks, destinations),
      breakEven: breakEvens(id, interfaceServices, azsOf, prices, options.prices.hoursPerMonth),
      warnings: [...(design?.warnings ?? []), ...estate.warnings],
    };
  });
  const a = alternatives.find((x) => x.id === "a")!;
  const d = alternatives.find((x) => x.id === "d")!;
  d.breakEven.push(endpointsOnlyBreakEven(a.cost, d.cost, prices));
  return { vpcId, region, notebooks: notebooks.map((n) => n.id), alternatives, figures: [...figures.values()] };
}
