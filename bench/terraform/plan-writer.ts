/**
 * The network a `RegionBuilder` built (its describe-* outputs) → the `terraform show -json` plan
 * (format 1.2) that creates it, so a Terraform fixture is the same network as its describe-* twin:
 * one managed resource per AWS resource (addresses from the Name tags), routes and security group
 * rules as their own resources (`aws_route`, `aws_vpc_security_group_ingress_rule` / `_egress_rule`),
 * the gateway endpoints' prefix lists as data sources read at plan time. What AWS creates with each
 * VPC (main route table, default NACL and security group) and the network interfaces it creates for
 * NAT gateways, endpoints and notebooks are not resources, as in a real configuration.
 *
 * `ids: "apply"` writes the plan that creates the network: ids, addresses chosen by AWS (Elastic IPs,
 * private IPs) and ENIs are unknown (`after_unknown`), and each reference is a configuration
 * expression naming the resource (`aws_subnet.ml_platform_private_a.id`). `ids: "known"` writes the
 * same network as a plan of the applied configuration (the twin's ids in the values, no-op changes),
 * onto which `changes` applies updates.
 * Format: https://developer.hashicorp.com/terraform/internals/json-format
 */
import type { DocumentKey, SingleFile } from "../aws/builder.js";

type Json = Record<string, unknown>;

/** A resource of the plan under construction. */
interface PlanResource {
  address: string;
  mode: "managed" | "data";
  type: string;
  name: string;
  values: Json;
  /** Attributes known only after apply (`ids: "apply"`). */
  unknown: string[];
  /** Configuration references per attribute: the addresses of the resources named. */
  references: Record<string, string[]>;
  /** Set by `changes`: the plan updates this resource. */
  updated?: boolean;
}

/** What the writer needs of the built network. */
export interface BuiltRegion {
  region: string;
  items: Record<DocumentKey, unknown[]>;
  files: SingleFile[];
}

/** One describe-* output's records. */
function list(region: BuiltRegion, key: DocumentKey): Json[] {
  return region.items[key] as Json[];
}

/** An edit of the known network, made by the plan (an update of the resource at `address`). */
export interface PlanChange {
  address: string;
  /** Edits the resource's values (and may drop it: return `undefined` to destroy it). */
  edit: (values: Json) => Json | undefined;
}

/** A Name tag → a Terraform name (`ml-platform-private-a` → `ml_platform_private_a`). */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
}

function nameTag(record: Json): string | undefined {
  return (record.Tags as { Key: string; Value: string }[] | undefined)?.find((t) => t.Key === "Name")?.Value;
}

function tagsOf(record: Json): Json {
  return Object.fromEntries(((record.Tags as { Key: string; Value: string }[] | undefined) ?? []).map((t) => [t.Key, t.Value]));
}

/** Builds the resources of one Region, resolving ids to addresses. */
class PlanBuilder {
  readonly resources: PlanResource[] = [];
  private readonly addressOf = new Map<string, string>();
  private readonly names = new Set<string>();

  constructor(private readonly known: boolean) {}

  /** A unique name for a resource of a type. */
  private nameFor(type: string, wanted: string): string {
    let name = slug(wanted) || "this";
    for (let i = 2; this.names.has(`${type}.${name}`); i++) name = `${slug(wanted)}_${i}`;
    this.names.add(`${type}.${name}`);
    return name;
  }

  /**
   * Adds a managed resource.
   *
   * @param type - the Terraform type
   * @param wanted - the name to derive its Terraform name from
   * @param id - its AWS id (for references to it, and its `id` once known)
   * @param values - its known attributes
   * @param refs - attributes naming other resources: one id, or a list of ids
   * @param computed - attributes AWS chooses at apply (besides `id`), with their applied values
   */
  add(type: string, wanted: string, id: string | undefined, values: Json, refs: Record<string, string | string[]> = {}, computed: Json = {}): PlanResource {
    const name = this.nameFor(type, wanted);
    const address = `${type}.${name}`;
    if (id) this.addressOf.set(id, address);
    const resource: PlanResource = { address, mode: "managed", type, name, values: { ...values }, unknown: [], references: {} };
    for (const [attribute, value] of Object.entries(refs)) {
      const ids = Array.isArray(value) ? value : [value];
      resource.references[attribute] = ids.map((target) => this.addressOf.get(target) ?? target);
      if (this.known) resource.values[attribute] = value;
      else if (ids.every((target) => this.addressOf.has(target))) resource.unknown.push(attribute);
      else resource.values[attribute] = value;
    }
    for (const [attribute, value] of Object.entries({ ...(id ? { id } : {}), ...computed })) {
      if (this.known) resource.values[attribute] = value;
      else resource.unknown.push(attribute);
    }
    this.resources.push(resource);
    return resource;
  }

  /** Adds a data source read at plan time (its values are known in both modes). */
  data(type: string, wanted: string, id: string, values: Json): void {
    const name = this.nameFor(`data.${type}`, wanted);
    this.addressOf.set(id, `data.${type}.${name}`);
    this.resources.push({ address: `data.${type}.${name}`, mode: "data", type, name, values: { id, ...values }, unknown: [], references: {} });
  }
}

const MAIN = (table: Json) => (table.Associations as Json[]).some((a) => a.Main === true);

/** The route target attributes of `aws_route`, by describe-route-tables field. */
const ROUTE_TARGETS: [string, string][] = [
  ["NatGatewayId", "nat_gateway_id"],
  ["GatewayId", "gateway_id"],
  ["VpcPeeringConnectionId", "vpc_peering_connection_id"],
  ["TransitGatewayId", "transit_gateway_id"],
  ["NetworkInterfaceId", "network_interface_id"],
  ["EgressOnlyInternetGatewayId", "egress_only_gateway_id"],
];

function addVpcs(b: PlanBuilder, region: BuiltRegion): void {
  const attribute = (vpcId: string, name: "EnableDnsSupport" | "EnableDnsHostnames") =>
    (region.files.map((f) => f.body as Json).find((body) => body.VpcId === vpcId && name in body)?.[name] as { Value?: boolean } | undefined)?.Value;
  for (const vpc of list(region, "Vpcs")) {
    const id = vpc.VpcId as string;
    const mainTable = list(region, "RouteTables").find((t) => t.VpcId === id && MAIN(t))?.RouteTableId;
    const defaultAcl = list(region, "NetworkAcls").find((a) => a.VpcId === id && a.IsDefault === true)?.NetworkAclId;
    const defaultGroup = list(region, "SecurityGroups").find((g) => g.VpcId === id && g.GroupName === "default")?.GroupId;
    b.add(
      "aws_vpc",
      nameTag(vpc) ?? id,
      id,
      { cidr_block: vpc.CidrBlock, enable_dns_support: attribute(id, "EnableDnsSupport") ?? true, enable_dns_hostnames: attribute(id, "EnableDnsHostnames") ?? false, tags: tagsOf(vpc) },
      {},
      { main_route_table_id: mainTable, default_route_table_id: mainTable, default_network_acl_id: defaultAcl, default_security_group_id: defaultGroup },
    );
  }
  for (const subnet of list(region, "Subnets")) {
    b.add(
      "aws_subnet",
      nameTag(subnet) ?? (subnet.SubnetId as string),
      subnet.SubnetId as string,
      { cidr_block: subnet.CidrBlock, availability_zone: subnet.AvailabilityZone, map_public_ip_on_launch: subnet.MapPublicIpOnLaunch === true, tags: tagsOf(subnet) },
      { vpc_id: subnet.VpcId as string },
      { availability_zone_id: subnet.AvailabilityZoneId },
    );
  }
}

function addGateways(b: PlanBuilder, region: BuiltRegion): void {
  for (const igw of list(region, "InternetGateways")) {
    const vpcId = (igw.Attachments as Json[])[0]?.VpcId as string;
    b.add("aws_internet_gateway", nameTag(igw) ?? (igw.InternetGatewayId as string), igw.InternetGatewayId as string, { tags: tagsOf(igw) }, { vpc_id: vpcId });
  }
  for (const eip of list(region, "Addresses")) {
    b.add("aws_eip", nameTag(eip) ?? (eip.AllocationId as string), eip.AllocationId as string, { domain: "vpc", tags: tagsOf(eip) }, {}, { public_ip: eip.PublicIp });
  }
  for (const nat of list(region, "NatGateways")) {
    const address = (nat.NatGatewayAddresses as Json[])[0] ?? {};
    b.add(
      "aws_nat_gateway",
      nameTag(nat) ?? (nat.NatGatewayId as string),
      nat.NatGatewayId as string,
      { connectivity_type: nat.ConnectivityType, tags: tagsOf(nat) },
      { subnet_id: nat.SubnetId as string, ...(address.AllocationId ? { allocation_id: address.AllocationId as string } : {}) },
      { private_ip: address.PrivateIp, network_interface_id: address.NetworkInterfaceId },
    );
  }
}

function addSecurityGroups(b: PlanBuilder, region: BuiltRegion): void {
  const groups = list(region, "SecurityGroups").filter((g) => g.GroupName !== "default");
  // Every group first, so rules can name any of them.
  for (const group of groups) {
    b.add("aws_security_group", (group.GroupName as string) ?? group.GroupId, group.GroupId as string, { name: group.GroupName, description: group.Description, tags: tagsOf(group) }, { vpc_id: group.VpcId as string });
  }
  for (const group of groups) {
    const groupName = group.GroupName as string;
    for (const [field, type] of [["IpPermissions", "aws_vpc_security_group_ingress_rule"], ["IpPermissionsEgress", "aws_vpc_security_group_egress_rule"]] as const) {
      for (const permission of group[field] as Json[]) {
        const base: Json = { ip_protocol: permission.IpProtocol, ...(permission.IpProtocol === "-1" ? {} : { from_port: permission.FromPort, to_port: permission.ToPort }) };
        for (const range of permission.IpRanges as Json[]) {
          b.add(type, groupName, undefined, { ...base, cidr_ipv4: range.CidrIp, ...(range.Description ? { description: range.Description } : {}) }, { security_group_id: group.GroupId as string });
        }
        for (const pair of permission.UserIdGroupPairs as Json[]) {
          b.add(type, groupName, undefined, { ...base, ...(pair.Description ? { description: pair.Description } : {}) }, { security_group_id: group.GroupId as string, referenced_security_group_id: pair.GroupId as string });
        }
      }
    }
  }
}

function addRouteTables(b: PlanBuilder, region: BuiltRegion): void {
  for (const table of list(region, "RouteTables").filter((t) => !MAIN(t))) {
    const id = table.RouteTableId as string;
    const name = nameTag(table) ?? id;
    b.add("aws_route_table", name, id, { tags: tagsOf(table) }, { vpc_id: table.VpcId as string });
    for (const route of table.Routes as Json[]) {
      // The local route comes with the table; a gateway endpoint's routes come with the endpoint.
      if (route.GatewayId === "local" || route.DestinationPrefixListId !== undefined) continue;
      const target = ROUTE_TARGETS.find(([field]) => typeof route[field] === "string");
      if (!target) continue;
      b.add("aws_route", name, undefined, { destination_cidr_block: route.DestinationCidrBlock }, { route_table_id: id, [target[1]]: route[target[0]] as string });
    }
    for (const association of (table.Associations as Json[]).filter((a) => typeof a.SubnetId === "string")) {
      b.add("aws_route_table_association", name, undefined, {}, { route_table_id: id, subnet_id: association.SubnetId as string });
    }
  }
}

function addNetworkAcls(b: PlanBuilder, region: BuiltRegion): void {
  for (const acl of list(region, "NetworkAcls").filter((a) => a.IsDefault !== true)) {
    const rules = (egress: boolean) =>
      (acl.Entries as Json[])
        .filter((e) => e.Egress === egress && e.RuleNumber !== 32767)
        .map((e) => ({
          rule_no: e.RuleNumber,
          action: e.RuleAction,
          protocol: e.Protocol,
          cidr_block: e.CidrBlock,
          from_port: (e.PortRange as Json | undefined)?.From ?? 0,
          to_port: (e.PortRange as Json | undefined)?.To ?? 0,
        }));
    const subnets = (acl.Associations as Json[]).map((a) => a.SubnetId as string);
    b.add("aws_network_acl", nameTag(acl) ?? (acl.NetworkAclId as string), acl.NetworkAclId as string, { ingress: rules(false), egress: rules(true), tags: tagsOf(acl) }, { vpc_id: acl.VpcId as string, subnet_ids: subnets });
  }
}

function addEndpoints(b: PlanBuilder, region: BuiltRegion): void {
  for (const prefixList of list(region, "PrefixLists")) {
    const used = list(region, "VpcEndpoints").some((e) => e.VpcEndpointType === "Gateway" && e.ServiceName === prefixList.PrefixListName);
    if (used) b.data("aws_prefix_list", (prefixList.PrefixListName as string).split(".").pop() as string, prefixList.PrefixListId as string, { name: prefixList.PrefixListName, cidr_blocks: prefixList.Cidrs });
  }
  for (const endpoint of list(region, "VpcEndpoints")) {
    const interfaceType = endpoint.VpcEndpointType === "Interface";
    b.add(
      "aws_vpc_endpoint",
      nameTag(endpoint) ?? (endpoint.VpcEndpointId as string),
      endpoint.VpcEndpointId as string,
      {
        service_name: endpoint.ServiceName,
        vpc_endpoint_type: endpoint.VpcEndpointType,
        private_dns_enabled: endpoint.PrivateDnsEnabled === true,
        ...(endpoint.PolicyDocument ? { policy: endpoint.PolicyDocument } : {}),
        tags: tagsOf(endpoint),
      },
      {
        vpc_id: endpoint.VpcId as string,
        ...(interfaceType
          ? { subnet_ids: endpoint.SubnetIds as string[], security_group_ids: (endpoint.Groups as Json[]).map((g) => g.GroupId as string) }
          : { route_table_ids: endpoint.RouteTableIds as string[] }),
      },
      {
        ...(interfaceType ? { network_interface_ids: endpoint.NetworkInterfaceIds } : {}),
        dns_entry: (endpoint.DnsEntries as Json[]).map((entry) => ({ dns_name: entry.DnsName, hosted_zone_id: entry.HostedZoneId })),
        ...(endpoint.DnsOptions ? { dns_options: [dnsOptions(endpoint.DnsOptions as Json)] } : {}),
      },
    );
  }
}

/** An endpoint's `DnsOptions` as the provider's `dns_options` block. */
function dnsOptions(options: Json): Json {
  return { dns_record_ip_type: options.DnsRecordIpType, private_dns_only_for_inbound_resolver_endpoint: options.PrivateDnsOnlyForInboundResolverEndpoint === true };
}

function addWorkloads(b: PlanBuilder, region: BuiltRegion): void {
  for (const reservation of list(region, "Reservations")) {
    for (const instance of reservation.Instances as Json[]) {
      const eni = (instance.NetworkInterfaces as Json[])[0];
      b.add(
        "aws_instance",
        nameTag(instance) ?? (instance.InstanceId as string),
        instance.InstanceId as string,
        {
          instance_type: instance.InstanceType,
          availability_zone: (instance.Placement as Json).AvailabilityZone,
          associate_public_ip_address: instance.PublicIpAddress !== undefined,
          ...(instance.MetadataOptions ? { metadata_options: [{ http_endpoint: (instance.MetadataOptions as Json).HttpEndpoint }] } : {}),
          tags: tagsOf(instance),
        },
        { subnet_id: instance.SubnetId as string, vpc_security_group_ids: (instance.SecurityGroups as Json[]).map((g) => g.GroupId as string) },
        { private_ip: instance.PrivateIpAddress, primary_network_interface_id: eni?.NetworkInterfaceId, ...(instance.PublicIpAddress ? { public_ip: instance.PublicIpAddress } : {}) },
      );
    }
  }
  for (const file of region.files.filter((f) => f.path.startsWith("sagemaker/"))) {
    const notebook = file.body as Json;
    b.add(
      "aws_sagemaker_notebook_instance",
      notebook.NotebookInstanceName as string,
      undefined,
      {
        name: notebook.NotebookInstanceName,
        instance_type: notebook.InstanceType,
        direct_internet_access: notebook.DirectInternetAccess,
        root_access: notebook.RootAccess,
        role_arn: notebook.RoleArn,
        ...(notebook.KmsKeyId ? { kms_key_id: notebook.KmsKeyId } : {}),
      },
      notebook.SubnetId ? { subnet_id: notebook.SubnetId as string, security_groups: notebook.SecurityGroups as string[] } : {},
      { arn: notebook.NotebookInstanceArn, ...(notebook.NetworkInterfaceId ? { network_interface_id: notebook.NetworkInterfaceId } : {}) },
    );
  }
}

/** `{ a: true }` for each unknown attribute (lists of ids: one `true` per element). */
function afterUnknown(resource: PlanResource): Json {
  return Object.fromEntries(resource.unknown.map((attribute) => [attribute, Array.isArray(resource.values[attribute]) ? (resource.values[attribute] as unknown[]).map(() => true) : true]));
}

/** Values as `planned_values` shows them: unknown attributes absent. */
function plannedValues(resource: PlanResource): Json {
  return Object.fromEntries(Object.entries(resource.values).filter(([attribute, value]) => value !== undefined && !resource.unknown.includes(attribute)));
}

/** Terraform lists a reference with its shorter forms: `aws_subnet.a.id`, `aws_subnet.a`. */
function expressions(resource: PlanResource): Json {
  return Object.fromEntries(Object.entries(resource.references).map(([attribute, addresses]) => [attribute, { references: addresses.flatMap((a) => [`${a}.id`, a]) }]));
}

/**
 * The plan of one Region's network.
 *
 * @param region - the built network (`RegionBuilder.drain()` and its Region)
 * @param ids - `apply`: the plan that creates it; `known`: the plan of the applied network
 * @param changes - with `known`: what the plan changes (updates; an edit returning undefined destroys)
 * @returns the `terraform show -json` document
 */
export function planOf(region: BuiltRegion, ids: "apply" | "known", changes: PlanChange[] = []): Json {
  const b = new PlanBuilder(ids === "known");
  addVpcs(b, region);
  addGateways(b, region);
  addSecurityGroups(b, region);
  addRouteTables(b, region);
  addNetworkAcls(b, region);
  addEndpoints(b, region);
  addWorkloads(b, region);
  const before = new Map(b.resources.map((r) => [r.address, plannedValues(r)]));
  const destroyed = new Set<string>();
  for (const change of changes) {
    const resource = b.resources.find((r) => r.address === change.address);
    if (!resource) throw new Error(`no resource ${change.address} in the plan`);
    const edited = change.edit(resource.values);
    if (edited === undefined) destroyed.add(resource.address);
    else Object.assign(resource, { values: edited, updated: true });
  }
  const managed = b.resources.filter((r) => r.mode === "managed");
  const actionsOf = (r: PlanResource): string[] => (destroyed.has(r.address) ? ["delete"] : r.updated ? ["update"] : ids === "known" ? ["no-op"] : ["create"]);
  return {
    format_version: "1.2",
    terraform_version: "1.9.8",
    planned_values: {
      root_module: {
        resources: managed.filter((r) => !destroyed.has(r.address)).map((r) => ({ address: r.address, mode: r.mode, type: r.type, name: r.name, provider_name: "registry.terraform.io/hashicorp/aws", schema_version: 0, values: plannedValues(r) })),
      },
    },
    resource_changes: managed.map((r) => ({
      address: r.address,
      mode: r.mode,
      type: r.type,
      name: r.name,
      provider_name: "registry.terraform.io/hashicorp/aws",
      change: { actions: actionsOf(r), before: ids === "known" ? before.get(r.address) : null, after: destroyed.has(r.address) ? null : plannedValues(r), after_unknown: afterUnknown(r) },
    })),
    prior_state: {
      format_version: "1.0",
      values: {
        root_module: {
          resources: b.resources.filter((r) => r.mode === "data").map((r) => ({ address: r.address, mode: r.mode, type: r.type, name: r.name, values: r.values })),
        },
      },
    },
    configuration: {
      provider_config: { aws: { name: "aws", full_name: "registry.terraform.io/hashicorp/aws", expressions: { region: { constant_value: region.region } } } },
      root_module: { resources: b.resources.map((r) => ({ address: r.address, mode: r.mode, type: r.type, name: r.name, provider_config_key: "aws", expressions: expressions(r) })) },
    },
  };
}
