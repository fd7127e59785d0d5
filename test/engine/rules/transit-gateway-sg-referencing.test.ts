/** transit-gateway-sg-referencing: when an inbound group reference matches a sender a transit gateway delivered. */
import { describe, expect, it } from "vitest";
import * as rule from "../../../src/engine/rules/transit-gateway-sg-referencing.js";
import { forwardClass } from "../../../src/engine/packet.js";
import { IntervalSet } from "../../../src/net/index.js";
import type { SecurityGroup, Subnet, TgwOptionValue, TransitGateway, TransitGatewayAttachment } from "../../../src/model/types.js";

const base = { scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } };
const tgw = (option: TgwOptionValue | undefined): TransitGateway => ({ ...base, id: "tgw-1", state: "available", ownerId: undefined, defaultAssociationRouteTableId: undefined, defaultPropagationRouteTableId: undefined, securityGroupReferencingSupport: option });
const attachment = (id: string, vpcId: string, option: TgwOptionValue | undefined, o: Partial<TransitGatewayAttachment> = {}): TransitGatewayAttachment => ({
  ...base, id, transitGatewayId: "tgw-1", resourceType: "vpc", resourceId: vpcId, resourceOwnerId: undefined, state: "available", subnetIds: [], associations: [], securityGroupReferencingSupport: option, ...o,
});
const subnet = (id: string, vpcId: string, az: string, azId: string | undefined): Subnet => ({ ...base, id, vpcId, cidr: "10.0.0.0/28", ipv6Cidrs: [], availabilityZone: az, availabilityZoneId: azId, mapPublicIpOnLaunch: false });
const group = (allEgress: boolean): SecurityGroup => ({
  ...base, id: "sg-efs", vpcId: "vpc-b", groupName: "efs", description: "", ingress: [],
  egress: allEgress ? [{ groupId: "sg-efs", direction: "egress", protocol: "all", ports: undefined, peer: { kind: "cidr", cidr: "0.0.0.0/0" }, description: undefined, permissionIndex: 0 }] : [],
});
const EXIT = subnet("subnet-b1", "vpc-b", "us-east-1a", "use1-az1");

/** A spoke-to-spoke delivery with every option enabled, changed by `o`. */
const crossing = (o: Partial<rule.TgwReferencingCase> = {}): rule.TgwReferencingCase => ({
  tgwId: "tgw-1",
  tgw: tgw("enable"),
  source: attachment("tgw-attach-a", "vpc-a", "enable"),
  destination: attachment("tgw-attach-b", "vpc-b", "enable"),
  crossings: 1,
  peeringAfter: undefined,
  exitSubnet: EXIT,
  attachmentSubnets: [subnet("subnet-a1", "vpc-a", "us-east-1a", "use1-az1"), EXIT],
  vpcSubnets: [subnet("subnet-a1", "vpc-a", "us-east-1a", "use1-az1"), EXIT],
  receiver: { kind: "other" },
  ...o,
});

/** The outcome in one word, with the code when the reference does not hold. */
function outcome(c: rule.TgwReferencingCase): string {
  const d = rule.tgwGroupReferencing(c);
  return d.holds === true ? "matches" : `${d.holds === false ? "no match" : "unknown"} ${d.block.code}`;
}

describe(rule.meta.name, () => {
  it.each([
    ["enabled on the transit gateway and both attachments", crossing(), "matches"],
    ["disabled on the transit gateway (AWS's default)", crossing({ tgw: tgw("disable") }), "no match SG_REFERENCES_NOT_PRESERVED"],
    ["disabled on the sender's attachment", crossing({ source: attachment("tgw-attach-a", "vpc-a", "disable") }), "no match SG_REFERENCES_NOT_PRESERVED"],
    ["disabled on the receiver's attachment", crossing({ destination: attachment("tgw-attach-b", "vpc-b", "disable") }), "no match SG_REFERENCES_NOT_PRESERVED"],
    ["not given for the transit gateway", crossing({ tgw: tgw(undefined) }), "unknown MISSING_DATA"],
    ["the transit gateway not in the snapshot", crossing({ tgw: undefined }), "unknown MISSING_DATA"],
    ["not given for an attachment", crossing({ destination: attachment("tgw-attach-b", "vpc-b", undefined) }), "unknown MISSING_DATA"],
    ["disabled on one side, not given on the other: the disabled side decides", crossing({ tgw: tgw(undefined), source: attachment("tgw-attach-a", "vpc-a", "disable") }), "no match SG_REFERENCES_NOT_PRESERVED"],
  ] as const)("options: %s", (_name, c, expected) => {
    expect(outcome(c)).toBe(expected);
  });

  it.each([
    ["a PrivateLink endpoint, options enabled", crossing({ receiver: { kind: "endpoint" } }), "no match SG_REFERENCES_NOT_PRESERVED"],
    ["a PrivateLink endpoint, options not given", crossing({ tgw: tgw(undefined), receiver: { kind: "endpoint" } }), "no match SG_REFERENCES_NOT_PRESERVED"],
    ["EFS whose groups allow all egress", crossing({ receiver: { kind: "efs", groups: [group(true)] } }), "matches"],
    ["EFS whose groups do not allow all egress", crossing({ receiver: { kind: "efs", groups: [group(false)] } }), "no match SG_REFERENCES_NOT_PRESERVED"],
    ["across a transit gateway peering", crossing({ source: attachment("tgw-attach-a", "vpc-a", "enable", { transitGatewayId: "tgw-2" }) }), "no match SG_REFERENCES_NOT_PRESERVED"],
    ["two transit gateway crossings", crossing({ crossings: 2 }), "unknown UNSUPPORTED_COMPONENT"],
    ["a VPC peering after the transit gateway", crossing({ peeringAfter: "pcx-1" }), "unknown UNSUPPORTED_COMPONENT"],
  ] as const)("AWS's limits: %s", (_name, c, expected) => {
    expect(outcome(c)).toBe(expected);
  });

  it.each([
    ["entering by a subnet in use1-az3", crossing({ exitSubnet: subnet("subnet-b3", "vpc-b", "us-east-1c", "use1-az3") }), "no match SG_REFERENCES_NOT_PRESERVED"],
    ["an attachment with another subnet in use1-az3", crossing({ attachmentSubnets: [EXIT, subnet("subnet-b3", "vpc-b", "us-east-1c", "use1-az3")] }), "unknown UNSUPPORTED_COMPONENT"],
    ["a us-east-1 attachment subnet without its zone id", crossing({ attachmentSubnets: [subnet("subnet-a1", "vpc-a", "us-east-1a", undefined), EXIT] }), "unknown MISSING_DATA"],
    ["a subnet in an unsupported Local Zone", crossing({ vpcSubnets: [EXIT, subnet("subnet-lz", "vpc-b", "us-east-1-bos-1a", "use1-bos1-az1")] }), "unknown UNSUPPORTED_COMPONENT"],
    ["a subnet in a supported Local Zone", crossing({ vpcSubnets: [EXIT, subnet("subnet-lz", "vpc-b", "us-east-1-atl-2a", "use1-atl2-az1")] }), "matches"],
    ["a subnet in a Wavelength Zone", crossing({ vpcSubnets: [EXIT, subnet("subnet-wl", "vpc-b", "us-east-1-wl1-bos-wlz-1", "use1-wl1-bos-wlz1")] }), "unknown UNSUPPORTED_COMPONENT"],
  ] as const)("zones: %s", (_name, c, expected) => {
    expect(outcome(c)).toBe(expected);
  });

  it("names the option and every resource it is off on, and says how to fix it", () => {
    const d = rule.tgwGroupReferencing(crossing({ tgw: tgw("disable"), destination: attachment("tgw-attach-b", "vpc-b", "disable") }));
    if (d.holds !== false) throw new Error("expected no match");
    const rb = rule.referencingBlock(d.block, "sg-b", "10.1.0.5", "tgw-1", false);
    expect(rb.message).toBe("sg-b allow 10.1.0.5 only by group reference, and Options.SecurityGroupReferencingSupport is disable on tgw-1, tgw-attach-b, so tgw-1 does not carry the client's group");
    expect(rb.rule.text).toContain("tgw-attach-b: Options.SecurityGroupReferencingSupport disable");
    expect(rb.fix).toContain("enable SecurityGroupReferencingSupport on tgw-1, tgw-attach-b");
    expect(rb.unknown).toBeUndefined();
  });

  it("names the describe call and field the snapshot lacks", () => {
    const d = rule.tgwGroupReferencing(crossing({ tgw: tgw(undefined), source: attachment("tgw-attach-a", "vpc-a", undefined) }));
    if (d.holds !== "unknown") throw new Error("expected unknown");
    const rb = rule.referencingBlock(d.block, "sg-b", "10.1.0.5", "tgw-1", true);
    expect(rb.message).toContain("tgw-1 (describe-transit-gateways Options.SecurityGroupReferencingSupport), tgw-attach-a (describe-transit-gateway-vpc-attachments Options.SecurityGroupReferencingSupport)");
    expect(rb.unknown).toBe(true);
  });

  it("the evidence of a match names the option on the transit gateway and both attachments", () => {
    const d = rule.tgwGroupReferencing(crossing());
    expect(d.holds === true && d.evidence.text).toBe("Options.SecurityGroupReferencingSupport enable on tgw-1, tgw-attach-a, tgw-attach-b: tgw-1 carries the sender's security groups");
  });
});

describe(`${rule.meta.name}: outbound rules naming another VPC's group`, () => {
  const egressRule = (peer: { kind: "cidr"; cidr: string } | { kind: "security-group"; groupId: string }) => ({ groupId: "sg-a", direction: "egress" as const, protocol: "tcp" as const, ports: { from: 443, to: 443 }, peer, description: undefined, permissionIndex: 0 });
  const sender = (...peers: Parameters<typeof egressRule>[0][]): SecurityGroup => ({ ...base, id: "sg-a", vpcId: "vpc-a", groupName: "a", description: "", ingress: [], egress: peers.map(egressRule) });
  const MEMBERS: Record<string, IntervalSet> = { "sg-b": IntervalSet.ofCidr("10.1.0.10/32"), "sg-a2": IntervalSet.ofCidr("10.0.0.20/32") };
  const resolver = { prefixList: () => undefined, groupMembers: (id: string) => MEMBERS[id] ?? IntervalSet.EMPTY, groupRegion: () => "us-east-1" };
  const VPC: Record<string, string> = { "sg-b": "vpc-b", "sg-a2": "vpc-a" };
  const lost = (g: SecurityGroup, dst: string) => rule.egressReferencesLost([g], "vpc-a", forwardClass("tcp", 443), IntervalSet.ofCidr(dst), resolver, (id) => VPC[id], "tgw-1", (set) => set.toCidrs().join(", "));

  it.each([
    ["only a reference to another VPC's group admits it: lost", sender({ kind: "security-group", groupId: "sg-b" }), "10.1.0.10/32", "10.1.0.10/32"],
    ["a CIDR rule admits it too: nothing lost", sender({ kind: "security-group", groupId: "sg-b" }, { kind: "cidr", cidr: "10.1.0.0/16" }), "10.1.0.10/32", ""],
    ["a reference to a group of the sender's own VPC: not this rule's", sender({ kind: "security-group", groupId: "sg-a2" }), "10.0.0.20/32", ""],
    ["no rule admits it: nothing lost (the source's check says so)", sender({ kind: "cidr", cidr: "192.168.0.0/16" }), "10.1.0.10/32", ""],
  ] as const)("%s", (_n, g, dst, expected) => {
    const found = lost(g, dst);
    expect(found ? found.lost.toCidrs().join(", ") : "").toBe(expected);
    if (found) {
      expect(found.block).toMatchObject({ code: "SG_REFERENCES_NOT_PRESERVED" });
      expect(found.block.unknown).toBeUndefined();
      expect(found.block.message).toBe("sg-a allow 10.1.0.10/32 only by group reference, and outbound rules naming a group of another VPC (sg-b) do not match traffic tgw-1 carries: AWS supports group references through a transit gateway in inbound rules only");
    }
  });
});
