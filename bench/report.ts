/**
 * Presents benchmark results: the Markdown table of docs/performance.md and the verdict on each
 * target: issue 9 (large audit end to end under 20 s), issue 18 (large audit within 3× the floor,
 * peak RSS under 1 GB, medium → large growth at most 12×; `vpcreach query` under 150 ms from process
 * start to exit, under 100 ms through the snapshot cache, without heavy imports) and issue 17
 * (`vpcreach report --no-svg` and `vpcreach cost` on the large estate within 10× the floor).
 */
import type { BenchResult } from "./bench.js";
import type { StartupStats, StartupTiming } from "./e2e.js";

/** One end-to-end run: wall and CPU time, peak RSS. */
export interface E2eRun {
  ms: number;
  cpuMs: number | undefined;
  peakRssMb: number | undefined;
}

export interface SizeReport extends BenchResult {
  /** `vpcreach audit --json --no-cache`, end to end (results before 2026-12-07's fifth session: through the user's cache, hit or miss unknown). */
  e2eAuditMs?: number;
  e2eAuditCpuMs?: number | undefined;
  e2eAuditPeakRssMb?: number;
  e2eAuditExitCode?: number | null;
  e2eAuditOutputMb?: number;
  /** The same audit with an empty cache folder: it builds the model and stores the entry. */
  e2eAuditStoring?: E2eRun;
  /** The same audit again: the model from the entry the storing run wrote. */
  e2eAuditCached?: E2eRun;
  /** `vpcreach check` (notebooks × 4 destinations and the findings), end to end, through the cache the audit wrote (as diff, report and cost). */
  e2eCheckMs?: number;
  e2eCheckCpuMs?: number | undefined;
  /** `vpcreach diff` of the estate against itself, end to end. */
  e2eDiffMs?: number;
  e2eDiffCpuMs?: number | undefined;
  /** `vpcreach report --no-svg`, end to end (issue 17). */
  e2eReportMs?: number;
  e2eReportCpuMs?: number | undefined;
  e2eReportPeakRssMb?: number | undefined;
  /** `vpcreach cost --json` with its alternatives, end to end (issue 17). */
  e2eCostMs?: number;
  e2eCostCpuMs?: number | undefined;
  /** `vpcreach query` start-up against Node's own (bench/e2e.ts `queryStartup`). */
  startup?: StartupTiming;
}

const mark = (ok: boolean): string => (ok ? "holds" : "MISSED");

/** Issue 18: the large audit end to end within 3× the floor; issue 17: report and cost within 10×. */
const AUDIT_FLOOR_TIMES = 3;
const REPORT_COST_FLOOR_TIMES = 10;

/**
 * One "within N× the floor" target line: the wall ratio against the floor measured in the same run,
 * then the CPU ratio against the floor's CPU time, and the load average beside them.
 *
 * @param name - what was run, e.g. `large audit`
 * @param ms - its wall time, process start to exit
 * @param cpuMs - its CPU time (user + system), when known
 * @param size - the size's report, with the floor and load average
 * @param times - the target ratio
 */
function floorTarget(name: string, ms: number, cpuMs: number | undefined, size: SizeReport, times: number): string {
  const ratio = ms / size.floorMs;
  const cpuRatio = cpuMs !== undefined && size.cpu ? cpuMs / size.cpu.floorMs : undefined;
  const cpu = cpuRatio === undefined ? "" : `; by CPU time ${(cpuMs as number / 1000).toFixed(1)} s = ${cpuRatio.toFixed(1)}×: ${mark(cpuRatio <= times)}`;
  return `${name} end to end ${(ms / 1000).toFixed(1)} s = ${ratio.toFixed(1)}× the floor (target ≤ ${times}×): ${mark(ratio <= times)}${cpu} (load average ${size.loadAverage})`;
}

/** Targets of issue 18 on `vpcreach query` start-up: median wall time, first run and through the cache. */
const STARTUP_TARGETS = { firstMs: 150, cachedMs: 100 } as const;

/**
 * The start-up targets, one line each ending in `holds` or `MISSED`: each judged on the median wall
 * time, then on the median CPU time, with Node's own start-up (the floor) measured in the same rounds
 * and what vpcreach adds to it.
 *
 * @param startup - the paired runs of `queryStartup`
 */
export function startupTargets(startup: StartupTiming): string[] {
  const floor = `Node's floor ${Math.round(startup.floor.medianMs)} ms`;
  const line = (name: string, run: StartupStats, target: number): string => {
    const cpu = run.medianCpuMs === undefined ? "" : `; by CPU time ${run.medianCpuMs} ms: ${mark(run.medianCpuMs < target)}`;
    return `${name} ${Math.round(run.medianMs)} ms, median of ${startup.runs} (target < ${target} ms): ${mark(run.medianMs < target)}${cpu} (${floor}, vpcreach adds ${Math.round(run.aboveFloorMs)} ms; load average ${startup.loadAverage})`;
  };
  const heavy = startup.heavyImports;
  return [
    line("vpcreach query on fixtures/ml-platform, empty cache,", startup.first, STARTUP_TARGETS.firstMs),
    line("vpcreach query again, through the snapshot cache,", startup.cached, STARTUP_TARGETS.cachedMs),
    `query imports AWS SDK/Mermaid/browsers/iam-simulate/ajv/yaml: ${heavy.length === 0 ? "none (holds)" : `${heavy.join(", ")} (MISSED)`}`,
  ];
}

/**
 * The start-up rows of the table: median wall time, CPU time in brackets, and what vpcreach adds to
 * the floor of the same rounds.
 *
 * @param startup - the paired runs, when measured
 */
export function startupCells(startup: StartupTiming | undefined): { floor: string; first: string; cached: string } {
  if (!startup) return { floor: "–", first: "–", cached: "–" };
  const cell = (run: StartupStats, above: boolean): string =>
    `${Math.round(run.medianMs)} ms${run.medianCpuMs === undefined ? "" : ` (${run.medianCpuMs} ms)`}${above ? `, +${Math.round(run.aboveFloorMs)} ms` : ""}`;
  return { floor: cell(startup.floor, false), first: cell(startup.first, true), cached: cell(startup.cached, true) };
}

/**
 * The targets of issue 9 that these reports can decide, one line each ending in `holds` or `MISSED`.
 *
 * @param reports - one per size
 */
export function checkTargets(reports: SizeReport[]): string[] {
  const lines: string[] = [];
  const large = reports.find((r) => r.size === "large");
  const medium = reports.find((r) => r.size === "medium");
  // On a busy machine wall time measures the queue; CPU time (user + system) is what an idle
  // machine would roughly take. Each time target is judged on wall time, with the CPU-time
  // judgement appended when it is known.
  const both = (text: string, wallOk: boolean, cpuText: string | undefined, cpuOk: boolean | undefined): string =>
    `${text}: ${mark(wallOk)}${cpuText !== undefined && cpuOk !== undefined ? `; by CPU time ${cpuText}: ${mark(cpuOk)}` : ""}`;
  const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  if (large?.e2eAuditMs !== undefined) {
    const cpu = large.e2eAuditCpuMs;
    lines.push(both(`large audit --no-cache end to end ${sec(large.e2eAuditMs)} (target < 20 s)`, large.e2eAuditMs < 20_000, cpu === undefined ? undefined : sec(cpu), cpu === undefined ? undefined : cpu < 20_000));
    lines.push(floorTarget("large audit --no-cache", large.e2eAuditMs, cpu, large, AUDIT_FLOOR_TIMES));
    for (const [name, run] of [["large audit, first run storing the cache entry,", large.e2eAuditStoring], ["large audit, model from the cache entry,", large.e2eAuditCached]] as const) {
      if (run) lines.push(floorTarget(name, run.ms, run.cpuMs, large, AUDIT_FLOOR_TIMES));
    }
    const peaks = [large.e2eAuditPeakRssMb, large.e2eAuditStoring?.peakRssMb, large.e2eAuditCached?.peakRssMb].filter((mb): mb is number => mb !== undefined);
    if (peaks.length > 0) lines.push(`large audit peak RSS ${peaks.join(" / ")} MB (--no-cache / storing / cached; target < 1,024 MB): ${mark(Math.max(...peaks) < 1024)}`);
  }
  if (large?.e2eReportMs !== undefined) lines.push(floorTarget("large report --no-svg", large.e2eReportMs, large.e2eReportCpuMs, large, REPORT_COST_FLOOR_TIMES));
  if (large?.e2eCostMs !== undefined) lines.push(floorTarget("large cost", large.e2eCostMs, large.e2eCostCpuMs, large, REPORT_COST_FLOOR_TIMES));
  if (large && medium) {
    const total = (r: SizeReport): number => r.e2eAuditMs ?? r.loadMs + r.buildMs + r.auditMs;
    const growth = total(large) / total(medium);
    const cpuGrowth = large.e2eAuditCpuMs !== undefined && medium.e2eAuditCpuMs !== undefined ? large.e2eAuditCpuMs / medium.e2eAuditCpuMs : undefined;
    lines.push(both(`growth medium → large ${growth.toFixed(1)}× for 10× the estate (target ≤ 12×)`, growth <= 12, cpuGrowth === undefined ? undefined : `${cpuGrowth.toFixed(1)}×`, cpuGrowth === undefined ? undefined : cpuGrowth <= 12));
  }
  if (medium?.e2eAuditMs !== undefined) {
    for (const [name, ms, cpu] of [["check", medium.e2eCheckMs, medium.e2eCheckCpuMs], ["diff", medium.e2eDiffMs, medium.e2eDiffCpuMs]] as const) {
      if (ms === undefined) continue;
      const auditCpu = medium.e2eAuditCpuMs;
      const cpuRatio = cpu !== undefined && auditCpu ? cpu / auditCpu : undefined;
      lines.push(both(`medium ${name} end to end = ${(ms / medium.e2eAuditMs).toFixed(1)}× audit (target ≤ 3×)`, ms <= 3 * medium.e2eAuditMs, cpuRatio === undefined ? undefined : `${cpuRatio.toFixed(1)}×`, cpuRatio === undefined ? undefined : cpuRatio <= 3));
    }
  }
  const startup = reports.find((r) => r.startup !== undefined)?.startup;
  if (startup) lines.push(...startupTargets(startup));
  return lines;
}

/**
 * The Markdown table docs/performance.md shows, one column per size.
 *
 * @param reports - one per size
 */
export function toTable(reports: SizeReport[]): string {
  const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
  const s = (ms: number | undefined): string => (ms === undefined ? "–" : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
  // Wall time, with CPU time (user + system) in brackets when known.
  const wc = (ms: number | undefined, cpu: number | undefined): string => (cpu === undefined || ms === undefined ? s(ms) : `${s(ms)} (${s(cpu)})`);
  // Wall (CPU), peak RSS, and wall ÷ the floor.
  const run = (e: E2eRun | undefined, r: SizeReport): string => (e === undefined ? "–" : `${wc(e.ms, e.cpuMs)}, ${e.peakRssMb ?? "–"} MB, ${(e.ms / r.floorMs).toFixed(1)}×`);
  const rows: [string, (r: SizeReport) => string][] = [
    ["JSON read (MB, files)", (r) => `${mb(r.bytes)} MB, ${r.files}`],
    ["floor: read + JSON.parse", (r) => wc(r.floorMs, r.cpu?.floorMs)],
    ["load (`loadModel`, no cache)", (r) => wc(r.loadMs, r.cpu?.loadMs)],
    ["build (`createAnalyzer`)", (r) => wc(r.buildMs, r.cpu?.buildMs)],
    ["audit (`runAudit`)", (r) => wc(r.auditMs, r.cpu?.auditMs)],
    ["verdicts / findings", (r) => `${r.verdicts} / ${r.findings}`],
    ["single query p50 / p99", (r) => `${s(r.queryP50Ms)} / ${s(r.queryP99Ms)}`],
    ["peak RSS (bench process)", (r) => `${r.peakRssMb} MB`],
    ["`vpcreach audit --json --no-cache`, end to end", (r) => wc(r.e2eAuditMs, r.e2eAuditCpuMs)],
    ["… its output", (r) => (r.e2eAuditOutputMb === undefined ? "–" : `${r.e2eAuditOutputMb} MB`)],
    ["… its peak RSS", (r) => (r.e2eAuditPeakRssMb === undefined ? "–" : `${r.e2eAuditPeakRssMb} MB`)],
    ["… end to end ÷ floor", (r) => (r.e2eAuditMs === undefined ? "–" : `${(r.e2eAuditMs / r.floorMs).toFixed(1)}×`)],
    ["`vpcreach audit --json`, first run: builds and stores the cache entry", (r) => run(r.e2eAuditStoring, r)],
    ["`vpcreach audit --json` again, model from the cache entry", (r) => run(r.e2eAuditCached, r)],
    ["Node start-up floor (`node -e 0`), median", (r) => startupCells(r.startup).floor],
    ["`vpcreach query` (ml-platform), empty cache, median", (r) => startupCells(r.startup).first],
    ["`vpcreach query` again, through the cache, median", (r) => startupCells(r.startup).cached],
    ["`vpcreach check` (notebooks × 4, findings), end to end, model from the cache entry", (r) => wc(r.e2eCheckMs, r.e2eCheckCpuMs)],
    ["`vpcreach report --no-svg`, end to end", (r) => wc(r.e2eReportMs, r.e2eReportCpuMs)],
    ["… its peak RSS", (r) => (r.e2eReportPeakRssMb === undefined ? "–" : `${r.e2eReportPeakRssMb} MB`)],
    ["`vpcreach cost --json`, end to end", (r) => wc(r.e2eCostMs, r.e2eCostCpuMs)],
    ["`vpcreach diff` (estate vs itself), end to end", (r) => wc(r.e2eDiffMs, r.e2eDiffCpuMs)],
    ["load average (2 cores)", (r) => (r.loadAverage === undefined ? "–" : String(r.loadAverage))],
  ];
  const header = `| | ${reports.map((r) => r.size).join(" | ")} |\n|---|${reports.map(() => "---:").join("|")}|`;
  return [header, ...rows.map(([label, f]) => `| ${label} | ${reports.map(f).join(" | ")} |`)].join("\n");
}
