/**
 * Missing data: when a kind of data the path needs was not collected for the source's scope
 * (`Model.dataPresent`), a collect call for it failed (`Model.collectErrors`), a resource on the
 * path refers to an id the snapshot lacks (`Model.danglingReferences`), or a resource on the path is
 * in doubt (`Model.doubts`: a key AWS always prints is absent, or two inputs disagree about it), the
 * engine cannot prove anything about that part of the path and answers `unknown`, naming the call,
 * file, key or id.
 * AWS: https://docs.aws.amazon.com/cli/latest/reference/ec2/
 */
import { scopeKey, type DataKind, type Doubt, type Model, type Scope } from "../../model/types.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "missing-data",
  docs: {
    description: "Unknown instead of a guess when the snapshot lacks data the path needs.",
    url: "https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html",
  },
  codes: {
    MISSING_DATA: "{what} is not in the snapshot ({call}{detail})",
    UNKNOWN_RESOURCE: "{id} is referred to by {from} but is not in the snapshot",
    CONFLICTING_DATA: "{message}",
  },
} satisfies RuleMeta;

/** The describe call (AWS CLI name and API operation) that provides each kind of data. */
export const DATA_CALLS: Record<DataKind, { cli: string; operation: string }> = {
  vpcs: { cli: "describe-vpcs", operation: "DescribeVpcs" },
  vpcAttributes: { cli: "describe-vpc-attribute", operation: "DescribeVpcAttribute" },
  subnets: { cli: "describe-subnets", operation: "DescribeSubnets" },
  routeTables: { cli: "describe-route-tables", operation: "DescribeRouteTables" },
  internetGateways: { cli: "describe-internet-gateways", operation: "DescribeInternetGateways" },
  egressOnlyInternetGateways: { cli: "describe-egress-only-internet-gateways", operation: "DescribeEgressOnlyInternetGateways" },
  natGateways: { cli: "describe-nat-gateways", operation: "DescribeNatGateways" },
  vpcEndpoints: { cli: "describe-vpc-endpoints", operation: "DescribeVpcEndpoints" },
  securityGroups: { cli: "describe-security-groups", operation: "DescribeSecurityGroups" },
  networkAcls: { cli: "describe-network-acls", operation: "DescribeNetworkAcls" },
  networkInterfaces: { cli: "describe-network-interfaces", operation: "DescribeNetworkInterfaces" },
  instances: { cli: "describe-instances", operation: "DescribeInstances" },
  addresses: { cli: "describe-addresses", operation: "DescribeAddresses" },
  prefixLists: { cli: "describe-prefix-lists / get-managed-prefix-list-entries", operation: "DescribePrefixLists" },
  vpcPeeringConnections: { cli: "describe-vpc-peering-connections", operation: "DescribeVpcPeeringConnections" },
  transitGateways: { cli: "describe-transit-gateways", operation: "DescribeTransitGateways" },
  transitGatewayAttachments: { cli: "describe-transit-gateway-attachments", operation: "DescribeTransitGatewayAttachments" },
  transitGatewayRouteTables: { cli: "describe-transit-gateway-route-tables", operation: "DescribeTransitGatewayRouteTables" },
  hostedZones: { cli: "route53 list-hosted-zones / get-hosted-zone", operation: "ListHostedZones" },
  notebooks: { cli: "sagemaker describe-notebook-instance", operation: "DescribeNotebookInstance" },
  domains: { cli: "sagemaker describe-domain", operation: "DescribeDomain" },
  trainingJobs: { cli: "sagemaker describe-training-job", operation: "DescribeTrainingJob" },
  processingJobs: { cli: "sagemaker describe-processing-job", operation: "DescribeProcessingJob" },
  tuningJobs: { cli: "sagemaker describe-hyper-parameter-tuning-job", operation: "DescribeHyperParameterTuningJob" },
  models: { cli: "sagemaker describe-model", operation: "DescribeModel" },
  endpointConfigs: { cli: "sagemaker describe-endpoint-config", operation: "DescribeEndpointConfig" },
  endpoints: { cli: "sagemaker describe-endpoint", operation: "DescribeEndpoint" },
  userProfiles: { cli: "sagemaker describe-user-profile", operation: "DescribeUserProfile" },
  spaces: { cli: "sagemaker describe-space", operation: "DescribeSpace" },
  blockPublicAccessOptions: { cli: "describe-vpc-block-public-access-options", operation: "DescribeVpcBlockPublicAccessOptions" },
  blockPublicAccessExclusions: { cli: "describe-vpc-block-public-access-exclusions", operation: "DescribeVpcBlockPublicAccessExclusions" },
};

/**
 * The data-present set of a scope, matching by Region when the account is not known on one side.
 *
 * @param model - the model
 * @param scope - the scope
 * @returns the kinds of data the snapshot holds for it, or undefined when it holds nothing for it
 */
export function presentKinds(model: Model, scope: Scope): ReadonlySet<DataKind> | undefined {
  const exact = model.dataPresent.get(scopeKey(scope));
  if (exact) return exact;
  for (const [key, kinds] of model.dataPresent) if (key.endsWith(`/${scope.region}`)) return kinds;
  return undefined;
}

/**
 * The `unknown` block when the collect call for a kind of data failed in a scope.
 *
 * @param model - the model
 * @param scope - the scope of the resources on the path
 * @param kind - the kind of data the next step needs
 * @param what - what the data is for
 */
export function collectFailure(model: Model, scope: Scope, kind: DataKind, what: string): RuleBlock | undefined {
  const call = DATA_CALLS[kind];
  const failed = model.collectErrors.find((e) => e.region === scope.region && (e.account === undefined || scope.account === undefined || e.account === scope.account) && e.operation === call.operation);
  if (!failed) return undefined;
  return {
    code: "MISSING_DATA",
    message: fill(meta.codes.MISSING_DATA, { what, call: call.cli, detail: ` failed: ${failed.code}` }),
    rule: { kind: "implicit", ref: call.operation, text: `${call.operation} in ${scope.region} failed: ${failed.code} ${failed.message}` },
    fix: `re-run vpcreach collect with permission for ec2:${call.operation}`,
    unknown: true,
  };
}

/**
 * Checks that a kind of data is present and its collection did not fail in a scope.
 *
 * @param model - the model
 * @param scope - the scope of the resources on the path
 * @param kind - the kind of data the next step needs
 * @param what - what the data is for, e.g. `the route table of subnet-0abc`
 */
export function requireData(model: Model, scope: Scope, kind: DataKind, what: string): RuleBlock | undefined {
  const failed = collectFailure(model, scope, kind, what);
  if (failed) return failed;
  const call = DATA_CALLS[kind];
  const kinds = presentKinds(model, scope);
  if (kinds && !kinds.has(kind)) {
    return {
      code: "MISSING_DATA",
      message: fill(meta.codes.MISSING_DATA, { what, call: call.cli, detail: " output not given" }),
      rule: { kind: "implicit", ref: call.operation, text: `no ${call.cli} output for ${scope.region}` },
      fix: `add the output of aws ec2 ${call.cli} to the snapshot folder`,
      unknown: true,
    };
  }
  return undefined;
}

/**
 * The `unknown` block for an id on the path that the snapshot lacks.
 *
 * @param model - the model
 * @param scope - the scope of the resources on the path
 * @param kind - the kind of data the id should be in
 * @param id - the missing id
 * @param from - the resource referring to it
 */
export function missingResource(model: Model, scope: Scope, kind: DataKind, id: string, from: string): RuleBlock {
  const absent = requireData(model, scope, kind, `${id} (referred to by ${from})`);
  if (absent) return absent;
  return {
    code: "UNKNOWN_RESOURCE",
    message: fill(meta.codes.UNKNOWN_RESOURCE, { id, from }),
    rule: { kind: "implicit", ref: id, text: `${from} refers to ${id}, absent from ${DATA_CALLS[kind].cli} output` },
    fix: `add ${id} to the snapshot (${DATA_CALLS[kind].cli}), or fix the reference in ${from}`,
    unknown: true,
  };
}

/**
 * The `unknown` block for a resource on the path whose data is in doubt: `MISSING_DATA` when a key
 * AWS always prints is absent or a Terraform plan changes a part of it that it does not hold,
 * `CONFLICTING_DATA` when the inputs disagree about it.
 *
 * @param doubt - the doubt (from `Model.doubts`)
 */
export function doubtfulResource(doubt: Doubt): RuleBlock {
  const files = [...new Set(doubt.origins.map((o) => o.file))].join(" and ");
  const conflict = doubt.kind === "conflict";
  return {
    code: conflict ? "CONFLICTING_DATA" : "MISSING_DATA",
    message: conflict ? fill(meta.codes.CONFLICTING_DATA, { message: doubt.message }) : doubt.message,
    rule: { kind: "implicit", ref: doubt.id, text: doubt.message },
    fix: conflict
      ? `keep one copy of ${doubt.id} (in ${files}), or collect both inputs again at the same time`
      : doubt.kind === "plan-part"
        ? `add the Terraform resource of ${doubt.id} to the plan (import it), or collect ${doubt.id} again after apply`
        : `collect ${doubt.id} again with the complete API output (${files})`,
    unknown: true,
  };
}
