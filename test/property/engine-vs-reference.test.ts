/**
 * The property: on 2,000 generated networks (fixed seed), the engine and the independent reference
 * evaluator agree on every sampled packet (see test/property/compare.ts for what "agree" means for
 * the engine's set answers), and the reference judges (does not abstain on) at least a floor share
 * of the engine's reachable/unreachable answers, so the agreement is not bought by abstaining. A failure prints the shrunk network and the reference's trace; turn it
 * into a fixture under test/regressions/cases/ once understood. The same on networks with the
 * generator's opt-in feature sets (test/generators/dns-rules.ts, studio.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { agreementProperty, checkNetwork, networkCaseArb, type AnalyzerFactory } from "./network-property.js";
import { addCoverage, describeCoverage, emptyCoverage, judgedShare } from "./coverage.js";

const factory: AnalyzerFactory = (model) => createAnalyzer(model);
const SEED = 20261128;
const NETWORKS = 2000;
/** The least share of the engine's reachable/unreachable answers the reference must judge (not abstain on). */
const JUDGED_FLOOR = 0.99;

describe("engine agrees with the reference evaluator on generated networks", () => {
  it(`agrees on ${NETWORKS} networks (seed ${SEED}), judging at least ${JUDGED_FLOOR * 100}% of the engine's definite answers`, () => {
    const coverage = emptyCoverage();
    fc.assert(agreementProperty(factory, (result) => addCoverage(coverage, result)), { seed: SEED, numRuns: NETWORKS });
    expect(judgedShare(coverage), describeCoverage(coverage).join("\n")).toBeGreaterThanOrEqual(JUDGED_FLOOR);
  });

  it("agrees on 400 networks with the opt-in feature sets dns-rules and studio (seed 20261207), each of their answers reached", () => {
    const kinds = new Map<string, number>();
    const count = (key: string) => kinds.set(key, (kinds.get(key) ?? 0) + 1);
    fc.assert(
      agreementProperty(factory, (result) => {
        for (const s of result.setComparisons) if (s.dns) count(s.dns.resolution.kind === "undocumented" ? `undocumented ${s.dns.resolution.inVpc.kind}` : s.dns.resolution.kind);
        for (const c of result.comparisons) if (c.query.from.startsWith("domain/")) count(`studio ${c.reference.cls}`);
      }, ["dns-rules", "studio"]),
      { seed: 20261207, numRuns: 400 },
    );
    for (const key of ["forwarded", "either", "missing", "undocumented endpoint", "studio undetermined", "studio delivered", "studio dropped"]) {
      expect(kinds.get(key) ?? 0, key).toBeGreaterThan(0);
    }
  });

  it("exercises every reference outcome class, so the agreement above is not vacuous", () => {
    const classes = new Map<string, number>();
    for (const networkCase of fc.sample(networkCaseArb, { seed: SEED, numRuns: 300 })) {
      for (const c of checkNetwork(networkCase, factory).comparisons) {
        const key = c.reference.cls === "delivered" ? `delivered:${c.reference.sample.kind === "delivered" ? c.reference.sample.reachedKind : ""}` : c.reference.cls;
        classes.set(key, (classes.get(key) ?? 0) + 1);
      }
    }
    for (const key of ["delivered:eni", "delivered:internet", "delivered:service", "delivered:sagemaker-managed-network", "dropped", "unmodeled"]) {
      expect(classes.get(key) ?? 0, key).toBeGreaterThan(0);
    }
  });
});
