/**
 * Route 53 in Terraform plans: private hosted zones (`vpc` blocks), zone associations and records,
 * read through the Route 53 describe readers. A hub-and-spoke plan whose spoke notebook resolves the
 * SageMaker runtime's name through a zone aliasing the shared-services endpoint — the alias target
 * (`aws_vpc_endpoint.runtime.dns_entry[0].dns_name`) known only after apply and followed through the
 * configuration to the endpoint; the hub-and-spoke fixture's Route 53 part as a plan laid over the rest
 * of it gives the fixture's verdicts; what cannot be followed is unknown, naming the attribute. Also
 * what else decides how a service's name resolves: an interface endpoint's `dns_options`.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../../src/engine/index.js";
import { loadModel, loadModels } from "../../../src/snapshot/load.js";
import type { Expectation } from "../../../bench/fixtures/types.js";
import { editedCopy, FIXTURES } from "../../helpers/fixtures.js";
import { created, writePlan, type Change } from "../../helpers/terraform-plan.js";

const RUNTIME = "runtime.sagemaker.us-east-1.amazonaws.com";
const ENDPOINT_NAME = ["aws_vpc_endpoint.runtime.dns_entry[0].dns_name", "aws_vpc_endpoint.runtime.dns_entry[0]", "aws_vpc_endpoint.runtime.dns_entry", "aws_vpc_endpoint.runtime"];

/** A VPC with one subnet in us-east-1a whose route table sends `other` to the hub, attached to it. */
function vpc(name: string, n: number, other: string): Change[] {
  return [
    created(`aws_vpc.${name}`, { cidr_block: `10.${n}.0.0/16`, enable_dns_support: true, enable_dns_hostnames: true }),
    created(`aws_subnet.${name}`, { cidr_block: `10.${n}.1.0/24`, availability_zone: "us-east-1a" }, { vpc_id: `aws_vpc.${name}` }),
    created(`aws_route_table.${name}`, {}, { vpc_id: `aws_vpc.${name}` }),
    created(`aws_route.${name}_hub`, { destination_cidr_block: other }, { route_table_id: `aws_route_table.${name}`, transit_gateway_id: "aws_ec2_transit_gateway.hub" }),
    created(`aws_route_table_association.${name}`, {}, { route_table_id: `aws_route_table.${name}`, subnet_id: `aws_subnet.${name}` }),
    created(`aws_ec2_transit_gateway_vpc_attachment.${name}`, {}, { transit_gateway_id: "aws_ec2_transit_gateway.hub", vpc_id: `aws_vpc.${name}`, subnet_ids: [`aws_subnet.${name}`] }),
  ];
}

/** The zone, its association with the spoke and the alias record, each part replaceable. */
interface Dns {
  zone: Change;
  association: Change;
  record: Change;
}

const DNS: Dns = {
  zone: {
    address: "aws_route53_zone.runtime",
    actions: ["create"],
    after: { name: RUNTIME, vpc: [{ vpc_region: "us-east-1" }] },
    afterUnknown: { id: true, zone_id: true, vpc: [{ vpc_id: true }] } as unknown as Record<string, boolean>,
    expressions: { vpc: [{ vpc_id: { references: ["aws_vpc.shared.id", "aws_vpc.shared"] } }] },
  },
  association: created("aws_route53_zone_association.spoke", {}, { zone_id: "aws_route53_zone.runtime", vpc_id: "aws_vpc.spoke" }),
  record: {
    ...created("aws_route53_record.runtime", { name: RUNTIME, type: "A", alias: [{ evaluate_target_health: true }] }, { zone_id: "aws_route53_zone.runtime" }),
    expressions: { alias: [{ name: { references: ENDPOINT_NAME }, zone_id: { references: ENDPOINT_NAME } }] },
  },
};

/**
 * The plan that creates a shared-services VPC with a SageMaker runtime endpoint (private DNS off), a
 * spoke with a VPC-only notebook, a transit gateway between them, and the private zone.
 */
function hubAndSpoke(dns: Dns = DNS): string {
  return writePlan([
    created("aws_ec2_transit_gateway.hub", {}),
    ...vpc("shared", 100, "10.1.0.0/16"),
    ...vpc("spoke", 1, "10.100.0.0/16"),
    created("aws_security_group.endpoints", { name: "endpoints", ingress: [{ from_port: 443, to_port: 443, protocol: "tcp", cidr_blocks: ["10.0.0.0/8"] }], egress: [] }, { vpc_id: "aws_vpc.shared" }),
    created(
      "aws_vpc_endpoint.runtime",
      { service_name: "com.amazonaws.us-east-1.sagemaker.runtime", vpc_endpoint_type: "Interface", private_dns_enabled: false },
      { vpc_id: "aws_vpc.shared", subnet_ids: ["aws_subnet.shared"], security_group_ids: ["aws_security_group.endpoints"] },
    ),
    created("aws_security_group.notebook", { name: "notebook", ingress: [], egress: [{ from_port: 0, to_port: 0, protocol: "-1", cidr_blocks: ["0.0.0.0/0"] }] }, { vpc_id: "aws_vpc.spoke" }),
    created("aws_sagemaker_notebook_instance.research", { name: "research", direct_internet_access: "Disabled" }, { subnet_id: "aws_subnet.spoke", security_groups: ["aws_security_group.notebook"] }),
    dns.zone,
    dns.association,
    dns.record,
  ]);
}

describe("Route 53 private hosted zones in a plan that creates a hub and a spoke", () => {
  it("reads the zone, its VPCs (block and association) and the alias record, following the endpoint's DNS name to the endpoint", async () => {
    const model = await loadModel(hubAndSpoke());
    const zone = model.hostedZones.get("hostedzone-aws_route53_zone.runtime")!;
    expect(zone).toMatchObject({ zoneName: RUNTIME, privateZone: true, vpcs: [{ vpcId: "vpc-aws_vpc.shared", region: "us-east-1" }, { vpcId: "vpc-aws_vpc.spoke", region: "us-east-1" }] });
    const aliasTarget = "dns_entry of aws_vpc_endpoint.runtime (known at apply)";
    expect(zone.records).toEqual([{ name: RUNTIME, type: "A", aliasTarget, values: [] }]);
    expect(model.vpcEndpoints.get("vpce-aws_vpc_endpoint.runtime")!.dnsEntries.map((d) => d.dnsName)).toEqual([aliasTarget]);
  });

  it("resolves the runtime's name in the spoke to the shared-services endpoint: the notebook reaches it over the transit gateway", async () => {
    const verdict = createAnalyzer(await loadModel(hubAndSpoke())).query({ from: "research", to: "sagemaker-runtime" });
    expect(verdict.verdict).toBe("reachable");
    expect(verdict.path.map((h) => h.component)).toEqual(expect.arrayContaining(["tgw-aws_ec2_transit_gateway.hub", "tgw-attach-aws_ec2_transit_gateway_vpc_attachment.shared", "vpce-aws_vpc_endpoint.runtime"]));
    expect(verdict.path.flatMap((h) => h.evidence).map((e) => e.text).join("\n")).toContain(`${RUNTIME} resolves in private hosted zone hostedzone-aws_route53_zone.runtime`);
  });

  it("without the spoke's association, resolves the name publicly (the spoke has no way out): the endpoint is not used", async () => {
    const dns = { ...DNS, association: created("aws_vpc.unrelated", { cidr_block: "10.50.0.0/16" }) };
    const verdict = createAnalyzer(await loadModel(hubAndSpoke(dns))).query({ from: "research", to: "sagemaker-runtime" });
    expect(verdict.path.map((h) => h.component)).not.toContain("vpce-aws_vpc_endpoint.runtime");
    expect(verdict.verdict).not.toBe("reachable");
  });

  it("an alias whose target no reference names (a module output) is unknown, naming alias.name", async () => {
    const record = { ...DNS.record, expressions: { alias: [{ name: { references: ["module.endpoints.dns_names"] } }] } };
    const model = await loadModel(hubAndSpoke({ ...DNS, record }));
    expect(model.warnings.filter((w) => w.resourceId === "aws_route53_record.runtime").map((w) => w.message).join()).toMatch(/alias\.name is not known until apply/);
    const verdict = createAnalyzer(model).query({ from: "research", to: "sagemaker-runtime" });
    expect(verdict.verdict).toBe("unknown");
    expect(verdict.explanation).toContain("alias.name of aws_route53_record.runtime (known only after apply)");
    expect(verdict.blockedAt).toMatchObject({ component: "hostedzone-aws_route53_zone.runtime", type: "hosted-zone", code: "UNKNOWN_DESTINATION" });
  });

  it("reads an endpoint's dns_options, leaving out what the plan knows only at apply", async () => {
    const endpoint = (options: Record<string, unknown>) => created("aws_vpc_endpoint.s3", { service_name: "com.amazonaws.us-east-1.s3", vpc_endpoint_type: "Interface", private_dns_enabled: true, dns_options: [options] }, { vpc_id: "aws_vpc.shared" });
    const inbound = await loadModel(writePlan([...vpc("shared", 100, "10.1.0.0/16"), endpoint({ dns_record_ip_type: "ipv4", private_dns_only_for_inbound_resolver_endpoint: true })]));
    expect(inbound.vpcEndpoints.get("vpce-aws_vpc_endpoint.s3")?.dnsOptions).toEqual({ dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: true });
    const atApply = await loadModel(writePlan([...vpc("shared", 100, "10.1.0.0/16"), endpoint({})]));
    expect(atApply.vpcEndpoints.get("vpce-aws_vpc_endpoint.s3")?.dnsOptions).toEqual({ dnsRecordIpType: undefined, privateDnsOnlyForInboundResolverEndpoint: undefined });
  });

  it("reads a record's set_identifier and routing policy block: a weighted record set", async () => {
    const record = { ...DNS.record, after: { ...DNS.record.after, set_identifier: "blue", weighted_routing_policy: [{ weight: 90 }] } };
    const model = await loadModel(hubAndSpoke({ ...DNS, record }));
    expect(model.hostedZones.get("hostedzone-aws_route53_zone.runtime")!.records![0]!.routing).toEqual({ setIdentifier: "blue", policy: "weighted" });
  });

  it("an association whose VPC no reference names (a variable) makes the name unknown in the VPCs the zone does not name", async () => {
    const association = created("aws_route53_zone_association.spoke", {}, { zone_id: "aws_route53_zone.runtime" });
    association.afterUnknown = { ...association.afterUnknown, vpc_id: true };
    association.references = { ...association.references, vpc_id: ["var.spoke_vpc_id"] };
    const model = await loadModel(hubAndSpoke({ ...DNS, association }));
    expect(model.hostedZones.get("hostedzone-aws_route53_zone.runtime")!.vpcs).toEqual([{ vpcId: "vpc-aws_vpc.shared", region: "us-east-1" }]);
    const verdict = createAnalyzer(model).query({ from: "research", to: "sagemaker-runtime" });
    expect(verdict.verdict).toBe("unknown");
    expect(verdict.blockedAt).toMatchObject({ component: "hostedzone-aws_route53_zone.runtime", code: "MISSING_DATA" });
    expect(verdict.explanation).toContain("whether vpc-aws_vpc.spoke is among them (aws_route53_zone_association.spoke: vpc_id is not known until apply");
  });
});

const HUB = join(FIXTURES, "hub-and-spoke");
const ROUTE53 = join(HUB, "222233334444/us-east-1/route53");
const ROWS = (JSON.parse(readFileSync(join(FIXTURES, "expected-verdicts.json"), "utf8")) as Record<string, Expectation[]>)["hub-and-spoke"]!;

/** The fixture's Route 53 part as the plan that creates it: a zone (with its VPCs as `vpc` blocks) and its alias record per zone. */
function route53Plan(): string {
  const json = (file: string) => JSON.parse(readFileSync(join(ROUTE53, file), "utf8")) as Record<string, unknown>;
  const changes = readdirSync(ROUTE53)
    .filter((file) => file.startsWith("get-hosted-zone-"))
    .flatMap((file, i): Change[] => {
      const { HostedZone: zone, VPCs: vpcs } = json(file) as { HostedZone: { Id: string; Name: string }; VPCs: { VPCId: string; VPCRegion: string }[] };
      const id = zone.Id.replace("/hostedzone/", "");
      const alias = (json(`list-resource-record-sets-${id}.json`).ResourceRecordSets as { Type: string; AliasTarget?: { DNSName: string; HostedZoneId: string } }[]).find((r) => r.AliasTarget)!;
      return [
        { address: `aws_route53_zone.z${i}`, actions: ["create"], after: { name: zone.Name.replace(/\.$/, ""), vpc: vpcs.map((v) => ({ vpc_id: v.VPCId, vpc_region: v.VPCRegion })) }, afterUnknown: { id: true, zone_id: true } },
        created(`aws_route53_record.z${i}`, { name: "", type: "A", alias: [{ name: alias.AliasTarget!.DNSName, zone_id: alias.AliasTarget!.HostedZoneId, evaluate_target_health: true }] }, { zone_id: `aws_route53_zone.z${i}` }),
      ];
    });
  return writePlan(changes);
}

describe("the hub-and-spoke fixture's Route 53 part as a plan, laid over the rest of the fixture", () => {
  it("gives every verdict and path of the describe-* twin", async () => {
    const withoutRoute53 = editedCopy(HUB, []);
    rmSync(join(withoutRoute53, "222233334444/us-east-1/route53"), { recursive: true });
    const twin = createAnalyzer(await loadModel(HUB));
    const plan = createAnalyzer(await loadModels([withoutRoute53, route53Plan()]));
    const runtime = plan.query({ from: "spoke-a-research", to: "sagemaker-runtime" });
    expect(runtime.path.flatMap((h) => h.evidence).map((e) => e.text).join("\n")).toContain(`${RUNTIME} resolves in private hosted zone hostedzone-aws_route53_zone.`);
    for (const row of ROWS) {
      const [a, b] = [twin, plan].map((analyzer) => analyzer.query({ from: row.from, to: row.to }));
      expect({ row: `${row.from} → ${row.to}`, verdict: b!.verdict, path: b!.path.map((h) => h.component) }).toEqual({ row: `${row.from} → ${row.to}`, verdict: a!.verdict, path: a!.path.map((h) => h.component) });
    }
  });
});
