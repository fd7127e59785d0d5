/**
 * `JSON.stringify(value, null, 2)` in pieces: the text of a large report (hundreds of megabytes for
 * an estate of thousands of notebooks) would pass V8's longest string, so it is produced element by
 * element of its outer arrays and objects and written as it comes. Joined, the pieces are exactly
 * the text `JSON.stringify` gives.
 *
 * report.json is written with compact leaves (`leaves: "compact"`): the upper levels split as above,
 * one element of the large arrays per line, each written as `JSON.stringify(value)` without
 * indentation. Indented, a large estate's report.json grew to 717 MB, past the longest string
 * `JSON.parse` can read in Node (512 MB), and its indentation alone cost seconds to write; compact it
 * is 423 MB. `check --json`, `diff --json` and SARIF are small and stay indented throughout.
 * A compact value that carries its own JSON text (`OWN_JSON`: an audit row of shared answers) is
 * written from that text, not stringified again.
 */
import { ownJson, type Piece } from "../fs/batches.js";

/** Nesting levels split into pieces; below them each value is one `JSON.stringify` call. */
const SPLIT_DEPTH = 3;

/**
 * How a value below the split levels is written: `"indented"` as `JSON.stringify(value, null, 2)`
 * writes it at its depth (the whole document is then exactly that), `"compact"` as
 * `JSON.stringify(value)`, on the line its upper level gives it.
 */
export type JsonLeaves = "indented" | "compact";

/**
 * The pieces of `JSON.stringify(value, null, 2)` for a JSON-shaped value (plain objects, arrays,
 * strings, numbers, booleans, null; undefined members are left out as `JSON.stringify` does), or,
 * with compact leaves, of the same text with every value below the split levels written compact.
 *
 * @param value - the value to write
 * @param depth - how deep `value` sits (for its indentation)
 * @param leaves - how the values below the split levels are written
 */
export function* jsonChunks(value: unknown, depth = 0, leaves: JsonLeaves = "indented"): Generator<Piece> {
  const indent = "  ".repeat(depth);
  const inner = `${indent}  `;
  if (depth < SPLIT_DEPTH && Array.isArray(value) && value.length > 0) {
    yield "[";
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? "" : ","}\n${inner}`;
      // As in JSON.stringify, an array member that JSON cannot hold is written as null.
      yield* shown(value[i]) ? jsonChunks(value[i], depth + 1, leaves) : ["null"];
    }
    yield `\n${indent}]`;
    return;
  }
  if (depth < SPLIT_DEPTH && isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, member]) => shown(member));
    if (entries.length > 0) {
      yield "{";
      yield* memberChunks(entries, depth, true, leaves);
      yield `\n${indent}}`;
      return;
    }
  }
  if (leaves === "indented") {
    yield indented(value, depth);
    return;
  }
  const own = ownJson(value);
  if (own) yield* own;
  else yield JSON.stringify(value) ?? "null";
}

/**
 * The members of an object split into pieces, each after its comma (none before the object's first).
 *
 * @param entries - the members JSON shows, in order
 * @param depth - how deep the object sits
 * @param first - whether the first of them is the object's first member
 * @param leaves - how the values below the split levels are written
 */
function* memberChunks(entries: readonly [string, unknown][], depth: number, first: boolean, leaves: JsonLeaves): Generator<Piece> {
  const inner = `${"  ".repeat(depth)}  `;
  for (const [i, [key, member]] of entries.entries()) {
    yield `${first && i === 0 ? "" : ","}\n${inner}${JSON.stringify(key)}: `;
    yield* jsonChunks(member, depth + 1, leaves);
  }
}

/**
 * `JSON.stringify(value, null, 2)` as it reads `depth` levels deep: stringified nested in `depth`
 * one-member arrays, so that JSON.stringify writes the indentation itself, and cut out of them
 * (indenting the text afterwards, a pass over every line break, cost as much again). A value JSON
 * cannot hold is `null`, as an array member is.
 *
 * @param value - the value
 * @param depth - how deep it sits
 */
function indented(value: unknown, depth: number): string {
  let nested = value;
  for (let level = 0; level < depth; level++) nested = [nested];
  const text = JSON.stringify(nested, null, 2) ?? "null";
  // Each level opens with "[", a break and its indentation, and closes with a break, the outer indentation and "]".
  const opening = 2 * depth + depth * (depth + 1);
  const closing = 2 * depth + depth * (depth - 1);
  return text.slice(opening, text.length - closing);
}

/**
 * A JSON document as written to a file or stdout: `JSON.stringify(value, null, 2)` (or, with compact
 * leaves, its upper levels so) and a line break, in pieces.
 *
 * @param value - the document
 * @param leaves - how the values below the split levels are written
 */
export function jsonDocument(value: unknown, leaves?: "indented"): Generator<string>;
export function jsonDocument(value: unknown, leaves: JsonLeaves): Generator<Piece>;
export function* jsonDocument(value: unknown, leaves: JsonLeaves = "indented"): Generator<Piece> {
  yield* jsonChunks(value, 0, leaves);
  yield "\n";
}

/**
 * `jsonDocument` of an object one of whose members is still being computed: the pieces of the
 * members before it come first (written while it is awaited), then, once it is there, the rest.
 * Joined, the two parts are `jsonDocument` of the object with that member in its place.
 *
 * @param value - the document, a plain object holding `key` (its value there is not read)
 * @param key - the member to wait for
 * @param later - that member's value
 * @param leaves - how the values below the split levels are written
 */
export async function* jsonDocumentAwaiting(
  value: object,
  key: string,
  later: Promise<unknown>,
  leaves: JsonLeaves = "indented",
): AsyncGenerator<Iterable<Piece>> {
  const entries = Object.entries(value).filter(([name, member]) => name === key || shown(member));
  const at = entries.findIndex(([name]) => name === key);
  if (at < 0) {
    yield jsonDocument(value, leaves);
    return;
  }
  yield (function* () {
    yield "{";
    yield* memberChunks(entries.slice(0, at), 0, true, leaves);
  })();
  const member = await later;
  const rest = [...entries.slice(at + 1)];
  if (shown(member)) rest.unshift([key, member]);
  yield (function* () {
    // An object with no member shown at all is `{}`, as jsonChunks writes it.
    if (at === 0 && rest.length === 0) yield "}";
    else {
      yield* memberChunks(rest, 0, at === 0, leaves);
      yield "\n}";
    }
    yield "\n";
  })();
}

/** Whether JSON.stringify writes an object member of this value (not undefined, a function or a symbol). */
function shown(value: unknown): boolean {
  return value !== undefined && typeof value !== "function" && typeof value !== "symbol";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== "function";
}
