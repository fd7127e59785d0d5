/**
 * The packet walk's one dispatch point: each hop kind (walk/step.ts) maps to its handler, one module
 * per kind, and handlers continue only through the `next` this module gives them. Each step splits
 * the destination set: the part a rule stops becomes an outcome, the rest goes on. Every rule a
 * handler applies is a function of `rules/`; handlers only decide the order.
 */
import type { Env, Outcome, Trace } from "../trace.js";
import type { Handler, Next, Step, StepKind } from "./step.js";
import { fromSource } from "./source.js";
import { leaveSubnet } from "./leave-subnet.js";
import { routeTable } from "./route-table.js";
import { arriveInVpc } from "./vpc.js";
import { enterSubnet } from "./enter-subnet.js";
import { deliverInSubnet } from "./subnet-delivery.js";
import { throughIgw } from "./internet-gateway.js";
import { throughNat } from "./nat-gateway.js";
import { throughGatewayEndpoint } from "./gateway-endpoint.js";
import { throughPeering } from "./peering.js";
import { throughTransitGateway } from "./transit-gateway.js";
import { throughManagedNetwork } from "./managed-network.js";
import { toInternet } from "./internet.js";

/** Hop kind → its handler. */
const HANDLERS: { [K in StepKind]: Handler<K> } = {
  source: fromSource,
  "leave-subnet": leaveSubnet,
  "route-table": routeTable,
  vpc: arriveInVpc,
  "enter-subnet": enterSubnet,
  "subnet-delivery": deliverInSubnet,
  "internet-gateway": throughIgw,
  "nat-gateway": throughNat,
  "gateway-endpoint": throughGatewayEndpoint,
  peering: throughPeering,
  "transit-gateway": throughTransitGateway,
  "managed-network": throughManagedNetwork,
  internet: toInternet,
};

/**
 * Walks every part of the destination from the source.
 *
 * @param env - the query
 * @param trace - the initial trace (source hop included)
 */
export function walkFromSource(env: Env, trace: Trace): Outcome[] {
  const next: Next = (t, step) => (HANDLERS[step.kind] as (env: Env, trace: Trace, step: Step, next: Next) => Outcome[])(env, t, step, next);
  return next(trace, { kind: "source", dst: env.dest.addresses });
}
