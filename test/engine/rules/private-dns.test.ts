/** private-dns: where the default service name resolves, and the endpoint URL. */
import { describe, expect, it } from "vitest";
import * as dns from "../../../src/engine/rules/private-dns.js";
import type { Vpc, VpcEndpoint } from "../../../src/model/types.js";

const base = { scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } };
const vpc = (support: boolean | undefined, hostnames: boolean | undefined): Vpc => ({ ...base, id: "vpc-1", cidrs: ["10.0.0.0/16"], ipv6Cidrs: [], isDefault: false, state: "available", enableDnsSupport: support, enableDnsHostnames: hostnames });
const ep = (privateDnsEnabled: boolean): VpcEndpoint => ({
  ...base, id: "vpce-0abc", vpcId: "vpc-1", type: "Interface", serviceName: "com.amazonaws.us-east-1.sagemaker.runtime", state: "available", routeTableIds: [], subnetIds: [], networkInterfaceIds: [], securityGroupIds: [], privateDnsEnabled, policyDocument: undefined,
  dnsEntries: [
    { dnsName: "vpce-0abc-xyz-us-east-1a.runtime.sagemaker.us-east-1.vpce.amazonaws.com", hostedZoneId: undefined },
    { dnsName: "vpce-0abc-xyz.runtime.sagemaker.us-east-1.vpce.amazonaws.com", hostedZoneId: undefined },
    { dnsName: "runtime.sagemaker.us-east-1.amazonaws.com", hostedZoneId: undefined },
  ],
});

describe(dns.meta.name, () => {
  it.each([
    [true, vpc(true, true), "endpoint"],
    [false, vpc(true, true), "public"],
    [true, vpc(false, true), "public"],
    [true, vpc(true, false), "public"],
    [true, vpc(undefined, undefined), "unknown"],
    [true, undefined, "unknown"],
  ] as const)("PrivateDnsEnabled %s with %j resolves to %s", (enabled, v, where) => {
    expect(dns.defaultNameResolution(ep(enabled), v, () => false).resolution).toBe(where);
  });

  it.each([
    [{ dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: true }, "public"],
    [{ dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: false }, "endpoint"],
    [{ dnsRecordIpType: "dualstack", privateDnsOnlyForInboundResolverEndpoint: false }, "endpoint"],
    [{ dnsRecordIpType: "service-defined", privateDnsOnlyForInboundResolverEndpoint: false }, "endpoint"],
    [{ dnsRecordIpType: "ipv6", privateDnsOnlyForInboundResolverEndpoint: false }, "ipv6"],
    [undefined, "endpoint"],
    [{ dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: undefined }, "endpoint"],
  ] as const)("an S3 interface endpoint with private DNS and DnsOptions %j, no gateway endpoint in the VPC, resolves to %s", (dnsOptions, where) => {
    const s3 = { ...ep(true), serviceName: "com.amazonaws.us-east-1.s3", dnsOptions };
    const decision = dns.defaultNameResolution(s3, vpc(true, true), () => false);
    expect(decision.resolution).toBe(where);
    if (where === "public") expect(decision.why).toBe(dns.INBOUND_ONLY);
  });

  it.each([
    [{ dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: true }, "public"],
    [{ dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: false }, "endpoint"],
    [{ dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: undefined }, "either"],
    [undefined, "either"],
  ] as const)("beside a gateway endpoint, DnsOptions %j resolves to %s (the option not given: either way)", (dnsOptions, where) => {
    const s3 = { ...ep(true), serviceName: "com.amazonaws.us-east-1.s3", dnsOptions };
    const decision = dns.defaultNameResolution(s3, vpc(true, true), () => true);
    expect(decision.resolution).toBe(where);
    if (where === "either") expect(decision.why).toBe(dns.INBOUND_UNKNOWN);
  });

  it("the endpoint URL is the regional DNS entry (no AZ)", () => {
    expect(dns.endpointUrl(ep(false))).toBe("https://vpce-0abc-xyz.runtime.sagemaker.us-east-1.vpce.amazonaws.com");
    expect(dns.defaultServiceName("sagemaker.api", "eu-west-1")).toBe("api.sagemaker.eu-west-1.amazonaws.com");
    expect(dns.defaultServiceName("sts", "eu-west-1")).toBe("sts.eu-west-1.amazonaws.com");
  });
});
