/**
 * Notebook addresses another ENI also holds (estates reuse their private ranges in VPCs that never
 * meet), and whether a notebook's walks can meet that other ENI. When they cannot, the notebook's
 * answer depends on its address only as any other member of its address class's does, so its answer
 * may be shared (shared-answers.ts).
 *
 * Why these conditions are enough. A walk reads the ENIs holding an address in these ways only:
 * - as a member of its security groups (`groupMembers`, not scoped by VPC): a rule referencing one
 *   of the other ENI's groups, evaluated where the walk goes, admits the address. Rules are evaluated
 *   on the groups of the ENIs (and endpoints) the walk delivers to or starts from, all inside the
 *   VPCs the walk can enter: so no rule of a group used there may reference a group of the other ENI;
 * - as a destination: a service destination is the addresses of its endpoint's ENIs, so the other
 *   ENI may be no endpoint's; deliveries inside its subnet, and `interfaceByPrivateIp` in its VPC
 *   (the public IP an address has where a transit gateway took the traffic), happen only in the VPCs
 *   the walk enters;
 * - through its public IP, only when an address destination re-enters from the internet (never
 *   shared).
 * The VPCs a walk can enter are those joined to the source's by the moves the walk makes: a route
 * table of another VPC associated with a subnet, a route's NAT gateway, endpoint, peering connection,
 * interface or transit gateway, a transit gateway's attachments, route tables and peerings, and every
 * peering connection (`components`: a superset, ignoring rules, states and route prefixes). Named
 * destinations never re-enter a VPC from the internet (walk/internet.ts). The other ENI must also be
 * another notebook's: any other ENI's address is a boundary of the address classes (address-classes.ts),
 * so its notebook would share with no one anyway.
 */
import type { Model, NetworkInterface, SecurityGroup } from "../model/types.js";
import type { AnalyzerContext } from "./context.js";
import type { Source } from "./source.js";

/** Whether a notebook's walks may meet another ENI holding its address. */
export interface AddressReuse {
  /**
   * True when a walk from the source may read `other` (so the source's answer is not to be shared).
   *
   * @param src - the notebook as a source (with its ENI)
   * @param other - another ENI holding the source's address
   */
  mayMeet(src: Source, other: NetworkInterface): boolean;
}

/**
 * The check for a context's model; its components and references are built on first use.
 *
 * @param ctx - the analyzer context
 */
export function addressReuse(ctx: AnalyzerContext): AddressReuse {
  let joined: Components | undefined;
  let references: Map<string, Set<string>> | undefined;
  const { model, index } = ctx;
  return {
    mayMeet(src, other) {
      if (!index.notebookOfInterface(other.id) || index.endpointOfInterface(other.id)) return true;
      joined ??= components(model);
      references ??= referencedGroups(model, joined);
      const vpcOfSubnet = (id: string | undefined) => (id === undefined ? undefined : model.subnets.get(id)?.vpcId);
      const eni = src.eni;
      const mine = rootsOf(joined, [src.vpcId, src.subnet?.vpcId, vpcOfSubnet(src.subnetId), vpcOfSubnet(src.notebook?.subnetId), eni?.vpcId, vpcOfSubnet(eni?.subnetId)]);
      const theirs = rootsOf(joined, [other.vpcId, vpcOfSubnet(other.subnetId)]);
      if ([...theirs].some((root) => mine.has(root))) return true;
      const used = references;
      const referenced = (groupId: string) =>
        [...mine].some((root) => used.get(root)?.has(groupId)) || src.groupIds.some((id) => referencedBy(model.securityGroups.get(id)).includes(groupId));
      return other.securityGroupIds.some(referenced);
    },
  };
}

/** VPCs (as `vpc:ID`) and transit gateway parts (`tgw:ID`, `att:ID`, `tgw-rtb:ID`) joined into components. */
interface Components {
  root(node: string): string;
}

/** The component roots of some VPCs (undefined ones skipped). */
function rootsOf(joined: Components, vpcIds: readonly (string | undefined)[]): Set<string> {
  const roots = new Set<string>();
  for (const id of vpcIds) if (id) roots.add(joined.root(`vpc:${id}`));
  return roots;
}

/** The groups a group's rules (either direction) reference. */
function referencedBy(group: SecurityGroup | undefined): string[] {
  const ids: string[] = [];
  for (const rules of group ? [group.ingress, group.egress] : []) for (const rule of rules) if (rule.peer.kind === "security-group") ids.push(rule.peer.groupId);
  return ids;
}

/**
 * Joins the VPCs a walk may move between (see the module header): union-find over VPC and transit
 * gateway nodes.
 *
 * @param model - the model
 */
function components(model: Model): Components {
  const parent = new Map<string, string>();
  const root = (node: string): string => {
    let top = node;
    for (let up = parent.get(top); up !== undefined; up = parent.get(top)) top = up;
    // Path compression: every node on the way points at the root.
    for (let at = node, up = parent.get(at); up !== undefined; at = up, up = parent.get(at)) parent.set(at, top);
    return top;
  };
  const join = (a: string | undefined, b: string | undefined): void => {
    if (a === undefined || b === undefined) return;
    const ra = root(a);
    const rb = root(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  const vpc = (id: string | undefined) => (id ? `vpc:${id}` : undefined);
  const subnetVpc = (id: string | undefined) => vpc(id === undefined ? undefined : model.subnets.get(id)?.vpcId);

  for (const pcx of model.vpcPeeringConnections.values()) join(vpc(pcx.requester.vpcId), vpc(pcx.accepter.vpcId));
  for (const eni of model.networkInterfaces.values()) join(vpc(eni.vpcId), subnetVpc(eni.subnetId));
  for (const nat of model.natGateways.values()) join(vpc(nat.vpcId), subnetVpc(nat.subnetId));
  for (const endpoint of model.vpcEndpoints.values()) {
    for (const id of endpoint.subnetIds) join(vpc(endpoint.vpcId), subnetVpc(id));
    for (const id of endpoint.networkInterfaceIds) join(vpc(endpoint.vpcId), vpc(model.networkInterfaces.get(id)?.vpcId));
  }
  for (const table of model.routeTables.values()) {
    const here = vpc(table.vpcId);
    for (const id of table.subnetIds) join(here, subnetVpc(id));
    for (const route of table.routes) {
      const target = route.target;
      if (target.kind === "transit-gateway") join(here, `tgw:${target.id}`);
      else if (target.kind === "peering") {
        const pcx = model.vpcPeeringConnections.get(target.id);
        join(here, vpc(pcx?.requester.vpcId));
        join(here, vpc(pcx?.accepter.vpcId));
      } else if (target.kind === "nat") {
        const nat = model.natGateways.get(target.id);
        join(here, vpc(nat?.vpcId));
        join(here, subnetVpc(nat?.subnetId));
      } else if (target.kind === "gateway-endpoint" || target.kind === "gwlb-endpoint") join(here, vpc(model.vpcEndpoints.get(target.id)?.vpcId));
      else if (target.kind === "igw") for (const id of model.internetGateways.get(target.id)?.attachedVpcIds ?? []) join(here, vpc(id));
      else if (target.kind === "network-interface") {
        const eni = model.networkInterfaces.get(target.id);
        join(here, vpc(eni?.vpcId));
        join(here, subnetVpc(eni?.subnetId));
      } else if (target.kind === "instance") join(here, vpc(model.instances.get(target.id)?.vpcId));
    }
  }
  for (const attachment of model.transitGatewayAttachments.values()) {
    const node = `att:${attachment.id}`;
    join(node, `tgw:${attachment.transitGatewayId}`);
    // The VPC, or the peer transit gateway of a peering attachment.
    if (attachment.resourceId) {
      join(node, vpc(attachment.resourceId));
      join(node, `tgw:${attachment.resourceId}`);
    }
    for (const id of attachment.subnetIds) join(node, subnetVpc(id));
    for (const association of attachment.associations ?? []) {
      join(node, `tgw-rtb:${association.routeTableId}`);
      if (association.transitGatewayId) join(node, `tgw:${association.transitGatewayId}`);
    }
  }
  for (const table of model.transitGatewayRouteTables.values()) {
    const node = `tgw-rtb:${table.id}`;
    join(node, `tgw:${table.transitGatewayId}`);
    for (const route of table.routes) for (const id of route.attachmentIds) join(node, `att:${id}`);
    for (const propagation of table.propagations ?? []) {
      join(node, `att:${propagation.attachmentId}`);
      join(node, vpc(propagation.resourceId));
    }
  }
  for (const tgw of model.transitGateways.values()) {
    for (const id of [tgw.defaultAssociationRouteTableId, tgw.defaultPropagationRouteTableId]) if (id) join(`tgw:${tgw.id}`, `tgw-rtb:${id}`);
  }
  return { root };
}

/**
 * The groups referenced by a rule of a group in use in each component: on an ENI of one of its VPCs
 * (by the ENI's VPC or its subnet's), or on an endpoint there (for the ENIs AWS creates at apply, and
 * ENIs that list no group of their own).
 *
 * @param model - the model
 * @param joined - its components
 */
function referencedGroups(model: Model, joined: Components): Map<string, Set<string>> {
  const byRoot = new Map<string, Set<string>>();
  const use = (vpcIds: readonly (string | undefined)[], groupIds: readonly string[]): void => {
    for (const root of rootsOf(joined, vpcIds)) {
      let referenced = byRoot.get(root);
      if (!referenced) byRoot.set(root, (referenced = new Set()));
      for (const groupId of groupIds) for (const id of referencedBy(model.securityGroups.get(groupId))) referenced.add(id);
    }
  };
  const subnetVpc = (id: string) => model.subnets.get(id)?.vpcId;
  for (const eni of model.networkInterfaces.values()) use([eni.vpcId, subnetVpc(eni.subnetId)], eni.securityGroupIds);
  for (const endpoint of model.vpcEndpoints.values()) use([endpoint.vpcId, ...endpoint.subnetIds.map(subnetVpc)], endpoint.securityGroupIds);
  return byRoot;
}
