/**
 * The findings registry: every module in src/engine/findings/ that exports `meta` and `check` is
 * registered once, with a unique id, an AWS documentation URL and a title template.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FINDING_RULES } from "../../../src/engine/findings/index.js";
import { SEVERITIES } from "../../../src/engine/findings/types.js";

const folder = fileURLToPath(new URL("../../../src/engine/findings/", import.meta.url));
const NOT_FINDINGS = new Set(["index.ts", "types.ts", "support.ts", "policy-statements.ts"]);

describe("findings registry", () => {
  it("registers every finding module exactly once", () => {
    const modules = readdirSync(folder).filter((file) => file.endsWith(".ts") && !NOT_FINDINGS.has(file));
    const ids = FINDING_RULES.map((rule) => rule.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(modules.map((file) => file.replace(/\.ts$/, "")).sort());
  });

  it.each(FINDING_RULES.map((rule) => [rule.meta.id, rule] as const))("%s has docs, a severity and a title template", (_id, rule) => {
    expect(rule.meta.docs.url).toMatch(/^https:\/\/(docs\.)?aws\.amazon\.com\//);
    expect(rule.meta.docs.description.length).toBeGreaterThan(20);
    expect(SEVERITIES).toContain(rule.meta.severity);
    expect(rule.meta.message).toMatch(/\{\{\w+\}\}/);
  });
});

describe("docs/findings.md", () => {
  it("documents every registered finding", async () => {
    const { readFile } = await import("node:fs/promises");
    const docs = await readFile(new URL("../../../docs/findings.md", import.meta.url), "utf8");
    for (const rule of FINDING_RULES) expect(docs).toContain(`| \`${rule.meta.id}\` |`);
  });
});
