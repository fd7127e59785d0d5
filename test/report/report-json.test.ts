/**
 * report.json as `writeReport` writes it: the report's data, read back by JSON.parse, with its upper
 * levels on lines of their own and each audit row, path member and cost entry compact on one line
 * (indented, a large estate's report.json passed what JSON.parse can read).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTrafficSpec } from "../../src/cost/traffic.js";
import { createAnalyzer } from "../../src/engine/index.js";
import { composeReport } from "../../src/report/compose.js";
import { writeReport } from "../../src/report/write.js";
import { loadModel } from "../../src/snapshot/load.js";

const TRAFFIC = { default: parseTrafficSpec("internet=200,s3=1000,sagemaker=300"), perVpc: {} };

describe("report.json", () => {
  it.each(["ml-platform", "odd-data"])("%s: holds the report's data, compact below its upper levels", async (fixture) => {
    const analyzer = createAnalyzer(await loadModel(`fixtures/${fixture}`));
    const data = composeReport(analyzer, { snapshotPath: `fixtures/${fixture}`, toolVersion: "0.0.0-test", generatedAt: "2026-01-01T00:00:00.000Z", cost: { traffic: TRAFFIC } });
    const folder = mkdtempSync(join(tmpdir(), "vpcreach-json-"));
    await writeReport(data, folder, { renderSvg: false });
    const text = readFileSync(join(folder, "report.json"), "utf8");
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(data)));
    const lines = text.split("\n");
    // Three levels split, so no line is indented deeper than the third level's six spaces.
    expect(lines.filter((line) => line.startsWith("       "))).toEqual([]);
    // Each audit row is one line (followed by its comma but the last).
    const unended = new Set(lines.map((line) => line.replace(/,$/, "")));
    for (const row of data.audit.rows) expect(unended.has(`      ${JSON.stringify(row)}`)).toBe(true);
    expect(text.startsWith('{\n  "title": ')).toBe(true);
  });
});
