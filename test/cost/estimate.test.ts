// estimateCosts on fixture networks: the estate as it is, priced by hand-computed figures, with the
// traffic routed by the engine's verdicts (NAT, gateway endpoint, interface endpoint, cross-AZ).
import { beforeAll, describe, expect, it } from "vitest";
import { createAnalyzer, type Analyzer } from "../../src/engine/index.js";
import { loadModel } from "../../src/snapshot/load.js";
import { costToMarkdown, costToText, estimateCosts } from "../../src/cost/index.js";
import { loadBundledPriceTable, type PriceTable } from "../../src/cost/price-table.js";
import { parseTrafficSpec } from "../../src/cost/traffic.js";

const TRAFFIC = { default: parseTrafficSpec("internet=200,s3=1000,sagemaker=300"), perVpc: {} };
let nat: Analyzer;
let platform: Analyzer;
beforeAll(async () => {
  nat = createAnalyzer(await loadModel("fixtures/nat-notebook"));
  platform = createAnalyzer(await loadModel("fixtures/ml-platform"));
});

describe("the worked example: one notebook behind one NAT gateway (us-east-1)", () => {
  it("costs $113.00/month at internet=200, s3=1000, sagemaker=300 GB", () => {
    const { estate } = estimateCosts(nat, { traffic: TRAFFIC, alternatives: false });
    // NAT 0.045 × 730 = 32.85; EIP 0.005 × 730 = 3.65; processing 1,500 GB × 0.045 = 67.50;
    // internet out (200 − 100 free) × 0.09 = 9.00.
    expect(estate.total).toMatchObject({ natGatewayHoursUsd: 32.85, interfaceEndpointHoursUsd: 0, crossAzUsd: 0 });
    expect(estate.total.publicIpv4Usd).toBeCloseTo(3.65, 10);
    expect(estate.total.natProcessingUsd).toBeCloseTo(67.5, 10);
    expect(estate.total.internetOutUsd).toBeCloseTo(9, 10);
    expect(estate.total.totalUsd).toBeCloseTo(113, 10);
    expect(estate.regions[0]).toMatchObject({ region: "us-east-1", internetOutGb: 200, internetFreeGbApplied: 100 });
  });

  it("sends every traffic class through the NAT gateway, as the engine says", () => {
    const { estate } = estimateCosts(nat, { traffic: TRAFFIC, alternatives: false });
    expect(estate.flows.map((f) => [f.trafficKey, f.route, f.via])).toEqual([
      ["internet", "nat-gateway", "nat-065506c9f029b5ad7"],
      ["s3", "nat-gateway", "nat-065506c9f029b5ad7"],
      ["sagemaker-api", "nat-gateway", "nat-065506c9f029b5ad7"],
      ["sagemaker-runtime", "nat-gateway", "nat-065506c9f029b5ad7"],
    ]);
  });

  it("charges NAT processing but no data transfer for internet-in", () => {
    const { estate } = estimateCosts(nat, { traffic: { default: { "internet-in": 500 }, perVpc: {} }, alternatives: false });
    expect(estate.total.natProcessingUsd).toBeCloseTo(22.5, 10);
    expect(estate.total.internetOutUsd).toBe(0);
  });
});

describe("ml-platform as it is", () => {
  it("prices the fixed charges: 3 NAT gateways, their 3 EIPs ($10.95, as in prices.md), the bastion's public IP ($3.65), 4 endpoints × 3 AZs", () => {
    const { estate } = estimateCosts(platform, { alternatives: false });
    expect(estate.natGateways.map((n) => [n.id, n.availabilityZone, n.monthlyUsd])).toEqual([
      ["nat-0433e6308254a8d8d", "us-east-1a", 32.85],
      ["nat-0b2b01921b8b9cca3", "us-east-1b", 32.85],
      ["nat-0c4389d65851736be", "us-west-2a", 32.85],
    ]);
    expect(estate.publicIpv4Addresses.map((a) => [a.address, a.kind, a.vpcId, a.attachedTo, a.monthlyUsd])).toEqual([
      ["3.67.0.3", "public IP of an instance", "vpc-093445840aeaf1291", "i-05b61cdb5d1957f04", 3.65],
    ]);
    expect(estate.total.publicIpv4Usd).toBeCloseTo(10.95 + 3.65, 10);
    expect(estate.interfaceEndpoints.map((e) => e.availabilityZones.length)).toEqual([3, 3, 3, 3]);
    expect(estate.total.interfaceEndpointHoursUsd).toBeCloseTo(4 * 3 * 7.3, 10);
    expect(estate.gatewayEndpoints.map((e) => e.monthlyUsd)).toEqual([0, 0]);
    // us-east-1: 65.70 + 7.30 + 3.65 (bastion) + 87.60; us-west-2: 32.85 + 3.65
    expect(estate.regions.map((r) => [r.region, Number(r.totalUsd!.toFixed(2))])).toEqual([["us-east-1", 164.25], ["us-west-2", 36.5]]);
    expect(estate.total.totalUsd).toBeCloseTo(200.75, 10);
  });

  it("routes S3 through the gateway endpoint (no NAT processing) and charges cross-AZ for private-c", () => {
    const { estate } = estimateCosts(platform, { traffic: TRAFFIC, alternatives: false });
    const s3 = estate.flows.filter((f) => f.vpcId === "vpc-093445840aeaf1291" && f.trafficKey === "s3");
    expect(s3.filter((f) => f.route === "gateway-endpoint").every((f) => f.natProcessingUsd === 0)).toBe(true);
    expect(s3.find((f) => f.notebook === "sandbox-direct")!.route).toBe("sagemaker-managed");
    const crossAz = estate.flows.filter((f) => f.crossAz);
    // feature-eng (us-east-1c) uses AZ a's NAT gateway: 50 GB × $0.01 × 2 directions
    expect(crossAz.map((f) => [f.notebook, f.trafficKey, f.crossAzUsd])).toEqual([["feature-eng", "internet", 1]]);
    const api = estate.flows.filter((f) => f.trafficKey === "sagemaker-api" && f.vpcId === "vpc-093445840aeaf1291");
    expect(api.every((f) => f.route === "interface-endpoint" && !f.crossAz)).toBe(true);
    // 300 GB through interface endpoints in us-east-1, first tier
    expect(estate.regions[0]!.interfaceEndpointProcessingUsd).toBeCloseTo(3, 10);
  });

  it("applies the free 100 GB once across Regions", () => {
    const { estate } = estimateCosts(platform, { traffic: TRAFFIC, alternatives: false });
    // us-east-1: 150 GB out through NAT (sandbox-direct's 50 GB leave through SageMaker's network)
    expect(estate.regions.map((r) => [r.internetOutGb, r.internetFreeGbApplied])).toEqual([[150, 100], [200, 0]]);
    expect(estate.regions[1]!.internetOutUsd).toBeCloseTo(18, 10);
  });

  it("restricts to one Region", () => {
    const { estate } = estimateCosts(platform, { region: "us-west-2", alternatives: false });
    expect(estate.vpcs.map((v) => v.vpcId)).toEqual(["vpc-0d1633e1f28e076c6"]);
  });
});

describe("NAT gateway kinds", () => {
  it("prices a regional NAT gateway at the regional rate, marked unverified, and a private one without IPv4", async () => {
    const model = await loadModel("fixtures/nat-notebook");
    const [id, natGw] = [...model.natGateways][0]!;
    const natGateways = new Map(model.natGateways);
    natGateways.set(id, { ...natGw, availabilityMode: "regional" });
    const regional = estimateCosts(createAnalyzer({ ...model, natGateways }), { alternatives: false });
    expect(regional.estate.natGateways[0]).toMatchObject({ availabilityMode: "regional", hourlyUsd: 0.045, publicIpv4Count: 1 });
    expect(regional.estate.natGateways[0]!.notes.join(" ")).toContain("not verified");
    expect(regional.estate.figures).toContainEqual(expect.objectContaining({ figure: "regionalNatGatewayHourly", confidence: "unverified" }));
    natGateways.set(id, { ...natGw, connectivityType: "private", addresses: [] });
    const privateNat = estimateCosts(createAnalyzer({ ...model, natGateways }), { alternatives: false });
    expect(privateNat.estate.natGateways[0]).toMatchObject({ publicIpv4Count: 0, publicIpv4MonthlyUsd: 0, monthlyUsd: 32.85 });
  });
});

describe("errors and marks", () => {
  it("makes only an unlisted Region's figures unknown, naming it; the rest is priced", () => {
    const table = loadBundledPriceTable();
    const { "us-west-2": _dropped, ...regions } = table.regions;
    const full = estimateCosts(platform, { alternatives: false });
    const partial = estimateCosts(platform, { prices: { ...table, regions }, alternatives: false });
    const region = (estimate: typeof full, name: string) => estimate.estate.regions.find((r) => r.region === name)!;
    expect(region(partial, "us-east-1").totalUsd).toBe(region(full, "us-east-1").totalUsd);
    expect(region(partial, "us-east-1").totalUsd).not.toBeNull();
    expect(region(full, "us-west-2").totalUsd).not.toBeNull();
    expect(region(partial, "us-west-2").totalUsd).toBeNull();
    expect(partial.estate.warnings).toContain("us-west-2: not in the price table, so its figures are unknown; the rest is priced (pass --live-prices, or --prices FILE with us-west-2)");
  });

  it("marks unverified figures in the output and makes totals lower bounds when a figure is unknown", () => {
    const table = structuredClone(loadBundledPriceTable()) as PriceTable;
    table.regions["us-east-1"]!.interfaceEndpointHourly = { value: 0.01, confidence: "unverified", sources: [], note: "test" };
    const text = costToText(estimateCosts(platform, { prices: table, alternatives: false }));
    expect(text).toContain("$0.01 (unverified)");
    expect(text).toMatch(/us-east-1\s+interfaceEndpointHourly\s+\$0\.01\s+unverified/);
    table.regions["us-east-1"]!.interfaceEndpointHourly = { value: null, confidence: "unverified", sources: [] };
    const estimate = estimateCosts(platform, { prices: table, alternatives: false });
    expect(estimate.estate.total.totalUsd).toBeNull();
    expect(estimate.estate.total.knownTotalUsd).toBeCloseTo(200.75 - 87.6, 10);
    expect(costToText(estimate)).toContain("≥ $113.15");
  });

  it("escapes hostile Name tags in Markdown (no raw HTML, no broken table rows) and in text (no control characters)", async () => {
    const hostile = createAnalyzer(await loadModel("fixtures/hostile-tags"));
    const estimate = estimateCosts(hostile, { alternatives: false });
    const md = costToMarkdown(estimate);
    expect(md).not.toMatch(/(^|[^\\])</m);
    expect(md).toContain("&lt;vpc&gt;");
    for (const line of md.split("\n").filter((l) => l.startsWith("|"))) expect(line.endsWith("|")).toBe(true);
    expect(costToText(estimate)).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it("renders the Markdown section with the assumptions and escapes account-supplied names", () => {
    const md = costToMarkdown(estimateCosts(nat, { traffic: TRAFFIC }), { headingLevel: 2 });
    expect(md.startsWith("## Egress cost\n")).toBe(true);
    expect(md).toContain("### Assumptions");
    expect(md).toContain("730 hours per month");
    expect(md).toContain("| (d) Endpoints only, no NAT gateway |");
  });
});
