/**
 * The least-privilege IAM policy for `vpcreach collect`: exactly the read-only API actions the
 * collector calls, no more. The collector names its calls from this list (see `Ec2Operation` /
 * `SageMakerOperation`), and a wire test records every request the SDK sends and checks it against
 * this list both ways. IAM action names are `service:Operation` (Service Authorization Reference:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html and
 * .../list_amazonsagemaker.html).
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
] as const;

/** Every SageMaker API operation the collector calls. */
export const SAGEMAKER_OPERATIONS = [
  "ListNotebookInstances",
  "DescribeNotebookInstance",
  "ListDomains",
  "DescribeDomain",
] as const;

export type Ec2Operation = (typeof EC2_OPERATIONS)[number];
export type SageMakerOperation = (typeof SAGEMAKER_OPERATIONS)[number];

/** The IAM actions, e.g. `ec2:DescribeVpcs`, in the order the policy lists them. */
export function collectActions(): string[] {
  return [
    ...EC2_OPERATIONS.map((operation) => `ec2:${operation}`),
    ...SAGEMAKER_OPERATIONS.map((operation) => `sagemaker:${operation}`),
  ];
}

export interface IamPolicyDocument {
  Version: "2012-10-17";
  Statement: { Sid: string; Effect: "Allow"; Action: string[]; Resource: "*" }[];
}

/**
 * The identity-based policy to attach to the role or user that runs `vpcreach collect`. All these
 * actions are List/Read-level and most support no resource-level permissions, hence `Resource: "*"`.
 */
export function collectPolicy(): IamPolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: "VpcreachCollectReadOnly", Effect: "Allow", Action: collectActions(), Resource: "*" }],
  };
}
