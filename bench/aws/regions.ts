/**
 * Per-Region facts the describe-* builders print: AZ names and ids, the AWS-managed prefix lists for
 * S3 and DynamoDB (as `aws ec2 describe-prefix-lists` returns them), the hosted zone of the
 * `*.vpce.amazonaws.com` names, and the DNS labels of the interface-endpoint services we model.
 * Values follow the real ones (https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html);
 * the S3 CIDR lists are recent snapshots and change over time, which does not matter for tests.
 */

export interface RegionFacts {
  /** AZ name → AZ id (the mapping is per account in reality; these are plausible). */
  zones: Record<string, string>;
  s3PrefixList: { id: string; cidrs: string[] };
  dynamodbPrefixList: { id: string; cidrs: string[] };
  /** Hosted zone of `vpce-….<service>.<region>.vpce.amazonaws.com`. */
  vpceHostedZone: string;
  /** First octets of public addresses AWS hands out there (for NAT EIPs and instance public IPs). */
  publicFirstOctets: number[];
}

export const REGIONS: Record<string, RegionFacts> = {
  "us-east-1": {
    zones: { "us-east-1a": "use1-az4", "us-east-1b": "use1-az6", "us-east-1c": "use1-az1" },
    s3PrefixList: {
      id: "pl-63a5400a",
      cidrs: [
        "16.15.176.0/20",
        "16.182.0.0/16",
        "18.34.0.0/19",
        "18.34.232.0/21",
        "3.5.0.0/19",
        "44.192.134.240/28",
        "44.192.140.64/28",
        "52.216.0.0/15",
        "54.231.0.0/16",
      ],
    },
    dynamodbPrefixList: { id: "pl-02cd2c6b", cidrs: ["3.218.180.0/23", "3.218.182.0/24", "52.94.0.0/22", "52.119.224.0/20"] },
    vpceHostedZone: "Z7HUB22UULQXV",
    publicFirstOctets: [3, 18, 34, 44, 52, 54],
  },
  "us-west-2": {
    zones: { "us-west-2a": "usw2-az2", "us-west-2b": "usw2-az1", "us-west-2c": "usw2-az3" },
    s3PrefixList: {
      id: "pl-68a54001",
      cidrs: ["18.34.48.0/20", "18.34.244.0/22", "3.5.76.0/22", "3.5.80.0/21", "35.80.36.208/28", "35.80.36.224/28", "52.92.128.0/17", "52.218.128.0/17"],
    },
    dynamodbPrefixList: { id: "pl-00a54069", cidrs: ["35.71.64.0/22", "52.94.8.0/23", "52.119.240.0/21"] },
    vpceHostedZone: "Z1YSA3EXCYUU9Z",
    publicFirstOctets: [34, 35, 44, 52, 54],
  },
  "eu-west-1": {
    zones: { "eu-west-1a": "euw1-az3", "eu-west-1b": "euw1-az1", "eu-west-1c": "euw1-az2" },
    s3PrefixList: {
      id: "pl-6da54004",
      cidrs: ["18.34.32.0/20", "18.34.240.0/22", "3.5.64.0/21", "3.5.72.0/23", "52.92.0.0/17", "52.218.0.0/17"],
    },
    dynamodbPrefixList: { id: "pl-6fa54006", cidrs: ["52.94.5.0/24", "52.94.24.0/23", "52.119.240.0/21"] },
    vpceHostedZone: "ZB11ZK6NBW8A8",
    publicFirstOctets: [3, 34, 52, 54],
  },
};

/**
 * The Region's facts; throws for a Region this builder has no table for.
 *
 * @param region - e.g. `us-east-1`
 */
export function regionFacts(region: string): RegionFacts {
  const facts = REGIONS[region];
  if (!facts) throw new Error(`no builder data for region ${region}`);
  return facts;
}

/**
 * How an interface-endpoint service appears in DNS: the label inside `vpce-….<label>.<region>.vpce.amazonaws.com`
 * and the private DNS name that `PrivateDnsEnabled` makes resolve to the endpoint.
 *
 * @param service - short service name, e.g. `sagemaker.runtime`, `sts`, `ecr.dkr`
 * @param region - e.g. `us-east-1`
 */
export function serviceDns(service: string, region: string): { label: string; privateName: string } {
  switch (service) {
    case "sagemaker.api":
      return { label: "api.sagemaker", privateName: `api.sagemaker.${region}.amazonaws.com` };
    case "sagemaker.runtime":
      return { label: "runtime.sagemaker", privateName: `runtime.sagemaker.${region}.amazonaws.com` };
    case "ecr.api":
      return { label: "api.ecr", privateName: `api.ecr.${region}.amazonaws.com` };
    case "ecr.dkr":
      return { label: "dkr.ecr", privateName: `*.dkr.ecr.${region}.amazonaws.com` };
    case "notebook":
      return { label: "notebook", privateName: `*.notebook.${region}.sagemaker.aws` };
    default:
      return { label: service, privateName: `${service}.${region}.amazonaws.com` };
  }
}

/**
 * The full AWS service name of a short one.
 *
 * @param service - e.g. `s3`, `sagemaker.api`; `notebook` maps to `aws.sagemaker.<region>.notebook`
 * @param region - e.g. `us-east-1`
 */
export function serviceName(service: string, region: string): string {
  return service === "notebook" ? `aws.sagemaker.${region}.notebook` : `com.amazonaws.${region}.${service}`;
}
