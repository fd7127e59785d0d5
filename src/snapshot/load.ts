/**
 * Loads the user's input — a snapshot file written by `vpcreach collect`, a folder of AWS CLI
 * `describe-*` outputs (any depth, Batfish's `aws_configs/` layout included), or a single describe-*
 * file — into a validated `Model`. Bad input throws `InputError` naming the file, JSON path and
 * resource id; unknown keys, duplicates and dangling references load fine and are recorded.
 */
import { stat, readFile } from "node:fs/promises";
import { InputError } from "../model/errors.js";
import type { Model } from "../model/types.js";
import { ModelBuilder, type DocContext } from "./builder.js";
import { readDescribeFolder, documentsOfFile } from "./folder.js";
import { parseJsonFile } from "./json-parse.js";
import { JsonObject } from "./json-reader.js";
import { readDocument } from "./aws/index.js";
import { resolveReferences } from "./resolve.js";
import { inferScopes } from "./scope.js";
import type { RawDocument, RawSnapshot } from "./types.js";

/**
 * Reads the raw documents of a snapshot file, describe-* file or folder (Regions not yet inferred).
 *
 * @param path - what the user named with `--snapshot`
 */
export async function readRawSnapshot(path: string): Promise<RawSnapshot> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch {
    throw new InputError("no such file or folder", { file: path });
  }
  if (isFolder) return readDescribeFolder(path);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new InputError(`cannot read the file: ${(error as Error).message}`, { file: path });
  }
  const { documents, errors } = documentsOfFile(path, parseJsonFile(text, path));
  return { source: path, documents, errors };
}

function contextFor(doc: RawDocument, builder: ModelBuilder): DocContext {
  const region = doc.region as string;
  const docScope = { account: doc.account, region };
  return {
    builder,
    docScope,
    scope: (ownerId) => (doc.account !== undefined || ownerId === undefined ? docScope : { account: ownerId, region }),
  };
}

/**
 * Builds the model from raw documents: infers missing Regions/accounts, parses each document once,
 * then resolves cross-references.
 *
 * @param raw - documents from `readRawSnapshot` (or built in memory)
 * @throws InputError for malformed content
 */
export function buildModel(raw: RawSnapshot): Model {
  inferScopes(raw.documents);
  const builder = new ModelBuilder();
  builder.collectErrors.push(...raw.errors);
  for (const doc of raw.documents) {
    const at = { file: doc.file, jsonPath: doc.jsonPath, resourceId: undefined };
    readDocument(JsonObject.of(doc.value, at), contextFor(doc, builder));
  }
  resolveReferences(builder);
  const { maps } = builder;
  return {
    ...maps,
    elasticIps: builder.elasticIps,
    dataPresent: builder.dataPresent,
    danglingReferences: builder.dangling,
    collectErrors: builder.collectErrors,
    warnings: builder.warnings,
    source: raw.source,
  };
}

/**
 * Loads a snapshot file, a folder of describe-* JSON, or one describe-* file into a validated model.
 *
 * @param path - the `--snapshot` argument
 * @returns the model
 * @throws InputError naming the file, JSON path and resource id of bad input
 */
export async function loadModel(path: string): Promise<Model> {
  return buildModel(await readRawSnapshot(path));
}
