/** End to end: `vpcreach inspect` run as the built CLI (`node dist/cli/vpcreach.js`). */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { BATFISH, makeFolder } from "../snapshot/helpers.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/vpcreach.js");

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("vpcreach inspect", () => {
  it("shows Batfish's flat nat-gateway network in us-east-2 with public and private subnets", () => {
    const { status, stdout, stderr } = run("inspect", "--snapshot", join(BATFISH, "nat-gateway"));
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toContain("Account 554773406868  Region us-east-2  (1 VPC)");
    expect(stdout).toContain("VPC vpc-0008a7b45e3ddf1dd (vpc_a)  available");
    expect(stdout).toContain(
      "subnet-0428892a357fa1f94 (Public Subnet)  10.1.250.0/24  us-east-2b  PUBLIC: route 0.0.0.0/0 → igw-071753b9c23d8a9b2 (attached)",
    );
    expect(stdout).toContain("subnet-06f469bcee42e408e (Subnet 1)  10.1.1.0/24  us-east-2b  private: no route to an attached IGW (0.0.0.0/0 → nat-07ab4846da51f4612)");
    expect(stdout).toContain("nat-07ab4846da51f4612  available  public  in subnet-0428892a357fa1f94  EIP 3.135.127.225  private 10.1.250.210");
    expect(stdout).toContain("Warnings (0):");
  });

  it("shows transit gateways (attachments, associations, routes, propagations) and hosted zones with their VPCs", () => {
    const { status, stdout } = run("inspect", "--snapshot", join(ROOT, "fixtures/hub-and-spoke"));
    expect(status).toBe(0);
    expect(stdout).toMatch(/Transit gateway tgw-\w+ \(hub\)  available  owner 222233334444/);
    expect(stdout).toMatch(/tgw-attach-\w+ \(spoke-b\)  vpc vpc-\w+  account 444455556666  available  subnets subnet-\w+  → tgw-rtb-\w+/);
    expect(stdout).toMatch(/Route table tgw-rtb-\w+ \(spokes\)  propagations from tgw-attach-\w+\n      0\.0\.0\.0\/0 → tgw-attach-\w+ \(static\)/);
    expect(stdout).toMatch(/Private hosted zone Z0\w+ runtime\.sagemaker\.us-east-1\.amazonaws\.com  VPCs vpc-\w+, vpc-\w+\n    runtime\.sagemaker\.us-east-1\.amazonaws\.com A alias vpce-\w+-\w+\.runtime\.sagemaker\.us-east-1\.vpce\.amazonaws\.com/);
  });

  it("--json prints one object with the same content", () => {
    const { status, stdout } = run("inspect", "--snapshot", join(BATFISH, "vpc-endpoint-interface"), "--json");
    expect(status).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.counts).toMatchObject({ vpcs: 1, subnets: 2, vpcEndpoints: 1 });
    const [scope] = summary.scopes;
    expect(scope).toMatchObject({ account: "554773406868", region: "us-east-1" });
    expect(scope.vpcs[0].endpoints).toEqual([
      {
        id: "vpce-083c683a6be29b889",
        type: "Interface",
        serviceName: "com.amazonaws.us-east-1.cloudtrail",
        state: "available",
        privateDns: true,
        subnetIds: ["subnet-0bb8615d8368ece31"],
        routeTableIds: [],
        securityGroupIds: [expect.stringMatching(/^sg-/)],
      },
    ]);
    expect(scope.vpcs[0].subnets.every((s: { public: boolean }) => s.public)).toBe(true);
  });

  it("lists warnings and dangling references", () => {
    const root = makeFolder({
      "us-east-1/Vpcs.json": { Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16" }] },
      "us-east-1/Subnets.json": { Subnets: [{ SubnetId: "subnet-1", VpcId: "vpc-2", CidrBlock: "10.0.1.0/24", AvailabilityZone: "us-east-1a" }] },
      "us-east-1/x.json": { Widgets: [] },
    });
    const { status, stdout } = run("inspect", "--snapshot", root);
    expect(status).toBe(0);
    expect(stdout).toContain(`Warnings (1):\n  ${root}/us-east-1/x.json: $.Widgets: unknown top-level key "Widgets" ignored`);
    expect(stdout).toContain(`Dangling references (1):\n  subnet-1: subnet VPC vpc-2 is not in the snapshot  (${root}/us-east-1/Subnets.json: $.Subnets[0])`);
  });

  it("exits 2 with one line and no stack trace on a bad file", () => {
    const root = makeFolder({ "us-east-1/Subnets.json": { Subnets: [{ SubnetId: "subnet-0abc", VpcId: "vpc-1", CidrBlock: "10.0.0.0/33", AvailabilityZone: "us-east-1a" }] } });
    const { status, stdout, stderr } = run("inspect", "--snapshot", root);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(`vpcreach: ${root}/us-east-1/Subnets.json: $.Subnets[0].CidrBlock (subnet-0abc): expected an IPv4 CIDR, got "10.0.0.0/33"\n`);
  });

  it("exits 2 on malformed JSON, naming line and column", () => {
    const root = makeFolder({ "us-east-1/Vpcs.json": '{"Vpcs": [\n' });
    const { status, stderr } = run("inspect", "--snapshot", root, "--json");
    expect(status).toBe(2);
    expect(stderr).toBe(`vpcreach: ${root}/us-east-1/Vpcs.json: line 2, column 1: invalid JSON: expected a JSON value, found end of file\n`);
  });

  it("has help with examples", () => {
    const { status, stdout } = run("inspect", "--help");
    expect(status).toBe(0);
    expect(stdout).toContain("--snapshot <path>");
    expect(stdout).toContain("$ vpcreach inspect --snapshot fixtures/ml-platform");
  });

  it("exits 2 on a usage error (missing --snapshot)", () => {
    const { status, stderr } = run("inspect");
    expect(status).toBe(2);
    expect(stderr).toContain("required option '-s, --snapshot <path>' not specified");
  });
});

describe("vpcreach inspect: subnets it cannot classify", () => {
  it("calls a subnet with no route table unknown, not private", async () => {
    const { cpSync, mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const folder = join(mkdtempSync(join(tmpdir(), "vpcreach-inspect-")), "net");
    cpSync(join(ROOT, "fixtures/nat-notebook"), folder, { recursive: true });
    rmSync(join(folder, "us-east-1/describe-route-tables.json"));
    const text = run("inspect", "-s", folder);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/UNKNOWN: no route table/);
    expect(text.stdout).not.toMatch(/private: no route table/);
    const json = JSON.parse(run("inspect", "-s", folder, "--json").stdout) as { scopes: { vpcs: { subnets: { exposure: string }[] }[] }[] };
    const subnets = json.scopes.flatMap((s) => s.vpcs.flatMap((v) => v.subnets));
    expect(subnets.length).toBeGreaterThan(0);
    expect(subnets.every((s) => s.exposure === "unknown")).toBe(true);
  });

  it("lists the SageMaker workloads with the --from that queries each and the settings read", () => {
    const fixture = join(ROOT, "fixtures/sagemaker-workloads");
    const json = JSON.parse(run("inspect", "--snapshot", fixture, "--json").stdout) as { scopes: { sagemakerWorkloads: { source: string; kind: string; network: string }[] }[] };
    const workloads = json.scopes.flatMap((scope) => scope.sagemakerWorkloads);
    expect(workloads.find((w) => w.source === "training-job/sealed-training")).toMatchObject({ kind: "training job", network: expect.stringContaining("EnableNetworkIsolation true") });
    expect(workloads.find((w) => w.source === "endpoint/ranker-live")?.network).toContain("model/ranker");
    expect(workloads.some((w) => w.source.startsWith("space/") && w.network.includes("Shared"))).toBe(true);
    const { status, stdout } = run("inspect", "--snapshot", fixture);
    expect(status).toBe(0);
    expect(stdout).toMatch(/SageMaker workloads \(10; query with --from as shown\):\n {4}endpoint\/open-live {2}endpoint InService/);
  });
});
