/**
 * Reads an intents file (`vpcreach.yaml`, YAML or JSON; JSON is read by the same YAML 1.2 parser) and
 * validates it against the published JSON Schema (`data/intents.schema.json`). Every error names the
 * file, the line and the key (`vpcreach.yaml:12: $.intents[1].expect: must be one of …`); every intent
 * keeps the line it starts on, so SARIF results and GitHub annotations point at it.
 */
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject } from "ajv";
import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { bundledDataFile } from "../fs/bundled-data.js";
import { InputError } from "../model/errors.js";
import type { QueryProtocol } from "../engine/index.js";
import type { Severity } from "../engine/findings/types.js";

/** What a reachable path must or must not cross: a component kind or a resource id. */
export type ViaSpec = string;

export type Expectation = "reachable" | "unreachable" | "any";

/** One intent, normalized: lists are lists, defaults are filled. */
export interface Intent {
  id: string;
  description: string | undefined;
  severity: Exclude<Severity, "info">;
  from: string[];
  except: string[];
  to: string;
  protocol: QueryProtocol;
  port: number | undefined;
  expect: Expectation;
  via: ViaSpec[];
  neverVia: ViaSpec[];
  withoutEndpointUrl: boolean;
  /** 1-based line of the intent in the file. */
  line: number;
  /** The line of each `from` selector, in order (the key's line when `from` is one string). */
  fromLines: number[];
  /** The line of each `except` selector, likewise. */
  exceptLines: number[];
}

export interface Suppression {
  rule: string;
  /** A glob over the finding's resource; undefined means every resource. */
  resource: string | undefined;
  reason: string;
  /** `YYYY-MM-DD`, inclusive. */
  expires: string;
  line: number;
}

export interface FindingPolicy {
  failOn: Severity | "none";
  rules: string[];
  suppress: Suppression[];
  /** Line of the `findings:` key (1 when absent), where SARIF places finding results. */
  line: number;
}

export interface IntentsFile {
  /** The path as the user gave it. */
  file: string;
  intents: Intent[];
  findings: FindingPolicy;
}

/** Raw shapes after schema validation (the schema guarantees them). */
interface RawIntent {
  id: string;
  description?: string;
  severity?: Intent["severity"];
  from: string | string[];
  except?: string | string[];
  to: string;
  protocol?: QueryProtocol;
  port?: number;
  expect?: Expectation;
  via?: string | string[];
  "never-via"?: string | string[];
  "without-endpoint-url"?: boolean;
}

interface RawFile {
  version: 1;
  intents?: RawIntent[];
  findings?: { "fail-on"?: FindingPolicy["failOn"]; rules?: string[]; suppress?: Omit<Suppression, "line">[] };
}

let validator: ReturnType<Ajv["compile"]> | undefined;

/** The compiled schema, built once per process. */
function validate(data: unknown): ErrorObject[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(bundledDataFile("intents.schema.json"), "utf8")) as object;
    validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  return validator(data) ? [] : (validator.errors ?? []);
}

/** `/intents/1/expect` → `["intents", 1, "expect"]`. */
function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** `["intents", 1, "expect"]` → `$.intents[1].expect`. */
function jsonPath(path: readonly (string | number)[]): string {
  return `$${path.map((part) => (typeof part === "number" ? `[${part}]` : `.${part}`)).join("")}`;
}

/** The range of the node at `path`: a key's own line for mapping entries, the item's for list entries. */
function rangeOf(doc: Document, path: readonly (string | number)[]): [number, number, number] | undefined {
  if (path.length === 0) return (doc.contents as { range?: [number, number, number] } | null)?.range;
  const last = path[path.length - 1];
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (isMap(parent) && typeof last === "string") {
    const pair = parent.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === last);
    return (pair?.key as { range?: [number, number, number] } | undefined)?.range;
  }
  return (doc.getIn(path, true) as { range?: [number, number, number] } | null | undefined)?.range;
}

/** The 1-based line where the node at `path` starts, or the nearest parent that exists. */
function lineOf(doc: Document, lines: LineCounter, path: readonly (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const range = rangeOf(doc, path.slice(0, depth));
    if (range) return lines.linePos(range[0]).line;
  }
  return 1;
}

/** One line per schema error, in the words of the schema (enum values listed, unknown keys named). */
function describeError(error: ErrorObject): { path: (string | number)[]; problem: string } {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties") {
    return { path: [...path, String(params.additionalProperty)], problem: "unknown key (see data/intents.schema.json)" };
  }
  if (error.keyword === "required") return { path, problem: `missing required key "${String(params.missingProperty)}"` };
  if (error.keyword === "enum") return { path, problem: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` };
  if (error.keyword === "const") return { path, problem: `must be ${JSON.stringify(params.allowedValue)}` };
  return { path, problem: error.message ?? error.keyword };
}

/**
 * Picks the most useful schema errors: `oneOf` reports its branches' errors too, and those say less
 * than the branch error itself; duplicates are dropped.
 */
function usefulErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((error) => error.keyword !== "oneOf" && error.keyword !== "if");
  const chosen = specific.length > 0 ? specific : [...errors];
  const seen = new Set<string>();
  return chosen.filter((error) => {
    const key = `${error.instancePath} ${error.keyword}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A list from a string-or-list value. */
function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === "string" ? [value] : value;
}

/** The default expectation: see the schema's `expect` description. */
function defaultExpectation(raw: RawIntent, file: string, line: number): Expectation {
  if (raw.expect) return raw.expect;
  if (raw.via !== undefined || raw["without-endpoint-url"]) return "reachable";
  if (raw["never-via"] !== undefined) return "any";
  throw new InputError(`intent "${raw.id}" needs "expect" (reachable, unreachable or any), "via" or "never-via"`, {
    file: `${file}:${line}`,
    jsonPath: "$.intents",
  });
}

/** Checks what the schema cannot: unique ids, and `expect: unreachable` with path conditions. */
function checkIntent(intent: Intent, seen: Map<string, number>, file: string): void {
  const where = { file: `${file}:${intent.line}`, jsonPath: "$.intents" };
  const earlier = seen.get(intent.id);
  if (earlier !== undefined) throw new InputError(`intent id "${intent.id}" is used twice (also on line ${earlier})`, where);
  seen.set(intent.id, intent.line);
  const pathConditions = intent.via.length > 0 || intent.neverVia.length > 0 || intent.withoutEndpointUrl;
  if (intent.expect === "unreachable" && pathConditions) {
    throw new InputError(`intent "${intent.id}": "via", "never-via" and "without-endpoint-url" describe a reachable path; they cannot go with expect: unreachable`, where);
  }
}

/**
 * Parses and validates intents text.
 *
 * @param text - the file's contents (YAML or JSON)
 * @param file - the file name, for error messages and locations
 * @throws InputError naming the file, line and key of the first problems found
 */
export function parseIntents(text: string, file: string): IntentsFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = syntax.linePos?.[0]?.line ?? 1;
    throw new InputError(`not valid YAML or JSON: ${syntax.message.split("\n")[0]}`, { file: `${file}:${line}` });
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new InputError("an intents file is a mapping with `version: 1` and `intents:` (see data/intents.schema.json)", { file });
  }
  const errors = usefulErrors(validate(data));
  if (errors.length > 0) {
    const described = errors.slice(0, 5).map(describeError);
    const first = described[0]!;
    const more = described.slice(1).map((e) => `; line ${lineOf(doc, lines, e.path)}: ${jsonPath(e.path)}: ${e.problem}`).join("");
    throw new InputError(`${first.problem}${more}`, { file: `${file}:${lineOf(doc, lines, first.path)}`, jsonPath: jsonPath(first.path) });
  }
  const raw = data as RawFile;
  const seen = new Map<string, number>();
  const intents = (raw.intents ?? []).map((item, i): Intent => {
    const line = lineOf(doc, lines, ["intents", i]);
    const intent: Intent = {
      id: item.id,
      description: item.description,
      severity: item.severity ?? "high",
      from: list(item.from),
      except: list(item.except),
      to: item.to,
      protocol: item.protocol ?? "tcp",
      port: item.port,
      expect: defaultExpectation(item, file, line),
      via: list(item.via),
      neverVia: list(item["never-via"]),
      withoutEndpointUrl: item["without-endpoint-url"] ?? false,
      line,
      fromLines: list(item.from).map((_, j) => lineOf(doc, lines, ["intents", i, "from", j])),
      exceptLines: list(item.except).map((_, j) => lineOf(doc, lines, ["intents", i, "except", j])),
    };
    checkIntent(intent, seen, file);
    return intent;
  });
  const findings: FindingPolicy = {
    failOn: raw.findings?.["fail-on"] ?? "none",
    rules: raw.findings?.rules ?? [],
    suppress: (raw.findings?.suppress ?? []).map((s, i) => ({
      rule: s.rule,
      resource: s.resource,
      reason: s.reason,
      expires: s.expires,
      line: lineOf(doc, lines, ["findings", "suppress", i]),
    })),
    line: raw.findings ? lineOf(doc, lines, ["findings"]) : 1,
  };
  return { file, intents, findings };
}

/**
 * Reads and validates an intents file.
 *
 * @param path - the file (YAML or JSON)
 * @throws InputError when it cannot be read or is not a valid intents file
 */
export async function loadIntents(path: string): Promise<IntentsFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(`cannot read the intents file (${code})`, { file: path });
  }
  return parseIntents(text, path);
}
