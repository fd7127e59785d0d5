/**
 * Presents benchmark results: the Markdown table of docs/performance.md and the verdict on each
 * target of issue 9 (large audit end to end under 20 s and within 10× the floor, peak RSS under
 * 2 GB, medium → large growth at most 12×, `vpcreach query` under 300 ms without heavy imports).
 */
import type { BenchResult } from "./bench.js";

export interface SizeReport extends BenchResult {
  e2eAuditMs?: number;
  e2eAuditCpuMs?: number | undefined;
  e2eAuditPeakRssMb?: number;
  e2eAuditExitCode?: number | null;
  e2eAuditOutputMb?: number;
  e2eQueryMs?: number;
  /** `vpcreach check` (notebooks × 4 destinations and the findings), end to end. */
  e2eCheckMs?: number;
  e2eCheckCpuMs?: number | undefined;
  /** `vpcreach diff` of the estate against itself, end to end. */
  e2eDiffMs?: number;
  e2eDiffCpuMs?: number | undefined;
  e2eQueryCpuMs?: number | undefined;
  e2eQueryMinMs?: number;
  queryHeavyImports?: string[];
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
  const mark = (ok: boolean): string => (ok ? "holds" : "MISSED");
  // On a busy machine wall time measures the queue; CPU time (user + system) is what an idle
  // machine would roughly take. Each time target is judged on wall time, with the CPU-time
  // judgement appended when it is known.
  const both = (text: string, wallOk: boolean, cpuText: string | undefined, cpuOk: boolean | undefined): string =>
    `${text}: ${mark(wallOk)}${cpuText !== undefined && cpuOk !== undefined ? `; by CPU time ${cpuText}: ${mark(cpuOk)}` : ""}`;
  const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  if (large?.e2eAuditMs !== undefined) {
    const cpu = large.e2eAuditCpuMs;
    lines.push(both(`large audit end to end ${sec(large.e2eAuditMs)} (target < 20 s)`, large.e2eAuditMs < 20_000, cpu === undefined ? undefined : sec(cpu), cpu === undefined ? undefined : cpu < 20_000));
    const ratio = large.e2eAuditMs / large.floorMs;
    const cpuRatio = cpu !== undefined && large.cpu ? cpu / large.cpu.floorMs : undefined;
    lines.push(both(`large audit end to end = ${ratio.toFixed(1)}× the floor (target ≤ 10×)`, ratio <= 10, cpuRatio === undefined ? undefined : `${cpuRatio.toFixed(1)}×`, cpuRatio === undefined ? undefined : cpuRatio <= 10));
    if (large.e2eAuditPeakRssMb !== undefined) lines.push(`large audit peak RSS ${large.e2eAuditPeakRssMb} MB (target < 2,048 MB): ${mark(large.e2eAuditPeakRssMb < 2048)}`);
  }
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
  const withQuery = reports.find((r) => r.e2eQueryMs !== undefined);
  if (withQuery?.e2eQueryMs !== undefined) {
    const cpu = withQuery.e2eQueryCpuMs;
    lines.push(both(`vpcreach query on fixtures/ml-platform ${withQuery.e2eQueryMs} ms (target < 300 ms)`, withQuery.e2eQueryMs < 300, cpu === undefined ? undefined : `${cpu} ms`, cpu === undefined ? undefined : cpu < 300));
    const heavy = withQuery.queryHeavyImports ?? [];
    lines.push(`query imports AWS SDK/Mermaid/browsers: ${heavy.length === 0 ? "none (holds)" : `${heavy.join(", ")} (MISSED)`}`);
  }
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
  const rows: [string, (r: SizeReport) => string][] = [
    ["JSON read (MB, files)", (r) => `${mb(r.bytes)} MB, ${r.files}`],
    ["floor: read + JSON.parse", (r) => wc(r.floorMs, r.cpu?.floorMs)],
    ["load (`loadModel`)", (r) => wc(r.loadMs, r.cpu?.loadMs)],
    ["build (`createAnalyzer`)", (r) => wc(r.buildMs, r.cpu?.buildMs)],
    ["audit (`runAudit`)", (r) => wc(r.auditMs, r.cpu?.auditMs)],
    ["verdicts / findings", (r) => `${r.verdicts} / ${r.findings}`],
    ["single query p50 / p99", (r) => `${s(r.queryP50Ms)} / ${s(r.queryP99Ms)}`],
    ["peak RSS (bench process)", (r) => `${r.peakRssMb} MB`],
    ["`vpcreach audit --json`, end to end", (r) => wc(r.e2eAuditMs, r.e2eAuditCpuMs)],
    ["… its output", (r) => (r.e2eAuditOutputMb === undefined ? "–" : `${r.e2eAuditOutputMb} MB`)],
    ["… its peak RSS", (r) => (r.e2eAuditPeakRssMb === undefined ? "–" : `${r.e2eAuditPeakRssMb} MB`)],
    ["… end to end ÷ floor", (r) => (r.e2eAuditMs === undefined ? "–" : `${(r.e2eAuditMs / r.floorMs).toFixed(1)}×`)],
    ["`vpcreach query` (ml-platform), median", (r) => wc(r.e2eQueryMs, r.e2eQueryCpuMs)],
    ["`vpcreach check` (notebooks × 4, findings), end to end", (r) => wc(r.e2eCheckMs, r.e2eCheckCpuMs)],
    ["`vpcreach diff` (estate vs itself), end to end", (r) => wc(r.e2eDiffMs, r.e2eDiffCpuMs)],
    ["load average (2 cores)", (r) => (r.loadAverage === undefined ? "–" : String(r.loadAverage))],
  ];
  const header = `| | ${reports.map((r) => r.size).join(" | ")} |\n|---|${reports.map(() => "---:").join("|")}|`;
  return [header, ...rows.map(([label, f]) => `| ${label} | ${reports.map(f).join(" | ")} |`)].join("\n");
}
