/** Tables for private-dns, sagemaker-notebook and missing-data; and every rule module's meta. */
import { describe, expect, it } from "vitest";
import { IntervalSet } from "../../../src/net/index.js";
import * as dns from "../../../src/engine/rules/private-dns.js";
import * as nb from "../../../src/engine/rules/sagemaker-notebook.js";
import * as missing from "../../../src/engine/rules/missing-data.js";
import * as routeSelection from "../../../src/engine/rules/route-selection.js";
import * as networkAcl from "../../../src/engine/rules/network-acl.js";
import * as securityGroup from "../../../src/engine/rules/security-group.js";
import * as internetGateway from "../../../src/engine/rules/internet-gateway.js";
import * as natGateway from "../../../src/engine/rules/nat-gateway.js";
import * as gatewayEndpoint from "../../../src/engine/rules/gateway-endpoint.js";
import * as interfaceEndpoint from "../../../src/engine/rules/interface-endpoint.js";
import * as vpcPeering from "../../../src/engine/rules/vpc-peering.js";
import * as unsupportedTargets from "../../../src/engine/rules/unsupported-targets.js";
import { TestModel } from "../helpers/model-builder.js";
import type { Notebook, Vpc, VpcEndpoint } from "../../../src/model/types.js";

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
    expect(dns.defaultNameResolution(ep(enabled), v).resolution).toBe(where);
  });

  it("the endpoint URL is the regional DNS entry (no AZ)", () => {
    expect(dns.endpointUrl(ep(false))).toBe("https://vpce-0abc-xyz.runtime.sagemaker.us-east-1.vpce.amazonaws.com");
    expect(dns.defaultServiceName("sagemaker.api", "eu-west-1")).toBe("api.sagemaker.eu-west-1.amazonaws.com");
    expect(dns.defaultServiceName("sts", "eu-west-1")).toBe("sts.eu-west-1.amazonaws.com");
  });
});

describe(nb.meta.name, () => {
  const notebook = (o: Partial<Notebook>): Notebook => ({ ...base, id: "nb", arn: undefined, status: "InService", instanceType: undefined, subnetId: "subnet-1", securityGroupIds: [], networkInterfaceId: undefined, directInternetAccess: false, rootAccess: false, kmsKeyId: undefined, ...o });
  const vpcSet = IntervalSet.fromCidrs(["10.0.0.0/16"]);
  const dst = IntervalSet.fromCidrs(["10.0.1.1/32", "8.8.8.8/32"]);
  it.each([
    [true, ["8.8.8.8/32"], ["10.0.1.1/32"]],
    [false, [], ["8.8.8.8/32", "10.0.1.1/32"]],
  ] as const)("DirectInternetAccess %s splits managed %j / customer %j", (direct, managed, customer) => {
    const split = nb.notebookEgressSplit(notebook({ directInternetAccess: direct }), dst, vpcSet);
    expect(split.managed.toCidrs()).toEqual(managed);
    expect(split.customer.toCidrs()).toEqual(customer);
  });

  it("the managed network reaches public addresses only; no VPC → SAGEMAKER_NO_VPC; missing settings → unknown", () => {
    expect(nb.managedNetworkSplit(dst).dropped.toCidrs()).toEqual(["10.0.1.1/32"]);
    expect(nb.managedNetworkBlock(notebook({ subnetId: undefined, directInternetAccess: true }), "x").code).toBe("SAGEMAKER_NO_VPC");
    expect(nb.notebookDataBlock(notebook({ missingData: "listed only" }))?.unknown).toBe(true);
    expect(nb.notebookDataBlock(notebook({ subnetId: undefined }))?.code).toBe("MISSING_DATA");
    expect(nb.notebookDataBlock(notebook({}))).toBeUndefined();
  });
});

describe(missing.meta.name, () => {
  it("absent data, a failed call, and a dangling id", () => {
    const t = new TestModel();
    t.vpc("10.0.0.0/16");
    expect(missing.requireData(t.build(), t.scope, "routeTables", "x")).toBeUndefined();
    t.without("routeTables");
    expect(missing.requireData(t.build(), t.scope, "routeTables", "x")?.message).toContain("describe-route-tables");
    t.m.collectErrors = [{ account: undefined, region: "us-east-1", service: "ec2", operation: "DescribeNatGateways", code: "Throttling", message: "slow" }];
    expect(missing.requireData(t.build(), t.scope, "natGateways", "x")?.message).toContain("Throttling");
    expect(missing.missingResource(t.build(), t.scope, "vpcEndpoints", "vpce-9", "rtb-1").code).toBe("UNKNOWN_RESOURCE");
  });
});

describe("rule module metadata", () => {
  const modules = [routeSelection, networkAcl, securityGroup, internetGateway, natGateway, gatewayEndpoint, interfaceEndpoint, dns, vpcPeering, nb, unsupportedTargets, missing].map((m) => [m.meta.name, m.meta] as const);
  it.each(modules)("%s declares name, AWS doc URL and codes", (name, meta) => {
    expect(name.length).toBeGreaterThan(0);
    expect(meta.docs.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(Object.keys(meta.codes).length).toBeGreaterThan(0);
  });
});
