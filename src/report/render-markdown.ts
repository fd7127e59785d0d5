/**
 * The report as Markdown (`README.md`), following the HTML page as far as GitHub allows: the verdict
 * counts and contents first, the summary, the reachability matrix whose cells link to their proofs,
 * the findings grouped by severity, one proof per cell (hop table, return path, block and fix, and a
 * focused path diagram in a collapsed block), one collapsed diagram per transit gateway hub and per VPC, the cost
 * section and what the analysis could not see. Diagrams are fenced Mermaid blocks (GitHub renders them).
 * A report larger than GitHub shows (`MARKDOWN_BUDGET`) is written as a capped README that keeps the
 * summary, the sources with a blocked or undetermined cell, the findings and the cost tables, and
 * points to report.html and report.json for the rest.
 */
import { sharedDiagramNote, type ProofEntry, type ReportData } from "./compose.js";
import { joinedBytes, joinSections, plusSection } from "./markdown-bytes.js";
import type { AuditRow, Finding } from "../engine/audit.js";
import { SEVERITIES, type Severity } from "../engine/findings/types.js";
import type { Verdict } from "../engine/verdict.js";
import { STANDARD_DESTINATIONS } from "../engine/index.js";
import { mdCode, mdMermaid, mdProse, mdTable, mdText } from "./markdown.js";
import { summarizeCell } from "./audit-text.js";
import { blockFacts, hopRows, returnPathSummary } from "./verdict-text.js";
import { DESTINATION_TITLES, LEGEND, VERDICT_WORDS, architectureIntro, costMarkdown, sourceTitle, verdictCounts } from "./sections.js";

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

/** How much of a section the capped README keeps (see `cappedMarkdown`). */
interface Room {
  /** Bytes the section may take. */
  bytes: number;
  /** Where cell links point: `#` in the full README, `report.html#` in the capped one. */
  proofLink: string;
}

const WHOLE: Room = { bytes: Number.POSITIVE_INFINITY, proofLink: "#" };

/**
 * The blocks that fit in `bytes` (each counted with its newline), in order, and how many did not.
 *
 * @param blocks - the candidate blocks
 * @param bytes - the room
 */
function fitBlocks(blocks: readonly string[], bytes: number): { kept: string[]; left: number } {
  const kept: string[] = [];
  let used = 0;
  for (const block of blocks) {
    used += Buffer.byteLength(block) + 1;
    if (used > bytes) break;
    kept.push(block);
  }
  return { kept, left: blocks.length - kept.length };
}

/** Whether a source has a cell that is not reachable (the rows a capped README keeps). */
function hasBlockedCell(row: AuditRow): boolean {
  return STANDARD_DESTINATIONS.some((destination) => row.cells[destination] && row.cells[destination].verdict !== "reachable");
}

function matrixSection(data: ReportData, proofs: ReadonlyMap<string, ProofEntry>, room: Room = WHOLE): string[] {
  const headers = ["Source", ...STANDARD_DESTINATIONS.map((destination) => DESTINATION_TITLES[destination] ?? destination)];
  const capped = room !== WHOLE;
  const listed = capped ? data.audit.rows.filter(hasBlockedCell) : data.audit.rows;
  const rows = listed.map((row) => [
    mdCode(sourceTitle(row)),
    ...STANDARD_DESTINATIONS.map((destination) => {
      const cell = row.cells[destination];
      const proof = proofs.get(proofKey(row.source.id, destination));
      if (!cell) return "";
      return proof ? `[${matrixCell(cell)}](${room.proofLink}${proof.anchor})` : matrixCell(cell);
    }),
  ]);
  const lines = [
    "## Reachability",
    "",
    "Each cell is proven from the configuration (tcp/443) and links to its proof: ✓ reachable (with the exit it takes), ✗ blocked (the component and explanation code that block it), ? undetermined (what the engine could not see).",
  ];
  if (!capped) return [...lines, "", rows.length > 0 ? mdTable(headers, rows) : "_No notebooks in this snapshot._"];
  const table = mdTable(headers, rows).split("\n");
  const { kept, left } = fitBlocks(table.slice(2), room.bytes - 2000);
  const omitted = data.audit.rows.length - listed.length;
  lines.push(
    "",
    `Only the ${listed.length} sources with a blocked or undetermined cell are listed${omitted > 0 ? ` (the ${omitted} that reach all four destinations are in report.html)` : ""}; their proofs are in [report.html](report.html).`,
    "",
  );
  if (rows.length === 0) return [...lines, "_Every source reaches every destination._"];
  return [...lines, ...table.slice(0, 2), ...kept, ...(left > 0 ? ["", `_${left} more sources with a blocked or undetermined cell are in report.html and report.json._`] : [])];
}

function findingsSection(data: ReportData, room: Room = WHOLE): string[] {
  const lines = ["## Findings", ""];
  if (data.audit.findings.length === 0) return [...lines, "_No findings._"];
  let left = room.bytes - 1000;
  let listed = 0;
  for (const severity of SEVERITIES) {
    const findings = data.audit.findings.filter((finding) => finding.severity === severity);
    if (findings.length === 0) continue;
    const heading = `### ${SEVERITY_MARKS[severity]} ${severity[0]?.toUpperCase()}${severity.slice(1)} (${findings.length})`;
    const fitted = fitBlocks(findings.map((finding) => `- ${findingLine(finding)}: ${mdProse(finding.detail)} **Fix:** ${mdProse(finding.fix)}`), left - heading.length - 30);
    if (fitted.kept.length > 0) lines.push(fitted.left > 0 ? `${heading.slice(0, -1)}, ${fitted.kept.length} listed here)` : heading, "", ...fitted.kept, "");
    listed += fitted.kept.length;
    left -= fitted.kept.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, heading.length + 30);
    // Most severe first: once a severity does not fit whole, no less severe finding is listed.
    if (fitted.left > 0) break;
  }
  const omitted = data.audit.findings.length - listed;
  if (omitted > 0) lines.push(`_${omitted} more findings (the least severe) are in report.html and report.json._`);
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
  if (proof.mermaid !== undefined) lines.push("", "<details><summary>Path diagram (only what this path crosses)</summary>", "", mdMermaid(proof.mermaid), "", "</details>");
  else {
    const shared = proof.sharesDiagramOf!;
    lines.push("", `Diagram not repeated: this path leaves the same subnet and crosses the same components as [${mdText(shared.title)}](#${shared.anchor}), whose diagram shows it.`);
  }
  lines.push("", "[Back to the matrix](#reachability)");
  return lines;
}

/** The proofs, line by line as they are read: a large estate's run to hundreds of megabytes. */
function* proofsSection(data: ReportData, proofs: ReadonlyMap<string, ProofEntry>): Generator<string> {
  yield* ["## Proofs", "", `For each cell of the matrix: the hops with the route, rule or entry behind each, the return path, where and why traffic stops with the fix, and a diagram of only what the path crosses.${mdText(sharedDiagramNote(data))}`, ""];
  for (const row of data.audit.rows) {
    for (const destination of STANDARD_DESTINATIONS) {
      const proof = proofs.get(proofKey(row.source.id, destination));
      if (proof && row.cells[destination]) yield* [...proofLines(row, destination, proof), ""];
    }
  }
}

function architectureSection(data: ReportData): string[] {
  const legend = LEGEND.map((entry) => `${entry.text} (${entry.fill})`).join(" · ");
  const lines = ["## Architecture", "", `${mdText(architectureIntro(data))} Colours: ${mdText(legend)}.`, ""];
  for (const entry of [...data.hubs, ...data.architecture]) lines.push(`<details><summary>${mdText(entry.title)}</summary>`, "", mdMermaid(entry.mermaid), "", "</details>", "");
  return lines;
}

function costSection(data: ReportData, room: Room = WHOLE): string[] {
  if ("error" in data.cost) return ["## Egress cost", "", `_Not estimated: ${mdText(data.cost.error)}_`];
  const markdown = costMarkdown(data.cost).trimEnd();
  if (Buffer.byteLength(markdown) <= room.bytes) return [markdown];
  // Whole tables, in the cost section's own order (the fixed charges and totals come first).
  const { kept, left } = fitBlocks(markdown.split(/\n(?=### )/), room.bytes - 200);
  return [...kept, "", `_${left} more cost tables (alternatives per VPC, shared designs, assumptions) are in report.html and report.json._`];
}

function caveatsSection(data: ReportData, room: Room = WHOLE): string[] {
  if (data.warnings.length === 0) return [];
  const { kept, left } = fitBlocks(data.warnings.map((warning) => `- ${mdText(warning)}`), room.bytes - 200);
  return ["## What the analysis could not see", "", ...kept, ...(left > 0 ? ["", `_${left} more in report.json._`] : [])];
}

function proofMap(data: ReportData): Map<string, ProofEntry> {
  return new Map(data.paths.map((proof) => [proofKey(proof.source, proof.destination), proof]));
}

const CAVEATS_CONTENTS = ["What the analysis could not see", "what-the-analysis-could-not-see"] as const;

/** The whole report's sections: every section, every proof and diagram (the proofs as they are read). */
function fullSections(data: ReportData): Iterable<string>[] {
  const { before, after } = sectionsBesideCost(data);
  return [...before, costSection(data), ...after];
}

/** The whole report's sections but the cost: those before it and those after it (the proofs as they are read). */
function sectionsBesideCost(data: ReportData): { before: Iterable<string>[]; after: Iterable<string>[] } {
  const proofs = proofMap(data);
  const contents: (readonly [string, string])[] = [
    ["Summary", "summary"],
    ["Reachability", "reachability"],
    ["Findings", "findings"],
    ["Proofs", "proofs"],
    ["Architecture", "architecture"],
    ["Cost", "egress-cost"],
    ...(data.warnings.length > 0 ? [CAVEATS_CONTENTS] : []),
  ];
  return {
    before: [
      headerSection(data, contents),
      summarySection(data),
      whenRead(() => matrixSection(data, proofs)),
      whenRead(() => findingsSection(data)),
      proofsSection(data, proofs),
      whenRead(() => architectureSection(data)),
    ],
    after: [whenRead(() => caveatsSection(data))],
  };
}

/**
 * A section rendered when its lines are read, not before: a large estate's README is measured only
 * up to the budget (`joinedBytes`), which its matrix passes, so its findings are never rendered whole.
 *
 * @param render - renders the section's lines
 */
function whenRead(render: () => Iterable<string>): Iterable<string> {
  return { [Symbol.iterator]: () => render()[Symbol.iterator]() };
}

/**
 * The README of an estate whose full report exceeds the budget: the header and summary, a note
 * pointing to report.html and report.json, then the sources with a blocked or undetermined cell,
 * the findings (most severe first), the cost tables and the caveats, each within its share of the
 * budget (a share a section leaves unused passes to the next). Proofs and diagrams stay in
 * report.html, report.json and diagrams/.
 */
function cappedMarkdown(data: ReportData, budget: number): string {
  const contents: (readonly [string, string])[] = [
    ["Summary", "summary"],
    ["Reachability", "reachability"],
    ["Findings", "findings"],
    ["Cost", "egress-cost"],
    ...(data.warnings.length > 0 ? [CAVEATS_CONTENTS] : []),
  ];
  const fixed = [
    headerSection(data, contents),
    [
      `> The full report of this estate is more than ${Math.round(budget / 1000)} kB of Markdown, more than this README holds (GitHub's Markdown API renders up to 400 kB, and a repository's front page cuts a README at 512,000 bytes), so this README keeps the summary, the sources with a blocked or undetermined cell, the findings and the cost tables that fit in ${Math.round(budget / 1000)} kB. ` +
        "Every cell's proof, the full matrix and the architecture diagrams are in [report.html](report.html) (open it in a browser) and [report.json](report.json); the diagrams as SVG in [diagrams/](diagrams/).",
    ],
    summarySection(data),
  ];
  const proofs = proofMap(data);
  const parts: [number, (room: Room) => string[]][] = [
    [0.35, (room) => matrixSection(data, proofs, room)],
    [0.35, (room) => findingsSection(data, room)],
    [0.2, (room) => costSection(data, room)],
    [0.1, (room) => caveatsSection(data, room)],
  ];
  const available = budget - Buffer.byteLength(joinSections(fixed)) - 100;
  let carry = 0;
  const sections = parts.map(([share, render]) => {
    const bytes = available * share + carry;
    const lines = render({ bytes, proofLink: "report.html#" });
    carry = Math.max(0, bytes - Buffer.byteLength(lines.join("\n")) - 2);
    return lines;
  });
  return joinSections([...fixed, ...sections]);
}

/**
 * The most Markdown a README holds: GitHub cuts a repository's front-page README at 512,000 bytes
 * (https://github.com/isaacs/github/issues/1610) and its Markdown API renders up to 400 KB. A report
 * above it is written as the capped README (`cappedMarkdown`); report.html and report.json stay whole.
 */
export const MARKDOWN_BUDGET = 400_000;

/**
 * Renders the report as Markdown: the whole report when it fits the budget, else the capped README.
 *
 * @param data - the composed report
 * @param budget - the most bytes the README may take (default `MARKDOWN_BUDGET`)
 */
export function reportToMarkdown(data: ReportData, budget: number = MARKDOWN_BUDGET): string {
  return markdownAwaitingCost(data, budget)();
}

/**
 * `reportToMarkdown` in two steps, for a report whose cost estimate is still being made: the
 * sections that do not read the cost are measured now (up to the budget: on a large estate the first
 * rows of the matrix), and the returned function, called once `data.cost` is set, measures the cost
 * section unless the README is capped already, and renders.
 *
 * @param data - the composed report
 * @param budget - the most bytes the README may take (default `MARKDOWN_BUDGET`)
 */
export function markdownAwaitingCost(data: ReportData, budget: number = MARKDOWN_BUDGET): () => string {
  // Measured first, and only up to the budget: only a report that fits is ever joined into one
  // string, and one that does not is capped whatever its cost section holds.
  const { before, after } = sectionsBesideCost(data);
  const beside = joinedBytes([...before, ...after], budget);
  return () => {
    const fits = beside <= budget && plusSection(beside, costSection(data), budget) <= budget;
    return fits ? joinSections(fullSections(data).map((lines) => [...lines])) : cappedMarkdown(data, budget);
  };
}
