/** Region and account inference: folder names, Availability Zones, OwnerId, several scopes in one folder. */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadModel } from "../../src/snapshot/load.js";
import { isRegionName, regionOfAvailabilityZone, scopeFromPath } from "../../src/snapshot/scope.js";
import { BATFISH, makeFolder } from "./helpers.js";

const subnets = (az: string, id = "subnet-1") => ({
  Subnets: [{ SubnetId: id, VpcId: "vpc-1", CidrBlock: "10.0.1.0/24", AvailabilityZone: az }],
});

describe("region and account names", () => {
  it("recognises Region names and not look-alikes", () => {
    for (const name of ["us-east-1", "eu-central-2", "ap-southeast-7", "us-gov-west-1", "il-central-1", "ca-west-1"]) {
      expect(isRegionName(name), name).toBe(true);
    }
    for (const name of ["use1-az1", "my-vpc-1", "us-east-1a", "aws_configs", "us-east"]) expect(isRegionName(name), name).toBe(false);
  });

  it("strips the zone letter or Local Zone suffix, but not from zone ids", () => {
    expect(regionOfAvailabilityZone("us-east-2b")).toBe("us-east-2");
    expect(regionOfAvailabilityZone("us-west-2-lax-1a")).toBe("us-west-2");
    expect(regionOfAvailabilityZone("use1-az1")).toBeUndefined();
  });

  it("takes the deepest Region and account folder on the path", () => {
    expect(scopeFromPath("/x/111122223333/eu-west-1/sub/Vpcs.json")).toEqual({ account: "111122223333", region: "eu-west-1" });
  });
});

describe("scope inference when loading", () => {
  it("infers us-east-2 for Batfish's flat nat-gateway snapshot, NAT file included", async () => {
    const model = await loadModel(join(BATFISH, "nat-gateway"));
    expect(model.natGateways.get("nat-07ab4846da51f4612")?.scope).toEqual({ account: "554773406868", region: "us-east-2" });
    expect([...model.dataPresent.keys()]).toEqual(["554773406868/us-east-2"]);
  });

  it("infers the Region from the Availability Zones of sibling files", async () => {
    const model = await loadModel(
      makeFolder({ "snap/Subnets.json": subnets("eu-west-3c"), "snap/Vpcs.json": { Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16" }] } }),
    );
    expect(model.vpcs.get("vpc-1")?.scope.region).toBe("eu-west-3");
  });

  it("a Region folder wins over Availability Zones", async () => {
    const model = await loadModel(makeFolder({ "ap-south-1/Subnets.json": subnets("us-east-1a") }));
    expect(model.subnets.get("subnet-1")?.scope.region).toBe("ap-south-1");
  });

  it("refuses a folder whose files span several Regions with no Region folder", async () => {
    const root = makeFolder({ "a/Subnets.json": subnets("us-east-1a"), "a/More.json": subnets("eu-west-1a", "subnet-2"), "a/Vpcs.json": { Vpcs: [] } });
    await expect(loadModel(root)).rejects.toThrow(
      `${root}/a/Vpcs.json: cannot tell which AWS Region this file describes: its resources span several Regions (eu-west-1, us-east-1); put the files in a folder named after their Region (e.g. us-east-1/)`,
    );
  });

  it("loads several accounts and Regions from one folder, each with its own scope", async () => {
    const model = await loadModel(
      makeFolder({
        "111111111111/us-east-1/Subnets.json": subnets("us-east-1a", "subnet-a"),
        "111111111111/us-east-1/NatGateways.json": { NatGateways: [] },
        "111111111111/eu-west-1/Subnets.json": subnets("eu-west-1a", "subnet-b"),
        "222222222222/us-east-1/Subnets.json": subnets("us-east-1b", "subnet-c"),
        "owner/us-west-2/Vpcs.json": { Vpcs: [{ VpcId: "vpc-9", CidrBlock: "10.9.0.0/16", OwnerId: "333333333333" }] },
      }),
    );
    expect(model.subnets.get("subnet-a")?.scope).toEqual({ account: "111111111111", region: "us-east-1" });
    expect(model.subnets.get("subnet-b")?.scope).toEqual({ account: "111111111111", region: "eu-west-1" });
    expect(model.subnets.get("subnet-c")?.scope).toEqual({ account: "222222222222", region: "us-east-1" });
    expect(model.vpcs.get("vpc-9")?.scope).toEqual({ account: "333333333333", region: "us-west-2" });
    expect([...model.dataPresent.keys()].sort()).toEqual([
      "111111111111/eu-west-1",
      "111111111111/us-east-1",
      "222222222222/us-east-1",
      "333333333333/us-west-2",
    ]);
    expect([...(model.dataPresent.get("111111111111/us-east-1") ?? [])].sort()).toEqual(["natGateways", "subnets"]);
    expect(model.dataPresent.get("222222222222/us-east-1")?.has("natGateways")).toBe(false);
  });

  it("gives a file that names no owner the account of the folder above it", async () => {
    const model = await loadModel(
      makeFolder({
        "us-east-1/Vpcs.json": { Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16", OwnerId: "111122223333" }] },
        "us-east-1/attributes/dns.json": { VpcId: "vpc-1", EnableDnsSupport: { Value: true } },
      }),
    );
    expect([...model.dataPresent.keys()]).toEqual(["111122223333/us-east-1"]);
    expect(model.dataPresent.get("111122223333/us-east-1")?.has("vpcAttributes")).toBe(true);
  });
});
