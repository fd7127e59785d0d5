/**
 * Hop `source`: where the walk starts. A SageMaker source with network isolation sends nothing; one
 * with direct internet access sends non-VPC destinations to the SageMaker-managed network (a
 * PublicInternetOnly Studio app's other traffic that its subnet would deliver is unknown);
 * everything else leaves the source ENI through its security groups (egress) and then its subnet.
 */
import { IntervalSet } from "../../net/index.js";
import type { Subnet } from "../../model/types.js";
import { evaluateSecurityGroups, sgEvidence, sgFix } from "../rules/security-group.js";
import { missingResource, requireData } from "../rules/missing-data.js";
import { crossRegionBlock } from "../rules/peering-sg-referencing.js";
import { managedNetworkBlock, notebookEgressSplit } from "../rules/sagemaker-notebook.js";
import { egressDataBlock, isolationBlock } from "../rules/sagemaker-workload.js";
import { undocumentedVpcPath, vpcPathDocumented } from "../rules/studio-public-internet.js";
import { extend, hop, passBack, stop, type Env, type Outcome, type ReturnStep, type Trace } from "../trace.js";
import type { Source } from "../source.js";
import type { Evidence } from "../verdict.js";
import type { RuleBlock } from "../rules/block.js";
import { headerFor, peerText, statefulHop, what } from "./shared.js";
import type { Handler, Next } from "./step.js";

/** Walks every part of the destination from the source. */
export const fromSource: Handler<"source"> = (env, trace, step, next) => {
  const { src } = env;
  const egress = src.sagemaker;
  if (!egress) return fromEni(env, trace, step.dst, next);
  const blocked = egressDataBlock(egress) ?? (egress.networkIsolation ? isolationBlock(egress) : undefined);
  if (blocked) return [stop(trace, step.dst, src.id, src.type, blocked)];
  const vpcCidrs = src.vpcId ? env.ctx.vpcAddresses(src.vpcId) : IntervalSet.EMPTY;
  const { managed, customer } = notebookEgressSplit(egress, step.dst, vpcCidrs);
  const out: Outcome[] = [];
  if (!managed.isEmpty()) out.push(...next(trace, { kind: "managed-network", egress, dst: managed }));
  if (!customer.isEmpty()) {
    if (!egress.subnetId) out.push(stop(trace, customer, src.id, src.type, managedNetworkBlock(egress, what(env, customer))));
    else if (vpcPathDocumented(egress, env.cls)) out.push(...fromEni(env, trace, customer, next));
    else out.push(...fromEni(env, trace, customer, next).map((o) => (o.status === "delivered" ? undocumented(env, o) : o)));
  }
  return out;
};

/** What the subnet path would deliver from a PublicInternetOnly Studio app: unknown (studio-public-internet). */
function undocumented(env: Env, o: Outcome): Outcome {
  const { src } = env;
  const rb = undocumentedVpcPath(src.sagemaker!, what(env, o.addresses));
  return { ...o, status: "unknown", returnPath: [], block: { component: src.id, type: src.type, direction: "forward", rb } };
}

/** The source's subnet, or the block saying why it is not known. */
function sourceSubnet(env: Env): Subnet | RuleBlock {
  const { src, ctx } = env;
  if (src.subnet) return src.subnet;
  if (!src.subnetId) {
    // A terminated instance keeps its record a while with no subnet or interface (Batfish's transit-gateway network has one).
    const why = src.instance?.state === "terminated" ? " (it is terminated: it has no network interface and does not run again)" : "";
    return { code: "UNASSOCIATED_COMPONENT", message: `${src.id} is in no subnet${why}`, rule: { kind: "implicit", ref: src.id, text: `${src.id} has no subnet${why}` }, unknown: true };
  }
  return missingResource(ctx.model, src.scope, "subnets", src.subnetId, src.id);
}

/**
 * From the source ENI: security-group egress, then out of the subnet.
 *
 * @param env - the query
 * @param trace - the trace so far
 * @param dst - destination addresses going through the ENI
 * @param next - continues the walk
 */
function fromEni(env: Env, trace: Trace, dst: IntervalSet, next: Next): Outcome[] {
  const { src, ctx, cls } = env;
  const subnet = sourceSubnet(env);
  if (!("cidr" in subnet)) return [stop(trace, dst, src.id, src.type, subnet)];
  const missingGroup = src.groupIds.find((id) => !ctx.group(id));
  if (missingGroup) return [stop(trace, dst, src.eniId ?? src.id, "network-interface", missingResource(ctx.model, src.scope, "securityGroups", missingGroup, src.eniId ?? src.id))];
  if (src.groupIds.length === 0 && !src.eni) {
    const rb = requireData(ctx.model, src.scope, "networkInterfaces", `the security groups of ${src.id}`) ?? {
      code: "MISSING_DATA" as const,
      message: `the security groups of ${src.id} are not in the snapshot`,
      rule: { kind: "implicit" as const, ref: src.id, text: `${src.id} lists no security groups and its ENI is absent` },
      unknown: true,
    };
    return [stop(trace, dst, src.id, src.type, rb)];
  }
  const groups = src.groupIds.map((id) => ctx.group(id)).filter((g) => g !== undefined);
  // A rule naming the service's own prefix list covers the service even when its entries are unknown.
  const { dest } = env;
  const resolver = dest.symbolic && dest.prefixListId
    ? { prefixList: (id: string) => (id === dest.prefixListId ? dest.addresses : ctx.prefixList(id)), groupMembers: (id: string) => ctx.groupMembers(id), groupRegion: (id: string) => ctx.groupRegion(id) }
    : ctx;
  const result = evaluateSecurityGroups(groups, "egress", cls, dst, resolver);
  const out: Outcome[] = [];
  const eniId = src.eniId ?? `${src.id}-eni`;
  let denied = dst.subtract(result.allowed);
  const sgId = src.groupIds[0] ?? "(none)";
  // Addresses only a rule naming another Region's group would admit: that rule matches nobody.
  if (result.crossRegion.length > 0 && result.unresolved.length === 0 && !denied.isEmpty()) {
    const members = result.crossRegion.reduce((set, r) => (r.peer.kind === "security-group" ? set.union(ctx.groupMembers(r.peer.groupId)) : set), IntervalSet.EMPTY);
    const lost = denied.intersect(members);
    if (!lost.isEmpty()) {
      out.push(stop(trace, lost, sgId, "security-group", crossRegionBlock(src.groupIds, result.crossRegion, ctx.groupRegion, `${what(env, lost)} from ${src.id}`, "egress")));
      denied = denied.subtract(lost);
    }
  }
  if (!denied.isEmpty()) {
    const unknown = result.unresolved.length > 0;
    out.push(
      stop(trace, denied, sgId, "security-group", {
        code: unknown ? "MISSING_DATA" : result.noRules ? "SG_HAS_NO_RULES" : "ENI_SG_RULES_MISMATCH",
        message: unknown
          ? `the entries of prefix list ${result.unresolved.join(", ")} used by ${src.groupIds.join(", ")} are not in the snapshot`
          : `no outbound rule of ${src.groupIds.join(", ") || "its security groups"} on ${eniId} allows ${what(env, denied)}`,
        rule: { kind: "implicit", ref: `${src.groupIds.join(",")} egress`, text: `${src.groupIds.join(", ")}: no egress rule matches ${what(env, denied)}` },
        fix: sgFix(sgId, "egress", cls, peerText(env, denied)),
        unknown,
      }),
    );
  }
  if (result.allowed.isEmpty()) return out;
  const eni = eniOf(src, subnet, eniId);
  const eniHop = hop(eniId, "network-interface", eni.evidence, { outbound: headerFor(env, cls, trace.srcSet, trace.srcPorts, result.allowed) });
  const sgHop = hop(result.allowedBy[0]?.groupId ?? sgId, "security-group", sgEvidence(result));
  const after = extend(trace, [eniHop, sgHop], eni.back, passBack(statefulHop(sgHop.component)));
  out.push(...next(after, { kind: "leave-subnet", subnet, dst: result.allowed }));
  return out;
}

/** The source ENI's evidence and its reply step, as every walk from the source shows them. */
interface SourceEni {
  subnet: Subnet;
  eniId: string;
  evidence: Evidence[];
  /** The reply step through the ENI (its hop without the packet header). */
  back: ReturnStep;
}

/**
 * Each source's ENI evidence and reply step, by source: sources are remembered per analyzer
 * (`ctx.sources`), so their fields are fixed, and each of their destinations shows the same text
 * (evidence and hops are never modified).
 */
const enisOfSource = new WeakMap<Source, SourceEni>();

/**
 * The source ENI's evidence and reply step (built once per source and subnet).
 *
 * @param src - the source
 * @param subnet - its subnet
 * @param eniId - its ENI's id (or the name standing for it)
 */
function eniOf(src: Source, subnet: Subnet, eniId: string): SourceEni {
  let known = enisOfSource.get(src);
  if (!known || known.subnet !== subnet || known.eniId !== eniId) {
    const evidence: Evidence[] = [{ kind: "association", ref: eniId, text: `${eniId} (${src.privateIpText ?? "address not in snapshot"}) in ${subnet.id}, ${subnet.vpcId}, ${subnet.availabilityZone}` }];
    known = { subnet, eniId, evidence, back: passBack(hop(eniId, "network-interface", evidence)) };
    enisOfSource.set(src, known);
  }
  return known;
}
