/**
 * Analyzer scenarios on small built models: one test per behaviour and explanation code the engine
 * emits, checking verdict, blocking component, code, direction, fix and evidence.
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer, STANDARD_DESTINATIONS } from "../../src/engine/index.js";
import type { Verdict } from "../../src/engine/verdict.js";
import { InputError } from "../../src/model/errors.js";
import { TestModel } from "./helpers/model-builder.js";

/** A VPC with a public subnet (IGW, NAT) and a private subnet routed through the NAT. */
function natNetwork() {
  const t = new TestModel();
  const vpc = t.vpc("10.0.0.0/16");
  const pub = t.subnet(vpc, "10.0.0.0/24", "us-east-1a");
  const priv = t.subnet(vpc, "10.0.1.0/24", "us-east-1a");
  const igw = t.igw(vpc);
  const pubRtb = t.routeTable(vpc, [pub], [["0.0.0.0/0", igw]]);
  const nat = t.nat(pub);
  const privRtb = t.routeTable(vpc, [priv], [["0.0.0.0/0", nat]]);
  const sg = t.sg(vpc, { egress: ["all 0.0.0.0/0"] });
  return { t, vpc, pub, priv, igw, nat, pubRtb, privRtb, sg };
}

function hopIds(v: Verdict): string[] {
  return v.path.map((h) => h.component);
}

describe("contract", () => {
  it("exports the four standard destinations", () => {
    expect(STANDARD_DESTINATIONS).toEqual(["internet", "s3", "sagemaker-api", "sagemaker-runtime"]);
  });

  it("throws InputError for an unknown source and a malformed destination", () => {
    const { t } = natNetwork();
    const a = createAnalyzer(t.build());
    expect(() => a.query({ from: "nope", to: "internet" })).toThrow(InputError);
    expect(() => a.query({ from: "i-0123", to: "internet" })).toThrow(InputError);
    const { t: t2, priv } = natNetwork();
    t2.notebook("nb", { subnet: priv });
    const b = createAnalyzer(t2.build());
    expect(() => b.query({ from: "nb", to: "10.0.0.300" })).toThrow(InputError);
    expect(() => b.query({ from: "nb", to: "inter net" })).toThrow(InputError);
    expect(() => b.query({ from: "nb", to: "1.2.3.4:70000" })).toThrow(InputError);
  });

  it("accepts notebook/NAME, a notebook name, an ENI id and an instance id", () => {
    const { t, priv, sg } = natNetwork();
    t.notebook("nb", { subnet: priv, sgs: [sg] });
    const i = t.instance(priv, { sgs: [sg] });
    const model = t.build();
    const a = createAnalyzer(model);
    const eni = model.instances.get(i)?.networkInterfaceIds[0] as string;
    for (const from of ["nb", "notebook/nb", i, eni]) expect(a.query({ from, to: "internet" }).verdict).toBe("reachable");
  });
});

describe("NAT gateway path", () => {
  it("reaches the internet through the NAT and IGW, with translation and a return path", () => {
    const { t, priv, sg, nat, igw, privRtb } = natNetwork();
    t.notebook("nb", { subnet: priv, sgs: [sg] });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.verdict).toBe("reachable");
    expect(hopIds(v)).toEqual(expect.arrayContaining([privRtb, nat, igw, "internet"]));
    const natHop = v.path.find((h) => h.component === nat);
    expect(natHop?.outbound?.sourcePorts).toEqual(["1024-65535"]);
    expect(natHop?.details).toContain("REMAP_EPHEMERAL_PORT");
    expect(v.path.find((h) => h.component === privRtb)?.evidence[0]?.text).toContain(`0.0.0.0/0 → ${nat} (active)`);
    expect(v.returnPath[0]?.component).toBe("internet");
    expect(v.returnPath.at(-1)?.component).toBe("nb");
    expect(v.explanation).toContain(nat);
  });

  it("blocks protocols other than TCP/UDP/ICMP at the NAT (PROTOCOL_RESTRICTION)", () => {
    const { t, priv, sg, nat } = natNetwork();
    const i = t.instance(priv, { sgs: [sg] });
    const v = createAnalyzer(t.build()).query({ from: i, to: "8.8.8.8", protocol: 107 });
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ component: nat, code: "PROTOCOL_RESTRICTION", direction: "forward" });
  });

  it("blocks a NAT gateway that is not available (BAD_STATE)", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const pub = t.subnet(vpc, "10.0.0.0/24");
    const priv = t.subnet(vpc, "10.0.1.0/24");
    t.routeTable(vpc, [pub], [["0.0.0.0/0", t.igw(vpc)]]);
    const nat = t.nat(pub, { state: "failed" });
    t.routeTable(vpc, [priv], [["0.0.0.0/0", nat]]);
    t.notebook("nb", { subnet: priv });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.blockedAt).toMatchObject({ component: nat, code: "BAD_STATE" });
    expect(v.fix).toContain(nat);
  });

  it("a private NAT gateway cannot reach the internet (IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS)", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const pub = t.subnet(vpc, "10.0.0.0/24");
    const priv = t.subnet(vpc, "10.0.1.0/24");
    const igw = t.igw(vpc);
    t.routeTable(vpc, [pub], [["0.0.0.0/0", igw]]);
    const nat = t.nat(pub, { private: true });
    t.routeTable(vpc, [priv], [["0.0.0.0/0", nat]]);
    t.notebook("nb", { subnet: priv });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.blockedAt).toMatchObject({ component: igw, code: "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS" });
    expect(v.fix).toContain("public NAT gateway");
  });

  it("the NAT subnet's NACL must admit the replies on 1024-65535 (return direction)", () => {
    const { t, vpc, pub, priv } = natNetwork();
    const acl = t.nacl(vpc, [pub], ["100 in allow all 10.0.0.0/16", "100 out allow all 0.0.0.0/0"]);
    t.notebook("nb", { subnet: priv });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ component: acl, code: "SUBNET_ACL_RESTRICTION", direction: "return" });
    expect(v.fix).toMatch(new RegExp(`add NACL ${acl} inbound rule .*tcp 1024-65535 from 0.0.0.0/0`));
  });

  it("a regional NAT gateway makes the answer unknown (REGIONAL_NGW_ROUTE_AZ_RESTRICTION)", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const pub = t.subnet(vpc, "10.0.0.0/24");
    const priv = t.subnet(vpc, "10.0.1.0/24");
    t.routeTable(vpc, [pub], [["0.0.0.0/0", t.igw(vpc)]]);
    const nat = t.nat(pub, { regional: true });
    t.routeTable(vpc, [priv], [["0.0.0.0/0", nat]]);
    t.notebook("nb", { subnet: priv });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt?.code).toBe("REGIONAL_NGW_ROUTE_AZ_RESTRICTION");
  });

  it("the NAT does not serve its own subnet, nor accept connections to itself", () => {
    const { t, pub, nat } = natNetwork();
    const i = t.instance(pub);
    const model = t.build();
    const natIp = model.natGateways.get(nat)?.addresses[0]?.privateIp as string;
    const v = createAnalyzer(model).query({ from: i, to: `${natIp}:80` });
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ component: nat, code: "NO_POSSIBLE_DESTINATION" });
  });

  it("group references do not match traffic forwarded by a NAT (SG_REFERENCES_NOT_PRESERVED)", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const pub = t.subnet(vpc, "10.0.0.0/24");
    const priv = t.subnet(vpc, "10.0.1.0/24");
    const other = t.subnet(vpc, "10.0.2.0/24");
    t.routeTable(vpc, [pub], [["0.0.0.0/0", t.igw(vpc)]]);
    const nat = t.nat(pub, { private: true });
    t.routeTable(vpc, [priv], [["0.0.0.0/0", nat], ["10.0.2.0/24", nat]]);
    const client = t.sg(vpc, { egress: ["all 0.0.0.0/0"] });
    const server = t.sg(vpc, { ingress: [`tcp 443 ${client}`] });
    t.notebook("nb", { subnet: priv, sgs: [client] });
    const target = t.instance(other, { sgs: [server] });
    const model = t.build();
    const ip = model.instances.get(target)?.privateIp as string;
    const v = createAnalyzer(model).query({ from: "nb", to: ip });
    expect(v.blockedAt).toMatchObject({ component: server, code: "SG_REFERENCES_NOT_PRESERVED" });
  });
});

describe("routes", () => {
  it("no route to the internet names the route table and proposes a NAT route (NO_ROUTE_TO_DESTINATION)", () => {
    const { t, vpc, nat } = natNetwork();
    const isolated = t.subnet(vpc, "10.0.5.0/24");
    const rtb = t.routeTable(vpc, [isolated]);
    t.notebook("nb", { subnet: isolated });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ component: rtb, code: "NO_ROUTE_TO_DESTINATION", direction: "forward" });
    expect(v.fix).toBe(`add route 0.0.0.0/0 → ${nat} to ${rtb}`);
  });

  it("a subnet without an explicit table uses the VPC's main table", () => {
    const { t, vpc } = natNetwork();
    const s = t.subnet(vpc, "10.0.6.0/24");
    t.notebook("nb", { subnet: s });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.blockedAt?.component).toBe(t.main(vpc));
    expect(v.explanation).toContain("main table");
  });

  it("a blackhole route still matches and drops (BAD_STATE_ROUTE)", () => {
    const { t, vpc } = natNetwork();
    const s = t.subnet(vpc, "10.0.7.0/24");
    const rtb = t.routeTable(vpc, [s], [["0.0.0.0/0", "blackhole:nat-0dead"]]);
    t.notebook("nb", { subnet: s });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.blockedAt).toMatchObject({ component: rtb, code: "BAD_STATE_ROUTE" });
  });

  it("a more specific route wins; only part of the internet is then reachable (reachableSubset)", () => {
    const { t, priv, privRtb } = natNetwork();
    t.route(privRtb, "8.8.8.0/24", "blackhole:nat-0dead");
    t.notebook("nb", { subnet: priv });
    const a = createAnalyzer(t.build());
    const v = a.query({ from: "nb", to: "internet" });
    expect(v.verdict).toBe("reachable");
    expect(v.reachableSubset?.addresses).not.toContain("8.8.8.0/24");
    expect(v.warnings.join("\n")).toContain("BAD_STATE_ROUTE");
    expect(a.query({ from: "nb", to: "8.8.8.8" }).blockedAt?.code).toBe("BAD_STATE_ROUTE");
  });

  it("a route to a transit gateway the snapshot does not hold gives unknown naming it", () => {
    const { t, vpc } = natNetwork();
    const s = t.subnet(vpc, "10.0.8.0/24");
    t.routeTable(vpc, [s], [["0.0.0.0/0", "tgw-0abc"]]);
    t.notebook("nb", { subnet: s });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt).toMatchObject({ component: "tgw-0abc", code: "UNKNOWN_RESOURCE" });
    expect(v.explanation).toContain("tgw-0abc");
  });

  it("a route to a Gateway Load Balancer endpoint (vpce-… as GatewayId) is unknown", () => {
    const { t, vpc } = natNetwork();
    const s = t.subnet(vpc, "10.0.11.0/24");
    const vpce = t.gatewayEndpoint(vpc, "s3", []);
    const ep = t.m.vpcEndpoints.get(vpce);
    if (ep) ep.type = "GatewayLoadBalancer";
    t.routeTable(vpc, [s], [["0.0.0.0/0", vpce]]);
    t.notebook("nb", { subnet: s });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt).toMatchObject({ component: vpce, code: "UNSUPPORTED_COMPONENT" });
  });

  it("overlapping prefix lists with different targets are nondeterministic (unknown)", () => {
    const { t, priv, privRtb, igw } = natNetwork();
    const a1 = t.prefixList("mine-a", ["9.9.9.0/24"], false);
    const a2 = t.prefixList("mine-b", ["9.9.9.0/24"], false);
    t.route(privRtb, a1, igw);
    t.route(privRtb, a2, "tgw-0abc");
    t.notebook("nb", { subnet: priv });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "9.9.9.9" });
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt?.code).toBe("HIGHER_PRIORITY_ROUTE");
  });
});

describe("internet gateway", () => {
  it("an IGW route alone gives a notebook no internet: its ENI has no public IP", () => {
    const { t, pub, igw } = natNetwork();
    t.notebook("nb", { subnet: pub });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.blockedAt).toMatchObject({ component: igw, code: "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS" });
    expect(v.fix).toContain("NAT gateway");
  });

  it("an instance with a public IP reaches the internet through the IGW, translated", () => {
    const { t, pub, igw } = natNetwork();
    const i = t.instance(pub, { publicIp: "54.1.2.3" });
    const v = createAnalyzer(t.build()).query({ from: i, to: "internet" });
    expect(v.verdict).toBe("reachable");
    expect(v.path.find((h) => h.component === igw)?.outbound?.sourceAddresses).toEqual(["54.1.2.3/32"]);
  });

  it("drops RFC 1918 and RFC 6598 destinations", () => {
    const { t, pub, igw } = natNetwork();
    const i = t.instance(pub, { publicIp: "54.1.2.3" });
    const a = createAnalyzer(t.build());
    expect(a.query({ from: i, to: "192.168.1.1" }).blockedAt).toMatchObject({ component: igw, code: "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS" });
    expect(a.query({ from: i, to: "100.64.1.1" }).blockedAt).toMatchObject({ component: igw, code: "IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS" });
  });

  it("an IGW not attached to the VPC blocks (BAD_STATE_ATTACHMENT)", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const s = t.subnet(vpc, "10.0.0.0/24");
    const igw = t.igw();
    t.routeTable(vpc, [s], [["0.0.0.0/0", igw]]);
    const i = t.instance(s, { publicIp: "54.1.2.3" });
    expect(createAnalyzer(t.build()).query({ from: i, to: "internet" }).blockedAt).toMatchObject({ component: igw, code: "BAD_STATE_ATTACHMENT" });
  });
});

describe("public IPs of the snapshot, reached over the internet", () => {
  function twoVpcs(serverIngress: string[]) {
    const t = new TestModel();
    const va = t.vpc("10.0.0.0/16");
    const vb = t.vpc("10.1.0.0/16");
    const sa = t.subnet(va, "10.0.0.0/24");
    const sb = t.subnet(vb, "10.1.0.0/24");
    const igwA = t.igw(va);
    const igwB = t.igw(vb);
    t.routeTable(va, [sa], [["0.0.0.0/0", igwA]]);
    const rtbB = t.routeTable(vb, [sb], [["0.0.0.0/0", igwB]]);
    const client = t.instance(sa, { publicIp: "54.0.0.1" });
    t.instance(sb, { publicIp: "54.0.0.2", sgs: [t.sg(vb, { ingress: serverIngress })] });
    return { t, client, igwA, igwB, rtbB };
  }

  it("comes back in through the destination's IGW, NACL and security group", () => {
    const { t, client, igwA, igwB } = twoVpcs(["tcp 443 54.0.0.1/32"]);
    const v = createAnalyzer(t.build()).query({ from: client, to: "54.0.0.2" });
    expect(v.verdict).toBe("reachable");
    expect(hopIds(v)).toEqual(expect.arrayContaining([igwA, "internet", igwB]));
    expect(v.returnPath.map((h) => h.component).indexOf(igwB)).toBeLessThan(v.returnPath.map((h) => h.component).indexOf(igwA));
  });

  it("is blocked by the destination's security group, which sees the client's public IP", () => {
    const { t, client } = twoVpcs(["tcp 443 10.0.0.0/16"]);
    const v = createAnalyzer(t.build()).query({ from: client, to: "54.0.0.2" });
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt?.code).toBe("ENI_SG_RULES_MISMATCH");
  });

  it("a NAT gateway's Elastic IP accepts no connections", () => {
    const { t, nat } = natNetwork();
    const model = t.build();
    const { t: t2 } = { t };
    const eip = model.natGateways.get(nat)?.addresses[0]?.publicIp as string;
    const other = t2.vpc("10.5.0.0/16");
    const s = t2.subnet(other, "10.5.0.0/24");
    t2.routeTable(other, [s], [["0.0.0.0/0", t2.igw(other)]]);
    const i = t2.instance(s, { publicIp: "54.9.9.9" });
    const v = createAnalyzer(t2.build()).query({ from: i, to: eip });
    expect(v.blockedAt).toMatchObject({ component: nat, code: "NO_POSSIBLE_DESTINATION" });
  });
});

describe("NACLs and security groups", () => {
  it("a NACL outbound deny names the entry and proposes an allow below it", () => {
    const { t, vpc, priv } = natNetwork();
    const acl = t.nacl(vpc, [priv], ["50 out deny tcp 443 0.0.0.0/0", "100 out allow all 0.0.0.0/0", "100 in allow all 0.0.0.0/0"]);
    t.notebook("nb", { subnet: priv });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.blockedAt).toMatchObject({ component: acl, code: "SUBNET_ACL_RESTRICTION", direction: "forward" });
    expect(v.blockedAt?.rule.text).toContain("rule 50 deny tcp 443");
    expect(v.fix).toContain("numbered below 50");
  });

  it("rules are evaluated in ascending rule number, whatever their order", () => {
    const { t, vpc, priv } = natNetwork();
    const acl = t.nacl(vpc, [priv], ["200 out deny all 0.0.0.0/0", "100 out allow tcp 443 0.0.0.0/0", "100 in allow all 0.0.0.0/0"]);
    t.notebook("nb", { subnet: priv });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.verdict).toBe("reachable");
    expect(v.path.find((h) => h.component === acl)?.evidence[0]?.text).toContain("rule 100 allow tcp 443");
  });

  it("replies need the Linux ephemeral range 32768-60999 inbound (return direction)", () => {
    const { t, vpc, priv } = natNetwork();
    const acl = t.nacl(vpc, [priv], ["100 out allow all 0.0.0.0/0", "100 in allow tcp 1024-32767 0.0.0.0/0"]);
    t.notebook("nb", { subnet: priv });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.blockedAt).toMatchObject({ component: acl, direction: "return", code: "SUBNET_ACL_RESTRICTION" });
    expect(v.fix).toContain("32768-60999");
  });

  it("security group without a matching egress rule (ENI_SG_RULES_MISMATCH) and with no rules (SG_HAS_NO_RULES)", () => {
    const { t, vpc, priv } = natNetwork();
    const narrow = t.sg(vpc, { egress: ["tcp 80 0.0.0.0/0"] });
    const empty = t.sg(vpc, {});
    t.notebook("a", { subnet: priv, sgs: [narrow] });
    t.notebook("b", { subnet: priv, sgs: [empty] });
    const an = createAnalyzer(t.build());
    const a = an.query({ from: "a", to: "internet" });
    expect(a.blockedAt).toMatchObject({ component: narrow, code: "ENI_SG_RULES_MISMATCH" });
    expect(a.fix).toBe(`allow outbound tcp 443 to 0.0.0.0/0 on ${narrow}`);
    expect(an.query({ from: "b", to: "internet" }).blockedAt?.code).toBe("SG_HAS_NO_RULES");
  });

  it("inbound rules of the destination, by group reference, and same-subnet traffic crossing no NACL", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const s = t.subnet(vpc, "10.0.0.0/24");
    const client = t.sg(vpc, { egress: ["all 0.0.0.0/0"] });
    const server = t.sg(vpc, { ingress: [`tcp 5432 ${client}`] });
    t.nacl(vpc, [s], []); // denies everything — but same-subnet traffic crosses no NACL
    t.notebook("nb", { subnet: s, sgs: [client] });
    const db = t.instance(s, { sgs: [server] });
    const model = t.build();
    const ip = model.instances.get(db)?.privateIp as string;
    const a = createAnalyzer(model);
    const ok = a.query({ from: "nb", to: `${ip}:5432` });
    expect(ok.verdict).toBe("reachable");
    expect(ok.path.some((h) => h.type === "network-acl")).toBe(false);
    const no = a.query({ from: "nb", to: `${ip}:22` });
    expect(no.blockedAt).toMatchObject({ component: server, code: "ENI_SG_RULES_MISMATCH" });
    expect(no.fix).toBe(`allow inbound tcp 22 from ${client} on ${server}`);
  });
});

describe("S3 and gateway endpoints", () => {
  it("S3 through the gateway endpoint; a CIDR route equal to a prefix-list CIDR wins over the endpoint", () => {
    const { t, vpc, priv, privRtb, nat } = natNetwork();
    const vpce = t.gatewayEndpoint(vpc, "s3", [privRtb]);
    t.notebook("nb", { subnet: priv });
    const a = createAnalyzer(t.build());
    const v = a.query({ from: "nb", to: "s3" });
    expect(v.verdict).toBe("reachable");
    expect(hopIds(v)).toEqual(expect.arrayContaining([vpce, "service:s3"]));
    expect(hopIds(v)).not.toContain(nat);
    t.route(privRtb, "52.216.0.0/15", nat);
    const b = createAnalyzer(t.build()).query({ from: "nb", to: "52.216.1.1" });
    expect(hopIds(b)).toContain(nat);
  });

  it("notes that other Regions' S3 is not served by the gateway endpoint", () => {
    const { t, vpc, priv, privRtb, nat } = natNetwork();
    t.gatewayEndpoint(vpc, "s3", [privRtb]);
    t.notebook("nb", { subnet: priv });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "s3" });
    expect(v.warnings.join("\n")).toContain(`s3 in other Regions is not served by it and would follow ${privRtb}'s route 0.0.0.0/0 → ${nat}`);
  });

  it("gateway endpoints accept TCP only (VPCE_GATEWAY_PROTOCOL_RESTRICTION) and warn about a restrictive policy", () => {
    const { t, vpc, priv, privRtb } = natNetwork();
    const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] });
    const vpce = t.gatewayEndpoint(vpc, "s3", [privRtb], { policy });
    t.notebook("nb", { subnet: priv });
    const a = createAnalyzer(t.build());
    expect(a.query({ from: "nb", to: "s3", protocol: "udp" }).blockedAt).toMatchObject({ component: vpce, code: "VPCE_GATEWAY_PROTOCOL_RESTRICTION" });
    expect(a.query({ from: "nb", to: "s3" }).warnings.join("\n")).toContain("VPCE_POLICY_RESTRICTION");
  });

  it("without an S3 route, proposes the gateway endpoint", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const s = t.subnet(vpc, "10.0.0.0/24");
    t.s3PrefixList();
    t.notebook("nb", { subnet: s });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "s3" });
    expect(v.blockedAt?.code).toBe("NO_ROUTE_TO_DESTINATION");
    expect(v.fix).toContain("gateway endpoint for com.amazonaws.us-east-1.s3");
  });

  it("without the prefix list's entries: internet is still decided, an address is unknown", () => {
    const { t, vpc, priv, privRtb } = natNetwork();
    t.gatewayEndpoint(vpc, "s3", [privRtb]);
    for (const pl of [...t.m.prefixLists.values()]) t.m.prefixLists.delete(pl.id);
    t.notebook("nb", { subnet: priv });
    const a = createAnalyzer(t.build());
    expect(a.query({ from: "nb", to: "internet" }).verdict).toBe("reachable");
    expect(a.query({ from: "nb", to: "s3" }).verdict).toBe("reachable");
    const ip = a.query({ from: "nb", to: "52.216.1.1" });
    expect(ip.verdict).toBe("unknown");
    expect(ip.explanation).toContain("prefix list");
  });

  it("an egress rule naming S3's prefix list admits S3 even when the list's entries are unknown", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const s = t.subnet(vpc, "10.0.0.0/24");
    const rtb = t.routeTable(vpc, [s]);
    t.gatewayEndpoint(vpc, "s3", [rtb]);
    const pl = t.s3PrefixList();
    const list = t.m.prefixLists.get(pl);
    if (list) list.cidrs = undefined;
    t.notebook("nb", { subnet: s, sgs: [t.sg(vpc, { egress: [`tcp 443 ${pl}`] })] });
    expect(createAnalyzer(t.build()).query({ from: "nb", to: "s3" }).verdict).toBe("reachable");
  });

  it("internet excludes S3's prefix list: an endpoint-only subnet has no internet", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const s = t.subnet(vpc, "10.0.0.0/24");
    const rtb = t.routeTable(vpc, [s]);
    t.gatewayEndpoint(vpc, "s3", [rtb]);
    t.notebook("nb", { subnet: s });
    const a = createAnalyzer(t.build());
    expect(a.query({ from: "nb", to: "internet" }).verdict).toBe("unreachable");
    expect(a.query({ from: "nb", to: "s3" }).verdict).toBe("reachable");
  });
});

describe("interface endpoints and private DNS", () => {
  function endpointNetwork(privateDns: boolean, endpointSgRules: string[] = ["tcp 443 10.0.0.0/16"]) {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const a = t.subnet(vpc, "10.0.1.0/24", "us-east-1a");
    const b = t.subnet(vpc, "10.0.2.0/24", "us-east-1b");
    t.routeTable(vpc, [a, b]);
    const epSg = t.sg(vpc, { ingress: endpointSgRules });
    const vpce = t.interfaceEndpoint(vpc, "sagemaker.runtime", [a, b], { sgs: [epSg], privateDns });
    const client = t.sg(vpc, { egress: ["all 0.0.0.0/0"] });
    t.notebook("nb", { subnet: a, sgs: [client] });
    return { t, vpc, a, b, vpce, epSg, client };
  }

  it("private DNS on: the default name resolves to the endpoint; path via the endpoint ENI", () => {
    const { t, vpce } = endpointNetwork(true);
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "sagemaker-runtime" });
    expect(v.verdict).toBe("reachable");
    expect(hopIds(v)).toEqual(expect.arrayContaining([vpce, "service:sagemaker.runtime"]));
    expect(v.requiresEndpointUrl).toBeUndefined();
  });

  it("private DNS off and no public path: reachable only with the endpoint URL", () => {
    const { t, vpce } = endpointNetwork(false);
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "sagemaker-runtime" });
    expect(v.verdict).toBe("reachable");
    expect(v.requiresEndpointUrl).toBe(`https://${vpce}-abcd1234.runtime.sagemaker.us-east-1.vpce.amazonaws.com`);
    expect(v.fix).toContain(`enable private DNS on ${vpce}`);
    expect(v.warnings.join("\n")).toContain("VPCE_PRIVATE_DNS_DISABLED");
  });

  it("DNS attributes not in the snapshot: the endpoint is followed, with a warning", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16", { support: undefined, hostnames: undefined });
    const a = t.subnet(vpc, "10.0.1.0/24");
    const vpce = t.interfaceEndpoint(vpc, "sagemaker.api", [a], { sgs: [t.sg(vpc, { ingress: ["tcp 443 10.0.0.0/16"] })] });
    t.notebook("nb", { subnet: a });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "sagemaker-api" });
    expect(v.verdict).toBe("reachable");
    expect(v.path.map((h) => h.component)).toContain(vpce);
    expect(v.requiresEndpointUrl).toBeUndefined();
    expect(v.warnings.join("\n")).toContain("describe-vpc-attribute");
  });

  it("an interface endpoint policy that is not allow-all is a warning", () => {
    const { t, vpce } = endpointNetwork(true);
    const ep = t.m.vpcEndpoints.get(vpce);
    if (ep) ep.policyDocument = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "*", Resource: "*" }] });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "sagemaker-runtime" });
    expect(v.verdict).toBe("reachable");
    expect(v.warnings.join("\n")).toContain(`VPCE_POLICY_RESTRICTION: the policy of ${vpce}`);
  });

  it("the VPC's DNS attributes off defeat private DNS", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16", { support: true, hostnames: false });
    const a = t.subnet(vpc, "10.0.1.0/24");
    const vpce = t.interfaceEndpoint(vpc, "sagemaker.api", [a], { sgs: [t.sg(vpc, { ingress: ["tcp 443 10.0.0.0/16"] })] });
    t.notebook("nb", { subnet: a });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "sagemaker-api" });
    expect(v.requiresEndpointUrl).toContain(vpce);
    expect(v.explanation).toContain("enableDnsHostnames");
  });

  it("the endpoint's security group must allow the client", () => {
    const { t, epSg, client, vpce } = endpointNetwork(true, ["tcp 443 192.168.0.0/16"]);
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "sagemaker-runtime" });
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ component: vpce, type: "interface-endpoint", code: "ENI_SG_RULES_MISMATCH" });
    expect(v.blockedAt?.rule.ref).toBe(`${epSg} ingress`);
    expect(v.fix).toBe(`allow inbound tcp 443 from ${client} on ${epSg}`);
  });

  it("shows the endpoint ENI in the client's own AZ when several are reachable", () => {
    const { t, a } = endpointNetwork(true);
    const model = t.build();
    const v = createAnalyzer(model).query({ from: "nb", to: "sagemaker-runtime" });
    const eniHop = v.path.filter((h) => h.type === "network-interface").at(-1);
    expect(model.networkInterfaces.get(eniHop?.component as string)?.subnetId).toBe(a);
    expect(v.path.some((h) => h.details?.includes("AVAILABILITY_ZONE_CROSSED"))).toBe(false);
  });

  it("an endpoint in another AZ only: the path is marked AVAILABILITY_ZONE_CROSSED", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const a = t.subnet(vpc, "10.0.1.0/24", "us-east-1a");
    const b = t.subnet(vpc, "10.0.2.0/24", "us-east-1b");
    t.interfaceEndpoint(vpc, "sts", [b], { sgs: [t.sg(vpc, { ingress: ["tcp 443 10.0.0.0/16"] })] });
    t.notebook("nb", { subnet: a });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "service:sts" });
    expect(v.verdict).toBe("reachable");
    expect(v.path.some((h) => h.details?.includes("AVAILABILITY_ZONE_CROSSED"))).toBe(true);
  });

  it("an endpoint that is not available blocks (BAD_STATE)", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const a = t.subnet(vpc, "10.0.1.0/24");
    const vpce = t.interfaceEndpoint(vpc, "sts", [a], { state: "pendingAcceptance" });
    t.notebook("nb", { subnet: a });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "service:sts" });
    expect(v.blockedAt).toMatchObject({ component: vpce, code: "BAD_STATE" });
  });

  it("service:notebook is the notebook UI endpoint aws.sagemaker.<region>.notebook", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const a = t.subnet(vpc, "10.0.1.0/24");
    const vpce = t.interfaceEndpoint(vpc, "notebook", [a], { sgs: [t.sg(vpc, { ingress: ["tcp 443 10.0.0.0/16"] })] });
    const ep = t.m.vpcEndpoints.get(vpce);
    if (ep) ep.serviceName = "aws.sagemaker.us-east-1.notebook";
    t.notebook("nb", { subnet: a });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "service:notebook" });
    expect(v.verdict).toBe("reachable");
    expect(v.path.map((h) => h.component)).toContain(vpce);
    expect(v.destination.service).toBe("aws.sagemaker.us-east-1.notebook");
  });

  it("no endpoint: the public service endpoint is reached like the internet", () => {
    const { t, priv } = natNetwork();
    t.notebook("nb", { subnet: priv });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "service:sts" });
    expect(v.verdict).toBe("reachable");
    expect(v.path.at(-1)?.component).toBe("service:sts");
    expect(v.warnings.join("\n")).toContain("no interface endpoint in");
    expect(v.explanation).toContain("public endpoint of com.amazonaws.us-east-1.sts");
  });
});

describe("SageMaker notebooks", () => {
  it("direct internet access: non-VPC destinations leave through the managed network", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const s = t.subnet(vpc, "10.0.0.0/24");
    t.notebook("nb", { subnet: s, direct: true });
    const a = createAnalyzer(t.build());
    for (const to of STANDARD_DESTINATIONS) {
      const v = a.query({ from: "nb", to });
      expect(v.verdict, to).toBe("reachable");
      expect(hopIds(v), to).toContain("sagemaker-managed-network");
    }
  });

  it("direct internet access: VPC destinations still go through the customer ENI", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const s = t.subnet(vpc, "10.0.0.0/24");
    const server = t.instance(s, { sgs: [t.sg(vpc, { ingress: ["tcp 443 10.0.0.0/16"] })] });
    t.notebook("nb", { subnet: s, direct: true });
    const model = t.build();
    const v = createAnalyzer(model).query({ from: "nb", to: model.instances.get(server)?.privateIp as string });
    expect(v.verdict).toBe("reachable");
    expect(hopIds(v)).not.toContain("sagemaker-managed-network");
  });

  it("no VPC: VPC addresses are unreachable (SAGEMAKER_NO_VPC)", () => {
    const t = new TestModel();
    t.vpc("10.0.0.0/16");
    t.notebook("nb", { direct: true });
    const a = createAnalyzer(t.build());
    expect(a.query({ from: "nb", to: "internet" }).verdict).toBe("reachable");
    expect(a.query({ from: "nb", to: "10.0.0.5" }).blockedAt?.code).toBe("SAGEMAKER_NO_VPC");
  });

  it("without the ENI in the snapshot, the notebook's subnet and groups are used", () => {
    const { t, priv, sg } = natNetwork();
    t.notebook("nb", { subnet: priv, sgs: [sg], eni: false });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.verdict).toBe("reachable");
  });
});

describe("Studio domains", () => {
  function withDomain(mode: "VpcOnly" | "PublicInternetOnly", subnets: (t: TestModel, vpc: string) => string[]) {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const ids = subnets(t, vpc);
    t.m.domains.set("d-abc123", {
      id: "d-abc123", scope: t.scope, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" },
      domainName: "research", appNetworkAccessType: mode, vpcId: vpc, subnetIds: ids, securityGroupIds: [t.defaultGroup(vpc)],
    });
    return t;
  }

  it("PublicInternetOnly reaches the internet through the managed network; VpcOnly through its subnets", () => {
    const pub = withDomain("PublicInternetOnly", (t, vpc) => [t.subnet(vpc, "10.0.1.0/24")]);
    const v = createAnalyzer(pub.build()).query({ from: "domain/research", to: "internet" });
    expect(v.verdict).toBe("reachable");
    expect(v.source.type).toBe("studio-domain");
    expect(hopIds(v)).toContain("sagemaker-managed-network");
    const vpcOnly = withDomain("VpcOnly", (t, vpc) => [t.subnet(vpc, "10.0.1.0/24")]);
    expect(createAnalyzer(vpcOnly.build()).query({ from: "d-abc123", to: "internet" }).blockedAt?.code).toBe("NO_ROUTE_TO_DESTINATION");
  });

  it("a VpcOnly domain whose subnets differ: unknown (the app's subnet is SageMaker's choice), naming the subnet that fails", () => {
    let bad = "";
    const t = withDomain("VpcOnly", (tm, vpc) => {
      const good = tm.subnet(vpc, "10.0.1.0/24");
      bad = tm.subnet(vpc, "10.0.2.0/24");
      const pub = tm.subnet(vpc, "10.0.0.0/24");
      tm.routeTable(vpc, [pub], [["0.0.0.0/0", tm.igw(vpc)]]);
      tm.routeTable(vpc, [good], [["0.0.0.0/0", tm.nat(pub)]]);
      return [good, bad];
    });
    const v = createAnalyzer(t.build()).query({ from: "domain/research", to: "internet" });
    expect(v.verdict).toBe("unknown");
    expect(v.explanation).toContain(`unreachable from ${bad}`);
    expect(v.warnings.some((w) => w.includes(": reachable"))).toBe(true);
  });
});

describe("peering", () => {
  function peered(status = "active", backRoute = true) {
    const t = new TestModel();
    const va = t.vpc("10.0.0.0/16");
    const vb = t.vpc("10.1.0.0/16");
    const sa = t.subnet(va, "10.0.0.0/24");
    const sb = t.subnet(vb, "10.1.0.0/24");
    const pcx = t.peering(va, vb, status);
    t.routeTable(va, [sa], [["10.1.0.0/16", pcx]]);
    const rtbB = t.routeTable(vb, [sb], backRoute ? [["10.0.0.0/16", pcx]] : []);
    t.notebook("nb", { subnet: sa });
    const server = t.instance(sb, { sgs: [t.sg(vb, { ingress: ["tcp 443 10.0.0.0/16"] })] });
    const model = t.build();
    return { model, pcx, rtbB, ip: model.instances.get(server)?.privateIp as string };
  }

  it("reaches a peered VPC with routes on both sides", () => {
    const { model, pcx, ip } = peered();
    const v = createAnalyzer(model).query({ from: "nb", to: ip });
    expect(v.verdict).toBe("reachable");
    expect(hopIds(v)).toContain(pcx);
  });

  it("needs a route back (return direction) and an active connection", () => {
    const noBack = peered("active", false);
    expect(createAnalyzer(noBack.model).query({ from: "nb", to: noBack.ip }).blockedAt).toMatchObject({ component: noBack.rtbB, direction: "return", code: "NO_ROUTE_TO_DESTINATION" });
    const pending = peered("pending-acceptance");
    expect(createAnalyzer(pending.model).query({ from: "nb", to: pending.ip }).blockedAt).toMatchObject({ component: pending.pcx, code: "BAD_STATE" });
  });

  it("VPCs with no connection at all: DISCONNECTED_VPCS", () => {
    const t = new TestModel();
    const va = t.vpc("10.0.0.0/16");
    t.vpc("10.1.0.0/16");
    const sa = t.subnet(va, "10.0.0.0/24");
    t.notebook("nb", { subnet: sa });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "10.1.0.5" });
    expect(v.blockedAt?.code).toBe("DISCONNECTED_VPCS");
    expect(v.fix).toContain("peering");
  });

  it("is not transitive (PCX_REQUIRES_ADDRESS_IN_VPC_CIDR)", () => {
    const t = new TestModel();
    const va = t.vpc("10.0.0.0/16");
    const vb = t.vpc("10.1.0.0/16");
    const sa = t.subnet(va, "10.0.0.0/24");
    const pcx = t.peering(va, vb);
    t.routeTable(va, [sa], [["10.0.0.0/8", pcx]]);
    t.notebook("nb", { subnet: sa });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "10.2.0.5" });
    expect(v.blockedAt).toMatchObject({ component: pcx, code: "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR" });
  });
});

describe("missing data", () => {
  it("a kind of data not given gives unknown naming the describe call (MISSING_DATA)", () => {
    const { t, priv, vpc } = natNetwork();
    t.notebook("nb", { subnet: priv });
    for (const acl of [...t.m.networkAcls.values()]) if (acl.vpcId === vpc) t.m.networkAcls.delete(acl.id);
    t.without("networkAcls");
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt?.code).toBe("MISSING_DATA");
    expect(v.explanation).toContain("describe-network-acls");
  });

  it("a failed collect call gives unknown naming it", () => {
    const t = new TestModel();
    const vpc = t.vpc("10.0.0.0/16");
    const s = t.subnet(vpc, "10.0.0.0/24");
    t.notebook("nb", { subnet: s });
    for (const r of [...t.m.routeTables.values()]) t.m.routeTables.delete(r.id);
    t.m.collectErrors = [{ account: "111122223333", region: "us-east-1", service: "ec2", operation: "DescribeRouteTables", code: "UnauthorizedOperation", message: "denied" }];
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.verdict).toBe("unknown");
    expect(v.explanation).toContain("UnauthorizedOperation");
  });

  it("a dangling route target gives unknown naming the id (UNKNOWN_RESOURCE)", () => {
    const { t, vpc } = natNetwork();
    const s = t.subnet(vpc, "10.0.9.0/24");
    t.routeTable(vpc, [s], [["0.0.0.0/0", "nat-0missing"]]);
    t.notebook("nb", { subnet: s });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt?.code).toBe("UNKNOWN_RESOURCE");
    expect(v.explanation).toContain("nat-0missing");
  });
});

describe("more codes", () => {
  it("an instance in no subnet (UNASSOCIATED_COMPONENT, unknown)", () => {
    const t = new TestModel();
    t.vpc("10.0.0.0/16");
    t.m.instances.set("i-0abc", {
      id: "i-0abc", scope: t.scope, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" },
      state: "running", vpcId: undefined, subnetId: undefined, privateIp: undefined, publicIp: undefined, networkInterfaceIds: [], securityGroupIds: [],
    });
    const v = createAnalyzer(t.build()).query({ from: "i-0abc", to: "internet" });
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt?.code).toBe("UNASSOCIATED_COMPONENT");
  });

  it("an interface endpoint without network interfaces (VPCE_SERVICE_NOT_INSTALLED_IN_AZ warning, public path)", () => {
    const { t, vpc, priv } = natNetwork();
    const vpce = t.interfaceEndpoint(vpc, "sts", []);
    t.notebook("nb", { subnet: priv });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "service:sts" });
    expect(v.verdict).toBe("reachable");
    expect(v.warnings.join("\n")).toContain(`VPCE_SERVICE_NOT_INSTALLED_IN_AZ: interface endpoint ${vpce}`);
  });

  it("a notebook listed without its network settings is unknown", () => {
    const { t, priv } = natNetwork();
    t.notebook("nb", { subnet: priv });
    const nb = t.m.notebooks.get("nb");
    if (nb) nb.missingData = "only list-notebook-instances output was given";
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "internet" });
    expect(v.verdict).toBe("unknown");
    expect(v.explanation).toContain("list-notebook-instances");
  });

  it("a peer VPC outside the snapshot is unknown (UNKNOWN_RESOURCE)", () => {
    const t = new TestModel();
    const va = t.vpc("10.0.0.0/16");
    const sa = t.subnet(va, "10.0.0.0/24");
    const pcx = t.peering(va, "vpc-0elsewhere");
    const conn = t.m.vpcPeeringConnections.get(pcx);
    if (conn) conn.accepter.cidrs = ["10.7.0.0/16"];
    t.routeTable(va, [sa], [["10.7.0.0/16", pcx]]);
    t.notebook("nb", { subnet: sa });
    const v = createAnalyzer(t.build()).query({ from: "nb", to: "10.7.0.9" });
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt).toMatchObject({ component: pcx, code: "UNKNOWN_RESOURCE" });
  });

  it("--protocol all through a NAT gateway is refused (PROTOCOL_RESTRICTION); icmp passes", () => {
    const { t, priv, nat } = natNetwork();
    t.notebook("nb", { subnet: priv });
    const a = createAnalyzer(t.build());
    expect(a.query({ from: "nb", to: "internet", protocol: "all" }).blockedAt).toMatchObject({ component: nat, code: "PROTOCOL_RESTRICTION" });
    const icmp = a.query({ from: "nb", to: "8.8.8.8", protocol: "icmp" });
    expect(icmp.verdict).toBe("reachable");
    expect(icmp.port).toBeNull();
  });
});

describe("evidence invariants", () => {
  it("reachable has a path with evidence on every hop; unreachable has blockedAt and a fix", () => {
    const { t, priv, vpc } = natNetwork();
    t.notebook("nb", { subnet: priv });
    const iso = t.subnet(vpc, "10.0.10.0/24");
    t.routeTable(vpc, [iso]);
    t.notebook("iso", { subnet: iso });
    const a = createAnalyzer(t.build());
    for (const from of ["nb", "iso"]) {
      for (const to of STANDARD_DESTINATIONS) {
        const v = a.query({ from, to });
        expect(v.explanation.length).toBeGreaterThan(0);
        if (v.verdict === "reachable") {
          expect(v.path.length).toBeGreaterThan(0);
          expect(v.returnPath.length).toBeGreaterThan(0);
          for (const h of v.path) expect(h.evidence.length, `${from}→${to} ${h.component}`).toBeGreaterThan(0);
        } else {
          expect(v.blockedAt).toBeDefined();
        }
        if (v.verdict === "unreachable") expect(v.fix).toBeTruthy();
      }
    }
  });
});
