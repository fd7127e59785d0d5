/**
 * VPC peering: the connection must be `active`; each side needs a route to the other's CIDR through
 * the connection; traffic crossing it must have its source in one peered VPC's CIDRs and its
 * destination in the other's (no transitive routing, no edge-to-edge through NAT or IGW).
 * AWS: https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html
 */
import { IntervalSet } from "../../net/index.js";
import type { PeeringSide, VpcPeeringConnection } from "../../model/types.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "vpc-peering",
  docs: {
    description: "Peering: active connection, routes on both sides, source and destination inside the peered VPCs' CIDRs.",
    url: "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html",
  },
  codes: {
    BAD_STATE: "{pcx} is {status}, not active",
    PCX_REQUIRES_ADDRESS_IN_VPC_CIDR: "{pcx} only carries traffic between the CIDRs of {a} and {b}",
    UNKNOWN_RESOURCE: "the peer VPC {vpc} of {pcx} is not in the snapshot",
  },
} satisfies RuleMeta;

/**
 * The side of the connection opposite `vpcId`, or undefined when `vpcId` is not a side.
 *
 * @param pcx - the peering connection
 * @param vpcId - one side's VPC
 */
export function peerSide(pcx: VpcPeeringConnection, vpcId: string): { local: PeeringSide; remote: PeeringSide } | undefined {
  if (pcx.requester.vpcId === vpcId) return { local: pcx.requester, remote: pcx.accepter };
  if (pcx.accepter.vpcId === vpcId) return { local: pcx.accepter, remote: pcx.requester };
  return undefined;
}

/**
 * Checks the connection's state.
 *
 * @param pcx - the peering connection
 */
export function checkPeeringState(pcx: VpcPeeringConnection): RuleBlock | undefined {
  if (pcx.status === "active") return undefined;
  return {
    code: "BAD_STATE",
    message: fill(meta.codes.BAD_STATE, { pcx: pcx.id, status: pcx.status }),
    rule: { kind: "state", ref: pcx.id, text: `${pcx.id} status ${pcx.status}` },
    fix: `accept ${pcx.id} (it must be active)`,
  };
}

/**
 * Splits destinations into those inside the remote VPC's CIDRs and the rest (which the peering drops).
 *
 * @param remoteCidrs - the remote VPC's CIDRs (from the VPC record, else the connection's side)
 * @param destinations - destination addresses
 */
export function peeringDestinationSplit(remoteCidrs: readonly string[], destinations: IntervalSet): { inside: IntervalSet; outside: IntervalSet } {
  const cidrs = IntervalSet.fromCidrs(remoteCidrs);
  return { inside: destinations.intersect(cidrs), outside: destinations.subtract(cidrs) };
}

/**
 * The block for addresses outside the peered CIDRs.
 *
 * @param pcx - the peering connection
 */
export function peeringCidrBlock(pcx: VpcPeeringConnection): RuleBlock {
  return {
    code: "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR",
    message: fill(meta.codes.PCX_REQUIRES_ADDRESS_IN_VPC_CIDR, { pcx: pcx.id, a: pcx.requester.vpcId, b: pcx.accepter.vpcId }),
    rule: { kind: "implicit", ref: pcx.id, text: `${pcx.id}: ${pcx.requester.vpcId} ${pcx.requester.cidrs.join(",")} ↔ ${pcx.accepter.vpcId} ${pcx.accepter.cidrs.join(",")}` },
    fix: "peering is not transitive: route this destination through its own connection (or a transit gateway)",
  };
}
