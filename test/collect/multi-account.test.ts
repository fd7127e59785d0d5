/**
 * Several accounts in one collection, over the wire: the Organization's accounts listed, a role
 * assumed in each through STS, every account collected with its own credentials into one snapshot
 * that the loader reads, and an account whose role cannot be assumed recorded — never skipped.
 */
import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collect } from "../../src/collect/collect.js";
import { actionOf, collectPolicy } from "../../src/collect/policy.js";
import type { AnyClient } from "../../src/collect/sdk.js";
import { writeSnapshotFile } from "../../src/snapshot/file.js";
import { loadModel } from "../../src/snapshot/load.js";
import { readWireNetwork, type WireNetwork } from "./wire-network.js";
import { startWireServer, type WireHostedZone, type WireServer } from "./wire-server.js";
import { applyEnv, awsTestEnv } from "./aws-env.js";

const SPOKE = "222233334444";
const PLATFORM = "555566667777";
const LOCKED = "999900001111";

let server: WireServer | undefined;
let restoreEnv: (() => void) | undefined;
let folder: string | undefined;

afterEach(async () => {
  restoreEnv?.();
  await server?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
  server = undefined;
  restoreEnv = undefined;
  folder = undefined;
});

const ZONE: WireHostedZone = {
  HostedZone: { Id: "/hostedzone/Z0SPOKE", Name: "api.sagemaker.us-east-1.amazonaws.com.", CallerReference: "c", Config: { PrivateZone: true } },
  VPCs: [{ VPCRegion: "us-east-1", VPCId: "vpc-06c270c388eacc748" }],
  ResourceRecordSets: [{ Name: "api.sagemaker.us-east-1.amazonaws.com.", Type: "A", AliasTarget: { HostedZoneId: "Z1", DNSName: "vpce-1.example.", EvaluateTargetHealth: false } }],
};

/** A fixture as another account holds it: its account id (owner ids, ARNs) replaced. */
function asAccount(fixture: string, account: string): WireNetwork {
  const network = readWireNetwork(fixture);
  const swap = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value).replaceAll("111122223333", account)));
  const entries = Object.entries(network).map(([key, value]) => [key, value instanceof Map ? new Map(swap([...value]) as [string, unknown][]) : swap(value)]);
  return Object.fromEntries(entries) as WireNetwork;
}

async function serveOrganization(): Promise<WireServer> {
  server = await startWireServer({
    // The caller's own account holds nothing: every resource must come through an assumed role.
    networks: {},
    accounts: {
      [SPOKE]: { networks: { "us-east-1": asAccount("fixtures/nat-notebook/us-east-1", SPOKE) }, hostedZones: [ZONE] },
      [PLATFORM]: {
        networks: { "us-east-1": asAccount("fixtures/ml-platform/us-east-1", PLATFORM), "eu-west-1": asAccount("fixtures/nat-notebook/us-east-1", PLATFORM) },
      },
    },
    organization: [SPOKE, PLATFORM, LOCKED],
    pageSize: 2,
  });
  restoreEnv = applyEnv(awsTestEnv(server.url));
  return server;
}

function recordCommands(sent: Set<string>): (client: AnyClient) => void {
  const names: Record<string, string> = { EC2Client: "ec2", SageMakerClient: "sagemaker", Route53Client: "route53", STSClient: "sts", OrganizationsClient: "organizations", IAMClient: "iam", S3Client: "s3" };
  return (client) => {
    const service = names[client.constructor.name] ?? client.constructor.name;
    (client.middlewareStack as { add: (middleware: unknown, options: unknown) => void }).add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
        sent.add(actionOf(service, String(context.commandName).replace(/Command$/, "")));
        return next(args);
      },
      { step: "initialize", name: "recordCommandForTest" },
    );
  };
}

describe("collect several accounts", () => {
  it("--organization: lists the accounts, assumes the role in each, collects each with its own credentials into one snapshot", async () => {
    const wire = await serveOrganization();
    const sent = new Set<string>();
    const result = await collect({
      regions: "all",
      multiAccount: { roleName: "vpcreach-collect", accounts: "organization" },
      configureClient: recordCommands(sent),
      toolVersion: "test",
    });
    // The account whose role cannot be assumed is a failed call, named; the others are complete.
    expect(result.unreachableAccounts).toEqual([LOCKED]);
    expect(result.snapshot.errors).toEqual([
      expect.objectContaining({ account: LOCKED, service: "sts", operation: "AssumeRole", code: "AccessDenied", message: expect.stringMatching(/^arn:aws:iam::999900001111:role\/vpcreach-collect: /) }),
    ]);
    // One source per account and Region: each account's own enabled Regions.
    expect(result.snapshot.sources.map((source) => `${source.account}/${source.region}`).sort()).toEqual(
      [`${PLATFORM}/eu-west-1`, `${PLATFORM}/us-east-1`, `${SPOKE}/us-east-1`].sort(),
    );
    expect(result.snapshot.regions).toEqual(["eu-west-1", "us-east-1"]);
    // Every resource request was signed with the assumed role of the account it read.
    const resourceRequests = wire.requests.filter((request) => request.service !== "sts" && request.service !== "organizations");
    expect(resourceRequests.every((request) => request.account === SPOKE || request.account === PLATFORM)).toBe(true);
    expect(wire.requests.filter((request) => request.action === "AssumeRole").map((request) => request.params.RoleArn).sort()).toEqual(
      [SPOKE, PLATFORM, LOCKED].map((account) => `arn:aws:iam::${account}:role/vpcreach-collect`).sort(),
    );
    // Route 53 once per account, stored with the account's first Region.
    const spoke = result.snapshot.sources.find((source) => source.account === SPOKE)?.documents as Record<string, unknown>[];
    expect(spoke).toContainEqual({ HostedZoneId: "Z0SPOKE", ResourceRecordSets: ZONE.ResourceRecordSets });
    expect(wire.requests.filter((request) => request.action === "ListHostedZones").map((request) => request.account).sort()).toEqual([SPOKE, PLATFORM].sort());
    // IAM and S3 with each account's role; the Organization's policies once, with the caller's own
    // credentials, and each collected account's parents.
    expect(wire.requests.filter((request) => request.action === "GetAccountAuthorizationDetails").map((request) => request.account).sort()).toEqual([SPOKE, PLATFORM].sort());
    expect(wire.requests.filter((request) => request.service === "organizations").every((request) => request.account === undefined)).toBe(true);
    expect(wire.requests.filter((request) => request.action === "ListParents").map((request) => request.params.ChildId).sort()).toEqual([SPOKE, PLATFORM].sort());
    // The caller needs only the policy's later statements; each account's role the first.
    const policy = collectPolicy({ roleName: "vpcreach-collect", organization: true });
    expect(sent.has("sts:AssumeRole") && sent.has("organizations:ListAccounts")).toBe(true);
    const allowed = new Set(policy.Statement.flatMap((statement) => statement.Action));
    for (const action of sent) expect(allowed.has(action), action).toBe(true);
    // The merged snapshot loads through the existing loader, with each account's notebooks.
    folder = mkdtempSync(join(tmpdir(), "vpcreach-multi-"));
    const path = join(folder, "estate.json");
    await writeSnapshotFile(path, result.snapshot);
    const model = await loadModel(path);
    const owners = new Set([...model.notebooks.values()].map((notebook) => notebook.scope.account));
    expect(owners).toEqual(new Set([SPOKE, PLATFORM]));
  });

  it("--accounts: only the listed accounts; a role that cannot be assumed is recorded and the rest collected", async () => {
    const wire = await serveOrganization();
    const result = await collect({ regions: ["us-east-1"], multiAccount: { roleName: "vpcreach-collect", accounts: [SPOKE, LOCKED] }, toolVersion: "test" });
    expect(result.unreachableAccounts).toEqual([LOCKED]);
    expect(result.snapshot.sources.map((source) => source.account)).toEqual([SPOKE]);
    expect(wire.requests.some((request) => request.action === "ListAccounts")).toBe(false);
    expect(wire.requests.some((request) => request.account === PLATFORM)).toBe(false);
  });

  it("no account reachable: nothing written", async () => {
    await serveOrganization();
    await expect(collect({ regions: ["us-east-1"], multiAccount: { roleName: "vpcreach-collect", accounts: [LOCKED] }, toolVersion: "test" })).rejects.toThrow(
      /nothing collected: no account could be reached \(999900001111 us-east-1 sts:AssumeRole: AccessDenied/,
    );
  });

  it("--organization outside an Organization fails with advice", async () => {
    server = await startWireServer({ networks: {} });
    restoreEnv = applyEnv(awsTestEnv(server.url));
    await expect(collect({ regions: ["us-east-1"], multiAccount: { roleName: "r", accounts: "organization" }, toolVersion: "test" })).rejects.toThrow(
      /--organization: organizations:ListAccounts failed \(AWSOrganizationsNotInUseException: .*pass --accounts/,
    );
  });

  it("rejects malformed account ids and role names before any call", async () => {
    const wire = await serveOrganization();
    await expect(collect({ regions: ["us-east-1"], multiAccount: { roleName: "r", accounts: ["1234"] }, toolVersion: "test" })).rejects.toThrow(/--accounts: "1234" is not a 12-digit account id/);
    await expect(collect({ regions: ["us-east-1"], multiAccount: { roleName: "arn:aws:iam::1:role/x", accounts: [SPOKE] }, toolVersion: "test" })).rejects.toThrow(
      /--role-name: .* is not an IAM role name/,
    );
    expect(wire.requests).toEqual([]);
  });
});
