/**
 * Diagrams of the example networks in fixtures/, loaded with the real loader and answered by the real
 * analyzer: the architecture structure of several networks, and the path view of real verdicts.
 */
import { describe, expect, it } from "vitest";
import { architectureDiagram } from "../../src/diagram/architecture.js";
import { pathDiagram } from "../../src/diagram/path.js";
import { createAnalyzer, type Analyzer } from "../../src/engine/index.js";
import { loadModel } from "../../src/snapshot/load.js";
import { ancestry, hasClass, parseMermaid, type ParsedDiagram } from "./mermaid-parse.js";

const analyzers = new Map<string, Analyzer>();
async function analyzer(fixture: string): Promise<Analyzer> {
  let found = analyzers.get(fixture);
  if (!found) {
    found = createAnalyzer(await loadModel(`fixtures/${fixture}`));
    analyzers.set(fixture, found);
  }
  return found;
}

async function architecture(fixture: string, vpcId?: string): Promise<ParsedDiagram> {
  return parseMermaid(architectureDiagram((await analyzer(fixture)).index, { vpcId }));
}

async function path(fixture: string, from: string, to: string): Promise<ParsedDiagram> {
  const a = await analyzer(fixture);
  return parseMermaid(pathDiagram(a.index, a.query({ from, to })));
}

function edge(diagram: ParsedDiagram, from: string, to: string) {
  return diagram.edges.filter((e) => e.from === from && e.to === to);
}

function thick(diagram: ParsedDiagram): string[] {
  return diagram.edges.filter((e) => e.arrow === "==>").map((e) => `${e.from}>${e.to}`);
}

describe("architecture of fixtures/ml-platform", () => {
  it("draws both Regions, each VPC in its Region, three AZs in us-east-1", async () => {
    const d = await architecture("ml-platform");
    expect(ancestry(d, "vpc_093445840aeaf1291")).toEqual(["region_111122223333_us_east_1", "vpc_093445840aeaf1291"]);
    expect(ancestry(d, "vpc_0d1633e1f28e076c6")).toEqual(["region_111122223333_us_west_2", "vpc_0d1633e1f28e076c6"]);
    const zones = [...d.items.values()].filter((i) => i.parent === "vpc_093445840aeaf1291" && i.label.startsWith("Availability Zone")).map((i) => i.label);
    expect(zones.sort()).toEqual(["Availability Zone us-east-1a", "Availability Zone us-east-1b", "Availability Zone us-east-1c"]);
  });

  it("draws a NAT gateway per AZ in its public subnet, and AZ c's private subnet routed to AZ a's NAT", async () => {
    const d = await architecture("ml-platform");
    expect(ancestry(d, "nat_0433e6308254a8d8d").slice(2)).toEqual(["vpc_093445840aeaf1291_us_east_1a", "subnet_022c1a221e6e68620", "nat_0433e6308254a8d8d"]);
    expect(hasClass(d, "subnet_022c1a221e6e68620", "publicSubnet")).toBe(true);
    expect(edge(d, "subnet_03096e21b1aa8cdbb", "nat_0433e6308254a8d8d")[0]?.label).toBe("0.0.0.0/0");
    expect(edge(d, "subnet_03096e21b1aa8cdbb", "vpce_09c41a07fa0fe457d")[0]?.label).toBe("pl-63a5400a (S3)");
  });

  it("draws the notebooks in their private subnets, and the direct-internet one through SageMaker's network", async () => {
    const d = await architecture("ml-platform");
    expect(ancestry(d, "nb_research_notebook").slice(3)).toEqual(["subnet_08f6717278b6cd593", "nb_research_notebook"]);
    expect(hasClass(d, "subnet_08f6717278b6cd593", "privateSubnet")).toBe(true);
    expect(edge(d, "nb_sandbox_direct", "sagemaker_managed_us_east_1")[0]).toMatchObject({ arrow: "-.->", label: "direct internet access" });
    expect(edge(d, "sagemaker_managed_us_east_1", "internet_0")).toHaveLength(1);
  });

  it("focuses on one VPC with --vpc", async () => {
    const d = await architecture("ml-platform", "vpc-0d1633e1f28e076c6");
    expect(d.items.has("vpc_0d1633e1f28e076c6")).toBe(true);
    expect(d.items.has("vpc_093445840aeaf1291")).toBe(false);
    expect(d.items.has("region_111122223333_us_east_1")).toBe(false);
    expect(d.items.has("nb_research_notebook")).toBe(false);
  });
});

describe("architecture of other fixtures", () => {
  it("vpc-only-endpoints: no internet gateway, no Internet node; endpoints in both subnets", async () => {
    const d = await architecture("vpc-only-endpoints");
    expect([...d.items.keys()].some((id) => id.startsWith("igw_"))).toBe(false);
    expect(d.items.has("internet_0")).toBe(false);
    expect(d.items.get("subnet_0d3feba5627ffb991_endpoints")?.label).toContain("SageMaker API · vpce-0eabd7711a3831110");
    expect(d.items.get("subnet_0abbfff80756a2a91_endpoints")?.label).toContain("SageMaker Runtime · vpce-0a3def9faecb015a5");
  });

  it("vpc-only-no-private-dns: marks endpoints whose private DNS is off", async () => {
    const d = await architecture("vpc-only-no-private-dns");
    const endpoints = [...d.items.values()].filter((i) => i.id.endsWith("_endpoints"));
    expect(endpoints.length).toBeGreaterThan(0);
    for (const node of endpoints) expect(node.label).toContain("private DNS OFF");
  });

  it("blackhole-route: draws the deleted NAT gateway as missing, with a red dashed blackhole edge", async () => {
    const d = await architecture("blackhole-route");
    expect(d.items.get("nat_003024a940f84045d")?.label).toContain("not in snapshot");
    expect(hasClass(d, "nat_003024a940f84045d", "missing")).toBe(true);
    const blackhole = edge(d, "subnet_0e318d47184a91fed", "nat_003024a940f84045d")[0];
    expect(blackhole?.label).toBe("0.0.0.0/0 (blackhole)");
    expect(d.linkStyles.get(blackhole!.index)).toContain("#D13212");
  });

  it("direct-internet: draws the notebook with no VPC in its Region, outside any VPC", async () => {
    const d = await architecture("direct-internet");
    expect(ancestry(d, "nb_direct_notebook")).toEqual(["region_111122223333_us_east_1", "nb_direct_notebook"]);
    expect(ancestry(d, "nb_direct_vpc_notebook")).toHaveLength(5);
  });

  it("hostile-tags: parses, and no label carries a raw quote, angle bracket, backtick or %%", async () => {
    const d = await architecture("hostile-tags");
    expect(d.items.size).toBeGreaterThan(5);
    for (const item of d.items.values()) expect(item.label.replaceAll("<br>", "")).not.toMatch(/["<>`\n]|%%/);
  });
});

describe("path view of real verdicts", () => {
  it("ml-platform research-notebook → internet: notebook ⇒ NAT ⇒ IGW ⇒ Internet, in green", async () => {
    const d = await path("ml-platform", "research-notebook", "internet");
    expect(thick(d)).toEqual(["nb_research_notebook>nat_0433e6308254a8d8d", "nat_0433e6308254a8d8d>igw_0bd39ebfa22c36950", "igw_0bd39ebfa22c36950>internet_0"]);
    expect(d.edges.find((e) => e.arrow === "==>")?.label).toBe("1 · 0.0.0.0/0 via rtb-09a592d14d365a09a");
    expect(hasClass(d, "verdict_summary", "verdictReachable")).toBe(true);
    // Focused on the VPC the path crosses.
    expect(d.items.has("vpc_0d1633e1f28e076c6")).toBe(false);
  });

  it("ml-platform research-notebook → sagemaker-api: through the interface endpoint in the notebook's own subnet", async () => {
    const d = await path("ml-platform", "research-notebook", "sagemaker-api");
    expect(thick(d)).toEqual(["nb_research_notebook>subnet_08f6717278b6cd593_endpoints", "subnet_08f6717278b6cd593_endpoints>svc_us_east_1_sagemaker_api"]);
  });

  it("blackhole-route: a red note in the notebook's subnet with BAD_STATE_ROUTE and the route", async () => {
    const d = await path("blackhole-route", "etl-notebook", "internet");
    expect(ancestry(d, "blocked_at").slice(-2)).toEqual(["subnet_0e318d47184a91fed", "blocked_at"]);
    expect(d.items.get("blocked_at")?.label).toContain("BAD_STATE_ROUTE");
    expect(d.items.get("blocked_at")?.label).toContain("nat-003024a940f84045d (blackhole)");
    expect(edge(d, "blocked_at", "internet_0")[0]?.label).toBe("not reached");
  });

  it("endpoint-sg-blocks: the interface endpoint node is the blocking hop, with ENI_SG_RULES_MISMATCH", async () => {
    const d = await path("endpoint-sg-blocks", "serving-notebook", "sagemaker-api");
    expect(hasClass(d, "subnet_041615bc72e37a5a0_endpoints", "blocked")).toBe(true);
    expect(edge(d, "nb_serving_notebook", "subnet_041615bc72e37a5a0_endpoints").find((e) => e.arrow === "==>")?.label).toBe("ENI_SG_RULES_MISMATCH");
  });

  it("nacl-blocks-replies: the whole forward path, then replies dropped at the notebook subnet's NACL", async () => {
    const d = await path("nacl-blocks-replies", "reporting-notebook", "internet");
    expect(thick(d)).toEqual(["nb_reporting_notebook>nat_00d8ce5b971db754d", "nat_00d8ce5b971db754d>igw_00e26a3156ef4ed09", "igw_00e26a3156ef4ed09>internet_0", "internet_0>blocked_at"]);
    expect(ancestry(d, "blocked_at").slice(-2)).toEqual(["subnet_0cf18788e8f12118a", "blocked_at"]);
    expect(d.items.get("blocked_at")?.label).toContain("Blocked (replies): SUBNET_ACL_RESTRICTION");
    expect(edge(d, "internet_0", "blocked_at")[0]?.label).toBe("replies dropped");
  });

  it("direct-internet direct-notebook → s3: through SageMaker's managed network", async () => {
    const d = await path("direct-internet", "direct-notebook", "s3");
    expect(thick(d)).toEqual(["nb_direct_notebook>sagemaker_managed_us_east_1", "sagemaker_managed_us_east_1>svc_us_east_1_s3"]);
  });
});
