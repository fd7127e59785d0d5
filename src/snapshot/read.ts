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
import { readDescribeFolder, documentsOfFile, readTextFile, type DocumentSink } from "./folder.js";
import { parseJsonFile } from "./json-parse.js";
import { JsonObject } from "./json-reader.js";
import { GLOBAL_READERS, readDocument } from "./aws/index.js";
import { resolveReferences } from "./resolve.js";
import { joinResolverRules } from "./aws/route53-resolver.js";
import { truncatedPages } from "./aws/route53-hosted-zone.js";
import { inferScopes } from "./scope.js";
import type { RawDocument, RawSnapshot } from "./types.js";
import type { ReadObserver } from "./cache.js";

/**
 * Reads the raw documents of a snapshot file, describe-* file or folder (Regions not yet inferred).
 *
 * @param path - what the user named with `--snapshot`
 * @param observe - given each file's bytes as they are read (the snapshot cache hashes them)
 * @param sink - given each document as its file is parsed, instead of collecting them in `documents`
 */
export async function readRawSnapshot(path: string, observe?: ReadObserver, sink?: DocumentSink): Promise<RawSnapshot> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch {
    throw new InputError("no such file or folder", { file: path });
  }
  if (isFolder) return readDescribeFolder(path, observe, sink);
  const warnings: LoadWarning[] = [];
  const { documents, errors, warnings: translated } = documentsOfFile(path, parseJsonFile(readTextFile(path, warnings, observe), path));
  const lone = documents.length === 1 && documents[0]?.jsonPath === "$" && documents[0].global === undefined;
  if (sink) documents.forEach(sink);
  return { source: path, documents: sink ? [] : documents, errors, warnings: [...warnings, ...(translated ?? [])], ...(lone && { loneDescribeFiles: [path] }) };
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
 * Builds a model from documents given one at a time in input order. A document is read into the
 * builder as soon as its account and Region are known and every document before it has been read, so
 * a folder's parsed files are dropped as they are read: holding all of them until the model was built
 * made the large estate's load collect and copy its whole parsed input (docs/performance.md, the
 * sixth session). Documents whose scope must be inferred, and all after them, wait for `finish`.
 * The outcome is that of inferring every scope first and then reading every document in order: the
 * same records, warnings and errors, and a reading error still comes after any error in the input
 * files or in inferring a scope (it is held until `finish`).
 */
class ModelAssembly {
  private readonly builder = new ModelBuilder();
  /** Documents not read yet: from the first whose scope must be inferred, or since a reading error. */
  private readonly waiting: RawDocument[] = [];
  /** The accounts of the documents already read: inference counts every document's account. */
  private readonly readAccounts = new Set<string>();
  /** The first error a document's reading threw, thrown by `finish`. */
  private failure: { error: unknown } | undefined;

  /** Takes the next document: read now when nothing before it waits and its scope is known. */
  readonly add = (doc: RawDocument): void => {
    if (this.failure !== undefined || this.waiting.length > 0 || doc.region === undefined || doc.account === undefined) {
      this.waiting.push(doc);
      return;
    }
    this.readAccounts.add(doc.account);
    try {
      this.read(doc, doc.account);
    } catch (error) {
      this.failure = { error };
    }
  };

  /**
   * Reads one document, its scope known, into a model of its own, and throws what its content holds
   * wrong (see `contentErrorFirst`).
   */
  static readAlone(doc: RawDocument): void {
    new ModelAssembly().read(doc, doc.account);
  }

  /** Reads one document into the builder, in its file set (see `fileSetOf`). */
  private read(doc: RawDocument, givenAccount: string | undefined): void {
    const { builder } = this;
    if (doc.planEffects) {
      builder.applyPlanEffects(doc.planEffects, { file: doc.file, jsonPath: doc.jsonPath });
      return;
    }
    builder.beginFileSet(fileSetOf(doc, givenAccount));
    builder.overlay = doc.overlay;
    const value = JsonObject.of(doc.value, { file: doc.file, jsonPath: doc.jsonPath, resourceId: undefined });
    const read = doc.global === undefined ? readDocument : GLOBAL_READERS[doc.global];
    read(value, contextFor(doc, builder));
  }

  /**
   * Infers the waiting documents' scopes, reads them, then resolves cross-references.
   *
   * @param raw - what reading the inputs gave besides their documents (its documents are ignored)
   * @throws InputError for malformed content
   */
  finish(raw: RawSnapshot): Model {
    const { builder, waiting } = this;
    const givenAccounts = waiting.map((doc) => doc.account);
    try {
      inferScopes(waiting, this.readAccounts);
    } catch (error) {
      throw contentErrorFirst(error, waiting);
    }
    if (this.failure !== undefined) throw this.failure.error;
    waiting.forEach((doc, i) => this.read(doc, givenAccounts[i]));
    builder.overlay = undefined;
    // The inputs' own errors and warnings come before those found in their records.
    builder.collectErrors.unshift(...raw.errors);
    builder.warnings.unshift(...(raw.warnings ?? []));
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
      resolverRules: joinResolverRules(builder.parts),
      warnings: builder.warnings,
      identity: identityOf(builder),
      source: raw.source,
    };
  }
}

/** A Region that stands in for an unknown one, to read a document only for its own errors. */
const STAND_IN_REGION = "us-east-1";

/**
 * The error to report when a document's Region cannot be told: its own content error, if it has
 * one, comes first — a file that is no API output (an array, `{"Vpcs": 5}`) says what is wrong with
 * it, not that its Region is unknown. It is found by reading the document into a scratch model under
 * a stand-in Region; only this error path pays for it.
 *
 * @param error - what inferring the scopes threw
 * @param waiting - the documents whose scopes were inferred
 */
function contentErrorFirst(error: unknown, waiting: readonly RawDocument[]): unknown {
  const file = error instanceof InputError ? error.location.file : undefined;
  const doc = waiting.find((candidate) => candidate.file === file);
  if (doc === undefined) return error;
  try {
    ModelAssembly.readAlone({ ...doc, region: STAND_IN_REGION });
  } catch (contentError) {
    return contentError;
  }
  return error;
}

/**
 * Builds the model from raw documents: infers missing Regions/accounts, parses each document once,
 * then resolves cross-references.
 *
 * @param raw - documents from `readRawSnapshot` (or built in memory)
 * @throws InputError for malformed content
 */
export function buildModel(raw: RawSnapshot): Model {
  const assembly = new ModelAssembly();
  raw.documents.forEach(assembly.add);
  return assembly.finish(raw);
}

/**
 * Reads the inputs and builds their model as they are read: `buildModel(await readRawSnapshots(…))`
 * without holding every parsed file at once.
 *
 * @param paths - the inputs, in order
 * @param observers - per input, given each file's bytes as they are read
 * @throws InputError naming the file, JSON path and resource id of bad input
 */
export async function readModel(paths: readonly string[], observers?: readonly ReadObserver[]): Promise<Model> {
  const assembly = new ModelAssembly();
  return assembly.finish(await readRawSnapshots(paths, observers, assembly.add));
}

/**
 * A document of the first input as it is read: a Terraform plan given first is an ordinary input
 * (merged by id like any other), not an overlay — there is nothing before it to lay it over.
 */
function asFirstInput(doc: RawDocument): RawDocument | undefined {
  if (doc.planEffects !== undefined) return undefined;
  const { overlay: _overlay, ...plain } = doc;
  return plain;
}

/**
 * Reads several inputs (snapshot files, describe-* folders or files) as one: their documents are
 * concatenated in the order given. A Terraform plan after the first input keeps its overlay marks
 * (see `RawDocument.overlay`): it is laid over what came before it.
 *
 * @param paths - the inputs, e.g. every `--snapshot` argument
 * @param observers - per input, given each file's bytes as they are read
 * @param sink - given each document in that order, the first input's as its files are parsed
 *   (the others' once every input is read), instead of collecting them in `documents`
 * @returns one raw snapshot whose `source` names them all
 */
export async function readRawSnapshots(paths: readonly string[], observers?: readonly ReadObserver[], sink?: DocumentSink): Promise<RawSnapshot> {
  if (paths.length === 0) throw new InputError("no snapshot given");
  const first: RawDocument[] = [];
  const firstSink: DocumentSink = (doc) => {
    const plain = asFirstInput(doc);
    if (plain === undefined) return;
    if (sink) sink(plain);
    else first.push(plain);
  };
  const raws = await Promise.all(paths.map((path, i) => readRawSnapshot(path, observers?.[i], i === 0 ? firstSink : undefined)));
  const documents = [first, ...raws.slice(1).map((raw) => raw.documents)].flat();
  if (sink) documents.forEach(sink);
  return {
    source: raws.map((raw) => raw.source).join(", "),
    documents: sink ? [] : documents,
    errors: raws.flatMap((raw) => raw.errors),
    warnings: raws.flatMap((raw) => raw.warnings ?? []),
    ...(raws.every((raw) => raw.loneDescribeFiles) && { loneDescribeFiles: raws.flatMap((raw) => raw.loneDescribeFiles ?? []) }),
  };
}
