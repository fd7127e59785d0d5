/**
 * Batfish's published expectations for its three AWS test networks (see
 * test/data/external/batfish-aws/README.md), translated to our verdicts: Batfish's hop lists name
 * instances, subnets, VPCs and gateways; our paths name the same components (plus ENIs, security
 * groups, NACLs and route tables in between), so each test checks the same components in the same
 * order. The data is read in place, never copied.
 */
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { createAnalyzer, type Analyzer } from "../../src/engine/index.js";
import type { Verdict } from "../../src/engine/verdict.js";
import { loadModel } from "../../src/snapshot/load.js";

const ROOT = fileURLToPath(new URL("../data/external/batfish-aws/", import.meta.url));

async function analyzer(name: string): Promise<Analyzer> {
  return createAnalyzer(await loadModel(`${ROOT}${name}/aws_configs`));
}

/** The hops of `path` restricted to `wanted` components, in order. */
function only(path: Verdict["path"], wanted: string[]): string[] {
  return path.map((h) => h.component).filter((c) => wanted.includes(c));
}

describe("vpc-endpoint-gateway (S3 gateway endpoint)", async () => {
  const a = await analyzer("vpc-endpoint-gateway");
  const priv = "i-01c6c0647fdccc89e";
  const pub = "i-0464d440ca0ee9e34";
  const privSubnet = "subnet-01e5f0945f6d6f47c";
  const pubSubnet = "subnet-04391f04b912d0a73";
  const vpce = "vpce-0b7357542bb7b83ec";
  const igw = "igw-0c8afe4471084ccba";

  it("1. private instance → 52.216.237.77 tcp/443 through the endpoint, both ways", () => {
    const v = a.query({ from: priv, to: "52.216.237.77", port: 443 });
    expect(v.verdict).toBe("reachable");
    expect(only(v.path, [priv, privSubnet, vpce, igw])).toEqual([priv, privSubnet, vpce]);
    expect(only(v.returnPath, [priv, privSubnet, vpce])).toEqual([vpce, privSubnet, priv]);
  });

  it("2. public instance → 52.216.237.77: the prefix-list route beats 0.0.0.0/0 → IGW", () => {
    const v = a.query({ from: pub, to: "52.216.237.77", port: 443 });
    expect(v.verdict).toBe("reachable");
    expect(only(v.path, [pub, pubSubnet, vpce, igw])).toEqual([pub, pubSubnet, vpce]);
    expect(only(v.returnPath, [pub, pubSubnet, vpce])).toEqual([vpce, pubSubnet, pub]);
  });

  it("3. private instance → 54.222.57.1 (not S3): no route", () => {
    const v = a.query({ from: priv, to: "54.222.57.1", port: 443 });
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ code: "NO_ROUTE_TO_DESTINATION", direction: "forward", component: "rtb-04f71fc2caa8d94cf" });
    expect(only(v.path, [priv, privSubnet])).toEqual([priv, privSubnet]);
  });

  it("4. public instance → 54.222.57.1 through the IGW, both ways", () => {
    const v = a.query({ from: pub, to: "54.222.57.1", port: 443 });
    expect(v.verdict).toBe("reachable");
    expect(only(v.path, [pub, pubSubnet, igw, "internet"])).toEqual([pub, pubSubnet, igw, "internet"]);
    expect(only(v.returnPath, [pub, pubSubnet, igw, "internet"])).toEqual(["internet", igw, pubSubnet, pub]);
    expect(v.path.find((h) => h.component === igw)?.outbound?.sourceAddresses).toEqual(["18.206.223.222/32"]);
  });
});

describe("vpc-endpoint-interface (CloudTrail interface endpoint)", async () => {
  const a = await analyzer("vpc-endpoint-interface");
  const same = "i-0a0fbd0cfa774970f";
  const other = "i-0eb6eb395a0d09117";
  const vpce = "vpce-083c683a6be29b889";
  const epSubnet = "subnet-0bb8615d8368ece31";
  const otherSubnet = "subnet-0611b848137c513d1";
  const vpc = "vpc-072d45b801aeffef2";
  const names = [same, other, vpce, epSubnet, otherSubnet, vpc];

  it("1. same subnet → 10.1.101.97 tcp/443 straight across the subnet: no subnet router, no NACL", () => {
    const v = a.query({ from: same, to: "10.1.101.97", port: 443 });
    expect(v.verdict).toBe("reachable");
    expect(only(v.path, names)).toEqual([same, vpce]);
    expect(v.path.some((h) => h.type === "network-acl" || h.type === "route-table")).toBe(false);
    expect(only(v.returnPath, names)).toEqual([vpce, same]);
  });

  it("2. other subnet → 10.1.101.97 through both subnets and the VPC, both ways", () => {
    const v = a.query({ from: other, to: "10.1.101.97", port: 443 });
    expect(v.verdict).toBe("reachable");
    expect(only(v.path, names)).toEqual([other, otherSubnet, vpc, epSubnet, vpce]);
    expect(only(v.returnPath, names)).toEqual([vpce, epSubnet, otherSubnet, other]);
  });

  it("the endpoint's security group is enforced (Batfish does not check it): tcp/80 is refused", () => {
    const v = a.query({ from: other, to: "10.1.101.97", port: 80 });
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ code: "ENI_SG_RULES_MISMATCH", type: "interface-endpoint", component: vpce });
  });
});

describe("nat-gateway (private subnet → NAT → IGW)", async () => {
  const a = await analyzer("nat-gateway");
  const client = "i-0a128d26e59be60f3";
  const nat = "nat-07ab4846da51f4612";
  const igw = "igw-071753b9c23d8a9b2";
  const privSubnet = "subnet-06f469bcee42e408e";
  const pubSubnet = "subnet-0428892a357fa1f94";
  const names = [client, nat, igw, privSubnet, pubSubnet, "internet"];

  it("1. → 8.8.8.8 tcp/80 through the NAT and IGW, with both translations, both ways", () => {
    const v = a.query({ from: client, to: "8.8.8.8", port: 80 });
    expect(v.verdict).toBe("reachable");
    expect(only(v.path, names)).toEqual([client, privSubnet, pubSubnet, nat, pubSubnet, igw, "internet"]);
    expect(only(v.returnPath, names)).toEqual(["internet", igw, pubSubnet, nat, privSubnet, client]);
    const natHop = v.path.find((h) => h.component === nat);
    expect(natHop?.outbound?.sourceAddresses).toEqual(["10.1.250.210/32"]);
    expect(natHop?.outbound?.sourcePorts).toEqual(["1024-65535"]);
    expect(v.path.find((h) => h.component === igw)?.outbound?.sourceAddresses).toEqual(["3.135.127.225/32"]);
  });

  it("2. IP protocol 107 is refused at the NAT (PROTOCOL_RESTRICTION)", () => {
    const v = a.query({ from: client, to: "8.8.8.8", protocol: 107 });
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ component: nat, code: "PROTOCOL_RESTRICTION" });
    expect(only(v.path, names)).toEqual([client, privSubnet]);
  });

  it("4. an instance in the NAT's own subnet → the NAT's IP is refused at the NAT", () => {
    const v = a.query({ from: "i-0b31b509174d7f5de", to: "10.1.250.210", port: 80 });
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt?.component).toBe(nat);
  });

  it("subnet 20 uses the main table (local only): no route to the internet", () => {
    const v = a.query({ from: "i-0a73a1a6021c03ddb", to: "internet" });
    expect(v.blockedAt?.code).toBe("NO_ROUTE_TO_DESTINATION");
  });
});
