/** Loading describe-* folders: recognition by key, warnings, dangling references, merging, SageMaker. */
import { describe, expect, it } from "vitest";
import { loadModel } from "../../src/snapshot/load.js";
import { makeFolder, vpcFiles } from "./helpers.js";

describe("loadModel on a describe-* folder", () => {
  it("recognises files by top-level key, not by name", async () => {
    const model = await loadModel(
      makeFolder({
        "us-east-1/a.json": { Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16" }] },
        "us-east-1/deep/er/b.json": { Subnets: [{ SubnetId: "subnet-1", VpcId: "vpc-1", CidrBlock: "10.0.1.0/24", AvailabilityZone: "us-east-1a" }] },
      }),
    );
    expect([...model.vpcs.keys()]).toEqual(["vpc-1"]);
    expect(model.subnets.get("subnet-1")?.scope).toEqual({ account: undefined, region: "us-east-1" });
  });

  it("warns about an unknown top-level key and loads the rest", async () => {
    const model = await loadModel(makeFolder({ ...vpcFiles(), "us-east-1/Other.json": { Gizmos: [1], NextToken: "x" } }));
    expect(model.warnings.map((w) => [w.message, w.jsonPath])).toEqual([['unknown top-level key "Gizmos" ignored', "$.Gizmos"]]);
    expect(model.vpcs.size).toBe(1);
  });

  it("warns once about non-empty outputs of kinds it does not model, and not about empty ones", async () => {
    const model = await loadModel(makeFolder({ ...vpcFiles(), "us-east-1/lb.json": { LoadBalancers: [{}, {}] }, "us-east-1/vpn.json": { VpnGateways: [] } }));
    expect(model.warnings.map((w) => w.message)).toEqual(["LoadBalancers: 2 record(s) of a kind vpcreach does not model were ignored"]);
  });

  it("keeps one record of a duplicate id (e.g. two pages) and warns, naming both files, when the copies differ", async () => {
    const vpc = { VpcId: "vpc-1", CidrBlock: "10.0.0.0/16" };
    const model = await loadModel(makeFolder({ "us-east-1/p1.json": { Vpcs: [vpc] }, "us-east-1/p2.json": { Vpcs: [{ ...vpc, CidrBlock: "10.9.0.0/16" }] } }));
    expect(model.vpcs.get("vpc-1")?.cidrs).toEqual(["10.0.0.0/16"]);
    expect(model.warnings).toHaveLength(1);
    expect(model.warnings[0]?.message).toMatch(/^vpc-1 differs between .*p1\.json \(\$\.Vpcs\[0\]\) and .*p2\.json \(\$\.Vpcs\[0\]\) in cidrs: answers that use it are unknown$/);
    expect(model.warnings[0]?.resourceId).toBe("vpc-1");
  });

  it("records dangling references (once per holder and id) and still loads", async () => {
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/Subnets.json": {
          Subnets: [{ SubnetId: "subnet-1", VpcId: "vpc-missing", CidrBlock: "10.0.1.0/24", AvailabilityZone: "us-east-1a" }],
        },
        "us-east-1/NatGateways.json": { NatGateways: [] },
        "us-east-1/RouteTables.json": {
          RouteTables: [
            {
              RouteTableId: "rtb-1",
              VpcId: "vpc-1",
              Associations: [{ Main: true }],
              Routes: [
                { DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: "nat-gone", State: "active" },
                { DestinationCidrBlock: "10.2.0.0/16", VpcPeeringConnectionId: "pcx-1" },
              ],
            },
          ],
        },
        "us-east-1/SecurityGroups.json": {
          SecurityGroups: [
            { GroupId: "sg-1", GroupName: "a", VpcId: "vpc-1", IpPermissions: [
                { IpProtocol: "tcp", FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: "sg-unknown" }] },
                { IpProtocol: "tcp", FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: "sg-unknown" }] },
              ],
            },
          ],
        },
      }),
    );
    expect(model.danglingReferences.map((d) => [d.fromId, d.field, d.missingId])).toEqual([
      ["rtb-1", "route target", "nat-gone"],
      ["sg-1", "security group ingress rule peer", "sg-unknown"],
      ["subnet-1", "subnet VPC", "vpc-missing"],
    ]);
    // No peering data at all: the peering route is missing data, not a dangling reference.
    expect(model.dataPresent.get("111122223333/us-east-1")?.has("vpcPeeringConnections") ?? false).toBe(false);
    expect(model.routeTables.get("rtb-1")?.isMain).toBe(true);
  });

  it("classifies every kind of route target", async () => {
    const route = (target: Record<string, string>) => ({ DestinationCidrBlock: "0.0.0.0/0", ...target });
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/VpcEndpoints.json": {
          VpcEndpoints: [{ VpcEndpointId: "vpce-gwlb", VpcEndpointType: "GatewayLoadBalancer", VpcId: "vpc-1", ServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-1" }],
        },
        "us-east-1/RouteTables.json": {
          RouteTables: [
            {
              RouteTableId: "rtb-1",
              VpcId: "vpc-1",
              Routes: [
                route({ GatewayId: "local" }),
                route({ GatewayId: "igw-1" }),
                route({ GatewayId: "vpce-s3" }),
                route({ GatewayId: "vpce-gwlb" }),
                route({ GatewayId: "vgw-1" }),
                route({ NatGatewayId: "nat-1" }),
                route({ VpcPeeringConnectionId: "pcx-1" }),
                route({ TransitGatewayId: "tgw-1" }),
                route({ NetworkInterfaceId: "eni-1" }),
                route({ InstanceId: "i-1", NetworkInterfaceId: "eni-2" }),
                route({ EgressOnlyInternetGatewayId: "eigw-1" }),
                route({ CarrierGatewayId: "cagw-1" }),
                route({ LocalGatewayId: "lgw-1" }),
                route({ CoreNetworkArn: "arn:aws:networkmanager::1:core-network/c" }),
                { DestinationPrefixListId: "pl-1", GatewayId: "vpce-s3", State: "blackhole" },
              ],
            },
          ],
        },
      }),
    );
    const routes = model.routeTables.get("rtb-1")?.routes ?? [];
    expect(routes.map((r) => r.target)).toEqual([
      { kind: "local" },
      { kind: "igw", id: "igw-1" },
      { kind: "gateway-endpoint", id: "vpce-s3" },
      { kind: "gwlb-endpoint", id: "vpce-gwlb" },
      { kind: "vpn-gateway", id: "vgw-1" },
      { kind: "nat", id: "nat-1" },
      { kind: "peering", id: "pcx-1" },
      { kind: "transit-gateway", id: "tgw-1" },
      { kind: "network-interface", id: "eni-1" },
      { kind: "instance", id: "i-1" },
      { kind: "egress-only-igw", id: "eigw-1" },
      { kind: "other", id: "cagw-1", field: "CarrierGatewayId" },
      { kind: "other", id: "lgw-1", field: "LocalGatewayId" },
      { kind: "other", id: "arn:aws:networkmanager::1:core-network/c", field: "CoreNetworkArn" },
      { kind: "gateway-endpoint", id: "vpce-s3" },
    ]);
    expect(routes[14]).toMatchObject({ destination: { kind: "prefix-list", prefixListId: "pl-1" }, state: "blackhole" });
  });

  it("applies describe-vpc-attribute outputs to their VPC", async () => {
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/dns-support.json": { VpcId: "vpc-1", EnableDnsSupport: { Value: true } },
        "us-east-1/dns-hostnames.json": { VpcId: "vpc-1", EnableDnsHostnames: { Value: false } },
      }),
    );
    expect(model.vpcs.get("vpc-1")).toMatchObject({ enableDnsSupport: true, enableDnsHostnames: false });
    expect(model.dataPresent.get("111122223333/us-east-1")?.has("vpcAttributes")).toBe(true);
  });

  it("merges prefix lists from describe-prefix-lists, describe-managed-prefix-lists and entries", async () => {
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/PrefixLists.json": {
          PrefixLists: [
            { PrefixListId: "pl-63a5400a", PrefixListName: "com.amazonaws.us-east-1.s3", Cidrs: ["52.216.0.0/15"] },
            { PrefixListId: "pl-v6", PrefixListName: "com.amazonaws.us-east-1.ipv6.s3", Cidrs: ["2600:1f18::/33"] },
          ],
        },
        "us-east-1/ManagedPrefixLists.json": {
          PrefixLists: [
            { PrefixListId: "pl-63a5400a", PrefixListName: "com.amazonaws.us-east-1.s3", OwnerId: "AWS", AddressFamily: "IPv4" },
            { PrefixListId: "pl-0abc", PrefixListName: "corp", OwnerId: "111122223333", AddressFamily: "IPv4" },
            { PrefixListId: "pl-0def", PrefixListName: "no-entries", OwnerId: "111122223333", AddressFamily: "IPv4" },
          ],
        },
        "us-east-1/pl-0abc.json": { Entries: [{ Cidr: "192.168.0.0/16" }, { Cidr: "172.16.0.0/12" }, { Cidr: "fd00::/8" }] },
        "us-east-1/other-entries.json": { PrefixListId: "pl-0fff", Entries: [{ Cidr: "8.8.8.8/32" }] },
      }),
    );
    expect(model.prefixLists.get("pl-63a5400a")).toMatchObject({ cidrs: ["52.216.0.0/15"], awsManaged: true });
    expect(model.prefixLists.get("pl-0abc")).toMatchObject({ prefixListName: "corp", cidrs: ["192.168.0.0/16", "172.16.0.0/12"], awsManaged: false });
    expect(model.prefixLists.get("pl-0def")?.cidrs).toBeUndefined();
    expect(model.prefixLists.get("pl-0fff")?.cidrs).toEqual(["8.8.8.8/32"]);
    expect(model.prefixLists.get("pl-v6")?.cidrs).toEqual([]);
    expect(model.warnings).toEqual([]);
  });

  it("reads SageMaker notebooks, listed-only notebooks and Studio domains", async () => {
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/notebook-research.json": {
          NotebookInstanceName: "research",
          NotebookInstanceArn: "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/research",
          NotebookInstanceStatus: "InService",
          InstanceType: "ml.t3.medium",
          SubnetId: "subnet-1",
          SecurityGroups: ["sg-nb"],
          NetworkInterfaceId: "eni-nb",
          DirectInternetAccess: "Disabled",
          RootAccess: "Disabled",
        },
        "us-east-1/list.json": {
          NotebookInstances: [
            { NotebookInstanceName: "research", NotebookInstanceStatus: "InService" },
            { NotebookInstanceName: "only-listed", NotebookInstanceStatus: "Stopped" },
          ],
        },
        "us-east-1/domain.json": {
          DomainId: "d-abc",
          DomainName: "studio",
          AppNetworkAccessType: "VpcOnly",
          VpcId: "vpc-1",
          SubnetIds: ["subnet-1"],
          DefaultUserSettings: { SecurityGroups: ["sg-studio"] },
        },
      }),
    );
    expect(model.notebooks.get("research")).toMatchObject({
      subnetId: "subnet-1",
      securityGroupIds: ["sg-nb"],
      networkInterfaceId: "eni-nb",
      directInternetAccess: false,
      rootAccess: false,
      scope: { account: "111122223333", region: "us-east-1" },
    });
    expect(model.notebooks.get("research")?.missingData).toBeUndefined();
    expect(model.notebooks.get("only-listed")?.missingData).toMatch(/list-notebook-instances/);
    expect(model.warnings.map((w) => w.resourceId)).toEqual(["only-listed"]);
    expect(model.domains.get("d-abc")).toMatchObject({ appNetworkAccessType: "VpcOnly", securityGroupIds: ["sg-studio"], subnetIds: ["subnet-1"] });
  });

  it("reads instances from reservations and ENIs with their public IPs", async () => {
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/Reservations.json": {
          Reservations: [
            {
              OwnerId: "111122223333",
              Instances: [
                {
                  InstanceId: "i-1",
                  State: { Name: "running" },
                  VpcId: "vpc-1",
                  SubnetId: "subnet-1",
                  PrivateIpAddress: "10.0.1.5",
                  PublicIpAddress: "3.3.3.3",
                  NetworkInterfaces: [{ NetworkInterfaceId: "eni-1" }],
                  SecurityGroups: [{ GroupId: "sg-1", GroupName: "x" }],
                },
              ],
            },
          ],
        },
        "us-east-1/NetworkInterfaces.json": {
          NetworkInterfaces: [
            {
              NetworkInterfaceId: "eni-1",
              VpcId: "vpc-1",
              SubnetId: "subnet-1",
              PrivateIpAddress: "10.0.1.5",
              PrivateIpAddresses: [{ PrivateIpAddress: "10.0.1.5", Primary: true, Association: { PublicIp: "3.3.3.3" } }],
              Groups: [{ GroupId: "sg-1" }],
              Attachment: { InstanceId: "i-1" },
            },
          ],
        },
      }),
    );
    expect(model.instances.get("i-1")).toMatchObject({ state: "running", publicIp: "3.3.3.3", networkInterfaceIds: ["eni-1"], securityGroupIds: ["sg-1"] });
    expect(model.networkInterfaces.get("eni-1")).toMatchObject({
      privateIps: [{ privateIp: "10.0.1.5", primary: true, publicIp: "3.3.3.3" }],
      attachedInstanceId: "i-1",
    });
  });

  it("takes an instance's ENIs from describe-instances when describe-network-interfaces is absent", async () => {
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/Reservations.json": {
          Reservations: [
            {
              Instances: [
                {
                  InstanceId: "i-1",
                  VpcId: "vpc-1",
                  SubnetId: "subnet-1",
                  Placement: { AvailabilityZone: "us-east-1a" },
                  NetworkInterfaces: [
                    {
                      NetworkInterfaceId: "eni-1",
                      SubnetId: "subnet-1",
                      PrivateIpAddress: "10.0.1.7",
                      PrivateIpAddresses: [{ PrivateIpAddress: "10.0.1.7", Primary: true, Association: { PublicIp: "3.3.3.4" } }],
                      Groups: [{ GroupId: "sg-1" }],
                      SourceDestCheck: false,
                    },
                  ],
                },
              ],
            },
          ],
        },
      }),
    );
    expect(model.networkInterfaces.get("eni-1")).toMatchObject({
      vpcId: "vpc-1",
      subnetId: "subnet-1",
      availabilityZone: "us-east-1a",
      attachedInstanceId: "i-1",
      sourceDestCheck: false,
      securityGroupIds: ["sg-1"],
      privateIps: [{ privateIp: "10.0.1.7", primary: true, publicIp: "3.3.3.4" }],
    });
    expect(model.dataPresent.get("111122223333/us-east-1")?.has("networkInterfaces")).toBe(false);
  });

  it("merges transit gateway attachments with the subnets of their VPC attachments, in either file order", async () => {
    for (const [first, second] of [["a.json", "b.json"], ["b.json", "a.json"]]) {
      const model = await loadModel(
        makeFolder({
          ...vpcFiles(),
          "us-east-1/TransitGateways.json": { TransitGateways: [{ TransitGatewayId: "tgw-1", State: "available" }] },
          [`us-east-1/${first}`]: {
            TransitGatewayAttachments: [{ TransitGatewayAttachmentId: "tgw-attach-1", TransitGatewayId: "tgw-1", ResourceType: "vpc", ResourceId: "vpc-1", State: "available" }],
          },
          [`us-east-1/${second}`]: {
            TransitGatewayVpcAttachments: [{ TransitGatewayAttachmentId: "tgw-attach-1", TransitGatewayId: "tgw-1", VpcId: "vpc-1", SubnetIds: ["subnet-1"], State: "available" }],
          },
        }),
      );
      expect(model.transitGatewayAttachments.get("tgw-attach-1")).toMatchObject({ resourceType: "vpc", resourceId: "vpc-1", subnetIds: ["subnet-1"] });
      expect(model.warnings).toEqual([]);
      expect(model.danglingReferences).toEqual([]);
    }
  });
});

