/**
 * Identity data as `collect` gathers it: SCPs attached to organizational units reach the account
 * through the list-parents chain (never a guess without it), the bucket listing tells a bucket without
 * a policy from one the snapshot does not know, and an identity call that failed during collect makes
 * the answers it decides unknown (a failed Organizations read: an allow, never an explicit deny).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkIdentity, identityTarget } from "../../../src/engine/identity.js";
import { createAnalyzer } from "../../../src/engine/index.js";
import { loadModels } from "../../../src/snapshot/load.js";
import type { CollectError } from "../../../src/model/types.js";

const FIXTURES = resolve(import.meta.dirname, "../../../fixtures");
const PLATFORM = join(FIXTURES, "ml-platform");
const IDENTITY = join(FIXTURES, "identity/ml-platform");
const ACCOUNT = "111122223333";
const OU = "ou-ab12-mlplatform";

/** A copy of the identity overlay with files written (relative path → JSON) and edited. */
function identityCopy(files: Record<string, unknown>, edit?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "vpcreach-identity-org-"));
  cpSync(IDENTITY, dir, { recursive: true });
  for (const [file, json] of Object.entries(files)) writeFileSync(join(dir, file), JSON.stringify(json));
  edit?.(dir);
  return dir;
}

/** Moves the account's SCP targets to the OU (FullAWSAccess stays on the account too, as AWS attaches it everywhere). */
function attachToOu(dir: string, fullAccessOnOu: boolean): void {
  const retarget = (policy: string, targets: (old: { TargetId: string }[]) => { TargetId: string }[]) => {
    const path = join(dir, `organizations/list-targets-for-policy-${policy}.json`);
    const json = JSON.parse(readFileSync(path, "utf8")) as { Targets: { TargetId: string }[] };
    writeFileSync(path, JSON.stringify({ Targets: targets(json.Targets) }));
  };
  retarget("p-guardrails1", () => [{ TargetId: OU }]);
  if (fullAccessOnOu) retarget("p-FullAWSAccess", (old) => [...old, { TargetId: OU }]);
}

const parents = {
  [`organizations/list-parents-${ACCOUNT}.json`]: { Parents: [{ Id: OU, Type: "ORGANIZATIONAL_UNIT" }] },
  [`organizations/list-parents-${OU}.json`]: { Parents: [{ Id: "r-ab12", Type: "ROOT" }] },
};

/** A snapshot file holding only the failed calls of a collection. */
function failedCalls(errors: Partial<CollectError>[]): string {
  const path = join(mkdtempSync(join(tmpdir(), "vpcreach-identity-errors-")), "errors.json");
  const full = errors.map((error) => ({ account: ACCOUNT, region: "global", message: "denied", code: "AccessDenied", ...error }));
  writeFileSync(path, JSON.stringify({ formatVersion: 1, tool: { name: "vpcreach", version: "test" }, createdAt: "", regions: [], sources: [], errors: full }));
  return path;
}

async function ask(snapshots: string[], from: string, to: string, action: string) {
  const model = await loadModels(snapshots);
  const target = identityTarget(to, undefined);
  return checkIdentity(model, createAnalyzer(model).query({ from, to: target.to }), { action, resourceArn: target.resource! });
}

describe("SCPs on organizational units", () => {
  it("without the account's parents in the snapshot: unknown, naming the list-parents file", async () => {
    const answer = await ask([PLATFORM, identityCopy({}, (dir) => attachToOu(dir, true))], "research-notebook", "s3://ml-training-data/x.csv", "s3:GetObject");
    expect(answer.verdict).toBe("unknown");
    expect(answer.blockedAt!.rule.text).toContain(`organizations/list-parents-${ACCOUNT}.json`);
  });

  it("through the parent chain: the OU's SCP denies, the OU's FullAWSAccess lets the rest through", async () => {
    const identity = identityCopy(parents, (dir) => attachToOu(dir, true));
    const denied = await ask([PLATFORM, identity], "research-notebook", "s3://ml-training-data", "s3:PutBucketPolicy");
    expect(denied.verdict).toBe("unreachable");
    expect(denied.blockedAt!.rule.text).toContain('ml-guardrails denies s3:PutBucketPolicy (statement "NoBucketPolicyChanges")');
    const allowed = await ask([PLATFORM, identity], "research-notebook", "s3://ml-training-data/x.csv", "s3:GetObject");
    expect(allowed.verdict).toBe("reachable");
  });

  it("an OU level whose SCPs allow nothing denies every action (each level must allow)", async () => {
    const answer = await ask([PLATFORM, identityCopy(parents, (dir) => attachToOu(dir, false))], "research-notebook", "s3://ml-training-data/x.csv", "s3:GetObject");
    expect(answer.verdict).toBe("unreachable");
    expect(answer.blockedAt).toMatchObject({ type: "iam-policy", code: "IAM_POLICY_RESTRICTION" });
  });

  it("a parent chain that stops short of the root is unknown, naming the missing file", async () => {
    const identity = identityCopy({ [`organizations/list-parents-${ACCOUNT}.json`]: parents[`organizations/list-parents-${ACCOUNT}.json`] }, (dir) => attachToOu(dir, true));
    const answer = await ask([PLATFORM, identity], "research-notebook", "s3://ml-training-data/x.csv", "s3:GetObject");
    expect(answer.verdict).toBe("unknown");
    expect(answer.blockedAt!.rule.text).toContain(`organizations/list-parents-${OU}.json`);
  });
});

describe("the bucket listing", () => {
  const listing = { "policies/s3/list-buckets.json": { Buckets: ["ml-west-models", "ml-training-data", "ml-public-datasets", "ml-scratch"].map((Name) => ({ Name })) } };

  it("a listed bucket without a policy file has no policy; one not listed is unknown", async () => {
    const identity = identityCopy(listing);
    const unlisted = await ask([PLATFORM, identity], "research-notebook", "s3://someone-elses-bucket/x.csv", "s3:GetObject");
    expect(unlisted.verdict).toBe("unknown");
    expect(unlisted.blockedAt!.rule.text).toContain("someone-elses-bucket is not in policies/s3/list-buckets.json");
    // ml-scratch: no bucket policy, and the role grants nothing on it — decided by the role, not unknown.
    const listed = await ask([PLATFORM, identity], "research-notebook", "s3://ml-scratch/x.csv", "s3:GetObject");
    expect(listed.verdict).toBe("unreachable");
    expect(listed.blockedAt!.rule.text).toContain("does not allow s3:GetObject");
  });
});

describe("identity calls that failed during collect", () => {
  it("a failed Organizations read turns an allow into unknown, and leaves an explicit deny standing", async () => {
    const errors = failedCalls([{ service: "organizations", operation: "ListPolicies", code: "AccessDeniedException" }]);
    const allowed = await ask([PLATFORM, IDENTITY, errors], "research-notebook", "s3://ml-training-data/x.csv", "s3:GetObject");
    expect(allowed.verdict).toBe("unknown");
    expect(allowed.blockedAt!.rule.text).toContain("organizations:ListPolicies failed during collect (AccessDeniedException");
    const denied = await ask([PLATFORM, IDENTITY, errors], "research-notebook", "s3://ml-training-data", "s3:PutBucketPolicy");
    expect(denied.verdict).toBe("unreachable");
  });

  it("a failed GetBucketPolicy or GetAccountAuthorizationDetails is unknown, naming the call", async () => {
    const bucket = await ask([PLATFORM, IDENTITY, failedCalls([{ service: "s3", operation: "GetBucketPolicy", message: "ml-scratch: Access Denied" }])], "research-notebook", "s3://ml-scratch/x.csv", "s3:GetObject");
    expect(bucket.verdict).toBe("unknown");
    expect(bucket.blockedAt!.rule.text).toContain("the policy of bucket ml-scratch is not known: s3:GetBucketPolicy failed during collect");
    const withoutIam = mkdtempSync(join(tmpdir(), "vpcreach-identity-noiam-"));
    cpSync(join(IDENTITY, "policies"), join(withoutIam, "policies"), { recursive: true });
    const iam = await ask([PLATFORM, withoutIam, failedCalls([{ service: "iam", operation: "GetAccountAuthorizationDetails" }])], "research-notebook", "s3://ml-training-data/x.csv", "s3:GetObject");
    expect(iam.verdict).toBe("unknown");
    expect(iam.blockedAt!.rule.text).toContain(`the IAM data of account ${ACCOUNT} is not known: iam:GetAccountAuthorizationDetails failed during collect`);
  });
});
