/**
 * Reading the inputs of the AWS rules added for issue 13: VPC Block Public Access options, exclusions
 * and states, interface endpoint DnsOptions, instance MetadataOptions and VPCs' DHCP options, in the
 * AWS CLI's shapes.
 */
import { describe, expect, it } from "vitest";
import { loadModel } from "../../src/snapshot/load.js";
import { makeFolder, vpcFiles } from "./helpers.js";

const OPTIONS = {
  VpcBlockPublicAccessOptions: {
    AwsAccountId: "111122223333", AwsRegion: "us-east-1", State: "update-complete", InternetGatewayBlockMode: "block-bidirectional",
    ManagedBy: "account", ExclusionsAllowed: "allowed",
  },
};
const EXCLUSIONS = {
  VpcBlockPublicAccessExclusions: [
    { ExclusionId: "vpcbpa-exclude-0a1", InternetGatewayExclusionMode: "allow-egress", ResourceArn: "arn:aws:ec2:us-east-1:111122223333:subnet/subnet-1", State: "create-complete", Tags: [{ Key: "Name", Value: "nat-subnet" }] },
  ],
};

describe("VPC Block Public Access inputs", () => {
  it("reads the options, the exclusions and the states printed on VPCs and subnets", async () => {
    const files = vpcFiles();
    const vpcs = files["us-east-1/Vpcs.json"] as { Vpcs: Record<string, unknown>[] };
    (vpcs.Vpcs[0] as Record<string, unknown>).BlockPublicAccessStates = { InternetGatewayBlockMode: "block-bidirectional" };
    const model = await loadModel(makeFolder({ ...files, "us-east-1/bpa.json": OPTIONS, "us-east-1/ex.json": EXCLUSIONS }));
    expect(model.blockPublicAccessOptions.get("bpa-options:111122223333/us-east-1")).toMatchObject({ mode: "block-bidirectional", exclusionsAllowed: true, managedBy: "account" });
    expect(model.blockPublicAccessExclusions.get("vpcbpa-exclude-0a1")).toMatchObject({ resourceId: "subnet-1", mode: "allow-egress", state: "create-complete", name: "nat-subnet", scope: { account: "111122223333" } });
    expect(model.vpcs.get("vpc-1")?.blockPublicAccessMode).toBe("block-bidirectional");
    expect(model.subnets.get("subnet-1")?.blockPublicAccessMode).toBeUndefined();
    expect(model.warnings).toEqual([]);
  });

  it("reads ExclusionsAllowed not-allowed", async () => {
    const options = { VpcBlockPublicAccessOptions: { ...OPTIONS.VpcBlockPublicAccessOptions, ExclusionsAllowed: "not-allowed" } };
    const model = await loadModel(makeFolder({ ...vpcFiles(), "us-east-1/bpa.json": options }));
    expect(model.blockPublicAccessOptions.get("bpa-options:111122223333/us-east-1")?.exclusionsAllowed).toBe(false);
  });

  it.each([
    [{ VpcBlockPublicAccessOptions: { InternetGatewayBlockMode: "block-everything" } }, /bpa\.json.*\$\.VpcBlockPublicAccessOptions\.InternetGatewayBlockMode.*block-everything/],
    [{ VpcBlockPublicAccessExclusions: [{ ExclusionId: "vpcbpa-exclude-1", InternetGatewayExclusionMode: "allow-egress", ResourceArn: "arn:aws:ec2:us-east-1:111122223333:instance/i-1" }] }, /ResourceArn.*vpcbpa-exclude-1|vpcbpa-exclude-1.*ResourceArn/],
    [{ VpcBlockPublicAccessExclusions: [{ ExclusionId: "vpcbpa-exclude-1", InternetGatewayExclusionMode: "allow-all", ResourceArn: "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1" }] }, /InternetGatewayExclusionMode.*allow-all/],
  ])("rejects a malformed record naming the file, path and value: %j", async (doc, message) => {
    await expect(loadModel(makeFolder({ ...vpcFiles(), "us-east-1/bpa.json": doc }))).rejects.toThrow(message);
  });

  it("reads an interface endpoint's DnsOptions and an instance's MetadataOptions", async () => {
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/ep.json": {
          VpcEndpoints: [{
            VpcEndpointId: "vpce-1", VpcEndpointType: "Interface", VpcId: "vpc-1", ServiceName: "com.amazonaws.us-east-1.s3", PrivateDnsEnabled: true,
            DnsOptions: { DnsRecordIpType: "ipv4", PrivateDnsOnlyForInboundResolverEndpoint: true },
          }],
        },
        "us-east-1/i.json": { Reservations: [{ Instances: [{ InstanceId: "i-1", SubnetId: "subnet-1", VpcId: "vpc-1", MetadataOptions: { HttpEndpoint: "disabled", HttpTokens: "required" } }] }] },
      }),
    );
    expect(model.vpcEndpoints.get("vpce-1")?.dnsOptions).toEqual({ dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: true });
    expect(model.instances.get("i-1")?.metadataEndpoint).toBe("disabled");
  });

  it("reads a VPC's DHCP options set and its domain-name-servers (a set without the option: none)", async () => {
    const vpcs = { Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16", DhcpOptionsId: "dopt-1" }, { VpcId: "vpc-2", CidrBlock: "10.1.0.0/16", DhcpOptionsId: "dopt-2" }, { VpcId: "vpc-3", CidrBlock: "10.2.0.0/16", DhcpOptionsId: "dopt-gone" }] };
    const dhcp = {
      DhcpOptions: [
        { DhcpOptionsId: "dopt-1", DhcpConfigurations: [{ Key: "domain-name", Values: [{ Value: "corp.example" }] }, { Key: "domain-name-servers", Values: [{ Value: "10.0.0.10" }, { Value: "10.0.0.11" }] }] },
        { DhcpOptionsId: "dopt-2", DhcpConfigurations: [{ Key: "ntp-servers", Values: [{ Value: "169.254.169.123" }] }] },
      ],
    };
    const model = await loadModel(makeFolder({ "us-east-1/vpcs.json": vpcs, "us-east-1/dhcp.json": dhcp }));
    expect(model.vpcs.get("vpc-1")).toMatchObject({ dhcpOptionsId: "dopt-1", dnsServers: ["10.0.0.10", "10.0.0.11"] });
    expect(model.vpcs.get("vpc-2")?.dnsServers).toEqual([]);
    expect(model.vpcs.get("vpc-3")).toMatchObject({ dhcpOptionsId: "dopt-gone", dnsServers: undefined });
  });

  it("reads DnsOptions an AWS CLI older than PrivateDnsOnlyForInboundResolverEndpoint printed: the option unknown, not false", async () => {
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/ep.json": { VpcEndpoints: [{ VpcEndpointId: "vpce-1", VpcEndpointType: "Interface", VpcId: "vpc-1", ServiceName: "com.amazonaws.us-east-1.s3", PrivateDnsEnabled: true, DnsOptions: { DnsRecordIpType: "ipv4" } }] },
      }),
    );
    expect(model.vpcEndpoints.get("vpce-1")?.dnsOptions).toEqual({ dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: undefined });
  });
});
