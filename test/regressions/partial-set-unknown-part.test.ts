/**
 * Regression (found by the fuzzer, seed 424242 run 1634, once the reference reasoned by cases over
 * a prefix list without entries): a set question (a VPC CIDR) whose route table also routes the
 * S3 prefix list, listed in the snapshot without its entries. The engine proved one address
 * reachable and could not decide the others (the list might hold them), yet answered "reachable,
 * subset" with "the rest is not reachable": a confident claim on data it did not read. In fact the
 * rest is reachable: an AWS-managed list holds only the service's public ranges. The engine must
 * name the undecided part (`reachableSubset.unknownAddresses`) and not call it unreachable.
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { world } from "../reference/world.js";
import { evaluatePacket } from "../reference/evaluate.js";
import { anyCidrContains } from "../reference/ipv4.js";

const model = world((p) => {
  p.prefixLists[0]!.cidrs = undefined;
});

describe("a partly reachable set whose other part the engine cannot decide", () => {
  it("names the undecided part instead of calling it unreachable", () => {
    const verdict = createAnalyzer(model).query({ from: "i-0a11", to: "10.0.0.0/16:22", protocol: "tcp", port: 22 });
    expect(verdict.verdict).toBe("reachable");
    expect(verdict.reachableSubset?.addresses).toEqual(["10.0.2.11/32", "10.0.2.50/31"]);
    const unknownPart = verdict.reachableSubset?.unknownAddresses ?? [];
    expect(anyCidrContains(unknownPart, "10.0.1.10"), unknownPart.join(", ")).toBe(true);
    expect(verdict.explanation).not.toContain("the rest is not reachable");
  });

  it("is right to: the reference delivers to an address of the undecided part", () => {
    const outcome = evaluatePacket(model, { from: "i-0a11", dstIp: "10.0.1.10", protocol: "tcp", dstPort: 22, clientPort: 40000, natPort: 40000 });
    expect(outcome).toMatchObject({ kind: "delivered", reached: "eni-0eb1", assumed: ["prefix list pl-s3 has no entries in the snapshot"] });
  });
});
