/**
 * The hub view (src/diagram/hub.ts) on real networks loaded with the real loader: fixtures/hub-and-spoke
 * (three accounts around one transit gateway) and Batfish's peered transit gateways; edited copies of
 * the hub-and-spoke model for blackholes, attachments we do not model and tables whose routes are not
 * known. And the path view of a spoke notebook's path, which crosses VPCs and accounts.
 */
import { describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { hubDiagram } from "../../src/diagram/hub.js";
import { pathDiagram } from "../../src/diagram/path.js";
import { createAnalyzer } from "../../src/engine/index.js";
import { InputError } from "../../src/model/errors.js";
import { indexModel } from "../../src/model/indexes.js";
import type { Model, TransitGatewayAttachment, TransitGatewayRouteTable } from "../../src/model/types.js";
import { loadModel } from "../../src/snapshot/load.js";
import { ancestry, hasClass, parseMermaid, type ParsedDiagram } from "./mermaid-parse.js";

const HUB = "fixtures/hub-and-spoke";
const TGW = "tgw-0cc46f200d712ff57";
const SPOKES_RTB = "tgw_rtb_0731aa254145b0434";
const INFRA_RTB = "tgw_rtb_016e9baf91fea9849";
const VPC = { egress: "vpc_018ae4b5cfc30318a", shared: "vpc_04cd2e33129116f1c", spokeA: "vpc_0ef1e72b7ac208255", spokeB: "vpc_0d961d9daa9f9a015" };
const NETWORK_ACCOUNT = "region_222233334444_us_east_1";

const model = await loadModel(HUB);

function hub(m: Model = model, tgwId?: string): ParsedDiagram {
  return parseMermaid(hubDiagram(indexModel(m), { tgwId }));
}

function edgeLabels(d: ParsedDiagram, from: string, to: string): (string | undefined)[] {
  return d.edges.filter((e) => e.from === from && e.to === to).map((e) => e.label);
}

/** The hub-and-spoke model with one route table replaced and attachments added. */
function edited(table: (t: TransitGatewayRouteTable) => TransitGatewayRouteTable, extra: TransitGatewayAttachment[] = []): Model {
  const tables = new Map([...model.transitGatewayRouteTables].map(([id, t]) => [id, id === "tgw-rtb-0731aa254145b0434" ? table(t) : t]));
  const attachments = new Map([...model.transitGatewayAttachments, ...extra.map((a) => [a.id, a] as const)]);
  return { ...model, transitGatewayRouteTables: tables, transitGatewayAttachments: attachments };
}

describe("hub view of fixtures/hub-and-spoke", () => {
  const d = hub();

  it("draws the transit gateway in its owner's account with its two route tables inside", () => {
    expect(ancestry(d, "tgw_0cc46f200d712ff57")).toEqual([NETWORK_ACCOUNT, "tgw_0cc46f200d712ff57"]);
    expect(d.items.get("tgw_0cc46f200d712ff57")?.label).toBe(`Transit gateway hub · ${TGW} · owner 222233334444`);
    expect(ancestry(d, SPOKES_RTB)).toEqual([NETWORK_ACCOUNT, "tgw_0cc46f200d712ff57", SPOKES_RTB]);
    expect(ancestry(d, INFRA_RTB)).toEqual([NETWORK_ACCOUNT, "tgw_0cc46f200d712ff57", INFRA_RTB]);
    expect(d.items.get(SPOKES_RTB)?.label).toBe("Route table spokes<br>tgw-rtb-0731aa254145b0434<br>2 associated · 1 propagating");
    expect(hasClass(d, "tgw_0cc46f200d712ff57", "hub")).toBe(true);
  });

  it("groups the VPCs by account: egress and shared services with the network account, each spoke in its own", () => {
    expect(ancestry(d, VPC.egress)).toEqual([NETWORK_ACCOUNT, VPC.egress]);
    expect(ancestry(d, VPC.shared)).toEqual([NETWORK_ACCOUNT, VPC.shared]);
    expect(ancestry(d, VPC.spokeA)).toEqual(["region_333344445555_us_east_1", VPC.spokeA]);
    expect(ancestry(d, VPC.spokeB)).toEqual(["region_444455556666_us_east_1", VPC.spokeB]);
    expect(d.items.get("region_444455556666_us_east_1")?.label).toBe("Region us-east-1 · account 444455556666");
  });

  it("summarizes each VPC: CIDRs, its role, notebooks, private hosted zones and attachment zones", () => {
    const egress = d.items.get(VPC.egress)?.label.split("<br>");
    expect(egress).toEqual(["VPC egress · vpc-018ae4b5cfc30318a", "10.200.0.0/16", "egress: 2 NAT gateways + internet gateway", "tgw-attach-063276d8772a54a0f", "attachment subnets in us-east-1a, us-east-1b"]);
    const shared = d.items.get(VPC.shared)?.label ?? "";
    expect(shared).toContain("shared services: 4 interface endpoints");
    expect(shared).toContain("AWS STS, CloudWatch Logs, SageMaker API, SageMaker Runtime");
    const spokeA = d.items.get(VPC.spokeA)?.label ?? "";
    expect(spokeA).toContain("2 SageMaker notebooks");
    expect(spokeA).toContain("private hosted zones: api.sagemaker, logs,<br>runtime.sagemaker, sts");
    expect(spokeA).not.toContain("no attachment subnet");
  });

  it("shows spoke-b without the runtime zone and without an attachment subnet in us-east-1b", () => {
    const spokeB = d.items.get(VPC.spokeB)?.label.split("<br>") ?? [];
    expect(spokeB).toContain("private hosted zones: api.sagemaker, logs, sts");
    expect(spokeB).toContain("attachment subnets in us-east-1a");
    expect(spokeB).toContain("no attachment subnet in us-east-1b");
  });

  it("joins each VPC to the table it is associated with, and each table to where its routes send, static or propagated", () => {
    expect(edgeLabels(d, VPC.spokeA, SPOKES_RTB)).toEqual(["associated"]);
    expect(edgeLabels(d, VPC.spokeB, SPOKES_RTB)).toEqual(["associated"]);
    expect(edgeLabels(d, VPC.egress, INFRA_RTB)).toEqual(["associated"]);
    expect(edgeLabels(d, VPC.shared, INFRA_RTB)).toEqual(["associated"]);
    expect(edgeLabels(d, SPOKES_RTB, VPC.egress)).toEqual(["0.0.0.0/0 · static"]);
    expect(edgeLabels(d, SPOKES_RTB, VPC.shared)).toEqual(["10.100.0.0/16 · propagated"]);
    expect(edgeLabels(d, INFRA_RTB, VPC.spokeA)).toEqual(["10.1.0.0/16 · propagated"]);
    expect(edgeLabels(d, INFRA_RTB, VPC.spokeB)).toEqual(["10.2.0.0/16 · propagated"]);
    // Spokes do not route to each other: the spokes table has no route to either spoke.
    expect(edgeLabels(d, SPOKES_RTB, VPC.spokeA)).toEqual([]);
    expect(d.edges).toHaveLength(9);
  });

  it("is the same diagram with --tgw naming the only transit gateway", () => {
    expect(hubDiagram(indexModel(model), { tgwId: TGW })).toBe(hubDiagram(indexModel(model)));
  });
});

describe("hub view of edited copies", () => {
  it("ends a blackhole route in a red blackhole node, labelled with its destination and type", () => {
    const d = hub(edited((t) => ({ ...t, routes: [...t.routes, { destination: { kind: "cidr", cidr: "10.2.0.0/16" }, type: "static", state: "blackhole", attachmentIds: [] }] })));
    const hole = "tgw_0cc46f200d712ff57_blackhole";
    expect(ancestry(d, hole)).toEqual([NETWORK_ACCOUNT, "tgw_0cc46f200d712ff57", hole]);
    expect(hasClass(d, hole, "blocked")).toBe(true);
    const edge = d.edges.find((e) => e.from === SPOKES_RTB && e.to === hole);
    expect(edge?.label).toBe("10.2.0.0/16 · static");
    expect(d.linkStyles.get(edge!.index)).toContain("#D13212");
  });

  it("marks a table whose routes are not known and still draws the routes the snapshot lists", () => {
    const d = hub(edited((t) => ({ ...t, routesTruncated: true })));
    expect(hasClass(d, SPOKES_RTB, "undetermined")).toBe(true);
    expect(d.items.get(SPOKES_RTB)?.label).toContain("the routes of tgw-rtb-0731aa254145b0434 are not known: the<br>search-transit-gateway-routes output says more routes were");
    expect(edgeLabels(d, SPOKES_RTB, VPC.egress)).toEqual(["0.0.0.0/0 · static"]);
  });

  it("draws a VPN attachment the table routes to as a node of its own that says it is not modelled", () => {
    const vpn: TransitGatewayAttachment = {
      id: "tgw-attach-0vpn", scope: { account: "222233334444", region: "us-east-1" }, name: "on-prem", tags: {}, origin: { file: "x", jsonPath: "$" },
      transitGatewayId: TGW, resourceType: "vpn", resourceId: "vpn-0abc", resourceOwnerId: "222233334444", state: "available", subnetIds: [],
      associations: [{ transitGatewayId: TGW, routeTableId: "tgw-rtb-0731aa254145b0434", state: "associated" }],
    };
    const d = hub(edited((t) => ({ ...t, routes: [...t.routes, { destination: { kind: "cidr", cidr: "192.168.0.0/16" }, type: "propagated", state: "active", attachmentIds: ["tgw-attach-0vpn"] }] }), [vpn]));
    expect(ancestry(d, "tgw_attach_0vpn")).toEqual([NETWORK_ACCOUNT, "tgw_0cc46f200d712ff57", "tgw_attach_0vpn"]);
    expect(d.items.get("tgw_attach_0vpn")?.label).toBe("VPN attachment<br>on-prem<br>tgw-attach-0vpn<br>vpn-0abc<br>paths through it are not modelled (unknown)");
    expect(edgeLabels(d, "tgw_attach_0vpn", SPOKES_RTB)).toEqual(["associated"]);
    expect(edgeLabels(d, SPOKES_RTB, "tgw_attach_0vpn")).toEqual(["192.168.0.0/16 · propagated"]);
  });

  it("refuses a transit gateway that is not in the snapshot, and a snapshot without any", async () => {
    expect(() => hubDiagram(indexModel(model), { tgwId: "tgw-0nope" })).toThrow(new InputError(`no transit gateway tgw-0nope in the snapshot; the snapshot has ${TGW}`, { file: HUB, resourceId: "tgw-0nope" }));
    const plain = await loadModel("fixtures/ml-platform");
    expect(() => hubDiagram(indexModel(plain))).toThrow(/has no transit gateway to draw a hub view of/);
  });
});

describe("hub view of Batfish's peered transit gateways", () => {
  const peering = resolve(import.meta.dirname, "../data/external/batfish-aws-tgw/transit-gateway-peering/aws_configs");

  it("draws both transit gateways in their own Regions and accounts, joined by their peering attachment", async () => {
    const d = hub(await loadModel(peering));
    expect(ancestry(d, "tgw_0e20010ebf43d07a2")).toEqual(["region_732168539940_us_east_1", "tgw_0e20010ebf43d07a2"]);
    expect(ancestry(d, "tgw_03201f1960ddb0c25")).toEqual(["region_804819755326_us_west_1", "tgw_03201f1960ddb0c25"]);
    const peer = "tgw_attach_012e5d602f859dd80";
    expect(ancestry(d, peer)).toEqual([peer]);
    expect(d.items.get(peer)?.label).toContain("tgw-0e20010ebf43d07a2 ↔ tgw-03201f1960ddb0c25");
    // Associated on both sides; each side's static route to the other's VPC goes over the peering.
    expect(edgeLabels(d, peer, "tgw_rtb_00be87593fb2cd0ae")).toEqual(["associated"]);
    expect(edgeLabels(d, peer, "tgw_rtb_05d2952671d1f460a")).toEqual(["associated"]);
    expect(edgeLabels(d, "tgw_rtb_00be87593fb2cd0ae", peer)).toEqual(["10.20.0.0/16 · static"]);
    expect(edgeLabels(d, "tgw_rtb_018a5e572ec3088d1", peer)).toEqual(["192.168.0.0/16 · static"]);
  });

  it("with --tgw, draws one side and names the peer it does not draw", async () => {
    const d = hub(await loadModel(peering), "tgw-03201f1960ddb0c25");
    expect(d.items.has("tgw_0e20010ebf43d07a2")).toBe(false);
    expect(d.items.get("tgw_attach_012e5d602f859dd80")?.label).toContain("peer tgw-0e20010ebf43d07a2");
  });
});

describe("path view of a spoke notebook's path through the transit gateway", () => {
  const analyzer = createAnalyzer(model);
  const d = parseMermaid(pathDiagram(analyzer.index, analyzer.query({ from: "spoke-a-research", to: "internet" })));
  const thick = d.edges.filter((e) => e.arrow === "==>").map((e) => `${e.from}>${e.to}`);

  it("crosses from the spoke's account into the network account's transit gateway and egress VPC", () => {
    expect(thick).toEqual([
      "nb_spoke_a_research>tgw_attach_0487e0c9887f0591a",
      "tgw_attach_0487e0c9887f0591a>tgw_0cc46f200d712ff57",
      "tgw_0cc46f200d712ff57>tgw_rtb_0731aa254145b0434",
      "tgw_rtb_0731aa254145b0434>tgw_attach_063276d8772a54a0f",
      "tgw_attach_063276d8772a54a0f>nat_00f5e11e8b20cc0f4",
      "nat_00f5e11e8b20cc0f4>igw_08bf87d82b5224475",
      "igw_08bf87d82b5224475>internet_0",
    ]);
    expect(ancestry(d, "nb_spoke_a_research").slice(0, 2)).toEqual(["region_333344445555_us_east_1", VPC.spokeA]);
    expect(ancestry(d, "tgw_attach_0487e0c9887f0591a")).toEqual(["region_333344445555_us_east_1", VPC.spokeA, "tgw_attach_0487e0c9887f0591a"]);
    expect(ancestry(d, "tgw_0cc46f200d712ff57")).toEqual([NETWORK_ACCOUNT, "tgw_0cc46f200d712ff57"]);
    expect(ancestry(d, "tgw_rtb_0731aa254145b0434")).toEqual([NETWORK_ACCOUNT, "tgw_rtb_0731aa254145b0434"]);
    expect(ancestry(d, "tgw_attach_063276d8772a54a0f")).toEqual([NETWORK_ACCOUNT, VPC.egress, "tgw_attach_063276d8772a54a0f"]);
    expect(ancestry(d, "nat_00f5e11e8b20cc0f4").slice(0, 2)).toEqual([NETWORK_ACCOUNT, VPC.egress]);
  });

  it("names the attachments and the route table it crosses", () => {
    expect(d.items.get("tgw_attach_0487e0c9887f0591a")?.label).toBe("Transit gateway attachment<br>spoke-a<br>tgw-attach-0487e0c9887f0591a<br>subnets in us-east-1a, us-east-1b");
    expect(d.items.get("tgw_rtb_0731aa254145b0434")?.label).toBe("Transit gateway route table<br>spokes<br>tgw-rtb-0731aa254145b0434");
    expect(d.items.get("tgw_0cc46f200d712ff57")?.label).toBe("Transit gateway<br>hub<br>tgw-0cc46f200d712ff57<br>owner 222233334444");
  });
});
