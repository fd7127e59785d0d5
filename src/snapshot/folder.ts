/**
 * Reads a folder of AWS CLI / SDK `describe-*` JSON outputs, at any depth, into raw documents. Each
 * file is parsed once; its account and Region come from the folder names on its path when they say
 * so (see scope.ts). Hidden files and folders (`.git`, editor files) are skipped.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../model/errors.js";
import { parseJsonFile } from "./json-parse.js";
import { scopeFromPath } from "./scope.js";
import { isSnapshotFileValue, snapshotDocuments, validateSnapshotFile } from "./file.js";
import type { RawDocument, RawSnapshot } from "./types.js";

async function listJsonFiles(folder: string): Promise<string[]> {
  const files: string[] = [];
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await listJsonFiles(path)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith(".json")) files.push(path);
  }
  return files;
}

/**
 * Turns one parsed file into documents: a snapshot file (a `collect` output placed in the folder)
 * expands to its documents; anything else is one describe-* output.
 *
 * @param file - the file name
 * @param value - its parsed content
 */
export function documentsOfFile(file: string, value: unknown): { documents: RawDocument[]; errors: RawSnapshot["errors"] } {
  if (isSnapshotFileValue(value)) {
    const snapshot = validateSnapshotFile(value, file);
    return { documents: snapshotDocuments(snapshot, file), errors: snapshot.errors };
  }
  const { region, account } = scopeFromPath(file);
  return { documents: [{ file, jsonPath: "$", account, region, value }], errors: [] };
}

/**
 * Reads every `*.json` file below a folder.
 *
 * @param folder - the folder the user named
 * @returns the raw documents, Regions not yet inferred
 * @throws InputError for unreadable or malformed files, or a folder with no JSON at all
 */
export async function readDescribeFolder(folder: string): Promise<RawSnapshot> {
  const files = await listJsonFiles(folder);
  if (files.length === 0) throw new InputError("no *.json files found (expected AWS describe-* outputs or a snapshot file)", { file: folder });
  const raw: RawSnapshot = { source: folder, documents: [], errors: [] };
  for (const parsed of await readAll(files)) {
    raw.documents.push(...parsed.documents);
    raw.errors.push(...parsed.errors);
  }
  return raw;
}

/** How many files are read at once: enough to hide file-system latency, few enough for any ulimit. */
const READ_CONCURRENCY = 16;

type ParsedFile = ReturnType<typeof documentsOfFile>;

/**
 * Reads and parses files concurrently, each text dropped as soon as it is parsed. Results keep the
 * input order, and when several files are bad the first one in that order is reported, so loading
 * is deterministic.
 */
async function readAll(files: string[]): Promise<ParsedFile[]> {
  const results: ParsedFile[] = new Array<ParsedFile>(files.length);
  const failures: { index: number; error: unknown }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      const file = files[index] as string;
      try {
        let text: string;
        try {
          text = await readFile(file, "utf8");
        } catch (error) {
          throw new InputError(`cannot read the file: ${(error as Error).message}`, { file });
        }
        results[index] = documentsOfFile(file, parseJsonFile(text, file));
      } catch (error) {
        failures.push({ index, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  if (failures.length > 0) throw failures.reduce((a, b) => (a.index < b.index ? a : b)).error;
  return results;
}
