/**
 * Route 53 hosted zones, per account in a `route53/` folder: list-hosted-zones (`HostedZones`),
 * get-hosted-zone-<ZONEID>.json (`HostedZone` with the `VPCs` a private zone is associated with) and
 * list-resource-record-sets-<ZONEID>.json (`ResourceRecordSets`; the zone id is only in the file
 * name). Route 53 is global: these documents need no Region. An output that is one page of a paged
 * listing is read with a warning naming the file and marked, so the answers that depend on what it
 * may lack are unknown: the API's page says `IsTruncated: true` (a hand-made call), the AWS CLI's
 * says `NextToken` instead (`--max-items` stopped it: the CLI drops `IsTruncated` and `NextMarker`,
 * botocore's paginators for ListHostedZones and ListResourceRecordSets having no non-aggregate keys).
 * Models https://docs.aws.amazon.com/Route53/latest/APIReference/API_HostedZone.html,
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_GetHostedZone.html and
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html
 */
import { basename } from "node:path";
import type { JsonObject } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";
import type { HostedZoneRecord, RoutingPolicy } from "../../model/types.js";

/**
 * A DNS name as the model keeps it: lower case, no trailing dot, Route 53's octal escapes decoded
 * (list-resource-record-sets prints a wildcard record's `*` as `\052`: "DNS domain name format").
 *
 * @param name - the name as Route 53 prints it
 */
export function dnsName(name: string): string {
  return name.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))).toLowerCase().replace(/\.$/, "");
}

/** The routing policy of a record set with a `SetIdentifier`, from the field that only that policy has. */
function routingOf(item: JsonObject): HostedZoneRecord["routing"] {
  const setIdentifier = item.optStr("SetIdentifier");
  if (setIdentifier === undefined) return undefined;
  const byField: [string, RoutingPolicy][] = [
    ["Weight", "weighted"],
    ["Failover", "failover"],
    ["Region", "latency"],
    ["MultiValueAnswer", "multivalue"],
    ["GeoLocation", "geolocation"],
    ["GeoProximityLocation", "geoproximity"],
    ["CidrRoutingConfig", "ip-based"],
  ];
  return { setIdentifier, policy: byField.find(([field]) => item.has(field))?.[1] ?? "unknown policy" };
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
    recordsTruncated: false,
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
    ...(item.has("SetIdentifier") ? { routing: routingOf(item) } : {}),
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
  const zones = doc.objects("HostedZones", true).map((zone) => addZone(zone, ctx));
  notePage(doc, ctx, "zones", zones[0], doc.optStr("NextMarker"));
}

/**
 * Notes where a page of a Route 53 listing starts and, when it says `IsTruncated`, where the next
 * page must start. The listing is complete when every such next page was given too (`truncatedPages`).
 * A `NextToken` (the AWS CLI's, opaque) says more follows without saying where: such a page stays
 * truncated whatever other pages are given.
 *
 * @param doc - the page
 * @param ctx - the builder
 * @param listing - `zones`, or `records:<zone id>`
 * @param first - the key of its first item
 * @param next - the key the next page starts at (NextMarker; NextRecordName and NextRecordType)
 */
function notePage(doc: JsonObject, ctx: DocContext, listing: string, first: string | undefined, next: string | undefined): void {
  const pages = ctx.builder.parts.route53Pages.get(listing) ?? { truncated: [], starts: new Set<string>() };
  ctx.builder.parts.route53Pages.set(listing, pages);
  if (first !== undefined) pages.starts.add(first);
  if (doc.optBool("IsTruncated", false)) pages.truncated.push({ file: doc.at.file, next: next ?? "", by: "IsTruncated" });
  else if (doc.optStr("NextToken") !== undefined) pages.truncated.push({ file: doc.at.file, next: "", by: "NextToken" });
}

/**
 * The files of a listing's pages that say more follows while the page that follows was not given.
 *
 * @param pages - the builder's notes on Route 53 pages
 * @param listing - `zones`, or `records:<zone id>`
 */
export function truncatedPages(pages: ReadonlyMap<string, { truncated: { file: string; next: string; by: "IsTruncated" | "NextToken" }[]; starts: ReadonlySet<string> }>, listing: string): { file: string; by: "IsTruncated" | "NextToken" }[] {
  const noted = pages.get(listing);
  return noted ? noted.truncated.filter((page) => page.by === "NextToken" || !noted.starts.has(page.next)).map(({ file, by }) => ({ file, by })) : [];
}

/**
 * How a page says more follows, for a warning: the field, its JSON path and what it means.
 *
 * @param by - the field that said so
 */
export function truncationNote(by: "IsTruncated" | "NextToken"): { text: string; jsonPath: string } {
  return by === "IsTruncated"
    ? { text: "IsTruncated: true", jsonPath: "$.IsTruncated" }
    : { text: "NextToken: the AWS CLI's --max-items stopped it", jsonPath: "$.NextToken" };
}

/** A record set's key as paging names it: `name|type`. */
function recordKey(name: string, type: string | undefined): string {
  return `${dnsName(name)}|${type ?? ""}`;
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
  // Not an AWS field: a Terraform plan's associations whose VPC only apply will tell (terraform/resources/route53.ts).
  if (doc.has("VPCsUnknown")) ctx.builder.parts.zoneVpcsUnknown.set(id, doc.strings("VPCsUnknown"));
}

/**
 * Reads one list-resource-record-sets output (`ResourceRecordSets`), the zone named by the file.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readResourceRecordSets(doc: JsonObject, ctx: DocContext): void {
  const id = zoneOf(doc);
  // A Terraform plan laid over collected data holds every record of the zones it holds: its list replaces theirs.
  const records = ctx.builder.overlay === "replace" ? [] : (ctx.builder.parts.zoneRecords.get(id) ?? []);
  const page = doc.objects("ResourceRecordSets", true).map(readRecord);
  records.push(...page);
  ctx.builder.parts.zoneRecords.set(id, records);
  const next = doc.optStr("NextRecordName");
  notePage(doc, ctx, `records:${id}`, page[0] && recordKey(page[0].name, page[0].type), next === undefined ? undefined : recordKey(next, doc.optStr("NextRecordType")));
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
