/**
 * The normalized network model: vendor-shaped AWS JSON (see src/snapshot/aws/) is turned into these
 * plain, typed records once, so the graph builder, the engine, the diagrams and the cost estimator
 * never read raw API output. Every record keeps its `scope` (account and Region) and `name` (the
 * `Name` tag) so answers can cite where a resource lives.
 *
 * This module holds the model as a whole (`Model`) and what loading records about it (dangling
 * references, doubts, collection errors, warnings); the records themselves are in `network.ts`,
 * `sagemaker.ts` and `identity-data.ts`, scopes and origins in `scope.ts`. Everything is re-exported
 * here, so code imports the model's types from one place.
 *
 * Only IPv4 is modelled for reachability; IPv6 data is kept where it could change an answer so the
 * engine can say `unknown` instead of guessing.
 */

import type { HostedZone, ResolverRule } from "./hosted-zones.js";
import type { IdentityData } from "./identity-data.js";
import type {
  BpaExclusion, BpaOptions, EgressOnlyInternetGateway, ElasticIp, Instance, InternetGateway,
  NatGateway, NetworkAcl, NetworkInterface, PrefixList, RouteTable, SecurityGroup, Subnet, TransitGateway,
  TransitGatewayAttachment, TransitGatewayRouteTable, Vpc, VpcEndpoint, VpcPeeringConnection,
} from "./network.js";
import type {
  Notebook, SageMakerEndpoint, SageMakerEndpointConfig, SageMakerJob, SageMakerModel, StudioDomain,
  StudioSpace, StudioUserProfile,
} from "./sagemaker.js";
import type { Origin } from "./scope.js";

export * from "./hosted-zones.js";
export * from "./identity-data.js";
export * from "./network.js";
export * from "./sagemaker.js";
export * from "./scope.js";

/** A reference from one resource to another that is not in the snapshot (loads fine, engine says unknown). */
export interface DanglingReference {
  /** The resource holding the reference, e.g. `rtb-0abc`. */
  fromId: string;
  /** What the reference is, e.g. `route target`, `security group rule peer`, `subnet VPC`. */
  field: string;
  /** The id referred to that the snapshot does not contain. */
  missingId: string;
  origin: Origin;
}

/** An AWS API call that failed while collecting, recorded in the snapshot. */
export interface CollectError {
  account: string | undefined;
  region: string;
  service: string;
  operation: string;
  code: string;
  message: string;
}

/**
 * A resource whose data the engine cannot trust, so a verdict that uses it is `unknown`:
 * - `missing-key`: a key AWS always prints (`Routes`, NACL `Entries`, `IpPermissions`, …) is null or
 *   absent, so the data was not really read;
 * - `conflict`: two inputs hold the resource with different contents (or two instances claim one
 *   network interface), and which copy is right decides the answer.
 */
export interface Doubt {
  /** The resource in doubt. */
  id: string;
  /** `plan-part`: a Terraform plan laid over the inputs changes a part of it (a route, a rule) it does not hold. */
  kind: "missing-key" | "conflict" | "plan-part";
  /** One sentence naming the resource and the key, or the files that disagree. */
  message: string;
  /** Where the data came from: the record (and for a conflict, each copy). */
  origins: Origin[];
  /** Set when the doubt comes from another resource's conflict (an id only one of its copies names). */
  about?: string;
}

/** A non-fatal problem noticed while loading (unknown top-level key, duplicate resource, …). */
export interface LoadWarning {
  message: string;
  file: string | undefined;
  jsonPath: string | undefined;
  resourceId: string | undefined;
  /** Set when the input itself is likely not what the user meant (a lone describe-* file): every command prints it on stderr. */
  aboutInput?: true;
}

/**
 * The kinds of data a snapshot may hold. Which kinds are present per scope lets the engine tell
 * "no NACL data was collected" (unknown) from "no NACL applies" (a data error).
 */
export type DataKind =
  | "vpcs"
  | "vpcAttributes"
  | "subnets"
  | "routeTables"
  | "internetGateways"
  | "egressOnlyInternetGateways"
  | "natGateways"
  | "vpcEndpoints"
  | "securityGroups"
  | "networkAcls"
  | "networkInterfaces"
  | "instances"
  | "addresses"
  | "prefixLists"
  | "vpcPeeringConnections"
  | "transitGateways"
  | "transitGatewayAttachments"
  | "transitGatewayRouteTables"
  | "hostedZones"
  | "notebooks"
  | "domains"
  | "trainingJobs"
  | "processingJobs"
  | "tuningJobs"
  | "models"
  | "endpointConfigs"
  | "endpoints"
  | "userProfiles"
  | "spaces"
  | "blockPublicAccessOptions"
  | "blockPublicAccessExclusions";

export interface Model {
  vpcs: ReadonlyMap<string, Vpc>;
  subnets: ReadonlyMap<string, Subnet>;
  routeTables: ReadonlyMap<string, RouteTable>;
  internetGateways: ReadonlyMap<string, InternetGateway>;
  egressOnlyInternetGateways: ReadonlyMap<string, EgressOnlyInternetGateway>;
  natGateways: ReadonlyMap<string, NatGateway>;
  vpcEndpoints: ReadonlyMap<string, VpcEndpoint>;
  securityGroups: ReadonlyMap<string, SecurityGroup>;
  networkAcls: ReadonlyMap<string, NetworkAcl>;
  networkInterfaces: ReadonlyMap<string, NetworkInterface>;
  instances: ReadonlyMap<string, Instance>;
  elasticIps: readonly ElasticIp[];
  prefixLists: ReadonlyMap<string, PrefixList>;
  vpcPeeringConnections: ReadonlyMap<string, VpcPeeringConnection>;
  transitGateways: ReadonlyMap<string, TransitGateway>;
  transitGatewayAttachments: ReadonlyMap<string, TransitGatewayAttachment>;
  transitGatewayRouteTables: ReadonlyMap<string, TransitGatewayRouteTable>;
  /** Keyed by zone id without the `/hostedzone/` prefix. */
  hostedZones: ReadonlyMap<string, HostedZone>;
  /** Keyed by notebook name, or `ACCOUNT/REGION/NAME` when the name is used in several scopes (see `Notebook`). */
  notebooks: ReadonlyMap<string, Notebook>;
  domains: ReadonlyMap<string, StudioDomain>;
  /** SageMaker jobs by kind, each keyed by job name. */
  trainingJobs: ReadonlyMap<string, SageMakerJob>;
  processingJobs: ReadonlyMap<string, SageMakerJob>;
  tuningJobs: ReadonlyMap<string, SageMakerJob>;
  /** Keyed by model name. */
  models: ReadonlyMap<string, SageMakerModel>;
  /** Keyed by endpoint configuration name. */
  endpointConfigs: ReadonlyMap<string, SageMakerEndpointConfig>;
  /** Keyed by endpoint name. */
  endpoints: ReadonlyMap<string, SageMakerEndpoint>;
  /** Keyed by `DOMAIN_ID/NAME` (see `studioKey`). */
  userProfiles: ReadonlyMap<string, StudioUserProfile>;
  spaces: ReadonlyMap<string, StudioSpace>;
  /** VPC Block Public Access settings, keyed by `bpa-options:<scope key>` (see `bpaOptionsId`). */
  blockPublicAccessOptions: ReadonlyMap<string, BpaOptions>;
  /** VPC Block Public Access exclusions, keyed by exclusion id. */
  blockPublicAccessExclusions: ReadonlyMap<string, BpaExclusion>;
  /**
   * IAM and resource policies (iam/, policies/, organizations/ folders), for identity checks on a
   * proven path. Optional so models built in code need not name it; the loader always sets it.
   */
  identity?: IdentityData;
  /** Per scope key (`account/region`, see `scopeKey`): which kinds of data the snapshot holds. */
  dataPresent: ReadonlyMap<string, ReadonlySet<DataKind>>;
  danglingReferences: readonly DanglingReference[];
  /**
   * Resources whose data is in doubt, by id (see `Doubt`). Optional so models built in code (tests,
   * generators, overlays) need not name it; the loader always sets it.
   */
  doubts?: ReadonlyMap<string, readonly Doubt[]>;
  collectErrors: readonly CollectError[];
  /**
   * list-hosted-zones outputs that were one page of a paged listing (`IsTruncated: true`): zones after
   * them are missing, so a name no known zone resolves may still resolve. Optional so models built in
   * code need not name it; the loader always sets it.
   */
  truncatedZoneLists?: readonly string[];
  /**
   * Route 53 Resolver rules with their VPC associations (list-resolver-rules and
   * list-resolver-rule-associations), when given. Optional so models built in code need not name it.
   */
  resolverRules?: readonly ResolverRule[];
  warnings: readonly LoadWarning[];
  /** Where the snapshot was read from (file or folder). */
  source: string;
}
