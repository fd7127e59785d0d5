/**
 * Replays every shrunk counterexample saved under test/regressions/cases/ (written by
 * `npm run fuzz -- --save test/regressions/cases`): each is a generated network and its questions
 * on which the engine and the reference once disagreed; they must agree now.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { checkNetwork, type NetworkCase } from "../property/network-property.js";

const DIR = join(import.meta.dirname, "cases");
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith(".json")).sort() : [];

describe("regression cases found by the fuzzer", () => {
  it.each(files)("%s: engine and reference agree", (file) => {
    const networkCase = JSON.parse(readFileSync(join(DIR, file), "utf8")) as NetworkCase & { note?: string };
    const { disagreements } = checkNetwork(networkCase, (model) => createAnalyzer(model));
    expect(disagreements).toEqual([]);
  });
});
