/**
 * An EC2 or SageMaker listing that is one page of a longer one (the AWS CLI's `NextToken`, printed
 * when `--max-items` stopped it) is refused with an InputError naming the file and `$.NextToken`:
 * read as complete it could prove a wrong answer. Route 53 pages are read with a warning instead
 * (test/snapshot/transit-gateway.test.ts, "Route 53 inputs"). IAM, S3 and Organizations pages (NextToken,
 * IsTruncated, ContinuationToken) are refused the same way.
 */
import { describe, expect, it } from "vitest";
import { loadModel } from "../../src/snapshot/load.js";
import { InputError } from "../../src/model/errors.js";
import { makeFolder, vpcFiles } from "./helpers.js";

const TOKEN = "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==";

/** The message of the InputError loading these files gives, with the folder left out. */
async function errorOf(files: Record<string, unknown>): Promise<string> {
  const root = makeFolder(files);
  const error = await loadModel(root).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return (error as Error).message.replace(root + "/", "");
}

const rule = { IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] };

/** One page of each family a verdict's proof may depend on, as describe-* / list-* print it. */
const PAGES: [string, string, Record<string, unknown>][] = [
  ["route tables", "RouteTables", { RouteTables: [{ RouteTableId: "rtb-main", VpcId: "vpc-1", Routes: [{ DestinationCidrBlock: "10.0.0.0/16", GatewayId: "local", State: "active" }], Associations: [{ Main: true, RouteTableId: "rtb-main" }] }] }],
  ["security groups", "SecurityGroups", { SecurityGroups: [{ GroupId: "sg-1", VpcId: "vpc-1", GroupName: "a", IpPermissions: [], IpPermissionsEgress: [rule] }] }],
  ["network ACLs", "NetworkAcls", { NetworkAcls: [{ NetworkAclId: "acl-1", VpcId: "vpc-1", IsDefault: true, Entries: [], Associations: [] }] }],
  ["subnets", "Subnets", { Subnets: [{ SubnetId: "subnet-2", VpcId: "vpc-1", CidrBlock: "10.0.2.0/24", AvailabilityZone: "us-east-1a" }] }],
  ["VPC endpoints", "VpcEndpoints", { VpcEndpoints: [] }],
  ["NAT gateways", "NatGateways", { NatGateways: [] }],
  ["internet gateways", "InternetGateways", { InternetGateways: [] }],
  ["network interfaces", "NetworkInterfaces", { NetworkInterfaces: [] }],
  ["instances", "Reservations", { Reservations: [] }],
  ["notebooks (sagemaker list-notebook-instances)", "NotebookInstances", { NotebookInstances: [] }],
];

describe("an EC2 or SageMaker listing with the AWS CLI's NextToken", () => {
  it.each(PAGES)("a page of %s is an input error naming the file and $.NextToken", async (_family, key, page) => {
    const message = await errorOf({ ...vpcFiles(), [`us-east-1/${key}-page.json`]: { ...page, NextToken: TOKEN } });
    expect(message).toBe(
      `us-east-1/${key}-page.json: $.NextToken: this ${key} listing is one page of a longer list (NextToken: the AWS CLI's --max-items stopped it): the resources on the pages after it are missing, and vpcreach will not read it as complete; re-run the command without --max-items (the AWS CLI then reads every page; vpcreach collect does too), or, when the following pages are other files of the snapshot, delete NextToken from this one`,
    );
  });

  // Before the change this folder loaded and subnet-1 took rtb-main, the main table: its own table was on the next page.
  it("a route-table page without the subnet's own table does not load as if the main table were the subnet's", async () => {
    const message = await errorOf({ ...vpcFiles(), "us-east-1/RouteTables.json": { ...PAGES[0]![2], NextToken: TOKEN } });
    expect(message).toMatch(/^us-east-1\/RouteTables\.json: \$\.NextToken: this RouteTables listing is one page of a longer list/);
  });

  it.each([
    ["an empty NextToken (the last page)", ""],
    ["a null NextToken", null],
  ])("%s loads", async (_case, token) => {
    const model = await loadModel(makeFolder({ ...vpcFiles(), "us-east-1/RouteTables.json": { ...PAGES[0]![2], NextToken: token } }));
    expect(model.routeTables.has("rtb-main")).toBe(true);
    expect(model.warnings).toEqual([]);
  });

  it("a page of a kind vpcreach does not read is skipped as before: its records count for nothing", async () => {
    const model = await loadModel(makeFolder({ ...vpcFiles(), "us-east-1/lb.json": { LoadBalancers: [{}], NextToken: TOKEN } }));
    expect(model.warnings.map((w) => w.message)).toEqual(["LoadBalancers: 1 record(s) of a kind vpcreach does not model were ignored"]);
  });

  it("a Route 53 page with NextToken still loads, with its warning", async () => {
    const model = await loadModel(makeFolder({
      ...vpcFiles(),
      "us-east-1/route53/list-hosted-zones.json": { HostedZones: [{ Id: "/hostedzone/Z0ONE", Name: "example.com.", Config: { PrivateZone: false } }], NextToken: TOKEN },
    }));
    expect(model.warnings.map((w) => w.jsonPath)).toEqual(["$.NextToken"]);
  });
});

/** One page of each identity output, with the field by which it says more follow. */
const IDENTITY_PAGES: [string, string, string, Record<string, unknown>][] = [
  ["get-account-authorization-details, --max-items", "iam/get-account-authorization-details.json", "NextToken", { RoleDetailList: [], Policies: [], NextToken: TOKEN }],
  ["get-account-authorization-details, the API's page", "iam/get-account-authorization-details.json", "IsTruncated", { RoleDetailList: [], Policies: [], IsTruncated: true, Marker: "m1" }],
  ["list-buckets, the API's page", "policies/s3/list-buckets.json", "ContinuationToken", { Buckets: [{ Name: "a" }], ContinuationToken: "c1" }],
  ["list-targets-for-policy, --max-items", "organizations/list-targets-for-policy-p-1.json", "NextToken", { Targets: [{ TargetId: "111122223333" }], NextToken: TOKEN }],
];

describe("an IAM, S3 or Organizations listing that is one page of a longer one", () => {
  it.each(IDENTITY_PAGES)("%s is an input error naming the file and the field", async (_case, file, field, page) => {
    const folder = file.slice(0, file.indexOf("/"));
    const message = await errorOf({ ...vpcFiles(), [file]: page });
    expect(message).toBe(
      `${file}: $.${field}: this ${folder}/ output is one page of a longer list (${field}): the roles, policies, buckets or targets on the pages after it are missing, and a policy not read could deny what vpcreach would prove allowed, so it will not read it as complete; re-run the command without --max-items (the AWS CLI then reads every page; vpcreach collect does too)`,
    );
  });

  it.each([
    ["IsTruncated: false", { RoleDetailList: [], Policies: [], IsTruncated: false }],
    ["an empty NextToken", { RoleDetailList: [], Policies: [], NextToken: "" }],
  ])("the last page (%s) loads", async (_case, page) => {
    const model = await loadModel(makeFolder({ ...vpcFiles(), "iam/get-account-authorization-details.json": page }));
    expect(model.warnings).toEqual([]);
  });
});
