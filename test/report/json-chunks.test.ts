/**
 * jsonChunks: the pieces joined are exactly JSON.stringify(value, null, 2), for nested, empty and odd
 * values; with compact leaves (report.json) the upper levels are laid out the same and every value
 * below them is JSON.stringify(value) on its own line.
 */
import { describe, expect, it } from "vitest";
import { ownJson, withOwnJson } from "../../src/fs/batches.js";
import { jsonChunks, jsonDocument, jsonDocumentAwaiting, type JsonLeaves } from "../../src/report/json-chunks.js";

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

describe("jsonChunks with compact leaves", () => {
  it.each(cases)("%s: the same data, the same text once indented", (_name, value) => {
    const text = [...jsonChunks(value, 0, "compact")].join("");
    const plain = JSON.stringify(value);
    expect(JSON.parse(text)).toEqual(plain === undefined ? undefined : JSON.parse(plain));
    expect(JSON.stringify(JSON.parse(text), null, 2)).toBe(JSON.stringify(value, null, 2));
  });

  it("breaks lines and indents the split levels, and writes each value below them on one line", () => {
    const value = { a: { rows: [{ c: [1, 2], d: { e: "x y" } }, [3, { f: null }], "s"], n: 1 }, paths: [{ name: "p", hops: [{ id: "h" }] }], empty: [] };
    expect([...jsonDocument(value, "compact")].join("")).toBe(
      [
        "{",
        '  "a": {',
        '    "rows": [',
        '      {"c":[1,2],"d":{"e":"x y"}},',
        '      [3,{"f":null}],',
        '      "s"',
        "    ],",
        '    "n": 1',
        "  },",
        '  "paths": [',
        "    {",
        '      "name": "p",',
        '      "hops": [{"id":"h"}]',
        "    }",
        "  ],",
        '  "empty": []',
        "}",
        "",
      ].join("\n"),
    );
  });
});

describe("a value carrying its own JSON text (OWN_JSON)", () => {
  // Pieces that differ from the value's JSON.stringify only in spacing show which text was written.
  const row = () => withOwnJson({ id: "a", n: [1, 2] }, () => ['{"id":"a",', Buffer.from('"n":[1, 2]', "utf8"), "}"]);

  it("is written from its pieces as a compact leaf, bytes and text in order", () => {
    const pieces = [...jsonDocument({ audit: { rows: [row(), { id: "b" }] } }, "compact")];
    expect(pieces.some((piece) => piece instanceof Uint8Array)).toBe(true);
    const text = Buffer.concat(pieces.map((piece) => (typeof piece === "string" ? Buffer.from(piece, "utf8") : piece))).toString("utf8");
    expect(text).toBe(['{', '  "audit": {', '    "rows": [', '      {"id":"a","n":[1, 2]},', '      {"id":"b"}', "    ]", "  }", "}", ""].join("\n"));
  });

  it("is not read where values are indented, nor seen by JSON.stringify, nor copied by spreading", () => {
    const value = { audit: { rows: [row()] } };
    expect([...jsonDocument(value)].join("")).toBe(`${JSON.stringify(value, null, 2)}\n`);
    expect(JSON.stringify(row())).toBe('{"id":"a","n":[1,2]}');
    expect(ownJson({ ...row() })).toBeUndefined();
    expect(ownJson(row())).toHaveLength(3);
  });
});

describe("jsonDocumentAwaiting", () => {
  /** The parts joined, and what was given before the member was. */
  async function written(value: Record<string, unknown>, key: string, member: unknown, leaves?: JsonLeaves): Promise<{ text: string; before: string }> {
    let release: (value: unknown) => void = () => undefined;
    const later = new Promise((resolve) => (release = resolve));
    const parts: string[] = [];
    let before = "";
    for await (const part of jsonDocumentAwaiting(value, key, later, leaves)) {
      parts.push([...part].join(""));
      if (parts.length === 1) {
        before = parts[0]!;
        release(member);
      }
    }
    return { text: parts.join(""), before };
  }

  it.each([
    ["in the middle", { a: [1, { b: 2 }], cost: null, z: { y: [3] } }],
    ["first", { cost: null, a: "x" }],
    ["last", { a: { b: [] }, cost: null }],
    ["alone", { cost: null }],
    ["after members left out", { a: undefined, cost: null, b: 1 }],
  ])("is jsonDocument with the member in place, %s, the members before it given first", async (_name, shape) => {
    for (const member of [{ total: 1.5, list: [{ a: 1 }] }, { error: "no prices" }, undefined, [1, 2]]) {
      const value = { ...shape, cost: member };
      const { text, before } = await written(shape, "cost", member);
      expect(text).toBe(`${JSON.stringify(value, null, 2)}\n`);
      expect(text.startsWith(before)).toBe(true);
      const keys = Object.keys(shape);
      expect(before).not.toContain('"cost"');
      for (const key of keys.slice(0, keys.indexOf("cost"))) if (shape[key as keyof typeof shape] !== undefined) expect(before).toContain(JSON.stringify(key));
    }
  });

  it("with compact leaves is jsonDocument with compact leaves, the member in place", async () => {
    const shape = { a: [1, { b: [2, { c: 3 }] }], cost: null, z: { y: [{ x: [4] }] } };
    const member = { total: 1.5, list: [{ a: { b: [1] } }] };
    const { text } = await written(shape, "cost", member, "compact");
    expect(text).toBe([...jsonDocument({ ...shape, cost: member }, "compact")].join(""));
    expect(text).toContain('\n      {"a":{"b":[1]}}\n');
  });
});
