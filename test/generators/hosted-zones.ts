/**
 * Random Route 53 private hosted zones for the generated networks: zones named after an AWS
 * service's default DNS name (S3's too, or a domain holding several), associated with some of the
 * VPCs (or none), holding an alias record from a service's name to an interface endpoint of any VPC
 * (of that service or another), or no record (a covering zone then answers NXDOMAIN); one record in
 * two is two weighted record sets (`SetIdentifier`), to one endpoint or two. This is how
 * spokes of a transit gateway reach a shared-services VPC's interface endpoints, and how they get it
 * wrong. Some listings are incomplete, as a snapshot can hold them: a zone's records or its VPC
 * associations not collected, its records given as one page of a longer list (`IsTruncated`), the
 * record on that page or not; and the
 * list-hosted-zones output itself one page of a longer list (`zoneListTruncated`): the answer must
 * then be `unknown` wherever the missing part decides.
 */
import fc from "fast-check";
import type { HostedZone, HostedZoneRecord, Model, Scope } from "../../src/model/types.js";
import { SCOPE, type ModelParts } from "./model-builder.js";

/** The zone names: one per service's default name, and the domain of both SageMaker names. */
export const ZONE_NAMES = ["api.sagemaker.us-east-1.amazonaws.com", "runtime.sagemaker.us-east-1.amazonaws.com", "sts.us-east-1.amazonaws.com", "sagemaker.us-east-1.amazonaws.com", "s3.us-east-1.amazonaws.com"];

/** The default DNS names of the interface services the generator creates endpoints for, and S3's. */
const SERVICE_NAMES = ["api.sagemaker.us-east-1.amazonaws.com", "runtime.sagemaker.us-east-1.amazonaws.com", "sts.us-east-1.amazonaws.com", "s3.us-east-1.amazonaws.com"];

export interface ZoneSpec {
  /** Index into `ZONE_NAMES`. */
  name: number;
  /** The VPC positions it is associated with (modulo the VPC count; none: associated elsewhere). */
  vpcs: number[];
  /** An alias record from one of the service names inside the zone to an interface endpoint (both modulo); null: no record. */
  record: { name: number; endpoint: number; weighted?: number | null } | null;
  /**
   * How much of the zone the snapshot holds: 0 all; 1 no records (not collected); 2 one page of them
   * with the record; 3 one page without it; 4 no associations (get-hosted-zone not collected)
   * (absent in older saved cases: all).
   */
  listing?: number;
}

/** One network in three has 1–2 private hosted zones. */
export const zonesArb: fc.Arbitrary<ZoneSpec[]> = fc.oneof(
  { weight: 2, arbitrary: fc.constant([]) },
  {
    weight: 1,
    arbitrary: fc.array(
      fc.record({
        name: fc.nat({ max: ZONE_NAMES.length - 1 }),
        vpcs: fc.array(fc.nat({ max: 2 }), { maxLength: 3 }),
        record: fc.option(fc.record({ name: fc.nat({ max: 2 }), endpoint: fc.nat({ max: 5 }), weighted: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat({ max: 5 }) }) }), { nil: null, freq: 4 }),
        listing: fc.constantFrom(0, 0, 0, 0, 0, 0, 1, 2, 3, 4),
      }),
      { minLength: 1, maxLength: 2 },
    ),
  },
);

/**
 * Adds the zones a spec describes (after the interface endpoints are built).
 *
 * @param specs - the zones (absent in older saved cases: none)
 * @param vpcIds - the network's VPC ids, by position
 * @param parts - the network's parts
 */
export function addHostedZones(specs: ZoneSpec[], vpcIds: string[], parts: Required<ModelParts>): void {
  const endpoints = parts.vpcEndpoints.filter((e) => e.type === "Interface");
  specs.forEach((z, k) => {
    const zoneName = ZONE_NAMES[z.name % ZONE_NAMES.length]!;
    const names = SERVICE_NAMES.filter((n) => n === zoneName || n.endsWith(`.${zoneName}`));
    const endpoint = z.record && endpoints.length > 0 ? endpoints[z.record.endpoint % endpoints.length] : undefined;
    const all: HostedZoneRecord[] = z.record && endpoint ? [{ name: names[z.record.name % names.length]!, type: "A", aliasTarget: endpoint.dnsEntries[0]!.dnsName, values: [] }] : [];
    // Weighted record sets: the alias and a second one, to the same endpoint or another, Route 53 picking per query.
    const second = z.record?.weighted != null && all[0] ? endpoints[z.record.weighted % endpoints.length] : undefined;
    if (second && all[0]) all.splice(0, 1, { ...all[0], routing: { setIdentifier: "blue", policy: "weighted" } }, { ...all[0], aliasTarget: second.dnsEntries[0]!.dnsName, routing: { setIdentifier: "green", policy: "weighted" } });
    const listing = z.listing ?? 0;
    // A page of a longer list: the zone's NS record is always there; the alias only on the page that has it.
    const ns = { name: zoneName, type: "NS", aliasTarget: undefined, values: ["ns-1.awsdns-01.org."] };
    const records = listing === 1 ? undefined : listing === 2 ? [ns, ...all] : listing === 3 ? [ns] : all;
    const vpcs = listing === 4 ? undefined : [...new Set(z.vpcs.map((v) => vpcIds[v % vpcIds.length]!))].map((vpcId) => ({ vpcId, region: SCOPE.region }));
    const scope: Scope = SCOPE;
    const zone: HostedZone = { id: `Z0PRIV${k}`, scope, name: undefined, tags: {}, origin: { file: "generated", jsonPath: "$" }, zoneName, privateZone: true, vpcs, records, recordsTruncated: listing >= 2 };
    parts.hostedZones.push(zone);
  });
}

/**
 * Marks the network's list-hosted-zones output as one page of a longer list (`zoneListTruncated`):
 * a zone after it may cover any name.
 *
 * @param truncated - whether the listing was truncated
 * @param model - the assembled model
 */
export function markZoneListTruncated(truncated: boolean | undefined, model: Model): void {
  if (truncated) model.truncatedZoneLists = ["route53/list-hosted-zones.json"];
}
