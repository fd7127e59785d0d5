/**
 * The property over one generated network: build the model, build the engine's analyzer once, and
 * compare the engine with the reference on each sampled question. Shared by the vitest property
 * test (fixed seed) and the `npm run fuzz` command.
 */
import fc from "fast-check";
import type { Model } from "../../src/model/types.js";
import type { Verdict } from "../../src/engine/verdict.js";
import { indexModel } from "../../src/model/indexes.js";
import { buildNetwork } from "../generators/build-network.js";
import { networkSpecArb, type NetworkSpec } from "../generators/network-spec.js";
import { dnsRulesArb } from "../generators/dns-rules.js";
import { studioArb, studioQueries } from "../generators/studio.js";
import { behindNatQueries, namedSetChoicesArb, queryChoicesArb, resolveQueries, resolveSetQueries, setChoicesArb, type QueryChoice, type SetChoice } from "../generators/packets.js";
import { compare, describeComparison, engineQuery, type Comparison } from "./compare.js";
import { compareSet, describeSetComparison, type SetComparison } from "./compare-sets.js";

export interface NetworkCase {
  spec: NetworkSpec;
  choices: QueryChoice[];
  /** Questions about whole sets (CIDRs, service names); absent in cases saved before they existed. */
  sets?: SetChoice[];
}

/** A generated network and the questions to ask about it. */
export const networkCaseArb: fc.Arbitrary<NetworkCase> = fc.record({ spec: networkSpecArb, choices: queryChoicesArb, sets: setChoicesArb });

/** The generator's opt-in feature sets: `dns-rules` (test/generators/dns-rules.ts), `studio` (test/generators/studio.ts). */
export const FEATURES = ["dns-rules", "studio"] as const;
export type Feature = (typeof FEATURES)[number];

/**
 * Network cases with opt-in feature sets: without any, exactly `networkCaseArb`, so every seed gives
 * the networks it gave before. With `dns-rules`, each case is `networkCaseArb`'s, drawn first from the
 * same random stream, with the feature set's part and more named questions added after it.
 *
 * @param features - the feature sets to add
 */
export function networkCaseArbWith(features: readonly Feature[]): fc.Arbitrary<NetworkCase> {
  if (features.length === 0) return networkCaseArb;
  const dns = features.includes("dns-rules") ? dnsRulesArb : fc.constant(undefined);
  const studio = features.includes("studio") ? studioArb : fc.constant(undefined);
  return fc.tuple(networkCaseArb, dns, studio, namedSetChoicesArb).map(([c, dnsSpec, studioSpec, named]) => ({
    ...c,
    spec: { ...c.spec, ...(dnsSpec ? { dns: dnsSpec } : {}), ...(studioSpec ? { studio: studioSpec } : {}) },
    sets: [...(c.sets ?? []), ...named],
  }));
}

/** The part of the engine's API the property needs (`createAnalyzer` from src/engine/index.ts). */
export type AnalyzerFactory = (model: Model) => { query(q: ReturnType<typeof engineQuery>): Verdict };

export interface NetworkResult {
  model: Model;
  comparisons: Comparison[];
  setComparisons: SetComparison[];
  /** Descriptions of every disagreement (single addresses and sets). */
  disagreements: string[];
}

/**
 * Runs one network case.
 *
 * @param networkCase - the generated network and questions
 * @param createAnalyzer - the engine's analyzer factory
 */
export function checkNetwork(networkCase: NetworkCase, createAnalyzer: AnalyzerFactory): NetworkResult {
  const model = buildNetwork(networkCase.spec);
  const index = indexModel(model);
  const natVpc = networkCase.spec.natEgress ? `vpc-${networkCase.spec.natEgress.vpc % networkCase.spec.vpcs.length}` : undefined;
  const queries = [...resolveQueries(model, networkCase.choices), ...(natVpc ? behindNatQueries(model, natVpc) : []), ...studioQueries(model)];
  let analyzer: ReturnType<AnalyzerFactory> | undefined;
  let buildError: unknown;
  try {
    analyzer = createAnalyzer(model);
  } catch (error) {
    buildError = error;
  }
  const ask = (q: ReturnType<typeof engineQuery>): Verdict => {
    if (!analyzer) throw buildError;
    return analyzer.query(q);
  };
  const comparisons = queries.map((q) => compare(ask, model, index, q));
  const setComparisons = resolveSetQueries(model, networkCase.sets ?? []).map((q) => compareSet(ask, model, index, q));
  const disagreements = [
    ...comparisons.filter((c) => !c.agree).map(describeComparison),
    ...setComparisons.filter((c) => !c.agree).map(describeSetComparison),
  ];
  return { model, comparisons, setComparisons, disagreements };
}

/**
 * The fast-check property: no disagreement in a network (throws the first one, described).
 *
 * @param createAnalyzer - the engine's analyzer factory
 * @param observe - called with each network's result (e.g. to tally how much the reference judged)
 * @param features - the generator's opt-in feature sets
 */
export function agreementProperty(createAnalyzer: AnalyzerFactory, observe: (result: NetworkResult) => void = () => {}, features: readonly Feature[] = []): fc.IPropertyWithHooks<[NetworkCase]> {
  return fc.property(networkCaseArbWith(features), (networkCase) => {
    const result = checkNetwork(networkCase, createAnalyzer);
    observe(result);
    if (result.disagreements.length > 0) throw new Error(`engine and reference disagree:\n${result.disagreements[0]!}`);
  });
}
