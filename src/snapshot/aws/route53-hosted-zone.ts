/**
 * Route 53 hosted zones, per account in a `route53/` folder: list-hosted-zones (`HostedZones`),
 * get-hosted-zone-<ZONEID>.json (`HostedZone` with the `VPCs` a private zone is associated with) and
 * list-resource-record-sets-<ZONEID>.json (`ResourceRecordSets`; the zone id is only in the file
 * name). Route 53 is global: these documents need no Region.
 * Models https://docs.aws.amazon.com/Route53/latest/APIReference/API_HostedZone.html,
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_GetHostedZone.html and
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html
 */
import { basename } from "node:path";
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";
import type { HostedZoneRecord } from "../../model/types.js";

/**
 * A DNS name as the model keeps it: lower case, no trailing dot.
 *
 * @param name - the name as Route 53 prints it
 */
export function dnsName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** `/hostedzone/Z0123` → `Z0123`. */
function zoneId(id: string): string {
  return id.replace(/^\/hostedzone\//, "");
}

/** Adds a hosted zone record unless list-hosted-zones and get-hosted-zone both gave it. */
function addZone(zone: JsonObject, ctx: DocContext): string {
  const id = zoneId(zone.str("Id"));
  if (ctx.builder.maps.hostedZones.has(id)) return id;
  const record = zone.withId(id);
  ctx.builder.add("hostedZones", {
    ...commonFields(record, ctx, id),
    zoneName: dnsName(record.str("Name")),
    privateZone: record.optObj("Config")?.optBool("PrivateZone", false) ?? false,
    vpcs: undefined,
    records: undefined,
  });
  return id;
}

/**
 * The zone of a list-resource-record-sets output: its `HostedZoneId` field (which `collect` adds, as
 * the AWS CLI output has none), else the id the file names, e.g. `list-resource-record-sets-Z0123.json`.
 */
function zoneOf(doc: JsonObject): string {
  const id = doc.optStr("HostedZoneId") ?? /(?:^|[^0-9A-Za-z])(Z[0-9A-Z]{4,})(?:[^0-9A-Za-z]|$)/.exec(basename(doc.at.file))?.[1];
  if (!id) return doc.failAt("ResourceRecordSets", "cannot tell which hosted zone these records belong to: name the file list-resource-record-sets-<ZONEID>.json");
  return id;
}

/** One record set. */
function readRecord(item: JsonObject): HostedZoneRecord {
  const alias = item.optObj("AliasTarget");
  return {
    name: dnsName(item.str("Name")),
    type: item.str("Type"),
    aliasTarget: alias ? dnsName(alias.str("DNSName")) : undefined,
    values: item.objects("ResourceRecords").map((r) => r.str("Value")),
  };
}

/**
 * Reads one list-hosted-zones output (`HostedZones`).
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readHostedZones(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "hostedZones");
  for (const zone of doc.objects("HostedZones", true)) addZone(zone, ctx);
}

/**
 * Reads one get-hosted-zone output (`HostedZone` and the `VPCs` of a private zone).
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readHostedZone(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "hostedZones");
  const id = addZone(doc.obj("HostedZone"), ctx);
  if (doc.has("VPCs")) ctx.builder.parts.zoneVpcs.set(id, doc.objects("VPCs").map((v) => ({ vpcId: v.str("VPCId"), region: v.str("VPCRegion") })));
}

/**
 * Reads one list-resource-record-sets output (`ResourceRecordSets`), the zone named by the file.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readResourceRecordSets(doc: JsonObject, ctx: DocContext): void {
  const id = zoneOf(doc);
  const records = ctx.builder.parts.zoneRecords.get(id) ?? [];
  records.push(...doc.objects("ResourceRecordSets", true).map(readRecord));
  ctx.builder.parts.zoneRecords.set(id, records);
}

/** Each Route 53 output's top-level key and its reader. */
export const ROUTE53_READERS = { HostedZones: readHostedZones, HostedZone: readHostedZone, ResourceRecordSets: readResourceRecordSets } as const;

/**
 * Reads one Route 53 output of a `route53/` folder, whichever of the three it is.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readRoute53Document(doc: JsonObject, ctx: DocContext): void {
  for (const [key, reader] of Object.entries(ROUTE53_READERS)) if (doc.has(key)) reader(doc, ctx);
}
