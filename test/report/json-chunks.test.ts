/** jsonChunks: the pieces joined are exactly JSON.stringify(value, null, 2), for nested, empty and odd values. */
import { describe, expect, it } from "vitest";
import { jsonChunks } from "../../src/report/json-chunks.js";

const cases: [string, unknown][] = [
  ["nested objects and arrays", { a: [1, { b: [2, 3], c: {} }, []], d: { e: { f: { g: [1, [2, [3]]] } } }, s: "x\ny" }],
  ["undefined and function members", { a: undefined, b: () => 1, c: [undefined, () => 1, 2], d: null }],
  ["an object whose members are all left out", { a: { b: undefined } }],
  ["a value with toJSON", { when: new Date(0), list: [new Date(1)] }],
  ["scalars", ["text", 0, -1.5, true, false, null]],
  ["a top-level string", "just text"],
  ["empty containers", { a: [], b: {}, c: [[], {}] }],
  ["values below the split depth", { a: { b: { c: { d: [1, { e: "x\ny" }], f: new Date(2), g: [], h: {} }, i: [[undefined, () => 1, { j: [] }]], k: "deep" } }, l: [[[["four"]]]] }],
];

describe("jsonChunks", () => {
  it.each(cases)("%s", (_name, value) => {
    expect([...jsonChunks(value)].join("")).toBe(JSON.stringify(value, null, 2));
  });

  it("gives the outer arrays' members one by one", () => {
    const pieces = [...jsonChunks({ rows: Array.from({ length: 50 }, (_, i) => ({ i })) })];
    expect(pieces.length).toBeGreaterThan(50);
  });
});
