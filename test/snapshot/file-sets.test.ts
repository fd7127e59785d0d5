/**
 * What data a snapshot holds is recorded per file set (one collection of one account and Region),
 * not per account id read from the records: a shared VPC's files carry the network account's
 * subnets and the workload account's instances, and an empty list names no owner at all. inspect and
 * the engine's missing-data warnings read the same record (Model.dataPresent).
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { loadModel } from "../../src/snapshot/load.js";
import { makeFolder } from "./helpers.js";

const NETWORK = "111111111111";
const WORKLOAD = "222222222222";
const CLI = resolve(import.meta.dirname, "../../dist/cli/vpcreach.js");

/** One folder of describe outputs seen from the workload account of a shared VPC the network account owns. */
function sharedVpc(prefix = "us-east-1"): Record<string, unknown> {
  const allowAll = (egress: boolean) => ({ RuleNumber: 100, Protocol: "-1", RuleAction: "allow", Egress: egress, CidrBlock: "0.0.0.0/0" });
  return {
    [`${prefix}/Vpcs.json`]: { Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16", OwnerId: NETWORK, State: "available" }] },
    [`${prefix}/Subnets.json`]: { Subnets: [{ SubnetId: "subnet-1", VpcId: "vpc-1", CidrBlock: "10.0.1.0/24", AvailabilityZone: "us-east-1a", OwnerId: NETWORK }] },
    [`${prefix}/RouteTables.json`]: {
      RouteTables: [{ RouteTableId: "rtb-1", VpcId: "vpc-1", OwnerId: NETWORK, Associations: [{ Main: true, RouteTableId: "rtb-1" }], Routes: [{ DestinationCidrBlock: "10.0.0.0/16", GatewayId: "local", State: "active" }] }],
    },
    [`${prefix}/NetworkAcls.json`]: {
      NetworkAcls: [{ NetworkAclId: "acl-1", VpcId: "vpc-1", OwnerId: NETWORK, IsDefault: true, Associations: [{ SubnetId: "subnet-1", NetworkAclId: "acl-1" }], Entries: [allowAll(false), allowAll(true)] }],
    },
    [`${prefix}/SecurityGroups.json`]: {
      SecurityGroups: [{ GroupId: "sg-1", GroupName: "app", VpcId: "vpc-1", OwnerId: WORKLOAD, IpPermissions: [], IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] }],
    },
    [`${prefix}/NetworkInterfaces.json`]: {
      NetworkInterfaces: [{
        NetworkInterfaceId: "eni-1", VpcId: "vpc-1", SubnetId: "subnet-1", AvailabilityZone: "us-east-1a", OwnerId: WORKLOAD, InterfaceType: "interface", Status: "in-use",
        PrivateIpAddress: "10.0.1.10", PrivateIpAddresses: [{ PrivateIpAddress: "10.0.1.10", Primary: true }], Groups: [{ GroupId: "sg-1" }], Attachment: { InstanceId: "i-1" },
      }],
    },
    [`${prefix}/Instances.json`]: {
      Reservations: [{ OwnerId: WORKLOAD, Instances: [{ InstanceId: "i-1", State: { Name: "running" }, VpcId: "vpc-1", SubnetId: "subnet-1", PrivateIpAddress: "10.0.1.10", NetworkInterfaces: [{ NetworkInterfaceId: "eni-1" }], SecurityGroups: [{ GroupId: "sg-1" }] }] }],
    },
    [`${prefix}/VpcEndpoints.json`]: { VpcEndpoints: [] },
  };
}

const COLLECTED = ["instances", "networkAcls", "networkInterfaces", "routeTables", "securityGroups", "subnets", "vpcEndpoints", "vpcs"];

describe("data present per file set", () => {
  it("a shared VPC's folder: both accounts hold everything the folder collected, and no (unknown) account appears", async () => {
    const model = await loadModel(makeFolder(sharedVpc()));
    expect([...model.dataPresent.keys()].sort()).toEqual([`${NETWORK}/us-east-1`, `${WORKLOAD}/us-east-1`]);
    for (const account of [NETWORK, WORKLOAD]) expect([...(model.dataPresent.get(`${account}/us-east-1`) ?? [])].sort()).toEqual(COLLECTED);
    // Records keep their owner.
    expect(model.subnets.get("subnet-1")?.scope.account).toBe(NETWORK);
    expect(model.instances.get("i-1")?.scope.account).toBe(WORKLOAD);
  });

  it("an empty VpcEndpoints.json counts as collected, none: queries do not warn that endpoint data is missing", async () => {
    const model = await loadModel(makeFolder(sharedVpc()));
    const verdict = createAnalyzer(model).query({ from: "i-1", to: "sagemaker-api" });
    expect(verdict.warnings.join("\n")).not.toContain("describe-vpc-endpoints");
    expect(verdict.warnings.join("\n")).toContain("no interface endpoint in vpc-1");
    // Without the file, the warning is right.
    const files = sharedVpc();
    delete files["us-east-1/VpcEndpoints.json"];
    const without = createAnalyzer(await loadModel(makeFolder(files))).query({ from: "i-1", to: "sagemaker-api" });
    expect(without.warnings.join("\n")).toContain("describe-vpc-endpoints output not given");
  });

  it("an empty list in a one-account folder belongs to that account", async () => {
    const model = await loadModel(
      makeFolder({
        "us-east-1/Vpcs.json": { Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16", OwnerId: NETWORK }] },
        "us-east-1/NatGateways.json": { NatGateways: [] },
      }),
    );
    expect([...model.dataPresent.keys()]).toEqual([`${NETWORK}/us-east-1`]);
    expect(model.dataPresent.get(`${NETWORK}/us-east-1`)?.has("natGateways")).toBe(true);
  });

  it("separate account folders stay separate: one account's collection says nothing about another's", async () => {
    const model = await loadModel(
      makeFolder({
        [`${NETWORK}/us-east-1/Vpcs.json`]: { Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16", OwnerId: NETWORK }] },
        [`${NETWORK}/us-east-1/NatGateways.json`]: { NatGateways: [] },
        [`${WORKLOAD}/us-east-1/Vpcs.json`]: { Vpcs: [{ VpcId: "vpc-2", CidrBlock: "10.1.0.0/16", OwnerId: WORKLOAD }] },
      }),
    );
    expect(model.dataPresent.get(`${WORKLOAD}/us-east-1`)?.has("natGateways")).toBe(false);
  });

  it("inspect lists no data as missing that the shared VPC's folder holds", () => {
    const root = makeFolder(sharedVpc());
    const { status, stdout } = spawnSync(process.execPath, [CLI, "inspect", "--snapshot", root], { encoding: "utf8" });
    expect(status).toBe(0);
    expect(stdout).not.toContain("Account (unknown)");
    const missing = stdout.split("\n").filter((line) => line.includes("No data in the snapshot for:"));
    expect(missing).toHaveLength(2);
    for (const line of missing) for (const kind of COLLECTED) expect(line.split(/[:,]\s*/)).not.toContain(kind);
  });

  it("inspect shows what the workload account has in the shared VPC, not a bare 0 VPCs (#14.6)", () => {
    const notebook = {
      NotebookInstanceName: "shared-nb",
      NotebookInstanceArn: `arn:aws:sagemaker:us-east-1:${WORKLOAD}:notebook-instance/shared-nb`,
      NotebookInstanceStatus: "InService",
      SubnetId: "subnet-1",
      SecurityGroups: ["sg-1"],
      DirectInternetAccess: "Disabled",
      RootAccess: "Disabled",
    };
    const root = makeFolder({ ...sharedVpc(), "us-east-1/sagemaker/shared-nb.json": notebook });
    const text = spawnSync(process.execPath, [CLI, "inspect", "--snapshot", root], { encoding: "utf8" });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`Account ${NETWORK}  Region us-east-1  (1 VPC)\n`);
    expect(text.stdout).toContain(`Account ${WORKLOAD}  Region us-east-1  (0 VPCs of its own, 1 shared VPC)\n`);
    expect(text.stdout).toContain(`  Uses shared VPC vpc-1 owned by ${NETWORK}: 1 subnet, 1 notebook, 1 instance, 1 network interface, 1 security group (subnet-1)\n`);
    expect(text.stdout.match(/Uses shared VPC/g)).toHaveLength(1);
    const json = spawnSync(process.execPath, [CLI, "inspect", "--snapshot", root, "--json"], { encoding: "utf8" });
    const scopes = (JSON.parse(json.stdout) as { scopes: { account: string; sharedVpcs: unknown[] }[] }).scopes;
    expect(scopes.find((s) => s.account === WORKLOAD)?.sharedVpcs).toEqual([
      { vpcId: "vpc-1", ownerAccount: NETWORK, subnetIds: ["subnet-1"], counts: { notebooks: 1, instances: 1, networkInterfaces: 1, securityGroups: 1 } },
    ]);
    expect(scopes.find((s) => s.account === NETWORK)?.sharedVpcs).toEqual([]);
  });
});
