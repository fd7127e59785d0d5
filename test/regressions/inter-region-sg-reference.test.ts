/**
 * Regression (found once the generator put a VPC in another Region behind an inter-Region peering,
 * fuzz seed 2 run 1244, `cases/seed2-run1244-inter-region-sg-reference.json`): "You can't reference
 * the security group of a peer VPC that's in a different Region. Instead, use the CIDR block of the
 * peer VPC" (VPC Peering Guide, "Update your security groups to reference peer security groups").
 * EC2 refuses such a rule, but a plan overlaid on a snapshot can hold one. The engine matched it by
 * the named group's members and answered `reachable`, a confident wrong answer: the rule matches
 * nobody. The same rules within one Region still match.
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { scopeKey, type Model, type Scope } from "../../src/model/types.js";
import { SCOPE, sgRule, type ModelParts } from "../generators/model-builder.js";
import { evaluatePacket } from "../reference/evaluate.js";
import { world } from "../reference/world.js";

const WEST: Scope = { account: SCOPE.account, region: "us-west-2" };

/** The test world with sg-b admitting tcp 443 only from sg-app, and VPC B in us-west-2 when `otherRegion`. */
function peers(otherRegion: boolean, tweak: (p: Required<ModelParts>) => void = () => {}): Model {
  const model = world((p) => {
    p.securityGroups.find((g) => g.id === "sg-b")!.ingress = [sgRule("sg-b", "ingress", "tcp", "sg-app", [443, 443])];
    tweak(p);
    if (!otherRegion) return;
    const inB = [p.vpcs, p.subnets, p.routeTables, p.securityGroups, p.networkAcls, p.networkInterfaces, p.instances] as { id: string; vpcId?: string; scope: Scope }[][];
    for (const list of inB) for (const r of list) if (r.id === "vpc-b" || r.vpcId === "vpc-b") r.scope = WEST;
    p.subnets.find((s) => s.id === "subnet-b")!.availabilityZone = "us-west-2a";
    p.vpcPeeringConnections[0]!.accepter.region = WEST.region;
  });
  (model.dataPresent as Map<string, ReadonlySet<string>>).set(scopeKey(WEST), new Set(model.dataPresent.get(scopeKey(SCOPE))));
  return model;
}

const QUESTION = { from: "i-0a11", to: "10.1.1.10", protocol: "tcp", port: 443 } as const;
const PACKET = { from: "i-0a11", dstIp: "10.1.1.10", protocol: "tcp", dstPort: 443, clientPort: 40000, natPort: 2000 } as const;

describe("a security group reference across an inter-Region peering", () => {
  it("matches within one Region (control)", () => {
    const model = peers(false);
    expect(createAnalyzer(model).query(QUESTION).verdict).toBe("reachable");
    expect(evaluatePacket(model, PACKET).kind).toBe("delivered");
  });

  it("inbound: does not admit the peer VPC's members when the VPCs are in different Regions", () => {
    const model = peers(true);
    const verdict = createAnalyzer(model).query(QUESTION);
    expect(verdict.verdict, verdict.explanation).toBe("unreachable");
    expect(verdict.blockedAt).toMatchObject({ component: "sg-b", code: "SG_REFERENCES_NOT_PRESERVED" });
    expect(verdict.explanation).toContain("inter-Region peering");
    expect(evaluatePacket(model, PACKET)).toMatchObject({ kind: "dropped", component: "sg-b" });
  });

  it("outbound: a rule naming the peer's group admits nothing when the VPCs are in different Regions", () => {
    const egressOnlyToB = (p: Required<ModelParts>) => {
      p.securityGroups.find((g) => g.id === "sg-b")!.ingress = [sgRule("sg-b", "ingress", "tcp", "10.0.0.0/16", [443, 443])];
      p.securityGroups.find((g) => g.id === "sg-app")!.egress = [sgRule("sg-app", "egress", "all", "sg-b")];
    };
    expect(createAnalyzer(peers(false, egressOnlyToB)).query(QUESTION).verdict).toBe("reachable");
    const model = peers(true, egressOnlyToB);
    const verdict = createAnalyzer(model).query(QUESTION);
    expect(verdict.verdict, verdict.explanation).toBe("unreachable");
    expect(verdict.blockedAt).toMatchObject({ component: "sg-app", code: "SG_REFERENCES_NOT_PRESERVED" });
    expect(evaluatePacket(model, PACKET)).toMatchObject({ kind: "dropped", component: "sg-app" });
  });
});
