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
});
