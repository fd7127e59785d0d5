/**
 * `collect` gathers the identity data through the real IAM, S3 and Organizations SDK clients against
 * the loopback stand-in (IAM Query XML, S3 REST-XML, Organizations JSON 1.1): the files the folder
 * layout names, NoSuchBucketPolicy as "no policy", denied calls recorded, `--no-identity`, and the
 * same identity verdict on the collected snapshot as on the fixture folders.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collect } from "../../src/collect/collect.js";
import { collectActions, collectPolicy, IDENTITY_OPERATIONS } from "../../src/collect/policy.js";
import { writeSnapshotFile } from "../../src/snapshot/file.js";
import { loadModel, loadModels } from "../../src/snapshot/load.js";
import { createAnalyzer } from "../../src/engine/index.js";
import { checkIdentity } from "../../src/engine/identity.js";
import type { Model } from "../../src/model/types.js";
import { readWireNetwork, type WireNetwork } from "./wire-network.js";
import { readWireIdentity, readWireOrganization } from "./wire-identity.js";
import { startWireServer, type Fault, type WireRequest, type WireServer } from "./wire-server.js";
import { applyEnv, awsTestEnv } from "./aws-env.js";

const NETWORK = "fixtures/ml-platform";
const IDENTITY = "fixtures/identity/ml-platform";

let server: WireServer | undefined;
let restoreEnv: (() => void) | undefined;
let folder: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "vpcreach-identity-"));
});

afterEach(async () => {
  restoreEnv?.();
  restoreEnv = undefined;
  await server?.close();
  server = undefined;
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

function networks(): Record<string, WireNetwork> {
  const regions = readdirSync(NETWORK).filter((name) => /^[a-z]{2}(-[a-z]+)+-\d+$/.test(name));
  return Object.fromEntries(regions.map((region) => [region, readWireNetwork(join(NETWORK, region))]));
}

async function collectPlatform(options: { fault?: (request: WireRequest) => Fault | undefined; identity?: boolean; organization?: boolean } = {}) {
  const served = networks();
  server = await startWireServer({
    networks: served,
    identity: readWireIdentity(IDENTITY, ["ml-scratch"]),
    ...(options.organization === false ? {} : { organizationPolicies: readWireOrganization(IDENTITY) }),
    pageSize: 1,
    ...(options.fault ? { fault: options.fault } : {}),
  });
  restoreEnv = applyEnv(awsTestEnv(server.url));
  const result = await collect({ regions: Object.keys(served), toolVersion: "test", identity: options.identity });
  const path = join(folder, `collected-${Math.random().toString(36).slice(2)}.json`);
  await writeSnapshotFile(path, result.snapshot);
  return { result, path, requests: server.requests };
}

function filesOf(result: Awaited<ReturnType<typeof collect>>): Record<string, unknown> {
  return Object.fromEntries(result.snapshot.sources.flatMap((source) => source.files ?? []).map((file) => [file.path, file.document]));
}

describe("collect: identity data", () => {
  it("gathers IAM, bucket policies and the Organization under the folder layout's names, every call on the policy", async () => {
    const { result, requests } = await collectPlatform();
    expect(result.snapshot.errors).toEqual([]);
    const files = filesOf(result);
    expect(Object.keys(files).sort()).toEqual(
      [
        "iam/get-account-authorization-details.json",
        "policies/s3/list-buckets.json",
        "policies/s3/ml-public-datasets.json",
        "policies/s3/ml-training-data.json",
        "policies/s3/ml-west-models.json",
        "organizations/describe-organization.json",
        "organizations/list-roots.json",
        "organizations/list-policies-scp.json",
        "organizations/list-policies-rcp.json",
        "organizations/describe-policy-p-FullAWSAccess.json",
        "organizations/list-targets-for-policy-p-FullAWSAccess.json",
        "organizations/describe-policy-p-guardrails1.json",
        "organizations/list-targets-for-policy-p-guardrails1.json",
        "organizations/list-parents-111122223333.json",
      ].sort(),
    );
    // ml-scratch has no policy (NoSuchBucketPolicy): listed, no file, no failed call.
    expect((files["policies/s3/list-buckets.json"] as { Buckets: { Name: string }[] }).Buckets.map((b) => b.Name)).toContain("ml-scratch");
    // IAM paged with Marker (1 item a page) and asked only for roles and managed policies.
    const iam = requests.filter((request) => request.action === "GetAccountAuthorizationDetails");
    expect(iam.length).toBeGreaterThan(1);
    expect(iam[0]?.params).toMatchObject({ "Filter.member.1": "Role", "Filter.member.2": "LocalManagedPolicy", "Filter.member.3": "AWSManagedPolicy" });
    expect(iam[1]?.params.Marker).toBe("1");
    // Every request is an action of the printed policy, and every identity action was used.
    const actionOf = new Map<string, string>(IDENTITY_OPERATIONS.map((call) => [`${call.service}:${call.operation}`, call.action]));
    const policy = new Set(collectActions());
    const sent = new Set(requests.map((request) => actionOf.get(`${request.service}:${request.action}`) ?? `${request.service}:${request.action}`));
    for (const action of sent) expect(policy.has(action), action).toBe(true);
    for (const call of IDENTITY_OPERATIONS) expect(sent.has(call.action), call.action).toBe(true);
  });

  it("the collected snapshot loads into the same identity data as the fixture folders, and gives the same verdicts", async () => {
    const { path } = await collectPlatform();
    const collected = await loadModel(path);
    const original = await loadModels([NETWORK, IDENTITY]);
    const strip = (model: Model) => {
      const identity = model.identity!;
      const clean = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, member: unknown) => (key === "origin" ? undefined : member)));
      return {
        roles: clean([...identity.roles.values()]),
        managedPolicies: clean([...identity.managedPolicies.entries()]),
        bucketPolicies: clean([...identity.bucketPolicies.entries()]),
        organizationPolicies: clean([...identity.organizationPolicies].sort((a, b) => a.id.localeCompare(b.id))),
      };
    };
    expect(strip(collected)).toEqual(strip(original));
    const queries = [
      { from: "west-inference-notebook", to: "s3", action: "s3:GetObject", resource: "arn:aws:s3:::ml-west-models/model.tar.gz", verdict: "reachable" },
      { from: "research-notebook", to: "s3", action: "s3:GetObject", resource: "arn:aws:s3:::ml-public-datasets/x.csv", verdict: "unreachable" },
      { from: "research-notebook", to: "s3", action: "s3:PutBucketPolicy", resource: "arn:aws:s3:::ml-training-data", verdict: "unreachable" },
    ];
    for (const { from, to, action, resource, verdict } of queries) {
      const onCollected = await checkIdentity(collected, createAnalyzer(collected).query({ from, to }), { action, resourceArn: resource });
      const onFixture = await checkIdentity(original, createAnalyzer(original).query({ from, to }), { action, resourceArn: resource });
      expect(onCollected.verdict, `${from} ${action} ${resource}`).toBe(verdict);
      expect(onCollected.blockedAt?.rule).toEqual(onFixture.blockedAt?.rule);
    }
  });

  it("records a denied call like any other, and an account in no Organization is no failure", async () => {
    const deny = (request: WireRequest): Fault | undefined =>
      request.action === "GetBucketPolicy" && request.params.Bucket === "ml-west-models"
        ? { status: 403, contentType: "application/xml", body: "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>" }
        : undefined;
    const { result } = await collectPlatform({ fault: deny, organization: false });
    expect(result.snapshot.errors).toEqual([expect.objectContaining({ service: "s3", operation: "GetBucketPolicy", code: "AccessDenied", message: expect.stringMatching(/^ml-west-models: /) })]);
    const files = Object.keys(filesOf(result));
    expect(files).not.toContain("policies/s3/ml-west-models.json");
    expect(files.some((file) => file.startsWith("organizations/"))).toBe(false);
  });

  it("--no-identity: no IAM, S3 or Organizations call, and the policy leaves their actions out", async () => {
    const { result, requests } = await collectPlatform({ identity: false });
    expect(result.snapshot.errors).toEqual([]);
    expect(requests.filter((request) => ["iam", "s3", "organizations"].includes(request.service))).toEqual([]);
    expect(filesOf(result)).toEqual({});
    const actions = collectPolicy(undefined, false).Statement.flatMap((statement) => statement.Action);
    expect(actions.some((action) => /^(iam|s3|organizations):/.test(action))).toBe(false);
    expect(collectActions()).toEqual(expect.arrayContaining(["iam:GetAccountAuthorizationDetails", "s3:ListAllMyBuckets", "s3:GetBucketPolicy", "organizations:ListParents"]));
  });
});
