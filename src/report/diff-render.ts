/**
 * `vpcreach diff` for people: plain text for a terminal and Markdown for a pull-request comment, from
 * one outline (summary, broken and mended intents, changed verdicts with both proofs side by side and
 * their causes, findings, cost delta, configuration changes), and SARIF for code scanning (broken
 * intents and new findings).
 */
import { money } from "../cost/render-tables.js";
import type { DiffResult, VerdictChange } from "../diff/diff.js";
import type { ConfigChange } from "../diff/config.js";
import type { Finding } from "../engine/audit.js";
import type { Verdict } from "../engine/verdict.js";
import { summarizeCell } from "./audit-text.js";
import { mdCode, mdProse, mdTable, mdText } from "./markdown.js";
import { findingSarifResult, findingSarifRules, intentSarifRule } from "./check-output.js";
import { sarifLevel, sarifLog, type SarifResult, type SarifRule } from "./sarif.js";
import { clean, verdictToText } from "./verdict-text.js";

/** Changes of the configuration listed in full before the rest are counted. */
const CONFIG_LIMIT = 50;

/** `✓ via nat-0abc`, `✗ blocked: …`, `(absent)`: a verdict in a few words. */
export function verdictBrief(verdict: Verdict | undefined): string {
  if (!verdict) return "(no such source)";
  const cell = summarizeCell(verdict, Infinity);
  return `${cell.mark} ${cell.reason}${verdict.requiresEndpointUrl ? " (endpoint URL needed)" : ""}`;
}

function causeText(cause: ConfigChange): string {
  const head = `${cause.resource}${cause.address && !cause.resource.includes(cause.address) ? ` [${cause.address}]` : ""} (${cause.collection}) ${cause.change}`;
  return cause.details.length > 0 ? `${head}: ${cause.details.join("; ")}` : head;
}

/** The summary counts every format starts with. */
function summaryLine(diff: DiffResult): string {
  const parts = [
    `${diff.verdicts.length} of ${diff.compared} answers changed`,
    `${diff.findings.added.length} new finding(s), ${diff.findings.resolved.length} resolved`,
    `${diff.configuration.length} resource(s) changed`,
    `cost ${diff.cost.unavailable ? "not computed" : `${money(diff.cost.beforeUsd)} → ${money(diff.cost.afterUsd)} per month`}`,
  ];
  if (diff.intents) parts.push(`${diff.intents.broken.length} intent answer(s) broken, ${diff.intents.mended.length} mended`);
  return parts.join("; ");
}

function indent(text: string, by: string): string[] {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => (line ? `${by}${line}` : ""));
}

function verdictChangeText(change: VerdictChange): string[] {
  return [
    `  ${clean(change.source)} → ${change.destination}: ${clean(verdictBrief(change.before))}  ⇒  ${clean(verdictBrief(change.after))}`,
    ...(change.causes.length > 0
      ? change.causes.map((cause) => `    because ${clean(causeText(cause))}`)
      : ["    because: no configuration change on either path was found (data that was missing or added elsewhere may explain it)"]),
    "    before:",
    ...(change.before ? indent(verdictToText(change.before, { color: false }), "      ") : ["      (no such source)"]),
    "    after:",
    ...(change.after ? indent(verdictToText(change.after, { color: false }), "      ") : ["      (no such source)"]),
    "",
  ];
}

function findingLine(finding: Finding): string {
  return `${finding.severity.toUpperCase()} ${finding.title} [${finding.rule}, ${finding.resource}]`;
}

/**
 * The diff as terminal text, line by line (without line breaks: the proofs of many changed verdicts
 * would not fit one string).
 *
 * @param diff - the comparison
 */
export function diffTextLines(diff: DiffResult): string[] {
  const lines = [`Diff ${clean(diff.before)} → ${clean(diff.after)}`, summaryLine(diff), ""];
  if (diff.intents && (diff.intents.broken.length > 0 || diff.intents.mended.length > 0)) {
    lines.push(`Intents (${clean(diff.intents.file)})`);
    for (const c of diff.intents.broken) lines.push(`  ✗ broken: ${c.intent} (line ${c.line}) ${clean(c.source)} → ${c.destination}: ${clean(c.after?.reason ?? "")}`);
    for (const c of diff.intents.mended) lines.push(`  ✓ mended: ${c.intent} (line ${c.line}) ${clean(c.source)} → ${c.destination}`);
    lines.push("");
  }
  if (diff.verdicts.length > 0) lines.push("Changed verdicts", ...diff.verdicts.flatMap(verdictChangeText));
  if (diff.findings.added.length + diff.findings.resolved.length > 0) {
    lines.push("Findings", ...diff.findings.added.map((f) => `  + ${clean(findingLine(f))}`), ...diff.findings.resolved.map((f) => `  − ${clean(findingLine(f))}`), "");
  }
  lines.push("Cost per month");
  if (diff.cost.unavailable) lines.push(`  not computed: ${clean(diff.cost.unavailable)}`);
  else {
    lines.push(`  total ${money(diff.cost.beforeUsd)} → ${money(diff.cost.afterUsd)} (${signed(diff.cost.deltaUsd)})`);
    for (const v of diff.cost.vpcs) lines.push(`  ${v.vpcId} (${v.region}) ${money(v.beforeUsd)} → ${money(v.afterUsd)} (${signed(v.deltaUsd)})`);
  }
  lines.push("");
  if (diff.configuration.length > 0) {
    lines.push("Configuration changes");
    for (const change of diff.configuration.slice(0, CONFIG_LIMIT)) lines.push(`  ${clean(causeText(change))}`);
    if (diff.configuration.length > CONFIG_LIMIT) lines.push(`  … and ${diff.configuration.length - CONFIG_LIMIT} more (all in --format json)`);
    lines.push("");
  }
  return lines;
}

/** `+$12.30`, `−$4.00`, `±$0.00`, `unknown`. */
function signed(usd: number | null): string {
  if (usd === null) return "unknown";
  if (usd === 0) return "±$0.00";
  return `${usd > 0 ? "+" : "−"}${money(Math.abs(usd))}`;
}

/** A `<details>` block, which GitHub folds in a comment. */
function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

function fenced(text: string): string {
  return ["```text", text.replace(/```/g, "'''").trimEnd(), "```"].join("\n");
}

/**
 * The diff as GitHub-flavoured Markdown, for a pull-request comment, block by block (without the
 * line break after each).
 *
 * @param diff - the comparison
 */
export function diffMarkdownLines(diff: DiffResult): string[] {
  const parts = [`### vpcreach diff`, "", `${mdCode(diff.before)} → ${mdCode(diff.after)}: ${mdText(summaryLine(diff))}`, ""];
  if (diff.intents && diff.intents.broken.length + diff.intents.mended.length > 0) {
    const rows = [
      ...diff.intents.broken.map((c) => ["✗ broken", mdCode(c.intent), mdText(c.source), mdCode(c.destination), mdProse(c.after?.reason ?? "")]),
      ...diff.intents.mended.map((c) => ["✓ mended", mdCode(c.intent), mdText(c.source), mdCode(c.destination), ""]),
    ];
    parts.push("#### Intents", "", mdTable(["", "Intent", "Source", "Destination", "Why"], rows), "");
  }
  if (diff.verdicts.length > 0) {
    const rows = diff.verdicts.map((c) => [
      mdText(c.source),
      mdCode(c.destination),
      mdText(verdictBrief(c.before)),
      mdText(verdictBrief(c.after)),
      c.causes.length > 0 ? c.causes.map((cause) => mdProse(causeText(cause))).join("<br>") : "no change on either path",
    ]);
    parts.push("#### Changed verdicts", "", mdTable(["Source", "Destination", "Before", "After", "Caused by"], rows), "");
    for (const c of diff.verdicts) {
      const body = [
        "**Before**",
        "",
        fenced(c.before ? verdictToText(c.before, { color: false }) : "(no such source)"),
        "",
        "**After**",
        "",
        fenced(c.after ? verdictToText(c.after, { color: false }) : "(no such source)"),
      ].join("\n");
      parts.push(details(`Proofs: ${mdText(c.source)} → ${mdText(c.destination)}`, body), "");
    }
  }
  if (diff.findings.added.length + diff.findings.resolved.length > 0) {
    const rows = [
      ...diff.findings.added.map((f) => ["new", f.severity, mdProse(f.title), mdCode(f.rule), mdProse(f.fix)]),
      ...diff.findings.resolved.map((f) => ["resolved", f.severity, mdProse(f.title), mdCode(f.rule), ""]),
    ];
    parts.push("#### Findings", "", mdTable(["", "Severity", "Finding", "Rule", "Fix"], rows), "");
  }
  parts.push("#### Cost per month", "");
  if (diff.cost.unavailable) parts.push(`Not computed: ${mdText(diff.cost.unavailable)}`, "");
  else {
    const rows = [
      ...diff.cost.vpcs.map((v) => [mdCode(v.vpcId), v.region, money(v.beforeUsd), money(v.afterUsd), signed(v.deltaUsd)]),
      ["**total**", "", money(diff.cost.beforeUsd), money(diff.cost.afterUsd), signed(diff.cost.deltaUsd)],
    ];
    parts.push(mdTable(["VPC", "Region", "Before", "After", "Change"], rows.map((r) => r.map((cell) => cell.replace(/\$/g, "\\$")))), "");
  }
  if (diff.configuration.length > 0) {
    const list = diff.configuration.slice(0, CONFIG_LIMIT).map((c) => `- ${mdProse(causeText(c))}`);
    if (diff.configuration.length > CONFIG_LIMIT) list.push(`- … and ${diff.configuration.length - CONFIG_LIMIT} more`);
    parts.push(details(`Configuration changes (${diff.configuration.length})`, list.join("\n")), "");
  }
  return parts;
}

/**
 * The diff as SARIF: broken intents (on the intents file's lines) and new findings (on the later
 * snapshot).
 *
 * @param diff - the comparison
 * @param version - the tool's version
 */
export function diffToSarif(diff: DiffResult, version: string): object {
  const broken = diff.intents?.broken ?? [];
  const rules: SarifRule[] = [
    ...[...new Map(broken.map((c) => [c.intent, c.after!.intent])).values()].map(intentSarifRule),
    ...findingSarifRules(),
  ];
  const results: SarifResult[] = [
    ...broken.map((c) => ({
      ruleId: `intent/${c.intent}`,
      level: sarifLevel(c.after!.intent.severity),
      message: `${c.intent}: ${c.source} → ${c.destination} broke: ${c.after!.reason}${c.after!.fix ? `. Fix: ${c.after!.fix}` : ""}`,
      file: diff.intents!.file,
      line: c.line,
      resource: c.source,
      identity: `${c.source}\u0000${c.destination}`,
    })),
    ...diff.findings.added.map((f) => findingSarifResult(f, diff.after, undefined)),
  ];
  return sarifLog(rules, results, version);
}
