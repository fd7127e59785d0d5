// End-to-end: the built CLI's `cost` command (build first: npx tsc -p .).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function vpcreach(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync("node", ["dist/cli/vpcreach.js", ...args], {
    encoding: "utf8",
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("vpcreach cost", () => {
  it("prints the estate, the alternatives and the assumptions for the example network", () => {
    const { status, stdout, stderr } = vpcreach("cost", "--snapshot", "fixtures/ml-platform");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toContain("data/prices.json (bundled) version");
    expect(stdout).toMatch(/nat-0433e6308254a8d8d \(ml-platform-nat-a\)\s+vpc-093445840aeaf1291\s+us-east-1a\s+\$0\.045\s+\$32\.85/);
    expect(stdout).toMatch(/All Regions .*\$200\.75/);
    expect(stdout).toContain("Alternatives for vpc-093445840aeaf1291");
    expect(stdout).toContain("(d) Endpoints only, no NAT gateway");
    expect(stdout).toContain("730 hours per month");
  });

  it("prints JSON with traffic charges", () => {
    const { status, stdout } = vpcreach("cost", "--snapshot", "fixtures/nat-notebook", "--traffic", "internet=200,s3=1000,sagemaker=300", "--json");
    expect(status).toBe(0);
    const estimate = JSON.parse(stdout) as { estate: { total: { totalUsd: number } }; alternatives: { alternatives: { id: string; cost: { totalUsd: number } }[] }[] };
    expect(estimate.estate.total.totalUsd).toBeCloseTo(113, 10);
    expect(estimate.alternatives[0]!.alternatives.map((a) => [a.id, Number(a.cost.totalUsd.toFixed(2))])).toEqual([
      ["current", 113],
      ["a", 113],
      ["b", 68],
      ["c", 72.1],
      ["d", 17.6],
    ]);
  });

  it("prints the Markdown section", () => {
    const { status, stdout } = vpcreach("cost", "--snapshot", "fixtures/nat-notebook", "--markdown", "--no-alternatives");
    expect(status).toBe(0);
    expect(stdout.startsWith("## Egress cost")).toBe(true);
    expect(stdout).not.toContain("Alternatives for");
  });

  it("exits 2 for a --region that is no AWS Region, suggesting close names, without a stack trace", () => {
    const { status, stderr } = vpcreach("cost", "--snapshot", "fixtures/ml-platform", "--region", "us-eastt-1");
    expect(status).toBe(2);
    expect(stderr).toMatch(/^vpcreach: --region us-eastt-1: not an AWS Region \(did you mean "us-east-1"/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("prices Batfish's us-east-2 network (Ohio) at the us-east-2 NAT gateway rate", () => {
    const { status, stdout } = vpcreach("cost", "--snapshot", "test/data/external/batfish-aws/nat-gateway", "--no-alternatives", "--json");
    expect(status).toBe(0);
    const estimate = JSON.parse(stdout) as { estate: { natGateways: { id: string; hourlyUsd: number; monthlyUsd: number }[] } };
    expect(estimate.estate.natGateways).toHaveLength(1);
    expect(estimate.estate.natGateways[0]).toMatchObject({ id: "nat-07ab4846da51f4612", monthlyUsd: 32.85 });
  });

  it("prices a snapshot whose Regions are partly missing from the table: exit 0, the missing one named as unknown", () => {
    const table = JSON.parse(readFileSync("data/prices.json", "utf8")) as { regions: Record<string, unknown> };
    delete table.regions["us-west-2"];
    const file = join(mkdtempSync(join(tmpdir(), "vpcreach-cost-cli-")), "prices.json");
    writeFileSync(file, JSON.stringify(table));
    const { status, stdout, stderr } = vpcreach("cost", "--snapshot", "fixtures/ml-platform", "--prices", file, "--no-alternatives", "--json");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const estimate = JSON.parse(stdout) as { estate: { regions: { region: string; totalUsd: number | null }[]; warnings: string[] } };
    expect(estimate.estate.regions.find((r) => r.region === "us-east-1")?.totalUsd).toBeGreaterThan(0);
    expect(estimate.estate.regions.find((r) => r.region === "us-west-2")?.totalUsd).toBeNull();
    expect(estimate.estate.warnings.join("\n")).toMatch(/us-west-2: not in the price table.*--live-prices/);
  });

  it("exits 2 naming the file and JSON path of a bad --prices file, and a bad --traffic pair", () => {
    const dir = mkdtempSync(join(tmpdir(), "vpcreach-cost-cli-"));
    const file = join(dir, "prices.json");
    writeFileSync(file, JSON.stringify({ schema: "x", version: "1", date: "2026-01-01", currency: "USD", hoursPerMonth: "730" }));
    const prices = vpcreach("cost", "--snapshot", "fixtures/nat-notebook", "--prices", file);
    expect(prices.status).toBe(2);
    expect(prices.stderr).toContain(`${file}: $.hoursPerMonth`);
    const traffic = vpcreach("cost", "--snapshot", "fixtures/nat-notebook", "--traffic", "s3=lots");
    expect(traffic.status).toBe(2);
    expect(traffic.stderr).toContain("--traffic s3=lots");
  });

  it("exits 2 for a VPC that is not in the snapshot", () => {
    const { status, stderr } = vpcreach("cost", "--snapshot", "fixtures/nat-notebook", "--vpc", "vpc-0000");
    expect(status).toBe(2);
    expect(stderr).toContain("--vpc vpc-0000 is not in the snapshot");
  });

  it("exits 2 for a --vpc outside --region, instead of pricing nothing", () => {
    const { status, stdout, stderr } = vpcreach("cost", "--snapshot", "fixtures/ml-platform", "--region", "us-west-2", "--vpc", "vpc-093445840aeaf1291");
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe("vpcreach: --vpc vpc-093445840aeaf1291 is in us-east-1, not in --region us-west-2: give one of them, or both matching\n");
    expect(vpcreach("cost", "--snapshot", "fixtures/ml-platform", "--region", "us-east-1", "--vpc", "vpc-093445840aeaf1291", "--no-alternatives").status).toBe(0);
  });
});
