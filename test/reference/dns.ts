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
 *
 * Read apart from the engine for the rules of 7 December (test/generators/dns-rules.ts makes them):
 * - Route 53 "How Resolver determines whether the domain name in a query matches any rules": the
 *   rule of the VPC with the most specific domain the name is in decides; the knowledge-center page
 *   "How can I use and override reverse DNS rules with Route 53 Resolver" gives the order at one
 *   domain: manually made Resolver rules, then the rules of private hosted zones. So a `FORWARD` rule
 *   sends the name to servers whose answer no snapshot holds ("forwarded": only `unknown` agrees)
 *   unless a private zone of the VPC strictly more specific than the rule's domain answers (an
 *   interface endpoint's private DNS is such a zone, named as the service's name); a `SYSTEM` rule
 *   leaves the Resolver its answer.
 * - VPC DHCP option sets: with `domain-name-servers` other than AmazonProvidedDNS the instances ask
 *   those servers; private zones and private DNS are answered only by the Amazon-provided server.
 *   Where the VPC's Resolver answers otherwise than publicly, which answer the client gets is not in
 *   the snapshot ("undocumented": `unknown`, or a verdict the engine says both answers give). A set
 *   whose DescribeDhcpOptions call failed in the VPC's account and Region may be such a set. A
 *   custom server's own answer is taken as the public one, as docs/engine.md states.
 * - Route 53 "Considerations when working with a private hosted zone": private zones need both
 *   `enableDnsHostnames` and `enableDnsSupport`; what a zone does with the first off is not said, so a
 *   zone's answer there is "undocumented" as above.
 * - S3's PrivateLink page: `PrivateDnsOnlyForInboundResolverEndpoint` sends names resolved in the VPC
 *   to the gateway endpoint (public addresses); where the snapshot does not print it and the VPC has
 *   a gateway endpoint for the service, both answers are possible ("either").
 * - Route 53 routing policies: geolocation, geoproximity and IP-based record sets answer by where
 *   the query comes from (for private zones, the VPC's Region), which records the model does not
 *   keep: "missing".
 */
import type { Model, Vpc, VpcEndpoint } from "../../src/model/types.js";

/** Where a name resolves in a VPC. */
export type Resolution =
  | { kind: "endpoint"; endpoint: VpcEndpoint; addresses: string[]; why: string }
  /** Several record sets of the name (a routing policy) name different endpoints: Route 53 answers one of them per query. */
  | { kind: "choice"; options: { endpoint: VpcEndpoint; addresses: string[] }[]; why: string }
  /** The VPC's own S3 interface endpoint or the public addresses, as an option the snapshot does not print says. */
  | { kind: "either"; endpoint: VpcEndpoint; addresses: string[]; why: string }
  | { kind: "nxdomain"; zoneId: string; why: string }
  | { kind: "public"; why: string }
  /** A Resolver forwarding rule sends the name to DNS servers the snapshot does not describe. */
  | { kind: "forwarded"; rule: string; why: string }
  /** Which of the VPC Resolver's answer (`inVpc`) and the public one the client gets is not documented or not in the snapshot. */
  | { kind: "undocumented"; why: string; inVpc: Resolution }
  | { kind: "unmodeled"; why: string }
  | { kind: "missing"; why: string };

/** True when `name` is the domain `zone` or a name inside it (the root, empty, holds every name). */
function within(name: string, zone: string): boolean {
  return zone === "" || name === zone || name.endsWith(`.${zone}`);
}

/** Lower case, no trailing dot. */
function plain(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** The private IPv4 addresses of an endpoint's network interfaces. */
function endpointAddresses(model: Model, endpoint: VpcEndpoint): string[] {
  return endpoint.networkInterfaceIds.flatMap((id) => model.networkInterfaces.get(id)?.privateIps.map((a) => a.privateIp) ?? []);
}

/** Routing policies whose answer depends on where the query comes from. */
const LOCATED = new Set(["geolocation", "geoproximity", "ip-based"]);

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
  const resolver = resolverAnswer(model, vpc, name, serviceName);
  const servers = otherServers(model, vpc);
  if (!servers || resolver.kind === "public" || resolver.kind === "unmodeled") return resolver;
  return { kind: "undocumented", inVpc: resolver, why: `${servers}: the client gets the Route 53 Resolver's answer (${resolver.kind}) only if they ask it` };
}

/** Why the VPC's clients may ask DNS servers other than the Amazon-provided one, or undefined. */
function otherServers(model: Model, vpc: Vpc): string | undefined {
  const servers = vpc.dnsServers;
  if (servers !== undefined) return servers.some((s) => s.toLowerCase() !== "amazonprovideddns") ? `the DHCP options ${vpc.dhcpOptionsId ?? ""} of ${vpc.id} name the DNS servers ${servers.join(", ")}` : undefined;
  if (vpc.dhcpOptionsId === undefined || vpc.dhcpOptionsId === "default") return undefined;
  const failed = model.collectErrors.some((e) => e.operation === "DescribeDhcpOptions" && e.region === vpc.scope.region && (e.account === undefined || vpc.scope.account === undefined || e.account === vpc.scope.account));
  return failed ? `the DHCP options ${vpc.dhcpOptionsId} of ${vpc.id} were not collected (DescribeDhcpOptions failed)` : undefined;
}

/** The answer of the VPC's Route 53 Resolver. */
function resolverAnswer(model: Model, vpc: Vpc, name: string, serviceName: string): Resolution {
  const vpcId = vpc.id;
  if (vpc.enableDnsSupport !== true) return { kind: "unmodeled", why: `enableDnsSupport of ${vpcId} is not on` };
  if (vpc.enableDnsHostnames === undefined) return { kind: "unmodeled", why: `enableDnsHostnames of ${vpcId} is not in the snapshot` };
  const hostnames = vpc.enableDnsHostnames;
  const owns = [...model.vpcEndpoints.values()].filter((e) => e.type === "Interface" && e.vpcId === vpcId && e.serviceName === serviceName);
  const rules = (model.resolverRules ?? []).filter((r) => r.vpcIds.includes(vpcId) && within(name, plain(r.domainName)));
  const rule = rules.sort((a, b) => plain(b.domainName).length - plain(a.domainName).length)[0];
  if (rule && rule.ruleType === "FORWARD") {
    const domain = plain(rule.domainName);
    const zones = [...model.hostedZones.values()].filter((z) => z.privateZone && z.vpcs?.some((v) => v.vpcId === vpcId) && within(name, plain(z.zoneName)));
    const closerZone = zones.some((z) => plain(z.zoneName).length > domain.length);
    const closerEndpoint = owns.some((e) => e.privateDnsEnabled) && name.length > domain.length;
    if (closerEndpoint && !hostnames) return { kind: "unmodeled", why: `whether ${owns[0]!.id}'s private DNS answers before ${rule.id} with enableDnsHostnames off` };
    if (!closerZone && !closerEndpoint) return { kind: "forwarded", rule: rule.id, why: `${rule.id} (${rule.domainName || "."}) forwards ${name} from ${vpcId}` };
  }
  const answer = privateAnswer(model, vpcId, name, serviceName);
  if (hostnames) return answer;
  // enableDnsHostnames off: AWS turns private DNS on only with it on; what an endpoint's does after is not said.
  if (owns.some((e) => e.privateDnsEnabled)) return { kind: "unmodeled", why: `private DNS of ${owns[0]!.id} with enableDnsHostnames off` };
  // A zone's answer is not documented there; without one, the public answer.
  if (answer.kind === "public" || answer.kind === "unmodeled") return answer;
  return { kind: "undocumented", inVpc: answer, why: `${vpcId} has enableDnsHostnames off, which private hosted zones need: whether the zone answers there is not documented` };
}

/** The answer of the VPC's private hosted zones and its own endpoint's private DNS (both attributes taken as on). */
function privateAnswer(model: Model, vpcId: string, name: string, serviceName: string): Resolution {
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
    const located = records.find((r) => r.routing && LOCATED.has(r.routing.policy));
    if (located) return { kind: "missing", why: `${zone.id}'s ${located.routing!.policy} record sets for ${name} answer by the query's location (the VPC's Region), which the snapshot's records do not keep` };
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
  if (own?.privateDnsEnabled) return ownEndpoint(model, own, vpcId);
  return { kind: "public", why: `no private zone of ${vpcId} covers ${name}${own ? `, and ${own.id} has private DNS off` : ""}` };
}

/** The VPC's own endpoint with private DNS on: its addresses, unless S3's inbound-only option sends the name to the gateway endpoint. */
function ownEndpoint(model: Model, own: VpcEndpoint, vpcId: string): Resolution {
  const inboundOnly = own.dnsOptions?.privateDnsOnlyForInboundResolverEndpoint;
  if (inboundOnly === true) return { kind: "public", why: `${own.id} has PrivateDnsOnlyForInboundResolverEndpoint on: names resolved in ${vpcId} go to the gateway endpoint` };
  const gateway = [...model.vpcEndpoints.values()].some((e) => e.type === "Gateway" && e.vpcId === vpcId && e.serviceName === own.serviceName);
  const addresses = endpointAddresses(model, own);
  if (inboundOnly === undefined && gateway) return { kind: "either", endpoint: own, addresses, why: `${own.id}'s PrivateDnsOnlyForInboundResolverEndpoint is not in the snapshot and ${vpcId} has a gateway endpoint for ${own.serviceName}` };
  return { kind: "endpoint", endpoint: own, addresses, why: `${own.id}'s private DNS` };
}
