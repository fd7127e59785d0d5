/**
 * The walker's bookkeeping: a trace is the state of one branch of the path search (hops so far,
 * the checks the reply must pass on the way back, the current source address after translations),
 * and an outcome is what happened to one part of the destination set (delivered, blocked, unknown).
 */
import { IntervalSet } from "../net/index.js";
import type { Source } from "./source.js";
import type { Destination } from "./destination.js";
import type { AnalyzerContext } from "./context.js";
import type { PacketClass } from "./packet.js";
import type { RuleBlock } from "./rules/block.js";
import type { ComponentType, Evidence, Hop } from "./verdict.js";

/** One query's fixed inputs. */
export interface Env {
  ctx: AnalyzerContext;
  src: Source;
  dest: Destination;
  cls: PacketClass;
  /** False when only the answer is wanted (`Analyzer.answer`): hops then carry no packet headers. */
  proof: boolean;
}

/** A block located at a component. */
export interface Block {
  component: string;
  type: ComponentType;
  direction: "forward" | "return";
  rb: RuleBlock;
}

/**
 * A check the reply must pass at one component, run when the forward packets are delivered. `nacl`
 * tags a subnet NACL's check of the replies coming back into the source subnet, which replies from
 * a transit gateway attachment in that same subnet skip; `tgwReplies` tags the step where replies
 * leave a transit gateway into the source VPC, settled once the zone they come from is known (see
 * walk/transit-gateway-return.ts).
 */
export type ReturnStep = ((replySources: IntervalSet) => {
  hop: Hop;
  /** The reply sources this component lets through (in the addresses it was given). */
  allowed: IntervalSet;
  block?: Block;
  /**
   * Set by a component that rewrites the replies' source (an internet gateway mapping a private IP
   * back to its public IP): the addresses the next components see. It stands for the whole set.
   */
  translate?: IntervalSet;
}) & { nacl?: { subnetId: string }; tgwReplies?: TgwReplies };

/**
 * What the replies' way out of a transit gateway into the source VPC depends on: they leave by the
 * source attachment's subnet in the zone they come from, which only the far end of the path knows.
 */
export interface TgwReplies {
  tgwId: string;
  /** The source VPC's attachment. */
  attachmentId: string;
  /** The subnet the requests were routed to the transit gateway from (the replies' destination subnet). */
  sourceSubnetId: string;
  clients: IntervalSet;
  clientPorts: IntervalSet;
}

/** How the traffic reached the VPC it is in through a transit gateway (until a NAT translates it). */
export interface TgwCrossing {
  /** The transit gateway that delivered it (the last one, after a peering). */
  tgwId: string;
  /** The attachment it arrived on, and the subnet of that attachment's ENI it entered by. */
  attachmentId: string;
  entrySubnetId: string;
  /** The attachment it left the source VPC by, which the replies must reach. */
  sourceAttachmentId: string;
}

/** An immutable list with the newest item first; appending shares the older items (branches are cheap). */
export type Chain<T> = { readonly head: T; readonly tail: Chain<T> } | undefined;

/**
 * The items of a chain, oldest first.
 *
 * @param chain - the chain
 */
export function toArray<T>(chain: Chain<T>): T[] {
  // Sized once and filled from the end: an outcome per walk branch copies its path and warnings.
  let length = 0;
  for (let c = chain; c; c = c.tail) length++;
  const out = new Array<T>(length);
  for (let c = chain; c; c = c.tail) out[--length] = c.head;
  return out;
}

export interface Trace {
  path: Chain<Hop>;
  /** Return checks in forward order (run in reverse). */
  back: Chain<ReturnStep>;
  warnings: Chain<string>;
  /** Current source addresses (the client's IP; the NAT gateway's after translation). */
  srcSet: IntervalSet;
  /** The original client's addresses (before any translation). */
  clientSet: IntervalSet;
  srcText: string;
  /** Current source ports (client ephemeral range; the NAT's after translation). */
  srcPorts: IntervalSet;
  /** The public IP the source address is paired with, if any. */
  publicIp: string | undefined;
  /** True when the sender is a notebook ENI (never has a public IP). */
  notebookEni: boolean;
  /** False once a NAT gateway forwarded the traffic (group identity lost). */
  preservesGroups: boolean;
  vpcId: string;
  /** The subnet the traffic was last sent from. */
  subnetId: string;
  az: string | undefined;
  nats: string[];
  /** The peering connection crossed, if any. */
  peering: string | undefined;
  /** Set after a private NAT gateway. */
  privateNat: string | undefined;
  /** Set after crossing a transit gateway, until a NAT gateway translates the source. */
  tgw: TgwCrossing | undefined;
  /** Transit gateway route tables consulted so far (a routing loop guard). */
  tgwHops: number;
}

/**
 * A copy of a trace with some fields replaced (one object shape for every trace, which keeps the
 * search fast).
 *
 * @param t - the trace
 * @param o - the fields to replace
 */
export function retrace(t: Trace, o: Partial<Trace>): Trace {
  return {
    path: o.path ?? t.path,
    back: o.back ?? t.back,
    warnings: o.warnings ?? t.warnings,
    srcSet: o.srcSet ?? t.srcSet,
    clientSet: o.clientSet ?? t.clientSet,
    srcText: o.srcText ?? t.srcText,
    srcPorts: o.srcPorts ?? t.srcPorts,
    publicIp: "publicIp" in o ? o.publicIp : t.publicIp,
    notebookEni: o.notebookEni ?? t.notebookEni,
    preservesGroups: o.preservesGroups ?? t.preservesGroups,
    vpcId: o.vpcId ?? t.vpcId,
    subnetId: o.subnetId ?? t.subnetId,
    az: "az" in o ? o.az : t.az,
    nats: o.nats ?? t.nats,
    peering: "peering" in o ? o.peering : t.peering,
    privateNat: "privateNat" in o ? o.privateNat : t.privateNat,
    tgw: "tgw" in o ? o.tgw : t.tgw,
    tgwHops: o.tgwHops ?? t.tgwHops,
  };
}

export interface Outcome {
  addresses: IntervalSet;
  status: "delivered" | "blocked" | "unknown";
  path: Hop[];
  returnPath: Hop[];
  block: Block | undefined;
  warnings: string[];
}

/**
 * A hop without its sequence number (assigned when the verdict is built). Every hop has the same
 * fields (absent ones undefined), which keeps copying them cheap.
 *
 * @param component - component id
 * @param type - component type
 * @param evidence - what admitted the traffic here
 * @param extra - name, headers, details
 */
export function hop(component: string, type: ComponentType, evidence: Evidence[], extra?: Partial<Hop>): Hop {
  return { sequence: 0, component, type, name: extra?.name, evidence, inbound: extra?.inbound, outbound: extra?.outbound, details: extra?.details };
}

/**
 * A trace with hops appended and return steps added (in forward order).
 *
 * @param trace - the trace
 * @param hops - hops to append
 * @param backs - the reply checks for these hops, in forward order
 */
export function extend(trace: Trace, hops: Hop[], ...backs: ReturnStep[]): Trace {
  let path = trace.path;
  for (const h of hops) path = { head: h, tail: path };
  let back = trace.back;
  for (const b of backs) back = { head: b, tail: back };
  return withChains(trace, path, back);
}

/** A copy of a trace with new hop and return-step chains (`retrace` without its object of changes: every hop extends a trace). */
function withChains(t: Trace, path: Chain<Hop>, back: Chain<ReturnStep>): Trace {
  return {
    path,
    back,
    warnings: t.warnings,
    srcSet: t.srcSet,
    clientSet: t.clientSet,
    srcText: t.srcText,
    srcPorts: t.srcPorts,
    publicIp: t.publicIp,
    notebookEni: t.notebookEni,
    preservesGroups: t.preservesGroups,
    vpcId: t.vpcId,
    subnetId: t.subnetId,
    az: t.az,
    nats: t.nats,
    peering: t.peering,
    privateNat: t.privateNat,
    tgw: t.tgw,
    tgwHops: t.tgwHops,
  };
}

/**
 * A trace with each return step replaced by what `f` makes of it (the same step to keep it).
 *
 * @param trace - the trace
 * @param f - maps a step to its replacement
 */
export function mapBack(trace: Trace, f: (step: ReturnStep) => ReturnStep): Trace {
  let back: Chain<ReturnStep> = undefined;
  for (const step of toArray(trace.back)) back = { head: f(step), tail: back };
  return retrace(trace, { back });
}

/**
 * A trace with a warning added.
 *
 * @param trace - the trace
 * @param warning - the warning text
 */
export function warn(trace: Trace, warning: string): Trace {
  return retrace(trace, { warnings: { head: warning, tail: trace.warnings } });
}

/**
 * An outcome for packets stopped at a component.
 *
 * @param trace - the trace so far
 * @param addresses - the destination addresses stopped
 * @param component - where
 * @param type - its type
 * @param rb - the rule's block
 */
export function stop(trace: Trace, addresses: IntervalSet, component: string, type: ComponentType, rb: RuleBlock): Outcome {
  return {
    addresses,
    status: rb.unknown ? "unknown" : "blocked",
    path: toArray(trace.path),
    returnPath: [],
    block: { component, type, direction: "forward", rb },
    warnings: toArray(trace.warnings),
  };
}

/**
 * Delivers packets: runs the reply checks backwards and splits off replies that are blocked.
 *
 * @param trace - the trace, including the final hops
 * @param addresses - the destination addresses delivered
 */
export function deliver(trace: Trace, addresses: IntervalSet): Outcome[] {
  const outcomes: Outcome[] = [];
  let remaining = addresses;
  const returnPath: Hop[] = [];
  const path = toArray(trace.path);
  const warnings = toArray(trace.warnings);
  // What the components see; after a source translation it is the translated address, and a
  // component then passes or stops the whole set.
  let view = remaining;
  let translated = false;
  // The newest step is the destination's: the chain is already in return order.
  for (let c = trace.back; c && !remaining.isEmpty(); c = c.tail) {
    const step = c.head(view);
    const allowed = !translated ? step.allowed : step.allowed.covers(view) ? remaining : IntervalSet.EMPTY;
    if (step.translate) {
      view = step.translate;
      translated = true;
    }
    const denied = remaining.subtract(allowed);
    if (!denied.isEmpty()) {
      // Every stop carries its block; the fallback keeps a verdict from ever losing evidence.
      const block: Block = step.block ?? {
        component: step.hop.component,
        type: step.hop.type,
        direction: "return",
        rb: { code: "NO_PATH", message: `the replies are not admitted at ${step.hop.component}`, rule: { kind: "implicit", ref: step.hop.component, text: "reply not admitted" } },
      };
      outcomes.push({ addresses: denied, status: block.rb.unknown ? "unknown" : "blocked", path, returnPath: [...returnPath], block, warnings });
    }
    remaining = remaining.intersect(allowed);
    if (!translated) view = remaining;
    else if (remaining.isEmpty()) view = remaining;
    returnPath.push(step.hop);
  }
  if (!remaining.isEmpty()) outcomes.push({ addresses: remaining, status: "delivered", path, returnPath, block: undefined, warnings });
  return outcomes;
}

/**
 * A return step that only records a hop (stateful components, gateways).
 *
 * @param h - the hop
 */
export function passBack(h: Hop): ReturnStep {
  return (replySources) => ({ hop: h, allowed: replySources });
}
