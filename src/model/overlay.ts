/**
 * Maps derived from another map by a few changes, and lists of a map's records by key that such a
 * derived map patches instead of rebuilding. The cost's design models (~1,900 on a large estate, each
 * a Region's records with a few NAT gateways, endpoints and routes changed) are overlays on their
 * Region's part: copying and re-indexing the Region for each made the copies outlive the garbage
 * collector's young generation and cost a fifth of the estimate.
 */

const DELETED: unique symbol = Symbol("deleted");

/**
 * A Map that reads through to a base map it never changes, holding only what was set or deleted on
 * top of it. It iterates in the order a copy of the base changed the same way would (`new Map(base)`,
 * then the same `set` and `delete` calls): base keys in place, new keys (and base keys deleted and set
 * again) at the end. Iterating a changed overlay copies it once into the Map itself, kept up to date
 * from then on, so repeated scans run at a Map's speed.
 */
export class OverlayMap<V> extends Map<string, V> {
  readonly base: ReadonlyMap<string, V>;
  /** The value set on top of the base for a key, or DELETED. */
  readonly #own = new Map<string, V | typeof DELETED>();
  /** The keys that come after the base's, each with a number rising in their order: new keys, and base keys deleted then set again. */
  readonly #tail = new Map<string, number>();
  #tailCount = 0;
  /** Whether the Map itself holds a full copy (made on the first iteration after a change). */
  #flat = false;
  /** Keyed lists kept up to date with this map's changes (see `keyedLists`). */
  readonly #watchers: LiveLists<V>[] = [];

  constructor(base: ReadonlyMap<string, V>) {
    super();
    this.base = base;
  }

  /** The keys set or deleted since the overlay was made. */
  changedKeys(): Iterable<string> {
    return this.#own.keys();
  }

  /** Whether anything was set or deleted. */
  get changed(): boolean {
    return this.#own.size > 0;
  }

  /**
   * The position of a key of the map in its order (base positions first, then the tail's).
   *
   * @param key - a key the map holds
   * @param basePositions - the base's keys' positions
   */
  positionOf(key: string, basePositions: ReadonlyMap<string, number>): number {
    const tail = this.#tail.get(key);
    return tail === undefined ? (basePositions.get(key) ?? -1) : this.base.size + tail;
  }

  override get(key: string): V | undefined {
    if (this.#flat) return super.get(key);
    const own = this.#own.get(key);
    if (own !== undefined) return own === DELETED ? undefined : own;
    return this.base.get(key);
  }

  override has(key: string): boolean {
    if (this.#flat) return super.has(key);
    const own = this.#own.get(key);
    if (own !== undefined) return own !== DELETED;
    return this.base.has(key);
  }

  override get size(): number {
    if (this.#flat) return super.size;
    let size = this.base.size + this.#tail.size;
    for (const [key, own] of this.#own) if (this.base.has(key) && (own === DELETED || this.#tail.has(key))) size -= 1;
    return size;
  }

  override set(key: string, value: V): this {
    const before = this.get(key);
    const own = this.#own.get(key);
    if (own === DELETED || (own === undefined && !this.base.has(key))) this.#tail.set(key, this.#tailCount++);
    this.#own.set(key, value);
    if (this.#flat) super.set(key, value);
    for (const watcher of this.#watchers) watcher.changed(key, before, value);
    return this;
  }

  override delete(key: string): boolean {
    const before = this.get(key);
    if (before === undefined && !this.has(key)) return false;
    this.#tail.delete(key);
    if (this.base.has(key)) this.#own.set(key, DELETED);
    else this.#own.delete(key);
    if (this.#flat) super.delete(key);
    for (const watcher of this.#watchers) watcher.changed(key, before, undefined);
    return true;
  }

  override clear(): void {
    for (const key of [...this.keys()]) this.delete(key);
  }

  /** The map to iterate: the base while nothing changed, else the Map itself, filled on first use. */
  #entries(): ReadonlyMap<string, V> {
    if (this.#flat) return this as Map<string, V>;
    if (this.#own.size === 0) return this.base;
    for (const [key, value] of this.base) {
      const own = this.#own.get(key);
      if (own === DELETED || this.#tail.has(key)) continue;
      super.set(key, own === undefined ? value : own);
    }
    for (const key of this.#tail.keys()) super.set(key, this.#own.get(key) as V);
    this.#flat = true;
    return this as Map<string, V>;
  }

  override entries(): MapIterator<[string, V]> {
    const source = this.#entries();
    return source === this ? super.entries() : (source.entries() as MapIterator<[string, V]>);
  }

  override keys(): MapIterator<string> {
    const source = this.#entries();
    return source === this ? super.keys() : (source.keys() as MapIterator<string>);
  }

  override values(): MapIterator<V> {
    const source = this.#entries();
    return source === this ? super.values() : (source.values() as MapIterator<V>);
  }

  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  /** Registers keyed lists to keep up to date with later changes. */
  watch(lists: LiveLists<V>): void {
    this.#watchers.push(lists);
  }
}

/** A map's records by key, each list in the map's order. */
export interface KeyedLists<V> {
  /** The records with this key, in the map's order (do not change the list). */
  get(key: string): readonly V[];
}

/** What a record is listed under (a key may repeat: the record is then listed once per occurrence). */
export type KeysOf<V> = (record: V) => readonly string[];

const EMPTY: readonly never[] = Object.freeze([]);

class BuiltLists<V> implements KeyedLists<V> {
  readonly lists = new Map<string, V[]>();
  /** Each list's records' positions in the map (for an overlay's lists, which merge by position); only when asked. */
  readonly positions: Map<string, number[]> | undefined;

  constructor(map: ReadonlyMap<string, V>, keysOf: KeysOf<V>, withPositions: boolean) {
    if (withPositions) this.positions = new Map();
    let position = 0;
    for (const record of map.values()) {
      for (const key of keysOf(record)) {
        const list = this.lists.get(key);
        if (list) list.push(record);
        else this.lists.set(key, [record]);
        if (this.positions) {
          const at = this.positions.get(key);
          if (at) at.push(position);
          else this.positions.set(key, [position]);
        }
      }
      position += 1;
    }
  }

  get(key: string): readonly V[] {
    return this.lists.get(key) ?? EMPTY;
  }
}

/** The positions of a map's keys, per map (records are not changed, so neither are the maps lists are built from). */
const positionsCache = new WeakMap<ReadonlyMap<string, unknown>, Map<string, number>>();

function positionsOf(map: ReadonlyMap<string, unknown>): Map<string, number> {
  let positions = positionsCache.get(map);
  if (!positions) {
    positions = new Map();
    let i = 0;
    for (const key of map.keys()) positions.set(key, i++);
    positionsCache.set(map, positions);
  }
  return positions;
}

/**
 * The lists of an overlay: the base's, patched for the keys its changed records were or are listed
 * under (the base list without the changed records, and the changed records now listed there, in the
 * overlay's order). Kept up to date as the overlay changes.
 */
class LiveLists<V> implements KeyedLists<V> {
  readonly #map: OverlayMap<V>;
  readonly #base: BuiltLists<V>;
  readonly #keysOf: KeysOf<V>;
  /** For each key a changed record was or is listed under: the changed records' keys (map keys). */
  readonly #touched = new Map<string, Set<string>>();
  readonly #patched = new Map<string, readonly V[]>();

  constructor(map: OverlayMap<V>, base: BuiltLists<V>, keysOf: KeysOf<V>) {
    this.#map = map;
    this.#base = base;
    this.#keysOf = keysOf;
    for (const key of map.changedKeys()) this.changed(key, undefined, map.get(key));
    map.watch(this);
  }

  /** Notes that the record under a map key changed from `before` to `after`. */
  changed(mapKey: string, before: V | undefined, after: V | undefined): void {
    const original = this.#map.base.get(mapKey);
    for (const record of [original, before, after]) {
      if (record === undefined) continue;
      for (const key of this.#keysOf(record)) {
        const set = this.#touched.get(key);
        if (set) set.add(mapKey);
        else this.#touched.set(key, new Set([mapKey]));
        this.#patched.delete(key);
      }
    }
  }

  get(key: string): readonly V[] {
    const touched = this.#touched.get(key);
    if (!touched) return this.#base.get(key);
    let list = this.#patched.get(key);
    if (list) return list;
    // The base's records of the key, less those changed since (by identity: records are replaced, never changed), and the changed ones listed there now, in the overlay's order.
    const originals = new Set<V>();
    for (const mapKey of touched) {
      const original = this.#map.base.get(mapKey);
      if (original !== undefined) originals.add(original);
    }
    const rows: [number, V][] = [];
    const records = this.#base.get(key);
    const at = this.#base.positions!.get(key) ?? [];
    for (let i = 0; i < records.length; i += 1) if (!originals.has(records[i]!)) rows.push([at[i]!, records[i]!]);
    const basePositions = positionsOf(this.#map.base);
    let added = false;
    for (const mapKey of touched) {
      const record = this.#map.get(mapKey);
      if (record === undefined) continue;
      const position = this.#map.positionOf(mapKey, basePositions);
      for (const k of this.#keysOf(record)) {
        if (k !== key) continue;
        rows.push([position, record]);
        added = true;
      }
    }
    // A stable sort: a record listed twice under one key keeps its occurrences together, as when built.
    if (added) rows.sort((a, b) => a[0] - b[0]);
    list = rows.map(([, r]) => r);
    this.#patched.set(key, list);
    return list;
  }
}

/** The lists built per base map and name, with positions (a base map of overlays is never changed). */
const baseListsCache = new WeakMap<ReadonlyMap<string, unknown>, Map<string, BuiltLists<unknown>>>();

function baseLists<V>(map: ReadonlyMap<string, V>, name: string, keysOf: KeysOf<V>): BuiltLists<V> {
  let byName = baseListsCache.get(map);
  if (!byName) baseListsCache.set(map, (byName = new Map()));
  let lists = byName.get(name) as BuiltLists<V> | undefined;
  if (!lists) {
    lists = new BuiltLists(map, keysOf, true);
    byName.set(name, lists as BuiltLists<unknown>);
  }
  return lists;
}

/**
 * A map's records by key. For a plain map, built from it; for an overlay, its base's lists (built once
 * per base map and name, shared by every overlay on it) patched by the overlay's changes, and kept up
 * to date with later ones.
 *
 * @param map - the records
 * @param name - names `keysOf` (the same name must always come with the same function)
 * @param keysOf - what a record is listed under
 */
export function keyedLists<V>(map: ReadonlyMap<string, V>, name: string, keysOf: KeysOf<V>): KeyedLists<V> {
  if (!(map instanceof OverlayMap)) return new BuiltLists(map, keysOf, false);
  let byName = liveCache.get(map);
  if (!byName) liveCache.set(map, (byName = new Map()));
  let lists = byName.get(name) as LiveLists<V> | undefined;
  if (!lists) {
    lists = new LiveLists(map, baseLists(map.base as ReadonlyMap<string, V>, name, keysOf), keysOf);
    byName.set(name, lists as LiveLists<unknown>);
  }
  return lists;
}

/** The live lists of each overlay, per name (kept up to date, so asked again they are the same). */
const liveCache = new WeakMap<OverlayMap<unknown>, Map<string, LiveLists<unknown>>>();
