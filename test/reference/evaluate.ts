/**
 * The reference evaluator: one concrete packet, walked hop by hop through AWS's rules as
 * `shared/research/aws-semantics.md` states them, forward and back. It shares no code with the
 * engine (only the model types, `indexModel` and the loader), so the property tests can compare two
 * independent readings of the same rules.
 *
 * Forward: source ENI security groups → (same subnet: straight to the ENI) → source subnet NACL →
 * route table → internet gateway | NAT gateway | gateway endpoint | peering | local → destination
 * subnet NACL → destination ENI (security groups, or the interface endpoint, or a NAT's refusal).
 * Return: the reply walked the same way from where the request ended, security groups skipped
 * (stateful), NACLs checked again with the real reply ports, NAT translation undone.
 * Data the snapshot lacks (a prefix list's entries) is reasoned about by cases (assume.ts).
 */
import type { Model, NetworkInterface } from "../../src/model/types.js";
import { indexModel, type ModelIndex } from "../../src/model/indexes.js";
import { anyCidrContains } from "./ipv4.js";
import { enterFromInternet, sendFromInterface, throughManagedNetwork, vpcOf, arriveInVpc, refuseAsymmetricReturn, type Arrival } from "./hops.js";
import { explore, type Assumed } from "./assume.js";
import { reverse, showPacket, step, Stop, unmodeled, type Packet, type RefOutcome, type RefProtocol, type Walk } from "./walk.js";
import { placeStudioApp, studioDomainOf, throughDomainSubnet, type StudioApp } from "./studio.js";

export type { Packet, RefOutcome, RefProtocol } from "./walk.js";

/** One question for the reference: a source, one destination address and port, and the ports picked by the client and any NAT. */
export interface RefQuery {
  /** A notebook name, `notebook/NAME`, `eni-…`, `i-…`, or a Studio domain (`domain/NAME`, `d-…`: one of its apps). */
  from: string;
  dstIp: string;
  protocol: RefProtocol;
  /** Destination port (ignored for ICMP, which sends an echo request). */
  dstPort: number;
  /** The client's source port (Linux picks 32768–60999). */
  clientPort: number;
  /** The source port a NAT gateway on the path picks (1024–65535). */
  natPort: number;
}

/** The source as an ENI (and, for a notebook with direct internet access, the notebook). */
interface Source {
  /** Undefined for a notebook launched without a VPC (direct internet access only). */
  eni: NetworkInterface | undefined;
  ip: string | undefined;
  directInternetNotebook: boolean;
  /** A Studio app (its interface is in the walk's model). */
  app?: StudioApp;
}

function resolveSource(walk: Walk, from: string): Source {
  const domain = studioDomainOf(walk.model, from);
  if (domain) {
    const app = placeStudioApp(walk, domain);
    return { eni: app.eni, ip: app.ip, directInternetNotebook: app.publicInternet, app };
  }
  const { model } = walk;
  const notebookName = from.startsWith("notebook/") ? from.slice("notebook/".length) : from;
  const notebook = model.notebooks.get(notebookName);
  let eniId: string | undefined;
  let ip: string | undefined;
  if (notebook && !from.startsWith("eni-") && !from.startsWith("i-")) {
    eniId = notebook.networkInterfaceId;
    if (!eniId && notebook.directInternetAccess && !notebook.subnetId) return { eni: undefined, ip: undefined, directInternetNotebook: true };
    if (!eniId) unmodeled(walk, notebook.id, `notebook ${notebook.id} has no ENI in a customer subnet`);
  } else if (from.startsWith("i-")) {
    const instance = model.instances.get(from);
    if (!instance) unmodeled(walk, from, `instance ${from} is not in the snapshot`);
    eniId = instance.networkInterfaceIds.find((id) =>
      model.networkInterfaces.get(id)?.privateIps.some((a) => a.privateIp === instance.privateIp),
    ) ?? instance.networkInterfaceIds[0];
    ip = instance.privateIp;
  } else {
    eniId = from;
  }
  const eni = eniId ? model.networkInterfaces.get(eniId) : undefined;
  if (!eni) unmodeled(walk, from, `source ENI ${eniId ?? "?"} is not in the snapshot`);
  ip ??= (eni.privateIps.find((a) => a.primary) ?? eni.privateIps[0])?.privateIp;
  if (!ip) unmodeled(walk, eni.id, `${eni.id} has no private IPv4 address`);
  // A notebook's ENI named by id still carries the notebook's traffic (the customer-subnet ENI is the notebook's).
  const owner = walk.index.notebookOfInterface(eni.id);
  const direct = owner !== undefined && owner.directInternetAccess;
  return { eni, ip, directInternetNotebook: direct };
}

function replyFrom(walk: Walk, arrival: Arrival): void {
  const reply = reverse(arrival.packet);
  step(walk, `reply ${showPacket(reply)}`);
  switch (arrival.kind) {
    case "eni":
      sendFromInterface(walk, arrival.eni, reply);
      return;
    case "internet":
      enterFromInternet(walk, reply);
      return;
    case "service":
      step(walk, `gateway endpoint ${arrival.endpointId} returns the reply into ${arrival.vpc.id}`);
      // A request a transit gateway routed back into its own VPC: the reply does not go back through it.
      refuseAsymmetricReturn(walk, arrival.vpc, arrival.endpointId, { kind: "gateway-endpoint", id: arrival.endpointId }, "enters");
      arriveInVpc(walk, arrival.vpc, reply);
      return;
    case "sagemaker-managed-network":
      step(walk, "the SageMaker-managed network returns the reply");
      return;
  }
}

function firstPacket(query: Pick<RefQuery, "protocol" | "dstIp" | "dstPort" | "clientPort">, srcIp: string): Packet {
  if (query.protocol === "icmp") {
    return { protocol: "icmp", srcIp, srcPort: 0, dstIp: query.dstIp, dstPort: 0, icmp: { type: 8, code: 0 } };
  }
  if (typeof query.protocol !== "string") return { protocol: query.protocol, srcIp, srcPort: 0, dstIp: query.dstIp, dstPort: 0 };
  return { protocol: query.protocol, srcIp, srcPort: query.clientPort, dstIp: query.dstIp, dstPort: query.dstPort };
}

function reachedOf(arrival: Arrival): { reached: string; reachedKind: Exclude<RefOutcome, { kind: "dropped" | "unmodeled" }>["reachedKind"] } {
  switch (arrival.kind) {
    case "eni":
      return { reached: arrival.eni.id, reachedKind: "eni" };
    case "internet":
      return { reached: "internet", reachedKind: "internet" };
    case "service":
      return { reached: arrival.endpointId, reachedKind: "service" };
    case "sagemaker-managed-network":
      return { reached: "sagemaker-managed-network", reachedKind: "sagemaker-managed-network" };
  }
}

/**
 * Walks one packet and its reply.
 *
 * @param model - the network
 * @param query - source, destination, protocol, ports
 * @param index - the model's index (built when omitted)
 * @returns delivered (and where), dropped (where, code, reason) or unmodeled (why), with the trace
 */
export function evaluatePacket(model: Model, query: RefQuery, index: ModelIndex = indexModel(model)): RefOutcome {
  return explore((assumptions) => walkPacket(model, query, index, assumptions));
}

function walkPacket(model: Model, query: RefQuery, index: ModelIndex, assumptions: ReadonlyMap<string, Assumed>): RefOutcome {
  const walk: Walk = { model, index, direction: "forward", steps: [], origin: undefined, natPort: query.natPort, natSessions: [], assumptions };
  try {
    const source = resolveSource(walk, query.from);
    let arrival: Arrival;
    if (!source.eni || !source.ip) {
      // A notebook without a VPC: everything goes through the SageMaker-managed network.
      arrival = throughManagedNetwork(walk, firstPacket(query, "0.0.0.0"));
    } else {
      const packet = firstPacket(query, source.ip);
      if (source.eni.privateIps.some((a) => a.privateIp === query.dstIp)) unmodeled(walk, source.eni.id, "the source sends to itself");
      walk.origin = { kind: "eni", eni: source.eni, packet };
      const vpc = vpcOf(walk, source.eni.vpcId);
      const inVpc = anyCidrContains(vpc.cidrs, query.dstIp);
      // A PublicInternetOnly Studio app: only its EFS traffic is documented through its VPC (studio.ts).
      const viaManaged = source.directInternetNotebook && (!inVpc || (source.app !== undefined && !throughDomainSubnet(walk, source.app, packet)));
      arrival = viaManaged ? throughManagedNetwork(walk, packet) : sendFromInterface(walk, source.eni, packet);
    }
    walk.direction = "return";
    replyFrom(walk, arrival);
    return { kind: "delivered", ...reachedOf(arrival), steps: walk.steps };
  } catch (error) {
    if (error instanceof Stop) return error.outcome;
    throw error;
  }
}

/** A connection opened from a host on the internet. */
export interface InboundQuery {
  srcIp: string;
  /** A public IP of the network. */
  dstIp: string;
  protocol: RefProtocol;
  dstPort: number;
  srcPort: number;
}

/**
 * Walks a packet sent from the internet to a public IP of the network, and its reply.
 *
 * @param model - the network
 * @param query - the internet host, the public IP, protocol and ports
 * @param index - the model's index (built when omitted)
 */
export function evaluateFromInternet(model: Model, query: InboundQuery, index: ModelIndex = indexModel(model)): RefOutcome {
  return explore((assumptions) => walkFromInternet(model, query, index, assumptions));
}

function walkFromInternet(model: Model, query: InboundQuery, index: ModelIndex, assumptions: ReadonlyMap<string, Assumed>): RefOutcome {
  const walk: Walk = { model, index, direction: "forward", steps: [], origin: undefined, natPort: 0, natSessions: [], assumptions };
  try {
    const packet = firstPacket({ ...query, clientPort: query.srcPort }, query.srcIp);
    walk.origin = { kind: "internet", packet };
    const arrival = enterFromInternet(walk, packet);
    walk.direction = "return";
    replyFrom(walk, arrival);
    return { kind: "delivered", ...reachedOf(arrival), steps: walk.steps };
  } catch (error) {
    if (error instanceof Stop) return error.outcome;
    throw error;
  }
}
