/**
 * The replies' way back to a transit gateway from the subnet where traffic that arrived through it
 * ended (the destination ENI's subnet, or a NAT gateway's subnet in an egress VPC): that subnet's
 * route table must send the clients' addresses to the same transit gateway, the attachment must
 * have a subnet in that subnet's Availability Zone, and that attachment subnet's NACL inbound must
 * admit the replies (by their source). Not a hop handler: walk/enter-subnet.ts and
 * walk/nat-gateway.ts add these steps when the trace crossed a transit gateway.
 * AWS: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-nacls.html
 */
import { IntervalSet } from "../../net/index.js";
import type { Subnet } from "../../model/types.js";
import { replyClass } from "../packet.js";
import { allowEvidence, evaluateNacl, naclBlock } from "../rules/network-acl.js";
import { attachmentSubnetIn } from "../rules/transit-gateway-attachment.js";
import { hop, type Env, type ReturnStep, type Trace } from "../trace.js";
import { naclOf, repliesRoutedVia } from "./shared.js";

/**
 * The return steps, in forward order (they run last first), for replies leaving `subnet` back to
 * the transit gateway the trace crossed; none when it crossed none.
 *
 * @param env - the query
 * @param subnet - the subnet the replies leave from
 * @param trace - the trace (its `tgw` crossing, clients and their ports)
 */
export function tgwReturnSteps(env: Env, subnet: Subnet, trace: Trace): ReturnStep[] {
  const crossing = trace.tgw;
  if (!crossing) return [];
  const clients = trace.srcSet.toCidrs().join(", ");
  return [replyEntry(env, subnet, crossing.tgwId, crossing.attachmentId, trace.srcPorts), repliesRoutedVia(env, subnet, trace.srcSet, "transit-gateway", crossing.tgwId, clients)];
}

/** The replies enter the attachment in the subnet's zone, through its ENI subnet's NACL inbound. */
function replyEntry(env: Env, subnet: Subnet, tgwId: string, attachmentId: string, clientPorts: IntervalSet): ReturnStep {
  const reply = replyClass(env.cls, clientPorts);
  return (replies) => {
    const attachment = env.ctx.model.transitGatewayAttachments.get(attachmentId);
    const entry = attachment ? attachmentSubnetIn(attachment, env.ctx.model.subnets, subnet.availabilityZone, tgwId) : undefined;
    const h = hop(attachmentId, "transit-gateway-attachment", [{ kind: "association", ref: attachmentId, text: `replies enter ${attachmentId}${entry && "cidr" in entry ? ` by ${entry.id} (${entry.availabilityZone})` : ""}` }]);
    if (!entry || !("cidr" in entry)) {
      return { hop: h, allowed: IntervalSet.EMPTY, ...(entry ? { block: { component: attachmentId, type: "transit-gateway-attachment" as const, direction: "return" as const, rb: entry } } : {}) };
    }
    const found = naclOf(env, entry);
    if (!("acl" in found)) return { hop: h, allowed: IntervalSet.EMPTY, block: { component: entry.id, type: "subnet", direction: "return", rb: found } };
    const back = evaluateNacl(found.acl, false, reply, replies);
    if (back.denied.isEmpty()) return { hop: hop(found.acl.id, "network-acl", allowEvidence(found.acl.id, back)), allowed: back.allowed };
    return {
      hop: h,
      allowed: back.allowed,
      block: { component: found.acl.id, type: "network-acl", direction: "return", rb: naclBlock(found.acl.id, back, false, reply, `the replies from ${back.denied.toCidrs().slice(0, 3).join(", ")} into ${attachmentId}'s subnet ${entry.id}`, back.denied.toCidrs().slice(0, 4).join(", ")) },
    };
  };
}
