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
 * AWS: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zones-private.html and
 * https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html
 */
import { bareDnsName as bare, type ModelIndex } from "../../model/indexes.js";
import type { HostedZone, Model, Vpc, VpcEndpoint } from "../../model/types.js";
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

const UNKNOWN_VPC_ZONES = new WeakMap<Model, HostedZone[]>();

/**
 * The private zones with an association whose VPC is not known (`HostedZone.vpcsUnknown`), or whose
 * associations are not in the snapshot at all (no get-hosted-zone output), once per model.
 */
function zonesWithUnknownVpcs(model: Model): HostedZone[] {
  let zones = UNKNOWN_VPC_ZONES.get(model);
  if (!zones) {
    zones = [...model.hostedZones.values()].filter((z) => z.privateZone && (z.vpcs === undefined || z.vpcsUnknown !== undefined));
    UNKNOWN_VPC_ZONES.set(model, zones);
  }
  return zones;
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
  for (const z of zonesWithUnknownVpcs(model)) {
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
  const record = zone.records.find((r) => r.name === name && (r.type === "A" || r.type === "CNAME"));
  if (!record && zone.recordsTruncated) {
    return { kind: "unknown", zone, message: fill(meta.codes.MISSING_DATA, { ...fields, what: `the record for ${name} is not on the page of its records given (IsTruncated: true), and the rest are` }), fix: `add every page of aws route53 list-resource-record-sets --hosted-zone-id ${zone.id} to the snapshot (or collect it with vpcreach collect)` };
  }
  if (!record) return { kind: "nxdomain", zone, message: fill(meta.codes.NO_POSSIBLE_DESTINATION, fields) };
  const target = bare(record.aliasTarget ?? record.values[0] ?? "");
  for (const endpoint of index.interfaceEndpointsByDnsName(target)) {
    return {
      kind: "endpoint",
      zone,
      endpoint,
      evidence: { kind: "dns", ref: zone.id, text: `${name} resolves in private hosted zone ${zone.id} (${zone.zoneName}, associated with ${vpc.id}): ${record.type}${record.aliasTarget ? " alias" : ""} → ${target} (${endpoint.id} in ${endpoint.vpcId})` },
    };
  }
  return { kind: "other", zone, message: fill(meta.codes.UNKNOWN_DESTINATION, { ...fields, target: target || "(no value)" }) };
}
