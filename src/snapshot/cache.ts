/**
 * The snapshot cache: the validated model of a set of inputs, kept in the user's cache folder
 * (`$XDG_CACHE_HOME/vpcreach/models`, else `~/.cache/vpcreach/models`) so later commands on the same
 * input skip parsing and validation. An entry is named by every input file's path, size and mtime and
 * by the loader's own code (its files' sizes and mtimes, and the package version), so a changed input
 * or a new vpcreach never finds an old entry; and it records the inputs' content hash, checked against
 * the files on every hit, so a file rewritten with the same size and mtime is never missed. On a miss
 * the loader hashes each file as it reads it (no second read). Entries are written atomically (a
 * concurrent writer of the same inputs writes the same bytes; the last rename wins); an entry that does
 * not deserialize into a model is deleted and rebuilt, one for other content is rebuilt over.
 */
import { createHash, type Hash } from "node:crypto";
import { closeSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DefaultSerializer, deserialize } from "node:v8";
import type { Model } from "../model/types.js";
import { inputFiles } from "./input-files.js";

/** Entries kept at most; the least recently used beyond this are removed. */
const MAX_ENTRIES = 32;
/** Bumped when the entry layout changes. */
const ENTRY_FORMAT = 2;
/** An entry's first bytes: the format and the inputs' content hash (64 hex digits), then the V8-serialized model. */
const entryHeader = (contentHash: string): string => `vpcreach-model ${ENTRY_FORMAT} ${contentHash}\n`;
const HEADER_BYTES = entryHeader("0".repeat(64)).length;

/** Called by the loader with each file's bytes as it reads them (in the order `inputFiles` lists them). */
export type ReadObserver = (file: string, bytes: Uint8Array) => void;

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

let writes = true;

/**
 * Lets loads in this thread read cache entries but never write one: a worker thread loading the same
 * inputs as the main thread (src/parallel/snapshot-pool.ts) leaves the entry to the main thread, so
 * a miss is not serialized and written once per thread.
 *
 * @param on - whether a load that missed may store its model
 */
export function setModelCacheWrites(on: boolean): void {
  writes = on;
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

/** The files of each input, in the order the loader reads them. */
async function listInputs(paths: readonly string[]): Promise<string[][]> {
  const lists: string[][] = [];
  for (const path of paths) lists.push(await inputFiles(path));
  return lists;
}

/**
 * The name of the entry for a set of inputs: the code stamp, then each input and each file it
 * comprises, as given and resolved, with its size and mtime (the content hash is in the entry).
 *
 * @param paths - the `--snapshot` arguments, in order
 * @param lists - their files (`listInputs`)
 */
function entryKey(paths: readonly string[], lists: readonly string[][]): string {
  const hash = createHash("sha256").update(codeStamp);
  paths.forEach((path, i) => {
    // The model names its files as the user gave them (relative or absolute), so both spellings count.
    hash.update(`input ${path} ${resolve(path)}\n`);
    for (const file of lists[i]!) {
      // Synchronous, as the loader reads (see folder.ts): for many small files the promise API's
      // round trips through the thread pool cost more than the reads.
      const info = statSync(file);
      hash.update(`${file} ${resolve(file)} ${info.size} ${info.mtimeMs}\n`);
    }
  });
  return hash.digest("hex");
}

/**
 * The cache key of a set of inputs without their content: it changes with the code, an input's
 * spelling, and any of its files' paths, sizes and mtimes.
 *
 * @param paths - the `--snapshot` arguments, in order
 */
export async function cacheKey(paths: readonly string[]): Promise<string> {
  return entryKey(paths, await listInputs(paths));
}

/**
 * Hashes the inputs' content as the loader reads it: one running hash per input, fed each file's name,
 * length and bytes, and the files fed, so the cache can tell the loader read exactly the files listed.
 */
class ContentHash {
  private readonly hashes: Hash[];
  readonly fed: string[][];

  constructor(inputs: number) {
    this.hashes = Array.from({ length: inputs }, () => createHash("sha256"));
    this.fed = Array.from({ length: inputs }, () => []);
  }

  /** The observer of input `i`. */
  observer(i: number): ReadObserver {
    return (file, bytes) => {
      this.fed[i]!.push(file);
      this.hashes[i]!.update(`${file} ${bytes.length}\n`).update(bytes);
    };
  }

  /** The content hash of all inputs. */
  digest(): string {
    const all = createHash("sha256");
    for (const hash of this.hashes) all.update(hash.digest("hex"));
    return all.digest("hex");
  }
}

/**
 * The inputs' content hash, reading each file into one reused buffer (a hit needs only the hash, not
 * the 10^4 buffers `readFileSync` would allocate on a large estate).
 *
 * @param lists - each input's files
 */
function hashInputs(lists: readonly string[][]): string {
  const content = new ContentHash(lists.length);
  let buffer = Buffer.allocUnsafe(1 << 20);
  lists.forEach((files, i) => {
    const observe = content.observer(i);
    for (const file of files) {
      const fd = openSync(file, "r");
      let length = 0;
      try {
        for (;;) {
          if (length === buffer.length) {
            const larger = Buffer.allocUnsafe(2 * buffer.length);
            buffer.copy(larger, 0, 0, length);
            buffer = larger;
          }
          const read = readSync(fd, buffer, length, buffer.length - length, null);
          if (read === 0) break;
          length += read;
        }
      } finally {
        closeSync(fd);
      }
      observe(file, buffer.subarray(0, length));
    }
  });
  return content.digest();
}

/** Whether the loader read exactly the files listed, so its content hash is that of the inputs. */
function sameFiles(fed: readonly string[][], lists: readonly string[][]): boolean {
  return fed.length === lists.length && fed.every((files, i) => files.length === lists[i]!.length && files.every((file, j) => file === lists[i]![j]));
}

/** A deserialized entry that is a model, or undefined. */
function asModel(value: unknown): Model | undefined {
  const model = value as Partial<Model> | null;
  return model && model.vpcs instanceof Map && model.subnets instanceof Map && typeof model.source === "string" ? (model as Model) : undefined;
}

/**
 * The model an entry holds when it was built from this content; an entry that is torn or foreign is
 * deleted, one built from other content (a file rewritten with its size and mtime kept) is left to be
 * written over.
 *
 * @param file - the entry
 * @param contentHash - the inputs' content hash now
 */
function readEntry(file: string, contentHash: () => string): Model | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const header = bytes.toString("latin1", 0, HEADER_BYTES);
  if (/^vpcreach-model \d+ [0-9a-f]{64}\n$/.test(header)) {
    if (header !== entryHeader(contentHash())) return undefined;
    try {
      const model = asModel(deserialize(bytes.subarray(HEADER_BYTES)));
      if (model) return model;
    } catch {
      // A torn file: removed below and rebuilt.
    }
  }
  rmSync(file, { force: true });
  return undefined;
}

/** An entry's bytes: the header, then the model serialized as `v8.serialize` would, in one buffer. */
function entryBytes(contentHash: string, model: Model): Buffer {
  const serializer = new DefaultSerializer();
  serializer.writeRawBytes(Buffer.from(entryHeader(contentHash), "latin1"));
  serializer.writeHeader();
  serializer.writeValue(model);
  return serializer.releaseBuffer();
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
 * @param load - builds the model when the cache has none; it may give each input's observer (by
 *   index) every file's bytes as it reads them, which spares the cache a second read to hash them
 * @param options - the cache folder
 */
export async function cachedModel(paths: readonly string[], load: (observers?: ReadObserver[]) => Promise<Model>, options: CacheOptions = {}): Promise<Model> {
  if (!enabled) return load();
  const folder = options.folder ?? cacheFolder();
  let lists: string[][];
  let file: string;
  try {
    lists = await listInputs(paths);
    file = join(folder, `${entryKey(paths, lists)}.v8`);
  } catch {
    // An input that cannot be listed or read: the loader says what is wrong with it, as without a cache.
    return load();
  }
  // The inputs are read and hashed here only when an entry with their names, sizes and mtimes exists.
  let contentHash: string | undefined;
  try {
    const hit = readEntry(file, () => (contentHash = hashInputs(lists)));
    if (hit) return hit;
  } catch {
    // A file that vanished or became unreadable since it was listed: the loader reports it.
  }
  // Not stored: the inputs need not be hashed as they are read.
  if (!writes) return load();
  const content = new ContentHash(paths.length);
  const model = await load(paths.map((_, i) => content.observer(i)));
  try {
    contentHash = sameFiles(content.fed, lists) ? content.digest() : (contentHash ?? hashInputs(lists));
    // Imported here: a hit needs neither the writer nor the fs/promises module it loads.
    const { writeFileAtomic } = await import("../fs/atomic-write.js");
    await writeFileAtomic(file, entryBytes(contentHash, model));
    prune(folder);
  } catch {
    // The cache is an optimisation: a folder that cannot be written leaves the answer as it is.
  }
  return model;
}
