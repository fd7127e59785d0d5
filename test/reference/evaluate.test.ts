/**
 * Unit tests of the reference evaluator on the hand-built world (test/reference/world.ts), one AWS
 * rule per test, independent of the engine.
 */
import { describe, expect, it } from "vitest";
import { evaluateFromInternet, evaluatePacket, type RefOutcome, type RefQuery } from "./evaluate.js";
import { world } from "./world.js";
import { naclEntry, networkAcl, route, sgRule, natGateway, routeTable, vpc } from "../generators/model-builder.js";
import type { Model } from "../../src/model/types.js";

function ask(model: Model, from: string, dstIp: string, extra: Partial<RefQuery> = {}): RefOutcome {
  return evaluatePacket(model, { from, dstIp, protocol: "tcp", dstPort: 443, clientPort: 40000, natPort: 40000, ...extra });
}

function expectDropped(outcome: RefOutcome, component: string, code: string, direction = "forward"): void {
  expect(outcome, JSON.stringify(outcome, null, 1)).toMatchObject({ kind: "dropped", component, code, direction });
}

function expectDelivered(outcome: RefOutcome, reached: string): void {
  expect(outcome, JSON.stringify(outcome, null, 1)).toMatchObject({ kind: "delivered", reached });
}

describe("reference evaluator: internet gateway", () => {
  it("delivers a public instance's packet to the internet and its reply back", () => {
    expectDelivered(ask(world(), "i-0eb1", "8.8.8.8"), "internet");
  });

  it("drops egress from a source without a public IP (IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS)", () => {
    const model = world((p) => {
      p.routeTables[2]!.routes[2] = route("0.0.0.0/0", { kind: "igw", id: "igw-a" });
    });
    expectDropped(ask(model, "i-0a11", "8.8.8.8"), "igw-a", "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS");
  });

  it("drops RFC 1918 and RFC 6598 destinations at the IGW", () => {
    expectDropped(ask(world(), "i-0eb1", "192.168.1.1"), "igw-a", "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS");
    expectDropped(ask(world(), "i-0eb1", "100.64.1.1"), "igw-a", "IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS");
  });

  it("drops at an IGW not attached to the VPC", () => {
    const model = world((p) => {
      p.internetGateways[0]!.attachedVpcIds = [];
    });
    expectDropped(ask(model, "i-0eb1", "8.8.8.8"), "igw-a", "BAD_STATE_ATTACHMENT");
  });
});

describe("reference evaluator: traffic coming in from the internet", () => {
  it("refuses an unsolicited connection to a NAT gateway's public IP", () => {
    const outcome = evaluateFromInternet(world(), { srcIp: "8.8.8.8", dstIp: "3.3.3.3", protocol: "tcp", dstPort: 80, srcPort: 49152 });
    expectDropped(outcome, "nat-a", "NO_PATH");
  });

  it("applies the instance's security group to traffic from the internet", () => {
    const inbound = (dstPort: number) => evaluateFromInternet(world((p) => {
      p.securityGroups[0]!.ingress.push(sgRule("sg-app", "ingress", "tcp", "0.0.0.0/0", [443, 443], 1));
    }), { srcIp: "8.8.8.8", dstIp: "54.1.1.10", protocol: "tcp", dstPort, srcPort: 49152 });
    expectDelivered(inbound(443), "eni-0eb1");
    expectDropped(inbound(22), "sg-app", "ENI_SG_RULES_MISMATCH");
  });

  it("walks a packet to the network's own public IP out through the internet and back in", () => {
    expectDropped(ask(world(), "i-0a11", "3.3.3.3", { dstPort: 80 }), "nat-a", "NO_PATH");
    const open = world((p) => {
      p.securityGroups[0]!.ingress.push(sgRule("sg-app", "ingress", "tcp", "3.3.3.3/32", [443, 443], 1));
    });
    expectDelivered(ask(open, "i-0a11", "54.1.1.10"), "eni-0eb1");
    expectDropped(ask(world(), "i-0a11", "54.1.1.10"), "sg-app", "ENI_SG_RULES_MISMATCH");
  });
});

describe("reference evaluator: NAT gateway", () => {
  it("refuses protocols other than TCP, UDP and ICMP (PROTOCOL_RESTRICTION)", () => {
    expectDropped(ask(world(), "i-0a11", "8.8.8.8", { protocol: { number: 107 } }), "nat-a", "PROTOCOL_RESTRICTION");
  });

  it("delivers a private instance's packet through the NAT and the IGW", () => {
    const outcome = ask(world(), "i-0a11", "8.8.8.8");
    expectDelivered(outcome, "internet");
    expect(outcome.steps.join("\n")).toContain("translates the source to 10.0.1.5:40000");
  });

  it("checks the reply against the NAT subnet's NACL with the NAT's port", () => {
    const model = world((p) => {
      p.networkAcls.push(
        networkAcl("acl-pub", "vpc-a", {
          subnetIds: ["subnet-pub"],
          entries: [naclEntry(100, true, "allow", "all", "0.0.0.0/0"), naclEntry(100, false, "allow", "tcp", "0.0.0.0/0", [32768, 65535]), naclEntry(110, false, "allow", "all", "10.0.0.0/8")],
        }),
      );
    });
    expectDelivered(ask(model, "i-0a11", "8.8.8.8", { natPort: 40000 }), "internet");
    expectDropped(ask(model, "i-0a11", "8.8.8.8", { natPort: 2000 }), "acl-pub", "SUBNET_ACL_RESTRICTION", "return");
  });

  it("drops at a failed NAT gateway (BAD_STATE)", () => {
    const model = world((p) => {
      p.natGateways[0]!.state = "failed";
    });
    expectDropped(ask(model, "i-0a11", "8.8.8.8"), "nat-a", "BAD_STATE");
  });

  it("gives a private NAT gateway no way to the internet", () => {
    const model = world((p) => {
      p.natGateways[0] = natGateway("nat-a", "vpc-a", "subnet-pub", { privateIp: "10.0.1.5", eniId: "eni-nat", connectivityType: "private" });
      p.networkInterfaces.find((e) => e.id === "eni-nat")!.privateIps[0]!.publicIp = undefined;
    });
    expectDropped(ask(model, "i-0a11", "8.8.8.8"), "igw-a", "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS");
  });

  it("does not serve its own subnet, nor accept connections to itself", () => {
    const model = world((p) => {
      p.routeTables[1]!.routes[2] = route("0.0.0.0/0", { kind: "nat", id: "nat-a" });
    });
    expectDropped(ask(model, "i-0eb1", "8.8.8.8"), "nat-a", "NO_PATH");
    expectDropped(ask(world(), "i-0a11", "10.0.1.5"), "nat-a", "NO_PATH");
  });

  it("drops a translated packet that its own subnet routes back into the same NAT (a loop)", () => {
    const model = world((p) => {
      const defaultRoute = p.routeTables[1]!.routes.findIndex((r) => r.destination.kind === "cidr" && r.destination.cidr === "0.0.0.0/0");
      p.routeTables[1]!.routes[defaultRoute] = route("0.0.0.0/0", { kind: "nat", id: "nat-a" });
    });
    const outcome = ask(model, "i-0a11", "8.8.8.8");
    expectDropped(outcome, "nat-a", "NO_PATH");
    expect(outcome.kind === "dropped" && outcome.reason).toContain("routing loop");
  });

  it("serves a subnet in a secondary VPC CIDR", () => {
    expectDelivered(ask(world(), "i-05ec", "8.8.8.8"), "internet");
  });
});

describe("reference evaluator: routes", () => {
  it("drops on a blackhole route (BAD_STATE_ROUTE)", () => {
    const model = world((p) => {
      p.routeTables[2]!.routes.push(route("8.8.8.0/24", { kind: "nat", id: "nat-a" }, "blackhole"));
    });
    expectDropped(ask(model, "i-0a11", "8.8.8.8"), "rtb-priv", "BAD_STATE_ROUTE");
    expectDelivered(ask(model, "i-0a11", "8.8.4.4"), "internet");
  });

  it("drops when no route matches (NO_ROUTE_TO_DESTINATION)", () => {
    const model = world((p) => {
      p.routeTables[2]!.routes = p.routeTables[2]!.routes.filter((r) => r.target.kind !== "nat");
    });
    expectDropped(ask(model, "i-0a11", "8.8.8.8"), "rtb-priv", "NO_ROUTE_TO_DESTINATION");
  });

  it("sends S3 traffic through the gateway endpoint even where 0.0.0.0/0 goes to the IGW", () => {
    expect(ask(world(), "i-0eb1", "52.216.5.5")).toMatchObject({ kind: "delivered", reached: "vpce-s3", reachedKind: "service" });
  });

  it("prefers a CIDR route equal to the endpoint's prefix-list CIDR", () => {
    const model = world((p) => {
      p.routeTables[1]!.routes.push(route("52.216.0.0/15", { kind: "igw", id: "igw-a" }));
    });
    expect(ask(model, "i-0eb1", "52.216.5.5")).toMatchObject({ kind: "delivered", reached: "internet" });
  });

  it("refuses UDP at a gateway endpoint (VPCE_GATEWAY_PROTOCOL_RESTRICTION)", () => {
    expectDropped(ask(world(), "i-0a11", "52.216.5.5", { protocol: "udp" }), "vpce-s3", "VPCE_GATEWAY_PROTOCOL_RESTRICTION");
  });

  it("carries connections through a gateway endpoint whose policy allows some request, none when it allows nothing", () => {
    const withPolicy = (policy: object | string) =>
      world((p) => {
        p.vpcEndpoints[0]!.policyDocument = typeof policy === "string" ? policy : JSON.stringify(policy);
      });
    const narrow = { Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::corp-bucket/*" }] };
    const denyAll = { Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }, { Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Resource: "*" }] };
    const noAllow = { Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: "*" }] };
    expect(ask(withPolicy(narrow), "i-0a11", "52.216.5.5")).toMatchObject({ kind: "delivered", reached: "vpce-s3" });
    expectDropped(ask(withPolicy(denyAll), "i-0a11", "52.216.5.5"), "vpce-s3", "VPCE_POLICY_RESTRICTION");
    expectDropped(ask(withPolicy(noAllow), "i-0a11", "52.216.5.5"), "vpce-s3", "VPCE_POLICY_RESTRICTION");
    expect(ask(withPolicy("not json"), "i-0a11", "52.216.5.5").kind).toBe("unmodeled");
  });

  it("says unmodeled (missing data) for a transit gateway the snapshot lacks", () => {
    const model = world((p) => {
      p.routeTables[2]!.routes.push(route("192.168.0.0/16", { kind: "transit-gateway", id: "tgw-1" }));
    });
    expect(ask(model, "i-0a11", "192.168.1.1").kind).toBe("unmodeled");
  });

  it("says unmodeled for a route target it does not model (virtual private gateway, ENI)", () => {
    for (const target of [{ kind: "vpn-gateway" as const, id: "vgw-1" }, { kind: "network-interface" as const, id: "eni-0eb1" }]) {
      const model = world((p) => {
        p.routeTables[2]!.routes.push(route("192.168.0.0/16", target));
      });
      expect(ask(model, "i-0a11", "192.168.1.1"), target.kind).toMatchObject({ kind: "unmodeled", missingData: false });
    }
  });

  it("prefers a static CIDR route to a prefix-list route of the same length, whatever its target", () => {
    const model = world((p) => {
      p.prefixLists.push({ ...p.prefixLists[0]!, id: "pl-corp", prefixListName: "corp", cidrs: ["198.51.100.0/24"], awsManaged: false });
      p.routeTables[1]!.routes.push(route("pl-corp", { kind: "peering", id: "pcx-ab" }), route("198.51.100.0/24", { kind: "igw", id: "igw-a" }));
    });
    expectDelivered(ask(model, "i-0eb1", "198.51.100.7"), "internet");
  });

  it("says unmodeled for two prefix lists tying with different targets", () => {
    const model = world((p) => {
      p.prefixLists.push({ ...p.prefixLists[0]!, id: "pl-dup", prefixListName: "dup" });
      p.routeTables[2]!.routes.push(route("pl-dup", { kind: "nat", id: "nat-a" }));
    });
    expect(ask(model, "i-0a11", "52.216.5.5").kind).toBe("unmodeled");
  });
});

describe("reference evaluator: network ACLs", () => {
  it("applies entries in rule-number order whatever the list order", () => {
    const denyFirst = world((p) => {
      p.networkAcls.push(
        networkAcl("acl-priv", "vpc-a", {
          subnetIds: ["subnet-priv"],
          entries: [naclEntry(200, true, "allow", "all", "0.0.0.0/0"), naclEntry(100, true, "deny", "tcp", "8.8.8.0/24", [443, 443]), naclEntry(100, false, "allow", "all", "0.0.0.0/0")],
        }),
      );
      p.networkAcls[2]!.entries.reverse();
    });
    expectDropped(ask(denyFirst, "i-0a11", "8.8.8.8"), "acl-priv", "SUBNET_ACL_RESTRICTION");
    expectDelivered(ask(denyFirst, "i-0a11", "8.8.8.8", { dstPort: 80 }), "internet");
  });

  it("checks the reply's own ports (stateless)", () => {
    const model = world((p) => {
      p.networkAcls.push(
        networkAcl("acl-priv", "vpc-a", {
          subnetIds: ["subnet-priv"],
          entries: [naclEntry(100, true, "allow", "all", "0.0.0.0/0"), naclEntry(100, false, "allow", "tcp", "0.0.0.0/0", [1024, 32767])],
        }),
      );
    });
    expectDropped(ask(model, "i-0a11", "8.8.8.8", { clientPort: 40000 }), "acl-priv", "SUBNET_ACL_RESTRICTION", "return");
    expectDelivered(ask(model, "i-0a11", "8.8.8.8", { clientPort: 30000 }), "internet");
  });

  it("needs the prefix list's CIDRs in the NACL for S3 through the gateway endpoint", () => {
    const model = world((p) => {
      p.networkAcls.push(
        networkAcl("acl-priv", "vpc-a", {
          subnetIds: ["subnet-priv"],
          entries: [naclEntry(100, true, "allow", "all", "0.0.0.0/0"), naclEntry(100, false, "allow", "all", "10.0.0.0/8")],
        }),
      );
    });
    expectDropped(ask(model, "i-0a11", "52.216.5.5"), "acl-priv", "SUBNET_ACL_RESTRICTION", "return");
  });

  it("crosses no NACL within a subnet", () => {
    const model = world((p) => {
      p.networkAcls[0]!.entries = [];
    });
    expectDelivered(ask(model, "i-0a11", "10.0.2.11", { dstPort: 22 }), "eni-0a22");
    expectDropped(ask(model, "i-0eb1", "10.0.2.11", { dstPort: 22 }), "acl-a", "SUBNET_ACL_RESTRICTION");
  });
});

describe("reference evaluator: security groups and interface endpoints", () => {
  it("matches a security-group reference by the peer ENI's private IP", () => {
    expectDelivered(ask(world(), "i-0eb1", "10.0.2.10", { dstPort: 22 }), "eni-0a11");
    expectDropped(ask(world(), "i-0eb1", "10.0.2.10", { dstPort: 80 }), "sg-app", "ENI_SG_RULES_MISMATCH");
  });

  it("says SG_HAS_NO_RULES for a group with no egress rules", () => {
    const model = world((p) => {
      p.securityGroups[0]!.egress = [];
    });
    expectDropped(ask(model, "i-0a11", "8.8.8.8"), "sg-app", "SG_HAS_NO_RULES");
  });

  it("enforces the interface endpoint's security group", () => {
    expectDelivered(ask(world(), "i-0a11", "10.0.3.20"), "eni-ep");
    expectDropped(ask(world(), "i-0a11", "10.0.3.20", { dstPort: 80 }), "sg-ep", "ENI_SG_RULES_MISMATCH");
    const pending = world((p) => {
      p.vpcEndpoints[1]!.state = "pendingAcceptance";
    });
    expectDropped(ask(pending, "i-0a11", "10.0.3.20"), "vpce-rt", "BAD_STATE");
  });

  it("carries only TCP to an interface endpoint (PROTOCOL_RESTRICTION)", () => {
    const model = world((p) => {
      p.securityGroups[1]!.ingress.push(sgRule("sg-ep", "ingress", "all", "10.0.0.0/16", undefined, 1));
    });
    expectDelivered(ask(model, "i-0a11", "10.0.3.20", { dstPort: 53 }), "eni-ep");
    expectDropped(ask(model, "i-0a11", "10.0.3.20", { protocol: "udp", dstPort: 53 }), "vpce-rt", "PROTOCOL_RESTRICTION");
    expectDropped(ask(model, "i-0a11", "10.0.3.20", { protocol: "icmp" }), "vpce-rt", "PROTOCOL_RESTRICTION");
  });

  it("admits S3 by a prefix-list egress rule only", () => {
    const model = world((p) => {
      p.securityGroups[0]!.egress = [sgRule("sg-app", "egress", "tcp", "pl-s3", [443, 443])];
    });
    expect(ask(model, "i-0a11", "52.216.5.5").kind).toBe("delivered");
    expectDropped(ask(model, "i-0a11", "8.8.8.8"), "sg-app", "ENI_SG_RULES_MISMATCH");
  });
});

describe("reference evaluator: peering", () => {
  it("delivers across an active peering and back", () => {
    expectDelivered(ask(world(), "i-0a11", "10.1.1.10"), "eni-0b11");
  });

  it("drops the reply when the peer has no route back", () => {
    const model = world((p) => {
      p.routeTables[3] = routeTable("rtb-main-b", vpc("vpc-b", ["10.1.0.0/16"]), { main: true });
    });
    expectDropped(ask(model, "i-0a11", "10.1.1.10"), "rtb-main-b", "NO_ROUTE_TO_DESTINATION", "return");
  });

  it("drops at a peering that is not active", () => {
    const model = world((p) => {
      p.vpcPeeringConnections[0]!.status = "pending-acceptance";
    });
    expectDropped(ask(model, "i-0a11", "10.1.1.10"), "pcx-ab", "BAD_STATE");
  });

  it("needs the source inside the VPC CIDR (a secondary CIDR the peer's route does not cover)", () => {
    const model = world((p) => {
      p.securityGroups[2]!.ingress.push(sgRule("sg-b", "ingress", "tcp", "172.16.0.0/16", [443, 443], 1));
    });
    expectDropped(ask(model, "i-05ec", "10.1.1.10"), "rtb-main-b", "NO_ROUTE_TO_DESTINATION", "return");
  });
});

describe("reference evaluator: SageMaker notebooks", () => {
  it("sends a direct-internet notebook's internet traffic through the managed network", () => {
    const model = world((p) => {
      p.routeTables[2]!.routes = [];
    });
    expect(ask(model, "nb-direct", "8.8.8.8")).toMatchObject({ kind: "delivered", reachedKind: "sagemaker-managed-network" });
    expectDelivered(ask(model, "nb-direct", "10.0.3.20"), "eni-ep");
  });

  it("drops a direct-internet notebook's packets to private space outside its VPC (a peered VPC too)", () => {
    expectDelivered(ask(world(), "i-0a11", "10.1.1.10"), "eni-0b11");
    expectDropped(ask(world(), "nb-direct", "10.1.1.10"), "sagemaker-managed-network", "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS");
    expectDropped(ask(world(), "nb-direct", "100.64.1.1"), "sagemaker-managed-network", "IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS");
    expectDelivered(ask(world(), "nb-private", "10.1.1.10"), "eni-0b11");
  });

  it("walks a direct-internet notebook's packet to a public IP of the network back in, from every possible SageMaker address", () => {
    expectDropped(ask(world(), "nb-direct", "54.1.1.10"), "sg-app", "ENI_SG_RULES_MISMATCH");
    const open = world((p) => {
      p.securityGroups[0]!.ingress.push(sgRule("sg-app", "ingress", "tcp", "0.0.0.0/0", [443, 443], 1));
    });
    expect(ask(open, "nb-direct", "54.1.1.10")).toMatchObject({ kind: "delivered", reached: "eni-0eb1", assumed: ["the SageMaker-managed network's public address is in no snapshot"] });
    const partly = world((p) => {
      p.securityGroups[0]!.ingress.push(sgRule("sg-app", "ingress", "tcp", "8.8.8.0/24", [443, 443], 1));
    });
    expect(ask(partly, "nb-direct", "54.1.1.10")).toMatchObject({ kind: "unmodeled", missingData: true });
  });

  it("sends a VPC-only notebook through the customer subnet", () => {
    expectDelivered(ask(world(), "nb-private", "8.8.8.8"), "internet");
    expectDelivered(ask(world(), "notebook/nb-private", "10.0.3.20"), "eni-ep");
  });
});

describe("reference evaluator: a prefix list without entries in the snapshot", () => {
  const withoutEntries = (tweak: Parameters<typeof world>[0] = () => {}) =>
    world((p) => {
      p.prefixLists[0]!.cidrs = undefined;
      tweak(p);
    });

  it("keeps a verdict every possible list gives, marked as assumed", () => {
    // Held by the list: the gateway endpoint delivers; not held: the NAT and the IGW do.
    const s3 = ask(withoutEntries(), "i-0a11", "52.216.5.5");
    expect(s3).toMatchObject({ kind: "delivered", assumed: ["prefix list pl-s3 has no entries in the snapshot"] });
    expect(ask(withoutEntries(), "i-0a11", "52.216.5.5", { protocol: "icmp" })).toMatchObject({ kind: "delivered" });
  });

  it("takes an AWS-managed list to hold only public ranges", () => {
    const outcome = ask(withoutEntries(), "i-0a11", "10.1.1.10");
    expect(outcome).toMatchObject({ kind: "delivered", reached: "eni-0b11", assumed: ["prefix list pl-s3 has no entries in the snapshot"] });
    expect(outcome.steps.join("\n")).toContain("holds only public ranges, not 10.1.1.10");
  });

  it("says unmodeled (missing data) where the verdict depends on the entries", () => {
    const model = withoutEntries((p) => {
      p.securityGroups[0]!.egress = [sgRule("sg-app", "egress", "tcp", "pl-s3", [443, 443])];
    });
    expect(ask(model, "i-0a11", "8.8.8.8")).toMatchObject({ kind: "unmodeled", missingData: true });
  });
});
