/**
 * Human text for `vpcreach check`: a summary line, the violations (each with the intent's line in the
 * file, why it is violated, the engine's proof as `vpcreach query` prints it, and the fix), the
 * unknown answers, the findings that fail the check or are suppressed, expired suppressions, and the
 * result.
 */
import type { CheckResult, DeadSelector, EmptyIntent, IntentResult } from "../intents/evaluate.js";
import type { Intent } from "../intents/parse.js";
import { alignColumns, clean, painter, protocolText, verdictToText, type TextOptions } from "./verdict-text.js";

/** Counts of a check's answers, as every output format states them. */
export interface CheckCounts {
  holds: number;
  violated: number;
  unknown: number;
  failingFindings: number;
  suppressedFindings: number;
  expiredSuppressions: number;
  /** Intents that select no source. */
  emptyIntents: number;
  /** Selectors that match nothing in intents that select sources (and dead `except` selectors). */
  deadSelectors: number;
}

/**
 * @param result - the check
 */
export function checkCounts(result: CheckResult): CheckCounts {
  const count = (status: IntentResult["status"]) => result.intents.filter((r) => r.status === status).length;
  return {
    holds: count("holds"),
    violated: count("violated"),
    unknown: count("unknown"),
    failingFindings: result.findings.filter((r) => r.status === "fails").length,
    suppressedFindings: result.findings.filter((r) => r.status === "suppressed").length,
    expiredSuppressions: result.expiredSuppressions.length,
    emptyIntents: result.emptyIntents.length,
    deadSelectors: result.deadSelectors.length,
  };
}

/** `nothing in the snapshot matches "vpc-0nope"`: the words every selector report shares. */
function matchesNothing(selectors: readonly string[]): string {
  return `nothing in the snapshot matches ${selectors.map((s) => `"${clean(s)}"`).join(", ")}`;
}

/**
 * Why an intent selects nothing, naming its selectors, as every output format says it:
 * `from "notebooks & vpc-0nope" selects no source: nothing in the snapshot matches "vpc-0nope"`.
 *
 * @param empty - the intent and its unmatched selectors
 */
export function emptyIntentReason(empty: EmptyIntent): string {
  const from = empty.intent.from.map((s) => `"${clean(s)}"`).join(", ");
  const named = empty.selectors.map((s) => `"${clean(s)}"`).join(", ");
  const excepted = empty.selectors.every((s) => s.startsWith("except: "));
  return `from ${from} selects no source: ${excepted ? `${named} leaves none` : matchesNothing(empty.selectors)}`;
}

/**
 * Why a selector is dead, as every output format says it:
 * `except "sandbx" is a dead selector: nothing in the snapshot matches "sandbx", so it excludes nothing`.
 *
 * @param dead - the selector
 */
export function deadSelectorReason(dead: DeadSelector): string {
  const effect = dead.list === "except" ? ", so it excludes nothing" : ", so it adds no source";
  return `${dead.list} "${clean(dead.selector)}" is a dead selector: ${matchesNothing(dead.unmatched)}${effect}`;
}

/**
 * An intent that selects no source or a dead selector, in the one shape every output format reports
 * (a warning, or a failure under --strict).
 */
export interface SelectorProblem {
  kind: "no-source" | "dead-selector";
  intent: Intent;
  /** The intent's line (no source) or the selector's. */
  line: number;
  /** `selects no source`, `dead selector "vpc-0nope"`. */
  title: string;
  reason: string;
  /** The selectors that match nothing. */
  selectors: string[];
  /** Tells one problem from another across runs (SARIF fingerprints). */
  identity: string;
}

/**
 * The intents of a check that select no source, then its dead selectors, in file order within each.
 *
 * @param result - the check
 */
export function selectorProblems(result: CheckResult): SelectorProblem[] {
  return [
    ...result.emptyIntents.map((e) => ({
      kind: "no-source" as const,
      intent: e.intent,
      line: e.intent.line,
      title: "selects no source",
      reason: emptyIntentReason(e),
      selectors: e.selectors,
      identity: `no source\u0000${e.intent.from.join("\u0000")}`,
    })),
    ...result.deadSelectors.map((d) => ({
      kind: "dead-selector" as const,
      intent: d.intent,
      line: d.line,
      title: `dead selector "${clean(d.selector)}"`,
      reason: deadSelectorReason(d),
      selectors: [d.selector],
      identity: `dead selector\u0000${d.intent.id}\u0000${d.list}\u0000${d.selector}`,
    })),
  ];
}

/** The lines of the intents that select nothing and the dead selectors: near the top, since a typo there makes the check prove less. */
function selectorProblemLines(result: CheckResult, options: TextOptions & { strict: boolean }): string[] {
  const problems = selectorProblems(result);
  if (problems.length === 0) return [];
  const paint = painter(options);
  const what = result.deadSelectors.length === 0 ? "intents that select no source" : "intents that select no source and selectors that match nothing";
  const heading = options.strict ? `${what[0]!.toUpperCase()}${what.slice(1)} (each fails under --strict)` : `Warning: ${what} (they pass; --strict would fail them)`;
  return [
    paint("bold", paint(options.strict ? "red" : "yellow", heading)),
    ...problems.map((p) => `  ${options.strict ? paint("red", "✗") : paint("yellow", "!")} ${p.intent.id}  ${p.reason}  (${result.file}:${p.line})`),
    "",
  ];
}

/** `research-notebook → internet (tcp/443)`. */
export function resultTitle(result: IntentResult): string {
  return `${clean(result.source.id)} → ${result.intent.to} (${protocolText(result.verdict)})`;
}

/** The proof block of one answer, indented under it. */
function proof(result: IntentResult, options: TextOptions): string[] {
  return verdictToText(result.verdict, options)
    .trimEnd()
    .split("\n")
    .map((line) => (line ? `      ${line}` : ""));
}

function violationLines(result: IntentResult, file: string, options: TextOptions): string[] {
  const paint = painter(options);
  return [
    `  ${paint("red", "✗")} ${paint("bold", result.intent.id)} [${result.intent.severity}]  ${resultTitle(result)}  (${file}:${result.intent.line})`,
    ...(result.intent.description ? [`    intent: ${clean(result.intent.description)}`] : []),
    `    why:    ${clean(result.reason)}`,
    ...(result.fix ? [`    fix:    ${clean(result.fix)}`] : []),
    `    proof:  vpcreach query --from ${result.source.query} --to ${result.intent.to}`,
    ...proof(result, { color: false }),
    "",
  ];
}

/** The last line: FAIL, UNDETERMINED or PASS, with what decided it. */
function resultLine(counts: CheckCounts, options: TextOptions & { strict: boolean }): string {
  const paint = painter(options);
  const problems = [
    ...(counts.emptyIntents > 0 ? [`${counts.emptyIntents} intent(s) ${options.strict ? "selecting" : "select"} no source`] : []),
    ...(counts.deadSelectors > 0 ? [`${counts.deadSelectors} dead selector(s)`] : []),
  ];
  const strictProblems = options.strict ? problems : [];
  if (counts.violated + counts.failingFindings + counts.expiredSuppressions + strictProblems.length > 0) {
    const extra = strictProblems.map((p) => `, ${p}`).join("");
    return paint("red", `FAIL: ${counts.violated} violation(s), ${counts.failingFindings} failing finding(s), ${counts.expiredSuppressions} expired suppression(s)${extra}`);
  }
  if (options.strict && counts.unknown > 0) return paint("yellow", `UNDETERMINED: ${counts.unknown} unknown answer(s) under --strict`);
  const unknown = counts.unknown > 0 ? ` (${counts.unknown} unknown)` : "";
  if (problems.length > 0) {
    const holds = counts.emptyIntents > 0 ? "every intent that selects a source holds" : "every intent holds";
    return paint("yellow", `PASS: ${holds}${unknown}; ${problems.join(", ")} (--strict would fail them)`);
  }
  return paint("green", `PASS: every intent holds${unknown}`);
}

/**
 * The whole text of a check, line by line (without line breaks; a check of a large estate has
 * hundreds of megabytes of proofs, more than one string can hold).
 *
 * @param result - the check
 * @param snapshot - what was checked (for the first line)
 * @param options - colour, and whether unknown answers fail (`strict`)
 */
export function checkTextLines(result: CheckResult, snapshot: string, options: TextOptions & { strict: boolean }): string[] {
  const paint = painter(options);
  const counts = checkCounts(result);
  const lines = [
    `Check of ${clean(snapshot)} against ${clean(result.file)}: ${result.declared.length} intents, ${result.intents.length} answers`,
    `${paint("green", `✓ ${counts.holds} hold`)}   ${paint("red", `✗ ${counts.violated} violated`)}   ${paint("yellow", `? ${counts.unknown} unknown`)}` +
      (counts.emptyIntents > 0 ? `   ${paint(options.strict ? "red" : "yellow", `∅ ${counts.emptyIntents} select no source`)}` : "") +
      (counts.deadSelectors > 0 ? `   ${paint(options.strict ? "red" : "yellow", `∅ ${counts.deadSelectors} dead selector(s)`)}` : "") +
      (result.findings.length > 0 ? `   findings: ${counts.failingFindings} fail, ${counts.suppressedFindings} suppressed` : ""),
    "",
    ...selectorProblemLines(result, options),
  ];
  const violated = result.intents.filter((r) => r.status === "violated");
  if (violated.length > 0) lines.push(paint("bold", "Violations"), ...violated.flatMap((r) => violationLines(r, result.file, options)));
  const unknown = result.intents.filter((r) => r.status === "unknown");
  if (unknown.length > 0) {
    lines.push(paint("bold", `Unknown (${options.strict ? "these fail under --strict" : "they fail only with --strict"})`));
    lines.push(...alignColumns(unknown.map((r) => [`  ? ${r.intent.id}`, resultTitle(r), clean(r.reason)])), "");
  }
  const failing = result.findings.filter((r) => r.status === "fails");
  if (failing.length > 0) {
    lines.push(paint("bold", "Findings that fail the check"));
    for (const { finding } of failing) {
      lines.push(`  ${paint("red", "✗")} ${finding.severity.toUpperCase()} ${clean(finding.title)}  [${finding.rule}, ${clean(finding.resource)}]`, `    fix: ${clean(finding.fix)}`);
    }
    lines.push("");
  }
  const suppressed = result.findings.filter((r) => r.status === "suppressed");
  if (suppressed.length > 0) {
    lines.push(paint("bold", "Suppressed findings"));
    for (const { finding, suppression } of suppressed) {
      lines.push(`  - ${finding.rule} ${clean(finding.resource)}: ${clean(suppression!.reason)} (until ${suppression!.expires}, ${result.file}:${suppression!.line})`);
    }
    lines.push("");
  }
  if (result.expiredSuppressions.length > 0) {
    lines.push(paint("bold", "Expired suppressions (each fails the check)"));
    for (const s of result.expiredSuppressions) {
      lines.push(`  ${paint("red", "✗")} ${s.rule}${s.resource ? ` ${clean(s.resource)}` : ""} expired on ${s.expires}: ${clean(s.reason)} (${result.file}:${s.line})`);
    }
    lines.push("");
  }
  lines.push(resultLine(counts, options));
  return lines;
}
