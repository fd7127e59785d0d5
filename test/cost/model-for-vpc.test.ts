/** modelForVpc: the part of a model one VPC's egress depends on; the whole model behind a transit gateway. */
import { describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { draftOf, freeIpInSubnet } from "../../src/cost/what-if-draft.js";
import { modelForVpc, modelForVpcs } from "../../src/cost/model-parts.js";
import type { NatGateway, SecurityGroup } from "../../src/model/types.js";
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

  it("keeps the security groups of the VPC, those its records name, and those their rules reference; not the rest", async () => {
    const model = await loadModel(`${FIXTURES}/ml-platform`);
    const vpc = [...model.vpcs.keys()][0] as string;
    const own = [...model.securityGroups.values()].find((g) => g.vpcId === vpc)!;
    const group = (id: string, vpcId: string): SecurityGroup => ({ ...own, id, vpcId, ingress: [], egress: [] });
    const referenced = group("sg-0referenced", "vpc-0elsewhere");
    const unrelated = group("sg-0unrelated", "vpc-0elsewhere");
    const rule = { ...own.ingress[0]!, groupId: own.id, peer: { kind: "security-group" as const, groupId: referenced.id, vpcId: referenced.vpcId, peeringStatus: undefined } };
    const groups = new Map([...model.securityGroups, [own.id, { ...own, ingress: [...own.ingress, rule] }], [referenced.id, referenced], [unrelated.id, unrelated]]);
    const part = modelForVpc({ ...model, securityGroups: groups }, vpc);
    expect(part.securityGroups.has(own.id)).toBe(true);
    expect(part.securityGroups.has(referenced.id)).toBe(true);
    expect(part.securityGroups.has(unrelated.id)).toBe(false);
    for (const eni of part.networkInterfaces.values()) for (const id of eni.securityGroupIds) expect(part.securityGroups.has(id) || !model.securityGroups.has(id)).toBe(true);
  });

  it("a part of several VPCs still avoids the addresses of NAT gateways outside it", async () => {
    const model = await loadModel(`${FIXTURES}/ml-platform`);
    const subnet = [...model.subnets.values()][0]!;
    const nat = [...model.natGateways.values()][0];
    const draft = draftOf(modelForVpcs(model, [subnet.vpcId]));
    const free = freeIpInSubnet(draft, subnet.id)!;
    // A NAT gateway of another VPC (an overlapping CIDR) holding that address: the part does not hold it, the whole model does.
    const elsewhere: NatGateway = { ...(nat ?? ({} as NatGateway)), id: "nat-0elsewhere", vpcId: "vpc-0elsewhere", subnetId: undefined, addresses: [{ allocationId: undefined, networkInterfaceId: undefined, privateIp: free, publicIp: undefined }] };
    const wider = { ...model, natGateways: new Map([...model.natGateways, [elsewhere.id, elsewhere]]) };
    const part = modelForVpcs(wider, [subnet.vpcId]);
    expect(part.natGateways.has(elsewhere.id)).toBe(false);
    expect(freeIpInSubnet(draftOf(part), subnet.id)).not.toBe(free);
    expect(freeIpInSubnet(draftOf(wider), subnet.id)).toBe(freeIpInSubnet(draftOf(part), subnet.id));
  });
});
