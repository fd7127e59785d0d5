/**
 * The benchmark's presentation logic on given numbers (no timing happens here): nearest-rank
 * percentiles, the target verdicts of issue 9, and the table layout.
 */
import { describe, expect, it } from "vitest";
import { percentile } from "../../bench/bench.js";
import { checkTargets, toTable, type SizeReport } from "../../bench/report.js";

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

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const samples = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(percentile(samples, 0.5)).toBe(100);
    expect(percentile(samples, 0.99)).toBe(198);
    expect(percentile([7], 0.99)).toBe(7);
    expect(Number.isNaN(percentile([], 0.5))).toBe(true);
  });
});

describe("checkTargets", () => {
  it("passes a large audit under 20 s, within 10× the floor, under 2 GB, and linear growth", () => {
    const lines = checkTargets([
      report("medium", { e2eAuditMs: 1500 }),
      report("large", { floorMs: 1800, e2eAuditMs: 15_000, e2eAuditPeakRssMb: 900, e2eQueryMs: 200, queryHeavyImports: [] }),
    ]);
    expect(lines).toHaveLength(6);
    expect(lines.every((line) => line.includes("holds"))).toBe(true);
  });

  it("flags each missed target", () => {
    const lines = checkTargets([
      report("medium", { e2eAuditMs: 1000 }),
      report("large", { floorMs: 1000, e2eAuditMs: 25_000, e2eAuditPeakRssMb: 3000, e2eQueryMs: 450, queryHeavyImports: ["@aws-sdk/client-ec2"] }),
    ]);
    expect(lines.filter((line) => line.includes("MISSED"))).toHaveLength(6);
    expect(lines.join("\n")).toContain("@aws-sdk/client-ec2");
  });

  it("judges time targets on wall time and, when known, on CPU time too", () => {
    const lines = checkTargets([
      report("medium", { e2eAuditMs: 9000, e2eAuditCpuMs: 2000 }),
      report("large", { floorMs: 3000, e2eAuditMs: 40_000, e2eAuditCpuMs: 14_000, cpu: { floorMs: 2500, loadMs: 1, buildMs: 1, auditMs: 1 }, e2eQueryMs: 900, e2eQueryCpuMs: 250, queryHeavyImports: [] }),
    ]);
    expect(lines[0]).toBe("large audit end to end 40.0 s (target < 20 s): MISSED; by CPU time 14.0 s: holds");
    expect(lines[1]).toBe("large audit end to end = 13.3× the floor (target ≤ 10×): MISSED; by CPU time 5.6×: holds");
    expect(lines[2]).toBe("growth medium → large 4.4× for 10× the estate (target ≤ 12×): holds; by CPU time 7.0×: holds");
    expect(lines[3]).toBe("vpcreach query on fixtures/ml-platform 900 ms (target < 300 ms): MISSED; by CPU time 250 ms: holds");
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
    expect(lines.find((l) => l.startsWith("| `vpcreach audit --json`, end to end"))).toBe("| `vpcreach audit --json`, end to end | – | 12.35 s (11.00 s) |");
    expect(lines.find((l) => l.startsWith("| floor"))).toBe("| floor: read + JSON.parse | 1.00 s (900 ms) | 1.00 s (900 ms) |");
  });
});
