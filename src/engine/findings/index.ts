/**
 * The registry of audit findings: every module under src/engine/findings/ that exports `meta` and
 * `check`, in the order the docs list them. Adding a finding = adding a module and a line here.
 */
import * as endpointPrivateDnsOff from "./endpoint-private-dns-off.js";
import * as endpointSgAdmitsNobody from "./endpoint-sg-admits-nobody.js";
import * as jobNoNetworkIsolation from "./job-no-network-isolation.js";
import * as jobOutsideVpc from "./job-outside-vpc.js";
import * as modelNoNetworkIsolation from "./model-no-network-isolation.js";
import * as modelOutsideVpc from "./model-outside-vpc.js";
import * as natGatewayUnavailable from "./nat-gateway-unavailable.js";
import * as notebookDirectInternet from "./notebook-direct-internet.js";
import * as notebookNoKmsKey from "./notebook-no-kms-key.js";
import * as notebookNoSagemaker from "./notebook-no-sagemaker.js";
import * as notebookOutsideVpc from "./notebook-outside-vpc.js";
import * as notebookPublicSubnet from "./notebook-public-subnet.js";
import * as notebookRootAccess from "./notebook-root-access.js";
import * as notebookVpcOnlyInternet from "./notebook-vpc-only-internet.js";
import * as routeBlackhole from "./route-blackhole.js";
import * as sgOpenIngress from "./sg-open-ingress.js";
import * as studioDomainPublicInternet from "./studio-domain-public-internet.js";
import * as notebookRoleBroadPolicy from "./notebook-role-broad-policy.js";
import * as bucketNotBoundToNetwork from "./bucket-not-bound-to-network.js";
import * as endpointPolicyOpenForBoundBucket from "./endpoint-policy-open-for-bound-bucket.js";
import * as roleS3ThroughInternet from "./role-s3-through-internet.js";
import type { FindingRule } from "./types.js";

export const FINDING_RULES: readonly FindingRule[] = [
  notebookDirectInternet,
  notebookOutsideVpc,
  notebookRootAccess,
  notebookNoKmsKey,
  notebookPublicSubnet,
  notebookVpcOnlyInternet,
  notebookNoSagemaker,
  studioDomainPublicInternet,
  modelOutsideVpc,
  modelNoNetworkIsolation,
  jobOutsideVpc,
  jobNoNetworkIsolation,
  sgOpenIngress,
  endpointPrivateDnsOff,
  endpointSgAdmitsNobody,
  natGatewayUnavailable,
  routeBlackhole,
  notebookRoleBroadPolicy,
  roleS3ThroughInternet,
  bucketNotBoundToNetwork,
  endpointPolicyOpenForBoundBucket,
];

export type { Finding, FindingMeta, FindingRule, ReachLookup, Severity } from "./types.js";
export { SEVERITIES, sortFindings } from "./types.js";
