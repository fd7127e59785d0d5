/** classifySubnet: public means a direct route to an internet gateway attached to the subnet's VPC. */
import { describe, expect, it } from "vitest";
import { loadModel } from "../../../src/snapshot/load.js";
import { indexModel } from "../../../src/model/indexes.js";
import { classifySubnet } from "../../../src/engine/rules/public-subnet.js";
import { makeFolder } from "../../snapshot/helpers.js";

async function classify(routes: unknown[], igws: unknown[] | undefined, subnetAssociated = true) {
  const files: Record<string, unknown> = {
    "us-east-1/Vpcs.json": { Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16" }] },
    "us-east-1/Subnets.json": { Subnets: [{ SubnetId: "subnet-1", VpcId: "vpc-1", CidrBlock: "10.0.1.0/24", AvailabilityZone: "us-east-1a" }] },
    "us-east-1/RouteTables.json": {
      RouteTables: [
        {
          RouteTableId: "rtb-1",
          VpcId: "vpc-1",
          Associations: subnetAssociated ? [{ SubnetId: "subnet-1" }] : [],
          Routes: [{ DestinationCidrBlock: "10.0.0.0/16", GatewayId: "local" }, ...routes],
        },
      ],
    },
  };
  if (igws) files["us-east-1/InternetGateways.json"] = { InternetGateways: igws };
  const index = indexModel(await loadModel(makeFolder(files)));
  return classifySubnet(index, "subnet-1");
}

const attached = [{ InternetGatewayId: "igw-1", Attachments: [{ VpcId: "vpc-1", State: "available" }] }];

describe("classifySubnet", () => {
  it("public: default route to an attached IGW", async () => {
    const result = await classify([{ DestinationCidrBlock: "0.0.0.0/0", GatewayId: "igw-1" }], attached);
    expect(result).toMatchObject({ public: true, reason: "route 0.0.0.0/0 → igw-1 (attached)", certain: true });
    expect(result.route?.target).toEqual({ kind: "igw", id: "igw-1" });
  });

  it("public: a narrower route to an attached IGW is still a direct route", async () => {
    const result = await classify([{ DestinationCidrBlock: "203.0.113.0/24", GatewayId: "igw-1" }], attached);
    expect(result).toMatchObject({ public: true, reason: "route 203.0.113.0/24 → igw-1 (attached)" });
  });

  it("private: default route to a NAT gateway", async () => {
    const result = await classify([{ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: "nat-1" }], attached);
    expect(result).toEqual({ public: false, reason: "no route to an attached IGW (0.0.0.0/0 → nat-1)", certain: true });
  });

  it("private: no default route at all", async () => {
    expect(await classify([], attached)).toEqual({ public: false, reason: "no route to an attached IGW (no default route)", certain: true });
  });

  it("private: the IGW is attached to another VPC", async () => {
    const other = [{ InternetGatewayId: "igw-1", Attachments: [{ VpcId: "vpc-9", State: "available" }] }];
    const result = await classify([{ DestinationCidrBlock: "0.0.0.0/0", GatewayId: "igw-1" }], other);
    expect(result.reason).toBe("no route to an attached IGW: route 0.0.0.0/0 → igw-1, but that gateway is not attached to vpc-1");
    expect(result.public).toBe(false);
  });

  it("private: a blackhole route to the IGW", async () => {
    const result = await classify([{ DestinationCidrBlock: "0.0.0.0/0", GatewayId: "igw-1", State: "blackhole" }], attached);
    expect(result.reason).toBe("no route to an attached IGW: route 0.0.0.0/0 → igw-1 is a blackhole");
  });

  it("uncertain when the snapshot has no internet gateway data", async () => {
    const result = await classify([{ DestinationCidrBlock: "0.0.0.0/0", GatewayId: "igw-1" }], undefined);
    expect(result).toEqual({
      public: false,
      reason: "no route to an attached IGW: route 0.0.0.0/0 → igw-1, but that gateway is not in the snapshot",
      certain: false,
    });
  });

  it("uncertain when the subnet has no explicit association and the VPC no main route table", async () => {
    const result = await classify([], attached, false);
    expect(result).toMatchObject({ public: false, certain: false });
    expect(result.reason).toBe("no route table: no explicit association and no main route table in the snapshot");
  });
});
