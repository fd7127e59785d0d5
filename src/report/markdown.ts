/**
 * Small Markdown builders for the report. Names and tags come from users' AWS accounts, so every
 * piece of user text goes through `mdText` (or `mdCode`) before it reaches Markdown: GitHub renders
 * the report, and it may see neither markup nor a link that came from a tag (names are data: a bare
 * URL, `www.` name or e-mail address must not become an autolink), nor control characters.
 */

import { markdownText, plainText } from "../model/text.js";

export { plainText };

/** Texts escaped so far, by their text (see `mdText`); emptied when full. */
const escaped = new Map<string, string>();
const ESCAPED_KEPT = 10_000;

/**
 * Escapes text for use inside a Markdown paragraph or table cell (see `markdownText`). A large
 * report escapes the same rule, route and component texts for thousands of notebooks (its proofs
 * are rendered twice: measured, then capped or written), so each text is escaped once.
 *
 * @param text - untrusted text
 */
export function mdText(text: string): string {
  let result = escaped.get(text);
  if (result === undefined) {
    result = markdownText(text);
    if (escaped.size >= ESCAPED_KEPT) escaped.clear();
    escaped.set(text, result);
  }
  return result;
}

/**
 * Escapes prose that may carry `code spans` (finding texts, explanations): code spans are kept as
 * code (Markdown shows their content literally, so they cannot carry markup), the rest goes through
 * `mdText`.
 *
 * @param text - prose whose backtick pairs mark code
 */
export function mdProse(text: string): string {
  return text
    .split(/(`[^`\r\n]+`)/)
    .map((part, index) => (index % 2 === 1 ? part.replace(/\|/g, "\\|") : mdText(part)))
    .join("");
}

/**
 * Inline code for identifiers (`vpc-0abc`, `0.0.0.0/0`). Backticks inside are replaced, and the
 * pipe is escaped so the span can sit in a table cell.
 *
 * @param text - the identifier
 */
export function mdCode(text: string): string {
  return `\`${plainText(text).replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
}

/**
 * A GitHub-flavoured Markdown table. Cells must already be escaped.
 *
 * @param headers - the column titles
 * @param rows - one array of cells per row, as long as `headers`
 */
export function mdTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/**
 * A fenced Mermaid block, which GitHub and GitLab render as a diagram.
 *
 * @param source - Mermaid source (its labels already escaped by src/diagram)
 */
export function mdMermaid(source: string): string {
  return ["```mermaid", source.trimEnd(), "```"].join("\n");
}
