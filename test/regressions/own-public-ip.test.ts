/**
 * Regression (found by the fuzzer, seed 3, runs 97 and 554; shrunk by hand to the reference's test
 * world): a packet to a public IP that belongs to the network itself — a NAT gateway's Elastic IP,
 * an instance's public IP — leaves through the IGW and comes back in through the IGW of the VPC
 * owning that IP, where the owner's NACL and security groups apply and a NAT gateway refuses
 * unsolicited connections (Batfish nat-gateway expectation 3). The engine answered `reachable`
 * ("through igw") without looking at the owner. The engine must not claim `reachable` here.
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { indexModel } from "../../src/model/indexes.js";
import { compare, describeComparison } from "../property/compare.js";
import { world } from "../reference/world.js";
import { naclEntry, networkAcl, sgRule } from "../generators/model-builder.js";
import type { Model } from "../../src/model/types.js";

function check(model: Model, from: string, dstIp: string, port: number) {
  const analyzer = createAnalyzer(model);
  return compare((q) => analyzer.query(q), model, indexModel(model), { from, dstIp, protocol: "tcp", port, clientPort: 40000, natPort: 40000 });
}

describe("destinations that are public IPs of the network itself", () => {
  it("a NAT gateway's Elastic IP refuses a new connection (reference: dropped at nat-a)", () => {
    const c = check(world(), "i-0eb1", "3.3.3.3", 80);
    expect(c.reference.cls).toBe("dropped");
    expect(c.agree, describeComparison(c)).toBe(true);
  });

  it("an instance's own public IP is filtered by its security group (reference: dropped at sg-app)", () => {
    const c = check(world(), "i-0eb1", "54.1.1.10", 443);
    expect(c.reference.cls).toBe("dropped");
    expect(c.agree, describeComparison(c)).toBe(true);
  });

  it("the reply of a connection to the network's own public IP re-enters through the IGW and its NACL (fuzz seed 1, run 438)", () => {
    const model = world((p) => {
      p.securityGroups[0]!.ingress.push(sgRule("sg-app", "ingress", "tcp", "0.0.0.0/0", [443, 443], 1));
      p.networkAcls.push(
        networkAcl("acl-pub", "vpc-a", {
          subnetIds: ["subnet-pub"],
          entries: [naclEntry(100, true, "allow", "all", "0.0.0.0/0"), naclEntry(100, false, "allow", "tcp", "0.0.0.0/0", [443, 443]), naclEntry(200, false, "allow", "all", "10.0.0.0/16")],
        }),
      );
    });
    const c = check(model, "i-0eb1", "54.1.1.10", 443);
    expect(c.reference.sample).toMatchObject({ kind: "dropped", direction: "return", component: "acl-pub" });
    expect(c.agree, describeComparison(c)).toBe(true);
  });

  it("the reply re-entering through the IGW carries the public source address, not the private one (fuzz seed 3, run 10094)", () => {
    const model = world((p) => {
      p.securityGroups[0]!.ingress.push(sgRule("sg-app", "ingress", "tcp", "0.0.0.0/0", [443, 443], 1));
      p.networkAcls.push(
        networkAcl("acl-pub", "vpc-a", {
          subnetIds: ["subnet-pub"],
          entries: [naclEntry(10, false, "deny", "all", "10.0.1.0/24"), naclEntry(32000, false, "allow", "all", "0.0.0.0/0"), naclEntry(32000, true, "allow", "all", "0.0.0.0/0")],
        }),
      );
    });
    const c = check(model, "i-0eb1", "54.1.1.10", 443);
    expect(c.reference.cls).toBe("delivered");
    expect(c.agree, describeComparison(c)).toBe(true);
  });
});
