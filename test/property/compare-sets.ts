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
 * - an address the reference cannot model accepts any answer;
 * - the engine's `unknown` for the whole set is accepted only when some part of the set is
 *   undecidable for the reference (unmodeled, or judged by cases over missing data): one address
 *   of every part the network's CIDRs cut the set into is asked (`partsOf`), so an undecidable part
 *   no sample falls in still counts, and an `unknown` where every part is decidable is a
 *   disagreement; likewise `reachableSubset.unknownAddresses` must hold an undecidable part. A set
 *   with no known address (a public service endpoint the snapshot gives no addresses for) accepts
 *   `unknown`.
 */
import type { Model } from "../../src/model/types.js";
import type { ModelIndex } from "../../src/model/indexes.js";
import type { Verdict } from "../../src/engine/verdict.js";
import { anyCidrContains, cidrContains, numberToIp, prefixLength } from "../reference/ipv4.js";
import { modelCidrs, NOT_PUBLIC, partStarts } from "../reference/assume.js";
import { referenceAnswer, describeOutcome, type ReferenceAnswer } from "./compare.js";
import { hostIn, ownAddresses } from "../generators/packets.js";
import { checkDns, checkedAs, type DnsCheck } from "./compare-dns.js";

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
  /** For a named service: the reference's own resolution of its default name (compare-dns.ts). */
  dns?: DnsCheck;
  agree: boolean;
}

/**
 * Addresses to sample from a list of CIDRs: two low hosts and one near the end of each, so a
 * large CIDR is probed beyond its first /24 (a /15 split by a /16 route is sampled on both sides).
 *
 * @param cidrs - IPv4 CIDRs
 */
export function samplesOf(cidrs: readonly string[]): string[] {
  return cidrs.flatMap((cidr) => [hostIn(cidr, 7), hostIn(cidr, 250), hostIn(cidr, Math.max(0, 2 ** (32 - prefixLength(cidr)) - 7))]);
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
  // How the name resolves is checked first: when it does not resolve (NXDOMAIN), or data the snapshot
  // lacks decides (then only `unknown` agrees), the name leads to no address to check.
  const dns = checkDns(model, question.from, question.to, verdict);
  const checked = dns ? checkedAs(dns.resolution, verdict).kind : undefined;
  // Where the reference cannot tell how the name resolves, the engine's NXDOMAIN (a verdict at the
  // name) is as good as any answer: the addresses it did not resolve to are not checked either.
  const atName = checked === "unmodeled" && verdict.blockedAt?.type === "hosted-zone";
  const noAddress = checked === "nxdomain" || checked === "missing" || checked === "undocumented" || checked === "forwarded" || atName;
  // A verdict the engine says every option of a routing policy (or both answers of an S3 option the
  // snapshot lacks) leads to is checked at every option's addresses.
  const resolution = dns ? checkedAs(dns.resolution, verdict) : undefined;
  const options =
    resolution?.kind === "choice" && verdict.verdict !== "unknown" ? resolution.options.flatMap((o) => o.addresses.map((ip) => `${ip}/32`))
    : resolution?.kind === "either" && verdict.verdict !== "unknown" ? [...resolution.addresses.map((ip) => `${ip}/32`), ...publicCidrs(model, question.to)]
    : undefined;
  const edges = samplesOf(question.to.includes("/") ? [question.to] : (options ?? verdict.destination.addresses));
  const own = ownAddresses(model, question.from);
  const addresses = noAddress ? [] : [...new Set([...edges, ...question.samples])].filter((address) => !own.includes(address)).slice(0, 13);
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
  const undecidable = (address: string) => checks.find((c) => c.address === address)?.reference ?? referenceAnswer(model, index, { ...question, dstIp: address });
  const setCidrs = question.to.includes("/") ? [question.to] : verdict.destination.addresses;
  // Where the reference cannot tell how the name resolves, it cannot tell an `unknown` wrong either.
  const unknownAllowed = verdict.verdict !== "unknown" || checks.length === 0 || dns?.resolution.kind === "unmodeled" || dns?.resolution.kind === "choice" || dns?.resolution.kind === "either" || someUndecidable(partsOf(model, setCidrs, question.from), undecidable);
  const unknownAddresses = verdict.reachableSubset?.unknownAddresses ?? [];
  const partlyUnknownAllowed = verdict.verdict === "unknown" || unknownAddresses.length === 0 || someUndecidable(partsOf(model, unknownAddresses, question.from), undecidable);
  const subsetNote = subset ? ` (subset: ${subset.slice(0, 6).join(", ")}${subset.length > 6 ? ", …" : ""})` : "";
  return {
    question,
    engine: verdict.verdict,
    engineDetail: `${verdict.verdict}${subsetNote}: ${verdict.explanation}`,
    checks,
    ...(dns ? { dns } : {}),
    agree: unknownAllowed && partlyUnknownAllowed && checks.every((c) => c.agree) && dns?.agree !== false,
  };
}

/**
 * The public addresses of a named gateway service (S3: its Region's AWS prefix list), where the
 * snapshot gives them; none for other names.
 *
 * @param model - the network
 * @param to - the destination as asked
 */
function publicCidrs(model: Model, to: string): string[] {
  if (to !== "s3") return [];
  return [...model.prefixLists.values()].find((p) => p.awsManaged && /^com\.amazonaws\.[a-z0-9-]+\.s3$/.test(p.prefixListName))?.cidrs ?? [];
}

/**
 * One address from each part of the CIDRs that the network treats alike: the CIDRs the model names
 * (`modelCidrs`), the address space the internet does not use, and every private address of an ENI
 * cut the CIDRs into parts, and every rule the reference applies treats all the addresses of a part
 * alike. An `unknown` the engine gives for a set may come from any part, sampled or not. The
 * source's own addresses are left out, as they are from the samples.
 *
 * @param model - the network
 * @param cidrs - the set (or the part of it the engine left undecided)
 * @param from - the source (instance id or notebook name)
 */
export function partsOf(model: Model, cidrs: readonly string[], from: string): string[] {
  const own = new Set(ownAddresses(model, from));
  const privateIps = [...model.networkInterfaces.values()].flatMap((e) => e.privateIps.map((a) => `${a.privateIp}/32`));
  const cuts = partStarts([...modelCidrs(model), ...NOT_PUBLIC, ...privateIps, ...cidrs]);
  const parts = cidrs.flatMap((cidr) => cuts.filter((n) => cidrContains(cidr, numberToIp(n))).map(numberToIp));
  return [...new Set(parts)].filter((address) => !own.has(address));
}

/**
 * True when the reference cannot decide some address by itself: unmodeled, or decided only by cases
 * over data the snapshot lacks (where the engine may say `unknown`).
 *
 * @param addresses - one address per part
 * @param answer - the reference's answer for an address
 */
function someUndecidable(addresses: readonly string[], answer: (address: string) => ReferenceAnswer): boolean {
  return addresses.some((address) => {
    const reference = answer(address);
    return reference.cls === "unmodeled" || reference.assumed;
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
    ...(c.dns && !c.dns.agree ? [`reference DNS: ${c.dns.resolution.kind} (${c.dns.resolution.why}); engine: ${c.dns.engine}`] : []),
    ...bad.map((x) => `  ${x.address}: engine says ${x.engineSaysReachable ? "reachable" : "not reachable"}, reference ${x.reference.cls} — ${describeOutcome(x.reference.sample)}`),
    ...(bad[0] ? ["reference trace:", ...bad[0].reference.sample.steps.map((s) => `  ${s}`)] : []),
  ].join("\n");
}
