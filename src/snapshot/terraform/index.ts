/**
 * `terraform show -json` output (a plan or a state) → the raw documents the loader reads: the
 * describe-* outputs the network will have once the plan is applied, in the order the translations
 * need (VPCs before subnets, subnets before NAT gateways, tables before routes), then what AWS
 * creates implicitly (main route tables, default security groups and NACLs, gateway endpoint routes).
 */
import type { LoadWarning } from "../../model/types.js";
import type { RawDocument } from "../types.js";
import { isTerraformPlan, providerRegion, readDeletions, readInstances, type TfInstance } from "./plan.js";
import { planEffects } from "./deletions.js";
import { Translation } from "./translate.js";
import { COMPUTE_TRANSLATORS } from "./resources/compute.js";
import { GATEWAY_PART_TRANSLATORS, GATEWAY_TRANSLATORS } from "./resources/gateways.js";
import { addImplicitDefaultNetworkAcls, NETWORK_ACL_PART_TRANSLATORS, NETWORK_ACL_TRANSLATORS } from "./resources/network-acl.js";
import { addImplicitMainRouteTables, ROUTE_PART_TRANSLATORS, ROUTE_TABLE_TRANSLATORS } from "./resources/route-table.js";
import { addImplicitDefaultSecurityGroups, SECURITY_GROUP_PART_TRANSLATORS, SECURITY_GROUP_TRANSLATORS } from "./resources/security-group.js";
import { SUBNET_TRANSLATORS } from "./resources/subnet.js";
import { addGatewayEndpointRoutes, VPC_ENDPOINT_PART_TRANSLATORS, VPC_ENDPOINT_TRANSLATORS } from "./resources/vpc-endpoint.js";
import { VPC_PART_TRANSLATORS, VPC_TRANSLATORS } from "./resources/vpc.js";
import { TRANSIT_GATEWAY_PART_TRANSLATORS, TRANSIT_GATEWAY_ROUTE_TRANSLATORS, TRANSIT_GATEWAY_TRANSLATORS } from "./resources/transit-gateway.js";
import { BLOCK_PUBLIC_ACCESS_TRANSLATORS } from "./resources/block-public-access.js";
import { ROUTE53_PART_TRANSLATORS, ROUTE53_ZONE_TRANSLATORS } from "./resources/route53.js";

export { isTerraformJson } from "./plan.js";

type Translator = (t: Translation, instance: TfInstance) => void;

/** The translators, phase by phase: each phase may use what the earlier ones built. */
const PHASES: Readonly<Record<string, Translator>>[] = [
  VPC_TRANSLATORS,
  VPC_PART_TRANSLATORS,
  SUBNET_TRANSLATORS,
  { ...GATEWAY_TRANSLATORS, ...VPC_ENDPOINT_TRANSLATORS, ...TRANSIT_GATEWAY_TRANSLATORS, ...BLOCK_PUBLIC_ACCESS_TRANSLATORS, ...ROUTE53_ZONE_TRANSLATORS },
  { ...GATEWAY_PART_TRANSLATORS, ...TRANSIT_GATEWAY_PART_TRANSLATORS, ...ROUTE53_PART_TRANSLATORS },
  TRANSIT_GATEWAY_ROUTE_TRANSLATORS,
  { ...ROUTE_TABLE_TRANSLATORS, ...SECURITY_GROUP_TRANSLATORS, ...NETWORK_ACL_TRANSLATORS },
  { ...ROUTE_PART_TRANSLATORS, ...SECURITY_GROUP_PART_TRANSLATORS, ...NETWORK_ACL_PART_TRANSLATORS, ...VPC_ENDPOINT_PART_TRANSLATORS },
  COMPUTE_TRANSLATORS,
];

const TRANSLATED = new Set(PHASES.flatMap((phase) => Object.keys(phase)));

/**
 * Network resource types that change reachability and are not read yet: their answers may differ.
 * Route 53 Resolver rules and endpoints change how names resolve; an association authorization does
 * not (it lets another account associate a VPC, and the association it allows is read).
 */
const UNREAD_NETWORK_TYPES = /^aws_(ec2_transit_gateway|vpn_|networkfirewall_|route53_resolver_|vpc_peering_connection_accepter|vpc_block_public_access|ec2_client_vpn|dx_|lb$|alb$)/;

/** The Region of the Availability Zones the plan's resources name (`us-east-1b` → `us-east-1`), when they agree. */
function regionOfZones(instances: readonly TfInstance[]): string | undefined {
  const regions = new Set(
    instances.flatMap((i) => (typeof i.values.availability_zone === "string" && /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/.test(i.values.availability_zone) ? [i.values.availability_zone.slice(0, -1)] : [])),
  );
  return regions.size === 1 ? [...regions][0] : undefined;
}

/**
 * Translates a plan or state into raw documents.
 *
 * @param json - the parsed `terraform show -json` output
 * @param file - the file it came from
 */
export function terraformDocuments(json: Record<string, unknown>, file: string): { documents: RawDocument[]; warnings: LoadWarning[] } {
  const instances = readInstances(json, file);
  const region = providerRegion(json) ?? regionOfZones(instances);
  const t = new Translation(instances, file, region);
  for (const phase of PHASES) {
    for (const instance of instances) {
      const translate = phase[instance.type];
      if (translate && (instance.mode === "managed" || instance.type.endsWith("prefix_list"))) translate(t, instance);
    }
  }
  addImplicitMainRouteTables(t);
  addImplicitDefaultSecurityGroups(t);
  addImplicitDefaultNetworkAcls(t);
  addGatewayEndpointRoutes(t);
  for (const instance of instances) {
    if (instance.mode === "managed" && !TRANSLATED.has(instance.type) && UNREAD_NETWORK_TYPES.test(instance.type)) {
      t.warn(instance, `${instance.type} is not read from Terraform yet; answers it could change may differ once applied`);
    }
  }
  const plan = isTerraformPlan(json);
  const document = (jsonPath: string, value: unknown, overlay: RawDocument["overlay"] = "replace"): RawDocument => ({
    file,
    jsonPath,
    account: undefined,
    region,
    value,
    ...(plan ? { overlay } : {}),
  });
  const entries = [...t.docs.entries()];
  const documents = [
    ...entries.map(([key, records]) => document(`$ (as ${key})`, { [key]: records.filter((r) => !t.implicit.has(r)) })),
    ...t.singles.map((single, i) => document(`$ (as document ${i + 1})`, single)),
    ...entries.flatMap(([key, records]) => {
      const implicit = records.filter((r) => t.implicit.has(r));
      return implicit.length > 0 ? [document(`$ (as ${key} AWS creates with each VPC)`, { [key]: implicit }, "keep")] : [];
    }),
  ];
  if (plan) documents.push({ ...document("$.resource_changes", null), planEffects: planEffects(t, readDeletions(json)) });
  return { documents, warnings: t.warnings };
}
