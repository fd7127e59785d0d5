/**
 * The benchmark's presentation logic on given numbers (no timing happens here): nearest-rank
 * percentiles, the target verdicts of issue 9, and the table layout.
 */
import { describe, expect, it } from "vitest";
import { percentile } from "../../bench/bench.js";
import { checkTargets, toTable, type SizeReport } from "../../bench/report.js";
import { childrenCpuMs, type StartupStats, type StartupTiming } from "../../bench/e2e.js";

function report(size: string, overrides: Partial<SizeReport>): SizeReport {
  return {
    size,
    bytes: 1e6,
    files: 10,
    floorMs: 1000,
    loadMs: 2000,
    buildMs: 300,
    auditMs: 4000,
    verdicts: 40,
    findings: 3,
    queries: 200,
    queryP50Ms: 0.5,
    queryP99Ms: 4,
    queryErrors: 0,
    peakRssMb: 100,
    cpu: { floorMs: 900, loadMs: 1900, buildMs: 250, auditMs: 3900 },
    loadAverage: 1.5,
    ...overrides,
  };
}

/** Start-up runs with the given medians (wall, CPU) for the floor, the first query and the cached one. */
function startup(first: [number, number], cached: [number, number], heavyImports: string[] = []): StartupTiming {
  const floorMs = 90;
  const stats = ([ms, cpu]: [number, number]): StartupStats => ({ medianMs: ms, minMs: ms - 5, medianCpuMs: cpu, aboveFloorMs: ms - floorMs, exitCodes: [0] });
  return { runs: 20, loadAverage: 2.5, floor: stats([floorMs, 80]), first: stats(first), cached: stats(cached), heavyImports };
}

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const samples = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(percentile(samples, 0.5)).toBe(100);
    expect(percentile(samples, 0.99)).toBe(198);
    expect(percentile([7], 0.99)).toBe(7);
    expect(Number.isNaN(percentile([], 0.5))).toBe(true);
  });
});

describe("childrenCpuMs", () => {
  it("adds the children's user and system time from bash's times, to the millisecond", () => {
    expect(childrenCpuMs("0m0.004s 0m0.002s\n0m0.081s 0m0.023s\n")).toBe(104);
    expect(childrenCpuMs("0m0.000s 0m0.000s\n1m2.5005s 0m0.000s\n")).toBe(62500.5);
  });

  it("is undefined when the output is not times'", () => {
    expect(childrenCpuMs("")).toBeUndefined();
    expect(childrenCpuMs("0m0.004s 0m0.002s\n")).toBeUndefined();
  });
});

describe("checkTargets", () => {
  it("passes a large audit under 20 s, within 3× the floor, under 1 GB, linear growth, and report and cost within 10×", () => {
    const lines = checkTargets([
      report("medium", { e2eAuditMs: 1500 }),
      report("large", {
        floorMs: 1800,
        e2eAuditMs: 5000,
        e2eAuditPeakRssMb: 900,
        e2eAuditStoring: { ms: 5300, cpuMs: undefined, peakRssMb: 950 },
        e2eAuditCached: { ms: 4000, cpuMs: undefined, peakRssMb: 800 },
        e2eReportMs: 15_000,
        e2eCostMs: 12_000,
        startup: startup([140, 130], [95, 90]),
      }),
    ]);
    expect(lines).toHaveLength(11);
    expect(lines.every((line) => line.includes("holds"))).toBe(true);
  });

  it("flags each missed target", () => {
    const lines = checkTargets([
      report("medium", { e2eAuditMs: 1000 }),
      report("large", {
        floorMs: 1000,
        e2eAuditMs: 25_000,
        e2eAuditPeakRssMb: 1100,
        e2eAuditStoring: { ms: 3100, cpuMs: undefined, peakRssMb: 900 },
        e2eAuditCached: { ms: 3050, cpuMs: undefined, peakRssMb: 900 },
        e2eReportMs: 20_000,
        e2eCostMs: 11_000,
        startup: startup([150, 150], [100, 100], ["@aws-sdk/client-ec2"]),
      }),
    ]);
    expect(lines.filter((line) => line.includes("MISSED"))).toHaveLength(11);
    expect(lines.join("\n")).toContain("@aws-sdk/client-ec2");
  });

  it("judges time targets on wall time and, when known, on CPU time too", () => {
    const lines = checkTargets([
      report("medium", { e2eAuditMs: 9000, e2eAuditCpuMs: 2000 }),
      report("large", { floorMs: 3000, e2eAuditMs: 40_000, e2eAuditCpuMs: 14_000, cpu: { floorMs: 2500, loadMs: 1, buildMs: 1, auditMs: 1 }, startup: startup([400, 140], [300, 99]) }),
    ]);
    expect(lines[0]).toBe("large audit --no-cache end to end 40.0 s (target < 20 s): MISSED; by CPU time 14.0 s: holds");
    expect(lines[1]).toBe("large audit --no-cache end to end 40.0 s = 13.3× the floor (target ≤ 3×): MISSED; by CPU time 14.0 s = 5.6×: MISSED (load average 1.5)");
    expect(lines[2]).toBe("growth medium → large 4.4× for 10× the estate (target ≤ 12×): holds; by CPU time 7.0×: holds");
    expect(lines[3]).toBe("vpcreach query on fixtures/ml-platform, empty cache, 400 ms, median of 20 (target < 150 ms): MISSED; by CPU time 140 ms: holds (Node's floor 90 ms, vpcreach adds 310 ms; load average 2.5)");
    expect(lines[4]).toBe("vpcreach query again, through the snapshot cache, 300 ms, median of 20 (target < 100 ms): MISSED; by CPU time 99 ms: holds (Node's floor 90 ms, vpcreach adds 210 ms; load average 2.5)");
  });

  it("says nothing about targets the reports cannot decide", () => {
    expect(checkTargets([report("small", {})])).toEqual([]);
  });
});

describe("toTable", () => {
  it("has one column per size and one row per measurement", () => {
    const table = toTable([report("small", {}), report("large", { e2eAuditMs: 12_345, e2eAuditCpuMs: 11_000 })]);
    const lines = table.split("\n");
    expect(lines[0]).toBe("| | small | large |");
    expect(lines.find((l) => l.startsWith("| `vpcreach audit --json --no-cache`, end to end"))).toBe("| `vpcreach audit --json --no-cache`, end to end | – | 12.35 s (11.00 s) |");
    expect(lines.find((l) => l.startsWith("| floor"))).toBe("| floor: read + JSON.parse | 1.00 s (900 ms) | 1.00 s (900 ms) |");
  });

  it("shows the audit's storing and cached runs as wall (CPU), peak RSS and wall ÷ floor", () => {
    const large = report("large", { floorMs: 2000, e2eAuditMs: 8000, e2eAuditStoring: { ms: 7000, cpuMs: 9000, peakRssMb: 600 }, e2eAuditCached: { ms: 5000, cpuMs: 6000, peakRssMb: 500 } });
    const lines = toTable([report("small", {}), large]).split("\n");
    expect(lines.find((l) => l.includes("first run"))).toBe("| `vpcreach audit --json`, first run: builds and stores the cache entry | – | 7.00 s (9.00 s), 600 MB, 3.5× |");
    expect(lines.find((l) => l.includes("model from the cache entry") && l.includes("audit"))).toBe("| `vpcreach audit --json` again, model from the cache entry | – | 5.00 s (6.00 s), 500 MB, 2.5× |");
    const targets = checkTargets([large]);
    expect(targets).toContain("large audit, first run storing the cache entry, end to end 7.0 s = 3.5× the floor (target ≤ 3×): MISSED; by CPU time 9.0 s = 10.0×: MISSED (load average 1.5)");
    expect(targets).toContain("large audit, model from the cache entry, end to end 5.0 s = 2.5× the floor (target ≤ 3×): holds; by CPU time 6.0 s = 6.7×: MISSED (load average 1.5)");
  });

  it("shows query start-up as median wall (CPU) and what vpcreach adds to Node's floor", () => {
    const lines = toTable([report("small", { startup: startup([140, 130], [95, 90]) }), report("large", {})]).split("\n");
    expect(lines.find((l) => l.startsWith("| Node start-up floor"))).toBe("| Node start-up floor (`node -e 0`), median | 90 ms (80 ms) | – |");
    expect(lines.find((l) => l.includes("empty cache"))).toBe("| `vpcreach query` (ml-platform), empty cache, median | 140 ms (130 ms), +50 ms | – |");
    expect(lines.find((l) => l.includes("through the cache"))).toBe("| `vpcreach query` again, through the cache, median | 95 ms (90 ms), +5 ms | – |");
  });
});
