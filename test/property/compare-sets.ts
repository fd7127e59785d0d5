/**
 * Set answers: the engine answers a CIDR (or a service name such as `s3`, resolved to addresses) for
 * the whole set, possibly with `reachableSubset`. Sampled addresses in the set are asked of the
 * reference one by one (at every port edge, see compare.ts):
 *
 * - an address the engine says is reachable (verdict `reachable` and inside `reachableSubset` when
 *   one is given) must be delivered;
 * - an address in `reachableSubset.unknownAddresses` (a part the engine could not decide) accepts
 *   any reference answer;
 * - any other address must not be delivered (dropped, or only partly as in compare.ts);
 * - an address the reference cannot model accepts any answer; the engine's `unknown` for the set
 *   is accepted only when some sampled address is unmodeled or judged by cases over missing data,
 *   or when the set has no known address (a public service endpoint the snapshot gives no
 *   addresses for).
 */
import type { Model } from "../../src/model/types.js";
import type { ModelIndex } from "../../src/model/indexes.js";
import type { Verdict } from "../../src/engine/verdict.js";
import { anyCidrContains, cidrContains, prefixLength } from "../reference/ipv4.js";
import { referenceAnswer, describeOutcome, type ReferenceAnswer } from "./compare.js";
import { hostIn } from "../generators/packets.js";

export interface SetQuestion {
  from: string;
  /** A CIDR or a destination name (`s3`, `sagemaker-api`, …). */
  to: string;
  protocol: "tcp" | "udp";
  port: number;
  clientPort: number;
  natPort: number;
  /** Addresses of the set to check (for names, more are added from the engine's resolved addresses). */
  samples: string[];
}

export interface SetComparison {
  question: SetQuestion;
  engine: Verdict["verdict"] | "error";
  engineDetail: string;
  /** Per sampled address: the reference's class and whether the engine's answer covers it. */
  checks: { address: string; engineSaysReachable: boolean; engineUndecided: boolean; reference: ReferenceAnswer; agree: boolean }[];
  agree: boolean;
}

/** Addresses to sample from a list of CIDRs: a low and a high host of each. */
export function samplesOf(cidrs: readonly string[]): string[] {
  return cidrs.flatMap((cidr) => [hostIn(cidr, 7), hostIn(cidr, 250)]);
}

/**
 * Compares the engine's answer for a set with the reference on sampled addresses.
 *
 * @param ask - runs the engine query
 * @param model - the network
 * @param index - its index
 * @param question - the set question
 */
export function compareSet(
  ask: (q: { from: string; to: string; protocol: "tcp" | "udp"; port: number }) => Verdict,
  model: Model,
  index: ModelIndex,
  question: SetQuestion,
): SetComparison {
  let verdict: Verdict;
  try {
    const to = question.to.includes("/") ? `${question.to}:${question.port}` : question.to;
    verdict = ask({ from: question.from, to, protocol: question.protocol, port: question.port });
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { question, engine: "error", engineDetail: detail, checks: [], agree: false };
  }
  const resolved = question.to.includes("/") ? [] : samplesOf(verdict.destination.addresses);
  const addresses = [...new Set([...question.samples, ...resolved])].slice(0, 12);
  const subset = verdict.reachableSubset?.addresses;
  const checks = addresses.map((address) => {
    const engineSaysReachable = verdict.verdict === "reachable" && (subset === undefined || anyCidrContains(subset, address));
    const engineUndecided = verdict.verdict === "unknown" || (!engineSaysReachable && anyCidrContains(verdict.reachableSubset?.unknownAddresses ?? [], address));
    const reference = referenceAnswer(model, index, { ...question, dstIp: address });
    const agree =
      reference.cls === "unmodeled" ||
      engineUndecided ||
      (engineSaysReachable ? reference.cls === "delivered" : reference.cls !== "delivered");
    return { address, engineSaysReachable, engineUndecided, reference, agree };
  });
  // With no address to sample (a public service whose addresses the snapshot lacks) there is nothing to check.
  const unknownAllowed =
    verdict.verdict !== "unknown" ||
    checks.length === 0 ||
    checks.some((c) => c.reference.cls === "unmodeled" || c.reference.assumed) ||
    routedPartsUnmodeled(model, index, question);
  const subsetNote = subset ? ` (subset: ${subset.slice(0, 6).join(", ")}${subset.length > 6 ? ", …" : ""})` : "";
  return {
    question,
    engine: verdict.verdict,
    engineDetail: `${verdict.verdict}${subsetNote}: ${verdict.explanation}`,
    checks,
    agree: unknownAllowed && checks.every((c) => c.agree),
  };
}

/**
 * True when some part of the set that a route sends elsewhere (an address inside each route CIDR
 * of the model that lies in the set) is unmodeled by the reference: the engine's `unknown` for the
 * whole set may come from a part the sampled addresses missed.
 */
function routedPartsUnmodeled(model: Model, index: ModelIndex, question: SetQuestion): boolean {
  if (!question.to.includes("/")) return false;
  const routeCidrs = [...model.routeTables.values()].flatMap((t) =>
    t.routes.flatMap((r) => (r.destination.kind === "cidr" ? [r.destination.cidr] : [])),
  );
  const probes = [...new Set(routeCidrs)]
    .filter((cidr) => prefixLength(cidr) >= prefixLength(question.to) && cidrContains(question.to, cidr.split("/")[0]!) && cidrContains(question.to, hostIn(cidr, 7)))
    .map((cidr) => hostIn(cidr, 7));
  return probes.some((address) => {
    const answer = referenceAnswer(model, index, { ...question, dstIp: address });
    return answer.cls === "unmodeled" || answer.assumed;
  });
}

/**
 * A readable report of a set disagreement.
 *
 * @param c - the comparison
 */
export function describeSetComparison(c: SetComparison): string {
  const q = c.question;
  const bad = c.checks.filter((x) => !x.agree);
  return [
    `set query: from ${q.from} to ${q.to}:${q.port} ${q.protocol}`,
    `engine: ${c.engineDetail}`,
    ...bad.map((x) => `  ${x.address}: engine says ${x.engineSaysReachable ? "reachable" : "not reachable"}, reference ${x.reference.cls} — ${describeOutcome(x.reference.sample)}`),
    ...(bad[0] ? ["reference trace:", ...bad[0].reference.sample.steps.map((s) => `  ${s}`)] : []),
  ].join("\n");
}
