/**
 * The charges an estate pays whatever its traffic: NAT gateway hours, the public IPv4 address of each
 * public NAT gateway, transit gateway attachment hours and interface endpoint hours per AZ. Gateway
 * endpoints are listed at $0. Every other public IPv4 address is priced in public-addresses.ts.
 *
 * AWS pages modelled: https://aws.amazon.com/vpc/pricing/ (NAT gateway per hour, public IPv4 per hour:
 * "$0.005 per IP per hour for all public IPv4 addresses", in use or idle, since 2024-02-01),
 * https://aws.amazon.com/privatelink/pricing/ ("billed for each hour … in each Availability Zone").
 */
import type { Model, NatGateway, TransitGatewayAttachment, VpcEndpoint } from "../model/types.js";
import { monthlyFromHourly } from "./arithmetic.js";
import { optionalFigure, type PriceFigure, type PriceTable, type RegionPrices, type TieredPrice } from "./price-table.js";
import type { FigureUse, GatewayEndpointCost, InterfaceEndpointCost, NatGatewayCost, TransitGatewayAttachmentCost } from "./types.js";

/** NAT gateway states that are (or are about to be) billed. */
const BILLED_NAT_STATES = new Set(["available", "pending"]);
/** Transit gateway attachment states that are not billed (AWS bills from acceptance until deletion). */
const UNBILLED_ATTACHMENT_STATES = new Set(["pendingAcceptance", "rejected", "rejecting", "deleted", "deleting", "failed", "failing"]);
/** Endpoint states that are not billed. */
const UNBILLED_ENDPOINT_STATES = new Set(["deleted", "deleting", "failed", "rejected", "expired"]);

/** Records which price figures an estimate used, once each. */
export class FigureLog {
  private readonly uses = new Map<string, FigureUse>();

  /**
   * @param region - the Region the figure is for (`global` for global figures)
   * @param key - the price-table key
   * @param figure - the figure or tiered price
   */
  use(region: string, key: string, figure: PriceFigure | TieredPrice): void {
    const id = `${region}|${key}`;
    if (this.uses.has(id)) return;
    const value = "tiers" in figure ? (figure.tiers[0]?.usdPerGb ?? null) : figure.value;
    const use: FigureUse = { region, figure: key, value, confidence: figure.confidence, sources: figure.sources };
    if (figure.note !== undefined) use.note = figure.note;
    this.uses.set(id, use);
  }

  list(): FigureUse[] {
    return [...this.uses.values()];
  }
}

/** True when a NAT gateway is billed (available or pending). */
export function isBilledNat(nat: NatGateway): boolean {
  return BILLED_NAT_STATES.has(nat.state);
}

/** True when an endpoint is billed (not deleted, failed, rejected or expired). */
export function isBilledEndpoint(endpoint: VpcEndpoint): boolean {
  return !UNBILLED_ENDPOINT_STATES.has(endpoint.state);
}

/** True when a VPC's transit gateway attachment is billed (a VPC attachment, accepted and not deleted). */
export function isBilledVpcAttachment(attachment: TransitGatewayAttachment): boolean {
  return attachment.resourceType === "vpc" && attachment.resourceId !== undefined && !UNBILLED_ATTACHMENT_STATES.has(attachment.state);
}

/**
 * Prices one VPC attachment to a transit gateway: its hourly rate, billed to the VPC's account.
 *
 * @param attachment - a billed VPC attachment (`isBilledVpcAttachment`)
 * @param prices - its Region's prices
 * @param table - for hours per month
 * @param log - records the figure used
 */
export function priceTransitGatewayAttachment(
  attachment: TransitGatewayAttachment,
  prices: RegionPrices,
  table: PriceTable,
  log: FigureLog,
): TransitGatewayAttachmentCost {
  const hourly = optionalFigure(prices, "transitGatewayAttachmentHourly");
  log.use(attachment.scope.region, "transitGatewayAttachmentHourly", hourly);
  return {
    id: attachment.id,
    transitGatewayId: attachment.transitGatewayId,
    vpcId: attachment.resourceId ?? "",
    region: attachment.scope.region,
    hourlyUsd: hourly.value,
    monthlyUsd: monthlyFromHourly(hourly.value, 1, table.hoursPerMonth),
  };
}

/**
 * Prices one NAT gateway: its hours (zonal or regional rate) and its public IPv4 addresses.
 *
 * @param model - for the NAT's subnet (its AZ)
 * @param nat - the NAT gateway
 * @param prices - its Region's prices
 * @param table - for hours per month
 * @param log - records the figures used
 */
export function priceNatGateway(
  model: Model,
  nat: NatGateway,
  prices: RegionPrices,
  table: PriceTable,
  log: FigureLog,
): NatGatewayCost {
  const region = nat.scope.region;
  const notes: string[] = [];
  let hourly = prices.natGatewayHourly;
  let key = "natGatewayHourly";
  if (nat.availabilityMode === "regional") {
    if (prices.regionalNatGatewayHourly) {
      hourly = prices.regionalNatGatewayHourly;
      key = "regionalNatGatewayHourly";
    } else {
      notes.push("regional NAT gateway priced at the zonal hourly rate (no regional figure in the price table)");
    }
    notes.push("regional NAT gateway counted once; whether AWS bills it per active AZ is not verified");
  }
  log.use(region, key, hourly);
  let ips = 0;
  if (nat.connectivityType === "public") {
    ips = nat.addresses.filter((a) => a.publicIp !== undefined).length;
    if (ips === 0) {
      ips = 1;
      notes.push("no address data in the snapshot: one Elastic IP assumed");
    }
    log.use(region, "publicIpv4Hourly", prices.publicIpv4Hourly);
  }
  const subnet = nat.subnetId ? model.subnets.get(nat.subnetId) : undefined;
  return {
    id: nat.id,
    name: nat.name,
    vpcId: nat.vpcId,
    region,
    availabilityZone: subnet?.availabilityZone,
    availabilityMode: nat.availabilityMode,
    connectivityType: nat.connectivityType,
    hourlyUsd: hourly.value,
    monthlyUsd: monthlyFromHourly(hourly.value, 1, table.hoursPerMonth),
    publicIpv4Count: ips,
    publicIpv4MonthlyUsd: ips === 0 ? 0 : monthlyFromHourly(prices.publicIpv4Hourly.value, ips, table.hoursPerMonth),
    notes,
  };
}

/** The AZs an interface endpoint has a network interface in (one subnet per AZ). */
export function endpointAvailabilityZones(model: Model, endpoint: VpcEndpoint): string[] {
  const zones = endpoint.subnetIds.map((id) => model.subnets.get(id)?.availabilityZone ?? `(subnet ${id})`);
  return [...new Set(zones)].sort();
}

/**
 * Prices one interface endpoint: its hourly rate times the AZs it is provisioned in.
 *
 * @param model - for the endpoint's subnets (their AZs)
 * @param endpoint - an endpoint of type Interface
 * @param prices - its Region's prices
 * @param table - for hours per month
 * @param log - records the figures used
 */
export function priceInterfaceEndpoint(
  model: Model,
  endpoint: VpcEndpoint,
  prices: RegionPrices,
  table: PriceTable,
  log: FigureLog,
): InterfaceEndpointCost {
  log.use(endpoint.scope.region, "interfaceEndpointHourly", prices.interfaceEndpointHourly);
  const zones = endpointAvailabilityZones(model, endpoint);
  return {
    id: endpoint.id,
    name: endpoint.name,
    vpcId: endpoint.vpcId,
    region: endpoint.scope.region,
    serviceName: endpoint.serviceName,
    availabilityZones: zones,
    hourlyUsdPerAz: prices.interfaceEndpointHourly.value,
    monthlyUsd: monthlyFromHourly(prices.interfaceEndpointHourly.value, zones.length, table.hoursPerMonth),
  };
}

/**
 * Lists a gateway endpoint at its price, $0.
 *
 * @param endpoint - an endpoint of type Gateway
 * @param table - for the global gateway-endpoint figure
 * @param log - records the figure used
 */
export function priceGatewayEndpoint(endpoint: VpcEndpoint, table: PriceTable, log: FigureLog): GatewayEndpointCost {
  log.use("global", "gatewayEndpoint", table.global.gatewayEndpoint);
  return { id: endpoint.id, vpcId: endpoint.vpcId, region: endpoint.scope.region, serviceName: endpoint.serviceName, monthlyUsd: 0 };
}
