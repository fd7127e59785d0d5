/**
 * Hop `subnet-delivery`: inside a subnet, to the ENIs that own the destination addresses. A NAT
 * gateway's ENI accepts nothing; an interface endpoint's ENI and any other ENI admit what their
 * security groups allow inbound; the delivered traffic ends at the instance, notebook or service.
 */
import { IntervalSet } from "../../net/index.js";
import type { Model, NatGateway, NetworkInterface, SecurityGroup, TransitGatewayAttachment, VpcEndpoint } from "../../model/types.js";
import { evaluateSecurityGroups, sgEvidence, sgFix, ungroupedInterface, withSenderGroups, type SgResult } from "../rules/security-group.js";
import { referencingBlock, tgwGroupReferencing, type TgwReferencingCase } from "../rules/transit-gateway-sg-referencing.js";
import { crossRegionBlock } from "../rules/peering-sg-referencing.js";
import { missingResource, requireData } from "../rules/missing-data.js";
import { natAsDestinationBlock } from "../rules/nat-gateway.js";
import { checkInterfaceEndpoint } from "../rules/interface-endpoint.js";
import { unmodelledEndpoint } from "../rules/unmodelled-endpoint-types.js";
import { unattachedInterface } from "../rules/network-interface-state.js";
import { policyWarning } from "../rules/gateway-endpoint.js";
import { shortServiceName, serviceNode } from "../../graph/index.js";
import { deliver, extend, hop, passBack, stop, warn, type Env, type Outcome, type TgwCrossing, type Trace } from "../trace.js";
import type { RuleBlock } from "../rules/block.js";
import type { Evidence, Hop } from "../verdict.js";
import { coverage, partialSource, statefulHop, what } from "./shared.js";
import type { Handler } from "./step.js";

/** Delivery inside a subnet, to the ENIs owning the addresses. */
export const deliverInSubnet: Handler<"subnet-delivery"> = (env, trace, { subnet, dst }) => {
  const out: Outcome[] = [];
  let rest = dst;
  for (const eni of env.ctx.index.interfacesInSubnet(subnet.id)) {
    const ips: [number, number][] = [];
    for (const n of env.ctx.eniAddresses(eni)) if (rest.contains(n)) ips.push([n, n]);
    if (ips.length === 0) continue;
    const mine = IntervalSet.fromIntervals(ips);
    rest = rest.subtract(mine);
    if (!trace.srcSet.subtract(mine).isEmpty() || trace.srcSet.isEmpty()) out.push(...toEni(env, trace, eni, mine));
    else out.push(stop(trace, mine, eni.id, "network-interface", { code: "NO_POSSIBLE_DESTINATION", message: `${eni.id} is the source itself`, rule: { kind: "implicit", ref: eni.id, text: "source and destination are the same address" } }));
    if (rest.isEmpty()) break;
  }
  // The interfaces of the endpoint asked for that AWS creates at apply: any of their possible addresses.
  for (const { eni, endpoint, addresses } of env.dest.atApply ?? []) {
    const mine = eni.subnetId === subnet.id ? rest.intersect(addresses) : IntervalSet.EMPTY;
    if (mine.isEmpty()) continue;
    rest = rest.subtract(mine);
    out.push(...toEni(env, trace, eni, mine, endpoint));
  }
  if (!rest.isEmpty()) {
    const rb = requireData(env.ctx.model, subnet.scope, "networkInterfaces", `the network interfaces of ${subnet.id}`) ?? {
      code: "NO_POSSIBLE_DESTINATION" as const,
      message: `no network interface in ${subnet.id} has ${rest.toCidrs().slice(0, 3).join(", ")}`,
      rule: { kind: "implicit" as const, ref: subnet.id, text: `no ENI in ${subnet.id} owns ${rest.toCidrs().slice(0, 3).join(", ")}` },
      fix: "address an existing network interface",
    };
    out.push(stop(trace, rest, subnet.id, "subnet", rb));
  }
  return out;
};

/** The NAT gateway each ENI belongs to (the first in model order that names it), per model, built on first use. */
const natsByInterface = new WeakMap<Model, Map<string, NatGateway>>();

function natOfInterface(model: Model, eniId: string): NatGateway | undefined {
  let byEni = natsByInterface.get(model);
  if (!byEni) {
    byEni = new Map();
    for (const nat of model.natGateways.values()) {
      for (const a of nat.addresses) if (a.networkInterfaceId && !byEni.has(a.networkInterfaceId)) byEni.set(a.networkInterfaceId, nat);
    }
    natsByInterface.set(model, byEni);
  }
  return byEni.get(eniId);
}

/**
 * Delivery to one ENI: a NAT gateway's ENI accepts nothing; an interface endpoint's ENI and any
 * other ENI admit what their security groups allow inbound.
 *
 * @param env - the query
 * @param trace - the trace so far
 * @param eni - the destination ENI
 * @param dst - its addresses in the destination set
 * @param endpoint - the interface endpoint it belongs to, if any
 */
function toEni(env: Env, trace: Trace, eni: NetworkInterface, dst: IntervalSet, endpoint = env.ctx.index.endpointOfInterface(eni.id)): Outcome[] {
  const { ctx } = env;
  if (eni.interfaceType === "nat_gateway") {
    const nat = natOfInterface(ctx.model, eni.id);
    return [stop(trace, dst, nat?.id ?? eni.id, "nat-gateway", natAsDestinationBlock(nat?.id ?? eni.id))];
  }
  if (endpoint) {
    const bad = checkInterfaceEndpoint(endpoint, env.cls);
    if (bad) return [stop(trace, dst, endpoint.id, "interface-endpoint", bad)];
  }
  const groupIds = eni.securityGroupIds.length > 0 ? eni.securityGroupIds : (endpoint?.securityGroupIds ?? []);
  const unattached = endpoint ? undefined : unattachedInterface(eni);
  if (unattached) return [stop(trace, dst, eni.id, "network-interface", unattached)];
  const ungrouped = ungroupedInterface(eni, groupIds);
  if (ungrouped) return [stop(trace, dst, eni.id, "network-interface", ungrouped)];
  const missing = groupIds.find((id) => !ctx.group(id));
  if (missing) return [stop(trace, dst, eni.id, "network-interface", missingResource(ctx.model, eni.scope, "securityGroups", missing, eni.id))];
  const groups = groupIds.map((id) => ctx.group(id)).filter((g) => g !== undefined);
  const refs = groupReferences(env, trace, groups, eni, endpoint);
  if ("unknown" in refs) return [stop(trace, dst, groupIds[0] ?? eni.id, "security-group", refs.unknown)];
  const { result } = refs;
  const cov = coverage(result.allowed, trace.srcSet);
  const sgId = groupIds[0] ?? "(none)";
  if (cov === "partial") return [stop(trace, dst, sgId, "security-group", partialSource(trace, sgId, result.allowed))];
  if (cov === "none") {
    const rb = refs.lost ?? sgBlock(env, trace, groups, groupIds, eni, dst, result, endpoint, refs.carried);
    // At an interface endpoint, name the endpoint (its groups are in the rule), as users think of it.
    return [endpoint ? stop(trace, dst, endpoint.id, "interface-endpoint", rb) : stop(trace, dst, sgId, "security-group", rb)];
  }
  const unmodelled = endpoint && unmodelledEndpoint(endpoint);
  if (unmodelled) return [stop(trace, dst, endpoint.id, "interface-endpoint", unmodelled)];
  const sgHop = hop(result.allowedBy[0]?.groupId ?? sgId, "security-group", refs.evidence ? [...sgEvidence(result), refs.evidence] : sgEvidence(result));
  const eniHop = eni.privateIps.length > 0 ? knownEniHop(eni) : eniHopWith(eni, `address chosen at apply (${dst.toCidrs().join(", ")})`);
  const hops: Hop[] = [sgHop, eniHop];
  const backHops: Hop[] = [eniHop, statefulHop(sgHop.component)];
  if (endpoint) {
    const { epHop, sink } = endpointHops(eni, endpoint);
    hops.push(epHop, sink);
    backHops.unshift(sink, epHop);
  } else {
    const instance = ctx.index.instanceOfInterface(eni.id);
    const notebook = ctx.index.notebookOfInterface(eni.id);
    if (instance) hops.push(hop(instance.id, "instance", [{ kind: "association", ref: instance.id, text: `${eni.id} attached to ${instance.id}` }], instance.name ? { name: instance.name } : {}));
    else if (notebook) hops.push(hop(notebook.id, "notebook", [{ kind: "association", ref: notebook.id, text: `${eni.id} is the ENI of notebook ${notebook.id}` }]));
    const last = hops[hops.length - 1] as Hop;
    if (last !== eniHop) backHops.unshift(last);
  }
  let after = extend(trace, hops, ...backHops.reverse().map((h) => passBack(h)));
  const policy = endpoint ? policyWarning(endpoint) : undefined;
  if (policy) after = warn(after, policy);
  return deliver(after, dst);
}

/** An ENI's hop on delivery, naming its addresses (`addressText`). */
function eniHopWith(eni: NetworkInterface, addressText: string): Hop {
  return hop(eni.id, "network-interface", [{ kind: "association", ref: eni.id, text: `${eni.id} (${eni.interfaceType}) in ${eni.subnetId}, ${addressText}` }], eni.name ? { name: eni.name } : undefined);
}

/** Each ENI's hop on delivery, by ENI, with the fields it was made of (a record changed in place gets a new hop). */
const eniHops = new WeakMap<NetworkInterface, { fields: (string | undefined)[]; hop: Hop }>();

/** An ENI's addresses as its hop names them: each assigned IP, then each delegated prefix once (not its 16 addresses). */
function addressesText(eni: NetworkInterface): string {
  const parts = new Set<string>();
  for (const p of eni.privateIps) parts.add(p.delegatedPrefix ? `prefix ${p.delegatedPrefix}` : p.privateIp);
  return [...parts].join(", ");
}

/** The fields an ENI's delivery hop is made of, in a fixed order. */
function hopFields(eni: NetworkInterface): (string | undefined)[] {
  return [eni.id, eni.interfaceType, eni.subnetId, eni.name, ...eni.privateIps.map((p) => p.privateIp)];
}

/** True when the ENI still has the fields its hop was made of (compared without building them). */
function sameHopFields(fields: (string | undefined)[], eni: NetworkInterface): boolean {
  if (fields.length !== 4 + eni.privateIps.length || fields[0] !== eni.id || fields[1] !== eni.interfaceType || fields[2] !== eni.subnetId || fields[3] !== eni.name) return false;
  for (let i = 0; i < eni.privateIps.length; i++) if (fields[4 + i] !== eni.privateIps[i]?.privateIp) return false;
  return true;
}

/** The delivery hop of an ENI with known addresses: the same on every walk to it (hops are never modified). */
function knownEniHop(eni: NetworkInterface): Hop {
  const known = eniHops.get(eni);
  if (known && sameHopFields(known.fields, eni)) return known.hop;
  const fields = hopFields(eni);
  const made = eniHopWith(eni, addressesText(eni));
  eniHops.set(eni, { fields, hop: made });
  return made;
}

/** An interface endpoint's hops on delivery to one of its ENIs, with the fields they were made of. */
interface EndpointHops {
  eniId: string;
  endpoint: VpcEndpoint;
  endpointId: string;
  serviceName: string;
  state: string;
  name: string | undefined;
  /** The endpoint's hop. */
  epHop: Hop;
  /** The service reached through it. */
  sink: Hop;
}

/** Each endpoint ENI's delivery hops, by ENI (a record changed in place gets new hops; hops are never modified). */
const endpointHopsOf = new WeakMap<NetworkInterface, EndpointHops>();

/**
 * The hops of a delivery to an interface endpoint's ENI: the same on every walk to it.
 *
 * @param eni - the endpoint's ENI
 * @param endpoint - the interface endpoint it belongs to
 */
function endpointHops(eni: NetworkInterface, endpoint: VpcEndpoint): EndpointHops {
  const known = endpointHopsOf.get(eni);
  if (
    known &&
    known.eniId === eni.id &&
    known.endpoint === endpoint &&
    known.endpointId === endpoint.id &&
    known.serviceName === endpoint.serviceName &&
    known.state === endpoint.state &&
    known.name === endpoint.name
  ) {
    return known;
  }
  const service = shortServiceName(endpoint.serviceName);
  const made: EndpointHops = {
    eniId: eni.id,
    endpoint,
    endpointId: endpoint.id,
    serviceName: endpoint.serviceName,
    state: endpoint.state,
    name: endpoint.name,
    epHop: hop(endpoint.id, "interface-endpoint", [{ kind: "association", ref: endpoint.id, text: `${eni.id} belongs to interface endpoint ${endpoint.id} for ${endpoint.serviceName} (${endpoint.state})` }], endpoint.name ? { name: endpoint.name } : {}),
    sink: hop(serviceNode(service), "aws-service", [{ kind: "implicit", ref: endpoint.id, text: `${endpoint.serviceName} through PrivateLink` }]),
  };
  endpointHopsOf.set(eni, made);
  return made;
}

/** The ingress evaluation, and what became of group references on the way (see `groupReferences`). */
type References =
  | { result: SgResult; carried: boolean; lost?: RuleBlock; evidence?: Evidence }
  | { unknown: RuleBlock };

/**
 * Evaluates the receiving ENI's groups inbound, deciding whether its group-reference rules can
 * match the sender: never after a NAT gateway; after a transit gateway, as its
 * SecurityGroupReferencingSupport options and AWS's limits say (rules/transit-gateway-sg-referencing.ts),
 * asked only when a reference would change the answer.
 */
function groupReferences(env: Env, trace: Trace, groups: SecurityGroup[], eni: NetworkInterface, endpoint: VpcEndpoint | undefined): References {
  const sender = withSenderGroups(env.ctx, env.src.groupIds, trace.clientSet);
  const evaluate = (carried: boolean) => evaluateSecurityGroups(groups, "ingress", env.cls, trace.srcSet, sender, carried);
  if (!trace.preservesGroups || !trace.tgw) return { result: evaluate(trace.preservesGroups), carried: trace.preservesGroups };
  const without = evaluate(false);
  const carried = evaluate(true);
  if (carried.allowed.subtract(without.allowed).isEmpty()) return { result: without, carried: false };
  const decision = tgwGroupReferencing(referencingCase(env, trace.tgw, trace, eni, endpoint));
  if (decision.holds === true) return { result: carried, carried: true, evidence: decision.evidence };
  const groupText = groups.map((g) => g.id).join(", ");
  const rb = referencingBlock(decision.block, groupText, trace.srcText, trace.tgw.tgwId, decision.holds === "unknown");
  return decision.holds === false ? { result: without, carried: false, lost: rb } : { unknown: rb };
}

/** What the transit gateway referencing rule needs to know of this delivery. */
function referencingCase(env: Env, crossing: TgwCrossing, trace: Trace, eni: NetworkInterface, endpoint: VpcEndpoint | undefined): TgwReferencingCase {
  const { model, index } = env.ctx;
  const source = model.transitGatewayAttachments.get(crossing.sourceAttachmentId);
  const destination = model.transitGatewayAttachments.get(crossing.attachmentId);
  const subnetsOf = (a: TransitGatewayAttachment | undefined) => (a?.subnetIds ?? []).flatMap((id) => model.subnets.get(id) ?? []);
  const vpcIds = new Set([source?.resourceId, destination?.resourceId].filter((id) => id !== undefined));
  const efs = eni.description.startsWith("EFS mount target");
  return {
    tgwId: crossing.tgwId,
    tgw: model.transitGateways.get(crossing.tgwId),
    source,
    destination,
    crossings: trace.tgwHops,
    peeringAfter: trace.peering,
    exitSubnet: model.subnets.get(crossing.entrySubnetId),
    attachmentSubnets: [...subnetsOf(source), ...subnetsOf(destination)],
    vpcSubnets: [...vpcIds].flatMap((id) => index.subnetsOfVpc(id)),
    receiver: endpoint ? { kind: "endpoint" } : efs ? { kind: "efs", groups: eni.securityGroupIds.flatMap((id) => env.ctx.group(id) ?? []) } : { kind: "other" },
  };
}

/**
 * The block when no inbound rule admits the sender: a reference a NAT gateway made useless, a
 * reference to another Region's group, missing prefix-list entries, no rules, or no matching rule.
 */
function sgBlock(env: Env, trace: Trace, groups: SecurityGroup[], groupIds: string[], eni: NetworkInterface, dst: IntervalSet, result: SgResult, endpoint: VpcEndpoint | undefined, carried: boolean): RuleBlock {
  const asClient = trace.preservesGroups ? undefined : evaluateSecurityGroups(groups, "ingress", env.cls, trace.clientSet, env.ctx, true);
  const lostRef = asClient !== undefined && asClient.allowedBy.some((r) => r.peer.kind === "security-group");
  const clientGroup = env.src.groupIds[0];
  const peer = carried && clientGroup ? clientGroup : trace.srcSet.toCidrs().join(", ");
  const sgId = groupIds[0] ?? "(none)";
  if (result.unresolved.length === 0 && result.crossRegion.length > 0) return crossRegionBlock(groupIds, result.crossRegion, env.ctx.groupRegion, `${what(env, dst)} from ${trace.srcText}`, "ingress");
  return {
    code: result.unresolved.length > 0 ? "MISSING_DATA" : lostRef ? "SG_REFERENCES_NOT_PRESERVED" : result.noRules ? "SG_HAS_NO_RULES" : "ENI_SG_RULES_MISMATCH",
    message: lostRef
      ? `${groupIds.join(", ")} allow ${trace.srcText} only by group reference, and the NAT gateway does not preserve the client's group`
      : `no inbound rule of ${groupIds.join(", ")} on ${eni.id}${endpoint ? ` (${endpoint.id})` : ""} allows ${what(env, dst)} from ${trace.srcText}`,
    rule: { kind: "implicit", ref: `${groupIds.join(",")} ingress`, text: `${groupIds.join(", ")}: no ingress rule matches ${trace.srcText}` },
    fix: sgFix(sgId, "ingress", env.cls, peer),
    unknown: result.unresolved.length > 0,
  };
}
