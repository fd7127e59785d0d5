// Arithmetic against hand-computed cases, including the worked figures in research/prices.md.
import { describe, expect, it } from "vitest";
import {
  breakEvenGb,
  crossAzCharge,
  internetOutCharge,
  monthlyFromHourly,
  perGbCharge,
  sumUsd,
  tieredCharge,
} from "../../src/cost/arithmetic.js";
import { loadBundledPriceTable, regionPrices } from "../../src/cost/price-table.js";

const table = loadBundledPriceTable();
const useast1 = regionPrices(table, "us-east-1");
const PB = 1_048_576;

describe("hourly items", () => {
  it("prices a us-east-1 NAT gateway at $32.85 a month (0.045 × 730)", () => {
    expect(monthlyFromHourly(useast1.natGatewayHourly.value, 1, 730)).toBeCloseTo(32.85, 10);
  });

  it("reproduces prices.md: three NAT gateways' Elastic IPs add $10.95/month", () => {
    expect(monthlyFromHourly(useast1.publicIpv4Hourly.value, 3, table.hoursPerMonth)).toBeCloseTo(10.95, 10);
  });

  it("reproduces the eu-west-1 bill: 10 endpoint-AZs over 16 days = 3,840 h × $0.011 = $42.24", () => {
    const euw1 = regionPrices(table, "eu-west-1");
    expect(monthlyFromHourly(euw1.interfaceEndpointHourly.value, 10, 16 * 24)).toBeCloseTo(42.24, 10);
  });

  it("reproduces the eu-west-1 CUR: 11,904 NAT hours at 0.048 less 8% = $525.68", () => {
    const euw1 = regionPrices(table, "eu-west-1");
    expect(monthlyFromHourly(euw1.natGatewayHourly.value, 1, 11_904)! * 0.92).toBeCloseTo(525.68, 2);
  });

  it("is unknown (null) when the hourly figure was not found", () => {
    expect(regionPrices(table, "ap-south-1").interfaceEndpointHourly.value).toBeNull();
    expect(monthlyFromHourly(null, 2, 730)).toBeNull();
  });
});

describe("NAT processing and cross-AZ", () => {
  it("reproduces the sa-east-1 CUR: 18,987.5 GB processed at $0.093 = $1,765.84", () => {
    const sae1 = regionPrices(table, "sa-east-1");
    expect(perGbCharge(18_987.5, sae1.natGatewayPerGb.value)).toBeCloseTo(1765.84, 2);
  });

  it("charges cross-AZ once leaving and once entering: 500 GB × $0.01 × 2 = $10", () => {
    expect(crossAzCharge(500, 0.01)).toBeCloseTo(10, 10);
  });

  it("charges nothing for zero GB even when the rate is unknown", () => {
    expect(perGbCharge(0, null)).toBe(0);
  });
});

describe("interface endpoint tiers (summed per Region)", () => {
  const tiers = useast1.interfaceEndpointPerGb.tiers;
  it("bills the first 1 PB at $0.01", () => {
    expect(tieredCharge(PB, tiers).usd).toBeCloseTo(10_485.76, 6);
    expect(tieredCharge(300, tiers).usd).toBeCloseTo(3, 10);
  });

  it("bills the next 4 PB at $0.006 across the 1 PB boundary", () => {
    // 1 PB × 0.01 + 1 PB × 0.006
    expect(tieredCharge(2 * PB, tiers).usd).toBeCloseTo(10_485.76 + 6_291.456, 6);
  });

  it("bills above 5 PB at $0.004 across the 5 PB boundary", () => {
    // 1 PB × 0.01 + 4 PB × 0.006 + 1 PB × 0.004
    const charge = tieredCharge(6 * PB, tiers);
    expect(charge.usd).toBeCloseTo(10_485.76 + 25_165.824 + 4_194.304, 6);
    expect(charge.slices).toEqual([
      { gb: PB, usdPerGb: 0.01 },
      { gb: 4 * PB, usdPerGb: 0.006 },
      { gb: PB, usdPerGb: 0.004 },
    ]);
  });
});

describe("internet data transfer out", () => {
  const tiers = useast1.internetOutPerGb.tiers;
  it("reproduces infracost's golden file: 10,240 GB at $0.09 = $921.60 (no allowance)", () => {
    expect(tieredCharge(10_240, tiers).usd).toBeCloseTo(921.6, 10);
  });

  it("gives the first 100 GB free", () => {
    expect(internetOutCharge(50, tiers, 100).usd).toBe(0);
    expect(internetOutCharge(200, tiers, 100).usd).toBeCloseTo(9, 10);
  });

  it("tiers the rest from zero after the allowance, across the 10 TB and 50 TB boundaries", () => {
    // 59,900 billable: 10,240 × 0.09 + 40,960 × 0.085 + 8,700 × 0.07
    expect(internetOutCharge(60_000, tiers, 100).usd).toBeCloseTo(921.6 + 3_481.6 + 609, 6);
  });

  it("is unknown when a needed tier's rate was not found, known below it", () => {
    const aps3 = regionPrices(table, "ap-south-1").internetOutPerGb.tiers;
    expect(internetOutCharge(1_100, aps3, 100).usd).toBeCloseTo(109.3, 6);
    expect(internetOutCharge(20_000, aps3, 100).usd).toBeNull();
  });
});

describe("break-even and sums", () => {
  it("two SageMaker endpoints in 3 AZs pay for themselves above 1,251.43 GB/month in us-east-1", () => {
    const endpointHours = monthlyFromHourly(0.01, 2 * 3, 730); // $43.80
    expect(endpointHours).toBeCloseTo(43.8, 10);
    expect(breakEvenGb(endpointHours, 0.045, 0.01)).toBeCloseTo(43.8 / 0.035, 6);
    expect(breakEvenGb(endpointHours, 0.045, 0.01)).toBeCloseTo(1251.43, 2);
  });

  it("has no break-even when the endpoint's per-GB rate is not lower", () => {
    expect(breakEvenGb(10, 0.01, 0.01)).toBeNull();
  });

  it("sums to null when any part is unknown", () => {
    expect(sumUsd([1, 2, 3])).toBe(6);
    expect(sumUsd([1, null])).toBeNull();
  });
});
