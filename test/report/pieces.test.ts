/**
 * The outputs written in pieces are, joined, exactly the single strings they replace: the JSON
 * document of `check` and `diff` (`jsonDocument`), their text line by line (`linePieces`), and the
 * bytes the writers encode them into, batch by batch (`batches`).
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { batches, linePieces, Utf8Slabs } from "../../src/fs/batches.js";
import { runCheck } from "../../src/intents/evaluate.js";
import { loadIntents } from "../../src/intents/parse.js";
import { checkToJson, checkToJunit, checkToSarif } from "../../src/report/check-output.js";
import { jsonDocument } from "../../src/report/json-chunks.js";
import { loadModel } from "../../src/snapshot/load.js";

const joined = (pieces: Iterable<string>) => [...pieces].join("");

describe("batches and linePieces", () => {
  it("regroup pieces without changing a byte", () => {
    // Characters of one, two, three and four UTF-8 bytes, a lone surrogate, encoded pieces, and pieces longer than a batch.
    const pieces: (string | Uint8Array)[] = Array.from({ length: 1000 }, (_, i) => `piece ${i} ${"x→é😀".repeat(i % 37)}${i === 500 ? "\uD800" : ""}`);
    pieces.splice(100, 0, Buffer.from("bytes → as given"), "y".repeat(5000), Buffer.from("z".repeat(3000)));
    const grouped = [...batches(pieces, 500)];
    const text = pieces.map((piece) => (typeof piece === "string" ? piece : Buffer.from(piece).toString("utf8"))).join("");
    expect(Buffer.concat(grouped).equals(Buffer.from(text, "utf8"))).toBe(true);
    expect(grouped.slice(0, -1).every((b) => b.length >= 500)).toBe(true);
    expect(joined(linePieces(["a", "", "b"]))).toBe(`${["a", "", "b"].join("\n")}\n`);
    expect([...batches([])].map((b) => b.length)).toEqual([0]);
  });

  it("with reuse, fill one buffer again for each batch, the bytes unchanged when each is consumed before the next", () => {
    const pieces = Array.from({ length: 300 }, (_, i) => `piece ${i} ${"x→é😀".repeat(i % 23)}`);
    pieces.splice(50, 0, "y".repeat(2000));
    const copies: Buffer[] = [];
    // Where each batch's bytes live (small buffers share Node's pool, so the offset tells them apart).
    const memory: [ArrayBufferLike, number][] = [];
    for (const batch of batches(pieces, 400, true)) {
      copies.push(Buffer.from(batch));
      if (!memory.some(([buffer, offset]) => buffer === batch.buffer && offset === batch.byteOffset)) memory.push([batch.buffer, batch.byteOffset]);
    }
    expect(Buffer.concat(copies).equals(Buffer.from(pieces.join(""), "utf8"))).toBe(true);
    // Lists of pieces are the same text as their pieces one by one.
    const lists = [pieces.slice(0, 100), "between", pieces.slice(100)];
    expect(Buffer.concat([...batches(lists, 400)]).equals(Buffer.from([pieces.slice(0, 100).join(""), "between", pieces.slice(100).join("")].join(""), "utf8"))).toBe(true);
    expect(copies.length).toBeGreaterThan(10);
    // One buffer, and one more when the 2,000-byte piece outgrew it.
    expect(memory.length).toBe(2);
  });
});

describe("Utf8Slabs", () => {
  it("gives each text's UTF-8 bytes as Buffer.from does, small texts as views of one shared buffer", () => {
    const slabs = new Utf8Slabs();
    // One to four bytes per character, a lone surrogate (U+FFFD, three bytes), the empty text, a text that could need more than a slab.
    const texts = ["plain", "a → b", "é😀", "x\uD800y", "", "z".repeat(400_000), ...Array.from({ length: 2000 }, (_, i) => `part ${i} ${"→".repeat(i % 50)}`)];
    const encoded = texts.map((text) => slabs.encode(text));
    for (const [i, bytes] of encoded.entries()) expect(Buffer.from(bytes).equals(Buffer.from(texts[i] as string, "utf8"))).toBe(true);
    // Earlier views are not overwritten by later texts.
    expect(Buffer.from(encoded[1] as Uint8Array).toString("utf8")).toBe("a → b");
    const small = encoded.filter((bytes) => bytes.length < 1000);
    const buffers = new Set(small.map((bytes) => bytes.buffer));
    expect(buffers.size).toBeLessThan(5);
    expect(buffers.has((encoded[5] as Uint8Array).buffer)).toBe(false);
  });
});

describe("check output in pieces", () => {
  it("JSON and SARIF documents are JSON.stringify's text; JUnit lines end as one document", async () => {
    const analyzer = createAnalyzer(await loadModel("fixtures/ml-platform"));
    for (const file of ["fixtures/intents/ml-platform.yaml", "fixtures/intents/ml-platform-violations.yaml"]) {
      const result = runCheck(analyzer, await loadIntents(file), { today: "2026-12-06" });
      const json = checkToJson(result, "fixtures/ml-platform", 1);
      expect(joined(jsonDocument(json))).toBe(`${JSON.stringify(json, null, 2)}\n`);
      const sarif = checkToSarif(result, true, "0.0.0-test");
      expect(joined(jsonDocument(sarif))).toBe(`${JSON.stringify(sarif, null, 2)}\n`);
      const junit = joined(linePieces(checkToJunit(result, true)));
      expect(junit.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
      expect(junit.endsWith("</testsuites>\n")).toBe(true);
    }
  });
});
