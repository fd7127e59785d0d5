/**
 * A report whose cost estimate is still being made (the worker beside `vpcreach report`) is written
 * as far as it can be while the estimate is awaited: report.html up to its cost section, README.md's
 * other sections measured. Once the estimate is there, every file is the one written from the
 * finished report.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseTrafficSpec } from "../../src/cost/traffic.js";
import { createAnalyzer } from "../../src/engine/index.js";
import { composeReport, type ReportData } from "../../src/report/compose.js";
import type { CostSection } from "../../src/report/cost-estimate.js";
import { reportToHtmlPage, reportToHtmlPageAwaiting } from "../../src/report/html.js";
import { markdownAwaitingCost, reportToMarkdown } from "../../src/report/render-markdown.js";
import { writeReport } from "../../src/report/write.js";
import { loadModel } from "../../src/snapshot/load.js";

const TRAFFIC = { default: parseTrafficSpec("internet=200,s3=1000,sagemaker=300"), perVpc: {} };

async function reportOf(fixture: string): Promise<ReportData> {
  const analyzer = createAnalyzer(await loadModel(`fixtures/${fixture}`));
  return composeReport(analyzer, { snapshotPath: `fixtures/${fixture}`, toolVersion: "0.0.0-test", generatedAt: "2026-01-01T00:00:00.000Z", cost: { traffic: TRAFFIC } });
}

/** The report as it is while its estimate is made: the same data, a placeholder where the cost goes. */
function awaitingCost(data: ReportData): ReportData {
  return { ...data, cost: { error: "the cost estimate is not there yet" } };
}

/** A promise settled by hand. */
function later<T>(): { promise: Promise<T>; settle: (value: T) => void } {
  let settle: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => (settle = resolve));
  return { promise, settle };
}

const FIXTURES = ["ml-platform", "odd-data", "sagemaker-workloads"];

describe("report.html while the cost is estimated", () => {
  it.each(FIXTURES)("%s: gives everything before the cost section first, and joined is the page of the finished report", async (fixture) => {
    const data = await reportOf(fixture);
    const pending = awaitingCost(data);
    const cost = later<void>();
    const parts: string[] = [];
    for await (const part of reportToHtmlPageAwaiting(pending, cost.promise)) {
      parts.push([...part].join(""));
      if (parts.length === 1) {
        pending.cost = data.cost;
        cost.settle();
      }
    }
    const [before] = parts;
    expect(before).toContain('<section id="architecture">');
    expect(before).not.toContain('<section id="cost">');
    expect(parts.join("")).toBe([...(await reportToHtmlPage(data))].join(""));
  });
});

describe("README.md while the cost is estimated", () => {
  it.each([
    ["whole", () => Number.POSITIVE_INFINITY],
    ["capped", () => 20_000],
    // The placeholder's section is shorter than the cost's: measured with it, this README would be whole.
    ["capped by the cost section's bytes", (whole: string) => Buffer.byteLength(whole) - 1],
  ])("%s: measured before the cost is there, it is the README of the finished report", async (_name, budgetFor) => {
    for (const fixture of FIXTURES) {
      const data = await reportOf(fixture);
      const budget = budgetFor(reportToMarkdown(data, Number.POSITIVE_INFINITY));
      const pending = awaitingCost(data);
      const readme = markdownAwaitingCost(pending, budget);
      pending.cost = data.cost;
      expect(readme(), fixture).toBe(reportToMarkdown(data, budget));
    }
  });
});

/** The text of a file being written into the report folder's staging folder, or "" while there is none. */
function staged(folder: string, name: string): string {
  for (const staging of readdirSync(folder).filter((entry) => entry.startsWith(".vpcreach-staging-"))) {
    for (const file of readdirSync(join(folder, staging))) if (file.includes(name)) return readFileSync(join(folder, staging, file), "utf8");
  }
  return "";
}

describe("writeReport given the cost still being estimated", () => {
  let data: ReportData;
  beforeAll(async () => {
    data = await reportOf("odd-data");
  });

  it("writes report.html up to its cost section before the estimate is there, and the finished report once it is", async () => {
    const whole = mkdtempSync(join(tmpdir(), "vpcreach-whole-"));
    await writeReport(data, whole, { renderSvg: false });
    const folder = mkdtempSync(join(tmpdir(), "vpcreach-awaiting-"));
    const cost = later<CostSection>();
    const writing = writeReport(awaitingCost(data), folder, { renderSvg: false, cost: cost.promise });
    let html = "";
    for (let attempt = 0; attempt < 200 && !html.includes('<section id="architecture">'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      html = staged(folder, "report.html");
    }
    expect(html).toContain('<section id="architecture">');
    expect(html).not.toContain('<section id="cost">');
    expect(staged(folder, "README.md")).toBe("");
    cost.settle(data.cost);
    await writing;
    for (const file of ["report.json", "README.md", "report.html"]) expect(readFileSync(join(folder, file), "utf8"), file).toBe(readFileSync(join(whole, file), "utf8"));
  });
});
