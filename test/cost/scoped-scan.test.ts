/**
 * `costEstate` for some VPCs on a model it has not priced yet reads only their records (each design
 * model of the alternatives is priced once, for its VPC or its Region's VPCs): the same estate as when
 * the whole model was scanned first, on every fixture, for every VPC alone and for all of them, with
 * traffic so that flows are priced too.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { costEstate } from "../../src/cost/estate.js";
import { loadBundledPriceTable } from "../../src/cost/price-table.js";
import { parseTrafficSpec } from "../../src/cost/traffic.js";
import { loadModel } from "../../src/snapshot/load.js";
import { networkFixtures } from "../helpers/fixtures.js";

describe("costEstate for chosen VPCs", () => {
  it("prices them alike whether or not the whole model was scanned first, on every fixture", async () => {
    const prices = loadBundledPriceTable();
    const traffic = { default: parseTrafficSpec("internet=200,s3=1000,sagemaker=300"), perVpc: {} };
    let compared = 0;
    for (const fixture of networkFixtures()) {
      const model = await loadModel(join("fixtures", fixture));
      const scopes = [...[...model.vpcs.keys()].map((id) => [id]), [...model.vpcs.keys()]];
      for (const vpcIds of scopes) {
        // A fresh analyzer: its model has not been scanned, so only the chosen VPCs are.
        const scoped = costEstate(createAnalyzer(model), { prices, traffic, vpcIds });
        const scanned = createAnalyzer(model);
        costEstate(scanned, { prices, traffic });
        expect(scoped, `${fixture}: ${vpcIds.join(", ")}`).toEqual(costEstate(scanned, { prices, traffic, vpcIds }));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(30);
  });
});
