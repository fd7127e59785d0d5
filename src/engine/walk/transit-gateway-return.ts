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
import { routeEvidence } from "../rules/route-selection.js";
import { attachmentSubnetIn } from "../rules/transit-gateway-attachment.js";
import { hop, type Env, type ReturnStep, type Trace } from "../trace.js";
import { naclOf } from "./shared.js";

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
  return [replyEntry(env, subnet, crossing.tgwId, crossing.attachmentId, trace.srcPorts), routeBack(env, subnet, crossing.tgwId, trace.srcSet)];
}

/** The subnet's route table must send the clients' addresses to the transit gateway. */
function routeBack(env: Env, subnet: Subnet, tgwId: string, clients: IntervalSet): ReturnStep {
  return (replies) => {
    const assoc = env.ctx.index.routeTableOfSubnet(subnet.id);
    const selection = assoc ? env.ctx.routes(assoc.value, clients) : undefined;
    const ok = selection !== undefined && selection.parts.every((p) => p.route?.target.kind === "transit-gateway" && p.route.target.id === tgwId && p.route.state === "active");
    const table = assoc?.value.id ?? subnet.id;
    const used = selection?.parts[0]?.route;
    const h = hop(table, "route-table", used && assoc ? [routeEvidence(table, used, assoc.how)] : []);
    if (ok) return { hop: h, allowed: replies };
    return {
      hop: h,
      allowed: IntervalSet.EMPTY,
      block: {
        component: table,
        type: "route-table",
        direction: "return",
        rb: {
          code: "NO_ROUTE_TO_DESTINATION",
          message: `${table} (for ${subnet.id}) does not route the replies to ${clients.toCidrs().join(", ")} back to ${tgwId} (RESPONSE_RTB_HAS_NO_ROUTE_TO_TRANSIT_GATEWAY)`,
          rule: { kind: "route", ref: table, text: `${table}: no route to ${clients.toCidrs().join(", ")} via ${tgwId}` },
          fix: `add route ${clients.toCidrs().join(", ")} → ${tgwId} to ${table}`,
        },
      },
    };
  };
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
