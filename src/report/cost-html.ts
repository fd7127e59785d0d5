/**
 * The cost section's Markdown (`costToMarkdown`) as HTML without a general Markdown parser: on a large
 * estate that Markdown is tens of megabytes of tables and lists, and `marked` took seconds over it
 * after the estimate arrived, while the user waits. The Markdown is our own, written from a few block
 * shapes (headings, one-line paragraphs, GFM tables, lists one level nested) whose text is escaped by
 * `markdownText`. This renders exactly those shapes and gives `marked`'s HTML for them; a line or a
 * text outside them (anything `marked` could read as other markup: raw `*`, `_`, `[`, `<`, a bare
 * `&`, an autolink, an indented or numbered line, ...) makes it give up, and the caller uses `marked`
 * for the whole section. Tests compare it with `marked` on every fixture and on generated documents.
 */

/** What `marked` writes for `&`, `<`, `>`, `"` and `'` in text (`escapeHtmlEntities`). */
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** The characters a backslash escapes in Markdown (CommonMark's ASCII punctuation). */
const ESCAPABLE = /[!"#$%&'()*+,\-./:;<=>?@[\]\\^_`{|}~]/;

/**
 * What inline text holds besides plain text: escapes, entities, code spans, quotes (written as
 * entities), a pipe, and raw characters that may begin markup, which are refused (escaped text
 * never has them).
 */
const NOT_PLAIN = /[\\&`'"|*_~[\]<>@\p{Cc}\u2028\u2029]/u;
/** `NOT_PLAIN`, searched from a position (`lastIndex`). */
const NOT_PLAIN_FROM = new RegExp(NOT_PLAIN.source, "gu");

/** What GFM would make a link of (marked's extended autolinks): refused. */
const AUTOLINK = /(?:https?|ftp|mailto|xmpp):|www\./i;

/** The entities `markdownText` writes, the only `&` it leaves. */
const ENTITY = /^&(?:lt|gt|amp);/;

/** A delimiter row as costToMarkdown writes it: `---` or `---:` per column. */
const DELIMITER_ROW = /^\|(?:-{3,}:?\|)+$/;

/** A list item's text that a Markdown parser would read as a block of its own (a nested list, a heading, a quote, code, a rule). */
const BLOCK_START = /^(?:```|[-+*>#=_~<|[\s]|\d+[.)])/;

const HEADING = /^(#{1,6}) (.*)$/;
const WARNING = "**Warning:** ";

/** Refused: the caller renders the whole section with marked. */
class NotOurMarkdown extends Error {}

function refuse(): never {
  throw new NotOurMarkdown();
}

/**
 * The cost Markdown as `marked` (GFM) renders it, or undefined when the text has a shape this does
 * not render (then only marked gives its HTML).
 *
 * @param markdown - `costToMarkdown`'s text
 */
export function costMarkdownToHtml(markdown: string): string | undefined {
  // Anywhere: every inline text is a piece of the document (a cell's `\|` made `|` joins nothing new).
  if (AUTOLINK.test(markdown)) return undefined;
  try {
    return blocks(markdown.split("\n"));
  } catch (error) {
    if (error instanceof NotOurMarkdown) return undefined;
    throw error;
  }
}

function blocks(lines: readonly string[]): string {
  const out: string[] = [];
  let previousList = false;
  for (let i = 0; i < lines.length; ) {
    const line = lines[i] as string;
    if (line === "") {
      i += 1;
      continue;
    }
    let end: number;
    const isList = line.startsWith("- ");
    // Two lists with only blank lines between are one (loose) list in Markdown.
    if (isList && previousList) refuse();
    if (line.startsWith("|")) end = table(lines, i, out);
    else if (isList) end = list(lines, i, out);
    else {
      end = i + 1;
      out.push(singleLine(line));
    }
    // Every block ends at a blank line (or the end): nothing may continue it.
    if (end < lines.length && lines[end] !== "") refuse();
    previousList = isList;
    i = end;
  }
  return out.join("");
}

/** A heading or a one-line paragraph. */
function singleLine(line: string): string {
  const heading = HEADING.exec(line);
  if (heading) {
    const depth = (heading[1] as string).length;
    const text = heading[2] as string;
    // A closing sequence (`#`s after a blank, or the whole text) is not part of the heading: marked drops it.
    const closed = text.replace(/#+$/, "");
    if (closed !== text && (closed === "" || closed.endsWith(" "))) refuse();
    return `<h${depth}>${blockText(text)}</h${depth}>\n`;
  }
  if (line.startsWith(WARNING)) return `<p><strong>Warning:</strong> ${blockText(line.slice(WARNING.length))}</p>\n`;
  if (!/^[A-Za-z]/.test(line)) refuse();
  return `<p>${blockText(line)}</p>\n`;
}

/** A list, one level of nesting (`  - ` under an item), tight. Returns the index after it. */
function list(lines: readonly string[], start: number, out: string[]): number {
  let html = "<ul>\n";
  let i = start;
  while (i < lines.length && (lines[i] as string).startsWith("- ")) {
    html += `<li>${itemText((lines[i] as string).slice(2))}`;
    i += 1;
    if (i < lines.length && (lines[i] as string).startsWith("  - ")) {
      html += "<ul>\n";
      for (; i < lines.length && (lines[i] as string).startsWith("  - "); i++) html += `<li>${itemText((lines[i] as string).slice(4))}</li>\n`;
      html += "</ul>\n";
    }
    html += "</li>\n";
  }
  out.push(`${html}</ul>\n`);
  return i;
}

function itemText(text: string): string {
  if (BLOCK_START.test(text)) refuse();
  return blockText(text);
}

/** A heading's, paragraph's or item's text: no blank at either end (marked trims it), inline. */
function blockText(text: string): string {
  if (text === "" || /^\s|\s$/u.test(text)) refuse();
  return inline(text, false);
}

/** A GFM table as costToMarkdown writes it: a header, a `---`/`---:` delimiter row, rows. Returns the index after it. */
function table(lines: readonly string[], start: number, out: string[]): number {
  const delimiter = lines[start + 1] ?? "";
  if (!DELIMITER_ROW.test(delimiter)) refuse();
  const aligns = delimiter.slice(1, -1).split("|").map((rule) => (rule.endsWith(":") ? ' align="right"' : ""));
  const header = splitCells(lines[start] as string);
  if (header.length !== aligns.length) refuse();
  const cells = (row: readonly string[], tag: "th" | "td") => row.map((cell, i) => `<${tag}${aligns[i]}>${inline(cell, true)}</${tag}>\n`).join("");
  let html = `<table>\n<thead>\n<tr>\n${cells(header, "th")}</tr>\n</thead>\n`;
  let i = start + 2;
  let body = "";
  for (; i < lines.length && (lines[i] as string).startsWith("|"); i++) body += `<tr>\n${cells(splitCells(lines[i] as string, aligns.length), "td")}</tr>\n`;
  if (body) html += `<tbody>${body}</tbody>`;
  out.push(`${html}</table>\n`);
  return i;
}

/**
 * A table row's cells as marked splits them (its `splitCells`): a pipe after an odd number of
 * backslashes is part of the cell, an empty first and last cell are the row's outer pipes, the
 * cells are trimmed and padded or cut to `count`, and `\|` becomes `|`.
 *
 * @param row - the row's line
 * @param count - the header's number of cells (none for the header itself)
 */
function splitCells(row: string, count?: number): string[] {
  const spaced = !row.includes("\\")
    ? row.replace(/\|/g, " |")
    : row.replace(/\|/g, (_pipe, offset: number, text: string) => {
        let escaped = false;
        for (let at = offset - 1; at >= 0 && text[at] === "\\"; at--) escaped = !escaped;
        return escaped ? "|" : " |";
      });
  const cells = spaced.split(/ \|/);
  if (!(cells[0] as string).trim()) cells.shift();
  if (cells.length > 0 && !(cells.at(-1) as string).trim()) cells.pop();
  if (count !== undefined) {
    if (cells.length > count) cells.splice(count);
    else while (cells.length < count) cells.push("");
  }
  return cells.map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

/**
 * Inline text: backslash escapes, the three entities markdownText writes, `code spans` and plain
 * text, HTML-escaped as marked escapes text. A raw pipe is plain text only in a table cell (split
 * already); anything that could be other markup is refused.
 *
 * @param text - the Markdown text of one cell, heading, paragraph or item
 * @param cell - whether it is a table cell's
 */
function inline(text: string, cell: boolean): string {
  // Most text is plain: it is its own HTML.
  if (!NOT_PLAIN.test(text)) return text;
  let html = "";
  let from = 0;
  const special = NOT_PLAIN_FROM;
  special.lastIndex = 0;
  for (let match = special.exec(text); match; match = special.exec(text)) {
    const at = match.index;
    html += text.slice(from, at);
    const character = match[0];
    if (character === "\\") {
      const escaped = text[at + 1];
      if (escaped === undefined || !ESCAPABLE.test(escaped)) refuse();
      html += ENTITIES[escaped] ?? escaped;
      from = at + 2;
    } else if (character === "&") {
      const entity = ENTITY.exec(text.slice(at, at + 5));
      if (!entity) refuse();
      html += entity[0];
      from = at + entity[0].length;
    } else if (character === "`") {
      const close = text.indexOf("`", at + 1);
      const code = close < 0 ? "" : text.slice(at + 1, close);
      // One backtick on each side around text with no blank at either end: marked's code span, unchanged.
      if (code === "" || /^\s|\s$/u.test(code) || text[close + 1] === "`") refuse();
      html += `<code>${code.replace(/[&<>"']/g, (special) => ENTITIES[special] as string)}</code>`;
      from = close + 1;
    } else if (character === "|" && cell) {
      html += "|";
      from = at + 1;
    } else if (character === "'" || character === '"') {
      html += ENTITIES[character];
      from = at + 1;
    } else refuse();
    special.lastIndex = from;
  }
  return html + text.slice(from);
}
