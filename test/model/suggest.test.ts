/**
 * The one "did you mean" helper: edit distance, which names count as close, and the message suffix.
 */
import { describe, expect, it } from "vitest";
import { closeNames, didYouMean, editDistance } from "../../src/model/suggest.js";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["s3", "s3", 0],
    ["s4", "s3", 1],
    ["reserch-notebook", "research-notebook", 1],
    ["stss", "sts", 1],
    ["sts", "sst", 1], // a swap of two neighbours is one edit
    ["kitten", "sitting", 3],
    ["", "abc", 3],
  ])("%j to %j is %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe("closeNames", () => {
  const names = ["internet", "internet-in", "s3", "sagemaker-api", "sagemaker-runtime", "research-notebook", "feature-eng"];

  it.each([
    ["reserch-notebook", ["research-notebook"]],
    ["S4", ["s3"]],
    ["inet", ["internet", "internet-in"]], // an abbreviation
    ["runtime", ["sagemaker-runtime"]], // contained
    ["SAGEMAKER-APY", ["sagemaker-api"]], // case ignored
  ])("%j → %j", (typed, expected) => {
    expect(closeNames(typed, names)).toEqual(expected);
  });

  it("suggests nothing for a name far from every candidate, or for empty input", () => {
    expect(closeNames("xyzzy", names)).toEqual([]);
    expect(closeNames("  ", names)).toEqual([]);
  });

  it("offers names that merely contain the letters only when no near miss exists, and keeps at most the limit", () => {
    expect(closeNames("stss", ["s3-outposts", "sts"])).toEqual(["sts"]);
    expect(closeNames("outp", ["s3-outposts", "sts"])).toEqual(["s3-outposts"]);
    expect(closeNames("ab", ["aa", "ac", "ad", "ae"], 2)).toHaveLength(2);
  });
});

describe("didYouMean", () => {
  it("lists the close names as a message suffix, or nothing", () => {
    expect(didYouMean("s4", ["s3", "internet"])).toBe(' (did you mean "s3"?)');
    expect(didYouMean("sts", ["sts1", "stsx", "sns"])).toBe(' (did you mean "sns", "sts1" or "stsx"?)');
    expect(didYouMean("zzz", ["s3"])).toBe("");
    expect(didYouMean("stss", ["sts"], (name) => `service:${name}`)).toBe(' (did you mean "service:sts"?)');
  });
});
