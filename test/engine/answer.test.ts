/**
 * `Analyzer.answer` (a query without its proof) says what `query` says: the same verdict, explanation
 * and endpoint URL, and the same forward path's components and types — for every notebook and
 * instance of every fixture, to the standard destinations, an AWS service and an address; and it
 * carries none of the proof (return path, packet headers).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyzer, STANDARD_DESTINATIONS } from "../../src/engine/index.js";
import type { Answer, Verdict } from "../../src/engine/verdict.js";
import { loadModel } from "../../src/snapshot/load.js";
import { networkFixtures } from "../helpers/fixtures.js";

/** What an answer and a verdict share. */
function said(v: Answer | Verdict) {
  return { verdict: v.verdict, explanation: v.explanation, requiresEndpointUrl: v.requiresEndpointUrl, path: v.path.map((h) => `${h.type}:${h.component}:${h.name ?? ""}`) };
}

describe("Analyzer.answer", () => {
  const fixtures = networkFixtures();

  it("says what query says on every fixture", async () => {
    expect(fixtures.length).toBeGreaterThan(10);
    let compared = 0;
    const kinds = new Set<string>();
    for (const fixture of fixtures) {
      const model = await loadModel(join("fixtures", fixture));
      const sources = [...[...model.notebooks.keys()].map((id) => `notebook/${id}`), ...model.instances.keys()];
      const destinations = [...STANDARD_DESTINATIONS, "service:sts", "10.0.1.10:22"];
      // Fresh analyzers: neither answer reuses what the other computed.
      const proof = createAnalyzer(model);
      const brief = createAnalyzer(model);
      for (const from of sources) {
        for (const to of destinations) {
          const verdict = proof.query({ from, to });
          const answer = brief.answer({ from, to });
          expect(said(answer), `${fixture}: ${from} → ${to}`).toEqual(said(verdict));
          kinds.add(answer.verdict);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
    expect([...kinds].sort()).toEqual(["reachable", "unknown", "unreachable"]);
  });

  it("builds no return path and no packet headers", async () => {
    const model = await loadModel("fixtures/nat-notebook");
    const from = `notebook/${[...model.notebooks.keys()][0]}`;
    const analyzer = createAnalyzer(model);
    const verdict = analyzer.query({ from, to: "internet" });
    const answer = analyzer.answer({ from, to: "internet" }) as Answer & Partial<Verdict>;
    expect(verdict.verdict).toBe("reachable");
    expect(verdict.path.some((h) => h.outbound !== undefined)).toBe(true);
    expect(answer.path.some((h) => "outbound" in h && h.outbound !== undefined)).toBe(false);
    expect(answer.returnPath ?? []).toEqual([]);
  });
});
