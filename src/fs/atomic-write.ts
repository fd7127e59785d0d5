/**
 * Writing files without ever leaving a half-written one: write a temporary file beside the target,
 * flush it, then rename it over the target (rename is atomic on POSIX file systems). Used by every
 * writer (snapshots, diagrams, reports) so a crash or Ctrl-C never loses the user's previous file.
 */
import { open, rename, rm, mkdir, type FileHandle } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import { randomBytes } from "node:crypto";
import { batches } from "./batches.js";

/** Writes content given in pieces, about a megabyte at a time (the whole may exceed V8's longest string). */
async function writePieces(handle: FileHandle, pieces: Iterable<string | Uint8Array>): Promise<void> {
  for (const batch of batches(pieces)) await handle.write(batch);
}

/** Content given in parts of pieces, a part once it is known (the rest may still be computed while the first is written). */
export type PiecesLater = AsyncIterable<Iterable<string | Uint8Array>>;

function isLater(data: unknown): data is PiecesLater {
  return typeof data === "object" && data !== null && Symbol.asyncIterator in data;
}

/**
 * Writes `data` to `path` atomically, creating the parent folder if needed.
 *
 * @param path - the target file
 * @param data - the whole content, or its text in pieces (written as they come), or in parts of pieces given as each is known
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string | Uint8Array> | PiecesLater): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const temporary = join(folder, `.vpcreach-tmp-${basename(path)}-${randomBytes(6).toString("hex")}`);
  try {
    const handle = await open(temporary, "w", 0o644);
    try {
      if (typeof data === "string" || data instanceof Uint8Array) await handle.writeFile(data);
      else if (isLater(data)) for await (const part of data) await writePieces(handle, part);
      else await writePieces(handle, data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
