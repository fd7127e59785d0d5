/**
 * `collect` through the real AWS SDK clients against a loopback server speaking the EC2 Query (XML)
 * and SageMaker JSON 1.1 protocols: paging, least privilege, throttling, denied calls, malformed
 * responses, credential failures and endpoint variables. No SDK mocks.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isDeepStrictEqual } from "node:util";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeSnapshotFile } from "../../src/snapshot/file.js";
import { loadModel } from "../../src/snapshot/load.js";
import type { AnyClient } from "../../src/collect/sdk.js";
import { collect } from "../../src/collect/collect.js";
import { CollectFailure } from "../../src/collect/errors.js";
import { actionOf, collectActions } from "../../src/collect/policy.js";
import { ec2Error } from "./ec2-xml.js";
import { readWireNetwork, type WireNetwork } from "./wire-network.js";
import { denied, sageMakerDenied, startWireServer, THROTTLED, type WireHostedZone, type WireRequest, type WireServer, type WireServerOptions } from "./wire-server.js";
import { applyEnv, awsTestEnv } from "./aws-env.js";
import { readWireIdentity, readWireOrganization } from "./wire-identity.js";

const IDENTITY = "fixtures/identity/ml-platform";

const FIXTURE = "fixtures/nat-notebook/us-east-1";
const ACCOUNT = "111122223333";

let server: WireServer | undefined;
let restoreEnv: (() => void) | undefined;

async function serve(options: WireServerOptions, region: string | null = "us-east-1"): Promise<WireServer> {
  server = await startWireServer(options);
  restoreEnv = applyEnv(awsTestEnv(server.url, region));
  return server;
}

beforeEach(() => {
  server = undefined;
  restoreEnv = undefined;
});

afterEach(async () => {
  restoreEnv?.();
  await server?.close();
});

/** The fixture plus what it lacks, so every collector call has something to return. */
function fullNetwork(): WireNetwork {
  const network = readWireNetwork(FIXTURE);
  const listId = "pl-0f00dcafe0000beef";
  network.managedPrefixLists.push({
    PrefixListId: listId,
    AddressFamily: "IPv4",
    State: "create-complete",
    PrefixListArn: `arn:aws:ec2:us-east-1:${ACCOUNT}:prefix-list/${listId}`,
    PrefixListName: "corp-offices",
    MaxEntries: 10,
    Version: 1,
    Tags: [],
    OwnerId: ACCOUNT,
  });
  network.prefixListEntries.set(listId, [
    { Cidr: "198.51.100.0/24", Description: "HQ" },
    { Cidr: "203.0.113.0/24", Description: "Branch" },
    { Cidr: "192.0.2.0/24", Description: "Lab" },
  ]);
  network.domains.push({
    DomainId: "d-abcdef123456",
    DomainArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:domain/d-abcdef123456`,
    DomainName: "research",
    Status: "InService",
    AuthMode: "IAM",
    AppNetworkAccessType: "VpcOnly",
    VpcId: "vpc-06c270c388eacc748",
    SubnetIds: ["subnet-0a93b5a7db38e063e"],
    DefaultUserSettings: { SecurityGroups: ["sg-0ed6ca5cb329d07e4"] },
    CreationTime: "2025-09-07T23:31:14.000Z",
  });
  const vpcConfig = { SecurityGroupIds: ["sg-0ed6ca5cb329d07e4"], Subnets: ["subnet-0a93b5a7db38e063e"] };
  const arn = (kind: string, name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:${kind}/${name}`;
  const workloads: [string, Record<string, unknown>][] = [
    ["DescribeUserProfile", { DomainId: "d-abcdef123456", UserProfileName: "alice", UserProfileArn: arn("user-profile", "d-abcdef123456/alice"), Status: "InService" }],
    ["DescribeSpace", { DomainId: "d-abcdef123456", SpaceName: "lab", SpaceArn: arn("space", "d-abcdef123456/lab"), Status: "InService" }],
    ["DescribeTrainingJob", { TrainingJobName: "train-1", TrainingJobArn: arn("training-job", "train-1"), VpcConfig: vpcConfig, EnableNetworkIsolation: true }],
    ["DescribeProcessingJob", { ProcessingJobName: "proc-1", ProcessingJobArn: arn("processing-job", "proc-1"), NetworkConfig: { VpcConfig: vpcConfig } }],
    ["DescribeHyperParameterTuningJob", { HyperParameterTuningJobName: "tune-1", HyperParameterTuningJobArn: arn("hyper-parameter-tuning-job", "tune-1") }],
    ["DescribeModel", { ModelName: "model-1", ModelArn: arn("model", "model-1"), VpcConfig: vpcConfig, EnableNetworkIsolation: false }],
    ["DescribeEndpointConfig", { EndpointConfigName: "config-1", EndpointConfigArn: arn("endpoint-config", "config-1"), ProductionVariants: [{ VariantName: "v", ModelName: "model-1" }] }],
    ["DescribeEndpoint", { EndpointName: "endpoint-1", EndpointArn: arn("endpoint", "endpoint-1"), EndpointConfigName: "config-1", EndpointStatus: "InService" }],
  ];
  for (const [operation, output] of workloads) network.sagemaker.set(operation, [output]);
  network.lists.set("TransitGatewayRouteTables", [{ TransitGatewayRouteTableId: "tgw-rtb-0aaa", TransitGatewayId: "tgw-0aaa", State: "available" }]);
  network.transitGatewayRouteTables.set("tgw-rtb-0aaa", {
    Routes: [{ DestinationCidrBlock: "10.0.0.0/8", Type: "static", State: "active", TransitGatewayAttachments: [{ TransitGatewayAttachmentId: "tgw-attach-0aaa", ResourceId: "vpc-06c270c388eacc748", ResourceType: "vpc" }] }],
    Associations: [{ TransitGatewayAttachmentId: "tgw-attach-0aaa", ResourceId: "vpc-06c270c388eacc748", ResourceType: "vpc", State: "associated" }],
    TransitGatewayRouteTablePropagations: [{ TransitGatewayAttachmentId: "tgw-attach-0aaa", ResourceId: "vpc-06c270c388eacc748", ResourceType: "vpc", State: "enabled" }],
  });
  return network;
}

/** A private hosted zone aliasing the SageMaker API name to an interface endpoint, and a public zone. */
const HOSTED_ZONES: WireHostedZone[] = [
  {
    HostedZone: { Id: "/hostedzone/Z0PRIVATE", Name: "api.sagemaker.us-east-1.amazonaws.com.", CallerReference: "a", Config: { PrivateZone: true }, ResourceRecordSetCount: 2 },
    VPCs: [{ VPCRegion: "us-east-1", VPCId: "vpc-06c270c388eacc748" }],
    ResourceRecordSets: [
      { Name: "api.sagemaker.us-east-1.amazonaws.com.", Type: "A", AliasTarget: { HostedZoneId: "Z7HUB22UULQXV", DNSName: "vpce-0abc.api.sagemaker.us-east-1.vpce.amazonaws.com.", EvaluateTargetHealth: false } },
      { Name: "api.sagemaker.us-east-1.amazonaws.com.", Type: "NS", TTL: 172800, ResourceRecords: [{ Value: "ns-1.awsdns-00.com." }] },
      { Name: "api.sagemaker.us-east-1.amazonaws.com.", Type: "SOA", TTL: 900, ResourceRecords: [{ Value: "ns-1.awsdns-00.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400" }] },
    ],
  },
  {
    HostedZone: { Id: "/hostedzone/Z0PUBLIC", Name: "example.com.", CallerReference: "b", Config: { PrivateZone: false }, ResourceRecordSetCount: 2 },
    VPCs: [],
    ResourceRecordSets: [],
  },
];

/** The SDK client's service, as IAM names it. */
function serviceOf(client: AnyClient): string {
  const names: Record<string, string> = { EC2Client: "ec2", SageMakerClient: "sagemaker", Route53Client: "route53", STSClient: "sts", OrganizationsClient: "organizations", IAMClient: "iam", S3Client: "s3" };
  return names[client.constructor.name] ?? client.constructor.name;
}

/** A client hook recording `service:Operation` of every command sent. */
function recordCommands(sent: Set<string>): (client: AnyClient) => void {
  return (client) => {
    const service = serviceOf(client);
    (client.middlewareStack as { add: (middleware: unknown, options: unknown) => void }).add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
        sent.add(actionOf(service, String(context.commandName).replace(/Command$/, "")));
        return next(args);
      },
      { step: "initialize", name: "recordCommandForTest" },
    );
  };
}

type Doc = Record<string, unknown>;

function documents(result: Awaited<ReturnType<typeof collect>>, region = "us-east-1"): Doc[] {
  return (result.snapshot.sources.find((source) => source.region === region)?.documents ?? []) as Doc[];
}

function listDocument(docs: Doc[], key: string): Doc | undefined {
  return docs.find((doc) => Array.isArray(doc[key]));
}

/** Timestamps compared as instants (the fixture and the SDK may print them differently). */
function normalize(value: unknown): unknown {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/.test(value)) return Date.parse(value.replace(" ", "T"));
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, normalize(member)]));
  return value;
}

describe("collect over the wire", () => {
  it("reads every page of every paged call and keeps each resource exactly as the API returned it", async () => {
    const network = readWireNetwork(FIXTURE);
    const wire = await serve({ networks: { "us-east-1": network }, pageSize: 1 });
    const result = await collect({ regions: undefined, toolVersion: "test" });
    expect(result.snapshot.errors).toEqual([]);
    const docs = documents(result);
    for (const [key, items] of network.lists) {
      const doc = key === "PrefixLists" ? docs.find((d) => Array.isArray(d.PrefixLists) && (d.PrefixLists as Doc[]).every((i) => "Cidrs" in i)) : listDocument(docs, key);
      expect(doc, key).toBeDefined();
      expect(isDeepStrictEqual(normalize(doc?.[key]), normalize(items)), `${key} round trip`).toBe(true);
    }
    // Paging really happened: one subnet per page, each request after the first carrying the token.
    const subnetRequests = wire.requests.filter((request) => request.action === "DescribeSubnets");
    expect(network.lists.get("Subnets")?.length).toBeGreaterThan(1);
    expect(subnetRequests.length).toBe(network.lists.get("Subnets")?.length);
    expect(subnetRequests.map((request) => request.params.NextToken)).toEqual([undefined, "page-1"]);
    // Every paged call asks for pages explicitly (MaxResults), as AWS advises for large accounts.
    const unpaged = (request: WireRequest) =>
      request.service === "route53" ||
      // The identity calls page by their own largest pages (identity.test.ts).
      ["iam", "s3", "organizations"].includes(request.service) ||
      (request.service === "sagemaker" && request.action.startsWith("Describe")) ||
      ["DescribeVpcAttribute", "DescribeAddresses", "DescribeVpcBlockPublicAccessOptions"].includes(request.action);
    const paged = wire.requests.filter((request) => !unpaged(request));
    expect(paged.length).toBeGreaterThan(0);
    for (const request of paged) expect(String(request.params.MaxResults), request.action).toBe("100");
    expect(docs.every((doc) => !("NextToken" in doc) && !("$metadata" in doc))).toBe(true);
    // One describe-vpc-attribute output per VPC and attribute, shaped as the AWS CLI prints it.
    expect(docs).toContainEqual({ VpcId: "vpc-06c270c388eacc748", EnableDnsSupport: { Value: true } });
    expect(docs).toContainEqual({ VpcId: "vpc-06c270c388eacc748", EnableDnsHostnames: { Value: true } });
    expect(docs.find((doc) => doc.NotebookInstanceName === "nat-notebook")?.SubnetId).toBe("subnet-0a93b5a7db38e063e");
    expect(result.snapshot.sources[0]?.account).toBe(ACCOUNT);
  });

  it("sends exactly the actions the IAM policy grants: every request is in it, and every action in it is used", async () => {
    const wire = await serve({
      networks: { "us-east-1": fullNetwork(), "eu-west-1": readWireNetwork(FIXTURE) },
      hostedZones: HOSTED_ZONES,
      identity: readWireIdentity(IDENTITY),
      organizationPolicies: readWireOrganization(IDENTITY),
      pageSize: 2,
    });
    const sent = new Set<string>();
    const record = recordCommands(sent);
    const result = await collect({ regions: "all", toolVersion: "test", configureClient: record });
    expect(result.snapshot.errors).toEqual([]);
    expect(result.snapshot.regions).toEqual(["eu-west-1", "us-east-1"]);
    expect([...sent].sort()).toEqual([...collectActions()].sort());
    // And on the wire: every request the server saw is an action of the policy.
    const policy = new Set(collectActions());
    for (const request of wire.requests) expect(policy.has(actionOf(request.service, request.action)), request.action).toBe(true);
    const docs = documents(result);
    expect(docs).toContainEqual({
      PrefixListId: "pl-0f00dcafe0000beef",
      Entries: [
        { Cidr: "198.51.100.0/24", Description: "HQ" },
        { Cidr: "203.0.113.0/24", Description: "Branch" },
        { Cidr: "192.0.2.0/24", Description: "Lab" },
      ],
    });
    expect(docs.find((doc) => doc.DomainId === "d-abcdef123456")?.AppNetworkAccessType).toBe("VpcOnly");
  });

  it("retries a throttled call with backoff, then succeeds with nothing recorded", async () => {
    const wire = await serve({
      networks: { "us-east-1": readWireNetwork(FIXTURE) },
      fault: (request) => (request.action === "DescribeSubnets" && request.count <= 2 ? THROTTLED : undefined),
    });
    const result = await collect({ regions: ["us-east-1"], toolVersion: "test" });
    expect(result.snapshot.errors).toEqual([]);
    expect(wire.requests.filter((request) => request.action === "DescribeSubnets")).toHaveLength(3);
    expect((listDocument(documents(result), "Subnets")?.Subnets as unknown[]).length).toBe(2);
  });

  it("retries a 5xx error, and pages SageMaker lists with NextToken in the JSON body", async () => {
    const network = readWireNetwork("fixtures/ml-platform/us-east-1");
    expect(network.notebooks.length).toBeGreaterThan(2);
    const wire = await serve({
      networks: { "us-east-1": network },
      pageSize: 1,
      fault: (request) =>
        request.action === "DescribeVpcs" && request.count === 1 ? { status: 500, body: ec2Error("InternalError", "An internal error has occurred") } : undefined,
    });
    const result = await collect({ regions: ["us-east-1"], toolVersion: "test" });
    expect(result.snapshot.errors).toEqual([]);
    const lists = wire.requests.filter((request) => request.action === "ListNotebookInstances");
    expect(lists).toHaveLength(network.notebooks.length);
    expect(lists[1]?.params.NextToken).toBe("page-1");
    const docs = documents(result);
    expect(docs.filter((doc) => typeof doc.NotebookInstanceName === "string")).toHaveLength(network.notebooks.length);
    expect((listDocument(docs, "NotebookInstances")?.NotebookInstances as unknown[]).length).toBe(network.notebooks.length);
  });

  it("gives up on a call still throttled after AWS_MAX_ATTEMPTS and records it", async () => {
    const wire = await serve({
      networks: { "us-east-1": readWireNetwork(FIXTURE) },
      fault: (request) => (request.action === "DescribeSubnets" ? THROTTLED : undefined),
    });
    const restore = applyEnv({ AWS_MAX_ATTEMPTS: "2" });
    try {
      const result = await collect({ regions: ["us-east-1"], toolVersion: "test" });
      expect(result.snapshot.errors).toEqual([expect.objectContaining({ operation: "DescribeSubnets", code: "RequestLimitExceeded" })]);
      expect(wire.requests.filter((request) => request.action === "DescribeSubnets")).toHaveLength(2);
    } finally {
      restore();
    }
  });

  it("records a denied call (and a denied describe of one notebook) and collects everything else", async () => {
    await serve({
      networks: { "us-east-1": readWireNetwork(FIXTURE) },
      fault: (request) =>
        request.action === "DescribeNatGateways"
          ? denied("DescribeNatGateways")
          : request.action === "DescribeNotebookInstance"
            ? sageMakerDenied("DescribeNotebookInstance")
            : undefined,
    });
    const result = await collect({ regions: ["us-east-1"], toolVersion: "test" });
    expect(result.snapshot.errors).toEqual([
      expect.objectContaining({ account: ACCOUNT, region: "us-east-1", service: "ec2", operation: "DescribeNatGateways", code: "UnauthorizedOperation" }),
      expect.objectContaining({ account: ACCOUNT, region: "us-east-1", service: "sagemaker", operation: "DescribeNotebookInstance", code: "AccessDeniedException" }),
    ]);
    expect(result.snapshot.errors[1]?.message).toMatch(/^nat-notebook: /);
    const docs = documents(result);
    expect(listDocument(docs, "NatGateways")).toBeUndefined();
    expect(listDocument(docs, "Subnets")).toBeDefined();
    // The list output stays, so readers know the notebook exists even without its settings.
    expect(listDocument(docs, "NotebookInstances")?.NotebookInstances).toEqual([expect.objectContaining({ NotebookInstanceName: "nat-notebook" })]);
  });

  it("records a malformed XML response as MalformedResponse and goes on", async () => {
    await serve({
      networks: { "us-east-1": readWireNetwork(FIXTURE) },
      fault: (request) =>
        request.action === "DescribeRouteTables"
          ? { status: 200, body: '<DescribeRouteTablesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><routeTableSet><item><routeTableId>rtb-1</route' }
          : undefined,
    });
    const result = await collect({ regions: ["us-east-1"], toolVersion: "test" });
    expect(result.snapshot.errors).toEqual([expect.objectContaining({ operation: "DescribeRouteTables", code: "MalformedResponse" })]);
    expect(listDocument(documents(result), "RouteTables")).toBeUndefined();
    expect(listDocument(documents(result), "Vpcs")).toBeDefined();
  });

  it("fails with nothing usable when every call is denied", async () => {
    await serve({
      networks: { "us-east-1": readWireNetwork(FIXTURE) },
      fault: (request) => (request.service === "ec2" ? denied(request.action) : sageMakerDenied(request.action)),
    });
    const attempt = collect({ regions: ["us-east-1"], toolVersion: "test" });
    await expect(attempt).rejects.toBeInstanceOf(CollectFailure);
    await expect(attempt).rejects.toThrow(/nothing collected: every API call failed .*UnauthorizedOperation/);
  });

  it("stops at once when AWS rejects the credentials", async () => {
    const wire = await serve({
      networks: { "us-east-1": readWireNetwork(FIXTURE) },
      fault: () => ({ status: 401, body: ec2Error("AuthFailure", "AWS was not able to validate the provided access credentials") }),
    });
    await expect(collect({ regions: ["us-east-1"], toolVersion: "test", concurrency: 1 })).rejects.toThrow(/AWS rejected the credentials .*AuthFailure/);
    // The first failure ended the run; the other calls were not all sent.
    expect(wire.requests.length).toBeLessThan(collectActions().length);
  });

  it("fails clearly when no Region is configured", async () => {
    await serve({ networks: {} }, null);
    await expect(collect({ regions: undefined, toolVersion: "test" })).rejects.toThrow(/no AWS Region configured/);
  });

  it("honours the service-specific endpoint variables AWS_ENDPOINT_URL_EC2, _SAGEMAKER, _ROUTE_53, _IAM, _S3 and _ORGANIZATIONS", async () => {
    const wire = await serve({ networks: { "us-east-1": readWireNetwork(FIXTURE) } });
    const restore = applyEnv({
      AWS_ENDPOINT_URL: "http://127.0.0.1:9",
      AWS_ENDPOINT_URL_EC2: wire.url,
      AWS_ENDPOINT_URL_SAGEMAKER: wire.url,
      AWS_ENDPOINT_URL_ROUTE_53: wire.url,
      AWS_ENDPOINT_URL_IAM: wire.url,
      AWS_ENDPOINT_URL_S3: wire.url,
      AWS_ENDPOINT_URL_ORGANIZATIONS: wire.url,
    });
    try {
      const result = await collect({ regions: ["us-east-1"], toolVersion: "test" });
      expect(result.snapshot.errors).toEqual([]);
      expect(wire.requests.some((request) => request.service === "sagemaker")).toBe(true);
      expect(wire.requests.some((request) => request.service === "route53")).toBe(true);
    } finally {
      restore();
    }
  });

  it("rejects a malformed Region name before any call", async () => {
    const wire = await serve({ networks: {} });
    await expect(collect({ regions: ["us-east-1", "moon-1"], toolVersion: "test" })).rejects.toThrow(/--regions: "moon-1" is not a Region name/);
    expect(wire.requests).toEqual([]);
  });
});

describe("the transit gateway and Route 53 documents collect writes load through the snapshot reader", () => {
  it("routes, associations and propagations per table, and a private zone's VPCs and records, with no warning", async () => {
    const wire = await serve({ networks: { "us-east-1": fullNetwork() }, hostedZones: HOSTED_ZONES, pageSize: 2 });
    const result = await collect({ regions: ["us-east-1"], toolVersion: "test" });
    expect(result.snapshot.errors).toEqual([]);
    const docs = documents(result);
    // Route 53 is read page by page to the end (2 zones a page, 2 records a page), and the document
    // keeps no paging flag, so the loader never takes a whole listing for one page.
    expect(wire.requests.filter((request) => request.action === "ListResourceRecordSets")).toHaveLength(2);
    const records = docs.find((doc) => doc.HostedZoneId === "Z0PRIVATE");
    expect((records?.ResourceRecordSets as unknown[]).length).toBe(HOSTED_ZONES[0]!.ResourceRecordSets.length);
    for (const doc of docs) for (const key of ["IsTruncated", "NextRecordName", "NextMarker"]) expect(doc, key).not.toHaveProperty(key);
    expect(docs).toContainEqual(expect.objectContaining({ TransitGatewayRouteTableId: "tgw-rtb-0aaa", Routes: [expect.objectContaining({ DestinationCidrBlock: "10.0.0.0/8" })], AdditionalRoutesAvailable: false }));
    // Only the private zone is read beyond the list.
    expect(docs.filter((doc) => "HostedZoneId" in doc).map((doc) => doc.HostedZoneId)).toEqual(["Z0PRIVATE"]);
    const folder = mkdtempSync(join(tmpdir(), "vpcreach-wire-load-"));
    try {
      const path = join(folder, "snap.json");
      await writeSnapshotFile(path, result.snapshot);
      const model = await loadModel(path);
      expect(model.warnings.filter((warning) => /TransitGateway|Routes|Associations|HostedZone|ResourceRecordSets|IsTruncated/.test(warning.message))).toEqual([]);
      expect(model.truncatedZoneLists).toEqual([]);
      const table = model.transitGatewayRouteTables.get("tgw-rtb-0aaa");
      expect(table?.routesGiven).toBe("all");
      expect(table?.routes).toHaveLength(1);
      expect(table?.routesTruncated).toBe(false);
      expect(table?.propagations).toHaveLength(1);
      const zone = model.hostedZones.get("Z0PRIVATE");
      expect(zone?.recordsTruncated).toBe(false);
      expect(zone?.vpcs).toEqual([{ vpcId: "vpc-06c270c388eacc748", region: "us-east-1" }]);
      expect(zone?.records?.find((record) => record.type === "A")?.aliasTarget).toBe("vpce-0abc.api.sagemaker.us-east-1.vpce.amazonaws.com");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
