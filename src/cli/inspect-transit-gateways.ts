/**
 * The transit gateways that `vpcreach inspect` lists per account and Region: each with its
 * attachments (the route tables each is associated with, in this gateway) and its route tables with
 * their routes as text and the attachments propagating into them.
 */
import type { Model, TransitGateway, TransitGatewayRoute } from "../model/types.js";
import { attachmentsOfTransitGateway } from "../engine/rules/transit-gateway-attachment.js";

export interface TransitGatewaySummary {
  id: string;
  name: string | undefined;
  state: string;
  ownerId: string | undefined;
  attachments: { id: string; name: string | undefined; resourceType: string; resourceId: string | undefined; account: string | undefined; state: string; subnetIds: string[]; routeTableIds: string[] | null }[];
  /** Each route table with its routes as text (null: not in the snapshot) and its propagating attachments. */
  routeTables: { id: string; name: string | undefined; routes: string[] | null; propagations: string[] | null }[];
}

/** A transit gateway route as inspect prints it. */
function routeText(route: TransitGatewayRoute): string {
  const d = route.destination;
  const to = d.kind === "prefix-list" ? d.prefixListId : d.cidr;
  return `${to} → ${route.state === "blackhole" ? "blackhole" : route.attachmentIds.join(", ")} (${route.type})`;
}

/**
 * A transit gateway with its attachments (peering attachments on both sides) and route tables.
 *
 * @param model - the model holding the gateway's attachments and route tables
 * @param tgw - the transit gateway
 */
export function transitGatewaySummary(model: Model, tgw: TransitGateway): TransitGatewaySummary {
  const attachments = attachmentsOfTransitGateway(model.transitGatewayAttachments.values(), tgw.id);
  return {
    id: tgw.id,
    name: tgw.name,
    state: tgw.state,
    ownerId: tgw.ownerId,
    attachments: attachments.map((a) => ({
      id: a.id, name: a.name, resourceType: a.resourceType, resourceId: a.resourceId, account: a.resourceOwnerId, state: a.state, subnetIds: a.subnetIds,
      routeTableIds: a.associations?.filter((x) => (x.transitGatewayId ?? a.transitGatewayId) === tgw.id).map((x) => x.routeTableId) ?? null,
    })),
    routeTables: [...model.transitGatewayRouteTables.values()].filter((t) => t.transitGatewayId === tgw.id).map((t) => ({
      id: t.id,
      name: t.name,
      routes: t.routesGiven === undefined ? null : t.routes.map(routeText),
      propagations: t.propagations?.filter((p) => p.state === "enabled").map((p) => p.attachmentId) ?? null,
    })),
  };
}
