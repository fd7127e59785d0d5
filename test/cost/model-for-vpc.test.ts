/** modelForVpc: the part of a model one VPC's egress depends on; the whole model behind a transit gateway. */
import { describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { modelForVpc } from "../../src/cost/what-if-draft.js";
import { loadModel } from "../../src/snapshot/load.js";

const FIXTURES = resolve(import.meta.dirname, "../../fixtures");

describe("modelForVpc", () => {
  it("keeps only the VPC's own part when it has no transit gateway attachment", async () => {
    const model = await loadModel(`${FIXTURES}/ml-platform`);
    const vpc = [...model.vpcs.keys()][0] as string;
    const part = modelForVpc(model, vpc);
    expect([...part.vpcs.keys()]).toEqual([vpc]);
  });

  it("keeps the VPCs joined to a spoke by its transit gateway, and leaves out a VPC joined to nothing", async () => {
    const model = await loadModel(`${FIXTURES}/hub-and-spoke`);
    const spoke = [...model.vpcs.values()].find((v) => v.name === "spoke-a")!;
    const joined = new Set([...model.transitGatewayAttachments.values()].filter((a) => a.resourceType === "vpc").map((a) => a.resourceId));
    const lonely = { ...spoke, id: "vpc-0lonely", name: "lonely" };
    const lonelySubnet = { ...[...model.subnets.values()].find((s) => s.vpcId === spoke.id)!, id: "subnet-0lonely", vpcId: lonely.id };
    const wider = { ...model, vpcs: new Map([...model.vpcs, [lonely.id, lonely]]), subnets: new Map([...model.subnets, [lonelySubnet.id, lonelySubnet]]) };
    const part = modelForVpc(wider, spoke.id);
    expect(new Set(part.vpcs.keys())).toEqual(joined);
    expect(part.subnets.has(lonelySubnet.id)).toBe(false);
    expect(part.vpcEndpoints.size).toBe(model.vpcEndpoints.size);
    expect(part.transitGatewayAttachments).toBe(model.transitGatewayAttachments);
  });

  it("keeps a VPC peered with a VPC joined to the spoke (its endpoints can serve the spoke)", async () => {
    const model = await loadModel(`${FIXTURES}/hub-and-spoke`);
    const spoke = [...model.vpcs.values()].find((v) => v.name === "spoke-a")!;
    const hub = [...model.transitGatewayAttachments.values()].find((a) => a.resourceType === "vpc" && a.resourceId !== spoke.id)!.resourceId!;
    const peer = { ...spoke, id: "vpc-0peer", name: "peer" };
    const side = (vpcId: string) => ({ vpcId, ownerId: undefined, region: spoke.scope.region, cidrs: [] as string[] });
    const peering = { id: "pcx-0peer", scope: spoke.scope, name: undefined, tags: {}, origin: { file: "test", jsonPath: "$" }, status: "active", requester: side(hub), accepter: side(peer.id) };
    const wider = { ...model, vpcs: new Map([...model.vpcs, [peer.id, peer]]), vpcPeeringConnections: new Map([...model.vpcPeeringConnections, [peering.id, peering]]) };
    const part = modelForVpc(wider as typeof model, spoke.id);
    expect(part.vpcs.has(peer.id)).toBe(true);
    expect(part.vpcPeeringConnections.has(peering.id)).toBe(true);
  });
});
