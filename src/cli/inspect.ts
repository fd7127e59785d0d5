/**
 * `vpcreach inspect --snapshot S [--json]`: loads a snapshot or describe-* folder and shows what was
 * understood — per account, Region and VPC: CIDRs, DNS facts (attributes, DHCP options set and its DNS
 * servers, associated Route 53 Resolver rules), subnets (public or private, and
 * why), gateways, endpoints, notebooks, counts — and every warning, dangling reference and collect
 * error. Bad input exits 2 with one line naming the file, JSON path and resource id.
 */
import type { Command } from "commander";
import { indexModel } from "../model/indexes.js";
import { runAction, writeOut } from "./run.js";
import { loadSnapshots, snapshotOption } from "./options.js";
import { printableDeep } from "../model/printable.js";
import type { VpcDnsSummary } from "./inspect-dns.js";
import { summarise, type InspectSummary, type NotebookSummary, type SharedVpcUse, type VpcSummary } from "./inspect-summary.js";
import type { TransitGatewaySummary } from "./inspect-transit-gateways.js";
import { describeCollectError, describeDanglingReference } from "../model/describe.js";

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** What an account has in a VPC another account shares with it (its owner lists the VPC itself). */
function sharedVpcLine(use: SharedVpcUse): string {
  const c = use.counts;
  const held: [number, string][] = [[c.notebooks, "notebook"], [c.instances, "instance"], [c.networkInterfaces, "network interface"], [c.securityGroups, "security group"]];
  const parts = [plural(use.subnetIds.length, "subnet"), ...held.filter(([count]) => count > 0).map(([count, word]) => plural(count, word))];
  const subnets = use.subnetIds.length ? ` (${use.subnetIds.join(", ")})` : "";
  return `  Uses shared VPC ${use.vpcId} owned by ${use.ownerAccount ?? "an account not named in the snapshot"}: ${parts.join(", ")}${subnets}`;
}

function named(id: string, name: string | undefined): string {
  return name ? `${id} (${name})` : id;
}

function yesNo(value: boolean | null): string {
  return value === null ? "unknown (no describe-vpc-attribute output)" : value ? "on" : "off";
}

function notebookLine(n: NotebookSummary): string {
  if (n.missingData) return `${n.name}  ${n.status}  network settings unknown: ${n.missingData}`;
  const parts = [
    n.name,
    n.status,
    n.instanceType ?? "",
    n.subnetId ? `subnet ${n.subnetId}` : "no VPC subnet",
    n.securityGroupIds.length ? `groups ${n.securityGroupIds.join(",")}` : "",
    n.networkInterfaceId ? `ENI ${n.networkInterfaceId}` : "",
    `direct internet access ${n.directInternetAccess ? "enabled" : "disabled"}`,
    `root access ${n.rootAccess ? "enabled" : "disabled"}`,
  ];
  return parts.filter(Boolean).join("  ");
}

/** The DHCP options set and the DNS servers it gives the VPC's instances, as far as the snapshot says. */
function dhcpLine(dns: VpcDnsSummary): string {
  if (dns.dhcpOptionsId === null) return "    DHCP options: not in the snapshot (describe-vpcs gave no DhcpOptionsId)";
  if (dns.dhcpOptionsId === "default") return "    DHCP options: none (default)";
  const servers = dns.dnsServers === null ? "not in the snapshot (no describe-dhcp-options output)" : dns.dnsServers.length ? dns.dnsServers.join(", ") : "none (no domain-name-servers)";
  return `    DHCP options ${dns.dhcpOptionsId}: DNS servers ${servers}`;
}

/** The Route 53 Resolver rules associated with the VPC, one a line. */
function resolverRuleLines(dns: VpcDnsSummary): string[] {
  if (dns.resolverRules === null) return ["    Route 53 Resolver rules: none in the snapshot (list-resolver-rules, list-resolver-rule-associations)"];
  if (dns.resolverRules.length === 0) return ["    Route 53 Resolver rules: none associated"];
  return [
    `    Route 53 Resolver rules (${dns.resolverRules.length}):`,
    ...dns.resolverRules.map((r) => `      ${r.id}  ${r.ruleType}  ${r.domainName || "."}${r.targets.length ? `  → ${r.targets.join(", ")}` : ""}`),
  ];
}

/**
 * An interface endpoint's PrivateDnsOnlyForInboundResolverEndpoint, where it matters: given, or not
 * given beside a gateway endpoint for the same service (S3), where it decides where names resolve.
 */
function inboundResolverText(e: VpcSummary["endpoints"][number], vpc: VpcSummary): string {
  if (e.type !== "Interface") return "";
  if (e.privateDnsOnlyForInboundResolverEndpoint !== null) return `  private DNS only for inbound Resolver endpoint ${e.privateDnsOnlyForInboundResolverEndpoint ? "on" : "off"}`;
  const beside = vpc.endpoints.some((g) => g.type === "Gateway" && g.serviceName === e.serviceName);
  return beside ? "  private DNS only for inbound Resolver endpoint not given (DnsOptions without it)" : "";
}

function vpcLines(vpc: VpcSummary): string[] {
  const lines = [
    `  VPC ${named(vpc.id, vpc.name)}${vpc.isDefault ? " [default]" : ""}  ${vpc.state}`,
    `    CIDRs: ${[...vpc.cidrs, ...vpc.ipv6Cidrs].join(", ")}`,
    `    DNS support: ${yesNo(vpc.dns.support)}; DNS hostnames: ${yesNo(vpc.dns.hostnames)}`,
    dhcpLine(vpc.dns),
    ...resolverRuleLines(vpc.dns),
    `    Subnets (${vpc.subnets.length}):`,
  ];
  for (const s of vpc.subnets) {
    const table = s.routeTable ? `${s.routeTable.id}${s.routeTable.how === "main" ? " (main)" : ""}` : "no route table";
    const acl = s.networkAcl ? `${s.networkAcl.id}${s.networkAcl.how === "default" ? " (default)" : ""}` : "no network ACL";
    lines.push(`      ${named(s.id, s.name)}  ${s.cidr}  ${s.availabilityZone}  ${s.exposure === "public" ? "PUBLIC" : s.exposure === "unknown" ? "UNKNOWN" : "private"}: ${s.reason}  [${table}, ${acl}]`);
  }
  const igws = [...vpc.internetGateways.map((g) => named(g.id, g.name)), ...vpc.egressOnlyInternetGateways.map((g) => `${g.id} (egress-only)`)];
  lines.push(`    Internet gateways: ${igws.length ? igws.join(", ") : "none attached"}`);
  lines.push(`    NAT gateways (${vpc.natGateways.length}):`);
  for (const n of vpc.natGateways) {
    const ips = n.publicIps.length ? `EIP ${n.publicIps.join(",")}` : "no public IP";
    lines.push(`      ${named(n.id, n.name)}  ${n.state}  ${n.connectivityType}  in ${n.subnetId ?? "(regional)"}  ${ips}  private ${n.privateIps.join(",") || "-"}`);
  }
  lines.push(`    Endpoints (${vpc.endpoints.length}):`);
  for (const e of vpc.endpoints) {
    const where = e.type === "Gateway" ? `route tables ${e.routeTableIds.join(",") || "none"}` : `subnets ${e.subnetIds.join(",") || "none"}`;
    const dns = e.type === "Interface" ? `  private DNS ${e.privateDns ? "on" : "off"}${inboundResolverText(e, vpc)}` : "";
    lines.push(`      ${e.id}  ${e.type}  ${e.serviceName}  ${e.state}${dns}  ${where}`);
  }
  if (vpc.notebooks.length) {
    lines.push(`    Notebooks (${vpc.notebooks.length}):`);
    for (const n of vpc.notebooks) lines.push(`      ${notebookLine(n)}`);
  }
  const c = vpc.counts;
  lines.push(
    `    Counts: ${plural(c.routeTables, "route table")}, ${plural(c.securityGroups, "security group")}, ${plural(c.networkAcls, "network ACL")}, ${plural(c.networkInterfaces, "network interface")}, ${plural(c.instances, "instance")}`,
  );
  return lines;
}

/** A transit gateway: its attachments (with their route table) and route tables (routes, propagations). */
function transitGatewayLines(t: TransitGatewaySummary): string[] {
  const lines = [`  Transit gateway ${named(t.id, t.name)}  ${t.state}${t.ownerId ? `  owner ${t.ownerId}` : ""}`];
  lines.push(`    Attachments (${t.attachments.length}):`);
  for (const a of t.attachments) {
    const table = a.routeTableIds === null ? "association unknown" : a.routeTableIds.length ? `→ ${a.routeTableIds.join(", ")}` : "not associated";
    lines.push(`      ${named(a.id, a.name)}  ${a.resourceType} ${a.resourceId ?? ""}${a.account ? `  account ${a.account}` : ""}  ${a.state}  ${a.subnetIds.length ? `subnets ${a.subnetIds.join(",")}  ` : ""}${table}`);
  }
  for (const r of t.routeTables) {
    lines.push(`    Route table ${named(r.id, r.name)}${r.propagations ? `  propagations from ${r.propagations.join(", ") || "none"}` : ""}`);
    if (r.routes === null) lines.push("      routes not in the snapshot (search-transit-gateway-routes)");
    for (const route of r.routes ?? []) lines.push(`      ${route}`);
  }
  return lines;
}

/**
 * Renders the summary as text.
 *
 * @param summary - from `summarise`
 */
export function inspectText(summary: InspectSummary): string {
  const lines = [`Snapshot: ${summary.source}`];
  const totals = Object.entries(summary.counts)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`);
  lines.push(`Totals: ${totals.join(", ") || "nothing recognised"}`, "");
  for (const scope of summary.scopes) {
    const vpcCount = scope.sharedVpcs.length ? `${plural(scope.vpcs.length, "VPC")} of its own, ${plural(scope.sharedVpcs.length, "shared VPC")}` : plural(scope.vpcs.length, "VPC");
    lines.push(`Account ${scope.account ?? "(unknown)"}  Region ${scope.region}  (${vpcCount})`);
    if (scope.dataMissing.length) lines.push(`  No data in the snapshot for: ${scope.dataMissing.join(", ")}`);
    for (const vpc of scope.vpcs) lines.push(...vpcLines(vpc));
    for (const use of scope.sharedVpcs) lines.push(sharedVpcLine(use));
    if (scope.notebooksOutsideVpcs.length) {
      lines.push(`  Notebooks outside any VPC in the snapshot (${scope.notebooksOutsideVpcs.length}):`);
      for (const n of scope.notebooksOutsideVpcs) lines.push(`    ${notebookLine(n)}`);
    }
    for (const d of scope.studioDomains) {
      // Apps run in any of the domain's subnets (SageMaker picks): query and audit answer from each.
      const where = d.subnetIds.length > 1 ? `subnets ${d.subnetIds.join(", ")} (its apps may run in any: query and audit answer from each, unknown where they differ)` : d.subnetIds.join(",");
      lines.push(`  Studio domain ${named(d.id, d.name)}  ${d.appNetworkAccessType}  ${d.vpcId ?? ""} ${where}`.trimEnd());
    }
    for (const t of scope.transitGateways) lines.push(...transitGatewayLines(t));
    for (const z of scope.hostedZones) {
      lines.push(`  ${z.private ? "Private" : "Public"} hosted zone ${z.id} ${z.zoneName}  VPCs ${z.vpcIds?.join(", ") || (z.vpcIds ? "none" : "(get-hosted-zone not given)")}`);
      for (const r of z.records ?? []) lines.push(`    ${r}`);
    }
    if (scope.sagemakerWorkloads.length) {
      lines.push(`  SageMaker workloads (${scope.sagemakerWorkloads.length}; query with --from as shown):`);
      for (const w of scope.sagemakerWorkloads) {
        lines.push(`    ${w.source}  ${w.kind}${w.status ? ` ${w.status}` : ""}  ${w.network}${w.missingData ? `  MISSING: ${w.missingData}` : ""}`);
      }
    }
    lines.push("");
  }
  lines.push(`Warnings (${summary.warnings.length}):`);
  for (const w of summary.warnings) lines.push(`  ${[w.file, w.jsonPath].filter(Boolean).join(": ")}${w.file ? ": " : ""}${w.message}`);
  lines.push(`Dangling references (${summary.danglingReferences.length}):`);
  for (const d of summary.danglingReferences) {
    lines.push(`  ${describeDanglingReference(d)}  (${d.origin.file}: ${d.origin.jsonPath})`);
  }
  lines.push(`Collect errors (${summary.collectErrors.length}):`);
  for (const e of summary.collectErrors) {
    lines.push(`  ${describeCollectError(e)}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Registers `vpcreach inspect`.
 *
 * @param program - the root command
 */
export function registerInspect(program: Command): void {
  program
    .command("inspect")
    .description("Load a snapshot or a folder of describe-* JSON and show what was understood, with every warning.")
    .addOption(snapshotOption())
    .option("--json", "print the same information as one JSON object")
    .addHelpText(
      "after",
      `
Examples:
  $ vpcreach inspect --snapshot fixtures/ml-platform
  $ vpcreach inspect --snapshot snapshot.json --json
  $ vpcreach inspect --snapshot ./aws_configs          # Batfish layout: <region>/<Key>.json, or flat

A subnet is public when its route table has a route to an internet gateway attached to its VPC; it is
unknown when the snapshot cannot tell (no route table for it, or the gateway data is missing).
A VPC's DNS facts: DNS support and hostnames, its DHCP options set's DNS servers (describe-dhcp-options),
the Route 53 Resolver rules associated with it (list-resolver-rules, list-resolver-rule-associations),
and an S3 interface endpoint's PrivateDnsOnlyForInboundResolverEndpoint, each "not in the snapshot" when missing.
Exit status: 0 loaded (warnings included), 2 bad input (the message names file, JSON path and resource),
74 the output could not be written.`,
    )
    .action(
      runAction(async (options: { snapshot: string[]; json?: boolean }) => {
        const model = await loadSnapshots(options.snapshot);
        const summary = summarise(indexModel(model));
        // Names and tags are account-supplied: control characters are shown escaped, never sent to the terminal.
        await writeOut(options.json ? `${JSON.stringify(summary, null, 2)}\n` : inspectText(printableDeep(summary)));
        return 0;
      }),
    );
}
