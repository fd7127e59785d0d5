/** gateway-endpoint: valid and invalid cases. */
import { describe, expect, it } from "vitest";
import * as gwe from "../../../src/engine/rules/gateway-endpoint.js";
import { forwardClass } from "../../../src/engine/packet.js";
import type { VpcEndpoint } from "../../../src/model/types.js";
import { IntervalSet } from "../../../src/net/index.js";

const base = { scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } };
const endpoint = (o: Partial<VpcEndpoint> = {}): VpcEndpoint => ({ ...base, id: "vpce-1", vpcId: "vpc-1", type: "Gateway", serviceName: "com.amazonaws.us-east-1.s3", state: "available", routeTableIds: [], subnetIds: [], networkInterfaceIds: [], securityGroupIds: [], privateDnsEnabled: false, dnsEntries: [], policyDocument: undefined, ...o });

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
    ["a sender inside the VPC", "10.0.1.5/32", undefined],
    ["a spoke address that crossed a transit gateway", "10.1.1.5/32", "GATEWAY_REJECTS_SPOOFED_TRAFFIC"],
    ["a range partly outside", "10.0.0.0/15", "GATEWAY_REJECTS_SPOOFED_TRAFFIC"],
  ] as const)("source check: %s", (_n, source, code) => {
    expect(gwe.checkEndpointSource(endpoint(), IntervalSet.ofCidr(source), IntervalSet.ofCidr("10.0.0.0/16"), source)?.code).toBe(code);
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
