/**
 * Typed, validating access to raw AWS JSON. Every describe-* parser under src/snapshot/aws/ reads its
 * fields through `JsonObject`, so every wrong type or missing field becomes the same precise
 * `InputError`: `file: $.Subnets[3].CidrBlock (subnet-0abc): expected an IPv4 CIDR, got "10.0.0.0/33"`.
 */
import { parseCidr, parseIpv4 } from "../net/index.js";
import { InputError } from "../model/errors.js";
import type { Origin } from "../model/types.js";

/** Where a JSON value sits: its file, its JSONPath and (once known) the resource id it belongs to. */
export interface JsonLocation {
  file: string;
  jsonPath: string;
  resourceId: string | undefined;
}

/** Appends a property name to a JSONPath, quoting names that are not plain identifiers. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** A short, human description of a JSON value for "expected …, got …" messages. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

/** True for a valid IPv4 CIDR such as `10.0.0.0/16` (host bits may be set, as AWS allows in some fields). */
export function isIpv4Cidr(text: string): boolean {
  return text.includes("/") && parseCidr(text) !== undefined;
}

/** True for a dotted-quad IPv4 address. */
export function isIpv4Address(text: string): boolean {
  return parseIpv4(text) !== undefined;
}

/** True for something shaped like an IPv6 CIDR (the model keeps IPv6 only to say `unknown`). */
export function isIpv6Cidr(text: string): boolean {
  return /^[0-9A-Fa-f:.]+\/\d{1,3}$/.test(text) && text.includes(":") && Number(text.split("/")[1]) <= 128;
}

/**
 * A location whose JSONPath is built only when asked for (an error or a record's origin): building
 * a path string for every field read would dominate load time on large estates.
 */
class Place implements JsonLocation {
  private path: string | undefined;

  /**
   * @param file - the file
   * @param resourceId - the record id errors should name
   * @param parent - the enclosing location
   * @param key - the property or index below `parent`; undefined means "same path as parent"
   * @param rootPath - a known path (for roots)
   */
  constructor(
    readonly file: string,
    readonly resourceId: string | undefined,
    private readonly parent: JsonLocation | undefined,
    private readonly key: string | number | undefined,
    rootPath?: string,
  ) {
    this.path = rootPath;
  }

  get jsonPath(): string {
    if (this.path === undefined) {
      const base = this.parent?.jsonPath ?? "$";
      this.path = this.key === undefined ? base : childPath(base, this.key);
    }
    return this.path;
  }

  /** A plain copy, safe to keep or spread. */
  toJSON(): JsonLocation {
    return { file: this.file, jsonPath: this.jsonPath, resourceId: this.resourceId };
  }
}

function placeOf(at: JsonLocation): JsonLocation {
  return at instanceof Place ? at : new Place(at.file, at.resourceId, undefined, undefined, at.jsonPath);
}

function childPlace(at: JsonLocation, key: string | number): JsonLocation {
  return new Place(at.file, at.resourceId, at, key);
}

/** A JSON array element or property, with its location. */
export class JsonValue {
  /**
   * @param value - the raw value
   * @param at - where it sits
   */
  constructor(
    readonly value: unknown,
    readonly at: JsonLocation,
  ) {}

  /** Throws an `InputError` at this value's location. */
  fail(problem: string): never {
    throw new InputError(problem, { file: this.at.file, jsonPath: this.at.jsonPath, resourceId: this.at.resourceId });
  }

  /** This value as an object (throws when it is not one). */
  asObject(): JsonObject {
    const value = this.value;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      this.fail(`expected an object, got ${describeValue(value)}`);
    }
    return new JsonObject(value as Record<string, unknown>, this.at);
  }

  /** This value as a string (throws when it is not one). */
  asString(): string {
    if (typeof this.value !== "string") this.fail(`expected a string, got ${describeValue(this.value)}`);
    return this.value;
  }

  /** This value as an IPv4 CIDR string. */
  asIpv4Cidr(): string {
    const text = this.asString();
    if (!isIpv4Cidr(text)) this.fail(`expected an IPv4 CIDR, got ${describeValue(text)}`);
    return text;
  }
}

/** A JSON object with typed field readers. Missing optional fields and `null` read as undefined. */
export class JsonObject {
  /**
   * @param raw - the parsed object
   * @param at - where it sits; `resourceId` is added with `withId` once the record's id is read
   */
  constructor(
    readonly raw: Record<string, unknown>,
    readonly at: JsonLocation,
  ) {}

  /** Wraps a value that must be an object. */
  static of(value: unknown, at: JsonLocation): JsonObject {
    return new JsonValue(value, placeOf(at)).asObject();
  }

  /** The same object, with errors naming `resourceId` from now on. */
  withId(resourceId: string): JsonObject {
    return new JsonObject(this.raw, new Place(this.at.file, resourceId, this.at, undefined));
  }

  /** The `Origin` (file and JSONPath) of this object, for model records. */
  origin(): Origin {
    return { file: this.at.file, jsonPath: this.at.jsonPath };
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  /** The field as a located value (may hold undefined). */
  field(key: string): JsonValue {
    return new JsonValue(this.raw[key], childPlace(this.at, key));
  }

  /** Throws an `InputError` about one field of this object. */
  failAt(key: string, problem: string): never {
    return this.field(key).fail(problem);
  }

  private required(key: string): JsonValue {
    const field = this.field(key);
    if (field.value === undefined || field.value === null) field.fail("missing required field");
    return field;
  }

  /** A required string field. */
  str(key: string): string {
    const value = this.raw[key];
    return typeof value === "string" ? value : this.required(key).asString();
  }

  /** An optional string field. */
  optStr(key: string): string | undefined {
    const value = this.raw[key];
    if (typeof value === "string") return value;
    return value === undefined || value === null ? undefined : this.field(key).asString();
  }

  /** A required boolean field. */
  bool(key: string): boolean {
    const raw = this.raw[key];
    if (typeof raw === "boolean") return raw;
    const field = this.required(key);
    const value = field.value;
    if (typeof value !== "boolean") return field.fail(`expected true or false, got ${describeValue(value)}`);
    return value;
  }

  /** An optional boolean field, `fallback` when absent. */
  optBool(key: string, fallback: boolean): boolean {
    return this.has(key) ? this.bool(key) : fallback;
  }

  /** A required integer field; AWS sometimes prints numbers as strings, which are accepted. */
  int(key: string): number {
    const field = this.required(key);
    const value = typeof field.value === "string" && /^-?\d+$/.test(field.value) ? Number(field.value) : field.value;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      return field.fail(`expected an integer, got ${describeValue(field.value)}`);
    }
    return value;
  }

  /** An optional integer field. */
  optInt(key: string): number | undefined {
    return this.has(key) ? this.int(key) : undefined;
  }

  /** A required string field that must be one of `allowed`. */
  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const text = this.str(key);
    if (!(allowed as readonly string[]).includes(text)) {
      this.failAt(key, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${describeValue(text)}`);
    }
    return text as T;
  }

  /** An optional string field that must be one of `allowed`. */
  optOneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    return this.has(key) ? this.oneOf(key, allowed) : undefined;
  }

  /** A required IPv4 CIDR field. */
  cidr(key: string): string {
    return this.required(key).asIpv4Cidr();
  }

  /** An optional IPv4 CIDR field. */
  optCidr(key: string): string | undefined {
    return this.has(key) ? this.cidr(key) : undefined;
  }

  /** An optional IPv4 address field. */
  optIpv4(key: string): string | undefined {
    if (!this.has(key)) return undefined;
    const text = this.field(key).asString();
    if (!isIpv4Address(text)) this.failAt(key, `expected an IPv4 address, got ${describeValue(text)}`);
    return text;
  }

  /** An optional IPv6 CIDR field (shape-checked only). */
  optIpv6Cidr(key: string): string | undefined {
    if (!this.has(key)) return undefined;
    const text = this.field(key).asString();
    if (!isIpv6Cidr(text)) this.failAt(key, `expected an IPv6 CIDR, got ${describeValue(text)}`);
    return text;
  }

  /** A required object field. */
  obj(key: string): JsonObject {
    return this.required(key).asObject();
  }

  /** An optional object field. */
  optObj(key: string): JsonObject | undefined {
    return this.has(key) ? this.field(key).asObject() : undefined;
  }

  /** The elements of an array field; an absent field reads as empty unless `required`. */
  items(key: string, required = false): JsonValue[] {
    const raw = this.raw[key];
    if (!required && (raw === undefined || raw === null)) return [];
    const field = required ? this.required(key) : this.field(key);
    if (field.value === undefined || field.value === null) return [];
    const list = field.value;
    if (!Array.isArray(list)) return field.fail(`expected an array, got ${describeValue(list)}`);
    return list.map(
      (value: unknown, index: number) => new JsonValue(value, childPlace(field.at, index)),
    );
  }

  /** The elements of an array-of-objects field. */
  objects(key: string, required = false): JsonObject[] {
    const raw = this.raw[key];
    if (!Array.isArray(raw)) return this.items(key, required).map((item) => item.asObject());
    // The common case, allocation-light: one JsonObject per element, no intermediate JsonValue.
    const listPlace = childPlace(this.at, key);
    const result: JsonObject[] = new Array<JsonObject>(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const value: unknown = raw[i];
      result[i] =
        value !== null && typeof value === "object" && !Array.isArray(value)
          ? new JsonObject(value as Record<string, unknown>, childPlace(listPlace, i))
          : new JsonValue(value, childPlace(listPlace, i)).asObject();
    }
    return result;
  }

  /** The elements of an array-of-strings field. */
  strings(key: string): string[] {
    return this.items(key).map((item) => item.asString());
  }

  /** AWS `Tags` (or `TagSet`, as in some outputs) as a record, plus the `Name` tag. */
  tags(): { tags: Record<string, string>; name: string | undefined } {
    const tags: Record<string, string> = {};
    // Both lists are checked to be arrays of objects before any tag is read, as errors were always reported.
    for (const list of [this.objects("Tags"), this.objects("TagSet")]) {
      for (const tag of list) {
        const key = tag.str("Key");
        const value = tag.optStr("Value") ?? "";
        // A tag named "__proto__" is defined, so it is kept as data; every other key is assigned:
        // defining each one costs a runtime call and leaves the object slow to read (large estates
        // carry tens of thousands of tags).
        if (key === "__proto__") Object.defineProperty(tags, key, { value, enumerable: true, writable: true, configurable: true });
        else tags[key] = value;
      }
    }
    return { tags, name: tags.Name };
  }
}
