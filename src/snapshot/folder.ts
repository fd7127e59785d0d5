/**
 * Reads a folder of AWS CLI / SDK `describe-*` JSON outputs, at any depth, into raw documents. Each
 * file is parsed once; its account and Region come from the folder names on its path when they say
 * so (see scope.ts). Hidden files and folders (`.git`, editor files) are skipped. Symbolic links are
 * followed (a skipped file could hold the deny that decides an answer), each folder read once, so a
 * link back up the tree cannot loop. A folder or link that cannot be read is an input error.
 */
import { isUtf8 } from "node:buffer";
import { readFileSync } from "node:fs";
import { InputError } from "../model/errors.js";
import type { LoadWarning } from "../model/types.js";
import { parseJsonFile } from "./json-parse.js";
import { scopeFromPath } from "./scope.js";
import { isSnapshotFileValue, snapshotDocuments, validateSnapshotFile } from "./file.js";
import type { RawDocument, RawSnapshot } from "./types.js";
import type { ReadObserver } from "./cache.js";
import { isTerraformJson, terraformDocuments } from "./terraform/index.js";
import { listJsonFiles } from "./input-files.js";

/**
 * Reads a file as UTF-8 text. Bytes that are not UTF-8 are replaced (U+FFFD), with a warning naming
 * the file: a name or value holding them may not be what AWS printed.
 *
 * @param file - the file
 * @param warnings - where the warning goes
 * @param observe - given the file's bytes (the snapshot cache hashes them)
 * @throws InputError when the file cannot be read
 */
export function readTextFile(file: string, warnings: LoadWarning[], observe?: ReadObserver): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InputError(`cannot read the file: ${(error as Error).message}`, { file });
  }
  observe?.(file, bytes);
  if (!isUtf8(bytes)) {
    warnings.push({ message: "the file is not valid UTF-8: its invalid bytes were replaced with U+FFFD, so names or values holding them may be wrong", file, jsonPath: undefined, resourceId: undefined });
  }
  return bytes.toString("utf8");
}

/**
 * Turns one parsed file into documents: a snapshot file (a `collect` output placed in the folder)
 * expands to its documents; a `terraform show -json` plan or state to the describe-* outputs it will
 * leave; anything else is one describe-* output.
 *
 * @param file - the file name
 * @param value - its parsed content
 */
export function documentsOfFile(file: string, value: unknown): { documents: RawDocument[]; errors: RawSnapshot["errors"]; warnings?: LoadWarning[] } {
  if (isTerraformJson(value)) return { ...terraformDocuments(value, file), errors: [] };
  if (isSnapshotFileValue(value)) {
    const snapshot = validateSnapshotFile(value, file);
    return { documents: snapshotDocuments(snapshot, file), errors: snapshot.errors };
  }
  const { region, account, global } = scopeFromPath(file);
  return { documents: [{ file, jsonPath: "$", account, region, value, ...(global && { global }) }], errors: [] };
}

/** Takes each document as soon as its file is parsed, in input order (see `ModelAssembly` in read.ts). */
export type DocumentSink = (doc: RawDocument) => void;

/**
 * Reads every `*.json` file below a folder, in order, each text dropped as soon as it is parsed.
 * Synchronous reads on purpose: for thousands of small files they beat the promise API (which costs
 * an open, fstat, read and close round trip through the thread pool per file) several times over,
 * and the loader has nothing else to do meanwhile.
 *
 * @param folder - the folder the user named
 * @param observe - given each file's bytes as they are read
 * @param sink - given each document as its file is parsed, instead of collecting them in `documents`
 *   (so a caller that builds as it goes need not hold every file's parsed JSON at once)
 * @returns the raw documents (none with a sink), Regions not yet inferred
 * @throws InputError for unreadable or malformed files, or a folder with no JSON at all
 */
export async function readDescribeFolder(folder: string, observe?: ReadObserver, sink?: DocumentSink): Promise<RawSnapshot> {
  const files = await listJsonFiles(folder, new Set());
  if (files.length === 0) throw new InputError("no *.json files found (expected AWS describe-* outputs or a snapshot file)", { file: folder });
  const warnings: LoadWarning[] = [];
  const translated: LoadWarning[] = [];
  const raw: RawSnapshot = { source: folder, documents: [], errors: [] };
  const take = sink ?? ((doc: RawDocument) => raw.documents.push(doc));
  for (const file of files) {
    const parsed = documentsOfFile(file, parseJsonFile(readTextFile(file, warnings, observe), file));
    for (const doc of parsed.documents) take(doc);
    raw.errors.push(...parsed.errors);
    if (parsed.warnings) translated.push(...parsed.warnings);
  }
  // The files' encoding warnings first, then what their translation noticed, as when read in two passes.
  raw.warnings = [...warnings, ...translated];
  return raw;
}
