/**
 * How text from users' accounts (names, tags, descriptions) is made safe for the human-facing outputs:
 * `plainText` drops control and invisible format characters (terminal escapes, bidi overrides), and
 * `markdownText` escapes it for Markdown so that GitHub (or any renderer) shows it as the same plain
 * text: no markup, and no link (names are data: a bare URL, `www.` name or e-mail address must not
 * become an autolink). The report and the cost tables both use it.
 */

const MARKDOWN_SPECIAL = /[\\`*_{}[\]#+|<>&~]/g;
/** What `markdownText` changes in plain text: Markdown punctuation and what `noAutolinks` breaks (a superset: any `www.`). */
const MARKDOWN_CHANGES = new RegExp(`${MARKDOWN_SPECIAL.source}|[:@]|www\\.`, "i");

/**
 * Text with control and invisible format characters (terminal escapes, bidi overrides, zero-width
 * characters) removed and line breaks turned into spaces: what any human-facing output may show.
 *
 * @param text - untrusted text
 */
export function plainText(text: string): string {
  // Most texts hold none of these (line breaks are among them): one scan then, instead of two
  // replacements, the first of which backtracks over every run of spaces.
  if (!UNSHOWN.test(text)) return text;
  return text.replace(/\s*[\r\n]+\s*/g, " ").replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, "");
}

/** The characters `plainText` changes: control (line breaks included) and format characters. */
const UNSHOWN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/**
 * Breaks what GitHub's autolinker (and marked's) would turn into a link: the `:` of `scheme:`, the
 * `.` of `www.` and the `@` of an address are backslash-escaped, which Markdown shows as the plain
 * character.
 */
function noAutolinks(text: string): string {
  return text.replace(/:/g, "\\:").replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}\\.`).replace(/@/g, "\\@");
}

/**
 * Escapes text for use inside a Markdown paragraph or table cell: control characters are dropped,
 * Markdown punctuation is backslash-escaped, `<`, `>` and `&` become entities, newlines become spaces,
 * and nothing in it can become an autolink.
 *
 * @param text - untrusted text (a tag value, a resource name, a message)
 */
export function markdownText(text: string): string {
  const plain = plainText(text);
  // Most texts (ids, addresses, rule texts) hold nothing to escape: one scan then, not four replacements.
  if (!MARKDOWN_CHANGES.test(plain)) return plain;
  const escaped = plain.replace(MARKDOWN_SPECIAL, (character) => {
    if (character === "<") return "&lt;";
    if (character === ">") return "&gt;";
    if (character === "&") return "&amp;";
    return `\\${character}`;
  });
  return noAutolinks(escaped);
}

