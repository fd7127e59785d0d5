/**
 * Micro-benchmark of diagram rendering: composes the report of a snapshot (default
 * `fixtures/ml-platform`), then renders every diagram of it to SVG (and, with `--png`, to PNG) with one
 * `DiagramRenderer`, printing the browser start-up time, each render's time and the total. The load
 * average is printed before and after, since the machine is shared.
 *
 * Usage: `npx tsc -p . && node dist/bench/diagram-render.js [SNAPSHOT] [--png]`
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { createAnalyzer } from "../src/engine/index.js";
import { composeReport, drawnPaths } from "../src/report/compose.js";
import { DiagramRenderer } from "../src/diagram/render.js";
import { loadModel } from "../src/snapshot/load.js";

/** The 1-, 5- and 15-minute load averages, as text. */
function load(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
}

/** Renders every diagram of the snapshot's report and prints the timings. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const snapshot = args.find((a) => !a.startsWith("--")) ?? "fixtures/ml-platform";
  const formats: ("svg" | "png")[] = args.includes("--png") ? ["svg", "png"] : ["svg"];
  const analyzer = createAnalyzer(await loadModel(snapshot));
  const data = composeReport(analyzer, { snapshotPath: snapshot, toolVersion: "bench", generatedAt: "1970-01-01T00:00:00Z" });
  const diagrams = [...data.architecture, ...drawnPaths(data)];
  console.log(`load average before: ${load()}; ${diagrams.length} diagrams of ${snapshot}`);
  const started = performance.now();
  const renderer = await DiagramRenderer.open();
  const opened = performance.now();
  console.log(`open: ${(opened - started).toFixed(0)} ms`);
  const times: Record<string, number[]> = { svg: [], png: [] };
  try {
    for (const format of formats) {
      for (const diagram of diagrams) {
        const t0 = performance.now();
        const bytes = await renderer.render(diagram.mermaid, format);
        const ms = performance.now() - t0;
        times[format]!.push(ms);
        console.log(`${format} ${diagram.name}: ${ms.toFixed(0)} ms, ${bytes.length} bytes`);
      }
    }
  } finally {
    await renderer.close();
  }
  const total = performance.now() - started;
  for (const format of formats) {
    const list = times[format]!;
    const sum = list.reduce((a, b) => a + b, 0);
    const sorted = [...list].sort((a, b) => a - b);
    console.log(
      `${format}: ${list.length} renders, ${sum.toFixed(0)} ms, mean ${(sum / list.length).toFixed(0)} ms, ` +
        `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms`,
    );
  }
  console.log(`total including browser start and close: ${total.toFixed(0)} ms; load average after: ${load()}`);
}

await main();
