/**
 * Writes a report folder: `README.md`, `report.html` (self-contained, offline), `report.json`, and
 * `diagrams/*.svg` when a browser is available to render them (otherwise a note says why not).
 * The report is written into a staging folder and swapped in whole (see `folder.ts`): an interrupted
 * run never leaves a half-written report, two runs never mix, and a rerun removes only what the
 * earlier report wrote.
 */
import { join } from "node:path";
import { replaceReport, type StageWriter } from "./folder.js";
import { drawnPaths, type ReportData } from "./compose.js";
import { markdownAwaitingCost, reportToMarkdown } from "./render-markdown.js";
import { reportToHtmlPage, reportToHtmlPageAwaiting } from "./html.js";
import { writeDiagrams } from "../diagram/index.js";
import { jsonDocument, jsonDocumentAwaiting } from "./json-chunks.js";
import type { CostSection } from "./cost-estimate.js";

export interface WriteReportOptions {
  /** Render `diagrams/*.svg` with a headless browser (default true). */
  renderSvg?: boolean;
  onProgress?: (step: string) => void;
  /**
   * The cost section still being estimated (`estimateInWorker`): `data.cost` is set from it once it
   * is there. report.json is then written first, up to its cost, while the estimate is made.
   */
  cost?: Promise<CostSection>;
}

export interface WrittenReport {
  files: string[];
  /** Why the SVG diagrams were not rendered, when they were not. */
  svgSkipped: string | undefined;
}

/**
 * Writes the report files into `outDir`.
 *
 * @param data - the composed report
 * @param outDir - the target folder (created if missing)
 * @param options - whether to render SVGs, and a progress callback
 */
export async function writeReport(data: ReportData, outDir: string, options: WriteReportOptions = {}): Promise<WrittenReport> {
  let svgSkipped: string | undefined;
  const files = await replaceReport(outDir, async (write, staging) => {
    // In pieces: a large estate's report.json would not fit one string. Compact below its upper
    // levels, so that it stays within what JSON.parse can read (see json-chunks.ts).
    if (options.cost) await writeAwaitingCost(data, options.cost, write);
    else {
      await write("report.json", jsonDocument(data, "compact"));
      await write("README.md", reportToMarkdown(data));
      await write("report.html", await reportToHtmlPage(data));
    }
    if (options.renderSvg === false) {
      svgSkipped = "SVG rendering was turned off (--no-svg).";
      return [];
    }
    options.onProgress?.("rendering diagrams");
    const drawn = [...data.hubs, ...data.architecture, ...drawnPaths(data)];
    const svgs = drawn.map((entry) => join("diagrams", `${entry.name}.svg`));
    const jobs = drawn.map((entry, i) => ({ mermaid: entry.mermaid, outFile: join(staging, svgs[i] ?? "") }));
    try {
      await writeDiagrams(jobs);
      return svgs;
    } catch (error) {
      svgSkipped = error instanceof Error ? error.message : String(error);
      return [];
    }
  });
  return { files: files.map((file) => join(outDir, file)), svgSkipped };
}

/**
 * Writes report.json, README.md and report.html of a report whose cost section is still being
 * estimated: whatever does not read the cost is done while the estimate is awaited (report.json and
 * report.html written up to their cost sections, README's other sections measured), so that once it
 * is there only the cost and what follows it are left.
 *
 * @param data - the composed report; its `cost` is set once the estimate is there
 * @param section - the cost section being estimated
 * @param write - writes one file of the report
 */
async function writeAwaitingCost(data: ReportData, section: Promise<CostSection>, write: StageWriter): Promise<void> {
  const cost = section.then((estimate) => (data.cost = estimate));
  const readme = markdownAwaitingCost(data);
  const written = await Promise.allSettled([
    write("report.json", jsonDocumentAwaiting(data, "cost", cost, "compact")),
    write("report.html", reportToHtmlPageAwaiting(data, cost)),
    cost.then(() => write("README.md", readme())),
  ]);
  for (const result of written) if (result.status === "rejected") throw result.reason;
}
