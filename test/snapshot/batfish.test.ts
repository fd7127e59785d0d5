/** The three Batfish test networks (test/data/external/batfish-aws/, copied with their source and licence) load as is, with the right contents. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadModel } from "../../src/snapshot/load.js";
import { indexModel } from "../../src/model/indexes.js";
import type { Model } from "../../src/model/types.js";
import { BATFISH } from "./helpers.js";

function counts(model: Model): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [key, value] of Object.entries(model)) if (value instanceof Map && key !== "dataPresent" && value.size > 0) result[key] = value.size;
  return result;
}

describe("Batfish networks", () => {
  it("nat-gateway (flat aws_configs, us-east-2)", async () => {
    const model = await loadModel(join(BATFISH, "nat-gateway"));
    expect(counts(model)).toEqual({
      vpcs: 1,
      subnets: 3,
      routeTables: 3,
      internetGateways: 1,
      natGateways: 1,
      securityGroups: 3,
      networkAcls: 2,
      networkInterfaces: 4,
      instances: 3,
    });
    expect(model.warnings).toEqual([]);
    expect(model.danglingReferences).toEqual([]);
    const index = indexModel(model);
    expect(index.routeTableOfSubnet("subnet-02ff259e663e9613e")?.how).toBe("main");
    expect(index.routeTableOfSubnet("subnet-06f469bcee42e408e")?.value.routes[1]?.target).toEqual({ kind: "nat", id: "nat-07ab4846da51f4612" });
    expect(index.networkAclOfSubnet("subnet-0428892a357fa1f94")?.value.id).toBe("acl-0792adae678b88f85");
    expect(model.natGateways.get("nat-07ab4846da51f4612")?.addresses[0]).toEqual({
      allocationId: "eipalloc-0353e2d101e93f4a1",
      networkInterfaceId: "eni-017aaec115610308a",
      privateIp: "10.1.250.210",
      publicIp: "3.135.127.225",
    });
    expect(model.instances.get("i-0b31b509174d7f5de")?.publicIp).toBe("18.216.129.140");
  });

  it("vpc-endpoint-gateway (us-east-1, S3 gateway endpoint and prefix list)", async () => {
    const model = await loadModel(join(BATFISH, "vpc-endpoint-gateway"));
    expect(counts(model)).toEqual({
      vpcs: 1,
      subnets: 2,
      routeTables: 3,
      internetGateways: 1,
      vpcEndpoints: 1,
      securityGroups: 2,
      networkAcls: 2,
      networkInterfaces: 2,
      instances: 2,
      prefixLists: 2,
    });
    expect(model.prefixLists.get("pl-63a5400a")?.cidrs).toEqual(["54.231.0.0/17", "52.216.0.0/15", "3.5.16.0/21", "3.5.0.0/20"]);
    expect(model.vpcEndpoints.get("vpce-0b7357542bb7b83ec")).toMatchObject({ type: "Gateway", serviceName: "com.amazonaws.us-east-1.s3" });
    const privateTable = indexModel(model).routeTableOfSubnet("subnet-01e5f0945f6d6f47c")?.value;
    expect(privateTable?.routes.map((r) => r.target.kind)).toContain("gateway-endpoint");
    expect(model.danglingReferences).toEqual([]);
  });

  it("vpc-endpoint-interface (us-east-1, CloudTrail interface endpoint)", async () => {
    const model = await loadModel(join(BATFISH, "vpc-endpoint-interface"));
    expect(counts(model)).toMatchObject({ vpcs: 1, subnets: 2, vpcEndpoints: 1, networkInterfaces: 3, instances: 2 });
    const endpoint = model.vpcEndpoints.get("vpce-083c683a6be29b889");
    expect(endpoint).toMatchObject({ type: "Interface", privateDnsEnabled: true, networkInterfaceIds: ["eni-0084b734451ba23ca"] });
    expect(indexModel(model).endpointOfInterface("eni-0084b734451ba23ca")?.id).toBe("vpce-083c683a6be29b889");
    expect(model.networkInterfaces.get("eni-0084b734451ba23ca")).toMatchObject({ interfaceType: "vpc_endpoint", requesterManaged: true });
  });
});
