/**
 * The reference evaluator's DNS: where an AWS service's default name resolves inside a VPC, read
 * apart from the engine from:
 * - Route 53, "Considerations when working with a private hosted zone": private hosted zones work
 *   only with the VPC's `enableDnsSupport` and `enableDnsHostnames` on; among the private zones
 *   associated with the VPC whose domain holds the name, the most specific one answers; "if there's
 *   a matching private hosted zone but there's no record that matches the domain name and type in
 *   the request, Resolver doesn't forward the request to a public DNS resolver. Instead, it returns
 *   NXDOMAIN". A zone not associated with the VPC is not consulted (a transit gateway carries no DNS
 *   of the VPCs behind it: "Amazon VPC attachments", limits).
 * - PrivateLink, "Private DNS" of interface endpoints: with private DNS enabled (and both VPC DNS
 *   attributes on) the service's default name resolves, in the endpoint's VPC only, to the
 *   endpoint's network interfaces; without it, to the service's public addresses.
 * An alias or CNAME record to an endpoint's own DNS name resolves to that endpoint's network
 * interfaces. Several A/CNAME record sets of the name (a routing policy: Route 53, "Choosing a routing
 * policy") naming different endpoints are a choice made per query. What these pages leave open is
 * unmodeled (wildcard records too): a zone of the VPC covering the name beside
 * an endpoint of the VPC with private DNS on (which one answers), several endpoints for the service
 * in the VPC, a record naming something that is not an endpoint of the snapshot, zone associations
 * a Terraform plan leaves open, VPC DNS attributes not on.
 * Data the snapshot lacks that decides the answer is "missing" (the engine must say `unknown`): the
 * VPC associations of a covering zone not collected (unless a known zone of the VPC is closer); the
 * records of the answering zone not collected; one page of them (`IsTruncated`) without the name's
 * record (a record on the page answers: a name has one A or CNAME record set); a list-hosted-zones
 * page that says more follows, unless the answering zone is named exactly as the name (no zone left
 * out can be more specific).
 */
import type { Model, VpcEndpoint } from "../../src/model/types.js";

/** Where a name resolves in a VPC. */
export type Resolution =
  | { kind: "endpoint"; endpoint: VpcEndpoint; addresses: string[]; why: string }
  /** Several record sets of the name (a routing policy) name different endpoints: Route 53 answers one of them per query. */
  | { kind: "choice"; options: { endpoint: VpcEndpoint; addresses: string[] }[]; why: string }
  | { kind: "nxdomain"; zoneId: string; why: string }
  | { kind: "public"; why: string }
  | { kind: "unmodeled"; why: string }
  | { kind: "missing"; why: string };

/** True when `name` is the domain `zone` or a name inside it. */
function within(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** Lower case, no trailing dot. */
function plain(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** The private IPv4 addresses of an endpoint's network interfaces. */
function endpointAddresses(model: Model, endpoint: VpcEndpoint): string[] {
  return endpoint.networkInterfaceIds.flatMap((id) => model.networkInterfaces.get(id)?.privateIps.map((a) => a.privateIp) ?? []);
}

/**
 * Resolves a service's default DNS name (e.g. `sts.us-east-1.amazonaws.com`) for a client in a VPC.
 *
 * @param model - the network
 * @param vpcId - the client's VPC
 * @param name - the default name
 * @param serviceName - the endpoint service (`com.amazonaws.us-east-1.sts`)
 */
export function resolveServiceName(model: Model, vpcId: string, name: string, serviceName: string): Resolution {
  const vpc = model.vpcs.get(vpcId);
  if (!vpc) return { kind: "unmodeled", why: `${vpcId} is not in the snapshot` };
  if (vpc.enableDnsSupport !== true || vpc.enableDnsHostnames !== true) return { kind: "unmodeled", why: `the DNS attributes of ${vpcId} are not both on` };
  const covering = [...model.hostedZones.values()].filter((z) => z.privateZone && within(name, plain(z.zoneName)));
  if (covering.some((z) => z.vpcsUnknown !== undefined)) return { kind: "unmodeled", why: `a zone covering ${name} has associations a plan leaves open` };
  const mine = covering.filter((z) => z.vpcs?.some((v) => v.vpcId === vpcId)).sort((a, b) => plain(b.zoneName).length - plain(a.zoneName).length);
  // A zone whose associations the snapshot lacks may be this VPC's: it decides unless a known zone of the VPC is closer.
  const unsure = covering.filter((z) => z.vpcs === undefined && (mine.length === 0 || plain(z.zoneName).length >= plain(mine[0]!.zoneName).length));
  const owns = [...model.vpcEndpoints.values()].filter((e) => e.type === "Interface" && e.vpcId === vpcId && e.serviceName === serviceName);
  if (owns.length > 1) return { kind: "unmodeled", why: `${vpcId} has ${owns.length} interface endpoints for ${serviceName}` };
  const own = owns[0];
  const zone = mine[0];
  const listingCut = (model.truncatedZoneLists ?? []).length > 0;
  if ((zone || listingCut || unsure.length > 0) && own?.privateDnsEnabled) return { kind: "unmodeled", why: `${zone ? zone.id : "a zone the snapshot does not tie to the VPC"} and ${own.id}'s private DNS both cover ${name} in ${vpcId}` };
  if (unsure.length > 0) return { kind: "missing", why: `the VPC associations of ${unsure.map((z) => z.id).join(", ")}, covering ${name}, are not in the snapshot` };
  if (listingCut && (!zone || plain(zone.zoneName) !== name)) return { kind: "missing", why: `the hosted zone listing is one page of a longer one: a zone left out may cover ${name} more closely${zone ? ` than ${zone.id}` : ""}` };
  if (zone) {
    if (mine.filter((z) => plain(z.zoneName) === plain(zone.zoneName)).length > 1) return { kind: "unmodeled", why: `two zones named ${zone.zoneName} are associated with ${vpcId}` };
    if (zone.records === undefined) return { kind: "missing", why: `the records of ${zone.id} are not in the snapshot` };
    const records = zone.records.filter((r) => plain(r.name) === name && (r.type === "A" || r.type === "CNAME"));
    if (records.length === 0 && zone.recordsTruncated) return { kind: "missing", why: `the page of ${zone.id}'s records given has none for ${name}, and the rest are not in the snapshot` };
    if (records.length === 0 && zone.records.some((r) => plain(r.name).startsWith("*."))) return { kind: "unmodeled", why: `${zone.id} has wildcard records` };
    if (records.length === 0) return { kind: "nxdomain", zoneId: zone.id, why: `${zone.id} (${zone.zoneName}), associated with ${vpcId}, has no record for ${name}` };
    if (records.length > 1 && zone.recordsTruncated) return { kind: "missing", why: `more record sets of ${name}'s routing policy may be on the pages of ${zone.id}'s records not given` };
    const options: Resolution[] = records.map((record) => {
      const target = plain(record.aliasTarget ?? record.values[0] ?? "");
      const endpoints = [...model.vpcEndpoints.values()].filter((e) => e.dnsEntries.some((d) => plain(d.dnsName) === target));
      if (endpoints.length !== 1) return { kind: "unmodeled", why: `${name} in ${zone.id} points at ${target}, which is ${endpoints.length === 0 ? "no" : "more than one"} endpoint of the snapshot` };
      return { kind: "endpoint", endpoint: endpoints[0]!, addresses: endpointAddresses(model, endpoints[0]!), why: `${zone.id} aliases ${name} to ${endpoints[0]!.id}` };
    });
    const unmodeled = options.find((o) => o.kind !== "endpoint");
    if (unmodeled) return unmodeled;
    const endpoints = options as Extract<Resolution, { kind: "endpoint" }>[];
    if (endpoints.every((o) => o.endpoint.id === endpoints[0]!.endpoint.id)) return endpoints[0]!;
    // Route 53 "Choosing a routing policy": weighted, failover, latency and multivalue record sets of one name answer one per query.
    return { kind: "choice", options: endpoints, why: `${zone.id} has ${records.length} record sets for ${name} (a routing policy) naming ${endpoints.map((o) => o.endpoint.id).join(", ")}` };
  }
  if (own?.privateDnsEnabled) return { kind: "endpoint", endpoint: own, addresses: endpointAddresses(model, own), why: `${own.id}'s private DNS in ${vpcId}` };
  return { kind: "public", why: `no private zone of ${vpcId} covers ${name}${own ? `, and ${own.id} has private DNS off` : ""}` };
}
