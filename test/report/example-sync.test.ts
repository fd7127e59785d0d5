/**
 * The committed example report (`reports/example/`, written by `npm start`) must match what the
 * current code produces from `fixtures/ml-platform`, file for file and byte for byte, SVG diagrams
 * included (npm start fixes the time stamp): `npm start` twice in a row leaves `git status` clean.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const CLI = resolve("dist/cli/vpcreach.js");
const COMMITTED = resolve("reports/example");

/** The arguments `npm start` passes to the CLI, read from package.json so the two cannot drift apart. */
function startArguments(): string[] {
  const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts;
  const words = scripts.start.split(/\s+/);
  const out = words.indexOf("--out");
  expect(words.slice(0, 3)).toEqual(["node", "dist/cli/vpcreach.js", "report"]);
  expect(words[out + 1]).toBe("reports/example");
  return words.slice(2, out).concat(words.slice(out + 2));
}

/** Every file under a folder, as paths relative to it, sorted. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

describe("reports/example", () => {
  let fresh: string;

  beforeAll(() => {
    fresh = mkdtempSync(join(tmpdir(), "vpcreach-example-"));
    execFileSync(process.execPath, [CLI, ...startArguments(), "--out", fresh], { stdio: "pipe" });
  }, 300_000);

  it("holds the same files npm start writes today", () => {
    expect(filesUnder(COMMITTED)).toEqual(filesUnder(fresh));
    expect(filesUnder(fresh).filter((name) => name.endsWith(".svg")).length).toBeGreaterThan(0);
  });

  it("has every file byte for byte as npm start writes it today, SVG diagrams included", () => {
    for (const name of filesUnder(fresh)) {
      const committed = readFileSync(join(COMMITTED, name), "utf8");
      const regenerated = readFileSync(join(fresh, name), "utf8");
      expect(regenerated, name).toBe(committed);
    }
  });

  it.each(["README.md", "report.json", "report.html"])("%s names no path of the machine that wrote it", (name) => {
    const regenerated = readFileSync(join(fresh, name), "utf8");
    expect(regenerated).not.toContain(resolve("."));
    expect(regenerated).not.toContain(fresh);
  });
});
