/**
 * Making user-supplied text (Name tags, notebook names, descriptions) safe inside Mermaid source, and
 * turning resource ids into stable Mermaid node ids.
 *
 * Labels are always emitted inside double quotes. Checked against mermaid 11.17 rendering with
 * `htmlLabels: false` (SVG text): only the entity codes `#lt;`, `#gt;` and `#amp;` decode to their
 * characters, so `<`, `>` and `&` become those codes (text, never markup); the characters that would
 * end the quoted string or start Mermaid syntax (`"`, backtick, `%%` directives, `#name;` entity
 * look-alikes, newlines) are replaced by harmless look-alikes; control and format characters are
 * dropped; long text is shortened with an ellipsis. Mermaid keywords (`end`, `subgraph`, `click`, …)
 * are harmless inside a quoted label and are left alone.
 */

/** The longest piece of user text (one label line) drawn, in characters. */
export const MAX_LABEL_TEXT = 60;

// Mermaid's own entity markers (mermaid encodes `#x;` into these before rendering); a user string
// carrying them must not be decoded into an entity.
const MERMAID_ENTITY_MARKERS = /ﬂ°|¶ß/g;

/**
 * Shortens `text` to at most `max` characters (counting code points), ending with `…` when cut.
 *
 * @param text - any text
 * @param max - the maximum length, at least 2
 */
export function shorten(text: string, max: number = MAX_LABEL_TEXT): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(1, max - 1)).join("").trimEnd()}…`;
}

/**
 * Breaks text into lines of at most `width` characters at spaces (cutting words longer than a line),
 * keeping at most `maxLines` lines; the last kept line ends with `…` when text was left out.
 *
 * @param text - raw text (escaped later, line by line)
 * @param width - the longest line
 * @param maxLines - the most lines to keep
 */
export function wrapText(text: string, width: number = MAX_LABEL_TEXT, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let rest = word; rest.length > 0; ) {
      const room = line ? width - line.length - 1 : width;
      if (rest.length <= room) {
        line = line ? `${line} ${rest}` : rest;
        rest = "";
      } else if (line && rest.length <= width) {
        lines.push(line);
        line = "";
      } else {
        const cut = Math.max(1, room);
        lines.push(line ? `${line} ${rest.slice(0, cut)}` : rest.slice(0, cut));
        line = "";
        rest = rest.slice(cut);
      }
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = shorten(`${kept[maxLines - 1]} …`, width);
  return kept;
}

/**
 * Makes one line of user text safe inside a double-quoted Mermaid label: the result always parses,
 * and renders as the same text (or a look-alike) with no markup.
 *
 * @param text - raw text from the user's account (a tag value, a name)
 * @param max - the maximum length before escaping; longer text is shortened with `…`
 */
export function escapeLabelText(text: string, max: number = MAX_LABEL_TEXT): string {
  // One cache per length, keyed by the text itself: a key built from both was a new string to hash on every call.
  let cache = escapedLabels.get(max);
  if (!cache) escapedLabels.set(max, (cache = new Map()));
  const known = cache.get(text);
  if (known !== undefined) return known;
  const escaped = escapeLabelTextOnce(text, max);
  remember(cache, text, escaped);
  return escaped;
}

/**
 * Escaped label lines and sanitised ids already computed: a report draws the same subnets, gateways
 * and routes in thousands of path diagrams (each draws the VPCs its path crosses before keeping only
 * the path), and escaping was a third of that drawing. Both functions are pure, so a cached answer is
 * the answer; each cache (one per label length) is emptied when it reaches `CACHED` entries.
 */
const escapedLabels = new Map<number, Map<string, string>>();
const sanitizedIds = new Map<string, string>();
const CACHED = 100_000;

function remember(cache: Map<string, string>, key: string, value: string): void {
  if (cache.size >= CACHED) cache.clear();
  cache.set(key, value);
}

function escapeLabelTextOnce(text: string, max: number): string {
  const flat = text
    .replace(MERMAID_ENTITY_MARKERS, "?")
    // Newlines, tabs and other control, format (bidi overrides, zero-width) and separator characters.
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return shorten(flat, max)
    .replace(/"/g, "'")
    .replace(/`/g, "'")
    .replace(/%(?=%)/g, "% ")
    .replace(/#(?=\w+;)/g, "# ")
    .replace(/&/g, "#amp;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;");
}

/**
 * Builds a whole label: several lines of raw text, each escaped and shortened, joined by Mermaid line
 * breaks. Empty lines are left out.
 *
 * @param lines - raw text lines (user text or our own)
 * @param max - the maximum length of each line
 */
export function label(lines: readonly (string | undefined)[], max: number = MAX_LABEL_TEXT): string {
  return lines
    .filter((line): line is string => line !== undefined && line.trim() !== "")
    .map((line) => escapeLabelText(line, max))
    .join("<br>");
}

/**
 * Turns any id (an AWS resource id, a notebook name) into a Mermaid-safe id: ASCII letters, digits and
 * `_` only. AWS ids (`subnet-0abc`) become `subnet_0abc`. Ids without an `_` after sanitising (which
 * could be a Mermaid keyword such as `end`) and ids starting with a digit, `o` or `x` (which Mermaid
 * can read as part of an arrow) get an `n_` prefix.
 *
 * @param raw - the id to sanitise
 */
export function sanitizeId(raw: string): string {
  const known = sanitizedIds.get(raw);
  if (known !== undefined) return known;
  let id = raw.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  if (id === "") id = "x";
  if (!id.includes("_") || /^[0-9oOxX]/.test(id)) id = `n_${id}`;
  remember(sanitizedIds, raw, id);
  return id;
}

/**
 * Hands out Mermaid node ids for keys, keeping them stable (the same key always gets the same id) and
 * unique (two keys that sanitise alike get `_2`, `_3`… in the order they are first asked for; callers
 * ask in sorted order so the result is deterministic).
 */
export class IdAllocator {
  private readonly byKey = new Map<string, string>();
  private readonly used = new Set<string>();

  /**
   * @param base - an allocator whose ids this one continues from (left unchanged): its keys keep
   *   their ids and its ids stay taken, as if this allocator had handed them out itself
   */
  constructor(private readonly base?: IdAllocator) {}

  /**
   * The id for `key`, sanitised from `key` itself (or from `hint` when given).
   *
   * @param key - what the id stands for, e.g. `subnet-0abc` or `notebook:research`
   * @param hint - the text to derive the id from, when it should differ from the key
   */
  idFor(key: string, hint?: string): string {
    const known = this.peek(key);
    if (known) return known;
    const base = sanitizeId(hint ?? key);
    let id = base;
    for (let n = 2; this.isUsed(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    this.byKey.set(key, id);
    return id;
  }

  /** The id already given to `key`, if any. */
  peek(key: string): string | undefined {
    return this.byKey.get(key) ?? this.base?.peek(key);
  }

  private isUsed(id: string): boolean {
    return this.used.has(id) || (this.base?.isUsed(id) ?? false);
  }
}
