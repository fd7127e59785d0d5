/**
 * What the report page carries besides the report itself: its style sheet, its script (drawing each
 * diagram as it scrolls into view, the filter box), Mermaid's browser bundle to inline, and the
 * hashes the page's Content Security Policy allows scripts by.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import type { MermaidConfig } from "mermaid";
import { MERMAID_CONFIG } from "../diagram/index.js";

const require = createRequire(import.meta.url);

/** Mermaid's one-file browser bundle (about 3.6 MB), read once per process. */
let mermaidBundle: Promise<string> | undefined;

/** Mermaid's browser bundle's text, inlined in the page (the page loads nothing from the network). */
export function loadMermaidBundle(): Promise<string> {
  mermaidBundle ??= readFile(require.resolve("mermaid/dist/mermaid.min.js"), "utf8");
  return mermaidBundle;
}

/** The page's style sheet. */
export const STYLE = `
:root { color-scheme: light; --ink: #16191f; --muted: #545b64; --line: #d5dbdb; --ok: #1d8102; --ok-bg: #e9f6ec; --bad: #d13212; --bad-bg: #fde7e9; --unk: #8a5300; --unk-bg: #fff4e0; --bar: 46px; }
* { box-sizing: border-box; }
html { scroll-padding-top: calc(var(--bar) + 8px); }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif; color: var(--ink); margin: 0; }
nav.bar { position: sticky; top: 0; z-index: 10; display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: center; min-height: var(--bar); padding: 6px 24px; background: #232f3e; }
nav.bar a { color: #fff; text-decoration: none; font-weight: 500; }
nav.bar a:hover, nav.bar a:focus { text-decoration: underline; }
nav.bar a.home { color: #ff9900; font-weight: 700; }
nav.bar input { margin-left: auto; padding: 4px 8px; border-radius: 4px; border: 1px solid #879196; min-width: 220px; }
#filter-count { color: #d5dbdb; font-size: .85em; }
main { max-width: 1180px; margin: 0 auto; padding: 16px 32px 64px; }
h1 { font-size: 1.8em; border-bottom: 3px solid #ff9900; padding-bottom: .3em; margin-top: .4em; }
h2 { margin-top: 2em; border-bottom: 1px solid var(--line); padding-bottom: .2em; }
h3 { margin-top: 1.6em; }
.meta { color: var(--muted); }
.cols { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.cols table { width: auto; }
.toc ol { margin: .3em 0; padding-left: 1.4em; }
table { border-collapse: collapse; margin: 1em 0; width: 100%; font-size: .92em; }
th, td { border: 1px solid var(--line); padding: 6px 9px; text-align: left; vertical-align: top; }
th { background: #f2f3f3; }
td.num, th.num { text-align: right; }
code { font: .9em ui-monospace, "Liberation Mono", monospace; background: #f2f3f3; padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
pre.code { background: #f2f3f3; padding: 12px; overflow-x: auto; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: .88em; font-weight: 600; border: 1px solid; white-space: nowrap; }
.badge.reachable { color: var(--ok); background: var(--ok-bg); }
.badge.unreachable { color: var(--bad); background: var(--bad-bg); }
.badge.unknown { color: var(--unk); background: var(--unk-bg); }
.sev { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: .78em; font-weight: 700; color: #fff; letter-spacing: .03em; }
.sev.high { background: #d13212; } .sev.medium { background: #c45500; } .sev.low { background: #0073bb; } .sev.info { background: #687078; }
.findings-count { margin-left: 12px; }
table.matrix td.cell { padding: 0; }
table.matrix td.cell a, table.matrix td.cell.none { display: block; padding: 6px 9px; color: inherit; text-decoration: none; }
table.matrix td.cell a:hover, table.matrix td.cell a:focus { text-decoration: underline; outline: 2px solid #0073bb; outline-offset: -2px; }
td.cell.reachable { background: var(--ok-bg); } td.cell.reachable .icon { color: var(--ok); }
td.cell.unreachable { background: var(--bad-bg); } td.cell.unreachable .icon { color: var(--bad); }
td.cell.unknown { background: var(--unk-bg); } td.cell.unknown .icon { color: var(--unk); }
.icon { font-weight: 700; }
ul.findings { list-style: none; padding: 0; }
li.finding { content-visibility: auto; contain-intrinsic-size: auto 120px; border-left: 4px solid var(--line); padding: 4px 12px; margin: 10px 0; }
li.finding p { margin: .3em 0; }
.rule { color: var(--muted); font-size: .85em; }
/* Off-screen proofs are neither laid out nor painted: a report with thousands stays quick to open and filter. */
article.proof { content-visibility: auto; contain-intrinsic-size: auto 1200px; border: 1px solid var(--line); border-left-width: 5px; border-radius: 4px; padding: 4px 16px 8px; margin: 18px 0; }
article.proof.reachable { border-left-color: var(--ok); } article.proof.unreachable { border-left-color: var(--bad); } article.proof.unknown { border-left-color: #ff9900; }
article.proof:target { box-shadow: 0 0 0 3px #0073bb55; }
dl.block { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; padding: 8px 12px; border-radius: 4px; }
dl.block.unreachable { background: var(--bad-bg); } dl.block.unknown { background: var(--unk-bg); } dl.block.reachable { background: #f2f3f3; }
dl.block dt { font-weight: 700; } dl.block dd { margin: 0; overflow-wrap: anywhere; }
figure.diagram { margin: 12px 0 0; }
figcaption { color: var(--muted); font-size: .85em; }
pre.mermaid { background: #fff; border: 1px solid var(--line); padding: 12px; overflow-x: auto; text-align: center; min-height: 60px; font-size: 0; color: transparent; }
pre.mermaid[data-processed] { font-size: inherit; color: inherit; }
pre.mermaid svg { max-width: 100%; height: auto; }
details.architecture { border: 1px solid var(--line); border-radius: 4px; margin: 10px 0; padding: 6px 12px; }
details.architecture summary { cursor: pointer; font-weight: 600; }
details.architecture pre.mermaid svg { max-width: none; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: .88em; }
.swatch { display: inline-block; width: 14px; height: 14px; border: 2px solid; border-radius: 3px; margin-right: 6px; vertical-align: -2px; }
@media print {
  nav.bar, #filter { display: none; }
  html { scroll-padding-top: 0; }
  main { max-width: none; padding: 0; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  article.proof, pre.mermaid, li.finding, table.matrix tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

/**
 * The diagrams' own settings (strict security, SVG text labels, palette, room for subnet titles), with
 * Mermaid's default layout (the inlined one-file bundle carries no ELK) and random ids: the page holds
 * many diagrams, drawn one call at a time, and deterministic ids would repeat from one to the next.
 */
const PAGE_MERMAID_CONFIG: MermaidConfig = { ...MERMAID_CONFIG, layout: "dagre", deterministicIds: false, startOnLoad: false, securityLevel: "strict" };

/**
 * The page's script: Mermaid draws each diagram when it comes near the screen (a closed architecture
 * section draws when opened), one at a time; the filter box hides the matrix rows, proofs and findings
 * of sources whose name does not contain the text. `body[data-diagrams]` says how drawing went, for
 * tests: `idle` when every visible diagram is drawn, `failed` after an error.
 */
export const PAGE_SCRIPT = `(() => {
  mermaid.initialize(${JSON.stringify(PAGE_MERMAID_CONFIG)});
  const body = document.body;
  let queue = Promise.resolve();
  let waiting = 0;
  const draw = (node) => {
    waiting += 1;
    body.setAttribute("data-diagrams", "drawing");
    queue = queue.then(() => mermaid.run({ nodes: [node] })).then(
      () => { waiting -= 1; if (waiting === 0 && body.getAttribute("data-diagrams") !== "failed") body.setAttribute("data-diagrams", "idle"); },
      (error) => { waiting -= 1; body.setAttribute("data-diagrams", "failed"); console.error(error); },
    );
  };
  const seen = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      seen.unobserve(entry.target);
      draw(entry.target);
    }
  }, { rootMargin: "300px 0px" });
  document.querySelectorAll("pre.mermaid").forEach((node) => seen.observe(node));
  body.setAttribute("data-diagrams", "idle");
  const filter = document.getElementById("filter");
  const count = document.getElementById("filter-count");
  if (filter) {
    // One style rule hides what does not match: a single style change, however many thousand proofs.
    const rule = document.createElement("style");
    document.head.appendChild(rule);
    const names = Array.from(document.querySelectorAll("table.matrix tbody tr"), (row) => row.getAttribute("data-source"));
    filter.addEventListener("input", () => {
      const text = filter.value.trim().toLowerCase().replace(/[\\\\"]/g, "");
      rule.textContent = text === "" ? "" : '[data-source]:not([data-source*="' + text + '"]) { display: none !important; }';
      count.textContent = text === "" ? "" : names.filter((name) => name.includes(text)).length + " of " + names.length;
    });
  }
})();`;

/**
 * A script's hash as the Content Security Policy names it (`'sha256-…'`): only scripts with these hashes run.
 *
 * @param script - the script's text
 */
export function scriptHash(script: string): string {
  return `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;
}
