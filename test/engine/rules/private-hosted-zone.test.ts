/**
 * The private-hosted-zone rule as a table: how `api.sagemaker.us-east-1.amazonaws.com` resolves in
 * spoke-a of fixtures/hub-and-spoke when the zone covering it, its records, or the listings they came
 * from are changed — including listings given as one page of a longer one (IsTruncated), record sets
 * of a routing policy (several per name) and wildcard records.
 */
import { describe, expect, it } from "vitest";
import { resolveInPrivateZones, type ZoneAnswer } from "../../../src/engine/rules/private-hosted-zone.js";
import { indexModel } from "../../../src/model/indexes.js";
import type { HostedZone, HostedZoneRecord, Model, RoutingPolicy } from "../../../src/model/types.js";
import { loadModel } from "../../../src/snapshot/load.js";

const NAME = "api.sagemaker.us-east-1.amazonaws.com";
const loaded = await loadModel("fixtures/hub-and-spoke");
const spoke = [...loaded.vpcs.values()].find((v) => v.name === "spoke-a")!;
const apiZone = [...loaded.hostedZones.values()].find((z) => z.zoneName === NAME)!;

/** The model with the api zone replaced (or removed) and the truncated zone lists set. */
function modelWith(zone: Partial<HostedZone> | undefined, truncatedZoneLists: string[] = []): Model {
  const zones = new Map(loaded.hostedZones);
  if (zone) zones.set(apiZone.id, { ...apiZone, ...zone });
  else zones.delete(apiZone.id);
  return { ...loaded, hostedZones: zones, truncatedZoneLists };
}

const withoutA = apiZone.records?.filter((r) => r.type !== "A");
const alias = apiZone.records!.find((r) => r.type === "A")!;
const STS = "vpce-09d6dd0fe56ee8fab-dngfjv5g.sts.us-east-1.vpce.amazonaws.com";

/** The api record as record sets of a routing policy, one per target (undefined: the api endpoint). */
function routed(policy: RoutingPolicy, targets: (string | undefined)[]): HostedZoneRecord[] {
  return [...withoutA!, ...targets.map((target, i) => ({ ...alias, aliasTarget: target ?? alias.aliasTarget, routing: { setIdentifier: `set-${i}`, policy } }))];
}

/** The api record moved to a wildcard of the broader zone `sagemaker.us-east-1.amazonaws.com`, with other records. */
function wildcard(others: HostedZoneRecord[]): Partial<HostedZone> {
  return { zoneName: "sagemaker.us-east-1.amazonaws.com", records: [{ ...alias, name: "*.sagemaker.us-east-1.amazonaws.com" }, ...others] };
}
const txt = (name: string): HostedZoneRecord => ({ name, type: "TXT", aliasTarget: undefined, values: ['"x"'] });

const cases: { name: string; model: Model; kind: ZoneAnswer["kind"]; message?: string }[] = [
  { name: "the zone aliases the shared endpoint", model: modelWith({}), kind: "endpoint" },
  { name: "the zone's record page is truncated but holds the record", model: modelWith({ recordsTruncated: true }), kind: "endpoint" },
  { name: "the zone has no record for the name", model: modelWith({ records: withoutA }), kind: "nxdomain", message: "has no record for the name" },
  { name: "the zone's records were not given", model: modelWith({ records: undefined }), kind: "unknown", message: "its records are not in the snapshot" },
  { name: "no record on a truncated page of the zone's records", model: modelWith({ records: withoutA, recordsTruncated: true }), kind: "unknown", message: "is not on the page of its records given (IsTruncated: true)" },
  { name: "the zone is not associated with the spoke", model: modelWith({ vpcs: [] }), kind: "none" },
  { name: "the zone's associations were not given (no get-hosted-zone)", model: modelWith({ vpcs: undefined }), kind: "unknown", message: `which ones (get-hosted-zone), and so whether ${spoke.id} is among them, are not in the snapshot` },
  { name: "no zone known, the zone list complete", model: modelWith(undefined), kind: "none" },
  { name: "no zone known, a zone list page says more follows", model: modelWith(undefined, ["route53/list-hosted-zones.json"]), kind: "unknown", message: "hosted zones after the page in route53/list-hosted-zones.json (IsTruncated: true)" },
  { name: "a known zone named as the name answers whatever a truncated zone list", model: modelWith({}, ["route53/list-hosted-zones.json"]), kind: "endpoint" },
  { name: "a broader known zone answers, the zone list complete", model: modelWith({ zoneName: "sagemaker.us-east-1.amazonaws.com" }), kind: "endpoint" },
  { name: "a broader known zone, a zone list page says more follows (a closer zone may be on the next)", model: modelWith({ zoneName: "sagemaker.us-east-1.amazonaws.com" }, ["route53/list-hosted-zones.json"]), kind: "unknown", message: `a zone closer to ${NAME} may be: hosted zones after the page in route53/list-hosted-zones.json (IsTruncated: true) are not in the snapshot` },
  { name: "the zone is associated with a VPC a plan does not name yet, not the spoke", model: modelWith({ vpcs: [], vpcsUnknown: ["vpc_id known at apply"] }), kind: "unknown", message: `whether ${spoke.id} is among them (vpc_id known at apply) is not in the snapshot` },
  { name: "the zone names the spoke among associations, another unknown", model: modelWith({ vpcsUnknown: ["vpc_id known at apply"] }), kind: "endpoint" },
  { name: "weighted record sets all naming the shared endpoint", model: modelWith({ records: routed("weighted", [undefined, undefined]) }), kind: "endpoint" },
  { name: "weighted record sets naming two endpoints (Route 53 picks per query)", model: modelWith({ records: routed("weighted", [undefined, STS]) }), kind: "choice", message: "one of vpce-0bfce4cf6b3966338, vpce-09d6dd0fe56ee8fab, as its weighted record sets pick per query" },
  { name: "failover record sets, the secondary naming no endpoint", model: modelWith({ records: routed("failover", [undefined, "backup.example.com"]) }), kind: "other", message: "to backup.example.com, which is not an interface endpoint" },
  { name: "a geolocation record set (the answer depends on the query's location)", model: modelWith({ records: routed("geolocation", [undefined]) }), kind: "other", message: "vpcreach does not model location-based routing" },
  { name: "weighted record sets on a truncated page of the zone's records", model: modelWith({ records: routed("weighted", [undefined]), recordsTruncated: true }), kind: "unknown", message: "other record sets of" },
  { name: "a wildcard of a broader zone answers the name", model: modelWith(wildcard([])), kind: "endpoint" },
  { name: "the name has a record of another type only: no address, not the wildcard's", model: modelWith(wildcard([txt(NAME)])), kind: "nxdomain" },
  { name: "a name below the asked one exists (an empty non-terminal): not the wildcard's", model: modelWith(wildcard([txt(`x.${NAME}`)])), kind: "nxdomain" },
  { name: "a wildcard above the closest existing name (RFC 4592: it does not answer)", model: modelWith({ zoneName: "us-east-1.amazonaws.com", records: [{ ...alias, name: "*.us-east-1.amazonaws.com" }, txt("sagemaker.us-east-1.amazonaws.com")] }), kind: "other", message: "RFC 4592" },
  { name: "the wildcard of the closest existing name answers", model: modelWith({ zoneName: "us-east-1.amazonaws.com", records: [{ ...alias, name: "*.sagemaker.us-east-1.amazonaws.com" }, txt("sagemaker.us-east-1.amazonaws.com")] }), kind: "endpoint" },
];

describe("private-hosted-zone: resolving a service name in a spoke", () => {
  it.each(cases)("$name → $kind", ({ model, kind, message }) => {
    const answer = resolveInPrivateZones(indexModel(model), spoke, NAME);
    expect(answer.kind).toBe(kind);
    if (message) expect("message" in answer ? answer.message : "").toContain(message);
  });
});
