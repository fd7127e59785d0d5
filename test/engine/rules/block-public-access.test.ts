/** block-public-access: the account's mode, exclusions and missing data, for each way traffic meets the IGW. */
import { describe, expect, it } from "vitest";
import * as bpa from "../../../src/engine/rules/block-public-access.js";
import { TestModel } from "../helpers/model-builder.js";
import type { BpaBlockMode, BpaExclusion } from "../../../src/model/types.js";

type Crossing = bpa.IgwCrossing;
type Exclusion = { on: "subnet" | "vpc"; mode: BpaExclusion["mode"]; state?: string };

/** A VPC with one subnet, the given mode and exclusions; checks one crossing. */
function check(mode: BpaBlockMode | undefined, crossing: Crossing, exclusions: Exclusion[] = [], opts: { exclusionsCollected?: boolean; exclusionsAllowed?: boolean; subnetState?: BpaBlockMode } = {}) {
  const b = new TestModel();
  const vpc = b.vpc("10.0.0.0/16");
  const subnet = b.subnet(vpc, "10.0.1.0/24");
  if (mode) b.blockPublicAccess(mode, opts);
  for (const e of exclusions) b.bpaExclusion(e.on === "subnet" ? subnet : vpc, e.mode, e.state);
  const model = b.build();
  const record = model.subnets.get(subnet);
  if (!record) throw new Error("no subnet");
  if (opts.subnetState) record.blockPublicAccessMode = opts.subnetState;
  return bpa.checkBlockPublicAccess(model, record, crossing, "igw-1");
}

describe(bpa.meta.name, () => {
  it.each([
    // mode, crossing, exclusions, admitted
    ["off", "direct-egress", [], true],
    ["off", "inbound", [], true],
    ["block-bidirectional", "direct-egress", [], false],
    ["block-bidirectional", "nat-egress", [], false],
    ["block-bidirectional", "inbound", [], false],
    ["block-ingress", "nat-egress", [], true],
    ["block-ingress", "direct-egress", [], false],
    ["block-ingress", "inbound", [], false],
    ["block-bidirectional", "nat-egress", [{ on: "subnet", mode: "allow-egress" }], true],
    ["block-bidirectional", "nat-egress", [{ on: "vpc", mode: "allow-egress" }], true],
    ["block-bidirectional", "direct-egress", [{ on: "subnet", mode: "allow-egress" }], false],
    ["block-bidirectional", "inbound", [{ on: "subnet", mode: "allow-egress" }], false],
    ["block-bidirectional", "inbound", [{ on: "vpc", mode: "allow-bidirectional" }], true],
    ["block-ingress", "direct-egress", [{ on: "subnet", mode: "allow-bidirectional" }], true],
    ["block-ingress", "inbound", [{ on: "subnet", mode: "allow-egress" }], false],
    ["block-bidirectional", "nat-egress", [{ on: "subnet", mode: "allow-egress", state: "delete-complete" }], false],
  ] as [BpaBlockMode, Crossing, Exclusion[], boolean][])("%s, %s, exclusions %j: admitted %s", (mode, crossing, exclusions, admitted) => {
    const result = check(mode, crossing, exclusions);
    expect(result.block === undefined).toBe(admitted);
    if (mode === "off") expect(result).toEqual({});
    else if (admitted) expect(result.evidence?.text).toContain(mode);
    else expect(result.block?.code).toBe("VPC_BLOCK_PUBLIC_ACCESS_ENABLED");
  });

  it("names the mode, the subnet and the exclusion command in a block", () => {
    const block = check("block-bidirectional", "nat-egress").block;
    expect(block?.message).toMatch(/^VPC Block Public Access \(block-bidirectional\) drops NAT gateway traffic through igw-1: subnet-\S+ has no exclusion/);
    expect(block?.fix).toMatch(/create-vpc-block-public-access-exclusion --subnet-id subnet-\S+ --internet-gateway-exclusion-mode allow-egress/);
    expect(block?.unknown).toBeUndefined();
  });

  it("ignores exclusions an Organization's declarative policy disallows", () => {
    const result = check("block-bidirectional", "nat-egress", [{ on: "subnet", mode: "allow-bidirectional" }], { exclusionsAllowed: false });
    expect(result.block?.code).toBe("VPC_BLOCK_PUBLIC_ACCESS_ENABLED");
    expect(result.block?.fix).toContain("declarative policy");
  });

  it("is unknown when a blocking mode meets missing exclusions or an exclusion in progress", () => {
    const missing = check("block-bidirectional", "nat-egress", [], { exclusionsCollected: false });
    expect([missing.block?.code, missing.block?.unknown]).toEqual(["MISSING_DATA", true]);
    expect(missing.block?.message).toContain("describe-vpc-block-public-access-exclusions");
    const pending = check("block-bidirectional", "nat-egress", [{ on: "subnet", mode: "allow-egress", state: "create-in-progress" }]);
    expect([pending.block?.code, pending.block?.unknown]).toEqual(["MISSING_DATA", true]);
    // Exclusions do not matter when the mode admits the traffic anyway.
    expect(check("block-ingress", "nat-egress", [], { exclusionsCollected: false }).block).toBeUndefined();
  });

  it("reads the subnet's BlockPublicAccessStates when the account options are absent", () => {
    const result = check(undefined, "direct-egress", [], { subnetState: "block-ingress" });
    expect(result.block?.unknown).toBe(true);
    expect(result.block?.rule.text).toContain("BlockPublicAccessStates of subnet-");
    expect(check(undefined, "direct-egress", [], { subnetState: "off" }).block).toBeUndefined();
  });

  it("warns, and does not block, when the snapshot holds no BPA setting", () => {
    const result = check(undefined, "nat-egress");
    expect(result.block).toBeUndefined();
    expect(result.warning).toContain("describe-vpc-block-public-access-options");
  });
});
