/**
 * Hop `nat-gateway`: a route chose a NAT gateway. Its checks (rules/nat-gateway.ts), its subnet's
 * NACL inbound for the client's packets, the source translation to its private IP and ports
 * 1024–65535, then onward from the NAT's own subnet (NACL outbound and route table); the replies are
 * translated back and leave the NAT subnet through its NACL towards the client.
 */
import { IntervalSet, NAT_EPHEMERAL_PORTS, parseIpv4 } from "../../net/index.js";
import { replyClass } from "../packet.js";
import { allowEvidence, evaluateNacl, naclBlock } from "../rules/network-acl.js";
import { checkNatGateway, natAddress } from "../rules/nat-gateway.js";
import { missingResource } from "../rules/missing-data.js";
import { extend, hop, retrace, stop, type ReturnStep, type Trace } from "../trace.js";
import type { Evidence, Hop } from "../verdict.js";
import type { NatGateway, NetworkAcl, Subnet } from "../../model/types.js";
import { coverage, headerFor, naclOf, partialSource, repliesLeaveThrough, what } from "./shared.js";
import type { Handler } from "./step.js";
import { withTgwReturn } from "./transit-gateway-return.js";

/** Through a NAT gateway, then onward from its subnet. */
export const throughNat: Handler<"nat-gateway"> = (env, trace, { fromSubnet, natId, dst }, next) => {
  const { ctx, cls } = env;
  const nat = ctx.model.natGateways.get(natId);
  if (!nat) return [stop(trace, dst, natId, "nat-gateway", missingResource(ctx.model, fromSubnet.scope, "natGateways", natId, ctx.index.routeTableOfSubnet(fromSubnet.id)?.value.id ?? fromSubnet.id))];
  if (trace.nats.includes(natId)) {
    return [stop(trace, dst, natId, "nat-gateway", { code: "NO_POSSIBLE_DESTINATION", message: `traffic loops back to ${natId}`, rule: { kind: "implicit", ref: natId, text: "routing loop through the NAT gateway" }, fix: `route 0.0.0.0/0 of ${nat.subnetId}'s route table to an internet gateway` })];
  }
  const bad = checkNatGateway(nat, trace.vpcId, trace.subnetId, trace.az, cls.protocol);
  if (bad) return [stop(trace, dst, natId, "nat-gateway", bad)];
  const natSubnet = nat.subnetId ? ctx.model.subnets.get(nat.subnetId) : undefined;
  if (!natSubnet) return [stop(trace, dst, natId, "nat-gateway", missingResource(ctx.model, nat.scope, "subnets", nat.subnetId ?? "(subnet)", natId))];
  const found = naclOf(env, natSubnet);
  if (!("acl" in found)) return [stop(trace, dst, natSubnet.id, "subnet", found)];
  const { acl, how } = found;
  // The NAT subnet's NACL sees the client's packets inbound (source = client).
  const inbound = evaluateNacl(acl, false, cls, trace.srcSet);
  const cov = coverage(inbound.allowed, trace.srcSet);
  if (cov === "partial") return [stop(trace, dst, acl.id, "network-acl", partialSource(trace, acl.id, inbound.allowed))];
  if (cov === "none") {
    return [
      stop(trace, dst, acl.id, "network-acl", naclBlock(acl.id, inbound, false, cls, `${what(env, dst)} from ${trace.srcText} on its way to ${natId}`, trace.srcSet.toCidrs().join(", "))),
    ];
  }
  const facts = natFacts(nat, natId, natSubnet);
  const { address, natSet, state } = facts;
  const details = ["NGW_SOURCE_ADDRESS_REASSIGN", "REMAP_EPHEMERAL_PORT"];
  if (trace.az && natSubnet.availabilityZone !== trace.az) details.push("AVAILABILITY_ZONE_CROSSED");
  const subnetHop = natSubnetHop(facts, acl, how);
  const aclHop = hop(acl.id, "network-acl", allowEvidence(acl.id, inbound));
  const natHop = hop(
    natId,
    "nat-gateway",
    [
      state,
      { kind: "translation", ref: natId, text: `source ${trace.srcText} → ${address.privateIp ?? natSubnet.cidr}, ports → 1024-65535` },
    ],
    {
      ...(nat.name ? { name: nat.name } : {}),
      inbound: headerFor(env, cls, trace.srcSet, trace.srcPorts, dst),
      outbound: headerFor(env, cls, natSet, NAT_EPHEMERAL_PORTS, dst),
      details,
    },
  );
  const clientSet = trace.srcSet;
  const reply = replyClass(cls, trace.srcPorts);
  // Replies: NAT → client leave the NAT subnet through its NACL outbound (destination = client).
  const replyOut = repliesLeaveThrough(acl, reply, clientSet, trace.srcText, () => `the replies from ${natId} to ${clientSet.toCidrs().join(", ")}`);
  const natReply = replyClass(cls, NAT_EPHEMERAL_PORTS);
  const untranslate: ReturnStep = (replies) => ({
    hop: hop(natId, "nat-gateway", [{ kind: "translation", ref: natId, text: `destination ${address.privateIp ?? "NAT"} → ${trace.srcText} (connection tracking)` }], {
      ...(nat.name ? { name: nat.name } : {}),
      inbound: headerFor(env, natReply, replies, cls.ports, natSet),
      outbound: headerFor(env, reply, replies, cls.ports, clientSet),
    }),
    allowed: replies,
  });
  // Clients behind a transit gateway (centralized egress): the replies go back to it from the NAT's subnet.
  const translated = extend(withTgwReturn(env, natSubnet, trace), [subnetHop, aclHop, natHop], replyOut, untranslate);
  const after: Trace = retrace(translated, {
    srcSet: natSet,
    srcText: `${address.privateIp ?? natSubnet.cidr} (${natId})`,
    srcPorts: NAT_EPHEMERAL_PORTS,
    publicIp: address.publicIp,
    notebookEni: false,
    preservesGroups: false,
    subnetId: natSubnet.id,
    az: natSubnet.availabilityZone,
    nats: [...trace.nats, natId],
    privateNat: nat.connectivityType === "private" ? natId : undefined,
    tgw: undefined,
  });
  return next(after, { kind: "leave-subnet", subnet: natSubnet, dst });
};

/** What every walk through a NAT gateway reads of it the same way, by gateway (the address set is immutable, evidence never modified). */
const factsOfNat = new WeakMap<NatGateway, NatFacts>();

/** What every walk through a NAT gateway reads of it the same way. */
interface NatFacts {
  natId: string;
  subnet: Subnet;
  address: ReturnType<typeof natAddress>;
  natSet: IntervalSet;
  state: Evidence;
  /** The hop of its subnet as the last walk's NACL association showed it (the association may differ between models). */
  subnetHop: { acl: NetworkAcl; how: string; hop: Hop } | undefined;
}

/**
 * The NAT gateway's subnet hop (it holds the gateway and uses its NACL): built once per gateway,
 * subnet and association.
 *
 * @param facts - the gateway's facts (its id and subnet)
 * @param acl - the subnet's NACL
 * @param how - how the NACL is associated
 */
function natSubnetHop(facts: NatFacts, acl: NetworkAcl, how: string): Hop {
  const known = facts.subnetHop;
  if (known && known.acl === acl && known.how === how) return known.hop;
  const { natId, subnet } = facts;
  const made = hop(subnet.id, "subnet", [{ kind: "association", ref: subnet.id, text: `${subnet.id} (${subnet.cidr}, ${subnet.availabilityZone}) holds ${natId}, uses ${acl.id} (${how})` }]);
  facts.subnetHop = { acl, how, hop: made };
  return made;
}

/**
 * A NAT gateway's address, its translated source set (its private IP, else its subnet) and its state
 * evidence, built once per gateway and subnet: the same set each time also keeps the set's printed
 * forms, computed once.
 *
 * @param nat - the NAT gateway
 * @param natId - the id the route names it by
 * @param natSubnet - its subnet
 */
function natFacts(nat: NatGateway, natId: string, natSubnet: Subnet): NatFacts {
  let facts = factsOfNat.get(nat);
  if (!facts || facts.natId !== natId || facts.subnet !== natSubnet) {
    const address = natAddress(nat);
    const natIp = address.privateIp ? parseIpv4(address.privateIp) : undefined;
    const natSet = natIp !== undefined ? IntervalSet.range(natIp, natIp) : IntervalSet.ofCidr(natSubnet.cidr);
    const state: Evidence = { kind: "state", ref: natId, text: `${natId} ${nat.state}, ${nat.connectivityType}${address.publicIp ? `, EIP ${address.publicIp}` : ""}` };
    facts = { natId, subnet: natSubnet, address, natSet, state, subnetHop: undefined };
    factsOfNat.set(nat, facts);
  }
  return facts;
}
