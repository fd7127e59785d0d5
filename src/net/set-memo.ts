/**
 * Values remembered per address set, for results that depend on a set's members only (a route
 * table's selection of a destination set, a transit gateway's legs for it). Small sets are found
 * by their members: the walks derive equal sets as distinct objects (each analyzer its own, each
 * query its own part of a selection), and comparing a few intervals is cheaper than what the
 * value took to compute. Large sets (a Region's internet, an AWS service's prefix list) are found
 * by identity only, while the set lives: keeping every large set a walk derives would hold memory
 * for nothing, and the large sets that recur are shared objects already.
 */
import type { IntervalSet } from "./interval-set.js";

/** Sets of more intervals than this are remembered by identity only. */
const LARGE_SET = 16;

/** A value remembered for a set, with the set (compared by its members). */
interface Entry<T> {
  set: IntervalSet;
  value: T;
}

/** Values by address set: equal small sets share an entry, large ones are told apart by identity. */
export class SetMemo<T> {
  /** Small sets' entries by their smallest member (-1: the empty set). */
  readonly #byFirst = new Map<number, Entry<T>[]>();
  readonly #large = new WeakMap<IntervalSet, T>();

  /**
   * The value remembered for a set equal to `set` (identical, for a large set), else undefined.
   *
   * @param set - the address set
   */
  get(set: IntervalSet): T | undefined {
    if (set.intervalCount() > LARGE_SET) return this.#large.get(set);
    const entries = this.#byFirst.get(set.min() ?? -1);
    if (entries) for (const entry of entries) if (entry.set === set || entry.set.equals(set)) return entry.value;
    return undefined;
  }

  /**
   * Remembers a value for a set (after `get` found none for it).
   *
   * @param set - the address set
   * @param value - the value, shared by every caller asking with an equal set (it must not be changed)
   */
  set(set: IntervalSet, value: T): void {
    if (set.intervalCount() > LARGE_SET) {
      this.#large.set(set, value);
      return;
    }
    const first = set.min() ?? -1;
    const entries = this.#byFirst.get(first);
    if (entries) entries.push({ set, value });
    else this.#byFirst.set(first, [{ set, value }]);
  }

  /**
   * The value for a set: remembered, else made and remembered.
   *
   * @param set - the address set
   * @param make - computes the value (from the set's members only)
   */
  of(set: IntervalSet, make: () => T): T {
    let value = this.get(set);
    if (value === undefined) {
      value = make();
      this.set(set, value);
    }
    return value;
  }
}
