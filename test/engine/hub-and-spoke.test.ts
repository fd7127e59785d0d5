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

/**
 * A service in the shared-services VPC whose security group admits spoke-a's notebooks by their
 * group (sg-0f50264f378e720ea), not by address; the fixture's transit gateway and attachments say
 * `SecurityGroupReferencingSupport: disable`, as AWS's default for a transit gateway is.
 */
describe("hub-and-spoke: a security group reference across the transit gateway", () => {
  const NETWORK = "222233334444/us-east-1";
  const SPOKE_A = "333344445555/us-east-1";
  const SERVICE_IP = "10.100.10.50";
  const SPOKE_A_NOTEBOOKS = "sg-0f50264f378e720ea";
  type Options = { tgw?: string | null; shared?: string | null; spoke?: string | null };

  /** Sets (a string) or removes (null) the option in one record's `Options`. */
  const setOption = (record: Record<string, unknown>, value: string | null | undefined) => {
    const options = record.Options as Record<string, unknown>;
    if (value === null) delete options.SecurityGroupReferencingSupport;
    else if (value !== undefined) options.SecurityGroupReferencingSupport = value;
  };
  const eachRecord = (key: string, f: (r: Record<string, unknown>) => void) => (json: Record<string, unknown>) => (json[key] as Record<string, unknown>[]).forEach(f);

  /** The fixture with the shared service added and the options set as given (unchanged: `disable`). */
  async function withService(options: Options) {
    const folder = editedCopy(FIXTURE, [
      [`${NETWORK}/describe-security-groups.json`, (json) => {
        (json.SecurityGroups as unknown[]).push({
          GroupId: "sg-0a1b2c3d4e5f60718", GroupName: "shared-app", Description: "shared app", OwnerId: "222233334444", VpcId: "vpc-04cd2e33129116f1c",
          IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ UserId: "333344445555", GroupId: SPOKE_A_NOTEBOOKS }], IpRanges: [], Ipv6Ranges: [], PrefixListIds: [] }],
          IpPermissionsEgress: [{ IpProtocol: "-1", UserIdGroupPairs: [], IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [], PrefixListIds: [] }],
        });
      }],
      [`${NETWORK}/describe-network-interfaces.json`, (json) => {
        (json.NetworkInterfaces as unknown[]).push({
          AvailabilityZone: "us-east-1a", Description: "shared app", Groups: [{ GroupId: "sg-0a1b2c3d4e5f60718", GroupName: "shared-app" }], InterfaceType: "interface", NetworkInterfaceId: "eni-0a1b2c3d4e5f60718",
          OwnerId: "222233334444", PrivateIpAddress: SERVICE_IP, PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: SERVICE_IP }], RequesterManaged: false, SourceDestCheck: true, Status: "in-use",
          SubnetId: "subnet-0de6ee1eb621c2aec", TagSet: [], VpcId: "vpc-04cd2e33129116f1c",
        });
      }],
      [`${NETWORK}/describe-transit-gateways.json`, eachRecord("TransitGateways", (r) => setOption(r, options.tgw))],
      [`${NETWORK}/describe-transit-gateway-vpc-attachments.json`, eachRecord("TransitGatewayVpcAttachments", (r) => setOption(r, options.shared))],
      [`${SPOKE_A}/describe-transit-gateway-vpc-attachments.json`, eachRecord("TransitGatewayVpcAttachments", (r) => setOption(r, options.spoke))],
    ]);
    const model = await loadModel(folder);
    return { model, query: (from: string, to: string) => createAnalyzer(model).query({ from, to }) };
  }

  it("enabled on the transit gateway and both attachments: the reference admits the notebook", async () => {
    const v = (await withService({ tgw: "enable", shared: "enable", spoke: "enable" })).query("spoke-a-research", `${SERVICE_IP}:443`);
    expect(v.verdict).toBe("reachable");
    const sg = v.path.find((h) => h.component === "sg-0a1b2c3d4e5f60718");
    expect(sg?.evidence.map((x) => x.text).join(" | ")).toContain(`allow tcp 443 from ${SPOKE_A_NOTEBOOKS}`);
    expect(sg?.evidence.map((x) => x.text).join(" | ")).toContain("Options.SecurityGroupReferencingSupport enable on tgw-0cc46f200d712ff57");
  });

  it("disabled on the transit gateway (the fixture as built): unreachable, naming the option", async () => {
    const v = (await withService({})).query("spoke-a-research", `${SERVICE_IP}:443`);
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ component: "sg-0a1b2c3d4e5f60718", code: "SG_REFERENCES_NOT_PRESERVED", direction: "forward" });
    expect(v.explanation).toContain("Options.SecurityGroupReferencingSupport is disable on tgw-0cc46f200d712ff57");
    expect(v.fix).toContain("enable SecurityGroupReferencingSupport on tgw-0cc46f200d712ff57");
  });

  it("enabled on the transit gateway but disabled on the spoke's attachment: unreachable, naming the attachment", async () => {
    const v = (await withService({ tgw: "enable", shared: "enable" })).query("spoke-a-research", `${SERVICE_IP}:443`);
    expect(v.verdict).toBe("unreachable");
    expect(v.explanation).toContain("is disable on tgw-attach-0487e0c9887f0591a");
  });

  it("not in the data (older CLI output): unknown, naming the missing fields", async () => {
    const v = (await withService({ tgw: null, shared: null, spoke: null })).query("spoke-a-research", `${SERVICE_IP}:443`);
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt).toMatchObject({ code: "MISSING_DATA", direction: "forward" });
    expect(v.explanation).toContain("tgw-0cc46f200d712ff57 (describe-transit-gateways Options.SecurityGroupReferencingSupport)");
    expect(v.explanation).toContain("describe-transit-gateway-vpc-attachments Options.SecurityGroupReferencingSupport");
  });

  it("not in the data but not deciding: a CIDR rule admits the notebook anyway", async () => {
    const e = await withService({ tgw: null, shared: null, spoke: null });
    const group = e.model.securityGroups.get("sg-0a1b2c3d4e5f60718");
    group?.ingress.push({ groupId: "sg-0a1b2c3d4e5f60718", direction: "ingress", protocol: "tcp", ports: { from: 443, to: 443 }, peer: { kind: "cidr", cidr: "10.1.0.0/16" }, description: undefined, permissionIndex: 1 });
    expect(e.query("spoke-a-research", `${SERVICE_IP}:443`).verdict).toBe("reachable");
  });

  it("a shared interface endpoint whose group admits the spoke by group reference stays unreachable even when enabled (PrivateLink is excluded)", async () => {
    const e = await withService({ tgw: "enable", shared: "enable", spoke: "enable" });
    const group = [...e.model.securityGroups.values()].find((g) => g.groupName === "shared-endpoints");
    if (!group) throw new Error("fixture has the shared-endpoints group");
    group.ingress = [{ groupId: group.id, direction: "ingress", protocol: "tcp", ports: { from: 443, to: 443 }, peer: { kind: "security-group", groupId: SPOKE_A_NOTEBOOKS, vpcId: undefined, peeringStatus: undefined }, description: undefined, permissionIndex: 0 }];
    const v = e.query("spoke-a-research", "sagemaker-api");
    expect(v.verdict).toBe("unreachable");
    expect(v.blockedAt).toMatchObject({ type: "interface-endpoint", code: "SG_REFERENCES_NOT_PRESERVED" });
    expect(v.explanation).toContain("not supported for PrivateLink endpoints");
  });
});
