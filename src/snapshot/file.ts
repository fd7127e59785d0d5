/**
 * The snapshot file (see types.ts): read with validation, write atomically, and expand into the raw
 * documents the loader reads, so a snapshot and a describe-* folder load through one path.
 */
import { readFile } from "node:fs/promises";
import { InputError } from "../model/errors.js";
import type { CollectError } from "../model/types.js";
import { writeFileAtomic } from "../fs/atomic-write.js";
import { JsonObject } from "./json-reader.js";
import { parseJsonFile } from "./json-parse.js";
import { GLOBAL_FOLDERS, GLOBAL_REGION, isRegionName, type GlobalFolder } from "./scope.js";
import { SNAPSHOT_FORMAT_VERSION, type RawDocument, type SnapshotFile, type SnapshotSource } from "./types.js";

/**
 * True when a parsed JSON value is (meant to be) a snapshot file rather than a describe-* output:
 * it has `formatVersion`, or the snapshot's own `sources` key (no AWS output has one), so a snapshot
 * stripped of its version is refused instead of loading as an empty network.
 */
export function isSnapshotFileValue(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) && ("formatVersion" in value || "sources" in value);
}

function readCollectError(error: JsonObject): CollectError {
  return {
    account: error.optStr("account"),
    region: error.str("region"),
    service: error.str("service"),
    operation: error.str("operation"),
    code: error.str("code"),
    message: error.optStr("message") ?? "",
  };
}

function readSource(source: JsonObject): SnapshotSource {
  const region = source.str("region");
  if (!isRegionName(region)) source.failAt("region", `expected an AWS Region name, got ${JSON.stringify(region)}`);
  const account = source.optStr("account");
  if (account !== undefined && !/^\d{12}$/.test(account)) source.failAt("account", `expected a 12-digit account id, got ${JSON.stringify(account)}`);
  const documents = source.items("documents", true).map((item) => item.asObject().raw as unknown);
  if (!source.has("files")) return { account, region, documents };
  const files = source.objects("files").map((file) => {
    const path = file.str("path");
    if (folderOf(path) === undefined) file.failAt("path", `expected a path in a global folder (${GLOBAL_FOLDERS.join("/, ")}/) ending in .json, got ${JSON.stringify(path)}`);
    return { path, document: file.obj("document").raw as unknown };
  });
  return { account, region, documents, files };
}

/** The global folder a snapshot file entry's layout path lies in, if it is a plain relative `.json` path there. */
function folderOf(path: string): GlobalFolder | undefined {
  const segments = path.split("/");
  const first = segments[0];
  const plain = path.endsWith(".json") && segments.length > 1 && segments.every((segment) => segment !== "" && segment !== "." && segment !== "..");
  return plain ? GLOBAL_FOLDERS.find((folder) => folder === first) : undefined;
}

/**
 * Checks a parsed snapshot file's structure (not the API outputs inside: those are checked when loaded).
 *
 * @param value - the parsed JSON
 * @param file - its file name, for errors
 * @throws InputError naming the field that is wrong
 */
export function validateSnapshotFile(value: unknown, file: string): SnapshotFile {
  const root = JsonObject.of(value, { file, jsonPath: "$", resourceId: undefined });
  if (!root.has("formatVersion")) {
    root.failAt("formatVersion", `missing required field: a snapshot file must say its format version (this vpcreach reads version ${SNAPSHOT_FORMAT_VERSION})`);
  }
  const version = root.int("formatVersion");
  if (version !== SNAPSHOT_FORMAT_VERSION) {
    root.failAt("formatVersion", `unsupported snapshot format version ${version} (this vpcreach reads version ${SNAPSHOT_FORMAT_VERSION})`);
  }
  const tool = root.optObj("tool");
  return {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    tool: { name: "vpcreach", version: tool?.optStr("version") ?? "unknown" },
    createdAt: root.optStr("createdAt") ?? "",
    regions: root.strings("regions"),
    sources: root.objects("sources", true).map(readSource),
    errors: root.objects("errors").map(readCollectError),
  };
}

/**
 * Reads and validates a snapshot file.
 *
 * @param path - the file
 * @throws InputError for an unreadable file, malformed JSON or a wrong structure
 */
export async function readSnapshotFile(path: string): Promise<SnapshotFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new InputError(`cannot read the snapshot: ${(error as Error).message}`, { file: path });
  }
  const value = parseJsonFile(text, path);
  if (!isSnapshotFileValue(value)) throw new InputError("not a vpcreach snapshot file (no formatVersion)", { file: path });
  return validateSnapshotFile(value, path);
}

/**
 * Writes a snapshot file atomically (temporary file + rename), so a crash never leaves half a file.
 *
 * @param path - the target file
 * @param snapshot - the snapshot
 */
export async function writeSnapshotFile(path: string, snapshot: SnapshotFile): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(snapshot, null, 1)}\n`);
}

/**
 * The raw documents of a snapshot, located as `$.sources[i].documents[j]` in its file.
 *
 * @param snapshot - the validated snapshot
 * @param file - its file name
 */
export function snapshotDocuments(snapshot: SnapshotFile, file: string): RawDocument[] {
  return snapshot.sources.flatMap((source, i) => [
    ...source.documents.map((value, j) => ({
      file,
      jsonPath: `$.sources[${i}].documents[${j}]`,
      account: source.account,
      region: source.region,
      value,
    })),
    // Read as the folder-layout file they stand for: global, named by their path.
    ...(source.files ?? []).flatMap((entry, j) => {
      const global = folderOf(entry.path);
      return global ? [{ file, jsonPath: `$.sources[${i}].files[${j}].document`, account: source.account, region: GLOBAL_REGION, value: entry.document, global, layoutPath: entry.path }] : [];
    }),
  ]);
}
