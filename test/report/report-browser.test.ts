/**
 * Opens the generated report.html in a real headless Chromium (Debian's `chromium`, driven by
 * playwright-core) and checks what a reader would see: every diagram rendered to an SVG, no console
 * errors, no network request besides the file itself, and the matrix showing the engine's verdicts.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CLI = resolve("dist/src/cli/main.js");
const OUTPUT = resolve("test-output");

describe("report.html in Chromium", () => {
  let browser: Browser;
  let reportDir: string;
  let reportJson: { audit: { rows: { source: { id: string }; cells: Record<string, { verdict: string }> }[] } };

  beforeAll(async () => {
    reportDir = mkdtempSync(join(tmpdir(), "vpcreach-report-"));
    execFileSync(process.execPath, [CLI, "report", "--snapshot", "fixtures/ml-platform", "--out", reportDir, "--no-svg"], {
      stdio: "pipe",
    });
    reportJson = JSON.parse(readFileSync(join(reportDir, "report.json"), "utf8"));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("renders every diagram offline, with no console error and no network request", async () => {
    expect(existsSync(CHROMIUM)).toBe(true);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    page.on("request", (request) => requests.push(request.url()));

    const url = pathToFileURL(join(reportDir, "report.html")).href;
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: 120_000 });
    await page.waitForSelector("body[data-diagrams]", { timeout: 120_000 });
    expect(await page.getAttribute("body", "data-diagrams")).toBe("rendered");

    const blocks = await page.locator("pre.mermaid").count();
    const rendered = await page.locator("pre.mermaid > svg").count();
    expect(blocks).toBeGreaterThan(0);
    expect(rendered).toBe(blocks);
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((request) => request !== url && !request.startsWith("data:"))).toEqual([]);

    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, "report-top.png") });
    await page.screenshot({ path: join(OUTPUT, "report-full.png"), fullPage: true });
    await page.close();
  });

  it("shows the engine's verdict for every notebook and destination in the matrix", async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(reportDir, "report.html")).href, { waitUntil: "domcontentloaded", timeout: 120_000 });
    const table = page.locator("h2:has-text('Reachability') + p + table");
    const header = await table.locator("thead th").allInnerTexts();
    expect(header).toEqual(["Source", "Internet", "S3", "SageMaker API", "SageMaker runtime"]);
    const symbols: Record<string, string> = { reachable: "✓", unreachable: "✗", unknown: "?" };
    const destinations = ["internet", "s3", "sagemaker-api", "sagemaker-runtime"];
    expect(reportJson.audit.rows.length).toBeGreaterThan(0);
    for (const [index, row] of reportJson.audit.rows.entries()) {
      const cells = await table.locator("tbody tr").nth(index).locator("td").allInnerTexts();
      expect(cells[0]).toContain(row.source.id);
      destinations.forEach((destination, column) => {
        const verdict = row.cells[destination]?.verdict ?? "";
        expect(cells[column + 1]?.startsWith(symbols[verdict] ?? "-")).toBe(true);
      });
    }
    await page.close();
  });
});
