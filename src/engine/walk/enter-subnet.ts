/**
 * Hop `enter-subnet`: traffic from elsewhere entering a subnet passes its NACL inbound; the replies
 * must pass the NACL outbound for the client's whole ephemeral range and, after a peering
 * connection, be routed back through the same connection.
 */
import { IntervalSet } from "../../net/index.js";
import type { NetworkAcl, Subnet } from "../../model/types.js";
import { replyClass } from "../packet.js";
import { allowEvidence, evaluateNacl, naclBlock } from "../rules/network-acl.js";
import { extend, hop, passBack, stop, type Env, type Outcome, type ReturnStep, type Trace } from "../trace.js";
import { coverage, naclOf, partialSource, repliesLeaveThrough, repliesRoutedVia, subnetAclEvidence, subnetHops, what } from "./shared.js";
import { withTgwReturn } from "./transit-gateway-return.js";
import type { Handler, Next } from "./step.js";

/** Into a subnet from elsewhere: its NACL inbound (and outbound for the replies), then delivery. */
export const enterSubnet: Handler<"enter-subnet"> = (env, trace, { subnet, dst }, next) => {
  const found = naclOf(env, subnet);
  if (!("acl" in found)) return [stop(trace, dst, subnet.id, "subnet", found)];
  const { acl, how } = found;
  // From a transit gateway attachment in this very subnet, no NACL applies (inbound or outbound).
  if (trace.tgw?.entrySubnetId === subnet.id) return fromOwnAttachment(env, trace, subnet, acl, dst, next);
  const result = evaluateNacl(acl, false, env.cls, trace.srcSet);
  const cov = coverage(result.allowed, trace.srcSet);
  if (cov === "partial") return [stop(trace, dst, acl.id, "network-acl", partialSource(trace, acl.id, result.allowed))];
  if (cov === "none") {
    return [
      stop(trace, dst, acl.id, "network-acl", naclBlock(acl.id, result, false, env.cls, `${what(env, dst)} from ${trace.srcText}`, trace.srcSet.toCidrs().join(", "))),
    ];
  }
  const subnetHop = hop(subnet.id, "subnet", subnetAclEvidence(subnet, acl, how), {
    ...(subnet.name ? { name: subnet.name } : {}),
    ...(trace.az && subnet.availabilityZone !== trace.az ? { details: ["AVAILABILITY_ZONE_CROSSED"] } : {}),
  });
  const aclHop = hop(acl.id, "network-acl", allowEvidence(acl.id, result));
  const reply = replyClass(env.cls, trace.srcPorts);
  const srcSet = trace.srcSet;
  const backs: ReturnStep[] = [];
  if (trace.peering) backs.push(repliesRoutedVia(env, subnet, trace.srcSet, trace.srcText, "peering", trace.peering, trace.srcSet.toCidrs().join(", ")));
  backs.push(repliesLeaveThrough(acl, reply, srcSet, trace.srcText, () => `the replies to ${srcSet.toCidrs().join(", ")}${reply.ports ? ` ports ${reply.ports.toRanges().join(",")}` : ""}`));
  backs.push(passBack(subnetHops(subnet, acl, how).back));
  const after = extend(withTgwReturn(env, subnet, trace), [subnetHop, aclHop], ...backs);
  return next(after, { kind: "subnet-delivery", subnet, dst });
};

/**
 * Into the subnet that holds the transit gateway attachment's ENI the traffic came through: no NACL
 * for traffic from the transit gateway; the replies pass the NACL outbound and, by their source,
 * inbound (withTgwReturn), as for any traffic towards the transit gateway.
 */
function fromOwnAttachment(env: Env, trace: Trace, subnet: Subnet, acl: NetworkAcl, dst: IntervalSet, next: Next): Outcome[] {
  const subnetHop = hop(subnet.id, "subnet", [{ kind: "association", ref: subnet.id, text: `${subnet.id} (${subnet.cidr}, ${subnet.availabilityZone}) holds the transit gateway attachment's ENI: ${acl.id} does not apply to traffic from the transit gateway` }], subnet.name ? { name: subnet.name } : {});
  const reply = replyClass(env.cls, trace.srcPorts);
  const backs: ReturnStep[] = [repliesLeaveThrough(acl, reply, trace.srcSet, trace.srcText, () => `the replies to ${trace.srcSet.toCidrs().join(", ")}`), passBack(subnetHop)];
  return next(extend(withTgwReturn(env, subnet, trace), [subnetHop], ...backs), { kind: "subnet-delivery", subnet, dst });
}
