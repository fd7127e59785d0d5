/**
 * Recognises an API output by its top-level key (as Batfish does, never by file name) and hands it to
 * the parser of that AWS resource. Keys of AWS outputs this tool does not model are listed so they
 * are skipped quietly (with a warning when non-empty); any other key is an unknown-key warning.
 */
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";
import { readVpcs } from "./vpc.js";
import { readDhcpOptions } from "./dhcp-options.js";
import { readResolverRuleAssociations, readResolverRules } from "./route53-resolver.js";
import { isVpcAttributeDocument, readVpcAttribute } from "./vpc-attribute.js";
import { readSubnets } from "./subnet.js";
import { readRouteTables } from "./route-table.js";
import { readInternetGateways } from "./internet-gateway.js";
import { readEgressOnlyInternetGateways } from "./egress-only-internet-gateway.js";
import { readNatGateways } from "./nat-gateway.js";
import { readVpcEndpoints } from "./vpc-endpoint.js";
import { readSecurityGroups } from "./security-group.js";
import { readNetworkAcls } from "./network-acl.js";
import { readNetworkInterfaces } from "./network-interface.js";
import { readReservations } from "./instance.js";
import { readAddresses } from "./address.js";
import { readPrefixListEntries, readPrefixLists } from "./prefix-list.js";
import { readVpcPeeringConnections } from "./vpc-peering-connection.js";
import { readTransitGatewayAttachments, readTransitGateways, readTransitGatewayVpcAttachments } from "./transit-gateway.js";
import {
  readTransitGatewayPropagations,
  readTransitGatewayRouteTableAssociations,
  readTransitGatewayRouteTablePropagations,
  readTransitGatewayRouteTables,
  readTransitGatewayRoutes,
  readTransitGatewayStaticRoutes,
} from "./transit-gateway-route-table.js";
import { ROUTE53_READERS } from "./route53-hosted-zone.js";
import { isNotebookDocument, readNotebook, readNotebookList } from "./sagemaker-notebook.js";
import { isDomainDocument, readDomain, readDomainList } from "./sagemaker-domain.js";
import { isTrainingJobDocument, readTrainingJob, readTrainingJobList } from "./sagemaker-training-job.js";
import { isProcessingJobDocument, readProcessingJob, readProcessingJobList } from "./sagemaker-processing-job.js";
import { isTuningJobDocument, readTuningJob, readTuningJobList } from "./sagemaker-tuning-job.js";
import { isModelDocument, readModel, readModelList } from "./sagemaker-model.js";
import { isEndpointConfigDocument, readEndpointConfig, readEndpointConfigList } from "./sagemaker-endpoint-config.js";
import { isEndpointDocument, readEndpoint, readEndpointList } from "./sagemaker-endpoint.js";
import { isUserProfileDocument, readUserProfile, readUserProfileList } from "./sagemaker-user-profile.js";
import { isSpaceDocument, readSpace, readSpaceList } from "./sagemaker-space.js";
import { readBpaExclusions, readBpaOptions } from "./vpc-block-public-access.js";
import type { GlobalFolder } from "../scope.js";
import { readIamDocument, readOrganizationsDocument, readResourcePolicyDocument } from "./iam-policies.js";

type ListReader = (doc: JsonObject, ctx: DocContext) => void;

/** Top-level list keys and their readers. Order matters: VPCs before their attributes, etc. is not needed (resolved later). */
export const LIST_READERS: Readonly<Record<string, ListReader>> = {
  Vpcs: readVpcs,
  DhcpOptions: readDhcpOptions,
  ResolverRules: readResolverRules,
  ResolverRuleAssociations: readResolverRuleAssociations,
  Subnets: readSubnets,
  RouteTables: readRouteTables,
  InternetGateways: readInternetGateways,
  EgressOnlyInternetGateways: readEgressOnlyInternetGateways,
  NatGateways: readNatGateways,
  VpcEndpoints: readVpcEndpoints,
  SecurityGroups: readSecurityGroups,
  NetworkAcls: readNetworkAcls,
  NetworkInterfaces: readNetworkInterfaces,
  Reservations: readReservations,
  Addresses: readAddresses,
  PrefixLists: (doc, ctx) => readPrefixLists(doc, ctx, "PrefixLists"),
  ManagedPrefixLists: (doc, ctx) => readPrefixLists(doc, ctx, "ManagedPrefixLists"),
  Entries: readPrefixListEntries,
  VpcPeeringConnections: readVpcPeeringConnections,
  TransitGateways: readTransitGateways,
  TransitGatewayAttachments: readTransitGatewayAttachments,
  TransitGatewayVpcAttachments: readTransitGatewayVpcAttachments,
  TransitGatewayRouteTables: readTransitGatewayRouteTables,
  TransitGatewayStaticRoutes: readTransitGatewayStaticRoutes,
  TransitGatewayPropagations: readTransitGatewayPropagations,
  Routes: readTransitGatewayRoutes,
  Associations: readTransitGatewayRouteTableAssociations,
  TransitGatewayRouteTablePropagations: readTransitGatewayRouteTablePropagations,
  ...ROUTE53_READERS,
  NotebookInstances: readNotebookList,
  Domains: readDomainList,
  TrainingJobSummaries: readTrainingJobList,
  ProcessingJobSummaries: readProcessingJobList,
  HyperParameterTuningJobSummaries: readTuningJobList,
  Models: readModelList,
  EndpointConfigs: readEndpointConfigList,
  Endpoints: readEndpointList,
  UserProfiles: readUserProfileList,
  Spaces: readSpaceList,
  VpcBlockPublicAccessOptions: readBpaOptions,
  VpcBlockPublicAccessExclusions: readBpaExclusions,
};

type DocumentReader = [(doc: JsonObject) => boolean, ListReader];

/**
 * Single-object describe outputs, recognised by their own fields, in the order they are tried: Studio
 * user profiles and spaces before domains (all three carry `DomainId`), endpoints before endpoint
 * configurations (an endpoint names its configuration).
 */
const DOCUMENT_READERS: readonly DocumentReader[] = [
  [isNotebookDocument, readNotebook],
  [isUserProfileDocument, readUserProfile],
  [isSpaceDocument, readSpace],
  [isDomainDocument, readDomain],
  [isTrainingJobDocument, readTrainingJob],
  [isProcessingJobDocument, readProcessingJob],
  [isTuningJobDocument, readTuningJob],
  [isModelDocument, readModel],
  [isEndpointDocument, readEndpoint],
  [isEndpointConfigDocument, readEndpointConfig],
  [isVpcAttributeDocument, readVpcAttribute],
];

/** Keys that carry no resources (paging, SDK metadata) or belong to a recognised document's own fields. */
const IGNORED_KEYS = new Set([
  "NextToken", "ResponseMetadata", "$metadata", "PrefixListId",
  // The owner ids collect adds beside per-table and per-zone outputs (a folder layout names them in the file name).
  "TransitGatewayRouteTableId", "HostedZoneId",
  // search-transit-gateway-routes and Route 53 paging and companion fields, read with their lists.
  "AdditionalRoutesAvailable", "VPCs", "VPCsUnknown", "DelegationSet", "IsTruncated", "MaxItems", "Marker", "NextMarker", "NextRecordName", "NextRecordType", "NextRecordIdentifier",
]);

/**
 * AWS outputs that are recognised but not modelled. Empty ones are skipped silently; non-empty ones
 * give one warning so the user knows they did not count.
 */
const UNMODELLED_KEYS = new Set([
  "AvailabilityZones",
  "VpcEndpointServices",
  "ServiceDetails",
  "ServiceNames",
  "CustomerGateways",
  "VpnGateways",
  "VpnConnections",
  "TransitGatewayPeeringAttachments",
  "LoadBalancers",
  "LoadBalancerListeners",
  "LoadBalancerAttributes",
  "LoadBalancerTargetHealth",
  "TargetGroups",
  "RdsInstances",
  "DBInstances",
  "ElasticsearchDomains",
  "DomainStatusList",
  "FlowLogs",
  "CarrierGateways",
  "LocalGateways",
  "SecurityGroupRules",
  "FirewallPolicies",
  "Firewalls",
]);

/** Keys that never hold resources but AWS puts in a list output; silently skipped when empty. */
const QUIET_UNMODELLED = new Set(["AvailabilityZones", "VpcEndpointServices", "ServiceDetails", "ServiceNames"]);

/**
 * The reader of each global data folder (see `GLOBAL_FOLDERS` in scope.ts); a new folder kind
 * needs one here. A reader gets the document with `ctx.docScope.region` set to `global`.
 */
export const GLOBAL_READERS: Readonly<Record<GlobalFolder, ListReader>> = {
  // Route 53 outputs are recognised by their top-level keys (ROUTE53_READERS above).
  route53: readDocument,
  iam: refusingPartialPages("iam", readIamDocument),
  policies: refusingPartialPages("policies", readResourcePolicyDocument),
  organizations: refusingPartialPages("organizations", readOrganizationsDocument),
};

/**
 * How an IAM, S3 or Organizations output says it is one page of a longer one: the AWS CLI's
 * `NextToken` (`--max-items` stopped it), IAM's own `IsTruncated` (its `Marker` names the next page)
 * or S3 ListBuckets' `ContinuationToken`. Empty tokens and `IsTruncated: false` mark the last page.
 *
 * @param doc - the API output
 */
function morePagesField(doc: JsonObject): string | undefined {
  if (doc.optStr("NextToken")) return "NextToken";
  if (doc.optBool("IsTruncated", false)) return "IsTruncated";
  return doc.optStr("ContinuationToken") ? "ContinuationToken" : undefined;
}

/**
 * A reader of an identity folder that first refuses a page of a longer listing. Read as complete, a
 * page could leave out the role, the service control policy or the policy target that denies what the
 * proof would say is allowed; the collector reads every page and saves none of these fields.
 *
 * @param folder - the global folder, for the message
 * @param read - its reader
 */
function refusingPartialPages(folder: GlobalFolder, read: ListReader): ListReader {
  return (doc, ctx) => {
    const field = morePagesField(doc);
    if (field) {
      doc.field(field).fail(
        `this ${folder}/ output is one page of a longer list (${field}): the roles, policies, buckets or targets on the pages after it are missing, and a policy not read could deny what vpcreach would prove allowed, so it will not read it as complete; re-run the command without --max-items (the AWS CLI then reads every page; vpcreach collect does too)`,
      );
    }
    read(doc, ctx);
  };
}

/**
 * Refuses an EC2 or SageMaker listing that is one page of a longer one: the AWS CLI prints
 * `NextToken` when `--max-items` stopped it (a hand-made call's page has it too). Read as complete,
 * such a page could prove a wrong answer (a subnet whose own route table is on a missing page would
 * fall back to the main one), and the engine has no way yet to mark one resource family of a scope
 * as incomplete, so the load stops. Route 53 listings say where their pages end and are read with a
 * warning instead (route53-hosted-zone.ts); an empty token is the last page, as for the collector;
 * a page of a kind vpcreach does not read is skipped as before (its records count for nothing).
 *
 * @param doc - the API output
 */
function refusePartialPage(doc: JsonObject): void {
  const token = doc.optStr("NextToken");
  if (!token || Object.keys(ROUTE53_READERS).some((key) => doc.has(key))) return;
  const lists = Object.keys(doc.raw).filter((key) => Object.hasOwn(LIST_READERS, key));
  if (lists.length === 0) return;
  doc.field("NextToken").fail(
    `this ${lists.join(", ")} listing is one page of a longer list (NextToken: the AWS CLI's --max-items stopped it): the resources on the pages after it are missing, and vpcreach will not read it as complete; re-run the command without --max-items (the AWS CLI then reads every page; vpcreach collect does too), or, when the following pages are other files of the snapshot, delete NextToken from this one`,
  );
}

/**
 * Reads one API output.
 *
 * @param doc - the parsed document (must be an object)
 * @param ctx - its scope and the builder
 */
export function readDocument(doc: JsonObject, ctx: DocContext): void {
  for (const [matches, read] of DOCUMENT_READERS) if (matches(doc)) return read(doc, ctx);
  refusePartialPage(doc);
  let recognised = false;
  for (const key of Object.keys(doc.raw)) {
    // Own keys only: a document key like "constructor" must not find Object.prototype members.
    const reader = Object.hasOwn(LIST_READERS, key) ? LIST_READERS[key] : undefined;
    if (reader) {
      reader(doc, ctx);
      recognised = true;
    } else if (UNMODELLED_KEYS.has(key)) {
      recognised = true;
      const value = doc.raw[key];
      const count = Array.isArray(value) ? value.length : 1;
      if (count > 0 && !QUIET_UNMODELLED.has(key)) {
        ctx.builder.warn(`${key}: ${count} record(s) of a kind vpcreach does not model were ignored`, doc.field(key).at);
      }
    } else if (!IGNORED_KEYS.has(key)) {
      ctx.builder.warn(`unknown top-level key "${key}" ignored`, doc.field(key).at);
    }
  }
  if (!recognised && Object.keys(doc.raw).length === 0) ctx.builder.warn("empty JSON object ignored", doc.at);
}
