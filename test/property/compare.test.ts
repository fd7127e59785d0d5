/**
 * Tests of the comparison rules themselves (test/property/compare.ts and compare-sets.ts), with a
 * stand-in engine that answers what each test needs, on the reference's hand-built world.
 */
import { describe, expect, it } from "vitest";
import { indexModel } from "../../src/model/indexes.js";
import type { Verdict } from "../../src/engine/verdict.js";
import { naclEntry, networkAcl, route } from "../generators/model-builder.js";
import { world } from "../reference/world.js";
import { compare, referenceAnswer } from "./compare.js";
import { compareSet } from "./compare-sets.js";
import { addCoverage, describeCoverage, emptyCoverage, judgedShare } from "./coverage.js";
import type { ResolvedQuery } from "../generators/packets.js";

function engineSaying(verdict: Verdict["verdict"], extra: Partial<Verdict> = {}) {
  return () =>
    ({
      verdict,
      source: { id: "x", type: "instance" },
      destination: { spec: "x", type: "address", addresses: [] },
      protocol: "tcp",
      port: 443,
      path: [],
      returnPath: [],
      explanation: "stand-in",
      warnings: [],
      ...extra,
    }) as Verdict;
}

const query = (dstIp: string, from = "i-0a11"): ResolvedQuery => ({ from, dstIp, protocol: "tcp", port: 443, clientPort: 40000, natPort: 40000 });

describe("single-address comparison", () => {
  const model = world();
  const index = indexModel(model);

  it("requires reachable for a delivered packet and unreachable for a dropped one", () => {
    expect(compare(engineSaying("reachable"), model, index, query("8.8.8.8")).agree).toBe(true);
    expect(compare(engineSaying("unreachable"), model, index, query("8.8.8.8")).agree).toBe(false);
    expect(compare(engineSaying("unreachable"), model, index, query("192.168.1.1", "i-0eb1")).agree).toBe(true);
    expect(compare(engineSaying("reachable"), model, index, query("192.168.1.1", "i-0eb1")).agree).toBe(false);
    expect(compare(engineSaying("unknown"), model, index, query("8.8.8.8")).agree).toBe(false);
  });

  it("classifies a NACL admitting only part of the client's ephemeral range as mixed, answered unreachable", () => {
    const partial = world((p) => {
      p.networkAcls.push(networkAcl("acl-priv", "vpc-a", { subnetIds: ["subnet-priv"], entries: [naclEntry(100, true, "allow", "all", "0.0.0.0/0"), naclEntry(100, false, "allow", "tcp", "0.0.0.0/0", [49152, 65535])] }));
    });
    const partialIndex = indexModel(partial);
    expect(referenceAnswer(partial, partialIndex, query("8.8.8.8")).cls).toBe("mixed");
    expect(compare(engineSaying("unreachable"), partial, partialIndex, query("8.8.8.8")).agree).toBe(true);
    expect(compare(engineSaying("reachable"), partial, partialIndex, query("8.8.8.8")).agree).toBe(false);
  });

  it("accepts any answer, unknown included, where the reference cannot model the packet", () => {
    const tgw = world((p) => {
      p.routeTables[2]!.routes.push(route("192.168.0.0/16", { kind: "transit-gateway", id: "tgw-1" }));
    });
    const tgwIndex = indexModel(tgw);
    for (const answer of ["unknown", "reachable", "unreachable"] as const) {
      expect(compare(engineSaying(answer), tgw, tgwIndex, query("192.168.1.1")).agree).toBe(true);
    }
  });

  it("accepts unknown besides the verdict the reference reached by cases over missing data", () => {
    const missing = world((p) => {
      p.prefixLists[0]!.cidrs = undefined;
    });
    const missingIndex = indexModel(missing);
    expect(referenceAnswer(missing, missingIndex, query("52.216.5.5"))).toMatchObject({ cls: "delivered", assumed: true });
    expect(compare(engineSaying("unknown"), missing, missingIndex, query("52.216.5.5")).agree).toBe(true);
    expect(compare(engineSaying("reachable"), missing, missingIndex, query("52.216.5.5")).agree).toBe(true);
    expect(compare(engineSaying("unreachable"), missing, missingIndex, query("52.216.5.5")).agree).toBe(false);
  });

  it("counts an engine error as a disagreement", () => {
    const failing = () => {
      throw new Error("boom");
    };
    expect(compare(failing, model, index, query("8.8.8.8"))).toMatchObject({ engine: "error", agree: false });
  });
});

describe("set comparison", () => {
  const model = world();
  const index = indexModel(model);
  const set = { from: "i-0a11", to: "10.0.2.0/24", protocol: "tcp" as const, port: 22, clientPort: 40000, natPort: 40000, samples: ["10.0.2.11", "10.0.2.99"] };
  // A route more specific than the local route (middlebox routing, not modeled by the reference) makes 10.0.2.96/28 undecidable.
  const middlebox = world((p) => {
    p.routeTables[2]!.routes.push(route("10.0.2.96/28", { kind: "transit-gateway", id: "tgw-1" }));
  });
  const middleboxIndex = indexModel(middlebox);

  it("requires the addresses inside reachableSubset to be delivered and the others not", () => {
    const right = engineSaying("reachable", { reachableSubset: { addresses: ["10.0.2.11/32"], ports: ["22"], note: "" } });
    expect(compareSet(right, model, index, set).agree).toBe(true);
    const wrong = engineSaying("reachable", { reachableSubset: { addresses: ["10.0.2.99/32"], ports: ["22"], note: "" } });
    expect(compareSet(wrong, model, index, set).agree).toBe(false);
  });

  it("accepts any reference answer for an address in the part the engine could not decide, when that part is undecidable", () => {
    const undecided = engineSaying("reachable", { reachableSubset: { addresses: ["10.0.2.11/32"], ports: ["22"], note: "", unknownAddresses: ["10.0.2.99/32"] } });
    const c = compareSet(undecided, middlebox, middleboxIndex, { ...set, samples: ["10.0.2.11", "10.0.2.50"] });
    expect(c.agree).toBe(false);
    const d = compareSet(undecided, middlebox, middleboxIndex, set);
    expect(d.agree).toBe(true);
    expect(d.checks.filter((x) => x.engineUndecided).map((x) => x.address)).toEqual(["10.0.2.99"]);
  });

  it("rejects an undecided part where the reference decides every address (a gratuitous partial unknown)", () => {
    const undecided = engineSaying("reachable", { reachableSubset: { addresses: ["10.0.2.11/32"], ports: ["22"], note: "", unknownAddresses: ["10.0.2.99/32"] } });
    const c = compareSet(undecided, model, index, set);
    expect(c.checks.every((x) => x.agree)).toBe(true);
    expect(c.agree).toBe(false);
  });

  it("samples a large set at its end as well as its start", () => {
    const wide = compareSet(engineSaying("unreachable"), model, index, { ...set, to: "52.216.0.0/15", samples: [] });
    expect(wide.checks.map((x) => x.address)).toEqual(["52.216.0.7", "52.216.0.250", "52.217.255.249"]);
  });

  it("accepts unknown for the whole set when a part no sample falls in is undecidable", () => {
    const c = compareSet(engineSaying("unknown"), middlebox, middleboxIndex, { ...set, samples: [] });
    expect(c.checks.map((x) => x.reference.cls)).not.toContain("unmodeled");
    expect(c.agree).toBe(true);
  });

  it("rejects unknown for a set whose every part the reference decides (a gratuitous unknown)", () => {
    expect(compareSet(engineSaying("unknown"), model, index, set).agree).toBe(false);
    expect(compareSet(engineSaying("unknown"), model, index, { ...set, samples: [] }).agree).toBe(false);
  });

  it("still rejects a wrong confident verdict for a set with an undecidable part", () => {
    expect(compareSet(engineSaying("reachable"), middlebox, middleboxIndex, { ...set, samples: [] }).agree).toBe(false);
    expect(compareSet(engineSaying("unreachable"), middlebox, middleboxIndex, { ...set, samples: ["10.0.2.11"] }).agree).toBe(false);
    expect(compareSet(engineSaying("unreachable"), middlebox, middleboxIndex, { ...set, samples: [] }).agree).toBe(true);
  });

  it("reads reachable without a subset as the whole set", () => {
    expect(compareSet(engineSaying("reachable"), model, index, set).agree).toBe(false);
    expect(compareSet(engineSaying("unreachable"), model, index, { ...set, samples: ["10.0.2.99"] }).agree).toBe(true);
  });
});

describe("judged share", () => {
  const model = world((p) => {
    p.routeTables[2]!.routes.push(route("192.168.0.0/16", { kind: "transit-gateway", id: "tgw-1" }));
  });
  const index = indexModel(model);

  it("counts the definite engine answers the reference judged, and tallies abstentions by reason without ids", () => {
    const coverage = emptyCoverage();
    const comparisons = [
      compare(engineSaying("reachable"), model, index, query("8.8.8.8")),
      compare(engineSaying("unreachable"), model, index, query("192.168.1.1")),
      compare(engineSaying("unreachable"), model, index, query("192.168.1.2")),
      compare(engineSaying("unknown"), model, index, query("192.168.1.3")),
    ];
    addCoverage(coverage, { model, comparisons, setComparisons: [], disagreements: [] });
    expect(coverage).toMatchObject({ definite: 3, judged: 1 });
    expect(judgedShare(coverage)).toBeCloseTo(1 / 3);
    expect([...coverage.reasons]).toEqual([["forward: transit gateway tgw-… is not in the snapshot [missing data]", 2]]);
    expect(describeCoverage(coverage)[0]).toContain("(33.33%)");
  });

  it("counts every sampled address of a definite set answer", () => {
    const coverage = emptyCoverage();
    const set = { from: "i-0a11", to: "192.168.1.0/24", protocol: "tcp" as const, port: 443, clientPort: 40000, natPort: 40000, samples: ["192.168.1.7"] };
    const setComparison = compareSet(engineSaying("unreachable"), world(), indexModel(world()), set);
    addCoverage(coverage, { model, comparisons: [], setComparisons: [setComparison], disagreements: [] });
    // The sample and the set's own edges (192.168.1.7, .250 and .249).
    expect(coverage).toMatchObject({ setDefinite: 3, setJudged: 3 });
  });
});
