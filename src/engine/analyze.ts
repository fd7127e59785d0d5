/**
 * Answers one reachability query.
 *
 * Verdict semantics (what `query` prints and `audit` tabulates):
 * - `reachable`: some part of the destination, as the user means it, is proven reachable on the
 *   given protocol/port, forward AND back (NACLs admit the replies for the whole ephemeral port
 *   range of the client: Linux 32768–60999, NAT gateway 1024–65535). `path`/`returnPath` show the
 *   route, NACL entry and SG rule used at each hop. When only part is reachable, `reachableSubset`
 *   lists exactly that part and `warnings` say where the rest stops.
 * - `unreachable`: no part is reachable and every part is provably stopped; `blockedAt` names the
 *   component, rule, code and direction for the largest part, `fix` a concrete change.
 * - `unknown`: nothing is proven reachable and some part depends on something the engine does not
 *   model or the snapshot lacks; `explanation` says what, `blockedAt` where the search stopped.
 * The destination "as the user means it": `internet` = public IPv4 minus the Region's AWS service
 * prefix lists; `s3` = the Region's S3 prefix list; services = their default DNS name, which
 * resolves to an interface endpoint only with private DNS effective (see rules/private-dns.ts).
 */
import { InputError } from "../model/errors.js";
import { IntervalSet, parseProtocol, type PacketProtocol } from "../net/index.js";
import { combine } from "./combine.js";
import type { AnalyzerContext } from "./context.js";
import { checkPort, checkServiceName, fullServiceName, parseDestination, publicDestination, type Destination, type DestinationSpec } from "./destination.js";
import { forwardClass } from "./packet.js";
import { addressesAtApply, endpointInterfaces, interfaceAtApply, interfaceEndpointFor, interfacesAtApply } from "./rules/interface-endpoint.js";
import { defaultNameResolution, defaultServiceName, endpointUrl, hasGatewayEndpointFor, INBOUND_ONLY, privateDnsMessage } from "./rules/private-dns.js";
import { undocumentedResolver, vpcResolverAnswer } from "./rules/notebook-resolver.js";
import { customDnsServers } from "./rules/dhcp-dns-servers.js";
import { forwardedName } from "./rules/resolver-forwarding.js";
import type { Source } from "./source.js";
import { resolveSources, type SourceCandidate } from "./workload-source.js";
import type { Env, Outcome } from "./trace.js";
import { initialTrace } from "./start-trace.js";
import type { Evidence, Verdict } from "./verdict.js";
import { walkFromSource } from "./walk/index.js";
import { linkLocalDestination, linkLocalOutcomes } from "./link-local.js";
import { requireData } from "./rules/missing-data.js";
import { resolveInPrivateZones, zoneWithoutHostnames, type ZoneAnswer } from "./rules/private-hosted-zone.js";
import { conflictSummary, questionOutcomes } from "./doubts.js";
import { choiceVerdict, eitherResolution, forwardedVerdict, resolverUnknown, zoneVerdict, type NameDoubt } from "./name-verdicts.js";
import type { Vpc, VpcEndpoint } from "../model/types.js";

export type QueryProtocol = "tcp" | "udp" | "icmp" | "all";

export interface ReachabilityQuery {
  from: string;
  to: string;
  /** Default tcp. An IP protocol number (0-255) is also accepted, e.g. 107 (for tests of protocol restrictions). */
  protocol?: QueryProtocol | number;
  port?: number;
}

/** The path search for one destination form, as outcomes; a link-local service is answered by its own rules. */
function search(ctx: AnalyzerContext, src: Source, dest: Destination, protocol: PacketProtocol, port: number | null, proof: boolean, evidence: Evidence[]): Outcome[] {
  const env: Env = { ctx, src, dest, cls: forwardClass(protocol, port), proof };
  const service = dest.type === "address" ? linkLocalDestination(src.vpcId ? ctx.model.vpcs.get(src.vpcId) : undefined, dest.addresses) : undefined;
  const trace = initialTrace(ctx, src, evidence);
  return questionOutcomes(ctx.model, service ? linkLocalOutcomes(env, trace, service, port) : walkFromSource(env, trace));
}

/** The verdict of a search's outcomes. */
function verdictOf(src: Source, dest: Destination, protocol: PacketProtocol, port: number | null, proof: boolean, outcomes: Outcome[]): Verdict {
  return combine({ src, dest, protocol: typeof protocol === "number" ? `proto-${protocol}` : protocol, port, proof }, outcomes);
}

/** Runs the path search for one destination form. */
function run(ctx: AnalyzerContext, src: Source, dest: Destination, protocol: PacketProtocol, port: number | null, proof: boolean, evidence: Evidence[] = []): Verdict {
  return verdictOf(src, dest, protocol, port, proof, search(ctx, src, dest, protocol, port, proof, evidence));
}

/** The interface endpoint's ENI addresses as a destination. */
const endpointSets = new WeakMap<VpcEndpoint, Pick<Destination, "addresses" | "atApply">>();

/**
 * The addresses of an endpoint's network interfaces; for interfaces created at apply, every address
 * AWS may give each in its subnet (`atApply`, so an answer that differs within one is unknown).
 */
function endpointAddresses(endpoint: VpcEndpoint, ctx: AnalyzerContext): Pick<Destination, "addresses" | "atApply"> {
  if (interfacesAtApply(endpoint)) {
    const subnets = endpoint.subnetIds.map((id) => ctx.model.subnets.get(id)).filter((subnet) => subnet !== undefined);
    const atApply = subnets.map((subnet) => ({ eni: interfaceAtApply(endpoint, subnet), endpoint, addresses: addressesAtApply(subnet) }));
    return { addresses: atApply.reduce((all, part) => all.union(part.addresses), IntervalSet.EMPTY), atApply };
  }
  const ips: [number, number][] = [];
  for (const eni of endpointInterfaces(endpoint, ctx.index)) for (const n of ctx.eniAddresses(eni)) ips.push([n, n]);
  return { addresses: IntervalSet.fromIntervals(ips) };
}

function endpointDestination(parsed: DestinationSpec, endpoint: VpcEndpoint, ctx: AnalyzerContext): Destination {
  let addresses = endpointSets.get(endpoint);
  if (!addresses) {
    addresses = endpointAddresses(endpoint, ctx);
    endpointSets.set(endpoint, addresses);
  }
  return {
    spec: parsed.spec,
    type: "aws-service",
    service: parsed.service,
    serviceName: endpoint.serviceName,
    ...addresses,
    symbolic: false,
    prefixListId: undefined,
  };
}

/**
 * Answers a service query when the source's VPC has an interface endpoint for it: the default name
 * follows DNS (endpoint or public path); the endpoint's own URL is reported when only it works.
 */
function serviceWithEndpoint(ctx: AnalyzerContext, src: Source, parsed: DestinationSpec, endpoint: VpcEndpoint, protocol: PacketProtocol, port: number | null, proof: boolean): Verdict {
  const region = src.scope.region;
  const name = defaultServiceName(parsed.service as string, region);
  const dns = defaultNameResolution(endpoint, ctx.model.vpcs.get(endpoint.vpcId), () => hasGatewayEndpointFor(ctx.index, endpoint));
  const epDest = endpointDestination(parsed, endpoint, ctx);
  const epEvidence: Evidence = { kind: "dns", ref: endpoint.id, text: `${name} resolves to ${endpoint.id} (${epDest.addresses.toAddressRanges().join(", ") || "no ENI in snapshot"}) through private DNS` };
  if (endpoint.networkInterfaceIds.length === 0 && !interfacesAtApply(endpoint) && endpoint.state.toLowerCase() === "available") {
    const pub = run(ctx, src, publicDestination(ctx, parsed, region), protocol, port, proof);
    pub.warnings.push(`VPCE_SERVICE_NOT_INSTALLED_IN_AZ: interface endpoint ${endpoint.id} has no network interface in any subnet`);
    return pub;
  }
  if (epDest.addresses.isEmpty()) {
    const missing = run(ctx, src, publicDestination(ctx, parsed, region), protocol, port, proof);
    missing.warnings.push(`interface endpoint ${endpoint.id} has no network interface in the snapshot (describe-network-interfaces); its path was not checked`);
    if (dns.resolution !== "public" && missing.verdict !== "reachable") {
      return { ...missing, verdict: "unknown", explanation: `${name} may resolve to ${endpoint.id}, whose network interfaces are not in the snapshot.` };
    }
    return missing;
  }
  if (dns.resolution === "endpoint") return run(ctx, src, epDest, protocol, port, proof, [epEvidence]);
  const why = dns.why as string;
  if (dns.resolution === "ipv6") {
    const viaEp = run(ctx, src, epDest, protocol, port, proof, [{ kind: "dns", ref: endpoint.id, text: `${name}: ${why}` }]);
    return { ...viaEp, verdict: "unknown", explanation: `${name} resolves to ${endpoint.id} over IPv6 only (${why}); vpcreach models IPv4.`, fix: undefined };
  }
  if (dns.resolution === "either") return eitherResolution(endpoint, run(ctx, src, epDest, protocol, port, proof, [epEvidence]), () => run(ctx, src, publicDestination(ctx, parsed, src.scope.region), protocol, port, proof), why);
  if (dns.resolution === "unknown") {
    // AWS enables private DNS only while both VPC attributes are on: follow the endpoint, and say so.
    const assumed = `${why}; AWS enables private DNS only while enableDnsSupport and enableDnsHostnames are on, so ${name} is taken to resolve to ${endpoint.id}`;
    const viaEp = run(ctx, src, epDest, protocol, port, proof, [{ ...epEvidence, text: `${epEvidence.text} (VPC DNS attributes not in the snapshot)` }]);
    viaEp.warnings.push(assumed);
    if (viaEp.verdict === "reachable") return viaEp;
    const pub = run(ctx, src, publicDestination(ctx, parsed, region), protocol, port, proof);
    if (pub.verdict !== "reachable") return viaEp;
    return { ...viaEp, verdict: "unknown", explanation: `${name} resolves to ${endpoint.id} (blocked: ${viaEp.explanation}) if the VPC's DNS attributes are on, else to the public endpoint (reachable); ${why}.` };
  }
  const pub = run(ctx, src, publicDestination(ctx, parsed, region), protocol, port, proof, [{ kind: "dns", ref: endpoint.id, text: `${name} resolves to public addresses (${why})` }]);
  const viaEp = run(ctx, src, epDest, protocol, port, proof, [{ kind: "dns", ref: endpoint.id, text: `endpoint DNS name of ${endpoint.id}` }]);
  const url = endpointUrl(endpoint);
  const dnsNote = privateDnsMessage(endpoint, why, name);
  const dnsFix = why === INBOUND_ONLY ? `associate the S3 gateway endpoint with ${src.subnetId ?? "the source subnet"}'s route table (or turn PrivateDnsOnlyForInboundResolverEndpoint off on ${endpoint.id})` : `enable private DNS on ${endpoint.id}`;
  if (pub.verdict === "reachable") {
    pub.warnings.push(`${dnsNote}; traffic uses the public endpoint${viaEp.verdict === "reachable" && url ? `, while ${url} would use the interface endpoint` : ""}`);
    return pub;
  }
  if (viaEp.verdict === "reachable") {
    const verdict: Verdict = {
      ...viaEp,
      explanation: `${src.id} reaches ${endpoint.serviceName} only through the endpoint's own DNS name: ${dnsNote}.`,
      warnings: [...viaEp.warnings, `VPCE_PRIVATE_DNS_DISABLED: ${dnsNote}; pass --endpoint-url ${url ?? endpoint.id} (the default name's public path: ${pub.explanation})`],
      fix: why === INBOUND_ONLY ? dnsFix : `enable private DNS on ${endpoint.id} (with enableDnsSupport and enableDnsHostnames on ${endpoint.vpcId})`,
    };
    if (url) verdict.requiresEndpointUrl = url;
    return verdict;
  }
  const fix = viaEp.fix ? `${viaEp.fix}, and ${dnsFix}` : (pub.fix ?? dnsFix);
  return { ...pub, fix, warnings: [...pub.warnings, `${dnsNote}; the endpoint path is blocked too: ${viaEp.explanation}`] };
}

/** A value worked out on first use, then kept. */
function once<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) [value, made] = [make(), true];
    return value;
  };
}

/** An interface endpoint another VPC may reach by its own DNS name, with that name. */
interface RemoteEndpoint {
  endpoint: VpcEndpoint;
  url: string;
}

/** Per analyzer and service name: its remote endpoints (the model is not changed once analysed). */
const remoteEndpointLists = new WeakMap<AnalyzerContext, Map<string, RemoteEndpoint[]>>();

/**
 * The service's interface endpoints in VPCs attached to a transit gateway that have a DNS name of
 * their own, in the index's order; listed once per analyzer, not at each of the spokes' queries (an
 * endpoint without a name of its own is never the answer, so its path is not searched).
 */
function remoteEndpoints(ctx: AnalyzerContext, serviceName: string): RemoteEndpoint[] {
  let byService = remoteEndpointLists.get(ctx);
  if (!byService) remoteEndpointLists.set(ctx, (byService = new Map()));
  let list = byService.get(serviceName);
  if (!list) {
    list = [];
    for (const endpoint of ctx.index.interfaceEndpointsOfService(serviceName)) {
      const url = endpointUrl(endpoint);
      if (url && ctx.index.transitGatewayAttachmentsOfVpc(endpoint.vpcId).length > 0) list.push({ endpoint, url });
    }
    byService.set(serviceName, list);
  }
  return list;
}

/**
 * A spoke with no private hosted zone for the service: an interface endpoint of another VPC is
 * still reachable by its own DNS name when the network carries the traffic (e.g. over a transit
 * gateway). The first such endpoint that is reachable gives `requiresEndpointUrl`.
 */
function remoteEndpointVerdict(ctx: AnalyzerContext, src: Source, parsed: DestinationSpec, region: string, protocol: PacketProtocol, port: number | null, proof: boolean, zoneNote: string): Verdict | undefined {
  // Only VPCs attached to a transit gateway reach other VPCs' endpoints this way (no search elsewhere).
  if (src.vpcId === undefined || ctx.index.transitGatewayAttachmentsOfVpc(src.vpcId).length === 0) return undefined;
  for (const { endpoint, url } of remoteEndpoints(ctx, fullServiceName(region, parsed.service as string))) {
    if (endpoint.vpcId === src.vpcId) continue;
    const dest = endpointDestination(parsed, endpoint, ctx);
    const outcomes = search(ctx, src, dest, protocol, port, proof, [{ kind: "dns", ref: endpoint.id, text: `endpoint DNS name of ${endpoint.id} (in ${endpoint.vpcId})` }]);
    // Only a reachable verdict is used, and none is without a delivered part (combine.ts): the others are not built.
    if (!outcomes.some((o) => o.status === "delivered")) continue;
    const viaEp = verdictOf(src, dest, protocol, port, proof, outcomes);
    if (viaEp.verdict !== "reachable") continue;
    return {
      ...viaEp,
      requiresEndpointUrl: url,
      explanation: `${src.id} reaches ${endpoint.serviceName} only through ${endpoint.id}'s own DNS name: ${zoneNote}, and the endpoint's private DNS does not resolve outside ${endpoint.vpcId}.`,
      warnings: [...viaEp.warnings, `VPCE_PRIVATE_DNS_DISABLED: ${zoneNote}; pass --endpoint-url ${url}`],
      fix: `create a private hosted zone for ${defaultServiceName(parsed.service as string, region)} with an alias to ${endpoint.id}, and associate it with ${src.vpcId ?? "the source's VPC"}`,
    };
  }
  return undefined;
}

/** The hop types of the endpoints a service's traffic may take instead of its public endpoint. */
const endpointTypes: ReadonlySet<string> = new Set(["gateway-endpoint", "interface-endpoint"]);

/** Protocol and port of a query, validated. */
function protocolAndPort(q: ReachabilityQuery, parsed: DestinationSpec): { protocol: PacketProtocol; port: number | null } {
  const protocol = parseProtocol(q.protocol ?? "tcp");
  if (protocol === undefined) throw new InputError(`--protocol must be tcp, udp, icmp, all or a protocol number, got "${String(q.protocol)}"`);
  if (protocol !== "tcp" && protocol !== "udp") return { protocol, port: null };
  if (parsed.port !== undefined && q.port !== undefined && parsed.port !== q.port) {
    throw new InputError(`destination "${parsed.spec}" names port ${parsed.port} but the port given is ${q.port}: give one`);
  }
  // Port 0 is no port a connection can use: refused here as on the command line, in the same words.
  const port = parsed.port ?? checkPort(String(q.port ?? 443), `--port ${String(q.port)}`);
  return { protocol, port };
}

/**
 * Answers a query.
 *
 * @param ctx - the analyzer context
 * @param q - source, destination, protocol, port
 * @param proof - false to build only the verdict, path, explanation and endpoint URL (see combine.ts)
 * @throws InputError for an unknown source or a malformed destination/protocol/port
 */
export function analyze(ctx: AnalyzerContext, q: ReachabilityQuery, proof = true): Verdict {
  const candidates = resolveSources(ctx, q.from);
  const first = candidates[0] as SourceCandidate;
  if (candidates.length === 1) return analyzeSource(ctx, first.source, q, proof);
  return withConflicts(ctx, analyzeCandidates(ctx, q, candidates, proof));
}

/**
 * Answers a query from a source already resolved (its `from` is not read).
 *
 * @param ctx - the analyzer context
 * @param src - the source
 * @param q - destination, protocol, port
 * @param proof - as for `analyze`
 * @throws InputError for a malformed destination/protocol/port
 */
export function analyzeSource(ctx: AnalyzerContext, src: Source, q: ReachabilityQuery, proof = true): Verdict {
  return withConflicts(ctx, analyzeFrom(ctx, src, q, proof));
}

/** The verdict, warned when the snapshot holds conflicting copies of a resource. */
function withConflicts(ctx: AnalyzerContext, verdict: Verdict): Verdict {
  const conflicts = conflictSummary(ctx.model);
  if (conflicts) verdict.warnings.push(conflicts);
  return verdict;
}

/**
 * A source that may send from several places (a Studio app in any of its domain's subnets, a job in
 * any subnet of its VpcConfig, an endpoint running several models): the answer is the same from all
 * of them (the first place's proof, warned), or `unknown` where they differ: which place a given app
 * or job runs in is SageMaker's choice, in no describe output the engine reads, so neither answer
 * holds for all of them. The unknown stops at the source, says each place's verdict and keeps each
 * place's full explanation in the warnings; the fix is the first place not reachable's, or making
 * the places treat the traffic alike. Was: the first place not reachable's verdict, `unreachable`
 * for a domain whose apps in another subnet reach the destination.
 */
function analyzeCandidates(ctx: AnalyzerContext, q: ReachabilityQuery, candidates: SourceCandidate[], proof: boolean): Verdict {
  const verdicts = candidates.map((c) => ({ where: c.where ?? c.source.subnetId ?? c.source.id, v: analyzeFrom(ctx, c.source, q, proof) }));
  const first = verdicts[0] as { where: string; v: Verdict };
  const places = verdicts.map((x) => x.where).join(", ");
  if (verdicts.every((x) => x.v.verdict === first.v.verdict)) {
    first.v.warnings.push(`the same verdict from each place ${first.v.source.id} may run (${places}); the path shown is from ${first.where}`);
    return first.v;
  }
  const chosen = verdicts.find((x) => x.v.verdict === "unreachable") ?? verdicts.find((x) => x.v.verdict === "unknown") ?? first;
  const each = verdicts.map((x) => `${x.v.verdict} from ${x.where}`).join(", ");
  const { source } = chosen.v;
  return {
    ...chosen.v,
    verdict: "unknown",
    reachableSubset: undefined,
    path: chosen.v.path.slice(0, 1),
    returnPath: [],
    blockedAt: { component: source.id, type: source.type, code: "MISSING_DATA", direction: "forward", rule: { kind: "attribute", ref: source.id, text: `${source.id} may run in ${places}: ${each}` } },
    explanation: `Depends on where ${source.id} runs (${places}), which the snapshot does not say: ${each}. From ${chosen.where}: ${chosen.v.explanation}`,
    fix: `make ${places} treat this traffic alike${chosen.v.fix ? ` (from ${chosen.where}: ${chosen.v.fix})` : ""}`,
    warnings: [...chosen.v.warnings, ...verdicts.map((x) => `from ${x.where}: ${x.v.verdict} — ${x.v.explanation}`)],
    places: verdicts.map((x) => ({ where: x.where, verdict: x.v.verdict, explanation: x.v.explanation })),
  };
}

/**
 * Why the source may get another answer for a service's name than its VPC's Resolver gives, taken as
 * the public one: which resolver a direct-internet notebook asks (notebook-resolver), DNS servers of
 * the VPC's own or a set not collected (dhcp-dns-servers), a zone with enableDnsHostnames off
 * (private-hosted-zone); undefined when none applies.
 */
function nameDoubt(ctx: AnalyzerContext, src: Source, vpc: Vpc | undefined, name: string, answer: ZoneAnswer, vpcAnswer: () => string | undefined): NameDoubt | undefined {
  const resolver = undocumentedResolver(src.sagemaker, src.vpcId, name, vpcAnswer);
  if (resolver) {
    const fix = `see which resolver ${src.id} asks: run nslookup ${name} in its terminal (a private address of ${src.vpcId ?? "its VPC"} means its VPC's resolver)`;
    return { text: resolver, otherSide: "the managed network's", component: { id: src.id, type: src.type }, fix };
  }
  if (!vpc) return undefined;
  const servers = customDnsServers(vpc, name, vpcAnswer, ctx.model.collectErrors);
  if (servers) {
    const fix = vpc.dnsServers === undefined
      ? `collect ${vpc.dhcpOptionsId ?? "the VPC's DHCP options"} (ec2:DescribeDhcpOptions, which vpcreach collect calls) or add its describe-dhcp-options output to the snapshot`
      : `have the DNS servers of ${vpc.dhcpOptionsId ?? "the VPC's DHCP options"} forward ${name} to the Amazon-provided DNS server (the VPC's base address plus two), or associate DHCP options with AmazonProvidedDNS with ${vpc.id}`;
    return { text: servers, otherSide: "its own DNS servers (taken as the public answer)", component: { id: vpc.id, type: "vpc" }, fix };
  }
  const hostnames = zoneWithoutHostnames(vpc, name, answer, vpcAnswer() ?? "");
  if (!hostnames) return undefined;
  return { text: hostnames, otherSide: "the public DNS", component: { id: vpc.id, type: "vpc" }, fix: `turn enableDnsHostnames on for ${vpc.id} (aws ec2 modify-vpc-attribute --vpc-id ${vpc.id} --enable-dns-hostnames), as private hosted zones require` };
}

/** Answers a query from a resolved source. */
function analyzeFrom(ctx: AnalyzerContext, src: Source, q: ReachabilityQuery, proof: boolean): Verdict {
  const parsed = parseDestination(q.to);
  const { protocol, port } = protocolAndPort(q, parsed);
  const region = src.scope.region;
  if (parsed.kind === "service") checkServiceName(ctx, region, parsed.service as string);
  let zoneNote: string | undefined;
  if (parsed.kind === "service" && src.vpcId) {
    const endpoint = interfaceEndpointFor(ctx.index, src.vpcId, fullServiceName(region, parsed.service as string));
    const vpc = ctx.model.vpcs.get(src.vpcId);
    // Route 53 answers the default name from the private hosted zones associated with the VPC unless
    // the VPC's own endpoint answers it by its private DNS: an endpoint with private DNS off adds no
    // record, so a covering zone still decides (an alias elsewhere, or NXDOMAIN).
    const name = defaultServiceName(parsed.service as string, region);
    const answer: ZoneAnswer = vpc && !endpoint?.privateDnsEnabled ? resolveInPrivateZones(ctx.index, vpc, name) : { kind: "none" };
    // An endpoint's private DNS is a private zone named as the service's name.
    const forwarded = forwardedName(ctx.model, src.vpcId, name, endpoint?.privateDnsEnabled ? name : answer.kind !== "none" ? answer.zone?.zoneName : undefined);
    if (forwarded) return forwardedVerdict(run(ctx, src, publicDestination(ctx, parsed, region), protocol, port, proof), forwarded);
    const vpcAnswer = once(() => vpcResolverAnswer(answer, endpoint, endpoint && ctx.model.vpcs.get(endpoint.vpcId), () => endpoint !== undefined && hasGatewayEndpointFor(ctx.index, endpoint)));
    const doubt = nameDoubt(ctx, src, vpc, name, answer, vpcAnswer);
    const viaVpc =
      answer.kind === "endpoint"
        ? run(ctx, src, endpointDestination(parsed, answer.endpoint, ctx), protocol, port, proof, [answer.evidence])
        : answer.kind === "choice"
          ? choiceVerdict(answer, answer.options.map((o) => ({ id: o.endpoint.id, verdict: run(ctx, src, endpointDestination(parsed, o.endpoint, ctx), protocol, port, proof, [o.evidence]) })))
        : answer.kind !== "none"
          ? zoneVerdict(run(ctx, src, publicDestination(ctx, parsed, region), protocol, port, proof), answer)
          : endpoint
            ? serviceWithEndpoint(ctx, src, parsed, endpoint, protocol, port, proof)
            : undefined;
    if (viaVpc) return doubt ? resolverUnknown(viaVpc, () => run(ctx, src, publicDestination(ctx, parsed, region), protocol, port, proof), doubt) : viaVpc;
    zoneNote = vpc ? `no private hosted zone associated with ${vpc.id} resolves ${name}` : undefined;
  }
  const dest = publicDestination(ctx, parsed, region);
  const verdict = run(ctx, src, dest, protocol, port, proof);
  const remote = zoneNote ? remoteEndpointVerdict(ctx, src, parsed, region, protocol, port, proof, zoneNote) : undefined;
  if (remote && verdict.verdict !== "reachable") return remote;
  if (remote?.requiresEndpointUrl) verdict.warnings.push(`${zoneNote}: traffic uses the public endpoint, while ${remote.requiresEndpointUrl} would use the interface endpoint`);
  const viaEndpoint = verdict.path.some((h) => endpointTypes.has(h.type)) || endpointTypes.has(verdict.blockedAt?.type ?? "");
  if (dest.type === "aws-service" && verdict.verdict !== "unknown" && !viaEndpoint) {
    const where = src.vpcId ?? "the source's VPC";
    const gatewayService = dest.service === "s3" || dest.service === "dynamodb";
    const managed = verdict.path.some((h) => h.type === "sagemaker-managed-network");
    const why = managed ? "direct internet access" : gatewayService ? "not through a gateway endpoint on this path" : `no interface endpoint in ${where}`;
    verdict.warnings.push(`${dest.serviceName}: ${why}, so its public endpoint is reached like the internet`);
    if (verdict.verdict === "reachable") verdict.explanation = verdict.explanation.replace(` reaches ${dest.serviceName} `, ` reaches the public endpoint of ${dest.serviceName} (${why}, so like the internet) `);
    const absent = src.vpcId ? requireData(ctx.model, src.scope, "vpcEndpoints", "the VPC endpoints") : undefined;
    if (absent) verdict.warnings.push(`${absent.message}: an interface endpoint with private DNS would change this answer`);
  }
  if (src.instance && src.instance.state !== "running") verdict.warnings.push(`instance ${src.instance.id} is ${src.instance.state}; ${src.instance.state === "terminated" ? "a terminated instance does not run again" : "the answer is for when it runs"}`);
  return verdict;
}
