/**
 * `vpcreach check` in the machine formats: JSON (every answer with its full proof), SARIF 2.1.0 (one
 * rule per intent and per finding rule; results for violations, failing findings and expired
 * suppressions, for unknown answers under `--strict`, and for intents that select no source: errors
 * under `--strict`, warnings without), JUnit (one suite per intent, one case per
 * source, plus a findings suite) and GitHub Actions annotations.
 */
import { FINDING_RULES } from "../engine/findings/index.js";
import type { Finding } from "../engine/audit.js";
import type { CheckResult, IntentResult } from "../intents/evaluate.js";
import type { Intent } from "../intents/parse.js";
import { checkCounts, deadSelectorReason, emptyIntentReason, resultTitle, selectorProblems, type SelectorProblem } from "./check-text.js";
import { githubAnnotations, type Annotation } from "./github-annotations.js";
import { junitXmlLines, type JUnitCase, type JUnitSuite } from "./junit.js";
import { sarifLevel, sarifLog, type SarifResult, type SarifRule } from "./sarif.js";
import { verdictToText } from "./verdict-text.js";

/**
 * The JSON document of a check.
 *
 * @param result - the check
 * @param snapshot - what was checked
 * @param status - the exit status the check ends with
 */
export function checkToJson(result: CheckResult, snapshot: string, status: number): object {
  return {
    snapshot,
    intentsFile: result.file,
    status,
    counts: checkCounts(result),
    intents: result.intents.map((r) => ({
      intent: r.intent.id,
      line: r.intent.line,
      severity: r.intent.severity,
      source: r.source.id,
      sourceKind: r.source.kind,
      destination: r.intent.to,
      status: r.status,
      reason: r.reason,
      ...(r.fix ? { fix: r.fix } : {}),
      verdict: r.verdict,
    })),
    findings: result.findings.map((r) => ({ ...r.finding, status: r.status, ...(r.suppression ? { suppression: r.suppression } : {}) })),
    expiredSuppressions: result.expiredSuppressions,
    emptyIntents: result.emptyIntents.map((e) => ({ intent: e.intent.id, line: e.intent.line, from: e.intent.from, selectors: e.selectors, reason: emptyIntentReason(e) })),
    deadSelectors: result.deadSelectors.map((d) => ({ intent: d.intent.id, list: d.list, selector: d.selector, line: d.line, unmatched: d.unmatched, reason: deadSelectorReason(d) })),
  };
}

/**
 * The SARIF rule of an intent.
 *
 * @param intent - the intent
 */
export function intentSarifRule(intent: Intent): SarifRule {
  return {
    id: `intent/${intent.id}`,
    name: intent.id,
    description: intent.description ?? `${intent.from.join(", ")} → ${intent.to}: ${intent.expect}`,
    level: sarifLevel(intent.severity),
  };
}

/** The SARIF rules of the built-in findings, each with its AWS documentation page. */
export function findingSarifRules(): SarifRule[] {
  return FINDING_RULES.map((rule) => ({
    id: `finding/${rule.meta.id}`,
    name: rule.meta.id,
    description: rule.meta.docs.description,
    helpUri: rule.meta.docs.url,
    level: sarifLevel(rule.meta.severity),
  }));
}

/**
 * The SARIF result of a finding.
 *
 * @param finding - the finding
 * @param file - the file the result points at
 * @param line - the line in it, if any
 */
export function findingSarifResult(finding: Finding, file: string, line: number | undefined): SarifResult {
  return {
    ruleId: `finding/${finding.rule}`,
    level: sarifLevel(finding.severity),
    message: `${finding.title}. ${finding.detail} Fix: ${finding.fix}`,
    file,
    line,
    resource: finding.resource,
    identity: finding.resource,
  };
}

/** The intent results that fail the check (unknown ones only under `strict`). */
function failingIntents(result: CheckResult, strict: boolean): IntentResult[] {
  return result.intents.filter((r) => r.status === "violated" || (strict && r.status === "unknown"));
}

/** `typo: from "vpc-0nope" selects no source: …`, and what --strict makes of it. */
function selectorProblemMessage(p: SelectorProblem, strict: boolean): string {
  return `${p.intent.id}: ${p.reason}${strict ? "" : " (--strict would fail it)"}`;
}

function intentMessage(r: IntentResult): string {
  const head = `${r.intent.id}: ${resultTitle(r)}: ${r.status === "unknown" ? "unknown: " : ""}${r.reason}`;
  return r.fix ? `${head}. Fix: ${r.fix}` : head;
}

/**
 * The SARIF log of a check.
 *
 * @param result - the check
 * @param strict - whether unknown answers are results too
 * @param version - the tool's version
 */
export function checkToSarif(result: CheckResult, strict: boolean, version: string): object {
  const rules: SarifRule[] = [
    ...result.declared.map(intentSarifRule),
    ...findingSarifRules(),
    { id: "suppression/expired", name: "expired-suppression", description: "A finding suppression in the intents file has passed its expiry date.", level: "error" },
  ];
  const results: SarifResult[] = [
    ...failingIntents(result, strict).map((r) => ({
      ruleId: `intent/${r.intent.id}`,
      level: r.status === "unknown" ? ("warning" as const) : sarifLevel(r.intent.severity),
      message: intentMessage(r),
      file: result.file,
      line: r.intent.line,
      resource: r.source.id,
      identity: `${r.source.id}\u0000${r.intent.to}`,
    })),
    ...selectorProblems(result).map((p) => ({
      ruleId: `intent/${p.intent.id}`,
      level: strict ? sarifLevel(p.intent.severity) : ("warning" as const),
      message: selectorProblemMessage(p, strict),
      file: result.file,
      line: p.line,
      resource: p.selectors.join(", "),
      identity: p.identity,
    })),
    ...result.findings.filter((r) => r.status === "fails").map(({ finding }) => findingSarifResult(finding, result.file, result.findingsLine)),
    ...result.expiredSuppressions.map((s) => ({
      ruleId: "suppression/expired",
      level: "error" as const,
      message: `The suppression of ${s.rule}${s.resource ? ` for ${s.resource}` : ""} expired on ${s.expires} (${s.reason}).`,
      file: result.file,
      line: s.line,
      resource: s.resource ?? s.rule,
      identity: `${s.rule}\u0000${s.resource ?? ""}`,
    })),
  ];
  return sarifLog(rules, results, version);
}

function intentCase(r: IntentResult, strict: boolean): JUnitCase {
  const base = { name: resultTitle(r), classname: `intent.${r.intent.id}` };
  if (r.status === "violated" || (strict && r.status === "unknown")) {
    return { ...base, failure: { message: intentMessage(r), type: r.status, details: verdictToText(r.verdict, { color: false }) } };
  }
  return r.status === "unknown" ? { ...base, skipped: `unknown: ${r.reason}` } : base;
}

/**
 * The JUnit XML of a check, line by line.
 *
 * @param result - the check
 * @param strict - whether unknown answers fail
 */
export function checkToJunit(result: CheckResult, strict: boolean): string[] {
  const suites = new Map<string, JUnitSuite>();
  for (const r of result.intents) {
    const suite = suites.get(r.intent.id) ?? { name: `intent/${r.intent.id}`, cases: [] };
    suite.cases.push(intentCase(r, strict));
    suites.set(r.intent.id, suite);
  }
  for (const p of selectorProblems(result)) {
    const base = { name: p.kind === "no-source" ? "no source selected" : p.title, classname: `intent.${p.intent.id}` };
    const message = selectorProblemMessage(p, strict);
    const failing: JUnitCase = strict ? { ...base, failure: { message, type: p.kind, details: message } } : { ...base, skipped: message };
    // An intent that selects nothing has no answer cases: its one case is the problem.
    const suite = p.kind === "no-source" ? undefined : suites.get(p.intent.id);
    suites.set(p.intent.id, { name: `intent/${p.intent.id}`, cases: [...(suite?.cases ?? []), failing] });
  }
  const findingCases: JUnitCase[] = [
    ...result.findings
      .filter((r) => r.status !== "passes")
      .map(({ finding, status, suppression }) => ({
        name: `${finding.rule} ${finding.resource}`,
        classname: `finding.${finding.rule}`,
        ...(status === "fails"
          ? { failure: { message: finding.title, type: finding.severity, details: `${finding.detail}\nFix: ${finding.fix}` } }
          : { skipped: `suppressed until ${suppression!.expires}: ${suppression!.reason}` }),
      })),
    ...result.expiredSuppressions.map((s) => ({
      name: `suppression ${s.rule}${s.resource ? ` ${s.resource}` : ""}`,
      classname: "suppression.expired",
      failure: { message: `expired on ${s.expires}`, type: "expired-suppression", details: s.reason },
    })),
  ];
  const all = [...suites.values()];
  if (findingCases.length > 0) all.push({ name: "findings", cases: findingCases });
  return junitXmlLines("vpcreach check", all);
}

/**
 * GitHub Actions annotations for a check's failures, on the intents file's lines.
 *
 * @param result - the check
 * @param strict - whether unknown answers are annotated as failures
 */
export function checkToAnnotations(result: CheckResult, strict: boolean): string {
  const annotations: Annotation[] = [
    ...result.intents
      .filter((r) => r.status !== "holds")
      .map((r) => ({
        level: r.status === "violated" ? ("error" as const) : strict ? ("error" as const) : ("warning" as const),
        file: result.file,
        line: r.intent.line,
        title: `vpcreach: ${r.intent.id} ${r.status}`,
        message: intentMessage(r),
      })),
    ...selectorProblems(result).map((p) => ({
      level: strict ? ("error" as const) : ("warning" as const),
      file: result.file,
      line: p.line,
      title: `vpcreach: ${p.intent.id} ${p.title}`,
      message: selectorProblemMessage(p, strict),
    })),
    ...result.findings
      .filter((r) => r.status === "fails")
      .map(({ finding }) => ({ level: "error" as const, file: result.file, line: result.findingsLine, title: `vpcreach: ${finding.rule}`, message: `${finding.resource}: ${finding.title}. Fix: ${finding.fix}` })),
    ...result.expiredSuppressions.map((s) => ({ level: "error" as const, file: result.file, line: s.line, title: "vpcreach: expired suppression", message: `${s.rule} expired on ${s.expires}: ${s.reason}` })),
  ];
  return githubAnnotations(annotations);
}
