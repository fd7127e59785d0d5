/**
 * The cost section's Markdown rendered without marked (`costMarkdownToHtml`) is marked's HTML: on
 * every fixture's cost section (with and without traffic), on generated sections of the same shapes
 * whose texts are hostile names escaped by markdownText, and, where a text is not escaped and could
 * be other markup, it gives up (and marked renders) rather than differ.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { costToMarkdown, estimateCosts } from "../../src/cost/index.js";
import { parseTrafficSpec } from "../../src/cost/traffic.js";
import { createAnalyzer } from "../../src/engine/index.js";
import { markdownText } from "../../src/model/text.js";
import { costMarkdownToHtml } from "../../src/report/cost-html.js";
import { markedToHtml } from "../../src/report/html.js";
import { loadModel } from "../../src/snapshot/load.js";

const TRAFFIC = { default: parseTrafficSpec("internet=200,s3=1000,sagemaker=300"), perVpc: {} };
const FIXTURES = readdirSync("fixtures", { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== "intents")
  .map((entry) => entry.name);

describe("the cost section without marked", () => {
  it.each(FIXTURES)("%s: is marked's HTML, with and without traffic", async (fixture) => {
    const analyzer = createAnalyzer(await loadModel(`fixtures/${fixture}`));
    for (const options of [{}, { traffic: TRAFFIC }]) {
      let markdown: string;
      try {
        markdown = costToMarkdown(estimateCosts(analyzer, options));
      } catch {
        continue; // No estimate for this estate (a Region without prices): the report says why instead.
      }
      const html = costMarkdownToHtml(markdown);
      expect(html, fixture).toBeDefined();
      expect(html).toBe(markedToHtml(markdown));
    }
  });
});

/** A seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces of names and messages, many of them markup somewhere: each text is a few of these. */
const PIECES = [
  "nat-0abc", "vpc-1", "eu-west-1a", "$3.65", "(medium)", "≥ $1", "→", "😀", "é", " ", "  ", "\u00a0", "\t", "\n", "\u2028",
  "*", "**", "_", "__", "~", "~~", "`", "``", "```", "[", "]", "[x](y)", "![i](j)", "<", ">", "<b>", "</div>", "&", "&amp;", "&lt;",
  "&#39;", "&#x26;", "&copy;", "\\", "\\\\", "\\|", "|", "#", "###", "+", "-", "- ", "1.", "2)", ">", "=", "---", "{", "}", ":",
  "http://x.io", "HTTPS://y", "www.z.org", "WWW.q", "a@b.co", "mailto:m", "xmpp:n", "ftp://f", "'", '"', "!", "?", ".", "a", "Z", "9",
];

/** Words as names begin and end (a blank at either end of a heading or item would be trimmed by marked). */
const WORDS = ["nat-0abc", "vpc-1", "Egress", "a", "Z", "9", "$3.65", "(medium)", "é", "→", "😀"];

function pick(next: () => number, list: readonly string[]): string {
  return list[Math.floor(next() * list.length)] as string;
}

/** A text: words around hostile pieces (one in four beginning with one), or (one in four) words only. */
function text(next: () => number): string {
  const middle = Array.from({ length: Math.floor(next() * 4) }, () => pick(next, next() < 0.25 ? WORDS : PIECES)).join("");
  if (next() < 0.25) return `${pick(next, WORDS)} ${pick(next, WORDS)}`;
  return `${next() < 0.25 ? pick(next, PIECES) : ""}${pick(next, WORDS)}${middle}${pick(next, WORDS)}`;
}

/** A section shaped as costToMarkdown writes it, each account text given through `write`. */
function section(next: () => number, write: (text: string) => string): string {
  const out = ["## Egress cost", "", `USD per month, prices from ${write(text(next))}. Traffic assumptions: ${write(text(next))}.`];
  for (let t = 0; t < 3; t++) {
    const columns = 1 + Math.floor(next() * 4);
    const headers = Array.from({ length: columns }, () => write(text(next)));
    const rows = Array.from({ length: Math.floor(next() * 4) }, () => `| ${Array.from({ length: columns }, () => (next() < 0.2 ? "" : write(text(next)))).join(" | ")} |`);
    const rule = `|${headers.map(() => (next() < 0.5 ? "---:" : "---")).join("|")}|`;
    out.push("", `### ${write(text(next))}`, "", `| ${headers.join(" | ")} |`, rule, ...rows, "");
    for (let item = Math.floor(next() * 3); item > 0; item--) {
      out.push(`- ${write(text(next))}`);
      if (next() < 0.4) out.push(`  - ${write(text(next))}`, `  - ${write(text(next))}`);
    }
  }
  out.push("", `**Warning:** ${write(text(next))}`, "", "### Assumptions", "", "- `internet` is traffic sent to the internet; a traffic file's `notebooks:` entry.", `- ${write(text(next))}`);
  return `${out.join("\n")}\n`;
}

describe("generated cost sections", () => {
  it("with every account text escaped by markdownText, are rendered, as marked renders them", () => {
    const next = random(17);
    let rendered = 0;
    for (let n = 0; n < 400; n++) {
      const markdown = section(next, markdownText);
      const html = costMarkdownToHtml(markdown);
      // A text may be escaped to nothing, or to blanks at an end of a heading or item (marked trims them): only those are left to marked.
      if (html === undefined) continue;
      rendered += 1;
      expect(html, markdown).toBe(markedToHtml(markdown));
    }
    expect(rendered).toBeGreaterThan(200);
  });

  it("with an account text not escaped, are rendered as marked renders them or left to marked", () => {
    const next = random(29);
    let rendered = 0;
    let refused = 0;
    for (let n = 0; n < 1500; n++) {
      // One text of the section, anywhere in it, as it is; the others escaped.
      const raw = Math.floor(next() * 20);
      let written = 0;
      const markdown = section(next, (text) => (written++ === raw ? text : markdownText(text)));
      const html = costMarkdownToHtml(markdown);
      if (html === undefined) {
        refused += 1;
        continue;
      }
      rendered += 1;
      expect(html, markdown).toBe(markedToHtml(markdown));
    }
    expect(rendered).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(200);
  });
});
