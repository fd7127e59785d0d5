/**
 * Terraform `show -json` plans and states as snapshots: real plans of public repositories
 * (test/data/external/terraform-plans/, see its README) load and give the topology their modules
 * document, resources named by their Terraform address where ids come only at apply, what AWS creates
 * implicitly is there, and a value that decides an answer but is known only after apply leaves that
 * answer unknown, never guessed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../../src/engine/index.js";
import { InputError } from "../../../src/model/errors.js";
import type { Model } from "../../../src/model/types.js";
import { loadModel } from "../../../src/snapshot/load.js";

const PLANS = resolve(import.meta.dirname, "../../data/external/terraform-plans");
const load = (name: string) => loadModel(join(PLANS, name));
/**
 * A copy of a plan with instances added to the root module, each in a subnet the plan creates (named
 * by the id the translation gives it) with the VPC's default security group, so paths from it can be asked.
 */
function withInstances(name: string, instances: { name: string; subnet: string; ip: string }[]): string {
  const plan = JSON.parse(readFileSync(join(PLANS, name), "utf8")) as { planned_values: { root_module: { resources?: unknown[] } } };
  const root = plan.planned_values.root_module;
  root.resources = [
    ...(root.resources ?? []),
    ...instances.map((i) => ({ address: `aws_instance.${i.name}`, mode: "managed", type: "aws_instance", name: i.name, values: { subnet_id: `subnet-${i.subnet}`, private_ip: i.ip, associate_public_ip_address: false } })),
  ];
  const file = join(mkdtempSync(join(tmpdir(), "vpcreach-plan-")), name);
  writeFileSync(file, JSON.stringify(plan));
  return file;
}
const warningsAbout = (model: Model, address: string) => model.warnings.filter((w) => w.resourceId === address).map((w) => w.message);

describe("terraform-aws-modules/vpc with three NAT gateways (a plan that creates it)", () => {
  it("builds the VPC, six subnets and their route tables, named by address, in the provider's Region", async () => {
    const model = await load("tfmodules-vpc-3nat-tfcompliance.json");
    const vpc = model.vpcs.get("vpc-module.vpc.aws_vpc.this[0]")!;
    expect(vpc).toMatchObject({ cidrs: ["10.0.0.0/16"], name: "my-vpc" });
    expect(vpc.scope.region).toBe("eu-west-1");
    expect([...model.subnets.values()].map((s) => `${s.id} ${s.cidr} ${s.availabilityZone}`).sort()).toEqual([
      "subnet-module.vpc.aws_subnet.private[0] 10.0.1.0/24 eu-west-1a",
      "subnet-module.vpc.aws_subnet.private[1] 10.0.2.0/24 eu-west-1b",
      "subnet-module.vpc.aws_subnet.private[2] 10.0.3.0/24 eu-west-1c",
      "subnet-module.vpc.aws_subnet.public[0] 10.0.101.0/24 eu-west-1a",
      "subnet-module.vpc.aws_subnet.public[1] 10.0.102.0/24 eu-west-1b",
      "subnet-module.vpc.aws_subnet.public[2] 10.0.103.0/24 eu-west-1c",
    ]);
    // count.index pairs each private table with its own NAT gateway and subnet; the public table is shared.
    for (const i of [0, 1, 2]) {
      const table = model.routeTables.get(`rtb-module.vpc.aws_route_table.private[${i}]`)!;
      expect(table.subnetIds).toEqual([`subnet-module.vpc.aws_subnet.private[${i}]`]);
      expect(table.routes.map((r) => `${JSON.stringify(r.destination)} ${JSON.stringify(r.target)}`)).toContain(
        `{"kind":"cidr","cidr":"0.0.0.0/0"} {"kind":"nat","id":"nat-module.vpc.aws_nat_gateway.this[${i}]"}`,
      );
    }
    const publicTable = model.routeTables.get("rtb-module.vpc.aws_route_table.public[0]")!;
    expect(publicTable.subnetIds.sort()).toEqual([0, 1, 2].map((i) => `subnet-module.vpc.aws_subnet.public[${i}]`));
    expect(publicTable.routes.some((r) => r.target.kind === "igw" && r.target.id === "igw-module.vpc.aws_internet_gateway.this[0]")).toBe(true);
    expect(model.internetGateways.get("igw-module.vpc.aws_internet_gateway.this[0]")!.attachedVpcIds).toEqual([vpc.id]);
  });

  it("adds what AWS creates with the VPC: the main route table, the default NACL (allow all) and security group", async () => {
    const model = await load("tfmodules-vpc-3nat-tfcompliance.json");
    const main = model.routeTables.get("rtb-main-module.vpc.aws_vpc.this[0]")!;
    expect(main.isMain).toBe(true);
    expect(main.routes.map((r) => r.target.kind)).toEqual(["local"]);
    const acl = model.networkAcls.get("acl-default-module.vpc.aws_vpc.this[0]")!;
    expect(acl.subnetIds).toHaveLength(6);
    expect(acl.entries.filter((e) => e.action === "allow").map((e) => `${e.egress} ${e.cidr}`)).toEqual(["false 0.0.0.0/0", "true 0.0.0.0/0"]);
    const group = model.securityGroups.get("sg-default-module.vpc.aws_vpc.this[0]")!;
    expect(group.ingress.map((r) => r.peer)).toEqual([expect.objectContaining({ kind: "security-group", groupId: group.id })]);
    expect(group.egress.map((r) => r.peer)).toEqual([{ kind: "cidr", cidr: "0.0.0.0/0" }]);
  });

  it("reads the NAT gateways, whose Elastic IPs are some public address until apply: each private subnet reaches the internet through its own zone's NAT gateway", async () => {
    const model = await loadModel(withInstances("tfmodules-vpc-3nat-tfcompliance.json", [0, 1, 2].map((i) => ({ name: `app${i}`, subnet: `module.vpc.aws_subnet.private[${i}]`, ip: `10.0.${i + 1}.10` }))));
    expect(model.natGateways.get("nat-module.vpc.aws_nat_gateway.this[0]")!.addresses[0]).toMatchObject({ publicIp: undefined, publicIpAtApply: "the public IP of its Elastic IP, whose allocation_id the plan does not show" });
    const analyzer = createAnalyzer(model);
    for (const i of [0, 1, 2]) {
      const verdict = analyzer.query({ from: `i-aws_instance.app${i}`, to: "internet", port: 443 });
      expect(verdict.verdict).toBe("reachable");
      expect(verdict.path.map((h) => h.component)).toEqual(expect.arrayContaining([`nat-module.vpc.aws_nat_gateway.this[${i}]`, "igw-module.vpc.aws_internet_gateway.this[0]"]));
      // The plan enables none of the module's endpoints (enable_s3_endpoint off): S3's public endpoint, through the NAT gateway.
      const s3 = analyzer.query({ from: `i-aws_instance.app${i}`, to: "s3" });
      expect(s3.verdict).toBe("reachable");
      expect(s3.path.map((h) => h.component)).toContain(`nat-module.vpc.aws_nat_gateway.this[${i}]`);
    }
    expect(warningsAbout(model, "module.vpc.aws_vpn_gateway.this[0]").join()).toMatch(/aws_vpn_gateway is not read from Terraform yet/);
    expect(warningsAbout(model, "module.vpc.aws_subnet.private[0]").join()).toMatch(/vpc_id is local\.vpc_id, which the plan does not show; taken as module\.vpc\.aws_vpc\.this\[0\], the only VPC of module\.vpc/);
  });
});

describe("TerraGoat (a plan with inline and separate security group rules)", () => {
  it("reads inline rules, separate rule resources, and no egress where none is declared", async () => {
    const model = await load("terragoat-checkov.json");
    expect(model.vpcs.get("vpc-aws_vpc.web_vpc")!.scope.region).toBe("us-west-2");
    const web = model.securityGroups.get("sg-aws_security_group.web-node")!;
    expect(web.ingress.map((r) => `${JSON.stringify(r.protocol)} ${r.ports?.from}-${r.ports?.to} ${JSON.stringify(r.peer)}`).sort()).toEqual([
      '"tcp" 22-22 {"kind":"cidr","cidr":"0.0.0.0/0"}',
      '"tcp" 80-80 {"kind":"cidr","cidr":"0.0.0.0/0"}',
    ]);
    const rds = model.securityGroups.get("sg-aws_security_group.default")!;
    expect(rds.ingress).toHaveLength(1);
    expect(rds.ingress[0]).toMatchObject({ ports: { from: 3306, to: 3306 }, peer: { kind: "cidr", cidr: "172.16.0.0/16" } });
    expect(rds.egress).toHaveLength(1);
    expect(model.routeTables.get("rtb-aws_route_table.web_rtb")!.subnetIds.sort()).toEqual(["subnet-aws_subnet.web_subnet", "subnet-aws_subnet.web_subnet2"]);
  });

  it("leaves out instances whose public IP AWS assigns at launch, never judging them without it", async () => {
    const model = await load("terragoat-checkov.json");
    expect(model.instances.size).toBe(0);
    expect(warningsAbout(model, "aws_instance.web_host").join()).toMatch(/public_ip is not known until apply/);
  });
});

describe("a state of instances in a default VPC whose subnets Terraform does not manage", () => {
  it("loads with the Region of its Availability Zones and answers unknown for the instances", async () => {
    const model = await load("default-vpc-state-infracost.json");
    expect(model.instances.size).toBe(6);
    const instance = [...model.instances.values()][0]!;
    expect(instance.scope.region).toBe("us-east-1");
    const verdict = createAnalyzer(model).query({ from: instance.id, to: "internet" });
    expect(verdict.verdict).toBe("unknown");
  });
});

describe("a plan that names no Region", () => {
  it("is an input error that says how to give one", async () => {
    await expect(load("tfmodules-vpc-only-tirith.json")).rejects.toThrow(InputError);
    await expect(load("tfmodules-vpc-only-tirith.json")).rejects.toThrow(/cannot tell which AWS Region.*folder named after their Region/);
  });
});
