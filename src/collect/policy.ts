/**
 * The least-privilege IAM policy for `vpcreach collect`: exactly the read-only API actions the
 * collector calls, no more. The collector names its calls from this list (see `Ec2Operation`,
 * `SageMakerOperation`, `Route53Operation`), and a wire test records every request the SDK sends and
 * checks it against this list both ways. A multi-account collection adds a second statement for the
 * caller: `sts:AssumeRole` on the role it assumes in each account, and `organizations:ListAccounts`
 * with `--organization`. IAM action names are `service:Operation` (Service Authorization Reference:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html,
 * .../list_amazonsagemaker.html, .../list_amazonroute53.html, .../list_awssecuritytokenservice.html,
 * .../list_awsorganizations.html).
 */

/** Every EC2 API operation the collector calls. */
export const EC2_OPERATIONS = [
  "DescribeRegions",
  "DescribeVpcs",
  "DescribeVpcAttribute",
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

/** The IAM actions, e.g. `ec2:DescribeVpcs`, in the order the policy lists them. */
export function collectActions(): string[] {
  return [
    ...EC2_OPERATIONS.map((operation) => `ec2:${operation}`),
    ...SAGEMAKER_OPERATIONS.map((operation) => `sagemaker:${operation}`),
    ...ROUTE53_OPERATIONS.map((operation) => `route53:${operation}`),
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
 * first statement, the caller the second (assume that role in any account; list the Organization's
 * accounts).
 *
 * @param access - the multi-account settings, when collecting several accounts
 */
export function collectPolicy(access?: AccountAccess): IamPolicyDocument {
  const statements: IamPolicyDocument["Statement"] = [{ Sid: "VpcreachCollectReadOnly", Effect: "Allow", Action: collectActions(), Resource: "*" }];
  if (access) {
    statements.push({ Sid: "VpcreachCollectAssumeRole", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: `arn:aws:iam::*:role/${access.roleName}` });
    if (access.organization) statements.push({ Sid: "VpcreachCollectListAccounts", Effect: "Allow", Action: ["organizations:ListAccounts"], Resource: "*" });
  }
  return { Version: "2012-10-17", Statement: statements };
}
