/**
 * A destination ENI's own state. `Status` `in-use` (attached) and `associated` (a branch interface)
 * receive traffic; `available` means attached to nothing, and `attaching` / `detaching` are on the
 * way: the VPC may hand the packet to the interface, but no host behind it is known to receive it.
 * Those give `unknown`, naming the ENI and its status, where the reader used to drop the field and
 * the walk answered a confident `reachable`.
 * AWS: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html (Status)
 */
import type { NetworkInterface } from "../../model/types.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "network-interface-state",
  docs: {
    description: "A destination ENI must be attached (Status in-use or associated); available, attaching or detaching: unknown.",
    url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html",
  },
  codes: {
    BAD_STATE: "{eni} is {status}: no host attached to it is known to receive the traffic",
  },
} satisfies RuleMeta;

/** ENI statuses in which something is attached to receive traffic. */
const ATTACHED = new Set(["in-use", "associated"]);

/**
 * The `unknown` block for a destination ENI that is not attached, or undefined when it is.
 *
 * @param eni - the destination ENI
 */
export function unattachedInterface(eni: NetworkInterface): RuleBlock | undefined {
  if (ATTACHED.has(eni.status)) return undefined;
  return {
    code: "BAD_STATE",
    message: fill(meta.codes.BAD_STATE, { eni: eni.id, status: eni.status }),
    rule: { kind: "state", ref: eni.id, text: `${eni.id} Status ${eni.status}` },
    fix: `attach ${eni.id} to an instance, or address the interface that serves the workload`,
    unknown: true,
  };
}
