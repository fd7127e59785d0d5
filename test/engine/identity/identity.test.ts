/**
 * Identity on the proven path, on the ML platform with its identity overlay
 * (fixtures/identity/ml-platform): each combination — through the gateway endpoint or through NAT,
 * endpoint policy allow or deny, bucket policy on aws:SourceVpce / aws:SourceVpc / aws:SourceIp, role
 * allow or deny (managed policy default version only), SCP deny — gives the verdict AWS would,
 * naming the deciding statement; and missing data gives `unknown` or a warning, never a guess.
 */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkIdentity, identityTarget } from "../../../src/engine/identity.js";
import { createAnalyzer } from "../../../src/engine/index.js";
import { loadModels } from "../../../src/snapshot/load.js";
import { editedCopy, type JsonEdit } from "../../helpers/fixtures.js";

const FIXTURES = resolve(import.meta.dirname, "../../../fixtures");
const PLATFORM = join(FIXTURES, "ml-platform");
const IDENTITY = join(FIXTURES, "identity/ml-platform");

/** A copy of the ML platform with one file edited. */
const edited = (file: string, edit: JsonEdit): string => editedCopy(PLATFORM, [[file, edit]]);

async function ask(snapshots: string[], from: string, to: string, action: string, resource?: string) {
  const model = await loadModels(snapshots);
  const target = identityTarget(to, resource);
  const network = createAnalyzer(model).query({ from, to: target.to });
  return checkIdentity(model, network, { action, resourceArn: target.resource! });
}

type Table = { RouteTableId: string; Routes: { GatewayId?: string }[] };
/** The west notebook's subnet sends S3 to its NAT gateway: the gateway endpoint's route is gone. */
const westWithoutEndpointRoute = () =>
  edited("us-west-2/describe-route-tables.json", (json) => (json.RouteTables as Table[]).forEach((t) => (t.Routes = t.Routes.filter((r) => r.GatewayId !== "vpce-0510c9ddd4304d9b8"))));
const westEndpointPolicy = (statement: object) =>
  edited("us-west-2/describe-vpc-endpoints.json", (json) => {
    for (const endpoint of json.VpcEndpoints as { PolicyDocument?: string }[]) endpoint.PolicyDocument = JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
  });

describe("identity on the path", () => {
  it.each([
    ["through the gateway endpoint the bucket requires (aws:SourceVpce)", [PLATFORM], "west-inference-notebook", "s3://ml-west-models/model.tar.gz", "s3:GetObject", "reachable", undefined],
    ["from the VPC the bucket requires (aws:SourceVpc)", [PLATFORM], "research-notebook", "s3://ml-training-data/x.csv", "s3:GetObject", "reachable", undefined],
    ["a bucket that requires the NAT addresses, reached through the endpoint (no aws:SourceIp)", [PLATFORM], "research-notebook", "s3://ml-public-datasets/x.csv", "s3:GetObject", "unreachable", 'bucket policy of ml-public-datasets denies s3:GetObject (statement "OnlyFromTheNatAddresses")'],
    ["an action the managed policy's default version denies", [PLATFORM], "research-notebook", "s3://ml-training-data/x.csv", "s3:DeleteObject", "unreachable", 'ml-deny-deletes denies s3:DeleteObject (statement "NoDeletes")'],
    ["an action no role statement allows", [PLATFORM], "west-inference-notebook", "s3://ml-west-models/model.tar.gz", "s3:PutObject", "unreachable", "does not allow s3:PutObject"],
    ["an action the SCP denies", [PLATFORM], "research-notebook", "s3://ml-training-data", "s3:PutBucketPolicy", "unreachable", 'ml-guardrails denies s3:PutBucketPolicy (statement "NoBucketPolicyChanges")'],
  ])("%s", async (_name, snapshots, from, to, action, verdict, rule) => {
    const answer = await ask([...snapshots, IDENTITY], from, to, action);
    expect(answer.verdict).toBe(verdict);
    if (rule) {
      expect(answer.blockedAt).toMatchObject({ type: "iam-policy", code: "IAM_POLICY_RESTRICTION" });
      expect(answer.blockedAt!.rule.text).toContain(rule);
      expect(answer.fix).toBeDefined();
    } else {
      expect(answer.path.at(-1)).toMatchObject({ component: "identity", type: "iam-policy" });
    }
  });

  it("through the NAT gateway instead of the endpoint, the bucket's aws:SourceVpce condition denies", async () => {
    const answer = await ask([westWithoutEndpointRoute(), IDENTITY], "west-inference-notebook", "s3://ml-west-models/model.tar.gz", "s3:GetObject");
    expect(answer.path.some((hop) => hop.type === "nat-gateway")).toBe(true);
    expect(answer.verdict).toBe("unreachable");
    expect(answer.blockedAt!.rule.text).toBe('bucket policy of ml-west-models denies s3:GetObject (statement "OnlyThroughTheWestEndpoint")');
    expect(answer.explanation).toContain("aws:SourceIp 44.31.0.1");
  });

  it("an endpoint policy that denies the action decides; one that allows it lets the request through", async () => {
    const denying = await ask([westEndpointPolicy({ Sid: "NoGets", Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: "*" }), IDENTITY], "west-inference-notebook", "s3://ml-west-models/model.tar.gz", "s3:GetObject");
    expect(denying.verdict).toBe("unreachable");
    expect(denying.blockedAt!.rule.text).toContain('denies s3:GetObject (statement "NoGets")');
    const allowing = await ask([westEndpointPolicy({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::ml-west-models/*" }), IDENTITY], "west-inference-notebook", "s3://ml-west-models/model.tar.gz", "s3:GetObject");
    expect(allowing.verdict).toBe("reachable");
  });

  it("keeps the network answer with a warning when the snapshot has no IAM data", async () => {
    const answer = await ask([PLATFORM], "research-notebook", "s3://ml-training-data/x.csv", "s3:GetObject");
    expect(answer.verdict).toBe("reachable");
    expect(answer.warnings).toContain("identity was not checked: the snapshot has no IAM data (iam/, policies/, organizations/)");
  });

  it("is unknown, naming what to add, when the bucket's policy or the role is not in the snapshot", async () => {
    const policiesOnly = mkdtempSync(join(tmpdir(), "vpcreach-identity-"));
    cpSync(join(IDENTITY, "policies"), join(policiesOnly, "policies"), { recursive: true });
    const noRole = await ask([PLATFORM, policiesOnly], "research-notebook", "s3://ml-training-data/x.csv", "s3:GetObject");
    expect(noRole.verdict).toBe("unknown");
    expect(noRole.explanation).toContain("no IAM data in the snapshot (add iam/get-account-authorization-details.json)");
    const iamOnly = mkdtempSync(join(tmpdir(), "vpcreach-identity-"));
    cpSync(join(IDENTITY, "iam"), join(iamOnly, "iam"), { recursive: true });
    const noBucket = await ask([PLATFORM, iamOnly], "research-notebook", "s3://ml-training-data/x.csv", "s3:GetObject");
    expect(noBucket.verdict).toBe("unknown");
    expect(noBucket.explanation).toContain("add policies/s3/ml-training-data.json");
  });

  it("is unknown when a policy tests a key whose value the path leaves unknown (SageMaker's own network)", async () => {
    const answer = await ask([PLATFORM, IDENTITY], "sandbox-direct", "s3://ml-public-datasets/x.csv", "s3:GetObject");
    expect(answer.path.some((hop) => hop.type === "sagemaker-managed-network")).toBe(true);
    expect(answer.verdict).toBe("unknown");
    expect(answer.explanation).toContain("a policy tests aws:SourceIp");
  });

  it("names the SageMaker resource in the notebook's account and Region", async () => {
    const answer = await ask([PLATFORM, IDENTITY], "research-notebook", "sagemaker-runtime", "sagemaker:InvokeEndpoint", "endpoint/churn");
    expect(answer.verdict).toBe("reachable");
    expect(answer.explanation).toContain("arn:aws:sagemaker:us-east-1:111122223333:endpoint/churn");
  });
});

describe("identityTarget", () => {
  it.each([
    ["s3://bucket/a/b.csv", undefined, { to: "s3", resource: "arn:aws:s3:::bucket/a/b.csv" }],
    ["s3://bucket", undefined, { to: "s3", resource: "arn:aws:s3:::bucket" }],
    ["s3://bucket/", undefined, { to: "s3", resource: "arn:aws:s3:::bucket" }],
    ["sagemaker-runtime", "endpoint/x", { to: "sagemaker-runtime", resource: "endpoint/x" }],
    ["internet", undefined, { to: "internet", resource: undefined }],
  ])("%s %s", (to, resource, expected) => {
    expect(identityTarget(to, resource)).toEqual(expected);
  });

  it("rejects an S3 URL without a bucket", () => {
    expect(() => identityTarget("s3://", undefined)).toThrow(/names a bucket/);
  });
});
