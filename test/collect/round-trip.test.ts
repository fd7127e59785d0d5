/**
 * The round trip a user makes: `collect` a live network (here: the loopback server answering with a
 * fixture), then read the snapshot. The model built from the collected snapshot must equal the one
 * built from the fixture's describe-* folder, and the engine must give the same verdicts on both.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collect } from "../../src/collect/collect.js";
import { readSnapshotFile } from "../../src/snapshot/file.js";
import { writeSnapshotFile } from "../../src/snapshot/file.js";
import { loadModel } from "../../src/snapshot/load.js";
import type { Model } from "../../src/model/types.js";
import { createAnalyzer } from "../../src/engine/index.js";
import { readWireNetwork, type WireNetwork } from "./wire-network.js";
import { denied, startWireServer, type Fault, type WireRequest, type WireServer } from "./wire-server.js";
import { applyEnv, awsTestEnv } from "./aws-env.js";
import { INCONSISTENT_FIXTURES } from "../helpers/fixtures.js";

const FIXTURES = "fixtures";

interface Expected {
  from: string;
  to: string;
  protocol?: "udp";
  verdict: string;
}

const expectedVerdicts = JSON.parse(readFileSync(join(FIXTURES, "expected-verdicts.json"), "utf8")) as Record<string, Expected[]>;
/** Region folders of a fixture (`us-east-1/`, …). */
function regionsOf(fixture: string): string[] {
  return readdirSync(join(FIXTURES, fixture)).filter((name) => /^[a-z]{2}(-[a-z]+)+-\d+$/.test(name));
}

/**
 * The single-account fixtures (Region folders at the top): one credential collects them. Fixtures laid
 * out per account (`<account>/<region>/`, hub-and-spoke) are collected with `--role-name` and
 * `--accounts`, which test/collect/multi-account.test.ts covers. A collection holds one copy of each
 * resource, so fixtures built from contradictory copies are not collected here.
 */
const fixtureNames = Object.keys(expectedVerdicts).filter((name) => existsSync(join(FIXTURES, name)) && regionsOf(name).length > 0 && !INCONSISTENT_FIXTURES.has(name));

let folder: string;
let restoreEnv: (() => void) | undefined;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "vpcreach-round-trip-"));
});

afterAll(() => {
  restoreEnv?.();
  rmSync(folder, { recursive: true, force: true });
});

/** Collects a fixture through the wire and writes the snapshot; returns its path. */
async function collectFixture(
  fixture: string,
  fault?: (request: WireRequest) => Fault | undefined,
  extend?: (networks: Record<string, WireNetwork>) => void,
): Promise<string> {
  const networks: Record<string, WireNetwork> = {};
  for (const region of regionsOf(fixture)) networks[region] = readWireNetwork(join(FIXTURES, fixture, region));
  extend?.(networks);
  const server: WireServer = await startWireServer({ networks, pageSize: 3, ...(fault ? { fault } : {}) });
  restoreEnv = applyEnv(awsTestEnv(server.url));
  try {
    const result = await collect({ regions: Object.keys(networks), toolVersion: "test" });
    if (!fault) expect(result.snapshot.errors).toEqual([]);
    const path = join(folder, `${fixture}-${fault ? "faulty" : extend ? "extended" : "complete"}.json`);
    await writeSnapshotFile(path, result.snapshot);
    return path;
  } finally {
    restoreEnv();
    restoreEnv = undefined;
    await server.close();
  }
}

/** A model's resources without where they were read from (file and JSON path differ by design). */
function comparable(model: Model): Record<string, unknown> {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value instanceof Map) return Object.fromEntries([...value].map(([key, member]) => [String(key), strip(member)]));
    if (value instanceof Set) return [...value].sort();
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "origin").map(([key, member]) => [key, strip(member)]));
    }
    return value;
  };
  // The fixture folders hold no describe-vpc-block-public-access-options output, which the collector
  // always reads: the account's settings are compared on their own (see the round-trip test).
  const { source: _source, warnings: _warnings, dataPresent: _dataPresent, blockPublicAccessOptions: _options, identity, ...resources } = model;
  // The collector asks for IAM data and the bucket listing too, so it knows they are present (and empty):
  // compared without `present` and `bucketListing`.
  const { present: _present, bucketListing: _listing, ...identityData } = identity ?? { present: undefined };
  return strip({ ...resources, identity: identityData }) as Record<string, unknown>;
}

describe("collect → snapshot → model round trip", () => {
  it.each(fixtureNames)("%s: the collected snapshot loads into the same model as the fixture folder", async (fixture) => {
    const snapshot = await collectFixture(fixture);
    const fromSnapshot = await loadModel(snapshot);
    const fromFolder = await loadModel(join(FIXTURES, fixture));
    expect(comparable(fromSnapshot)).toEqual(comparable(fromFolder));
    // The account's Block Public Access settings as the stand-in answers them: the fixture's own, else AWS's default (off).
    const folderModes = new Map([...fromFolder.blockPublicAccessOptions.values()].map((o) => [o.scope.region, o.mode]));
    for (const options of fromSnapshot.blockPublicAccessOptions.values()) expect(options.mode).toBe(folderModes.get(options.scope.region) ?? "off");
    expect(fromSnapshot.blockPublicAccessOptions.size).toBe(new Set(regionsOf(fixture)).size);
    // The collector asks for every kind, so it knows more kinds are present (e.g. no transit gateways).
    for (const [scope, kinds] of fromFolder.dataPresent) {
      for (const kind of kinds) expect(fromSnapshot.dataPresent.get(scope)?.has(kind), `${scope} ${kind}`).toBe(true);
    }
  });

  it("gives the same verdicts on the collected snapshot as on each fixture folder", async () => {
    const seen = new Set<string>();
    for (const fixture of fixtureNames) {
      const snapshot = await collectFixture(fixture);
      const collected = createAnalyzer(await loadModel(snapshot));
      const original = createAnalyzer(await loadModel(join(FIXTURES, fixture)));
      for (const { from, to, protocol } of expectedVerdicts[fixture] ?? []) {
        const question = { from, to, ...(protocol ? { protocol } : {}) };
        const a = collected.query(question);
        const b = original.query(question);
        expect(JSON.stringify(a), `${fixture}: ${from} → ${to}`).toBe(JSON.stringify(b));
        seen.add(a.verdict);
      }
    }
    // Not trivially equal: the fixtures' answers span the verdicts.
    expect(seen.has("reachable") && seen.has("unreachable")).toBe(true);
  });

  it("a denied call makes the answers that depend on it unknown, naming the call that failed", async () => {
    const snapshot = await collectFixture("nat-notebook", (request) => (request.action === "DescribeNatGateways" ? denied(request.action) : undefined));
    const model = await loadModel(snapshot);
    expect(model.collectErrors).toEqual([expect.objectContaining({ operation: "DescribeNatGateways", code: "UnauthorizedOperation" })]);
    const verdict = createAnalyzer(model).query({ from: "nat-notebook", to: "internet" });
    expect(verdict.verdict).toBe("unknown");
    expect(verdict.explanation).toMatch(/nat-gateways.*UnauthorizedOperation|UnauthorizedOperation.*NatGateways/i);
  });

  it("gathers the VPCs' DHCP option sets: a VPC whose set names DNS servers of its own makes a name its endpoint answers unknown", async () => {
    const servers = (values: string[]) => [{ Key: "domain-name-servers", Values: values.map((Value) => ({ Value })) }];
    const snapshotPath = await collectFixture("vpc-only-endpoints", undefined, (networks) => {
      const east = networks["us-east-1"];
      if (!east) throw new Error("vpc-only-endpoints has no us-east-1");
      // Four sets against a page size of 3: the call is paged; only the VPC's set (dopt-028e7d4051874dbea) counts.
      east.lists.set("DhcpOptions", [
        { DhcpOptionsId: "dopt-0aaa000000000001a", OwnerId: "111122223333", DhcpConfigurations: servers(["AmazonProvidedDNS"]) },
        { DhcpOptionsId: "dopt-0aaa000000000002a", OwnerId: "111122223333", DhcpConfigurations: [{ Key: "domain-name", Values: [{ Value: "corp.example" }] }] },
        { DhcpOptionsId: "dopt-0aaa000000000003a", OwnerId: "111122223333", DhcpConfigurations: servers(["AmazonProvidedDNS"]) },
        { DhcpOptionsId: "dopt-028e7d4051874dbea", OwnerId: "111122223333", DhcpConfigurations: servers(["10.80.0.10", "10.80.0.11"]) },
      ]);
    });
    const snapshot = await readSnapshotFile(snapshotPath);
    const documents = snapshot.sources.flatMap((source) => source.documents as Record<string, unknown>[]);
    const sets = documents.filter((doc) => Array.isArray(doc.DhcpOptions)).flatMap((doc) => doc.DhcpOptions as Record<string, unknown>[]);
    expect(sets.map((set) => set.DhcpOptionsId)).toEqual(["dopt-0aaa000000000001a", "dopt-0aaa000000000002a", "dopt-0aaa000000000003a", "dopt-028e7d4051874dbea"]);
    expect(sets[3]?.DhcpConfigurations).toEqual(servers(["10.80.0.10", "10.80.0.11"]));
    const model = await loadModel(snapshotPath);
    expect(model.vpcs.get("vpc-04203bb005241be33")?.dnsServers).toEqual(["10.80.0.10", "10.80.0.11"]);
    const verdict = createAnalyzer(model).query({ from: "vpc-only-notebook", to: "sagemaker-api" });
    expect(verdict.verdict, verdict.explanation).toBe("unknown");
    expect(verdict.explanation).toContain("give its instances the DNS servers 10.80.0.10");
  });

  it("a denied DescribeDhcpOptions is recorded, and a name the VPC's endpoint answers is unknown naming the call", async () => {
    const snapshot = await collectFixture("vpc-only-endpoints", (request) => (request.action === "DescribeDhcpOptions" ? denied(request.action) : undefined));
    const model = await loadModel(snapshot);
    expect(model.collectErrors).toEqual([expect.objectContaining({ operation: "DescribeDhcpOptions", code: "UnauthorizedOperation" })]);
    const verdict = createAnalyzer(model).query({ from: "vpc-only-notebook", to: "sagemaker-api" });
    expect(verdict.verdict, verdict.explanation).toBe("unknown");
    expect(verdict.explanation).toContain("DescribeDhcpOptions failed: UnauthorizedOperation");
  });

  it("the AWS CLI folder layout that docs/collect.md's shell loop writes loads into the same model", async () => {
    const snapshotPath = await collectFixture("ml-platform", undefined, (networks) => {
      const east = networks["us-east-1"];
      if (!east) throw new Error("ml-platform has no us-east-1");
      // What ml-platform lacks: a customer-managed prefix list (its entries file is named after it) and a Studio domain.
      east.managedPrefixLists.push({ PrefixListId: "pl-0c0ffee000000001a", PrefixListName: "offices", AddressFamily: "IPv4", OwnerId: "111122223333", State: "create-complete", MaxEntries: 5, Version: 1 });
      east.prefixListEntries.set("pl-0c0ffee000000001a", [{ Cidr: "198.51.100.0/24", Description: "HQ" }]);
      east.domains.push({ DomainId: "d-0123456789ab", DomainArn: "arn:aws:sagemaker:us-east-1:111122223333:domain/d-0123456789ab", DomainName: "studio", AppNetworkAccessType: "PublicInternetOnly", SubnetIds: [], DefaultUserSettings: { SecurityGroups: [] } });
    });
    const snapshot = await readSnapshotFile(snapshotPath);
    const root = join(folder, "cli-layout");
    for (const source of snapshot.sources) {
      const dir = join(root, source.account ?? "unknown", source.region);
      let prefixListFiles = 0;
      for (const raw of source.documents) {
        const doc = raw as Record<string, unknown>;
        const [file, content] = cliFileFor(doc, () => (prefixListFiles += 1));
        if (!file) continue;
        mkdirSync(join(dir, file, ".."), { recursive: true });
        writeFileSync(join(dir, file), JSON.stringify(content, null, 4));
      }
    }
    const fromFolder = await loadModel(root);
    const fromSnapshot = await loadModel(snapshotPath);
    expect(fromSnapshot.prefixLists.get("pl-0c0ffee000000001a")?.cidrs).toEqual(["198.51.100.0/24"]);
    expect(fromSnapshot.domains.has("d-0123456789ab")).toBe(true);
    expect(comparable(fromFolder)).toEqual(comparable(fromSnapshot));
  });
});

/** Where the shell loop in docs/collect.md puts an output, and what the AWS CLI prints there. */
function cliFileFor(doc: Record<string, unknown>, nextPrefixListFile: () => number): [string | undefined, unknown] {
  const LIST_FILES: Record<string, string> = {
    Vpcs: "describe-vpcs", DhcpOptions: "describe-dhcp-options", Subnets: "describe-subnets", RouteTables: "describe-route-tables", InternetGateways: "describe-internet-gateways",
    EgressOnlyInternetGateways: "describe-egress-only-internet-gateways", NatGateways: "describe-nat-gateways", VpcEndpoints: "describe-vpc-endpoints",
    SecurityGroups: "describe-security-groups", NetworkAcls: "describe-network-acls", NetworkInterfaces: "describe-network-interfaces",
    Addresses: "describe-addresses", Reservations: "describe-instances", VpcPeeringConnections: "describe-vpc-peering-connections",
    TransitGateways: "describe-transit-gateways", TransitGatewayAttachments: "describe-transit-gateway-attachments",
    TransitGatewayVpcAttachments: "describe-transit-gateway-vpc-attachments", TransitGatewayRouteTables: "describe-transit-gateway-route-tables",
    VpcBlockPublicAccessOptions: "describe-vpc-block-public-access-options", VpcBlockPublicAccessExclusions: "describe-vpc-block-public-access-exclusions",
    HostedZones: "route53/list-hosted-zones",
  };
  if (typeof doc.NotebookInstanceName === "string") return [`sagemaker/notebook-${doc.NotebookInstanceName}.json`, doc];
  if (typeof doc.DomainId === "string") return [`sagemaker/domain-${doc.DomainId}.json`, doc];
  if (Array.isArray(doc.Entries)) {
    // get-managed-prefix-list-entries prints only the entries: the list id is in the file name.
    return [`prefix-list-entries/${String(doc.PrefixListId)}.json`, { Entries: doc.Entries }];
  }
  if (typeof doc.VpcId === "string") {
    const attribute = "EnableDnsSupport" in doc ? "enableDnsSupport" : "enableDnsHostnames";
    return [`vpc-attributes/${doc.VpcId}-${attribute}.json`, doc];
  }
  if (Array.isArray(doc.PrefixLists)) {
    return [nextPrefixListFile() === 1 ? "describe-prefix-lists.json" : "describe-managed-prefix-lists.json", doc];
  }
  // The loop does not keep the SageMaker list outputs (it describes each item instead).
  const SAGEMAKER_LISTS = ["NotebookInstances", "Domains", "UserProfiles", "Spaces", "TrainingJobSummaries", "ProcessingJobSummaries", "HyperParameterTuningJobSummaries", "Models", "EndpointConfigs", "Endpoints"];
  if (SAGEMAKER_LISTS.some((key) => Array.isArray(doc[key]))) return [undefined, doc];
  const key = Object.keys(doc).find((name) => LIST_FILES[name]);
  if (!key) throw new Error(`no AWS CLI file for a document with keys ${Object.keys(doc).join(", ")}`);
  return [`${LIST_FILES[key]}.json`, doc];
}
