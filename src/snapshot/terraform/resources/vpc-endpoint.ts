/**
 * VPC endpoints and prefix lists: `aws_vpc_endpoint` (and `_route_table_association`,
 * `_subnet_association`, `_security_group_association`), `aws_ec2_managed_prefix_list` and the
 * `aws_prefix_list` / `aws_ec2_managed_prefix_list` data sources → describe-vpc-endpoints,
 * describe-prefix-lists and the gateway endpoint routes AWS adds to associated route tables. An
 * interface endpoint's network interfaces exist only after apply: it is read with its subnets and
 * security groups and no interface, and the engine stands in one interface per subnet whose address
 * may be any AWS can pick there (src/engine/rules/interface-endpoint.ts `interfacesAtApply`).
 * Models https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint and
 * …/data-sources/prefix_list
 */
import type { TfInstance } from "../plan.js";
import { blocks, str, strings, tagsOf, type Json, type Translation } from "../translate.js";

/**
 * The `dns_options` block as describe-vpc-endpoints prints it (`DnsOptions`), with what the plan
 * knows of it: a value known only after apply is left out (unknown to the engine, not false).
 */
function dnsOptions(endpoint: TfInstance): Json {
  const options = blocks(endpoint, "dns_options")[0];
  if (!options) return {};
  const inbound = options.private_dns_only_for_inbound_resolver_endpoint;
  return {
    DnsOptions: {
      ...(typeof options.dns_record_ip_type === "string" ? { DnsRecordIpType: options.dns_record_ip_type } : {}),
      ...(typeof inbound === "boolean" ? { PrivateDnsOnlyForInboundResolverEndpoint: inbound } : {}),
    },
  };
}

function readEndpoint(t: Translation, endpoint: TfInstance): void {
  const vpcId = t.ref(endpoint, "vpc_id");
  const service = str(endpoint, "service_name");
  if (!vpcId) return t.omit(endpoint, "vpc_id");
  if (!service) return t.omit(endpoint, "service_name");
  const type = str(endpoint, "vpc_endpoint_type") ?? "Gateway";
  const eniIds = strings(endpoint, "network_interface_ids");
  if (type === "Interface" && eniIds.length === 0) {
    t.warn(endpoint, "its network interfaces are created at apply, one per subnet: answers through it hold for any address AWS may give them there, and are unknown where that address would decide");
  }
  t.add("VpcEndpoints", {
    VpcEndpointId: t.idOf(endpoint),
    VpcEndpointType: type,
    VpcId: vpcId,
    ServiceName: service,
    State: "available",
    RouteTableIds: t.refs(endpoint, "route_table_ids"),
    SubnetIds: t.refs(endpoint, "subnet_ids"),
    Groups: t.refs(endpoint, "security_group_ids").map((GroupId) => ({ GroupId })),
    PrivateDnsEnabled: endpoint.values.private_dns_enabled === true,
    DnsEntries: blocks(endpoint, "dns_entry").map((entry) => ({ DnsName: entry.dns_name, HostedZoneId: entry.hosted_zone_id })),
    ...dnsOptions(endpoint),
    NetworkInterfaceIds: eniIds,
    ...(str(endpoint, "policy") ? { PolicyDocument: str(endpoint, "policy") } : {}),
    Tags: tagsOf(endpoint),
  });
}

function readAssociation(field: "RouteTableIds" | "SubnetIds", attribute: string) {
  return (t: Translation, association: TfInstance): void => {
    const endpoint = t.recordNamed(association, "vpc_endpoint_id", "VpcEndpoints", "VpcEndpointId");
    const id = t.ref(association, attribute);
    if (endpoint && id) (endpoint[field] as string[]).push(id);
  };
}

function readGroupAssociation(t: Translation, association: TfInstance): void {
  const endpoint = t.recordNamed(association, "vpc_endpoint_id", "VpcEndpoints", "VpcEndpointId");
  const id = t.ref(association, "security_group_id");
  if (endpoint && id) (endpoint.Groups as Json[]).push({ GroupId: id });
}

function readPrefixList(t: Translation, list: TfInstance): void {
  const cidrs = strings(list, "cidr_blocks");
  const entries = (list.values.entry as { cidr?: string }[] | undefined)?.map((e) => e.cidr).filter((c): c is string => typeof c === "string") ?? [];
  const name = str(list, "name");
  t.add("PrefixLists", { PrefixListId: t.idOf(list), PrefixListName: name ?? list.address, Cidrs: [...cidrs, ...entries] });
}

/**
 * The routes AWS adds for gateway endpoints: the service's prefix list to the endpoint, in every
 * associated route table. The prefix list's id is known only when the plan reads it (a data
 * source) or a collected snapshot supplies it.
 *
 * @param t - the translation, after endpoints, prefix lists and route tables
 */
export function addGatewayEndpointRoutes(t: Translation): void {
  for (const endpoint of t.records("VpcEndpoints").filter((e) => e.VpcEndpointType === "Gateway")) {
    const list = t.records("PrefixLists").find((p) => p.PrefixListName === endpoint.ServiceName);
    for (const tableId of endpoint.RouteTableIds as string[]) {
      const table = t.records("RouteTables").find((r) => r.RouteTableId === tableId);
      if (!table) continue;
      const destination = list ? { DestinationPrefixListId: list.PrefixListId } : { DestinationPrefixListId: `pl-(${String(endpoint.ServiceName)})` };
      (table.Routes as Json[]).push({ ...destination, GatewayId: endpoint.VpcEndpointId, State: "active", Origin: "CreateRoute" });
    }
  }
}

export const VPC_ENDPOINT_TRANSLATORS = {
  aws_vpc_endpoint: readEndpoint,
  aws_ec2_managed_prefix_list: readPrefixList,
  aws_prefix_list: readPrefixList,
} as const;

export const VPC_ENDPOINT_PART_TRANSLATORS = {
  aws_vpc_endpoint_route_table_association: readAssociation("RouteTableIds", "route_table_id"),
  aws_vpc_endpoint_subnet_association: readAssociation("SubnetIds", "subnet_id"),
  aws_vpc_endpoint_security_group_association: readGroupAssociation,
} as const;
