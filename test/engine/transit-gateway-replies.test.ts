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
import { hairpinOnByPeering, hairpinThroughTgw, hub, world } from "../reference/world.js";
import { naclEntry, networkAcl, route, sgRule, subnet, type ModelParts } from "../generators/model-builder.js";

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
      p.transitGatewayAttachments[0]!.applianceModeSupport = "disable";
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

describe("a request the transit gateway routes back into its own VPC (fuzz seed 2 run 1653)", () => {
  // No AWS page says a transit gateway routes traffic back to the attachment it came from, and the
  // replies come back by the VPC's local route, not through it: unknown, saying so, never a verdict.
  it.each([
    ["to the VPC's gateway endpoint: its replies come back by the local route", hairpinThroughTgw, "s3", { component: "vpce-s3", type: "gateway-endpoint", direction: "return", code: "UNSUPPORTED_COMPONENT" }, "tgw-1 routes the request back into vpc-a by att-a, the attachment it came from, and vpc-a sends it on by vpce-s3"],
    ["on by a peering connection: its replies come back by the peering and the local route", hairpinOnByPeering, "10.1.1.10:443", { component: "pcx-ab", type: "vpc-peering-connection", direction: "return", code: "UNSUPPORTED_COMPONENT" }, "the replies to 10.0.4.10/32 come back by pcx-ab and vpc-a's local route, not through tgw-1"],
    ["to the internet by the VPC's NAT gateway: its replies too", hairpinThroughTgw, "8.8.8.8:443", { component: "rtb-pub", type: "route-table", direction: "return", code: "UNSUPPORTED_COMPONENT" }, "an asymmetric return path"],
  ] as const)("is unknown %s", (_n, tweak, to, blockedAt, says) => {
    const v = createAnalyzer(hub(tweak)).query({ from: "i-0s11", to, protocol: "tcp" });
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt).toMatchObject(blockedAt);
    expect(v.explanation).toContain(says);
  });

  it("names the client's route table in the fix", () => {
    const v = createAnalyzer(hub(hairpinThroughTgw)).query({ from: "i-0s11", to: "s3", protocol: "tcp" });
    expect(v.fix).toContain("route 10.0.4.10/32' traffic to vpce-s3 from rtb-spoke directly, so that it does not cross tgw-1");
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

describe("appliance mode (Options.ApplianceModeSupport)", () => {
  /**
   * B's attachment subnets: one in the sender's zone (us-east-1b), one in the replier's (us-east-1a)
   * whose NACL admits the replies inbound but, `closed`, refuses everything outbound.
   */
  const twoZones = (mode: "enable" | "disable" | undefined, closed: boolean) => hub((p) => {
    const open = [naclEntry(100, true, "allow", "all", "0.0.0.0/0"), naclEntry(100, false, "allow", "all", "0.0.0.0/0")];
    p.subnets.push(subnet("subnet-bb", "vpc-b", "10.1.2.0/24", "us-east-1b"), subnet("subnet-ba", "vpc-b", "10.1.3.0/24", "us-east-1a"));
    p.networkAcls.push(networkAcl("acl-bb", "vpc-b", { subnetIds: ["subnet-bb"], entries: open }), networkAcl("acl-ba", "vpc-b", { subnetIds: ["subnet-ba"], entries: closed ? [naclEntry(100, false, "allow", "all", "0.0.0.0/0")] : open }));
    p.transitGatewayAttachments[1]!.subnetIds = ["subnet-bb", "subnet-ba"];
    p.transitGatewayAttachments[1]!.applianceModeSupport = mode;
    p.transitGatewayAttachments[0]!.applianceModeSupport = "disable";
  });
  /** The destination 10.1.1.10 is outside both attachment subnets of B, so each one's NACL applies. */
  const askOut = (model: ReturnType<typeof hub>) => createAnalyzer(model).query({ from: "i-0a11", to: "10.1.1.10:443", protocol: "tcp" });

  it("off: the subnet in the sender's zone delivers; the other zone's NACL outbound does not matter", () => {
    expect(askOut(twoZones("disable", true)).verdict).toBe(ask(hub()).verdict);
  });

  it("on: the flow hash may pick the subnet in another zone, whose NACL refuses the traffic, so the answer is unknown naming the flow hash", () => {
    const v = askOut(twoZones("enable", true));
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt).toMatchObject({ component: "att-b", type: "transit-gateway-attachment", code: "TGW_ROUTE_AZ_RESTRICTION" });
    expect(v.explanation).toContain("flow hash");
  });

  it("on: subnets that treat the traffic alike give the answer every choice gives", () => {
    expect(askOut(twoZones("enable", false)).verdict).toBe(ask(hub()).verdict);
  });

  it("not given: unknown naming the option only where the choices disagree", () => {
    const v = askOut(twoZones(undefined, true));
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt).toMatchObject({ component: "att-b", code: "MISSING_DATA" });
    expect(v.explanation).toContain("Options.ApplianceModeSupport");
    expect(askOut(twoZones(undefined, false)).verdict).toBe(ask(hub()).verdict);
  });

  it("on the source attachment: the replies may come back by any of its subnets, and one refusing them makes the answer unknown", () => {
    const model = hub((p) => {
      strictPrivateAcl(p);
      p.transitGatewayAttachments[0]!.applianceModeSupport = "enable";
      p.transitGatewayAttachments[0]!.subnetIds = ["subnet-priv", "subnet-pub"];
      p.transitGatewayAttachments[1]!.applianceModeSupport = "disable";
    });
    const v = ask(model);
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt).toMatchObject({ component: "att-a", direction: "return", code: "TGW_ROUTE_AZ_RESTRICTION" });
  });
});

describe("an outbound rule naming another VPC's group", () => {
  /** sg-app's only outbound rule names sg-b (VPC B's group, possible over the peering connection). */
  const egressByReference = (p: Required<ModelParts>) => {
    p.securityGroups.find((g) => g.id === "sg-app")!.egress = [sgRule("sg-app", "egress", "tcp", "sg-b", [443, 443])];
  };

  it("does not match traffic a transit gateway carries (AWS: group references through a transit gateway are inbound only)", () => {
    const v = ask(hub(egressByReference));
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ component: "sg-app", type: "security-group", code: "SG_REFERENCES_NOT_PRESERVED", direction: "forward" });
    expect(v.explanation).toContain("inbound rules only");
  });

  it("matches over the VPC peering connection, where AWS supports it", () => {
    const v = createAnalyzer(world(egressByReference)).query({ from: "i-0a11", to: "10.1.1.10:443", protocol: "tcp" });
    expect(v.verdict).toBe("reachable");
    expect(v.path.map((h) => h.component)).toContain("pcx-ab");
  });

  it("a CIDR rule beside it still admits the traffic across the transit gateway", () => {
    const v = ask(hub((p) => {
      egressByReference(p);
      p.securityGroups.find((g) => g.id === "sg-app")!.egress.push(sgRule("sg-app", "egress", "tcp", "10.1.0.0/16", [443, 443]));
    }));
    expect(v.verdict).toBe("reachable");
  });
});
