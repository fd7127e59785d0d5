/**
 * Hop `gateway-endpoint`: a prefix-list route chose a gateway endpoint; its checks
 * (rules/gateway-endpoint.ts), then the service in the endpoint's Region. Other Regions' addresses
 * of the service are not served by it, which a warning says. Traffic a transit gateway brought back
 * into its own VPC gets its replies settled here: they do not go back through the transit gateway.
 */
import type { RouteTable } from "../../model/types.js";
import { serviceNode, shortServiceName } from "../../graph/index.js";
import { checkEndpointSource, checkGatewayEndpoint, policyWarning } from "../rules/gateway-endpoint.js";
import { missingResource } from "../rules/missing-data.js";
import { unsupportedTarget } from "../rules/unsupported-targets.js";
import { deliver, extend, hop, passBack, stop, warn, type Env } from "../trace.js";
import { withHairpinReplies } from "./transit-gateway-return.js";
import type { Handler } from "./step.js";

/** Through a gateway endpoint to its service. */
export const throughGatewayEndpoint: Handler<"gateway-endpoint"> = (env, trace, { table, endpointId, dst }) => {
  const { ctx } = env;
  const endpoint = ctx.model.vpcEndpoints.get(endpointId);
  if (!endpoint) return [stop(trace, dst, endpointId, "gateway-endpoint", missingResource(ctx.model, table.scope, "vpcEndpoints", endpointId, table.id))];
  // AWS names GWLB endpoints in routes as GatewayId vpce-… too: only a Gateway endpoint is modelled.
  if (endpoint.type !== "Gateway") {
    const rb = unsupportedTarget({ kind: "gwlb-endpoint", id: endpointId }, table.id);
    if (rb) return [stop(trace, dst, endpointId, "gateway-endpoint", rb)];
  }
  // Only traffic a transit gateway delivered (not yet translated by a NAT) can come from outside the VPC.
  const outsider = trace.tgw ? checkEndpointSource(endpoint, trace.srcSet, ctx.vpcAddresses(endpoint.vpcId), trace.srcText) : undefined;
  const bad = checkGatewayEndpoint(endpoint, env.cls) ?? outsider;
  if (bad) return [stop(trace, dst, endpointId, "gateway-endpoint", bad)];
  const service = shortServiceName(endpoint.serviceName);
  const warning = policyWarning(endpoint);
  const epHop = hop(endpointId, "gateway-endpoint", [{ kind: "association", ref: endpointId, text: `${endpointId} (${endpoint.serviceName}, ${endpoint.state}) associated with ${table.id}` }], endpoint.name ? { name: endpoint.name } : {});
  const sink = hop(serviceNode(service), "aws-service", [{ kind: "implicit", ref: endpointId, text: `${endpoint.serviceName} in ${endpoint.scope.region} through the gateway endpoint` }]);
  let after = extend(trace, [epHop, sink], passBack(epHop), passBack(sink));
  if (trace.tgw) after = withHairpinReplies(env, after, endpoint.vpcId, { id: endpointId, type: "gateway-endpoint", hop: epHop });
  if (warning) after = warn(after, warning);
  if (env.dest.type === "aws-service") after = warn(after, otherRegionsNote(env, table, endpoint.scope.region, service));
  return deliver(after, dst);
};

/**
 * What happens to the service in other Regions: a gateway endpoint serves its own Region only, so
 * other Regions' addresses follow the table's other routes.
 *
 * @param env - the query
 * @param table - the route table with the endpoint route
 * @param region - the endpoint's Region
 * @param service - the short service name
 */
function otherRegionsNote(env: Env, table: RouteTable, region: string, service: string): string {
  const parts = env.ctx.routes(table, env.ctx.internetAddresses(region)).parts;
  let best = parts[0];
  for (const p of parts) if (best && p.addresses.size() > best.addresses.size()) best = p;
  const route = best?.route;
  const fate = !route ? `have no route in ${table.id} (blocked)` : route.state === "blackhole" ? `hit a blackhole route in ${table.id}` : `follow ${table.id}'s route ${route.destination.kind === "cidr" ? route.destination.cidr : "…"} → ${"id" in route.target ? route.target.id : "local"}`;
  return `${service} in ${region} goes through the gateway endpoint; ${service} in other Regions is not served by it and would ${fate}`;
}
