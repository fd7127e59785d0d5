/**
 * The walker's bookkeeping: a trace is the state of one branch of the path search (hops so far,
 * the checks the reply must pass on the way back, the current source address after translations),
 * and an outcome is what happened to one part of the destination set (delivered, blocked, unknown).
 */
import type { IntervalSet } from "../net/index.js";
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
}

/** A block located at a component. */
export interface Block {
  component: string;
  type: ComponentType;
  direction: "forward" | "return";
  rb: RuleBlock;
}

/** A check the reply must pass at one component, run when the forward packets are delivered. */
export type ReturnStep = (replySources: IntervalSet) => { hop: Hop; allowed: IntervalSet; block?: Block };

export interface Trace {
  path: Hop[];
  /** Return checks in forward order (run in reverse). */
  back: ReturnStep[];
  warnings: string[];
  /** Current source addresses (the client's IP; the NAT gateway's after translation). */
  srcSet: IntervalSet;
  srcText: string;
  /** Current source ports (client ephemeral range; the NAT's after translation). */
  srcPorts: IntervalSet;
  /** The public IP the source address is paired with, if any. */
  publicIp: string | undefined;
  /** True when the sender is a notebook ENI (never has a public IP). */
  notebookEni: boolean;
  /** The original client's addresses (before any translation). */
  clientSet: IntervalSet;
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
 * A hop without its sequence number (assigned when the verdict is built).
 *
 * @param component - component id
 * @param type - component type
 * @param evidence - what admitted the traffic here
 * @param extra - name, headers, details
 */
export function hop(component: string, type: ComponentType, evidence: Evidence[], extra: Partial<Hop> = {}): Hop {
  return { sequence: 0, component, type, evidence, ...extra };
}

/**
 * A copy of a trace with hops appended (and a return step, if given).
 *
 * @param trace - the trace
 * @param hops - hops to append
 * @param back - the reply check for these hops
 */
export function extend(trace: Trace, hops: Hop[], back?: ReturnStep): Trace {
  return { ...trace, path: [...trace.path, ...hops], back: back ? [...trace.back, back] : trace.back, warnings: [...trace.warnings] };
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
    path: trace.path,
    returnPath: [],
    block: { component, type, direction: "forward", rb },
    warnings: trace.warnings,
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
  for (let i = trace.back.length - 1; i >= 0 && !remaining.isEmpty(); i--) {
    const step = (trace.back[i] as ReturnStep)(remaining);
    const denied = remaining.subtract(step.allowed);
    if (!denied.isEmpty() && step.block) {
      outcomes.push({
        addresses: denied,
        status: step.block.rb.unknown ? "unknown" : "blocked",
        path: trace.path,
        returnPath: [...returnPath],
        block: step.block,
        warnings: trace.warnings,
      });
    }
    remaining = remaining.intersect(step.allowed);
    returnPath.push(step.hop);
  }
  if (!remaining.isEmpty()) outcomes.push({ addresses: remaining, status: "delivered", path: trace.path, returnPath, block: undefined, warnings: trace.warnings });
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
