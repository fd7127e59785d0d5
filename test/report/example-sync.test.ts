/**
 * The committed example report (`reports/example/`, written by `npm start`) must match what the
 * current code produces from `fixtures/ml-platform`, apart from the time stamp.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const CLI = resolve("dist/src/cli/main.js");
const COMMITTED = resolve("reports/example");

/** The arguments `npm start` passes to the CLI, read from package.json so the two cannot drift apart. */
function startArguments(): string[] {
  const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts;
  const words = scripts.start.split(/\s+/);
  const out = words.indexOf("--out");
  expect(words.slice(0, 3)).toEqual(["node", "dist/src/cli/main.js", "report"]);
  expect(words[out + 1]).toBe("reports/example");
  return words.slice(2, out).concat(words.slice(out + 2));
}

function withoutTimestamp(text: string): string {
  return text
    .replace(/Generated \S+ by vpcreach/g, "Generated <time> by vpcreach")
    .replace(/"generatedAt": "[^"]*"/g, '"generatedAt": "<time>"');
}

describe("reports/example", () => {
  let fresh: string;

  beforeAll(() => {
    fresh = mkdtempSync(join(tmpdir(), "vpcreach-example-"));
    execFileSync(process.execPath, [CLI, ...startArguments(), "--out", fresh, "--no-svg"], {
      stdio: "pipe",
    });
  });

  it.each(["README.md", "report.json", "report.html"])("%s is what npm start writes today", (name) => {
    const committed = readFileSync(join(COMMITTED, name), "utf8");
    const regenerated = readFileSync(join(fresh, name), "utf8");
    expect(withoutTimestamp(regenerated)).toBe(withoutTimestamp(committed));
  });

  it.each(["README.md", "report.json", "report.html"])("%s names no path of the machine that wrote it", (name) => {
    const regenerated = readFileSync(join(fresh, name), "utf8");
    expect(regenerated).not.toContain(resolve("."));
    expect(regenerated).not.toContain(fresh);
  });

  it("has a rendered SVG for every diagram in the report", () => {
    const data = JSON.parse(readFileSync(join(COMMITTED, "report.json"), "utf8")) as {
      architecture: { name: string }[];
      paths: { name: string }[];
    };
    const expected = [...data.architecture, ...data.paths].map((entry) => `${entry.name}.svg`).sort();
    expect(existsSync(join(COMMITTED, "diagrams"))).toBe(true);
    expect(readdirSync(join(COMMITTED, "diagrams")).sort()).toEqual(expected);
  });
});
