/**
 * The DNS part of a named set question (`sagemaker-api`, `sagemaker-runtime`, `service:sts`): the
 * reference resolves the service's default name in the source's VPC itself (test/reference/dns.ts)
 * and the engine's answer must match how it resolved:
 * - to an interface endpoint: the engine's destination is exactly that endpoint's addresses (and it
 *   does not say the endpoint's own URL is needed);
 * - NXDOMAIN (a covering private zone without the record): `unreachable`, blocked at the hosted zone
 *   with `NO_POSSIBLE_DESTINATION`;
 * - public: the engine's destination holds no interface endpoint's address, unless it reports that
 *   only an endpoint's own URL works (`requiresEndpointUrl`, which is another name);
 * - unmodeled: any answer.
 * The reachability of the resolved addresses is then checked address by address as for any set
 * (compare-sets.ts). Notebooks with direct internet access are left out: which resolver they use
 * is not documented.
 */
import type { Model } from "../../src/model/types.js";
import type { Verdict } from "../../src/engine/verdict.js";
import { cidrContains, prefixLength } from "../reference/ipv4.js";
import { resolveServiceName, type Resolution } from "../reference/dns.js";

/** The default DNS name and endpoint service of each named destination the property asks about. */
const SERVICES: Record<string, [name: string, service: string]> = {
  "sagemaker-api": ["api.sagemaker.us-east-1.amazonaws.com", "com.amazonaws.us-east-1.sagemaker.api"],
  "sagemaker-runtime": ["runtime.sagemaker.us-east-1.amazonaws.com", "com.amazonaws.us-east-1.sagemaker.runtime"],
  "service:sts": ["sts.us-east-1.amazonaws.com", "com.amazonaws.us-east-1.sts"],
};

export interface DnsCheck {
  resolution: Resolution;
  /** The engine's destination, as text (for the report). */
  engine: string;
  agree: boolean;
}

/** The VPC whose resolver a source asks (instance or VPC-only notebook); undefined for the others. */
function resolverVpc(model: Model, from: string): string | undefined {
  const notebook = model.notebooks.get(from);
  if (notebook?.directInternetAccess) return undefined;
  const eniId = notebook ? notebook.networkInterfaceId : model.instances.get(from)?.networkInterfaceIds[0];
  return model.networkInterfaces.get(eniId ?? "")?.vpcId;
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

function agrees(model: Model, resolution: Resolution, verdict: Verdict): boolean {
  switch (resolution.kind) {
    case "unmodeled":
      return true;
    case "nxdomain":
      return verdict.verdict === "unreachable" && verdict.blockedAt?.type === "hosted-zone" && verdict.blockedAt.code === "NO_POSSIBLE_DESTINATION";
    case "endpoint":
      return verdict.requiresEndpointUrl === undefined && verdict.blockedAt?.type !== "hosted-zone" && exactly(verdict, resolution.addresses);
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
 * @returns undefined when the question names no interface service or its source asks no VPC resolver
 */
export function checkDns(model: Model, from: string, to: string, verdict: Verdict): DnsCheck | undefined {
  const service = SERVICES[to];
  const vpcId = service ? resolverVpc(model, from) : undefined;
  if (!service || !vpcId) return undefined;
  const resolution = resolveServiceName(model, vpcId, ...service);
  const engine = `destination ${verdict.destination.addresses.join(", ") || "(none)"}${verdict.requiresEndpointUrl ? `, requires ${verdict.requiresEndpointUrl}` : ""}${verdict.blockedAt ? `, blocked at ${verdict.blockedAt.component} ${verdict.blockedAt.code}` : ""}`;
  return { resolution, engine, agree: agrees(model, resolution, verdict) };
}
