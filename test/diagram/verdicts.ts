/**
 * Verdicts written by hand in the shape src/engine/verdict.ts defines, over the network of
 * networks.ts, so the path view can be tested independently of the analyzer.
 */
import type { BlockedAt, ComponentType, Evidence, Hop, Verdict } from "../../src/engine/verdict.js";
import { IDS } from "./networks.js";

function hop(sequence: number, component: string, type: ComponentType, evidence: Evidence[]): Hop {
  return { sequence, component, type, evidence };
}

const ev = (kind: Evidence["kind"], ref: string, text: string): Evidence[] => [{ kind, ref, text }];

/** The notebook's first hops: itself, its ENI, its security group, its subnet. */
function notebookStart(): Hop[] {
  return [
    hop(1, IDS.notebook, "notebook", ev("association", IDS.notebook, "notebook research uses eni-0nb")),
    hop(2, IDS.notebookEni, "network-interface", ev("association", IDS.notebookEni, "eni-0nb in subnet-0qa")),
    hop(3, "sg-0nb", "security-group", ev("sg-rule", "sg-0nb egress[0]", "allow all to 0.0.0.0/0")),
    hop(4, IDS.privateA, "subnet", ev("association", IDS.privateA, "subnet-0qa uses acl-0qa")),
  ];
}

function base(overrides: Partial<Verdict>): Verdict {
  return {
    verdict: "reachable",
    source: { id: IDS.notebook, type: "notebook", name: IDS.notebook },
    destination: { spec: "internet", type: "internet", addresses: ["0.0.0.0/0"] },
    protocol: "tcp",
    port: 443,
    path: [],
    returnPath: [],
    explanation: "",
    warnings: [],
    ...overrides,
  };
}

/** research → internet through NAT gateway A and the internet gateway. */
export function reachableInternet(): Verdict {
  return base({
    path: [
      ...notebookStart(),
      hop(5, "acl-0qa", "network-acl", ev("nacl-entry", "acl-0qa#100/egress", "rule 100 allow all")),
      hop(6, IDS.privateRtbA, "route-table", ev("route", IDS.privateRtbA, "0.0.0.0/0 → nat-0aaa (active)")),
      hop(7, IDS.natA, "nat-gateway", ev("translation", IDS.natA, "source 10.0.16.5 → 10.0.0.10")),
      hop(8, IDS.publicA, "subnet", ev("association", IDS.publicA, "subnet-0pa")),
      hop(9, IDS.publicRtb, "route-table", ev("route", IDS.publicRtb, "0.0.0.0/0 → igw-0aaa (active)")),
      hop(10, IDS.igw, "internet-gateway", ev("translation", IDS.igw, "10.0.0.10 → 52.0.0.1")),
      hop(11, "internet", "internet", ev("implicit", "internet", "public internet")),
    ],
    explanation: "research reaches the internet through nat-0aaa and igw-0aaa.",
  });
}

/** research → S3 blocked by the private subnet's NACL (an invisible component). */
export function blockedByNacl(): Verdict {
  const blockedAt: BlockedAt = {
    component: "acl-0qa",
    type: "network-acl",
    code: "SUBNET_ACL_RESTRICTION",
    direction: "forward",
    rule: { kind: "nacl-entry", ref: "acl-0qa#90/egress", text: "rule 90 deny tcp 443 to 52.216.0.0/15" },
  };
  return base({
    verdict: "unreachable",
    destination: { spec: "s3", type: "aws-service", addresses: ["52.216.0.0/15"], service: "s3" },
    path: notebookStart(),
    blockedAt,
    explanation: "acl-0qa denies tcp 443 to S3.",
    fix: "allow tcp 443 to pl-63a5400a's CIDRs in acl-0qa",
  });
}

/** research → internet blocked at NAT gateway A, which is not available (a drawn component). */
export function blockedAtNat(): Verdict {
  return base({
    verdict: "unreachable",
    path: [...notebookStart(), hop(5, IDS.privateRtbA, "route-table", ev("route", IDS.privateRtbA, "0.0.0.0/0 → nat-0aaa (active)"))],
    blockedAt: { component: IDS.natA, type: "nat-gateway", code: "BAD_STATE", direction: "forward", rule: { kind: "state", ref: IDS.natA, text: "nat-0aaa is pending" } },
    explanation: "nat-0aaa is not available.",
  });
}

/** research → 10.9.0.0/16, stopped at a transit gateway the engine does not model. */
export function unknownAtTgw(): Verdict {
  return base({
    verdict: "unknown",
    destination: { spec: "10.9.0.0/16", type: "address", addresses: ["10.9.0.0/16"] },
    path: [...notebookStart(), hop(5, IDS.privateRtbA, "route-table", ev("route", IDS.privateRtbA, "10.9.0.0/16 → tgw-0abc (active)"))],
    blockedAt: { component: "tgw-0abc", type: "transit-gateway", code: "UNSUPPORTED_COMPONENT", direction: "forward", rule: { kind: "route", ref: IDS.privateRtbA, text: "10.9.0.0/16 → tgw-0abc" } },
    explanation: "transit gateways are not modelled.",
  });
}

/** eni-0lonely (in subnet-p00007 of manySubnets) → internet through the estate's one NAT gateway. */
export function lonelyEniToInternet(): Verdict {
  return base({
    source: { id: "eni-0lonely", type: "network-interface" },
    path: [
      hop(1, "eni-0lonely", "network-interface", ev("association", "eni-0lonely", "eni-0lonely in subnet-p00007")),
      hop(2, "subnet-p00007", "subnet", ev("association", "subnet-p00007", "subnet-p00007 uses acl-0big")),
      hop(3, "rtb-0bigmain", "route-table", ev("route", "rtb-0bigmain:0.0.0.0/0", "0.0.0.0/0 → nat-0big (active), rtb-0bigmain (main)")),
      hop(4, "nat-0big", "nat-gateway", ev("translation", "nat-0big", "source → 10.255.0.10")),
      hop(5, "subnet-pub0", "subnet", ev("association", "subnet-pub0", "subnet-pub0")),
      hop(6, "rtb-0bigpub", "route-table", ev("route", "rtb-0bigpub:0.0.0.0/0", "0.0.0.0/0 → igw-0big (active), rtb-0bigpub (explicit association)")),
      hop(7, "igw-0big", "internet-gateway", ev("translation", "igw-0big", "10.255.0.10 → 52.0.0.9")),
      hop(8, "internet", "internet", ev("implicit", "internet", "public internet")),
    ],
  });
}

/** research → 10.1.1.50 (the database in the peered VPC) through pcx-0peer. */
export function throughPeering(): Verdict {
  return base({
    destination: { spec: "10.1.1.50", type: "address", addresses: ["10.1.1.50/32"] },
    path: [
      ...notebookStart(),
      hop(5, IDS.privateRtbA, "route-table", ev("route", `${IDS.privateRtbA}:10.1.0.0/16`, "10.1.0.0/16 → pcx-0peer (active), rtb-0qa (explicit association)")),
      hop(6, "pcx-0peer", "vpc-peering-connection", ev("state", "pcx-0peer", "pcx-0peer active")),
      hop(7, "subnet-0data", "subnet", ev("association", "subnet-0data", "subnet-0data uses acl-0data")),
      hop(8, "eni-0db", "network-interface", ev("association", "eni-0db", "eni-0db (10.1.1.50)")),
      hop(9, "i-0db", "instance", ev("association", "i-0db", "eni-0db attached to i-0db")),
    ],
  });
}
