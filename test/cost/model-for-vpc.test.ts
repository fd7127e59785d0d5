/** modelForVpc: the part of a model one VPC's egress depends on; the whole model behind a transit gateway. */
import { describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { modelForVpc } from "../../src/cost/what-if-draft.js";
import { loadModel } from "../../src/snapshot/load.js";

const FIXTURES = resolve(import.meta.dirname, "../../fixtures");

describe("modelForVpc", () => {
  it("keeps only the VPC's own part when it has no transit gateway attachment", async () => {
    const model = await loadModel(`${FIXTURES}/ml-platform`);
    const vpc = [...model.vpcs.keys()][0] as string;
    const part = modelForVpc(model, vpc);
    expect([...part.vpcs.keys()]).toEqual([vpc]);
  });

  it("keeps the whole model for a spoke attached to a transit gateway (its egress and endpoints are in other VPCs)", async () => {
    const model = await loadModel(`${FIXTURES}/hub-and-spoke`);
    const spoke = [...model.vpcs.values()].find((v) => v.name === "spoke-a");
    expect(spoke).toBeDefined();
    const part = modelForVpc(model, spoke?.id ?? "");
    expect(part.vpcs.size).toBe(model.vpcs.size);
    expect(part.vpcEndpoints.size).toBe(model.vpcEndpoints.size);
  });
});
