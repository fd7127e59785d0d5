/**
 * The benchmark's inputs: a cached synthetic estate per size and seed (generated on first use under
 * the OS temp folder, reused afterwards; `synthesize` moves it into place atomically, so an existing
 * folder is always complete), and the "floor": the cost of merely reading and `JSON.parse`-ing the
 * same files, which the loader cannot beat and which the targets of issue 9 are relative to.
 */
import { readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jsonFiles } from "./aws/check.js";
import { GENERATOR_VERSION, synthesize, type EstateSize } from "./synth.js";

/** Where estates are cached unless `--cache` says otherwise. */
export const DEFAULT_CACHE = join(tmpdir(), "vpcreach-bench");

/**
 * The folder of the estate for `size` and `seed`, generating it when absent.
 *
 * @param size - small, medium or large
 * @param seed - generator seed
 * @param cache - parent folder of cached estates
 * @returns the folder and whether it was generated now
 */
export async function ensureEstate(size: EstateSize, seed: string, cache: string = DEFAULT_CACHE): Promise<{ dir: string; generated: boolean }> {
  // The generator version is part of the name: a changed generator never reuses a stale estate.
  const dir = join(cache, `${size}-${seed.replace(/[^A-Za-z0-9_.-]/g, "_")}-g${GENERATOR_VERSION}`);
  const exists = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (exists) return { dir, generated: false };
  await synthesize({ size, seed, out: dir });
  return { dir, generated: true };
}

export interface FloorResult {
  ms: number;
  bytes: number;
  files: number;
}

/**
 * Reads and parses every `*.json` below `dir` (sequentially, like a straightforward loader would).
 *
 * @param dir - the estate
 */
export async function measureFloor(dir: string): Promise<FloorResult> {
  const started = performance.now();
  const files = await jsonFiles(dir);
  let bytes = 0;
  let keys = 0;
  for (const file of files) {
    const text = await readFile(file, "utf8");
    bytes += Buffer.byteLength(text);
    // Keep a trivial use of the result so the parse cannot be optimized away.
    keys += Object.keys(JSON.parse(text) as object).length;
  }
  if (keys === 0) throw new Error(`no JSON documents under ${dir}`);
  return { ms: performance.now() - started, bytes, files: files.length };
}
