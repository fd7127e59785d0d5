/**
 * Turns the report's Markdown into one self-contained HTML page that works offline from `file://`:
 * Mermaid's browser bundle is inlined, and a Content Security Policy allows no network access at all
 * (scripts only by hash, no connections, images and fonts only from `data:`). The Markdown is the
 * single source of the report's content; this module only changes its form.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { Marked, type Tokens } from "marked";

const require = createRequire(import.meta.url);

/** Mermaid's one-file browser bundle (about 3.6 MB), read once per process. */
let mermaidBundle: Promise<string> | undefined;

function loadMermaidBundle(): Promise<string> {
  mermaidBundle ??= readFile(require.resolve("mermaid/dist/mermaid.min.js"), "utf8");
  return mermaidBundle;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Mermaid blocks become `<pre class="mermaid">` (rendered in the page); raw HTML in the Markdown is shown as text. */
function createMarkdownRenderer(): Marked {
  return new Marked({
    gfm: true,
    renderer: {
      code(token: Tokens.Code): string {
        const className = token.lang === "mermaid" ? "mermaid" : "code";
        return `<pre class="${className}">${escapeHtml(token.text)}</pre>\n`;
      },
      html(token: Tokens.HTML | Tokens.Tag): string {
        return escapeHtml(token.text);
      },
    },
  });
}

const STYLE = `
:root { color-scheme: light; --ink: #16191f; --muted: #545b64; --line: #d5dbdb; --ok: #1d8102; --bad: #d13212; --unk: #8d6605; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif; color: var(--ink); margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 1.8em; border-bottom: 3px solid #ff9900; padding-bottom: .3em; }
h2 { margin-top: 2em; border-bottom: 1px solid var(--line); padding-bottom: .2em; }
h3 { margin-top: 1.6em; }
table { border-collapse: collapse; margin: 1em 0; width: 100%; font-size: .92em; }
th, td { border: 1px solid var(--line); padding: 6px 9px; text-align: left; vertical-align: top; }
th { background: #f2f3f3; }
code { font: .9em ui-monospace, "Liberation Mono", monospace; background: #f2f3f3; padding: 1px 4px; border-radius: 3px; }
pre.code { background: #f2f3f3; padding: 12px; overflow-x: auto; }
pre.mermaid { background: #fff; border: 1px solid var(--line); padding: 12px; overflow-x: auto; text-align: center; }
blockquote { margin: 1em 0; padding: .2em 1em; border-left: 4px solid var(--line); color: var(--muted); }
@media print { main { max-width: none; padding: 0; } pre.mermaid { break-inside: avoid; } h2 { break-before: auto; } }
`;

const MERMAID_START = `mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default", deterministicIds: true, flowchart: { htmlLabels: false } });
mermaid.run({ querySelector: "pre.mermaid" }).then(
  () => document.body.setAttribute("data-diagrams", "rendered"),
  (error) => { document.body.setAttribute("data-diagrams", "failed"); console.error(error); },
);`;

function scriptHash(script: string): string {
  return `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;
}

/**
 * Renders the report page.
 *
 * @param markdown - the report's Markdown (the same text as README.md)
 * @param title - the page title (plain text; escaped here)
 * @returns the whole HTML document
 */
export async function markdownToHtmlPage(markdown: string, title: string): Promise<string> {
  const bundle = await loadMermaidBundle();
  const body = await createMarkdownRenderer().parse(markdown);
  // The bundle's own text could contain "</script>"; it does not today, but never let it end the tag early.
  const safeBundle = bundle.replace(/<\/script/gi, "<\\/script");
  const policy = [
    "default-src 'none'",
    `script-src ${scriptHash(safeBundle)} ${scriptHash(MERMAID_START)}`,
    "style-src 'unsafe-inline'",
    "img-src data:",
    "font-src data:",
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
<script>${safeBundle}</script>
<script>${MERMAID_START}</script>
</body>
</html>
`;
}
