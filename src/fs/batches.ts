/**
 * Text given in many small pieces, regrouped into writes of about a megabyte: fewer, larger writes
 * to a file or stdout, while the whole (hundreds of megabytes for a large estate) never becomes one
 * string, which V8 could not hold.
 */

/** Characters gathered before one write. */
export const WRITE_BATCH = 1 << 20;

/**
 * The pieces joined into batches of at least `size` characters (the last may be shorter or empty).
 *
 * @param pieces - the text, in order
 * @param size - characters per batch
 */
export function* batches(pieces: Iterable<string>, size = WRITE_BATCH): Generator<string> {
  let batch = "";
  for (const piece of pieces) {
    batch += piece;
    if (batch.length < size) continue;
    yield batch;
    batch = "";
  }
  yield batch;
}

/**
 * Each line followed by a line break: `lines.join("\n") + "\n"` in pieces.
 *
 * @param lines - the lines, without their breaks
 */
export function* linePieces(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}
