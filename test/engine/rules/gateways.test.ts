/**
 * Tables for the gateway rule modules: internet-gateway, nat-gateway, gateway-endpoint,
 * interface-endpoint, vpc-peering, unsupported-targets.
 */
import { describe, expect, it } from "vitest";
import { IntervalSet } from "../../../src/net/index.js";
import * as igw from "../../../src/engine/rules/internet-gateway.js";
import * as nat from "../../../src/engine/rules/nat-gateway.js";
import * as gwe from "../../../src/engine/rules/gateway-endpoint.js";
import * as ife from "../../../src/engine/rules/interface-endpoint.js";
import * as pcx from "../../../src/engine/rules/vpc-peering.js";
import * as unsupported from "../../../src/engine/rules/unsupported-targets.js";
import { forwardClass } from "../../../src/engine/packet.js";
import type { NatGateway, VpcEndpoint, VpcPeeringConnection } from "../../../src/model/types.js";

const base = { scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } };
const natGw = (o: Partial<NatGateway> = {}): NatGateway => ({ ...base, id: "nat-1", vpcId: "vpc-1", subnetId: "subnet-pub", state: "available", connectivityType: "public", availabilityMode: "zonal", addresses: [{ allocationId: "a", networkInterfaceId: "eni-n", privateIp: "10.0.0.9", publicIp: "3.3.3.3" }], ...o });
const endpoint = (o: Partial<VpcEndpoint> = {}): VpcEndpoint => ({ ...base, id: "vpce-1", vpcId: "vpc-1", type: "Gateway", serviceName: "com.amazonaws.us-east-1.s3", state: "available", routeTableIds: [], subnetIds: [], networkInterfaceIds: [], securityGroupIds: [], privateDnsEnabled: false, dnsEntries: [], policyDocument: undefined, ...o });

describe(igw.meta.name, () => {
  it("needs attachment and a public IP; drops RFC 1918 and RFC 6598", () => {
    expect(igw.checkIgwAttachment({ ...base, id: "igw-1", attachedVpcIds: ["vpc-1"] }, "vpc-1")).toBeUndefined();
    expect(igw.checkIgwAttachment({ ...base, id: "igw-1", attachedVpcIds: [] }, "vpc-1")?.code).toBe("BAD_STATE_ATTACHMENT");
    expect(igw.checkIgwPublicIp("igw-1", "10.0.0.5", "54.1.1.1", false)).toBeUndefined();
    expect(igw.checkIgwPublicIp("igw-1", "10.0.0.5", undefined, true)?.code).toBe("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS");
    const split = igw.igwEgressSplit(IntervalSet.fromCidrs(["8.8.8.8/32", "10.1.1.1/32", "100.64.0.1/32"]));
    expect([split.forwarded.toCidrs(), split.rfc1918.toCidrs(), split.rfc6598.toCidrs()]).toEqual([["8.8.8.8/32"], ["10.1.1.1/32"], ["100.64.0.1/32"]]);
  });
});

describe(nat.meta.name, () => {
  it.each([
    ["available, same VPC, tcp", natGw(), "vpc-1", "subnet-priv", "tcp", undefined],
    ["failed", natGw({ state: "failed" }), "vpc-1", "subnet-priv", "tcp", "BAD_STATE"],
    ["other VPC", natGw(), "vpc-2", "subnet-priv", "tcp", "NGW_REQUIRES_SOURCE_IN_VPC"],
    ["protocol 107", natGw(), "vpc-1", "subnet-priv", 107, "PROTOCOL_RESTRICTION"],
    ["protocol all", natGw(), "vpc-1", "subnet-priv", "all", "PROTOCOL_RESTRICTION"],
    ["its own subnet", natGw(), "vpc-1", "subnet-pub", "udp", "NO_POSSIBLE_DESTINATION"],
    ["regional", natGw({ availabilityMode: "regional", subnetId: undefined }), "vpc-1", "subnet-priv", "icmp", "REGIONAL_NGW_ROUTE_AZ_RESTRICTION"],
  ] as const)("%s", (_n, gw, vpc, subnet, proto, code) => {
    expect(nat.checkNatGateway(gw, vpc, subnet, "us-east-1a", proto)?.code).toBe(code);
  });

  it("a private NAT gateway has no public address", () => {
    expect(nat.natAddress(natGw({ connectivityType: "private" })).publicIp).toBeUndefined();
    expect(nat.natAddress(natGw()).publicIp).toBe("3.3.3.3");
  });
});

describe(gwe.meta.name, () => {
  it.each([
    ["tcp to an available endpoint", endpoint(), forwardClass("tcp", 443), undefined],
    ["icmp echo", endpoint(), forwardClass("icmp", null), undefined],
    ["udp", endpoint(), forwardClass("udp", 443), "VPCE_GATEWAY_PROTOCOL_RESTRICTION"],
    ["pending", endpoint({ state: "pending" }), forwardClass("tcp", 443), "BAD_STATE"],
  ] as const)("%s", (_n, e, cls, code) => {
    expect(gwe.checkGatewayEndpoint(e, cls)?.code).toBe(code);
  });

  it.each([
    [undefined, true],
    [JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] }), true],
    [JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: ["*"], Resource: "*" }] }), true],
    [JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }] }), false],
    [JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }, { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" }] }), false],
    ["not json", false],
  ])("policy %s allows all: %s", (doc, open) => {
    expect(gwe.policyAllowsAll(doc)).toBe(open);
  });
});

describe(ife.meta.name, () => {
  it("must be available", () => {
    expect(ife.checkInterfaceEndpoint(endpoint({ type: "Interface" }))).toBeUndefined();
    expect(ife.checkInterfaceEndpoint(endpoint({ type: "Interface", state: "pendingAcceptance" }))?.code).toBe("BAD_STATE");
  });
});

describe(pcx.meta.name, () => {
  const conn = (status: string): VpcPeeringConnection => ({ ...base, id: "pcx-1", status, requester: { vpcId: "vpc-a", ownerId: undefined, region: undefined, cidrs: ["10.0.0.0/16"] }, accepter: { vpcId: "vpc-b", ownerId: undefined, region: undefined, cidrs: ["10.1.0.0/16"] } });
  it("active only; only the peer's CIDRs; sides", () => {
    expect(pcx.checkPeeringState(conn("active"))).toBeUndefined();
    expect(pcx.checkPeeringState(conn("pending-acceptance"))?.code).toBe("BAD_STATE");
    const split = pcx.peeringDestinationSplit(["10.1.0.0/16"], IntervalSet.fromCidrs(["10.1.2.3/32", "10.2.0.1/32"]));
    expect([split.inside.toCidrs(), split.outside.toCidrs()]).toEqual([["10.1.2.3/32"], ["10.2.0.1/32"]]);
    expect(pcx.peerSide(conn("active"), "vpc-b")?.remote.vpcId).toBe("vpc-a");
    expect(pcx.peerSide(conn("active"), "vpc-c")).toBeUndefined();
    expect(pcx.peeringCidrBlock(conn("active")).code).toBe("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR");
  });
});

describe(unsupported.meta.name, () => {
  it.each([
    [{ kind: "transit-gateway", id: "tgw-1" }, "transit gateway"],
    [{ kind: "vpn-gateway", id: "vgw-1" }, "virtual private gateway"],
    [{ kind: "gwlb-endpoint", id: "vpce-1" }, "Gateway Load Balancer"],
    [{ kind: "network-interface", id: "eni-1" }, "network interface"],
    [{ kind: "instance", id: "i-1" }, "instance"],
    [{ kind: "egress-only-igw", id: "eigw-1" }, "egress-only"],
  ] as const)("%j is unknown naming it", (target, words) => {
    const b = unsupported.unsupportedTarget(target, "rtb-1");
    expect(b?.unknown).toBe(true);
    expect(b?.message).toContain(words);
  });
  it("modelled targets are not", () => {
    expect(unsupported.unsupportedTarget({ kind: "nat", id: "nat-1" }, "rtb-1")).toBeUndefined();
    expect(unsupported.unsupportedTarget({ kind: "local" }, "rtb-1")).toBeUndefined();
  });
});
