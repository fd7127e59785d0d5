/** nat-gateway: valid and invalid cases. */
import { describe, expect, it } from "vitest";
import * as nat from "../../../src/engine/rules/nat-gateway.js";
import type { NatGateway } from "../../../src/model/types.js";

const base = { scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } };
const natGw = (o: Partial<NatGateway> = {}): NatGateway => ({ ...base, id: "nat-1", vpcId: "vpc-1", subnetId: "subnet-pub", state: "available", connectivityType: "public", availabilityMode: "zonal", addresses: [{ allocationId: "a", networkInterfaceId: "eni-n", privateIp: "10.0.0.9", publicIp: "3.3.3.3" }], ...o });

describe(nat.meta.name, () => {
  it.each([
    ["available, same VPC, tcp", natGw(), "vpc-1", "subnet-priv", "tcp", undefined],
    ["failed", natGw({ state: "failed" }), "vpc-1", "subnet-priv", "tcp", "BAD_STATE"],
    ["other VPC", natGw(), "vpc-2", "subnet-priv", "tcp", "NGW_REQUIRES_SOURCE_IN_VPC"],
    ["a spoke's traffic a transit gateway delivered into its VPC (routed from the attachment subnet)", natGw(), "vpc-1", "subnet-tgw", "tcp", undefined],
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
