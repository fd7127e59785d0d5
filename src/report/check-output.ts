/**
 * `vpcreach check` in the machine formats: JSON (every answer with its full proof), SARIF 2.1.0 (one
 * rule per intent and per finding rule; results for violations, failing findings and expired
 * suppressions, for unknown answers under `--strict`, and for intents that select no source: errors
 * under `--strict`, warnings without), JUnit (one suite per intent, one case per
 * source, plus a findings suite) and GitHub Actions annotations.
 */
import { FINDING_RULES } from "../engine/findings/index.js";
import type { Finding } from "../engine/audit.js";
import type { CheckResult, EmptyIntent, IntentResult } from "../intents/evaluate.js";
import type { Intent } from "../intents/parse.js";
import { checkCounts, emptyIntentReason, resultTitle } from "./check-text.js";
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
function emptyIntentMessage(e: EmptyIntent, strict: boolean): string {
  return `${e.intent.id}: ${emptyIntentReason(e)}${strict ? "" : " (--strict would fail it)"}`;
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
    ...result.emptyIntents.map((e) => ({
      ruleId: `intent/${e.intent.id}`,
      level: strict ? sarifLevel(e.intent.severity) : ("warning" as const),
      message: emptyIntentMessage(e, strict),
      file: result.file,
      line: e.intent.line,
      resource: e.selectors.join(", "),
      identity: `no source\u0000${e.intent.from.join("\u0000")}`,
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
  for (const e of result.emptyIntents) {
    const base = { name: "no source selected", classname: `intent.${e.intent.id}` };
    const message = emptyIntentMessage(e, strict);
    suites.set(e.intent.id, { name: `intent/${e.intent.id}`, cases: [strict ? { ...base, failure: { message, type: "no-source", details: message } } : { ...base, skipped: message }] });
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
    ...result.emptyIntents.map((e) => ({
      level: strict ? ("error" as const) : ("warning" as const),
      file: result.file,
      line: e.intent.line,
      title: `vpcreach: ${e.intent.id} selects no source`,
      message: emptyIntentMessage(e, strict),
    })),
    ...result.findings
      .filter((r) => r.status === "fails")
      .map(({ finding }) => ({ level: "error" as const, file: result.file, line: result.findingsLine, title: `vpcreach: ${finding.rule}`, message: `${finding.resource}: ${finding.title}. Fix: ${finding.fix}` })),
    ...result.expiredSuppressions.map((s) => ({ level: "error" as const, file: result.file, line: s.line, title: "vpcreach: expired suppression", message: `${s.rule} expired on ${s.expires}: ${s.reason}` })),
  ];
  return githubAnnotations(annotations);
}
