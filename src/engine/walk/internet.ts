/**
 * Hop `internet`: traffic that left through an internet gateway (or the SageMaker-managed network)
 * reaches the internet or, for a public service, its public endpoint. A public IP that belongs to
 * this snapshot comes back in: through the destination VPC's internet gateway (public → private
 * translation) if VPC Block Public Access admits inbound traffic to its subnet, where the gateway's
 * route table sends it (local, or an appliance: unknown; a blackhole drops it), the destination
 * subnet's NACL inbound, the ENI's security groups; the reply must
 * leave the destination subnet through a route to that internet gateway. A NAT gateway's Elastic IP
 * accepts no unsolicited inbound traffic.
 * AWS: https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html
 */
import { IntervalSet } from "../../net/index.js";
import type { NetworkInterface, Subnet } from "../../model/types.js";
import { INTERNET_NODE, serviceNode } from "../../graph/index.js";
import { natAsDestinationBlock, publicSetOf } from "../rules/nat-gateway.js";
import { attachedInternetGateway } from "../rules/internet-gateway.js";
import { checkBlockPublicAccess } from "../rules/block-public-access.js";
import { checkGatewayIngress } from "../rules/gateway-route-table.js";
import { deliver, extend, hop, passBack, retrace, stop, warn, type Env, type Outcome, type ReturnStep, type Trace } from "../trace.js";
import type { Hop } from "../verdict.js";
import type { RuleBlock } from "../rules/block.js";
import type { Handler, Next } from "./step.js";
import { repliesRoutedVia } from "./shared.js";

/** Public destinations: the snapshot's own public IPs re-enter, the rest reaches the sink. */
export const toInternet: Handler<"internet"> = (env, trace, { via, dst }, next) => {
  // A service's addresses are AWS's, never the customer's; `internet` means hosts outside the
  // snapshot (its own public IPs are answered when asked for by address).
  const owned = env.dest.type === "address" ? env.ctx.ownedPublicIps().intersect(dst) : IntervalSet.EMPTY;
  const out: Outcome[] = [];
  for (const [lo, hi] of owned.intervals()) {
    for (let ip = lo; ip <= hi; ip++) out.push(...reenter(env, trace, ip, next));
  }
  const rest = dst.subtract(owned);
  if (rest.isEmpty()) return out;
  const sink = sinkHop(env, via);
  out.push(...deliver(extend(trace, [sink], passBack(sink)), rest));
  return out;
};

/** The sink hop for traffic that left AWS's private network (internet) or reached a service. */
function sinkHop(env: Env, via: string): Hop {
  if (env.dest.type === "aws-service" && env.dest.service) {
    return hop(serviceNode(env.dest.service), "aws-service", [{ kind: "implicit", ref: via, text: `public endpoint of ${env.dest.serviceName} reached like the internet` }]);
  }
  return hop(INTERNET_NODE, "internet", [{ kind: "implicit", ref: via, text: "public IPv4 destination" }]);
}

/** Traffic from an Elastic IP allocated at apply reaching the snapshot's own public IP: its source decides. */
function publicIpAtApplyBlock(publicIp: string, eniId: string): RuleBlock {
  return {
    code: "MISSING_DATA",
    message: `the traffic comes from ${publicIp.slice(1, -1)}: whether ${eniId}'s network admits that address is not known until apply`,
    rule: { kind: "implicit", ref: eniId, text: `source public IP ${publicIp}` },
    unknown: true,
  };
}

/** One public IP of the snapshot, reached from the internet. */
function reenter(env: Env, trace: Trace, publicIp: number, next: Next): Outcome[] {
  const { ctx } = env;
  const target = ctx.publicIpOwner(publicIp);
  const one = IntervalSet.range(publicIp, publicIp);
  if (!target) return [];
  if (target.kind === "nat") return [stop(trace, one, target.natId, "nat-gateway", natAsDestinationBlock(target.natId))];
  const eni: NetworkInterface = target.eni;
  const igw = attachedInternetGateway(ctx.model, eni.vpcId);
  const subnet: Subnet | undefined = ctx.model.subnets.get(eni.subnetId);
  if (!igw || !subnet) {
    return [
      stop(trace, one, eni.vpcId, "vpc", {
        code: "NO_POSSIBLE_DESTINATION",
        message: `${eni.id}'s public IP is not reachable: ${eni.vpcId} has no attached internet gateway${subnet ? "" : ` (or ${eni.subnetId} is not in the snapshot)`}`,
        rule: { kind: "implicit", ref: eni.vpcId, text: `no internet gateway attached to ${eni.vpcId}` },
        fix: `attach an internet gateway to ${eni.vpcId}`,
      }),
    ];
  }
  const inetHop = hop("internet", "internet", [{ kind: "implicit", ref: igw.id, text: `the public IP belongs to ${eni.id}: the packet comes back in from the internet` }]);
  const arrived = extend(trace, [inetHop]);
  const bpa = checkBlockPublicAccess(ctx.model, subnet, "inbound", igw.id);
  if (bpa.block) return [stop(arrived, one, igw.id, "internet-gateway", bpa.block)];
  const privateSet = IntervalSet.range(target.privateIp, target.privateIp);
  const ingress = checkGatewayIngress(ctx.index, igw.id, privateSet, `inbound traffic to ${target.privateText}`, ctx.routes);
  if ("block" in ingress) return [stop(arrived, one, ingress.tableId, "route-table", ingress.block)];
  const igwEvidence = [{ kind: "translation" as const, ref: igw.id, text: `destination ${target.publicText} → ${target.privateText} (${eni.id})` }, ...(bpa.evidence ? [bpa.evidence] : []), ...ingress.evidence];
  const igwHop = hop(igw.id, "internet-gateway", igwEvidence, igw.name ? { name: igw.name } : {});
  const publicSource = trace.publicIp ? publicSetOf(trace.publicIp) : trace.srcSet;
  // The source's Elastic IP is allocated at apply: whether the destination admits it is unknown.
  if (!publicSource) return [stop(arrived, one, igw.id, "internet-gateway", publicIpAtApplyBlock(trace.publicIp as string, eni.id))];
  const sourceSet = publicSource;
  const sourceText = trace.publicIp ? `${trace.publicIp} (public)` : trace.srcText;
  // Replies leave through this IGW, which maps the private source back to the public IP.
  const igwBack: ReturnStep = (replies) => ({
    hop: hop(igw.id, "internet-gateway", [{ kind: "translation", ref: igw.id, text: `source ${target.privateText} → ${target.publicText} (${eni.id})` }], igw.name ? { name: igw.name } : {}),
    allowed: replies,
    translate: one,
  });
  const inside = retrace(extend(bpa.warning ? warn(trace, bpa.warning) : trace, [inetHop, igwHop], passBack(inetHop), igwBack, repliesRoutedVia(env, subnet, sourceSet, sourceText, "igw", igw.id, "0.0.0.0/0")), {
    srcSet: sourceSet,
    srcText: sourceText,
    vpcId: eni.vpcId,
    preservesGroups: false,
    peering: undefined,
  });
  const outcomes = next(inside, { kind: "enter-subnet", subnet, dst: privateSet });
  return outcomes.map((o) => ({ ...o, addresses: one }));
}
