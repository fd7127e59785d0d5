// The bundled price table, price-file overrides and their errors, and the unknown-Region error.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inputErrorOf as errorOf } from "./input-error.js";
import { bundledPriceTablePath, loadBundledPriceTable, loadPriceTable, regionPrices } from "../../src/cost/price-table.js";
import { knownRegions } from "../../src/cost/regions.js";
import { isRegionName } from "../../src/snapshot/scope.js";

const dir = mkdtempSync(join(tmpdir(), "vpcreach-prices-"));
const bundled = JSON.parse(readFileSync(bundledPriceTablePath(), "utf8")) as Record<string, unknown>;

function writeTable(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
}

describe("bundled table", () => {
  const table = loadBundledPriceTable();
  it("covers at least ten Regions, each with a source date and version", () => {
    expect(Object.keys(table.regions).length).toBeGreaterThanOrEqual(10);
    expect(table.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(table.hoursPerMonth).toBe(730);
  });

  it("keeps the figures research/prices.md marks unverified marked so", () => {
    expect(table.regions["sa-east-1"]!.interfaceEndpointHourly).toMatchObject({ value: 0.017, confidence: "unverified" });
    expect(table.regions["eu-west-2"]!.interfaceEndpointHourly.confidence).toBe("unverified");
    expect(table.regions["ap-south-1"]!.interfaceEndpointHourly).toMatchObject({ value: null, confidence: "unverified" });
    expect(table.regions["us-east-1"]!.natGatewayHourly).toMatchObject({ value: 0.045, confidence: "high" });
  });

  it("has the us-east-1 EC2 offer without a usage-type prefix and the VPC offer with USE1-", () => {
    expect(table.regions["us-east-1"]!.usageTypePrefix).toEqual({ ec2: "", vpc: "USE1-" });
  });
});

describe("--prices FILE", () => {
  it("loads a valid override", () => {
    const changed = structuredClone(bundled) as { regions: Record<string, { natGatewayHourly: { value: number } }> };
    changed.regions["us-east-1"]!.natGatewayHourly.value = 0.05;
    const file = writeTable("ok.json", changed);
    const table = loadPriceTable(file);
    expect(table.regions["us-east-1"]!.natGatewayHourly.value).toBe(0.05);
    expect(table.file).toBe(file);
  });

  it("names the file when it is missing or not JSON", () => {
    const missing = join(dir, "nope.json");
    expect(errorOf(() => loadPriceTable(missing)).message).toContain(missing);
    const broken = writeTable("broken.json", "{ not json");
    const error = errorOf(() => loadPriceTable(broken));
    expect(error.message).toContain(broken);
    expect(error.message).toBe(`${broken}: line 1, column 3: invalid JSON: expected a property name in double quotes, found "n"`);
  });

  it("names the JSON path of a bad figure", () => {
    const changed = structuredClone(bundled) as { regions: Record<string, { natGatewayPerGb: { value: unknown } }> };
    changed.regions["eu-west-1"]!.natGatewayPerGb.value = "cheap";
    const file = writeTable("bad-figure.json", changed);
    const error = errorOf(() => loadPriceTable(file));
    expect(error.location).toEqual({ file, jsonPath: "$.regions.eu-west-1.natGatewayPerGb.value" });
    expect(error.message).toContain('"cheap"');
  });

  it("rejects tiers that do not increase, and an unknown confidence, naming the path", () => {
    const tiers = structuredClone(bundled) as { regions: Record<string, { interfaceEndpointPerGb: { tiers: { upToGb: number | null }[] } }> };
    tiers.regions["us-west-2"]!.interfaceEndpointPerGb.tiers[1]!.upToGb = 10;
    expect(errorOf(() => loadPriceTable(writeTable("tiers.json", tiers))).location.jsonPath).toBe(
      "$.regions.us-west-2.interfaceEndpointPerGb.tiers[1].upToGb",
    );
    const confidence = structuredClone(bundled) as { regions: Record<string, { publicIpv4Hourly: { confidence: string } }> };
    confidence.regions["us-west-2"]!.publicIpv4Hourly.confidence = "sure";
    expect(errorOf(() => loadPriceTable(writeTable("conf.json", confidence))).location.jsonPath).toBe(
      "$.regions.us-west-2.publicIpv4Hourly.confidence",
    );
  });

  it("names the JSON path of a bad optional transit gateway figure, and accepts the figure left out", () => {
    const changed = structuredClone(bundled) as { regions: Record<string, Record<string, { value: unknown } | undefined>> };
    changed.regions["eu-west-1"]!.transitGatewayPerGb!.value = -1;
    expect(errorOf(() => loadPriceTable(writeTable("tgw.json", changed))).location.jsonPath).toBe("$.regions.eu-west-1.transitGatewayPerGb.value");
    delete changed.regions["eu-west-1"]!.transitGatewayPerGb;
    expect(loadPriceTable(writeTable("tgw-absent.json", changed)).regions["eu-west-1"]!.transitGatewayPerGb).toBeUndefined();
  });

  it("rejects a figure citing a source that is not listed", () => {
    const changed = structuredClone(bundled) as { regions: Record<string, { natGatewayHourly: { sources: string[] } }> };
    changed.regions["us-east-1"]!.natGatewayHourly.sources = ["99"];
    const error = errorOf(() => loadPriceTable(writeTable("src.json", changed)));
    expect(error.location.jsonPath).toBe("$.regions.us-east-1.natGatewayHourly.sources[0]");
  });
});

describe("a Region the table does not list", () => {
  it("gets every figure unknown, with the reason and a pointer to --live-prices", () => {
    const prices = regionPrices(loadBundledPriceTable(), "us-gov-west-1");
    for (const figure of [prices.natGatewayHourly, prices.natGatewayPerGb, prices.interfaceEndpointHourly, prices.crossAzPerGbEachDirection, prices.publicIpv4Hourly]) {
      expect(figure.value).toBeNull();
      expect(figure.note).toMatch(/us-gov-west-1 is not in the price table: pass --live-prices/);
    }
    expect(prices.internetOutPerGb.tiers.every((t) => t.usdPerGb === null)).toBe(true);
  });
});

describe("every commercial Region", () => {
  it("is in the bundled table, each figure with its confidence and sources that exist", () => {
    const table = loadBundledPriceTable();
    const commercial = knownRegions().filter((r) => r.partition === "aws").map((r) => r.name);
    expect(commercial).toContain("us-east-2");
    expect(commercial.filter((name) => !(name in table.regions))).toEqual([]);
    for (const name of commercial) {
      const prices = table.regions[name]!;
      for (const figure of [prices.natGatewayHourly, prices.interfaceEndpointHourly, prices.publicIpv4Hourly]) {
        expect(figure.value === null || figure.value > 0).toBe(true);
        for (const source of figure.sources) expect(table.sources).toHaveProperty(source);
      }
    }
  });

  it("prices the us-east-2 NAT gateway (Batfish's networks are there)", () => {
    expect(loadBundledPriceTable().regions["us-east-2"]!.natGatewayHourly).toMatchObject({ value: 0.045, confidence: "high" });
  });

  it("lists Region names the loader accepts, GovCloud and China marked by partition", () => {
    for (const region of knownRegions()) expect(isRegionName(region.name)).toBe(true);
    expect(knownRegions().find((r) => r.name === "us-gov-west-1")?.partition).toBe("aws-us-gov");
    expect(knownRegions().find((r) => r.name === "cn-north-1")?.partition).toBe("aws-cn");
  });
});
