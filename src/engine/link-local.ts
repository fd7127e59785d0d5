/**
 * Queries to the services every instance reaches on link-local or reserved addresses (Amazon DNS,
 * the instance metadata service, the Time Sync Service) are answered from those services' rules
 * (rules/link-local-services.ts), not by walking security groups, NACLs and routes, which AWS does
 * not apply to them: the path is the source and the service.
 */
import { formatIpv4, type IntervalSet } from "../net/index.js";
import type { Vpc } from "../model/types.js";
import { checkLinkLocal, LINK_LOCAL_SERVICES, linkLocalServiceAt, type LinkLocalService } from "./rules/link-local-services.js";
import type { Source } from "./source.js";
import { deliver, extend, hop, passBack, stop, type Env, type Outcome, type Trace } from "./trace.js";

/**
 * The link-local service a query addresses: a single destination address that is one for the source.
 *
 * @param vpc - the source's VPC, if any
 * @param addresses - the query's destination addresses
 */
export function linkLocalDestination(vpc: Vpc | undefined, addresses: IntervalSet): LinkLocalService | undefined {
  const [only, ...more] = addresses.intervals();
  if (!only || more.length > 0 || only[0] !== only[1]) return undefined;
  return linkLocalServiceAt(only[0], vpc);
}

/**
 * The outcome of a query to a link-local service: delivered with the rule that admits it, or stopped.
 *
 * @param env - the query
 * @param trace - the initial trace (source hop included)
 * @param service - the service addressed
 * @param port - the destination port (tcp/udp), else null
 */
export function linkLocalOutcomes(env: Env, trace: Trace, service: LinkLocalService, port: number | null): Outcome[] {
  const { src, dest, cls } = env;
  const info = LINK_LOCAL_SERVICES[service];
  const address = formatIpv4(dest.addresses.intervals()[0]?.[0] ?? 0);
  const decision = checkLinkLocal(service, address, linkLocalSource(env, src), cls.protocol, port);
  if ("block" in decision) return [stop(trace, dest.addresses, info.node, "aws-service", decision.block)];
  const serviceHop = hop(info.node, "aws-service", decision.evidence, { name: info.title });
  return deliver(extend(trace, [serviceHop], passBack(serviceHop)), dest.addresses);
}

function linkLocalSource(env: Env, src: Source) {
  return { id: src.id, vpc: src.vpcId ? env.ctx.model.vpcs.get(src.vpcId) : undefined, vpcId: src.vpcId, isNotebook: src.notebook !== undefined, instance: src.instance };
}
