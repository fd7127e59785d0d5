/**
 * Renders a cost estimate as a text report (the `cost` command's default output) and as a Markdown
 * section the report embeds. Both are built from the same tables (render-tables.ts). Names come from
 * the user's account (Name tags), so Markdown cells are escaped.
 */
import { markdownText } from "../model/text.js";
import type { Alternative, CostEstimate, SharedDesigns, VpcAlternatives } from "./types.js";
import { alternativeTable, caveatTable, fixedTables, flowTable, sharedDesignTable, totalTables, type Table } from "./render-tables.js";

function trafficLine(estimate: CostEstimate, cliHint: boolean): string {
  const parts = Object.entries(estimate.traffic.default).map(([k, v]) => `${k}=${Number(v.toFixed(2))}`);
  const perVpc = Object.keys(estimate.traffic.perVpc);
  const own = [...Object.keys(estimate.traffic.perNotebook), ...Object.keys(estimate.traffic.perTag).map((t) => `tag ${t}`)];
  if (parts.length === 0 && perVpc.length === 0 && own.length === 0) {
    return `none given (only fixed charges${cliHint ? "; add --traffic internet=200,s3=1000,sagemaker=300" : ""})`;
  }
  return (
    (parts.join(", ") || "none by default") +
    (perVpc.length > 0 ? `; own volumes for ${perVpc.join(", ")}` : "") +
    (own.length > 0 ? `; per notebook for ${own.join(", ")}` : "")
  );
}

function priceLine(estimate: CostEstimate): string {
  const t = estimate.priceTable;
  return `${t.label} version ${t.version} (compiled ${t.date})${t.live ? ", overlaid with live Price List API figures" : ""}`;
}

/** Names are account-supplied: control characters (newlines, ANSI escapes) are shown escaped, never sent to the terminal. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Lays out a table with padded columns. */
function textTable(raw: Table): string {
  const table = { ...raw, title: clean(raw.title), rows: raw.rows.map((r) => r.map(clean)) };
  const widths = table.headers.map((h, i) => Math.max(h.length, ...table.rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (table.numeric.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [table.title, `  ${line(table.headers)}`, ...table.rows.map((r) => `  ${line(r)}`)].join("\n");
}

function alternativeNotes(vpc: VpcAlternatives, bullet: (text: string) => string): string[] {
  const lines: string[] = [];
  for (const alt of vpc.alternatives) {
    for (const be of alt.breakEven) lines.push(bullet(`Break-even, ${alt.title}: ${be.subject}: ${be.formula}. ${be.explanation}.`));
  }
  for (const alt of vpc.alternatives) lines.push(...designNotes(alt, bullet));
  return lines;
}

/** A design's changes, warnings and the engine's reason for each destination a notebook does not reach. */
function designNotes(design: Pick<Alternative, "title" | "changes" | "warnings" | "reachability">, bullet: (text: string) => string): string[] {
  const lines: string[] = [];
  if (design.changes.length > 0) {
    lines.push(bullet(`Changes for ${design.title}:`));
    for (const change of design.changes) lines.push(`  ${bullet(change)}`);
  }
  for (const w of design.warnings) lines.push(bullet(`Warning, ${design.title}: ${w}.`));
  for (const claim of design.reachability) {
    for (const reason of claim.reasons) lines.push(bullet(`${design.title}, ${claim.destination}: ${reason}`));
  }
  return lines;
}

/** The title of a Region's shared designs when none was built. */
function skippedTitle(shared: SharedDesigns): string {
  return `Shared designs for ${shared.region}: ${shared.skipped ?? ""}`;
}

function sharedNotes(shared: SharedDesigns, bullet: (text: string) => string): string[] {
  const lines: string[] = [];
  for (const be of shared.breakEven) lines.push(bullet(`Break-even, ${be.subject}: ${be.statement}. ${be.formula}.`));
  for (const design of shared.designs) lines.push(...designNotes(design, bullet));
  return lines;
}

/**
 * The estimate as plain text, for a terminal.
 *
 * @param estimate - from `estimateCosts`
 */
export function costToText(estimate: CostEstimate): string {
  const out: string[] = [];
  out.push(`Egress cost estimate for ${estimate.snapshot} (USD per month, ${estimate.hoursPerMonth} h/month, on-demand list prices)`);
  out.push(`Prices:  ${priceLine(estimate)}`);
  out.push(`Traffic: ${trafficLine(estimate, true)} (GB/month per VPC holding notebooks)`);
  const tables = [...fixedTables(estimate), flowTable(estimate), ...totalTables(estimate)].filter((t): t is Table => t !== undefined);
  for (const table of tables) out.push("", textTable(table));
  for (const vpc of estimate.alternatives) {
    out.push("", textTable(alternativeTable(vpc)));
    out.push(...alternativeNotes(vpc, (t) => `  - ${clean(t)}`));
  }
  for (const shared of estimate.sharedDesigns) {
    out.push("", shared.designs.length > 0 ? textTable(sharedDesignTable(shared)) : clean(skippedTitle(shared)));
    out.push(...sharedNotes(shared, (t) => `  - ${clean(t)}`));
  }
  const caveats = caveatTable(estimate);
  if (caveats) out.push("", textTable(caveats));
  for (const w of estimate.warnings) out.push("", `Warning: ${clean(w)}`);
  out.push("", "Assumptions", ...estimate.assumptions.map((a) => `  - ${a.replace(/`/g, "")}`));
  return `${out.join("\n")}\n`;
}

function markdownTable(table: Table, level: number): string {
  const head = `| ${table.headers.map(markdownText).join(" | ")} |`;
  const rule = `|${table.headers.map((_, i) => (table.numeric.includes(i) ? "---:" : "---")).join("|")}|`;
  const rows = table.rows.map((r) => `| ${r.map(markdownText).join(" | ")} |`);
  return [`${"#".repeat(level)} ${markdownText(table.title)}`, "", head, rule, ...rows].join("\n");
}

/**
 * The estimate as a Markdown section (the report embeds it).
 *
 * @param estimate - from `estimateCosts`
 * @param options - `headingLevel` of the section title (default 2; subsections one deeper)
 */
export function costToMarkdown(estimate: CostEstimate, options: { headingLevel?: number } = {}): string {
  const level = options.headingLevel ?? 2;
  const out: string[] = [];
  out.push(`${"#".repeat(level)} Egress cost`, "");
  out.push(
    `USD per month at ${estimate.hoursPerMonth} hours, on-demand list prices from ${markdownText(priceLine(estimate))}. ` +
      `Traffic assumptions: ${markdownText(trafficLine(estimate, false))} (GB/month per VPC holding notebooks).`,
  );
  const tables = [...fixedTables(estimate), flowTable(estimate), ...totalTables(estimate)].filter((t): t is Table => t !== undefined);
  for (const table of tables) out.push("", markdownTable(table, level + 1));
  for (const vpc of estimate.alternatives) {
    out.push("", markdownTable(alternativeTable(vpc), level + 1), "");
    out.push(...alternativeNotes(vpc, (t) => `- ${markdownText(t)}`));
  }
  for (const shared of estimate.sharedDesigns) {
    out.push("", shared.designs.length > 0 ? markdownTable(sharedDesignTable(shared), level + 1) : `${"#".repeat(level + 1)} ${markdownText(skippedTitle(shared))}`, "");
    out.push(...sharedNotes(shared, (t) => `- ${markdownText(t)}`));
  }
  const caveats = caveatTable(estimate);
  if (caveats) out.push("", markdownTable(caveats, level + 1));
  for (const w of estimate.warnings) out.push("", `**Warning:** ${markdownText(w)}`);
  out.push("", `${"#".repeat(level + 1)} Assumptions`, "", ...estimate.assumptions.map((a) => `- ${a}`));
  return `${out.join("\n")}\n`;
}
