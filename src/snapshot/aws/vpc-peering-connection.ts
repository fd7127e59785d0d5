/**
 * describe-vpc-peering-connections (`VpcPeeringConnections`) → `VpcPeeringConnection`.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcPeeringConnection.html
 * and https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcPeeringConnectionVpcInfo.html
 */
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";
import type { PeeringSide } from "../../model/types.js";

function readSide(info: JsonObject): PeeringSide {
  const cidrs: string[] = [];
  const primary = info.optCidr("CidrBlock");
  if (primary) cidrs.push(primary);
  for (const block of info.objects("CidrBlockSet")) {
    const cidr = block.cidr("CidrBlock");
    if (!cidrs.includes(cidr)) cidrs.push(cidr);
  }
  return { vpcId: info.str("VpcId"), ownerId: info.optStr("OwnerId"), region: info.optStr("Region"), cidrs };
}

/**
 * Reads one `VpcPeeringConnections` document.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readVpcPeeringConnections(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "vpcPeeringConnections");
  for (const item of doc.objects("VpcPeeringConnections", true)) {
    const id = item.str("VpcPeeringConnectionId");
    const record = item.withId(id);
    const requester = readSide(record.obj("RequesterVpcInfo"));
    const common = commonFields(record, ctx, id);
    if (!record.has("OwnerId")) common.scope = ctx.scope(requester.ownerId);
    ctx.builder.add("vpcPeeringConnections", {
      id: common.id, scope: common.scope, name: common.name, tags: common.tags, origin: common.origin,
      status: record.optObj("Status")?.optStr("Code") ?? "active",
      requester,
      accepter: readSide(record.obj("AccepterVpcInfo")),
    });
  }
}
