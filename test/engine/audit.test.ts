/**
 * `runAudit` / `startAudit` over a stub analyzer: which sources are audited and in what order, one
 * cell per standard destination, `unknown` cells for sources the engine rejects, findings sorted by
 * severity, the internet verdicts reused by the findings instead of asked twice, and the findings
 * of every fixture the same from the kept summaries (`reachSummary`) as from whole verdicts.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditSources, runAudit, startAudit } from "../../src/engine/audit.js";
import { FINDING_RULES } from "../../src/engine/findings/index.js";
import { sortFindings } from "../../src/engine/findings/types.js";
import type { Analyzer, ReachabilityQuery } from "../../src/engine/index.js";
import { createAnalyzer, STANDARD_DESTINATIONS } from "../../src/engine/index.js";
import type { Verdict } from "../../src/engine/verdict.js";
import { InputError } from "../../src/model/errors.js";
import { indexModel } from "../../src/model/indexes.js";
import type { Instance, Model } from "../../src/model/types.js";
import { loadModel } from "../../src/snapshot/load.js";
import { makeModel, notebook, SCOPE } from "./findings/model.js";
import { blockedByAcl, reachableViaNat } from "./findings/verdicts.js";

const instance = (id: string, state = "running"): Instance => ({
  id,
  scope: SCOPE,
  name: undefined,
  tags: {},
  origin: { file: "test", jsonPath: "$" },
  state,
  vpcId: "vpc-1",
  subnetId: "subnet-private",
  privateIp: "10.0.1.20",
  publicIp: undefined,
  networkInterfaceIds: [],
  securityGroupIds: ["sg-1"],
});

/** An analyzer answering "internet reachable, everything else blocked", recording each query. */
function stubAnalyzer(model: Model, reject: string[] = []): Analyzer & { queries: ReachabilityQuery[] } {
  const queries: ReachabilityQuery[] = [];
  return {
    model,
    index: indexModel(model),
    queries,
    query(q) {
      queries.push(q);
      if (reject.includes(q.from)) throw new InputError(`unknown source ${q.from}`);
      const source = q.from.replace(/^notebook\//, "");
      const verdict: Verdict = q.to === "internet" ? reachableViaNat(source) : blockedByAcl(source);
      return { ...verdict, destination: { ...verdict.destination, spec: q.to } };
    },
  };
}

function modelWith(): Model {
  const model = makeModel({ notebooks: [notebook({ id: "zeta" }), notebook({ id: "alpha", rootAccess: true, directInternetAccess: true })] });
  const instances = new Map([
    ["i-b", instance("i-b")],
    ["i-a", instance("i-a", "stopped")],
    ["i-gone", instance("i-gone", "terminated")],
  ]);
  return { ...model, instances };
}

describe("audit", () => {
  it("audits notebooks by name, then live instances by id only with instances", () => {
    const model = modelWith();
    expect(auditSources(model)).toEqual(["alpha", "zeta"]);
    expect(auditSources(model, { instances: true })).toEqual(["alpha", "zeta", "i-a", "i-b"]);
  });

  it("asks every source about every standard destination, notebooks as notebook/NAME", () => {
    const analyzer = stubAnalyzer(modelWith());
    const result = runAudit(analyzer, { instances: true });
    expect(result.rows.map((row) => row.source.id)).toEqual(["alpha", "zeta", "i-a", "i-b"]);
    for (const row of result.rows) expect(Object.keys(row.cells)).toEqual([...STANDARD_DESTINATIONS]);
    expect(result.rows[0]?.cells.internet?.verdict).toBe("reachable");
    expect(result.rows[0]?.cells.s3?.verdict).toBe("unreachable");
    expect(analyzer.queries.slice(0, 4).map((q) => `${q.from}→${q.to}`)).toEqual(STANDARD_DESTINATIONS.map((d) => `notebook/alpha→${d}`));
  });

  it("reuses the rows' internet verdicts for the findings instead of asking again", () => {
    const analyzer = stubAnalyzer(modelWith());
    runAudit(analyzer);
    expect(analyzer.queries).toHaveLength(2 * STANDARD_DESTINATIONS.length);
  });

  it("turns a source the engine rejects into unknown cells naming the error", () => {
    const result = runAudit(stubAnalyzer(modelWith(), ["notebook/zeta"]));
    const zeta = result.rows[1];
    expect(zeta?.source).toEqual({ id: "zeta", type: "notebook" });
    for (const verdict of Object.values(zeta?.cells ?? {})) {
      expect(verdict.verdict).toBe("unknown");
      expect(verdict.explanation).toContain("unknown source notebook/zeta");
    }
  });

  it("lists findings most severe first, including the reachability-based ones", () => {
    const { findings } = runAudit(stubAnalyzer(modelWith()));
    const severities = findings.map((finding) => finding.severity);
    expect(severities).toEqual([...severities].sort((a, b) => ["high", "medium", "low", "info"].indexOf(a) - ["high", "medium", "low", "info"].indexOf(b)));
    const rules = findings.map((finding) => `${finding.rule}:${finding.resource}`);
    expect(rules).toContain("notebook-direct-internet:alpha");
    expect(rules).toContain("notebook-root-access:alpha");
    expect(rules).toContain("notebook-vpc-only-internet:zeta");
    expect(rules).not.toContain("notebook-vpc-only-internet:alpha");
  });

  it("computes nothing until rows or findings are asked for", () => {
    const analyzer = stubAnalyzer(modelWith());
    const run = startAudit(analyzer);
    expect(run.sources).toEqual(["alpha", "zeta"]);
    expect(analyzer.queries).toHaveLength(0);
  });

  it("gives every fixture's findings from the summaries it keeps, as from whole verdicts", async () => {
    const fixtures = Object.keys(JSON.parse(await readFile("fixtures/expected-verdicts.json", "utf8")) as Record<string, unknown>);
    let reachBased = 0;
    for (const fixture of fixtures) {
      const analyzer = createAnalyzer(await loadModel(join("fixtures", fixture)));
      const run = startAudit(analyzer);
      for (const row of run.rowsJson()) expect(row.length).toBeGreaterThan(0);
      // The findings over whole verdicts, each asked of the analyzer afresh.
      const whole = { verdict: (source: string, destination: string) => analyzer.query({ from: `notebook/${source}`, to: destination }) };
      const expected = sortFindings(FINDING_RULES.flatMap((rule) => rule.check(analyzer.index, whole)));
      expect(run.findings(), fixture).toEqual(expected);
      reachBased += expected.filter((finding) => ["notebook-no-sagemaker", "notebook-vpc-only-internet", "role-s3-through-internet"].includes(finding.rule)).length;
    }
    // The fixtures exercise the findings that read verdicts.
    expect(reachBased).toBeGreaterThan(3);
  });
});
