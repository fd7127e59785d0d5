/**
 * A walk's first step: the source's hop, the addresses it may send from, and what the snapshot does
 * not say about it. Built once per source and reused by its every destination when the query adds no
 * evidence (src/engine/analyze.ts runs the search from it).
 */
import { IntervalSet, LINUX_EPHEMERAL_PORTS } from "../net/index.js";
import type { Subnet } from "../model/types.js";
import type { AnalyzerContext } from "./context.js";
import type { Source } from "./source.js";
import { hop, passBack, type Trace } from "./trace.js";
import type { Evidence } from "./verdict.js";

/** What the snapshot does not say about the source, for the warnings: a notebook's ENI that is absent. */
function sourceWarnings(src: Source): string[] {
  const warnings: string[] = [];
  const notebook = src.notebook;
  if (src.notRunning) warnings.push(`${src.notRunning}; the answer is for when it runs`);
  if (notebook && !src.eni && notebook.subnetId) {
    const where = src.subnet ? `any address of ${src.subnet.id}, ${src.subnet.cidr}` : `in ${notebook.subnetId}`;
    warnings.push(
      `${src.eniId ?? "the network interface"} (the network interface of notebook ${notebook.id}) is not in the snapshot: its subnet and security groups are taken from describe-notebook-instance, its private IP is unknown (${where})`,
    );
  }
  return warnings;
}

/** Each source's address set, by source: one set for all its destinations, so the selections and NACL results remembered by set are reused. */
const addressSets = new WeakMap<Source, { ip: number | undefined; cidr: string | undefined; set: IntervalSet }>();

/**
 * The source's addresses: its private IP; else the addresses AWS may give its network interface in
 * its subnet; else none.
 */
function sourceAddresses(src: Source, ctx: AnalyzerContext): IntervalSet {
  const ip = src.privateIp;
  const cidr = src.subnet?.cidr;
  const known = addressSets.get(src);
  if (known && known.ip === ip && known.cidr === cidr) return known.set;
  const set = ip !== undefined ? IntervalSet.range(ip, ip) : src.subnet !== undefined ? freeAddresses(ctx, src.subnet) : IntervalSet.EMPTY;
  addressSets.set(src, { ip, cidr, set });
  return set;
}

/**
 * The addresses of a subnet an interface not in the snapshot may have: not the first four nor the
 * last, which AWS keeps ("The first four IP addresses and the last IP address in each subnet CIDR
 * block are not available for your use", VPC subnet sizing), nor one another interface of the
 * snapshot holds. Otherwise a rule admitting such an address (a group reference to its members) would
 * make the answer unknown for an address the source cannot have.
 */
function freeAddresses(ctx: AnalyzerContext, subnet: Subnet): IntervalSet {
  const block = IntervalSet.ofCidr(subnet.cidr);
  const first = block.min() as number;
  const last = block.max() as number;
  const held: [number, number][] = [[first, first + 3], [last, last]];
  for (const eni of ctx.index.interfacesInSubnet(subnet.id) ?? []) for (const n of ctx.eniAddresses(eni)) held.push([n, n]);
  const free = block.subtract(IntervalSet.fromIntervals(held));
  return free.isEmpty() ? block : free;
}

/**
 * Each source's initial trace when the query adds no evidence to its hop, by source: traces are never
 * modified, and a source's fields are fixed (sources are remembered per analyzer, `ctx.sources`), so
 * its every destination starts from the same one.
 */
const startOfSource = new WeakMap<Source, Trace>();

/**
 * The initial trace: the source hop, its address and ports.
 *
 * @param ctx - the analyzer's context (its index lists the subnet's other interfaces)
 * @param src - the source
 * @param extraEvidence - evidence the query adds to the source's hop (then the trace is not shared)
 */
export function initialTrace(ctx: AnalyzerContext, src: Source, extraEvidence: Evidence[]): Trace {
  if (extraEvidence.length > 0) return startTrace(ctx, src, extraEvidence);
  let trace = startOfSource.get(src);
  if (!trace) {
    trace = startTrace(ctx, src, extraEvidence);
    startOfSource.set(src, trace);
  }
  return trace;
}

/** A new initial trace (see `initialTrace`). */
function startTrace(ctx: AnalyzerContext, src: Source, extraEvidence: Evidence[]): Trace {
  const evidence: Evidence[] = [];
  if (src.sagemaker) {
    evidence.push({ kind: "attribute", ref: src.sagemaker.id, text: `${src.sagemaker.label} ${src.sagemaker.id}: ${src.sagemaker.setting}, ENI ${src.eniId ?? "not in snapshot"}` });
  } else {
    evidence.push({ kind: "association", ref: src.id, text: `${src.id} ${src.privateIpText ?? ""} in ${src.subnetId ?? "no subnet"}${src.publicIp ? `, public IP ${src.publicIp}` : ""}` });
  }
  evidence.push(...extraEvidence);
  const sourceHop = hop(src.id, src.type, evidence, src.name ? { name: src.name } : {});
  const ip = src.privateIp;
  const srcSet = sourceAddresses(src, ctx);
  const srcText = ip !== undefined ? `${src.privateIpText} (${src.eniId ?? src.id})` : src.subnet ? `${src.id}'s address in ${src.subnet.cidr}` : src.id;
  return {
    path: { head: sourceHop, tail: undefined },
    back: { head: passBack(sourceHop), tail: undefined },
    warnings: sourceWarnings(src).reduce<Trace["warnings"]>((tail, head) => ({ head, tail }), undefined),
    srcSet,
    clientSet: srcSet,
    srcText,
    srcPorts: LINUX_EPHEMERAL_PORTS,
    publicIp: src.publicIp,
    notebookEni: src.sagemaker !== undefined,
    preservesGroups: true,
    vpcId: src.vpcId ?? "",
    subnetId: src.subnetId ?? "",
    az: src.subnet?.availabilityZone,
    nats: [],
    peering: undefined,
    privateNat: undefined,
    tgw: undefined,
    tgwHops: 0,
  };
}
