/**
 * The least-privilege IAM policy for `vpcreach collect`: exactly the read-only API actions the
 * collector calls, no more. The collector names its calls from this list (see `Ec2Operation`,
 * `SageMakerOperation`, `Route53Operation`, `IdentityOperation`), and a wire test records every request
 * the SDK sends and checks it against this list both ways. A multi-account collection adds a second
 * statement for the caller: `sts:AssumeRole` on the role it assumes in each account,
 * `organizations:ListAccounts` with `--organization`, and the Organizations reads of the identity data
 * (made once, with the caller's credentials). IAM action names are `service:Operation`, except S3's
 * ListBuckets, which `s3:ListAllMyBuckets` authorizes (Service Authorization Reference:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html,
 * .../list_amazonsagemaker.html, .../list_amazonroute53.html, .../list_awssecuritytokenservice.html,
 * .../list_awsorganizations.html, .../list_awsidentityandaccessmanagementiam.html,
 * .../list_amazons3.html).
 */

/** Every EC2 API operation the collector calls. */
export const EC2_OPERATIONS = [
  "DescribeRegions",
  "DescribeVpcs",
  "DescribeVpcAttribute",
  "DescribeDhcpOptions",
  "DescribeSubnets",
  "DescribeRouteTables",
  "DescribeInternetGateways",
  "DescribeEgressOnlyInternetGateways",
  "DescribeNatGateways",
  "DescribeVpcEndpoints",
  "DescribeSecurityGroups",
  "DescribeNetworkAcls",
  "DescribeNetworkInterfaces",
  "DescribePrefixLists",
  "DescribeManagedPrefixLists",
  "GetManagedPrefixListEntries",
  "DescribeAddresses",
  "DescribeInstances",
  "DescribeVpcPeeringConnections",
  "DescribeTransitGateways",
  "DescribeTransitGatewayAttachments",
  "DescribeTransitGatewayVpcAttachments",
  "DescribeTransitGatewayRouteTables",
  "SearchTransitGatewayRoutes",
  "GetTransitGatewayRouteTableAssociations",
  "GetTransitGatewayRouteTablePropagations",
  "DescribeVpcBlockPublicAccessOptions",
  "DescribeVpcBlockPublicAccessExclusions",
] as const;

/** Every SageMaker API operation the collector calls. */
export const SAGEMAKER_OPERATIONS = [
  "ListNotebookInstances",
  "DescribeNotebookInstance",
  "ListDomains",
  "DescribeDomain",
  "ListUserProfiles",
  "DescribeUserProfile",
  "ListSpaces",
  "DescribeSpace",
  "ListTrainingJobs",
  "DescribeTrainingJob",
  "ListProcessingJobs",
  "DescribeProcessingJob",
  "ListHyperParameterTuningJobs",
  "DescribeHyperParameterTuningJob",
  "ListModels",
  "DescribeModel",
  "ListEndpointConfigs",
  "DescribeEndpointConfig",
  "ListEndpoints",
  "DescribeEndpoint",
] as const;

/** Every Route 53 API operation the collector calls (private hosted zones; global, once per account). */
export const ROUTE53_OPERATIONS = ["ListHostedZones", "GetHostedZone", "ListResourceRecordSets"] as const;

/**
 * The identity calls (unless `--no-identity`): IAM and S3 once per account with the account's
 * credentials; Organizations once, with the caller's. `action` is the IAM action that authorizes it.
 */
export const IDENTITY_OPERATIONS = [
  { service: "iam", operation: "GetAccountAuthorizationDetails", action: "iam:GetAccountAuthorizationDetails" },
  { service: "s3", operation: "ListBuckets", action: "s3:ListAllMyBuckets" },
  { service: "s3", operation: "GetBucketPolicy", action: "s3:GetBucketPolicy" },
  { service: "organizations", operation: "DescribeOrganization", action: "organizations:DescribeOrganization" },
  { service: "organizations", operation: "ListRoots", action: "organizations:ListRoots" },
  { service: "organizations", operation: "ListPolicies", action: "organizations:ListPolicies" },
  { service: "organizations", operation: "DescribePolicy", action: "organizations:DescribePolicy" },
  { service: "organizations", operation: "ListTargetsForPolicy", action: "organizations:ListTargetsForPolicy" },
  { service: "organizations", operation: "ListParents", action: "organizations:ListParents" },
] as const;

export type IdentityOperation = (typeof IDENTITY_OPERATIONS)[number]["operation"];

/** How a multi-account collection reaches its accounts (the caller's own calls). */
export interface AccountAccess {
  /** The role assumed in each account (`--role-name`). */
  roleName: string;
  /** True when the accounts come from AWS Organizations (`--organization`). */
  organization: boolean;
}

export type Ec2Operation = (typeof EC2_OPERATIONS)[number];
export type SageMakerOperation = (typeof SAGEMAKER_OPERATIONS)[number];
export type Route53Operation = (typeof ROUTE53_OPERATIONS)[number];

/** What the read-only statement covers. */
export interface ActionScope {
  /** Several accounts: the Organizations reads are the caller's (see `collectPolicy`), not each role's. */
  multiAccount?: boolean | undefined;
  /** False with `--no-identity`: the IAM, S3 and Organizations reads are left out. */
  identity?: boolean | undefined;
}

function identityActions(services: readonly string[]): string[] {
  return IDENTITY_OPERATIONS.filter((call) => services.includes(call.service)).map((call) => call.action);
}

/**
 * The IAM action that authorizes an API operation: `service:Operation`, but for the identity calls
 * whose action is named otherwise (S3's ListBuckets: `s3:ListAllMyBuckets`).
 *
 * @param service - the signing name, e.g. `s3`
 * @param operation - the API operation, e.g. `ListBuckets`
 */
export function actionOf(service: string, operation: string): string {
  return IDENTITY_OPERATIONS.find((call) => call.service === service && call.operation === operation)?.action ?? `${service}:${operation}`;
}

/**
 * The IAM actions of the read-only statement, e.g. `ec2:DescribeVpcs`, in the order the policy lists
 * them: with identity, the IAM and S3 reads, and the Organizations reads too when one account is
 * collected (with several, the caller makes those: see `collectPolicy`).
 *
 * @param scope - several accounts or one; identity or not
 */
export function collectActions(scope: ActionScope = {}): string[] {
  const identity = scope.identity ?? true;
  return [
    ...EC2_OPERATIONS.map((operation) => `ec2:${operation}`),
    ...SAGEMAKER_OPERATIONS.map((operation) => `sagemaker:${operation}`),
    ...ROUTE53_OPERATIONS.map((operation) => `route53:${operation}`),
    ...(identity ? identityActions(scope.multiAccount ? ["iam", "s3"] : ["iam", "s3", "organizations"]) : []),
  ];
}

export interface IamPolicyDocument {
  Version: "2012-10-17";
  Statement: { Sid: string; Effect: "Allow"; Action: string[]; Resource: string | string[] }[];
}

/**
 * The identity-based policy to attach to the role or user that runs `vpcreach collect`. All the
 * collection actions are List/Read-level and most support no resource-level permissions, hence
 * `Resource: "*"`. With `access`, the policy is for both ends: the role in each account needs the
 * first statement, the caller the others (assume that role in any account; list the Organization's
 * accounts; read its service and resource control policies).
 *
 * @param access - the multi-account settings, when collecting several accounts
 * @param identity - false with `--no-identity`
 */
export function collectPolicy(access?: AccountAccess, identity = true): IamPolicyDocument {
  const statements: IamPolicyDocument["Statement"] = [
    { Sid: "VpcreachCollectReadOnly", Effect: "Allow", Action: collectActions({ multiAccount: access !== undefined, identity }), Resource: "*" },
  ];
  if (access) {
    statements.push({ Sid: "VpcreachCollectAssumeRole", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: `arn:aws:iam::*:role/${access.roleName}` });
    if (access.organization) statements.push({ Sid: "VpcreachCollectListAccounts", Effect: "Allow", Action: ["organizations:ListAccounts"], Resource: "*" });
    if (identity) {
      statements.push({ Sid: "VpcreachCollectOrganizationPolicies", Effect: "Allow", Action: identityActions(["organizations"]), Resource: "*" });
    }
  }
  return { Version: "2012-10-17", Statement: statements };
}
