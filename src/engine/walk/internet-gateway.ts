/**
 * Hop `internet-gateway`: a route chose an internet gateway. It must be attached to the VPC, the
 * source needs a public IP, private (RFC 1918 / RFC 6598) destinations are dropped; the source is
 * translated to its public IP (and the replies back) and the traffic goes on to the internet.
 */
import { IntervalSet } from "../../net/index.js";
import { header, replyClass } from "../packet.js";
import { checkIgwAttachment, checkIgwPublicIp, igwDestinationBlock, igwEgressSplit } from "../rules/internet-gateway.js";
import { missingResource } from "../rules/missing-data.js";
import { extend, hop, stop, type Outcome, type ReturnStep } from "../trace.js";
import type { Handler } from "./step.js";

/** Through an internet gateway to the internet. */
export const throughIgw: Handler<"internet-gateway"> = (env, trace, { table, igwId, dst }, next) => {
  const { ctx } = env;
  const igw = ctx.model.internetGateways.get(igwId);
  if (!igw) return [stop(trace, dst, igwId, "internet-gateway", missingResource(ctx.model, table.scope, "internetGateways", igwId, table.id))];
  const detached = checkIgwAttachment(igw, table.vpcId);
  if (detached) return [stop(trace, dst, igwId, "internet-gateway", detached)];
  const noPublic = checkIgwPublicIp(igwId, trace.srcText, trace.publicIp, trace.notebookEni);
  if (noPublic) {
    if (trace.privateNat) noPublic.fix = `${trace.privateNat} is a private NAT gateway: route 0.0.0.0/0 to a public NAT gateway instead`;
    return [stop(trace, dst, igwId, "internet-gateway", noPublic)];
  }
  const split = igwEgressSplit(dst);
  const out: Outcome[] = [];
  if (!split.rfc1918.isEmpty()) out.push(stop(trace, split.rfc1918, igwId, "internet-gateway", igwDestinationBlock(igwId, "rfc1918")));
  if (!split.rfc6598.isEmpty()) out.push(stop(trace, split.rfc6598, igwId, "internet-gateway", igwDestinationBlock(igwId, "rfc6598")));
  if (split.forwarded.isEmpty()) return out;
  const publicSet = IntervalSet.ofCidr(trace.publicIp as string);
  const igwHop = hop(
    igwId,
    "internet-gateway",
    [
      { kind: "attribute", ref: igwId, text: `${igwId} attached to ${table.vpcId}` },
      { kind: "translation", ref: igwId, text: `source ${trace.srcText} → ${trace.publicIp}` },
    ],
    {
      ...(igw.name ? { name: igw.name } : {}),
      inbound: header(env.cls, trace.srcSet, trace.srcPorts, split.forwarded),
      outbound: header(env.cls, publicSet, trace.srcPorts, split.forwarded),
    },
  );
  // The replies, translated back: public IP → private IP (headers of the return direction).
  const reply = replyClass(env.cls, trace.srcPorts);
  const igwBack: ReturnStep = (replies) => ({
    hop: hop(igwId, "internet-gateway", [{ kind: "translation", ref: igwId, text: `destination ${trace.publicIp} → ${trace.srcText}` }], {
      ...(igw.name ? { name: igw.name } : {}),
      inbound: header(reply, replies, env.cls.ports, publicSet),
      outbound: header(reply, replies, env.cls.ports, trace.srcSet),
    }),
    allowed: replies,
  });
  out.push(...next(extend(trace, [igwHop], igwBack), { kind: "internet", via: igwId, dst: split.forwarded }));
  return out;
};
