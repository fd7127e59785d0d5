/**
 * Compares the engine with the reference evaluator on one generated network. The engine answers
 * for a set (every client ephemeral port, every NAT port); the reference walks single packets, so
 * each question is asked of the reference at the edges of every port range the generators use
 * (client ports 32768–60999, NAT ports 1024–65535) and classified:
 *
 * - all delivered → the engine must say `reachable`;
 * - none delivered → `unreachable`;
 * - some delivered (a stateless NACL admits only part of the ephemeral range) → `unreachable`:
 *   the engine requires the whole range, as AWS advises, so it must not claim `reachable`;
 * - any packet unmodeled → any answer is accepted (counted), and the engine's `unknown` is
 *   accepted here;
 * - undetermined (the answer depends on a choice AWS makes at run time, such as the subnet a
 *   transit gateway uses in a VPC where it has none in the packet's zone) → only `unknown`: a
 *   definite answer would be wrong in some run; but when another client or NAT port is dropped in
 *   every choice, the whole range fails whatever AWS chooses: mixed (`unreachable`);
 * - a verdict the reference reached by cases over missing data (a prefix list without entries,
 *   see test/reference/assume.ts) holds whatever the data is, so the engine must give it or say
 *   `unknown` (it need not see that the data does not matter).
 */
import type { Model } from "../../src/model/types.js";
import { indexModel, type ModelIndex } from "../../src/model/indexes.js";
import type { Verdict } from "../../src/engine/verdict.js";
import { evaluatePacket, type RefOutcome } from "../reference/evaluate.js";
import type { ResolvedQuery } from "../generators/packets.js";

/** Client ports at the edges of every generated port range inside 32768–60999. */
const CLIENT_PORT_EDGES = [32768, 49151, 49152, 60999];
/** NAT ports at the edges of every generated port range inside 1024–65535. */
const NAT_PORT_EDGES = [1024, 32767, 32768, 49151, 49152, 60999, 61000, 65535];

export type ReferenceClass = "delivered" | "dropped" | "mixed" | "unmodeled" | "undetermined";

export interface ReferenceAnswer {
  cls: ReferenceClass;
  /** One representative outcome (the first unmodeled or dropped one, else the first). */
  sample: RefOutcome;
  /** True when the verdict was reached by cases over data the snapshot lacks (the engine may say `unknown`). */
  assumed: boolean;
}

/**
 * Asks the reference about a query at every port edge and classifies the answers.
 *
 * @param model - the network
 * @param index - its index
 * @param query - the question (its own client and NAT ports are sampled too)
 */
export function referenceAnswer(model: Model, index: ModelIndex, query: ResolvedQuery): ReferenceAnswer {
  const base = { from: query.from, dstIp: query.dstIp, protocol: query.protocol, dstPort: query.port };
  const first = evaluatePacket(model, { ...base, clientPort: query.clientPort, natPort: query.natPort }, index);
  // The forward walk never reads source ports, so a forward verdict holds for every port (not an
  // undetermined one: its worlds may differ only on the way back, where ports count).
  if (first.kind !== "delivered" && first.direction === "forward" && !(first.kind === "unmodeled" && first.undetermined)) {
    if (first.kind === "unmodeled") return { cls: first.undetermined ? "undetermined" : "unmodeled", sample: first, assumed: first.undetermined === true };
    return { cls: "dropped", sample: first, assumed: first.assumed !== undefined };
  }
  const outcomes: RefOutcome[] = [first];
  for (const clientPort of CLIENT_PORT_EDGES) {
    outcomes.push(evaluatePacket(model, { ...base, clientPort, natPort: query.natPort }, index));
  }
  if (outcomes[0]!.steps.some((s) => s.includes("NAT gateway"))) {
    for (const natPort of NAT_PORT_EDGES) outcomes.push(evaluatePacket(model, { ...base, clientPort: query.clientPort, natPort }, index));
  }
  const assumed = outcomes.some((o) => o.kind !== "unmodeled" && o.assumed !== undefined);
  const unmodeled = outcomes.find((o) => o.kind === "unmodeled" && !o.undetermined);
  if (unmodeled) return { cls: "unmodeled", sample: unmodeled, assumed };
  const undetermined = outcomes.find((o) => o.kind === "unmodeled");
  const delivered = outcomes.filter((o) => o.kind === "delivered").length;
  const dropped = outcomes.find((o) => o.kind === "dropped");
  // A port dropped whatever AWS chooses fails the whole range in every choice: mixed, not undetermined.
  if (undetermined && dropped) return { cls: "mixed", sample: dropped, assumed: true };
  if (undetermined) return { cls: "undetermined", sample: undetermined, assumed: true };
  if (delivered === outcomes.length) return { cls: "delivered", sample: outcomes[0]!, assumed };
  return { cls: delivered === 0 ? "dropped" : "mixed", sample: dropped ?? outcomes[0]!, assumed };
}

/** The engine answers each reference class admits. */
const ACCEPTED: Record<ReferenceClass, readonly Verdict["verdict"][]> = {
  delivered: ["reachable"],
  dropped: ["unreachable"],
  mixed: ["unreachable"],
  unmodeled: ["reachable", "unreachable", "unknown"],
  undetermined: ["unknown"],
};

export interface Comparison {
  query: ResolvedQuery;
  reference: ReferenceAnswer;
  engine: Verdict["verdict"] | "error";
  /** The engine's explanation code and direction when it names a block, e.g. `SUBNET_ACL_RESTRICTION/return`. */
  engineCode: string | undefined;
  engineDetail: string;
  agree: boolean;
}

/** The engine's query for a resolved question. */
export function engineQuery(query: ResolvedQuery): { from: string; to: string; protocol: "tcp" | "udp" | "icmp"; port?: number } {
  if (query.protocol === "icmp") return { from: query.from, to: query.dstIp, protocol: "icmp" };
  return { from: query.from, to: `${query.dstIp}:${query.port}`, protocol: query.protocol, port: query.port };
}

/**
 * Compares one engine verdict with the reference's classification.
 *
 * @param ask - runs the engine query (errors are reported as disagreements)
 * @param model - the network
 * @param index - its index
 * @param query - the question
 */
export function compare(ask: (q: ReturnType<typeof engineQuery>) => Verdict, model: Model, index: ModelIndex, query: ResolvedQuery): Comparison {
  const reference = referenceAnswer(model, index, query);
  let engine: Comparison["engine"];
  let engineDetail: string;
  let engineCode: string | undefined;
  try {
    const verdict = ask(engineQuery(query));
    engine = verdict.verdict;
    const blocked = verdict.blockedAt ? ` at ${verdict.blockedAt.component} ${verdict.blockedAt.code} (${verdict.blockedAt.direction})` : "";
    engineDetail = `${verdict.verdict}${blocked}: ${verdict.explanation}`;
    engineCode = verdict.blockedAt ? `${verdict.blockedAt.code}/${verdict.blockedAt.direction}` : undefined;
  } catch (error) {
    engine = "error";
    engineDetail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  const agree = engine !== "error" && (ACCEPTED[reference.cls].includes(engine) || (reference.assumed && engine === "unknown"));
  return { query, reference, engine, engineCode, engineDetail, agree };
}

/** One line describing a reference outcome. */
export function describeOutcome(outcome: RefOutcome): string {
  if (outcome.kind === "delivered") return `delivered to ${outcome.reached}`;
  if (outcome.kind === "dropped") return `dropped (${outcome.direction}) at ${outcome.component} ${outcome.code}: ${outcome.reason}`;
  if (outcome.undetermined) return `undetermined at ${outcome.component}: ${outcome.reason}`;
  return `unmodeled at ${outcome.component}: ${outcome.reason}`;
}

/**
 * A readable report of a disagreement, with the reference's trace.
 *
 * @param c - the comparison
 */
export function describeComparison(c: Comparison): string {
  const q = c.query;
  return [
    `query: from ${q.from} to ${q.dstIp}:${q.port} ${q.protocol} (client port ${q.clientPort}, NAT port ${q.natPort})`,
    `reference: ${c.reference.cls} — ${describeOutcome(c.reference.sample)}`,
    `engine: ${c.engineDetail}`,
    "reference trace:",
    ...c.reference.sample.steps.map((s) => `  ${s}`),
  ].join("\n");
}

export { indexModel };
