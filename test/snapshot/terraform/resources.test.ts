/**
 * Terraform resources of the features that landed after the first translation, each read through the
 * describe parsers and answered by the engine: transit gateways (default route table, or a table of
 * their own with associations, propagations and static routes), VPC Block Public Access options and
 * exclusions, and SageMaker Studio domains. Ids come only at apply: everything is named by address.
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../../src/engine/index.js";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { loadModel, loadModels } from "../../../src/snapshot/load.js";
import { editedCopy, FIXTURES } from "../../helpers/fixtures.js";
import { created, writePlan, type Change } from "../../helpers/terraform-plan.js";

const ALL_OPEN = { ingress: [{ from_port: 0, to_port: 0, protocol: "-1", cidr_blocks: ["10.0.0.0/8"] }], egress: [{ from_port: 0, to_port: 0, protocol: "-1", cidr_blocks: ["0.0.0.0/0"] }] };

/** A VPC (`a` or `b`) with one subnet, a route table sending the other VPC to the hub, a group and an instance. */
function spoke(name: "a" | "b", other: "a" | "b"): Change[] {
  const n = name === "a" ? 1 : 2;
  const o = other === "a" ? 1 : 2;
  return [
    created(`aws_vpc.${name}`, { cidr_block: `10.${n}.0.0/16`, enable_dns_support: true, enable_dns_hostnames: true }),
    created(`aws_subnet.${name}`, { cidr_block: `10.${n}.1.0/24`, availability_zone: "us-east-1a" }, { vpc_id: `aws_vpc.${name}` }),
    created(`aws_route_table.${name}`, {}, { vpc_id: `aws_vpc.${name}` }),
    created(`aws_route.${name}_to_${other}`, { destination_cidr_block: `10.${o}.0.0/16` }, { route_table_id: `aws_route_table.${name}`, transit_gateway_id: "aws_ec2_transit_gateway.hub" }),
    created(`aws_route_table_association.${name}`, {}, { route_table_id: `aws_route_table.${name}`, subnet_id: `aws_subnet.${name}` }),
    created(`aws_security_group.${name}`, { name, ...ALL_OPEN }, { vpc_id: `aws_vpc.${name}` }),
    created(`aws_instance.${name}`, { private_ip: `10.${n}.1.10`, associate_public_ip_address: false }, { subnet_id: `aws_subnet.${name}`, vpc_security_group_ids: [`aws_security_group.${name}`] }),
    created(`aws_ec2_transit_gateway_vpc_attachment.${name}`, {}, { transit_gateway_id: "aws_ec2_transit_gateway.hub", vpc_id: `aws_vpc.${name}`, subnet_ids: [`aws_subnet.${name}`] }),
  ];
}

describe("transit gateways in a plan", () => {
  it("attaches VPCs to the default route table AWS creates, which learns their CIDRs: a reaches b through the hub", async () => {
    const model = await loadModel(writePlan([created("aws_ec2_transit_gateway.hub", {}), ...spoke("a", "b"), ...spoke("b", "a")]));
    const table = model.transitGatewayRouteTables.get("tgw-rtb-default-aws_ec2_transit_gateway.hub")!;
    expect(table.transitGatewayId).toBe("tgw-aws_ec2_transit_gateway.hub");
    expect(model.transitGatewayAttachments.get("tgw-attach-aws_ec2_transit_gateway_vpc_attachment.a")).toMatchObject({ resourceId: "vpc-aws_vpc.a", subnetIds: ["subnet-aws_subnet.a"] });
    const verdict = createAnalyzer(model).query({ from: "i-aws_instance.a", to: "10.2.1.10", port: 443 });
    expect(verdict.verdict).toBe("reachable");
    expect(verdict.path.map((h) => h.component)).toEqual(expect.arrayContaining(["tgw-aws_ec2_transit_gateway.hub", "tgw-attach-aws_ec2_transit_gateway_vpc_attachment.b", "i-aws_instance.b"]));
  });

  it("reads security_group_referencing_support into the options, and leaves it absent when the plan does not hold it", async () => {
    const attach = (name: "a" | "b", value: string | undefined) => created(`aws_ec2_transit_gateway_vpc_attachment.${name}`, value ? { security_group_referencing_support: value } : {}, { transit_gateway_id: "aws_ec2_transit_gateway.hub", vpc_id: `aws_vpc.${name}`, subnet_ids: [`aws_subnet.${name}`] });
    const plan = (tgw: string | undefined, a: string | undefined) => [
      created("aws_ec2_transit_gateway.hub", tgw ? { security_group_referencing_support: tgw } : {}),
      ...spoke("a", "b").slice(0, -1), attach("a", a), ...spoke("b", "a").slice(0, -1), attach("b", "enable"),
    ];
    const model = await loadModel(writePlan(plan("enable", "disable")));
    expect(model.transitGateways.get("tgw-aws_ec2_transit_gateway.hub")?.securityGroupReferencingSupport).toBe("enable");
    expect(model.transitGatewayAttachments.get("tgw-attach-aws_ec2_transit_gateway_vpc_attachment.a")?.securityGroupReferencingSupport).toBe("disable");
    const absent = await loadModel(writePlan(plan(undefined, undefined)));
    expect(absent.transitGateways.get("tgw-aws_ec2_transit_gateway.hub")?.securityGroupReferencingSupport).toBeUndefined();
    expect(absent.transitGatewayAttachments.get("tgw-attach-aws_ec2_transit_gateway_vpc_attachment.a")?.securityGroupReferencingSupport).toBeUndefined();
  });

  it("reads appliance_mode_support into the attachment's options, and leaves it absent when the plan does not hold it", async () => {
    const attach = (name: "a" | "b", value: string | undefined) => created(`aws_ec2_transit_gateway_vpc_attachment.${name}`, value ? { appliance_mode_support: value } : {}, { transit_gateway_id: "aws_ec2_transit_gateway.hub", vpc_id: `aws_vpc.${name}`, subnet_ids: [`aws_subnet.${name}`] });
    const model = await loadModel(writePlan([created("aws_ec2_transit_gateway.hub", {}), ...spoke("a", "b").slice(0, -1), attach("a", "enable"), ...spoke("b", "a").slice(0, -1), attach("b", undefined)]));
    expect(model.transitGatewayAttachments.get("tgw-attach-aws_ec2_transit_gateway_vpc_attachment.a")?.applianceModeSupport).toBe("enable");
    expect(model.transitGatewayAttachments.get("tgw-attach-aws_ec2_transit_gateway_vpc_attachment.b")?.applianceModeSupport).toBeUndefined();
  });

  const ownTable = (extra: Change[]) => [
    created("aws_ec2_transit_gateway.hub", { default_route_table_association: "disable", default_route_table_propagation: "disable" }),
    ...spoke("a", "b"),
    ...spoke("b", "a"),
    created("aws_ec2_transit_gateway_route_table.spokes", {}, { transit_gateway_id: "aws_ec2_transit_gateway.hub" }),
    ...(["a", "b"] as const).flatMap((name) => [
      created(`aws_ec2_transit_gateway_route_table_association.${name}`, {}, { transit_gateway_route_table_id: "aws_ec2_transit_gateway_route_table.spokes", transit_gateway_attachment_id: `aws_ec2_transit_gateway_vpc_attachment.${name}` }),
      created(`aws_ec2_transit_gateway_route_table_propagation.${name}`, {}, { transit_gateway_route_table_id: "aws_ec2_transit_gateway_route_table.spokes", transit_gateway_attachment_id: `aws_ec2_transit_gateway_vpc_attachment.${name}` }),
    ]),
    ...extra,
  ];

  it("reads a table of its own with associations and propagations, and no default table", async () => {
    const model = await loadModel(writePlan(ownTable([])));
    expect([...model.transitGatewayRouteTables.keys()]).toEqual(["tgw-rtb-aws_ec2_transit_gateway_route_table.spokes"]);
    expect(createAnalyzer(model).query({ from: "i-aws_instance.a", to: "10.2.1.10", port: 443 }).verdict).toBe("reachable");
  });

  it("reads a static blackhole route, more specific than the propagated one, as a block at the table", async () => {
    const blackhole = created("aws_ec2_transit_gateway_route.drop_b", { destination_cidr_block: "10.2.1.0/24", blackhole: true }, { transit_gateway_route_table_id: "aws_ec2_transit_gateway_route_table.spokes" });
    const verdict = createAnalyzer(await loadModel(writePlan(ownTable([blackhole])))).query({ from: "i-aws_instance.a", to: "10.2.1.10", port: 443 });
    expect(verdict.verdict).toBe("unreachable");
    expect(verdict.blockedAt?.component).toBe("tgw-rtb-aws_ec2_transit_gateway_route_table.spokes");
  });
});

/** A VPC with an internet gateway, a public route and an instance whose public IP is known. */
const PUBLIC_VPC: Change[] = [
  created("aws_vpc.web", { cidr_block: "10.9.0.0/16" }),
  created("aws_subnet.web", { cidr_block: "10.9.1.0/24", availability_zone: "us-east-1a" }, { vpc_id: "aws_vpc.web" }),
  created("aws_internet_gateway.web", {}, { vpc_id: "aws_vpc.web" }),
  created("aws_route_table.web", {}, { vpc_id: "aws_vpc.web" }),
  created("aws_route.web_internet", { destination_cidr_block: "0.0.0.0/0" }, { route_table_id: "aws_route_table.web", gateway_id: "aws_internet_gateway.web" }),
  created("aws_route_table_association.web", {}, { route_table_id: "aws_route_table.web", subnet_id: "aws_subnet.web" }),
  created("aws_security_group.web", { name: "web", ...ALL_OPEN }, { vpc_id: "aws_vpc.web" }),
  created("aws_instance.web", { private_ip: "10.9.1.10", public_ip: "54.10.0.10" }, { subnet_id: "aws_subnet.web", vpc_security_group_ids: ["aws_security_group.web"] }),
];
const BLOCK_ALL = created("aws_vpc_block_public_access_options.this", { internet_gateway_block_mode: "block-bidirectional" });

describe("VPC Block Public Access in a plan", () => {
  it("without exclusions in the plan, cannot tell whether one made elsewhere exempts the VPC: unknown", async () => {
    const verdict = createAnalyzer(await loadModel(writePlan([...PUBLIC_VPC, BLOCK_ALL]))).query({ from: "i-aws_instance.web", to: "internet" });
    expect(verdict.verdict).toBe("unknown");
    expect(verdict.blockedAt?.component).toBe("igw-aws_internet_gateway.web");
  });

  it("blocks the internet gateway in the account's mode when the plan's exclusions exempt another VPC", async () => {
    const other = [
      created("aws_vpc.other", { cidr_block: "10.8.0.0/16" }),
      created("aws_vpc_block_public_access_exclusion.other", { internet_gateway_exclusion_mode: "allow-bidirectional" }, { vpc_id: "aws_vpc.other" }),
    ];
    const verdict = createAnalyzer(await loadModel(writePlan([...PUBLIC_VPC, BLOCK_ALL, ...other]))).query({ from: "i-aws_instance.web", to: "internet" });
    expect(verdict.verdict).toBe("unreachable");
    expect(verdict.blockedAt?.component).toBe("igw-aws_internet_gateway.web");
  });

  it("lets an excluded VPC through", async () => {
    const exclusion = created("aws_vpc_block_public_access_exclusion.web", { internet_gateway_exclusion_mode: "allow-bidirectional" }, { vpc_id: "aws_vpc.web" });
    const model = await loadModel(writePlan([...PUBLIC_VPC, BLOCK_ALL, exclusion]));
    expect(model.blockPublicAccessExclusions.get("vpcbpa-exclude-aws_vpc_block_public_access_exclusion.web")).toMatchObject({ resourceId: "vpc-aws_vpc.web", mode: "allow-bidirectional" });
    expect(createAnalyzer(model).query({ from: "i-aws_instance.web", to: "internet" }).verdict).toBe("reachable");
  });
});

describe("a SageMaker Studio domain in a plan", () => {
  it("is read with its VPC, subnets and the user settings' security groups named by address", async () => {
    const domain: Change = {
      ...created("aws_sagemaker_domain.studio", { domain_name: "studio", app_network_access_type: "VpcOnly", default_user_settings: [{ execution_role: "arn:aws:iam::111122223333:role/x" }] }, { vpc_id: "aws_vpc.web", subnet_ids: ["aws_subnet.web"] }),
      expressions: { default_user_settings: [{ security_groups: { references: ["aws_security_group.web.id", "aws_security_group.web"] } }] },
    };
    const model = await loadModel(writePlan([...PUBLIC_VPC, domain]));
    expect(model.domains.get("d-aws_sagemaker_domain.studio")).toMatchObject({
      domainName: "studio",
      appNetworkAccessType: "VpcOnly",
      vpcId: "vpc-aws_vpc.web",
      subnetIds: ["subnet-aws_subnet.web"],
      securityGroupIds: ["sg-aws_security_group.web"],
    });
  });
});

describe("a public NAT gateway whose Elastic IP is allocated at apply", () => {
  const plan = () =>
    writePlan([
      ...PUBLIC_VPC,
      created("aws_subnet.app", { cidr_block: "10.9.2.0/24", availability_zone: "us-east-1a" }, { vpc_id: "aws_vpc.web" }),
      { ...created("aws_eip.nat", { domain: "vpc" }), afterUnknown: { id: true, public_ip: true, allocation_id: true } },
      created("aws_nat_gateway.a", { connectivity_type: "public" }, { subnet_id: "aws_subnet.web", allocation_id: "aws_eip.nat" }),
      created("aws_route_table.app", {}, { vpc_id: "aws_vpc.web" }),
      created("aws_route.app_nat", { destination_cidr_block: "0.0.0.0/0" }, { route_table_id: "aws_route_table.app", nat_gateway_id: "aws_nat_gateway.a" }),
      created("aws_route_table_association.app", {}, { route_table_id: "aws_route_table.app", subnet_id: "aws_subnet.app" }),
      created("aws_instance.app", { private_ip: "10.9.2.10", associate_public_ip_address: false }, { subnet_id: "aws_subnet.app", vpc_security_group_ids: ["aws_security_group.web"] }),
    ]);

  it("reaches the internet whatever address it gets", async () => {
    const model = await loadModel(plan());
    expect(model.natGateways.get("nat-aws_nat_gateway.a")!.addresses[0]).toMatchObject({ allocationId: "eipalloc-aws_eip.nat", publicIp: undefined, publicIpAtApply: "public_ip of aws_eip.nat, allocated at apply" });
    const verdict = createAnalyzer(model).query({ from: "i-aws_instance.app", to: "internet" });
    expect(verdict.verdict).toBe("reachable");
    expect(verdict.path.map((h) => h.component)).toEqual(expect.arrayContaining(["nat-aws_nat_gateway.a", "igw-aws_internet_gateway.web"]));
  });

  // Conservative: the destination's rules are not yet judged for every address AWS may allocate, so
  // this is unknown even though its group (10.0.0.0/8 only) would refuse any of them.
  it("is unknown when it reaches a public IP of the network, whose rules judge the source address", async () => {
    const verdict = createAnalyzer(await loadModel(plan())).query({ from: "i-aws_instance.app", to: "54.10.0.10", port: 443 });
    expect(verdict.verdict).toBe("unknown");
    expect(verdict.blockedAt).toMatchObject({ component: "igw-aws_internet_gateway.web", code: "MISSING_DATA" });
    expect(verdict.explanation).toContain("public_ip of aws_eip.nat, allocated at apply");
  });
});

describe("a VPC a plan creates, laid over a network whose VPCs print the account's Block Public Access mode", () => {
  it("has the account's mode (AWS prints it on every VPC; Terraform does not know it): its internet gateway is blocked", async () => {
    // The collected network without describe-vpc-block-public-access-options: only its VPC's BlockPublicAccessStates say the mode.
    const live = editedCopy(join(FIXTURES, "block-public-access"), []);
    rmSync(join(live, "us-east-1/describe-vpc-block-public-access-options.json"));
    const verdict = createAnalyzer(await loadModels([live, writePlan(PUBLIC_VPC)])).query({ from: "i-aws_instance.web", to: "internet" });
    expect(verdict.verdict).toBe("unreachable");
    expect(verdict.blockedAt?.component).toBe("igw-aws_internet_gateway.web");
    expect(JSON.stringify(verdict.blockedAt)).toContain("BlockPublicAccessStates of vpc-0cd69c99018ae06df, the account's mode in us-east-1");
  });
});
