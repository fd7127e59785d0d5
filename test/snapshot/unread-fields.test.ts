/**
 * AWS fields the snapshot reader left unread although their value changes a verdict (the inventory
 * in docs/rule-coverage.md, "Fields of the describe-* outputs"). Each case is a fixture with one
 * field set as AWS prints it; before the fix the engine gave a confident wrong answer.
 */
import { describe, expect, it } from "vitest";
import { loadModel } from "../../src/snapshot/load.js";
import { createAnalyzer } from "../../src/engine/index.js";
import { evaluatePacket } from "../reference/evaluate.js";
import { editedFixture, recordOf, type JsonRecord } from "./helpers.js";

const ENIS = "us-east-1/describe-network-interfaces.json";
const GROUPS = "us-east-1/describe-security-groups.json";

describe("an ENI's delegated IPv4 prefixes (Ipv4Prefixes, prefix delegation)", () => {
  const NOTEBOOK_SUBNET = "subnet-0a93b5a7db38e063e";
  const DEFAULT_SG = "sg-082994ad615d9b41d";
  /** nat-notebook with a node ENI in the notebook's subnet holding 10.30.10.64/28, its group open to the VPC on 443. */
  const folder = () =>
    editedFixture("nat-notebook", {
      [ENIS]: (j) => {
        (j.NetworkInterfaces as JsonRecord[]).push({
          NetworkInterfaceId: "eni-0pods", AvailabilityZone: "us-east-1a", Groups: [{ GroupId: DEFAULT_SG, GroupName: "default" }],
          InterfaceType: "interface", PrivateIpAddress: "10.30.10.50", PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: "10.30.10.50" }],
          Ipv4Prefixes: [{ Ipv4Prefix: "10.30.10.64/28" }], SourceDestCheck: true, Status: "in-use",
          SubnetId: NOTEBOOK_SUBNET, VpcId: "vpc-06c270c388eacc748", OwnerId: "111122223333", Description: "EKS node, prefix mode",
        });
      },
      [GROUPS]: (j) => {
        (recordOf(j, "SecurityGroups", "GroupId", DEFAULT_SG).IpPermissions as JsonRecord[]).push({
          IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.30.0.0/16" }], UserIdGroupPairs: [], Ipv6Ranges: [], PrefixListIds: [],
        });
      },
    });

  it("reads every address of the prefix as held by the ENI", async () => {
    const eni = (await loadModel(folder())).networkInterfaces.get("eni-0pods");
    const prefix = eni?.privateIps.filter((a) => a.delegatedPrefix === "10.30.10.64/28").map((a) => a.privateIp);
    expect(prefix).toHaveLength(16);
    expect(prefix?.[0]).toBe("10.30.10.64");
    expect(prefix?.[15]).toBe("10.30.10.79");
  });

  it("delivers to an address of the prefix (was NO_POSSIBLE_DESTINATION), as the reference does", async () => {
    const model = await loadModel(folder());
    const verdict = createAnalyzer(model).query({ from: "nat-notebook", to: "10.30.10.70", protocol: "tcp", port: 443 });
    expect(verdict.verdict, verdict.explanation).toBe("reachable");
    expect(verdict.path.at(-1)?.component).toBe("eni-0pods");
    expect(verdict.path.at(-1)?.evidence[0]?.text).toContain("prefix 10.30.10.64/28");
    const packet = { from: "nat-notebook", dstIp: "10.30.10.70", protocol: "tcp", dstPort: 443, clientPort: 40000, natPort: 2000 } as const;
    expect(evaluatePacket(model, packet).kind).toBe("delivered");
  });

  it("rejects a delegated prefix wider than /28 (AWS delegates /28 only)", async () => {
    const wide = editedFixture("nat-notebook", {
      [ENIS]: (j) => {
        (j.NetworkInterfaces as JsonRecord[])[1]!.Ipv4Prefixes = [{ Ipv4Prefix: "10.30.10.0/24" }];
      },
    });
    await expect(loadModel(wide)).rejects.toThrow(/delegated prefix/);
  });
});

describe("endpoints whose far side is not modelled (VpcEndpointType Resource, ServiceNetwork, GatewayLoadBalancer)", () => {
  const RUNTIME = "vpce-0a3def9faecb015a5";
  const folder = (type: string) =>
    editedFixture("vpc-only-endpoints", {
      "us-east-1/describe-vpc-endpoints.json": (j) => {
        const endpoint = recordOf(j, "VpcEndpoints", "VpcEndpointId", RUNTIME);
        endpoint.VpcEndpointType = type;
        endpoint.PrivateDnsEnabled = false;
        if (type === "Resource" || type === "ServiceNetwork") {
          delete endpoint.ServiceName;
          endpoint.ResourceConfigurationArn = "arn:aws:vpc-lattice:us-east-1:444455556666:resourceconfiguration/rcfg-0abc";
        }
      },
    });

  it.each(["Resource", "ServiceNetwork", "GatewayLoadBalancer"])("a %s endpoint's ENI its groups admit: unknown naming the endpoint (was reachable)", async (type) => {
    const model = await loadModel(folder(type));
    const verdict = createAnalyzer(model).query({ from: "vpc-only-notebook", to: "10.40.10.9", protocol: "tcp", port: 443 });
    expect(verdict.verdict, verdict.explanation).toBe("unknown");
    expect(verdict.blockedAt).toMatchObject({ component: RUNTIME, code: "UNSUPPORTED_COMPONENT" });
    expect(verdict.explanation).toContain(`${type} endpoint`);
    const packet = { from: "vpc-only-notebook", dstIp: "10.40.10.9", protocol: "tcp", dstPort: 443, clientPort: 40000, natPort: 2000 } as const;
    expect(evaluatePacket(model, packet).kind).toBe("unmodeled");
  });

  it("a port its groups refuse stays unreachable", async () => {
    const verdict = createAnalyzer(await loadModel(folder("Resource"))).query({ from: "vpc-only-notebook", to: "10.40.10.9", protocol: "tcp", port: 5432 });
    expect(verdict.verdict).toBe("unreachable");
  });

  it("an interface endpoint is still followed (control)", async () => {
    const verdict = createAnalyzer(await loadModel(folder("Interface"))).query({ from: "vpc-only-notebook", to: "10.40.10.9", protocol: "tcp", port: 443 });
    expect(verdict.verdict).toBe("reachable");
  });
});

describe("an ENI without security groups (Groups [], e.g. a Network Load Balancer's)", () => {
  const folder = () =>
    editedFixture("nat-notebook", {
      [ENIS]: (j) => {
        (j.NetworkInterfaces as JsonRecord[]).push({
          NetworkInterfaceId: "eni-0nlb", AvailabilityZone: "us-east-1a", Groups: [], InterfaceType: "network_load_balancer",
          PrivateIpAddress: "10.30.10.90", PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: "10.30.10.90" }], SourceDestCheck: false,
          Status: "in-use", SubnetId: "subnet-0a93b5a7db38e063e", VpcId: "vpc-06c270c388eacc748", OwnerId: "111122223333",
          Description: "ELB net/my-nlb/50dc6c495c0c9188", RequesterManaged: true, RequesterId: "amazon-elb",
        });
      },
    });

  it("is unknown naming the ENI and its type (was a confident unreachable: 'no inbound rule of  allows')", async () => {
    const model = await loadModel(folder());
    const verdict = createAnalyzer(model).query({ from: "nat-notebook", to: "10.30.10.90", protocol: "tcp", port: 443 });
    expect(verdict.verdict, verdict.explanation).toBe("unknown");
    expect(verdict.blockedAt).toMatchObject({ component: "eni-0nlb", code: "UNSUPPORTED_COMPONENT" });
    expect(verdict.explanation).toContain("network_load_balancer");
    const packet = { from: "nat-notebook", dstIp: "10.30.10.90", protocol: "tcp", dstPort: 443, clientPort: 40000, natPort: 2000 } as const;
    expect(evaluatePacket(model, packet).kind).toBe("unmodeled");
  });
});

describe("a destination ENI attached to nothing (Status available)", () => {
  const folder = (status: string) =>
    editedFixture("nat-notebook", {
      [ENIS]: (j) => {
        (j.NetworkInterfaces as JsonRecord[]).push({
          NetworkInterfaceId: "eni-0spare", AvailabilityZone: "us-east-1a", Groups: [{ GroupId: "sg-082994ad615d9b41d" }], InterfaceType: "interface",
          PrivateIpAddress: "10.30.10.50", PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: "10.30.10.50" }], SourceDestCheck: true,
          Status: status, SubnetId: "subnet-0a93b5a7db38e063e", VpcId: "vpc-06c270c388eacc748", OwnerId: "111122223333",
        });
      },
      [GROUPS]: (j) => {
        (recordOf(j, "SecurityGroups", "GroupId", "sg-082994ad615d9b41d").IpPermissions as JsonRecord[]).push({
          IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.30.0.0/16" }], UserIdGroupPairs: [], Ipv6Ranges: [], PrefixListIds: [],
        });
      },
    });
  const QUESTION = { from: "nat-notebook", to: "10.30.10.50", protocol: "tcp", port: 443 } as const;

  it("is unknown naming the ENI and its status (was a confident reachable)", async () => {
    const model = await loadModel(folder("available"));
    const verdict = createAnalyzer(model).query(QUESTION);
    expect(verdict.verdict, verdict.explanation).toBe("unknown");
    expect(verdict.blockedAt).toMatchObject({ component: "eni-0spare", code: "BAD_STATE" });
    expect(verdict.explanation).toContain("eni-0spare is available");
    const packet = { from: "nat-notebook", dstIp: "10.30.10.50", protocol: "tcp", dstPort: 443, clientPort: 40000, natPort: 2000 } as const;
    expect(evaluatePacket(model, packet).kind).toBe("unmodeled");
  });

  it("in use, it is reachable (control)", async () => {
    expect(createAnalyzer(await loadModel(folder("in-use"))).query(QUESTION).verdict).toBe("reachable");
  });
});

describe("an internet gateway attachment in a changing state (Attachments[].State attaching, detaching)", () => {
  const folder = (state: string) =>
    editedFixture("nat-notebook", {
      "us-east-1/describe-internet-gateways.json": (j) => {
        for (const attachment of (j.InternetGateways as JsonRecord[])[0]!.Attachments as JsonRecord[]) attachment.State = state;
      },
    });

  it.each(["attaching", "detaching"])("%s: unknown at the gateway (was a confident BAD_STATE_ATTACHMENT)", async (state) => {
    const model = await loadModel(folder(state));
    const verdict = createAnalyzer(model).query({ from: "nat-notebook", to: "8.8.8.8", protocol: "tcp", port: 443 });
    expect(verdict.verdict, verdict.explanation).toBe("unknown");
    expect(verdict.blockedAt).toMatchObject({ code: "BAD_STATE_ATTACHMENT" });
    expect(verdict.explanation).toContain(`the attachment is ${state}`);
    const packet = { from: "nat-notebook", dstIp: "8.8.8.8", protocol: "tcp", dstPort: 443, clientPort: 40000, natPort: 2000 } as const;
    expect(evaluatePacket(model, packet).kind).toBe("unmodeled");
  });

  it("detached: still a confident unreachable (control)", async () => {
    const verdict = createAnalyzer(await loadModel(folder("detached"))).query({ from: "nat-notebook", to: "8.8.8.8", protocol: "tcp", port: 443 });
    expect(verdict.verdict).toBe("unreachable");
  });
});
