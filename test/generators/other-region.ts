/**
 * A VPC in another Region (us-west-2), reached from the others by inter-Region VPC peering. AWS
 * does not support security group references across an inter-Region peering ("You can't reference
 * the security group of a peer VPC that's in a different Region. Instead, use the CIDR block of the
 * peer VPC", VPC Peering Guide, "Update your security groups to reference peer security groups"),
 * yet a Terraform plan or a hand-edited snapshot can hold such a rule: the generator keeps writing
 * rules that name the peer's groups (network-spec.ts, `peeringIds`), and both sides must refuse them.
 *
 * Only in networks without a transit gateway (it is regional). The moved VPC loses its VPC
 * endpoints (service names and AWS-managed prefix lists are regional), its hosted zone associations
 * and its Block Public Access state (a setting of the other Region, not collected).
 */
import type { Model, Scope, Vpc } from "../../src/model/types.js";
import { scopeKey } from "../../src/model/types.js";
import { SCOPE, type ModelParts } from "./model-builder.js";

export const OTHER_REGION: Scope = { account: SCOPE.account, region: "us-west-2" };

/** The subnets' zones in the other Region, by the zone letter they had. */
function otherZone(zone: string): string {
  return `${OTHER_REGION.region}${zone.slice(SCOPE.region.length)}`;
}

/**
 * Moves a VPC and everything in it to `OTHER_REGION` (call after every part is built).
 *
 * @param vpc - the VPC to move
 * @param parts - the network's parts
 */
export function moveToOtherRegion(vpc: Vpc, parts: Required<ModelParts>): void {
  vpc.scope = OTHER_REGION;
  vpc.blockPublicAccessMode = undefined;
  const endpoints = new Set(parts.vpcEndpoints.filter((e) => e.vpcId === vpc.id).map((e) => e.id));
  const endpointEnis = new Set(parts.vpcEndpoints.filter((e) => endpoints.has(e.id)).flatMap((e) => e.networkInterfaceIds));
  parts.vpcEndpoints = parts.vpcEndpoints.filter((e) => !endpoints.has(e.id));
  parts.networkInterfaces = parts.networkInterfaces.filter((e) => !endpointEnis.has(e.id));
  for (const table of parts.routeTables) {
    if (table.vpcId === vpc.id) table.routes = table.routes.filter((r) => !(r.target.kind === "gateway-endpoint" && endpoints.has(r.target.id)));
  }
  const inVpc = [parts.subnets, parts.routeTables, parts.natGateways, parts.securityGroups, parts.networkAcls, parts.networkInterfaces, parts.instances] as { vpcId: string; scope: Scope }[][];
  for (const list of inVpc) for (const record of list) if (record.vpcId === vpc.id) record.scope = OTHER_REGION;
  const subnets = parts.subnets.filter((s) => s.vpcId === vpc.id);
  for (const subnet of subnets) {
    subnet.availabilityZone = otherZone(subnet.availabilityZone);
    subnet.blockPublicAccessMode = undefined;
  }
  const subnetIds = new Set(subnets.map((s) => s.id));
  for (const igw of parts.internetGateways) if (igw.attachedVpcIds.includes(vpc.id)) igw.scope = OTHER_REGION;
  for (const notebook of parts.notebooks) if (notebook.subnetId && subnetIds.has(notebook.subnetId)) notebook.scope = OTHER_REGION;
  parts.blockPublicAccessExclusions = parts.blockPublicAccessExclusions.filter((e) => e.resourceId !== vpc.id && !subnetIds.has(e.resourceId));
  for (const zone of parts.hostedZones) zone.vpcs = zone.vpcs?.filter((a) => a.vpcId !== vpc.id);
  for (const pcx of parts.vpcPeeringConnections) {
    for (const side of [pcx.requester, pcx.accepter]) if (side.vpcId === vpc.id) side.region = OTHER_REGION.region;
  }
}

/**
 * Marks the other Region's data as collected, as for the network's own Region (before Block Public
 * Access is marked: that is the own Region's setting only).
 *
 * @param moved - whether a VPC was moved
 * @param model - the assembled model
 */
export function markOtherRegionPresent(moved: boolean, model: Model): void {
  if (!moved) return;
  const kinds = model.dataPresent.get(scopeKey(SCOPE));
  if (kinds) (model.dataPresent as Map<string, ReadonlySet<string>>).set(scopeKey(OTHER_REGION), new Set(kinds));
}
