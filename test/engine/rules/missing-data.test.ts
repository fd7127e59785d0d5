/** missing-data: absent data kinds, failed collect calls, dangling ids. */
import { describe, expect, it } from "vitest";
import * as missing from "../../../src/engine/rules/missing-data.js";
import { TestModel } from "../helpers/model-builder.js";

describe(missing.meta.name, () => {
  it("absent data, a failed call, and a dangling id", () => {
    const t = new TestModel();
    t.vpc("10.0.0.0/16");
    expect(missing.requireData(t.build(), t.scope, "routeTables", "x")).toBeUndefined();
    t.without("routeTables");
    expect(missing.requireData(t.build(), t.scope, "routeTables", "x")?.message).toContain("describe-route-tables");
    t.m.collectErrors = [{ account: undefined, region: "us-east-1", service: "ec2", operation: "DescribeNatGateways", code: "Throttling", message: "slow" }];
    expect(missing.requireData(t.build(), t.scope, "natGateways", "x")?.message).toContain("Throttling");
    expect(missing.missingResource(t.build(), t.scope, "vpcEndpoints", "vpce-9", "rtb-1").code).toBe("UNKNOWN_RESOURCE");
  });

  const origins = [{ file: "a.json", jsonPath: "$.RouteTables[0]" }, { file: "b.json", jsonPath: "$.RouteTables[0]" }];
  it.each([
    ["missing-key", "rtb-1 has no Routes key", "MISSING_DATA", "collect rtb-1 again with the complete API output (a.json and b.json)"],
    ["conflict", "rtb-1 differs between a.json and b.json", "CONFLICTING_DATA", "keep one copy of rtb-1 (in a.json and b.json), or collect both inputs again at the same time"],
    ["plan-part", "the plan changes a route of rtb-1 it does not hold", "MISSING_DATA", "add the Terraform resource of rtb-1 to the plan (import it), or collect rtb-1 again after apply"],
  ] as const)("a resource in doubt (%s): unknown with its own code, the doubt as message, and a fix", (kind, message, code, fix) => {
    const block = missing.doubtfulResource({ id: "rtb-1", kind, message, origins });
    expect(block).toMatchObject({ code, message, fix, unknown: true, rule: { kind: "implicit", ref: "rtb-1", text: message } });
  });
});
