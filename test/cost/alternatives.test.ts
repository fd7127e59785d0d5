// One test per alternative design: what the engine proves it makes reachable on the derived model,
// and what it costs at the given traffic (hand-computed), plus the break-even figures.
import { beforeAll, describe, expect, it } from "vitest";
import { createAnalyzer, type Analyzer } from "../../src/engine/index.js";
import { loadModel } from "../../src/snapshot/load.js";
import { estimateCosts } from "../../src/cost/index.js";
import { parseTrafficSpec } from "../../src/cost/traffic.js";
import type { Alternative, AlternativeId, ReachabilityClaim, VpcAlternatives } from "../../src/cost/types.js";

const TRAFFIC = { default: parseTrafficSpec("internet=200,s3=1000,sagemaker=300"), perVpc: {} };
let natVpc: VpcAlternatives;
let vpcOnly: VpcAlternatives;
let platform: VpcAlternatives;

beforeAll(async () => {
  const run = async (fixture: string, services: string[] = []): Promise<VpcAlternatives[]> => {
    const analyzer: Analyzer = createAnalyzer(await loadModel(`fixtures/${fixture}`));
    return estimateCosts(analyzer, { traffic: TRAFFIC, services }).alternatives;
  };
  natVpc = (await run("nat-notebook"))[0]!;
  vpcOnly = (await run("vpc-only-endpoints", ["sts"]))[0]!;
  platform = (await run("ml-platform")).find((v) => v.vpcId === "vpc-093445840aeaf1291")!;
});

const design = (vpc: VpcAlternatives, id: AlternativeId): Alternative => vpc.alternatives.find((a) => a.id === id)!;
/** destination → "yes via …" / "no", as the claims say. */
function claims(alt: Alternative): Record<string, string> {
  const text = (c: ReachabilityClaim): string =>
    c.reachable > 0 && c.unreachable === 0 && c.unknown === 0 ? `yes via ${c.via.join("+")}` : c.reachable === 0 && c.unknown === 0 ? "no" : "mixed";
  return Object.fromEntries(alt.reachability.map((c) => [c.destination, text(c)]));
}

describe("(a) NAT gateway only", () => {
  it("reaches everything through the NAT gateway and costs $113.00", () => {
    const a = design(natVpc, "a");
    expect(claims(a)).toEqual({
      internet: "yes via nat-gateway",
      s3: "yes via nat-gateway",
      "sagemaker-api": "yes via nat-gateway",
      "sagemaker-runtime": "yes via nat-gateway",
    });
    expect(a.cost.totalUsd).toBeCloseTo(113, 10);
  });

  it("builds the NAT gateway (with internet gateway and public subnet) where the VPC has none, and the engine proves it", () => {
    const a = design(vpcOnly, "a");
    expect(a.changes.some((c) => c.startsWith("create NAT gateway nat-whatif-"))).toBe(true);
    expect(claims(a).internet).toBe("yes via nat-gateway");
    expect(claims(a).s3).toBe("yes via nat-gateway");
    expect(a.natGateways).toBe(1);
  });

  it("keeps an existing design's NAT gateways (private-c keeps using AZ a's)", () => {
    expect(design(platform, "a").natGateways).toBe(2);
  });

  it("removes the VPC's other interface endpoints too (sts, logs), which then go through NAT", () => {
    const a = design(platform, "a");
    expect(a.interfaceEndpoints).toEqual([]);
    expect(a.reachability.map((c) => c.destination)).toEqual(["internet", "s3", "sagemaker-api", "sagemaker-runtime", "service:logs", "service:sts"]);
    expect(a.reachability.find((c) => c.destination === "service:sts")!.via).toContain("nat-gateway");
    expect(design(platform, "c").interfaceEndpoints).toHaveLength(4);
  });
});

describe("(b) NAT gateway + S3 gateway endpoint", () => {
  it("moves S3 to the gateway endpoint: $113.00 − 1,000 GB × $0.045 = $68.00, break-even 0 GB", () => {
    const b = design(natVpc, "b");
    expect(claims(b)).toEqual({
      internet: "yes via nat-gateway",
      s3: "yes via gateway-endpoint",
      "sagemaker-api": "yes via nat-gateway",
      "sagemaker-runtime": "yes via nat-gateway",
    });
    expect(b.cost.totalUsd).toBeCloseTo(68, 10);
    expect(b.breakEven[0]!.gbPerMonth).toBe(0);
  });
});

describe("(c) NAT gateway + S3 gateway endpoint + SageMaker interface endpoints", () => {
  it("moves SageMaker to the endpoints: $68 − 300 × 0.045 + 2 × 7.30 + 300 × 0.01 = $72.10; break-even 417.1 GB", () => {
    const c = design(natVpc, "c");
    expect(claims(c)).toEqual({
      internet: "yes via nat-gateway",
      s3: "yes via gateway-endpoint",
      "sagemaker-api": "yes via interface-endpoint",
      "sagemaker-runtime": "yes via interface-endpoint",
    });
    expect(c.cost.totalUsd).toBeCloseTo(72.1, 10);
    const be = c.breakEven.find((b) => b.subject.includes("sagemaker.api + sagemaker.runtime"))!;
    expect(be.gbPerMonth).toBeCloseTo(14.6 / 0.035, 6);
    expect(be.formula).toContain("2 endpoint-AZs × 730 h × $0.01/h = $14.6/month");
  });

  it("adds the services the user names (sts), reachable through their own endpoint", () => {
    const c = design(vpcOnly, "c");
    expect(claims(c)["service:sts"]).toBe("yes via interface-endpoint");
    expect(claims(design(vpcOnly, "current"))["service:sts"]).toBe("no");
  });
});

describe("(d) endpoints only, no NAT gateway", () => {
  it("loses the internet but keeps S3 and SageMaker: 2 × 7.30 + 300 × 0.01 = $17.60", () => {
    const d = design(natVpc, "d");
    expect(claims(d)).toEqual({
      internet: "no",
      s3: "yes via gateway-endpoint",
      "sagemaker-api": "yes via interface-endpoint",
      "sagemaker-runtime": "yes via interface-endpoint",
    });
    expect(d.natGateways).toBe(0);
    expect(d.cost.totalUsd).toBeCloseTo(17.6, 10);
    expect(d.breakEven.at(-1)!.explanation).toContain("no internet access");
  });

  it("leaves a direct-internet notebook its SageMaker-managed internet path", () => {
    const internet = design(platform, "d").reachability.find((c) => c.destination === "internet")!;
    expect(internet).toMatchObject({ reachable: 1, unreachable: 3, via: ["sagemaker-managed"] });
  });
});

describe("as it is", () => {
  it("agrees with the estate and changes nothing", () => {
    const current = design(natVpc, "current");
    expect(current.changes).toEqual([]);
    expect(current.cost.totalUsd).toBeCloseTo(113, 10);
  });
});
