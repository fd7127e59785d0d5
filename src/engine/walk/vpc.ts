/**
 * Hop `vpc`: traffic arriving in a VPC over its local route (from one of its subnets, a peering
 * connection or a gateway) is split over the VPC's subnets; addresses in no subnet stop here.
 */
import { extend, hop, stop, type Outcome } from "../trace.js";
import type { Evidence } from "../verdict.js";
import { what } from "./shared.js";
import type { Handler } from "./step.js";
import { IntervalSet } from "../../net/index.js";

/** Splits addresses arriving in a VPC over its subnets. */
export const arriveInVpc: Handler<"vpc"> = (env, trace, { vpcId, dst }, next) => {
  const out: Outcome[] = [];
  let rest = dst;
  const vpcHop = hop(vpcId, "vpc", localRouteEvidence(vpcId, env.ctx.index.vpcCidrs(vpcId)));
  const after = extend(trace, [vpcHop]);
  for (const subnet of env.ctx.index.subnetsOfVpc(vpcId)) {
    const part = rest.intersect(IntervalSet.ofCidr(subnet.cidr));
    if (part.isEmpty()) continue;
    rest = rest.subtract(part);
    out.push(...next(after, { kind: "enter-subnet", subnet, dst: part }));
    if (rest.isEmpty()) break;
  }
  if (!rest.isEmpty()) {
    out.push(
      stop(after, rest, vpcId, "vpc", {
        code: "NO_POSSIBLE_DESTINATION",
        message: `${what(env, rest)} is inside ${vpcId}'s CIDRs but in none of its subnets`,
        rule: { kind: "implicit", ref: vpcId, text: `no subnet of ${vpcId} contains ${rest.toCidrs().slice(0, 3).join(", ")}` },
        fix: "address a host inside one of the VPC's subnets",
      }),
    );
  }
  return out;
};

/** Each VPC's local-route evidence, by its list of CIDRs: every walk into the VPC shows the same text (evidence is never modified). */
const localRoutes = new WeakMap<readonly string[], { vpcId: string; evidence: Evidence[] }>();

/** The evidence of a VPC's local route, `local route: VPC CIDR, …`, as a list of one (built once per VPC). */
function localRouteEvidence(vpcId: string, cidrs: readonly string[]): Evidence[] {
  let known = localRoutes.get(cidrs);
  if (!known || known.vpcId !== vpcId) {
    known = { vpcId, evidence: [{ kind: "route", ref: vpcId, text: `local route: ${vpcId} ${cidrs.join(", ")}` }] };
    localRoutes.set(cidrs, known);
  }
  return known.evidence;
}
