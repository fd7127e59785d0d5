/**
 * Which subnet of a VPC attachment a transit gateway delivers traffic by (its ENI there: that
 * subnet's NACL and route table then apply). AWS ("How transit gateways work", Availability Zones
 * and appliance mode; "Example: Appliance in a shared services VPC"):
 * - by default the transit gateway "keeps traffic in the same Availability Zone that it originated
 *   from until it reaches its destination": the attachment's subnet in the traffic's zone;
 * - traffic crosses zones "only if there is an Availability Zone failure or if there are no subnets
 *   associated with a VPC attachment in that Availability Zone": then one of the other subnets,
 *   AWS does not say which;
 * - with `Options.ApplianceModeSupport` `enable` on the attachment, the transit gateway "selects a
 *   single network interface in the appliance VPC, using a flow hash algorithm, to send traffic to
 *   for the life of the flow", and uses it for the return traffic too: any of the attachment's
 *   subnets, whatever the traffic's zone ("the attachment can flow through any Availability Zone").
 * So an answer holds only when it is the same on every subnet the transit gateway may pick; the
 * walk tries each (walk/transit-gateway.ts, walk/transit-gateway-return.ts) and, where they
 * disagree, answers `unknown` naming the choice: the zone AWS does not name, the flow hash, or the
 * option not in the data (older CLI output, Batfish's networks, a plan that leaves it to apply),
 * which is asked only where the subnets disagree.
 * AWS: https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html#tgw-az-overview,
 * https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html
 */
import type { Subnet, TransitGatewayAttachment } from "../../model/types.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";
import { attachmentSubnetIn } from "./transit-gateway-attachment.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "transit-gateway-appliance-mode",
  docs: {
    description: "The attachment subnet a transit gateway delivers by: the traffic's zone; another zone (unsaid) when the attachment has none there; any zone by flow hash with ApplianceModeSupport enabled; unknown where the choices disagree.",
    url: "https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html#tgw-az-overview",
  },
  codes: {
    TGW_ROUTE_AZ_RESTRICTION: "{what} by {attachment}, which {why}; which of its subnets {subnets} {tgw} uses is not known, and they treat this traffic differently",
    MISSING_DATA: "{what} by {attachment}, whose Options.ApplianceModeSupport the snapshot does not give (describe-transit-gateway-vpc-attachments): with it enabled {tgw} may use any of its subnets {subnets} (flow hash), else the one in {az}, and they treat this traffic differently",
  },
} satisfies RuleMeta;

/** The option's name in describe-* output. */
export const OPTION = "Options.ApplianceModeSupport";

/**
 * How the transit gateway picks the subnet: the one in the traffic's zone (`zone`), an unsaid one
 * when the attachment has none there (`other-zone`), by flow hash (`flow-hash`), or either of the
 * last two worlds for an option the data does not give (`option-not-given`).
 */
export type DeliveryChoice = "zone" | "other-zone" | "flow-hash" | "option-not-given";

/** The subnets the transit gateway may deliver by, the traffic's zone's first. */
export interface Delivery {
  subnets: Subnet[];
  choice: DeliveryChoice;
}

/**
 * The subnets of a VPC attachment by which a transit gateway may deliver traffic it carries from an
 * Availability Zone (or deliver the replies of a flow into the source VPC).
 *
 * @param attachment - the VPC attachment the traffic leaves the transit gateway by
 * @param subnets - the model's subnets
 * @param az - the zone the traffic comes from (undefined when not known)
 * @param tgwId - its transit gateway (for the message)
 * @returns the subnets and how one is picked, or the block when the attachment's subnets (or, where it matters, the zone) are not known
 */
export function deliverySubnets(attachment: TransitGatewayAttachment, subnets: ReadonlyMap<string, Subnet>, az: string | undefined, tgwId: string): Delivery | RuleBlock {
  const mode = attachment.applianceModeSupport;
  const all = attachment.subnetIds.map((id) => subnets.get(id)).filter((s) => s !== undefined);
  const known = all.length === attachment.subnetIds.length && all.length > 0;
  if (known && all.length === 1) return { subnets: all, choice: "zone" };
  if (known && mode === "enable") return { subnets: all, choice: "flow-hash" };
  const inZone = attachmentSubnetIn(attachment, subnets, az, tgwId);
  if (!("cidr" in inZone)) return inZone.code === "TGW_ROUTE_AZ_RESTRICTION" ? { subnets: all, choice: "other-zone" } : inZone;
  if (mode === "disable") return { subnets: [inZone], choice: "zone" };
  return { subnets: [inZone, ...all.filter((s) => s.id !== inZone.id)], choice: "option-not-given" };
}

/** The clause after "which" for each choice with several subnets. */
const WHY: Record<Exclude<DeliveryChoice, "zone" | "option-not-given">, (az: string) => string> = {
  "other-zone": (az) => `has no subnet in ${az}, so the transit gateway delivers by another zone's subnet`,
  "flow-hash": () => `has ApplianceModeSupport enabled, so the transit gateway picks the subnet (zone) for each flow by a flow hash`,
};

/**
 * The `unknown` block for traffic whose answer differs between the subnets the transit gateway may
 * deliver it by.
 *
 * @param attachment - the attachment
 * @param delivery - what `deliverySubnets` returned (several subnets)
 * @param az - the traffic's zone
 * @param tgwId - the transit gateway
 * @param what - the traffic, e.g. `tcp 443 to 0.0.0.0/0 from 10.1.10.5 leaves tgw-1`
 */
export function choiceBlock(attachment: TransitGatewayAttachment, delivery: Delivery, az: string | undefined, tgwId: string, what: string): RuleBlock {
  const subnets = delivery.subnets.map((s) => `${s.id} (${s.availabilityZone})`).join(", ");
  const values = { what, attachment: attachment.id, subnets, tgw: tgwId, az: az ?? "the traffic's zone" };
  const rule = { kind: "association" as const, ref: attachment.id, text: `${attachment.id} subnets ${subnets}${attachment.applianceModeSupport ? `, ${OPTION} ${attachment.applianceModeSupport}` : ""}` };
  if (delivery.choice === "option-not-given") {
    return { code: "MISSING_DATA", message: fill(meta.codes.MISSING_DATA, values), rule, fix: `add the output of aws ec2 describe-transit-gateway-vpc-attachments (with Options) for ${attachment.id} to the snapshot`, unknown: true };
  }
  const why = WHY[delivery.choice === "flow-hash" ? "flow-hash" : "other-zone"](az ?? "the traffic's zone");
  const fix = delivery.choice === "flow-hash"
    ? `make ${attachment.id}'s subnets treat this traffic alike (same NACL rules and routes in every zone)`
    : `add a subnet in ${az ?? "the traffic's zone"} to ${attachment.id}`;
  return { code: "TGW_ROUTE_AZ_RESTRICTION", message: fill(meta.codes.TGW_ROUTE_AZ_RESTRICTION, { ...values, why }), rule, fix, unknown: true };
}
