/**
 * Internet gateways: must be attached to the VPC; egress needs the source private IP paired with a
 * public IPv4 or Elastic IP (the IGW translates it); egress to RFC 1918 and RFC 6598 destinations is
 * dropped.
 * AWS: https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html
 */
import { RFC1918, RFC6598, type IntervalSet } from "../../net/index.js";
import type { InternetGateway, Model } from "../../model/types.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "internet-gateway",
  docs: {
    description: "IGW egress: attached to the VPC, source paired with a public IP, no RFC 1918/6598 destinations.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html",
  },
  codes: {
    BAD_STATE_ATTACHMENT: "{igw} is not attached to {vpc}",
    IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS: "{igw} only forwards traffic whose source {source} has a public IP or Elastic IP, and it has none",
    IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS: "{igw} drops egress to private (RFC 1918) destinations",
    IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS: "{igw} drops egress to shared (RFC 6598, 100.64.0.0/10) destinations",
  },
} satisfies RuleMeta;

/**
 * The internet gateway attached to a VPC (a VPC has at most one), if the snapshot has it.
 *
 * @param model - the model
 * @param vpcId - the VPC
 */
export function attachedInternetGateway(model: Model, vpcId: string): InternetGateway | undefined {
  return [...model.internetGateways.values()].find((g) => g.attachedVpcIds.includes(vpcId));
}

/**
 * Checks that the IGW is attached to the VPC the traffic comes from.
 *
 * @param igw - the internet gateway
 * @param vpcId - the VPC of the route table that sent traffic to it
 */
export function checkIgwAttachment(igw: InternetGateway, vpcId: string): RuleBlock | undefined {
  if (igw.attachedVpcIds.includes(vpcId)) return undefined;
  const changing = igw.changingAttachments?.find((a) => a.vpcId === vpcId);
  if (changing) {
    return {
      code: "BAD_STATE_ATTACHMENT",
      message: fill(meta.codes.BAD_STATE_ATTACHMENT, { igw: igw.id, vpc: vpcId }) + ` (the attachment is ${changing.state}: whether it serves the VPC now is not known)`,
      rule: { kind: "state", ref: igw.id, text: `${igw.id} attachment to ${vpcId}: ${changing.state}` },
      fix: `describe ${igw.id} again once the attachment is attached or detached`,
      unknown: true,
    };
  }
  return {
    code: "BAD_STATE_ATTACHMENT",
    message: fill(meta.codes.BAD_STATE_ATTACHMENT, { igw: igw.id, vpc: vpcId }),
    rule: { kind: "state", ref: igw.id, text: `${igw.id} attachments: ${igw.attachedVpcIds.join(", ") || "none"}` },
    fix: `attach ${igw.id} to ${vpcId}`,
  };
}

/**
 * Checks the public-IP requirement for egress.
 *
 * @param igwId - the internet gateway id
 * @param sourceText - the source (e.g. `10.0.1.5 (eni-0abc)`)
 * @param publicIp - the public IP paired with the source private IP, if any
 * @param fix - what to do about it, drawn from the network by the caller (fixes.ts `noPublicIpFix`)
 */
export function checkIgwPublicIp(igwId: string, sourceText: string, publicIp: string | undefined, fix: () => string): RuleBlock | undefined {
  if (publicIp) return undefined;
  return {
    code: "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",
    message: fill(meta.codes.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS, { igw: igwId, source: sourceText }),
    rule: { kind: "attribute", ref: igwId, text: `source ${sourceText} has no public IPv4 address` },
    fix: fix(),
  };
}

/**
 * Traffic a transit gateway delivered back into its source's own VPC (a hairpin) reaching the
 * internet gateway: the source address has a public IP there, but the packet comes from the
 * attachment's ENI, not the source's; whether the gateway translates it is not documented.
 *
 * @param igwId - the internet gateway id
 * @param sourceText - the source
 * @param pairedPublicIp - the public IP the source address has in the gateway's VPC, if any
 */
export function checkHairpinPublicIp(igwId: string, sourceText: string, pairedPublicIp: string | undefined): RuleBlock | undefined {
  if (!pairedPublicIp) return undefined;
  return {
    code: "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",
    message: `${sourceText} (public IP ${pairedPublicIp}) comes back into its own VPC through a transit gateway and out by ${igwId}; whether ${igwId} translates a packet that arrives from the attachment rather than the source's ENI is not documented`,
    rule: { kind: "attribute", ref: igwId, text: `${sourceText} reaches ${igwId} through a transit gateway attachment` },
    fix: `route 0.0.0.0/0 from ${sourceText}'s subnet to ${igwId} directly`,
    unknown: true,
  };
}

/**
 * Splits egress destinations into those the IGW forwards and those it drops.
 *
 * @param destinations - destination addresses
 */
export function igwEgressSplit(destinations: IntervalSet): { forwarded: IntervalSet; rfc1918: IntervalSet; rfc6598: IntervalSet } {
  const rfc1918 = destinations.intersect(RFC1918);
  const rfc6598 = destinations.intersect(RFC6598);
  return { forwarded: destinations.subtract(RFC1918).subtract(RFC6598), rfc1918, rfc6598 };
}

/**
 * The block for dropped private/shared destinations.
 *
 * @param igwId - the internet gateway id
 * @param which - which range
 */
export function igwDestinationBlock(igwId: string, which: "rfc1918" | "rfc6598"): RuleBlock {
  const code = which === "rfc1918" ? "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS" : "IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS";
  return {
    code,
    message: fill(meta.codes[code], { igw: igwId }),
    rule: { kind: "implicit", ref: igwId, text: `${igwId} drops egress to ${which === "rfc1918" ? "10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16" : "100.64.0.0/10"}` },
    fix: "route private destinations through a peering connection, transit gateway or VPN instead of the internet gateway",
  };
}
