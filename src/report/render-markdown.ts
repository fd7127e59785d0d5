/**
 * The report as Markdown (`README.md`): summary first, then the reachability matrix, the findings,
 * the architecture and path diagrams as fenced Mermaid blocks (GitHub renders them), the cost section
 * and what the analysis could not see. The HTML page is rendered from this same text.
 */
import type { ReportData } from "./compose.js";
import type { Finding } from "../engine/audit.js";
import type { Verdict } from "../engine/verdict.js";
import { STANDARD_DESTINATIONS } from "../engine/index.js";
import { costToMarkdown } from "../cost/index.js";
import { mdCode, mdMermaid, mdProse, mdTable, mdText } from "./markdown.js";
import { summarizeCell } from "./audit-text.js";

const DESTINATION_TITLES: Record<string, string> = {
  internet: "Internet",
  s3: "S3",
  "sagemaker-api": "SageMaker API",
  "sagemaker-runtime": "SageMaker runtime",
};

/**
 * One matrix cell: the mark and the short reason `vpcreach audit` prints (the exit a reachable path
 * takes, the blocking component and code, or why the engine cannot tell).
 */
export function matrixCell(verdict: Verdict): string {
  const cell = summarizeCell(verdict, Number.POSITIVE_INFINITY);
  return `${cell.mark} ${mdText(cell.reason)}`;
}

function summarySection(data: ReportData): string[] {
  const { summary } = data;
  const lines = [
    "## Summary",
    "",
    `- **${summary.notebooks}** notebook${summary.notebooks === 1 ? "" : "s"} in **${summary.vpcs}** VPC${summary.vpcs === 1 ? "" : "s"} (${summary.regions.map(mdCode).join(", ") || "no Region"}).`,
  ];
  for (const destination of STANDARD_DESTINATIONS) {
    const counts = summary.reach[destination];
    if (!counts) continue;
    const unknown = counts.unknown > 0 ? `, ${counts.unknown} undetermined` : "";
    lines.push(
      `- ${DESTINATION_TITLES[destination]}: ${counts.reachable} of ${summary.notebooks} can reach it, ${counts.unreachable} cannot${unknown}.`,
    );
  }
  const bySeverity = summary.findingsBySeverity;
  lines.push(
    `- Findings: ${bySeverity.high} high, ${bySeverity.medium} medium, ${bySeverity.low} low, ${bySeverity.info} info.`,
  );
  if (summary.topFindings.length > 0) {
    lines.push("", "Top findings:", "");
    for (const finding of summary.topFindings) lines.push(`1. ${findingLine(finding)}`);
  }
  return lines;
}

function findingLine(finding: Finding): string {
  return `**${finding.severity.toUpperCase()}** ${mdProse(finding.title)} (${mdCode(finding.resource)})`;
}

function matrixSection(data: ReportData): string[] {
  const headers = ["Source", ...STANDARD_DESTINATIONS.map((destination) => DESTINATION_TITLES[destination] ?? destination)];
  const rows = data.audit.rows.map((row) => [
    `${mdCode(row.source.id)}${row.source.type === "notebook" ? "" : ` (${row.source.type})`}`,
    ...STANDARD_DESTINATIONS.map((destination) => {
      const cell = row.cells[destination];
      return cell ? matrixCell(cell) : "";
    }),
  ]);
  return [
    "## Reachability",
    "",
    "Each cell is proven from the configuration: ✓ reachable (with the exit it takes), ✗ not reachable (the component and explanation code that block it), ? undetermined (what the engine could not see). Destinations are tcp/443.",
    "",
    rows.length > 0 ? mdTable(headers, rows) : "_No notebooks in this snapshot._",
  ];
}

function findingsSection(data: ReportData): string[] {
  const lines = ["## Findings", ""];
  if (data.audit.findings.length === 0) return [...lines, "_No findings._"];
  for (const severity of ["high", "medium", "low", "info"] as const) {
    const findings = data.audit.findings.filter((finding) => finding.severity === severity);
    if (findings.length === 0) continue;
    lines.push(`### ${severity[0]?.toUpperCase()}${severity.slice(1)} (${findings.length})`, "");
    for (const finding of findings) {
      lines.push(`- ${findingLine(finding)}: ${mdProse(finding.detail)} **Fix:** ${mdProse(finding.fix)}`);
    }
    lines.push("");
  }
  return lines;
}

function diagramsSection(data: ReportData): string[] {
  const lines = ["## Architecture", ""];
  for (const entry of data.architecture) lines.push(`### ${mdText(entry.title)}`, "", mdMermaid(entry.mermaid), "");
  lines.push("## Paths", "", "How each notebook's traffic reaches each destination, or where it stops.", "");
  for (const entry of data.paths) lines.push(`### ${mdText(entry.title)}`, "", mdMermaid(entry.mermaid), "");
  return lines;
}

function costSection(data: ReportData): string[] {
  if ("error" in data.cost) return ["## Cost", "", `_Not estimated: ${mdText(data.cost.error)}_`];
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
  const header = [
    `# ${mdText(data.title)}`,
    "",
    `Generated ${data.generatedAt} by vpcreach ${data.toolVersion} from ${mdCode(data.snapshot)}.`,
  ];
  const sections = [
    header,
    summarySection(data),
    matrixSection(data),
    findingsSection(data),
    diagramsSection(data),
    costSection(data),
    caveatsSection(data),
  ];
  return `${sections.map((lines) => lines.join("\n").trimEnd()).filter(Boolean).join("\n\n")}\n`;
}
