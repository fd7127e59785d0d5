/** SetMemo: values remembered per address set, small sets by their members, large ones by identity. */
import { describe, expect, it } from "vitest";
import { IntervalSet, SetMemo } from "../../src/net/index.js";

describe("SetMemo", () => {
  it("an equal small set made apart finds the value; a set that differs in any member does not", () => {
    const memo = new SetMemo<string>();
    memo.set(IntervalSet.fromCidrs(["10.0.0.0/24", "10.0.2.0/24"]), "two blocks");
    expect(memo.get(IntervalSet.fromCidrs(["10.0.2.0/24", "10.0.0.0/24"]))).toBe("two blocks");
    expect(memo.get(IntervalSet.fromCidrs(["10.0.0.0/24"]))).toBeUndefined();
    expect(memo.get(IntervalSet.fromCidrs(["10.0.0.0/24", "10.0.2.0/25"]))).toBeUndefined();
    expect(memo.get(IntervalSet.EMPTY)).toBeUndefined();
    memo.set(IntervalSet.EMPTY, "none");
    expect(memo.get(IntervalSet.fromIntervals([]))).toBe("none");
  });

  it("a large set is found by identity only", () => {
    const blocks = Array.from({ length: 40 }, (_, i) => `10.${i}.0.0/24`);
    const large = IntervalSet.fromCidrs(blocks);
    const memo = new SetMemo<string>();
    memo.set(large, "large");
    expect(memo.get(large)).toBe("large");
    expect(memo.get(IntervalSet.fromCidrs(blocks))).toBeUndefined();
  });

  it("`of` makes a value once per set", () => {
    const memo = new SetMemo<number[]>();
    let made = 0;
    const a = memo.of(IntervalSet.range(5, 9), () => [++made]);
    const b = memo.of(IntervalSet.range(5, 9), () => [++made]);
    expect(b).toBe(a);
    expect(made).toBe(1);
  });
});
