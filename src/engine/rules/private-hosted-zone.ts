/**
 * Route 53 private hosted zones: a VPC resolves a name through the most specific private hosted
 * zone associated with it whose domain contains the name (when the VPC's `enableDnsSupport` is
 * on). That is how spokes reach a shared-services VPC's interface endpoints: a zone named after the
 * service (e.g. `api.sagemaker.us-east-1.amazonaws.com`) holding an alias or CNAME to the endpoint's
 * DNS name. A zone that contains the name but has no record for it answers NXDOMAIN (no fallback to
 * the public name). An endpoint's own private DNS never resolves outside its VPC. A listing given
 * as one page of a longer one (`IsTruncated`) may lack the zone or record that decides (a zone
 * closer to the name than every known one, too): the answer is then unknown, not "no zone",
 * NXDOMAIN or the known zone's record; so is a zone associated with a VPC a Terraform plan does
 * not name yet, or a private zone whose associations are not in the snapshot (it may be the asking
 * VPC's).
 * Record sets with a routing policy (a `SetIdentifier`: weighted, failover, latency, multivalue
 * answer, all usable in private zones) share a name and Route 53 picks one per query by weight,
 * health or latency, which no snapshot holds: the answer is one endpoint only when every one names
 * it, else a choice (the verdict holds only where every option gives it); location-based policies
 * (geolocation, geoproximity, IP-based) depend on where the query comes from → unknown. A wildcard
 * record (`*.S`, printed `\052.S`) answers a name without records of its own when S is the closest
 * existing name above it (RFC 4592).
 * AWS: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zones-private.html,
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy.html,
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html and
 * https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html
 */
import { bareDnsName as bare, type ModelIndex } from "../../model/indexes.js";
import type { HostedZone, HostedZoneRecord, Model, RoutingPolicy, Vpc, VpcEndpoint } from "../../model/types.js";
import type { Evidence } from "../verdict.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "private-hosted-zone",
  docs: {
    description: "Private hosted zones associated with a VPC resolve a service's default name to an interface endpoint in another VPC; a covering zone without the record answers NXDOMAIN.",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zones-private.html",
  },
  codes: {
    UNKNOWN_DESTINATION: "{name} resolves in {zone} (associated with {vpc}) to {target}, which is not an interface endpoint of the snapshot",
    NO_POSSIBLE_DESTINATION: "{name} does not resolve in {vpc}: {zone} ({zoneName}) is associated with it and has no record for the name",
    MISSING_DATA: "{zone} ({zoneName}) is associated with {vpc} but {what} not in the snapshot",
  },
} satisfies RuleMeta;

/** How a name resolves in a VPC through its private hosted zones. */
export type ZoneAnswer =
  | { kind: "none" }
  | { kind: "endpoint"; zone: HostedZone; endpoint: VpcEndpoint; evidence: Evidence }
  /** Record sets with a routing policy name several endpoints: Route 53 picks one per query. */
  | { kind: "choice"; zone: HostedZone; options: { endpoint: VpcEndpoint; evidence: Evidence }[]; message: string }
  | { kind: "nxdomain" | "other"; zone: HostedZone; message: string }
  /** The data that decides is missing: the zone's records, or (no zone known) zones a truncated listing left out. */
  | { kind: "unknown"; zone: HostedZone | undefined; message: string; fix: string };

/**
 * The private hosted zones with a record aliasing (or CNAME-ing) the endpoint's DNS names: the
 * endpoint is then resolved by those zones' VPCs (a centralized interface endpoint).
 *
 * @param model - the model
 * @param endpoint - an interface endpoint
 */
export function zonesAliasing(model: Model, endpoint: VpcEndpoint): HostedZone[] {
  const names = new Set(endpoint.dnsEntries.map((d) => bare(d.dnsName)));
  return [...model.hostedZones.values()].filter((z) => z.privateZone && z.records?.some((r) => names.has(bare(r.aliasTarget ?? r.values[0] ?? ""))));
}

/** True when `name` is the zone's domain or inside it. */
function inZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

const ZONE_LIST_FIX = "add every page of aws route53 list-hosted-zones to the snapshot (or collect it with vpcreach collect)";

/** No known zone covers the name: "none", unless a list-hosted-zones page that says more follows may have left the zone out. */
function unlistedZones(model: Model, vpc: Vpc, name: string): ZoneAnswer {
  const files = model.truncatedZoneLists ?? [];
  if (files.length === 0) return { kind: "none" };
  return {
    kind: "unknown",
    zone: undefined,
    message: fill(meta.codes.MISSING_DATA, { zone: "a private hosted zone", zoneName: name, vpc: vpc.id, what: `no zone known to cover ${name} may be: hosted zones after the page in ${files.join(", ")} (IsTruncated: true) are` }),
    fix: ZONE_LIST_FIX,
  };
}

/**
 * A known zone covers the name but is not named exactly as it: a more specific zone, which would
 * answer instead, may be among those a list-hosted-zones page that says more follows left out.
 */
function closerZoneUnlisted(model: Model, vpc: Vpc, name: string, zone: HostedZone): ZoneAnswer | undefined {
  const files = model.truncatedZoneLists ?? [];
  if (files.length === 0 || zone.zoneName === name) return undefined;
  const what = `a zone closer to ${name} may be: hosted zones after the page in ${files.join(", ")} (IsTruncated: true) are`;
  return { kind: "unknown", zone, message: fill(meta.codes.MISSING_DATA, { zone: zone.id, zoneName: zone.zoneName, vpc: vpc.id, what }), fix: ZONE_LIST_FIX };
}

/**
 * Resolves a name in a VPC through the private hosted zones associated with it.
 *
 * @param index - the model's index (its hosted zones by VPC, interface endpoints by DNS name)
 * @param vpc - the VPC asking (its `enableDnsSupport` must not be off)
 * @param name - the fully qualified name, lower case, without trailing dot
 */
export function resolveInPrivateZones(index: ModelIndex, vpc: Vpc, name: string): ZoneAnswer {
  const { model } = index;
  if (vpc.enableDnsSupport === false) return { kind: "none" };
  let zone: HostedZone | undefined;
  for (const z of index.privateZonesOfVpc(vpc.id)) {
    if (!inZone(name, z.zoneName)) continue;
    if (!zone || z.zoneName.length > zone.zoneName.length) zone = z;
  }
  // The most specific covering zone with an association whose VPC is not known (it may be this one).
  let maybe: HostedZone | undefined;
  for (const z of index.privateZonesWithUnknownVpcs()) {
    if (!inZone(name, z.zoneName) || z.vpcs?.some((v) => v.vpcId === vpc.id)) continue;
    if (!maybe || z.zoneName.length > maybe.zoneName.length) maybe = z;
  }
  if (maybe && (!zone || maybe.zoneName.length >= zone.zoneName.length)) {
    if (maybe.vpcs === undefined) {
      return {
        kind: "unknown",
        zone: maybe,
        message: fill(meta.codes.MISSING_DATA, { zone: maybe.id, zoneName: maybe.zoneName, vpc: "VPCs", what: `which ones (get-hosted-zone), and so whether ${vpc.id} is among them, are` }),
        fix: `add route53/get-hosted-zone-${maybe.id}.json (aws route53 get-hosted-zone --id ${maybe.id}) to the snapshot`,
      };
    }
    const what = `whether ${vpc.id} is among them (${maybe.vpcsUnknown!.join("; ")}) is`;
    return {
      kind: "unknown",
      zone: maybe,
      message: fill(meta.codes.MISSING_DATA, { zone: maybe.id, zoneName: maybe.zoneName, vpc: "VPCs", what }),
      fix: `let the plan name the VPC ${maybe.id} is associated with (a reference to its aws_vpc, or its id), or apply it and collect the zone`,
    };
  }
  if (!zone) return unlistedZones(model, vpc, name);
  const closer = closerZoneUnlisted(model, vpc, name, zone);
  if (closer) return closer;
  const fields = { name, zone: zone.id, zoneName: zone.zoneName, vpc: vpc.id };
  if (!zone.records) return { kind: "unknown", zone, message: fill(meta.codes.MISSING_DATA, { ...fields, what: "its records are" }), fix: `add route53/list-resource-record-sets-${zone.id}.json to the snapshot` };
  const pageFix = `add every page of aws route53 list-resource-record-sets --hosted-zone-id ${zone.id} to the snapshot (or collect it with vpcreach collect)`;
  const own = zone.records.filter((r) => r.name === name && isAddressRecord(r));
  if (own.length === 0 && zone.recordsTruncated) {
    return { kind: "unknown", zone, message: fill(meta.codes.MISSING_DATA, { ...fields, what: `the record for ${name} is not on the page of its records given (IsTruncated: true), and the rest are` }), fix: pageFix };
  }
  const found = own.length > 0 ? { records: own, via: "" } : wildcardRecords(zone, name);
  if ("undecided" in found) return { kind: "other", zone, message: fill(meta.codes.UNKNOWN_DESTINATION, { ...fields, target: found.undecided }) };
  if (found.records.length === 0) return { kind: "nxdomain", zone, message: fill(meta.codes.NO_POSSIBLE_DESTINATION, fields) };
  // Record sets of one name with a routing policy are listed together; a page may end among them.
  if (zone.recordsTruncated && found.records.some((r) => r.routing)) {
    return { kind: "unknown", zone, message: fill(meta.codes.MISSING_DATA, { ...fields, what: `other record sets of ${name}'s routing policy may follow the page of its records given (IsTruncated: true), and the rest are` }), fix: pageFix };
  }
  return answerFrom(index, zone, vpc, name, found.records, found.via);
}

/** An A or CNAME record set: those that give a name an IPv4 address. */
function isAddressRecord(record: HostedZoneRecord): boolean {
  return record.type === "A" || record.type === "CNAME";
}

/** True when the zone holds a record named `name` or under it (the name exists, if only as an empty non-terminal). */
function nameExists(records: HostedZoneRecord[], name: string): boolean {
  return records.some((r) => inZone(r.name, name));
}

/**
 * The wildcard record sets that answer a name the zone has no record of (RFC 4592, which Route 53's
 * "DNS domain name format" wildcards follow): `*.S` for the closest name S above it that exists in
 * the zone. None when the name itself exists (with other types only: no IPv4 answer) or the closest
 * one has no wildcard; undecided when only a wildcard further up would match, which a resolver not
 * following RFC 4592 would use.
 */
function wildcardRecords(zone: HostedZone, name: string): { records: HostedZoneRecord[]; via: string } | { undecided: string } {
  const records = zone.records ?? [];
  if (nameExists(records, name)) return { records: [], via: "" };
  const labels = name.split(".");
  for (let i = 1; i < labels.length; i++) {
    const above = labels.slice(i).join(".");
    if (!inZone(above, zone.zoneName)) break;
    if (above !== zone.zoneName && !nameExists(records, above)) continue;
    const wildcards = records.filter((r) => r.name === `*.${above}` && isAddressRecord(r));
    if (wildcards.length > 0) return { records: wildcards, via: ` (wildcard *.${above})` };
    const further = records.find((r) => r.name.startsWith("*.") && isAddressRecord(r) && inZone(name, r.name.slice(2)));
    return further ? { undecided: `no record unless ${further.name}, above the closest existing name ${above}, answers it (RFC 4592 says it does not)` } : { records: [], via: "" };
  }
  return { records: [], via: "" };
}

/** Routing policies whose answer depends on where the query comes from, which vpcreach does not model. */
const LOCATION_POLICIES: ReadonlySet<RoutingPolicy> = new Set(["geolocation", "geoproximity", "ip-based", "unknown policy"]);

/** How a record set is described in evidence: its type, alias or not, and its routing policy. */
function recordText(record: HostedZoneRecord): string {
  const policy = record.routing ? ` ${record.routing.policy} record set "${record.routing.setIdentifier}"` : "";
  return `${record.type}${record.aliasTarget ? " alias" : ""}${policy}`;
}

/**
 * The answer of the record sets that match the name: one endpoint when every one of them names it;
 * a choice when a routing policy picks among several endpoints per query (by weight, health,
 * latency: nothing the snapshot decides); otherwise a target vpcreach cannot follow.
 */
function answerFrom(index: ModelIndex, zone: HostedZone, vpc: Vpc, name: string, records: HostedZoneRecord[], via: string): ZoneAnswer {
  const fields = { name, zone: zone.id, zoneName: zone.zoneName, vpc: vpc.id };
  const located = records.find((r) => r.routing && LOCATION_POLICIES.has(r.routing.policy));
  if (located) return { kind: "other", zone, message: fill(meta.codes.UNKNOWN_DESTINATION, { ...fields, target: `what its ${recordText(located)} gives a query from ${vpc.id}'s location (vpcreach does not model location-based routing)` }) };
  const options: { endpoint: VpcEndpoint; evidence: Evidence }[] = [];
  for (const record of records) {
    const target = bare(record.aliasTarget ?? record.values[0] ?? "");
    const endpoint = index.interfaceEndpointsByDnsName(target)[0];
    if (!endpoint) return { kind: "other", zone, message: fill(meta.codes.UNKNOWN_DESTINATION, { ...fields, target: target || "(no value)" }) };
    if (options.some((o) => o.endpoint.id === endpoint.id)) continue;
    options.push({ endpoint, evidence: { kind: "dns", ref: zone.id, text: `${name} resolves in private hosted zone ${zone.id} (${zone.zoneName}, associated with ${vpc.id})${via}: ${recordText(record)} → ${target} (${endpoint.id} in ${endpoint.vpcId})` } });
  }
  const first = options[0] as { endpoint: VpcEndpoint; evidence: Evidence };
  if (options.length === 1) return { kind: "endpoint", zone, endpoint: first.endpoint, evidence: first.evidence };
  const policies = [...new Set(records.map((r) => r.routing?.policy ?? "simple"))].join(", ");
  return { kind: "choice", zone, options, message: fill(meta.codes.UNKNOWN_DESTINATION, { ...fields, target: `one of ${options.map((o) => o.endpoint.id).join(", ")}, as its ${policies} record sets pick per query (by weight, health or latency, which no snapshot holds)` }) };
}

/** The doubt of a zone's answer in a VPC with `enableDnsHostnames` off (an `UNKNOWN_DESTINATION` where the answers differ). */
const HOSTNAMES_OFF = "{vpc} has enableDnsHostnames off, which AWS requires for private hosted zones: whether {zone} answers {name} there ({answer}) or the public DNS does is not documented";

/**
 * Why a zone's answer is undecided in a VPC with `enableDnsHostnames` off ("To use private hosted
 * zones, you must set the following Amazon VPC settings to true: enableDnsHostnames,
 * enableDnsSupport", Route 53 "Considerations when working with a private hosted zone"; what happens
 * otherwise is not said), or undefined when the attribute is not off or no zone answers.
 *
 * @param vpc - the asking VPC
 * @param name - the name
 * @param answer - the private hosted zones' answer
 * @param answerText - that answer, described
 */
export function zoneWithoutHostnames(vpc: Vpc, name: string, answer: ZoneAnswer, answerText: string): string | undefined {
  if (vpc.enableDnsHostnames !== false || answer.kind === "none") return undefined;
  return fill(HOSTNAMES_OFF, { vpc: vpc.id, zone: answer.zone?.id ?? "a private hosted zone", name, answer: answerText });
}
