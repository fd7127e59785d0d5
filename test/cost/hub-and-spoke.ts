/**
 * A hub-and-spoke estate for cost tests: two spoke VPCs with a notebook each, attached to one transit
 * gateway whose default route leads to an egress VPC with a NAT gateway (centralized egress). Spoke B
 * also has its own S3 gateway endpoint.
 */
import type { Model, TransitGatewayAttachment } from "../../src/model/types.js";
import { TestModel } from "../engine/helpers/model-builder.js";

export interface HubAndSpoke {
  model: Model;
  spokeA: string;
  spokeB: string;
  egress: string;
  nat: string;
  s3Endpoint: string;
}

/** Builds the estate (us-east-1). */
export function hubAndSpoke(): HubAndSpoke {
  const t = new TestModel();
  const tgwId = "tgw-0hub";
  const tableId = "tgw-rtb-0hub";
  const scope = t.scope;
  const base = (id: string) => ({ id, scope, name: undefined, tags: {}, origin: { file: "test", jsonPath: "$" } });
  const attach = (id: string, vpcId: string, subnetIds: string[]): void => {
    const attachment: TransitGatewayAttachment = {
      ...base(id), transitGatewayId: tgwId, resourceType: "vpc", resourceId: vpcId, resourceOwnerId: undefined, state: "available",
      subnetIds, associations: [{ transitGatewayId: tgwId, routeTableId: tableId, state: "associated" }],
    };
    t.m.transitGatewayAttachments.set(id, attachment);
  };

  const egress = t.vpc("10.0.0.0/16");
  const publicSubnet = t.subnet(egress, "10.0.0.0/24");
  const attachSubnet = t.subnet(egress, "10.0.1.0/24");
  t.routeTable(egress, [publicSubnet], [["0.0.0.0/0", t.igw(egress)], ["10.0.0.0/8", tgwId]]);
  const nat = t.nat(publicSubnet);
  t.routeTable(egress, [attachSubnet], [["0.0.0.0/0", nat]]);
  attach("tgw-attach-egress", egress, [attachSubnet]);

  const spoke = (cidr: string, subnetCidr: string, name: string, attachment: string): { vpc: string; rtb: string } => {
    const vpc = t.vpc(cidr);
    const subnet = t.subnet(vpc, subnetCidr);
    const rtb = t.routeTable(vpc, [subnet], [["0.0.0.0/0", tgwId]]);
    t.notebook(name, { subnet });
    attach(attachment, vpc, [subnet]);
    return { vpc, rtb };
  };
  const a = spoke("10.1.0.0/16", "10.1.0.0/24", "nb-spoke-a", "tgw-attach-a");
  const b = spoke("10.2.0.0/16", "10.2.0.0/24", "nb-spoke-b", "tgw-attach-b");
  const s3Endpoint = t.gatewayEndpoint(b.vpc, "s3", [b.rtb]);

  t.m.transitGateways.set(tgwId, { ...base(tgwId), state: "available", ownerId: undefined, defaultAssociationRouteTableId: tableId, defaultPropagationRouteTableId: tableId });
  const route = (cidr: string, attachmentId: string) => ({ destination: { kind: "cidr" as const, cidr }, type: "static" as const, state: "active" as const, attachmentIds: [attachmentId] });
  t.m.transitGatewayRouteTables.set(tableId, {
    ...base(tableId), transitGatewayId: tgwId, state: "available", routesGiven: "all", routesTruncated: false, propagations: [],
    routes: [route("0.0.0.0/0", "tgw-attach-egress"), route("10.1.0.0/16", "tgw-attach-a"), route("10.2.0.0/16", "tgw-attach-b")],
  });
  return { model: t.build(), spokeA: a.vpc, spokeB: b.vpc, egress, nat, s3Endpoint };
}
