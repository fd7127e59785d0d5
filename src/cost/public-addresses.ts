/**
 * The public IPv4 addresses an estate is billed for besides its NAT gateways' own: Elastic IPs
 * (associated or not) and the public IPs of instances and other network interfaces, found per VPC
 * through an index of the Elastic IP list that a design's copy of the list reuses, and priced per hour.
 *
 * AWS page modelled: https://aws.amazon.com/vpc/pricing/ (public IPv4 per hour: "$0.005 per IP per
 * hour for all public IPv4 addresses", in use or idle, since 2024-02-01).
 */
import type { ModelIndex } from "../model/indexes.js";
import type { ElasticIp, Model } from "../model/types.js";
import { keyedLists } from "../model/overlay.js";
import { monthlyFromHourly } from "./arithmetic.js";
import type { FigureLog } from "./fixed-costs.js";
import { elasticIpsCopiedFrom, type DerivedElasticIps } from "./what-if-draft.js";
import type { PriceTable, RegionPrices } from "./price-table.js";
import type { PublicIpv4Cost } from "./types.js";

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
