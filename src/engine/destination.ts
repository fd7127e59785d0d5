/**
 * Parses a query's `to` and turns it into the address set the user means:
 * - `internet`: the public IPv4 space minus the Region's AWS service prefix lists (S3, DynamoDB),
 *   which are AWS services rather than "the internet";
 * - `s3`: S3 of the source's Region — its prefix list `com.amazonaws.<region>.s3` when the snapshot
 *   has its entries, else a symbolic public set (routes that split it make the answer unknown);
 * - `sagemaker-api`, `sagemaker-runtime`, `service:NAME`: the service `com.amazonaws.<region>.NAME`,
 *   reached through an interface endpoint when DNS resolves to one, else at its public addresses
 *   (symbolic, reached like the internet);
 * - an IPv4 address or CIDR, optionally `:PORT`.
 * Users may type `S3`, `runtime` or `sagemaker` (both SageMaker destinations): `expandDestination`
 * turns these into the forms above. A malformed destination, a host name, or a service name that is
 * no AWS service in the Region is an `InputError` that says what is accepted, with close names.
 */
import { readFileSync } from "node:fs";
import { InputError } from "../model/errors.js";
import { didYouMean } from "../model/suggest.js";
import { bundledDataFile } from "../fs/bundled-data.js";
import { IntervalSet, parseCidr, parseIpv4 } from "../net/index.js";
import type { AnalyzerContext } from "./context.js";
import type { ComponentType } from "./verdict.js";
import type { NetworkInterface, VpcEndpoint } from "../model/types.js";

export interface DestinationSpec {
  spec: string;
  kind: "internet" | "service" | "address";
  /** Short service name (`s3`, `sagemaker.api`, `sts`) for service destinations. */
  service: string | undefined;
  /** Addresses for `address` destinations. */
  addresses: IntervalSet | undefined;
  /** Port given in the spec (`10.0.0.5:5432`). */
  port: number | undefined;
}

export interface Destination {
  spec: string;
  type: ComponentType;
  service: string | undefined;
  /** `com.amazonaws.<region>.<service>`. */
  serviceName: string | undefined;
  addresses: IntervalSet;
  /** True when the addresses stand for a service whose real addresses are not in the snapshot. */
  symbolic: boolean;
  /** The prefix list that defines the service's addresses (matches a symbolic set in full). */
  prefixListId: string | undefined;
  /**
   * For an interface endpoint whose network interfaces are created at apply: per interface, every
   * address AWS may give it. Its one real address is one of them, so an answer that differs among
   * them is unknown.
   */
  atApply?: { eni: NetworkInterface; endpoint: VpcEndpoint; addresses: IntervalSet }[];
}

/**
 * The words `--to` (and `--traffic`) accept, each with the canonical destinations it means: case is
 * folded, `runtime`/`api` are the SageMaker ones, and `sagemaker` means both, as in `--traffic`.
 */
const DESTINATION_WORDS: Record<string, readonly string[]> = {
  internet: ["internet"],
  s3: ["s3"],
  "sagemaker-api": ["sagemaker-api"],
  "sagemaker.api": ["sagemaker-api"],
  api: ["sagemaker-api"],
  "sagemaker-runtime": ["sagemaker-runtime"],
  "sagemaker.runtime": ["sagemaker-runtime"],
  runtime: ["sagemaker-runtime"],
  sagemaker: ["sagemaker-api", "sagemaker-runtime"],
};

/** The short service name of each canonical service destination. */
const SERVICE_OF: Record<string, string> = { s3: "s3", "sagemaker-api": "sagemaker.api", "sagemaker-runtime": "sagemaker.runtime" };

/** What `--to` accepts, as every destination error says it. */
export const DESTINATION_FORMS =
  "internet, s3, sagemaker-api, sagemaker-runtime, sagemaker (both), service:NAME (e.g. service:sts), or an IPv4 address/CIDR with optional :PORT";

/** The canonical destination words, for suggestions (aliases included: `runtime` is a fine answer). */
export const DESTINATION_NAMES: readonly string[] = Object.keys(DESTINATION_WORDS);

/**
 * Checks a port number given as text, with the one wording every port error uses.
 *
 * @param text - the digits the user gave
 * @param where - what the user typed it in, e.g. `--port 0` or `destination "1.2.3.4:0"`
 * @throws InputError unless an integer from 1 to 65535 (no `443.0`, no `0x1bb`)
 */
export function checkPort(text: string, where: string): number {
  const port = /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new InputError(`${where}: a port must be an integer from 1 to 65535`);
  return port;
}

/**
 * The `--to` form of an AWS service host name (`sts.us-east-1.amazonaws.com` → `service:sts`,
 * `runtime.sagemaker.us-east-1.amazonaws.com` → `sagemaker-runtime`), or undefined for other hosts.
 */
function awsServiceOfHost(host: string): string | undefined {
  const labels = host.toLowerCase().split(".");
  if (labels.length < 3 || labels.at(-1) !== "com" || labels.at(-2) !== "amazonaws") return undefined;
  const before = labels.slice(0, -2);
  const regionAt = before.findIndex((label) => /^[a-z]{2}(?:-gov)?-[a-z]+-\d$/.test(label));
  const service = (regionAt >= 0 ? before.slice(0, regionAt) : before).filter((l) => l !== "vpce" && !l.startsWith("vpce-"));
  if (service.includes("s3")) return "s3";
  const name = service.join(".");
  if (name === "runtime.sagemaker") return "sagemaker-runtime";
  if (name === "api.sagemaker") return "sagemaker-api";
  return name ? `service:${name}` : undefined;
}

/** Explains why a host name or URL is not a destination, and what to give instead. */
function hostNameError(spec: string): InputError {
  const host = spec.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/[/?#].*$/, "").replace(/:\d+$/, "");
  const aws = awsServiceOfHost(host);
  if (aws) return new InputError(`destination "${spec}": name the AWS service, not its host: ${aws}`);
  return new InputError(
    `destination "${spec}": vpcreach proves paths to addresses, not host names; give internet for any public address, ` +
      `or the host's IPv4 address (e.g. from \`dig +short ${host}\`) — accepted: ${DESTINATION_FORMS}`,
  );
}

/**
 * The canonical destinations `--to` names: `S3` → `s3`, `runtime` → `sagemaker-runtime`,
 * `sagemaker` → the API and the runtime, `SERVICE:STS` → `service:sts`; addresses unchanged.
 *
 * @param to - the user's destination text
 * @throws InputError for a host name or URL (saying what is accepted) or an unknown word (with close names)
 */
export function expandDestination(to: string): string[] {
  const spec = to.trim();
  const lower = spec.toLowerCase();
  const words = DESTINATION_WORDS[lower];
  if (words) return [...words];
  if (lower.startsWith("service:")) return [lower];
  if (/^[0-9.]+(?:\/[0-9]{1,2})?(?::[0-9]+)?$/.test(spec)) return [spec];
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec) || /^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?$/i.test(spec)) throw hostNameError(spec);
  throw new InputError(`destination "${spec}": not a destination${didYouMean(lower, DESTINATION_NAMES)}; accepted: ${DESTINATION_FORMS}`);
}

/**
 * Parses one canonical destination (see `expandDestination` for what users type).
 *
 * @param to - the destination text
 * @throws InputError when malformed, or when it names more than one destination (`sagemaker`)
 */
export function parseDestination(to: string): DestinationSpec {
  const expanded = expandDestination(to);
  if (expanded.length > 1) throw new InputError(`destination "${to.trim()}": means ${expanded.join(" and ")}; ask for one at a time here`);
  const spec = expanded[0] as string;
  if (spec === "internet") return { spec, kind: "internet", service: undefined, addresses: undefined, port: undefined };
  const known = SERVICE_OF[spec];
  if (known) return { spec, kind: "service", service: known, addresses: undefined, port: undefined };
  if (spec.startsWith("service:")) {
    const name = spec.slice(8).replace(/^(?:com\.amazonaws|aws\.sagemaker)\.[a-z]{2}(?:-gov)?-[a-z]+-\d\./, "");
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(name)) throw new InputError(`destination "${spec}": a service name looks like service:sts or service:ecr.api`);
    return { spec, kind: "service", service: name, addresses: undefined, port: undefined };
  }
  const m = /^([0-9.]+(?:\/[0-9]{1,2})?)(?::([0-9]+))?$/.exec(spec);
  const cidr = m ? parseCidr(m[1] as string) : undefined;
  if (!m || !cidr || (!(m[1] as string).includes("/") && parseIpv4(m[1] as string) === undefined)) {
    throw new InputError(`destination "${spec}": not an IPv4 address or CIDR; accepted: ${DESTINATION_FORMS}`);
  }
  const port = m[2] === undefined ? undefined : checkPort(m[2], `destination "${spec}"`);
  return { spec, kind: "address", service: undefined, addresses: IntervalSet.range(cidr.first, cidr.last), port };
}

/**
 * The public (non-endpoint) form of a destination, for a source in `region`.
 *
 * @param ctx - the analyzer context
 * @param parsed - the parsed destination
 * @param region - the source's Region
 */
export function publicDestination(ctx: AnalyzerContext, parsed: DestinationSpec, region: string): Destination {
  if (parsed.kind === "internet") {
    return { spec: parsed.spec, type: "internet", service: undefined, serviceName: undefined, addresses: ctx.internetAddresses(region), symbolic: false, prefixListId: undefined };
  }
  if (parsed.kind === "address") {
    return { spec: parsed.spec, type: "address", service: undefined, serviceName: undefined, addresses: parsed.addresses as IntervalSet, symbolic: false, prefixListId: undefined };
  }
  const service = parsed.service as string;
  const list = ctx.servicePrefixList(region, service);
  const set = list ? ctx.prefixList(list.id) : undefined;
  return {
    spec: parsed.spec,
    type: "aws-service",
    service,
    serviceName: fullServiceName(region, service),
    // Unknown service addresses: a placeholder for "some public address that is no other known AWS service's".
    addresses: set ?? ctx.internetAddresses(region),
    symbolic: !set,
    prefixListId: list?.id,
  };
}

/**
 * The endpoint service name of a short service name: `com.amazonaws.<region>.<service>`, except the
 * SageMaker notebook and Studio UIs, which are `aws.sagemaker.<region>.notebook` / `.studio`.
 *
 * @param region - the Region
 * @param service - e.g. `sts`, `sagemaker.api`, `notebook`
 */
export function fullServiceName(region: string, service: string): string {
  const ui = /^(?:sagemaker\.)?(notebook|studio)$/.exec(service);
  return ui ? `aws.sagemaker.${region}.${ui[1] as string}` : `com.amazonaws.${region}.${service}`;
}

/** The bundled list of AWS service names (data/aws-services.json), read once. */
let bundledServices: ReadonlySet<string> | undefined;

function bundledServiceNames(): ReadonlySet<string> {
  bundledServices ??= new Set((JSON.parse(readFileSync(bundledDataFile("aws-services.json"), "utf8")) as { services: string[] }).services);
  return bundledServices;
}

/**
 * True when vpcreach's bundled list knows an AWS service of this short name (`sts`, `ecr.api`).
 *
 * @param service - the short service name
 */
export function isKnownServiceName(service: string): boolean {
  return knownServiceNames().has(service);
}

/** The short names of the AWS services vpcreach's bundled list knows, for suggestions. */
export function knownServiceNames(): ReadonlySet<string> {
  return bundledServiceNames();
}

/** The short service names the snapshot shows in a Region: its endpoints' and prefix lists' services. */
function snapshotServiceNames(ctx: AnalyzerContext, region: string): Set<string> {
  const names = new Set<string>();
  const shortName = (full: string): string | undefined => /^(?:com\.amazonaws|aws\.sagemaker)\.([a-z0-9-]+)\.(.+)$/.exec(full)?.[1] === region ? full.split(".").slice(3).join(".") : undefined;
  for (const endpoint of ctx.model.vpcEndpoints.values()) {
    const name = endpoint.scope.region === region ? shortName(endpoint.serviceName) : undefined;
    if (name) names.add(name);
  }
  for (const list of ctx.model.prefixLists.values()) {
    const name = list.scope.region === region ? shortName(list.prefixListName) : undefined;
    if (name) names.add(name);
  }
  return names;
}

/**
 * Refuses a `service:NAME` that is no AWS service in the Region: not served by an endpoint or prefix
 * list in the snapshot, and not in the bundled list of service names. A typo (`service:stss`) would
 * otherwise be "reachable like the internet".
 *
 * @param ctx - the analyzer context
 * @param region - the source's Region
 * @param service - the short service name, e.g. `sts`
 * @throws InputError naming the service, with close names
 */
export function checkServiceName(ctx: AnalyzerContext, region: string, service: string): void {
  if (isKnownServiceName(service)) return;
  const inSnapshot = snapshotServiceNames(ctx, region);
  if (inSnapshot.has(service)) return;
  const close = didYouMean(service, [...inSnapshot, ...knownServiceNames()], (name) => `service:${name}`);
  throw new InputError(
    `destination "service:${service}": no AWS service of that name in ${region}${close} (not served by an endpoint or prefix list ` +
      "in the snapshot, nor in vpcreach's list of service names, data/aws-services.json)",
  );
}
