/**
 * Property: whatever one value in a valid snapshot is replaced with, loading either succeeds or
 * throws an `InputError` (exit 2 with a message) — never another exception (a crash with a stack).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/snapshot/read.js";
import { parseJsonFile } from "../../src/snapshot/json-parse.js";
import { snapshotDocuments, validateSnapshotFile } from "../../src/snapshot/file.js";
import { InputError } from "../../src/model/errors.js";
import type { RawSnapshot } from "../../src/snapshot/types.js";
import { BATFISH } from "./helpers.js";

const FOLDER = join(BATFISH, "nat-gateway", "aws_configs");
const FILES = readdirSync(FOLDER).filter((name) => name.endsWith(".json")).sort();
const TEXTS = FILES.map((name) => readFileSync(join(FOLDER, name), "utf8"));

/** Every container (object or array) and key inside a value, so one can be replaced. */
function slots(value: unknown, out: { holder: Record<string, unknown> | unknown[]; key: string | number }[] = []) {
  if (Array.isArray(value)) {
    value.forEach((child, i) => {
      out.push({ holder: value, key: i });
      slots(child, out);
    });
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      out.push({ holder: value as Record<string, unknown>, key });
      slots(child, out);
    }
  }
  return out;
}

function pristine(): RawSnapshot {
  const documents = FILES.map((name, i) => ({
    file: join(FOLDER, name),
    jsonPath: "$",
    account: undefined,
    region: undefined,
    value: JSON.parse(TEXTS[i] as string) as unknown,
  }));
  return { source: FOLDER, documents, errors: [] };
}

function rawWith(fileIndex: number, slotIndex: number, replacement: unknown, deleteIt: boolean): RawSnapshot {
  const raw = pristine();
  const documents = raw.documents;
  const target = documents[fileIndex % documents.length];
  const all = slots(target?.value);
  const slot = all[slotIndex % Math.max(1, all.length)];
  if (slot) {
    if (deleteIt && !Array.isArray(slot.holder)) delete slot.holder[slot.key as string];
    else (slot.holder as Record<string | number, unknown>)[slot.key] = replacement;
  } else if (target) {
    target.value = replacement;
  }
  return raw;
}

describe("loading mutated input", () => {
  it("the unmutated Batfish network loads", () => {
    expect(buildModel(pristine()).vpcs.size).toBe(1);
  });

  it("never throws anything but InputError", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), (fileIndex, slotIndex, replacement, deleteIt) => {
        try {
          buildModel(rawWith(fileIndex, slotIndex, replacement, deleteIt));
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          expect(error.message).toMatch(/^\//);
        }
      }),
      { numRuns: 1000, seed: Number(process.env.FC_SEED ?? 20261128) },
    );
  });

  it("a corrupted file is always a located InputError, never a crash", () => {
    const text = TEXTS[FILES.indexOf("Subnets.json")] as string;
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(20), fc.string({ maxLength: 3 }), (at, cut, insert) => {
        const corrupted = text.slice(0, at) + insert + text.slice(at + cut);
        try {
          parseJsonFile(corrupted, "Subnets.json");
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as Error).message).toMatch(/^Subnets\.json: (line \d+, column \d+: )?invalid JSON: /);
        }
      }),
      { numRuns: 1000, seed: Number(process.env.FC_SEED ?? 20261128) },
    );
  });

  it("a mutated snapshot file loads or gives an InputError", () => {
    fc.assert(
      fc.property(fc.nat(), fc.jsonValue({ maxDepth: 2 }), (slotIndex, replacement) => {
        const snapshot = {
          formatVersion: 1,
          tool: { name: "vpcreach", version: "0" },
          createdAt: "",
          regions: ["us-east-2"],
          sources: [{ account: "554773406868", region: "us-east-2", documents: pristine().documents.map((d) => d.value) }],
          errors: [{ region: "us-east-2", service: "ec2", operation: "DescribeVpcs", code: "X", message: "m" }],
        };
        const all = slots(snapshot);
        const slot = all[slotIndex % all.length];
        if (slot) (slot.holder as Record<string | number, unknown>)[slot.key] = replacement;
        try {
          const file = validateSnapshotFile(snapshot, "snap.json");
          buildModel({ source: "snap.json", documents: snapshotDocuments(file, "snap.json"), errors: file.errors });
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
        }
      }),
      { numRuns: 500, seed: Number(process.env.FC_SEED ?? 20261128) },
    );
  });
});

