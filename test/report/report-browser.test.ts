/**
 * Opens the generated report.html in a real headless Chromium (Debian's `chromium`, driven by
 * playwright-core) and checks what a reader sees: the navigation's links resolve, every matrix cell
 * links to a proof with a hop table and a drawn diagram, every diagram draws with no label clipped or
 * covered, no console error, no network request besides the file itself, the filter box, and the
 * matrix showing the engine's verdicts. The example report and the hostile-tags report are both
 * checked; screenshots go to test-output/ for a person to look at.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CLI = resolve("dist/cli/vpcreach.js");
const OUTPUT = resolve("test-output");
const DESTINATIONS = ["internet", "s3", "sagemaker-api", "sagemaker-runtime"];

interface OpenReport {
  page: Page;
  url: string;
  consoleErrors: string[];
  requests: string[];
  json: { audit: { rows: { source: { id: string }; cells: Record<string, { verdict: string }> }[] } };
}

function writeReport(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), `vpcreach-report-${fixture}-`));
  execFileSync(process.execPath, [CLI, "report", "--snapshot", `fixtures/${fixture}`, "--out", dir, "--no-svg"], { stdio: "pipe" });
  return dir;
}

/** Opens a report, then scrolls every diagram into view (opening the collapsed ones) and waits until all are drawn. */
async function openAndDrawAll(browser: Browser, dir: string): Promise<OpenReport> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  page.on("request", (request) => requests.push(request.url()));
  const url = pathToFileURL(join(dir, "report.html")).href;
  await page.goto(url, { waitUntil: "load", timeout: 120_000 });
  await page.evaluate(() => document.querySelectorAll("details").forEach((details) => (details.open = true)));
  const diagrams = page.locator("pre.mermaid");
  for (let i = 0; i < (await diagrams.count()); i += 1) await diagrams.nth(i).scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () => {
      const state = document.body.getAttribute("data-diagrams");
      return state === "failed" || (state === "idle" && document.querySelectorAll("pre.mermaid:not([data-processed])").length === 0);
    },
    null,
    { timeout: 120_000 },
  );
  const json = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as OpenReport["json"];
  return { page, url, consoleErrors, requests, json };
}

/**
 * Labels that do not fit: a node's label outside its shape, a group's title outside its box, or a
 * title covered by a node or a box drawn inside the group.
 */
function clippedLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const box = (element: Element) => element.getBoundingClientRect();
    const inside = (a: DOMRect, b: DOMRect) => a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
    const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    for (const svg of document.querySelectorAll("pre.mermaid svg")) {
      const where = svg.closest("[id]")?.id ?? "?";
      const shapes = [...svg.querySelectorAll("g.node")].flatMap((node) => {
        const shape = node.querySelector("rect, polygon, circle, path");
        const label = node.querySelector("g.label, text");
        if (shape && label && !inside(box(label), box(shape))) problems.push(`${where}: the label of ${node.id} leaves its box`);
        return shape ? [shape] : [];
      });
      const clusterRects = [...svg.querySelectorAll("g.cluster > rect")];
      for (const cluster of svg.querySelectorAll("g.cluster")) {
        const rect = cluster.querySelector(":scope > rect");
        const title = cluster.querySelector(".cluster-label");
        if (!rect || !title || (title.textContent ?? "").trim() === "") continue;
        const outer = box(rect);
        const text = box(title);
        if (!inside(text, outer)) problems.push(`${where}: the title of ${cluster.id} leaves its box`);
        for (const other of [...shapes, ...clusterRects]) {
          if (other === rect) continue;
          const inner = box(other);
          if (inside(inner, outer) && overlap(inner, text)) problems.push(`${where}: the title of ${cluster.id} is covered by ${other.closest("g[id]")?.id}`);
        }
      }
    }
    return problems;
  });
}

describe.skipIf(!existsSync(CHROMIUM))("report.html in Chromium", () => {
  let browser: Browser;
  let example: OpenReport;
  let hostile: OpenReport;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    example = await openAndDrawAll(browser, writeReport("ml-platform"));
    hostile = await openAndDrawAll(browser, writeReport("hostile-tags"));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  it.each(["example", "hostile"] as const)("draws every diagram of the %s report offline, with no console error and no network request", async (which) => {
    const report = which === "example" ? example : hostile;
    const { page } = report;
    expect(await page.getAttribute("body", "data-diagrams")).toBe("idle");
    const blocks = await page.locator("pre.mermaid").count();
    expect(blocks).toBeGreaterThan(0);
    expect(await page.locator("pre.mermaid > svg g.node").count()).toBeGreaterThan(blocks);
    expect(await page.locator("pre.mermaid:not(:has(svg g.node))").count()).toBe(0);
    expect(report.consoleErrors).toEqual([]);
    expect(report.requests.filter((request) => request !== report.url && !request.startsWith("data:"))).toEqual([]);
    // Only the two inlined scripts: nothing from a tag became a script element.
    expect(await page.locator("script").count()).toBe(2);
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, `report-${which}-full.png`), fullPage: true });
  });

  it.each(["example", "hostile"] as const)("clips or covers no label in the %s report's diagrams", async (which) => {
    const { page } = which === "example" ? example : hostile;
    // Off-screen proofs skip layout (content-visibility): lay every one out, so every box is measured.
    await page.addStyleTag({ content: "article.proof, li.finding { content-visibility: visible !important; }" });
    expect(await page.locator("pre.mermaid svg g.node").count()).toBeGreaterThan(0);
    expect(await clippedLabels(page)).toEqual([]);
  });

  it("resolves every link of the navigation, the contents and the matrix to an element on the page", async () => {
    const missing = await example.page.evaluate(() =>
      [...document.querySelectorAll("a[href]")]
        .map((link) => link.getAttribute("href") ?? "")
        .filter((href) => !href.startsWith("#") || !document.getElementById(href.slice(1))),
    );
    expect(missing).toEqual([]);
    expect(await example.page.locator("nav.bar a").count()).toBeGreaterThan(4);
    expect(await example.page.evaluate(() => getComputedStyle(document.querySelector("nav.bar") as Element).position)).toBe("sticky");
  });

  it("links every matrix cell to a proof with a hop table and a drawn diagram, its own or the one it shares", async () => {
    const { page, json } = example;
    const links = await page.locator("table.matrix td.cell a").evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
    expect(links).toHaveLength(json.audit.rows.length * DESTINATIONS.length);
    let shared = 0;
    for (const href of links) {
      const proof = page.locator(`article.proof${href}`);
      expect(await proof.count(), href).toBe(1);
      expect(await proof.locator("table.hops tbody tr").count(), href).toBeGreaterThan(0);
      const sharing = proof.locator("p.shared-diagram a");
      const drawnIn = (await sharing.count()) > 0 ? page.locator(`article.proof${(await sharing.first().getAttribute("href")) ?? ""}`) : proof;
      if (drawnIn !== proof) shared += 1;
      expect(await drawnIn.locator("pre.mermaid svg g.node").count(), href).toBeGreaterThan(0);
    }
    expect(shared).toBe(json.paths.filter((p: { sharesDiagramOf?: unknown }) => p.sharesDiagramOf).length);
    // Following a link lands on the proof, below the sticky bar.
    await page.locator("table.matrix td.cell a").first().click();
    const first = links[0] ?? "";
    expect(new URL(page.url()).hash).toBe(first);
    const top = await page.locator(`article.proof${first}`).evaluate((element) => element.getBoundingClientRect().top);
    const bar = await page.locator("nav.bar").evaluate((element) => element.getBoundingClientRect().bottom);
    expect(top).toBeGreaterThanOrEqual(bar - 1);
  });

  it("shows the engine's verdict for every notebook and destination in the matrix", async () => {
    const { page, json } = example;
    const header = await page.locator("table.matrix thead th").allInnerTexts();
    expect(header).toEqual(["Source", "Internet", "S3", "SageMaker API", "SageMaker runtime"]);
    const classes: Record<string, string> = { reachable: "reachable", unreachable: "unreachable", unknown: "unknown" };
    const symbols: Record<string, string> = { reachable: "✓", unreachable: "✗", unknown: "?" };
    for (const [index, row] of json.audit.rows.entries()) {
      const tableRow = page.locator("table.matrix tbody tr").nth(index);
      expect(await tableRow.locator("th").innerText()).toContain(row.source.id);
      for (const [column, destination] of DESTINATIONS.entries()) {
        const verdict = row.cells[destination]?.verdict ?? "";
        const cell = tableRow.locator("td").nth(column);
        expect(await cell.getAttribute("class")).toBe(`cell ${classes[verdict]}`);
        expect((await cell.innerText()).startsWith(symbols[verdict] ?? "-")).toBe(true);
      }
    }
  });

  it("filters the matrix rows and proofs by source name", async () => {
    const { page, json } = example;
    const source = json.audit.rows[1]?.source.id ?? "";
    await page.fill("#filter", source.toUpperCase());
    const visibleRows = await page.locator("table.matrix tbody tr:visible th").allInnerTexts();
    expect(visibleRows.length).toBeGreaterThan(0);
    for (const text of visibleRows) expect(text.toLowerCase()).toContain(source.toLowerCase());
    expect(await page.locator("#filter-count").innerText()).toBe(`${visibleRows.length} of ${json.audit.rows.length}`);
    expect(await page.locator("article.proof:visible").count()).toBe(visibleRows.length * DESTINATIONS.length);
    await page.fill("#filter", "");
    expect(await page.locator("table.matrix tbody tr:visible").count()).toBe(json.audit.rows.length);
    expect(await page.locator("#filter-count").innerText()).toBe("");
  });

  it("prints without the navigation bar", async () => {
    const { page } = example;
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("nav.bar").isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });
    expect(await page.locator("nav.bar").isVisible()).toBe(true);
  });
});
