/**
 * Every example network in fixtures/ loads, with no warnings and every Region and account known;
 * odd-data warns about exactly the copies that disagree, and lacks only the notebook's interface.
 */
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadModel } from "../../src/snapshot/load.js";
import { INCONSISTENT_FIXTURES, networkFixtures } from "../helpers/fixtures.js";

const FIXTURES = resolve(import.meta.dirname, "../../fixtures");
const names = networkFixtures();

describe("fixtures load", () => {
  it("there are example networks", () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
  });

  for (const name of names) {
    it(name, async () => {
      const model = await loadModel(join(FIXTURES, name));
      const odd = INCONSISTENT_FIXTURES.has(name);
      if (odd) expect(model.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^rtb-\S+ differs between .*describe-route-tables\.json .* and .*earlier-export\/describe-route-tables\.json .* in routes/), expect.stringMatching(/^eni-\S+ is claimed by two instances/)]);
      else expect(model.warnings).toEqual([]);
      expect(model.vpcs.size + model.notebooks.size).toBeGreaterThan(0);
      // Route 53 data (route53/ folders) is global: its scope's Region is `global`.
      for (const key of model.dataPresent.keys()) expect(key).toMatch(/^\d{12}\/([a-z]{2}-[a-z]+-\d|global)$/);
      // Only blackhole routes refer to resources the fixtures do not hold (a deleted NAT gateway or appliance).
      const blackholeTargets = new Set([...model.routeTables.values()].flatMap((t) => t.routes.filter((r) => r.state === "blackhole" && "id" in r.target).map((r) => `${t.id} ${"id" in r.target ? r.target.id : ""}`)));
      const dangling = model.danglingReferences.map((d) => `${d.fromId} ${d.field} ${d.missingId}`).filter((text) => !blackholeTargets.has(text.replace(" route target", "")));
      expect(dangling).toEqual(odd ? [expect.stringMatching(/^eniless-notebook notebook network interface eni-/)] : []);
    });
  }
});
