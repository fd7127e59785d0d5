/**
 * The per-VPC lookups the diagrams read instead of a pass over the estate per VPC drawn
 * (`SubnetContentIndex.ofVpc`, `vpcsOf`): on every fixture and on a hand-built VPC with the odd cases
 * (an internet gateway listing its VPC twice, deleted and private NAT gateways, a regional one, a
 * notebook in a subnet the snapshot lacks), each equals the filter over the whole model it replaces.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SubnetContentIndex } from "../../src/diagram/subnets.js";
import { compareText } from "../../src/diagram/names.js";
import { indexModel } from "../../src/model/indexes.js";
import type { Model, NatGateway } from "../../src/model/types.js";
import { loadModel } from "../../src/snapshot/load.js";
import { assembleModel, eni, internetGateway, natGateway, notebook, subnet, vpc } from "../generators/model-builder.js";
import { sagemakerVpc } from "./networks.js";

const byId = <T extends { id: string }>(list: T[]): T[] => list.sort((a, b) => compareText(a.id, b.id));

/** What the diagrams computed per VPC drawn, by a pass over the model. */
function filtered(model: Model, vpcId: string) {
  const subnets = new Set([...model.subnets.values()].filter((s) => s.vpcId === vpcId).map((s) => s.id));
  return {
    internetGateways: byId([...model.internetGateways.values()].filter((g) => g.attachedVpcIds.includes(vpcId))),
    egressOnlyInternetGateways: byId([...model.egressOnlyInternetGateways.values()].filter((g) => g.attachedVpcIds.includes(vpcId))),
    regionalNatGateways: byId([...model.natGateways.values()].filter((n) => n.vpcId === vpcId && !n.subnetId && n.state !== "deleted")),
    publicNatGateways: [...model.natGateways.values()].filter((n) => n.vpcId === vpcId && n.state !== "deleted" && n.connectivityType !== "private").length,
    notebooks: [...model.notebooks.values()].filter((n) => n.subnetId !== undefined && subnets.has(n.subnetId)).length,
  };
}

/** The VPCs of the model a component id names or sits in, by a pass over each kind. */
function vpcsByScan(model: Model, id: string): string[] {
  const vpcs = [
    id,
    model.subnets.get(id)?.vpcId,
    model.instances.get(id)?.vpcId,
    model.networkInterfaces.get(id)?.vpcId,
    model.natGateways.get(id)?.vpcId,
    model.vpcEndpoints.get(id)?.vpcId,
    model.routeTables.get(id)?.vpcId,
    model.networkAcls.get(id)?.vpcId,
    ...(model.internetGateways.get(id)?.attachedVpcIds ?? []),
  ];
  return [...new Set(vpcs.filter((vpcId): vpcId is string => vpcId !== undefined && model.vpcs.has(vpcId)))].sort(compareText);
}

function expectSameAsFilters(model: Model): void {
  const contents = SubnetContentIndex.of(indexModel(model));
  for (const vpcId of [...model.vpcs.keys(), "vpc-0notthere"]) expect(contents.ofVpc(vpcId), vpcId).toEqual(filtered(model, vpcId));
  const ids = [
    ...model.vpcs.keys(),
    ...model.subnets.keys(),
    ...model.instances.keys(),
    ...model.networkInterfaces.keys(),
    ...model.natGateways.keys(),
    ...model.vpcEndpoints.keys(),
    ...model.routeTables.keys(),
    ...model.networkAcls.keys(),
    ...model.internetGateways.keys(),
    "pcx-0notadrawnthing",
  ];
  for (const id of ids) expect([...contents.vpcsOf(id)].sort(compareText), id).toEqual(vpcsByScan(model, id));
}

/** The SageMaker VPC with the cases a filter and an index could disagree on. */
function oddVpcs(): Model {
  const model = sagemakerVpc();
  const other = vpc("vpc-0bbb", ["10.1.0.0/16"]);
  const otherSubnet = subnet("subnet-0b1", other.id, "10.1.0.0/24");
  const eniOf = (id: string, ip: string) => eni(id, otherSubnet, ip, { interfaceType: "nat_gateway" });
  const nat = (id: string, opts: Partial<NatGateway>): NatGateway => ({ ...natGateway(id, other.id, otherSubnet.id, { privateIp: "10.1.0.9", eniId: `eni-${id}` }), ...opts });
  const stray = notebook("stray", { ...eniOf("eni-0stray", "10.1.0.7"), subnetId: "subnet-0gone" }, false);
  const inside = notebook("inside", eniOf("eni-0in", "10.1.0.8"), false);
  const parts = assembleModel({
    vpcs: [other],
    subnets: [otherSubnet],
    internetGateways: [internetGateway("igw-0twice", [other.id, other.id]), internetGateway("igw-0both", [other.id, "vpc-0aaa", "vpc-0gone"])],
    natGateways: [
      nat("nat-0regional", { subnetId: undefined, availabilityMode: "regional" }),
      nat("nat-0regionalgone", { subnetId: undefined, availabilityMode: "regional", state: "deleted" }),
      nat("nat-0private", { connectivityType: "private" }),
      nat("nat-0deleted", { state: "deleted" }),
      nat("nat-0zonal", {}),
    ],
    notebooks: [stray, inside],
  });
  const merged = (name: keyof Model) => new Map([...(model[name] as Map<string, unknown>), ...(parts[name] as Map<string, unknown>)]);
  return {
    ...model,
    vpcs: merged("vpcs"),
    subnets: merged("subnets"),
    internetGateways: merged("internetGateways"),
    natGateways: merged("natGateways"),
    notebooks: merged("notebooks"),
  } as Model;
}

describe("SubnetContentIndex per VPC", () => {
  it("equals the filters over the model on a VPC with the odd cases", () => {
    const model = oddVpcs();
    expectSameAsFilters(model);
    // The cases are there: what is left out is left out for a reason, not for want of data.
    const contents = SubnetContentIndex.of(indexModel(model)).ofVpc("vpc-0bbb");
    expect(contents.internetGateways.map((g) => g.id)).toEqual(["igw-0both", "igw-0twice"]);
    expect(contents.regionalNatGateways.map((n) => n.id)).toEqual(["nat-0regional"]);
    expect(contents.publicNatGateways).toBe(2);
    expect(contents.notebooks).toBe(1);
  });

  const fixtures = readdirSync("fixtures").filter((name) => statSync(join("fixtures", name)).isDirectory() && !["intents", "terraform"].includes(name));
  it.each(fixtures)("equals the filters over the model on fixtures/%s", async (fixture) => {
    expectSameAsFilters(await loadModel(join("fixtures", fixture)));
  });
});
