/**
 * Network ACLs: stateless subnet filters. Entries are evaluated in ascending rule number (whatever the
 * API order), the first entry matching protocol, ports and the peer CIDR decides, and the final `*`
 * entry (32767) denies. Ingress entries match the packet's source, egress entries its destination.
 * Replies need their own allow (ephemeral ports). NACLs cannot name prefix lists, and traffic between
 * two ENIs of one subnet crosses no NACL (the caller skips the check).
 * AWS: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
 */
import { IntervalSet, protocolCovers, protocolName } from "../../net/index.js";
import type { NetworkAcl, NetworkAclEntry } from "../../model/types.js";
import { ruleProtocol, type PacketClass } from "../packet.js";
import type { Evidence } from "../verdict.js";
import { fill, type RuleMeta } from "./meta.js";
import type { RuleBlock } from "./block.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "network-acl",
  docs: {
    description: "Stateless subnet filter: ordered entries, first match wins, default deny, replies need their own allow.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html",
  },
  codes: {
    SUBNET_ACL_RESTRICTION: "{acl} {rule} denies {direction} {what}",
  },
} satisfies RuleMeta;

/** The result of running packets through one direction of a NACL. */
export interface NaclResult {
  /** Peer addresses for which every packet of the class is allowed. */
  allowed: IntervalSet;
  /** Peer addresses for which some packet is denied. */
  denied: IntervalSet;
  /** Entries that allowed some packets (evidence). */
  allowedBy: NetworkAclEntry[];
  /** The first entry that denied some packets (or the implicit default deny). */
  deniedBy: NetworkAclEntry | undefined;
}

interface Box {
  peers: IntervalSet;
  ports: IntervalSet;
}

const ALL_PORTS_BOX = IntervalSet.ALL_PORTS;

const ordered = new WeakMap<NetworkAcl, { ingress: NetworkAclEntry[]; egress: NetworkAclEntry[] }>();

/** Entries of one direction in evaluation order (ascending rule number, whatever the input order). */
function orderedEntries(acl: NetworkAcl, egress: boolean): NetworkAclEntry[] {
  let both = ordered.get(acl);
  if (!both) {
    const sorted = acl.entries.filter((e) => e.cidr !== undefined).sort((a, b) => a.ruleNumber - b.ruleNumber);
    both = { ingress: sorted.filter((e) => !e.egress), egress: sorted.filter((e) => e.egress) };
    ordered.set(acl, both);
  }
  return egress ? both.egress : both.ingress;
}

/** A tcp or udp entry's port range as a set, by entry (every walk past the ACL reads it). */
const portsOfEntry = new WeakMap<NetworkAclEntry, IntervalSet>();

function portsOf(entry: NetworkAclEntry, ports: { from: number; to: number }): IntervalSet {
  let set = portsOfEntry.get(entry);
  if (!set) portsOfEntry.set(entry, (set = IntervalSet.range(ports.from, ports.to)));
  return set;
}

/** How an entry matches the packet class: `all` packets, `none`, or `ports` (a subset of ports). */
function entryPorts(entry: NetworkAclEntry, cls: PacketClass): IntervalSet | undefined {
  if (!protocolCovers(ruleProtocol(entry.protocol), cls.protocol)) {
    // A protocol-specific entry against "all protocols": a deny affects part of the traffic, so it
    // counts as matching; an allow admits only part, so it does not admit "all traffic".
    if (cls.protocol === "all" && entry.action === "deny") return ALL_PORTS_BOX;
    return undefined;
  }
  if (entry.protocol === "tcp" || entry.protocol === "udp") return entry.ports ? portsOf(entry, entry.ports) : ALL_PORTS_BOX;
  if (entry.protocol === "icmp" && cls.icmpType !== undefined && entry.icmp && entry.icmp.type !== -1 && entry.icmp.type !== cls.icmpType) return undefined;
  return ALL_PORTS_BOX;
}

/** A result remembered with what it was computed for. */
interface Remembered {
  egress: boolean;
  cls: PacketClass;
  peers: IntervalSet;
  result: NaclResult;
}

/**
 * The results of each NACL so far, by the first peer address. A NACL record is never changed (a
 * changed NACL is a new record), so its result for the same packets is the same in every model that
 * holds it: the cost alternatives walk the same NACLs for the same notebooks in thousands of designs
 * of one VPC or Region (19 of 20 evaluations on the large synthetic estate repeat one), and evaluating
 * them again allocated a tenth of that run. Results are shared: callers must not change them.
 */
const results = new WeakMap<NetworkAcl, { byFirst: Map<number, Remembered[]>; bySet: WeakMap<IntervalSet, Remembered[]> }>();

/**
 * Peer sets of more intervals than this are remembered by identity only (while the set lives): the
 * internet of a Region is one such set for every model holding the same prefix lists (context.ts), and
 * keeping every large set a walk derives would hold memory for nothing.
 */
const LARGE_SET = 16;

function sameClass(a: PacketClass, b: PacketClass): boolean {
  if (a === b) return true;
  if (a.protocol !== b.protocol || a.icmpType !== b.icmpType) return false;
  return a.ports === b.ports || (a.ports !== undefined && b.ports !== undefined && a.ports.equals(b.ports));
}

/**
 * Runs one direction of a NACL over a set of peer addresses (remembered per NACL record, see `results`).
 *
 * @param acl - the network ACL
 * @param egress - true for outbound entries (peer = destination), false for inbound (peer = source)
 * @param cls - protocol and destination ports of the packets
 * @param peers - the peer addresses
 */
export function evaluateNacl(acl: NetworkAcl, egress: boolean, cls: PacketClass, peers: IntervalSet): NaclResult {
  let remembered = results.get(acl);
  if (!remembered) results.set(acl, (remembered = { byFirst: new Map(), bySet: new WeakMap() }));
  const large = peers.intervalCount() > LARGE_SET;
  const first = peers.min() ?? -1;
  let known = large ? remembered.bySet.get(peers) : remembered.byFirst.get(first);
  if (!known) {
    known = [];
    if (large) remembered.bySet.set(peers, known);
    else remembered.byFirst.set(first, known);
  }
  for (const r of known) if (r.egress === egress && r.peers.equals(peers) && sameClass(r.cls, cls)) return r.result;
  const result = naclResult(acl, egress, cls, peers);
  known.push({ egress, cls, peers, result });
  return result;
}

function naclResult(acl: NetworkAcl, egress: boolean, cls: PacketClass, peers: IntervalSet): NaclResult {
  let remaining: Box[] = [{ peers, ports: cls.ports ?? ALL_PORTS_BOX }];
  let denied = IntervalSet.EMPTY;
  const allowedBy: NetworkAclEntry[] = [];
  let deniedBy: NetworkAclEntry | undefined;
  for (const entry of orderedEntries(acl, egress)) {
    if (remaining.length === 0) break;
    const ports = entryPorts(entry, cls);
    if (!ports) continue;
    const entryPeers = IntervalSet.ofCidr(entry.cidr as string);
    if (entryPeers.isEmpty()) continue;
    // The boxes are copied into a new list only from the first one the entry matches.
    let next: Box[] | undefined;
    for (let i = 0; i < remaining.length; i++) {
      const box = remaining[i] as Box;
      const p = box.peers.intersect(entryPeers);
      const q = box.ports.intersect(ports);
      if (p.isEmpty() || q.isEmpty()) {
        next?.push(box);
        continue;
      }
      next ??= remaining.slice(0, i);
      if (entry.action === "deny") denied = denied.union(p);
      const outsidePeers = box.peers.subtract(entryPeers);
      const outsidePorts = box.ports.subtract(ports);
      if (!outsidePeers.isEmpty()) next.push({ peers: outsidePeers, ports: box.ports });
      if (!outsidePorts.isEmpty()) next.push({ peers: p, ports: outsidePorts });
    }
    if (next) {
      if (entry.action === "allow") allowedBy.push(entry);
      else deniedBy ??= entry;
      remaining = next;
    }
  }
  for (const box of remaining) denied = denied.union(box.peers);
  return { allowed: peers.subtract(denied), denied, allowedBy, deniedBy };
}

/**
 * One line describing an entry, e.g. `acl-0abc rule 100 allow tcp 443 to 0.0.0.0/0 (egress)`.
 *
 * @param acl - the ACL id
 * @param entry - the entry, or undefined for the implicit default deny
 * @param egress - direction, used for the default deny
 */
export function describeEntry(acl: string, entry: NetworkAclEntry | undefined, egress: boolean): string {
  if (!entry) return `${acl} rule * deny all ${egress ? "to" : "from"} 0.0.0.0/0 (${egress ? "egress" : "ingress"})`;
  const proto = protocolName(ruleProtocol(entry.protocol));
  const ports = entry.ports ? (entry.ports.from === entry.ports.to ? ` ${entry.ports.from}` : ` ${entry.ports.from}-${entry.ports.to}`) : "";
  const icmp = entry.icmp && entry.protocol === "icmp" ? ` type ${entry.icmp.type}` : "";
  const rule = entry.ruleNumber === 32767 ? "*" : String(entry.ruleNumber);
  return `${acl} rule ${rule} ${entry.action} ${proto}${ports}${icmp} ${entry.egress ? "to" : "from"} ${entry.cidr} (${entry.egress ? "egress" : "ingress"})`;
}

/**
 * Evidence for the entries that admitted packets.
 *
 * @param acl - the ACL id
 * @param result - the evaluation result
 */
export function allowEvidence(acl: string, result: NaclResult): Evidence[] {
  const { allowedBy } = result;
  if (allowedBy.length === 1) return entryEvidence(acl, allowedBy[0] as NetworkAclEntry);
  return allowedBy.map((e) => entryEvidence(acl, e)[0] as Evidence);
}

/** Each entry's evidence as a list of one, by entry: every walk crossing an ACL names the same entries (evidence is never modified). */
const evidenceOfEntry = new WeakMap<NetworkAclEntry, { acl: string; list: Evidence[] }>();

/** The evidence that `entry` of `acl` admitted packets, as a list of one (built once per entry). */
function entryEvidence(acl: string, entry: NetworkAclEntry): Evidence[] {
  let known = evidenceOfEntry.get(entry);
  if (!known || known.acl !== acl) {
    const evidence: Evidence = { kind: "nacl-entry", ref: `${acl}#${entry.ruleNumber}/${entry.egress ? "egress" : "ingress"}`, text: describeEntry(acl, entry, entry.egress) };
    known = { acl, list: [evidence] };
    evidenceOfEntry.set(entry, known);
  }
  return known.list;
}

/**
 * Evidence for the entry that denied packets.
 *
 * @param acl - the ACL id
 * @param result - the evaluation result
 * @param egress - direction
 */
export function denyEvidence(acl: string, result: NaclResult, egress: boolean): Evidence {
  const e = result.deniedBy;
  return {
    kind: e ? "nacl-entry" : "implicit",
    ref: `${acl}#${e ? e.ruleNumber : "*"}/${egress ? "egress" : "ingress"}`,
    text: describeEntry(acl, e, egress),
  };
}

/**
 * The message for a NACL block.
 *
 * @param acl - the ACL id
 * @param result - the evaluation result
 * @param egress - direction
 * @param what - the packets, e.g. `tcp 443 to 8.8.8.8/32`
 */
export function denyMessage(acl: string, result: NaclResult, egress: boolean, what: string): string {
  return fill(meta.codes.SUBNET_ACL_RESTRICTION, {
    acl,
    rule: result.deniedBy && result.deniedBy.ruleNumber !== 32767 ? `rule ${result.deniedBy.ruleNumber}` : "default rule * (deny all)",
    direction: egress ? "outbound" : "inbound",
    what,
  });
}

/**
 * The concrete fix for a NACL block: a new allow entry numbered below the denying one.
 *
 * @param acl - the ACL id
 * @param result - the evaluation result
 * @param egress - direction
 * @param cls - the packets' class
 * @param peerText - the CIDR to allow, e.g. `0.0.0.0/0`
 */
export function naclFix(acl: string, result: NaclResult, egress: boolean, cls: PacketClass, peerText: string): string {
  const proto = protocolName(cls.protocol);
  const ports = cls.ports ? ` ${cls.ports.toRanges().join(",")}` : "";
  const below = result.deniedBy && result.deniedBy.ruleNumber !== 32767 ? ` numbered below ${result.deniedBy.ruleNumber}` : "";
  return `add NACL ${acl} ${egress ? "outbound" : "inbound"} rule${below} allowing ${proto}${ports} ${egress ? "to" : "from"} ${peerText}`;
}

/**
 * The block for packets a NACL denies: its explanation, the denying entry and the fix, in one place
 * for every NACL a path crosses (forward or reply, client subnet or NAT subnet).
 *
 * @param acl - the ACL id
 * @param result - the evaluation result
 * @param egress - direction of the entries that denied
 * @param cls - the denied packets' class
 * @param what - the packets, e.g. `tcp 443 to 8.8.8.8/32 from 10.0.1.5`
 * @param peerText - the CIDR the fix should allow, e.g. `0.0.0.0/0`
 */
export function naclBlock(acl: string, result: NaclResult, egress: boolean, cls: PacketClass, what: string, peerText: string): RuleBlock {
  return {
    code: "SUBNET_ACL_RESTRICTION",
    message: denyMessage(acl, result, egress, what),
    rule: denyEvidence(acl, result, egress),
    fix: naclFix(acl, result, egress, cls, peerText),
  };
}
