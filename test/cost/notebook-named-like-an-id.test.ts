/**
 * The estimate asks the engine about a notebook as `notebook/NAME`: SageMaker lets a notebook be named
 * like an instance or network interface id (`i-0eb1`), and a bare name finds that instance first, so the
 * notebook's traffic was priced on the instance's path (its internet gateway instead of the notebook's
 * NAT gateway).
 */
import { describe, expect, it } from "vitest";
import { exitOf, outcomeOf } from "../../src/cost/flows.js";
import { createAnalyzer } from "../../src/engine/index.js";
import { notebook } from "../generators/model-builder.js";
import { world } from "../reference/world.js";

/** World A with its private notebook renamed after the public instance i-0eb1. */
function notebookNamedLikeInstance() {
  return world((p) => {
    const nbEni = p.networkInterfaces.find((e) => e.id === "eni-nb")!;
    p.notebooks = [notebook("i-0eb1", nbEni, false)];
  });
}

describe("a notebook named like an instance id", () => {
  it("is priced on its own path (the NAT gateway), not the instance's (the internet gateway)", () => {
    const analyzer = createAnalyzer(notebookNamedLikeInstance());
    expect(outcomeOf(analyzer, "i-0eb1", "internet").exit).toMatchObject({ route: "nat-gateway", via: "nat-a" });
    // The instance itself leaves by the internet gateway: the two paths differ, so the test can tell them apart.
    expect(exitOf(analyzer.answer({ from: "i-0eb1", to: "internet" }), analyzer.index).route).toBe("internet-gateway");
  });
});
