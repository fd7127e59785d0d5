/**
 * Cross-record passes run once every file is read: apply describe-vpc-attribute values to their VPCs,
 * give transit gateway attachments their subnets, tell GWLB endpoint routes from gateway endpoint
 * routes, and record every reference to a resource the snapshot does not hold (a dangling reference),
 * so the engine can answer `unknown` and say why. A reference is only dangling when the snapshot holds
 * that kind of data for the scope: with no NAT data at all, a NAT route is missing data, not an error.
 */
import { namedIn, type DataKind, type Instance, type Origin, type RouteTarget, type Scope } from "../model/types.js";
import type { ModelBuilder } from "./builder.js";
import type { RecordKind } from "./record-maps.js";
import { truncatedPages, truncationNote } from "./aws/route53-hosted-zone.js";

interface Checker {
  (fromId: string, scope: Scope, origin: Origin, field: string, kind: RecordKind, id: string | undefined): void;
}

function makeChecker(builder: ModelBuilder): Checker {
  // One entry per holder, field and missing id, however many rules repeat it.
  const seen = new Set<string>();
  return (fromId, scope, origin, field, kind, id) => {
    if (!id || builder.maps[kind].has(id)) return;
    if (!builder.isPresent(scope, kind as DataKind)) return;
    const key = `${fromId}\u0000${field}\u0000${id}`;
    if (seen.has(key)) return;
    seen.add(key);
    builder.addDangling(fromId, field, id, origin);
  };
}

/** The record kind a route target points at, when the model has one. */
function targetKind(target: RouteTarget): RecordKind | undefined {
  switch (target.kind) {
    case "igw":
      return "internetGateways";
    case "egress-only-igw":
      return "egressOnlyInternetGateways";
    case "nat":
      return "natGateways";
    case "gateway-endpoint":
    case "gwlb-endpoint":
      return "vpcEndpoints";
    case "peering":
      return "vpcPeeringConnections";
    case "transit-gateway":
      return "transitGateways";
    case "network-interface":
      return "networkInterfaces";
    case "instance":
      return "instances";
    default:
      return undefined;
  }
}

/** Each VPC's DNS servers, from the DHCP options set its `DhcpOptionsId` names, when that set was given. */
function applyDhcpOptions(builder: ModelBuilder): void {
  for (const vpc of builder.maps.vpcs.values()) {
    if (vpc.dhcpOptionsId !== undefined) vpc.dnsServers = builder.parts.dhcpServers.get(vpc.dhcpOptionsId);
  }
}

function applyVpcAttributes(builder: ModelBuilder, check: Checker): void {
  for (const attribute of builder.vpcAttributes) {
    const vpc = builder.maps.vpcs.get(attribute.vpcId);
    if (vpc) vpc[attribute.attribute] = attribute.value;
    else check(attribute.vpcId, attribute.scope, attribute.origin, "VPC attribute VpcId", "vpcs", attribute.vpcId);
  }
}

function resolveRouteTables(builder: ModelBuilder, check: Checker): void {
  for (const table of builder.maps.routeTables.values()) {
    const at = (field: string, kind: RecordKind, id: string | undefined) => check(table.id, table.scope, table.origin, field, kind, id);
    at("route table VPC", "vpcs", table.vpcId);
    for (const subnetId of table.subnetIds) at("route table association subnet", "subnets", subnetId);
    for (const route of table.routes) {
      const target = route.target;
      if (target.kind === "gateway-endpoint" && builder.maps.vpcEndpoints.get(target.id)?.type === "GatewayLoadBalancer") {
        route.target = { kind: "gwlb-endpoint", id: target.id };
      }
      const kind = targetKind(route.target);
      if (kind && "id" in route.target) at("route target", kind, route.target.id);
      if (route.destination.kind === "prefix-list") at("route destination prefix list", "prefixLists", route.destination.prefixListId);
    }
  }
}

function resolveSecurityGroups(builder: ModelBuilder, check: Checker): void {
  for (const group of builder.maps.securityGroups.values()) {
    check(group.id, group.scope, group.origin, "security group VPC", "vpcs", group.vpcId);
    for (const rule of [...group.ingress, ...group.egress]) {
      const peer = rule.peer;
      // A group across a peering connection lives in another VPC (maybe another account): not ours to hold.
      if (peer.kind === "security-group" && peer.peeringStatus === undefined) {
        check(group.id, group.scope, group.origin, `security group ${rule.direction} rule peer`, "securityGroups", peer.groupId);
      }
      if (peer.kind === "prefix-list") {
        check(group.id, group.scope, group.origin, `security group ${rule.direction} rule prefix list`, "prefixLists", peer.prefixListId);
      }
    }
  }
}

function resolveNetworkResources(builder: ModelBuilder, check: Checker): void {
  const { maps } = builder;
  for (const eni of builder.instanceInterfaces) if (!maps.networkInterfaces.has(eni.id)) maps.networkInterfaces.set(eni.id, eni);
  for (const s of maps.subnets.values()) check(s.id, s.scope, s.origin, "subnet VPC", "vpcs", s.vpcId);
  for (const acl of maps.networkAcls.values()) {
    check(acl.id, acl.scope, acl.origin, "network ACL VPC", "vpcs", acl.vpcId);
    for (const subnetId of acl.subnetIds) check(acl.id, acl.scope, acl.origin, "network ACL association subnet", "subnets", subnetId);
  }
  for (const igw of maps.internetGateways.values()) {
    for (const vpcId of igw.attachedVpcIds) check(igw.id, igw.scope, igw.origin, "internet gateway attachment VPC", "vpcs", vpcId);
  }
  for (const nat of maps.natGateways.values()) {
    check(nat.id, nat.scope, nat.origin, "NAT gateway VPC", "vpcs", nat.vpcId);
    check(nat.id, nat.scope, nat.origin, "NAT gateway subnet", "subnets", nat.subnetId);
  }
  for (const e of maps.vpcEndpoints.values()) {
    const at = (field: string, kind: RecordKind, id: string | undefined) => check(e.id, e.scope, e.origin, field, kind, id);
    at("endpoint VPC", "vpcs", e.vpcId);
    e.subnetIds.forEach((id) => at("endpoint subnet", "subnets", id));
    e.networkInterfaceIds.forEach((id) => at("endpoint network interface", "networkInterfaces", id));
    e.securityGroupIds.forEach((id) => at("endpoint security group", "securityGroups", id));
    e.routeTableIds.forEach((id) => at("endpoint route table", "routeTables", id));
  }
  for (const eni of maps.networkInterfaces.values()) {
    const at = (field: string, kind: RecordKind, id: string | undefined) => check(eni.id, eni.scope, eni.origin, field, kind, id);
    at("network interface VPC", "vpcs", eni.vpcId);
    at("network interface subnet", "subnets", eni.subnetId);
    eni.securityGroupIds.forEach((id) => at("network interface security group", "securityGroups", id));
  }
  for (const i of maps.instances.values()) {
    const at = (field: string, kind: RecordKind, id: string | undefined) => check(i.id, i.scope, i.origin, field, kind, id);
    at("instance subnet", "subnets", i.subnetId);
    i.networkInterfaceIds.forEach((id) => at("instance network interface", "networkInterfaces", id));
    i.securityGroupIds.forEach((id) => at("instance security group", "securityGroups", id));
  }
  for (const eip of builder.elasticIps) {
    check(eip.allocationId ?? eip.publicIp, eip.scope, eip.origin, "Elastic IP network interface", "networkInterfaces", eip.networkInterfaceId);
  }
}

/**
 * Joins transit gateway attachments, route tables and hosted zones with the parts read from their
 * own files: subnets, associations, routes, propagations, a zone's VPCs and records.
 */
function resolveTransitGatewaysAndZones(builder: ModelBuilder, check: Checker): void {
  const { maps, parts } = builder;
  for (const attachment of maps.transitGatewayAttachments.values()) {
    attachment.subnetIds = builder.tgwAttachmentSubnets.get(attachment.id) ?? attachment.subnetIds;
    Object.assign(attachment, builder.tgwAttachmentOptions.get(attachment.id));
    const associations = parts.tgwAssociations.get(attachment.id);
    // describe-transit-gateway-attachments omits `Association` when there is none; the VPC list never has it.
    attachment.associations = associations ?? (builder.tgwAttachmentsFromVpcList.has(attachment.id) ? undefined : []);
    for (const association of associations ?? []) {
      association.transitGatewayId ??= maps.transitGatewayRouteTables.get(association.routeTableId)?.transitGatewayId;
      check(attachment.id, attachment.scope, attachment.origin, "attachment route table association", "transitGatewayRouteTables", association.routeTableId);
    }
    check(attachment.id, attachment.scope, attachment.origin, "attachment transit gateway", "transitGateways", attachment.transitGatewayId);
    attachment.subnetIds.forEach((id) => check(attachment.id, attachment.scope, attachment.origin, "attachment subnet", "subnets", id));
  }
  for (const [tableId, routes] of parts.tgwRoutes) {
    const table = maps.transitGatewayRouteTables.get(tableId);
    if (!table) {
      builder.warn(`the routes of transit gateway route table ${tableId} were ignored: describe-transit-gateway-route-tables does not list it`, routes.origin, tableId);
      continue;
    }
    table.routesGiven = routes.given;
    table.routes = routes.routes;
    table.routesTruncated = routes.truncated;
    for (const route of routes.routes) route.attachmentIds.forEach((id) => check(tableId, table.scope, table.origin, "transit gateway route attachment", "transitGatewayAttachments", id));
  }
  for (const [tableId, propagations] of parts.tgwPropagations) {
    const table = maps.transitGatewayRouteTables.get(tableId);
    if (table) table.propagations = propagations;
  }
  for (const zone of maps.hostedZones.values()) {
    zone.vpcs = parts.zoneVpcs.get(zone.id);
    const unknownVpcs = parts.zoneVpcsUnknown.get(zone.id);
    if (unknownVpcs && unknownVpcs.length > 0) zone.vpcsUnknown = unknownVpcs;
    zone.records = parts.zoneRecords.get(zone.id);
    const pages = truncatedPages(parts.route53Pages, `records:${zone.id}`);
    zone.recordsTruncated = pages.length > 0;
    for (const { file, by } of pages) {
      const note = truncationNote(by);
      builder.warn(`${file}: list-resource-record-sets output for ${zone.id} is one page of a longer list (${note.text}) and the next page was not given: records after it are missing, so a name without a record in ${zone.id} is unknown rather than not resolvable; give every page (the AWS CLI pages unless --max-items is set; vpcreach collect reads them all)`, { file, jsonPath: note.jsonPath }, zone.id);
    }
  }
  for (const { file, by } of truncatedPages(parts.route53Pages, "zones")) {
    const note = truncationNote(by);
    builder.warn(`${file}: list-hosted-zones output is one page of a longer list (${note.text}) and the next page was not given: hosted zones after it are missing, so a service name no known zone resolves is unknown; give every page (the AWS CLI pages unless --max-items is set; vpcreach collect reads them all)`, { file, jsonPath: note.jsonPath });
  }
}

/**
 * A network interface is attached to one instance at a time: two instances claiming one (copies
 * collected at different times) leave a warning naming both, and a doubt on the interface and both
 * instances, so answers that use them are unknown rather than a silent pick.
 */
function checkInterfaceClaims(builder: ModelBuilder): void {
  const claimedBy = new Map<string, Instance>();
  for (const instance of builder.maps.instances.values()) {
    for (const eniId of instance.networkInterfaceIds) {
      const other = claimedBy.get(eniId);
      if (!other) {
        claimedBy.set(eniId, instance);
        continue;
      }
      const origins = [other.origin, instance.origin];
      const message = `${eniId} is claimed by two instances, ${other.id} (${other.origin.file}: ${other.origin.jsonPath}) and ${instance.id} (${instance.origin.file}: ${instance.origin.jsonPath}): answers that use it are unknown`;
      builder.warn(message, instance.origin, eniId);
      builder.addDoubt({ id: eniId, kind: "conflict", message, origins });
      for (const id of [other.id, instance.id]) builder.addDoubt({ id, kind: "conflict", message, origins, about: eniId });
    }
  }
}

function addListedOnly(builder: ModelBuilder): void {
  const added = builder.listedOnly.filter(({ kind, record }) => !builder.maps[kind].has(record.id));
  for (const { kind, record } of added) builder.addResolved(kind, record);
  // After the long ids of named records are shortened, so the warnings name them as the model does.
  const { notebooks, trainingJobs, processingJobs, tuningJobs, models, endpointConfigs, endpoints } = builder.maps;
  const named: Map<string, { id: string; name: string | undefined }>[] = [notebooks, trainingJobs, processingJobs, tuningJobs, models, endpointConfigs, endpoints];
  for (const records of named) shortenUniqueNames(records, builder);
  for (const { record, label } of added) {
    if (record.missingData) builder.warn(`${label} ${record.id} is ${record.missingData}`, record.origin, record.id);
  }
  for (const { id, origin } of builder.listedDomains) {
    if (builder.maps.domains.has(id)) continue;
    builder.warn(`Studio domain ${id} is only listed by list-domains, which has no network settings: add its describe-domain output`, origin, id);
  }
}

/**
 * Re-keys named records (read with `ACCOUNT/REGION/NAME` ids) by their bare name where that name is
 * used in one scope only; names used in several accounts or Regions keep the long id, so none is
 * lost. Doubts recorded under a long id follow their record.
 *
 * @param records - the records by long id; replaced in place, order kept
 * @param builder - the builder whose doubts are re-keyed
 */
export function shortenUniqueNames<T extends { id: string; name: string | undefined }>(records: Map<string, T>, builder: ModelBuilder): void {
  const uses = new Map<string, number>();
  for (const record of records.values()) if (record.name !== undefined) uses.set(record.name, (uses.get(record.name) ?? 0) + 1);
  const all = [...records.values()];
  records.clear();
  for (const record of all) {
    if (record.name !== undefined && uses.get(record.name) === 1) {
      const doubts = builder.doubts.get(record.id);
      if (doubts) {
        builder.doubts.delete(record.id);
        for (const doubt of doubts) builder.addDoubt({ ...doubt, id: record.name });
      }
      record.id = record.name;
    }
    records.set(record.id, record);
  }
}

function resolveSageMaker(builder: ModelBuilder, check: Checker): void {
  addListedOnly(builder);
  for (const n of builder.maps.notebooks.values()) {
    const at = (field: string, kind: RecordKind, id: string | undefined) => check(n.id, n.scope, n.origin, field, kind, id);
    at("notebook subnet", "subnets", n.subnetId);
    n.securityGroupIds.forEach((id) => at("notebook security group", "securityGroups", id));
    at("notebook network interface", "networkInterfaces", n.networkInterfaceId);
  }
  for (const d of builder.maps.domains.values()) {
    const at = (field: string, kind: RecordKind, id: string | undefined) => check(d.id, d.scope, d.origin, field, kind, id);
    at("domain VPC", "vpcs", d.vpcId);
    d.subnetIds.forEach((id) => at("domain subnet", "subnets", id));
    [...d.securityGroupIds, ...d.spaceSecurityGroupIds].forEach((id) => at("domain security group", "securityGroups", id));
  }
  resolveWorkloads(builder, check);
}

/** Subnets and groups of SageMaker jobs and models, models of endpoint configurations, and so on. */
function resolveWorkloads(builder: ModelBuilder, check: Checker): void {
  const { maps } = builder;
  const networks = [
    ...[...maps.trainingJobs.values(), ...maps.processingJobs.values(), ...maps.tuningJobs.values()].flatMap((j) => j.networks.map((n) => ({ holder: j, n }))),
    ...[...maps.models.values()].map((m) => ({ holder: m, n: m.network })),
    ...[...maps.endpointConfigs.values()].map((c) => ({ holder: c, n: c.network })),
  ];
  for (const { holder, n } of networks) {
    n.vpcConfig?.subnetIds.forEach((id) => check(holder.id, holder.scope, holder.origin, "VpcConfig subnet", "subnets", id));
    n.vpcConfig?.securityGroupIds.forEach((id) => check(holder.id, holder.scope, holder.origin, "VpcConfig security group", "securityGroups", id));
  }
  // Names refer to records of their own scope, whose key is the name or ACCOUNT/REGION/NAME (namedIn).
  const named = (records: ReadonlyMap<string, { id: string; scope: Scope }>, scope: Scope, name: string | undefined) => (name && namedIn(records, scope, name)?.id) ?? name;
  for (const c of maps.endpointConfigs.values()) {
    for (const v of c.variants) check(c.id, c.scope, c.origin, `production variant ${v.variantName} model`, "models", named(maps.models, c.scope, v.modelName));
  }
  for (const e of maps.endpoints.values()) check(e.id, e.scope, e.origin, "endpoint configuration", "endpointConfigs", named(maps.endpointConfigs, e.scope, e.endpointConfigName));
  for (const p of maps.userProfiles.values()) {
    check(p.id, p.scope, p.origin, "user profile domain", "domains", p.domainId);
    p.securityGroupIds.forEach((id) => check(p.id, p.scope, p.origin, "user profile security group", "securityGroups", id));
  }
  for (const s of maps.spaces.values()) check(s.id, s.scope, s.origin, "space domain", "domains", s.domainId);
}

/**
 * Runs the cross-record passes over everything read.
 *
 * @param builder - the builder holding every record
 */
export function resolveReferences(builder: ModelBuilder): void {
  const check = makeChecker(builder);
  applyVpcAttributes(builder, check);
  applyDhcpOptions(builder);
  resolveRouteTables(builder, check);
  resolveSecurityGroups(builder, check);
  resolveNetworkResources(builder, check);
  resolveTransitGatewaysAndZones(builder, check);
  checkInterfaceClaims(builder);
  resolveSageMaker(builder, check);
}
