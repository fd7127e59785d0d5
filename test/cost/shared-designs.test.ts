// Designs shared by the VPCs of a Region: what the engine proves each one makes reachable on the
// changed model, what each costs over the set, the break-even in VPCs and GB per VPC (checked against
// a direct sum of the designs' charges), docs/cost.md's worked example against the printed output,
// and the single-VPC case (no shared design, said so).
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { costToText, estimateCosts, loadBundledPriceTable, regionPrices, type CostEstimate } from "../../src/cost/index.js";
import { smallestPayingSet } from "../../src/cost/arithmetic.js";
import { parsePriceTable } from "../../src/cost/price-table.js";
import { sharedBreakEvens, type SetShape } from "../../src/cost/shared-break-even.js";
import { parseTrafficSpec } from "../../src/cost/traffic.js";
import type { SharedDesigns } from "../../src/cost/types.js";
import { withoutNatGateways } from "../../src/cost/what-if.js";
import { withCentralizedEgress, withCentralizedEndpoints } from "../../src/cost/what-if-hub.js";
import { loadModel } from "../../src/snapshot/load.js";
import { TestModel } from "../engine/helpers/model-builder.js";

const TRAFFIC = { default: parseTrafficSpec("internet=200,s3=1000,sagemaker=300"), perVpc: {} };
let hub: CostEstimate;
let platform: CostEstimate;

beforeAll(async () => {
  hub = estimateCosts(createAnalyzer(await loadModel("fixtures/hub-and-spoke")), { traffic: TRAFFIC });
  platform = estimateCosts(createAnalyzer(await loadModel("fixtures/ml-platform")), { traffic: TRAFFIC });
});

const designs = (): SharedDesigns => hub.sharedDesigns[0]!;

describe("shared designs on fixtures/hub-and-spoke (two spokes in us-east-1)", () => {
  it("takes the Region's two VPCs holding notebooks as the set, with the four services they use", () => {
    expect(hub.sharedDesigns.map((s) => [s.region, s.vpcIds.length, s.skipped])).toEqual([["us-east-1", 2, undefined]]);
    expect(designs().services).toEqual(["logs", "sagemaker.api", "sagemaker.runtime", "sts"]);
    expect(designs().designs.map((d) => d.id)).toEqual(["current", "nat-per-az", "nat-per-vpc", "central-egress", "central-all"]);
  });

  it("as it is, spoke-b-batch reaches nothing (its attachment has no subnet in us-east-1b), as the engine says", () => {
    const current = designs().designs[0]!;
    for (const claim of current.reachability) {
      expect([claim.destination, claim.reachable, claim.unreachable]).toEqual([claim.destination, 3, 1]);
      expect(claim.reasons.join(" ")).toContain("spoke-b-batch");
    }
  });

  it.each([
    ["nat-per-az", ["nat-gateway"], ["interface-endpoint"]],
    ["nat-per-vpc", ["nat-gateway"], ["interface-endpoint"]],
    ["central-egress", ["nat-gateway"], ["interface-endpoint"]],
    ["central-all", ["nat-gateway"], ["interface-endpoint"]],
  ] as const)("%s: every notebook reaches the internet via %j, S3 via its gateway endpoint and the services via %j", (id, internet, services) => {
    const design = designs().designs.find((d) => d.id === id)!;
    const by = Object.fromEntries(design.reachability.map((c) => [c.destination, c]));
    for (const claim of design.reachability) expect([claim.destination, claim.reachable]).toEqual([claim.destination, 4]);
    expect(by.internet!.via).toEqual(internet);
    expect(by.s3!.via).toEqual(["gateway-endpoint"]);
    for (const d of ["sagemaker-api", "sagemaker-runtime", "service:sts", "service:logs"]) expect(by[d]!.via).toEqual(services);
  });

  it("counts what each design runs: NAT gateways, endpoint-AZs, attachments, hosted zones", () => {
    expect(designs().designs.map((d) => [d.id, d.natGateways, d.interfaceEndpointAzs, d.transitGatewayAttachments, d.privateHostedZones])).toEqual([
      ["current", 2, 8, 4, 4],
      ["nat-per-az", 4, 16, 2, 0],
      ["nat-per-vpc", 2, 16, 2, 0],
      ["central-egress", 2, 16, 3, 0],
      ["central-all", 2, 8, 4, 4],
    ]);
  });

  it("the break-even savings at N = 2 equal the differences between the priced designs", () => {
    const total = (id: string): number => designs().designs.find((d) => d.id === id)!.totalUsd!;
    const nat = (0.045 + 0.005) * 730;
    // centralized egress: N × (a × NAT − G × TGW) − (a × NAT + attachment), the spokes already attached
    expect(total("nat-per-az") - total("central-egress")).toBeCloseTo(2 * (2 * nat - 200 * 0.02) - (2 * nat + 0.05 * 730), 6);
    // centralized endpoints: N × (endpoints − G × TGW) − (endpoints + attachment + zones)
    const endpoints = 4 * 2 * 0.01 * 730;
    expect(total("central-egress") - total("central-all")).toBeCloseTo(2 * (endpoints - 300 * 0.02) - (endpoints + 0.05 * 730 + 4 * 0.5), 6);
    // one NAT per VPC: each VPC saves a NAT gateway and pays cross-AZ on the other AZ's half of 200 GB
    expect(total("nat-per-az") - total("nat-per-vpc")).toBeCloseTo(2 * (nat - 100 * 0.02), 6);
  });
});

describe("the break-even in VPCs, against the designs' charges summed directly", () => {
  const prices = regionPrices(loadBundledPriceTable(), "us-east-1");
  const table = loadBundledPriceTable();
  const nat = (0.045 + 0.005) * 730;
  const attachment = 0.05 * 730;
  // Monthly cost of N VPCs with a NAT gateway per AZ, and of centralized egress, at G GB each through NAT.
  const perVpc = (n: number, a: number, g: number): number => n * a * nat + n * g * 0.045;
  const central = (n: number, a: number, g: number, attached: boolean): number => a * nat + (n * (attached ? 0 : 1) + 1) * attachment + n * g * (0.045 + 0.02);

  it.each([
    [2, 500, false],
    [2, 200, true],
    [3, 1000, false],
    [1, 100, false],
    [2, 2000, false],
  ] as const)("%i AZs, %i GB per VPC, already attached %s", (azs, gb, attached) => {
    const shape: SetShape = { vpcs: 2, azs, services: 2, spokesAttached: attached, gb: { nat: gb, endpoints: 0, s3: 0 } };
    const egress = sharedBreakEvens(shape, prices, table).find((b) => b.id === "central-egress")!;
    let first: number | null = null;
    for (let n = 2; n <= 1000 && first === null; n += 1) if (central(n, azs, gb, attached) < perVpc(n, azs, gb) - 1e-9) first = n;
    expect(egress.fromVpcs).toBe(first);
  });

  it("states the fresh-estate example of docs/cost.md: from 5 VPCs at 500 GB each (2 AZs)", () => {
    const shape: SetShape = { vpcs: 2, azs: 2, services: 2, spokesAttached: false, gb: { nat: 500, endpoints: 0, s3: 0 } };
    expect(sharedBreakEvens(shape, prices, table)[0]!.statement).toMatch(/^centralized egress is cheaper from 5 VPCs at 500 GB each \(2 AZs\)/);
  });

  it.each([
    [10, 30, 4],
    [10, 20, 3],
    [10, 5, 2],
    [0, 5, null],
    [-1, 5, null],
  ] as const)("smallestPayingSet(k = %d, c = %d) = %s", (k, c, n) => {
    expect(smallestPayingSet(k, c)).toBe(n);
  });
});

describe("docs/cost.md's shared-designs worked example", () => {
  const doc = readFileSync("docs/cost.md", "utf8");
  const start = doc.indexOf("## Worked example: designs shared by several VPCs");
  const section = doc.slice(start, doc.indexOf("\n## ", start));

  it("lists each design's monthly total as the estimate computes it", () => {
    const rows = [...section.matchAll(/^\| ([^|]+?) \| \$([\d,.]+) \|$/gm)].map((m) => [m[1]!, Number(m[2]!.replace(/,/g, ""))] as const);
    expect(rows.map(([title]) => title)).toEqual(designs().designs.map((d) => d.title));
    for (const [title, usd] of rows) expect(designs().designs.find((d) => d.title === title)!.totalUsd!, title).toBeCloseTo(usd, 2);
  });

  it("gives the break-even figures the command prints", () => {
    const text = costToText(hub);
    for (const printed of [
      "centralized egress is cheaper from 2 VPCs at 200 GB each (2 AZs); with this set's 2 VPCs it is cheaper below 912.5 GB per VPC per month",
      "= N × $69.00 − $109.50",
      "sharing interface endpoints is cheaper from 2 VPCs at 300 GB each (4 services, 2 AZs); with this set's 2 VPCs it is cheaper below 497.5 GB per VPC per month",
      "= N × $52.40 − $96.90",
      "one NAT gateway per VPC is cheaper below 3,650 GB per VPC per month",
      "1,000 GB × $0.045 NAT = $45.00 per VPC through its own NAT gateway, 1,000 GB × ($0.045 NAT + $0.02 TGW) = $65.00 per VPC through centralized egress",
    ]) {
      expect(text).toContain(printed);
    }
    for (const figure of ["912.5 GB", "N × $69.00 − $109.50", "497.5 GB", "N × $52.40 − $96.90", "3,650 GB", "$45.00", "$65.00", "from 5 VPCs"]) {
      expect(section).toContain(figure);
    }
  });
});

describe("a Region with one VPC holding notebooks (fixtures/ml-platform)", () => {
  it("builds no shared design, says a shared design needs at least 2 VPCs, and still gives the break-even", () => {
    expect(platform.sharedDesigns.map((s) => [s.region, s.designs.length])).toEqual([["us-east-1", 0], ["us-west-2", 0]]);
    for (const shared of platform.sharedDesigns) {
      expect(shared.skipped).toContain("needs at least 2 VPCs holding notebooks");
      expect(shared.breakEven.map((b) => b.id)).toEqual(["central-egress", "central-endpoints", "nat-per-vpc", "s3-gateway-endpoints"]);
    }
    const text = costToText(platform);
    expect(text).toContain("Shared designs for us-west-2: a design shared by several VPCs needs at least 2 VPCs");
    expect(text).toContain("centralized egress is not cheaper at 200 GB per VPC, however many VPCs share it (1 AZ)");
  });
});

describe("the hub transforms on two VPCs that each have their own NAT gateway", () => {
  const build = () => {
    const t = new TestModel();
    const spokes = ["10.1", "10.2"].map((prefix, i) => {
      const vpc = t.vpc(`${prefix}.0.0/16`);
      const pub = t.subnet(vpc, `${prefix}.0.0/24`);
      const priv = t.subnet(vpc, `${prefix}.1.0/24`);
      t.routeTable(vpc, [pub], [["0.0.0.0/0", t.igw(vpc)]]);
      t.routeTable(vpc, [priv], [["0.0.0.0/0", t.nat(pub)]]);
      t.notebook(`nb-${i}`, { subnet: priv });
      return { vpcId: vpc, subnetIds: [priv] };
    });
    t.s3PrefixList();
    return { model: t.build(), spokes };
  };

  it("centralized egress: the engine proves internet through the new egress VPC's NAT gateway across a new transit gateway", () => {
    const { model, spokes } = build();
    const stripped = withoutNatGateways(withoutNatGateways(model, spokes[0]!.vpcId), spokes[1]!.vpcId);
    const design = withCentralizedEgress(stripped, spokes);
    const engine = createAnalyzer(design.model);
    for (const nb of ["nb-0", "nb-1"]) {
      const v = engine.query({ from: nb, to: "internet" });
      expect(v.verdict).toBe("reachable");
      expect(v.path.map((h) => h.component)).toEqual(expect.arrayContaining(["tgw-whatif-hub", "nat-whatif-us-east-1a", "igw-whatif-egress"]));
    }
    expect(design.changes).toContain("create transit gateway tgw-whatif-hub");
  });

  it("centralized endpoints: a spoke reaches the SageMaker API through the shared endpoint its private hosted zone resolves, and not once the zone is gone", () => {
    const { model, spokes } = build();
    const design = withCentralizedEndpoints(model, spokes, ["sagemaker.api"]);
    const v = createAnalyzer(design.model).query({ from: "nb-1", to: "sagemaker-api" });
    expect(v.verdict).toBe("reachable");
    expect(v.path.map((h) => h.component)).toEqual(expect.arrayContaining(["tgw-whatif-hub", "vpce-whatif-sagemaker-api"]));
    const zones = new Map(design.model.hostedZones);
    zones.delete("Z-whatif-sagemaker-api");
    const without = createAnalyzer({ ...design.model, hostedZones: zones }).query({ from: "nb-1", to: "sagemaker-api" });
    expect(without.path.map((h) => h.component)).not.toContain("vpce-whatif-sagemaker-api");
  });
});

describe("shared designs when the table has no transit gateway figures", () => {
  it("gives the centralized break-even as unknown, naming the figures, and the totals of designs with attachments as lower bounds", async () => {
    const bundled = loadBundledPriceTable();
    const raw = JSON.parse(JSON.stringify({ ...bundled, file: undefined })) as { regions: Record<string, Record<string, unknown>> };
    delete raw.regions["us-east-1"]!.transitGatewayAttachmentHourly;
    delete raw.regions["us-east-1"]!.transitGatewayPerGb;
    const prices = parsePriceTable(raw, "test-prices.json");
    const shared = estimateCosts(createAnalyzer(await loadModel("fixtures/hub-and-spoke")), { prices, traffic: TRAFFIC }).sharedDesigns[0]!;
    const egress = shared.breakEven.find((b) => b.id === "central-egress")!;
    expect(egress.fromVpcs).toBeNull();
    expect(egress.formula).toBe("unknown (transitGatewayAttachmentHourly, transitGatewayPerGb not in the price table)");
    expect(shared.breakEven.find((b) => b.id === "nat-per-vpc")!.belowGbPerVpc).toBeCloseTo(3650, 6);
    expect(shared.designs.find((d) => d.id === "central-egress")!.totalUsd).toBeNull();
    // the spokes' existing attachments are kept in the per-VPC designs too: known part = $386.80 − 2 × $36.50
    const perAz = shared.designs.find((d) => d.id === "nat-per-az")!;
    expect(perAz.totalUsd).toBeNull();
    expect(perAz.knownTotalUsd).toBeCloseTo(386.8 - 2 * 36.5, 6);
  });
});
