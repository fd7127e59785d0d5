/**
 * Human text for an audit, as `vpcreach audit` prints it and the reports reuse: a matrix with one row
 * per source and one column per standard destination, each cell a mark (✓ reachable, ✗ blocked,
 * ? unknown) and a short reason (`via nat-0abc`, `blocked: acl-0abc SUBNET_ACL_RESTRICTION`), then
 * the findings grouped by severity, each with why it matters and the fix.
 *
 * Cells are summarised row by row (`summarizeRow`), so a caller streaming a large audit keeps only
 * short strings, not every verdict.
 */
import type { AuditRow, Finding } from "../engine/audit.js";
import { SEVERITIES } from "../engine/findings/types.js";
import { CROSSING_TYPES, type Hop, type Verdict, type VerdictKind } from "../engine/verdict.js";
import { alignColumns, clean, painter, sourceLabel, type Painter, type TextOptions } from "./verdict-text.js";

export interface CellSummary {
  verdict: VerdictKind;
  /** `✓`, `✗` or `?`. */
  mark: string;
  /** A few words: `via nat-0abc`, `blocked: acl-0abc SUBNET_ACL_RESTRICTION`, `unknown: …`. */
  reason: string;
}

export interface MatrixRow {
  source: string;
  cells: Record<string, CellSummary>;
}

const MARKS: Record<VerdictKind, string> = { reachable: "✓", unreachable: "✗", unknown: "?" };
const MARK_STYLE = { reachable: "green", unreachable: "red", unknown: "yellow" } as const;
/** Cell reasons longer than this are cut, so four columns fit a wide terminal. */
const MAX_REASON = 60;

/** Hop types that say how traffic leaves: the first of them on a path names the way out. */
const GATEWAY_TYPES = new Set<Hop["type"]>(CROSSING_TYPES);

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The mark and short reason for one verdict.
 *
 * @param verdict - one cell of the audit matrix
 * @param maxReason - longest reason kept (a terminal wants short cells; the report passes Infinity)
 */
export function summarizeCell(verdict: Verdict, maxReason: number = MAX_REASON): CellSummary {
  const fit = (text: string) => shorten(text, maxReason);
  const mark = MARKS[verdict.verdict];
  if (verdict.verdict === "reachable") {
    const gateway = verdict.path.find((hop) => GATEWAY_TYPES.has(hop.type));
    const via = gateway ? `via ${clean(gateway.component)}` : "direct";
    const notes = [verdict.requiresEndpointUrl ? "--endpoint-url" : undefined, verdict.reachableSubset ? "partial" : undefined]
      .filter(Boolean)
      .join(", ");
    return { verdict: verdict.verdict, mark, reason: fit(notes ? `${via} (${notes})` : via) };
  }
  const blocked = verdict.blockedAt;
  if (verdict.requiresEndpointUrl) {
    // The default name fails but the endpoint's own name works: the useful news is how to reach it.
    return { verdict: verdict.verdict, mark, reason: fit(`only with --endpoint-url${blocked ? ` (${clean(blocked.component)})` : ""}`) };
  }
  if (verdict.verdict === "unreachable") {
    const where = blocked ? `${clean(blocked.component)} ${blocked.code}${blocked.direction === "return" ? " (return)" : ""}` : clean(verdict.explanation);
    return { verdict: verdict.verdict, mark, reason: fit(`blocked: ${where}`) };
  }
  // A source whose places disagree: the cell says so, and how many places reach the destination.
  const places = verdict.places && `differs by place, reachable from ${verdict.places.filter((p) => p.verdict === "reachable").length} of ${verdict.places.length}`;
  const why = places ?? (blocked ? `${blocked.code} at ${clean(blocked.component)}` : clean(verdict.explanation));
  return { verdict: verdict.verdict, mark, reason: fit(`unknown: ${why}`) };
}

/**
 * One matrix row: the source label and a summary per destination.
 *
 * @param row - an audit row with full verdicts
 */
export function summarizeRow(row: AuditRow): MatrixRow {
  const cells: Record<string, CellSummary> = {};
  for (const [destination, verdict] of Object.entries(row.cells)) cells[destination] = summarizeCell(verdict);
  return { source: sourceLabel(row.source), cells };
}

/**
 * The matrix as aligned lines: a header with the destinations, then one line per source.
 *
 * @param rows - summarised rows
 * @param destinations - the columns, in order
 * @param options - whether to colour the marks
 */
export function matrixToText(rows: readonly MatrixRow[], destinations: readonly string[], options: TextOptions): string[] {
  const paint = painter(options);
  const plain = [
    ["SOURCE", ...destinations.map((destination) => destination.toUpperCase())],
    ...rows.map((row) => [row.source, ...destinations.map((destination) => cellText(row.cells[destination]))]),
  ];
  const lines = alignColumns(plain);
  if (!options.color) return lines;
  // Colour after aligning, so escape codes do not count as width.
  return lines.map((line, i) => (i === 0 ? paint("bold", line) : colourMarks(line, rows[i - 1], paint)));
}

function cellText(cell: CellSummary | undefined): string {
  return cell ? `${cell.mark} ${cell.reason}` : "-";
}

function colourMarks(line: string, row: MatrixRow | undefined, paint: Painter): string {
  if (!row) return line;
  let out = line;
  for (const cell of Object.values(row.cells)) {
    const text = cellText(cell);
    out = out.replace(text, paint(MARK_STYLE[cell.verdict], cell.mark) + text.slice(cell.mark.length));
  }
  return out;
}

/**
 * `3 high, 1 low` (or `none`).
 *
 * @param findings - the findings to count
 */
export function findingCounts(findings: readonly Finding[]): string {
  const counts = SEVERITIES.map((severity) => [severity, findings.filter((f) => f.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`);
  return counts.length > 0 ? counts.join(", ") : "none";
}

const SEVERITY_STYLE = { high: "red", medium: "yellow", low: "cyan", info: "dim" } as const;

export interface FindingsTextOptions extends TextOptions {
  /** Show at most this many findings per rule, then a line naming the rest (default: all). */
  perRule?: number;
}

/**
 * The findings grouped by severity (most severe first), each with its rule, resource, why and fix.
 *
 * @param findings - the audit's findings, sorted (see `sortFindings`)
 * @param options - colour, and how many findings of one rule to spell out
 */
export function findingsToText(findings: readonly Finding[], options: FindingsTextOptions): string[] {
  const paint = painter(options);
  const perRule = options.perRule ?? Infinity;
  const lines = [paint("bold", `Findings: ${findingCounts(findings)}`)];
  for (const severity of SEVERITIES) {
    const group = findings.filter((finding) => finding.severity === severity);
    if (group.length === 0) continue;
    lines.push("", paint("bold", paint(SEVERITY_STYLE[severity], `${severity.toUpperCase()} (${group.length})`)));
    const shown = new Map<string, number>();
    const hidden = new Map<string, string[]>();
    for (const finding of group) {
      const count = shown.get(finding.rule) ?? 0;
      if (count >= perRule) {
        hidden.set(finding.rule, [...(hidden.get(finding.rule) ?? []), clean(finding.resource)]);
        continue;
      }
      shown.set(finding.rule, count + 1);
      lines.push(
        `  ${paint("bold", clean(finding.title))}  [${finding.rule}${finding.control ? `, ${finding.control}` : ""}]`,
        `    why: ${clean(finding.detail)}`,
        `    fix: ${clean(finding.fix)}`,
      );
    }
    for (const [rule, resources] of hidden) {
      const names = resources.slice(0, 10).join(", ") + (resources.length > 10 ? ", …" : "");
      lines.push(`  … and ${resources.length} more [${rule}]: ${names} (--json lists every finding)`);
    }
  }
  return lines;
}

/**
 * The whole audit as text, ending with a newline.
 *
 * @param audit - summarised rows, the destinations (columns) and the findings
 * @param options - colour, and how many findings of one rule to spell out
 */
export function auditToText(
  audit: { rows: readonly MatrixRow[]; destinations: readonly string[]; findings: readonly Finding[] },
  options: FindingsTextOptions,
): string {
  const matrix =
    audit.rows.length > 0
      ? matrixToText(audit.rows, audit.destinations, options)
      : ["No notebooks (or instances) to audit in this snapshot."];
  const legend = audit.rows.length > 0 ? ["✓ reachable   ✗ blocked   ? unknown (run `vpcreach query` for the proof)"] : [];
  return `${[...matrix, ...legend, "", ...findingsToText(audit.findings, options)].join("\n")}\n`;
}
