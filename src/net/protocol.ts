/**
 * IP protocols as AWS names them (`tcp`, `udp`, `icmp`, `-1` for all, or a number) and the port
 * ranges that matter for stateless filtering of replies (ephemeral ports).
 */
import { IntervalSet } from "./interval-set.js";

/** IANA protocol numbers of the protocols AWS rules name. */
export const PROTOCOL_NUMBERS = { icmp: 1, tcp: 6, udp: 17 } as const;

/** The protocol of a packet set: one named protocol, another IP protocol number, or every protocol. */
export type PacketProtocol = "tcp" | "udp" | "icmp" | "all" | number;

/**
 * Reads an AWS `IpProtocol` / NACL `Protocol` value.
 *
 * @param value - `tcp`, `udp`, `icmp`, `-1`, `all`, or a protocol number as text or number
 * @returns the protocol, or undefined when not understood
 */
export function parseProtocol(value: string | number): PacketProtocol | undefined {
  const text = String(value).toLowerCase();
  if (text === "-1" || text === "all") return "all";
  if (text === "tcp" || text === "6") return "tcp";
  if (text === "udp" || text === "17") return "udp";
  if (text === "icmp" || text === "1") return "icmp";
  if (/^[0-9]{1,3}$/.test(text) && Number(text) <= 255) return Number(text);
  return undefined;
}

/**
 * Display name: `tcp`, `udp`, `icmp`, `all`, or `proto-N`.
 *
 * @param protocol - the protocol
 */
export function protocolName(protocol: PacketProtocol): string {
  return typeof protocol === "number" ? `proto-${protocol}` : protocol;
}

/**
 * True when a rule for `ruleProtocol` covers every packet of `packetProtocol`.
 *
 * @param ruleProtocol - the protocol a rule names
 * @param packetProtocol - the protocol of the packets
 */
export function protocolCovers(ruleProtocol: PacketProtocol, packetProtocol: PacketProtocol): boolean {
  return ruleProtocol === "all" || ruleProtocol === packetProtocol;
}

/**
 * True when a rule for `ruleProtocol` applies to at least some packets of `packetProtocol`.
 *
 * @param ruleProtocol - the protocol a rule names
 * @param packetProtocol - the protocol of the packets
 */
export function protocolOverlaps(ruleProtocol: PacketProtocol, packetProtocol: PacketProtocol): boolean {
  return ruleProtocol === "all" || packetProtocol === "all" || ruleProtocol === packetProtocol;
}

/** True for protocols that carry ports (tcp and udp). */
export function hasPorts(protocol: PacketProtocol): boolean {
  return protocol === "tcp" || protocol === "udp";
}

/** Ephemeral source ports a Linux client uses (net.ipv4.ip_local_port_range default). */
export const LINUX_EPHEMERAL_PORTS = IntervalSet.range(32768, 60999);

/** Source ports a NAT gateway maps connections to. */
export const NAT_EPHEMERAL_PORTS = IntervalSet.range(1024, 65535);
