/**
 * A request a transit gateway routes back into the VPC it came from (a route in the attachment's
 * transit gateway route table naming that same attachment), which the VPC then sends on by a gateway
 * endpoint or a peering connection. AWS describes transit gateway routing as a packet from one
 * attachment being "routed to another attachment using the route that matches the destination IP
 * address" ("How AWS Transit Gateway works"); no page says what happens to a route back to the
 * attachment the packet came from. And the replies of such a request come back into the VPC by the
 * endpoint or the peering and reach the client by the VPC's local route, not through the transit
 * gateway: an asymmetric return path, which vpcreach answers `unknown` for wherever it meets one
 * (walk/shared.ts `repliesRoutedVia`). So the answer is `unknown`, naming the hairpin and the way
 * back, never a verdict. (Through the VPC's NAT gateway the replies meet `repliesRoutedVia` in the
 * NAT's subnet; through its internet gateway, rules/internet-gateway.ts `checkHairpinPublicIp`.)
 * Found by the fuzz comparison (seed 2 run 1653, features dns-rules and studio).
 * AWS: https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html
 */
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "transit-gateway-hairpin",
  docs: {
    description: "A request a transit gateway routes back into its own VPC and on by a gateway endpoint or a peering: the hairpin is undocumented and the replies return by the local route, not through the transit gateway: unknown.",
    url: "https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html",
  },
  codes: {
    UNSUPPORTED_COMPONENT:
      "{tgw} routes the request back into {vpc} by {attachment}, the attachment it came from, and {vpc} sends it on by {via}; the replies to {clients} come back by {via} and {vpc}'s local route, not through {tgw}. AWS documents neither a transit gateway route back to the attachment traffic came from nor this asymmetric return path, so vpcreach does not follow it",
  },
} satisfies RuleMeta;

/** A request a transit gateway sent back into the VPC it left, and the way it leaves that VPC again. */
export interface Hairpin {
  tgwId: string;
  /** The attachment the request left its VPC by and came back in by. */
  attachmentId: string;
  vpcId: string;
  /** The gateway endpoint or peering connection the VPC sends it on by. */
  via: string;
  /** The clients the replies go to. */
  clients: string;
  /** The route table of the clients' subnet, when known (for the fix). */
  sourceTableId: string | undefined;
}

/**
 * The `unknown` for the replies of a request that a transit gateway routed back into its own VPC.
 *
 * @param hairpin - the transit gateway, the attachment, the VPC, the way on, the clients and their route table
 */
export function hairpinReplies(hairpin: Hairpin): RuleBlock {
  const { tgwId, attachmentId, vpcId, via, clients, sourceTableId } = hairpin;
  return {
    code: "UNSUPPORTED_COMPONENT",
    message: fill(meta.codes.UNSUPPORTED_COMPONENT, { tgw: tgwId, vpc: vpcId, attachment: attachmentId, via, clients }),
    rule: { kind: "implicit", ref: via, text: `${tgwId} → ${attachmentId} → ${via}; replies to ${clients} by ${vpcId}'s local route` },
    fix: `route ${clients}' traffic to ${via} from ${sourceTableId ?? "their subnet's route table"} directly, so that it does not cross ${tgwId}`,
    unknown: true,
  };
}
