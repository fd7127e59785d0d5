/**
 * Route 53: `aws_route53_zone` (a private zone's `vpc` blocks), `aws_route53_zone_association` and
 * `aws_route53_record` → the list-hosted-zones, get-hosted-zone (`VPCs`) and list-resource-record-sets
 * outputs the Route 53 readers take (src/snapshot/aws/route53-hosted-zone.ts). A zone the plan holds
 * lists every record it will have besides the SOA and NS records AWS adds, which resolve no service.
 * An alias (or record value) Terraform knows only after apply — an interface endpoint's
 * `dns_entry[0].dns_name` — is followed through the configuration to the endpoint, which is given a
 * DNS entry of that name, so the alias resolves to it exactly as after apply; a target no reference
 * names stays a name the snapshot does not know (the answer through it is `unknown`, naming the
 * attribute). A record's `set_identifier` and routing policy block become its `SetIdentifier` and the
 * policy's field. `aws_route53_vpc_association_authorization` is not read: it only lets another account
 * associate a VPC; the `aws_route53_zone_association` it allows is what associates it.
 * Models https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route53_zone,
 * …/route53_zone_association and …/route53_record
 */
import type { TfInstance } from "../plan.js";
import { blockInstance, blocks, str, strings, type Json, type Translation } from "../translate.js";

/** The get-hosted-zone and list-resource-record-sets outputs of a zone the plan holds. */
function zoneParts(t: Translation, zoneId: string): { zone: Json; records: Json } | undefined {
  const zone = t.singles.find((single) => (single.HostedZone as Json | undefined)?.Id === zoneId);
  const records = t.singles.find((single) => single.HostedZoneId === zoneId && Array.isArray(single.ResourceRecordSets));
  return zone && records ? { zone, records } : undefined;
}

/** One VPC association: the VPC its `vpc_id` names (followed through references; `vpc_region` defaults to the provider's). */
function association(t: Translation, owner: TfInstance): Json | undefined {
  const vpcId = t.ref(owner, "vpc_id");
  return vpcId ? { VPCId: vpcId, VPCRegion: str(owner, "vpc_region") ?? t.region ?? "" } : undefined;
}

/**
 * Notes an association whose VPC is not known until apply: the zone then lists it as unknown, so a
 * name it covers is unknown in every VPC it does not name (`HostedZone.vpcsUnknown`), never answered
 * as if the VPC were not associated.
 */
function unknownAssociation(t: Translation, owner: TfInstance, zone: Json, what: string): void {
  const reason = `${what}: vpc_id is not known until apply and no reference in the configuration names the VPC`;
  t.warn(owner, `${reason}; names the zone covers are unknown in the VPCs it may be`);
  zone.VPCs ??= [];
  zone.VPCsUnknown = [...((zone.VPCsUnknown as string[] | undefined) ?? []), reason];
}

function readZone(t: Translation, zone: TfInstance): void {
  const name = str(zone, "name");
  if (!name) return t.omit(zone, "name");
  const id = t.idOf(zone);
  const vpcBlocks = blocks(zone, "vpc").map((_, i) => blockInstance(zone, "vpc", i)!);
  // A zone made with VPCs is private (Route 53 cannot associate a VPC with a public zone later).
  const hostedZone = { Id: id, Name: name, Config: { PrivateZone: vpcBlocks.length > 0, ...(str(zone, "comment") ? { Comment: str(zone, "comment") } : {}) } };
  t.add("HostedZones", hostedZone);
  const document: Json = { HostedZone: hostedZone };
  vpcBlocks.forEach((block, i) => {
    const vpc = association(t, block);
    if (!vpc) return unknownAssociation(t, zone, document, `${zone.address} vpc[${i}]`);
    document.VPCs = [...((document.VPCs as Json[] | undefined) ?? []), vpc];
  });
  t.singles.push(document);
  t.singles.push({ HostedZoneId: id, ResourceRecordSets: [] });
}

function readZoneAssociation(t: Translation, zoneAssociation: TfInstance): void {
  const zoneId = t.ref(zoneAssociation, "zone_id");
  if (!zoneId) return t.omit(zoneAssociation, "zone_id");
  const vpc = association(t, zoneAssociation);
  const parts = zoneParts(t, zoneId);
  if (!parts) return t.outside(zoneAssociation, zoneId, `associates ${vpc ? String(vpc.VPCId) : "a VPC"} with hosted zone ${zoneId}, which is not in the plan`);
  if (!vpc) return unknownAssociation(t, zoneAssociation, parts.zone, zoneAssociation.address);
  const vpcs = (parts.zone.VPCs as Json[] | undefined) ?? [];
  parts.zone.VPCs = vpcs;
  if (!vpcs.some((v) => v.VPCId === vpc.VPCId)) vpcs.push(vpc);
}

/** The record's name as Route 53 stores it: the provider appends the zone's name unless the name ends with it. */
function fullName(name: string, zoneName: string): string {
  const bare = name.toLowerCase().replace(/\.$/, "");
  const zone = zoneName.toLowerCase().replace(/\.$/, "");
  if (bare.endsWith(zone)) return bare;
  return name === "" ? zone : `${bare}.${zone}`;
}

/**
 * A DNS name known only after apply: the interface endpoint a reference names (`aws_vpc_endpoint.x.
 * dns_entry[0].dns_name`) gets a DNS entry standing for it, named after its address, and the name is
 * that entry. Any other reference, or none: undefined.
 */
function endpointName(t: Translation, owner: TfInstance, attribute: string): string | undefined {
  const target = t.refTarget(owner, attribute);
  if (target?.instance.type !== "aws_vpc_endpoint" || target.attribute !== "dns_entry") return undefined;
  const endpoint = t.records("VpcEndpoints").find((record) => record.VpcEndpointId === t.idOf(target.instance));
  if (!endpoint) return undefined;
  // Every DNS name of an interface endpoint resolves to its network interfaces; one entry stands for them.
  const name = `dns_entry of ${target.instance.address} (known at apply)`;
  const entries = endpoint.DnsEntries as Json[];
  if (!entries.some((entry) => entry.DnsName === name)) entries.push({ DnsName: name });
  return name;
}

/** An alias target or record value known only after apply and not followable: named by the attribute. */
function unknownName(record: TfInstance, attribute: string): string {
  return `${attribute} of ${record.address} (known only after apply)`;
}

/** The record's `AliasTarget`, or undefined when it has no alias block. */
function aliasTarget(t: Translation, record: TfInstance): Json | undefined {
  const alias = blockInstance(record, "alias", 0);
  if (!alias) return undefined;
  let name = str(alias, "name") ?? endpointName(t, alias, "name");
  if (!name) {
    t.warn(record, "alias.name is not known until apply and no reference in the configuration names an interface endpoint's DNS name: answers that resolve the name are unknown");
    name = unknownName(record, "alias.name");
  }
  return { DNSName: name, HostedZoneId: str(alias, "zone_id") ?? "", EvaluateTargetHealth: alias.values.evaluate_target_health === true };
}

/** The record's values (`records`): known, else followed to an endpoint's DNS name, else named by the attribute. */
function recordValues(t: Translation, record: TfInstance): string[] {
  const known = strings(record, "records");
  if (known.length > 0 || !t.isUnknown(record, "records")) return known;
  const name = endpointName(t, record, "records");
  if (name) return [name];
  t.warn(record, "records are not known until apply and no reference in the configuration names an interface endpoint's DNS name: answers that resolve the name are unknown");
  return [unknownName(record, "records")];
}

/** Each routing policy block of `aws_route53_record` and the field of list-resource-record-sets that only that policy has. */
const POLICY_FIELDS: [block: string, field: string][] = [
  ["weighted_routing_policy", "Weight"],
  ["failover_routing_policy", "Failover"],
  ["latency_routing_policy", "Region"],
  ["geolocation_routing_policy", "GeoLocation"],
  ["geoproximity_routing_policy", "GeoProximityLocation"],
  ["cidr_routing_policy", "CidrRoutingConfig"],
];

/**
 * A record set with a routing policy: its `SetIdentifier` and its policy's field (the value is not
 * read: Route 53 picks among such record sets per query whatever the weights or locations).
 */
function routingFields(record: TfInstance): Json {
  const setIdentifier = str(record, "set_identifier");
  if (!setIdentifier) return {};
  const policy = POLICY_FIELDS.find(([block]) => blocks(record, block).length > 0);
  if (policy) return { SetIdentifier: setIdentifier, [policy[1]]: {} };
  return { SetIdentifier: setIdentifier, ...(record.values.multivalue_answer_routing_policy === true ? { MultiValueAnswer: true } : {}) };
}

function readRecord(t: Translation, record: TfInstance): void {
  const zoneId = t.ref(record, "zone_id");
  if (!zoneId) return t.omit(record, "zone_id");
  // An empty name is the zone's apex.
  const name = typeof record.values.name === "string" ? record.values.name : undefined;
  const type = str(record, "type");
  if (name === undefined || !type) return t.omit(record, name === undefined ? "name" : "type");
  const parts = zoneParts(t, zoneId);
  if (!parts) return t.outside(record, zoneId, `is a record of hosted zone ${zoneId}, which is not in the plan`);
  const alias = aliasTarget(t, record);
  (parts.records.ResourceRecordSets as Json[]).push({
    Name: fullName(name, String((parts.zone.HostedZone as Json).Name)),
    Type: type,
    ...routingFields(record),
    ...(alias ? { AliasTarget: alias } : { ResourceRecords: recordValues(t, record).map((Value) => ({ Value })) }),
  });
}

export const ROUTE53_ZONE_TRANSLATORS = {
  aws_route53_zone: readZone,
} as const;

/** These need the zones, and the interface endpoints whose DNS names records alias. */
export const ROUTE53_PART_TRANSLATORS = {
  aws_route53_zone_association: readZoneAssociation,
  aws_route53_record: readRecord,
} as const;
