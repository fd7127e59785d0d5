// A path that crosses into another Region through peered transit gateways pays inter-Region transfer,
// billed by the notebook's Region (us-east-1: $0.02/GB, medium), on top of TGW and NAT processing:
// a spoke in us-east-1 whose default route leads over a transit gateway peering to an egress VPC with
// a NAT gateway in us-west-2.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { costToText, estimateCosts } from "../../src/cost/index.js";
import type { Model, Scope, TransitGatewayAttachment, TransitGatewayRoute } from "../../src/model/types.js";
import { TestModel } from "../engine/helpers/model-builder.js";
import { hubAndSpoke } from "./hub-and-spoke.js";

const WEST: Scope = { account: "111122223333", region: "us-west-2" };

function crossRegionEgress(): Model {
  const t = new TestModel();
  const base = (id: string, scope: Scope) => ({ id, scope, name: undefined, tags: {}, origin: { file: "test", jsonPath: "$" } });
  const spoke = t.vpc("10.1.0.0/16");
  const spokeSubnet = t.subnet(spoke, "10.1.0.0/24");
  t.routeTable(spoke, [spokeSubnet], [["0.0.0.0/0", "tgw-east"]]);
  t.notebook("nb-east", { subnet: spokeSubnet });
  const egress = t.vpc("10.9.0.0/16");
  const pub = t.subnet(egress, "10.9.0.0/24", "us-west-2a");
  const attachSubnet = t.subnet(egress, "10.9.1.0/24", "us-west-2a");
  t.routeTable(egress, [pub], [["0.0.0.0/0", t.igw(egress)], ["10.1.0.0/16", "tgw-west"]]);
  const nat = t.nat(pub);
  t.routeTable(egress, [attachSubnet], [["0.0.0.0/0", nat]]);
  // Everything of the egress VPC is in us-west-2.
  const m = t.m;
  for (const map of [m.vpcs, m.subnets, m.routeTables, m.internetGateways, m.natGateways, m.networkInterfaces, m.networkAcls, m.securityGroups] as Map<string, { scope: Scope; vpcId?: string; id: string; attachedVpcIds?: string[] }>[]) {
    for (const [id, r] of map) {
      if (r.id === egress || r.vpcId === egress || r.attachedVpcIds?.includes(egress)) map.set(id, { ...r, scope: WEST });
    }
  }
  m.dataPresent.set("111122223333/us-west-2", new Set(m.dataPresent.get("111122223333/us-east-1")));
  const route = (cidr: string, attachment: string): TransitGatewayRoute => ({ destination: { kind: "cidr", cidr }, type: "static", state: "active", attachmentIds: [attachment] });
  const attachment = (id: string, tgw: string, scope: Scope, type: string, resourceId: string, subnetIds: string[], table: string, peerTable?: string): TransitGatewayAttachment => ({
    ...base(id, scope), transitGatewayId: tgw, resourceType: type, resourceId, resourceOwnerId: undefined, state: "available", subnetIds,
    associations: [{ transitGatewayId: tgw, routeTableId: table, state: "associated" }, ...(peerTable ? [{ transitGatewayId: resourceId, routeTableId: peerTable, state: "associated" }] : [])],
  });
  m.transitGateways.set("tgw-east", { ...base("tgw-east", t.scope), state: "available", ownerId: undefined, defaultAssociationRouteTableId: undefined, defaultPropagationRouteTableId: undefined });
  m.transitGateways.set("tgw-west", { ...base("tgw-west", WEST), state: "available", ownerId: undefined, defaultAssociationRouteTableId: undefined, defaultPropagationRouteTableId: undefined });
  m.transitGatewayAttachments.set("tgw-attach-spoke", attachment("tgw-attach-spoke", "tgw-east", t.scope, "vpc", spoke, [spokeSubnet], "tgw-rtb-east"));
  m.transitGatewayAttachments.set("tgw-attach-egress", attachment("tgw-attach-egress", "tgw-west", WEST, "vpc", egress, [attachSubnet], "tgw-rtb-west"));
  m.transitGatewayAttachments.set("tgw-attach-peer", attachment("tgw-attach-peer", "tgw-east", t.scope, "peering", "tgw-west", [], "tgw-rtb-east", "tgw-rtb-west"));
  const table = (id: string, tgw: string, scope: Scope, routes: TransitGatewayRoute[]) =>
    m.transitGatewayRouteTables.set(id, { ...base(id, scope), transitGatewayId: tgw, state: "available", routesGiven: "all", routes, routesTruncated: false, propagations: [] });
  table("tgw-rtb-east", "tgw-east", t.scope, [route("0.0.0.0/0", "tgw-attach-peer"), route("10.1.0.0/16", "tgw-attach-spoke")]);
  table("tgw-rtb-west", "tgw-west", WEST, [route("0.0.0.0/0", "tgw-attach-egress"), route("10.1.0.0/16", "tgw-attach-peer")]);
  return t.build();
}

describe("inter-Region transfer on a path through peered transit gateways", () => {
  const { estate } = estimateCosts(createAnalyzer(crossRegionEgress()), { traffic: { default: { internet: 100 }, perVpc: {} }, alternatives: false });
  const flow = estate.flows.find((f) => f.notebook === "nb-east")!;

  it("follows the engine's path into us-west-2 and charges 100 GB × $0.02 to us-east-1", () => {
    expect([flow.route, flow.transitGateways, flow.otherRegions]).toEqual(["nat-gateway", ["tgw-east", "tgw-west"], ["us-west-2"]]);
    expect(flow.interRegionUsd).toBeCloseTo(2, 10);
    expect(flow.transitGatewayProcessingUsd).toBeCloseTo(100 * 0.02, 10);
    expect(estate.regions.find((r) => r.region === "us-east-1")!.interRegionUsd).toBeCloseTo(2, 10);
  });

  it("states docs/cost.md's inter-Region worked example", () => {
    const doc = readFileSync("docs/cost.md", "utf8");
    const start = doc.indexOf("| Inter-Region path |");
    const rows = Object.fromEntries([...doc.slice(start, doc.indexOf("\n\n", start)).matchAll(/^\| ([^|]+?) \| [^|]*\$([\d,.]+) \|$/gm)].map((m) => [m[1]!, Number(m[2]!)]));
    expect(rows).toEqual({
      "TGW processing": Number(flow.transitGatewayProcessingUsd!.toFixed(2)),
      "NAT processing": Number(flow.natProcessingUsd!.toFixed(2)),
      "Inter-Region transfer, billed to us-east-1": Number(flow.interRegionUsd!.toFixed(2)),
    });
  });

  it("shows an Inter-Region column only when a path leaves its Region", () => {
    const text = costToText(estimateCosts(createAnalyzer(crossRegionEgress()), { traffic: { default: { internet: 100 }, perVpc: {} }, alternatives: false }));
    expect(text).toMatch(/Cross-AZ\s+Inter-Region/);
    expect(text).toContain("inter-Region to us-west-2");
    expect(text).toMatch(/us-east-1\s+interRegionOutPerGb\s+\$0\.02\s+medium/);
    const sameRegion = estimateCosts(createAnalyzer(hubAndSpoke().model), { traffic: { default: { internet: 100 }, perVpc: {} }, alternatives: false });
    expect(sameRegion.estate.flows.every((f) => f.otherRegions.length === 0 && f.interRegionUsd === 0)).toBe(true);
    expect(costToText(sameRegion)).not.toContain("Inter-Region");
  });
});
