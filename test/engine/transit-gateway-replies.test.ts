/**
 * The engine's replies through a transit gateway, on the reference's small hub (VPC A and VPC B
 * joined by tgw-1): they come back by the source attachment's subnet in the zone they come from,
 * not necessarily the one the request left by ("traffic is kept to the originating Availability
 * Zone"); replies that take another way back are unknown; and a destination attachment without a
 * subnet in the traffic's zone gives unknown when its subnets treat the traffic differently.
 * Found by the fuzz (test/regressions/cases/seed13-run426-*, seed13-run419-*).
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { hub } from "../reference/world.js";
import { naclEntry, networkAcl, route, subnet, type ModelParts } from "../generators/model-builder.js";

/** A's private subnet admits inbound only what comes from inside VPC A. */
function strictPrivateAcl(p: Required<ModelParts>): void {
  p.networkAcls.push(networkAcl("acl-priv", "vpc-a", { subnetIds: ["subnet-priv"], entries: [naclEntry(100, true, "allow", "all", "0.0.0.0/0"), naclEntry(100, false, "allow", "all", "10.0.0.0/16")] }));
}

const ask = (model: ReturnType<typeof hub>) => createAnalyzer(model).query({ from: "i-0a11", to: "10.1.1.10:443", protocol: "tcp" });

describe("replies through a transit gateway", () => {
  it("come back by the attachment subnet in the replier's zone, crossing the sender subnet's NACL inbound", () => {
    const model = hub((p) => {
      strictPrivateAcl(p);
      p.transitGatewayAttachments[0]!.subnetIds = ["subnet-priv", "subnet-pub"];
    });
    const v = ask(model);
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ component: "acl-priv", direction: "return", code: "SUBNET_ACL_RESTRICTION" });
  });

  it("cross no NACL when they arrive in the sender's own subnet", () => {
    expect(ask(hub(strictPrivateAcl)).verdict).toBe("reachable");
  });

  it("are unknown when the destination routes them back by another way (here a peering connection)", () => {
    const model = hub((p) => {
      const table = p.routeTables.find((t) => t.id === "rtb-main-b")!;
      table.routes = [...table.routes.filter((r) => r.target.kind === "local"), route("10.0.0.0/16", { kind: "peering", id: "pcx-ab" }), route("10.0.0.0/8", { kind: "transit-gateway", id: "tgw-1" })];
    });
    const v = ask(model);
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt).toMatchObject({ component: "rtb-main-b", direction: "return", code: "UNSUPPORTED_COMPONENT" });
  });

  it("are refused outright when the destination has no route back at all", () => {
    const model = hub((p) => {
      const table = p.routeTables.find((t) => t.id === "rtb-main-b")!;
      table.routes = table.routes.filter((r) => r.target.kind === "local");
    });
    expect(ask(model)).toMatchObject({ verdict: "unreachable", blockedAt: { component: "rtb-main-b", code: "NO_ROUTE_TO_DESTINATION" } });
  });
});

describe("a destination attachment without a subnet in the traffic's zone", () => {
  it("gives unknown when its subnets treat the traffic differently (one holds the destination, the other's NACL refuses)", () => {
    const model = hub((p) => {
      p.subnets.push(subnet("subnet-bc", "vpc-b", "10.1.3.0/24", "us-east-1c"));
      p.networkAcls.push(networkAcl("acl-closed", "vpc-b", { subnetIds: ["subnet-bc"], entries: [] }));
      p.transitGatewayAttachments[1]!.subnetIds = ["subnet-b", "subnet-bc"];
    });
    expect(ask(model)).toMatchObject({ verdict: "unknown", blockedAt: { code: "TGW_ROUTE_AZ_RESTRICTION" } });
  });
});
