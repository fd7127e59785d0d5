/**
 * The DNS part of a named set question (`s3`, `sagemaker-api`, `sagemaker-runtime`, `service:sts`): the
 * reference resolves the service's default name in the source's VPC itself (test/reference/dns.ts)
 * and the engine's answer must match how it resolved:
 * - to an interface endpoint: the engine's destination is exactly that endpoint's addresses (and it
 *   does not say the endpoint's own URL is needed);
 * - NXDOMAIN (a covering private zone without the record): `unreachable`, blocked at the hosted zone
 *   with `NO_POSSIBLE_DESTINATION`;
 * - public: the engine's destination holds no interface endpoint's address, unless it reports that
 *   only an endpoint's own URL works (`requiresEndpointUrl`, which is another name);
 * - a choice (record sets of a routing policy naming several endpoints): `unknown`, or a verdict the
 *   engine says every option leads to, its destination exactly one option's addresses (each of the
 *   other options' verdicts is not checked here);
 * - missing (data the snapshot lacks decides how the name resolves): `unknown`, never a verdict;
 * - unmodeled: any answer.
 * The reachability of the resolved addresses is then checked address by address as for any set
 * (compare-sets.ts). Which resolver a notebook with direct internet access and a subnet asks is not
 * documented (its VPC's, or the SageMaker-managed network's, which has no zone or endpoint of the
 * customer's; docs/engine.md, `notebook-resolver`): its name is checked where both resolve it alike
 * (publicly); where its VPC's resolver answers otherwise (an endpoint, NXDOMAIN, or data the snapshot
 * lacks) the answer is "undocumented": the engine must say `unknown`, unless it warns that both
 * resolvers lead to the same verdict, and then its answer is checked as the VPC's resolution (the
 * public side of that claim is not checked here); where the VPC's answer is unmodeled, any answer is
 * accepted. A notebook without a VPC has only the managed network: the name resolves publicly.
 */
import type { Model } from "../../src/model/types.js";
import type { Verdict } from "../../src/engine/verdict.js";
import { cidrContains, prefixLength } from "../reference/ipv4.js";
import { resolveServiceName, type Resolution } from "../reference/dns.js";
import { studioDomainOf } from "../reference/studio.js";

/** The default DNS name and endpoint service, in a Region, of each named destination the property asks about. */
const SERVICES: Record<string, (region: string) => [name: string, service: string]> = {
  s3: (r) => [`s3.${r}.amazonaws.com`, `com.amazonaws.${r}.s3`],
  "sagemaker-api": (r) => [`api.sagemaker.${r}.amazonaws.com`, `com.amazonaws.${r}.sagemaker.api`],
  "sagemaker-runtime": (r) => [`runtime.sagemaker.${r}.amazonaws.com`, `com.amazonaws.${r}.sagemaker.runtime`],
  "service:sts": (r) => [`sts.${r}.amazonaws.com`, `com.amazonaws.${r}.sts`],
};

/** The Region a source asks in: its VPC's (a notebook without one: its own). */
function regionOf(model: Model, from: string): string | undefined {
  const { vpcId } = resolverOf(model, from);
  return (vpcId ? model.vpcs.get(vpcId)?.scope.region : undefined) ?? model.notebooks.get(from)?.scope.region ?? model.instances.get(from)?.scope.region;
}

/** How the name resolves for the source: the reference's resolution (undocumented: only `unknown` agrees, or a verdict both answers give). */
export type Expected = Resolution;

/** The warning the engine gives when every record set of a routing policy leads to one verdict (src/engine/analyze.ts). */
const EVERY_OPTION = "every one leads to the same verdict";

/** The warning the engine gives when both resolvers lead to one verdict (src/engine/analyze.ts). */
const SAME_VERDICT = "both lead to the same verdict";

/**
 * The resolution an answer is checked against: the VPC's, for an undocumented one the engine says is
 * the same either way (its one warning covers every doubt between the VPC Resolver's answer and the
 * public one: a direct-internet notebook's resolver, DNS servers of the VPC's own, a zone with
 * enableDnsHostnames off).
 */
export function checkedAs(resolution: Expected, verdict: Verdict): Expected {
  let checked = resolution;
  const same = verdict.verdict !== "unknown" && verdict.warnings.some((w) => w.includes(SAME_VERDICT));
  while (checked.kind === "undocumented" && same) checked = checked.inVpc;
  return checked;
}

export interface DnsCheck {
  resolution: Expected;
  /** The engine's destination, as text (for the report). */
  engine: string;
  agree: boolean;
}

/** The VPC whose resolver a source may ask (none for a notebook without a VPC), and whether it is a direct-internet notebook (or PublicInternetOnly Studio app). */
function resolverOf(model: Model, from: string): { vpcId: string | undefined; direct: boolean } {
  // A PublicInternetOnly Studio app is placed as a direct-internet notebook is (notebook-resolver).
  const domain = studioDomainOf(model, from);
  if (domain) return { vpcId: domain.vpcId, direct: domain.appNetworkAccessType === "PublicInternetOnly" };
  const notebook = model.notebooks.get(from);
  const eniId = notebook ? notebook.networkInterfaceId : model.instances.get(from)?.networkInterfaceIds[0];
  return { vpcId: model.networkInterfaces.get(eniId ?? "")?.vpcId, direct: notebook?.directInternetAccess === true };
}

/** How the name resolves for the source, as far as AWS documents it. */
function resolutionFor(model: Model, from: string, name: string, service: string): Expected {
  const { vpcId, direct } = resolverOf(model, from);
  if (!vpcId) return direct ? { kind: "public", why: "a notebook without a VPC has only the SageMaker-managed network, where no zone or endpoint of the customer's answers" } : { kind: "unmodeled", why: `the VPC of ${from} is not known` };
  const inVpc = resolveServiceName(model, vpcId, name, service);
  if (!direct || inVpc.kind === "public" || inVpc.kind === "unmodeled") return inVpc;
  return { kind: "undocumented", inVpc, why: `which resolver a direct-internet notebook asks is not documented: ${vpcId}'s answers ${inVpc.kind} (${inVpc.why}), the managed network's the public addresses` };
}

/** The engine's destination entries that are CIDRs (it may also print a summary such as "all public IPv4 addresses"). */
function cidrsOf(verdict: Verdict): string[] {
  return verdict.destination.addresses.filter((a) => /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(a));
}

/** True when the engine's destination is exactly these addresses. */
function exactly(verdict: Verdict, addresses: string[]): boolean {
  const cidrs = cidrsOf(verdict);
  const size = cidrs.reduce((n, c) => n + 2 ** (32 - prefixLength(c)), 0);
  return cidrs.length === verdict.destination.addresses.length && size === new Set(addresses).size && addresses.every((ip) => cidrs.some((c) => cidrContains(c, ip)));
}

function agrees(model: Model, resolution: Expected, verdict: Verdict): boolean {
  switch (resolution.kind) {
    case "unmodeled":
      return true;
    case "missing":
    case "undocumented":
    case "forwarded":
      return verdict.verdict === "unknown";
    case "either":
      // Definite only where the engine says both answers lead to the verdict; its proof is the endpoint's.
      if (verdict.verdict === "unknown") return true;
      return verdict.warnings.some((w) => w.includes(SAME_VERDICT)) && verdict.requiresEndpointUrl === undefined && exactly(verdict, resolution.addresses);
    case "nxdomain":
      return verdict.verdict === "unreachable" && verdict.blockedAt?.type === "hosted-zone" && verdict.blockedAt.code === "NO_POSSIBLE_DESTINATION";
    case "endpoint":
      return verdict.requiresEndpointUrl === undefined && verdict.blockedAt?.type !== "hosted-zone" && exactly(verdict, resolution.addresses);
    case "choice":
      // Definite only where the engine says every option leads to the one verdict; its proof is one option's.
      if (verdict.verdict === "unknown") return true;
      return verdict.warnings.some((w) => w.includes(EVERY_OPTION)) && resolution.options.some((o) => exactly(verdict, o.addresses));
    case "public": {
      if (verdict.blockedAt?.type === "hosted-zone") return false;
      if (verdict.requiresEndpointUrl !== undefined) return true;
      const endpointIps = [...model.vpcEndpoints.values()].flatMap((e) => e.networkInterfaceIds.flatMap((id) => model.networkInterfaces.get(id)?.privateIps.map((a) => a.privateIp) ?? []));
      return !cidrsOf(verdict).some((c) => endpointIps.some((ip) => cidrContains(c, ip)));
    }
  }
}

/**
 * Checks how the engine resolved a named destination against the reference's own resolution.
 *
 * @param model - the network
 * @param from - the question's source
 * @param to - the destination as asked
 * @param verdict - the engine's answer
 * @returns undefined when the question names no service of `SERVICES`
 */
export function checkDns(model: Model, from: string, to: string, verdict: Verdict): DnsCheck | undefined {
  const region = regionOf(model, from);
  const service = region ? SERVICES[to]?.(region) : undefined;
  if (!service) return undefined;
  const resolution = resolutionFor(model, from, ...service);
  const engine = `destination ${verdict.destination.addresses.join(", ") || "(none)"}${verdict.requiresEndpointUrl ? `, requires ${verdict.requiresEndpointUrl}` : ""}${verdict.blockedAt ? `, blocked at ${verdict.blockedAt.component} ${verdict.blockedAt.code}` : ""}`;
  return { resolution, engine, agree: agrees(model, checkedAs(resolution, verdict), verdict) };
}
