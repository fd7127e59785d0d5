/**
 * Reasoning by cases over data the snapshot lacks. A prefix list listed without its entries
 * (GetManagedPrefixListEntries not collected) may or may not hold an address, and a route naming
 * it matches by the longest entry that holds it. Rather than give up, the reference walks the
 * packet once per possibility (`explore`): where every possible world gives the same verdict, the
 * verdict stands (marked `assumed`, so the engine's `unknown` is accepted too); where the worlds
 * differ, the answer depends on the missing data and the reference says unmodeled (missing data).
 *
 * The possibilities for each (list, address) pair are taken independently, which includes
 * combinations no real list could produce: that can only make the reference abstain more, never
 * claim a verdict some real list would contradict.
 */
import { anyCidrContains, RFC1918, RFC6598 } from "./ipv4.js";
import { step, type RefOutcome, type Walk } from "./walk.js";

/** What a prefix list without entries is assumed to do with one address: not hold it, hold it, or hold it by a prefix of this length. */
export type Membership = "outside" | "inside" | number;

/** Thrown when the walk needs a fact about missing data that the current world has not fixed yet. */
export class Undecided extends Error {
  constructor(
    readonly key: string,
    readonly options: readonly Membership[],
    readonly missing: string,
  ) {
    super(`undecided: ${key}`);
  }
}

/** How many worlds one packet may be walked in before the reference gives up. */
const MAX_WORLDS = 64;

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

/**
 * Walks a packet in every world the missing data allows and combines the verdicts.
 *
 * @param run - one walk under the given assumptions (returns its outcome; throws Undecided for an unfixed fact)
 * @returns the verdict shared by all worlds (with `assumed`), or unmodeled when they differ
 */
export function explore(run: (assumptions: ReadonlyMap<string, Membership>) => RefOutcome): RefOutcome {
  const outcomes: RefOutcome[] = [];
  const missing = new Set<string>();
  const worlds: Map<string, Membership>[] = [new Map()];
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
      for (const option of error.options) worlds.push(new Map([...assumptions, [error.key, option]]));
    }
  }
  return combine(outcomes, [...missing]);
}

/** One verdict from the verdicts of every world. */
function combine(outcomes: RefOutcome[], missing: string[]): RefOutcome {
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
    reason: `${missing.join("; ")}, and the verdict depends on them`,
    missingData: true,
    steps: first.steps,
  };
}
