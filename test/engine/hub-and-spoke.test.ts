/**
 * Scenario tests on fixtures/hub-and-spoke: each documented way to break a hub-and-spoke estate
 * (blackhole, missing association or propagation, missing return route, no attachment subnet in
 * the zone, endpoint security group, missing hosted zone, …), applied to a fresh copy of the loaded
 * fixture, gives the verdict, component, code and fix a user needs.
 */
import { describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { createAnalyzer } from "../../src/engine/index.js";
import { loadModel } from "../../src/snapshot/load.js";
import type { Model, TransitGatewayAttachment, TransitGatewayRouteTable } from "../../src/model/types.js";
import { editedCopy } from "../helpers/fixtures.js";

const FIXTURE = resolve(import.meta.dirname, "../../fixtures/hub-and-spoke");

/** The loaded fixture and its named parts. */
async function estate() {
  const model = await loadModel(FIXTURE);
  const named = <T extends { name: string | undefined }>(map: ReadonlyMap<string, T>, name: string): T => {
    const found = [...map.values()].find((r) => r.name === name);
    if (!found) throw new Error(`no ${name} in the fixture`);
    return found;
  };
  const zone = (prefix: string) => {
    const found = [...model.hostedZones.values()].find((z) => z.zoneName.startsWith(prefix));
    if (!found) throw new Error(`no zone ${prefix}`);
    return found;
  };
  return {
    model,
    query: (from: string, to: string) => createAnalyzer(model).query({ from, to }),
    table: (name: string): TransitGatewayRouteTable => named(model.transitGatewayRouteTables, name),
    attachment: (name: string): TransitGatewayAttachment => named(model.transitGatewayAttachments, name),
    vpc: (name: string) => named(model.vpcs, name),
    routeTable: (name: string) => named(model.routeTables, name),
    subnet: (name: string) => named(model.subnets, name),
    group: (name: string) => named(model.securityGroups, name),
    zone,
  };
}

/** Removes every route to a CIDR from a VPC route table. */
function dropVpcRoute(model: Model, tableId: string, cidr: string): void {
  const table = model.routeTables.get(tableId);
  if (table) table.routes = table.routes.filter((r) => !(r.destination.kind === "cidr" && r.destination.cidr === cidr));
}

describe("hub-and-spoke as built", () => {
  it("a spoke notebook's internet path names every hop through the transit gateway, both ways", async () => {
    const e = await estate();
    const v = e.query("spoke-a-research", "internet");
    expect(v.verdict).toBe("reachable");
    const types = v.path.map((h) => h.type);
    for (const t of ["route-table", "transit-gateway-attachment", "transit-gateway", "transit-gateway-route-table", "nat-gateway", "internet-gateway"]) expect(types).toContain(t);
    const rtb = v.path.find((h) => h.type === "transit-gateway-route-table");
    expect(rtb?.evidence.map((x) => x.text).join(" ")).toMatch(/0\.0\.0\.0\/0 → tgw-attach-\w+ \(static, active\)/);
    expect(v.returnPath.map((h) => h.type)).toContain("transit-gateway-route-table");
    expect(v.returnPath.find((h) => h.type === "transit-gateway-route-table")?.evidence.map((x) => x.text).join(" ")).toContain("propagated");
  });

  it("S3 goes through the egress NAT gateway, then the egress VPC's gateway endpoint (NAT processing applies)", async () => {
    const v = (await estate()).query("spoke-a-research", "s3");
    expect(v.verdict).toBe("reachable");
    const order = v.path.map((h) => h.type).filter((t) => ["transit-gateway", "nat-gateway", "gateway-endpoint"].includes(t));
    expect(order).toEqual(["transit-gateway", "nat-gateway", "gateway-endpoint"]);
  });

  it("the SageMaker API resolves through the private hosted zone to the shared endpoint", async () => {
    const e = await estate();
    const v = e.query("spoke-a-research", "sagemaker-api");
    expect(v.verdict).toBe("reachable");
    expect(v.path[0]?.evidence.map((x) => x.text).join(" ")).toContain(`private hosted zone ${e.zone("api.sagemaker").id}`);
    expect(v.path.map((h) => h.type)).toContain("interface-endpoint");
    expect(v.requiresEndpointUrl).toBeUndefined();
  });
});

describe("hub-and-spoke, broken", () => {
  it("a blackhole default route in the spokes' table", async () => {
    const e = await estate();
    const spokes = e.table("spokes");
    for (const r of spokes.routes) if (r.destination.kind === "cidr" && r.destination.cidr === "0.0.0.0/0") { r.state = "blackhole"; r.attachmentIds = []; }
    const v = e.query("spoke-a-research", "internet");
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ component: spokes.id, type: "transit-gateway-route-table", code: "TGW_RTB_BAD_STATE_ROUTE", direction: "forward" });
    expect(v.fix).toContain(spokes.id);
  });

  it("the spoke's attachment is not associated with any route table", async () => {
    const e = await estate();
    const att = e.attachment("spoke-a");
    att.associations = [];
    const v = e.query("spoke-a-research", "internet");
    expect(v.blockedAt).toMatchObject({ component: att.id, code: "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION", direction: "forward" });
    expect(v.fix).toContain("associate");
  });

  it("the spoke does not propagate into the infrastructure table: the replies have no route back", async () => {
    const e = await estate();
    const infra = e.table("infrastructure");
    infra.routes = infra.routes.filter((r) => !(r.destination.kind === "cidr" && r.destination.cidr === "10.1.0.0/16"));
    const v = e.query("spoke-a-research", "internet");
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ component: infra.id, code: "TGW_RTB_CANNOT_ROUTE", direction: "return" });
    expect(v.fix).toContain("propagat");
    // The other spoke still propagates.
    expect(e.query("spoke-b-analytics", "internet").verdict).toBe("reachable");
  });

  it("the egress VPC's public subnets have no route back to the transit gateway", async () => {
    const e = await estate();
    const table = e.routeTable("egress-public");
    dropVpcRoute(e.model, table.id, "10.0.0.0/8");
    const v = e.query("spoke-a-research", "internet");
    expect(v.blockedAt).toMatchObject({ component: table.id, type: "route-table", code: "NO_ROUTE_TO_DESTINATION", direction: "return" });
    expect(v.fix).toMatch(/add route 10\.1\.10\.\d+\/32 → tgw-/);
  });

  it("the shared endpoints' subnets have no route back to the transit gateway", async () => {
    const e = await estate();
    for (const name of ["shared-endpoints-a", "shared-endpoints-b"]) dropVpcRoute(e.model, e.routeTable(name).id, "10.0.0.0/8");
    const v = e.query("spoke-a-research", "sagemaker-api");
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ type: "route-table", code: "NO_ROUTE_TO_DESTINATION", direction: "return" });
  });

  it("no attachment subnet in the notebook's zone", async () => {
    const e = await estate();
    const att = e.attachment("spoke-a");
    att.subnetIds = [e.subnet("spoke-a-tgw-a").id];
    const v = e.query("spoke-a-training", "sagemaker-runtime");
    expect(v.blockedAt).toMatchObject({ component: att.id, code: "TGW_ROUTE_AZ_RESTRICTION", direction: "forward" });
    expect(v.fix).toContain("us-east-1b");
    expect(e.query("spoke-a-research", "sagemaker-runtime").verdict).toBe("reachable");
  });

  it("the shared endpoints' security group does not admit the spokes", async () => {
    const e = await estate();
    const sg = e.group("shared-endpoints");
    sg.ingress = [];
    const v = e.query("spoke-a-research", "sagemaker-api");
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ type: "interface-endpoint", code: "SG_HAS_NO_RULES", direction: "forward" });
    expect(v.fix).toContain(sg.id);
  });

  it("no hosted zone for the service in a spoke without internet egress: only the endpoint's own name works", async () => {
    const e = await estate();
    const zone = e.zone("api.sagemaker");
    const spoke = e.vpc("spoke-a");
    zone.vpcs = zone.vpcs?.filter((v) => v.vpcId !== spoke.id);
    const spokes = e.table("spokes");
    spokes.routes = spokes.routes.filter((r) => !(r.destination.kind === "cidr" && r.destination.cidr === "0.0.0.0/0"));
    const v = e.query("spoke-a-research", "sagemaker-api");
    expect(v.verdict).toBe("reachable");
    expect(v.requiresEndpointUrl).toMatch(/^https:\/\/vpce-\w+-\w+\.api\.sagemaker\.us-east-1\.vpce\.amazonaws\.com$/);
    expect(v.fix).toContain("create a private hosted zone for api.sagemaker.us-east-1.amazonaws.com");
    expect(e.query("spoke-a-research", "internet").blockedAt).toMatchObject({ component: spokes.id, code: "TGW_RTB_CANNOT_ROUTE" });
  });

  it("a hosted zone that covers the name without a record for it answers NXDOMAIN", async () => {
    const e = await estate();
    const zone = e.zone("api.sagemaker");
    zone.records = zone.records?.filter((r) => r.type !== "A");
    const v = e.query("spoke-a-research", "sagemaker-api");
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ component: zone.id, type: "hosted-zone", code: "NO_POSSIBLE_DESTINATION" });
  });

  it("a zone whose record listing was one page of a longer one (IsTruncated) and lacks the record is unknown, not NXDOMAIN", async () => {
    const e = await estate();
    const zone = e.zone("api.sagemaker");
    zone.records = zone.records?.filter((r) => r.type !== "A");
    zone.recordsTruncated = true;
    const v = e.query("spoke-a-research", "sagemaker-api");
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt).toMatchObject({ component: zone.id, type: "hosted-zone", code: "MISSING_DATA" });
    expect(v.explanation).toContain("the record for api.sagemaker.us-east-1.amazonaws.com is not on the page of its records given (IsTruncated: true)");
    expect(v.fix).toContain(`list-resource-record-sets --hosted-zone-id ${zone.id}`);
  });

  it("loaded from a record file that says IsTruncated, without the record: a warning naming the file and an unknown answer", async () => {
    const file = "222233334444/us-east-1/route53/list-resource-record-sets-Z0N6YK636OCQUVQZ1THU2.json";
    const folder = editedCopy(FIXTURE, [[file, (json) => {
      json.ResourceRecordSets = (json.ResourceRecordSets as { Type: string }[]).filter((r) => r.Type !== "A");
      Object.assign(json, { IsTruncated: true, NextRecordName: "api.sagemaker.us-east-1.amazonaws.com.", NextRecordType: "A" });
    }]]);
    const model = await loadModel(folder);
    expect(model.warnings.map((w) => w.file)).toEqual([`${folder}/${file}`]);
    const v = createAnalyzer(model).query({ from: "spoke-a-research", to: "sagemaker-api" });
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt).toMatchObject({ component: "Z0N6YK636OCQUVQZ1THU2", code: "MISSING_DATA" });
  });

  it("a truncated record listing that holds the record still resolves: the page given decides", async () => {
    const e = await estate();
    e.zone("api.sagemaker").recordsTruncated = true;
    expect(e.query("spoke-a-research", "sagemaker-api").verdict).toBe("reachable");
  });

  it("no known zone for the name while a list-hosted-zones page says more zones follow is unknown, not the public path", async () => {
    const e = await estate();
    const zone = e.zone("runtime.sagemaker");
    expect(e.query("spoke-b-analytics", "sagemaker-runtime").verdict).toBe("reachable");
    e.model.truncatedZoneLists = ["network/route53/list-hosted-zones.json"];
    const v = e.query("spoke-b-analytics", "sagemaker-runtime");
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt).toMatchObject({ type: "hosted-zone", code: "MISSING_DATA" });
    expect(v.explanation).toContain("hosted zones after the page in network/route53/list-hosted-zones.json (IsTruncated: true)");
    expect(v.fix).toContain("every page of aws route53 list-hosted-zones");
    // A zone that is known still answers.
    expect(zone.vpcs?.some((x) => x.vpcId === e.vpc("spoke-a").id)).toBe(true);
    expect(e.query("spoke-a-research", "sagemaker-runtime").verdict).toBe("reachable");
  });

  it("a gateway endpoint does not serve traffic arriving from the transit gateway", async () => {
    const e = await estate();
    const s3 = [...e.model.vpcEndpoints.values()].find((x) => x.type === "Gateway");
    const tgwTable = e.routeTable("egress-tgw-a");
    const plRoute = e.routeTable("egress-public").routes.find((r) => r.target.kind === "gateway-endpoint");
    if (!s3 || !plRoute) throw new Error("fixture has an S3 gateway endpoint route");
    tgwTable.routes.push(plRoute);
    const v = e.query("spoke-a-research", "s3");
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ component: s3.id, code: "GATEWAY_REJECTS_SPOOFED_TRAFFIC" });
    expect(v.fix).toContain("NAT gateway");
  });

  it("the spoke's attachment subnets' NACL refuses the notebook's packets", async () => {
    const e = await estate();
    const acl = [...e.model.networkAcls.values()].find((a) => a.vpcId === e.vpc("spoke-a").id);
    if (!acl) throw new Error("spoke-a has a NACL");
    acl.entries = acl.entries.map((x) => (x.egress ? x : { ...x, action: "deny" as const }));
    const v = e.query("spoke-a-research", "internet");
    expect(v.blockedAt).toMatchObject({ component: acl.id, code: "SUBNET_ACL_RESTRICTION", direction: "forward" });
    expect(v.explanation).toContain(e.subnet("spoke-a-tgw-a").id);
  });

  it("a route to a VPN attachment is unknown, naming it", async () => {
    const e = await estate();
    const spokes = e.table("spokes");
    const vpn: TransitGatewayAttachment = { ...e.attachment("egress"), id: "tgw-attach-0vpn", name: "vpn", resourceType: "vpn", resourceId: "vpn-0abc", subnetIds: [] };
    (e.model.transitGatewayAttachments as Map<string, TransitGatewayAttachment>).set(vpn.id, vpn);
    for (const r of spokes.routes) if (r.destination.kind === "cidr" && r.destination.cidr === "0.0.0.0/0") r.attachmentIds = [vpn.id];
    const v = e.query("spoke-a-research", "internet");
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt).toMatchObject({ component: vpn.id, code: "UNSUPPORTED_COMPONENT" });
    expect(v.explanation).toContain("vpn");
  });
});
