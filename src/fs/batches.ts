/**
 * Text given in many small pieces, encoded as UTF-8 into writes of about a megabyte: fewer, larger
 * writes to a file or stdout, while the whole (hundreds of megabytes for a large estate) never
 * becomes one string, which V8 could not hold.
 *
 * Each piece is encoded straight into the batch's buffer. Concatenating the pieces into one string
 * first and encoding that cost the large audit about 3 s of CPU for its 305 MB (docs/performance.md):
 * V8 flattens the concatenation into a new string, in two-byte form as soon as one piece holds a
 * character beyond Latin-1 (an arrow in an explanation), before encoding it.
 */

/** Bytes gathered before one write. */
export const WRITE_BATCH = 1 << 20;

/** The most UTF-8 bytes one UTF-16 code unit becomes (a lone surrogate becomes U+FFFD, 3 bytes). */
const MAX_BYTES_PER_UNIT = 3;

/**
 * The pieces, UTF-8 encoded and joined into batches of at least `size` bytes (the last may be
 * shorter or empty). A batch is a new buffer each time: the caller may hold it until written.
 *
 * @param pieces - the text in order; encoded bytes are copied as they are
 * @param size - bytes per batch
 */
export function* batches(pieces: Iterable<string | Uint8Array>, size = WRITE_BATCH): Generator<Buffer> {
  let batch = Buffer.allocUnsafe(2 * size);
  let used = 0;
  for (const piece of pieces) {
    // Counting a string's bytes costs a pass over it: only when the worst case might not fit.
    const text = typeof piece === "string";
    if (used + (text ? piece.length * MAX_BYTES_PER_UNIT : piece.length) > batch.length) {
      const bytes = text ? Buffer.byteLength(piece) : piece.length;
      if (used + bytes > batch.length) {
        const larger = Buffer.allocUnsafe(Math.max(2 * size, used + bytes));
        batch.copy(larger, 0, 0, used);
        batch = larger;
      }
    }
    if (text) used += batch.write(piece, used);
    else {
      batch.set(piece, used);
      used += piece.length;
    }
    if (used < size) continue;
    yield batch.subarray(0, used);
    batch = Buffer.allocUnsafe(2 * size);
    used = 0;
  }
  yield batch.subarray(0, used);
}

/**
 * Each line followed by a line break: `lines.join("\n") + "\n"` in pieces.
 *
 * @param lines - the lines, without their breaks
 */
export function* linePieces(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}
