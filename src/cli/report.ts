/**
 * `vpcreach report`: one command that writes the artifact people share with their security team —
 * what each notebook can reach and why, the findings, the diagrams and the cost — as Markdown, a
 * self-contained HTML page, JSON, and SVG diagrams.
 */
import { basename, resolve } from "node:path";
import type { Command } from "commander";
import { createAnalyzer } from "../engine/index.js";
import { composeReportBeside } from "../report/compose.js";
import { estimateInWorker } from "../report/cost-estimate.js";
import { modelCacheEnabled } from "../snapshot/cache.js";
import { writeReport } from "../report/write.js";
import { trafficFromOptions } from "../cost/traffic.js";
import { checkOutputFolder } from "../fs/output-file.js";
import { loadSnapshots, outOption, snapshotOption } from "./options.js";
import { runAction, writeOut } from "./run.js";
import { InputError } from "../model/errors.js";
import { TOOL_VERSION } from "./version.js";

interface ReportOptions {
  snapshot: string[];
  out?: string;
  svg: boolean;
  traffic?: string;
  trafficFile?: string;
  generatedAt?: string;
}

/**
 * The time stamp the report prints: `--generated-at`, else `SOURCE_DATE_EPOCH` (seconds), else now.
 * Fixing it makes the report reproducible (the committed example is written with `--generated-at`).
 */
function reportTimestamp(option: string | undefined): string {
  if (option !== undefined) {
    const date = new Date(option);
    if (!/^\d{4}-\d{2}-\d{2}/.test(option) || Number.isNaN(date.getTime())) {
      throw new InputError(`--generated-at must be an ISO 8601 time such as 2026-01-31T12:00:00Z, got "${option}"`);
    }
    return date.toISOString();
  }
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return date.toISOString();
}

function progressReporter(): (step: string) => void {
  if (!process.stderr.isTTY) return () => undefined;
  return (step) => process.stderr.write(`vpcreach report: ${step}…\n`);
}

/**
 * Registers `vpcreach report`.
 *
 * @param program - the root command
 */
export function registerReport(program: Command): void {
  program
    .command("report")
    .description("Write a shareable report: reachability matrix with proofs, findings, diagrams and cost.")
    .addOption(snapshotOption())
    .addOption(outOption("<dir>", "output folder (default: reports/<snapshot name>)"))
    .option("--no-svg", "do not render diagrams/*.svg (no browser needed)")
    .option("--traffic <spec>", "GB/month per VPC holding notebooks for the cost section, e.g. internet=200,s3=1000,sagemaker=300")
    .option("--traffic-file <file>", "YAML or JSON traffic assumptions (see vpcreach cost --help)")
    .option("--generated-at <time>", "time stamp to print (ISO 8601), for reproducible reports (default: now)")
    .addHelpText(
      "after",
      `
Writes README.md (GitHub renders its Mermaid diagrams), report.html (self-contained, works offline
from file://), report.json (for scripts) and diagrams/*.svg (needs Chromium or Chrome; set
PUPPETEER_EXECUTABLE_PATH to choose one). --generated-at (or SOURCE_DATE_EPOCH) fixes the time stamp.
The report is swapped into --out whole when complete; .vpcreach-report.json lists what it wrote, so a
rerun removes only the earlier report's files. One run at a time per folder (another exits 2).
Exit status: 0 written, 2 usage or input error, 74 the report could not be written.

Examples:
  $ vpcreach report --snapshot fixtures/ml-platform --out reports/example
  $ vpcreach report --snapshot vpcreach-snapshot.json --no-svg
  $ vpcreach report --snapshot prod.json --traffic internet=200,s3=1000,sagemaker=300`,
    )
    .action(
      runAction(async (options: ReportOptions) => {
        const outDir = options.out ?? `reports/${basename(resolve(options.snapshot[0] as string)).replace(/\.json$/, "")}`;
        const traffic = trafficFromOptions(options);
        await checkOutputFolder(outDir, "--out");
        const onProgress = progressReporter();
        // The cost estimate in a worker thread, on its own load of the snapshot, while this thread loads, audits, draws and writes report.json up to the cost.
        const estimate = estimateInWorker({ snapshots: options.snapshot, cache: modelCacheEnabled(), options: { traffic } });
        let written;
        try {
          onProgress("loading snapshot");
          const model = await loadSnapshots(options.snapshot);
          const analyzer = createAnalyzer(model);
          const { data, cost } = composeReportBeside(
            analyzer,
            {
              snapshotPath: options.snapshot.join(", "),
              toolVersion: TOOL_VERSION,
              generatedAt: reportTimestamp(options.generatedAt),
              cost: { traffic },
              onProgress,
            },
            estimate.result,
          );
          onProgress("writing the report");
          written = await writeReport(data, outDir, { renderSvg: options.svg, onProgress, cost });
        } finally {
          await estimate.stop();
        }
        await writeOut(`Report written to ${outDir}/ (${written.files.length} files)\n  open ${outDir}/report.html, or read ${outDir}/README.md\n`);
        if (written.svgSkipped) process.stderr.write(`note: diagrams/*.svg not rendered: ${written.svgSkipped}\n`);
        return 0;
      }),
    );
}
