/**
 * Hop `managed-network`: a SageMaker source with direct internet access (a notebook with
 * `DirectInternetAccess`, a `PublicInternetOnly` Studio app, a job or model without `VpcConfig`) sends non-VPC traffic through the
 * SageMaker-managed network, bypassing the customer's route tables, NAT gateways, NACLs and gateway
 * endpoints; private destinations are dropped there, public ones go on to the internet.
 */
import { MANAGED_NETWORK_NODE } from "../../graph/index.js";
import { managedNetworkBlock, managedNetworkEvidenceText, managedNetworkSplit } from "../rules/sagemaker-notebook.js";
import { extend, hop, passBack, retrace, stop, type Outcome } from "../trace.js";
import { what } from "./shared.js";
import type { Handler } from "./step.js";

/** A SageMaker source with direct internet access: non-VPC traffic leaves through the SageMaker-managed network. */
export const throughManagedNetwork: Handler<"managed-network"> = (env, trace, { egress, dst }, next) => {
  const split = managedNetworkSplit(dst);
  const out: Outcome[] = [];
  if (!split.dropped.isEmpty()) out.push(stop(trace, split.dropped, MANAGED_NETWORK_NODE, "sagemaker-managed-network", managedNetworkBlock(egress, what(env, split.dropped))));
  if (split.delivered.isEmpty()) return out;
  const managedHop = hop(MANAGED_NETWORK_NODE, "sagemaker-managed-network", [{ kind: "attribute", ref: egress.id, text: managedNetworkEvidenceText(egress) }], {
    details: ["customer route tables, NAT gateways, NACLs and gateway endpoints are bypassed"],
  });
  // The managed network's public source address is SageMaker's and unknown: one address of this set,
  // not known which (a check that admits only part of it answers unknown).
  const srcSet = env.ctx.managedSourceAddresses(env.src.scope.region);
  const afterManaged = retrace(extend(trace, [managedHop], passBack(managedHop)), { srcSet, srcText: "a SageMaker-managed public address", publicIp: undefined });
  out.push(...next(afterManaged, { kind: "internet", via: MANAGED_NETWORK_NODE, dst: split.delivered }));
  return out;
};
