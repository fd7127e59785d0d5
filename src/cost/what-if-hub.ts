/**
 * What-if transforms for designs shared by a set of VPCs (the spokes): centralized egress (an egress
 * VPC with a NAT gateway per AZ behind a transit gateway, every spoke attached) and centralized
 * interface endpoints (a shared-services VPC whose endpoints the spokes resolve through private hosted
 * zones). The spokes reuse the transit gateway they all attach to, else a new one is created with an
 * attachment per spoke; each attachment gets a subnet in every AZ that holds a notebook. The engine,
 * run on the derived model, then says what each design makes reachable.
 *
 * AWS pages modelled:
 * https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-egress-to-internet.html,
 * https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html,
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html.
 */
import { defaultServiceName } from "../engine/rules/private-dns.js";
import type { Model, NetworkAcl, RouteTable, Scope, Subnet, TransitGatewayAttachment, TransitGatewayRoute, TransitGatewayRouteTable, Vpc } from "../model/types.js";
import { formatCidr, parseCidr } from "../net/index.js";
import { isBilledVpcAttachment } from "./fixed-costs.js";
import { createNat } from "./what-if.js";
import { disassociateZones, withInterfaceEndpoint } from "./what-if-endpoints.js";
import { finish, markPresent, outsideOf, routeTableOf, start, whatIfId, WHAT_IF_ORIGIN, type Draft, type WhatIf } from "./what-if-draft.js";

/** A spoke: a VPC holding notebooks, and its notebooks' subnets. */
export interface Spoke {
  vpcId: string;
  subnetIds: readonly string[];
}

/** The transit gateway the spokes use, after `connectSpokes`. */
interface Hub {
  transitGatewayId: string;
  scope: Scope;
  /** The attachment of each spoke VPC. */
  attachments: Map<string, string>;
  /** The route tables the spokes' attachments are associated with. */
  spokeTableIds: string[];
  /** The route table the hub VPCs' attachments are associated with (routes back to each spoke). */
  hubTableId: string;
}

function base(id: string, scope: Scope, name: string) {
  return { id, scope, name, tags: {}, origin: WHAT_IF_ORIGIN };
}

function subnetsOf(draft: Draft, spoke: Spoke): Subnet[] {
  return spoke.subnetIds.map((id) => draft.model.subnets.get(id)).filter((s): s is Subnet => s !== undefined).sort((a, b) => a.id.localeCompare(b.id));
}

/** The AZs that hold the spokes' notebooks, sorted. */
export function notebookAzs(model: Model, spokes: readonly Spoke[]): string[] {
  const azs = spokes.flatMap((s) => s.subnetIds.map((id) => model.subnets.get(id)?.availabilityZone)).filter((az): az is string => az !== undefined);
  return [...new Set(azs)].sort();
}

/** The billed VPC attachments of each VPC, in the model's order: read once per transform, not once per spoke (a Region holds hundreds of each). */
function billedAttachmentsByVpc(model: Model): Map<string, TransitGatewayAttachment[]> {
  const byVpc = new Map<string, TransitGatewayAttachment[]>();
  for (const a of model.transitGatewayAttachments.values()) {
    if (!isBilledVpcAttachment(a) || a.resourceId === undefined) continue;
    const list = byVpc.get(a.resourceId);
    if (list) list.push(a);
    else byVpc.set(a.resourceId, [a]);
  }
  return byVpc;
}

/** The available transit gateway every spoke has a billed VPC attachment to, if there is one. */
function sharedTransitGateway(draft: Draft, spokes: readonly Spoke[]): string | undefined {
  const byVpc = billedAttachmentsByVpc(draft.model);
  const attachedTo = (vpcId: string): Set<string> => new Set((byVpc.get(vpcId) ?? []).map((a) => a.transitGatewayId));
  const [first, ...rest] = spokes.map((s) => attachedTo(s.vpcId));
  const common = [...(first ?? [])].filter((tgw) => rest.every((set) => set.has(tgw)) && draft.model.transitGateways.get(tgw)?.state === "available");
  return common.sort()[0];
}

function setTable(draft: Draft, table: TransitGatewayRouteTable): void {
  draft.model.transitGatewayRouteTables.set(table.id, table);
}

function newTgwTable(draft: Draft, tgwId: string, scope: Scope, name: string): TransitGatewayRouteTable {
  const table: TransitGatewayRouteTable = {
    ...base(whatIfId("tgw-rtb", name), scope, `what-if ${name}`), transitGatewayId: tgwId, state: "available",
    routesGiven: "all", routes: [], routesTruncated: false, propagations: [],
  };
  setTable(draft, table);
  return table;
}

/** Adds (or replaces) a static route in a transit gateway route table. */
function setTgwRoute(draft: Draft, tableId: string, cidr: string, attachmentId: string): void {
  const table = draft.model.transitGatewayRouteTables.get(tableId);
  if (!table) return;
  const route: TransitGatewayRoute = { destination: { kind: "cidr", cidr }, type: "static", state: "active", attachmentIds: [attachmentId] };
  const routes = table.routes.filter((r) => !(r.destination.kind === "cidr" && r.destination.cidr === cidr));
  setTable(draft, { ...table, routes: [...routes, route] });
  draft.changes.push(`transit gateway route ${cidr} → ${attachmentId} in ${tableId}`);
}

/** Creates a VPC attachment associated with a route table. */
function attach(draft: Draft, hub: { transitGatewayId: string; scope: Scope }, vpcId: string, subnetIds: string[], tableId: string): string {
  const attachment: TransitGatewayAttachment = {
    ...base(whatIfId("tgw-attach", vpcId), draft.model.vpcs.get(vpcId)?.scope ?? hub.scope, "what-if"),
    transitGatewayId: hub.transitGatewayId, resourceType: "vpc", resourceId: vpcId, resourceOwnerId: undefined, state: "available",
    subnetIds, associations: [{ transitGatewayId: hub.transitGatewayId, routeTableId: tableId, state: "associated" }],
  };
  draft.model.transitGatewayAttachments.set(attachment.id, attachment);
  draft.changes.push(`attach ${vpcId} to ${hub.transitGatewayId} (${attachment.id}, subnets ${subnetIds.join(", ")}), associated with ${tableId}`);
  return attachment.id;
}

/** Gives an existing attachment a subnet in each notebook AZ it lacks (AWS routes only to AZs an attachment has a subnet in). */
function coverAzs(draft: Draft, attachmentId: string, subnets: readonly Subnet[]): void {
  const attachment = draft.model.transitGatewayAttachments.get(attachmentId)!;
  const covered = new Set(attachment.subnetIds.map((id) => draft.model.subnets.get(id)?.availabilityZone));
  const added = subnets.filter((s) => !covered.has(s.availabilityZone) && (covered.add(s.availabilityZone), true));
  if (added.length === 0) return;
  draft.model.transitGatewayAttachments.set(attachmentId, { ...attachment, subnetIds: [...attachment.subnetIds, ...added.map((s) => s.id)] });
  draft.changes.push(`add ${added.map((s) => s.id).join(", ")} to ${attachmentId} (a subnet in each notebook AZ)`);
}

/** One subnet per AZ among the given ones (the first by id). */
function onePerAz(subnets: readonly Subnet[]): Subnet[] {
  const seen = new Set<string>();
  return subnets.filter((s) => !seen.has(s.availabilityZone) && (seen.add(s.availabilityZone), true));
}

/**
 * Attaches every spoke to one transit gateway: the available one they all attach to already, else a
 * new one; makes sure each attachment has a subnet in every notebook AZ, and that a hub route table
 * with routes back to every spoke exists.
 */
function connectSpokes(draft: Draft, spokes: readonly Spoke[]): Hub {
  const m = draft.model;
  const scope = m.vpcs.get(spokes[0]!.vpcId)?.scope ?? { account: undefined, region: "unknown-region" };
  let tgwId = sharedTransitGateway(draft, spokes);
  if (!tgwId) {
    tgwId = whatIfId("tgw", "hub");
    m.transitGateways.set(tgwId, { ...base(tgwId, scope, "what-if hub"), state: "available", ownerId: scope.account, defaultAssociationRouteTableId: undefined, defaultPropagationRouteTableId: undefined });
    draft.changes.push(`create transit gateway ${tgwId}`);
  }
  const hub: Hub = { transitGatewayId: tgwId, scope: m.transitGateways.get(tgwId)!.scope, attachments: new Map(), spokeTableIds: [], hubTableId: whatIfId("tgw-rtb", "hub") };
  if (!m.transitGatewayRouteTables.has(hub.hubTableId)) newTgwTable(draft, tgwId, hub.scope, "hub");
  const spokeTable = whatIfId("tgw-rtb", "spokes");
  // Each spoke's own attachments: the loop adds attachments of other spokes only, and changes no attachment's VPC, gateway or state.
  const attachmentsOf = billedAttachmentsByVpc(m);
  for (const spoke of spokes) {
    const subnets = onePerAz(subnetsOf(draft, spoke));
    const existing = (attachmentsOf.get(spoke.vpcId) ?? [])
      .filter((a) => a.transitGatewayId === tgwId)
      .sort((a, b) => a.id.localeCompare(b.id))[0];
    let attachmentId: string;
    if (existing) {
      attachmentId = existing.id;
      coverAzs(draft, attachmentId, subnets);
    } else {
      if (!m.transitGatewayRouteTables.has(spokeTable)) newTgwTable(draft, tgwId, hub.scope, "spokes");
      attachmentId = attach(draft, hub, spoke.vpcId, subnets.map((s) => s.id), spokeTable);
    }
    const association = m.transitGatewayAttachments.get(attachmentId)!.associations?.find((a) => a.transitGatewayId === tgwId || a.transitGatewayId === undefined);
    const tableId = association?.routeTableId ?? spokeTable;
    if (!association) {
      if (!m.transitGatewayRouteTables.has(spokeTable)) newTgwTable(draft, tgwId, hub.scope, "spokes");
      const record = m.transitGatewayAttachments.get(attachmentId)!;
      m.transitGatewayAttachments.set(attachmentId, { ...record, associations: [{ transitGatewayId: tgwId, routeTableId: spokeTable, state: "associated" }] });
      draft.changes.push(`associate ${attachmentId} with ${spokeTable}`);
    }
    hub.attachments.set(spoke.vpcId, attachmentId);
    if (!hub.spokeTableIds.includes(tableId)) hub.spokeTableIds.push(tableId);
    for (const cidr of m.vpcs.get(spoke.vpcId)?.cidrs ?? []) {
      const back = m.transitGatewayRouteTables.get(hub.hubTableId)!;
      if (!back.routes.some((r) => r.destination.kind === "cidr" && r.destination.cidr === cidr)) setTgwRoute(draft, hub.hubTableId, cidr, attachmentId);
    }
  }
  markPresent(draft, hub.scope, ["transitGateways", "transitGatewayAttachments", "transitGatewayRouteTables"]);
  return hub;
}

/** Sends `cidr` from the spokes' notebook subnets to the transit gateway (replacing a route to the same CIDR). */
function routeSpokesTo(draft: Draft, spokes: readonly Spoke[], cidr: string, tgwId: string): void {
  const done = new Set<string>();
  for (const spoke of spokes) {
    for (const subnet of subnetsOf(draft, spoke)) {
      const table = routeTableOf(draft, subnet);
      if (!table || done.has(table.id)) continue;
      done.add(table.id);
      const current = table.routes.find((r) => r.destination.kind === "cidr" && r.destination.cidr === cidr);
      if (current?.target.kind === "transit-gateway" && current.target.id === tgwId && current.state === "active") continue;
      const routes = table.routes.filter((r) => r !== current);
      routes.push({ destination: { kind: "cidr", cidr }, target: { kind: "transit-gateway", id: tgwId }, state: "active", origin: "CreateRoute" });
      draft.model.routeTables.set(table.id, { ...table, routes });
      draft.changes.push(`route ${cidr} → ${tgwId} in ${table.id}` + (current && "id" in current.target ? ` (replacing → ${current.target.id})` : ""));
    }
  }
}

/** A /16 in 10.0.0.0/8 that overlaps no VPC of the model (nor of the whole model, for a part), from the top down. */
function freeVpcCidr(draft: Draft): string | undefined {
  const taken = [...[...draft.model.vpcs.values()].flatMap((v) => v.cidrs), ...outsideOf(draft).vpcCidrs].map((c) => parseCidr(c)).filter((c) => c !== undefined);
  for (let second = 255; second >= 0; second -= 1) {
    const first = (10 * 2 ** 24) + second * 2 ** 16;
    const last = first + 2 ** 16 - 1;
    if (!taken.some((c) => c.first <= last && first <= c.last)) return formatCidr({ first, last, prefixLength: 16 });
  }
  return undefined;
}

/** The /24 number `n` of a /16. */
function slice24(cidr: string, n: number): string {
  const parsed = parseCidr(cidr)!;
  const first = parsed.first + n * 256;
  return formatCidr({ first, last: first + 255, prefixLength: 24 });
}

/** Creates a VPC with DNS on, a main route table, a default network ACL allowing all and the given subnets (one per AZ). */
function createVpc(draft: Draft, name: string, scope: Scope, cidr: string): Vpc {
  const m = draft.model;
  const vpc: Vpc = { ...base(whatIfId("vpc", name), scope, `what-if ${name}`), cidrs: [cidr], ipv6Cidrs: [], isDefault: false, state: "available", enableDnsSupport: true, enableDnsHostnames: true };
  m.vpcs.set(vpc.id, vpc);
  m.routeTables.set(whatIfId("rtb", name, "main"), {
    ...base(whatIfId("rtb", name, "main"), scope, `what-if ${name} main`), vpcId: vpc.id, isMain: true, subnetIds: [], gatewayIds: [], routes: [localRoute(cidr)],
  });
  const acl: NetworkAcl = {
    ...base(whatIfId("acl", name), scope, `what-if ${name}`), vpcId: vpc.id, isDefault: true, subnetIds: [],
    entries: [false, true].flatMap((egress) => [
      { ruleNumber: 100, egress, action: "allow" as const, protocol: "all" as const, cidr: "0.0.0.0/0", ipv6Cidr: undefined, ports: undefined, icmp: undefined },
      { ruleNumber: 32767, egress, action: "deny" as const, protocol: "all" as const, cidr: "0.0.0.0/0", ipv6Cidr: undefined, ports: undefined, icmp: undefined },
    ]).sort((a, b) => a.ruleNumber - b.ruleNumber),
  };
  m.networkAcls.set(acl.id, acl);
  markPresent(draft, scope, ["vpcs", "vpcAttributes", "subnets", "routeTables", "networkAcls", "networkInterfaces", "securityGroups"]);
  return vpc;
}

/** A hub VPC (egress, shared services) in a free /16, in the transit gateway's account; undefined, with a warning, when 10.0.0.0/8 is full. */
function createHubVpc(draft: Draft, hub: Hub, name: string): Vpc | undefined {
  const cidr = freeVpcCidr(draft);
  if (!cidr) {
    draft.warnings.push(`no free /16 in 10.0.0.0/8 for a ${name} VPC`);
    return undefined;
  }
  return createVpc(draft, name, hub.scope, cidr);
}

function localRoute(cidr: string): RouteTable["routes"][number] {
  return { destination: { kind: "cidr", cidr }, target: { kind: "local" }, state: "active", origin: "CreateRouteTable" };
}

/** The short name of a VPC a transform created (`egress`, `shared-services`). */
function shortName(vpc: Vpc): string {
  return vpc.id.replace(/^vpc-whatif-/, "");
}

function createSubnet(draft: Draft, vpc: Vpc, role: string, az: string, cidr: string): Subnet {
  const subnet: Subnet = {
    ...base(whatIfId("subnet", shortName(vpc), role, az), vpc.scope, `what-if ${role} ${az}`), vpcId: vpc.id, cidr, ipv6Cidrs: [],
    availabilityZone: az, availabilityZoneId: undefined, mapPublicIpOnLaunch: false,
  };
  draft.model.subnets.set(subnet.id, subnet);
  return subnet;
}

/** A route table for some subnets with the VPC's local route and `routes` (destination CIDR → target). */
function createTable(draft: Draft, vpc: Vpc, name: string, subnetIds: string[], routes: [string, RouteTable["routes"][number]["target"]][]): RouteTable {
  const table: RouteTable = {
    ...base(whatIfId("rtb", shortName(vpc), name), vpc.scope, `what-if ${name}`), vpcId: vpc.id, isMain: false, subnetIds, gatewayIds: [],
    routes: [...vpc.cidrs.map(localRoute), ...routes.map(([cidr, target]) => ({ destination: { kind: "cidr" as const, cidr }, target, state: "active" as const, origin: "CreateRoute" as const }))],
  };
  draft.model.routeTables.set(table.id, table);
  return table;
}

/** The spokes' CIDRs. */
function spokeCidrs(draft: Draft, spokes: readonly Spoke[]): string[] {
  return spokes.flatMap((s) => draft.model.vpcs.get(s.vpcId)?.cidrs ?? []);
}

/**
 * Centralized egress: a new egress VPC with, per notebook AZ, a public subnet holding a NAT gateway
 * (its table: 0.0.0.0/0 → a new internet gateway, the spokes' CIDRs → the transit gateway) and a
 * transit gateway attachment subnet (its table: 0.0.0.0/0 → that AZ's NAT gateway); the spokes send
 * 0.0.0.0/0 to the transit gateway, whose spoke route tables send it to the egress attachment.
 *
 * @param input - the model (or an earlier transform); the spokes should have no NAT gateway of their own
 * @param spokes - the VPCs that share the egress VPC, with their notebooks' subnets
 */
export function withCentralizedEgress(input: Model | WhatIf, spokes: readonly Spoke[]): WhatIf {
  const { draft, previous } = start(input);
  const hub = connectSpokes(draft, spokes);
  const vpc = createHubVpc(draft, hub, "egress");
  if (!vpc) return finish(draft, previous);
  const cidr = vpc.cidrs[0]!;
  const igw = { ...base(whatIfId("igw", "egress"), hub.scope, "what-if egress"), attachedVpcIds: [vpc.id] };
  draft.model.internetGateways.set(igw.id, igw);
  markPresent(draft, hub.scope, ["internetGateways", "natGateways", "addresses"]);
  const azs = notebookAzs(draft.model, spokes);
  draft.changes.push(`create egress VPC ${vpc.id} (${cidr}) with internet gateway ${igw.id}`);
  const tgw = { kind: "transit-gateway" as const, id: hub.transitGatewayId };
  const attachmentSubnets: string[] = [];
  azs.forEach((az, i) => {
    const publicSubnet = createSubnet(draft, vpc, "public", az, slice24(cidr, i));
    createTable(draft, vpc, `public-${az}`, [publicSubnet.id], [["0.0.0.0/0", { kind: "igw", id: igw.id }], ...spokeCidrs(draft, spokes).map((c): [string, typeof tgw] => [c, tgw])]);
    const nat = createNat(draft, publicSubnet);
    const attachSubnet = createSubnet(draft, vpc, "tgw", az, slice24(cidr, 128 + i));
    if (nat) createTable(draft, vpc, `tgw-${az}`, [attachSubnet.id], [["0.0.0.0/0", { kind: "nat", id: nat.id }]]);
    attachmentSubnets.push(attachSubnet.id);
    draft.changes.push(`egress VPC in ${az}: public subnet ${publicSubnet.id} (0.0.0.0/0 → ${igw.id}, spokes → ${hub.transitGatewayId})` +
      `${nat ? ` with ${nat.id}` : ""}; attachment subnet ${attachSubnet.id} (0.0.0.0/0 → ${nat?.id ?? "no NAT gateway"})`);
  });
  const attachment = attach(draft, hub, vpc.id, attachmentSubnets, hub.hubTableId);
  for (const table of hub.spokeTableIds) setTgwRoute(draft, table, "0.0.0.0/0", attachment);
  routeSpokesTo(draft, spokes, "0.0.0.0/0", hub.transitGatewayId);
  return finish(draft, previous);
}

/**
 * Centralized interface endpoints: a new shared-services VPC with a subnet per notebook AZ holding an
 * interface endpoint per service (private DNS off, a security group admitting HTTPS from the spokes'
 * CIDRs), a private hosted zone per service name aliasing its endpoint and associated with every
 * spoke (zones of the same name already associated with a spoke are disassociated from it), and
 * transit gateway routes between the spokes and the shared-services VPC.
 *
 * @param input - the model (or an earlier transform); the spokes should have no interface endpoint for these services
 * @param spokes - the VPCs that share the endpoints
 * @param services - short service names (`sagemaker.api`, `sts`, …)
 */
export function withCentralizedEndpoints(input: Model | WhatIf, spokes: readonly Spoke[], services: readonly string[]): WhatIf {
  const { draft, previous } = start(input);
  const hub = connectSpokes(draft, spokes);
  const vpc = createHubVpc(draft, hub, "shared-services");
  if (!vpc) return finish(draft, previous);
  const cidr = vpc.cidrs[0]!;
  const subnets = notebookAzs(draft.model, spokes).map((az, i) => createSubnet(draft, vpc, "endpoints", az, slice24(cidr, i)));
  const tgw = { kind: "transit-gateway" as const, id: hub.transitGatewayId };
  createTable(draft, vpc, "endpoints", subnets.map((s) => s.id), spokeCidrs(draft, spokes).map((c): [string, typeof tgw] => [c, tgw]));
  draft.changes.push(`create shared-services VPC ${vpc.id} (${cidr}) with a subnet in ${subnets.map((s) => s.availabilityZone).join(", ")}`);
  const attachment = attach(draft, hub, vpc.id, subnets.map((s) => s.id), hub.hubTableId);
  for (const table of hub.spokeTableIds) setTgwRoute(draft, table, cidr, attachment);
  routeSpokesTo(draft, spokes, cidr, hub.transitGatewayId);
  let result = finish(draft, previous);
  for (const service of services) {
    result = withInterfaceEndpoint(result, vpc.id, service, subnets.map((s) => s.id), { clientCidrs: spokeCidrs(draft, spokes), privateDns: false });
  }
  return withServiceZones(result, vpc.id, spokes, services);
}

/** A private hosted zone per service name, aliasing the shared endpoint, associated with every spoke. */
function withServiceZones(input: WhatIf, sharedVpcId: string, spokes: readonly Spoke[], services: readonly string[]): WhatIf {
  const { draft, previous } = start(input);
  const m = draft.model;
  const vpc = m.vpcs.get(sharedVpcId)!;
  const region = vpc.scope.region;
  const spokeIds = new Set(spokes.map((s) => s.vpcId));
  for (const service of services) {
    const name = defaultServiceName(service, region);
    const endpoint = [...m.vpcEndpoints.inGroup(sharedVpcId)].find((e) => e.serviceName === `com.amazonaws.${region}.${service}`);
    if (!endpoint?.dnsEntries[0]) continue;
    disassociateZones(draft, name, spokeIds);
    const zone = {
      ...base(whatIfId("Z", service), vpc.scope, `what-if ${name}`), zoneName: name, privateZone: true,
      vpcs: spokes.map((s) => ({ vpcId: s.vpcId, region })),
      records: [{ name, type: "A", aliasTarget: endpoint.dnsEntries[0].dnsName, values: [] }],
      recordsTruncated: false,
    };
    m.hostedZones.set(zone.id, zone);
    draft.changes.push(`create private hosted zone ${zone.id} (${name}): alias → ${endpoint.dnsEntries[0].dnsName}, associated with ${spokes.map((s) => s.vpcId).join(", ")}`);
  }
  markPresent(draft, vpc.scope, ["hostedZones"]);
  for (const spoke of spokes) {
    const scope = m.vpcs.get(spoke.vpcId)?.scope;
    if (scope) markPresent(draft, scope, ["hostedZones"]);
  }
  return finish(draft, previous);
}
