/**
 * Transit gateway attachments: the transit gateway and the attachment must be `available`; a VPC
 * reaches its transit gateway only through its own attachment, and only from Availability Zones
 * where that attachment has a subnet ("resources in Availability Zones where there is no transit
 * gateway attachment cannot reach the transit gateway"); an attachment routes only when it is
 * associated with a route table of that transit gateway. VPN, Direct Connect, Connect and Network
 * Function attachments are not modelled: `unknown`, naming them.
 * AWS: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
 */
import type { Subnet, TransitGateway, TransitGatewayAttachment } from "../../model/types.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "transit-gateway-attachment",
  docs: {
    description: "Transit gateway attachments: available, one per VPC, a subnet in the sender's AZ, associated with a route table; VPN/DX/Connect/Network Function attachments are unknown.",
    url: "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html",
  },
  codes: {
    BAD_STATE: "{tgw} is {state}, not available",
    BAD_STATE_ATTACHMENT: "{what}",
    TGW_ROUTE_AZ_RESTRICTION: "{attachment} has no subnet in {az}: resources in {az} cannot reach {tgw}",
    TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION: "{attachment} is not associated with any route table of {tgw}, so {tgw} does not route what arrives on it",
    UNSUPPORTED_COMPONENT: "{attachment} is a {type} attachment, whose routes and path vpcreach does not model",
    MISSING_DATA: "which route table {attachment} is associated with is not in the snapshot",
  },
} satisfies RuleMeta;

/** Attachment states in which traffic flows. */
const WORKING = new Set(["available", "modifying"]);

/** Resource types of the attachments the engine follows. */
const MODELLED = new Set(["vpc", "peering", "tgw-peering"]);

/**
 * Checks a transit gateway's state.
 *
 * @param tgw - the transit gateway
 */
export function checkTransitGateway(tgw: TransitGateway): RuleBlock | undefined {
  if (tgw.state === "available" || tgw.state === "modifying") return undefined;
  return {
    code: "BAD_STATE",
    message: fill(meta.codes.BAD_STATE, { tgw: tgw.id, state: tgw.state }),
    rule: { kind: "state", ref: tgw.id, text: `${tgw.id} state ${tgw.state}` },
    fix: `route to an available transit gateway instead of ${tgw.id}`,
  };
}

/**
 * The attachment of a VPC to a transit gateway (deleted ones do not count).
 *
 * @param attachments - every attachment of the model
 * @param vpcId - the VPC
 * @param tgwId - the transit gateway
 */
export function vpcAttachmentOf(attachments: Iterable<TransitGatewayAttachment>, vpcId: string, tgwId: string): TransitGatewayAttachment | undefined {
  for (const a of attachments) {
    if (a.resourceType === "vpc" && a.resourceId === vpcId && a.transitGatewayId === tgwId && a.state !== "deleted") return a;
  }
  return undefined;
}

/**
 * The attachments of a transit gateway: its own, and the peering attachments whose other end it is.
 *
 * @param attachments - every attachment of the model
 * @param tgwId - the transit gateway
 */
export function attachmentsOfTransitGateway(attachments: Iterable<TransitGatewayAttachment>, tgwId: string): TransitGatewayAttachment[] {
  return [...attachments].filter((a) => a.transitGatewayId === tgwId || (a.resourceType === "peering" && a.resourceId === tgwId));
}

/**
 * The block for a route to a transit gateway the VPC has no attachment to.
 *
 * @param vpcId - the VPC
 * @param tgwId - the transit gateway
 * @param tableId - the route table with the route
 */
export function noAttachmentBlock(vpcId: string, tgwId: string, tableId: string): RuleBlock {
  return {
    code: "BAD_STATE_ATTACHMENT",
    message: fill(meta.codes.BAD_STATE_ATTACHMENT, { what: `${vpcId} has no attachment to ${tgwId}, so the route in ${tableId} leads nowhere` }),
    rule: { kind: "route", ref: tableId, text: `${tableId}: route to ${tgwId}, which has no attachment for ${vpcId}` },
    fix: `create a transit gateway VPC attachment of ${vpcId} to ${tgwId}, with a subnet in each Availability Zone that sends to it`,
  };
}

/**
 * Checks an attachment's state and whether the engine models its kind.
 *
 * @param attachment - the attachment
 */
export function checkAttachment(attachment: TransitGatewayAttachment): RuleBlock | undefined {
  if (!MODELLED.has(attachment.resourceType)) {
    return {
      code: "UNSUPPORTED_COMPONENT",
      message: fill(meta.codes.UNSUPPORTED_COMPONENT, { attachment: attachment.id, type: attachment.resourceType }),
      rule: { kind: "association", ref: attachment.id, text: `${attachment.id}: ${attachment.resourceType} ${attachment.resourceId ?? ""}`.trim() },
      unknown: true,
    };
  }
  if (WORKING.has(attachment.state)) return undefined;
  return {
    code: "BAD_STATE_ATTACHMENT",
    message: fill(meta.codes.BAD_STATE_ATTACHMENT, { what: `${attachment.id} is ${attachment.state}, not available` }),
    rule: { kind: "state", ref: attachment.id, text: `${attachment.id} state ${attachment.state}` },
    fix: attachment.state === "pendingAcceptance" ? `accept ${attachment.id} in the transit gateway owner's account` : `recreate ${attachment.id} (state ${attachment.state})`,
  };
}

/**
 * The attachment's subnets in an Availability Zone, or the block saying there is none (or that
 * its subnets are not known).
 *
 * @param attachment - a VPC attachment
 * @param subnets - the model's subnets
 * @param az - the zone the traffic is in
 * @param tgwId - its transit gateway (for the message)
 */
export function attachmentSubnetIn(attachment: TransitGatewayAttachment, subnets: ReadonlyMap<string, Subnet>, az: string | undefined, tgwId: string): Subnet | RuleBlock {
  const known = attachment.subnetIds.map((id) => subnets.get(id)).filter((s) => s !== undefined);
  if (attachment.subnetIds.length === 0 || known.length < attachment.subnetIds.length || az === undefined) {
    return {
      code: "MISSING_DATA",
      message: `the subnets of ${attachment.id} ${attachment.subnetIds.length === 0 ? "are not in the snapshot (describe-transit-gateway-vpc-attachments)" : az === undefined ? "are known but the sender's Availability Zone is not" : "are not all in the snapshot (describe-subnets)"}`,
      rule: { kind: "association", ref: attachment.id, text: `${attachment.id} subnets ${attachment.subnetIds.join(", ") || "unknown"}` },
      fix: "add the output of aws ec2 describe-transit-gateway-vpc-attachments and describe-subnets to the snapshot",
      unknown: true,
    };
  }
  const inAz = known.find((s) => s.availabilityZone === az);
  if (inAz) return inAz;
  return {
    code: "TGW_ROUTE_AZ_RESTRICTION",
    message: fill(meta.codes.TGW_ROUTE_AZ_RESTRICTION, { attachment: attachment.id, az, tgw: tgwId }),
    rule: { kind: "association", ref: attachment.id, text: `${attachment.id} subnets: ${known.map((s) => `${s.id} (${s.availabilityZone})`).join(", ")}` },
    fix: `add a subnet in ${az} of ${attachment.resourceId ?? "the VPC"} to ${attachment.id} (aws ec2 modify-transit-gateway-vpc-attachment --add-subnet-ids)`,
  };
}

/**
 * The route table an attachment is associated with on one transit gateway, or the block.
 *
 * @param attachment - the attachment traffic arrives on
 * @param tgwId - the transit gateway it arrives at
 */
export function associatedTable(attachment: TransitGatewayAttachment, tgwId: string): string | RuleBlock {
  const found = attachment.associations?.find((a) => (a.transitGatewayId ?? attachment.transitGatewayId) === tgwId && a.state === "associated");
  if (found) return found.routeTableId;
  if (attachment.associations === undefined) {
    return {
      code: "MISSING_DATA",
      message: fill(meta.codes.MISSING_DATA, { attachment: attachment.id }),
      rule: { kind: "association", ref: attachment.id, text: `${attachment.id}: association not in the snapshot` },
      fix: "add the output of aws ec2 describe-transit-gateway-attachments (it has each attachment's Association) to the snapshot",
      unknown: true,
    };
  }
  return {
    code: "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION",
    message: fill(meta.codes.TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION, { attachment: attachment.id, tgw: tgwId }),
    rule: { kind: "association", ref: attachment.id, text: `${attachment.id}: no route table association on ${tgwId}` },
    fix: `associate ${attachment.id} with a route table of ${tgwId} (aws ec2 associate-transit-gateway-route-table)`,
  };
}

/**
 * The transit gateway at the other end of a peering attachment.
 *
 * @param attachment - a peering attachment
 * @param tgwId - the transit gateway at this end
 */
export function peerTransitGateway(attachment: TransitGatewayAttachment, tgwId: string): string | undefined {
  return attachment.transitGatewayId === tgwId ? attachment.resourceId : attachment.transitGatewayId;
}
