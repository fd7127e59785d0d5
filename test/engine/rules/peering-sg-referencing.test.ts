/** peering-sg-referencing: a rule naming a group of another Region matches nobody, and says why. */
import { describe, expect, it } from "vitest";
import { IntervalSet } from "../../../src/net/index.js";
import { crossRegionBlock, meta, referenceInRegion } from "../../../src/engine/rules/peering-sg-referencing.js";
import { evaluateSecurityGroups } from "../../../src/engine/rules/security-group.js";
import { forwardClass } from "../../../src/engine/packet.js";
import type { SecurityGroup, SecurityGroupRule } from "../../../src/model/types.js";

const REGION: Record<string, string> = { "sg-east": "us-east-1", "sg-east2": "us-east-1", "sg-west": "us-west-2" };
const group = (id: string, ingress: SecurityGroupRule[]): SecurityGroup => ({
  id, scope: { account: "111122223333", region: REGION[id] ?? "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" }, vpcId: "vpc-1", groupName: id, description: "", ingress, egress: [],
});
const byGroup = (owner: string, named: string): SecurityGroupRule => ({
  groupId: owner, direction: "ingress", protocol: "tcp", ports: { from: 443, to: 443 }, peer: { kind: "security-group", groupId: named, vpcId: undefined, peeringStatus: "active" }, description: undefined, permissionIndex: 0,
});
const resolver = { prefixList: () => undefined, groupMembers: () => IntervalSet.ofCidr("10.0.0.5/32"), groupRegion: (id: string) => REGION[id] };

describe(meta.name, () => {
  it.each([
    ["same Region", "sg-east", "us-east-1", true],
    ["another Region", "sg-east", "us-west-2", false],
    ["the named group is not in the snapshot", "sg-east", undefined, true],
  ] as const)("%s", (_n, owner, referencedRegion, holds) => {
    expect(referenceInRegion(group(owner, []), referencedRegion)).toBe(holds);
  });

  it.each([
    ["a group of the same Region admits its members", "sg-east2", false, 0],
    ["a group of another Region admits nobody, and the rule is reported", "sg-west", true, 1],
  ] as const)("%s", (_n, named, empty, reported) => {
    const result = evaluateSecurityGroups([group("sg-east", [byGroup("sg-east", named)])], "ingress", forwardClass("tcp", 443), IntervalSet.ofCidr("10.0.0.5/32"), resolver);
    expect(result.allowed.isEmpty()).toBe(empty);
    expect(result.crossRegion).toHaveLength(reported);
  });

  it("blocks with SG_REFERENCES_NOT_PRESERVED, naming the group, both Regions and the fix", () => {
    const block = crossRegionBlock(["sg-east"], [byGroup("sg-east", "sg-west")], (id) => REGION[id], "tcp 443 from 10.0.0.5", "ingress");
    expect(block.code).toBe("SG_REFERENCES_NOT_PRESERVED");
    expect(block.message).toBe("sg-east allow tcp 443 from 10.0.0.5 only by naming sg-west, a group in another Region than the rule's (us-east-1 and us-west-2): AWS does not support group references across inter-Region peering");
    expect(block.rule.ref).toBe("sg-east ingress[0]");
    expect(block.fix).toBe("allow inbound from the peer VPC's CIDR on sg-east instead of the group reference");
  });
});
