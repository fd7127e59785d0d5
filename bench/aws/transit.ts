/**
 * Transit gateway and Route 53 outputs for the fixtures and the synthetic estate, as the AWS CLI prints
 * them, in the layout the loader reads: describe-transit-gateways, describe-transit-gateway-attachments
 * (with each attachment's Association), describe-transit-gateway-vpc-attachments (in the VPC owner's
 * account), describe-transit-gateway-route-tables and, per table (its id in the file name),
 * search-transit-gateway-routes, get-transit-gateway-route-table-associations and
 * get-transit-gateway-route-table-propagations; and private hosted zones in `route53/`
 * (list-hosted-zones, get-hosted-zone, list-resource-record-sets) whose A records alias an interface
 * endpoint, the way centralized endpoints are made resolvable in spoke VPCs.
 * AWS: https://docs.aws.amazon.com/cli/latest/reference/ec2/search-transit-gateway-routes.html,
 * https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html
 */
import type { RegionBuilder, SubnetRef, VpcRef } from "./builder.js";
import type { Json } from "./shapes.js";

const CREATED = "2026-03-02T09:14:00.000Z";

/** A VPC attachment: its id, VPC and that VPC's owner, the table it is associated with, its subnets. */
export interface TgwAttachmentSpec {
  id: string;
  vpc: VpcRef;
  owner: string;
  table: string;
  name: string;
  subnets: SubnetRef[];
  /** Options.ApplianceModeSupport (AWS's default, disable, when not set). */
  applianceMode?: "enable" | "disable";
}

/** An attachment as a route table's association, propagation or route target names it. */
export interface TgwAttachmentRef {
  id: string;
  vpc: VpcRef;
}

/** A transit gateway route table: its routes (static or propagated) and the attachments associated with and propagating into it. */
export interface TgwTableSpec {
  id: string;
  name: string;
  routes: { cidr: string; type: "static" | "propagated"; attachment: TgwAttachmentRef }[];
  associations: TgwAttachmentRef[];
  propagations: TgwAttachmentRef[];
}

/**
 * describe-transit-gateways.json: one transit gateway owned by the builder's account, default route
 * table association and propagation off (every attachment is associated explicitly).
 *
 * @param b - the owner's Region builder
 * @param id - the transit gateway id
 * @param name - its Name tag (also its description)
 */
export function transitGatewayFile(b: RegionBuilder, id: string, name: string): void {
  b.file("describe-transit-gateways.json", {
    TransitGateways: [{
      TransitGatewayId: id, TransitGatewayArn: `arn:aws:ec2:${b.region}:${b.account}:transit-gateway/${id}`, State: "available", OwnerId: b.account, Description: name,
      CreationTime: "2026-03-02T09:00:00.000Z", Tags: [{ Key: "Name", Value: name }],
      Options: { AmazonSideAsn: 64512, AutoAcceptSharedAttachments: "disable", DefaultRouteTableAssociation: "disable", DefaultRouteTablePropagation: "disable", DnsSupport: "enable", VpnEcmpSupport: "enable", MulticastSupport: "disable", SecurityGroupReferencingSupport: "disable" },
    }],
  });
}

/**
 * describe-transit-gateway-attachments.json, in the transit gateway owner's account.
 *
 * @param b - the owner's Region builder
 * @param tgwId - the transit gateway
 * @param attachments - its VPC attachments
 */
export function attachmentsFile(b: RegionBuilder, tgwId: string, attachments: readonly TgwAttachmentSpec[]): void {
  b.file("describe-transit-gateway-attachments.json", {
    TransitGatewayAttachments: attachments.map(({ id, vpc, owner, table, name }) => ({
      TransitGatewayAttachmentId: id, TransitGatewayId: tgwId, TransitGatewayOwnerId: b.account, ResourceOwnerId: owner, ResourceType: "vpc", ResourceId: vpc.id,
      State: "available", Association: { TransitGatewayRouteTableId: table, State: "associated" }, CreationTime: CREATED, Tags: [{ Key: "Name", Value: name }],
    })),
  });
}

/**
 * describe-transit-gateway-vpc-attachments.json, in the VPCs' owner's account (it names the subnets).
 *
 * @param b - the VPC owner's Region builder
 * @param tgwId - the transit gateway
 * @param attachments - the attachments of that account's VPCs
 */
export function vpcAttachmentsFile(b: RegionBuilder, tgwId: string, attachments: readonly Pick<TgwAttachmentSpec, "id" | "vpc" | "subnets" | "applianceMode">[]): void {
  b.file("describe-transit-gateway-vpc-attachments.json", {
    TransitGatewayVpcAttachments: attachments.map(({ id, vpc, subnets, applianceMode }) => ({
      TransitGatewayAttachmentId: id, TransitGatewayId: tgwId, VpcId: vpc.id, VpcOwnerId: b.account, State: "available", SubnetIds: subnets.map((s) => s.id),
      Options: { DnsSupport: "enable", SecurityGroupReferencingSupport: "disable", Ipv6Support: "disable", ApplianceModeSupport: applianceMode ?? "disable" }, CreationTime: CREATED,
    })),
  });
}

/**
 * describe-transit-gateway-route-tables.json and each table's routes, associations and propagations.
 *
 * @param b - the owner's Region builder
 * @param tgwId - the transit gateway
 * @param tables - its route tables
 */
export function routeTableFiles(b: RegionBuilder, tgwId: string, tables: readonly TgwTableSpec[]): void {
  b.file("describe-transit-gateway-route-tables.json", {
    TransitGatewayRouteTables: tables.map(({ id, name }) => ({
      TransitGatewayRouteTableId: id, TransitGatewayId: tgwId, State: "available", DefaultAssociationRouteTable: false, DefaultPropagationRouteTable: false, CreationTime: "2026-03-02T09:01:00.000Z", Tags: [{ Key: "Name", Value: name }],
    })),
  });
  const named = ({ id, vpc }: TgwAttachmentRef) => ({ TransitGatewayAttachmentId: id, ResourceId: vpc.id, ResourceType: "vpc" });
  for (const table of tables) {
    b.file(`transit-gateway-routes/${table.id}.json`, {
      Routes: table.routes.map(({ cidr, type, attachment }) => ({ DestinationCidrBlock: cidr, Type: type, State: "active", TransitGatewayAttachments: [{ ResourceId: attachment.vpc.id, TransitGatewayAttachmentId: attachment.id, ResourceType: "vpc" }] })),
      AdditionalRoutesAvailable: false,
    });
    b.file(`transit-gateway-route-table-associations/${table.id}.json`, { Associations: table.associations.map((a) => ({ ...named(a), State: "associated" })) });
    b.file(`transit-gateway-route-table-propagations/${table.id}.json`, { TransitGatewayRouteTablePropagations: table.propagations.map((p) => ({ ...named(p), State: "enabled" })) });
  }
}

/** A private hosted zone for a service name, aliasing an interface endpoint, associated with some VPCs. */
export interface AliasZoneSpec {
  zoneName: string;
  /** The endpoint's regional DNS name the A record aliases. */
  dnsName: string;
  vpcs: VpcRef[];
}

/**
 * Private hosted zones under `route53/`: list-hosted-zones, and per zone get-hosted-zone (its VPCs)
 * and list-resource-record-sets (an alias A record to the endpoint, NS and SOA). Zone ids are drawn
 * from the builder's generator.
 *
 * @param b - the zones' owner's Region builder
 * @param zones - the zones
 * @param callerPrefix - the CallerReference prefix (numbered per zone)
 */
export function aliasZoneFiles(b: RegionBuilder, zones: readonly AliasZoneSpec[], callerPrefix: string): void {
  const drawn = zones.map((zone, i) => ({ ...zone, id: `Z0${b.rng.chars(19, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}`, caller: `${callerPrefix}-${i}` }));
  const zoneBody = (z: (typeof drawn)[number]): Json => ({ Id: `/hostedzone/${z.id}`, Name: `${z.zoneName}.`, CallerReference: z.caller, Config: { Comment: "centralized interface endpoint", PrivateZone: true }, ResourceRecordSetCount: 3 });
  b.file("route53/list-hosted-zones.json", { HostedZones: drawn.map(zoneBody), IsTruncated: false, MaxItems: "100" });
  for (const z of drawn) {
    b.file(`route53/get-hosted-zone-${z.id}.json`, { HostedZone: zoneBody(z), VPCs: z.vpcs.map((v) => ({ VPCRegion: b.region, VPCId: v.id })) });
    b.file(`route53/list-resource-record-sets-${z.id}.json`, {
      ResourceRecordSets: [
        { Name: `${z.zoneName}.`, Type: "A", AliasTarget: { HostedZoneId: b.facts.vpceHostedZone, DNSName: `${z.dnsName}.`, EvaluateTargetHealth: true } },
        { Name: `${z.zoneName}.`, Type: "NS", TTL: 172800, ResourceRecords: [{ Value: "ns-1536.awsdns-00.co.uk." }] },
        { Name: `${z.zoneName}.`, Type: "SOA", TTL: 900, ResourceRecords: [{ Value: "ns-1536.awsdns-00.co.uk. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400" }] },
      ],
      IsTruncated: false, MaxItems: "300",
    });
  }
}

/**
 * The private hosted zone name of an endpoint service's default DNS name (`sagemaker.api` →
 * `api.sagemaker.us-east-1.amazonaws.com`).
 *
 * @param service - the short service name
 * @param region - the Region
 */
export function serviceZoneName(service: string, region: string): string {
  const [first, second] = service.split(".");
  return second ? `${second}.${first}.${region}.amazonaws.com` : `${service}.${region}.amazonaws.com`;
}
