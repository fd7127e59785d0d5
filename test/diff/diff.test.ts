/**
 * `diffModels` and `vpcreach diff`: two snapshots of the example network that differ by one change
 * each (the NAT route dropped, the S3 gateway endpoint removed, a NAT gateway added); the changed
 * verdicts name the configuration change that caused them, the findings and the cost delta move as
 * they should, and with an intents file a broken intent exits 1.
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { diffModels } from "../../src/diff/diff.js";
import { createAnalyzer } from "../../src/engine/index.js";
import { loadModel } from "../../src/snapshot/load.js";
import { editedCopy, type JsonEdit } from "../helpers/fixtures.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/vpcreach.js");
const PLATFORM = join(ROOT, "fixtures/ml-platform");

/** A copy of ml-platform with some of its files edited. */
const mutated = (file: string, edit: JsonEdit, ...more: [string, JsonEdit][]): string => editedCopy(PLATFORM, [[file, edit], ...more]);

type Table = { RouteTableId: string; Routes: { DestinationCidrBlock?: string; GatewayId?: string }[] };
const PRIVATE_A = "rtb-09a592d14d365a09a";
const dropNatRoute = (json: Record<string, unknown>) => {
  for (const table of json.RouteTables as Table[]) {
    if (table.RouteTableId === PRIVATE_A) table.Routes = table.Routes.filter((r) => r.DestinationCidrBlock !== "0.0.0.0/0");
  }
};

async function diff(after: string) {
  const [a, b] = await Promise.all([loadModel(PLATFORM), loadModel(after)]);
  return diffModels(createAnalyzer(a), createAnalyzer(b), { cost: { traffic: { default: { internet: 100 }, perVpc: {} } } });
}

describe("diffModels", () => {
  it("finds nothing between a snapshot and its copy", async () => {
    const same = await diff(mutated("us-east-1/describe-vpcs.json", () => undefined));
    expect(same.verdicts).toEqual([]);
    expect(same.configuration).toEqual([]);
    expect(same.findings).toEqual({ added: [], resolved: [] });
    expect(same.cost.deltaUsd).toBe(0);
  });

  it("a dropped NAT route: the internet answers of the subnet's notebooks change, caused by that route table", async () => {
    const result = await diff(mutated("us-east-1/describe-route-tables.json", dropNatRoute));
    expect(result.configuration.map((c) => `${c.resource} ${c.change}`)).toEqual([`${PRIVATE_A} modified`]);
    expect(result.configuration[0]!.details).toEqual([expect.stringMatching(/^routes: − \{.*"0\.0\.0\.0\/0".*nat-0433e6308254a8d8d/)]);
    const changed = result.verdicts.map((v) => `${v.source} ${v.destination} ${v.before?.verdict}→${v.after?.verdict}`);
    expect(changed).toEqual(["research-notebook internet reachable→unreachable"]);
    expect(result.verdicts[0]!.causes.map((c) => c.resource)).toEqual([PRIVATE_A]);
    expect(result.verdicts[0]!.after!.blockedAt).toMatchObject({ component: PRIVATE_A, code: "NO_ROUTE_TO_DESTINATION" });
    expect(result.findings.resolved.map((f) => `${f.rule} ${f.resource}`)).toContain("notebook-vpc-only-internet research-notebook");
    // research-notebook's internet traffic no longer passes the NAT gateway.
    expect(result.cost.deltaUsd).toBeLessThan(0);
    expect(result.cost.vpcs.find((v) => v.vpcId === "vpc-093445840aeaf1291")!.deltaUsd).toBeLessThan(0);
  });

  it("a removed S3 gateway endpoint: S3 now goes through the NAT gateways, caused by the endpoint", async () => {
    const result = await diff(
      mutated(
        "us-east-1/describe-vpc-endpoints.json",
        (json) => {
          json.VpcEndpoints = (json.VpcEndpoints as { VpcEndpointId: string }[]).filter((e) => e.VpcEndpointId !== "vpce-09c41a07fa0fe457d");
        },
        // Deleting a gateway endpoint deletes the routes it added.
        ["us-east-1/describe-route-tables.json", (json) => (json.RouteTables as Table[]).forEach((t) => (t.Routes = t.Routes.filter((r) => r.GatewayId !== "vpce-09c41a07fa0fe457d")))],
      ),
    );
    const s3 = result.verdicts.filter((v) => v.destination === "s3");
    expect(s3.map((v) => v.source).sort()).toEqual(["feature-eng", "research-notebook", "training-prep"]);
    for (const change of s3) {
      expect(change.before!.verdict).toBe("reachable");
      expect(change.after!.path.some((hop) => hop.type === "nat-gateway")).toBe(true);
      expect(change.causes.map((c) => `${c.resource} ${c.change}`)).toContain("vpce-09c41a07fa0fe457d removed");
    }
  });
});

describe("vpcreach diff", () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, "diff", ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

  it("prints the changed verdict with both proofs, its cause and the cost delta; Markdown for a PR comment", () => {
    const after = mutated("us-east-1/describe-route-tables.json", dropNatRoute);
    const text = run("--before", PLATFORM, "--after", after, "--traffic", "internet=100");
    expect(text.status).toBe(0);
    expect(text.stdout).toContain("1 of 20 answers changed");
    expect(text.stdout).toContain("research-notebook → internet: ✓ via nat-0433e6308254a8d8d  ⇒  ✗ blocked:");
    expect(text.stdout).toContain(`because ${PRIVATE_A} (routeTables) modified: routes: −`);
    expect(text.stdout).toMatch(/before:\n\s+REACHABLE  research-notebook → internet/);
    expect(text.stdout).toMatch(/after:\n\s+UNREACHABLE  research-notebook → internet/);
    expect(text.stdout).toMatch(/vpc-093445840aeaf1291 \(us-east-1\) \$[\d,.]+ → \$[\d,.]+ \(−\$/);
    const markdown = run("--before", PLATFORM, "--after", after, "--format", "markdown");
    expect(markdown.stdout).toContain("| Source | Destination | Before | After | Caused by |");
    expect(markdown.stdout).toContain("<details><summary>Proofs: research-notebook → internet</summary>");
  });

  it("exit 1 when an intent that held now breaks, with SARIF on the intent's line", () => {
    const after = mutated("us-east-1/describe-vpc-endpoints.json", (json) => {
      json.VpcEndpoints = (json.VpcEndpoints as { VpcEndpointId: string }[]).filter((e) => e.VpcEndpointId !== "vpce-0996d40767e3427e6");
    });
    const intents = "fixtures/intents/ml-platform.yaml";
    const json = run("--before", PLATFORM, "--after", after, "--intents", intents, "--format", "json", "--date", "2026-12-06");
    expect(json.status).toBe(1);
    const result = JSON.parse(json.stdout) as { intents: { broken: { intent: string; source: string; line: number }[] } };
    expect(result.intents.broken.map((b) => `${b.intent} ${b.source} ${b.line}`).sort()).toEqual(
      ["feature-eng", "research-notebook", "sandbox-direct", "training-prep"].map((n) => `runtime-through-privatelink ${n} 6`),
    );
    const sarif = JSON.parse(run("--before", PLATFORM, "--after", after, "--intents", intents, "--format", "sarif", "--date", "2026-12-06").stdout) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.results.filter((r) => r.ruleId === "intent/runtime-through-privatelink")).toHaveLength(4);
    expect(run("--before", PLATFORM, "--after", PLATFORM, "--intents", intents, "--date", "2026-12-06").status).toBe(0);
  });

  it("exit 2 on a missing snapshot, naming it", () => {
    const { status, stderr } = run("--before", PLATFORM, "--after", "no/such/folder");
    expect(status).toBe(2);
    expect(stderr).toContain("no/such/folder");
  });
});
