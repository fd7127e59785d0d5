/**
 * Hand-built verdicts for the rendering, audit and finding tests, shaped as the engine returns them.
 */
import type { Hop, Verdict } from "../../../src/engine/verdict.js";
import type { ReachLookup } from "../../../src/engine/findings/types.js";

export const hop = (sequence: number, component: string, type: Hop["type"], text: string, ref = component): Hop => ({
  sequence,
  component,
  type,
  evidence: [{ kind: type === "route-table" ? "route" : "implicit", ref, text }],
});

/** research → internet through nat-1 (route 0.0.0.0/0 → nat-1 in rtb-private). */
export function reachableViaNat(source = "research"): Verdict {
  return {
    verdict: "reachable",
    source: { id: source, type: "notebook", name: source },
    destination: { spec: "internet", type: "internet", addresses: ["0.0.0.0/0"] },
    protocol: "tcp",
    port: 443,
    path: [
      hop(1, source, "notebook", "notebook ENI in subnet-private"),
      { ...hop(2, "sg-1", "security-group", "allow all to 0.0.0.0/0"), evidence: [{ kind: "sg-rule", ref: "sg-1 egress[0]", text: "allow all to 0.0.0.0/0" }] },
      { ...hop(3, "rtb-private", "route-table", "0.0.0.0/0 → nat-1 (active)"), evidence: [{ kind: "route", ref: "rtb-private", text: "0.0.0.0/0 → nat-1 (active)" }] },
      {
        ...hop(4, "nat-1", "nat-gateway", "translates source to 10.0.0.9"),
        evidence: [{ kind: "translation", ref: "nat-1", text: "source NAT to 10.0.0.9" }],
        inbound: { protocol: "tcp", sourceAddresses: ["10.0.1.10"], destinationAddresses: ["0.0.0.0/0"], sourcePorts: ["32768-60999"], destinationPorts: ["443"] },
        outbound: { protocol: "tcp", sourceAddresses: ["10.0.0.9"], destinationAddresses: ["0.0.0.0/0"], sourcePorts: ["1024-65535"], destinationPorts: ["443"] },
      },
      hop(5, "igw-1", "internet-gateway", "source NAT to 3.3.3.3"),
      hop(6, "internet", "internet", "destination"),
    ],
    returnPath: [
      hop(1, "internet", "internet", "reply"),
      hop(2, "igw-1", "internet-gateway", "reply"),
      { ...hop(3, "acl-1", "network-acl", ""), evidence: [{ kind: "nacl-entry", ref: "acl-1#100/ingress", text: "rule 100 allow all from 0.0.0.0/0" }] },
      hop(4, source, "notebook", "reply"),
    ],
    explanation: "research reaches the internet through nat-1 and igw-1.",
    warnings: [],
  };
}

/** research → s3 blocked by a NACL egress rule. */
export function blockedByAcl(source = "research"): Verdict {
  return {
    verdict: "unreachable",
    source: { id: source, type: "notebook", name: source },
    destination: { spec: "s3", type: "aws-service", addresses: ["52.216.0.0/15"], service: "s3" },
    protocol: "tcp",
    port: 443,
    path: [hop(1, source, "notebook", "notebook ENI in subnet-private")],
    returnPath: [],
    blockedAt: {
      component: "acl-1",
      type: "network-acl",
      code: "SUBNET_ACL_RESTRICTION",
      direction: "forward",
      rule: { kind: "nacl-entry", ref: "acl-1#90/egress", text: "rule 90 deny tcp 443 to 52.216.0.0/15" },
    },
    explanation: "The network ACL acl-1 of subnet-private denies tcp/443 to S3.",
    fix: "allow outbound tcp 443 to 52.216.0.0/15 in acl-1 before rule 90",
    warnings: [],
  };
}

/** research → sagemaker-api unknown: the route table sends traffic to a transit gateway. */
export function unknownAtTgw(source = "research"): Verdict {
  return {
    verdict: "unknown",
    source: { id: source, type: "notebook", name: source },
    destination: { spec: "sagemaker-api", type: "aws-service", addresses: [], service: "sagemaker-api" },
    protocol: "tcp",
    port: 443,
    path: [],
    returnPath: [],
    blockedAt: {
      component: "tgw-1",
      type: "transit-gateway",
      code: "UNSUPPORTED_COMPONENT",
      direction: "forward",
      rule: { kind: "route", ref: "rtb-private", text: "0.0.0.0/0 → tgw-1" },
    },
    explanation: "Traffic goes to transit gateway tgw-1, which vpcreach does not model.",
    warnings: ["transit gateways are not modelled"],
  };
}

/** research → sagemaker-runtime through an interface endpoint whose private DNS is off. */
export function reachableWithEndpointUrl(source = "research"): Verdict {
  return {
    verdict: "reachable",
    source: { id: source, type: "notebook", name: source },
    destination: { spec: "sagemaker-runtime", type: "aws-service", addresses: ["10.0.1.50"], service: "com.amazonaws.us-east-1.sagemaker.runtime" },
    protocol: "tcp",
    port: 443,
    path: [
      hop(1, source, "notebook", "notebook ENI in subnet-private"),
      hop(2, "vpce-runtime", "interface-endpoint", "endpoint ENI 10.0.1.50, sg-endpoint allows tcp 443"),
    ],
    returnPath: [hop(1, "vpce-runtime", "interface-endpoint", "reply"), hop(2, source, "notebook", "reply")],
    explanation: "Reachable through vpce-runtime, but only by its own DNS name: private DNS is off.",
    requiresEndpointUrl: "https://vpce-runtime-abcd.runtime.sagemaker.us-east-1.vpce.amazonaws.com",
    warnings: [],
  };
}

/** A ReachLookup answering every question with the same verdict, recording what was asked. */
export function fixedReach(verdict: Verdict): ReachLookup & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    verdict(source, destination) {
      asked.push(`${source}→${destination}`);
      return verdict;
    },
  };
}
