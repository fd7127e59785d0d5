/**
 * The replies' way back through a transit gateway. From the subnet where traffic that arrived
 * through it ended (the destination ENI's subnet, or a NAT gateway's subnet in an egress VPC):
 * that subnet's route table must send the clients' addresses to the same transit gateway, the
 * attachment must have a subnet in that subnet's Availability Zone, and that attachment subnet's
 * NACL inbound must admit the replies (by their source). Into the source VPC: the replies leave
 * the transit gateway by the source attachment's subnet in the zone they come from ("traffic is
 * kept to the originating Availability Zone"), which need not be the subnet the requests left by:
 * that subnet's NACL outbound and the source subnet's NACL inbound apply, unless the replies
 * arrive in the source subnet itself (then neither does). Not a hop handler: walk/enter-subnet.ts
 * and walk/nat-gateway.ts call `withTgwReturn` when the trace crossed a transit gateway, and
 * walk/transit-gateway.ts leaves the step into the source VPC unsettled until then. A request the
 * transit gateway routed back into its own VPC and on by a gateway endpoint or a peering has replies
 * that never come back through it: walk/gateway-endpoint.ts and walk/peering.ts settle that step as
 * `unknown` (`withHairpinReplies`, rules/transit-gateway-hairpin.ts).
 * AWS: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-nacls.html,
 * https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html
 */
import { IntervalSet } from "../../net/index.js";
import type { Subnet } from "../../model/types.js";
import { replyClass } from "../packet.js";
import { allowEvidence, evaluateNacl, naclBlock } from "../rules/network-acl.js";
import { attachmentSubnetIn } from "../rules/transit-gateway-attachment.js";
import { choiceBlock, deliverySubnets, type Delivery } from "../rules/transit-gateway-appliance-mode.js";
import type { RuleBlock } from "../rules/block.js";
import { hairpinReplies } from "../rules/transit-gateway-hairpin.js";
import type { ComponentType, Hop } from "../verdict.js";
import { extend, hop, mapBack, retrace, toArray, type Block, type Env, type ReturnStep, type TgwReplies, type Trace } from "../trace.js";
import { coverage, naclOf, partlyAdmitted, repliesRoutedVia } from "./shared.js";

/**
 * The trace with the replies' way back through the transit gateway it crossed: the unsettled steps
 * into the source VPC settled for replies from `subnet`'s zone, then the steps from `subnet` to the
 * transit gateway (in forward order: they run last first). Unchanged when it crossed none.
 *
 * @param env - the query
 * @param subnet - the subnet the replies leave from
 * @param trace - the trace (its `tgw` crossing, clients and their ports)
 */
export function withTgwReturn(env: Env, subnet: Subnet, trace: Trace): Trace {
  const crossing = trace.tgw;
  if (!crossing) return trace;
  const clients = trace.srcSet.toCidrs().join(", ");
  return extend(
    settleReplies(env, trace, subnet.availabilityZone),
    [],
    replyEntry(env, subnet, crossing.tgwId, crossing.attachmentId, trace.srcPorts),
    repliesRoutedVia(env, subnet, trace.srcSet, trace.srcText, "transit-gateway", crossing.tgwId, clients),
  );
}

/**
 * The trace leaving `vpcId` by a gateway endpoint or a peering connection (`via`) after a transit
 * gateway brought it there: where the request had left that same VPC for the transit gateway (a
 * hairpin), the replies' step into it is settled as `unknown` at `via` (they come back by `via` and
 * the local route, not through the transit gateway), and the crossing is over. Unchanged otherwise.
 *
 * @param env - the query
 * @param trace - the trace as it reaches `via`
 * @param vpcId - the VPC it leaves by `via`
 * @param via - the endpoint or peering connection: its id, type and hop
 */
export function withHairpinReplies(env: Env, trace: Trace, vpcId: string, via: { id: string; type: ComponentType; hop: Hop }): Trace {
  const { model, index } = env.ctx;
  let settled = false;
  const after = mapBack(trace, (step): ReturnStep => {
    const tag = step.tgwReplies;
    if (!tag || model.subnets.get(tag.sourceSubnetId)?.vpcId !== vpcId) return step;
    settled = true;
    const clients = tag.clients.toCidrs().join(", ");
    const rb = hairpinReplies({ tgwId: tag.tgwId, attachmentId: tag.attachmentId, vpcId, via: via.id, clients, sourceTableId: index.routeTableOfSubnet(tag.sourceSubnetId)?.value.id });
    return () => ({ hop: via.hop, allowed: IntervalSet.EMPTY, block: { component: via.id, type: via.type, direction: "return", rb } });
  });
  return settled ? retrace(after, { tgw: undefined }) : trace;
}

/**
 * The step into the source VPC before the replies' zone is known. Every delivered path that crossed
 * a transit gateway settles it; should one not, the answer is unknown rather than guessed.
 *
 * @param tag - the crossing's source side
 */
export function unsettledReplies(tag: TgwReplies): ReturnStep {
  const step = (): ReturnType<ReturnStep> => ({
    hop: hop(tag.attachmentId, "transit-gateway-attachment", []),
    allowed: IntervalSet.EMPTY,
    block: {
      component: tag.attachmentId, type: "transit-gateway-attachment", direction: "return",
      rb: { code: "MISSING_DATA", message: `the zone the replies come back to ${tag.attachmentId} in is not known`, rule: { kind: "association", ref: tag.attachmentId, text: `${tag.attachmentId}: replies' zone unknown` }, unknown: true },
    },
  });
  return Object.assign(step, { tgwReplies: tag });
}

/**
 * The unsettled steps of the trace settled for replies from `az`. Where the replies may arrive in
 * the source subnet itself, that subnet's own reply NACL step is checked by the settled step (per
 * possible subnet) and only shows its hop where it stood.
 */
function settleReplies(env: Env, trace: Trace, az: string | undefined): Trace {
  const all = toArray(trace.back);
  const exits = new Map<TgwReplies, Delivery | RuleBlock>();
  for (const step of all) if (step.tgwReplies) exits.set(step.tgwReplies, exitsFor(env, step.tgwReplies, az));
  if (exits.size === 0) return trace;
  const foldedSubnets = new Set([...exits].filter(([tag, e]) => "subnets" in e && e.subnets.some((s) => s.id === tag.sourceSubnetId)).map(([tag]) => tag.sourceSubnetId));
  const folded = new Map<string, ReturnStep>();
  for (const step of all) if (step.nacl && foldedSubnets.has(step.nacl.subnetId)) folded.set(step.nacl.subnetId, step);
  return mapBack(trace, (step) => {
    if (step.nacl && folded.get(step.nacl.subnetId) === step) return passOnly(step);
    const tag = step.tgwReplies;
    return tag ? repliesIntoSource(env, tag, exits.get(tag)!, az, folded.get(tag.sourceSubnetId)) : step;
  });
}

/**
 * The subnets of the source attachment replies from `az` may arrive by (the zone's; any, by flow
 * hash, with appliance mode on), or the block saying they are not known.
 */
function exitsFor(env: Env, tag: TgwReplies, az: string | undefined): Delivery | RuleBlock {
  const attachment = env.ctx.model.transitGatewayAttachments.get(tag.attachmentId);
  return attachment ? deliverySubnets(attachment, env.ctx.model.subnets, az, tag.tgwId) : unknownZone(tag);
}

/** The block when the replies' zone or the attachment is not known. */
function unknownZone(tag: TgwReplies): RuleBlock {
  return { code: "MISSING_DATA", message: `which subnet of ${tag.attachmentId} the replies arrive by is not known`, rule: { kind: "association", ref: tag.attachmentId, text: `${tag.attachmentId}: replies' zone or subnets unknown` }, unknown: true };
}

/** A reply NACL step that now only shows its hop (its check is made elsewhere). */
function passOnly(step: ReturnStep): ReturnStep {
  return (replies) => ({ hop: step(replies).hop, allowed: replies });
}

/**
 * The step where the replies leave the transit gateway into the source VPC by one of the subnets
 * `exits` names (one when the attachment has a subnet in their zone and appliance mode is off):
 * arriving in the source subnet they cross no NACL; arriving in another, that subnet's NACL
 * outbound and (`sourceNacl`, when folded here) the source subnet's NACL inbound. When the possible
 * subnets do not agree, the answer is unknown (rules/transit-gateway-appliance-mode.ts).
 *
 * @param env - the query
 * @param tag - the crossing's source side
 * @param exits - the subnets the replies may arrive by, or the block saying they are not known
 * @param az - the zone the replies come from
 * @param sourceNacl - the source subnet's reply NACL step, when it is checked here
 */
function repliesIntoSource(env: Env, tag: TgwReplies, exits: Delivery | RuleBlock, az: string | undefined, sourceNacl: ReturnStep | undefined): ReturnStep {
  const reply = replyClass(env.cls, tag.clientPorts);
  const h = hop(tag.attachmentId, "transit-gateway-attachment", [{ kind: "association", ref: tag.attachmentId, text: `replies leave ${tag.tgwId} by ${tag.attachmentId}${"subnets" in exits && exits.subnets.length === 1 ? ` into ${exits.subnets[0]!.id}` : ""}` }]);
  const atAttachment = (rb: RuleBlock): Block => ({ component: tag.attachmentId, type: "transit-gateway-attachment", direction: "return", rb });
  return (replies) => {
    if (!("subnets" in exits)) return { hop: h, allowed: IntervalSet.EMPTY, block: atAttachment(exits) };
    const worlds = exits.subnets.map((exit) => replyWorld(env, tag, exit, reply, replies, sourceNacl));
    const blocked = worlds.filter((w) => w.block);
    if (blocked.length === 0) return { hop: worlds[0]?.hop ?? h, allowed: replies };
    if (blocked.length === worlds.length && blocked.every((w) => !w.block!.rb.unknown)) return { hop: blocked[0]!.hop, allowed: IntervalSet.EMPTY, block: blocked[0]!.block! };
    const attachment = env.ctx.model.transitGatewayAttachments.get(tag.attachmentId)!;
    const rb = choiceBlock(attachment, exits, az, tag.tgwId, `the replies to ${tag.clients.toCidrs().join(", ")} leave ${tag.tgwId}`);
    return { hop: h, allowed: IntervalSet.EMPTY, block: atAttachment(rb) };
  };
}

/** The replies arriving by one subnet of the source attachment. */
function replyWorld(env: Env, tag: TgwReplies, exit: Subnet, reply: ReturnType<typeof replyClass>, replies: IntervalSet, sourceNacl: ReturnStep | undefined): ReturnType<ReturnStep> {
  if (exit.id === tag.sourceSubnetId) return { hop: hop(exit.id, "subnet", [{ kind: "association", ref: exit.id, text: `replies arrive in ${exit.id}, the source subnet: no NACL applies` }]), allowed: replies };
  const found = naclOf(env, exit);
  if (!("acl" in found)) return { hop: hop(exit.id, "subnet", []), allowed: IntervalSet.EMPTY, block: { component: exit.id, type: "subnet", direction: "return", rb: found } };
  const out = evaluateNacl(found.acl, true, reply, tag.clients);
  const h = hop(found.acl.id, "network-acl", allowEvidence(found.acl.id, out));
  const cov = coverage(out.allowed, tag.clients);
  if (cov === "partial") {
    const rb = partlyAdmitted(found.acl.id, `lets the replies from ${tag.tgwId} out of ${exit.id} to`, `the sender (${tag.clients.toCidrs().slice(0, 4).join(", ")})`, tag.clients, tag.clients.subtract(out.allowed));
    return { hop: h, allowed: IntervalSet.EMPTY, block: { component: found.acl.id, type: "network-acl", direction: "return", rb } };
  }
  if (cov === "none") {
    const rb = naclBlock(found.acl.id, out, true, reply, `the replies from ${tag.tgwId} to ${tag.clients.toCidrs().join(", ")} out of ${tag.attachmentId}'s subnet ${exit.id}`, tag.clients.toCidrs().join(", "));
    return { hop: h, allowed: IntervalSet.EMPTY, block: { component: found.acl.id, type: "network-acl", direction: "return", rb } };
  }
  return sourceNacl ? sourceNacl(replies) : { hop: h, allowed: replies };
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
