/**
 * The identity findings (a table of valid and invalid cases) on the ML platform with its identity
 * overlay (fixtures/identity/ml-platform) and edited copies: broad roles, buckets not bound to a
 * network, endpoints that buckets trust with full-access policies, and S3 grants whose only path is
 * through NAT.
 */
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { startAudit } from "../../../src/engine/audit.js";
import { createAnalyzer } from "../../../src/engine/index.js";
import { loadModels } from "../../../src/snapshot/load.js";
import { editedCopy, type JsonEdit } from "../../helpers/fixtures.js";

const FIXTURES = resolve(import.meta.dirname, "../../../fixtures");
const PLATFORM = join(FIXTURES, "ml-platform");
const IDENTITY = join(FIXTURES, "identity/ml-platform");
const DETAILS = "iam/get-account-authorization-details.json";

/** A copy of a folder with one JSON file edited. */
const edited = (folder: string, file: string, edit: JsonEdit): string => editedCopy(folder, [[file, edit]]);

type Role = { AttachedManagedPolicies: { PolicyArn: string; PolicyName: string }[]; RolePolicyList: { PolicyDocument: { Statement: unknown[] } }[] };
const role = (json: Record<string, unknown>) => (json.RoleDetailList as Role[])[0]!;

async function findings(network: string, identity: string): Promise<string[]> {
  const model = await loadModels([network, identity]);
  return startAudit(createAnalyzer(model))
    .findings()
    .filter((f) => ["notebook-role-broad-policy", "bucket-not-bound-to-network", "endpoint-policy-open-for-bound-bucket", "role-s3-through-internet"].includes(f.rule))
    .map((f) => `${f.severity} ${f.rule} ${f.resource}`);
}

const NOTEBOOKS = ["feature-eng", "research-notebook", "sandbox-direct", "training-prep", "west-inference-notebook"];

describe("identity findings", () => {
  it("on the overlay as it is: only the full-access west S3 endpoint that ml-west-models trusts", async () => {
    expect(await findings(PLATFORM, IDENTITY)).toEqual(["low endpoint-policy-open-for-bound-bucket vpce-0510c9ddd4304d9b8"]);
  });

  it.each([
    ["AdministratorAccess attached", (json: Record<string, unknown>) => role(json).AttachedManagedPolicies.push({ PolicyName: "AdministratorAccess", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }), "high"],
    ["a statement allowing s3:* on *", (json: Record<string, unknown>) => role(json).RolePolicyList[0]!.PolicyDocument.Statement.push({ Effect: "Allow", Action: "s3:*", Resource: "*" }), "medium"],
  ])("a broad role (%s) is reported for every notebook using it", async (_name, edit, severity) => {
    const result = await findings(PLATFORM, edited(IDENTITY, DETAILS, edit));
    expect(result.filter((f) => f.includes("notebook-role-broad-policy"))).toEqual(NOTEBOOKS.map((n) => `${severity} notebook-role-broad-policy ${n}`));
  });

  it("a bucket the role reads, whose policy tests no network key, is reported; one with a network condition is not", async () => {
    const unbound = edited(IDENTITY, "policies/s3/ml-training-data.json", (json) => {
      json.Policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "NoHttp", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::ml-training-data/*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] });
    });
    const result = await findings(PLATFORM, unbound);
    expect(result).toContain("low bucket-not-bound-to-network ml-training-data");
    expect(result.filter((f) => f.includes("bucket-not-bound-to-network"))).toHaveLength(1);
  });

  it("an S3 grant whose only path to S3 is through NAT is reported for that notebook only", async () => {
    const noEndpointRoute = edited(PLATFORM, "us-west-2/describe-route-tables.json", (json) => {
      for (const table of json.RouteTables as { Routes: { GatewayId?: string }[] }[]) table.Routes = table.Routes.filter((r) => r.GatewayId !== "vpce-0510c9ddd4304d9b8");
    });
    const result = await findings(noEndpointRoute, IDENTITY);
    expect(result.filter((f) => f.includes("role-s3-through-internet"))).toEqual(["medium role-s3-through-internet west-inference-notebook"]);
  });

  it("says nothing without identity data", async () => {
    const model = await loadModels([PLATFORM]);
    const rules = startAudit(createAnalyzer(model)).findings().map((f) => f.rule);
    expect(rules.some((r) => ["notebook-role-broad-policy", "bucket-not-bound-to-network", "endpoint-policy-open-for-bound-bucket", "role-s3-through-internet"].includes(r))).toBe(false);
  });
});
