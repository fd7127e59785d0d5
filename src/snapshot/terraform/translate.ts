/**
 * Turns the resource instances of a Terraform plan or state into the API outputs `aws ec2 describe-*`
 * would print once it is applied, so they load through the same per-resource parsers as a collected
 * snapshot (one reading of each AWS shape). Per Terraform resource type, `src/snapshot/terraform/
 * resources/` holds the translation; this module holds what they share: ids (known, or named by the
 * Terraform address when only apply will tell), references between resources, tags, and the
 * documents being built.
 */
import type { LoadWarning } from "../../model/types.js";
import { References, type TfInstance } from "./plan.js";

/** The id prefix AWS gives each resource type, for ids known only after apply. */
export const ID_PREFIX: Record<string, string> = {
  aws_vpc: "vpc",
  aws_default_vpc: "vpc",
  aws_subnet: "subnet",
  aws_default_subnet: "subnet",
  aws_route_table: "rtb",
  aws_internet_gateway: "igw",
  aws_egress_only_internet_gateway: "eigw",
  aws_nat_gateway: "nat",
  aws_eip: "eipalloc",
  aws_security_group: "sg",
  aws_network_acl: "acl",
  aws_vpc_endpoint: "vpce",
  aws_network_interface: "eni",
  aws_instance: "i",
  aws_vpc_peering_connection: "pcx",
  aws_ec2_managed_prefix_list: "pl",
  aws_ec2_transit_gateway: "tgw",
  aws_ec2_transit_gateway_vpc_attachment: "tgw-attach",
  aws_ec2_transit_gateway_route_table: "tgw-rtb",
  aws_vpc_block_public_access_exclusion: "vpcbpa-exclude",
  aws_sagemaker_domain: "d",
  aws_route53_zone: "hostedzone",
};

/** The defaults AWS creates with every VPC, and the VPC attribute that names each. */
export const VPC_DEFAULTS = {
  main_route_table_id: "rtb-main",
  default_route_table_id: "rtb-main",
  default_network_acl_id: "acl-default",
  default_security_group_id: "sg-default",
} as const;

type DescribeKey =
  | "Vpcs"
  | "Subnets"
  | "RouteTables"
  | "InternetGateways"
  | "EgressOnlyInternetGateways"
  | "NatGateways"
  | "Addresses"
  | "SecurityGroups"
  | "NetworkAcls"
  | "VpcEndpoints"
  | "NetworkInterfaces"
  | "Reservations"
  | "PrefixLists"
  | "VpcPeeringConnections"
  | "TransitGateways"
  | "TransitGatewayAttachments"
  | "TransitGatewayVpcAttachments"
  | "TransitGatewayRouteTables"
  | "TransitGatewayStaticRoutes"
  | "TransitGatewayPropagations"
  | "VpcBlockPublicAccessExclusions"
  | "HostedZones";

export type Json = Record<string, unknown>;

/** The translation of one plan: the documents so far, and the lookups resource translators share. */
export class Translation {
  readonly docs = new Map<DescribeKey, Json[]>();
  /** describe-vpc-attribute and describe-notebook-instance outputs: one document each. */
  readonly singles: Json[] = [];
  readonly warnings: LoadWarning[] = [];
  /** Records AWS creates implicitly (see `addImplicit`). */
  readonly implicit = new WeakSet<Json>();
  /** Records the plan changes parts of without holding them (see `outside`). */
  readonly partsOutside: { id: string; message: string }[] = [];
  private readonly references: References;
  private readonly byAddress = new Map<string, TfInstance>();

  /**
   * @param instances - every instance of the plan
   * @param file - the plan file, for messages
   * @param region - the provider's Region
   */
  constructor(
    readonly instances: readonly TfInstance[],
    readonly file: string,
    /** The AWS provider's Region, when the plan tells. */
    readonly region: string | undefined,
  ) {
    this.references = new References(instances);
    for (const instance of instances) this.byAddress.set(instance.address, instance);
  }

  /** Adds a record to a describe-* output. */
  add(key: DescribeKey, record: Json): void {
    const list = this.docs.get(key) ?? [];
    list.push(record);
    this.docs.set(key, list);
  }

  /**
   * The record (already translated) that one of a resource's attributes names, e.g. the route table
   * of an `aws_route`. When the attribute is unknown the resource is left out (`omit`); when it names
   * a record the plan does not hold, a warning says so.
   *
   * @param owner - the referring instance
   * @param attribute - e.g. `route_table_id`
   * @param key - the describe-* output the record is in
   * @param idField - the record's id field, e.g. `RouteTableId`
   */
  recordNamed(owner: TfInstance, attribute: string, key: DescribeKey, idField: string): Json | undefined {
    const id = this.ref(owner, attribute);
    if (!id) {
      this.omit(owner, attribute);
      return undefined;
    }
    const record = this.records(key).find((candidate) => candidate[idField] === id);
    if (!record) this.outside(owner, id, `${attribute} names ${id}, which is not in the plan`);
    return record;
  }

  /**
   * Notes a part (a route, a rule, an association) of a record the plan does not hold: a warning,
   * and when the plan changes the part, the record's id in `partsOutside` (a collected copy of it,
   * given before the plan, is then in doubt: the change cannot be applied to it).
   *
   * @param part - the part's instance
   * @param id - the record it belongs to
   * @param message - what the warning says
   */
  outside(part: TfInstance, id: string, message: string): void {
    this.warn(part, message);
    if (part.changed) this.partsOutside.push({ id, message: `${part.address} (${this.file}) changes ${id}, which the plan does not hold: ${message}` });
  }

  /**
   * Adds a record AWS creates implicitly (a VPC's main route table, default NACL or security group):
   * when the plan is laid over a collected network, the collected copy wins.
   */
  addImplicit(key: DescribeKey, record: Json): void {
    this.add(key, record);
    this.implicit.add(record);
  }

  /** The records of one describe-* output built so far. */
  records(key: DescribeKey): Json[] {
    return this.docs.get(key) ?? [];
  }

  /**
   * The resource's AWS id: known (`id`), or its Terraform address behind the AWS prefix
   * (`subnet-module.vpc.aws_subnet.private[0]`), so every output names it by address until apply.
   *
   * @param instance - the instance
   */
  idOf(instance: TfInstance): string {
    const known = instance.values.id;
    if (typeof known === "string" && known !== "") return known;
    return `${ID_PREFIX[instance.type] ?? instance.type}-${instance.address}`;
  }

  /**
   * The id of a transit gateway's default route table (one table serves association and propagation),
   * by the gateway's address until apply names it.
   *
   * @param tgw - the `aws_ec2_transit_gateway` instance
   */
  transitGatewayDefaultTable(tgw: TfInstance): string {
    const known = tgw.values.association_default_route_table_id ?? tgw.values.propagation_default_route_table_id;
    return typeof known === "string" && known !== "" ? known : `tgw-rtb-default-${tgw.address}`;
  }

  /** The id of a VPC default (`default_network_acl_id` …) that the plan does not know yet. */
  private vpcDefault(vpc: TfInstance, attribute: keyof typeof VPC_DEFAULTS): string {
    const known = vpc.values[attribute];
    return typeof known === "string" && known !== "" ? known : `${VPC_DEFAULTS[attribute]}-${vpc.address}`;
  }

  /**
   * The ids of what a reference names: an instance's id, or a VPC's default route table, NACL or
   * security group.
   */
  private idOfTarget(target: TfInstance, attribute: string | undefined): string {
    if (attribute && attribute in VPC_DEFAULTS && (target.type === "aws_vpc" || target.type === "aws_default_vpc")) {
      return this.vpcDefault(target, attribute as keyof typeof VPC_DEFAULTS);
    }
    if ((attribute === "association_default_route_table_id" || attribute === "propagation_default_route_table_id") && target.type === "aws_ec2_transit_gateway") {
      return this.transitGatewayDefaultTable(target);
    }
    if (attribute === "network_interface_id" || attribute === "primary_network_interface_id") {
      const known = target.values[attribute];
      if (typeof known === "string") return known;
    }
    return this.idOf(target);
  }

  /**
   * A single-valued attribute that names another resource: its known value, else what its
   * configuration reference names. Undefined when neither says (the caller decides whether that
   * leaves the resource out or the attribute empty).
   *
   * @param instance - the referring instance
   * @param attribute - e.g. `subnet_id`
   */
  ref(instance: TfInstance, attribute: string): string | undefined {
    const value = instance.values[attribute];
    if (typeof value === "string" && value !== "") return value;
    const targets = this.references.targets(instance, attribute);
    if (targets.length === 1) return this.idOfTarget(targets[0]!.instance, targets[0]!.attribute);
    return attribute === "vpc_id" && targets.length === 0 ? this.moduleVpc(instance) : undefined;
  }

  /**
   * The VPC of a resource whose \`vpc_id\` goes through a local value (the plan does not show locals,
   * as in terraform-aws-modules/vpc's \`local.vpc_id\`): the module's only VPC, said in a warning. Not
   * when the expression names a variable (the VPC then comes from outside the module) or the module
   * has no VPC or several.
   */
  private moduleVpc(instance: TfInstance): string | undefined {
    const references = (instance.expressions?.vpc_id as { references?: string[] } | undefined)?.references ?? [];
    if (references.length === 0 || !references.every((r) => r.startsWith("local."))) return undefined;
    const vpcs = this.instances.filter((i) => i.module === instance.module && (i.type === "aws_vpc" || i.type === "aws_default_vpc"));
    if (vpcs.length !== 1) return undefined;
    this.warn(instance, `vpc_id is ${references[0]}, which the plan does not show; taken as ${vpcs[0]!.address}, the only VPC of ${instance.module || "the root module"}`);
    return this.idOf(vpcs[0]!);
  }

  /**
   * A list attribute of ids (`subnet_ids`, `vpc_security_group_ids`): the known values, else every
   * resource its configuration references name.
   *
   * @param instance - the referring instance
   * @param attribute - e.g. `security_group_ids`
   */
  refs(instance: TfInstance, attribute: string): string[] {
    const value = instance.values[attribute];
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string")) return value as string[];
    if (Array.isArray(value) && value.length === 0 && !this.isUnknown(instance, attribute)) return [];
    return this.references.targets(instance, attribute).map((t) => this.idOfTarget(t.instance, t.attribute));
  }

  /**
   * The one instance an attribute's configuration reference names, if exactly one.
   *
   * @param instance - the referring instance
   * @param attribute - e.g. `default_route_table_id`
   */
  refInstance(instance: TfInstance, attribute: string): TfInstance | undefined {
    return this.refTarget(instance, attribute)?.instance;
  }

  /**
   * The one instance an attribute's configuration reference names, if exactly one, with the attribute
   * of it the reference reads (`aws_vpc_endpoint.x.dns_entry[0].dns_name` → the endpoint, `dns_entry`).
   *
   * @param instance - the referring instance
   * @param attribute - e.g. `name`
   */
  refTarget(instance: TfInstance, attribute: string): { instance: TfInstance; attribute: string | undefined } | undefined {
    const targets = this.references.targets(instance, attribute);
    return targets.length === 1 ? targets[0] : undefined;
  }

  /**
   * The Terraform instance of a VPC in the plan, by its id.
   *
   * @param vpcId - the VPC id as translated
   */
  vpcInstance(vpcId: string): TfInstance | undefined {
    return this.instances.find((i) => (i.type === "aws_vpc" || i.type === "aws_default_vpc") && this.idOf(i) === vpcId);
  }

  /**
   * The id of a VPC default the plan may not know yet (`default_network_acl_id`, …).
   *
   * @param vpcId - the VPC id as translated
   * @param attribute - which default
   */
  vpcDefaultId(vpcId: string, attribute: keyof typeof VPC_DEFAULTS): string {
    const vpc = this.vpcInstance(vpcId);
    return vpc ? this.vpcDefault(vpc, attribute) : `${VPC_DEFAULTS[attribute]}-${vpcId}`;
  }

  /** Whether the plan says an attribute is known only after apply. */
  isUnknown(instance: TfInstance, attribute: string): boolean {
    return instance.unknown[attribute] === true;
  }

  /** The instance at an address. */
  instance(address: string): TfInstance | undefined {
    return this.byAddress.get(address);
  }

  /**
   * Leaves a resource out because a value it needs is not known, with a warning naming the attribute:
   * what refers to it then dangles, which makes the answers that depend on it `unknown`.
   *
   * @param instance - the instance left out
   * @param attribute - the attribute the plan does not know
   */
  omit(instance: TfInstance, attribute: string): void {
    this.warnings.push({
      message: `${instance.address}: ${attribute} is not known until apply (and no reference in the configuration names it); the resource is left out, so answers that depend on it are unknown`,
      file: this.file,
      jsonPath: instance.jsonPath,
      resourceId: instance.address,
    });
  }

  /** Warns about a resource whose translation is partial. */
  warn(instance: TfInstance, message: string): void {
    this.warnings.push({ message: `${instance.address}: ${message}`, file: this.file, jsonPath: instance.jsonPath, resourceId: instance.address });
  }
}

/**
 * Tags as describe-* prints them; the Terraform address goes into a `terraform:address` tag.
 *
 * @param instance - the instance
 */
export function tagsOf(instance: TfInstance): { Key: string; Value: string }[] {
  const tags = (instance.values.tags ?? instance.values.tags_all ?? {}) as Record<string, unknown>;
  const list = Object.entries(tags)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string")
    .map(([Key, Value]) => ({ Key, Value }));
  return [...list, { Key: "terraform:address", Value: instance.address }];
}

/**
 * A string attribute's known value.
 *
 * @param instance - the instance
 * @param attribute - the attribute
 */
export function str(instance: TfInstance, attribute: string): string | undefined {
  const value = instance.values[attribute];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * A list-of-strings attribute's known value (`[]` when absent).
 *
 * @param instance - the instance
 * @param attribute - the attribute
 */
export function strings(instance: TfInstance, attribute: string): string[] {
  const value = instance.values[attribute];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v !== "") : [];
}

/**
 * A list-of-objects attribute (inline blocks: `ingress`, `route`, …).
 *
 * @param instance - the instance
 * @param attribute - the block name
 */
export function blocks(instance: TfInstance, attribute: string): Json[] {
  const value = instance.values[attribute];
  return Array.isArray(value) ? value.filter((v): v is Json => v !== null && typeof v === "object") : [];
}

/**
 * The `i`-th nested block of an instance (`alias`, `vpc`, `default_user_settings`) as an instance of
 * its own: the block's values and configuration expressions, so its attributes are read and their
 * references followed like the resource's (the address and `count.index` stay the owner's).
 *
 * @param owner - the instance
 * @param block - the block name
 * @param i - which block
 */
export function blockInstance(owner: TfInstance, block: string, i: number): TfInstance | undefined {
  const values = blocks(owner, block)[i];
  if (!values) return undefined;
  const expressions = (owner.expressions?.[block] as Json[] | undefined)?.[i];
  const unknown = (owner.unknown[block] as Json[] | undefined)?.[i];
  return { ...owner, values, unknown: unknown !== null && typeof unknown === "object" ? unknown : {}, expressions };
}
