// What-if transforms on fixture models: each derives a new model, leaves the input untouched, and
// makes the AWS changes it lists. (What the changes make reachable is checked in alternatives.test.ts.)
import { beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../../src/model/types.js";
import { loadModel } from "../../src/snapshot/load.js";
import {
  withGatewayEndpoint,
  withInterfaceEndpoint,
  withNatForSubnets,
  withoutEndpoints,
  withoutNatGateways,
} from "../../src/cost/what-if.js";
import { draftOf, freeBlockInVpc, freeIpInSubnet, routeTableOf, tablesConfined, GroupedMap } from "../../src/cost/what-if-draft.js";
import { modelForVpc } from "../../src/cost/model-parts.js";
import { createAnalyzer, STANDARD_DESTINATIONS } from "../../src/engine/index.js";
import { designModels } from "../../src/cost/alternatives.js";

let nat: Model;
let vpcOnly: Model;
let platform: Model;
beforeAll(async () => {
  nat = await loadModel("fixtures/nat-notebook");
  vpcOnly = await loadModel("fixtures/vpc-only-endpoints");
  platform = await loadModel("fixtures/ml-platform");
});

const notebookSubnet = (model: Model, name: string): string => model.notebooks.get(name)!.subnetId!;
const vpcOf = (model: Model, name: string): string => model.subnets.get(notebookSubnet(model, name))!.vpcId;
const tableOf = (model: Model, subnetId: string) => routeTableOf(draftOf(model), model.subnets.get(subnetId)!)!;

describe("withoutNatGateways", () => {
  it("deletes the VPC's NAT gateways and every route to them, leaving the input model alone", () => {
    const vpcId = vpcOf(nat, "nat-notebook");
    const result = withoutNatGateways(nat, vpcId);
    expect([...result.model.natGateways.values()].filter((n) => n.vpcId === vpcId)).toEqual([]);
    for (const table of result.model.routeTables.values()) {
      expect(table.routes.some((r) => r.target.kind === "nat")).toBe(false);
    }
    expect(nat.natGateways.size).toBe(1);
    expect(result.changes.some((c) => c.startsWith("delete NAT gateway nat-"))).toBe(true);
  });
});

describe("withNatForSubnets", () => {
  it("keeps a notebook route that already points at an available NAT gateway", () => {
    const result = withNatForSubnets(nat, vpcOf(nat, "nat-notebook"), [notebookSubnet(nat, "nat-notebook")]);
    expect(result.changes).toEqual([]);
  });

  it("builds internet gateway, public subnet, NAT gateway and route for a VPC that has none", () => {
    const vpcId = vpcOf(vpcOnly, "vpc-only-notebook");
    const subnetId = notebookSubnet(vpcOnly, "vpc-only-notebook");
    const result = withNatForSubnets(vpcOnly, vpcId, [subnetId]);
    const m = result.model;
    const igw = [...m.internetGateways.values()].find((g) => g.attachedVpcIds.includes(vpcId));
    expect(igw?.id).toMatch(/^igw-whatif-/);
    const newNat = [...m.natGateways.values()].find((n) => n.vpcId === vpcId)!;
    expect(newNat).toMatchObject({ state: "available", connectivityType: "public", availabilityMode: "zonal" });
    const natSubnet = m.subnets.get(newNat.subnetId!)!;
    expect(natSubnet.availabilityZone).toBe(m.subnets.get(subnetId)!.availabilityZone);
    expect(tableOf(m, natSubnet.id).routes).toContainEqual(expect.objectContaining({ target: { kind: "igw", id: igw!.id } }));
    const notebookTable = tableOf(m, subnetId);
    expect(notebookTable.routes).toContainEqual(
      expect.objectContaining({ destination: { kind: "cidr", cidr: "0.0.0.0/0" }, target: { kind: "nat", id: newNat.id } }),
    );
    // The notebook's table was shared with the other private subnet: that one keeps its old table.
    const other = [...m.subnets.values()].find((s) => s.vpcId === vpcId && s.id !== subnetId && !s.id.includes("whatif"))!;
    expect(tableOf(m, other.id).routes.some((r) => r.target.kind === "nat")).toBe(false);
    // The S3 prefix-list route survives in the notebook's copy.
    expect(notebookTable.routes.some((r) => r.target.kind === "gateway-endpoint")).toBe(true);
    expect(vpcOnly.natGateways.size).toBe(0);
  });
});

describe("withGatewayEndpoint", () => {
  it("creates an S3 gateway endpoint with the Region's prefix-list route on the notebook's table", () => {
    const vpcId = vpcOf(nat, "nat-notebook");
    const subnetId = notebookSubnet(nat, "nat-notebook");
    const result = withGatewayEndpoint(nat, vpcId, "s3", [subnetId]);
    const endpoint = [...result.model.vpcEndpoints.values()].find((e) => e.vpcId === vpcId)!;
    expect(endpoint).toMatchObject({ type: "Gateway", serviceName: "com.amazonaws.us-east-1.s3", state: "available" });
    const s3List = [...nat.prefixLists.values()].find((p) => p.prefixListName === "com.amazonaws.us-east-1.s3")!;
    const table = tableOf(result.model, subnetId);
    expect(endpoint.routeTableIds).toEqual([table.id]);
    expect(table.routes).toContainEqual(
      expect.objectContaining({ destination: { kind: "prefix-list", prefixListId: s3List.id }, target: { kind: "gateway-endpoint", id: endpoint.id } }),
    );
    expect(result.warnings).toEqual([]);
  });
});

describe("withInterfaceEndpoint", () => {
  it("creates an endpoint with an ENI in the notebook's subnet, an HTTPS security group and private DNS", () => {
    const vpcId = vpcOf(nat, "nat-notebook");
    const subnetId = notebookSubnet(nat, "nat-notebook");
    const result = withInterfaceEndpoint(nat, vpcId, "sagemaker.api", [subnetId]);
    const m = result.model;
    const endpoint = [...m.vpcEndpoints.values()].find((e) => e.serviceName === "com.amazonaws.us-east-1.sagemaker.api")!;
    expect(endpoint).toMatchObject({ type: "Interface", privateDnsEnabled: true, subnetIds: [subnetId] });
    const eni = m.networkInterfaces.get(endpoint.networkInterfaceIds[0]!)!;
    expect(eni).toMatchObject({ subnetId, interfaceType: "vpc_endpoint" });
    const group = m.securityGroups.get(endpoint.securityGroupIds[0]!)!;
    expect(group.ingress).toContainEqual(
      expect.objectContaining({ protocol: "tcp", ports: { from: 443, to: 443 }, peer: { kind: "cidr", cidr: m.subnets.get(subnetId)!.cidr } }),
    );
    expect(m.vpcs.get(vpcId)).toMatchObject({ enableDnsSupport: true, enableDnsHostnames: true });
    const used = [...nat.networkInterfaces.values()].flatMap((n) => n.privateIps.map((p) => p.privateIp));
    expect(used).not.toContain(eni.privateIps[0]!.privateIp);
  });

  it("reuses an existing endpoint, adding a security group that admits the notebooks", () => {
    const vpcId = vpcOf(vpcOnly, "vpc-only-notebook");
    const before = [...vpcOnly.vpcEndpoints.values()].find((e) => e.serviceName.endsWith("sagemaker.runtime"))!;
    const result = withInterfaceEndpoint(vpcOnly, vpcId, "sagemaker.runtime", [notebookSubnet(vpcOnly, "vpc-only-notebook")]);
    const after = result.model.vpcEndpoints.get(before.id)!;
    expect(after.securityGroupIds).toEqual([...before.securityGroupIds, expect.stringMatching(/^sg-whatif-/)]);
    expect(after.subnetIds).toEqual(before.subnetIds);
  });
});

describe("withoutEndpoints", () => {
  it("deletes the named services' endpoints, their ENIs and their prefix-list routes", () => {
    const vpcId = vpcOf(platform, "research-notebook");
    const result = withoutEndpoints(platform, vpcId, ["s3", "sagemaker.api", "sagemaker.runtime"]);
    const left = [...result.model.vpcEndpoints.values()].filter((e) => e.vpcId === vpcId).map((e) => e.serviceName.split(".").slice(3).join("."));
    expect(left.sort()).toEqual(["logs", "sts"]);
    for (const table of result.model.routeTables.values()) {
      if (table.vpcId === vpcId) expect(table.routes.some((r) => r.target.kind === "gateway-endpoint")).toBe(false);
    }
    const removedEnis = [...platform.vpcEndpoints.values()].filter((e) => e.serviceName.includes("sagemaker")).flatMap((e) => e.networkInterfaceIds);
    for (const id of removedEnis) expect(result.model.networkInterfaces.has(id)).toBe(false);
  });
});

describe("a chain of transforms shares one draft", () => {
  it("continues the draft of the result it is given (no copy), leaving the input model alone", () => {
    const vpcId = vpcOf(vpcOnly, "vpc-only-notebook");
    const subnetId = notebookSubnet(vpcOnly, "vpc-only-notebook");
    const sizes = { nat: vpcOnly.natGateways.size, endpoints: vpcOnly.vpcEndpoints.size, subnets: vpcOnly.subnets.size };
    const first = withNatForSubnets(vpcOnly, vpcId, [subnetId]);
    const firstChanges = [...first.changes];
    const second = withGatewayEndpoint(first, vpcId, "s3", [subnetId]);
    expect(second.model.natGateways).toBe(first.model.natGateways);
    expect(second.changes.length).toBeGreaterThan(firstChanges.length);
    expect(second.changes.slice(0, firstChanges.length)).toEqual(firstChanges);
    expect([...second.model.natGateways.values()].some((n) => n.vpcId === vpcId)).toBe(true);
    expect({ nat: vpcOnly.natGateways.size, endpoints: vpcOnly.vpcEndpoints.size, subnets: vpcOnly.subnets.size }).toEqual(sizes);
  });

  it("refuses to continue a result twice, so two designs never share changes", () => {
    const vpcId = vpcOf(nat, "nat-notebook");
    const subnetId = notebookSubnet(nat, "nat-notebook");
    const stripped = withoutNatGateways(nat, vpcId);
    withGatewayEndpoint(stripped, vpcId, "s3", [subnetId]);
    expect(() => withInterfaceEndpoint(stripped, vpcId, "sts", [subnetId])).toThrow(/already continued/);
  });

  it("keeps the alternatives of one VPC apart: each design has only its own changes", () => {
    const vpcId = vpcOf(nat, "nat-notebook");
    const subnetId = notebookSubnet(nat, "nat-notebook");
    const before = { nat: [...nat.natGateways.keys()], endpoints: [...nat.vpcEndpoints.keys()], tables: [...nat.routeTables.values()] };
    const designs = designModels(createAnalyzer(nat), vpcId, [subnetId], ["sagemaker.api", "sagemaker.runtime"]);
    const endpointsOf = (id: "a" | "b" | "c" | "d") => [...designs[id].model.vpcEndpoints.values()].filter((e) => e.vpcId === vpcId).map((e) => e.serviceName.split(".").slice(3).join(".")).sort();
    const natsOf = (id: "a" | "b" | "c" | "d") => [...designs[id].model.natGateways.values()].filter((n) => n.vpcId === vpcId).length;
    expect(endpointsOf("a")).toEqual([]);
    expect(endpointsOf("b")).toEqual(["s3"]);
    expect(endpointsOf("c")).toEqual(["s3", "sagemaker.api", "sagemaker.runtime"]);
    expect(endpointsOf("d")).toEqual(["s3", "sagemaker.api", "sagemaker.runtime"]);
    expect([natsOf("a"), natsOf("b"), natsOf("c"), natsOf("d")]).toEqual([1, 1, 1, 0]);
    // Security groups are copied only by the designs that add one (the interface endpoints' client groups).
    const groupsOf = (id: "a" | "b" | "c" | "d") => [...designs[id].model.securityGroups.keys()].filter((g) => g.startsWith("sg-whatif-")).sort();
    expect(groupsOf("a")).toEqual([]);
    expect(groupsOf("c")).toEqual(groupsOf("d"));
    expect(groupsOf("c").length).toBe(2);
    // a and b add no group: both keep the VPC part's groups uncopied.
    expect(designs.a.model.securityGroups).toBe(designs.b.model.securityGroups);
    expect(designs.c.model.securityGroups).not.toBe(designs.d.model.securityGroups);
    expect([...nat.securityGroups.keys()].some((g) => g.startsWith("sg-whatif-"))).toBe(false);
    const maps = (["a", "b", "c", "d"] as const).map((id) => designs[id].model.routeTables);
    expect(new Set(maps).size).toBe(4);
    expect({ nat: [...nat.natGateways.keys()], endpoints: [...nat.vpcEndpoints.keys()], tables: [...nat.routeTables.values()] }).toEqual(before);
  });
});

describe("the kinds of data present per scope", () => {
  it("are the model's own sets in a design that adds only kinds its scope holds", () => {
    const design = withGatewayEndpoint(nat, vpcOf(nat, "nat-notebook"), "s3", [notebookSubnet(nat, "nat-notebook")]);
    expect(design.changes.length).toBeGreaterThan(0);
    for (const [key, kinds] of nat.dataPresent) expect(design.model.dataPresent.get(key)).toBe(kinds);
  });
});

describe("address helpers", () => {
  it("finds a free IP and a free /28 that overlap nothing", () => {
    const draft = draftOf(vpcOnly);
    const subnetId = notebookSubnet(vpcOnly, "vpc-only-notebook");
    expect(freeIpInSubnet(draft, subnetId)).toMatch(/^10\.40\./);
    const block = freeBlockInVpc(draft, vpcOf(vpcOnly, "vpc-only-notebook"));
    expect(block).toBe("10.40.255.240/28");
  });
});

describe("modelForVpc", () => {
  it("keeps one VPC's part of the model, and the engine answers its notebooks' egress queries alike", () => {
    const vpcId = vpcOf(platform, "research-notebook");
    const part = modelForVpc(platform, vpcId);
    expect([...part.vpcs.keys()]).toEqual([vpcId]);
    expect([...part.notebooks.keys()].sort()).toEqual(["feature-eng", "research-notebook", "sandbox-direct", "training-prep"]);
    expect([...part.natGateways.values()].every((n) => n.vpcId === vpcId)).toBe(true);
    const whole = createAnalyzer(platform);
    const pruned = createAnalyzer(part);
    for (const notebook of part.notebooks.keys()) {
      for (const to of [...STANDARD_DESTINATIONS, "service:sts", "service:logs"]) {
        const a = whole.query({ from: notebook, to });
        const b = pruned.query({ from: notebook, to });
        expect([b.verdict, b.path.map((h) => h.component)]).toEqual([a.verdict, a.path.map((h) => h.component)]);
      }
    }
  });
});

describe("GroupedMap (records by VPC, as a draft's subnets, tables, gateways and endpoints)", () => {
  const record = (id: string, vpcId: string, note = "") => ({ id, vpcId, note });
  const byVpc = (r: { vpcId: string }) => r.vpcId;
  const filtered = (map: Map<string, { vpcId: string }>, vpcId: string) => [...map.values()].filter((r) => r.vpcId === vpcId);

  it("lists a VPC's records in the map's order, through sets, replacements and deletes", () => {
    const map = new GroupedMap(new Map([["a", record("a", "vpc-1")], ["b", record("b", "vpc-2")], ["c", record("c", "vpc-1")]]), "byVpc", byVpc);
    expect([...map.inGroup("vpc-1")]).toEqual(filtered(map, "vpc-1"));
    map.set("d", record("d", "vpc-1"));
    map.set("a", record("a", "vpc-1", "replaced"));
    map.delete("c");
    map.set("c", record("c", "vpc-1", "again"));
    expect([...map.inGroup("vpc-1")]).toEqual(filtered(map, "vpc-1"));
    expect([...map.inGroup("vpc-1")].map((r) => r.id)).toEqual(["a", "d", "c"]);
    expect([...map.inGroup("vpc-9")]).toEqual([]);
  });

  it("follows a record that moves to another VPC", () => {
    const map = new GroupedMap(new Map([["a", record("a", "vpc-1")], ["b", record("b", "vpc-1")]]), "byVpc", byVpc);
    expect([...map.inGroup("vpc-1")].length).toBe(2);
    map.set("a", record("a", "vpc-2"));
    expect([...map.inGroup("vpc-1")]).toEqual(filtered(map, "vpc-1"));
    expect([...map.inGroup("vpc-2")]).toEqual(filtered(map, "vpc-2"));
  });
});

describe("tablesConfined", () => {
  it("holds for route tables that stay in their VPC, and not for a table naming another VPC's subnet", () => {
    expect(tablesConfined(draftOf(platform))).toBe(true);
    const [table] = platform.routeTables.values();
    const foreign = [...platform.subnets.values()].find((s) => s.vpcId !== table!.vpcId);
    expect(foreign).toBeDefined();
    const odd = { ...platform, routeTables: new Map([...platform.routeTables, [table!.id, { ...table!, subnetIds: [...table!.subnetIds, foreign!.id] }]]) };
    expect(tablesConfined(draftOf(odd))).toBe(false);
  });
});
