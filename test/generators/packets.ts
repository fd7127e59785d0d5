/**
 * The packets the property tests ask about in a generated network: sources are its instances and
 * notebooks; destinations are every private address in it (hosts, NAT gateways, interface-endpoint
 * ENIs, notebooks), a vacant address per subnet, and outside addresses chosen to hit the generated
 * routes (internet, more-specific routes, S3 prefix-list space inside and outside the more-specific
 * /16, the customer prefix list, RFC 1918 and RFC 6598 space, public IPs of the network itself: a NAT
 * gateway's and another ENI's).
 */
import fc from "fast-check";
import type { Model } from "../../src/model/types.js";
import { cidrContains, ipToNumber, numberToIp, prefixLength } from "../reference/ipv4.js";

/**
 * The `n`-th address of a CIDR (clamped to the last one).
 *
 * @param cidr - an IPv4 CIDR
 * @param n - offset from the network address
 */
export function hostIn(cidr: string, n: number): string {
  const size = 2 ** (32 - prefixLength(cidr));
  return numberToIp(ipToNumber(cidr.split("/")[0]!) + Math.min(n, size - 1));
}

export interface QueryChoice {
  source: number;
  destination: number;
  protocol: "tcp" | "udp" | "icmp";
  port: number;
  /** How the source is named: 0 its id or name, 1 its ENI id, 2 `notebook/NAME` for notebooks. */
  naming: number;
  /** Client ephemeral port, Linux range. */
  clientPort: number;
  /** NAT gateway port, 1024–65535. */
  natPort: number;
}

export const DESTINATION_PORTS = [443, 443, 443, 22, 80, 8080, 2049, 53, 1023, 1024, 32767, 60999, 65535, 450, 451];

const OUTSIDE = ["8.8.8.8", "8.8.4.4", "1.1.1.1", "52.216.5.5", "52.217.9.9", "54.231.1.1", "3.5.1.1", "198.51.100.7", "203.0.113.9", "192.168.7.7", "100.64.3.3"];

/** Query choices; resolved against a model by `resolveQueries`. */
export const queryChoicesArb: fc.Arbitrary<QueryChoice[]> = fc.array(
  fc.record({
    source: fc.nat({ max: 40 }),
    destination: fc.nat({ max: 80 }),
    protocol: fc.constantFrom("tcp", "tcp", "tcp", "tcp", "udp", "icmp") as fc.Arbitrary<"tcp" | "udp" | "icmp">,
    naming: fc.nat({ max: 2 }),
    port: fc.nat({ max: DESTINATION_PORTS.length - 1 }).map((i) => DESTINATION_PORTS[i]!),
    clientPort: fc.integer({ min: 32768, max: 60999 }),
    natPort: fc.integer({ min: 1024, max: 65535 }),
  }),
  { minLength: 4, maxLength: 8 },
);

/** The sources a query may start from: instance ids, notebook names and Studio domains (`domain/NAME`, only with the "studio" feature set). */
export function sourcesOf(model: Model): string[] {
  return [...model.instances.keys(), ...model.notebooks.keys(), ...[...model.domains.values()].map((d) => `domain/${d.domainName}`)];
}

/** The destination addresses worth asking about in a model. */
export function destinationsOf(model: Model): string[] {
  const inside = [...model.networkInterfaces.values()].flatMap((e) => e.privateIps.map((a) => a.privateIp));
  const taken = new Set(inside);
  const vacant = [...model.subnets.values()].map((s) => hostIn(s.cidr, 250)).filter((ip) => !taken.has(ip));
  // The first public IP of a NAT gateway and of any other ENI: traffic to the latter through a NAT
  // gateway meets its groups from the NAT's address (group references do not hold).
  const publicOf = (nat: boolean) => [...model.networkInterfaces.values()].filter((e) => (e.interfaceType === "nat_gateway") === nat).flatMap((e) => e.privateIps.flatMap((a) => (a.publicIp ? [a.publicIp] : []))).slice(0, 1);
  const ownPublic = [...publicOf(true), ...publicOf(false)];
  return [...inside, ...inside, ...vacant, ...OUTSIDE, ...OUTSIDE, ...ownPublic, ...ownPublic, ...ownPublic];
}

export interface ResolvedQuery {
  from: string;
  dstIp: string;
  protocol: "tcp" | "udp" | "icmp";
  port: number;
  clientPort: number;
  natPort: number;
}

/**
 * Resolves query choices against a model (indices modulo the lists; self-addressed queries dropped).
 *
 * @param model - the generated network
 * @param choices - from `queryChoicesArb`
 */
export function resolveQueries(model: Model, choices: QueryChoice[]): ResolvedQuery[] {
  const sources = sourcesOf(model);
  const destinations = destinationsOf(model);
  if (sources.length === 0) return [];
  return choices.map((c) => {
    const source = sources[c.source % sources.length]!;
    const own = ownAddresses(model, source);
    const from = nameSource(model, source, c.naming ?? 0);
    const candidates = destinations.filter((d) => !own.includes(d));
    return {
    from,
    dstIp: candidates[c.destination % candidates.length]!,
    protocol: c.protocol,
    port: c.port,
    clientPort: c.clientPort,
    natPort: c.natPort,
    };
  });
}

/**
 * Questions from every source in a VPC to every public IP of the network's ENIs other than NAT
 * gateways (tcp 443): asked where a NAT gateway is set up as designed (`NetworkSpec.natEgress`), so
 * that clients behind it meet group-reference rules from the NAT's address often enough to matter.
 *
 * @param model - the generated network
 * @param vpcId - the VPC whose sources ask
 */
export function behindNatQueries(model: Model, vpcId: string): ResolvedQuery[] {
  const eniOf = (source: string) => model.networkInterfaces.get(model.notebooks.get(source)?.networkInterfaceId ?? model.instances.get(source)?.networkInterfaceIds[0] ?? "");
  const sources = sourcesOf(model).filter((s) => eniOf(s)?.vpcId === vpcId);
  const targets = [...model.networkInterfaces.values()].filter((e) => e.interfaceType !== "nat_gateway").flatMap((e) => e.privateIps.flatMap((a) => (a.publicIp ? [a.publicIp] : [])));
  return sources.flatMap((from) => targets.map((dstIp) => ({ from, dstIp, protocol: "tcp" as const, port: 443, clientPort: 40000, natPort: 2000 })));
}

/** A source as the user might name it: id or name, its ENI id, or `notebook/NAME`. */
function nameSource(model: Model, source: string, naming: number): string {
  const notebookEni = model.notebooks.get(source)?.networkInterfaceId;
  if (naming === 1) return notebookEni ?? model.instances.get(source)?.networkInterfaceIds[0] ?? source;
  if (naming === 2 && notebookEni) return `notebook/${source}`;
  return source;
}

/**
 * The private addresses of a source (its ENI).
 *
 * @param model - the generated network
 * @param from - an instance id or notebook name
 */
export function ownAddresses(model: Model, from: string): string[] {
  const eniId = model.notebooks.get(from)?.networkInterfaceId ?? model.instances.get(from)?.networkInterfaceIds[0];
  return model.networkInterfaces.get(eniId ?? "")?.privateIps.map((a) => a.privateIp) ?? [];
}

export interface SetChoice {
  source: number;
  target: number;
  /** Set: ask for this service name (an index into the named destinations) instead of `target`'s set (absent in older saved cases). */
  named?: number;
  protocol: "tcp" | "udp";
  port: number;
  clientPort: number;
  natPort: number;
}

/** Set question choices (CIDRs and destination names); resolved by `resolveSetQueries`. */
export const setChoicesArb: fc.Arbitrary<SetChoice[]> = fc.array(
  fc.record({
    source: fc.nat({ max: 40 }),
    target: fc.nat({ max: 40 }),
    protocol: fc.constantFrom("tcp", "tcp", "tcp", "udp") as fc.Arbitrary<"tcp" | "udp">,
    port: fc.nat({ max: DESTINATION_PORTS.length - 1 }).map((i) => DESTINATION_PORTS[i]!),
    clientPort: fc.integer({ min: 32768, max: 60999 }),
    natPort: fc.integer({ min: 1024, max: 65535 }),
  }),
  { maxLength: 2 },
);

const NAMED_DESTINATIONS = ["s3", "sagemaker-api", "sagemaker-runtime", "service:sts"];

/** Questions for service names only (2–4 per network), for feature sets about how names resolve. */
export const namedSetChoicesArb: fc.Arbitrary<SetChoice[]> = fc.array(
  fc.record({
    source: fc.nat({ max: 40 }),
    target: fc.constant(0),
    named: fc.nat({ max: NAMED_DESTINATIONS.length - 1 }),
    protocol: fc.constant("tcp" as const),
    port: fc.constantFrom(443, 443, 443, 80),
    clientPort: fc.integer({ min: 32768, max: 60999 }),
    natPort: fc.integer({ min: 1024, max: 65535 }),
  }),
  { minLength: 2, maxLength: 4 },
);
const OUTSIDE_CIDRS = ["8.8.8.0/24", "52.216.0.0/15", "0.0.0.0/0", "198.51.100.0/24"];

/** The sets a question may name in a model: its subnets and VPCs, outside CIDRs, and service names. */
export function setTargetsOf(model: Model): string[] {
  return [
    ...[...model.subnets.values()].map((s) => s.cidr),
    ...[...model.vpcs.values()].flatMap((v) => v.cidrs),
    ...OUTSIDE_CIDRS,
    ...NAMED_DESTINATIONS,
  ];
}

/**
 * Resolves set choices against a model; CIDR sets get the model's sample addresses inside them.
 *
 * @param model - the generated network
 * @param choices - from `setChoicesArb`
 */
export function resolveSetQueries(model: Model, choices: SetChoice[]) {
  const sources = sourcesOf(model);
  const targets = setTargetsOf(model);
  const candidates = [...new Set(destinationsOf(model))];
  if (sources.length === 0) return [];
  return choices.map((c) => {
    const from = sources[c.source % sources.length]!;
    const to = c.named !== undefined ? NAMED_DESTINATIONS[c.named % NAMED_DESTINATIONS.length]! : targets[c.target % targets.length]!;
    const own = ownAddresses(model, from);
    const inside = to.includes("/")
      ? [...candidates.filter((ip) => cidrContains(to, ip)), hostIn(to, 7), hostIn(to, 250)].filter((ip) => !own.includes(ip))
      : [];
    return { from, to, protocol: c.protocol, port: c.port, clientPort: c.clientPort, natPort: c.natPort, samples: [...new Set(inside)].slice(0, 10) };
  });
}
