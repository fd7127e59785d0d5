/**
 * Batfish's transit gateway and multi-account expectations (test/data/external/batfish-aws-tgw/
 * README.md lists them), translated to our verdicts. Batfish checks forward traces only, and its
 * "any" flows (IP protocol 0) end DENIED_IN at the destination's security group, which means the
 * network delivered them: here the same flows are asked as tcp/22, which those groups admit, and
 * both directions are checked. Hop lists compare the components Batfish names (instances, subnets,
 * VPCs, transit gateways) in order.
 */
import { describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createAnalyzer, type Analyzer } from "../../src/engine/index.js";
import type { Verdict } from "../../src/engine/verdict.js";
import { loadModel } from "../../src/snapshot/load.js";

const ROOT = resolve(import.meta.dirname, "../data/external/batfish-aws-tgw");

async function analyzer(name: string): Promise<Analyzer> {
  return createAnalyzer(await loadModel(`${ROOT}/${name}/aws_configs`));
}

/**
 * A copy of a network shipped without NetworkAcls files, with a default allow-all NACL per VPC
 * added (what AWS gives a VPC by default), so the rest of its expectations can be checked.
 *
 * @param name - the network
 * @param vpcs - account folder → VPC → its subnets
 */
async function withDefaultNacls(name: string, vpcs: Record<string, Record<string, string[]>>): Promise<Analyzer> {
  const copy = mkdtempSync(join(tmpdir(), "vpcreach-tgw-"));
  cpSync(`${ROOT}/${name}/aws_configs`, copy, { recursive: true });
  for (const [account, byVpc] of Object.entries(vpcs)) {
    const acls = Object.entries(byVpc).map(([vpc, subnets]) => ({
      NetworkAclId: `acl-${vpc}`, VpcId: vpc, IsDefault: true, Associations: subnets.map((s) => ({ SubnetId: s, NetworkAclId: `acl-${vpc}` })),
      Entries: [false, true].map((egress) => ({ RuleNumber: 100, Protocol: "-1", RuleAction: "allow", Egress: egress, CidrBlock: "0.0.0.0/0" })),
    }));
    writeFileSync(`${copy}/accounts/${account}/us-east-1/NetworkAcls.json`, JSON.stringify({ NetworkAcls: acls }));
  }
  return createAnalyzer(await loadModel(copy));
}

/** The hops Batfish names (instance, subnet, VPC, transit gateway), in order, without repeats in a row. */
function batfishHops(path: Verdict["path"]): string[] {
  const named = path.filter((h) => ["instance", "subnet", "vpc", "transit-gateway"].includes(h.type)).map((h) => h.component);
  return named.filter((c, i) => c !== named[i - 1]);
}

describe("transit-gateway (AwsConfigurationTransitGatewayTest)", async () => {
  const a = await analyzer("transit-gateway");
  const [A, A2, B] = ["i-06ba034d88c84ef07", "i-075e846ed41670385", "i-0b14080af811fda3d"];
  const [subA, subA2, subB] = ["subnet-006a19c846f047bd7", "subnet-0b5b8ddd5a69fcfcd", "subnet-0ebf6378a79a3e534"];
  const [vpcA, vpcB, tgw] = ["vpc-0404e08ceddf7f650", "vpc-00a31ce9d0c06675c", "tgw-044be4464fcc69aff"];

  it("1. A → B is delivered through the transit gateway (and the reply comes back)", () => {
    const v = a.query({ from: A, to: "192.168.1.106", port: 22 });
    expect(v.verdict).toBe("reachable");
    expect(batfishHops(v.path)).toEqual([A, subA, tgw, vpcB, subB, B]);
    expect(v.returnPath.some((h) => h.component === tgw)).toBe(true);
  });

  it("2. B → A is delivered through the transit gateway", () => {
    const v = a.query({ from: B, to: "10.10.10.157", port: 22 });
    expect(v.verdict).toBe("reachable");
    expect(batfishHops(v.path)).toEqual([B, subB, tgw, vpcA, subA, A]);
  });

  it("3. A2 → B: no attachment subnet in A2's zone, so its subnet cannot reach the transit gateway (NULL_ROUTED)", () => {
    const v = a.query({ from: A2, to: "192.168.1.106", port: 22 });
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ code: "TGW_ROUTE_AZ_RESTRICTION", direction: "forward", component: "tgw-attach-07f5ec59e9f540021" });
    expect(batfishHops(v.path)).toEqual([A2, subA2]);
  });

  it("4. B → A2 reaches A2 (Batfish's forward trace) but A2's reply cannot reach the transit gateway", () => {
    const v = a.query({ from: B, to: "10.10.20.154", port: 22 });
    expect(batfishHops(v.path)).toEqual([B, subB, tgw, vpcA, subA2, A2]);
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ code: "TGW_ROUTE_AZ_RESTRICTION", direction: "return" });
  });

  it("the terminated instance in its Reservations (no subnet, no interface) is unknown, saying it is terminated, not that the answer is for when it runs", () => {
    const v = a.query({ from: "i-04a292ff83b3aa833", to: "8.8.8.8", port: 22 });
    expect(v.verdict).toBe("unknown");
    expect(v.explanation).toContain("i-04a292ff83b3aa833 is in no subnet (it is terminated: it has no network interface and does not run again)");
    expect(v.warnings).toContain("instance i-04a292ff83b3aa833 is terminated; a terminated instance does not run again");
  });
});

describe("transit-gateway-multi-table (AwsConfigurationTransitGatewayMultiTableTest)", async () => {
  const a = await analyzer("transit-gateway-multi-table");
  it.each([
    ["i-06ba034d88c84ef07", "192.168.1.106", ["i-06ba034d88c84ef07", "subnet-006a19c846f047bd7", "tgw-044be4464fcc69aff", "vpc-00a31ce9d0c06675c", "subnet-0ebf6378a79a3e534", "i-0b14080af811fda3d"], "tgw-rtb-0fa40c8df355dce6e"],
    ["i-0b14080af811fda3d", "10.10.10.157", ["i-0b14080af811fda3d", "subnet-0ebf6378a79a3e534", "tgw-044be4464fcc69aff", "vpc-0404e08ceddf7f650", "subnet-006a19c846f047bd7", "i-06ba034d88c84ef07"], "tgw-rtb-096a7119299ab1c42"],
  ])("%s → %s through the table its attachment is associated with", (from, to, hops, table) => {
    const v = a.query({ from, to, port: 22 });
    expect(v.verdict).toBe("reachable");
    expect(batfishHops(v.path)).toEqual(hops);
    expect(v.path.find((h) => h.type === "transit-gateway-route-table")?.component).toBe(table);
    expect(v.path.find((h) => h.type === "transit-gateway-route-table")?.evidence.map((e) => e.text).join(" ")).toContain("propagated");
  });
});

describe("transit-gateway-multi-account (AwsConfigurationTransitGatewayMultiAccountTest)", async () => {
  const bat = "i-0bdf35d561be3d962";
  const fish = "i-03df168b3f73cc262";
  it("as shipped (no NetworkAcls files), the answer is unknown naming the missing NACL data", async () => {
    const v = (await analyzer("transit-gateway-multi-account")).query({ from: bat, to: "10.2.1.183", port: 22 });
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt).toMatchObject({ code: "MISSING_DATA" });
  });

  it("with each account's default allow-all NACL added, both directions are ACCEPTED through the shared transit gateway", async () => {
    const a = await withDefaultNacls("transit-gateway-multi-account", {
      "028403472736": { "vpc-04048d4bfba9c2289": ["subnet-03b8a36729c9da776", "subnet-0a68915f31d3ca69f"] },
      "951601349076": { "vpc-08287a9084472b276": ["subnet-0ffa87ae0b553703e", "subnet-0c2cb08833b3c9921"] },
    });
    const there = a.query({ from: bat, to: "10.2.1.183", port: 22 });
    expect(there.verdict).toBe("reachable");
    expect(batfishHops(there.path)).toEqual([bat, "subnet-0a68915f31d3ca69f", "tgw-0efdeab79e9a8e490", "vpc-08287a9084472b276", "subnet-0c2cb08833b3c9921", fish]);
    const back = a.query({ from: fish, to: "10.1.1.100", port: 22 });
    expect(back.verdict).toBe("reachable");
    expect(batfishHops(back.path)).toEqual([fish, "subnet-0c2cb08833b3c9921", "tgw-0efdeab79e9a8e490", "vpc-04048d4bfba9c2289", "subnet-0a68915f31d3ca69f", bat]);
  });
});

describe("transit-gateway-peering (AwsConfigurationTransitGatewayPeeringTest)", async () => {
  const a = await analyzer("transit-gateway-peering");
  const [bat, bat2, fish] = ["i-08f3abb6471637c66", "i-05e25e43074216229", "i-0afb0a59f6bf36397"];
  const [tgwBat, tgwFish] = ["tgw-0e20010ebf43d07a2", "tgw-03201f1960ddb0c25"];

  it("1. bat → fish: bat's table has no route to 192.168.0.0/16 (NO_ROUTE)", () => {
    const v = a.query({ from: bat, to: "192.168.1.100", port: 22 });
    expect(v.blockedAt).toMatchObject({ code: "TGW_RTB_CANNOT_ROUTE", component: "tgw-rtb-05d2952671d1f460a", direction: "forward" });
    expect(batfishHops(v.path).slice(-1)).toEqual([tgwBat]);
  });

  it("2. bat2 → fish crosses the peering (static route) and is delivered; the reply finds no route back in bat's peering table", () => {
    const v = a.query({ from: bat2, to: "192.168.1.100", port: 22 });
    expect(batfishHops(v.path)).toEqual([bat2, "subnet-0934a46c6eb5542d9", tgwBat, tgwFish, "vpc-0ecbcbd110fd839d1", "subnet-0080bd39fe3626e89", fish]);
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ code: "TGW_RTB_CANNOT_ROUTE", component: "tgw-rtb-05d2952671d1f460a", direction: "return" });
  });

  it("3. fish → bat: fish's table has no route to 10.10.0.0/16", () => {
    const v = a.query({ from: fish, to: "10.10.1.100", port: 22 });
    expect(v.blockedAt).toMatchObject({ code: "TGW_RTB_CANNOT_ROUTE", component: "tgw-rtb-00be87593fb2cd0ae", direction: "forward" });
    expect(batfishHops(v.path).slice(-1)).toEqual([tgwFish]);
  });

  it("4. fish → bat2 crosses to bat's transit gateway, whose peering table has no route to bat2 (bat2 propagates elsewhere)", () => {
    const v = a.query({ from: fish, to: "10.20.1.100", port: 22 });
    expect(v.blockedAt).toMatchObject({ code: "TGW_RTB_CANNOT_ROUTE", component: "tgw-rtb-05d2952671d1f460a", direction: "forward" });
    expect(batfishHops(v.path).slice(-2)).toEqual([tgwFish, tgwBat]);
  });
});

describe("vpc-peering-multi-account (AwsConfigurationVpcPeeringCrossAccountTest)", async () => {
  it("as shipped (no NetworkAcls files), bat → fish is unknown naming the missing NACL data", async () => {
    const v = (await analyzer("vpc-peering-multi-account")).query({ from: "i-07ae69cc808e8804e", to: "10.2.1.252", port: 22 });
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt?.code).toBe("MISSING_DATA");
  });

  it("with default allow-all NACLs added, both directions are ACCEPTED over the cross-account peering", async () => {
    const a = await withDefaultNacls("vpc-peering-multi-account", { "123456789012": { "vpc-0f44fae3468d2b998": ["subnet-03a80d08017ee39ef"] }, "123456789013": { "vpc-05951c91977125d2e": ["subnet-088d6408a3a6129fa"] } });
    const there = a.query({ from: "i-07ae69cc808e8804e", to: "10.2.1.252", port: 22 });
    expect(there.verdict).toBe("reachable");
    expect(batfishHops(there.path)).toEqual(["i-07ae69cc808e8804e", "subnet-03a80d08017ee39ef", "vpc-05951c91977125d2e", "subnet-088d6408a3a6129fa", "i-066ce0b1efbb5602c"]);
    expect(a.query({ from: "i-066ce0b1efbb5602c", to: "10.1.1.100", port: 22 }).verdict).toBe("reachable");
  });
});

describe("multi-account (AwcConfigurationMultiAccountTest)", () => {
  it("both VPCs of the two account folders are loaded", async () => {
    const model = await loadModel(`${ROOT}/multi-account/aws_configs`);
    expect([...model.vpcs.keys()].sort()).toEqual(["vpc-0008a7b45e3ddf1dd", "vpc-015b20578b48c1349"]);
  });
});
