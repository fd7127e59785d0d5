/**
 * The engine's public API: build an analyzer once per model (index, graph, caches), then ask it
 * many reachability queries. Each answer is a `Verdict` with hop-by-hop evidence (see verdict.ts,
 * and analyze.ts for the verdict semantics). The CLI, audit, diagrams, cost and reports use this.
 */
import type { ModelIndex } from "../model/indexes.js";
import type { Model } from "../model/types.js";
import type { ReachGraph } from "../graph/index.js";
import { analyze, type QueryProtocol, type ReachabilityQuery } from "./analyze.js";
import { createContext } from "./context.js";
import { createSharedAnswers, type SharedAnswers } from "./shared-answers.js";
import type { Answer, Verdict } from "./verdict.js";

export type { QueryProtocol, ReachabilityQuery } from "./analyze.js";
export type { Answer, Verdict } from "./verdict.js";
export type { SharedAnswer, SharedAnswers } from "./shared-answers.js";

export interface Analyzer {
  readonly model: Model;
  readonly index: ModelIndex;
  /** The reachability graph (nodes per component, sinks `internet`, `service:<name>`, `sagemaker-managed-network`), built on first access. */
  readonly graph: ReachGraph;
  /**
   * Answers one query. Throws `InputError` for an unknown source or a malformed destination; never
   * throws for network facts (unmodelled or missing data gives verdict `unknown`).
   */
  query(q: ReachabilityQuery): Verdict;
  /** The same answer as `query` without its proof (see `Answer`): the same walk, building less. */
  answer(q: ReachabilityQuery): Answer;
  /** Notebooks' answers computed once per class of notebooks that differ only in their names (see shared-answers.ts). */
  readonly shared?: SharedAnswers;
}

/** The four destinations `audit` checks for every notebook. */
export const STANDARD_DESTINATIONS = ["internet", "s3", "sagemaker-api", "sagemaker-runtime"] as const;

/**
 * Builds an analyzer: indexes the model once (the graph on first access); queries reuse both.
 *
 * @param model - the normalized model (from `loadModel`)
 */
export function createAnalyzer(model: Model): Analyzer {
  const ctx = createContext(model);
  return {
    model,
    index: ctx.index,
    get graph() {
      return ctx.graph;
    },
    query: (q: ReachabilityQuery): Verdict => analyze(ctx, q),
    answer: (q: ReachabilityQuery): Answer => analyze(ctx, q, false),
    shared: createSharedAnswers(ctx),
  };
}

/** Kept for callers that want the protocol names. */
export const QUERY_PROTOCOLS: readonly QueryProtocol[] = ["tcp", "udp", "icmp", "all"];
