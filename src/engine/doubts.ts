/**
 * Resources in doubt (`Model.doubts`: a key AWS always prints was absent, or two inputs disagree about
 * the resource) make every outcome whose path, return path or block uses them `unknown`: the path
 * search ran on data that may not be the network's, so what it found is not a proof. Applied once to
 * the outcomes of each path search, so no hop handler has to know about doubts.
 */
import type { Doubt, Model } from "../model/types.js";
import { doubtfulResource } from "./rules/missing-data.js";
import type { Outcome } from "./trace.js";
import type { ComponentType, Evidence, Hop } from "./verdict.js";

/** Separators inside evidence refs (`acl-1#100/egress`, `sg-1 egress[0]`, `rtb-1:0.0.0.0/0`, `sg-1,sg-2 egress`). */
const REF_SEPARATORS = /[\s,#:/[\]()]+/;

/** The first doubt on one of the ids a reference text names. */
function doubtIn(doubts: ReadonlyMap<string, readonly Doubt[]>, ref: string): Doubt | undefined {
  for (const token of ref.split(REF_SEPARATORS)) {
    const found = doubts.get(token)?.[0];
    if (found) return found;
  }
  return undefined;
}

function doubtInEvidence(doubts: ReadonlyMap<string, readonly Doubt[]>, evidence: readonly Evidence[]): Doubt | undefined {
  for (const item of evidence) {
    const found = doubtIn(doubts, item.ref);
    if (found) return found;
  }
  return undefined;
}

interface Found {
  doubt: Doubt;
  component: string;
  type: ComponentType;
}

/** The first doubtful resource an outcome uses: on its path, its return path, or where it stopped. */
function firstDoubt(doubts: ReadonlyMap<string, readonly Doubt[]>, outcome: Outcome): Found | undefined {
  const hops: Hop[] = [...outcome.path, ...outcome.returnPath];
  for (const hop of hops) {
    const doubt = doubts.get(hop.component)?.[0] ?? doubtInEvidence(doubts, hop.evidence);
    if (doubt) return { doubt, component: hop.component, type: hop.type };
  }
  const block = outcome.block;
  if (!block) return undefined;
  const doubt = doubts.get(block.component)?.[0] ?? doubtIn(doubts, block.rb.rule.ref);
  return doubt ? { doubt, component: block.component, type: block.type } : undefined;
}

/**
 * Turns every outcome that uses a resource in doubt into an `unknown` one, blocked at that resource
 * with its reason (and the reason among the warnings).
 *
 * @param model - the model (its `doubts`)
 * @param outcomes - the outcomes of one path search
 * @returns the outcomes, those using doubtful data made unknown
 */
export function questionOutcomes(model: Model, outcomes: Outcome[]): Outcome[] {
  const doubts = model.doubts;
  if (!doubts || doubts.size === 0) return outcomes;
  return outcomes.map((outcome) => {
    const found = firstDoubt(doubts, outcome);
    if (!found) return outcome;
    const rb = doubtfulResource(found.doubt);
    return {
      ...outcome,
      status: "unknown",
      block: { component: found.component, type: found.type, direction: "forward", rb },
      warnings: [...outcome.warnings, rb.message],
    };
  });
}

/** Per model: its conflict summary, computed once for all its queries. */
const summaries = new WeakMap<Model, string | undefined>();

/**
 * One line saying the inputs disagree about some resources, for every verdict of a model that has
 * such conflicts (the answers that use them say so in full); undefined when there are none.
 *
 * @param model - the model
 */
export function conflictSummary(model: Model): string | undefined {
  if (summaries.has(model)) return summaries.get(model);
  const conflicts = [...(model.doubts?.values() ?? [])].flat().filter((d) => d.kind === "conflict" && d.about === undefined);
  const ids = [...new Set(conflicts.map((d) => d.id))];
  const shown = ids.slice(0, 3).join(", ");
  const summary = ids.length === 0 ? undefined : `the inputs disagree about ${ids.length} resource(s) (${shown}${ids.length > 3 ? ", …" : ""}); answers that use them are unknown (vpcreach inspect lists them)`;
  summaries.set(model, summary);
  return summary;
}
