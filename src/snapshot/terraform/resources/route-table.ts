/**
 * Route tables: `aws_route_table` (inline `route` blocks), `aws_route`, `aws_route_table_association`,
 * `aws_main_route_table_association`, `aws_default_route_table` → describe-route-tables, plus the main
 * route table AWS creates with every VPC (its local route only) unless the plan manages it.
 * Models https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route_table,
 * …/route, …/route_table_association, …/main_route_table_association, …/default_route_table
 */
import type { TfInstance } from "../plan.js";
import { blocks, str, tagsOf, type Json, type Translation } from "../translate.js";

/** Terraform route target attributes → describe-route-tables fields. */
const TARGETS: [string, string][] = [
  ["gateway_id", "GatewayId"],
  ["nat_gateway_id", "NatGatewayId"],
  ["vpc_peering_connection_id", "VpcPeeringConnectionId"],
  ["transit_gateway_id", "TransitGatewayId"],
  ["egress_only_gateway_id", "EgressOnlyInternetGatewayId"],
  ["network_interface_id", "NetworkInterfaceId"],
  ["vpc_endpoint_id", "GatewayId"],
  ["instance_id", "InstanceId"],
  ["local_gateway_id", "LocalGatewayId"],
  ["carrier_gateway_id", "CarrierGatewayId"],
  ["core_network_arn", "CoreNetworkArn"],
];

function localRoutes(t: Translation, vpcId: string): Json[] {
  const vpc = t.records("Vpcs").find((record) => record.VpcId === vpcId);
  const cidrs = ((vpc?.CidrBlockAssociationSet as { CidrBlock: string }[] | undefined) ?? []).map((c) => c.CidrBlock);
  return cidrs.map((cidr) => ({ DestinationCidrBlock: cidr, GatewayId: "local", State: "active", Origin: "CreateRouteTable" }));
}

/** One route from an inline block (keys as in the block) or an `aws_route` (references resolved). */
function route(t: Translation, owner: TfInstance, values: Json, resolve: (attribute: string) => string | undefined): Json | undefined {
  const destination = values.cidr_block ?? values.destination_cidr_block;
  const prefixList = values.destination_prefix_list_id ?? resolve("destination_prefix_list_id");
  const ipv6 = values.ipv6_cidr_block ?? values.destination_ipv6_cidr_block;
  const out: Json = { State: "active", Origin: "CreateRoute" };
  if (typeof destination === "string" && destination) out.DestinationCidrBlock = destination;
  else if (typeof prefixList === "string" && prefixList) out.DestinationPrefixListId = prefixList;
  else if (typeof ipv6 === "string" && ipv6) out.DestinationIpv6CidrBlock = ipv6;
  else {
    t.warn(owner, "a route's destination is not known until apply; the route is left out, so answers it could change may differ once applied");
    return undefined;
  }
  for (const [attribute, field] of TARGETS) {
    const value = typeof values[attribute] === "string" && values[attribute] !== "" ? (values[attribute] as string) : resolve(attribute);
    if (value) {
      out[field] = value;
      return out;
    }
  }
  // A route whose target only apply will tell: kept with no target, which the engine treats as unknown.
  t.warn(owner, `the target of the route to ${String(out.DestinationCidrBlock ?? out.DestinationPrefixListId ?? out.DestinationIpv6CidrBlock)} is not known until apply`);
  return out;
}

function readRouteTable(t: Translation, table: TfInstance): void {
  const vpcId = t.ref(table, "vpc_id");
  if (!vpcId) return t.omit(table, "vpc_id");
  const routes = blocks(table, "route").flatMap((values) => route(t, table, values, () => undefined) ?? []);
  t.add("RouteTables", { RouteTableId: t.idOf(table), VpcId: vpcId, Routes: [...localRoutes(t, vpcId), ...routes], Associations: [], Tags: tagsOf(table) });
}

function readDefaultRouteTable(t: Translation, table: TfInstance): void {
  const id = t.ref(table, "default_route_table_id");
  const vpc = t.refInstance(table, "default_route_table_id");
  const vpcId = str(table, "vpc_id") ?? (vpc ? t.idOf(vpc) : undefined);
  if (!id || !vpcId) return t.omit(table, id ? "vpc_id" : "default_route_table_id");
  const routes = blocks(table, "route").flatMap((values) => route(t, table, values, () => undefined) ?? []);
  t.add("RouteTables", { RouteTableId: id, VpcId: vpcId, Routes: [...localRoutes(t, vpcId), ...routes], Associations: [{ Main: true, RouteTableId: id, AssociationState: { State: "associated" } }], Tags: tagsOf(table) });
}

function readRoute(t: Translation, owner: TfInstance): void {
  const table = t.recordNamed(owner, "route_table_id", "RouteTables", "RouteTableId");
  const added = table && route(t, owner, owner.values, (attribute) => t.ref(owner, attribute));
  if (table && added) (table.Routes as Json[]).push(added);
}

function readAssociation(t: Translation, association: TfInstance): void {
  const table = t.recordNamed(association, "route_table_id", "RouteTables", "RouteTableId");
  if (!table) return;
  const subnetId = t.ref(association, "subnet_id");
  const gatewayId = t.ref(association, "gateway_id");
  if (!subnetId && !gatewayId) return t.omit(association, "subnet_id");
  (table.Associations as Json[]).push({
    RouteTableAssociationId: `rtbassoc-${association.address}`,
    RouteTableId: table.RouteTableId,
    ...(subnetId ? { SubnetId: subnetId } : { GatewayId: gatewayId }),
    Main: false,
    AssociationState: { State: "associated" },
  });
}

function readMainAssociation(t: Translation, association: TfInstance): void {
  const table = t.recordNamed(association, "route_table_id", "RouteTables", "RouteTableId");
  const vpcId = t.ref(association, "vpc_id");
  if (!table || !vpcId) return;
  for (const other of t.records("RouteTables").filter((record) => record.VpcId === vpcId)) {
    other.Associations = (other.Associations as Json[]).filter((a) => a.Main !== true);
  }
  (table.Associations as Json[]).push({ Main: true, RouteTableId: table.RouteTableId, AssociationState: { State: "associated" } });
}

/**
 * The main route table of each VPC whose main table the plan does not manage: AWS creates it with
 * the local route only.
 *
 * @param t - the translation, after every route table resource
 */
export function addImplicitMainRouteTables(t: Translation): void {
  for (const vpc of t.records("Vpcs")) {
    const tables = t.records("RouteTables").filter((record) => record.VpcId === vpc.VpcId);
    if (tables.some((table) => (table.Associations as Json[]).some((a) => a.Main === true))) continue;
    const vpcId = vpc.VpcId as string;
    const id = t.vpcDefaultId(vpcId, "main_route_table_id");
    t.addImplicit("RouteTables", { RouteTableId: id, VpcId: vpcId, Routes: localRoutes(t, vpcId), Associations: [{ Main: true, RouteTableId: id, AssociationState: { State: "associated" } }], Tags: [{ Key: "Name", Value: `main route table of ${vpcId}` }] });
  }
}

export const ROUTE_TABLE_TRANSLATORS = {
  aws_route_table: readRouteTable,
  aws_default_route_table: readDefaultRouteTable,
} as const;

export const ROUTE_PART_TRANSLATORS = {
  aws_route: readRoute,
  aws_route_table_association: readAssociation,
  aws_main_route_table_association: readMainAssociation,
} as const;
