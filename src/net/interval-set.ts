/**
 * Immutable sets of integers stored as sorted, disjoint, non-adjacent inclusive intervals. The engine
 * carries destination addresses (0 … 2^32-1) and ports (0 … 65535) as such sets along a path, so an
 * answer can say which part of a destination is reachable instead of testing one packet.
 */
import { formatCidr, parseCidr, rangeToCidrs } from "./cidr.js";
import { formatIpv4, MAX_IPV4 } from "./ipv4.js";

/** A set of integers (addresses or ports) as sorted inclusive intervals; every operation returns a new set. */
export class IntervalSet {
  /** Flat `[lo0, hi0, lo1, hi1, …]`, sorted, disjoint and non-adjacent. */
  private readonly bounds: readonly number[];

  /** The CIDR form, computed once (sets are immutable and printed often). */
  private cidrs: string[] | undefined;

  private constructor(bounds: readonly number[]) {
    this.bounds = bounds;
  }

  /** This set when `bounds` holds the same members (keeps identity, so cached forms are reused). */
  private same(bounds: number[]): IntervalSet | undefined {
    if (bounds.length !== this.bounds.length) return undefined;
    for (let i = 0; i < bounds.length; i++) if (bounds[i] !== this.bounds[i]) return undefined;
    return this;
  }

  static readonly EMPTY = new IntervalSet([]);

  /** All IPv4 addresses. */
  static readonly ALL_ADDRESSES = new IntervalSet([0, MAX_IPV4]);

  /** All ports 0–65535. */
  static readonly ALL_PORTS = new IntervalSet([0, 65535]);

  /**
   * A set of one inclusive interval.
   *
   * @param lo - first member
   * @param hi - last member; an empty set when hi < lo
   */
  static range(lo: number, hi: number): IntervalSet {
    return hi < lo ? IntervalSet.EMPTY : new IntervalSet([lo, hi]);
  }

  /**
   * The set of members of many possibly overlapping intervals.
   *
   * @param intervals - `[lo, hi]` pairs in any order
   */
  static fromIntervals(intervals: Iterable<readonly [number, number]>): IntervalSet {
    const sorted = [...intervals].filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
    const bounds: number[] = [];
    for (const [lo, hi] of sorted) {
      const last = bounds.length - 1;
      if (last > 0 && lo <= (bounds[last] as number) + 1) {
        if (hi > (bounds[last] as number)) bounds[last] = hi;
      } else bounds.push(lo, hi);
    }
    return new IntervalSet(bounds);
  }

  /**
   * The addresses of CIDR blocks; malformed blocks are skipped (validate input before).
   *
   * @param cidrs - e.g. `["10.0.0.0/16", "52.216.0.0/15"]`
   */
  static fromCidrs(cidrs: Iterable<string>): IntervalSet {
    const intervals: [number, number][] = [];
    for (const text of cidrs) {
      const cidr = parseCidr(text);
      if (cidr) intervals.push([cidr.first, cidr.last]);
    }
    return IntervalSet.fromIntervals(intervals);
  }

  /** True when the set has no member. */
  isEmpty(): boolean {
    return this.bounds.length === 0;
  }

  /** Number of intervals (disjoint, non-adjacent runs of members). */
  intervalCount(): number {
    return this.bounds.length / 2;
  }

  /** Number of members. */
  size(): number {
    let total = 0;
    for (let i = 0; i < this.bounds.length; i += 2) total += (this.bounds[i + 1] as number) - (this.bounds[i] as number) + 1;
    return total;
  }

  /** Smallest member, or undefined for the empty set. */
  min(): number | undefined {
    return this.bounds[0];
  }

  /** Largest member, or undefined for the empty set. */
  max(): number | undefined {
    return this.bounds[this.bounds.length - 1];
  }

  /**
   * True when `value` is a member.
   *
   * @param value - the integer to test
   */
  contains(value: number): boolean {
    let lo = 0;
    let hi = this.bounds.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (value < (this.bounds[2 * mid] as number)) hi = mid - 1;
      else if (value > (this.bounds[2 * mid + 1] as number)) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** The intervals as `[lo, hi]` pairs. */
  intervals(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.bounds.length; i += 2) out.push([this.bounds[i] as number, this.bounds[i + 1] as number]);
    return out;
  }

  /**
   * True when this set is one interval holding every member of `other` (a CIDR block against the
   * addresses of a walk, say): the set operations answer that case without building any interval.
   *
   * @param other - a non-empty set
   */
  private spans(other: IntervalSet): boolean {
    return this.bounds.length === 2 && (this.bounds[0] as number) <= (other.bounds[0] as number) && (this.bounds[1] as number) >= (other.bounds[other.bounds.length - 1] as number);
  }

  /**
   * True when the sets share no member, as far as is seen without building anything (both non-empty):
   * one lies wholly before or after the other, or one is a single interval in a gap of the other (a
   * subnet's block against the internet's hundreds of ranges, found by bisection).
   */
  private apart(other: IntervalSet): boolean {
    if ((other.bounds[other.bounds.length - 1] as number) < (this.bounds[0] as number) || (other.bounds[0] as number) > (this.bounds[this.bounds.length - 1] as number)) return true;
    if (other.bounds.length === 2) return this.noneWithin(other.bounds[0] as number, other.bounds[1] as number);
    return this.bounds.length === 2 && other.noneWithin(this.bounds[0] as number, this.bounds[1] as number);
  }

  /** True when no member lies in `lo … hi`. */
  private noneWithin(lo: number, hi: number): boolean {
    // The first interval ending at or after lo: the only one that could reach into lo … hi first.
    let first = 0;
    let last = this.bounds.length / 2;
    while (first < last) {
      const mid = (first + last) >> 1;
      if ((this.bounds[2 * mid + 1] as number) < lo) first = mid + 1;
      else last = mid;
    }
    return first === this.bounds.length / 2 || (this.bounds[2 * first] as number) > hi;
  }

  /**
   * Members in this set or in `other`.
   *
   * @param other - the other set
   */
  union(other: IntervalSet): IntervalSet {
    if (other.isEmpty() || other === this) return this;
    if (this.isEmpty()) return other;
    if (this.spans(other)) return this;
    if (other.spans(this)) return other;
    // Both bound lists are sorted: merge them in one pass (as fromIntervals would, without sorting pairs).
    const a = this.bounds;
    const b = other.bounds;
    const merged: number[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      let lo: number;
      let hi: number;
      if (j >= b.length || (i < a.length && (a[i] as number) <= (b[j] as number))) {
        lo = a[i] as number;
        hi = a[i + 1] as number;
        i += 2;
      } else {
        lo = b[j] as number;
        hi = b[j + 1] as number;
        j += 2;
      }
      const last = merged.length - 1;
      if (last > 0 && lo <= (merged[last] as number) + 1) {
        if (hi > (merged[last] as number)) merged[last] = hi;
      } else merged.push(lo, hi);
    }
    return this.same(merged) ?? other.same(merged) ?? new IntervalSet(merged);
  }

  /**
   * Members in both sets.
   *
   * @param other - the other set
   */
  intersect(other: IntervalSet): IntervalSet {
    if (other === this) return this;
    if (this.isEmpty() || other.isEmpty() || this.apart(other)) return IntervalSet.EMPTY;
    if (other.spans(this)) return this;
    if (this.spans(other)) return other;
    const a = this.bounds;
    const b = other.bounds;
    const out: number[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const lo = Math.max(a[i] as number, b[j] as number);
      const hi = Math.min(a[i + 1] as number, b[j + 1] as number);
      if (lo <= hi) out.push(lo, hi);
      if ((a[i + 1] as number) < (b[j + 1] as number)) i += 2;
      else j += 2;
    }
    if (out.length === 0) return IntervalSet.EMPTY;
    return this.same(out) ?? other.same(out) ?? new IntervalSet(out);
  }

  /**
   * Members of this set that are not in `other`.
   *
   * @param other - the set to remove
   */
  subtract(other: IntervalSet): IntervalSet {
    if (other === this) return IntervalSet.EMPTY;
    if (other.isEmpty() || this.isEmpty() || this.apart(other)) return this;
    if (other.spans(this)) return IntervalSet.EMPTY;
    const out: number[] = [];
    const b = other.bounds;
    let j = 0;
    for (let i = 0; i < this.bounds.length; i += 2) {
      let lo = this.bounds[i] as number;
      const hi = this.bounds[i + 1] as number;
      while (j < b.length && (b[j + 1] as number) < lo) j += 2;
      let k = j;
      while (k < b.length && (b[k] as number) <= hi && lo <= hi) {
        if ((b[k] as number) > lo) out.push(lo, (b[k] as number) - 1);
        lo = (b[k + 1] as number) + 1;
        k += 2;
      }
      if (lo <= hi) out.push(lo, hi);
    }
    if (out.length === 0) return IntervalSet.EMPTY;
    return this.same(out) ?? new IntervalSet(out);
  }

  /**
   * True when every member of `other` is in this set.
   *
   * @param other - the candidate subset
   */
  covers(other: IntervalSet): boolean {
    return other === this || other.subtract(this).isEmpty();
  }

  /**
   * True when both sets hold the same members.
   *
   * @param other - the other set
   */
  equals(other: IntervalSet): boolean {
    if (other === this) return true;
    if (this.bounds.length !== other.bounds.length) return false;
    // A loop rather than `every`: remembered NACL results compare sets on every walk, and a callback allocates.
    for (let i = 0; i < this.bounds.length; i++) if (this.bounds[i] !== other.bounds[i]) return false;
    return true;
  }

  /** The set as the fewest CIDR blocks (for address sets). Computed once: do not mutate the array. */
  toCidrs(): string[] {
    if (!this.cidrs) {
      const out: string[] = [];
      for (const [lo, hi] of this.intervals()) for (const block of rangeToCidrs(lo, hi)) out.push(formatCidr(block));
      this.cidrs = out;
    }
    return this.cidrs;
  }

  private keyText: string | undefined;

  /** A key identifying the members, for caches. */
  key(): string {
    this.keyText ??= this.bounds.join(",");
    return this.keyText;
  }

  private static readonly cidrCache = new Map<string, IntervalSet>();

  /**
   * The addresses of one CIDR block, cached by text (rules and subnets name the same blocks again
   * and again); empty for a malformed block.
   *
   * @param text - e.g. `10.0.0.0/16`
   */
  static ofCidr(text: string): IntervalSet {
    let set = IntervalSet.cidrCache.get(text);
    if (!set) {
      const cidr = parseCidr(text);
      set = cidr ? IntervalSet.range(cidr.first, cidr.last) : IntervalSet.EMPTY;
      if (IntervalSet.cidrCache.size > 100_000) IntervalSet.cidrCache.clear();
      IntervalSet.cidrCache.set(text, set);
    }
    return set;
  }

  /** The set as `a.b.c.d-w.x.y.z` ranges (or single addresses), for compact address text. */
  toAddressRanges(): string[] {
    return this.intervals().map(([lo, hi]) => (lo === hi ? formatIpv4(lo) : `${formatIpv4(lo)}-${formatIpv4(hi)}`));
  }

  private ranges: string[] | undefined;

  /** The set as `lo-hi` ranges (or single numbers), for port sets. Computed once (every packet header prints them): do not mutate the array. */
  toRanges(): string[] {
    if (!this.ranges) {
      const out: string[] = [];
      for (let i = 0; i < this.bounds.length; i += 2) {
        const lo = this.bounds[i] as number;
        const hi = this.bounds[i + 1] as number;
        out.push(lo === hi ? String(lo) : `${lo}-${hi}`);
      }
      this.ranges = out;
    }
    return this.ranges;
  }
}
