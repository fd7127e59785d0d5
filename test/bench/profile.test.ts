/**
 * The CPU-profile summariser on a hand-made profile: self time per function, inclusive time counted
 * once per sample even through recursion, and the callers of a function.
 */
import { describe, expect, it } from "vitest";
import { summarize, type CpuProfile } from "../../bench/profile.js";

const frame = (functionName: string) => ({ functionName, url: "file:///x/dist/src/engine/walk.js", lineNumber: 9 });
// root → main → walk → walk (recursion) → parse;  main → write
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: "(root)", url: "", lineNumber: -1 }, children: [2] },
    { id: 2, callFrame: frame("main"), children: [3, 6] },
    { id: 3, callFrame: frame("walk"), children: [4] },
    { id: 4, callFrame: frame("walk"), children: [5] },
    { id: 5, callFrame: frame("parse") },
    { id: 6, callFrame: frame("write") },
  ],
  samples: [5, 5, 4, 6],
  timeDeltas: [1000, 1000, 2000, 4000],
};

describe("summarize", () => {
  const lines = summarize(profile, 10, "parse");

  it("totals the samples", () => {
    expect(lines[0]).toBe("sampled 8 ms");
  });

  it("lists self time per function, largest first", () => {
    const self = lines.slice(lines.indexOf("self time:") + 1, lines.indexOf("inclusive time:"));
    expect(self.map((l) => l.trim())).toEqual(["4 ms  write engine/walk.js:10", "2 ms  parse engine/walk.js:10", "2 ms  walk engine/walk.js:10"]);
  });

  it("counts recursion once in inclusive time", () => {
    expect(lines).toContain("       4 ms  walk engine/walk.js:10");
    expect(lines).toContain("       8 ms  main engine/walk.js:10");
  });

  it("lists the callers of a function", () => {
    expect(lines.at(-1)).toBe("       2 ms  walk engine/walk.js:10 < walk engine/walk.js:10 < main engine/walk.js:10");
  });
});
