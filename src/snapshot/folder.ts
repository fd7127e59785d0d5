/**
 * Reads a folder of AWS CLI / SDK `describe-*` JSON outputs, at any depth, into raw documents. Each
 * file is parsed once; its account and Region come from the folder names on its path when they say
 * so (see scope.ts). Hidden files and folders (`.git`, editor files) are skipped.
 */
import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
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
  for (const parsed of readAll(files)) {
    raw.documents.push(...parsed.documents);
    raw.errors.push(...parsed.errors);
  }
  return raw;
}

/**
 * Reads and parses the files in order, each text dropped as soon as it is parsed. Synchronous reads
 * on purpose: for thousands of small files they beat the promise API (which costs an open, fstat,
 * read and close round trip through the thread pool per file) several times over, and the loader
 * has nothing else to do meanwhile.
 */
function readAll(files: string[]): ParsedFile[] {
  return files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new InputError(`cannot read the file: ${(error as Error).message}`, { file });
    }
    return documentsOfFile(file, parseJsonFile(text, file));
  });
}

type ParsedFile = ReturnType<typeof documentsOfFile>;
