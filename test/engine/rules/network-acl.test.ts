/** network-acl: first match in ascending order, default deny, ports, ICMP, protocol "all". */
import { describe, expect, it } from "vitest";
import { IntervalSet } from "../../../src/net/index.js";
import { allowEvidence, evaluateNacl, meta, naclBlock, naclFix } from "../../../src/engine/rules/network-acl.js";
import { forwardClass, replyClass } from "../../../src/engine/packet.js";
import type { NetworkAcl, NetworkAclEntry } from "../../../src/model/types.js";

const e = (n: number, egress: boolean, action: "allow" | "deny", protocol: NetworkAclEntry["protocol"], cidr: string, ports?: [number, number], icmpType?: number): NetworkAclEntry => ({
  ruleNumber: n, egress, action, protocol, cidr, ipv6Cidr: undefined, ports: ports ? { from: ports[0], to: ports[1] } : undefined, icmp: icmpType === undefined ? undefined : { type: icmpType, code: -1 },
});
const acl = (...entries: NetworkAclEntry[]): NetworkAcl => ({
  id: "acl-1", scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" }, vpcId: "vpc-1", isDefault: false, subnetIds: [],
  entries: [...entries, e(32767, false, "deny", "all", "0.0.0.0/0"), e(32767, true, "deny", "all", "0.0.0.0/0")],
});
const peers = IntervalSet.fromCidrs(["8.8.8.8/32"]);
const tcp443 = forwardClass("tcp", 443);

describe(meta.name, () => {
  it.each([
    ["allow all", acl(e(100, true, "allow", "all", "0.0.0.0/0")), true],
    ["default deny", acl(), false],
    ["first match wins (lower number first, whatever the order)", acl(e(200, true, "allow", "all", "0.0.0.0/0"), e(100, true, "deny", "tcp", "0.0.0.0/0", [443, 443])), false],
    ["deny after allow does not matter", acl(e(100, true, "allow", "tcp", "0.0.0.0/0", [443, 443]), e(200, true, "deny", "all", "0.0.0.0/0")), true],
    ["port outside the range falls through", acl(e(100, true, "allow", "tcp", "0.0.0.0/0", [80, 80])), false],
    ["cidr outside falls through", acl(e(100, true, "allow", "all", "10.0.0.0/8")), false],
    ["ingress entries do not filter egress", acl(e(100, false, "allow", "all", "0.0.0.0/0")), false],
    ["udp entry does not match tcp", acl(e(100, true, "allow", "udp", "0.0.0.0/0", [443, 443])), false],
  ] as const)("%s", (_n, a, allowed) => {
    const res = evaluateNacl(a, true, tcp443, peers);
    expect(res.allowed.isEmpty()).toBe(!allowed);
  });

  it("names each admitting entry in its evidence, built once per entry and ACL id", () => {
    const a = acl(e(100, true, "allow", "tcp", "8.0.0.0/8", [443, 443]), e(110, true, "allow", "all", "0.0.0.0/0"));
    const partly = evaluateNacl(a, true, tcp443, IntervalSet.fromCidrs(["8.8.8.8/32", "9.9.9.9/32"]));
    expect(allowEvidence("acl-1", partly)).toEqual([
      { kind: "nacl-entry", ref: "acl-1#100/egress", text: "acl-1 rule 100 allow tcp 443 to 8.0.0.0/8 (egress)" },
      { kind: "nacl-entry", ref: "acl-1#110/egress", text: "acl-1 rule 110 allow all to 0.0.0.0/0 (egress)" },
    ]);
    const one = evaluateNacl(a, true, tcp443, peers);
    expect(allowEvidence("acl-1", one)).toBe(allowEvidence("acl-1", one));
    // The same entry record under another ACL id (a copied model, say) names that id.
    expect(allowEvidence("acl-2", one)).toEqual([{ kind: "nacl-entry", ref: "acl-2#100/egress", text: "acl-2 rule 100 allow tcp 443 to 8.0.0.0/8 (egress)" }]);
  });

  it("names the denying entry, or the default rule", () => {
    expect(evaluateNacl(acl(e(90, true, "deny", "tcp", "0.0.0.0/0", [443, 443])), true, tcp443, peers).deniedBy?.ruleNumber).toBe(90);
    expect(evaluateNacl(acl(), true, tcp443, peers).deniedBy?.ruleNumber).toBe(32767);
  });

  it("replies must be allowed on the whole ephemeral range", () => {
    const reply = replyClass(tcp443, IntervalSet.range(32768, 60999));
    expect(evaluateNacl(acl(e(100, false, "allow", "tcp", "0.0.0.0/0", [1024, 65535])), false, reply, peers).allowed.isEmpty()).toBe(false);
    const partial = evaluateNacl(acl(e(100, false, "allow", "tcp", "0.0.0.0/0", [32768, 40000])), false, reply, peers);
    expect(partial.allowed.isEmpty()).toBe(true);
    expect(naclFix("acl-1", partial, false, reply, "0.0.0.0/0")).toBe("add NACL acl-1 inbound rule allowing tcp 32768-60999 from 0.0.0.0/0");
  });

  it("builds the block for a denied packet set: code, message, the denying entry and the fix", () => {
    const denied = evaluateNacl(acl(e(90, true, "deny", "tcp", "0.0.0.0/0", [443, 443])), true, tcp443, peers);
    const block = naclBlock("acl-1", denied, true, tcp443, "tcp 443 to 8.8.8.8/32", "8.8.8.8/32");
    expect(block.code).toBe("SUBNET_ACL_RESTRICTION");
    expect(block.message).toBe("acl-1 rule 90 denies outbound tcp 443 to 8.8.8.8/32");
    expect(block.rule.ref).toContain("acl-1#90");
    expect(block.fix).toBe("add NACL acl-1 outbound rule numbered below 90 allowing tcp 443 to 8.8.8.8/32");
  });

  it("splits a destination set by CIDR", () => {
    const res = evaluateNacl(acl(e(100, true, "allow", "all", "8.0.0.0/8")), true, tcp443, IntervalSet.fromCidrs(["8.8.8.8/32", "9.9.9.9/32"]));
    expect(res.allowed.toCidrs()).toEqual(["8.8.8.8/32"]);
    expect(res.denied.toCidrs()).toEqual(["9.9.9.9/32"]);
  });

  it("ICMP entries match by type; protocol 'all' is not admitted by a tcp-only allow", () => {
    const echo = forwardClass("icmp", null);
    expect(evaluateNacl(acl(e(100, true, "allow", "icmp", "0.0.0.0/0", undefined, 8)), true, echo, peers).allowed.isEmpty()).toBe(false);
    expect(evaluateNacl(acl(e(100, true, "allow", "icmp", "0.0.0.0/0", undefined, 0)), true, echo, peers).allowed.isEmpty()).toBe(true);
    expect(evaluateNacl(acl(e(100, true, "allow", "tcp", "0.0.0.0/0", [0, 65535])), true, forwardClass("all", null), peers).allowed.isEmpty()).toBe(true);
  });

  it("remembers results per NACL record: equal packets and peers (other set objects) get the same result, anything else its own", () => {
    const a = acl(e(100, true, "allow", "tcp", "8.0.0.0/8", [443, 443]), e(100, false, "allow", "tcp", "0.0.0.0/0", [1024, 65535]));
    const first = evaluateNacl(a, true, tcp443, IntervalSet.fromCidrs(["8.8.8.8/32"]));
    expect(evaluateNacl(a, true, forwardClass("tcp", 443), IntervalSet.fromCidrs(["8.8.8.8/32"]))).toBe(first);
    // Another direction, port, protocol, peer set or record is evaluated on its own, and gets its own answer.
    expect(evaluateNacl(a, false, tcp443, peers).allowed.isEmpty()).toBe(true);
    expect(evaluateNacl(a, true, forwardClass("tcp", 80), peers).allowed.isEmpty()).toBe(true);
    expect(evaluateNacl(a, true, forwardClass("udp", 443), peers).allowed.isEmpty()).toBe(true);
    expect(evaluateNacl(a, true, tcp443, IntervalSet.fromCidrs(["8.8.8.8/31"])).allowed.toCidrs()).toEqual(["8.8.8.8/31"]);
    expect(evaluateNacl(a, true, tcp443, IntervalSet.fromCidrs(["8.8.8.8/32", "9.9.9.9/32"])).denied.toCidrs()).toEqual(["9.9.9.9/32"]);
    expect(evaluateNacl({ ...a, entries: a.entries.filter((x) => x.ruleNumber !== 100) }, true, tcp443, peers).allowed.isEmpty()).toBe(true);
    expect(evaluateNacl(a, true, tcp443, IntervalSet.fromCidrs(["8.8.8.8/32"]))).toBe(first);
    // A set of many intervals is remembered while that set object lives: the same object, the same result.
    const many = IntervalSet.fromIntervals(Array.from({ length: 40 }, (_, i) => [134217728 + 4 * i, 134217728 + 4 * i] as [number, number]));
    const wide = evaluateNacl(a, true, tcp443, many);
    expect(wide.allowed.intervalCount()).toBe(40);
    expect(evaluateNacl(a, true, tcp443, many)).toBe(wide);
    expect(evaluateNacl(a, true, tcp443, IntervalSet.fromIntervals(many.intervals())).allowed.equals(wide.allowed)).toBe(true);
  });
});
