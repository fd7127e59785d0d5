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

  it("prints the fewest CIDRs and port ranges", () => {
    expect(IntervalSet.fromCidrs(["10.0.0.0/25", "10.0.0.128/25"]).toCidrs()).toEqual(["10.0.0.0/24"]);
    expect(IntervalSet.range(ip("10.0.0.1"), ip("10.0.0.6")).toCidrs()).toEqual(["10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"]);
    expect(IntervalSet.ALL_ADDRESSES.toCidrs()).toEqual(["0.0.0.0/0"]);
    expect(IntervalSet.fromIntervals([[443, 443], [1024, 65535]]).toRanges()).toEqual(["443", "1024-65535"]);
    expect(IntervalSet.range(ip("10.0.0.1"), ip("10.0.0.3")).toAddressRanges()).toEqual(["10.0.0.1-10.0.0.3"]);
  });
});
