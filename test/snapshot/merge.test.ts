/** mergeCopies: which fields of two differing copies conflict, and which ids they put in doubt. */
import { describe, expect, it } from "vitest";
import { mergeCopies } from "../../src/snapshot/merge.js";

const table = (routes: unknown[], subnetIds: string[]) => ({ id: "rtb-1", subnetIds, routes, tags: {}, name: undefined });

describe("mergeCopies", () => {
  it("a subnet only one copy associates is disputed: its table is the question", () => {
    const result = mergeCopies(table([], ["subnet-1", "subnet-2"]), table([], ["subnet-1"]));
    expect(result).toEqual({ conflicts: ["subnetIds"], disputedIds: ["subnet-2"] });
  });

  it("a route target only one copy names is not: traffic meets it through the table, itself in doubt", () => {
    const current = table([{ destination: "0.0.0.0/0", target: "nat-1", state: "active" }], ["subnet-1"]);
    const earlier = table([{ destination: "0.0.0.0/0", target: "nat-0", state: "blackhole" }], ["subnet-1"]);
    expect(mergeCopies(current, earlier)).toEqual({ conflicts: ["routes"], disputedIds: [] });
  });
});
