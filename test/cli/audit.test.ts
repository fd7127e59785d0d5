/**
 * End to end: `vpcreach audit` run as the built CLI on every fixture: the `--json` matrix holds each
 * fixture's expected verdicts for the four standard destinations, the findings name the problems
 * the fixtures were built with, the text matrix and findings read well, and `--fail-on` sets the
 * exit status.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { BATFISH } from "../snapshot/helpers.js";
import { networkFixtures } from "../helpers/fixtures.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/vpcreach.js");
const FIXTURES = join(ROOT, "fixtures");
const STANDARD = ["internet", "s3", "sagemaker-api", "sagemaker-runtime"];

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Expected {
  from: string;
  fromName?: string;
  to: string;
  verdict: string;
  via?: string[];
  blockedAt?: { component: string; type: string; code: string; direction: string };
  requiresEndpointUrl?: string;
}
interface Cell {
  verdict: string;
  path: { component: string }[];
  blockedAt?: { component: string; type: string; code: string; direction: string };
  requiresEndpointUrl?: string;
}
interface AuditJson {
  rows: { source: { id: string; name?: string }; cells: Record<string, Cell> }[];
  findings: { rule: string; severity: string; resource: string; title: string; detail: string; fix: string }[];
}

const expectations: Record<string, Expected[]> = JSON.parse(readFileSync(join(FIXTURES, "expected-verdicts.json"), "utf8"));
const fixtures = networkFixtures();

const audits = new Map<string, AuditJson>();
function auditJson(fixture: string): AuditJson {
  const cached = audits.get(fixture);
  if (cached) return cached;
  const { status, stdout, stderr } = run("audit", "--snapshot", join(FIXTURES, fixture), "--instances", "--json");
  expect(stderr).toBe("");
  expect(status).toBe(0);
  const parsed = JSON.parse(stdout) as AuditJson;
  audits.set(fixture, parsed);
  return parsed;
}

describe.each(fixtures)("vpcreach audit --json on fixtures/%s", (fixture) => {
  const expected = (expectations[fixture] ?? []).filter((e) => STANDARD.includes(e.to));

  it("has one row per source with the four standard destinations", () => {
    const audit = auditJson(fixture);
    expect(audit.rows.length).toBeGreaterThan(0);
    for (const row of audit.rows) expect(Object.keys(row.cells)).toEqual(STANDARD);
  });

  it.runIf(expected.length > 0).each(expected.map((e) => [`${e.from} → ${e.to}`, e] as const))("%s as expected", (_name, e) => {
    const row = auditJson(fixture).rows.find((r) => r.source.id === e.from || r.source.name === e.from);
    expect(row, `row for ${e.from}`).toBeDefined();
    const cell = row!.cells[e.to]!;
    expect(cell.verdict).toBe(e.verdict);
    if (e.blockedAt) expect(cell.blockedAt).toMatchObject({ component: e.blockedAt.component, code: e.blockedAt.code, direction: e.blockedAt.direction });
    if (e.requiresEndpointUrl) expect(cell.requiresEndpointUrl).toBe(e.requiresEndpointUrl);
    const components = cell.path.map((hop) => hop.component);
    for (const component of e.via ?? []) {
      if (component === "sagemaker-managed-network") continue;
      expect(components).toContain(component);
    }
  });
});

describe("vpcreach audit findings on the fixtures", () => {
  const rulesOf = (fixture: string) => auditJson(fixture).findings.map((f) => `${f.rule} ${f.resource}`);

  it.each([
    ["direct-internet", "notebook-direct-internet"],
    ["direct-internet", "notebook-outside-vpc"],
    ["vpc-only-no-private-dns", "endpoint-private-dns-off"],
    ["nat-notebook", "notebook-vpc-only-internet"],
  ])("%s: %s", (fixture, rule) => {
    expect(rulesOf(fixture).some((line) => line.startsWith(`${rule} `))).toBe(true);
  });

  it("blackhole-route: the dead NAT route is reported with a delete or replace command", () => {
    const finding = auditJson("blackhole-route").findings.find((f) => f.rule === "route-blackhole" || f.rule === "nat-gateway-unavailable");
    expect(finding?.resource).toBe("rtb-0a6b1f1d76d6fed1c");
    expect(finding?.fix).toMatch(/aws ec2 (delete|replace)-route --route-table-id rtb-0a6b1f1d76d6fed1c/);
  });

  it("vpc-only-endpoints: no finding about endpoint DNS or endpoint security groups", () => {
    expect(rulesOf("vpc-only-endpoints").filter((line) => line.startsWith("endpoint-"))).toEqual([]);
  });

  it("every finding is complete and findings come most severe first", () => {
    const order = ["high", "medium", "low", "info"];
    for (const fixture of fixtures) {
      const findings = auditJson(fixture).findings;
      const ranks = findings.map((f) => order.indexOf(f.severity));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      for (const f of findings) for (const field of [f.rule, f.resource, f.title, f.detail, f.fix]) expect(field.length).toBeGreaterThan(0);
    }
  });
});

describe("vpcreach audit: text and exit status", () => {
  it("prints the matrix with a reason per cell, then the findings by severity", () => {
    const { status, stdout, stderr } = run("audit", "--snapshot", join(FIXTURES, "blackhole-route"));
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Audit of .*blackhole-route: 1 notebook × 4 destinations\n/);
    expect(stdout).toMatch(/SOURCE\s+INTERNET\s+S3\s+SAGEMAKER-API\s+SAGEMAKER-RUNTIME/);
    expect(stdout).toMatch(/etl-notebook\s+✗ blocked: rtb-0a6b1f1d76d6fed1c BAD_STATE_ROUTE/);
    expect(stdout).toMatch(/Findings: .*\d+ (high|medium)/);
    expect(stdout).toMatch(/fix: .*aws ec2/);
  });

  it("shows ✓ with the way out for reachable cells", () => {
    const { stdout } = run("audit", "--snapshot", join(FIXTURES, "nat-notebook"));
    expect(stdout).toMatch(/nat-notebook\s+✓ via nat-/);
  });

  it("--fail-on high exits 1 when a high finding exists, 0 otherwise", () => {
    expect(run("audit", "--snapshot", join(FIXTURES, "direct-internet"), "--fail-on", "high").status).toBe(1);
    const clean = fixtures.find((fixture) => !auditJson(fixture).findings.some((f) => f.severity === "high"));
    if (clean) expect(run("audit", "--snapshot", join(FIXTURES, clean), "--fail-on", "high").status).toBe(0);
    expect(run("audit", "--snapshot", join(FIXTURES, "direct-internet")).status).toBe(0);
  });

  it("--json writes one row per line, so big audits can be read as a stream", () => {
    const { stdout } = run("audit", "--snapshot", join(FIXTURES, "ml-platform"), "--json");
    const lines = stdout.split("\n");
    expect(lines[0]).toBe('{"rows":[');
    const rowLines = lines.slice(1, lines.indexOf("],"));
    expect(rowLines.length).toBe(JSON.parse(stdout).rows.length);
    for (const line of rowLines) expect(JSON.parse(line.replace(/,$/, "")).cells).toBeDefined();
  });

  it("audits Batfish's instances with --instances", () => {
    const { status, stdout } = run("audit", "--snapshot", join(BATFISH, "nat-gateway"), "--instances", "--json");
    expect(status).toBe(0);
    const audit = JSON.parse(stdout) as AuditJson;
    const ids = audit.rows.map((row) => row.source.id);
    expect(ids).toEqual(expect.arrayContaining(["i-0a128d26e59be60f3", "i-0b31b509174d7f5de"]));
    const privateRow = audit.rows.find((row) => row.source.id === "i-0a128d26e59be60f3");
    expect(privateRow?.cells.internet?.verdict).toBe("reachable");
  });

  it.each([
    ["a snapshot that does not exist", ["--snapshot", join(FIXTURES, "no-such-fixture")], /no-such-fixture/],
    ["a bad --fail-on", ["--snapshot", join(FIXTURES, "nat-notebook"), "--fail-on", "critical"], /high, medium, low/],
    ["no --snapshot", [], /--snapshot/],
  ])("exits 2 without a stack trace for %s", (_name, args, message) => {
    const { status, stderr } = run("audit", ...args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
