/**
 * The round trip a user makes: `collect` a live network (here: the loopback server answering with a
 * fixture), then read the snapshot. The model built from the collected snapshot must equal the one
 * built from the fixture's describe-* folder, and the engine must give the same verdicts on both.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collect } from "../../src/collect/collect.js";
import { writeSnapshotFile } from "../../src/snapshot/file.js";
import { loadModel } from "../../src/snapshot/load.js";
import type { Model } from "../../src/model/types.js";
import { createAnalyzer } from "../../src/engine/index.js";
import { readWireNetwork, type WireNetwork } from "./wire-network.js";
import { denied, startWireServer, type Fault, type WireRequest, type WireServer } from "./wire-server.js";
import { applyEnv, awsTestEnv } from "./aws-env.js";

const FIXTURES = "fixtures";

interface Expected {
  from: string;
  to: string;
  verdict: string;
}

const expectedVerdicts = JSON.parse(readFileSync(join(FIXTURES, "expected-verdicts.json"), "utf8")) as Record<string, Expected[]>;
const fixtureNames = Object.keys(expectedVerdicts).filter((name) => existsSync(join(FIXTURES, name)));

/** Region folders of a fixture (`us-east-1/`, …). */
function regionsOf(fixture: string): string[] {
  return readdirSync(join(FIXTURES, fixture)).filter((name) => /^[a-z]{2}(-[a-z]+)+-\d+$/.test(name));
}

let folder: string;
let restoreEnv: (() => void) | undefined;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "vpcreach-round-trip-"));
});

afterAll(() => {
  restoreEnv?.();
  rmSync(folder, { recursive: true, force: true });
});

/** Collects a fixture through the wire and writes the snapshot; returns its path. */
async function collectFixture(fixture: string, fault?: (request: WireRequest) => Fault | undefined): Promise<string> {
  const networks: Record<string, WireNetwork> = {};
  for (const region of regionsOf(fixture)) networks[region] = readWireNetwork(join(FIXTURES, fixture, region));
  const server: WireServer = await startWireServer({ networks, pageSize: 3, ...(fault ? { fault } : {}) });
  restoreEnv = applyEnv(awsTestEnv(server.url));
  try {
    const result = await collect({ regions: Object.keys(networks), toolVersion: "test" });
    if (!fault) expect(result.snapshot.errors).toEqual([]);
    const path = join(folder, `${fixture}-${fault ? "faulty" : "complete"}.json`);
    await writeSnapshotFile(path, result.snapshot);
    return path;
  } finally {
    restoreEnv();
    restoreEnv = undefined;
    await server.close();
  }
}

/** A model's resources without where they were read from (file and JSON path differ by design). */
function comparable(model: Model): Record<string, unknown> {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value instanceof Map) return Object.fromEntries([...value].map(([key, member]) => [String(key), strip(member)]));
    if (value instanceof Set) return [...value].sort();
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "origin").map(([key, member]) => [key, strip(member)]));
    }
    return value;
  };
  const { source: _source, warnings: _warnings, dataPresent: _dataPresent, ...resources } = model;
  return strip(resources) as Record<string, unknown>;
}

describe("collect → snapshot → model round trip", () => {
  it.each(fixtureNames)("%s: the collected snapshot loads into the same model as the fixture folder", async (fixture) => {
    const snapshot = await collectFixture(fixture);
    const fromSnapshot = await loadModel(snapshot);
    const fromFolder = await loadModel(join(FIXTURES, fixture));
    expect(comparable(fromSnapshot)).toEqual(comparable(fromFolder));
    // The collector asks for every kind, so it knows more kinds are present (e.g. no transit gateways).
    for (const [scope, kinds] of fromFolder.dataPresent) {
      for (const kind of kinds) expect(fromSnapshot.dataPresent.get(scope)?.has(kind), `${scope} ${kind}`).toBe(true);
    }
  });

  it("gives the same verdicts on the collected snapshot as on each fixture folder", async () => {
    const seen = new Set<string>();
    for (const fixture of fixtureNames) {
      const snapshot = await collectFixture(fixture);
      const collected = createAnalyzer(await loadModel(snapshot));
      const original = createAnalyzer(await loadModel(join(FIXTURES, fixture)));
      for (const { from, to } of expectedVerdicts[fixture] ?? []) {
        const a = collected.query({ from, to });
        const b = original.query({ from, to });
        expect(JSON.stringify(a), `${fixture}: ${from} → ${to}`).toBe(JSON.stringify(b));
        seen.add(a.verdict);
      }
    }
    // Not trivially equal: the fixtures' answers span the verdicts.
    expect(seen.has("reachable") && seen.has("unreachable")).toBe(true);
  });

  it("a denied call makes the answers that depend on it unknown, naming the call that failed", async () => {
    const snapshot = await collectFixture("nat-notebook", (request) => (request.action === "DescribeNatGateways" ? denied(request.action) : undefined));
    const model = await loadModel(snapshot);
    expect(model.collectErrors).toEqual([expect.objectContaining({ operation: "DescribeNatGateways", code: "UnauthorizedOperation" })]);
    const verdict = createAnalyzer(model).query({ from: "nat-notebook", to: "internet" });
    expect(verdict.verdict).toBe("unknown");
    expect(verdict.explanation).toMatch(/nat-gateways.*UnauthorizedOperation|UnauthorizedOperation.*NatGateways/i);
  });
});
