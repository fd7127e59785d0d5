/**
 * Hop `transit-gateway`: a route sent the traffic to a transit gateway. Everything that happens
 * between two VPCs' subnets is here: the source VPC's attachment (state, a subnet in the sender's
 * Availability Zone, that subnet's NACL inbound by source), the attachment's association → route
 * table → longest prefix match (static and propagated routes, blackholes), peering attachments to
 * another transit gateway (static routes), and delivery into the destination VPC through its
 * attachment's ENI subnet (NACL outbound by destination), where that subnet's route table decides;
 * where the transit gateway may pick among several subnets (no subnet in the traffic's zone,
 * appliance mode's flow hash: rules/transit-gateway-appliance-mode.ts) each is walked and an answer
 * holds only where all give it. The sender's outbound rules naming another VPC's group do not match
 * across a transit gateway (rules/transit-gateway-sg-referencing.ts).
 * The replies take the same checks back, by the attachment subnets of the zone they come from
 * (walk/transit-gateway-return.ts settles the source side once that zone is known). NACLs follow
 * "Network ACLs for transit gateways": an attachment subnet shared with the workload applies no
 * NACL to traffic from the transit gateway.
 * AWS: https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html,
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-nacls.html
 */
import { IntervalSet, SetMemo } from "../../net/index.js";
import type { Model, RouteTable, Subnet, TransitGatewayAttachment, TransitGatewayRouteTable } from "../../model/types.js";
import { summarize } from "../packet.js";
import { allowEvidence, evaluateNacl, naclBlock } from "../rules/network-acl.js";
import { missingResource, requireData } from "../rules/missing-data.js";
import { associatedTable, attachmentSubnetIn, checkAttachment, checkTransitGateway, noAttachmentBlock, peerTransitGateway, vpcAttachmentOf } from "../rules/transit-gateway-attachment.js";
import { choiceBlock, deliverySubnets } from "../rules/transit-gateway-appliance-mode.js";
import { egressReferencesLost } from "../rules/transit-gateway-sg-referencing.js";
import { blackholeBlock, effectiveRoutes, modelRouteData, noTgwRouteBlock, selectTgwRoutes, tgwRouteEvidence } from "../rules/transit-gateway-route-table.js";
import type { AnalyzerContext } from "../context.js";
import { extend, hop, passBack, retrace, stop, type Env, type Outcome, type ReturnStep, type Trace } from "../trace.js";
import type { RuleBlock } from "../rules/block.js";
import type { ComponentType, Hop } from "../verdict.js";
import { coverage, naclOf, partialSource, what } from "./shared.js";
import { unsettledReplies } from "./transit-gateway-return.js";
import type { Handler, Next } from "./step.js";

/** Transit gateway route tables one packet may cross (a routing loop guard; AWS allows few hops). */
const MAX_TGW_HOPS = 4;

/** Through the source VPC's attachment into the transit gateway, then its routing. */
export const throughTransitGateway: Handler<"transit-gateway"> = (env, trace, step, next) => {
  const { table, tgwId } = step;
  // The sender's outbound rules naming another VPC's group do not match across a transit gateway.
  const groups = env.src.groupIds.flatMap((id) => env.ctx.group(id) ?? []);
  const lost = env.src.vpcId ? egressReferencesLost(groups, env.src.vpcId, env.cls, step.dst, env.ctx, (id) => env.ctx.group(id)?.vpcId, tgwId, (set) => what(env, set)) : undefined;
  const dst = lost ? step.dst.subtract(lost.lost) : step.dst;
  const refused = lost ? [stop(trace, lost.lost, groups[0]!.id, "security-group", lost.block)] : [];
  if (dst.isEmpty()) return refused;
  return [...refused, ...intoTransitGateway(env, trace, table, tgwId, dst, next)];
};

/** Into the transit gateway by the source VPC's attachment subnet in the sender's zone, then its routing. */
function intoTransitGateway(env: Env, trace: Trace, table: RouteTable, tgwId: string, dst: IntervalSet, next: Next): Outcome[] {
  const { model } = env.ctx;
  const tgw = model.transitGateways.get(tgwId);
  if (!tgw) return [stop(trace, dst, tgwId, "transit-gateway", missingResource(model, table.scope, "transitGateways", tgwId, table.id))];
  const bad = checkTransitGateway(tgw);
  if (bad) return [stop(trace, dst, tgwId, "transit-gateway", bad)];
  const attachment = vpcAttachmentOf(env.ctx.index.transitGatewayAttachmentsOfVpc(table.vpcId), table.vpcId, tgwId);
  if (!attachment) return [stop(trace, dst, tgwId, "transit-gateway", requireData(model, table.scope, "transitGatewayAttachments", `the attachment of ${table.vpcId} to ${tgwId}`) ?? noAttachmentBlock(table.vpcId, tgwId, table.id))];
  const state = checkAttachment(attachment);
  if (state) return [stop(trace, dst, attachment.id, "transit-gateway-attachment", state)];
  const entry = attachmentSubnetIn(attachment, model.subnets, trace.az, tgwId);
  if (!("cidr" in entry)) return [stop(trace, dst, attachment.id, "transit-gateway-attachment", entry)];
  const found = naclOf(env, entry);
  if (!("acl" in found)) return [stop(trace, dst, entry.id, "subnet", found)];
  const { acl } = found;
  // The attachment subnet's NACL inbound sees the sender's packets (by source address).
  const inbound = evaluateNacl(acl, false, env.cls, trace.srcSet);
  const cov = coverage(inbound.allowed, trace.srcSet);
  if (cov === "partial") return [stop(trace, dst, acl.id, "network-acl", partialSource(trace, acl.id, inbound.allowed))];
  if (cov === "none") {
    return [stop(trace, dst, acl.id, "network-acl", naclBlock(acl.id, inbound, false, env.cls, `${what(env, dst)} from ${trace.srcText} into ${attachment.id}'s subnet ${entry.id}`, trace.srcSet.toCidrs().join(", ")))];
  }
  const attHop = attachmentHop(attachment, entry, "leaves");
  const aclHop = hop(acl.id, "network-acl", allowEvidence(acl.id, inbound));
  const tgwHop = hop(tgwId, "transit-gateway", [{ kind: "state", ref: tgwId, text: `${tgwId} ${tgw.state}${tgw.ownerId ? `, owner ${tgw.ownerId}` : ""}` }], tgw.name ? { name: tgw.name } : {});
  // Replies from the transit gateway to the sender: by the attachment's subnet in the replies' zone,
  // which the far end settles (walk/transit-gateway-return.ts).
  const replies = unsettledReplies({ tgwId, attachmentId: attachment.id, sourceSubnetId: trace.subnetId, clients: trace.srcSet, clientPorts: trace.srcPorts });
  const entered = extend(trace, [attHop, aclHop, tgwHop], replies, passBack(attHop), passBack(tgwHop));
  return routeAt(env, entered, tgwId, attachment, attachment, dst, next);
}

/** The hop of an attachment, naming its ENI subnet (and, `choice`, the others the transit gateway may pick). */
function attachmentHop(attachment: TransitGatewayAttachment, subnet: Subnet | undefined, how: string, choice = ""): Hop {
  const via = subnet ? `, ENI subnet ${subnet.id} (${subnet.availabilityZone})${choice}` : "";
  return hop(attachment.id, "transit-gateway-attachment", [{ kind: "association", ref: attachment.id, text: `traffic ${how} ${attachment.resourceType} ${attachment.resourceId ?? ""} by ${attachment.id} (${attachment.state})${via}` }], attachment.name ? { name: attachment.name } : {});
}

/** Where one part of the destination goes at a transit gateway: an attachment, or a block. */
interface TgwLeg {
  addresses: IntervalSet;
  hops: Hop[];
  egress?: { attachment: TransitGatewayAttachment; tgwId: string };
  block?: { component: string; type: ComponentType; rb: RuleBlock };
}

/** The effective routes of each transit gateway route table, per model (a model is not changed once analysed; a changed table is a new record). */
const effective = new WeakMap<Model, WeakMap<TransitGatewayRouteTable, ReturnType<typeof effectiveRoutes>>>();

/**
 * A table's effective routes, expanded once per model and table: every crossing expanded and parsed
 * every route of the table again, and a table holding a route per spoke made each query cost as much
 * as the spokes (cost's centralized designs over hundreds of VPCs).
 */
function routesOf(model: Model, table: TransitGatewayRouteTable): ReturnType<typeof effectiveRoutes> {
  let tables = effective.get(model);
  if (!tables) effective.set(model, (tables = new WeakMap()));
  let routes = tables.get(table);
  if (!routes) tables.set(table, (routes = effectiveRoutes(table, modelRouteData(model))));
  return routes;
}

/** Each analyzer's legs so far, by arriving attachment, then transit gateway and depth, then destination set. */
const legsOf = new WeakMap<AnalyzerContext, WeakMap<TransitGatewayAttachment, Map<string, SetMemo<TgwLeg[]>>>>();

/**
 * Routes a destination set arriving at a transit gateway on an attachment: its association, the
 * table's longest prefix match, and across peering attachments, until each part leaves by a VPC
 * attachment or stops. Remembered per analyzer (its model is not changed while it answers; a test
 * that changes a model in place analyses it again with a new one), attachment record, transit
 * gateway, depth and set: every notebook of a spoke crosses with the same destinations, and every
 * reply to a client comes back with the same client set, so a hub's table of hundreds of spokes'
 * routes was matched again at each walk and each delivery. The legs are shared: callers must not
 * change them (hops never are).
 *
 * @param ctx - the analyzer context (its model)
 * @param tgwId - the transit gateway
 * @param ingress - the attachment the traffic arrives on
 * @param dst - the destination addresses
 * @param depth - route tables consulted so far
 */
function tgwLegs(ctx: AnalyzerContext, tgwId: string, ingress: TransitGatewayAttachment, dst: IntervalSet, depth: number): TgwLeg[] {
  let byAttachment = legsOf.get(ctx);
  if (!byAttachment) legsOf.set(ctx, (byAttachment = new WeakMap()));
  let byKey = byAttachment.get(ingress);
  if (!byKey) byAttachment.set(ingress, (byKey = new Map()));
  const key = `${tgwId}|${depth}`;
  let memo = byKey.get(key);
  if (!memo) byKey.set(key, (memo = new SetMemo()));
  return memo.of(dst, () => legsFrom(ctx, tgwId, ingress, dst, depth));
}

/** `tgwLegs` computed (see there). */
function legsFrom(ctx: AnalyzerContext, tgwId: string, ingress: TransitGatewayAttachment, dst: IntervalSet, depth: number): TgwLeg[] {
  const { model } = ctx;
  const stopAt = (component: string, type: ComponentType, rb: RuleBlock, hops: Hop[] = []): TgwLeg[] => [{ addresses: dst, hops, block: { component, type, rb } }];
  if (depth >= MAX_TGW_HOPS) return stopAt(tgwId, "transit-gateway", { code: "NO_POSSIBLE_DESTINATION", message: `the traffic crosses more than ${MAX_TGW_HOPS} transit gateway route tables (a routing loop)`, rule: { kind: "implicit", ref: tgwId, text: "transit gateway routing loop" } });
  const tableId = associatedTable(ingress, tgwId);
  if (typeof tableId !== "string") return stopAt(ingress.id, "transit-gateway-attachment", tableId);
  const table = model.transitGatewayRouteTables.get(tableId);
  const tgw = model.transitGateways.get(tgwId);
  if (!table) return stopAt(tableId, "transit-gateway-route-table", missingResource(model, tgw?.scope ?? ingress.scope, "transitGatewayRouteTables", tableId, ingress.id));
  const routes = routesOf(model, table);
  if (!Array.isArray(routes)) return stopAt(table.id, "transit-gateway-route-table", routes);
  const legs: TgwLeg[] = [];
  for (const part of selectTgwRoutes(routes, dst)) {
    const leg = (hops: Hop[], rest: Partial<TgwLeg>): TgwLeg => ({ addresses: part.addresses, hops, ...rest });
    const text = summarize(part.addresses, 3).join(", ");
    if (!part.route) {
      legs.push(leg([], { block: { component: table.id, type: "transit-gateway-route-table", rb: noTgwRouteBlock(table, text, ingress.id) } }));
      continue;
    }
    if (part.route.conflict) {
      legs.push(leg([], { block: { component: table.id, type: "transit-gateway-route-table", rb: part.route.conflict } }));
      continue;
    }
    if (part.route.route.state === "blackhole") {
      legs.push(leg([], { block: { component: table.id, type: "transit-gateway-route-table", rb: blackholeBlock(table, part.route) } }));
      continue;
    }
    const rtHop = hop(table.id, "transit-gateway-route-table", [{ kind: "association", ref: ingress.id, text: `${ingress.id} is associated with ${table.id}` }, tgwRouteEvidence(table, part.route)], table.name ? { name: table.name } : {});
    const targetId = part.route.route.attachmentIds[0];
    const target = targetId ? model.transitGatewayAttachments.get(targetId) : undefined;
    if (!target || part.route.route.attachmentIds.length > 1) {
      const rb: RuleBlock = target
        ? { code: "UNSUPPORTED_COMPONENT", message: `${part.route.text} in ${table.id} spreads traffic over several attachments (ECMP), which vpcreach does not model`, rule: tgwRouteEvidence(table, part.route), unknown: true }
        : missingResource(model, table.scope, "transitGatewayAttachments", targetId ?? "(attachment)", table.id);
      legs.push(leg([rtHop], { block: { component: targetId ?? table.id, type: "transit-gateway-attachment", rb } }));
      continue;
    }
    const bad = checkAttachment(target);
    if (bad) {
      legs.push(leg([rtHop], { block: { component: target.id, type: "transit-gateway-attachment", rb: bad } }));
      continue;
    }
    if (target.resourceType === "vpc") {
      legs.push(leg([rtHop], { egress: { attachment: target, tgwId } }));
      continue;
    }
    const peerId = peerTransitGateway(target, tgwId);
    const peer = peerId ? model.transitGateways.get(peerId) : undefined;
    if (!peerId || !peer) {
      legs.push(leg([rtHop], { block: { component: target.id, type: "transit-gateway-attachment", rb: missingResource(model, target.scope, "transitGateways", peerId ?? "(peer transit gateway)", target.id) } }));
      continue;
    }
    const peerState = checkTransitGateway(peer);
    if (peerState) {
      legs.push(leg([rtHop], { block: { component: peerId, type: "transit-gateway", rb: peerState } }));
      continue;
    }
    const peerHops = [rtHop, attachmentHop(target, undefined, "crosses"), hop(peerId, "transit-gateway", [{ kind: "state", ref: peerId, text: `${peerId} ${peer.state}, peered with ${tgwId} by ${target.id}` }], peer.name ? { name: peer.name } : {})];
    for (const further of tgwLegs(ctx, peerId, target, part.addresses, depth + 1)) legs.push({ ...further, hops: [...peerHops, ...further.hops] });
  }
  return legs;
}

/**
 * Routes at a transit gateway and continues each part into its destination VPC.
 *
 * @param env - the query
 * @param trace - the trace so far (inside the transit gateway)
 * @param tgwId - the transit gateway
 * @param ingress - the attachment the traffic arrived on
 * @param source - the source VPC's attachment (which the replies must reach)
 * @param dst - destination addresses
 * @param next - continues the walk
 */
function routeAt(env: Env, trace: Trace, tgwId: string, ingress: TransitGatewayAttachment, source: TransitGatewayAttachment, dst: IntervalSet, next: Next): Outcome[] {
  const out: Outcome[] = [];
  for (const leg of tgwLegs(env.ctx, tgwId, ingress, dst, trace.tgwHops)) {
    const routed = extend(trace, leg.hops, ...leg.hops.map((h) => passBack(h)));
    if (leg.block) out.push(stop(routed, leg.addresses, leg.block.component, leg.block.type, leg.block.rb));
    else if (leg.egress) out.push(...intoVpc(env, routed, leg.egress.tgwId, leg.egress.attachment, source, leg.addresses, next));
  }
  return out;
}

/**
 * Out of the transit gateway into the destination VPC through its attachment's ENI subnet: the one
 * `deliverySubnets` says (the traffic's zone's), or, where the transit gateway may pick among
 * several (no subnet in that zone; appliance mode's flow hash; the option not given), each of them
 * in turn: an answer holds where every choice gives it, the rest is `unknown`.
 *
 * @param env - the query
 * @param trace - the trace so far
 * @param tgwId - the transit gateway the attachment belongs to
 * @param target - the destination VPC's attachment
 * @param source - the source VPC's attachment
 * @param dst - destination addresses
 * @param next - continues the walk
 */
function intoVpc(env: Env, trace: Trace, tgwId: string, target: TransitGatewayAttachment, source: TransitGatewayAttachment, dst: IntervalSet, next: Next): Outcome[] {
  const { model } = env.ctx;
  const vpc = target.resourceId ? model.vpcs.get(target.resourceId) : undefined;
  if (!vpc) return [stop(trace, dst, target.id, "transit-gateway-attachment", missingResource(model, target.scope, "vpcs", target.resourceId ?? "(VPC)", target.id))];
  const delivery = deliverySubnets(target, model.subnets, trace.az, tgwId);
  if (!("subnets" in delivery)) return [stop(trace, dst, target.id, "transit-gateway-attachment", delivery)];
  const others = delivery.subnets.length > 1 ? delivery.subnets : [];
  const worlds = delivery.subnets.map((exit) => intoSubnet(env, trace, { tgwId, target, source, vpcId: vpc.id, exit, others }, dst, next));
  if (worlds.length === 1) return worlds[0]!;
  return onEveryChoice(worlds, (addresses) => stop(trace, addresses, target.id, "transit-gateway-attachment", choiceBlock(target, delivery, trace.az, tgwId, `${what(env, addresses)} from ${trace.srcText}`)));
}

/** One delivery into a VPC: the transit gateway, the attachments, and the ENI subnet the traffic enters by. */
interface Entry {
  tgwId: string;
  target: TransitGatewayAttachment;
  source: TransitGatewayAttachment;
  vpcId: string;
  exit: Subnet;
  /** Every subnet the transit gateway may pick, when it may pick among several (else empty). */
  others: readonly Subnet[];
}

/**
 * Into the destination VPC by one ENI subnet, whose NACL outbound applies except to addresses in
 * that subnet; then that subnet's route table decides.
 */
function intoSubnet(env: Env, trace: Trace, { tgwId, target, source, vpcId, exit, others }: Entry, dst: IntervalSet, next: Next): Outcome[] {
  const found = naclOf(env, exit);
  if (!("acl" in found)) return [stop(trace, dst, exit.id, "subnet", found)];
  const { acl } = found;
  const inExit = dst.intersect(IntervalSet.ofCidr(exit.cidr));
  const outbound = evaluateNacl(acl, true, env.cls, dst.subtract(inExit));
  const out: Outcome[] = [];
  const choice = others.length > 0 ? `; the transit gateway may also pick ${others.filter((s) => s.id !== exit.id).map((s) => s.id).join(", ")}, which give the same answer` : "";
  const attHop = attachmentHop(target, exit, "enters", choice);
  if (!outbound.denied.isEmpty()) {
    out.push(stop(extend(trace, [attHop]), outbound.denied, acl.id, "network-acl", naclBlock(acl.id, outbound, true, env.cls, `${what(env, outbound.denied)} from ${tgwId} out of ${target.id}'s subnet ${exit.id}`, summarize(outbound.denied, 4).join(", "))));
  }
  const allowed = outbound.allowed.union(inExit);
  if (allowed.isEmpty()) return out;
  const hops = outbound.allowed.isEmpty() ? [attHop] : [attHop, hop(acl.id, "network-acl", allowEvidence(acl.id, outbound))];
  const replyRouting = repliesRoutedBack(env, tgwId, target, source, trace.srcSet);
  const arrived = retrace(extend(trace, hops, replyRouting, passBack(attHop)), {
    vpcId,
    subnetId: exit.id,
    az: exit.availabilityZone,
    publicIp: undefined,
    notebookEni: false,
    peering: undefined,
    tgw: { tgwId, attachmentId: target.id, entrySubnetId: exit.id, sourceAttachmentId: source.id },
    tgwHops: trace.tgwHops + 1,
  });
  out.push(...next(arrived, { kind: "route-table", subnet: exit, dst: allowed }));
  return out;
}

/** Outcome statuses, compared across choices. */
const STATUSES: readonly Outcome["status"][] = ["delivered", "blocked", "unknown"];

/**
 * The answer whatever the transit gateway picks: the first choice's outcomes for the addresses on
 * which every choice gives the same status (delivered, blocked, unknown), and `disagree` for the rest.
 *
 * @param worlds - each choice's outcomes
 * @param disagree - the outcome for addresses the choices answer differently
 */
function onEveryChoice(worlds: Outcome[][], disagree: (addresses: IntervalSet) => Outcome): Outcome[] {
  let differ = IntervalSet.EMPTY;
  for (const status of STATUSES) {
    const sets = worlds.map((outcomes) => outcomes.filter((o) => o.status === status).reduce((acc, o) => acc.union(o.addresses), IntervalSet.EMPTY));
    const some = sets.reduce((acc, s) => acc.union(s), IntervalSet.EMPTY);
    const every = sets.reduce((acc, s) => acc.intersect(s));
    differ = differ.union(some.subtract(every));
  }
  if (differ.isEmpty()) return worlds[0]!;
  const agreed = worlds[0]!.flatMap((o) => {
    const rest = o.addresses.subtract(differ);
    return rest.isEmpty() ? [] : [{ ...o, addresses: rest }];
  });
  return [...agreed, disagree(differ)];
}

/**
 * The return step at the transit gateway: the replies, arriving on the destination's attachment,
 * must be routed back to the source VPC's attachment.
 *
 * @param env - the query
 * @param tgwId - the transit gateway the replies arrive at
 * @param target - the destination VPC's attachment (where the replies arrive)
 * @param source - the source VPC's attachment
 * @param clients - the client addresses the replies go to
 */
function repliesRoutedBack(env: Env, tgwId: string, target: TransitGatewayAttachment, source: TransitGatewayAttachment, clients: IntervalSet): ReturnStep {
  return (replies) => {
    const legs = tgwLegs(env.ctx, tgwId, target, clients, 0);
    const wrong = legs.find((l) => l.block || l.egress?.attachment.id !== source.id);
    const first = legs.find((l) => l.hops.length > 0)?.hops[0];
    const h = first ?? hop(tgwId, "transit-gateway", []);
    if (!wrong) return { hop: h, allowed: replies };
    const rb: RuleBlock = wrong.block?.rb ?? {
      code: "TGW_RTB_CANNOT_ROUTE",
      message: `the replies to ${summarize(wrong.addresses, 3).join(", ")} are routed to ${wrong.egress?.attachment.id ?? "another attachment"}, not back to ${source.id}`,
      rule: wrong.hops.at(-1)?.evidence.at(-1) ?? { kind: "route", ref: tgwId, text: `${tgwId}: replies not routed to ${source.id}` },
      fix: `route ${clients.toCidrs().join(", ")} to ${source.id} in the route table ${target.id} is associated with`,
    };
    return { hop: h, allowed: IntervalSet.EMPTY, block: { component: wrong.block?.component ?? tgwId, type: wrong.block?.type ?? "transit-gateway", direction: "return", rb } };
  };
}
