/**
 * Hop `internet-gateway`: a route chose an internet gateway. It must be attached to the VPC, private
 * (RFC 1918 / RFC 6598) destinations are dropped, the source needs a public IP, VPC Block Public
 * Access must let the traffic out (judged for the sending subnet: the NAT gateway's for NAT traffic); the source is translated to its public IP and the traffic goes on to the internet. The
 * replies come back through the gateway, translated back and steered by its gateway route table.
 */
import { IntervalSet } from "../../net/index.js";
import { replyClass } from "../packet.js";
import { checkHairpinPublicIp, checkIgwAttachment, checkIgwPublicIp, igwDestinationBlock, igwEgressSplit } from "../rules/internet-gateway.js";
import { noPublicIpFix } from "../fixes.js";
import { missingResource } from "../rules/missing-data.js";
import { publicSetOf } from "../rules/nat-gateway.js";
import { checkBlockPublicAccess } from "../rules/block-public-access.js";
import { checkGatewayIngress } from "../rules/gateway-route-table.js";
import { extend, hop, stop, warn, type Env, type Outcome, type ReturnStep } from "../trace.js";
import { headerFor } from "./shared.js";
import type { Handler } from "./step.js";

/** Through an internet gateway to the internet. */
export const throughIgw: Handler<"internet-gateway"> = (env, trace, { table, igwId, dst }, next) => {
  const { ctx } = env;
  const igw = ctx.model.internetGateways.get(igwId);
  if (!igw) return [stop(trace, dst, igwId, "internet-gateway", missingResource(ctx.model, table.scope, "internetGateways", igwId, table.id))];
  const detached = checkIgwAttachment(igw, table.vpcId);
  if (detached) return [stop(trace, dst, igwId, "internet-gateway", detached)];
  // Private destinations first: the gateway drops them whatever the source's IP, so a public IP is
  // never the fix for them.
  const split = igwEgressSplit(dst);
  const out: Outcome[] = [];
  if (!split.rfc1918.isEmpty()) out.push(stop(trace, split.rfc1918, igwId, "internet-gateway", igwDestinationBlock(igwId, "rfc1918")));
  if (!split.rfc6598.isEmpty()) out.push(stop(trace, split.rfc6598, igwId, "internet-gateway", igwDestinationBlock(igwId, "rfc6598")));
  if (split.forwarded.isEmpty()) return out;
  const noPublic = checkIgwPublicIp(igwId, trace.srcText, trace.publicIp, () => noPublicIpFix(ctx.index, trace));
  const hairpin = noPublic && trace.tgw ? checkHairpinPublicIp(igwId, trace.srcText, pairedPublicIp(env, table.vpcId, trace.srcSet)) : undefined;
  if (hairpin) return [...out, stop(trace, split.forwarded, igwId, "internet-gateway", hairpin)];
  if (noPublic) return [...out, stop(trace, split.forwarded, igwId, "internet-gateway", noPublic)];
  const subnet = ctx.model.subnets.get(trace.subnetId);
  const bpa = subnet ? checkBlockPublicAccess(ctx.model, subnet, trace.nats.length > 0 ? "nat-egress" : "direct-egress", igwId) : {};
  if (bpa.block) return [...out, stop(trace, split.forwarded, igwId, "internet-gateway", bpa.block)];
  const before = bpa.warning ? warn(trace, bpa.warning) : trace;
  // An Elastic IP allocated at apply: some public address (the headers show any).
  const publicSet = publicSetOf(trace.publicIp as string) ?? IntervalSet.ofCidr("0.0.0.0/0");
  const igwHop = hop(
    igwId,
    "internet-gateway",
    [
      { kind: "attribute", ref: igwId, text: `${igwId} attached to ${table.vpcId}` },
      { kind: "translation", ref: igwId, text: `source ${trace.srcText} → ${trace.publicIp}` },
      ...(bpa.evidence ? [bpa.evidence] : []),
    ],
    {
      ...(igw.name ? { name: igw.name } : {}),
      inbound: headerFor(env, env.cls, trace.srcSet, trace.srcPorts, split.forwarded),
      outbound: headerFor(env, env.cls, publicSet, trace.srcPorts, split.forwarded),
    },
  );
  // The replies, translated back: public IP → private IP (headers of the return direction), then
  // steered by the gateway's route table, if it has one.
  const reply = replyClass(env.cls, trace.srcPorts);
  const ingress = checkGatewayIngress(ctx.index, igwId, trace.srcSet, `the replies to ${trace.srcText}`, ctx.routes);
  const igwBack: ReturnStep = (replies) => {
    const back = hop(igwId, "internet-gateway", [{ kind: "translation", ref: igwId, text: `destination ${trace.publicIp} → ${trace.srcText}` }, ...("evidence" in ingress ? ingress.evidence : [])], {
      ...(igw.name ? { name: igw.name } : {}),
      inbound: headerFor(env, reply, replies, env.cls.ports, publicSet),
      outbound: headerFor(env, reply, replies, env.cls.ports, trace.srcSet),
    });
    if ("evidence" in ingress) return { hop: back, allowed: replies };
    return { hop: back, allowed: IntervalSet.EMPTY, block: { component: ingress.tableId, type: "route-table", direction: "return", rb: ingress.block } };
  };
  out.push(...next(extend(before, [igwHop], igwBack), { kind: "internet", via: igwId, dst: split.forwarded }));
  return out;
};

/** The public IP a single source address has on its ENI in a VPC, if any. */
function pairedPublicIp(env: Env, vpcId: string, sources: IntervalSet): string | undefined {
  const [cidr] = sources.toCidrs();
  if (sources.toCidrs().length !== 1 || !cidr?.endsWith("/32")) return undefined;
  const ip = cidr.slice(0, -3);
  return env.ctx.index.interfaceByPrivateIp(vpcId, ip)?.privateIps.find((a) => a.privateIp === ip)?.publicIp;
}
