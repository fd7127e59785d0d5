/** IntervalSet: set algebra over addresses and ports, and printing as CIDRs and ranges. */
import { describe, expect, it } from "vitest";
import { IntervalSet, parseIpv4 } from "../../src/net/index.js";

const ip = (t: string) => parseIpv4(t) as number;

describe("IntervalSet", () => {
  it.each([
    [[[1, 5], [3, 9]], [[1, 9]]],
    [[[1, 5], [6, 9]], [[1, 9]]],
    [[[1, 5], [7, 9]], [[1, 5], [7, 9]]],
    [[[7, 9], [1, 2]], [[1, 2], [7, 9]]],
    [[[5, 4]], []],
  ] as [number, number][][][])("fromIntervals %j normalizes to %j", (input, expected) => {
    expect(IntervalSet.fromIntervals(input as [number, number][]).intervals()).toEqual(expected);
  });

  it("union, intersect, subtract, covers, contains", () => {
    const a = IntervalSet.range(10, 20);
    const b = IntervalSet.range(15, 30);
    expect(a.union(b).intervals()).toEqual([[10, 30]]);
    expect(a.intersect(b).intervals()).toEqual([[15, 20]]);
    expect(a.subtract(b).intervals()).toEqual([[10, 14]]);
    expect(b.subtract(a).intervals()).toEqual([[21, 30]]);
    expect(a.subtract(IntervalSet.range(12, 13)).intervals()).toEqual([[10, 11], [14, 20]]);
    expect(a.covers(IntervalSet.range(11, 19))).toBe(true);
    expect(a.covers(b)).toBe(false);
    expect(a.contains(10) && a.contains(20) && !a.contains(21)).toBe(true);
    expect(IntervalSet.EMPTY.isEmpty()).toBe(true);
    expect(a.size()).toBe(11);
  });

  it("keeps identity when an operation removes nothing (cached forms are reused)", () => {
    const a = IntervalSet.fromCidrs(["10.0.0.0/8", "192.168.0.0/16"]);
    expect(a.intersect(IntervalSet.ALL_ADDRESSES)).toBe(a);
    expect(a.subtract(IntervalSet.range(0, 5))).toBe(a);
    expect(a.union(IntervalSet.fromCidrs(["10.1.0.0/16"]))).toBe(a);
  });

  it("union, intersect and subtract agree with membership on random sets, returning an operand itself when the result holds its members", () => {
    // A small universe so that every member can be checked; one-interval sets are common (the operations' shortcuts).
    let seed = 20261207;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const randomSet = () => {
      const count = random(4);
      return IntervalSet.fromIntervals(Array.from({ length: count }, () => {
        const lo = random(64);
        return [lo, lo + random(12)] as [number, number];
      }));
    };
    const members = (set: IntervalSet) => Array.from({ length: 80 }, (_, i) => i).filter((i) => set.contains(i));
    // The operand a result equals, in the order each operation looks (an empty operand need not be EMPTY).
    const expectIdentity = (result: IntervalSet, order: IntervalSet[]) => {
      const first = order.find((candidate) => result.equals(candidate));
      if (first) expect(result).toBe(first);
    };
    for (let n = 0; n < 3000; n++) {
      const a = randomSet();
      const b = randomSet();
      const union = a.union(b);
      const intersection = a.intersect(b);
      const difference = a.subtract(b);
      expect(union.equals(IntervalSet.fromIntervals([...a.intervals(), ...b.intervals()]))).toBe(true);
      expect(members(union)).toEqual(members(a).concat(members(b)).filter((i, k, all) => all.indexOf(i) === k).sort((x, y) => x - y));
      expect(members(intersection)).toEqual(members(a).filter((i) => b.contains(i)));
      expect(members(difference)).toEqual(members(a).filter((i) => !b.contains(i)));
      expect(IntervalSet.fromIntervals(intersection.intervals()).equals(intersection) && IntervalSet.fromIntervals(difference.intervals()).equals(difference)).toBe(true);
      expectIdentity(union, [a, b]);
      expectIdentity(intersection, [IntervalSet.EMPTY, a, b]);
      expectIdentity(difference, [a, IntervalSet.EMPTY]);
      expect(union.intervalCount()).toBe(union.intervals().length);
      expect(union.equals(b.union(a)) && !union.equals(IntervalSet.fromIntervals([...union.intervals(), [100, 100]]))).toBe(true);
    }
  });

  it("a block between two of many intervals shares nothing with them; one touching either neighbour shares that member", () => {
    // Members 10k … 10k+4 for k = 0 … 299: gaps 10k+5 … 10k+9.
    const many = IntervalSet.fromIntervals(Array.from({ length: 300 }, (_, k) => [10 * k, 10 * k + 4] as [number, number]));
    for (const k of [0, 1, 150, 298]) {
      const gap = IntervalSet.range(10 * k + 5, 10 * k + 9);
      expect(many.intersect(gap)).toBe(IntervalSet.EMPTY);
      expect(gap.intersect(many)).toBe(IntervalSet.EMPTY);
      expect(many.subtract(gap)).toBe(many);
      expect(gap.subtract(many)).toBe(gap);
      expect(many.intersect(IntervalSet.range(10 * k + 4, 10 * k + 9)).intervals()).toEqual([[10 * k + 4, 10 * k + 4]]);
      expect(many.intersect(IntervalSet.range(10 * k + 5, 10 * k + 10)).intervals()).toEqual([[10 * k + 10, 10 * k + 10]]);
      expect(many.subtract(IntervalSet.range(10 * k + 5, 10 * k + 10)).contains(10 * k + 10)).toBe(false);
    }
    expect(many.intersect(IntervalSet.range(2995, 3100))).toBe(IntervalSet.EMPTY);
  });

  it("prints the fewest CIDRs and port ranges", () => {
    expect(IntervalSet.fromCidrs(["10.0.0.0/25", "10.0.0.128/25"]).toCidrs()).toEqual(["10.0.0.0/24"]);
    expect(IntervalSet.range(ip("10.0.0.1"), ip("10.0.0.6")).toCidrs()).toEqual(["10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"]);
    expect(IntervalSet.ALL_ADDRESSES.toCidrs()).toEqual(["0.0.0.0/0"]);
    expect(IntervalSet.fromIntervals([[443, 443], [1024, 65535]]).toRanges()).toEqual(["443", "1024-65535"]);
    expect(IntervalSet.range(ip("10.0.0.1"), ip("10.0.0.3")).toAddressRanges()).toEqual(["10.0.0.1-10.0.0.3"]);
  });
});
