/**
 * Random Route 53 private hosted zones for the generated networks: zones named after an AWS
 * service's default DNS name (or a domain holding several), associated with some of the VPCs (or
 * none), holding an alias record from a service's name to an interface endpoint of any VPC (of that
 * service or another), or no record (a covering zone then answers NXDOMAIN). This is how spokes of
 * a transit gateway reach a shared-services VPC's interface endpoints, and how they get it wrong.
 */
import fc from "fast-check";
import type { HostedZone, Scope } from "../../src/model/types.js";
import { SCOPE, type ModelParts } from "./model-builder.js";

/** The zone names: one per service's default name, and the domain of both SageMaker names. */
export const ZONE_NAMES = ["api.sagemaker.us-east-1.amazonaws.com", "runtime.sagemaker.us-east-1.amazonaws.com", "sts.us-east-1.amazonaws.com", "sagemaker.us-east-1.amazonaws.com"];

/** The default DNS names of the interface services the generator creates endpoints for. */
const SERVICE_NAMES = ["api.sagemaker.us-east-1.amazonaws.com", "runtime.sagemaker.us-east-1.amazonaws.com", "sts.us-east-1.amazonaws.com"];

export interface ZoneSpec {
  /** Index into `ZONE_NAMES`. */
  name: number;
  /** The VPC positions it is associated with (modulo the VPC count; none: associated elsewhere). */
  vpcs: number[];
  /** An alias record from one of the service names inside the zone to an interface endpoint (both modulo); null: no record. */
  record: { name: number; endpoint: number } | null;
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
        record: fc.option(fc.record({ name: fc.nat({ max: 2 }), endpoint: fc.nat({ max: 5 }) }), { nil: null, freq: 4 }),
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
    const records = z.record && endpoint ? [{ name: names[z.record.name % names.length]!, type: "A", aliasTarget: endpoint.dnsEntries[0]!.dnsName, values: [] }] : [];
    const vpcs = [...new Set(z.vpcs.map((v) => vpcIds[v % vpcIds.length]!))].map((vpcId) => ({ vpcId, region: SCOPE.region }));
    const scope: Scope = SCOPE;
    const zone: HostedZone = { id: `Z0PRIV${k}`, scope, name: undefined, tags: {}, origin: { file: "generated", jsonPath: "$" }, zoneName, privateZone: true, vpcs, records, recordsTruncated: false };
    parts.hostedZones.push(zone);
  });
}
