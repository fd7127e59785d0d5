/**
 * The synthetic estate generator: the same seed gives byte-identical output, a different seed a
 * different estate; the counts are exactly those of the size spec (issue 9) scaled to the VPC count;
 * every reference resolves except the intended blackhole NAT routes; the small estate loads through
 * `loadModel` with one notebook per generated notebook file; each account + Region has a transit
 * gateway whose spokes' notebooks reach the internet and the SageMaker API through it.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkFolder, jsonFiles } from "../../bench/aws/check.js";
import { SIZES, expectedCounts, synthesize, type SynthResult } from "../../bench/synth.js";
import { loadModel } from "../../src/snapshot/load.js";
import { createAnalyzer } from "../../src/engine/index.js";

let root: string;
let first: SynthResult;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "vpcreach-synth-"));
  first = await synthesize({ size: "small", seed: "t1", out: join(root, "a") });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function snapshotOf(folder: string): Promise<Map<string, string>> {
  const files = await jsonFiles(folder);
  return new Map(await Promise.all(files.map(async (f) => [relative(folder, f), await readFile(f, "utf8")] as [string, string])));
}

describe("synth", () => {
  it("is deterministic for a seed", async () => {
    await synthesize({ size: "small", seed: "t1", out: join(root, "b") });
    expect(await snapshotOf(join(root, "b"))).toEqual(await snapshotOf(join(root, "a")));
  });

  it("gives a different estate for a different seed", async () => {
    await synthesize({ size: "small", seed: "t2", out: join(root, "c") });
    expect(await snapshotOf(join(root, "c"))).not.toEqual(await snapshotOf(join(root, "a")));
  });

  it("refuses to overwrite an existing folder unless forced", async () => {
    await expect(synthesize({ size: "small", seed: "t1", out: join(root, "a") })).rejects.toThrow(/already exists/);
    await expect(synthesize({ size: "small", seed: "t1", out: join(root, "a"), force: true })).resolves.toMatchObject({ vpcs: 10 });
  });

  it("has exactly the small size's counts, and consistent references", async () => {
    expect(first.vpcs).toBe(SIZES.small.vpcs);
    const { counts, problems } = await checkFolder(join(root, "a"));
    expect(counts).toMatchObject(expectedCounts(10));
    expect(counts).toMatchObject({ vpcs: 10, subnets: 100, networkInterfaces: 200, notebooks: 100, securityGroups: 50, securityGroupRules: 500, networkAcls: 30 });
    // The only dangling ids are the deleted NAT gateways of blackhole routes.
    expect(problems.filter((p) => !/ refers to missing nat-0[0-9a-f]{16}$/.test(p))).toEqual([]);
    expect(problems.length).toBe(first.traits.blackhole);
  });

  it("scales the counts linearly with the VPC count (the medium and large specs)", async () => {
    expect(expectedCounts(SIZES.medium.vpcs)).toMatchObject({ subnets: 1000, networkInterfaces: 2000, notebooks: 1000 });
    expect(expectedCounts(SIZES.large.vpcs)).toMatchObject({ subnets: 10_000, networkInterfaces: 20_000, notebooks: 10_000, securityGroups: 5000, securityGroupRules: 50_000, networkAcls: 3000 });
    const out = join(root, "d");
    const result = await synthesize({ size: "medium", seed: "t3", out, vpcs: 60 });
    const { counts, problems } = await checkFolder(out);
    expect(counts).toMatchObject(expectedCounts(60));
    expect(problems.length).toBe(result.traits.blackhole);
    expect(result.scopes).toBe(3);
    expect(result.traits.nat).toBeGreaterThan(30);
    expect(result.traits.s3Endpoint + result.traits.interfaceEndpoints).toBeGreaterThan(30);
  });

  it("the small estate loads through loadModel", async () => {
    const model = await loadModel(join(root, "a"));
    expect(model.vpcs.size).toBe(10);
    expect(model.subnets.size).toBe(100);
    expect(model.networkInterfaces.size).toBe(200);
    expect(model.notebooks.size).toBe(100);
    const notebooks = [...model.notebooks.values()];
    expect(notebooks.some((n) => n.directInternetAccess)).toBe(true);
    expect(notebooks.some((n) => !n.directInternetAccess)).toBe(true);
    for (const notebook of notebooks) expect(model.networkInterfaces.has(notebook.networkInterfaceId!)).toBe(true);
    expect([...model.vpcs.values()].every((v) => v.enableDnsSupport === true)).toBe(true);
  });

  it("puts a transit gateway in each account + Region, with an egress VPC, a shared-services VPC and spokes whose notebooks cross it", async () => {
    expect(first.hubs.transitGateways).toBe(1);
    expect(first.hubs.spokes).toBeGreaterThan(0);
    const { counts } = await checkFolder(join(root, "a"));
    expect(counts).toMatchObject({ transitGateways: 1, transitGatewayAttachments: 2 + first.hubs.spokes, hostedZones: 2 });
    const model = await loadModel(join(root, "a"));
    const analyzer = createAnalyzer(model);
    const tgw = [...model.transitGateways.keys()][0]!;
    const spokeVpcs = new Set([...model.transitGatewayAttachments.values()].filter((a) => a.associations?.some((x) => model.transitGatewayRouteTables.get(x.routeTableId)?.name === "spokes")).map((a) => a.resourceId));
    expect(spokeVpcs.size).toBe(first.hubs.spokes);
    const spokeNotebooks = [...model.notebooks.values()].filter((n) => !n.directInternetAccess && spokeVpcs.has(model.subnets.get(n.subnetId!)?.vpcId));
    expect(spokeNotebooks.length).toBeGreaterThan(0);
    let reachable = 0;
    for (const notebook of spokeNotebooks) {
      for (const to of ["internet", "sagemaker-api"]) {
        const verdict = analyzer.query({ from: notebook.id, to });
        reachable += Number(verdict.verdict === "reachable");
        // Only an attachment without a subnet in the notebook's zone stops traffic before the gateway
        // (a spoke may also carry the other faults: a NACL dropping replies, an endpoint SG).
        if (verdict.blockedAt?.code === "TGW_ROUTE_AZ_RESTRICTION") continue;
        expect(verdict.path.map((hop) => hop.component), `${notebook.id} → ${to}`).toContain(tgw);
      }
    }
    expect(reachable).toBeGreaterThan(spokeNotebooks.length);
  });
});
