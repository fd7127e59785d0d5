/**
 * Which files an input comprises: a folder's `*.json` files at any depth, in name order (hidden files
 * and folders skipped, symbolic links followed, each folder listed once so a link back up the tree
 * cannot loop), or the file itself. Apart from the parsers, so the snapshot cache can key an input
 * without loading them.
 */
import { readdirSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../model/errors.js";

/** What a path is, following symbolic links; an input error when it cannot be told (a broken link). */
function kindOf(path: string): "folder" | "file" | "other" {
  let info;
  try {
    info = statSync(path);
  } catch (error) {
    throw new InputError(`cannot read: ${(error as Error).message}`, { file: path });
  }
  return info.isDirectory() ? "folder" : info.isFile() ? "file" : "other";
}

/**
 * The `*.json` files below a folder, in name order, links followed.
 *
 * @param folder - the folder
 * @param seen - real paths of the folders already listed (a link to one of them is not followed again)
 */
export async function listJsonFiles(folder: string, seen: Set<string>): Promise<string[]> {
  seen.add(realpathSync(folder));
  let entries;
  try {
    // Synchronous like the reads (see folder.ts); and a cached query then never loads fs/promises.
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`cannot read the folder: ${(error as Error).message}`, { file: folder });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = join(folder, entry.name);
    const kind = entry.isSymbolicLink() ? kindOf(path) : entry.isDirectory() ? "folder" : entry.isFile() ? "file" : "other";
    if (kind === "folder" && !seen.has(realpathSync(path))) files.push(...(await listJsonFiles(path, seen)));
    else if (kind === "file" && entry.name.toLowerCase().endsWith(".json")) files.push(path);
  }
  return files;
}

/**
 * The files an input comprises: a folder's `*.json` files (as the loader reads them), or the file itself.
 *
 * @param path - one `--snapshot` argument
 * @throws InputError when it does not exist or cannot be read
 */
export async function inputFiles(path: string): Promise<string[]> {
  let kind: ReturnType<typeof kindOf>;
  try {
    kind = kindOf(path);
  } catch {
    throw new InputError("no such file or folder", { file: path });
  }
  return kind === "folder" ? listJsonFiles(path, new Set()) : [path];
}
