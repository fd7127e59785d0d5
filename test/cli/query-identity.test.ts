/** End to end: `vpcreach query --action` on the ML platform with its identity overlay, and its usage errors. */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/vpcreach.js");
const SNAPSHOTS = ["--snapshot", "fixtures/ml-platform", "--snapshot", "fixtures/identity/ml-platform"];
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, "query", ...SNAPSHOTS, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

describe("vpcreach query --action", () => {
  it("proves both halves: exit 0 with the identity hop, exit 1 naming the deciding statement", () => {
    const allowed = run("--from", "west-inference-notebook", "--to", "s3://ml-west-models/model.tar.gz", "--action", "s3:GetObject");
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toMatch(/identity\s+iam-policy\s+request-context: through vpce-0510c9ddd4304d9b8/);
    const denied = run("--from", "research-notebook", "--to", "s3://ml-public-datasets/x.csv", "--action", "s3:GetObject", "--json");
    expect(denied.status).toBe(1);
    const verdict = JSON.parse(denied.stdout) as { blockedAt: { component: string; code: string; rule: { text: string } }; fix: string };
    expect(verdict.blockedAt).toMatchObject({ component: "bucket policy of ml-public-datasets", code: "IAM_POLICY_RESTRICTION" });
    expect(verdict.fix).toContain("change the bucket policy of ml-public-datasets");
  });

  it.each([
    ["an S3 URL without --action", ["--from", "research-notebook", "--to", "s3://b/k"], /--to s3:\/\/b\/k names a resource: give --action/],
    ["--action without a resource", ["--from", "research-notebook", "--to", "s3", "--action", "s3:GetObject"], /--action needs a resource/],
  ])("exit 2 on %s", (_name, args, message) => {
    const { status, stderr } = run(...args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });
});
