/**
 * End to end: `vpcreach query` run as the built CLI (`node dist/cli/vpcreach.js`) on the fixtures and
 * on Batfish's networks: the text answer, the `--json` contract, and the exit statuses (0 reachable,
 * 1 not reachable, 3 undetermined, 2 usage or input error, never with a stack trace).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { BATFISH } from "../snapshot/helpers.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/vpcreach.js");
const FIXTURES = join(ROOT, "fixtures");

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const query = (fixture: string, from: string, to: string, ...rest: string[]) =>
  run("query", "--snapshot", join(FIXTURES, fixture), "--from", from, "--to", to, ...rest);

const VERDICT_KEYS = ["verdict", "source", "destination", "protocol", "port", "path", "returnPath", "explanation", "warnings"];

describe("vpcreach query: text", () => {
  it("proves a reachable path: verdict line, path table, exit 0", () => {
    const { status, stdout, stderr } = query("ml-platform", "research-notebook", "s3");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("REACHABLE  research-notebook → s3 (tcp/443)");
    expect(stdout).toMatch(/HOP\s+COMPONENT\s+TYPE\s+RULE OR ROUTE USED/);
    expect(stdout).toContain("rtb-09a592d14d365a09a");
    expect(stdout).toContain("vpce-09c41a07fa0fe457d");
    expect(stdout).not.toContain("\u001b[");
  });

  it("names what blocks, with the code, the rule and the fix; exit 1", () => {
    const { status, stdout } = query("blackhole-route", "etl-notebook", "internet");
    expect(status).toBe(1);
    expect(stdout.split("\n")[0]).toBe("UNREACHABLE  etl-notebook → internet (tcp/443)");
    expect(stdout).toContain("Blocked at  rtb-0a6b1f1d76d6fed1c (route-table), forward direction");
    expect(stdout).toMatch(/Code\s+BAD_STATE_ROUTE/);
    expect(stdout).toMatch(/Rule\s+.*nat-003024a940f84045d/);
    expect(stdout).toMatch(/Fix\s+\S/);
  });

  it("shows --endpoint-url with a ready-to-paste invoke-endpoint command when private DNS is off", () => {
    const { stdout } = query("vpc-only-no-private-dns", "no-private-dns-notebook", "sagemaker-runtime");
    expect(stdout).toContain("pass --endpoint-url");
    expect(stdout).toMatch(/aws sagemaker-runtime invoke-endpoint --endpoint-url https:\/\/vpce-06b0f4e58982a6fa1-[a-z0-9]+\.runtime\.sagemaker\.us-east-1\.vpce\.amazonaws\.com/);
  });
});

describe("vpcreach query --json", () => {
  it("prints exactly one Verdict object with the contract's fields", () => {
    const { status, stdout } = query("blackhole-route", "etl-notebook", "s3", "--json");
    expect(status).toBe(1);
    const verdict = JSON.parse(stdout);
    for (const key of VERDICT_KEYS) expect(verdict).toHaveProperty(key);
    expect(verdict).toMatchObject({
      verdict: "unreachable",
      protocol: "tcp",
      port: 443,
      blockedAt: { component: "rtb-0a6b1f1d76d6fed1c", type: "route-table", code: "BAD_STATE_ROUTE", direction: "forward" },
    });
    expect(verdict.source.id).toBe("etl-notebook");
    expect(verdict.destination.spec).toBe("s3");
    expect(typeof verdict.explanation).toBe("string");
    expect(typeof verdict.fix).toBe("string");
    expect(Array.isArray(verdict.path) && Array.isArray(verdict.returnPath) && Array.isArray(verdict.warnings)).toBe(true);
  });

  it("gives requiresEndpointUrl when only the endpoint's own name works", () => {
    const verdict = JSON.parse(query("vpc-only-no-private-dns", "no-private-dns-notebook", "sagemaker-api", "--json").stdout);
    const expected = JSON.parse(readFileSync(join(FIXTURES, "expected-verdicts.json"), "utf8"))["vpc-only-no-private-dns"].find(
      (e: { to: string }) => e.to === "sagemaker-api",
    );
    expect(verdict.requiresEndpointUrl).toBe(expected.requiresEndpointUrl);
  });

  it("answers service:NAME destinations with a path through their endpoint", () => {
    const { status, stdout } = query("ml-platform", "research-notebook", "service:sts", "--json");
    expect(status).toBe(0);
    const verdict = JSON.parse(stdout);
    expect(verdict.verdict).toBe("reachable");
    expect(verdict.path.map((hop: { component: string }) => hop.component)).toContain("vpce-0f18a74bdb8a3a94b");
  });

  it("says unknown, with exit 3, for a route into a transit gateway", () => {
    const folder = mkdtempSync(join(tmpdir(), "vpcreach-query-"));
    cpSync(join(FIXTURES, "nat-notebook"), folder, { recursive: true });
    const file = join(folder, "us-east-1/describe-route-tables.json");
    const tables = JSON.parse(readFileSync(file, "utf8"));
    for (const table of tables.RouteTables) {
      for (const route of table.Routes) {
        if (route.NatGatewayId) {
          delete route.NatGatewayId;
          route.TransitGatewayId = "tgw-0123456789abcdef0";
        }
      }
    }
    writeFileSync(file, JSON.stringify(tables));
    const { status, stdout } = run("query", "--snapshot", folder, "--from", "nat-notebook", "--to", "internet", "--json");
    expect(status).toBe(3);
    const verdict = JSON.parse(stdout);
    expect(verdict.verdict).toBe("unknown");
    expect(verdict.explanation).toContain("tgw-0123456789abcdef0");
  });

  it("types a stop at a Route 53 Resolver forwarding rule resolver-rule (was hosted-zone), in text and JSON, with the rule as configured", () => {
    const folder = mkdtempSync(join(tmpdir(), "vpcreach-query-"));
    cpSync(join(FIXTURES, "nat-notebook"), folder, { recursive: true });
    const vpcId = JSON.parse(readFileSync(join(folder, "us-east-1/describe-vpcs.json"), "utf8")).Vpcs[0].VpcId as string;
    writeFileSync(join(folder, "us-east-1/resolver-rules.json"), JSON.stringify({ ResolverRules: [{ Id: "rslvr-rr-1", DomainName: "amazonaws.com.", RuleType: "FORWARD", TargetIps: [{ Ip: "10.200.0.2", Port: 53 }] }] }));
    writeFileSync(join(folder, "us-east-1/resolver-rule-associations.json"), JSON.stringify({ ResolverRuleAssociations: [{ Id: "rslvr-rrassoc-1", ResolverRuleId: "rslvr-rr-1", VPCId: vpcId, Status: "COMPLETE" }] }));
    const args = ["query", "--snapshot", folder, "--from", "nat-notebook", "--to", "service:sts"];
    const text = run(...args);
    expect(text.status).toBe(3);
    expect(text.stdout).toMatch(/Stopped at\s+rslvr-rr-1 \(resolver-rule\), forward direction/);
    expect(text.stdout).toMatch(new RegExp(`Rule\\s+rslvr-rr-1: FORWARD amazonaws\\.com to 10\\.200\\.0\\.2:53, associated with ${vpcId}`));
    const verdict = JSON.parse(run(...args, "--json").stdout);
    expect(verdict.blockedAt).toMatchObject({ component: "rslvr-rr-1", type: "resolver-rule", code: "UNKNOWN_DESTINATION", rule: { kind: "dns", ref: "rslvr-rr-1" } });
    expect(verdict.fix).toContain(`add a SYSTEM Resolver rule for sts.us-east-1.amazonaws.com associated with ${vpcId}`);
  });
});

describe("vpcreach query on Batfish's networks", () => {
  const batfish = (network: string, ...args: string[]) => run("query", "--snapshot", join(BATFISH, network), "--json", ...args);

  it("private instance → S3 address goes through the gateway endpoint", () => {
    const { status, stdout } = batfish("vpc-endpoint-gateway", "--from", "i-01c6c0647fdccc89e", "--to", "52.216.237.77");
    expect(status).toBe(0);
    expect(JSON.parse(stdout).path.map((hop: { component: string }) => hop.component)).toContain("vpce-0b7357542bb7b83ec");
  });

  it("private instance → an AWS address outside the S3 list has no route (exit 1)", () => {
    const { status, stdout } = batfish("vpc-endpoint-gateway", "--from", "i-01c6c0647fdccc89e", "--to", "54.222.57.1");
    expect(status).toBe(1);
    expect(JSON.parse(stdout).blockedAt.code).toBe("NO_ROUTE_TO_DESTINATION");
  });

  it("private instance → 8.8.8.8:80 through the NAT gateway and the IGW", () => {
    const { status, stdout } = batfish("nat-gateway", "--from", "i-0a128d26e59be60f3", "--to", "8.8.8.8:80");
    expect(status).toBe(0);
    const verdict = JSON.parse(stdout);
    expect(verdict.port).toBe(80);
    const components = verdict.path.map((hop: { component: string }) => hop.component);
    expect(components.indexOf("nat-07ab4846da51f4612")).toBeGreaterThan(-1);
    expect(components.indexOf("igw-071753b9c23d8a9b2")).toBeGreaterThan(components.indexOf("nat-07ab4846da51f4612"));
  });
});

describe("vpcreach query: usage and input errors exit 2 without a stack trace", () => {
  const snapshot = join(FIXTURES, "nat-notebook");
  it.each([
    ["a snapshot that does not exist", ["--snapshot", join(FIXTURES, "no-such-fixture"), "--from", "x", "--to", "s3"], /no-such-fixture/],
    ["an unknown source", ["--snapshot", snapshot, "--from", "no-such-notebook", "--to", "s3"], /no-such-notebook/],
    ["a malformed destination", ["--snapshot", snapshot, "--from", "nat-notebook", "--to", "10.0.0.0/99"], /10\.0\.0\.0\/99/],
    ["port 0", ["--snapshot", snapshot, "--from", "nat-notebook", "--to", "s3", "--port", "0"], /--port \d+: a port must be an integer from 1 to 65535/],
    ["port 70000", ["--snapshot", snapshot, "--from", "nat-notebook", "--to", "s3", "--port", "70000"], /--port \d+: a port must be an integer from 1 to 65535/],
    ["port 44.5", ["--snapshot", snapshot, "--from", "nat-notebook", "--to", "s3", "--port", "44.5"], /--port 44.5: a port must be an integer from 1 to 65535/],
    ["an unknown protocol", ["--snapshot", snapshot, "--from", "nat-notebook", "--to", "s3", "--protocol", "sctp"], /tcp, udp, icmp, all/],
    ["a port with icmp", ["--snapshot", snapshot, "--from", "nat-notebook", "--to", "s3", "--protocol", "icmp", "--port", "443"], /--port 443: applies to tcp and udp only/],
    ["two different ports", ["--snapshot", snapshot, "--from", "nat-notebook", "--to", "8.8.8.8:80", "--port", "443"], /names port 80 but --port says 443/],
    ["a missing --to", ["--snapshot", snapshot, "--from", "nat-notebook"], /--to/],
    ["an unknown option", ["--snapshot", snapshot, "--from", "nat-notebook", "--to", "s3", "--prot", "tcp"], /unknown option/],
  ])("%s", (_name, args, message) => {
    const { status, stdout, stderr } = run("query", ...args);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("--help lists examples and the exit statuses, exit 0", () => {
    const { status, stdout } = run("query", "--help");
    expect(status).toBe(0);
    expect(stdout).toContain("Examples:");
    expect(stdout).toContain("0 reachable, 1 not reachable, 3 undetermined");
  });
});
