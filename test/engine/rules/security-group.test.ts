/** security-group: union of groups, CIDR / prefix-list / group peers, ports, protocol all, NAT. */
import { describe, expect, it } from "vitest";
import { IntervalSet } from "../../../src/net/index.js";
import { evaluateSecurityGroups, meta, sgFix } from "../../../src/engine/rules/security-group.js";
import { forwardClass } from "../../../src/engine/packet.js";
import type { SecurityGroup, SecurityGroupPeer, SecurityGroupRule } from "../../../src/model/types.js";

const rule = (groupId: string, protocol: SecurityGroupRule["protocol"], ports: [number, number] | undefined, peer: SecurityGroupPeer): SecurityGroupRule => ({
  groupId, direction: "ingress", protocol, ports: ports ? { from: ports[0], to: ports[1] } : undefined, peer, description: undefined, permissionIndex: 0,
});
const group = (id: string, ingress: SecurityGroupRule[]): SecurityGroup => ({
  id, scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" }, vpcId: "vpc-1", groupName: id, description: "", ingress, egress: [],
});
const cidr = (c: string): SecurityGroupPeer => ({ kind: "cidr", cidr: c });
const resolver = {
  prefixList: (id: string) => (id === "pl-1" ? IntervalSet.fromCidrs(["10.9.0.0/16"]) : undefined),
  groupMembers: (id: string) => (id === "sg-client" || id === "sg-west" ? IntervalSet.fromCidrs(["10.0.0.5/32"]) : IntervalSet.EMPTY),
  groupRegion: (id: string) => (id === "sg-west" ? "us-west-2" : id === "sg-client" ? "us-east-1" : undefined),
};
const src = IntervalSet.fromCidrs(["10.0.0.5/32"]);
const tcp443 = forwardClass("tcp", 443);

describe(meta.name, () => {
  it.each([
    ["cidr rule on the port", [rule("sg-a", "tcp", [443, 443], cidr("10.0.0.0/16"))], true],
    ["port range covering", [rule("sg-a", "tcp", [0, 65535], cidr("0.0.0.0/0"))], true],
    ["other port", [rule("sg-a", "tcp", [80, 80], cidr("0.0.0.0/0"))], false],
    ["other cidr", [rule("sg-a", "tcp", [443, 443], cidr("192.168.0.0/16"))], false],
    ["protocol all", [rule("sg-a", "all", undefined, cidr("10.0.0.5/32"))], true],
    ["udp rule does not admit tcp", [rule("sg-a", "udp", [443, 443], cidr("0.0.0.0/0"))], false],
    ["group reference", [rule("sg-a", "tcp", [443, 443], { kind: "security-group", groupId: "sg-client", vpcId: undefined, peeringStatus: undefined })], true],
    ["prefix list", [rule("sg-a", "tcp", [443, 443], { kind: "prefix-list", prefixListId: "pl-1" })], false],
    ["group reference to another Region's group (inter-Region peering)", [rule("sg-a", "tcp", [443, 443], { kind: "security-group", groupId: "sg-west", vpcId: "vpc-west", peeringStatus: "active" })], false],
  ] as const)("%s", (_n, rules, allowed) => {
    expect(evaluateSecurityGroups([group("sg-a", [...rules])], "ingress", tcp443, src, resolver).allowed.isEmpty()).toBe(!allowed);
  });

  it("unions the rules of every group on the ENI", () => {
    const res = evaluateSecurityGroups([group("sg-a", []), group("sg-b", [rule("sg-b", "tcp", [443, 443], cidr("0.0.0.0/0"))])], "ingress", tcp443, src, resolver);
    expect(res.allowedBy.map((r) => r.groupId)).toEqual(["sg-b"]);
  });

  it("group references do not match NAT-forwarded traffic; no rules at all is reported", () => {
    const byRef = [group("sg-a", [rule("sg-a", "tcp", [443, 443], { kind: "security-group", groupId: "sg-client", vpcId: undefined, peeringStatus: undefined })])];
    expect(evaluateSecurityGroups(byRef, "ingress", tcp443, src, resolver, false).allowed.isEmpty()).toBe(true);
    expect(evaluateSecurityGroups([group("sg-a", [])], "ingress", tcp443, src, resolver).noRules).toBe(true);
  });

  it("finds the one CIDR rule among hundreds that admits the peers, and still reports an unknown prefix list the peers lie outside of every CIDR rule", () => {
    const spokes = Array.from({ length: 300 }, (_, i) => rule("sg-a", "tcp", [443, 443], cidr(`10.${i >> 4}.${(i & 15) * 16}.0/20`)));
    const rules = [...spokes, rule("sg-a", "tcp", [443, 443], { kind: "prefix-list", prefixListId: "pl-x" })];
    const groups = [group("sg-a", rules)];
    const one = evaluateSecurityGroups(groups, "ingress", tcp443, IntervalSet.fromCidrs(["10.3.37.9/32"]), resolver);
    expect(one.allowedBy).toEqual([spokes[50]]);
    expect(one.unresolved).toEqual(["pl-x"]);
    const none = evaluateSecurityGroups(groups, "ingress", tcp443, IntervalSet.fromCidrs(["192.168.0.1/32"]), resolver);
    expect([none.allowed.isEmpty(), none.unresolved, none.noRules]).toEqual([true, ["pl-x"], false]);
    expect(evaluateSecurityGroups(groups, "ingress", tcp443, IntervalSet.EMPTY, resolver).unresolved).toEqual(["pl-x"]);
  });

  it("reports prefix lists whose entries are unknown, and proposes a concrete rule", () => {
    expect(evaluateSecurityGroups([group("sg-a", [rule("sg-a", "tcp", [443, 443], { kind: "prefix-list", prefixListId: "pl-x" })])], "ingress", tcp443, src, resolver).unresolved).toEqual(["pl-x"]);
    expect(sgFix("sg-a", "ingress", tcp443, "sg-client")).toBe("allow inbound tcp 443 from sg-client on sg-a");
  });
});
