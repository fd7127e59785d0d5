/**
 * The snapshot cache: the validated model of a set of inputs, kept in the user's cache folder
 * (`$XDG_CACHE_HOME/vpcreach/models`, else `~/.cache/vpcreach/models`) so later commands on the same
 * input skip parsing and validation. An entry is keyed by every input file's path, size, mtime and
 * content hash, and by the loader's own code (its files' sizes and mtimes, and the package version),
 * so a changed input or a new vpcreach never reads an old entry. Entries are written atomically (a
 * concurrent writer of the same key writes the same bytes; the last rename wins); an entry that does
 * not deserialize into a model is deleted and rebuilt.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import type { Model } from "../model/types.js";
import { inputFiles } from "./input-files.js";

/** Entries kept at most; the least recently used beyond this are removed. */
const MAX_ENTRIES = 32;
/** Bumped when the entry layout changes. */
const ENTRY_FORMAT = 1;

export interface CacheOptions {
  /** The cache folder (default: `cacheFolder()`). */
  folder?: string;
}

let enabled = process.env.VPCREACH_NO_CACHE !== "1";

/**
 * Turns the cache on or off for this process (`--no-cache`).
 *
 * @param on - whether loads may use the cache
 */
export function setModelCache(on: boolean): void {
  enabled = on;
}

/** Whether loads use the cache in this process. */
export function modelCacheEnabled(): boolean {
  return enabled;
}

/** `$XDG_CACHE_HOME/vpcreach/models`, else `~/.cache/vpcreach/models`. */
export function cacheFolder(): string {
  const base = process.env.XDG_CACHE_HOME && process.env.XDG_CACHE_HOME.startsWith("/") ? process.env.XDG_CACHE_HOME : join(homedir(), ".cache");
  return join(base, "vpcreach", "models");
}

/**
 * Sizes and mtimes of the loader's own compiled files, so a rebuilt vpcreach never reads an old entry:
 * tsc's output folders (dist/src/snapshot, its parsers, dist/src/model), or in the bundled CLI the
 * bundle's folder (dist/cli: every chunk, rewritten by each build).
 */
const codeStamp = ((): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  const folders = [here, join(here, "aws"), join(here, "terraform"), join(here, "terraform", "resources"), join(here, "..", "model")];
  const hash = createHash("sha256").update(`format ${ENTRY_FORMAT}`);
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const info = statSync(join(folder, name));
      // Source maps do not change what runs.
      if (info.isFile() && !name.endsWith(".map")) hash.update(`${name} ${info.size} ${info.mtimeMs}\n`);
    }
  }
  const packageJson = join(here, "..", "..", "..", "package.json");
  try {
    hash.update(readFileSync(packageJson));
  } catch {
    // src/ run through tsx: package.json is one level higher, and the code stamp above suffices.
  }
  return hash.digest("hex");
})();

/**
 * The cache key of a set of inputs: the code stamp, then each input and each file it comprises, as
 * given and resolved, with its size, mtime and content hash.
 *
 * @param paths - the `--snapshot` arguments, in order
 */
export async function cacheKey(paths: readonly string[]): Promise<string> {
  const hash = createHash("sha256").update(codeStamp);
  for (const path of paths) {
    // The model names its files as the user gave them (relative or absolute), so both spellings count.
    hash.update(`input ${path} ${resolve(path)}\n`);
    for (const file of await inputFiles(path)) {
      // Synchronous, as the loader reads (see folder.ts): for many small files the promise API's
      // round trips through the thread pool cost more than the reads.
      const info = statSync(file);
      const content = createHash("sha256").update(readFileSync(file)).digest("hex");
      hash.update(`${file} ${resolve(file)} ${info.size} ${info.mtimeMs} ${content}\n`);
    }
  }
  return hash.digest("hex");
}

/** A deserialized entry that is a model, or undefined. */
function asModel(value: unknown): Model | undefined {
  const entry = value as { format?: unknown; model?: Partial<Model> } | null;
  if (!entry || entry.format !== ENTRY_FORMAT || !entry.model) return undefined;
  const model = entry.model;
  return model.vpcs instanceof Map && model.subnets instanceof Map && typeof model.source === "string" ? (model as Model) : undefined;
}

/** The model an entry holds; a torn or foreign entry is deleted. */
function readEntry(file: string): Model | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    const model = asModel(deserialize(bytes));
    if (model) return model;
  } catch {
    // A torn or foreign file: removed below and rebuilt.
  }
  rmSync(file, { force: true });
  return undefined;
}

/** When an entry was last used (0 when another process removed it meanwhile). */
function lastUsed(file: string): number {
  try {
    return statSync(file).atimeMs;
  } catch {
    return 0;
  }
}

/** Removes the least recently used entries beyond MAX_ENTRIES. */
function prune(folder: string): void {
  const names = readdirSync(folder).filter((name) => name.endsWith(".v8"));
  if (names.length <= MAX_ENTRIES) return;
  const aged = names.map((name) => ({ name, at: lastUsed(join(folder, name)) }));
  aged.sort((a, b) => a.at - b.at);
  for (const { name } of aged.slice(0, aged.length - MAX_ENTRIES)) rmSync(join(folder, name), { force: true });
}

/**
 * The model of a set of inputs, from the cache when an entry for exactly these inputs exists, else
 * loaded with `load` and stored. Cache failures (a read-only folder, a full disk) never fail the load.
 *
 * @param paths - the inputs
 * @param load - builds the model when the cache has none
 * @param options - the cache folder
 */
export async function cachedModel(paths: readonly string[], load: () => Promise<Model>, options: CacheOptions = {}): Promise<Model> {
  if (!enabled) return load();
  const folder = options.folder ?? cacheFolder();
  let key: string;
  try {
    key = await cacheKey(paths);
  } catch {
    // An input that cannot be listed or read: the loader says what is wrong with it, as without a cache.
    return load();
  }
  const file = join(folder, `${key}.v8`);
  const hit = readEntry(file);
  if (hit) return hit;
  const model = await load();
  try {
    // Imported here: a hit needs neither the writer nor the fs/promises module it loads.
    const { writeFileAtomic } = await import("../fs/atomic-write.js");
    await writeFileAtomic(file, serialize({ format: ENTRY_FORMAT, model }));
    prune(folder);
  } catch {
    // The cache is an optimisation: a folder that cannot be written leaves the answer as it is.
  }
  return model;
}
