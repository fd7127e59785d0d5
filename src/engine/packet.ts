/**
 * The packet sets the engine carries along a path. Each query has one protocol and at most one
 * destination port, so the set dimension that varies is the destination (and, for replies, source)
 * address set; source ports are the client's ephemeral range, which stateless filters must admit
 * in full on the way back.
 */
import { IntervalSet, PUBLIC_IPV4, protocolName, type PacketProtocol } from "../net/index.js";
import type { PacketHeader } from "./verdict.js";
import type { Protocol } from "../model/types.js";

/** ICMP types the engine uses: a query with protocol icmp is an echo request, answered by an echo reply. */
export const ICMP_ECHO_REQUEST = 8;
export const ICMP_ECHO_REPLY = 0;

/** What a filter rule is matched against besides addresses: protocol, ports (tcp/udp), ICMP type. */
export interface PacketClass {
  protocol: PacketProtocol;
  /** Destination ports of the packets (tcp/udp only). */
  ports: IntervalSet | undefined;
  /** ICMP type (icmp only). */
  icmpType: number | undefined;
}

/**
 * The packet class of forward packets of a query.
 *
 * @param protocol - the query protocol
 * @param port - the destination port (tcp/udp) or null
 */
export function forwardClass(protocol: PacketProtocol, port: number | null): PacketClass {
  if (protocol === "tcp" || protocol === "udp") return { protocol, ports: IntervalSet.range(port ?? 0, port ?? 65535), icmpType: undefined };
  if (protocol === "icmp") return { protocol, ports: undefined, icmpType: ICMP_ECHO_REQUEST };
  return { protocol, ports: undefined, icmpType: undefined };
}

/**
 * The packet class of the replies: destination ports become the client's source ports.
 *
 * @param forward - the forward class
 * @param clientPorts - the source ports the client (or the NAT gateway) used
 */
export function replyClass(forward: PacketClass, clientPorts: IntervalSet): PacketClass {
  if (forward.protocol === "tcp" || forward.protocol === "udp") return { protocol: forward.protocol, ports: clientPorts, icmpType: undefined };
  if (forward.protocol === "icmp") return { protocol: "icmp", ports: undefined, icmpType: ICMP_ECHO_REPLY };
  return forward;
}

/**
 * A Reachability-Analyzer-style header.
 *
 * @param cls - protocol and destination ports
 * @param source - source addresses
 * @param sourcePorts - source ports (tcp/udp)
 * @param destination - destination addresses
 */
export function header(cls: PacketClass, source: IntervalSet, sourcePorts: IntervalSet | undefined, destination: IntervalSet): PacketHeader {
  const ports = cls.protocol === "tcp" || cls.protocol === "udp";
  return {
    protocol: protocolName(cls.protocol),
    sourceAddresses: summarize(source),
    destinationAddresses: summarize(destination),
    sourcePorts: ports && sourcePorts ? sourcePorts.toRanges() : [],
    destinationPorts: ports && cls.ports ? cls.ports.toRanges() : [],
  };
}

/**
 * CIDR list of a set, shortened for display when it is long. A long list of public ranges (the
 * internet, less a few AWS prefix lists) is named as such: two hundred CIDRs help nobody.
 *
 * @param set - the addresses
 * @param limit - how many CIDRs to list before shortening
 */
export function summarize(set: IntervalSet, limit = 8): string[] {
  const cidrs = set.toCidrs();
  if (cidrs.length <= limit) return cidrs;
  const publicName = publicNameOf(set, cidrs.length);
  if (publicName !== undefined) return [publicName];
  return [...cidrs.slice(0, limit), `… (${cidrs.length - limit} more)`];
}

/** `publicNameOf` by set (sets are immutable): a walk prints the same internet set in every header it builds. */
const publicNames = new WeakMap<IntervalSet, string | null>();

/** The name of a set of public addresses only, else undefined; remembered per set (the test allocates a set as large as the input). */
function publicNameOf(set: IntervalSet, ranges: number): string | undefined {
  let name = publicNames.get(set);
  if (name === undefined) {
    name = set.subtract(PUBLIC_IPV4).isEmpty() ? (set.equals(PUBLIC_IPV4) ? "all public IPv4 addresses" : `public IPv4 addresses (${ranges} ranges)`) : null;
    publicNames.set(set, name);
  }
  return name ?? undefined;
}

/**
 * A model protocol (`{ number }` for other protocols) as a packet protocol.
 *
 * @param protocol - the protocol of a rule in the model
 */
export function ruleProtocol(protocol: Protocol): PacketProtocol {
  return typeof protocol === "object" ? protocol.number : protocol;
}
