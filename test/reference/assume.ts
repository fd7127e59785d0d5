/**
 * Reasoning by cases over what the snapshot cannot tell. A prefix list listed without its entries
 * (GetManagedPrefixListEntries not collected) may or may not hold an address, and a route naming
 * it matches by the longest entry that holds it; the SageMaker-managed network sends a notebook's
 * traffic from a public address of its own that no snapshot records. Rather than give up, the
 * reference walks the packet once per possibility (`explore`): where every possible world gives
 * the same verdict, the verdict stands (marked `assumed`, so the engine's `unknown` is accepted
 * too); where the worlds differ, the answer depends on what is unknown and the reference says
 * unmodeled (missing data).
 *
 * The possibilities for each (list, address) pair are taken independently, which includes
 * combinations no real list could produce: that can only make the reference abstain more, never
 * claim a verdict some real list would contradict.
 */
import type { Model, Subnet } from "../../src/model/types.js";
import { anyCidrContains, ipToNumber, numberToIp, prefixLength, RFC1918, RFC6598 } from "./ipv4.js";
import { step, type RefOutcome, type Walk } from "./walk.js";

/** What a prefix list without entries is assumed to do with one address: not hold it, hold it, or hold it by a prefix of this length. */
export type Membership = "outside" | "inside" | number;

/**
 * A fact one world fixes: a prefix list's membership, an address no snapshot records, or a choice
 * AWS makes without saying how (which subnet of an attachment a transit gateway uses).
 */
export type Assumed = Membership | { address: string } | { subnet: string } | { option: "enable" | "disable" };

/**
 * Thrown when the walk needs a fact that the current world has not fixed yet: missing data, or
 * (`choice`) something AWS decides at run time, where worlds that differ leave the answer open.
 */
export class Undecided extends Error {
  constructor(
    readonly key: string,
    readonly options: readonly Assumed[],
    readonly missing: string,
    readonly choice = false,
  ) {
    super(`undecided: ${key}`);
  }
}

/** How many worlds one packet may be walked in before the reference gives up. */
const MAX_WORLDS = 512;

function describe(listId: string, ip: string, value: Membership, publicOnly: boolean): string {
  if (publicOnly) return `AWS-managed prefix list ${listId} (no entries in the snapshot) holds only public ranges, not ${ip}`;
  if (value === "outside") return `assuming prefix list ${listId} (no entries in the snapshot) does not hold ${ip}`;
  if (value === "inside") return `assuming prefix list ${listId} (no entries in the snapshot) holds ${ip}`;
  return `assuming prefix list ${listId} (no entries in the snapshot) holds ${ip} by a /${value}`;
}

/**
 * Whether a prefix list without entries holds `ip`, as the current world assumes.
 *
 * @param walk - the running evaluation
 * @param listId - the prefix list
 * @param ip - the address
 * @param lengths - for a route: the prefix lengths worth telling apart (the answer is then a length
 *   or "outside"); omitted for a security group rule, where only holding matters
 * @throws Undecided when the world has not fixed what is asked yet
 */
export function membership(walk: Walk, listId: string, ip: string, lengths?: readonly number[]): Membership {
  const key = `${listId} ${ip}`;
  const missing = `prefix list ${listId} has no entries in the snapshot`;
  const current = walk.assumptions.get(key);
  // An AWS-managed list holds a service's public address ranges ("AWS-managed prefix lists", VPC User Guide).
  const publicOnly = walk.model.prefixLists.get(listId)?.awsManaged === true && anyCidrContains([...RFC1918, ...RFC6598], ip);
  if (current === undefined) throw new Undecided(key, publicOnly ? ["outside"] : lengths ? ["outside", ...lengths] : ["outside", "inside"], missing);
  if (typeof current === "object") throw new Error(`${key} is assumed to be an address or a subnet`);
  if (current === "inside" && lengths) throw new Undecided(key, lengths, missing);
  step(walk, describe(listId, ip, current, publicOnly));
  return current;
}

/**
 * The prefix lengths a route's unknown prefix-list match is worth trying, given the lengths of the
 * routes it competes with: each of them and one longer, and the extremes.
 *
 * @param known - prefix lengths of the other matching routes
 */
export function lengthsAgainst(known: readonly number[]): number[] {
  return [...new Set([0, 32, ...known, ...known.map((n) => Math.min(n + 1, 32))])].sort((a, b) => a - b);
}

/** Address space no host on the internet uses: private, shared, "this network", loopback, link-local, multicast and reserved. */
export const NOT_PUBLIC = [...RFC1918, ...RFC6598, "0.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/3"];

/**
 * The CIDRs the model's rules name (routes, transit gateway routes, NACL entries, security group
 * rules, prefix lists, VPCs, subnets) and its public IPs as /32: every rule of the model treats all
 * the addresses of a part these cut the address space into alike (see `partStarts`).
 *
 * @param model - the network
 */
export function modelCidrs(model: Model): Set<string> {
  const cidrs = new Set<string>();
  const add = (cidr: string | undefined) => cidr !== undefined && cidrs.add(cidr.includes("/") ? cidr : `${cidr}/32`);
  for (const table of model.routeTables.values()) for (const r of table.routes) if (r.destination.kind === "cidr") add(r.destination.cidr);
  for (const table of model.transitGatewayRouteTables.values()) for (const r of table.routes) if (r.destination.kind === "cidr") add(r.destination.cidr);
  for (const acl of model.networkAcls.values()) for (const e of acl.entries) add(e.cidr);
  for (const group of model.securityGroups.values()) for (const r of [...group.ingress, ...group.egress]) if (r.peer.kind === "cidr") add(r.peer.cidr);
  for (const list of model.prefixLists.values()) for (const cidr of list.cidrs ?? []) add(cidr);
  for (const vpc of model.vpcs.values()) for (const cidr of vpc.cidrs) add(cidr);
  for (const subnet of model.subnets.values()) add(subnet.cidr);
  for (const eni of model.networkInterfaces.values()) for (const a of eni.privateIps) add(a.publicIp);
  for (const nat of model.natGateways.values()) for (const a of nat.addresses) add(a.publicIp);
  for (const instance of model.instances.values()) add(instance.publicIp);
  for (const eip of model.elasticIps) add(eip.publicIp);
  return cidrs;
}

/**
 * The first address of each part that CIDRs cut the IPv4 space into (0.0.0.0 included), as
 * numbers in ascending order.
 *
 * @param cidrs - the CIDRs whose first and past-the-end addresses are the cuts
 */
export function partStarts(cidrs: Iterable<string>): number[] {
  const cuts = new Set<number>([0]);
  for (const cidr of cidrs) {
    const start = ipToNumber(cidr.split("/")[0]!);
    cuts.add(start);
    cuts.add(start + 2 ** (32 - prefixLength(cidr)));
  }
  return [...cuts].filter((n) => n < 2 ** 32).sort((a, b) => a - b);
}

/**
 * One public address from each part of the address space that the model's CIDRs (`modelCidrs`)
 * cut apart: any public address is treated like the one chosen from its part by every rule of the
 * model. The ranges of AWS-managed prefix lists are left out: they hold the addresses of the
 * services gateway endpoints serve (S3, DynamoDB), where no NAT of another service sends from.
 *
 * @param model - the network
 */
export function publicAddressCandidates(model: Model): string[] {
  const serviceRanges = [...model.prefixLists.values()].filter((p) => p.awsManaged).flatMap((p) => p.cidrs ?? []);
  const excluded = [...NOT_PUBLIC, ...serviceRanges];
  const cidrs = new Set<string>([...excluded, ...modelCidrs(model)]);
  const owned = new Set([...cidrs].filter((c) => c.endsWith("/32")).map((c) => c.slice(0, -3)));
  return partStarts(cidrs)
    .map(numberToIp)
    .filter((ip) => !anyCidrContains(excluded, ip) && !owned.has(ip));
}

/**
 * An address the snapshot cannot give, as the current world assumes it.
 *
 * @param walk - the running evaluation
 * @param key - what the address is (one key per unknown address)
 * @param candidates - the addresses worth telling apart
 * @param missing - why it is unknown
 * @throws Undecided when the world has not fixed it yet
 */
export function assumedAddress(walk: Walk, key: string, candidates: () => string[], missing: string): string {
  const current = walk.assumptions.get(key);
  if (current === undefined) throw new Undecided(key, candidates().map((address) => ({ address })), missing);
  if (typeof current !== "object" || !("address" in current)) throw new Error(`${key} is assumed to be something else than an address`);
  return current.address;
}
/**
 * One of several subnets AWS picks from without saying which, as the current world chooses it.
 *
 * @param walk - the running evaluation
 * @param key - what is chosen (one key per choice)
 * @param subnets - the subnets it may be
 * @param what - the choice, for the reason
 * @throws Undecided when the world has not chosen yet
 */
export function chosenSubnet(walk: Walk, key: string, subnets: readonly Subnet[], what: string): Subnet {
  if (subnets.length === 1) return subnets[0]!;
  const current = walk.assumptions.get(key);
  if (current === undefined) throw new Undecided(key, subnets.map((s) => ({ subnet: s.id })), what, true);
  if (typeof current !== "object" || !("subnet" in current)) throw new Error(`${key} is assumed to be something else than a subnet`);
  step(walk, `assuming ${what} is ${current.subnet}`);
  return subnets.find((s) => s.id === current.subnet)!;
}

/**
 * One of several options AWS picks from at run time without saying which (an address it gives a
 * network interface, a path it does not document), as the current world chooses it.
 *
 * @param walk - the running evaluation
 * @param key - what is chosen (one key per choice)
 * @param options - the options (addresses or settings)
 * @param what - the choice, for the reason
 * @throws Undecided when the world has not chosen yet
 */
export function chosen<T extends Assumed>(walk: Walk, key: string, options: readonly T[], what: string): T {
  if (options.length === 1) return options[0]!;
  const current = walk.assumptions.get(key);
  if (current === undefined) throw new Undecided(key, options, what, true);
  step(walk, `assuming ${what}: ${JSON.stringify(current)}`);
  return current as T;
}

/**
 * Walks a packet in every world the missing data allows and combines the verdicts.
 *
 * @param run - one walk under the given assumptions (returns its outcome; throws Undecided for an unfixed fact)
 * @returns the verdict shared by all worlds (with `assumed`), or unmodeled when they differ
 */
export function explore(run: (assumptions: ReadonlyMap<string, Assumed>) => RefOutcome): RefOutcome {
  const outcomes: RefOutcome[] = [];
  const missing = new Set<string>();
  let onlyChoices = true;
  const worlds: Map<string, Assumed>[] = [new Map()];
  for (let walks = 1; worlds.length > 0; walks++) {
    const assumptions = worlds.pop()!;
    if (walks > MAX_WORLDS) {
      return { kind: "unmodeled", direction: "forward", component: "snapshot", reason: `too many possibilities for ${[...missing].join("; ")}`, missingData: true, steps: [] };
    }
    try {
      outcomes.push(run(assumptions));
    } catch (error) {
      if (!(error instanceof Undecided)) throw error;
      missing.add(error.missing);
      onlyChoices &&= error.choice;
      for (const option of error.options) worlds.push(new Map([...assumptions, [error.key, option]]));
    }
  }
  return combine(outcomes, [...missing], onlyChoices);
}

/**
 * One verdict from the verdicts of every world. Worlds that differ only by choices AWS makes at
 * run time leave the answer undetermined: any definite answer would be wrong in some world.
 */
function combine(outcomes: RefOutcome[], missing: string[], onlyChoices: boolean): RefOutcome {
  const first = outcomes[0]!;
  if (missing.length === 0) return first;
  const abstained = outcomes.find((o) => o.kind === "unmodeled");
  if (abstained) return abstained;
  const delivered = outcomes.filter((o) => o.kind === "delivered");
  const dropped = outcomes.filter((o) => o.kind === "dropped");
  if (delivered.length === outcomes.length) return { ...delivered[0]!, assumed: missing };
  if (dropped.length === outcomes.length) {
    // A reply dropped in some world may depend on the ports: report the return direction then.
    return { ...(dropped.find((o) => o.direction === "return") ?? dropped[0]!), assumed: missing };
  }
  return {
    kind: "unmodeled",
    direction: "forward",
    component: "snapshot",
    reason: `${missing.join("; ")}, and the verdict depends on ${onlyChoices ? "that" : "them"}`,
    missingData: !onlyChoices,
    ...(onlyChoices ? { undetermined: true } : {}),
    steps: first.steps,
  };
}

/**
 * A transit gateway option the snapshot does not give, as the current world assumes it. Worlds that
 * differ leave only `unknown` right (as for a choice AWS makes at run time): the engine cannot know.
 *
 * @param walk - the running evaluation
 * @param key - which resource's option
 * @throws Undecided when the world has not fixed it yet
 */
export function assumedOption(walk: Walk, key: string): "enable" | "disable" {
  const current = walk.assumptions.get(key);
  if (current === undefined) throw new Undecided(key, [{ option: "enable" }, { option: "disable" }], `${key} is not in the snapshot`, true);
  if (typeof current !== "object" || !("option" in current)) throw new Error(`${key} is assumed to be something else than an option`);
  step(walk, `assuming ${key} is ${current.option}`);
  return current.option;
}
