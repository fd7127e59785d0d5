/**
 * Transit gateway and Route 53 inputs: the AWS CLI layout (per-table files named after the table,
 * per-zone files named after the zone) and Batfish's wrappers, into the model.
 */
import { describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { loadModel } from "../../src/snapshot/load.js";
import { InputError } from "../../src/model/errors.js";
import { indexModel } from "../../src/model/indexes.js";
import { resolveInPrivateZones } from "../../src/engine/rules/private-hosted-zone.js";
import { makeFolder, vpcFiles } from "./helpers.js";

const TGW_DATA = resolve(import.meta.dirname, "../data/external/batfish-aws-tgw");

const TGW = { TransitGateways: [{ TransitGatewayId: "tgw-1", OwnerId: "111122223333", State: "available", Options: { DefaultRouteTableAssociation: "enable", AssociationDefaultRouteTableId: "tgw-rtb-1", DefaultRouteTablePropagation: "disable", PropagationDefaultRouteTableId: "tgw-rtb-1" } }] };
const TABLES = { TransitGatewayRouteTables: [{ TransitGatewayRouteTableId: "tgw-rtb-1", TransitGatewayId: "tgw-1", State: "available" }] };
const ATTACHMENTS = {
  TransitGatewayAttachments: [
    { TransitGatewayAttachmentId: "tgw-attach-1", TransitGatewayId: "tgw-1", ResourceType: "vpc", ResourceId: "vpc-1", State: "available", Association: { TransitGatewayRouteTableId: "tgw-rtb-1", State: "associated" } },
    { TransitGatewayAttachmentId: "tgw-attach-2", TransitGatewayId: "tgw-1", ResourceType: "vpn", ResourceId: "vpn-1", State: "available" },
  ],
};

describe("transit gateway inputs, AWS CLI layout", () => {
  it("reads the table's routes, associations and propagations from files named after the table", async () => {
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/TransitGateways.json": TGW,
        "us-east-1/TransitGatewayRouteTables.json": TABLES,
        "us-east-1/TransitGatewayAttachments.json": ATTACHMENTS,
        "us-east-1/transit-gateway-routes/tgw-rtb-1.json": {
          Routes: [
            { DestinationCidrBlock: "10.0.0.0/16", Type: "propagated", State: "active", TransitGatewayAttachments: [{ TransitGatewayAttachmentId: "tgw-attach-1", ResourceId: "vpc-1", ResourceType: "vpc" }] },
            { DestinationCidrBlock: "0.0.0.0/0", Type: "static", State: "blackhole" },
            { DestinationCidrBlock: "10.9.0.0/16", Type: "static", State: "deleted" },
          ],
          AdditionalRoutesAvailable: true,
        },
        "us-east-1/transit-gateway-route-table-associations/tgw-rtb-1.json": { Associations: [{ TransitGatewayAttachmentId: "tgw-attach-2", ResourceId: "vpn-1", ResourceType: "vpn", State: "associated" }] },
        "us-east-1/transit-gateway-route-table-propagations/tgw-rtb-1.json": { TransitGatewayRouteTablePropagations: [{ TransitGatewayAttachmentId: "tgw-attach-1", ResourceId: "vpc-1", ResourceType: "vpc", State: "enabled" }] },
      }),
    );
    expect(model.transitGateways.get("tgw-1")).toMatchObject({ ownerId: "111122223333", defaultAssociationRouteTableId: "tgw-rtb-1", defaultPropagationRouteTableId: undefined });
    const table = model.transitGatewayRouteTables.get("tgw-rtb-1");
    expect(table).toMatchObject({ transitGatewayId: "tgw-1", routesGiven: "all", routesTruncated: true });
    expect(table?.routes).toEqual([
      { destination: { kind: "cidr", cidr: "10.0.0.0/16" }, type: "propagated", state: "active", attachmentIds: ["tgw-attach-1"] },
      { destination: { kind: "cidr", cidr: "0.0.0.0/0" }, type: "static", state: "blackhole", attachmentIds: [] },
    ]);
    expect(table?.propagations).toEqual([{ attachmentId: "tgw-attach-1", resourceType: "vpc", resourceId: "vpc-1", state: "enabled" }]);
    expect(model.transitGatewayAttachments.get("tgw-attach-1")?.associations).toEqual([{ transitGatewayId: "tgw-1", routeTableId: "tgw-rtb-1", state: "associated" }]);
    // The association file names no transit gateway: it comes from the table.
    expect(model.transitGatewayAttachments.get("tgw-attach-2")?.associations).toEqual([{ transitGatewayId: "tgw-1", routeTableId: "tgw-rtb-1", state: "associated" }]);
    expect(model.warnings).toEqual([]);
  });

  it("an attachment listed without Association is not associated; one known only from the VPC list is unknown", async () => {
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/TransitGateways.json": TGW,
        "us-east-1/TransitGatewayAttachments.json": { TransitGatewayAttachments: [ATTACHMENTS.TransitGatewayAttachments[1]] },
        "us-east-1/TransitGatewayVpcAttachments.json": { TransitGatewayVpcAttachments: [{ TransitGatewayAttachmentId: "tgw-attach-1", TransitGatewayId: "tgw-1", VpcId: "vpc-1", SubnetIds: ["subnet-1"], State: "available" }] },
      }),
    );
    expect(model.transitGatewayAttachments.get("tgw-attach-2")?.associations).toEqual([]);
    expect(model.transitGatewayAttachments.get("tgw-attach-1")?.associations).toBeUndefined();
  });

  it("a per-table file whose name holds no table id is an input error naming the file and key", async () => {
    const folder = makeFolder({ ...vpcFiles(), "us-east-1/routes.json": { Routes: [] } });
    const error = await loadModel(folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain("routes.json: $.Routes");
    expect((error as Error).message).toContain("cannot tell which transit gateway route table this is");
  });

  it("routes of a table describe-transit-gateway-route-tables does not list are ignored with a warning", async () => {
    const model = await loadModel(makeFolder({ ...vpcFiles(), "us-east-1/transit-gateway-routes/tgw-rtb-9.json": { Routes: [] } }));
    expect(model.warnings.map((w) => w.message)).toContain("the routes of transit gateway route table tgw-rtb-9 were ignored: describe-transit-gateway-route-tables does not list it");
  });
});

describe("transit gateway inputs, Batfish's layout", () => {
  it("peering: one attachment record, associated on each side with that side's table", async () => {
    const model = await loadModel(`${TGW_DATA}/transit-gateway-peering/aws_configs`);
    const peering = model.transitGatewayAttachments.get("tgw-attach-012e5d602f859dd80");
    expect(peering).toMatchObject({ resourceType: "peering" });
    expect(new Set([peering?.transitGatewayId, peering?.resourceId])).toEqual(new Set(["tgw-0e20010ebf43d07a2", "tgw-03201f1960ddb0c25"]));
    expect(peering?.associations).toEqual(
      expect.arrayContaining([
        { transitGatewayId: "tgw-0e20010ebf43d07a2", routeTableId: "tgw-rtb-05d2952671d1f460a", state: "associated" },
        { transitGatewayId: "tgw-03201f1960ddb0c25", routeTableId: "tgw-rtb-00be87593fb2cd0ae", state: "associated" },
      ]),
    );
    expect(model.warnings.filter((w) => w.resourceId === "tgw-attach-012e5d602f859dd80")).toEqual([]);
    const bat2 = model.transitGatewayRouteTables.get("tgw-rtb-018a5e572ec3088d1");
    expect(bat2).toMatchObject({ routesGiven: "static", routesTruncated: false });
    expect(bat2?.routes).toEqual([{ destination: { kind: "cidr", cidr: "192.168.0.0/16" }, type: "static", state: "active", attachmentIds: ["tgw-attach-012e5d602f859dd80"] }]);
    expect(bat2?.propagations).toEqual([{ attachmentId: "tgw-attach-02ff0f113900dd06d", resourceType: "vpc", resourceId: "vpc-03ccec9d7758a283a", state: "enabled" }]);
  });

  it("multi-account: the shared transit gateway's table comes from its owner's account", async () => {
    const model = await loadModel(`${TGW_DATA}/transit-gateway-multi-account/aws_configs`);
    expect(model.transitGatewayRouteTables.get("tgw-rtb-0b2c8eeefcf19371b")?.propagations?.map((p) => p.attachmentId).sort()).toEqual(["tgw-attach-0f832eb2ca4a975a4", "tgw-attach-0f8397dbb9b9bce0d"]);
    expect(model.transitGatewayAttachments.get("tgw-attach-0f8397dbb9b9bce0d")).toMatchObject({ subnetIds: ["subnet-0ffa87ae0b553703e"], associations: [{ routeTableId: "tgw-rtb-0b2c8eeefcf19371b" }] });
  });
});

describe("Route 53 inputs", () => {
  it("reads zones, their VPCs and their records from the three outputs", async () => {
    const zone = { Id: "/hostedzone/Z0123ABCDEF", Name: "sagemaker.us-east-1.amazonaws.com.", Config: { PrivateZone: true } };
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/route53/list-hosted-zones.json": { HostedZones: [zone], IsTruncated: false, MaxItems: "100" },
        "us-east-1/route53/get-hosted-zone-Z0123ABCDEF.json": { HostedZone: zone, VPCs: [{ VPCRegion: "us-east-1", VPCId: "vpc-1" }] },
        "us-east-1/route53/list-resource-record-sets-Z0123ABCDEF.json": {
          ResourceRecordSets: [
            { Name: "sagemaker.us-east-1.amazonaws.com.", Type: "A", AliasTarget: { HostedZoneId: "Z7HUB22UULQXV", DNSName: "VPCE-1.API.SAGEMAKER.us-east-1.vpce.amazonaws.com.", EvaluateTargetHealth: false } },
            { Name: "sagemaker.us-east-1.amazonaws.com.", Type: "NS", TTL: 172800, ResourceRecords: [{ Value: "ns-0.awsdns-00.com." }] },
          ],
          IsTruncated: false,
        },
      }),
    );
    expect(model.hostedZones.get("Z0123ABCDEF")).toMatchObject({
      zoneName: "sagemaker.us-east-1.amazonaws.com",
      privateZone: true,
      recordsTruncated: false,
      vpcs: [{ vpcId: "vpc-1", region: "us-east-1" }],
      records: [
        { name: "sagemaker.us-east-1.amazonaws.com", type: "A", aliasTarget: "vpce-1.api.sagemaker.us-east-1.vpce.amazonaws.com", values: [] },
        { name: "sagemaker.us-east-1.amazonaws.com", type: "NS", aliasTarget: undefined, values: ["ns-0.awsdns-00.com."] },
      ],
    });
    expect(model.warnings).toEqual([]);
  });

  it("reads a wildcard record's escaped name and the routing policy of record sets with a SetIdentifier", async () => {
    const zone = { Id: "/hostedzone/Z0456ABCDEF", Name: "sagemaker.us-east-1.amazonaws.com.", Config: { PrivateZone: true } };
    const target = { HostedZoneId: "Z7HUB22UULQXV", DNSName: "vpce-1.api.sagemaker.us-east-1.vpce.amazonaws.com.", EvaluateTargetHealth: false };
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/route53/list-hosted-zones.json": { HostedZones: [zone], IsTruncated: false, MaxItems: "100" },
        "us-east-1/route53/list-resource-record-sets-Z0456ABCDEF.json": {
          ResourceRecordSets: [
            { Name: "\\052.sagemaker.us-east-1.amazonaws.com.", Type: "A", AliasTarget: target },
            { Name: "api.sagemaker.us-east-1.amazonaws.com.", Type: "A", SetIdentifier: "blue", Weight: 90, AliasTarget: target },
            { Name: "api.sagemaker.us-east-1.amazonaws.com.", Type: "A", SetIdentifier: "primary", Failover: "PRIMARY", AliasTarget: target },
            { Name: "api.sagemaker.us-east-1.amazonaws.com.", Type: "A", SetIdentifier: "east", Region: "us-east-1", AliasTarget: target },
            { Name: "api.sagemaker.us-east-1.amazonaws.com.", Type: "A", SetIdentifier: "eu", GeoLocation: { ContinentCode: "EU" }, AliasTarget: target },
          ],
          IsTruncated: false,
        },
      }),
    );
    const records = model.hostedZones.get("Z0456ABCDEF")?.records ?? [];
    expect(records.map((r) => [r.name, r.routing?.policy, r.routing?.setIdentifier])).toEqual([
      ["*.sagemaker.us-east-1.amazonaws.com", undefined, undefined],
      ["api.sagemaker.us-east-1.amazonaws.com", "weighted", "blue"],
      ["api.sagemaker.us-east-1.amazonaws.com", "failover", "primary"],
      ["api.sagemaker.us-east-1.amazonaws.com", "latency", "east"],
      ["api.sagemaker.us-east-1.amazonaws.com", "geolocation", "eu"],
    ]);
  });

  const pagedZone = { Id: "/hostedzone/Z0PAGED1", Name: "api.sagemaker.us-east-1.amazonaws.com.", Config: { PrivateZone: true } };
  const alias = { Name: "api.sagemaker.us-east-1.amazonaws.com.", Type: "A", AliasTarget: { HostedZoneId: "Z7HUB22UULQXV", DNSName: "vpce-1.api.sagemaker.us-east-1.vpce.amazonaws.com.", EvaluateTargetHealth: false } };
  const ns = { Name: "api.sagemaker.us-east-1.amazonaws.com.", Type: "NS", TTL: 172800, ResourceRecords: [{ Value: "ns-0.awsdns-00.com." }] };
  const zoneFiles = {
    "us-east-1/route53/list-hosted-zones.json": { HostedZones: [pagedZone], IsTruncated: false, MaxItems: "100" },
    "us-east-1/route53/get-hosted-zone-Z0PAGED1.json": { HostedZone: pagedZone, VPCs: [{ VPCRegion: "us-east-1", VPCId: "vpc-1" }] },
  };

  it("a record page that says more follows (IsTruncated) is a warning naming the file, and marks the zone's records truncated", async () => {
    const model = await loadModel(makeFolder({
      ...vpcFiles(),
      ...zoneFiles,
      "us-east-1/route53/list-resource-record-sets-Z0PAGED1.json": { ResourceRecordSets: [ns], IsTruncated: true, NextRecordName: "api.sagemaker.us-east-1.amazonaws.com.", NextRecordType: "SOA", MaxItems: "1" },
    }));
    expect(model.hostedZones.get("Z0PAGED1")?.recordsTruncated).toBe(true);
    expect(model.warnings).toHaveLength(1);
    expect(model.warnings[0]).toMatchObject({ resourceId: "Z0PAGED1", jsonPath: "$.IsTruncated" });
    expect(model.warnings[0]?.file).toMatch(/route53\/list-resource-record-sets-Z0PAGED1\.json$/);
    expect(model.warnings[0]?.message).toContain("list-resource-record-sets output for Z0PAGED1 is one page of a longer list (IsTruncated: true)");
  });

  it("every page of a record listing given (each file starting where the one before said) is complete, with no warning", async () => {
    const model = await loadModel(makeFolder({
      ...vpcFiles(),
      ...zoneFiles,
      "us-east-1/route53/list-resource-record-sets-Z0PAGED1.json": { ResourceRecordSets: [ns], IsTruncated: true, NextRecordName: "api.sagemaker.us-east-1.amazonaws.com.", NextRecordType: "A", MaxItems: "1" },
      "us-east-1/route53/list-resource-record-sets-Z0PAGED1-2.json": { ResourceRecordSets: [alias], IsTruncated: false, MaxItems: "1" },
    }));
    const zone = model.hostedZones.get("Z0PAGED1");
    expect(zone?.recordsTruncated).toBe(false);
    expect(zone?.records?.map((r) => r.type).sort()).toEqual(["A", "NS"]);
    expect(model.warnings).toEqual([]);
  });

  it("a list-hosted-zones page that says more follows is a warning naming the file, kept in the model", async () => {
    const model = await loadModel(makeFolder({
      ...vpcFiles(),
      ...zoneFiles,
      "us-east-1/route53/list-hosted-zones.json": { HostedZones: [pagedZone], IsTruncated: true, NextMarker: "Z0NEXT99", MaxItems: "1" },
      "us-east-1/route53/list-resource-record-sets-Z0PAGED1.json": { ResourceRecordSets: [alias, ns], IsTruncated: false },
    }));
    expect(model.truncatedZoneLists).toHaveLength(1);
    expect(model.truncatedZoneLists?.[0]).toMatch(/route53\/list-hosted-zones\.json$/);
    expect(model.warnings.map((w) => w.message)).toEqual([expect.stringContaining("list-hosted-zones output is one page of a longer list (IsTruncated: true)")]);
    expect(model.hostedZones.get("Z0PAGED1")?.recordsTruncated).toBe(false);
  });

  // `aws route53 ... --max-items N` prints the AWS CLI's NextToken instead of IsTruncated and NextMarker.
  it("a list-hosted-zones output the AWS CLI's --max-items stopped (NextToken, no IsTruncated) is truncated too", async () => {
    const model = await loadModel(makeFolder({
      ...vpcFiles(),
      ...zoneFiles,
      "us-east-1/route53/list-hosted-zones.json": { HostedZones: [pagedZone], NextToken: "eyJNYXJrZXIiOiAiWjBORVhUOTkifQ==" },
      "us-east-1/route53/list-resource-record-sets-Z0PAGED1.json": { ResourceRecordSets: [alias, ns] },
    }));
    expect(model.truncatedZoneLists).toHaveLength(1);
    expect(model.warnings).toHaveLength(1);
    expect(model.warnings[0]).toMatchObject({ jsonPath: "$.NextToken" });
    expect(model.warnings[0]?.message).toContain("list-hosted-zones output is one page of a longer list (NextToken: the AWS CLI's --max-items stopped it)");
    expect(model.hostedZones.get("Z0PAGED1")?.recordsTruncated).toBe(false);
  });

  it("a record page with the AWS CLI's NextToken stays truncated whatever else is given (the token does not say where the next page starts)", async () => {
    const model = await loadModel(makeFolder({
      ...vpcFiles(),
      ...zoneFiles,
      "us-east-1/route53/list-resource-record-sets-Z0PAGED1.json": { ResourceRecordSets: [ns], NextToken: "eyJTdGFydFJlY29yZE5hbWUiOiAiYXBpIn0=" },
      "us-east-1/route53/list-resource-record-sets-Z0PAGED1-2.json": { ResourceRecordSets: [alias] },
    }));
    expect(model.hostedZones.get("Z0PAGED1")?.recordsTruncated).toBe(true);
    expect(model.warnings.map((w) => w.jsonPath)).toEqual(["$.NextToken"]);
    expect(model.warnings[0]?.file).toMatch(/route53\/list-resource-record-sets-Z0PAGED1\.json$/);
  });

  it("a record page with the AWS CLI's NextToken and no record for the name: the service's answer is unknown, not NXDOMAIN", async () => {
    const model = await loadModel(makeFolder({
      ...vpcFiles(),
      ...zoneFiles,
      "us-east-1/route53/list-resource-record-sets-Z0PAGED1.json": { ResourceRecordSets: [ns], NextToken: "eyJTdGFydFJlY29yZE5hbWUiOiAiYXBpIn0=" },
    }));
    const vpc = model.vpcs.get("vpc-1")!;
    const answer = resolveInPrivateZones(indexModel(model), { ...vpc, enableDnsSupport: true }, "api.sagemaker.us-east-1.amazonaws.com");
    expect(answer.kind).toBe("unknown");
  });

  it("records in a file that names no zone are an input error", async () => {
    const error = await loadModel(makeFolder({ ...vpcFiles(), "us-east-1/route53/records.json": { ResourceRecordSets: [] } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain("list-resource-record-sets-<ZONEID>.json");
  });
});
