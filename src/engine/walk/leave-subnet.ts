/**
 * Hop `leave-subnet`: traffic leaving a subnet. Addresses inside the subnet are delivered directly
 * (same-subnet traffic crosses no NACL nor route table); the rest passes the subnet's NACL outbound
 * (and its replies the NACL inbound) and goes to the subnet's route table.
 */
import { IntervalSet } from "../../net/index.js";
import { replyClass, summarize } from "../packet.js";
import { allowEvidence, evaluateNacl, naclBlock } from "../rules/network-acl.js";
import { extend, hop, passBack, stop, type Outcome, type ReturnStep } from "../trace.js";
import { naclOf, peerText, subnetHops, what } from "./shared.js";
import type { Handler } from "./step.js";

/** Out of a subnet: same-subnet delivery, else the NACL outbound and the route table. */
export const leaveSubnet: Handler<"leave-subnet"> = (env, trace, { subnet, dst }, next) => {
  const out: Outcome[] = [];
  const subnetSet = IntervalSet.ofCidr(subnet.cidr);
  const local = dst.intersect(subnetSet);
  if (!local.isEmpty()) out.push(...next(trace, { kind: "subnet-delivery", subnet, dst: local }));
  const rest = dst.subtract(subnetSet);
  if (rest.isEmpty()) return out;
  const found = naclOf(env, subnet);
  if (!("acl" in found)) return [...out, stop(trace, rest, subnet.id, "subnet", found)];
  const { acl, how } = found;
  const result = evaluateNacl(acl, true, env.cls, rest);
  if (!result.denied.isEmpty()) {
    out.push(
      stop(trace, result.denied, acl.id, "network-acl", naclBlock(acl.id, result, true, env.cls, what(env, result.denied), peerText(env, result.denied))),
    );
  }
  if (result.allowed.isEmpty()) return out;
  const shown = subnetHops(subnet, acl, how);
  const aclHop = hop(acl.id, "network-acl", allowEvidence(acl.id, result));
  const reply = replyClass(env.cls, trace.srcPorts);
  const aclBack: ReturnStep = Object.assign((replies: IntervalSet): ReturnType<ReturnStep> => {
    const back = evaluateNacl(acl, false, reply, replies);
    const h = hop(acl.id, "network-acl", allowEvidence(acl.id, back));
    if (back.denied.isEmpty()) return { hop: h, allowed: back.allowed };
    return {
      hop: h,
      allowed: back.allowed,
      block: {
        component: acl.id,
        type: "network-acl",
        direction: "return",
        rb: naclBlock(acl.id, back, false, reply, `the replies${reply.ports ? ` to ports ${reply.ports.toRanges().join(",")}` : ""} from ${summarize(back.denied, 3).join(", ")}`, env.dest.type === "address" ? back.denied.toCidrs().slice(0, 4).join(", ") : "0.0.0.0/0"),
      },
    };
  }, { nacl: { subnetId: subnet.id } });
  const after = extend(trace, [shown.leaving, aclHop], aclBack, passBack(shown.back));
  out.push(...next(after, { kind: "route-table", subnet, dst: result.allowed }));
  return out;
};
