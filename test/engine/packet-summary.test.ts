import { describe, expect, it } from "vitest";
import { IntervalSet, PUBLIC_IPV4 } from "../../src/net/index.js";
import { summarize } from "../../src/engine/packet.js";

describe("summarize", () => {
  it("lists a short set as CIDRs", () => {
    expect(summarize(IntervalSet.fromCidrs(["10.0.0.0/16", "52.216.0.0/15"]))).toEqual(["10.0.0.0/16", "52.216.0.0/15"]);
  });

  it("names the whole public IPv4 space instead of listing its ranges", () => {
    expect(summarize(PUBLIC_IPV4)).toEqual(["all public IPv4 addresses"]);
  });

  it("names a long set of public ranges by its count", () => {
    const internetLessS3 = PUBLIC_IPV4.subtract(IntervalSet.fromCidrs(["52.216.0.0/15", "3.5.0.0/20"]));
    expect(summarize(internetLessS3)).toEqual([`public IPv4 addresses (${internetLessS3.toCidrs().length} ranges)`]);
  });

  it("shortens a long list that is not all public", () => {
    const cidrs = Array.from({ length: 12 }, (_, i) => `10.${i * 2}.0.0/16`);
    expect(summarize(IntervalSet.fromCidrs(cidrs), 8)).toEqual([...cidrs.slice(0, 8), "… (4 more)"]);
  });
});
