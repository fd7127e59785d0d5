// Which charges a flow pays when its path crosses a transit gateway, decided by the engine's path on a
// hub-and-spoke estate: spoke → TGW → egress VPC NAT pays TGW and NAT processing; S3 through the
// centralized NAT pays both; a spoke's own gateway endpoint pays nothing. Attachments are billed hourly.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { costToText, estimateCosts } from "../../src/cost/index.js";
import { loadModel } from "../../src/snapshot/load.js";
import { loadBundledPriceTable, parsePriceTable } from "../../src/cost/price-table.js";
import type { CostBreakdown } from "../../src/cost/types.js";
import { hubAndSpoke } from "./hub-and-spoke.js";

const TRAFFIC = { default: { internet: 200, s3: 1000 }, perVpc: {} };

describe("transit gateway charges on the hub-and-spoke estate (us-east-1: TGW $0.05/h, $0.02/GB; NAT $0.045/GB)", () => {
  const h = hubAndSpoke();
  const { estate } = estimateCosts(createAnalyzer(h.model), { traffic: TRAFFIC, alternatives: false });
  const flow = (notebook: string, key: string) => estate.flows.find((f) => f.notebook === notebook && f.trafficKey === key)!;

  it.each([
    // notebook, traffic, route, transit gateways, TGW processing, NAT processing
    ["nb-spoke-a", "internet", "nat-gateway", ["tgw-0hub"], 200 * 0.02, 200 * 0.045],
    ["nb-spoke-a", "s3", "nat-gateway", ["tgw-0hub"], 1000 * 0.02, 1000 * 0.045],
    ["nb-spoke-b", "internet", "nat-gateway", ["tgw-0hub"], 200 * 0.02, 200 * 0.045],
    ["nb-spoke-b", "s3", "gateway-endpoint", [], 0, 0],
  ] as const)("%s %s goes %s through %j: TGW $%d, NAT $%d", (notebook, key, route, tgws, tgwUsd, natUsd) => {
    const f = flow(notebook, key);
    expect(f.route).toBe(route);
    expect(f.transitGateways).toEqual(tgws);
    expect(f.transitGatewayProcessingUsd).toBeCloseTo(tgwUsd, 10);
    expect(f.natProcessingUsd).toBeCloseTo(natUsd, 10);
  });

  it("names the transit gateway in the flow's note", () => {
    expect(flow("nb-spoke-a", "s3").note).toContain("via transit gateway tgw-0hub (TGW processing): through NAT gateway");
    expect(flow("nb-spoke-b", "s3").note).not.toContain("transit gateway");
  });

  it("bills each VPC attachment hourly to the VPC it attaches", () => {
    expect(estate.transitGatewayAttachments.map((a) => [a.vpcId, a.monthlyUsd])).toEqual(
      [h.egress, h.spokeA, h.spokeB].map((vpc) => [vpc, 0.05 * 730]).sort(),
    );
    const egress = estate.vpcs.find((v) => v.vpcId === h.egress)!;
    expect(egress.transitGatewayAttachmentHoursUsd).toBeCloseTo(36.5, 10);
  });

  it("totals $264.00: NAT 32.85 + EIP 3.65 + attachments 109.50 + NAT processing 63 + TGW processing 28 + internet out 27", () => {
    expect(estate.total.transitGatewayAttachmentHoursUsd).toBeCloseTo(109.5, 10);
    expect(estate.total.transitGatewayProcessingUsd).toBeCloseTo(28, 10);
    expect(estate.total.natProcessingUsd).toBeCloseTo(63, 10);
    expect(estate.total.internetOutUsd).toBeCloseTo(27, 10);
    expect(estate.total.totalUsd).toBeCloseTo(264, 10);
  });
});

describe("transit gateway columns in the printed tables", () => {
  it("are shown for an estate with transit gateways and left out for one without", async () => {
    const withTgw = costToText(estimateCosts(createAnalyzer(hubAndSpoke().model), { traffic: TRAFFIC, alternatives: false }));
    expect(withTgw).toContain("Transit gateway attachments (billed per attachment)");
    expect(withTgw).toMatch(/TGW attachments.*TGW processing/);
    expect(withTgw).toContain("tgw-0hub → nat-gateway");
    const without = costToText(estimateCosts(createAnalyzer(await loadModel("fixtures/nat-notebook")), { traffic: TRAFFIC, alternatives: false }));
    expect(without).not.toContain("TGW");
  });
});

describe("transit gateway figures missing from the price table", () => {
  it("prices attachments and TGW processing as unknown, leaving a lower bound", () => {
    const bundled = loadBundledPriceTable();
    const raw = JSON.parse(JSON.stringify({ ...bundled, file: undefined })) as { regions: Record<string, Record<string, unknown>> };
    delete raw.regions["us-east-1"]!.transitGatewayAttachmentHourly;
    delete raw.regions["us-east-1"]!.transitGatewayPerGb;
    const prices = parsePriceTable(raw, "test-prices.json");
    const { estate } = estimateCosts(createAnalyzer(hubAndSpoke().model), { prices, traffic: TRAFFIC, alternatives: false });
    expect(estate.total.transitGatewayAttachmentHoursUsd).toBeNull();
    expect(estate.total.transitGatewayProcessingUsd).toBeNull();
    expect(estate.total.totalUsd).toBeNull();
    expect(estate.total.knownTotalUsd).toBeCloseTo(264 - 109.5 - 28, 10);
    expect(estate.figures.find((f) => f.figure === "transitGatewayPerGb")).toMatchObject({ value: null, note: "not in the price table" });
  });
});

describe("docs/cost.md's hub-and-spoke worked example", () => {
  const PARTS: Record<string, keyof CostBreakdown> = {
    "NAT gateway hours": "natGatewayHoursUsd",
    "Its Elastic IP": "publicIpv4Usd",
    "TGW attachments": "transitGatewayAttachmentHoursUsd",
    "NAT processing": "natProcessingUsd",
    "TGW processing": "transitGatewayProcessingUsd",
    "Internet out": "internetOutUsd",
    "**Total**": "totalUsd",
  };

  it("states the figures the estimate computes", () => {
    const doc = readFileSync("docs/cost.md", "utf8");
    const start = doc.indexOf("## Worked example: hub-and-spoke");
    const section = doc.slice(start, doc.indexOf("\n## ", start));
    const rows = [...section.matchAll(/^\| ([^|]+) \| [^|]*\$([\d,.]+)\**\s*\|$/gm)].map((m) => [m[1]!.trim(), Number(m[2]!.replace(/,/g, ""))] as const);
    expect(rows.map(([label]) => label)).toEqual(Object.keys(PARTS));
    const { estate } = estimateCosts(createAnalyzer(hubAndSpoke().model), { traffic: TRAFFIC, alternatives: false });
    for (const [label, usd] of rows) expect(estate.total[PARTS[label]!] as number, label).toBeCloseTo(usd, 2);
  });
});
