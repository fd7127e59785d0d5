/**
 * Where the pieces of a path stand in a path diagram: the element each hop, the source's subnet and
 * the destination are drawn on, drawing one where the architecture has none (an ENI of no notebook or
 * instance, an address, a transit gateway attachment or route table in its VPC or Region).
 */
import type { ModelIndex } from "../model/indexes.js";
import type { NetworkInterface, Scope } from "../model/types.js";
import type { ComponentType, Verdict } from "../engine/verdict.js";
import type { DiagramBuilder } from "./builder.js";
import { compareText, serviceOfDestination } from "./names.js";

/** Hop types drawn as containers or not at all: their evidence labels the edges instead. */
export const INVISIBLE: ReadonlySet<ComponentType> = new Set(["subnet", "security-group", "network-acl", "route-table", "vpc"]);

/**
 * The network interface that holds a private address (`10.0.1.5`, `10.0.1.5/32`, `10.0.1.5:443`), in any VPC.
 *
 * @param index - model lookups
 * @param spec - the destination as given
 */
export function interfaceAt(index: ModelIndex, spec: string): NetworkInterface | undefined {
  const ip = /^(\d{1,3}(?:\.\d{1,3}){3})(?:\/32)?(?::\d+)?$/.exec(spec)?.[1];
  if (!ip) return undefined;
  for (const vpcId of [...index.model.vpcs.keys()].sort(compareText)) {
    const eni = index.interfaceByPrivateIp(vpcId, ip);
    if (eni) return eni;
  }
  return undefined;
}

/**
 * The subnet the source sits in, if known.
 *
 * @param index - model lookups
 * @param verdict - the path
 */
export function sourceSubnet(index: ModelIndex, verdict: Verdict): string | undefined {
  const model = index.model;
  const id = verdict.source.id;
  return model.notebooks.get(stripNotebook(id))?.subnetId ?? model.instances.get(id)?.subnetId ?? model.networkInterfaces.get(id)?.subnetId;
}

/**
 * An interface endpoint's node in the source's subnet, else in the source's AZ, else any of its nodes.
 *
 * @param builder - the diagram being drawn
 * @param endpointId - the interface endpoint
 * @param subnetId - the source's subnet
 */
export function endpointNear(builder: DiagramBuilder, endpointId: string, subnetId: string | undefined): string | undefined {
  const model = builder.index.model;
  const endpoint = model.vpcEndpoints.get(endpointId);
  const zone = subnetId ? model.subnets.get(subnetId)?.availabilityZone : undefined;
  const sameZone = endpoint?.subnetIds.filter((id) => model.subnets.get(id)?.availabilityZone === zone).sort(compareText) ?? [];
  for (const candidate of [subnetId, ...sameZone]) {
    const id = candidate ? builder.element(`${endpointId}@${candidate}`) : undefined;
    if (id) return id;
  }
  return builder.element(endpointId);
}

/**
 * A notebook's model key from a source id (`notebook/NAME` or `NAME`).
 *
 * @param id - the source id
 */
export function stripNotebook(id: string): string {
  return id.replace(/^notebook\//, "");
}

/**
 * The diagram element a hop stands on, drawing one when the architecture has none (an ENI of no
 * notebook or instance, an address, a peering connection in another Region).
 *
 * @param builder - the diagram being drawn
 * @param scope - the source's Region, for AWS services and the managed network
 * @param component - the hop's component
 * @param type - the hop's type
 */
export function elementOf(builder: DiagramBuilder, scope: Scope, component: string, type: ComponentType): string | undefined {
  switch (type) {
    case "notebook":
      return builder.element(`notebook:${stripNotebook(component)}`);
    case "internet":
      return builder.internet();
    case "aws-service":
      return builder.service(scope, serviceOfDestination(component));
    case "sagemaker-managed-network":
      return builder.managedNetwork(scope);
    case "address": {
      const eni = interfaceAt(builder.index, component);
      const held = eni ? builder.element(eni.id) : undefined;
      if (held) return held;
      return builder.element(`address:${component}`) ?? builder.node(undefined, `address:${component}`, ["Address", component], "box", ["external"], `address-${component}`).id;
    }
    default:
      if (INVISIBLE.has(type)) return undefined;
      return builder.element(component) ?? drawOther(builder, scope, component, type);
  }
}

function drawOther(builder: DiagramBuilder, scope: Scope, component: string, type: ComponentType): string {
  const model = builder.index.model;
  if (type === "transit-gateway-attachment" || type === "transit-gateway-route-table") return drawTransitGatewayPart(builder, scope, component, type);
  const eni = type === "network-interface" ? model.networkInterfaces.get(component) : undefined;
  const inSubnet = eni ? builder.item(builder.element(eni.subnetId) ?? "") : undefined;
  const parent = inSubnet?.kind === "group" ? inSubnet : builder.region(scope);
  return builder.node(parent, component, [type.replace(/-/g, " "), component], "box", [eni ? "interface" : "external"]).id;
}

/**
 * A transit gateway attachment or route table on a path, where it belongs: a VPC's attachment on its
 * VPC (so a path across accounts leaves one account's VPC and enters the other's), a route table in
 * its transit gateway's Region and account; each named.
 */
function drawTransitGatewayPart(builder: DiagramBuilder, scope: Scope, component: string, type: "transit-gateway-attachment" | "transit-gateway-route-table"): string {
  const model = builder.index.model;
  if (type === "transit-gateway-route-table") {
    const table = model.transitGatewayRouteTables.get(component);
    const tgw = table ? model.transitGateways.get(table.transitGatewayId) : undefined;
    const where = builder.region(tgw?.scope ?? table?.scope ?? scope);
    return builder.node(where, component, ["Transit gateway route table", table?.name, component], "box", ["interface"]).id;
  }
  const attachment = model.transitGatewayAttachments.get(component);
  const vpcGroup = attachment?.resourceType === "vpc" ? builder.item(builder.element(attachment.resourceId ?? "") ?? "") : undefined;
  const where = vpcGroup?.kind === "group" ? vpcGroup : builder.region(attachment?.scope ?? scope);
  const zones = attachment?.subnetIds.map((id) => model.subnets.get(id)?.availabilityZone).filter((zone): zone is string => zone !== undefined).sort(compareText);
  const lines = ["Transit gateway attachment", attachment?.name, component, zones && zones.length > 0 ? `subnets in ${[...new Set(zones)].join(", ")}` : undefined];
  return builder.node(where, component, lines, "box", ["gateway"]).id;
}

/**
 * The element standing for the verdict's destination (the internet, an AWS service, an address).
 *
 * @param builder - the diagram being drawn
 * @param scope - the source's Region
 * @param verdict - the path
 */
export function destinationElement(builder: DiagramBuilder, scope: Scope, verdict: Verdict): string | undefined {
  const destination = verdict.destination;
  if (destination.type === "internet") return builder.internet();
  if (destination.type === "aws-service") return builder.service(scope, serviceOfDestination(destination.service ?? destination.spec));
  if (destination.type === "address") return elementOf(builder, scope, destination.spec, "address");
  return undefined;
}

/**
 * The Region (scope) of the source, for the AWS service and managed-network nodes.
 *
 * @param index - model lookups
 * @param verdict - the path
 */
export function scopeOf(index: ModelIndex, verdict: Verdict): Scope {
  const model = index.model;
  const id = verdict.source.id;
  const found =
    model.notebooks.get(stripNotebook(id))?.scope ??
    model.instances.get(id)?.scope ??
    model.networkInterfaces.get(id)?.scope ??
    [...model.vpcs.values()].sort((a, b) => compareText(a.id, b.id))[0]?.scope;
  return found ?? { account: undefined, region: "unknown-region" };
}
