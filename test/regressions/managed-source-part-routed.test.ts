/**
 * Regression (found by the fuzzer, seed 5152 run 1040, features dns-rules and studio): a
 * direct-internet notebook reaches a public IP of its own network back in from the
 * SageMaker-managed network, whose public source address is SageMaker's and in no snapshot. The
 * destination subnet's table routes most of the internet back through the internet gateway but one
 * range elsewhere. The engine required the replies to route back for every possible source address
 * and said `unreachable`, naming the whole internet: a confident verdict the data does not support
 * (from an address outside that range the connection works). Only part routed back is `unknown`,
 * naming the part that is not; none routed back stays `unreachable`.
 * The fuzzer's own network is replayed by generated-cases.test.ts
 * (cases/seed5152-run1040-managed-source-part-routed-features-dns-studio.json): there the range
 * routed elsewhere is an S3 range of another Region, which the managed network never sends from.
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { indexModel } from "../../src/model/indexes.js";
import { compare, describeComparison } from "../property/compare.js";
import { world } from "../reference/world.js";
import { route, sgRule } from "../generators/model-builder.js";
import type { ModelParts } from "../generators/model-builder.js";

const QUERY = { from: "nb-direct", dstIp: "54.1.1.10", protocol: "tcp" as const, port: 443, clientPort: 40000, natPort: 40000 };

/** The reference world with the web server open to the internet on 443 and `destination` of its subnet's table a blackhole. */
function network(destination: string) {
  return world((p: Required<ModelParts>) => {
    p.securityGroups[0]!.ingress.push(sgRule("sg-app", "ingress", "tcp", "0.0.0.0/0", [443, 443], 1));
    const table = p.routeTables.find((t) => t.id === "rtb-pub")!;
    table.routes = [...table.routes.filter((r) => !(r.destination.kind === "cidr" && r.destination.cidr === destination)), route(destination, { kind: "igw", id: "igw-a" }, "blackhole")];
  });
}

describe("a direct-internet notebook reaching its own network's public IP, replies routed back for part of the managed addresses", () => {
  it("is unknown, naming the part not routed back and why the source address is not known (unreachable only when none is)", () => {
    const model = network("8.0.0.0/8");
    const verdict = createAnalyzer(model).query({ from: QUERY.from, to: `${QUERY.dstIp}:443`, protocol: "tcp", port: 443 });
    expect(verdict.verdict).toBe("unknown");
    expect(verdict.blockedAt).toMatchObject({ component: "rtb-pub", direction: "return" });
    expect(verdict.explanation).toContain("not 8.0.0.0/8");
    expect(verdict.explanation).toContain("SageMaker-managed public address");
    expect(verdict.explanation).not.toContain("1.0.0.0/8");
    // The reference walks one managed address per part of the address space: the worlds differ.
    const c = compare((q) => createAnalyzer(model).query(q), model, indexModel(model), QUERY);
    expect(c.reference.cls, describeComparison(c)).toBe("unmodeled");
    // No possible address routed back: a confident block.
    expect(createAnalyzer(network("0.0.0.0/0")).query({ from: QUERY.from, to: `${QUERY.dstIp}:443`, protocol: "tcp", port: 443 }).verdict).toBe("unreachable");
  });
});
