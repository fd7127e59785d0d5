/**
 * Random VPC Block Public Access settings and internet gateway route tables for the generated
 * networks: the spec arbitraries (`bpaArb`, `edgeArb`) and the functions that add the records to a
 * network's parts. BPA comes from the account options or only from the states printed on VPCs and
 * subnets, in any mode, with VPC and subnet exclusions in created, in-progress or deleted states,
 * and the exclusions collected or not. A gateway route table sends a subnet to an appliance, into a
 * blackhole, or retargets the whole VPC to an appliance.
 */
import fc from "fast-check";
import type { BpaBlockMode, DataKind, Model, Route, Subnet, Vpc } from "../../src/model/types.js";
import { routeTable, SCOPE, type ModelParts } from "./model-builder.js";

const ORIGIN = { file: "generated", jsonPath: "$" };
const MODES: (BpaBlockMode | undefined)[] = [undefined, "off", "block-bidirectional", "block-ingress"];
const EXCLUSION_STATES = ["create-complete", "create-complete", "update-complete", "create-in-progress", "delete-complete"];

export interface BpaExclusionSpec {
  vpc: number;
  subnet: number;
  /** True: exclude the subnet; false: the whole VPC. */
  onSubnet: boolean;
  bidirectional: boolean;
  state: number;
}
export interface BpaSpec {
  /** Index into [none, off, block-bidirectional, block-ingress]. */
  mode: number;
  /** True: the mode is known only from the VPCs' and subnets' BlockPublicAccessStates. */
  statesOnly: boolean;
  exclusions: BpaExclusionSpec[];
  exclusionsCollected: boolean;
  exclusionsAllowed: boolean;
}
export interface EdgeRouteSpec {
  subnet: number;
  /** A subnet route to a middlebox ENI, a subnet route into a blackhole, or the VPC CIDR retargeted to a middlebox. */
  kind: "appliance" | "blackhole" | "vpc-appliance";
}

/** A random Block Public Access setting (mostly none, so the other rules stay exercised). */
export const bpaArb: fc.Arbitrary<BpaSpec> = fc.record({
  mode: fc.constantFrom(0, 0, 0, 0, 1, 2, 2, 3, 3),
  statesOnly: fc.constantFrom(false, false, true),
  exclusions: fc.array(
    fc.record({ vpc: fc.nat({ max: 2 }), subnet: fc.nat({ max: 40 }), onSubnet: fc.constantFrom(true, true, false), bidirectional: fc.boolean(), state: fc.nat({ max: EXCLUSION_STATES.length - 1 }) }),
    { maxLength: 3 },
  ),
  exclusionsCollected: fc.constantFrom(true, true, true, false),
  exclusionsAllowed: fc.constantFrom(true, true, true, false),
});

/** A random internet gateway route table: usually none; else up to two routes. */
export const edgeArb: fc.Arbitrary<EdgeRouteSpec[] | null> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 5 },
  { arbitrary: fc.array(fc.record({ subnet: fc.nat({ max: 40 }), kind: fc.constantFrom("appliance", "blackhole", "blackhole", "vpc-appliance") as fc.Arbitrary<EdgeRouteSpec["kind"]> }), { maxLength: 2 }), weight: 1 },
);

/**
 * Adds an internet gateway's route table to the parts.
 *
 * @param specs - the routes (null: no gateway route table)
 * @param index - the VPC's index (for ids)
 * @param vpc - the VPC
 * @param subnets - its subnets
 * @param igwId - its internet gateway, if any
 * @param parts - the network's parts
 */
export function addGatewayRouteTable(specs: EdgeRouteSpec[] | null | undefined, index: number, vpc: Vpc, subnets: Subnet[], igwId: string | undefined, parts: Required<ModelParts>): void {
  if (!specs || !igwId) return;
  const table = routeTable(`rtb-${index}edge`, vpc, {});
  table.gatewayIds.push(igwId);
  const seen = new Set<string>();
  for (const spec of specs) {
    const subnet = subnets[spec.subnet % subnets.length];
    if (!subnet) continue;
    const cidr = spec.kind === "vpc-appliance" ? (vpc.cidrs[0] as string) : subnet.cidr;
    if (seen.has(cidr)) continue;
    seen.add(cidr);
    const appliance: Route = { destination: { kind: "cidr", cidr }, target: { kind: "network-interface", id: `eni-appliance${index}` }, state: spec.kind === "blackhole" ? "blackhole" : "active", origin: "CreateRoute" };
    // Retargeting the VPC CIDR replaces the local route; a subnet route is added beside it.
    if (spec.kind === "vpc-appliance") table.routes = table.routes.filter((r) => !(r.destination.kind === "cidr" && r.destination.cidr === cidr));
    table.routes.push(spec.kind === "vpc-appliance" ? { ...appliance, origin: "CreateRouteTable" } : appliance);
  }
  parts.routeTables.push(table);
}

/**
 * Adds the Block Public Access records a spec describes to the parts.
 *
 * @param spec - the setting (undefined: none)
 * @param vpcs - the network's VPCs with their subnets
 * @param parts - the network's parts
 */
export function addBlockPublicAccess(spec: BpaSpec | undefined, vpcs: { vpc: Vpc; subnets: Subnet[] }[], parts: Required<ModelParts>): void {
  const mode = spec ? MODES[spec.mode % MODES.length] : undefined;
  if (!spec || !mode) return;
  if (spec.statesOnly) {
    for (const { vpc, subnets } of vpcs) {
      vpc.blockPublicAccessMode = mode;
      for (const subnet of subnets) subnet.blockPublicAccessMode = mode;
    }
  } else {
    parts.blockPublicAccessOptions.push({ id: `bpa-options:${SCOPE.account}/${SCOPE.region}`, scope: SCOPE, origin: ORIGIN, mode, state: "update-complete", exclusionsAllowed: spec.exclusionsAllowed, managedBy: "account" });
  }
  if (!spec.exclusionsCollected) return;
  spec.exclusions.forEach((e, k) => {
    const target = vpcs[e.vpc % vpcs.length];
    if (!target) return;
    const subnet = target.subnets[e.subnet % target.subnets.length];
    const resourceId = e.onSubnet && subnet ? subnet.id : target.vpc.id;
    parts.blockPublicAccessExclusions.push({
      id: `vpcbpa-exclude-${k}`, scope: SCOPE, name: undefined, tags: {}, origin: ORIGIN,
      resourceId, mode: e.bidirectional ? "allow-bidirectional" : "allow-egress", state: EXCLUSION_STATES[e.state % EXCLUSION_STATES.length] as string,
    });
  });
}

/**
 * Marks the Block Public Access data the spec says was collected as present in the model.
 *
 * @param spec - the setting
 * @param model - the assembled model
 */
export function markBlockPublicAccessPresent(spec: BpaSpec | undefined, model: Model): void {
  if (!spec || !MODES[spec.mode % MODES.length]) return;
  const kinds = model.dataPresent.get(`${SCOPE.account}/${SCOPE.region}`) as Set<DataKind> | undefined;
  if (!spec.statesOnly) kinds?.add("blockPublicAccessOptions");
  if (spec.exclusionsCollected) kinds?.add("blockPublicAccessExclusions");
}
