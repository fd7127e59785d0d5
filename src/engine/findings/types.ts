/**
 * The shape every audit finding module shares, ESLint-style: a `meta` record (id, default severity,
 * the AWS documentation page behind it, a title template) and a `check` function over the model
 * index. Findings are configuration facts ("root access is enabled"); the few that depend on what a
 * notebook can actually reach ask the audit's reachability answers through `ReachLookup`.
 */
import type { ModelIndex } from "../../model/indexes.js";
import type { BlockedAt, Hop, Verdict, VerdictKind } from "../verdict.js";

/** Most severe first; the audit sorts and groups findings in this order. */
export const SEVERITIES = ["high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One problem found by the audit, with the change that removes it. */
export interface Finding {
  /** The finding module's `meta.id`, e.g. `notebook-root-access`. */
  rule: string;
  severity: Severity;
  /** The resource the finding is about (notebook name, `sg-…`, `rtb-…`, `vpce-…`). */
  resource: string;
  /** One line, from the module's `meta.message` template. */
  title: string;
  /** Why it matters here, naming the resources involved. */
  detail: string;
  /** A concrete change (usually a ready-to-run AWS CLI command). */
  fix: string;
  /** The AWS Security Hub control or AWS Config rule that checks the same thing, when there is one. */
  control?: string;
}

export interface FindingMeta {
  id: string;
  /** The default severity; a check may raise or lower it per case (e.g. port 22 vs 8080). */
  severity: Severity;
  docs: { description: string; url: string };
  /** Title template; `{{key}}` is replaced by the `data` a check reports. */
  message: string;
  /** The AWS Security Hub control (`SageMaker.5`) or AWS Config rule that checks the same thing. */
  control?: string;
  /** Standard destinations whose verdicts the check asks `ReachLookup` for, so the audit keeps those. */
  reaches?: readonly string[];
}

/**
 * What the findings read of a verdict. The audit keeps this for every source and destination the
 * findings ask about while it writes the rows, instead of whole proofs (10,000 notebooks' proofs held
 * several hundred MB until the findings ran).
 */
export interface ReachSummary {
  verdict: VerdictKind;
  explanation: string;
  fix?: string;
  blockedAt?: Pick<BlockedAt, "component" | "code">;
  path: Pick<Hop, "type" | "component">[];
}

/**
 * The part of a verdict the findings read.
 *
 * @param verdict - a whole verdict
 */
export function reachSummary(verdict: Verdict): ReachSummary {
  const { blockedAt } = verdict;
  return {
    verdict: verdict.verdict,
    explanation: verdict.explanation,
    ...(verdict.fix !== undefined && { fix: verdict.fix }),
    ...(blockedAt && { blockedAt: { component: blockedAt.component, code: blockedAt.code } }),
    path: verdict.path.map((hop) => ({ type: hop.type, component: hop.component })),
  };
}

/** Reachability answers the audit already computed (or computes on demand) for findings that need them. */
export interface ReachLookup {
  /**
   * @param sourceId - a query source (notebook name, `i-…`)
   * @param destination - a query destination (`internet`, `s3`, …)
   */
  verdict(sourceId: string, destination: string): ReachSummary;
}

export interface FindingRule {
  meta: FindingMeta;
  /**
   * @param index - lookups over the model under audit
   * @param reach - reachability answers, for the findings that depend on them
   */
  check(index: ModelIndex, reach: ReachLookup): Finding[];
}

/** What a check reports for one case; `report` turns it into a `Finding`. */
export interface FindingReport {
  resource: string;
  data?: Record<string, string>;
  detail: string;
  fix: string;
  severity?: Severity;
}

/**
 * Builds a finding from a module's meta and one reported case.
 *
 * @param meta - the reporting module's meta (id, default severity, title template)
 * @param found - the resource, template data, detail, fix and an optional severity override
 */
export function report(meta: FindingMeta, found: FindingReport): Finding {
  const data = found.data ?? {};
  const title = meta.message.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => data[key] ?? whole);
  return {
    rule: meta.id,
    severity: found.severity ?? meta.severity,
    resource: found.resource,
    title,
    detail: found.detail,
    fix: found.fix,
    ...(meta.control ? { control: meta.control } : {}),
  };
}

/**
 * The more severe of two severities.
 *
 * @param a - a severity
 * @param b - another severity
 */
export function moreSevere(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b;
}

/**
 * Orders findings most severe first, then by rule and resource, so output is stable.
 *
 * @param findings - findings in any order (not modified)
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank = (severity: Severity) => SEVERITIES.indexOf(severity);
  return [...findings].sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) || a.rule.localeCompare(b.rule) || a.resource.localeCompare(b.resource),
  );
}
