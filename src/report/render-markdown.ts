/**
 * The report as Markdown (`README.md`), following the HTML page as far as GitHub allows: the verdict
 * counts and contents first, the summary, the reachability matrix whose cells link to their proofs,
 * the findings grouped by severity, one proof per cell (hop table, return path, block and fix, and a
 * focused path diagram in a collapsed block), one collapsed diagram per transit gateway hub and per VPC, the cost
 * section and what the analysis could not see. Diagrams are fenced Mermaid blocks (GitHub renders them).
 */
import type { ProofEntry, ReportData } from "./compose.js";
import type { AuditRow, Finding } from "../engine/audit.js";
import { SEVERITIES, type Severity } from "../engine/findings/types.js";
import type { Verdict } from "../engine/verdict.js";
import { STANDARD_DESTINATIONS } from "../engine/index.js";
import { costToMarkdown } from "../cost/index.js";
import { mdCode, mdMermaid, mdProse, mdTable, mdText } from "./markdown.js";
import { summarizeCell } from "./audit-text.js";
import { blockFacts, hopRows, returnPathSummary } from "./verdict-text.js";
import { DESTINATION_TITLES, LEGEND, VERDICT_WORDS, architectureIntro, sourceTitle, verdictCounts } from "./sections.js";

/**
 * One matrix cell: the mark and the short reason `vpcreach audit` prints (the exit a reachable path
 * takes, the blocking component and code, or why the engine cannot tell).
 */
export function matrixCell(verdict: Verdict): string {
  const cell = summarizeCell(verdict, Number.POSITIVE_INFINITY);
  return `${cell.mark} ${mdText(cell.reason)}`;
}

const SEVERITY_MARKS: Record<Severity, string> = { high: "🔴", medium: "🟠", low: "🔵", info: "⚪" };

function severityBadge(severity: Severity): string {
  return `${SEVERITY_MARKS[severity]} **${severity.toUpperCase()}**`;
}

function proofKey(source: string, destination: string): string {
  return `${source}\u0000${destination}`;
}

function headerSection(data: ReportData, sections: readonly (readonly [string, string])[]): string[] {
  const counts = verdictCounts(data);
  const bySeverity = data.summary.findingsBySeverity;
  const findings = SEVERITIES.filter((severity) => bySeverity[severity] > 0).map((severity) => `${severityBadge(severity)} ${bySeverity[severity]}`);
  return [
    `# ${mdText(data.title)}`,
    "",
    `Generated ${data.generatedAt} by vpcreach ${data.toolVersion} from ${mdCode(data.snapshot)}.`,
    "",
    `**✓ ${counts.reachable} reachable · ✗ ${counts.unreachable} blocked · ? ${counts.unknown} undetermined** — findings: ${findings.join(", ") || "none"}`,
    "",
    `Contents: ${sections.map(([title, anchor]) => `[${title}](#${anchor})`).join(" · ")}`,
  ];
}

function summarySection(data: ReportData): string[] {
  const { summary } = data;
  const rows = STANDARD_DESTINATIONS.map((destination) => {
    const reach = summary.reach[destination] ?? { reachable: 0, unreachable: 0, unknown: 0 };
    return [DESTINATION_TITLES[destination] ?? destination, String(reach.reachable), String(reach.unreachable), String(reach.unknown)];
  });
  const lines = [
    "## Summary",
    "",
    `**${summary.notebooks}** notebook${summary.notebooks === 1 ? "" : "s"} in **${summary.vpcs}** VPC${summary.vpcs === 1 ? "" : "s"} (${summary.regions.map(mdCode).join(", ") || "no Region"}).`,
    "",
    mdTable(["Destination", "✓ reach it", "✗ blocked", "? undetermined"], rows),
  ];
  if (summary.topFindings.length > 0) {
    lines.push("", "Top findings:", "");
    for (const finding of summary.topFindings) lines.push(`1. ${findingLine(finding)}`);
  }
  return lines;
}

function findingLine(finding: Finding): string {
  return `${severityBadge(finding.severity)} ${mdProse(finding.title)} (${mdCode(finding.resource)})`;
}

function matrixSection(data: ReportData, proofs: ReadonlyMap<string, ProofEntry>): string[] {
  const headers = ["Source", ...STANDARD_DESTINATIONS.map((destination) => DESTINATION_TITLES[destination] ?? destination)];
  const rows = data.audit.rows.map((row) => [
    mdCode(sourceTitle(row)),
    ...STANDARD_DESTINATIONS.map((destination) => {
      const cell = row.cells[destination];
      const proof = proofs.get(proofKey(row.source.id, destination));
      if (!cell) return "";
      return proof ? `[${matrixCell(cell)}](#${proof.anchor})` : matrixCell(cell);
    }),
  ]);
  return [
    "## Reachability",
    "",
    "Each cell is proven from the configuration (tcp/443) and links to its proof: ✓ reachable (with the exit it takes), ✗ blocked (the component and explanation code that block it), ? undetermined (what the engine could not see).",
    "",
    rows.length > 0 ? mdTable(headers, rows) : "_No notebooks in this snapshot._",
  ];
}

function findingsSection(data: ReportData): string[] {
  const lines = ["## Findings", ""];
  if (data.audit.findings.length === 0) return [...lines, "_No findings._"];
  for (const severity of SEVERITIES) {
    const findings = data.audit.findings.filter((finding) => finding.severity === severity);
    if (findings.length === 0) continue;
    lines.push(`### ${SEVERITY_MARKS[severity]} ${severity[0]?.toUpperCase()}${severity.slice(1)} (${findings.length})`, "");
    for (const finding of findings) {
      lines.push(`- ${findingLine(finding)}: ${mdProse(finding.detail)} **Fix:** ${mdProse(finding.fix)}`);
    }
    lines.push("");
  }
  return lines;
}

function proofLines(row: AuditRow, destination: string, proof: ProofEntry): string[] {
  const verdict = row.cells[destination] as Verdict;
  const title = `${sourceTitle(row)} → ${DESTINATION_TITLES[destination] ?? destination}`;
  const lines = [`<a id="${proof.anchor}"></a>`, "", `### ${mdText(title)}: ${summarizeCell(verdict).mark} ${VERDICT_WORDS[verdict.verdict]}`, "", mdProse(verdict.explanation)];
  if (verdict.requiresEndpointUrl) lines.push("", `Only the endpoint's own DNS name works here: pass ${mdCode(`--endpoint-url ${verdict.requiresEndpointUrl}`)}.`);
  if (verdict.path.length > 0) {
    const rows = hopRows(verdict.path).map((hop) => [
      String(hop.sequence),
      `${mdCode(hop.component)}${hop.name ? ` (${mdText(hop.name)})` : ""}`,
      hop.type,
      hop.rules.map(mdText).join("<br>"),
    ]);
    lines.push("", mdTable(["Hop", "Component", "Type", "Rule or route used"], rows));
  }
  const back = returnPathSummary(verdict);
  if (back === "blocked") lines.push("", "**Return path:** blocked (see below).");
  else if (back) lines.push("", `**Return path** (${verdict.returnPath.length} hops): ${mdText(back.components)}${back.admittedBy.length > 0 ? `; admitted by ${back.admittedBy.map(mdText).join("; ")}` : ""}.`);
  const facts = blockFacts(verdict);
  if (facts.length > 0) lines.push("", ...facts.map((fact) => `- **${fact.label}:** ${mdText(fact.value)}`));
  lines.push("", "<details><summary>Path diagram (only what this path crosses)</summary>", "", mdMermaid(proof.mermaid), "", "</details>", "", "[Back to the matrix](#reachability)");
  return lines;
}

function proofsSection(data: ReportData, proofs: ReadonlyMap<string, ProofEntry>): string[] {
  const lines = ["## Proofs", "", "For each cell of the matrix: the hops with the route, rule or entry behind each, the return path, where and why traffic stops with the fix, and a diagram of only what the path crosses.", ""];
  for (const row of data.audit.rows) {
    for (const destination of STANDARD_DESTINATIONS) {
      const proof = proofs.get(proofKey(row.source.id, destination));
      if (proof && row.cells[destination]) lines.push(...proofLines(row, destination, proof), "");
    }
  }
  return lines;
}

function architectureSection(data: ReportData): string[] {
  const legend = LEGEND.map((entry) => `${entry.text} (${entry.fill})`).join(" · ");
  const lines = ["## Architecture", "", `${mdText(architectureIntro(data))} Colours: ${mdText(legend)}.`, ""];
  for (const entry of [...data.hubs, ...data.architecture]) lines.push(`<details><summary>${mdText(entry.title)}</summary>`, "", mdMermaid(entry.mermaid), "", "</details>", "");
  return lines;
}

function costSection(data: ReportData): string[] {
  if ("error" in data.cost) return ["## Egress cost", "", `_Not estimated: ${mdText(data.cost.error)}_`];
  return [costToMarkdown(data.cost).trimEnd()];
}

function caveatsSection(data: ReportData): string[] {
  if (data.warnings.length === 0) return [];
  return ["## What the analysis could not see", "", ...data.warnings.map((warning) => `- ${mdText(warning)}`)];
}

/**
 * Renders the whole report as Markdown.
 *
 * @param data - the composed report
 */
export function reportToMarkdown(data: ReportData): string {
  const proofs = new Map(data.paths.map((proof) => [proofKey(proof.source, proof.destination), proof]));
  const contents: (readonly [string, string])[] = [
    ["Summary", "summary"],
    ["Reachability", "reachability"],
    ["Findings", "findings"],
    ["Proofs", "proofs"],
    ["Architecture", "architecture"],
    ["Cost", "egress-cost"],
    ...(data.warnings.length > 0 ? [["What the analysis could not see", "what-the-analysis-could-not-see"] as const] : []),
  ];
  const sections = [
    headerSection(data, contents),
    summarySection(data),
    matrixSection(data, proofs),
    findingsSection(data),
    proofsSection(data, proofs),
    architectureSection(data),
    costSection(data),
    caveatsSection(data),
  ];
  return `${sections.map((lines) => lines.join("\n").trimEnd()).filter(Boolean).join("\n\n")}\n`;
}
