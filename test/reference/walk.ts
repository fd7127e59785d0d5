/**
 * The reference evaluator's vocabulary: a concrete packet, the walk that carries it (direction,
 * trace, NAT sessions), and the three ways a walk ends — delivered, dropped at a component with a
 * reason, or "unmodeled" where `shared/research/aws-semantics.md` gives no answer.
 *
 * Ending a walk throws a `Stop`, so each step reads as a straight list of checks.
 */
import type { Model } from "../../src/model/types.js";
import type { ModelIndex } from "../../src/model/indexes.js";
import type { NetworkInterface, Subnet, TransitGatewayAttachment } from "../../src/model/types.js";
import type { Assumed } from "./assume.js";

/** The protocols the reference walks; any other IP protocol by number (e.g. `{ number: 107 }`). */
export type RefProtocol = "tcp" | "udp" | "icmp" | { number: number };

const NUMBERS: Record<string, number> = { icmp: 1, tcp: 6, udp: 17 };

/** The IP protocol number of a packet's protocol. */
export function protocolNumberOf(protocol: RefProtocol): number {
  return typeof protocol === "string" ? NUMBERS[protocol]! : protocol.number;
}

/** One concrete IPv4 packet. For ICMP the ports are 0 and `icmp` holds the type and code. */
export interface Packet {
  protocol: RefProtocol;
  srcIp: string;
  srcPort: number;
  dstIp: string;
  dstPort: number;
  icmp?: { type: number; code: number };
}

/** The reply to `packet`: addresses and ports swapped; an ICMP echo request (8) becomes an echo reply (0). */
export function reverse(packet: Packet): Packet {
  const reply: Packet = {
    protocol: packet.protocol,
    srcIp: packet.dstIp,
    srcPort: packet.dstPort,
    dstIp: packet.srcIp,
    dstPort: packet.srcPort,
  };
  if (packet.icmp) reply.icmp = { type: packet.icmp.type === 8 ? 0 : packet.icmp.type, code: packet.icmp.code };
  return reply;
}

/** Renders a packet as `tcp 10.0.1.5:40000 → 8.8.8.8:443`. */
export function showPacket(packet: Packet): string {
  if (packet.protocol === "icmp") return `icmp ${packet.srcIp} → ${packet.dstIp} type ${packet.icmp?.type ?? "?"}`;
  if (typeof packet.protocol !== "string") return `protocol ${packet.protocol.number} ${packet.srcIp} → ${packet.dstIp}`;
  return `${packet.protocol} ${packet.srcIp}:${packet.srcPort} → ${packet.dstIp}:${packet.dstPort}`;
}

export type Direction = "forward" | "return";

/** Where the forward packet ended up. */
export type ReachedKind = "eni" | "internet" | "service" | "sagemaker-managed-network";

export type RefOutcome =
  | {
      kind: "delivered";
      reached: string;
      reachedKind: ReachedKind;
      steps: string[];
      /** Data missing from the snapshot that every possible value of leaves this verdict unchanged (see assume.ts). */
      assumed?: string[];
    }
  | { kind: "dropped"; direction: Direction; component: string; code: string; reason: string; steps: string[]; assumed?: string[] }
  | {
      kind: "unmodeled";
      direction: Direction;
      component: string;
      reason: string;
      /** True when the answer is unknown because data is missing from the snapshot (the engine must say `unknown`). */
      missingData: boolean;
      /** True when the answer depends on a choice AWS makes at run time (see assume.ts): only `unknown` is right. */
      undetermined?: true;
      steps: string[];
    };

/** A translation a NAT gateway made on the forward path, so the reply can be translated back. */
export interface NatSession {
  natId: string;
  natIp: string;
  natPort: number;
  clientIp: string;
  clientPort: number;
}

/** The state of one evaluation. */
export interface Walk {
  model: Model;
  index: ModelIndex;
  direction: Direction;
  steps: string[];
  /** Who sent the request (an ENI, or a host on the internet) and the request as it left; the reply must come back to them. */
  origin: { kind: "eni"; eni: NetworkInterface; packet: Packet } | { kind: "internet"; packet: Packet } | undefined;
  /** The source port the NAT gateway picks (1024–65535); the caller samples it. */
  natPort: number;
  natSessions: NatSession[];
  /** What this walk assumes about data the snapshot lacks (see assume.ts). */
  assumptions: ReadonlyMap<string, Assumed>;
  /** The VPC a transit gateway last delivered the packet into (a NAT gateway there serves it: centralized egress). */
  enteredByTransitGateway?: string;
  /** Transit gateway route tables crossed so far (a loop guard). */
  transitGatewayTables?: number;
  /** The transit gateways and peering connections the request crossed between VPCs, in order. */
  crossed?: Crossed[];
  /** The transit gateway or peering connection by which the request entered each VPC it reached that way. */
  enteredBy?: Map<string, string>;
  /**
   * The sender's outbound rule that admitted the request only by naming a security group (no CIDR or
   * prefix-list rule did): it holds within the VPC and over a peering, not over a transit gateway.
   */
  egressByGroupReference?: { groupId: string; permissionIndex: number; referenced: string };
}

/** One crossing between VPCs: by a transit gateway (the attachment the packet left its VPC by, the one it entered by, the gateway that delivered it, the subnet it entered by), or by a peering connection. */
export type Crossed =
  | { kind: "transit-gateway"; from: TransitGatewayAttachment; to: TransitGatewayAttachment; deliveredBy: string; entry: Subnet }
  | { kind: "peering"; id: string };

/** Thrown to end a walk with a drop or an unmodeled verdict. */
export class Stop extends Error {
  constructor(readonly outcome: RefOutcome) {
    super(outcome.kind);
  }
}

/**
 * Records that a check passed.
 *
 * @param walk - the running evaluation
 * @param text - what passed and why
 */
export function step(walk: Walk, text: string): void {
  walk.steps.push(`${walk.direction}: ${text}`);
}

/**
 * Ends the walk: the packet is dropped.
 *
 * @param walk - the running evaluation
 * @param component - the id of the component that drops it
 * @param code - a Reachability Analyzer explanation code (or a short reason tag)
 * @param reason - one sentence
 */
export function drop(walk: Walk, component: string, code: string, reason: string): never {
  throw new Stop({ kind: "dropped", direction: walk.direction, component, code, reason, steps: [...walk.steps] });
}

/**
 * Ends the walk: the rules we hold give no answer here.
 *
 * @param walk - the running evaluation
 * @param component - the id of the component concerned
 * @param reason - what is not modelled
 * @param missingData - true when the cause is data missing from the snapshot rather than an unmodelled rule
 */
export function unmodeled(walk: Walk, component: string, reason: string, missingData = false): never {
  throw new Stop({ kind: "unmodeled", direction: walk.direction, component, reason, missingData, steps: [...walk.steps] });
}
