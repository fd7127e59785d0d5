/**
 * Unit tests of the reference evaluator's transit gateway hop (test/reference/transit-gateway.ts),
 * one AWS rule per test, on the hand-built world with VPC A and VPC B joined by a transit gateway
 * instead of their peering.
 */
import { describe, expect, it } from "vitest";
import { evaluatePacket, type RefOutcome } from "./evaluate.js";
import { hairpinOnByPeering, hairpinThroughTgw, hub, TGW, world } from "./world.js";
import { naclEntry, networkAcl, route, sgRule, subnet, type ModelParts } from "../generators/model-builder.js";
import type { Model } from "../../src/model/types.js";

function ask(model: Model, from: string, dstIp: string): RefOutcome {
  return evaluatePacket(model, { from, dstIp, protocol: "tcp", dstPort: 443, clientPort: 40000, natPort: 40000 });
}

describe("reference evaluator: transit gateway", () => {
  it("delivers between two attached VPCs by the associated table's propagated routes, and the reply back", () => {
    const outcome = ask(hub(), "i-0a11", "10.1.1.10");
    expect(outcome, JSON.stringify(outcome.steps)).toMatchObject({ kind: "delivered", reached: "eni-0b11" });
    expect(outcome.steps.join("\n")).toContain("tgw-rtb-1 selects 10.1.0.0/16 → att-b (propagated)");
  });

  it("drops a sender in a zone where its VPC's attachment has no subnet", () => {
    const model = hub((p) => {
      p.transitGatewayAttachments[0]!.subnetIds = ["subnet-pub"];
    });
    expect(ask(model, "i-0a11", "10.1.1.10")).toMatchObject({ kind: "dropped", code: "TGW_ROUTE_AZ_RESTRICTION", direction: "forward" });
  });

  it("drops at an attachment associated with no route table, and abstains when the association is not in the snapshot", () => {
    expect(ask(hub((p) => (p.transitGatewayAttachments[0]!.associations = [])), "i-0a11", "10.1.1.10")).toMatchObject({ kind: "dropped", code: "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION" });
    expect(ask(hub((p) => (p.transitGatewayAttachments[0]!.associations = undefined)), "i-0a11", "10.1.1.10")).toMatchObject({ kind: "unmodeled", missingData: true });
  });

  it("lets a static route beat a propagated one of the same prefix (a blackhole drops)", () => {
    const model = hub((p) => {
      p.transitGatewayRouteTables[0]!.routes.push({ destination: { kind: "cidr", cidr: "10.1.0.0/16" }, type: "static", state: "blackhole", attachmentIds: [] });
    });
    expect(ask(model, "i-0a11", "10.1.1.10")).toMatchObject({ kind: "dropped", code: "TGW_RTB_BAD_STATE_ROUTE" });
  });

  it("adds one route per CIDR of a propagating VPC when the table holds only static routes", () => {
    const model = hub((p) => {
      const table = p.transitGatewayRouteTables[0]!;
      table.routesGiven = "static";
      table.routes = [];
      table.propagations = [{ attachmentId: "att-a", resourceType: "vpc", resourceId: "vpc-a", state: "enabled" }, { attachmentId: "att-b", resourceType: "vpc", resourceId: "vpc-b", state: "enabled" }];
    });
    expect(ask(model, "i-0a11", "10.1.1.10")).toMatchObject({ kind: "delivered", reached: "eni-0b11" });
  });

  it("checks the attachment subnet's NACL inbound on the way in even when the sender shares that subnet", () => {
    const model = hub((p) => {
      p.networkAcls.push(networkAcl("acl-priv", "vpc-a", { subnetIds: ["subnet-priv"], entries: [naclEntry(100, true, "allow", "all", "0.0.0.0/0"), naclEntry(100, false, "allow", "all", "10.1.0.0/16")] }));
    });
    expect(ask(model, "i-0a11", "10.1.1.10")).toMatchObject({ kind: "dropped", component: "acl-priv", code: "SUBNET_ACL_RESTRICTION", direction: "forward" });
  });

  it("brings the reply back by the attachment subnet in the replier's zone: its NACL and the sender's apply unless that is the sender's subnet", () => {
    // Admits only what comes from inside VPC A: the reply from B is refused wherever this NACL is crossed inbound.
    const strict = (p: Required<ModelParts>) => p.networkAcls.push(networkAcl("acl-priv", "vpc-a", { subnetIds: ["subnet-priv"], entries: [naclEntry(100, true, "allow", "all", "0.0.0.0/0"), naclEntry(100, false, "allow", "all", "10.0.0.0/16")] }));
    // B replies from us-east-1a: A's attachment has subnet-pub there, so the reply crosses acl-priv inbound.
    const viaPub = hub((p) => {
      strict(p);
      p.transitGatewayAttachments[0]!.subnetIds = ["subnet-priv", "subnet-pub"];
    });
    expect(ask(viaPub, "i-0a11", "10.1.1.10")).toMatchObject({ kind: "dropped", component: "acl-priv", direction: "return" });
    // With only subnet-priv in the attachment, the reply arrives in the sender's own subnet: no NACL.
    expect(ask(hub(strict), "i-0a11", "10.1.1.10")).toMatchObject({ kind: "delivered" });
  });

  it("says the answer is undetermined when the destination attachment has no subnet in the zone and its subnets differ", () => {
    const model = hub((p) => {
      p.subnets.push(subnet("subnet-bc", "vpc-b", "10.1.3.0/24", "us-east-1c"));
      p.networkAcls.push(networkAcl("acl-closed", "vpc-b", { subnetIds: ["subnet-bc"], entries: [] }));
      p.transitGatewayAttachments[1]!.subnetIds = ["subnet-b", "subnet-bc"];
    });
    expect(ask(model, "i-0a11", "10.1.1.10")).toMatchObject({ kind: "unmodeled", undetermined: true });
  });

  it("lets a NAT gateway serve what the transit gateway delivered (centralized egress), and a gateway endpoint refuse it", () => {
    const egress = hub((p) => {
      const tables = new Map(p.routeTables.map((t) => [t.id, t]));
      tables.get("rtb-main-b")!.routes.push(route("0.0.0.0/0", TGW));
      p.transitGatewayRouteTables[0]!.routes.push({ destination: { kind: "cidr", cidr: "0.0.0.0/0" }, type: "static", state: "active", attachmentIds: ["att-a"] });
      // A's attachment subnet in B's zone (not the NAT's subnet, which a NAT gateway does not serve).
      p.subnets.push(subnet("subnet-tgwa", "vpc-a", "10.0.9.0/24", "us-east-1a"));
      p.transitGatewayAttachments[0]!.subnetIds = ["subnet-tgwa"];
      tables.get("rtb-main-a")!.routes.push(route("0.0.0.0/0", { kind: "nat", id: "nat-a" }));
      tables.get("rtb-pub")!.routes = tables.get("rtb-pub")!.routes.map((r) => (r.target.kind === "peering" ? route("10.1.0.0/16", TGW) : r));
    });
    expect(ask(egress, "i-0b11", "8.8.8.8")).toMatchObject({ kind: "delivered", reached: "internet" });
    const endpoint = hub((p) => {
      p.routeTables.find((t) => t.id === "rtb-main-b")!.routes.push(route("0.0.0.0/0", TGW));
      p.transitGatewayRouteTables[0]!.routes.push({ destination: { kind: "cidr", cidr: "0.0.0.0/0" }, type: "static", state: "active", attachmentIds: ["att-a"] });
      p.transitGatewayAttachments[0]!.subnetIds = ["subnet-ep"];
      p.routeTables.find((t) => t.id === "rtb-main-a")!.routes.push(route("pl-s3", { kind: "gateway-endpoint", id: "vpce-s3" }));
      p.vpcEndpoints[0]!.routeTableIds.push("rtb-main-a");
    });
    expect(ask(endpoint, "i-0b11", "52.216.5.5")).toMatchObject({ kind: "dropped", code: "VPCE_SOURCE_OUTSIDE_VPC" });
  });

  it("holds an outbound rule naming a group of the other VPC over a peering, not over the transit gateway", () => {
    // AWS: outbound rules may name a peered VPC's group; "outbound security rules referencing over Transit Gateway aren't supported".
    const onlyToB = (p: Required<ModelParts>) => (p.securityGroups.find((g) => g.id === "sg-app")!.egress = [sgRule("sg-app", "egress", "all", "sg-b")]);
    expect(ask(world(onlyToB), "i-0a11", "10.1.1.10")).toMatchObject({ kind: "delivered", reached: "eni-0b11" });
    expect(ask(hub(onlyToB), "i-0a11", "10.1.1.10")).toMatchObject({ kind: "dropped", code: "SG_REFERENCES_NOT_PRESERVED", component: "sg-app", direction: "forward" });
    // A CIDR rule beside the reference carries it across.
    const alsoCidr = (p: Required<ModelParts>) => (onlyToB(p), p.securityGroups.find((g) => g.id === "sg-app")!.egress.push(sgRule("sg-app", "egress", "tcp", "10.1.0.0/16", [443, 443], 1)));
    expect(ask(hub(alsoCidr), "i-0a11", "10.1.1.10")).toMatchObject({ kind: "delivered", reached: "eni-0b11" });
  });

  it("abstains on a reply that leaves by another way than the request came (asymmetric)", () => {
    const model = hub((p) => {
      const table = p.routeTables.find((t) => t.id === "rtb-main-b")!;
      table.routes = [...table.routes.filter((r) => r.target.kind === "local"), route("10.0.0.0/16", { kind: "peering", id: "pcx-ab" }), route("10.0.0.0/8", TGW)];
    });
    expect(ask(model, "i-0a11", "10.1.1.10")).toMatchObject({ kind: "unmodeled", direction: "return" });
  });

  it.each([
    ["the gateway endpoint's reply, which the local route delivers", hairpinThroughTgw, "52.216.5.5", "vpce-s3"],
    ["the NAT gateway's reply, which the local route delivers", hairpinThroughTgw, "8.8.8.8", "rtb-pub"],
    ["the peer's reply by the peering, which the local route delivers", hairpinOnByPeering, "10.1.1.10", "pcx-ab"],
  ])("abstains on a request the transit gateway routed back into its own VPC: %s (asymmetric)", (_n, tweak, dstIp, where) => {
    const outcome = ask(hub(tweak), "i-0s11", dstIp);
    expect(outcome, JSON.stringify(outcome.steps)).toMatchObject({ kind: "unmodeled", direction: "return" });
    expect(outcome).toMatchObject({ component: where, reason: expect.stringContaining("asymmetric return path") });
  });
});
