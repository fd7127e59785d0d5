/**
 * Configuration changes between two models: every resource added, removed or modified, compared by
 * id on its normalized record (where it was read from is left out, so the same network in two
 * folders has no changes), with the fields that changed in a few words
 * (`routes: − {"destination":"0.0.0.0/0",…}`).
 */
import type { Model } from "../model/types.js";

export type ChangeKind = "added" | "removed" | "modified";

export interface ConfigChange {
  /** The resource id (`rtb-…`, `sg-…`, a notebook name). */
  resource: string;
  /** The model collection it belongs to (`routeTables`, `securityGroups`, `notebooks`, …). */
  collection: string;
  change: ChangeKind;
  /** The resource's Terraform address, when a plan or state holds it (its `terraform:address` tag). */
  address?: string;
  /** For `modified`: one line per changed field. */
  details: string[];
}

/** The tag a Terraform plan's records carry their address in (src/snapshot/terraform/translate.ts). */
const ADDRESS_TAG = "terraform:address";

/** Longest value text in a detail line. */
const MAX_VALUE = 160;

/**
 * The record without where it was read from — its origin (file and JSON path) and the Terraform
 * address tag a plan adds — as a plain JSON value: a record the plan holds unchanged compares equal
 * to its collected copy.
 */
function comparable(record: object): Record<string, unknown> {
  const { origin: _origin, ...rest } = record as Record<string, unknown>;
  const plain = JSON.parse(JSON.stringify(rest, (_key, value: unknown) => (value instanceof Set || value instanceof Map ? [...value] : value))) as Record<string, unknown>;
  const tags = plain.tags as Record<string, unknown> | undefined;
  if (tags && ADDRESS_TAG in tags) {
    const { [ADDRESS_TAG]: _address, ...others } = tags;
    plain.tags = others;
  }
  return plain;
}

/** The Terraform address of either copy of a record, as `ConfigChange.address`. */
function addressOf(...records: (object | undefined)[]): { address?: string } {
  for (const record of records) {
    const address = (record as { tags?: Record<string, unknown> } | undefined)?.tags?.[ADDRESS_TAG];
    if (typeof address === "string") return { address };
  }
  return {};
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length <= MAX_VALUE ? text : `${text.slice(0, MAX_VALUE - 1)}…`;
}

/** One line per changed field; arrays as the elements removed (−) and added (+). */
function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const lines: string[] = [];
  for (const key of keys) {
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (Array.isArray(a) && Array.isArray(b)) {
      const as = new Set(a.map((item) => JSON.stringify(item)));
      const bs = new Set(b.map((item) => JSON.stringify(item)));
      const removed = a.filter((item) => !bs.has(JSON.stringify(item)));
      const added = b.filter((item) => !as.has(JSON.stringify(item)));
      for (const item of removed) lines.push(`${key}: − ${short(item)}`);
      for (const item of added) lines.push(`${key}: + ${short(item)}`);
      if (removed.length === 0 && added.length === 0) lines.push(`${key}: reordered`);
    } else {
      lines.push(`${key}: ${short(a)} → ${short(b)}`);
    }
  }
  return lines;
}

/** The model's collections of resources keyed by id. */
function collections(model: Model): [string, ReadonlyMap<string, object>][] {
  return Object.entries(model).filter((entry): entry is [string, ReadonlyMap<string, object>] => entry[1] instanceof Map && entry[0] !== "dataPresent");
}

/**
 * Every resource that differs between two models, sorted by collection and id.
 *
 * @param before - the earlier model
 * @param after - the later model
 */
export function configChanges(before: Model, after: Model): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const afterCollections = new Map(collections(after));
  for (const [collection, beforeMap] of collections(before)) {
    const afterMap = afterCollections.get(collection) ?? new Map<string, object>();
    for (const [id, record] of beforeMap) {
      const other = afterMap.get(id);
      if (!other) {
        changes.push({ resource: id, collection, change: "removed", ...addressOf(record), details: [] });
        continue;
      }
      const details = fieldChanges(comparable(record), comparable(other));
      if (details.length > 0) changes.push({ resource: id, collection, change: "modified", ...addressOf(other, record), details });
    }
    for (const [id, record] of afterMap) {
      if (!beforeMap.has(id)) changes.push({ resource: id, collection, change: "added", ...addressOf(record), details: [] });
    }
  }
  return changes.sort((a, b) => a.collection.localeCompare(b.collection) || a.resource.localeCompare(b.resource));
}
