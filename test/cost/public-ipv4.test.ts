// Public IPv4 addresses AWS bills by the hour ($0.005 in us-east-1) besides a NAT gateway's: Elastic IPs
// (one associated with nothing belongs to no VPC and is priced with its Region), and the public IPs of
// instances and other network interfaces — each once, a NAT gateway's never twice, a stopped
// instance's auto-assigned one not at all.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { costToText, estimateCosts } from "../../src/cost/index.js";
import { billedPublicAddresses } from "../../src/cost/public-addresses.js";
import { withNatForSubnets, withoutNatGateways } from "../../src/cost/what-if.js";
import { elasticIpsCopiedFrom } from "../../src/cost/what-if-draft.js";
import type { ElasticIp } from "../../src/model/types.js";
import { indexModel } from "../../src/model/indexes.js";
import { loadModel } from "../../src/snapshot/load.js";
import { TestModel } from "../engine/helpers/model-builder.js";

function estate() {
  const t = new TestModel();
  const vpc = t.vpc("10.0.0.0/16");
  const pub = t.subnet(vpc, "10.0.0.0/24");
  t.routeTable(vpc, [pub], [["0.0.0.0/0", t.igw(vpc)]]);
  const nat = t.nat(pub);
  const web = t.instance(pub, { publicIp: "54.0.0.1" });
  const stopped = t.instance(pub, { publicIp: "54.0.0.2" });
  const lb = t.eni(pub, { publicIp: "54.0.0.3", type: "network_load_balancer" });
  const m = t.m;
  m.instances.set(stopped, { ...m.instances.get(stopped)!, state: "stopped" });
  for (const eni of m.networkInterfaces.values()) {
    if (eni.attachedInstanceId === stopped) m.networkInterfaces.set(eni.id, { ...eni, privateIps: eni.privateIps.map((ip) => ({ ...ip, publicIp: undefined })) });
  }
  const natRecord = m.natGateways.get(nat)!;
  m.elasticIps.push(
    { allocationId: "eipalloc-nat", publicIp: natRecord.addresses[0]!.publicIp!, privateIp: undefined, networkInterfaceId: natRecord.addresses[0]!.networkInterfaceId, instanceId: undefined, scope: t.scope, origin: { file: "test", jsonPath: "$" } },
    { allocationId: "eipalloc-idle", publicIp: "52.0.0.9", privateIp: undefined, networkInterfaceId: undefined, instanceId: undefined, scope: t.scope, origin: { file: "test", jsonPath: "$" } },
    { allocationId: "eipalloc-web", publicIp: "54.0.0.1", privateIp: undefined, networkInterfaceId: undefined, instanceId: web, scope: t.scope, origin: { file: "test", jsonPath: "$" } },
  );
  return { model: t.build(), vpc, web, lb };
}

describe("public IPv4 addresses other than NAT gateways'", () => {
  it("lists each billed address once: the idle and the associated Elastic IP, the load balancer's; not the NAT gateway's, not a stopped instance's", () => {
    const { model, vpc, web, lb } = estate();
    expect(billedPublicAddresses(indexModel(model)).map((a) => [a.address, a.kind, a.vpcId, a.attachedTo])).toEqual([
      ["52.0.0.9", "Elastic IP, not associated", undefined, undefined],
      ["54.0.0.1", "Elastic IP", vpc, web],
      ["54.0.0.3", "public IP of a network interface (network_load_balancer)", vpc, lb],
    ]);
  });

  it("lists a VPC's addresses alone as they are in the whole list: an address held in two VPCs stays with the first record", () => {
    const t = new TestModel();
    const one = t.vpc("10.0.0.0/16");
    const two = t.vpc("10.1.0.0/16");
    t.eni(t.subnet(one, "10.0.0.0/24"), { publicIp: "54.0.0.7", type: "network_load_balancer" });
    t.eni(t.subnet(two, "10.1.0.0/24"), { publicIp: "54.0.0.7", type: "network_load_balancer" });
    t.eni(t.subnet(two, "10.1.1.0/24"), { publicIp: "54.0.0.8", type: "network_load_balancer" });
    const index = indexModel(t.build());
    const whole = billedPublicAddresses(index);
    expect(whole.map((a) => [a.address, a.vpcId])).toEqual([["54.0.0.7", one], ["54.0.0.8", two]]);
    for (const vpcId of [one, two]) {
      expect(billedPublicAddresses(index, (id) => id === vpcId)).toEqual(whole.filter((a) => a.vpcId === vpcId));
    }
    const { model: full } = estate();
    expect(billedPublicAddresses(indexModel(full), (id) => id === undefined)).toEqual(billedPublicAddresses(indexModel(full)).filter((a) => a.vpcId === undefined));
  });

  it("lists a set of VPCs' addresses as the whole list has them, also on a transform's copy of the Elastic IPs", () => {
    const t = new TestModel();
    const one = t.vpc("10.0.0.0/16");
    const two = t.vpc("10.1.0.0/16");
    const pub = t.subnet(one, "10.0.0.0/24");
    const priv = t.subnet(one, "10.0.1.0/24");
    t.routeTable(one, [pub], [["0.0.0.0/0", t.igw(one)]]);
    t.routeTable(one, [priv]);
    const other = t.eni(t.subnet(two, "10.1.0.0/24"), { type: "network_load_balancer" });
    const mine = t.eni(priv, { type: "network_load_balancer" });
    const web = t.instance(priv);
    t.eni(priv, { publicIp: "54.1.0.4", type: "network_load_balancer" });
    const eip = (publicIp: string, networkInterfaceId: string | undefined, instanceId?: string): ElasticIp => ({
      allocationId: `eipalloc-${publicIp}`, publicIp, privateIp: undefined, networkInterfaceId, instanceId, scope: t.scope, origin: { file: "test", jsonPath: "$" },
    });
    t.m.elasticIps.push(
      eip("54.1.0.1", other), // held first by VPC two's interface
      eip("54.1.0.1", mine), // so not VPC one's
      eip("54.1.0.2", "eni-not-in-snapshot", web), // the instance's VPC, the interface being unknown
      eip("54.1.0.3", mine),
      eip("54.1.0.4", undefined), // idle: the load balancer's public IP is then not listed again
    );
    const natEip = t.m.natGateways.get(t.nat(pub))!.addresses[0]!;
    t.m.elasticIps.push(eip(natEip.publicIp!, natEip.networkInterfaceId));
    const model = t.build();
    const design = withNatForSubnets(model, one, [priv]);
    // Without the VPC's NAT gateway its Elastic IP is dropped (a copy less one record); a new NAT gateway's is appended to a copy of that.
    const without = withoutNatGateways(model, one);
    expect(elasticIpsCopiedFrom(without.model.elasticIps)?.dropped?.size).toBe(1);
    const replaced = withNatForSubnets(withoutNatGateways(model, one), one, [priv]);
    expect(elasticIpsCopiedFrom(elasticIpsCopiedFrom(replaced.model.elasticIps)!.original)?.original).toBe(model.elasticIps);
    expect(replaced.model.elasticIps).toHaveLength(6);
    for (const m of [model, design.model, without.model, replaced.model]) {
      const index = indexModel(m);
      const whole = billedPublicAddresses(index);
      for (const vpcIds of [[one], [two], [one, two]]) {
        expect(billedPublicAddresses(index, new Set(vpcIds))).toEqual(whole.filter((a) => a.vpcId !== undefined && vpcIds.includes(a.vpcId)));
      }
      expect(billedPublicAddresses(index, new Set([one])).map((a) => [a.address, a.attachedTo])).toEqual([["54.1.0.2", web], ["54.1.0.3", mine]]);
    }
  });

  it("bills the associated ones to their VPC and the idle one to its Region: 3 × $3.65 besides the NAT gateway's $3.65", () => {
    const { model, vpc } = estate();
    const { estate: cost } = estimateCosts(createAnalyzer(model), { alternatives: false });
    expect(cost.vpcs.find((v) => v.vpcId === vpc)!.publicIpv4Usd).toBeCloseTo(3.65 + 2 * 3.65, 10);
    expect(cost.regions[0]!.publicIpv4Usd).toBeCloseTo(4 * 3.65, 10);
    expect(cost.total.totalUsd).toBeCloseTo(32.85 + 4 * 3.65, 10);
    expect(costToText(estimateCosts(createAnalyzer(model), { alternatives: false }))).toMatch(/52\.0\.0\.9 \(eipalloc-idle\)\s+Elastic IP, not associated\s+- \(us-east-1\)\s+-\s+\$0\.005\s+\$3\.65/);
  });

  it("leaves the idle Elastic IP out when VPCs are chosen (it is in none)", () => {
    const { model, vpc } = estate();
    const { estate: cost } = estimateCosts(createAnalyzer(model), { alternatives: false, vpcId: vpc });
    expect(cost.publicIpv4Addresses.map((a) => a.address)).toEqual(["54.0.0.1", "54.0.0.3"]);
  });
});

describe("docs/cost.md's public IPv4 worked example on fixtures/ml-platform", () => {
  it("states the figures the estimate computes", async () => {
    const doc = readFileSync("docs/cost.md", "utf8");
    const start = doc.indexOf("## Worked example: public IPv4 addresses");
    const section = doc.slice(start, doc.indexOf("\n## ", start));
    const rows = Object.fromEntries([...section.matchAll(/^\| ([^|]+?) \| [^|]*\$([\d,.]+)\**\s*\|$/gm)].map((m) => [m[1]!, Number(m[2]!.replace(/,/g, ""))]));
    const { estate } = estimateCosts(createAnalyzer(await loadModel("fixtures/ml-platform")), { alternatives: false });
    const nats = (region: string): number => estate.natGateways.filter((n) => n.region === region).reduce((t, n) => t + n.publicIpv4MonthlyUsd!, 0);
    expect(rows["us-east-1 NAT gateways' Elastic IPs"]).toBeCloseTo(nats("us-east-1"), 2);
    expect(rows["the bastion's public IP (3.67.0.3, i-05b61cdb5d1957f04)"]).toBeCloseTo(estate.publicIpv4Addresses.find((a) => a.address === "3.67.0.3")!.monthlyUsd!, 2);
    expect(rows["us-west-2 NAT gateway's Elastic IP"]).toBeCloseTo(nats("us-west-2"), 2);
    expect(rows["**All Regions**"]).toBeCloseTo(estate.total.publicIpv4Usd!, 2);
  });
});
