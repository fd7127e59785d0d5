/**
 * Turns the outcomes of one path search (a partition of the destination set into delivered, blocked
 * and unknown parts) into a `Verdict`: the verdict kind, the representative path (the part covering
 * the most addresses), `reachableSubset` when only part is reachable, the block, the explanation and
 * the fix. See analyze.ts for the verdict semantics. Without the proof (`Analyzer.answer`), the same
 * verdict, path and explanation are built, but not what only a reader of the proof needs: the hops'
 * numbered copies, the return path, the warnings, the destination's and the reachable part's CIDRs.
 */
import { IntervalSet } from "../net/index.js";
import { summarize } from "./packet.js";
import type { Destination } from "./destination.js";
import type { Source } from "./source.js";
import type { Outcome } from "./trace.js";
import type { Hop, Verdict } from "./verdict.js";

const KEY_TYPES = new Set(["nat-gateway", "internet-gateway", "gateway-endpoint", "interface-endpoint", "vpc-peering-connection", "transit-gateway", "sagemaker-managed-network"]);

/** Copies of the hops with their sequence numbers (hops are shared between branches, so copied). */
function numbered(hops: Hop[]): Hop[] {
  return hops.map((h, i) => ({ sequence: i + 1, component: h.component, type: h.type, name: h.name, evidence: h.evidence, inbound: h.inbound, outbound: h.outbound, details: h.details }));
}

/** True when a path crosses Availability Zones (a tie-breaker: the same-AZ path is the one shown). */
function crossesAz(o: Outcome): boolean {
  return o.path.some((h) => h.details?.includes("AVAILABILITY_ZONE_CROSSED"));
}

/** The outcome covering the most addresses (ties: the one that stays in its AZ). */
function largest(outcomes: Outcome[]): Outcome | undefined {
  let best: Outcome | undefined;
  let bestSize = -1;
  for (const o of outcomes) {
    const size = o.addresses.size();
    if (size > bestSize || (size === bestSize && best && crossesAz(best) && !crossesAz(o))) {
      best = o;
      bestSize = size;
    }
  }
  return best;
}

function destinationText(dest: Destination): string {
  if (dest.type === "internet") return "the internet";
  if (dest.type === "aws-service") return dest.serviceName ?? dest.spec;
  return dest.spec;
}

function via(path: Hop[]): string {
  const keys = path.filter((h) => KEY_TYPES.has(h.type)).map((h) => h.component);
  if (keys.length > 0) return ` through ${keys.join(" and ")}`;
  const last = path[path.length - 1];
  // A link-local service (DNS, metadata, time sync) is reached straight from the instance.
  if (path.length === 2 && last?.type === "aws-service") return `, ${last.name ?? last.component}, without security groups, network ACLs or routes`;
  return path.some((h) => h.type === "vpc") ? " inside the VPC" : " within the subnet";
}

/**
 * The network interface created at apply (see `Destination.atApply`) whose possible addresses the
 * outcomes do not all treat alike (some delivered, others not), if any: its one real address decides.
 */
function splitAtApply(dest: Destination, outcomes: Outcome[]): string | undefined {
  for (const part of dest.atApply ?? []) {
    const statuses = new Set(outcomes.filter((o) => !o.addresses.intersect(part.addresses).isEmpty()).map((o) => o.status === "delivered"));
    if (statuses.size > 1) return part.eni.id;
  }
  return undefined;
}

/**
 * The `unknown` verdict for a destination set the network splits where the one real address is not
 * known: shown through the largest part not delivered, its block reported as `MISSING_DATA`.
 *
 * @param base - the verdict's source, destination, protocol and port
 * @param notDelivered - the outcomes that were blocked or unknown
 * @param explain - the explanation, given why the largest of them stopped
 * @param warnings - the verdict's warnings
 */
function unknownSplit(base: Pick<Verdict, "source" | "destination" | "protocol" | "port">, notDelivered: Outcome[], explain: (why: string) => string, warnings: string[], copy: (hops: Hop[]) => Hop[]): Verdict {
  const other = largest(notDelivered) as Outcome;
  return {
    source: base.source,
    destination: base.destination,
    protocol: base.protocol,
    port: base.port,
    verdict: "unknown",
    path: copy(other.path),
    returnPath: [],
    ...(other.block ? { blockedAt: { component: other.block.component, type: other.block.type, code: "MISSING_DATA", direction: other.block.direction, rule: other.block.rb.rule } } : {}),
    explanation: explain(other.block?.rb.message ?? "blocked"),
    warnings,
  };
}

export interface QueryShape {
  src: Source;
  dest: Destination;
  protocol: string;
  port: number | null;
  /** False for an answer without its proof (see the module comment). */
  proof: boolean;
}

/**
 * Builds the verdict.
 *
 * @param shape - source, destination, protocol and port
 * @param outcomes - the partition of the destination set
 */
export function combine(shape: QueryShape, outcomes: Outcome[]): Verdict {
  const { src, dest, proof } = shape;
  // Without the proof, the path is the outcome's own hops (shared, not numbered) and the return path is not shown.
  const copy = proof ? numbered : (hops: Hop[]): Hop[] => hops;
  const shown = proof ? numbered : (): Hop[] => [];
  // Each verdict names these four fields first, in this order (the JSON's order), rather than spreading
  // `base` into it: a spread into an object literal cost microseconds per verdict, a large estate's
  // cost estimate builds hundreds of thousands.
  const base = {
    source: { id: src.id, type: src.type, ...(src.name ? { name: src.name } : {}) },
    destination: {
      spec: dest.spec,
      type: dest.type,
      addresses: dest.symbolic || !proof ? [] : summarize(dest.addresses, 16),
      ...(dest.serviceName ? { service: dest.serviceName } : {}),
    },
    protocol: shape.protocol,
    port: shape.port,
  };
  const portText = shape.port === null ? shape.protocol : `${shape.protocol} ${shape.port}`;
  const delivered = outcomes.filter((o) => o.status === "delivered");
  const unknown = outcomes.filter((o) => o.status === "unknown");
  const blocked = outcomes.filter((o) => o.status === "blocked");
  const warnings = proof ? [...new Set(outcomes.flatMap((o) => o.warnings))] : [];
  let reachable = IntervalSet.EMPTY;
  for (const o of delivered) reachable = reachable.union(o.addresses);
  let undecided = IntervalSet.EMPTY;
  for (const o of unknown) undecided = undecided.union(o.addresses);

  // A symbolic service set that the network splits: the service's real addresses decide, and the snapshot lacks them.
  if (dest.symbolic && delivered.length > 0 && delivered.length < outcomes.length) {
    return unknownSplit(base, [...blocked, ...unknown], (why) => `${destinationText(dest)}'s addresses are not in the snapshot, and the network treats parts of the public address space differently (${why})`, [
      ...warnings,
      `add the prefix list of ${dest.serviceName} (describe-prefix-lists) to decide`,
    ], copy);
  }
  const split = splitAtApply(dest, outcomes);
  if (split) {
    return unknownSplit(base, [...blocked, ...unknown], (why) => `the answer depends on the address AWS gives ${split} at apply: the network treats the addresses it may get differently (${why})`, warnings, copy);
  }

  if (delivered.length > 0) {
    const main = largest(delivered) as Outcome;
    const partial = !reachable.equals(dest.addresses) && !dest.symbolic;
    const notReached = largest([...blocked, ...unknown]);
    const extra: string[] = [];
    for (const o of proof ? [...blocked, ...unknown] : []) {
      extra.push(`${summarize(o.addresses, 4).join(", ")}: ${o.status === "unknown" ? "unknown" : "blocked"} at ${o.block?.component} (${o.block?.rb.code}): ${o.block?.rb.message}`);
    }
    const verdict: Verdict = {
      source: base.source,
    destination: base.destination,
    protocol: base.protocol,
    port: base.port,
      verdict: "reachable",
      path: copy(main.path),
      returnPath: shown(main.returnPath),
      explanation: `${src.id} reaches ${partial ? "part of " : ""}${destinationText(dest)} on ${portText}${via(main.path)}${partial ? `; the rest is ${unknown.length > 0 ? "not proven reachable" : "not reachable"} (${notReached?.block?.rb.message ?? "blocked"})` : ""}.`,
      warnings: [...warnings, ...extra],
    };
    if (partial) {
      if (proof) {
        verdict.reachableSubset = {
          addresses: reachable.toCidrs(),
          ports: shape.port === null ? [] : [String(shape.port)],
          note: `reachable${via(main.path)}; other addresses ${notReached ? `stop at ${notReached.block?.component} (${notReached.block?.rb.code})` : "are not reachable"}`,
          // A part the search could not decide is not claimed unreachable.
          ...(unknown.length > 0 ? { unknownAddresses: undecided.toCidrs() } : {}),
        };
      }
      if (notReached?.block?.rb.fix) verdict.fix = notReached.block.rb.fix;
    }
    return verdict;
  }

  const chosen = largest(unknown) ?? largest(blocked);
  if (!chosen || !chosen.block) {
    return { source: base.source, destination: base.destination, protocol: base.protocol, port: base.port, verdict: "unknown", path: [], returnPath: [], explanation: "the destination set is empty", warnings };
  }
  const b = chosen.block;
  const kind = unknown.length > 0 ? "unknown" : "unreachable";
  const verdict: Verdict = {
    source: base.source,
    destination: base.destination,
    protocol: base.protocol,
    port: base.port,
    verdict: kind,
    path: copy(chosen.path),
    returnPath: shown(chosen.returnPath),
    blockedAt: { component: b.component, type: b.type, code: b.rb.code, direction: b.direction, rule: b.rb.rule },
    explanation: `${b.rb.message}${b.direction === "return" ? " (return traffic)" : ""}.`,
    warnings,
  };
  if (b.rb.fix) verdict.fix = b.rb.fix;
  if (kind === "unknown" && blocked.length > 0) {
    const other = largest(blocked) as Outcome;
    verdict.warnings.push(`other addresses are blocked at ${other.block?.component} (${other.block?.rb.code}): ${other.block?.rb.message}`);
  }
  return verdict;
}
