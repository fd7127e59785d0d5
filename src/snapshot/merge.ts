/**
 * Two copies of one resource (the same id read twice: two pages, two files, two accounts' views of a
 * shared transit gateway or subnet) become one record. Fields one copy lacks are taken from the
 * other, so each side's view is kept; tags (which are per account) are united. Fields both copies
 * hold with different values are a conflict: the caller records it, and the engine answers `unknown`
 * where the conflicting resource decides a verdict.
 */

/** Fields that say where a copy came from or how one account labels it, never what it does. */
const PROVENANCE_FIELDS = new Set(["origin", "scope", "tags", "name"]);

/**
 * Fields whose ids a record only sends traffic to (a route's target, its prefix list): traffic meets
 * them through the record itself, which is in doubt, so a copy naming one does not put it in doubt —
 * a NAT gateway other tables route to stays usable through them. Ids in other fields (a subnet one
 * copy associates) change how the named resource behaves, so they are disputed.
 */
const TARGET_FIELDS = new Set(["routes"]);

/** AWS resource ids inside a value (`rtb-0abc`, `subnet-1`, …): what a conflicting field may point at. */
const RESOURCE_ID = /^[a-z]+(?:-[a-z]+)*-[0-9a-f]+$/;

/** Structural equality of plain JSON-like values. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function collectIds(value: unknown, into: Set<string>): void {
  if (typeof value === "string") {
    if (RESOURCE_ID.test(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectIds(item, into);
  } else if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) collectIds(item, into);
  }
}

/** What merging two copies found. */
export interface MergeResult {
  /** Fields both copies hold with different values. */
  conflicts: string[];
  /** Ids one conflicting copy refers to and the other does not (a subnet one copy associates, …), route targets aside. */
  disputedIds: string[];
}

/**
 * Merges `incoming` into `existing` (in place): fields `existing` lacks are filled in, tags united
 * (the first copy's value wins for a key both set), the name kept or filled in.
 *
 * @param existing - the record kept
 * @param incoming - the other copy of it
 * @returns the fields the copies disagree on, and the ids only one side of those fields names
 */
export function mergeCopies<T extends object>(existing: T, incoming: T): MergeResult {
  const kept = existing as Record<string, unknown>;
  const other = incoming as Record<string, unknown>;
  const conflicts: string[] = [];
  const onlyOneSide = new Set<string>();
  for (const key of new Set([...Object.keys(kept), ...Object.keys(other)])) {
    if (PROVENANCE_FIELDS.has(key) || same(kept[key], other[key])) continue;
    if (kept[key] === undefined) kept[key] = other[key];
    else if (other[key] !== undefined) {
      conflicts.push(key);
      if (TARGET_FIELDS.has(key)) continue;
      const ours = new Set<string>();
      const theirs = new Set<string>();
      collectIds(kept[key], ours);
      collectIds(other[key], theirs);
      for (const id of ours) if (!theirs.has(id)) onlyOneSide.add(id);
      for (const id of theirs) if (!ours.has(id)) onlyOneSide.add(id);
    }
  }
  kept.name ??= other.name;
  const tags = kept.tags as Record<string, string> | undefined;
  const otherTags = other.tags as Record<string, string> | undefined;
  if (tags && otherTags) {
    for (const [key, value] of Object.entries(otherTags)) {
      if (!Object.hasOwn(tags, key)) Object.defineProperty(tags, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return { conflicts, disputedIds: [...onlyOneSide].sort() };
}
