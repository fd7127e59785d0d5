/**
 * Hop `peering`: a route chose a VPC peering connection. It must be active, the source inside the
 * local side's CIDRs (peering is not transitive) and the destination inside the peer's; then the
 * traffic arrives in the peer VPC (whose reply route back is checked on entering the subnet).
 * Traffic a transit gateway routed back into its own VPC gets its replies' way through the transit
 * gateway settled here: they come back by the peering and the local route, not through it.
 */
import { IntervalSet } from "../../net/index.js";
import { checkPeeringState, peerSide, peeringCidrBlock, peeringDestinationSplit } from "../rules/vpc-peering.js";
import { missingResource } from "../rules/missing-data.js";
import { extend, hop, passBack, retrace, stop, type Outcome } from "../trace.js";
import type { Handler } from "./step.js";
import { withHairpinReplies } from "./transit-gateway-return.js";

/** Through a VPC peering connection into the peer VPC. */
export const throughPeering: Handler<"peering"> = (env, trace, { table, pcxId, dst }, next) => {
  const { ctx } = env;
  const pcx = ctx.model.vpcPeeringConnections.get(pcxId);
  if (!pcx) return [stop(trace, dst, pcxId, "vpc-peering-connection", missingResource(ctx.model, table.scope, "vpcPeeringConnections", pcxId, table.id))];
  const bad = checkPeeringState(pcx);
  if (bad) return [stop(trace, dst, pcxId, "vpc-peering-connection", bad)];
  const sides = peerSide(pcx, table.vpcId);
  if (!sides || trace.peering) return [stop(trace, dst, pcxId, "vpc-peering-connection", peeringCidrBlock(pcx))];
  const localCidrs = IntervalSet.fromCidrs(ctx.index.vpcCidrs(sides.local.vpcId).length > 0 ? ctx.index.vpcCidrs(sides.local.vpcId) : sides.local.cidrs);
  if (!localCidrs.covers(trace.srcSet)) return [stop(trace, dst, pcxId, "vpc-peering-connection", peeringCidrBlock(pcx))];
  const remoteVpc = ctx.model.vpcs.get(sides.remote.vpcId);
  const split = peeringDestinationSplit(remoteVpc?.cidrs ?? sides.remote.cidrs, dst);
  const out: Outcome[] = [];
  if (!split.outside.isEmpty()) out.push(stop(trace, split.outside, pcxId, "vpc-peering-connection", peeringCidrBlock(pcx)));
  if (split.inside.isEmpty()) return out;
  if (!remoteVpc) {
    out.push(
      stop(trace, split.inside, pcxId, "vpc-peering-connection", {
        code: "UNKNOWN_RESOURCE",
        message: `the peer VPC ${sides.remote.vpcId} of ${pcxId} (account ${sides.remote.ownerId ?? "unknown"}) is not in the snapshot`,
        rule: { kind: "implicit", ref: sides.remote.vpcId, text: `${sides.remote.vpcId} not in snapshot` },
        fix: `collect the peer account/Region of ${sides.remote.vpcId} into the same snapshot`,
        unknown: true,
      }),
    );
    return out;
  }
  const pcxHop = hop(pcxId, "vpc-peering-connection", [{ kind: "state", ref: pcxId, text: `${pcxId} ${pcx.status}: ${pcx.requester.vpcId} ↔ ${pcx.accepter.vpcId}` }], pcx.name ? { name: pcx.name } : {});
  const hairpin = trace.tgw ? withHairpinReplies(env, trace, table.vpcId, { id: pcxId, type: "vpc-peering-connection", hop: pcxHop }) : trace;
  const crossed = retrace(extend(hairpin, [pcxHop], passBack(pcxHop)), { vpcId: remoteVpc.id, peering: pcxId });
  out.push(...next(crossed, { kind: "vpc", vpcId: remoteVpc.id, dst: split.inside }));
  return out;
};
