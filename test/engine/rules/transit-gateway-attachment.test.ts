/** transit-gateway-attachment: valid and invalid cases. */
import { describe, expect, it } from "vitest";
import * as tga from "../../../src/engine/rules/transit-gateway-attachment.js";
import type { Subnet, TransitGateway, TransitGatewayAttachment } from "../../../src/model/types.js";

const base = { scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } };
const attachment = (o: Partial<TransitGatewayAttachment> = {}): TransitGatewayAttachment => ({
  ...base, id: "tgw-attach-1", transitGatewayId: "tgw-1", resourceType: "vpc", resourceId: "vpc-1", resourceOwnerId: undefined, state: "available",
  subnetIds: ["subnet-a"], associations: [{ transitGatewayId: "tgw-1", routeTableId: "tgw-rtb-1", state: "associated" }], ...o,
});
const subnet = (id: string, az: string): Subnet => ({ ...base, id, vpcId: "vpc-1", cidr: "10.0.0.0/28", ipv6Cidrs: [], availabilityZone: az, availabilityZoneId: undefined, mapPublicIpOnLaunch: false });
const SUBNETS = new Map([["subnet-a", subnet("subnet-a", "us-east-1a")], ["subnet-b", subnet("subnet-b", "us-east-1b")]]);
const tgw = (state: string): TransitGateway => ({ ...base, id: "tgw-1", state, ownerId: undefined, defaultAssociationRouteTableId: undefined, defaultPropagationRouteTableId: undefined });

describe(tga.meta.name, () => {
  it.each([
    ["available", undefined],
    ["deleting", "BAD_STATE"],
  ])("transit gateway %s", (state, code) => {
    expect(tga.checkTransitGateway(tgw(state))?.code).toBe(code);
  });

  it.each([
    ["an available VPC attachment", attachment(), undefined, undefined],
    ["a peering attachment", attachment({ resourceType: "peering", resourceId: "tgw-2" }), undefined, undefined],
    ["pending acceptance", attachment({ state: "pendingAcceptance" }), "BAD_STATE_ATTACHMENT", false],
    ["a VPN attachment", attachment({ resourceType: "vpn", resourceId: "vpn-1" }), "UNSUPPORTED_COMPONENT", true],
    ["a Direct Connect attachment", attachment({ resourceType: "direct-connect-gateway" }), "UNSUPPORTED_COMPONENT", true],
    ["a Connect attachment", attachment({ resourceType: "connect" }), "UNSUPPORTED_COMPONENT", true],
    ["a Network Function (Network Firewall) attachment", attachment({ resourceType: "network-function" }), "UNSUPPORTED_COMPONENT", true],
  ] as const)("attachment: %s", (_n, a, code, unknown) => {
    const block = tga.checkAttachment(a);
    expect(block?.code).toBe(code);
    if (block) expect(block.unknown ?? false).toBe(unknown);
  });

  it.each([
    ["a subnet in the sender's zone", attachment({ subnetIds: ["subnet-a", "subnet-b"] }), "us-east-1b", "subnet-b"],
    ["no subnet in the sender's zone", attachment(), "us-east-1b", "TGW_ROUTE_AZ_RESTRICTION"],
    ["subnets not known", attachment({ subnetIds: [] }), "us-east-1a", "MISSING_DATA"],
    ["a subnet not in the snapshot", attachment({ subnetIds: ["subnet-x"] }), "us-east-1a", "MISSING_DATA"],
  ] as const)("zone: %s", (_n, a, az, expected) => {
    const found = tga.attachmentSubnetIn(a, SUBNETS, az, "tgw-1");
    expect("cidr" in found ? found.id : found.code).toBe(expected);
  });

  it.each([
    ["associated on this transit gateway", attachment(), "tgw-1", "tgw-rtb-1"],
    ["associated only on the peer", attachment(), "tgw-2", "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION"],
    ["disassociating", attachment({ associations: [{ transitGatewayId: "tgw-1", routeTableId: "tgw-rtb-1", state: "disassociating" }] }), "tgw-1", "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION"],
    ["not said by any input", attachment({ associations: undefined }), "tgw-1", "MISSING_DATA"],
  ] as const)("association: %s", (_n, a, tgwId, expected) => {
    const table = tga.associatedTable(a, tgwId);
    expect(typeof table === "string" ? table : table.code).toBe(expected);
  });

  it("a VPC's attachment to a transit gateway; the far side of a peering", () => {
    const vpcAtt = attachment();
    const peering = attachment({ id: "tgw-attach-p", resourceType: "peering", resourceId: "tgw-2" });
    expect(tga.vpcAttachmentOf([peering, vpcAtt], "vpc-1", "tgw-1")?.id).toBe("tgw-attach-1");
    expect(tga.vpcAttachmentOf([attachment({ state: "deleted" })], "vpc-1", "tgw-1")).toBeUndefined();
    expect(tga.noAttachmentBlock("vpc-1", "tgw-9", "rtb-1").code).toBe("BAD_STATE_ATTACHMENT");
    expect(tga.peerTransitGateway(peering, "tgw-1")).toBe("tgw-2");
    expect(tga.peerTransitGateway(peering, "tgw-2")).toBe("tgw-1");
  });
});
