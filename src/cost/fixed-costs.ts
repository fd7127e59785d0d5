/**
 * The charges an estate pays whatever its traffic: NAT gateway hours, the public IPv4 address of each
 * public NAT gateway, every other public IPv4 address (Elastic IPs, associated or not, and the public
 * IPs of instances and other network interfaces), and interface endpoint hours per AZ. Gateway
 * endpoints are listed at $0.
 *
 * AWS pages modelled: https://aws.amazon.com/vpc/pricing/ (NAT gateway per hour, public IPv4 per hour:
 * "$0.005 per IP per hour for all public IPv4 addresses", in use or idle, since 2024-02-01),
 * https://aws.amazon.com/privatelink/pricing/ ("billed for each hour … in each Availability Zone").
 */
import type { ModelIndex } from "../model/indexes.js";
import type { ElasticIp, Model, NatGateway, TransitGatewayAttachment, VpcEndpoint } from "../model/types.js";
import { keyedLists } from "../model/overlay.js";
import { monthlyFromHourly } from "./arithmetic.js";
import { elasticIpsCopiedFrom, type DerivedElasticIps } from "./what-if-draft.js";
import { optionalFigure, type PriceFigure, type PriceTable, type RegionPrices, type TieredPrice } from "./price-table.js";
import type { FigureUse, GatewayEndpointCost, InterfaceEndpointCost, NatGatewayCost, PublicIpv4Cost, TransitGatewayAttachmentCost } from "./types.js";

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

/** A public IPv4 address that is not a NAT gateway's, as the snapshot shows it. */
export type BilledAddress = Omit<PublicIpv4Cost, "hourlyUsd" | "monthlyUsd">;

/** Instance states in which an instance keeps an auto-assigned public IPv4 address. */
const ADDRESSED_INSTANCE_STATES = new Set(["running", "pending"]);

/** An Elastic IP and its rank: records of one list rank in the list's order (a copy keeps its original's ranks). */
type Ranked = readonly [rank: number, record: ElasticIp];

/**
 * An Elastic IP list's records by network interface, instance and address, each with its rank. A list
 * a transform derived from another (`elasticIpsCopiedFrom`: a copy it appended to, or a copy without
 * some records) reads the other's index, less the records it dropped, and indexes only the records it
 * appended: designs that add or remove a NAT gateway each derive a list from the estate's, and indexing
 * it again per design cost more than the design's own scan.
 */
class ElasticIpPositions {
  readonly #from: ElasticIpPositions | undefined;
  readonly #dropped: ReadonlySet<ElasticIp> | undefined;
  readonly #byKey = new Map<string, Ranked[]>();
  readonly #own: Ranked[] = [];
  /** How many records the list had when indexed. */
  readonly length: number;
  /** One more than the highest rank given. */
  readonly end: number;
  /** How many lists this one derives from, one from the other (bounded: each level is read at every lookup). */
  readonly depth: number;

  /**
   * @param list - the Elastic IPs
   * @param from - the list this one derives from: its index, the records it dropped, and where its appended records start
   */
  constructor(list: readonly ElasticIp[], from?: { positions: ElasticIpPositions; dropped: ReadonlySet<ElasticIp> | undefined; start: number }) {
    this.#from = from?.positions;
    this.#dropped = from?.dropped;
    this.depth = from ? from.positions.depth + 1 : 0;
    const start = from?.start ?? 0;
    const firstRank = from?.positions.end ?? 0;
    for (let position = start; position < list.length; position += 1) {
      const eip = list[position]!;
      const ranked: Ranked = [firstRank + position - start, eip];
      this.#own.push(ranked);
      // Prefixed keys: an ENI id, an instance id and an address never share one.
      if (eip.networkInterfaceId) this.#add(`e ${eip.networkInterfaceId}`, ranked);
      if (eip.instanceId) this.#add(`i ${eip.instanceId}`, ranked);
      this.#add(`a ${eip.publicIp}`, ranked);
    }
    this.length = list.length;
    this.end = firstRank + list.length - start;
  }

  #add(key: string, ranked: Ranked): void {
    const list = this.#byKey.get(key);
    if (list) list.push(ranked);
    else this.#byKey.set(key, [ranked]);
  }

  /** The records, by rank, with a network interface (`e ID`), instance (`i ID`) or address (`a IP`). */
  at(key: string): readonly Ranked[] {
    return this.#kept(this.#from?.at(key), this.#byKey.get(key) ?? NONE_RANKED);
  }

  /** Every record of the list, by rank (the list's order). */
  all(): readonly Ranked[] {
    return this.#kept(this.#from?.all(), this.#own);
  }

  #kept(inherited: readonly Ranked[] | undefined, own: readonly Ranked[]): readonly Ranked[] {
    const dropped = this.#dropped;
    const kept = !inherited || inherited.length === 0 ? NONE_RANKED : dropped ? inherited.filter(([, record]) => !dropped.has(record)) : inherited;
    return kept.length === 0 ? own : own.length === 0 ? kept : [...kept, ...own];
  }
}

const NONE_RANKED: readonly Ranked[] = Object.freeze([]);
const eipPositions = new WeakMap<readonly ElasticIp[], ElasticIpPositions>();
/** How deep a chain of derived lists is read through before a list is indexed whole (a Region's shared designs derive one per spoke). */
const MAX_DEPTH = 8;

/**
 * The index of a list's records, built once per list (records are replaced, never changed; a list that
 * grew since is indexed again). A derived list is read through the lists it derives from, nearest first,
 * down to one already indexed or one no transform derived; a chain deeper than `MAX_DEPTH` (a Region's
 * shared designs derive a list per spoke) is not read through: the list is indexed whole.
 */
function positionsOf(list: readonly ElasticIp[]): ElasticIpPositions {
  const known = eipPositions.get(list);
  if (known?.length === list.length) return known;
  const chain: [readonly ElasticIp[], DerivedElasticIps][] = [];
  let base: ElasticIpPositions | undefined;
  for (let current = list; ; ) {
    const derived = elasticIpsCopiedFrom(current);
    // An original that grew since the list was derived from it is not relied on.
    if (!derived || derived.original.length !== derived.length) {
      base = current === list ? undefined : indexed(current, new ElasticIpPositions(current));
      break;
    }
    chain.push([current, derived]);
    const original = eipPositions.get(derived.original);
    if (original?.length === derived.original.length) {
      base = original;
      break;
    }
    if (chain.length >= MAX_DEPTH) break;
    current = derived.original;
  }
  if (!base || base.depth + chain.length > MAX_DEPTH) return indexed(list, new ElasticIpPositions(list));
  for (const [derivedList, derived] of chain.reverse()) {
    base = indexed(derivedList, new ElasticIpPositions(derivedList, { positions: base, dropped: derived.dropped, start: derived.start }));
  }
  return base;
}

function indexed(list: readonly ElasticIp[], positions: ElasticIpPositions): ElasticIpPositions {
  eipPositions.set(list, positions);
  return positions;
}

/**
 * The Elastic IPs that belong to some VPCs, by rank: those on a network interface of these VPCs, and
 * those of their instances when the Elastic IP names no interface the model holds (as
 * `billedPublicAddresses` finds a record's VPC), found from the VPCs' interfaces and instances.
 */
function elasticIpsInVpcs(model: Model, positions: ElasticIpPositions, vpcIds: ReadonlySet<string>): Ranked[] {
  const found = new Map<number, Ranked>();
  const enis = keyedLists(model.networkInterfaces, "byVpc", (eni) => [eni.vpcId]);
  const instances = keyedLists(model.instances, "byVpc", (instance) => (instance.vpcId === undefined ? [] : [instance.vpcId]));
  for (const vpcId of vpcIds) {
    for (const eni of enis.get(vpcId)) for (const ranked of positions.at(`e ${eni.id}`)) found.set(ranked[0], ranked);
    for (const instance of instances.get(vpcId)) {
      for (const ranked of positions.at(`i ${instance.id}`)) {
        const eniId = ranked[1].networkInterfaceId;
        if (!eniId || !model.networkInterfaces.has(eniId)) found.set(ranked[0], ranked);
      }
    }
  }
  return [...found.values()].sort((a, b) => a[0] - b[0]);
}

/**
 * Every public IPv4 address AWS bills by the hour other than a NAT gateway's (priced with the NAT
 * gateway): Elastic IPs (an unassociated one too: it belongs to no VPC), and public IPs of network
 * interfaces and running instances. Each address is listed once, for the first record holding it
 * (NAT gateways', then Elastic IPs', interfaces' and instances' in model order), in no particular
 * order (sort with `compareAddresses`). Reads the index's lists of ENIs and instances with a public
 * address (and of NAT gateway ENIs) rather than every record: each design's model of the alternatives
 * is scanned once. Given a set of VPCs, only the Elastic IPs of their interfaces and instances are
 * read (`elasticIpsInVpcs`), not the estate's whole list that a part keeps.
 *
 * @param index - the index of the model
 * @param keep - lists only the addresses of these VPCs (a set of ids, or a test that is given
 *   `undefined` for unassociated Elastic IPs); each is still listed once over all addresses, as in the whole list
 */
export function billedPublicAddresses(index: ModelIndex, keep: ReadonlySet<string> | ((vpcId: string | undefined) => boolean) = () => true): BilledAddress[] {
  const model = index.model;
  const kept = typeof keep === "function" ? keep : (vpcId: string | undefined): boolean => vpcId !== undefined && keep.has(vpcId);
  const natInterfaces = new Set<string>();
  const natAddresses = new Set<string>();
  for (const nat of model.natGateways.values()) {
    for (const a of nat.addresses) {
      if (a.networkInterfaceId) natInterfaces.add(a.networkInterfaceId);
      if (a.publicIp) natAddresses.add(a.publicIp);
    }
  }
  for (const eni of index.natGatewayInterfaces()) natInterfaces.add(eni.id);
  const positions = positionsOf(model.elasticIps);
  // An Elastic IP on a NAT gateway's interface is the NAT gateway's: priced with it, and holding no address here.
  const counted = (eip: ElasticIp): boolean => !(eip.networkInterfaceId && natInterfaces.has(eip.networkInterfaceId));
  // Whether a record before the one of this rank holds the address (at `Infinity`: any Elastic IP counted).
  const heldBefore = (address: string, rank: number): boolean =>
    natAddresses.has(address) || positions.at(`a ${address}`).some(([other, eip]) => other < rank && counted(eip));
  const result: BilledAddress[] = [];
  const read = typeof keep === "function" ? positions.all() : elasticIpsInVpcs(model, positions, keep);
  for (const [rank, eip] of read) {
    if (!counted(eip)) continue;
    const eni = eip.networkInterfaceId ? model.networkInterfaces.get(eip.networkInterfaceId) : undefined;
    const instance = eip.instanceId ? model.instances.get(eip.instanceId) : undefined;
    const attachedTo = eip.instanceId ?? eip.networkInterfaceId;
    const vpcId = eni?.vpcId ?? instance?.vpcId;
    if (!kept(vpcId) || heldBefore(eip.publicIp, rank)) continue;
    result.push({
      address: eip.publicIp, allocationId: eip.allocationId, region: eip.scope.region, vpcId, attachedTo,
      kind: attachedTo ? "Elastic IP" : "Elastic IP, not associated",
    });
  }
  // Interfaces' and instances' addresses come after every Elastic IP's, and are marked seen whether kept or not.
  const seen = new Set<string>();
  const fresh = (address: string): boolean => !seen.has(address) && !heldBefore(address, Infinity) && (seen.add(address), true);
  for (const eni of index.interfacesWithPublicIp()) {
    if (natInterfaces.has(eni.id)) continue;
    for (const ip of eni.privateIps) {
      if (!ip.publicIp) continue;
      if (!fresh(ip.publicIp) || !kept(eni.vpcId)) continue;
      result.push({
        address: ip.publicIp, allocationId: undefined, region: eni.scope.region, vpcId: eni.vpcId, attachedTo: eni.attachedInstanceId ?? eni.id,
        kind: eni.attachedInstanceId ? "public IP of an instance" : `public IP of a network interface (${eni.interfaceType})`,
      });
    }
  }
  for (const instance of index.instancesWithPublicIp()) {
    if (!instance.publicIp || !ADDRESSED_INSTANCE_STATES.has(instance.state)) continue;
    if (!fresh(instance.publicIp) || !kept(instance.vpcId)) continue;
    result.push({ address: instance.publicIp, allocationId: undefined, region: instance.scope.region, vpcId: instance.vpcId, attachedTo: instance.id, kind: "public IP of an instance" });
  }
  return result;
}

/**
 * The order addresses are listed in: by Region, VPC and address. A total order on the addresses of
 * `billedPublicAddresses` (each address is listed once), so sorting a subset gives the subset's order
 * in the sorted whole.
 *
 * @param a - an address
 * @param b - another
 */
export function compareAddresses(a: BilledAddress, b: BilledAddress): number {
  return a.region.localeCompare(b.region) || (a.vpcId ?? "").localeCompare(b.vpcId ?? "") || a.address.localeCompare(b.address);
}

/**
 * Prices one public IPv4 address at the Region's hourly rate.
 *
 * @param address - from `billedPublicAddresses`
 * @param prices - its Region's prices
 * @param table - for hours per month
 * @param log - records the figure used
 */
export function pricePublicAddress(address: BilledAddress, prices: RegionPrices, table: PriceTable, log: FigureLog): PublicIpv4Cost {
  log.use(address.region, "publicIpv4Hourly", prices.publicIpv4Hourly);
  return { ...address, hourlyUsd: prices.publicIpv4Hourly.value, monthlyUsd: monthlyFromHourly(prices.publicIpv4Hourly.value, 1, table.hoursPerMonth) };
}
