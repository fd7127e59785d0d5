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

/** Text or encoded bytes, copied into a batch as they are. */
export type Piece = string | Uint8Array;

/**
 * The key under which a value may carry its own JSON text, in pieces: decoded and joined, they are
 * `JSON.stringify(value)`. A writer that knows the key (report.json's compact leaves, src/report/json-chunks.ts)
 * writes the pieces instead of stringifying the value again: an audit row built from shared answers
 * has its cells' text already, as UTF-8 (src/engine/audit.ts). A symbol, so that `JSON.stringify`
 * and `Object.entries` do not see it; set it not enumerable (`withOwnJson`), so that a copy made by
 * spreading does not carry text its changes would make wrong.
 */
export const OWN_JSON: unique symbol = Symbol("own JSON text");

/** A value that may carry its own JSON text (`OWN_JSON`). */
export interface OwnJson {
  readonly [OWN_JSON]?: () => Piece[];
}

/**
 * Gives `value` its own JSON text (`OWN_JSON`), not enumerable.
 *
 * @param value - the value
 * @param json - gives the pieces whose joined text is `JSON.stringify(value)`
 */
export function withOwnJson<T extends object>(value: T, json: () => Piece[]): T & OwnJson {
  return Object.defineProperty(value, OWN_JSON, { value: json, enumerable: false });
}

/**
 * The value's own JSON text in pieces, when it carries one (`OWN_JSON`).
 *
 * @param value - any value
 */
export function ownJson(value: unknown): Piece[] | undefined {
  return typeof value === "object" && value !== null ? (value as OwnJson)[OWN_JSON]?.() : undefined;
}

/** One batch being filled: its buffer (grown for a piece larger than it) and the bytes used. */
class Batch {
  private buffer: Buffer;
  private used = 0;

  constructor(
    private readonly size: number,
    private readonly reuse: boolean,
  ) {
    this.buffer = Buffer.allocUnsafe(2 * size);
  }

  /** Appends a piece; true when the batch holds at least `size` bytes. */
  add(piece: Piece): boolean {
    // Counting a string's bytes costs a pass over it: only when the worst case might not fit.
    const text = typeof piece === "string";
    if (this.used + (text ? piece.length * MAX_BYTES_PER_UNIT : piece.length) > this.buffer.length) {
      const bytes = text ? Buffer.byteLength(piece) : piece.length;
      if (this.used + bytes > this.buffer.length) {
        const larger = Buffer.allocUnsafe(Math.max(2 * this.size, this.used + bytes));
        this.buffer.copy(larger, 0, 0, this.used);
        this.buffer = larger;
      }
    }
    if (text) this.used += this.buffer.write(piece, this.used);
    else {
      this.buffer.set(piece, this.used);
      this.used += piece.length;
    }
    return this.used >= this.size;
  }

  /** The bytes so far, and a new batch begun (in the same buffer with `reuse`). */
  take(): Buffer {
    const full = this.buffer.subarray(0, this.used);
    if (!this.reuse) this.buffer = Buffer.allocUnsafe(2 * this.size);
    this.used = 0;
    return full;
  }
}

/**
 * The pieces, UTF-8 encoded and joined into batches of at least `size` bytes (the last may be
 * shorter or empty). A batch is a new buffer each time, so the caller may hold it until written;
 * with `reuse`, one buffer is filled again once the next batch is asked for, for a caller that has
 * written each batch by then (a new 2 MB buffer per batch is memory outside V8's heap, whose growth
 * starts full garbage collections: about 300 for the large audit's 305 MB).
 *
 * @param pieces - the text in order, each item a piece or a list of pieces (millions of small
 *   pieces cost less as lists: a generator allocates a result object for every value it yields)
 * @param size - bytes per batch
 * @param reuse - whether a batch may be overwritten once the next one is asked for
 */
export function* batches(pieces: Iterable<Piece | readonly Piece[]>, size = WRITE_BATCH, reuse = false): Generator<Buffer> {
  const batch = new Batch(size, reuse);
  for (const item of pieces) {
    if (typeof item === "string" || item instanceof Uint8Array) {
      if (batch.add(item)) yield batch.take();
    } else {
      for (let i = 0; i < item.length; i++) if (batch.add(item[i] as Piece)) yield batch.take();
    }
  }
  yield batch.take();
}

/** Bytes per slab of `Utf8Slabs`; a text that does not fit in the current one and could need more than a quarter of one gets a buffer of its own. */
const SLAB = 1 << 20;

/**
 * Texts encoded as UTF-8 into large shared buffers, each text's bytes a view of one of them, for
 * texts kept a while as bytes (a shared answer's class text, src/engine/shared-answers.ts).
 * `Buffer.from` of each text passed over it twice (counting its bytes, then writing them) and took
 * a new 8 KB pool, or for a text over 4 KB an `ArrayBuffer` of its own, every few texts: on the
 * large audit `Buffer.from` was ~3 % of the CPU profile. Here a text is written once, into room
 * for its worst case, and only its actual bytes are used. A slab lives as long as any view of it:
 * keep the views only as long as a cache of recent texts keeps them.
 */
export class Utf8Slabs {
  private slab = Buffer.allocUnsafe(0);
  private used = 0;

  /**
   * The text's UTF-8 bytes, as `Buffer.from(text, "utf8")` gives them (not to be modified: the
   * slab is shared).
   *
   * @param text - the text
   */
  encode(text: string): Uint8Array {
    const worst = text.length * MAX_BYTES_PER_UNIT;
    if (this.used + worst > this.slab.length) {
      if (worst > SLAB / 4) return Buffer.from(text, "utf8");
      this.slab = Buffer.allocUnsafe(SLAB);
      this.used = 0;
    }
    const start = this.used;
    this.used += this.slab.write(text, start);
    return this.slab.subarray(start, this.used);
  }
}

/**
 * Each line followed by a line break: `lines.join("\n") + "\n"` in pieces.
 *
 * @param lines - the lines, without their breaks
 */
export function* linePieces(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}
