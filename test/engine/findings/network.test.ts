/**
 * The network findings, each with a table of cases that must and must not produce it: security
 * groups open to the world, interface endpoints without working private DNS or admitting nobody,
 * routes to dead NAT gateways, blackhole routes.
 */
import { describe, expect, it } from "vitest";
import * as endpointDns from "../../../src/engine/findings/endpoint-private-dns-off.js";
import * as endpointSg from "../../../src/engine/findings/endpoint-sg-admits-nobody.js";
import * as natUnavailable from "../../../src/engine/findings/nat-gateway-unavailable.js";
import * as blackhole from "../../../src/engine/findings/route-blackhole.js";
import * as sgOpen from "../../../src/engine/findings/sg-open-ingress.js";
import type { FindingRule } from "../../../src/engine/findings/types.js";
import { endpoint, internetGateway, makeIndex, natGateway, networkInterface, notebook, route, routeTable, rule, securityGroup, subnet, vpc, type Parts } from "./model.js";
import { blockedByAcl, fixedReach } from "./verdicts.js";

interface Case {
  name: string;
  parts: Parts;
  expected: string[];
}

/** Runs a finding over each case; `expected` lists the severities of the findings, in order. */
function table(rule: FindingRule, cases: Case[]): void {
  describe(rule.meta.id, () => {
    it.each(cases)("$name → $expected", (c) => {
      const findings = rule.check(makeIndex(c.parts), fixedReach(blockedByAcl()));
      expect(findings.map((f) => f.severity)).toEqual(c.expected);
      for (const finding of findings) {
        expect(finding.rule).toBe(rule.meta.id);
        expect(finding.title).not.toContain("{{");
        expect(finding.fix).toMatch(/aws /);
      }
    });
  });
}

const world = { kind: "cidr" as const, cidr: "0.0.0.0/0" };
const local = route("10.0.0.0/16", { kind: "local" });
const publicTable = routeTable({ id: "rtb-public", isMain: false, subnetIds: ["subnet-public"], routes: [local, route("0.0.0.0/0", { kind: "igw", id: "igw-1" })] });
const publicSubnet = subnet({ id: "subnet-public", cidr: "10.0.0.0/24" });
/** A VPC with an internet gateway, a public subnet (0.0.0.0/0 → igw-1) and a private one (main table, local only). */
const withIgw = { subnets: [subnet(), publicSubnet], internetGateways: [internetGateway()], routeTables: [routeTable(), publicTable] };
const withPublicIp = (subnetId: string) => networkInterface({ subnetId, privateIps: [{ privateIp: "10.0.0.10", primary: true, publicIp: "54.0.0.10" }] });
/** The group's user is reachable from the internet: a public IP in the public subnet. */
const inUse = { ...withIgw, networkInterfaces: [withPublicIp("subnet-public")] };
const groupWith = (...ingress: ReturnType<typeof rule>[]) => ({ ...inUse, securityGroups: [securityGroup({ ingress })] });

table(sgOpen, [
  { name: "ingress from the VPC only", parts: groupWith(rule()), expected: [] },
  { name: "no ingress", parts: groupWith(), expected: [] },
  { name: "egress to the world is not ingress", parts: { ...inUse, securityGroups: [securityGroup()] }, expected: [] },
  { name: "ssh from the world", parts: groupWith(rule({ ports: { from: 22, to: 22 }, peer: world })), expected: ["high"] },
  { name: "rdp inside a range", parts: groupWith(rule({ ports: { from: 3000, to: 4000 }, peer: world })), expected: ["high"] },
  { name: "all traffic from the world", parts: groupWith(rule({ protocol: "all", ports: undefined, peer: world })), expected: ["high"] },
  { name: "all traffic from ::/0", parts: groupWith(rule({ protocol: "all", ports: undefined, peer: { kind: "ipv6", cidr: "::/0" } })), expected: ["high"] },
  { name: "https from the world", parts: groupWith(rule({ peer: world })), expected: ["medium"] },
  { name: "udp 22 is not ssh", parts: groupWith(rule({ protocol: "udp", ports: { from: 22, to: 22 }, peer: world })), expected: ["medium"] },
  { name: "icmp from the world", parts: groupWith(rule({ protocol: "icmp", ports: { from: -1, to: -1 }, peer: world })), expected: ["low"] },
  {
    name: "worst rule decides: https and ssh",
    parts: groupWith(rule({ peer: world }), rule({ ports: { from: 22, to: 22 }, peer: world, permissionIndex: 1 })),
    expected: ["high"],
  },
  {
    name: "ssh open but the group is attached to nothing",
    parts: { networkInterfaces: [], securityGroups: [securityGroup({ ingress: [rule({ ports: { from: 22, to: 22 }, peer: world })] })] },
    expected: ["low"],
  },
  {
    name: "ssh open, no ENI data: cannot tell it is unused",
    parts: { securityGroups: [securityGroup({ ingress: [rule({ ports: { from: 22, to: 22 }, peer: world })] })] },
    expected: ["high"],
  },
  {
    name: "ssh open, used only by a notebook (whose ENI never has a public IP)",
    parts: { networkInterfaces: [], notebooks: [notebook()], securityGroups: [securityGroup({ ingress: [rule({ ports: { from: 22, to: 22 }, peer: world })] })] },
    expected: ["medium"],
  },
]);

const ssh = [securityGroup({ ingress: [rule({ ports: { from: 22, to: 22 }, peer: world })] })];
const mysql = [securityGroup({ ingress: [rule({ ports: { from: 3306, to: 3306 }, peer: world })] })];
describe("sg-open-ingress severity follows exposure", () => {
  it.each([
    { name: "ssh, public IP in a public subnet", parts: { ...inUse, securityGroups: ssh }, expected: "high" },
    { name: "ssh, no public IP, VPC without internet gateway", parts: { networkInterfaces: [networkInterface()], securityGroups: ssh }, expected: "medium" },
    { name: "ssh, no public IP, in the public subnet", parts: { ...withIgw, networkInterfaces: [networkInterface({ subnetId: "subnet-public" })], securityGroups: ssh }, expected: "medium" },
    { name: "ssh, public IP but the subnet has no route to the gateway", parts: { ...withIgw, networkInterfaces: [withPublicIp("subnet-private")], securityGroups: ssh }, expected: "medium" },
    { name: "ssh, one private and one exposed user", parts: { ...withIgw, networkInterfaces: [networkInterface(), withPublicIp("subnet-public")], securityGroups: ssh }, expected: "high" },
    { name: "mysql, exposed", parts: { ...inUse, securityGroups: mysql }, expected: "medium" },
    { name: "mysql, private", parts: { networkInterfaces: [networkInterface()], securityGroups: mysql }, expected: "low" },
    { name: "ssh, public IP, subnet's route table missing: undetermined keeps the port's level", parts: { ...withIgw, routeTables: [], networkInterfaces: [withPublicIp("subnet-public")], securityGroups: ssh }, expected: "high" },
    {
      name: "ssh from ::/0 in a subnet with IPv6 (ENI IPv6 addresses not modeled): undetermined",
      parts: { subnets: [subnet({ ipv6Cidrs: ["2600:1f18::/64"] })], networkInterfaces: [networkInterface()], securityGroups: [securityGroup({ ingress: [rule({ ports: { from: 22, to: 22 }, peer: { kind: "ipv6", cidr: "::/0" } })] })] },
      expected: "high",
    },
  ])("$name → $expected", ({ parts, expected }) => {
    const [finding] = sgOpen.check(makeIndex(parts));
    expect(finding?.severity).toBe(expected);
  });

  it("says why the severity was lowered, or which user is exposed", () => {
    expect(sgOpen.check(makeIndex({ networkInterfaces: [networkInterface()], securityGroups: ssh }))[0]?.detail).toContain("severity lowered one level");
    expect(sgOpen.check(makeIndex({ ...inUse, securityGroups: ssh }))[0]?.detail).toContain("eni-1 has public IP 54.0.0.10 in public subnet subnet-public");
  });
});

describe("sg-open-ingress advice matches the open ports", () => {
  it.each([
    { name: "mysql", ingress: [rule({ ports: { from: 3306, to: 3306 }, peer: world })], admin: undefined },
    { name: "https", ingress: [rule({ peer: world })], admin: undefined },
    { name: "udp 22 is not ssh", ingress: [rule({ protocol: "udp" as const, ports: { from: 22, to: 22 }, peer: world })], admin: undefined },
    { name: "ssh", ingress: [rule({ ports: { from: 22, to: 22 }, peer: world })], admin: "port 22" },
    { name: "rdp", ingress: [rule({ ports: { from: 3389, to: 3389 }, peer: world })], admin: "port 3389" },
    { name: "all traffic", ingress: [rule({ protocol: "all" as const, ports: undefined, peer: world })], admin: "port 22/3389" },
  ])("$name", ({ ingress, admin }) => {
    const [finding] = sgOpen.check(makeIndex({ ...inUse, securityGroups: [securityGroup({ ingress })] }));
    if (admin) expect(finding?.fix).toContain(`SSM Session Manager instead of an open ${admin}`);
    else expect(finding?.fix).not.toMatch(/SSH|RDP|Session Manager|port 22|3389/);
  });
});

const endpointGroup = (ingress: ReturnType<typeof rule>[]) => securityGroup({ id: "sg-endpoint", ingress });
const withEndpoint = (overrides: Parameters<typeof endpoint>[0], parts: Parts = {}): Parts => ({
  securityGroups: [endpointGroup([rule({ groupId: "sg-endpoint" })])],
  vpcEndpoints: [endpoint(overrides)],
  ...parts,
});

table(endpointDns, [
  { name: "private DNS on, VPC DNS on", parts: withEndpoint({}), expected: [] },
  { name: "gateway endpoint", parts: withEndpoint({ type: "Gateway", privateDnsEnabled: false, serviceName: "com.amazonaws.us-east-1.s3" }), expected: [] },
  { name: "own endpoint service", parts: withEndpoint({ privateDnsEnabled: false, serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0abc" }), expected: [] },
  { name: "deleted endpoint", parts: withEndpoint({ privateDnsEnabled: false, state: "deleted" }), expected: [] },
  { name: "VPC DNS attributes unknown", parts: withEndpoint({}, { vpcs: [vpc({ enableDnsHostnames: undefined, enableDnsSupport: undefined })] }), expected: [] },
  { name: "private DNS off", parts: withEndpoint({ privateDnsEnabled: false }), expected: ["low"] },
  {
    name: "private DNS off, aliased by a private hosted zone (a centralized endpoint)",
    parts: withEndpoint({ privateDnsEnabled: false }, { hostedZones: [{
      id: "Z0ZONE", scope: { account: undefined, region: "global" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" }, zoneName: "runtime.sagemaker.us-east-1.amazonaws.com", privateZone: true, recordsTruncated: false,
      vpcs: [{ vpcId: "vpc-spoke", region: "us-east-1" }], records: [{ name: "runtime.sagemaker.us-east-1.amazonaws.com", type: "A", aliasTarget: "vpce-runtime-abcd.runtime.sagemaker.us-east-1.vpce.amazonaws.com", values: [] }],
    }] }),
    expected: [],
  },
  { name: "private DNS on but DNS hostnames off", parts: withEndpoint({}, { vpcs: [vpc({ enableDnsHostnames: false })] }), expected: ["low"] },
]);

table(endpointSg, [
  { name: "allows 443 from the VPC", parts: withEndpoint({}), expected: [] },
  { name: "allows all traffic", parts: withEndpoint({}, { securityGroups: [endpointGroup([rule({ groupId: "sg-endpoint", protocol: "all", ports: undefined })])] }), expected: [] },
  { name: "allows a range holding 443", parts: withEndpoint({}, { securityGroups: [endpointGroup([rule({ groupId: "sg-endpoint", ports: { from: 0, to: 65535 } })])] }), expected: [] },
  { name: "group missing from the snapshot", parts: withEndpoint({}, { securityGroups: [] }), expected: [] },
  { name: "gateway endpoint", parts: withEndpoint({ type: "Gateway" }, { securityGroups: [endpointGroup([])] }), expected: [] },
  { name: "no inbound rules", parts: withEndpoint({}, { securityGroups: [endpointGroup([])] }), expected: ["medium"] },
  { name: "inbound 80 only", parts: withEndpoint({}, { securityGroups: [endpointGroup([rule({ groupId: "sg-endpoint", ports: { from: 80, to: 80 } })])] }), expected: ["medium"] },
]);

const privateTable = (target: ReturnType<typeof route>) =>
  routeTable({ id: "rtb-private", isMain: false, subnetIds: ["subnet-private"], routes: [target] });

table(natUnavailable, [
  { name: "NAT available", parts: { natGateways: [natGateway()], routeTables: [privateTable(route("0.0.0.0/0", { kind: "nat", id: "nat-1" }))] }, expected: [] },
  { name: "NAT pending", parts: { natGateways: [natGateway({ state: "pending" })], routeTables: [privateTable(route("0.0.0.0/0", { kind: "nat", id: "nat-1" }))] }, expected: [] },
  { name: "NAT not in the snapshot", parts: { routeTables: [privateTable(route("0.0.0.0/0", { kind: "nat", id: "nat-1" }))] }, expected: [] },
  { name: "failed NAT, table in use", parts: { natGateways: [natGateway({ state: "failed" })], routeTables: [privateTable(route("0.0.0.0/0", { kind: "nat", id: "nat-1" }))] }, expected: ["high"] },
  {
    name: "deleted NAT, blackhole route, table in use",
    parts: { natGateways: [natGateway({ state: "deleted" })], routeTables: [privateTable(route("0.0.0.0/0", { kind: "nat", id: "nat-1" }, "blackhole"))] },
    expected: ["high"],
  },
  {
    name: "failed NAT, table used by no subnet",
    parts: { natGateways: [natGateway({ state: "failed" })], routeTables: [routeTable(), routeTable({ id: "rtb-spare", isMain: false, routes: [route("0.0.0.0/0", { kind: "nat", id: "nat-1" })] })] },
    expected: ["low"],
  },
]);

table(blackhole, [
  { name: "active routes only", parts: { routeTables: [privateTable(route("0.0.0.0/0", { kind: "igw", id: "igw-1" }))] }, expected: [] },
  { name: "blackhole to a deleted peering, table in use", parts: { routeTables: [privateTable(route("10.9.0.0/16", { kind: "peering", id: "pcx-1" }, "blackhole"))] }, expected: ["medium"] },
  { name: "blackhole in a table no subnet uses", parts: { routeTables: [routeTable(), routeTable({ id: "rtb-spare", isMain: false, routes: [route("10.9.0.0/16", { kind: "peering", id: "pcx-1" }, "blackhole")] })] }, expected: ["low"] },
  { name: "blackhole to a NAT that has vanished", parts: { routeTables: [privateTable(route("0.0.0.0/0", { kind: "nat", id: "nat-gone" }, "blackhole"))] }, expected: ["medium"] },
  {
    name: "blackhole to a deleted NAT is left to nat-gateway-unavailable",
    parts: { natGateways: [natGateway({ state: "deleted" })], routeTables: [privateTable(route("0.0.0.0/0", { kind: "nat", id: "nat-1" }, "blackhole"))] },
    expected: [],
  },
]);

describe("finding details", () => {
  it("sg-open-ingress lists the open ports and a revoke command per rule", () => {
    const parts = groupWith(rule({ ports: { from: 22, to: 22 }, peer: world }), rule({ peer: world, permissionIndex: 1 }));
    const [finding] = sgOpen.check(makeIndex(parts));
    expect(finding?.title).toBe("Security group sg-1 (notebooks) allows inbound tcp/22, tcp/443 from anywhere");
    expect(finding?.fix).toContain("aws ec2 revoke-security-group-ingress --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]'");
  });

  it("endpoint-private-dns-off gives the modify command and the regional endpoint URL", () => {
    const [finding] = endpointDns.check(makeIndex(withEndpoint({ privateDnsEnabled: false })));
    expect(finding?.fix).toContain("aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-runtime --private-dns-enabled");
    expect(finding?.fix).toContain("--endpoint-url https://vpce-runtime-abcd.runtime.sagemaker.us-east-1.vpce.amazonaws.com");
  });

  it("endpoint-private-dns-off says a private hosted zone of the VPC, not the public DNS, answers the default name", () => {
    const zone = {
      id: "Z0EMPTY", scope: { account: undefined, region: "global" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" }, zoneName: "runtime.sagemaker.us-east-1.amazonaws.com", privateZone: true, recordsTruncated: false,
      vpcs: [{ vpcId: "vpc-1", region: "us-east-1" }], records: [],
    };
    const [covered] = endpointDns.check(makeIndex(withEndpoint({ privateDnsEnabled: false }, { hostedZones: [zone] })));
    expect(covered?.detail).toContain("the service's default name is answered by private hosted zone Z0EMPTY (runtime.sagemaker.us-east-1.amazonaws.com) with NXDOMAIN, not by this endpoint");
    expect(covered?.detail).not.toContain("public addresses");
    const [uncovered] = endpointDns.check(makeIndex(withEndpoint({ privateDnsEnabled: false })));
    expect(uncovered?.detail).toContain("the service's default name resolves to public addresses");
  });

  it("endpoint-private-dns-off names the VPC attribute to turn on", () => {
    const [finding] = endpointDns.check(makeIndex(withEndpoint({}, { vpcs: [vpc({ enableDnsSupport: false, enableDnsHostnames: false })] })));
    expect(finding?.detail).toContain("enableDnsSupport is false on vpc-1");
    expect(finding?.fix).toContain("aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-support");
    expect(finding?.fix).toContain("--enable-dns-hostnames");
  });

  it("endpoint-sg-admits-nobody suggests allowing 443 from the VPC CIDR", () => {
    const [finding] = endpointSg.check(makeIndex(withEndpoint({}, { securityGroups: [endpointGroup([])] })));
    expect(finding?.fix).toContain("aws ec2 authorize-security-group-ingress --group-id sg-endpoint --protocol tcp --port 443 --cidr 10.0.0.0/16");
  });

  it("nat-gateway-unavailable names the subnets that lose the route and the replace-route command", () => {
    const parts = { subnets: [subnet()], natGateways: [natGateway({ state: "failed" })], routeTables: [privateTable(route("0.0.0.0/0", { kind: "nat", id: "nat-1" }))] };
    const [finding] = natUnavailable.check(makeIndex(parts));
    expect(finding?.title).toBe("Route table rtb-private sends 0.0.0.0/0 to NAT gateway nat-1, which is failed");
    expect(finding?.detail).toContain("subnet-private");
    expect(finding?.fix).toContain("aws ec2 replace-route --route-table-id rtb-private --destination-cidr-block 0.0.0.0/0 --nat-gateway-id nat-<new>");
  });

  it.each([
    {
      name: "no internet gateway: attach one and make a public subnet before the new NAT gateway",
      parts: { subnets: [subnet()], natGateways: [natGateway({ state: "failed" })], routeTables: [privateTable(route("0.0.0.0/0", { kind: "nat", id: "nat-1" }))] },
      expected: ["Create an internet gateway and attach it to vpc-1", "give vpc-1 a public subnet", "create a NAT gateway in it", "--nat-gateway-id nat-<new>"],
    },
    {
      name: "a public subnet: the new NAT gateway goes there",
      parts: { ...withIgw, natGateways: [natGateway({ state: "failed" })], routeTables: [publicTable, privateTable(route("0.0.0.0/0", { kind: "nat", id: "nat-1" }))] },
      expected: ["Create a NAT gateway in subnet-public", "--nat-gateway-id nat-<new>"],
    },
    {
      name: "another working NAT gateway: only the replace-route",
      parts: { ...withIgw, natGateways: [natGateway({ state: "failed" }), natGateway({ id: "nat-2" })], routeTables: [publicTable, privateTable(route("0.0.0.0/0", { kind: "nat", id: "nat-1" }))] },
      expected: ["`aws ec2 replace-route --route-table-id rtb-private --destination-cidr-block 0.0.0.0/0 --nat-gateway-id nat-2`"],
    },
  ])("nat-gateway-unavailable builds what the VPC lacks: $name", ({ parts, expected }) => {
    const fix = natUnavailable.check(makeIndex(parts))[0]?.fix ?? "";
    const positions = expected.map((phrase) => fix.indexOf(phrase));
    expect(positions.every((at) => at >= 0), fix).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});
