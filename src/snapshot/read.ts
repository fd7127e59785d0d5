/**
 * Reads the user's inputs — snapshot files written by `vpcreach collect`, folders of AWS CLI
 * `describe-*` outputs (any depth, Batfish's `aws_configs/` layout included), single describe-* files
 * or Terraform plans — and builds one validated `Model`, without the snapshot cache (load.ts puts the
 * cache in front and imports this module only on a miss, so a cached load never loads the parsers).
 * Every document of every input goes through one builder, which merges records by id (a Terraform
 * plan given after other inputs is laid over them instead: see `readRawSnapshots`). Bad input throws
 * `InputError` naming the file, JSON path and resource id; unknown keys, duplicates and dangling
 * references load fine and are recorded.
 */
import { stat } from "node:fs/promises";
import { dirname, sep } from "node:path";
import { InputError } from "../model/errors.js";
import type { DataKind, LoadWarning, Model } from "../model/types.js";
import { ModelBuilder, type DocContext } from "./builder.js";
import { readDescribeFolder, documentsOfFile, readTextFile } from "./folder.js";
import { parseJsonFile } from "./json-parse.js";
import { JsonObject } from "./json-reader.js";
import { GLOBAL_READERS, readDocument } from "./aws/index.js";
import { resolveReferences } from "./resolve.js";
import { truncatedPages } from "./aws/route53-hosted-zone.js";
import { inferScopes } from "./scope.js";
import type { RawDocument, RawSnapshot } from "./types.js";
import type { ReadObserver } from "./cache.js";

/**
 * Reads the raw documents of a snapshot file, describe-* file or folder (Regions not yet inferred).
 *
 * @param path - what the user named with `--snapshot`
 * @param observe - given each file's bytes as they are read (the snapshot cache hashes them)
 */
export async function readRawSnapshot(path: string, observe?: ReadObserver): Promise<RawSnapshot> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch {
    throw new InputError("no such file or folder", { file: path });
  }
  if (isFolder) return readDescribeFolder(path, observe);
  const warnings: LoadWarning[] = [];
  const { documents, errors, warnings: translated } = documentsOfFile(path, parseJsonFile(readTextFile(path, warnings, observe), path));
  const lone = documents.length === 1 && documents[0]?.jsonPath === "$" && documents[0].global === undefined;
  return { source: path, documents, errors, warnings: [...warnings, ...(translated ?? [])], ...(lone && { loneDescribeFiles: [path] }) };
}

/** The kinds of data without which almost every path answer is unknown. */
const NETWORK_KINDS: readonly DataKind[] = ["vpcs", "subnets", "routeTables", "networkAcls", "securityGroups", "networkInterfaces", "internetGateways", "natGateways", "vpcEndpoints"];

/**
 * The warning for inputs that are lone describe-* files: what they hold, what the network lacks,
 * and the folder to give instead (the files' common folder).
 *
 * @param files - the files given as `--snapshot`
 * @param present - what the model holds, per scope
 */
function loneFilesWarning(files: string[], present: ReadonlyMap<string, ReadonlySet<DataKind>>): LoadWarning {
  const held = new Set([...present.values()].flatMap((kinds) => [...kinds]));
  const missing = NETWORK_KINDS.filter((kind) => !held.has(kind));
  const folder = files.map((file) => dirname(file)).reduce(commonFolder);
  const what = files.length === 1 ? `${files[0]} is a single describe output` : `${files.join(", ")} are single describe outputs`;
  const lacks = missing.length > 0 ? `the network lacks ${missing.join(", ")}, so answers that need them are unknown` : "other kinds of data are missing";
  return {
    message: `${what} (${[...held].sort().join(", ") || "nothing recognised"}): ${lacks}. Give the folder that holds all the describe-* files: --snapshot ${folder}`,
    file: undefined,
    jsonPath: undefined,
    resourceId: undefined,
    aboutInput: true,
  };
}

/** The deepest folder holding both paths. */
function commonFolder(a: string, b: string): string {
  let folder = a;
  while (b !== folder && !b.startsWith(folder.endsWith(sep) ? folder : folder + sep) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

/**
 * The scope of a document's records: a record's own 12-digit `OwnerId` wins over the document's
 * account, so a shared VPC's subnets belong to the owner account even in a participant's files.
 */
function contextFor(doc: RawDocument, builder: ModelBuilder): DocContext {
  const region = doc.region as string;
  const docScope = { account: doc.account, region };
  return {
    builder,
    docScope,
    fileName: doc.layoutPath ?? doc.file,
    scope: (ownerId) => (ownerId === undefined || ownerId === doc.account || !/^\d{12}$/.test(ownerId) ? docScope : { account: ownerId, region }),
  };
}

/**
 * The file set a document belongs to (see `ModelBuilder.attributeFileSets`): its folder, the account
 * its path or snapshot gave (not one inferred from its records, which differ across a shared VPC's
 * files) and its Region.
 *
 * @param doc - the document, Region inferred
 * @param givenAccount - its account before inference
 */
function fileSetOf(doc: RawDocument, givenAccount: string | undefined): string {
  return `${dirname(doc.file)}\u0000${givenAccount ?? "-"}\u0000${doc.region}`;
}

/** The identity data a model carries, without the loader's bookkeeping. */
function identityOf(builder: ModelBuilder): Model["identity"] {
  const { policyTargets: _targets, ...identity } = builder.identity;
  return identity;
}

/**
 * Builds the model from raw documents: infers missing Regions/accounts, parses each document once,
 * then resolves cross-references.
 *
 * @param raw - documents from `readRawSnapshot` (or built in memory)
 * @throws InputError for malformed content
 */
export function buildModel(raw: RawSnapshot): Model {
  const givenAccounts = raw.documents.map((doc) => doc.account);
  inferScopes(raw.documents);
  const builder = new ModelBuilder();
  builder.collectErrors.push(...raw.errors);
  builder.warnings.push(...(raw.warnings ?? []));
  raw.documents.forEach((doc, i) => {
    if (doc.planEffects) {
      builder.applyPlanEffects(doc.planEffects, { file: doc.file, jsonPath: doc.jsonPath });
      return;
    }
    builder.beginFileSet(fileSetOf(doc, givenAccounts[i]));
    builder.overlay = doc.overlay;
    const value = JsonObject.of(doc.value, { file: doc.file, jsonPath: doc.jsonPath, resourceId: undefined });
    const read = doc.global === undefined ? readDocument : GLOBAL_READERS[doc.global];
    read(value, contextFor(doc, builder));
  });
  builder.overlay = undefined;
  builder.attributeFileSets();
  if (raw.loneDescribeFiles) builder.warnings.push(loneFilesWarning(raw.loneDescribeFiles, builder.dataPresent));
  resolveReferences(builder);
  const { maps } = builder;
  return {
    ...maps,
    elasticIps: builder.elasticIps,
    dataPresent: builder.dataPresent,
    danglingReferences: builder.dangling,
    doubts: builder.doubts,
    collectErrors: builder.collectErrors,
    truncatedZoneLists: truncatedPages(builder.parts.route53Pages, "zones").map((page) => page.file),
    warnings: builder.warnings,
    identity: identityOf(builder),
    source: raw.source,
  };
}

/**
 * The documents of the first input: a Terraform plan given first is an ordinary input (merged by id
 * like any other), not an overlay — there is nothing before it to lay it over.
 */
function asFirstInput(documents: readonly RawDocument[]): RawDocument[] {
  return documents.filter((doc) => doc.planEffects === undefined).map(({ overlay: _overlay, ...doc }) => doc);
}

/**
 * Reads several inputs (snapshot files, describe-* folders or files) as one: their documents are
 * concatenated in the order given. A Terraform plan after the first input keeps its overlay marks
 * (see `RawDocument.overlay`): it is laid over what came before it.
 *
 * @param paths - the inputs, e.g. every `--snapshot` argument
 * @returns one raw snapshot whose `source` names them all
 */
export async function readRawSnapshots(paths: readonly string[], observers?: readonly ReadObserver[]): Promise<RawSnapshot> {
  if (paths.length === 0) throw new InputError("no snapshot given");
  const raws = await Promise.all(paths.map((path, i) => readRawSnapshot(path, observers?.[i])));
  return {
    source: raws.map((raw) => raw.source).join(", "),
    documents: raws.flatMap((raw, i) => (i === 0 ? asFirstInput(raw.documents) : raw.documents)),
    errors: raws.flatMap((raw) => raw.errors),
    warnings: raws.flatMap((raw) => raw.warnings ?? []),
    ...(raws.every((raw) => raw.loneDescribeFiles) && { loneDescribeFiles: raws.flatMap((raw) => raw.loneDescribeFiles ?? []) }),
  };
}
