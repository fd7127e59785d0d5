/**
 * What a plan's deletions do to the network it is laid over (`--snapshot live --snapshot plan.json`):
 * the ids a destroyed resource takes with it (a VPC its main route table, default NACL and security
 * group; an instance its primary network interface), and, for a destroyed part (a route, a rule, an
 * association) of a record the plan does not hold, that record, whose collected copy then cannot be
 * trusted. A destroyed part of a record the plan holds needs nothing: the plan's copy of the record,
 * without the part, replaces the collected one.
 * Format: https://developer.hashicorp.com/terraform/internals/json-format#change-representation
 */
import type { PlanEffects } from "../types.js";
import type { TfDeletion } from "./plan.js";
import { ID_PREFIX, type Translation } from "./translate.js";

/** Extra ids a destroyed resource removes, beyond its own `id`. */
const ALSO_REMOVED: Record<string, readonly string[]> = {
  aws_vpc: ["main_route_table_id", "default_route_table_id", "default_network_acl_id", "default_security_group_id"],
  aws_instance: ["primary_network_interface_id"],
};

/** Part resources and the attribute naming the record they belong to. */
const PARENT_OF_PART: Record<string, string> = {
  aws_route: "route_table_id",
  aws_route_table_association: "route_table_id",
  aws_main_route_table_association: "route_table_id",
  aws_security_group_rule: "security_group_id",
  aws_vpc_security_group_ingress_rule: "security_group_id",
  aws_vpc_security_group_egress_rule: "security_group_id",
  aws_network_acl_rule: "network_acl_id",
  aws_network_acl_association: "network_acl_id",
  aws_vpc_endpoint_route_table_association: "vpc_endpoint_id",
  aws_vpc_endpoint_subnet_association: "vpc_endpoint_id",
  aws_vpc_endpoint_security_group_association: "vpc_endpoint_id",
  aws_internet_gateway_attachment: "internet_gateway_id",
  aws_vpc_ipv4_cidr_block_association: "vpc_id",
  aws_ec2_transit_gateway_route: "transit_gateway_route_table_id",
  aws_ec2_transit_gateway_route_table_association: "transit_gateway_route_table_id",
  aws_ec2_transit_gateway_route_table_propagation: "transit_gateway_route_table_id",
  aws_route53_record: "zone_id",
  aws_route53_zone_association: "zone_id",
};

/** The describe-* id fields of the records a part can belong to. */
const PARENT_ID_FIELDS = [
  ["RouteTables", "RouteTableId"],
  ["SecurityGroups", "GroupId"],
  ["NetworkAcls", "NetworkAclId"],
  ["VpcEndpoints", "VpcEndpointId"],
  ["InternetGateways", "InternetGatewayId"],
  ["Vpcs", "VpcId"],
  ["TransitGatewayRouteTables", "TransitGatewayRouteTableId"],
  ["HostedZones", "Id"],
] as const;

function idsOf(deletion: TfDeletion, attributes: readonly string[]): string[] {
  return attributes.map((a) => deletion.before[a]).filter((v): v is string => typeof v === "string" && v !== "");
}

/**
 * The effects of a plan's deletions on earlier inputs. Destroying an `aws_default_*` resource only
 * stops Terraform managing it (AWS keeps a VPC's defaults), so it removes nothing.
 *
 * @param t - the plan's translation (its records, to tell whether it holds a part's record)
 * @param deletions - what the plan destroys (`readDeletions`)
 */
export function planEffects(t: Translation, deletions: readonly TfDeletion[]): PlanEffects {
  const held = new Set(PARENT_ID_FIELDS.flatMap(([key, field]) => t.records(key).map((record) => record[field])));
  const removes: string[] = [];
  const partsOutside = [...t.partsOutside];
  for (const deletion of deletions) {
    if (deletion.type === "aws_sagemaker_notebook_instance") removes.push(...idsOf(deletion, ["name"]));
    else if (deletion.type in ID_PREFIX && !deletion.type.startsWith("aws_default_")) removes.push(...idsOf(deletion, ["id", ...(ALSO_REMOVED[deletion.type] ?? [])]));
    const parentAttribute = PARENT_OF_PART[deletion.type];
    const parent = parentAttribute ? idsOf(deletion, [parentAttribute])[0] : undefined;
    if (parent && !held.has(parent)) {
      partsOutside.push({ id: parent, message: `${deletion.address} (${t.file}) is destroyed, but the plan does not hold ${parent}: the deletion cannot be applied to its collected copy` });
    }
  }
  return { removes, partsOutside };
}
