/** vpc-peering: valid and invalid cases. */
import { describe, expect, it } from "vitest";
import { IntervalSet } from "../../../src/net/index.js";
import * as pcx from "../../../src/engine/rules/vpc-peering.js";
import type { VpcPeeringConnection } from "../../../src/model/types.js";

const base = { scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } };

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
