/**
 * describe-internet-gateways (`InternetGateways`) → `InternetGateway`.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InternetGateway.html
 */
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";

/** Attachment states meaning the gateway serves the VPC (`available` for IGWs, `attached` for others). */
export const ATTACHED_STATES = new Set(["available", "attached"]);

/**
 * The VPCs a gateway is attached to.
 *
 * @param record - an internet or egress-only internet gateway record
 */
export function attachedVpcIds(record: JsonObject): string[] {
  const vpcIds: string[] = [];
  for (const attachment of record.objects("Attachments")) {
    const vpcId = attachment.str("VpcId");
    if (ATTACHED_STATES.has(attachment.optStr("State") ?? "available")) vpcIds.push(vpcId);
  }
  return vpcIds;
}

/** Attachment states on the way between attached and detached (AWS AttachmentStatus). */
const CHANGING_STATES = new Set(["attaching", "detaching"]);

/**
 * The gateway's attachments in a changing state (`attaching`, `detaching`), or undefined when none:
 * read as "not attached" they gave a confident BAD_STATE_ATTACHMENT; the engine says unknown.
 *
 * @param record - an internet gateway record
 */
function changingAttachments(record: JsonObject): { vpcId: string; state: string }[] | undefined {
  const changing: { vpcId: string; state: string }[] = [];
  for (const attachment of record.objects("Attachments")) {
    const state = attachment.optStr("State") ?? "available";
    if (CHANGING_STATES.has(state)) changing.push({ vpcId: attachment.str("VpcId"), state });
  }
  return changing.length > 0 ? changing : undefined;
}

/**
 * Reads one `InternetGateways` document.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readInternetGateways(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "internetGateways");
  for (const item of doc.objects("InternetGateways", true)) {
    const record = item.withId(item.str("InternetGatewayId"));
    const common = commonFields(record, ctx, record.str("InternetGatewayId"));
    ctx.builder.add("internetGateways", {
      id: common.id, scope: common.scope, name: common.name, tags: common.tags, origin: common.origin,
      attachedVpcIds: attachedVpcIds(record),
      ...(changingAttachments(record) ? { changingAttachments: changingAttachments(record) } : {}),
    });
  }
}
