/**
 * The report as one self-contained HTML page that works offline from `file://`: Mermaid's browser
 * bundle is inlined, and a Content Security Policy allows no network access at all (scripts only by
 * hash, no connections, images and fonts only from `data:`).
 *
 * The page is built for reading and sharing: a header with the verdict counts and a table of
 * contents, a sticky navigation bar with a filter box (for estates with hundreds of notebooks), the
 * matrix as the entry point (each coloured cell links to its proof), findings grouped by severity
 * with badges, one proof per cell (hop table with the rule behind each hop, return path, block and
 * fix, and a focused path diagram), one collapsible diagram per transit gateway hub and per VPC with a legend, the
 * cost and the caveats. Diagrams are drawn when they scroll into view (or their section opens), so a
 * large report opens fast. Every piece of account text is HTML-escaped with control characters
 * removed, and is never made a link.
 */
import { Marked, type Tokens } from "marked";
import { STANDARD_DESTINATIONS } from "../engine/index.js";
import { SEVERITIES, type Finding, type Severity } from "../engine/findings/types.js";
import type { AuditRow } from "../engine/audit.js";
import type { Verdict, VerdictKind } from "../engine/verdict.js";
import { plainText } from "../model/text.js";
import { costMarkdownToHtml } from "./cost-html.js";
import { loadMermaidBundle, PAGE_SCRIPT, scriptHash, STYLE } from "./html-assets.js";
import { sharedDiagramNote, type ProofEntry, type ReportData } from "./compose.js";
import { summarizeCell } from "./audit-text.js";
import { blockFacts, endpointUrlExample, hopRows, returnPathSummary } from "./verdict-text.js";
import { DESTINATION_TITLES, LEGEND, VERDICT_WORDS, architectureIntro, costMarkdown, sourceTitle, verdictCounts } from "./sections.js";

/** The characters HTML text shows as entities. */
const HTML_SPECIALS = /[&<>"']/g;
const HTML_SPECIAL = /[&<>"']/;

/** Texts escaped so far, by their text (see `escapeHtml`); emptied when full. */
const escaped = new Map<string, string>();
const ESCAPED_KEPT = 10_000;

/**
 * Text for HTML: control characters dropped, the five special characters as entities. A large
 * report escapes the same rule, route and component texts for thousands of notebooks, so each text
 * is escaped once.
 *
 * @param text - untrusted text
 */
export function escapeHtml(text: string): string {
  // Most texts hold nothing to escape or drop: one scan each then, no lookup and no copy kept.
  if (!HTML_SPECIAL.test(text) && plainText(text) === text) return text;
  let result = escaped.get(text);
  if (result === undefined) {
    result = plainText(text).replace(HTML_SPECIALS, (character) => `&#${character.charCodeAt(0)};`);
    if (escaped.size >= ESCAPED_KEPT) escaped.clear();
    escaped.set(text, result);
  }
  return result;
}

/** Mermaid source keeps its line breaks (it is code, not a name); only the markup characters are escaped. */
function escapeSource(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const ICONS: Record<VerdictKind, string> = { reachable: "✓", unreachable: "✗", unknown: "?" };

/**
 * The cost section's Markdown as HTML: raw HTML is shown as text, and bare URLs stay text. The
 * Markdown costToMarkdown writes is rendered directly (`costMarkdownToHtml`, the same HTML); marked
 * renders any other.
 */
function markdownToHtml(markdown: string): string {
  return costMarkdownToHtml(markdown) ?? markedToHtml(markdown);
}

/**
 * Markdown as HTML by marked (GFM), as the report shows it: raw HTML as text, links as their text.
 *
 * @param markdown - the Markdown
 */
export function markedToHtml(markdown: string): string {
  const marked = new Marked({
    gfm: true,
    renderer: {
      code: (token: Tokens.Code) => `<pre class="code">${escapeSource(token.text)}</pre>\n`,
      html: (token: Tokens.HTML | Tokens.Tag) => escapeSource(token.text),
      link: (token: Tokens.Link) => escapeSource(token.text),
    },
  });
  return marked.parse(markdown, { async: false });
}

function badge(kind: VerdictKind, text: string): string {
  return `<span class="badge ${kind}">${ICONS[kind]} ${escapeHtml(text)}</span>`;
}

function severityBadge(severity: Severity): string {
  return `<span class="sev ${severity}">${severity.toUpperCase()}</span>`;
}

function headerSection(data: ReportData, sections: readonly { id: string; title: string }[]): string {
  const counts = verdictCounts(data);
  const bySeverity = data.summary.findingsBySeverity;
  const findingBadges = SEVERITIES.filter((severity) => bySeverity[severity] > 0).map((severity) => `${severityBadge(severity)} ${bySeverity[severity]}`);
  const perDestination = STANDARD_DESTINATIONS.map((destination) => {
    const reach = data.summary.reach[destination] ?? { reachable: 0, unreachable: 0, unknown: 0 };
    return `<tr><th scope="row">${escapeHtml(DESTINATION_TITLES[destination] ?? destination)}</th><td class="num">${reach.reachable}</td><td class="num">${reach.unreachable}</td><td class="num">${reach.unknown}</td></tr>`;
  });
  return `<header id="summary" class="summary">
<h1>${escapeHtml(data.title)}</h1>
<p class="meta">Generated ${escapeHtml(data.generatedAt)} by vpcreach ${escapeHtml(data.toolVersion)} from <code>${escapeHtml(data.snapshot)}</code>.
${data.summary.notebooks} notebook${data.summary.notebooks === 1 ? "" : "s"} in ${data.summary.vpcs} VPC${data.summary.vpcs === 1 ? "" : "s"} (${data.summary.regions.map(escapeHtml).join(", ") || "no Region"}).</p>
<p class="counts">${badge("reachable", `${counts.reachable} reachable`)} ${badge("unreachable", `${counts.unreachable} blocked`)} ${badge("unknown", `${counts.unknown} undetermined`)}
<span class="findings-count">Findings: ${findingBadges.join(" ") || "none"}</span></p>
<div class="cols">
<table class="per-destination"><thead><tr><th>Destination</th><th>✓ reach it</th><th>✗ blocked</th><th>? undetermined</th></tr></thead><tbody>${perDestination.join("")}</tbody></table>
<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>${sections.map((section) => `<li><a href="#${section.id}">${escapeHtml(section.title)}</a></li>`).join("")}</ol></nav>
</div>
</header>`;
}

function navBar(sections: readonly { id: string; title: string }[], sources: number): string {
  const links = sections.map((section) => `<a href="#${section.id}">${escapeHtml(section.title)}</a>`).join("");
  const filter = sources > 1 ? `<input id="filter" type="search" placeholder="Filter ${sources} sources…" aria-label="Filter sources by name"><span id="filter-count" aria-live="polite"></span>` : "";
  return `<nav class="bar" aria-label="Sections"><a class="home" href="#summary">vpcreach</a>${links}${filter}</nav>`;
}

function matrixCell(verdict: Verdict | undefined, proof: ProofEntry | undefined): string {
  if (!verdict) return `<td class="cell none">–</td>`;
  const summary = summarizeCell(verdict, Number.POSITIVE_INFINITY);
  const content = `<span class="icon" aria-label="${verdict.verdict}">${summary.mark}</span> ${escapeHtml(summary.reason)}`;
  return `<td class="cell ${verdict.verdict}">${proof ? `<a href="#${proof.anchor}">${content}</a>` : content}</td>`;
}

/** The matrix, row by row (a large estate has ten thousand rows). */
function* matrixSection(data: ReportData, proofs: ReadonlyMap<string, ProofEntry>): Generator<string> {
  const head = `<tr><th>Source</th>${STANDARD_DESTINATIONS.map((destination) => `<th>${escapeHtml(DESTINATION_TITLES[destination] ?? destination)}</th>`).join("")}</tr>`;
  yield `<section id="matrix"><h2>Reachability</h2>
<p>Each cell is proven from the configuration (tcp/443); click it for the proof. ${badge("reachable", "reachable, with the exit it takes")} ${badge("unreachable", "blocked, with the component and code")} ${badge("unknown", "undetermined, with what the engine could not see")}</p>
`;
  if (data.audit.rows.length === 0) {
    yield "<p><em>No notebooks in this snapshot.</em></p></section>";
    return;
  }
  yield `<table class="matrix"><thead>${head}</thead><tbody>`;
  for (const [i, row] of data.audit.rows.entries()) {
    yield `${i === 0 ? "" : "\n"}<tr data-source="${escapeHtml(row.source.id.toLowerCase())}"><th scope="row">${escapeHtml(sourceTitle(row))}</th>${STANDARD_DESTINATIONS.map((destination) =>
      matrixCell(row.cells[destination], proofs.get(proofKey(row.source.id, destination))),
    ).join("")}</tr>`;
  }
  yield "</tbody></table></section>";
}

function findingItem(finding: Finding): string {
  return `<li class="finding" data-source="${escapeHtml(finding.resource.toLowerCase())}">${severityBadge(finding.severity)} <strong>${escapeHtml(finding.title)}</strong> <code>${escapeHtml(finding.resource)}</code> <span class="rule">${escapeHtml(finding.rule)}</span>
<p>${escapeHtml(finding.detail)}</p><p class="fix"><strong>Fix:</strong> ${escapeHtml(finding.fix)}</p></li>`;
}

function findingsSection(data: ReportData): string {
  const groups = SEVERITIES.map((severity) => [severity, data.audit.findings.filter((finding) => finding.severity === severity)] as const).filter(([, list]) => list.length > 0);
  if (groups.length === 0) return `<section id="findings"><h2>Findings</h2><p><em>No findings.</em></p></section>`;
  const body = groups.map(
    ([severity, list]) => `<h3 id="findings-${severity}">${severityBadge(severity)} ${severity[0]?.toUpperCase()}${severity.slice(1)} (${list.length})</h3>
<ul class="findings">${list.map(findingItem).join("\n")}</ul>`,
  );
  return `<section id="findings"><h2>Findings</h2>${body.join("\n")}</section>`;
}

function hopTable(verdict: Verdict): string {
  if (verdict.path.length === 0) return "";
  const rows = hopRows(verdict.path).map(
    (hop) =>
      `<tr><td class="num">${hop.sequence}</td><td><code>${escapeHtml(hop.component)}</code>${hop.name ? ` ${escapeHtml(hop.name)}` : ""}</td><td>${escapeHtml(hop.type)}</td><td>${hop.rules.map(escapeHtml).join("<br>")}</td></tr>`,
  );
  return `<table class="hops"><thead><tr><th>Hop</th><th>Component</th><th>Type</th><th>Rule or route used</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function returnPath(verdict: Verdict): string {
  const summary = returnPathSummary(verdict);
  if (summary === undefined) return "";
  if (summary === "blocked") return `<p class="return"><strong>Return path:</strong> blocked (see below).</p>`;
  const admitted = summary.admittedBy.length > 0 ? `; admitted by ${summary.admittedBy.map(escapeHtml).join("; ")}` : "";
  return `<p class="return"><strong>Return path</strong> (${verdict.returnPath.length} hops): ${escapeHtml(summary.components)}${admitted}.</p>`;
}

function blockList(verdict: Verdict): string {
  const facts = blockFacts(verdict);
  if (facts.length === 0) return "";
  return `<dl class="block ${verdict.verdict}">${facts.map((fact) => `<dt>${escapeHtml(fact.label)}</dt><dd>${escapeHtml(fact.value)}</dd>`).join("")}</dl>`;
}

function endpointUrl(verdict: Verdict): string {
  const url = verdict.requiresEndpointUrl;
  if (!url) return "";
  return `<p class="note">Only the endpoint's own DNS name works here: pass <code>--endpoint-url ${escapeHtml(url)}</code>, for example:</p><pre class="code">${endpointUrlExample(verdict, plainText(url)).map(escapeHtml).join("\n")}</pre>`;
}

function proofArticle(row: AuditRow, destination: string, proof: ProofEntry): string {
  const verdict = row.cells[destination] as Verdict;
  const warnings = verdict.warnings.length > 0 ? `<ul class="warnings">${verdict.warnings.map((warning) => `<li>${escapeHtml(warning)}</li>`).join("")}</ul>` : "";
  return `<article class="proof ${verdict.verdict}" id="${proof.anchor}" data-source="${escapeHtml(row.source.id.toLowerCase())}">
<h3>${escapeHtml(sourceTitle(row))} → ${escapeHtml(DESTINATION_TITLES[destination] ?? destination)} ${badge(verdict.verdict, VERDICT_WORDS[verdict.verdict])}</h3>
<p>${escapeHtml(verdict.explanation)}</p>
${endpointUrl(verdict)}${hopTable(verdict)}
${returnPath(verdict)}${blockList(verdict)}${warnings}
${proofDiagram(proof)}
</article>`;
}

/** The proof's focused diagram, or where the same diagram is (a reachable path shaped like an earlier one). */
function proofDiagram(proof: ProofEntry): string {
  if (proof.mermaid !== undefined) {
    return `<figure class="diagram"><pre class="mermaid">${escapeSource(proof.mermaid)}</pre><figcaption>Only what this path crosses. <a href="#matrix">Back to the matrix</a></figcaption></figure>`;
  }
  const shared = proof.sharesDiagramOf!;
  return `<p class="note shared-diagram">Diagram not repeated: this path leaves the same subnet and crosses the same components as <a href="#${shared.anchor}">${escapeHtml(shared.title)}</a>, whose diagram shows it. <a href="#matrix">Back to the matrix</a></p>`;
}

/** The proofs, one article at a time: a large estate's run to hundreds of megabytes. */
function* proofsSection(data: ReportData, proofs: ReadonlyMap<string, ProofEntry>): Generator<string> {
  yield `<section id="proofs"><h2>Proofs</h2><p>For each cell of the matrix: the hops with the route, rule or entry behind each, the return path, where and why traffic stops with the fix, and a diagram of only what the path crosses.${escapeHtml(sharedDiagramNote(data))}</p>
`;
  let first = true;
  for (const row of data.audit.rows) {
    for (const destination of STANDARD_DESTINATIONS) {
      const proof = proofs.get(proofKey(row.source.id, destination));
      if (!proof || !row.cells[destination]) continue;
      yield `${first ? "" : "\n"}${proofArticle(row, destination, proof)}`;
      first = false;
    }
  }
  yield "</section>";
}

function legend(): string {
  return `<ul class="legend">${LEGEND.map((entry) => `<li><span class="swatch" style="background:${entry.fill};border-color:${entry.stroke}"></span>${escapeHtml(entry.text)}</li>`).join("")}</ul>`;
}

function architectureSection(data: ReportData): string {
  const blocks = [...data.hubs, ...data.architecture].map(
    (entry) => `<details class="architecture" id="${entry.name}"><summary>${escapeHtml(entry.title)}</summary><pre class="mermaid">${escapeSource(entry.mermaid)}</pre></details>`,
  );
  return `<section id="architecture"><h2>Architecture</h2><p>${escapeHtml(architectureIntro(data))} Click a title to open its diagram.</p>${legend()}${blocks.join("\n")}</section>`;
}

function costSection(data: ReportData): string {
  if ("error" in data.cost) return `<section id="cost"><h2>Egress cost</h2><p><em>Not estimated: ${escapeHtml(data.cost.error)}</em></p></section>`;
  return `<section id="cost">${markdownToHtml(costMarkdown(data.cost))}</section>`;
}

function caveatsSection(data: ReportData): string {
  return `<section id="caveats"><h2>What the analysis could not see</h2><ul>${data.warnings.map((warning) => `<li>${escapeHtml(warning)}</li>`).join("")}</ul></section>`;
}

function proofKey(source: string, destination: string): string {
  return `${source}\u0000${destination}`;
}

/**
 * Renders the report page in pieces, written as they come: the page of a large estate is hundreds of
 * megabytes, and built as one string it (and its parts, and their UTF-8 copy) held gigabytes at once.
 *
 * @param data - the composed report
 * @returns the HTML document's text in pieces (joined, the whole page)
 */
export async function reportToHtmlPage(data: ReportData): Promise<Iterable<string>> {
  const page = pageFrame(data, await loadMermaidBundle());
  return (function* () {
    yield* untilCost(data, page);
    yield* fromCost(data, page);
  })();
}

/**
 * The report page while its cost estimate is still being made: everything before the cost section
 * (all but the cost and the caveats, nearly all of the page) first, to be written while the estimate
 * is awaited, then, once it is there, the rest. Joined, the two parts are `reportToHtmlPage`'s page.
 *
 * @param data - the composed report, whose `cost` is set when `cost` resolves
 * @param cost - settles once `data.cost` holds the estimate
 */
export async function* reportToHtmlPageAwaiting(data: ReportData, cost: Promise<unknown>): AsyncGenerator<Iterable<string>> {
  const page = pageFrame(data, await loadMermaidBundle());
  yield untilCost(data, page);
  await cost;
  yield fromCost(data, page);
}

/** What the page's parts share: its sections (for the navigation) and the Mermaid bundle made safe to inline. */
interface PageFrame {
  sections: readonly { id: string; title: string }[];
  safeBundle: string;
}

function pageFrame(data: ReportData, bundle: string): PageFrame {
  return {
    sections: [
      { id: "matrix", title: "Reachability" },
      { id: "findings", title: "Findings" },
      { id: "proofs", title: "Proofs" },
      { id: "architecture", title: "Architecture" },
      { id: "cost", title: "Cost" },
      ...(data.warnings.length > 0 ? [{ id: "caveats", title: "Caveats" }] : []),
    ],
    // The bundle's own text could contain "</script>"; it does not today, but never let it end the tag early.
    safeBundle: bundle.replace(/<\/script/gi, "<\\/script"),
  };
}

/** The page up to its cost section: the head, and the sections that do not read the cost. */
function* untilCost(data: ReportData, { sections, safeBundle }: PageFrame): Generator<string> {
  const proofs = new Map(data.paths.map((proof) => [proofKey(proof.source, proof.destination), proof]));
  const policy = [
    "default-src 'none'",
    `script-src ${scriptHash(safeBundle)} ${scriptHash(PAGE_SCRIPT)}`,
    "style-src 'unsafe-inline'",
    "img-src data:",
    "font-src data:",
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${navBar(sections, data.audit.rows.length)}
<main>
`;
  const body: Iterable<string>[] = [[headerSection(data, sections)], matrixSection(data, proofs), [findingsSection(data)], proofsSection(data, proofs), [architectureSection(data)]];
  for (const section of body) {
    yield* section;
    yield "\n";
  }
}

/** The page from its cost section on: the cost, the caveats, and the scripts. */
function* fromCost(data: ReportData, { safeBundle }: PageFrame): Generator<string> {
  yield costSection(data);
  if (data.warnings.length > 0) yield `\n${caveatsSection(data)}`;
  yield `
</main>
<script>${safeBundle}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
