/**
 * An `OverlayMap` reads, sizes and iterates like a copy of its base changed by the same `set` and
 * `delete` calls, and `keyedLists` of an overlay (the base's lists patched by its changes) lists what
 * lists built from such a copy list; the index of a cost design model (maps overlaid on a VPC's part)
 * answers as the index of the same model copied into plain maps.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keyedLists, OverlayMap } from "../../src/model/overlay.js";
import { indexModel } from "../../src/model/indexes.js";
import type { Model } from "../../src/model/types.js";
import { loadModel } from "../../src/snapshot/load.js";
import { createAnalyzer } from "../../src/engine/index.js";
import { designModels } from "../../src/cost/alternatives.js";

interface Row {
  id: string;
  group: string;
  tags: string[];
}

/** A small deterministic generator (the test must not depend on Math.random). */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const keysOf = (row: Row): readonly string[] => [row.group, ...row.tags];

function listsOf(map: ReadonlyMap<string, Row>): Map<string, Row[]> {
  const lists = new Map<string, Row[]>();
  for (const row of map.values()) for (const key of keysOf(row)) lists.set(key, [...(lists.get(key) ?? []), row]);
  return lists;
}

describe("OverlayMap and keyedLists", () => {
  it("behave as a copy of the base changed the same way, over random sets and deletes", () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const random = generator(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
      const ids = Array.from({ length: 12 }, (_, i) => `r${i}`);
      const groups = ["g1", "g2", "g3"];
      const row = (id: string): Row => ({ id, group: pick(groups), tags: random() < 0.3 ? [pick(groups), pick(groups)] : [] });
      const base = new Map(ids.slice(0, 8).map((id) => [id, row(id)] as const));
      const copy = new Map(base);
      const overlay = new OverlayMap(base);
      const lists = keyedLists(overlay, "rows", keysOf);
      for (let step = 0; step < 30; step += 1) {
        const id = pick(ids);
        if (random() < 0.35) expect(overlay.delete(id)).toBe(copy.delete(id));
        else {
          const value = row(id);
          overlay.set(id, value);
          copy.set(id, value);
        }
        // Iterating copies the overlay into itself at some steps and not at others: both ways must hold.
        if (random() < 0.3) expect([...overlay]).toEqual([...copy]);
        expect(overlay.size).toBe(copy.size);
        expect(overlay.get(id)).toBe(copy.get(id));
        expect(overlay.has(id)).toBe(copy.has(id));
        const expected = listsOf(copy);
        for (const key of groups) expect(lists.get(key), `seed ${seed} step ${step} key ${key}`).toEqual(expected.get(key) ?? []);
      }
      expect([...overlay.keys()]).toEqual([...copy.keys()]);
      expect([...overlay.values()]).toEqual([...copy.values()]);
      expect(base.size).toBe(8);
    }
  });
});

/** The model with every map copied into a plain Map (what the overlays stand for). */
function copied(model: Model): Model {
  const copy = { ...model } as Record<string, unknown>;
  for (const [key, value] of Object.entries(model)) if (value instanceof Map) copy[key] = new Map(value);
  return copy as unknown as Model;
}

describe("indexModel of a cost design model", () => {
  it.each(["ml-platform", "hub-and-spoke", "nat-notebook"])("answers as the index of the same model in plain maps, for every design of every VPC of %s", async (fixture) => {
    const model = await loadModel(join("fixtures", fixture));
    const analyzer = createAnalyzer(model);
    const vpcIds = [...new Set([...model.notebooks.values()].flatMap((n) => model.subnets.get(n.subnetId ?? "")?.vpcId ?? []))];
    expect(vpcIds.length).toBeGreaterThan(0);
    let compared = 0;
    for (const vpcId of vpcIds) {
      const subnetIds = [...new Set([...model.notebooks.values()].filter((n) => model.subnets.get(n.subnetId ?? "")?.vpcId === vpcId).map((n) => n.subnetId!))];
      const designs = designModels(analyzer, vpcId, subnetIds, ["sagemaker.api", "sagemaker.runtime", "sts"]);
      for (const design of Object.values(designs)) {
        const overlaid = indexModel(design.model);
        const plain = indexModel(copied(design.model));
        const ids = (map: ReadonlyMap<string, unknown>) => [...map.keys()];
        const m = design.model;
        const same = (a: unknown, b: unknown) => expect(a).toEqual(b);
        for (const id of ids(m.subnets)) {
          same(overlaid.routeTableOfSubnet(id), plain.routeTableOfSubnet(id));
          same(overlaid.networkAclOfSubnet(id), plain.networkAclOfSubnet(id));
          same(overlaid.interfacesInSubnet(id), plain.interfacesInSubnet(id));
          same(overlaid.notebooksInSubnet(id), plain.notebooksInSubnet(id));
        }
        for (const id of ids(m.routeTables)) same(overlaid.subnetsUsingRouteTable(id), plain.subnetsUsingRouteTable(id));
        for (const id of ids(m.vpcs)) {
          same(overlaid.subnetsOfVpc(id), plain.subnetsOfVpc(id));
          same(overlaid.endpointsOfVpc(id), plain.endpointsOfVpc(id));
          same(overlaid.transitGatewayAttachmentsOfVpc(id), plain.transitGatewayAttachmentsOfVpc(id));
          same(overlaid.privateZonesOfVpc(id), plain.privateZonesOfVpc(id));
        }
        for (const eni of m.networkInterfaces.values()) {
          same(overlaid.endpointOfInterface(eni.id), plain.endpointOfInterface(eni.id));
          same(overlaid.instanceOfInterface(eni.id), plain.instanceOfInterface(eni.id));
          same(overlaid.notebookOfInterface(eni.id), plain.notebookOfInterface(eni.id));
          for (const address of eni.privateIps) same(overlaid.interfaceByPrivateIp(eni.vpcId, address.privateIp), plain.interfaceByPrivateIp(eni.vpcId, address.privateIp));
          for (const group of eni.securityGroupIds) same(overlaid.interfacesWithSecurityGroup(group), plain.interfacesWithSecurityGroup(group));
        }
        for (const endpoint of m.vpcEndpoints.values()) {
          same(overlaid.interfaceEndpointsOfService(endpoint.serviceName), plain.interfaceEndpointsOfService(endpoint.serviceName));
          for (const entry of endpoint.dnsEntries) same(overlaid.interfaceEndpointsByDnsName(entry.dnsName), plain.interfaceEndpointsByDnsName(entry.dnsName));
        }
        same(overlaid.interfacesWithPublicIp(), plain.interfacesWithPublicIp());
        same(overlaid.natGatewayInterfaces(), plain.natGatewayInterfaces());
        same(overlaid.instancesWithPublicIp(), plain.instancesWithPublicIp());
        compared += 1;
      }
    }
    expect(compared).toBe(vpcIds.length * 4);
  });
});
