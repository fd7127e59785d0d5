/**
 * How much of the engine's definite answers the reference actually judges. A question where the
 * engine says `reachable` or `unreachable` is "judged" when the reference classifies it (delivered,
 * dropped or mixed) rather than abstaining (`unmodeled`); for set questions each sampled address
 * counts as one question. The abstentions are tallied by reason, with ids and addresses blanked
 * out, so the largest gaps in the reference show first.
 */
import type { RefOutcome } from "../reference/evaluate.js";
import type { NetworkResult } from "./network-property.js";

/** Tallies of judged and abstained questions over many networks. */
export interface Coverage {
  /** Single-address questions the engine answered reachable/unreachable. */
  definite: number;
  /** Of those, the ones the reference judged. */
  judged: number;
  /** Sampled set addresses the engine answered definitely (the set's verdict is not `unknown`, nor the address in its unknown part). */
  setDefinite: number;
  /** Of those, the ones the reference judged. */
  setJudged: number;
  /** Abstentions on definite engine answers, by blanked reason. */
  reasons: Map<string, number>;
}

/** An empty tally. */
export function emptyCoverage(): Coverage {
  return { definite: 0, judged: 0, setDefinite: 0, setJudged: 0, reasons: new Map() };
}

const ID = /\b(vpc|subnet|rtb|igw|nat|eni|sg|acl|pcx|vpce|pl|i|tgw|notebook)-[0-9a-z]+\b/g;
const ADDRESS = /\b\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?(:\d+)?\b/g;

/**
 * A reason with its ids and addresses blanked, so equal causes tally together.
 *
 * @param outcome - an unmodeled reference outcome
 */
export function reasonKey(outcome: RefOutcome): string {
  if (outcome.kind !== "unmodeled") return outcome.kind;
  const reason = outcome.reason.replace(ID, "$1-…").replace(ADDRESS, "ADDR");
  return `${outcome.direction}: ${reason}${outcome.missingData ? " [missing data]" : ""}`;
}

/**
 * Adds one network's comparisons to the tally.
 *
 * @param coverage - the running tally (changed in place)
 * @param result - one network's comparisons
 */
export function addCoverage(coverage: Coverage, result: NetworkResult): void {
  const abstain = (outcome: RefOutcome) => {
    const key = reasonKey(outcome);
    coverage.reasons.set(key, (coverage.reasons.get(key) ?? 0) + 1);
  };
  for (const c of result.comparisons) {
    if (c.engine !== "reachable" && c.engine !== "unreachable") continue;
    coverage.definite++;
    if (c.reference.cls === "unmodeled") abstain(c.reference.sample);
    else coverage.judged++;
  }
  for (const s of result.setComparisons) {
    if (s.engine !== "reachable" && s.engine !== "unreachable") continue;
    for (const check of s.checks) {
      if (check.engineUndecided) continue;
      coverage.setDefinite++;
      if (check.reference.cls === "unmodeled") abstain(check.reference.sample);
      else coverage.setJudged++;
    }
  }
}

/**
 * The share of definite engine answers the reference judged (single addresses and set addresses together).
 *
 * @param coverage - the tally
 */
export function judgedShare(coverage: Coverage): number {
  const all = coverage.definite + coverage.setDefinite;
  return all === 0 ? 1 : (coverage.judged + coverage.setJudged) / all;
}

/**
 * The summary lines the fuzz command prints: the judged share, then the abstention reasons, largest first.
 *
 * @param coverage - the tally
 * @param top - how many reasons to list
 */
export function describeCoverage(coverage: Coverage, top = 15): string[] {
  const percent = (n: number, d: number) => (d === 0 ? "n/a" : `${((100 * n) / d).toFixed(2)}%`);
  const all = coverage.definite + coverage.setDefinite;
  const judged = coverage.judged + coverage.setJudged;
  const lines = [
    `reference judged ${judged} of ${all} definite engine answers (${percent(judged, all)}): ` +
      `${coverage.judged}/${coverage.definite} addresses (${percent(coverage.judged, coverage.definite)}), ` +
      `${coverage.setJudged}/${coverage.setDefinite} set addresses (${percent(coverage.setJudged, coverage.setDefinite)})`,
  ];
  const reasons = [...coverage.reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (reasons.length > 0) lines.push("reference abstains on definite engine answers because:");
  for (const [reason, n] of reasons.slice(0, top)) lines.push(`  ${String(n).padStart(7)}  ${reason}`);
  if (reasons.length > top) lines.push(`  … and ${reasons.length - top} more reasons`);
  return lines;
}
