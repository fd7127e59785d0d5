/**
 * Writes a report folder: `README.md`, `report.html` (self-contained, offline), `report.json`, and
 * `diagrams/*.svg` when a browser is available to render them (otherwise a note says why not).
 * Every file is written atomically, so an interrupted run never leaves a half-written report.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../fs/atomic-write.js";
import type { ReportData } from "./compose.js";
import { reportToMarkdown } from "./render-markdown.js";
import { markdownToHtmlPage } from "./html.js";
import { writeDiagrams } from "../diagram/index.js";

export interface WriteReportOptions {
  /** Render `diagrams/*.svg` with a headless browser (default true). */
  renderSvg?: boolean;
  onProgress?: (step: string) => void;
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
  const markdown = reportToMarkdown(data);
  const files: string[] = [];
  const write = async (name: string, content: string) => {
    const path = join(outDir, name);
    await writeFileAtomic(path, content);
    files.push(path);
  };
  await write("README.md", markdown);
  await write("report.html", await markdownToHtmlPage(markdown, data.title));
  await write("report.json", `${JSON.stringify(data, null, 2)}\n`);

  let svgSkipped: string | undefined;
  if (options.renderSvg === false) {
    svgSkipped = "SVG rendering was turned off (--no-svg).";
  } else {
    options.onProgress?.("rendering diagrams");
    const jobs = [...data.architecture, ...data.paths].map((entry) => ({
      mermaid: entry.mermaid,
      outFile: join(outDir, "diagrams", `${entry.name}.svg`),
    }));
    try {
      await writeDiagrams(jobs);
      files.push(...jobs.map((job) => job.outFile));
    } catch (error) {
      svgSkipped = error instanceof Error ? error.message : String(error);
    }
  }
  return { files, svgSkipped };
}
