/** End to end: `vpcreach inspect` run as the built CLI (`node dist/cli/vpcreach.js`). */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { BATFISH, makeFolder } from "../snapshot/helpers.js";
import type { VpcSummary } from "../../src/cli/inspect-summary.js";

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
        privateDnsOnlyForInboundResolverEndpoint: null,
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

describe("a Studio domain in several subnets (fixtures/sagemaker-workloads, the domain given all three subnets)", () => {
  // Its apps run in any of the subnets: one routes to the NAT gateway, one only to the internet
  // gateway (no public IP for an app), one nowhere. Before: audit and query said "blocked" (the first
  // subnet that failed), though apps in the NAT subnet reach the internet.
  async function threeSubnets(): Promise<string> {
    const { cpSync, mkdtempSync, readFileSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const folder = join(mkdtempSync(join(tmpdir(), "vpcreach-studio-")), "net");
    cpSync(join(ROOT, "fixtures/sagemaker-workloads"), folder, { recursive: true });
    const file = join(folder, "us-east-1/sagemaker/domain-research-studio.json");
    const domain = JSON.parse(readFileSync(file, "utf8")) as { SubnetIds: string[] };
    domain.SubnetIds = ["subnet-0f2aa1e17c2ee6cd5", "subnet-0af236525cc7996be", "subnet-0f529a8e57fc8fe0c"];
    writeFileSync(file, JSON.stringify(domain));
    return folder;
  }

  it("inspect lists the subnets and says the apps may run in any; audit and query answer unknown with each subnet's verdict", async () => {
    const folder = await threeSubnets();
    expect(run("inspect", "-s", folder, "--no-cache").stdout).toContain("Studio domain d-hjq1s60yp8mt (research-studio)  VpcOnly  vpc-07b920f4a8dc5859e subnets subnet-0f2aa1e17c2ee6cd5, subnet-0af236525cc7996be, subnet-0f529a8e57fc8fe0c (its apps may run in any: query and audit answer from each, unknown where they differ)");
    expect(run("audit", "-s", folder, "--no-cache").stdout).toMatch(/research-studio \(d-hjq1s60yp8mt\) +\? unknown: differs by place, reachable from 1 of 3 /);
    const query = run("query", "-s", folder, "--no-cache", "--from", "domain/research-studio", "--to", "internet", "--json");
    expect(query.status).toBe(3);
    const v = JSON.parse(query.stdout) as { verdict: string; places: { where: string; verdict: string }[] };
    expect(v.verdict).toBe("unknown");
    expect(v.places.map((p) => `${p.where} ${p.verdict}`)).toEqual(["subnet-0f2aa1e17c2ee6cd5 reachable", "subnet-0af236525cc7996be unreachable", "subnet-0f529a8e57fc8fe0c unreachable"]);
  });
});

describe("vpcreach inspect: what decides how a VPC resolves names", () => {
  /**
   * fixtures/s3-interface-endpoint (its S3 interface endpoint prints the option on) with, as `edit`
   * asks, the VPC's DHCP options set, Route 53 Resolver rules, and the option left out of DnsOptions.
   */
  async function network(edit: { dhcp?: string[]; dhcpId?: string | null; rules?: "this VPC" | "another VPC"; optionAbsent?: boolean }): Promise<string> {
    const { cpSync, mkdtempSync, readFileSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const folder = join(mkdtempSync(join(tmpdir(), "vpcreach-inspect-")), "net");
    cpSync(join(ROOT, "fixtures/s3-interface-endpoint"), folder, { recursive: true });
    const region = join(folder, "us-east-1");
    const vpcs = JSON.parse(readFileSync(join(region, "describe-vpcs.json"), "utf8"));
    const vpc = vpcs.Vpcs[0] as { VpcId: string; DhcpOptionsId?: string };
    if (edit.dhcpId !== undefined) {
      if (edit.dhcpId === null) delete vpc.DhcpOptionsId;
      else vpc.DhcpOptionsId = edit.dhcpId;
      writeFileSync(join(region, "describe-vpcs.json"), JSON.stringify(vpcs));
    }
    if (edit.dhcp) {
      const servers = { Key: "domain-name-servers", Values: edit.dhcp.map((Value) => ({ Value })) };
      writeFileSync(join(region, "describe-dhcp-options.json"), JSON.stringify({ DhcpOptions: [{ DhcpOptionsId: vpc.DhcpOptionsId, DhcpConfigurations: [servers] }] }));
    }
    if (edit.rules) {
      writeFileSync(join(region, "resolver-rules.json"), JSON.stringify({ ResolverRules: [{ Id: "rslvr-rr-1", DomainName: "amazonaws.com.", RuleType: "FORWARD", TargetIps: [{ Ip: "10.200.0.2", Port: 53 }] }, { Id: "rslvr-rr-2", DomainName: "corp.example.", RuleType: "FORWARD", TargetIps: [{ Ip: "10.200.0.3", Port: 53 }] }] }));
      writeFileSync(join(region, "resolver-rule-associations.json"), JSON.stringify({ ResolverRuleAssociations: [{ Id: "rslvr-rrassoc-1", ResolverRuleId: "rslvr-rr-1", VPCId: edit.rules === "this VPC" ? vpc.VpcId : "vpc-0other", Status: "COMPLETE" }] }));
    }
    if (edit.optionAbsent) {
      const file = join(region, "describe-vpc-endpoints.json");
      const endpoints = JSON.parse(readFileSync(file, "utf8"));
      for (const e of endpoints.VpcEndpoints) if (e.DnsOptions) delete e.DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint;
      writeFileSync(file, JSON.stringify(endpoints));
    }
    return folder;
  }

  const VPC = "vpc-061a1acdc119ad0c5";
  const DHCP = "dopt-063bb55cb3dbceb08";
  const S3_INTERFACE = "vpce-0e425a056a3f4787b";

  it.each([
    {
      name: "the DHCP set's DNS servers, the associated Resolver rules (not another VPC's), the S3 interface endpoint's option on",
      edit: { dhcp: ["10.80.0.10", "AmazonProvidedDNS"], rules: "this VPC" as const },
      text: [`    DHCP options ${DHCP}: DNS servers 10.80.0.10, AmazonProvidedDNS`, "    Route 53 Resolver rules (1):\n      rslvr-rr-1  FORWARD  amazonaws.com  → 10.200.0.2:53\n", "private DNS on  private DNS only for inbound Resolver endpoint on  subnets"],
      dns: { dhcpOptionsId: DHCP, dnsServers: ["10.80.0.10", "AmazonProvidedDNS"], resolverRules: [{ id: "rslvr-rr-1", domainName: "amazonaws.com", ruleType: "FORWARD", targets: ["10.200.0.2:53"] }] },
      option: true,
    },
    {
      name: "a set without domain-name-servers; Resolver rules given, none for this VPC; the option not printed beside the S3 gateway endpoint",
      edit: { dhcp: [], rules: "another VPC" as const, optionAbsent: true },
      text: [`    DHCP options ${DHCP}: DNS servers none (no domain-name-servers)`, "    Route 53 Resolver rules: none associated\n", "private DNS on  private DNS only for inbound Resolver endpoint not given (DnsOptions without it)  subnets"],
      dns: { dhcpOptionsId: DHCP, dnsServers: [], resolverRules: [] },
      option: null,
    },
    {
      name: "nothing given: the set named by describe-vpcs but not in the snapshot, no Resolver rule",
      edit: {},
      text: [`    DHCP options ${DHCP}: DNS servers not in the snapshot (no describe-dhcp-options output)`, "    Route 53 Resolver rules: none in the snapshot (list-resolver-rules, list-resolver-rule-associations)"],
      dns: { dhcpOptionsId: DHCP, dnsServers: null, resolverRules: null },
      option: true,
    },
    {
      name: "a VPC without a DHCP options set (default)",
      edit: { dhcpId: "default" },
      text: ["    DHCP options: none (default)\n"],
      dns: { dhcpOptionsId: "default", dnsServers: null, resolverRules: null },
      option: true,
    },
    {
      name: "describe-vpcs without DhcpOptionsId",
      edit: { dhcpId: null },
      text: ["    DHCP options: not in the snapshot (describe-vpcs gave no DhcpOptionsId)\n"],
      dns: { dhcpOptionsId: null, dnsServers: null, resolverRules: null },
      option: true,
    },
  ])("shows $name, in text and --json", async ({ edit, text, dns, option }) => {
    const folder = await network(edit);
    const shown = run("inspect", "-s", folder);
    expect(shown.status).toBe(0);
    for (const line of text) expect(shown.stdout).toContain(line);
    const json = JSON.parse(run("inspect", "-s", folder, "--json").stdout) as { scopes: { vpcs: VpcSummary[] }[] };
    const vpc = json.scopes.flatMap((s) => s.vpcs).find((v) => v.id === VPC)!;
    expect(vpc.dns).toEqual({ support: true, hostnames: true, ...dns });
    expect(vpc.endpoints.find((e) => e.id === S3_INTERFACE)?.privateDnsOnlyForInboundResolverEndpoint).toBe(option);
  });
});
