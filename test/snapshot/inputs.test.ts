/**
 * Several inputs merged into one model (`loadModels`), multi-account layouts, and global data folders
 * (`route53/`, `iam/`, …) that need no Region.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadModel, loadModels } from "../../src/snapshot/load.js";
import { createAnalyzer } from "../../src/engine/index.js";
import { auditSources } from "../../src/engine/audit.js";
import { createContext } from "../../src/engine/context.js";
import { resolveSources } from "../../src/engine/workload-source.js";
import { scopeFromPath } from "../../src/snapshot/scope.js";
import { makeFolder, vpcFiles } from "./helpers.js";

const FIXTURE = resolve(import.meta.dirname, "../../fixtures/nat-notebook");

/** The fixture's files split between two folders (alternating), each keeping the Region folder. */
function splitFixture(): [string, string] {
  const halves = [mkdtempSync(join(tmpdir(), "vpcreach-a-")), mkdtempSync(join(tmpdir(), "vpcreach-b-"))] as const;
  const files = readdirSync(join(FIXTURE, "us-east-1"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  files.forEach((file, i) => cpSync(file, join(halves[i % 2] as string, file.slice(FIXTURE.length))));
  return [halves[0], halves[1]];
}

describe("several inputs", () => {
  it("a fixture split over two inputs gives the same model and verdicts as the whole", async () => {
    const [a, b] = splitFixture();
    const whole = await loadModel(FIXTURE);
    const merged = await loadModels([a, b]);
    expect(merged.source).toBe(`${a}, ${b}`);
    expect([...merged.subnets.keys()].sort()).toEqual([...whole.subnets.keys()].sort());
    expect([...merged.notebooks.keys()]).toEqual([...whole.notebooks.keys()]);
    expect(merged.warnings).toEqual([]);
    for (const to of ["internet", "s3", "sagemaker-api"]) {
      const expected = createAnalyzer(whole).query({ from: "nat-notebook", to });
      const got = createAnalyzer(merged).query({ from: "nat-notebook", to });
      expect(got.verdict, to).toBe(expected.verdict);
      expect(got.path.map((h) => h.component), to).toEqual(expected.path.map((h) => h.component));
    }
  });

  it("the same input given twice loads as once, without warnings", async () => {
    const model = await loadModels([FIXTURE, FIXTURE]);
    expect(model.warnings).toEqual([]);
    expect(model.subnets.size).toBe((await loadModel(FIXTURE)).subnets.size);
  });

  it("a folder of snapshot files (one per account) loads as one, like --snapshot given for each", async () => {
    const snapshot = (account: string, subnetId: string) => ({
      formatVersion: 1,
      tool: { name: "vpcreach", version: "0.1.0" },
      createdAt: "2026-01-01T00:00:00.000Z",
      regions: ["us-east-1"],
      sources: [{ account, region: "us-east-1", documents: [{ Subnets: [{ SubnetId: subnetId, VpcId: "vpc-1", CidrBlock: "10.0.1.0/24", AvailabilityZone: "us-east-1a" }] }] }],
      errors: [],
    });
    const root = makeFolder({ "a.json": snapshot("111111111111", "subnet-a"), "b.json": snapshot("222222222222", "subnet-b") });
    const fromFolder = await loadModel(root);
    expect(fromFolder.subnets.get("subnet-a")?.scope.account).toBe("111111111111");
    expect(fromFolder.subnets.get("subnet-b")?.scope.account).toBe("222222222222");
    const fromFiles = await loadModels([join(root, "a.json"), join(root, "b.json")]);
    expect([...fromFiles.subnets.keys()].sort()).toEqual([...fromFolder.subnets.keys()].sort());
  });

  it("refuses an empty list of inputs", async () => {
    await expect(loadModels([])).rejects.toThrow("no snapshot given");
  });
});

describe("multi-account layouts", () => {
  const subnet = (id: string, az: string) => ({ Subnets: [{ SubnetId: id, VpcId: "vpc-1", CidrBlock: "10.0.1.0/24", AvailabilityZone: az }] });

  it("reads accounts/<id>/<region>/ and <id>/<region>/", async () => {
    const model = await loadModel(
      makeFolder({
        "accounts/111111111111/us-east-1/Subnets.json": subnet("subnet-a", "us-east-1a"),
        "222222222222/eu-west-1/Subnets.json": subnet("subnet-b", "eu-west-1a"),
      }),
    );
    expect(model.subnets.get("subnet-a")?.scope).toEqual({ account: "111111111111", region: "us-east-1" });
    expect(model.subnets.get("subnet-b")?.scope).toEqual({ account: "222222222222", region: "eu-west-1" });
  });
});

describe("shared VPCs", () => {
  it("a shared subnet in a participant's files belongs to its owner (OwnerId); the notebook to its own account", async () => {
    const root = makeFolder({
      "222222222222/us-east-1/Subnets.json": {
        Subnets: [{ SubnetId: "subnet-s", VpcId: "vpc-1", CidrBlock: "10.0.1.0/24", AvailabilityZone: "us-east-1a", OwnerId: "111111111111" }],
      },
      "222222222222/us-east-1/SecurityGroups.json": {
        SecurityGroups: [{ GroupId: "sg-p", GroupName: "p", VpcId: "vpc-1", OwnerId: "222222222222", IpPermissions: [], IpPermissionsEgress: [] }],
      },
      "222222222222/us-east-1/nb.json": {
        NotebookInstanceName: "nb",
        NotebookInstanceArn: "arn:aws:sagemaker:us-east-1:222222222222:notebook-instance/nb",
        SubnetId: "subnet-s",
        SecurityGroups: ["sg-p"],
        DirectInternetAccess: "Disabled",
      },
    });
    const model = await loadModel(root);
    expect(model.subnets.get("subnet-s")?.scope).toEqual({ account: "111111111111", region: "us-east-1" });
    expect(model.securityGroups.get("sg-p")?.scope).toEqual({ account: "222222222222", region: "us-east-1" });
    const ctx = createContext(model);
    expect(resolveSources(ctx, "nb")[0]?.source.scope).toEqual({ account: "222222222222", region: "us-east-1" });
  });
});

describe("global data folders", () => {
  it("a file in route53/ needs no Region, beside or inside a Region folder", () => {
    expect(scopeFromPath("/s/111111111111/route53/list-hosted-zones.json")).toEqual({ account: "111111111111", region: "global", global: "route53" });
    expect(scopeFromPath("/s/us-east-1/route53/z.json")).toEqual({ account: undefined, region: "global", global: "route53" });
    expect(scopeFromPath("/s/us-east-1/Vpcs.json")).toEqual({ account: undefined, region: "us-east-1" });
  });

  it("files in route53/, iam/, policies/ and organizations/ do not trip the Region error; outputs their readers do not know are named", async () => {
    const root = makeFolder({
      ...vpcFiles(),
      "111122223333/route53/list-hosted-zones.json": { HostedZones: [{ Id: "/hostedzone/Z1", Name: "example.internal.", Config: { PrivateZone: true } }] },
      "111122223333/route53/get-hosted-zone-Z1.json": {
        HostedZone: { Id: "/hostedzone/Z1", Name: "example.internal.", Config: { PrivateZone: true } },
        VPCs: [{ VPCRegion: "eu-west-1", VPCId: "vpc-9" }],
      },
      "iam/roles.json": { Roles: [] },
      "policies/scp.json": { Policies: [] },
      "organizations/accounts.json": { Accounts: [] },
    });
    const model = await loadModel(root);
    expect(model.vpcs.has("vpc-1")).toBe(true);
    expect(model.hostedZones.get("Z1")?.scope).toEqual({ account: "111122223333", region: "global" });
    const messages = model.warnings.map((w) => w.message);
    expect(messages).toEqual([
      "not a get-account-authorization-details output (RoleDetailList, Policies); skipped",
      "not a policies/s3/<bucket>.json get-bucket-policy output; skipped",
    ]);
    expect(model.warnings.map((w) => w.file)).toEqual([join(root, "iam/roles.json"), join(root, "policies/scp.json")]);
  });
});

describe("one notebook name in two accounts", () => {
  /** The fixture (notebook `nat-notebook` in 111122223333) and a same-named notebook in 444455556666. */
  async function twoAccounts() {
    const described = JSON.parse(readFileSync(join(FIXTURE, "us-east-1/sagemaker/nat-notebook.json"), "utf8")) as Record<string, unknown>;
    const other = makeFolder({
      "444455556666/us-east-1/nat-notebook.json": { ...described, NotebookInstanceArn: "arn:aws:sagemaker:us-east-1:444455556666:notebook-instance/nat-notebook", NetworkInterfaceId: undefined },
    });
    return loadModels([FIXTURE, other]);
  }

  it("keeps both, keyed ACCOUNT/REGION/NAME, and audit covers both", async () => {
    const model = await twoAccounts();
    expect([...model.notebooks.keys()].sort()).toEqual(["111122223333/us-east-1/nat-notebook", "444455556666/us-east-1/nat-notebook"]);
    expect(model.notebooks.get("444455556666/us-east-1/nat-notebook")?.name).toBe("nat-notebook");
    expect(auditSources(model)).toEqual(["111122223333/us-east-1/nat-notebook", "444455556666/us-east-1/nat-notebook"]);
  });

  it("--from NAME is a usage error listing the notebook/ACCOUNT/REGION/NAME choices; the long form is accepted", async () => {
    const analyzer = createAnalyzer(await twoAccounts());
    const message = 'notebook name "nat-notebook" is ambiguous: it is used in 2 accounts or Regions; give one of notebook/111122223333/us-east-1/nat-notebook, notebook/444455556666/us-east-1/nat-notebook';
    expect(() => analyzer.query({ from: "nat-notebook", to: "internet" })).toThrow(message);
    expect(() => analyzer.query({ from: "notebook/nat-notebook", to: "internet" })).toThrow(message);
    const verdict = analyzer.query({ from: "notebook/444455556666/us-east-1/nat-notebook", to: "internet" });
    expect(verdict.source).toMatchObject({ id: "444455556666/us-east-1/nat-notebook", name: "nat-notebook" });
    expect(verdict.verdict).toBe("reachable");
  });

  it("a name used once keeps its short key, and its long form is accepted too", async () => {
    const analyzer = createAnalyzer(await loadModel(FIXTURE));
    expect([...analyzer.model.notebooks.keys()]).toEqual(["nat-notebook"]);
    expect(analyzer.query({ from: "notebook/111122223333/us-east-1/nat-notebook", to: "internet" }).source.id).toBe("nat-notebook");
  });
});

describe("one SageMaker job, model and endpoint name in two accounts", () => {
  const WORKLOADS = resolve(import.meta.dirname, "../../fixtures/sagemaker-workloads");
  const arn = (kind: string, name: string) => `arn:aws:sagemaker:us-east-1:444455556666:${kind}/${name}`;
  /** The sagemaker-workloads fixture (111122223333) and, in 444455556666, a job, model, configuration and endpoint of the same names, without VpcConfig. */
  async function twoAccounts() {
    const other = makeFolder({
      "444455556666/us-east-1/job.json": { TrainingJobName: "churn-training", TrainingJobArn: arn("training-job", "churn-training"), TrainingJobStatus: "InProgress", EnableNetworkIsolation: false },
      "444455556666/us-east-1/model.json": { ModelName: "ranker", ModelArn: arn("model", "ranker"), PrimaryContainer: { Image: "img" }, EnableNetworkIsolation: false },
      "444455556666/us-east-1/config.json": { EndpointConfigName: "ranker-live-config", EndpointConfigArn: arn("endpoint-config", "ranker-live-config"), ProductionVariants: [{ VariantName: "variant-1", ModelName: "ranker" }] },
      "444455556666/us-east-1/endpoint.json": { EndpointName: "ranker-live", EndpointArn: arn("endpoint", "ranker-live"), EndpointConfigName: "ranker-live-config", EndpointStatus: "InService" },
    });
    return loadModels([WORKLOADS, other]);
  }
  const scoped = (account: string, name: string) => `${account}/us-east-1/${name}`;

  it("keeps both of each, keyed ACCOUNT/REGION/NAME, names used once keep their short key, and audit covers both", async () => {
    const model = await twoAccounts();
    expect([...model.trainingJobs.keys()].sort()).toEqual([scoped("111122223333", "churn-training"), scoped("444455556666", "churn-training"), "sealed-training"]);
    expect([...model.models.keys()].sort()).toEqual([scoped("111122223333", "ranker"), scoped("444455556666", "ranker"), "open-model"]);
    expect([...model.endpoints.keys()].sort()).toEqual([scoped("111122223333", "ranker-live"), scoped("444455556666", "ranker-live"), "open-live"]);
    expect(model.danglingReferences).toEqual([]);
    expect(auditSources(model)).toEqual(expect.arrayContaining([`training-job/${scoped("444455556666", "churn-training")}`, `endpoint/${scoped("111122223333", "ranker-live")}`]));
  });

  it("--from with a bare name is ambiguous and lists the scoped names; the long forms answer, each from its own account's resources", async () => {
    const analyzer = createAnalyzer(await twoAccounts());
    const choices = (prefix: string, name: string) => [`${prefix}/${scoped("111122223333", name)}`, `${prefix}/${scoped("444455556666", name)}`].join(", ");
    expect(() => analyzer.query({ from: "job/churn-training", to: "internet" })).toThrow(`source "job/churn-training" is ambiguous: it names 2 jobs, ${choices("training-job", "churn-training")}; give one`);
    expect(() => analyzer.query({ from: "model/ranker", to: "internet" })).toThrow(`model name "ranker" is ambiguous: it is used in 2 accounts or Regions; give one of ${choices("model", "ranker")}`);
    expect(() => analyzer.query({ from: "endpoint/ranker-live", to: "internet" })).toThrow(`endpoint name "ranker-live" is ambiguous: it is used in 2 accounts or Regions; give one of ${choices("endpoint", "ranker-live")}`);

    const inVpc = analyzer.query({ from: `job/${scoped("111122223333", "churn-training")}`, to: "internet" });
    expect(inVpc).toMatchObject({ verdict: "unreachable", source: { id: `training-job/${scoped("111122223333", "churn-training")}` } });
    const managed = analyzer.query({ from: `training-job/${scoped("444455556666", "churn-training")}`, to: "internet" });
    expect(managed.verdict).toBe("reachable");
    expect(managed.path.map((h) => h.component)).toContain("sagemaker-managed-network");
    // Each endpoint runs the model of its own account: 111122223333's in its VPC (NAT), 444455556666's in the managed network.
    const viaNat = analyzer.query({ from: `endpoint/${scoped("111122223333", "ranker-live")}`, to: "internet" });
    expect(viaNat.path.map((h) => h.type)).toContain("nat-gateway");
    const viaManaged = analyzer.query({ from: `endpoint/${scoped("444455556666", "ranker-live")}`, to: "internet" });
    expect(viaManaged.path.map((h) => h.component)).toContain("sagemaker-managed-network");
    expect(analyzer.query({ from: `model/${scoped("444455556666", "ranker")}`, to: "internet" }).path.map((h) => h.component)).toContain("sagemaker-managed-network");
  });

  it("a name used once answers to its long form too", async () => {
    const analyzer = createAnalyzer(await loadModel(WORKLOADS));
    expect(analyzer.query({ from: `job/${scoped("111122223333", "churn-training")}`, to: "s3" }).source.id).toBe("training-job/churn-training");
    expect(analyzer.query({ from: `endpoint/${scoped("111122223333", "ranker-live")}`, to: "internet" }).source.id).toBe("endpoint/ranker-live");
  });
});

describe("global data and Region inference", () => {
  it("ARNs inside a global file do not count as the Region of the other files", async () => {
    const model = await loadModel(
      makeFolder({
        "a/Vpcs.json": { Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16" }] },
        "b/Subnets.json": { Subnets: [{ SubnetId: "subnet-1", VpcId: "vpc-1", CidrBlock: "10.0.1.0/24", AvailabilityZone: "eu-west-1a" }] },
        "iam/policy.json": { Policy: { Arn: "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-9" } },
      }),
    );
    expect(model.vpcs.get("vpc-1")?.scope.region).toBe("eu-west-1");
  });
});
