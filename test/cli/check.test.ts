/**
 * End to end: `vpcreach check` as the built CLI on the example intents. The example passes on
 * fixtures/ml-platform; the violations file fails with the violations it documents; and three
 * mutations of the network (a notebook opened to the internet, the runtime endpoint removed, its
 * private DNS turned off) each yield exactly the expected violations, in text, JSON, SARIF (valid
 * against the official SARIF 2.1.0 schema) and JUnit.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { editedCopy, type JsonEdit } from "../helpers/fixtures.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/vpcreach.js");
const PLATFORM = join(ROOT, "fixtures/ml-platform");
const INTENTS = "fixtures/intents/ml-platform.yaml";
const VIOLATIONS = "fixtures/intents/ml-platform-violations.yaml";
const DATE = ["--date", "2026-12-06"];

function run(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const { GITHUB_ACTIONS: _ignored, ...base } = process.env;
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", env: { ...base, NO_COLOR: "1", ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const check = (snapshot: string, intents: string, ...rest: string[]) => run(["check", "--snapshot", snapshot, "--intents", intents, ...DATE, ...rest]);

/**
 * Checks the text of a check whose intents file has selector problems, without and with --strict:
 * exit 0 then 1, each listed line marked `!` then `✗`, and the last lines; returns the lax text.
 */
function expectSelectorReport(intents: string, listed: readonly string[], last: { lax: string; strict: string }): string {
  const lax = check(PLATFORM, intents);
  const strict = check(PLATFORM, intents, "--strict");
  expect([lax.status, strict.status]).toEqual([0, 1]);
  for (const line of listed) {
    expect(lax.stdout).toContain(`! ${line}`);
    expect(strict.stdout).toContain(`✗ ${line}`);
  }
  expect([lax.stdout, strict.stdout].map((out) => out.trimEnd().split("\n").at(-1))).toEqual([last.lax, last.strict]);
  return lax.stdout;
}

/** `intent source` pairs of the violations in a JSON check. */
function violations(stdout: string): string[] {
  const json = JSON.parse(stdout) as { intents: { intent: string; source: string; status: string }[] };
  return json.intents.filter((r) => r.status === "violated").map((r) => `${r.intent} ${r.source}`).sort();
}

/** A copy of ml-platform with one file changed. */
const mutated = (file: string, edit: JsonEdit): string => editedCopy(PLATFORM, [[file, edit]]);

type Endpoint = { VpcEndpointId: string; PrivateDnsEnabled?: boolean };
const endpoints = (json: Record<string, unknown>) => json.VpcEndpoints as Endpoint[];
const RUNTIME = "vpce-0996d40767e3427e6";
const EAST_NOTEBOOKS = ["feature-eng", "research-notebook", "sandbox-direct", "training-prep"];

const MUTATIONS: { name: string; file: string; edit: (json: Record<string, unknown>) => void; expected: string[]; findings: string[] }[] = [
  {
    name: "a VPC-only notebook opened to the internet",
    file: "us-east-1/sagemaker/research-notebook.json",
    edit: (json) => (json.DirectInternetAccess = "Enabled"),
    expected: ["internet-only-through-nat research-notebook", "s3-through-gateway-endpoint research-notebook"],
    findings: ["notebook-direct-internet research-notebook"],
  },
  {
    name: "the SageMaker runtime endpoint removed",
    file: "us-east-1/describe-vpc-endpoints.json",
    edit: (json) => (json.VpcEndpoints = endpoints(json).filter((e) => e.VpcEndpointId !== RUNTIME)),
    expected: EAST_NOTEBOOKS.map((n) => `runtime-through-privatelink ${n}`),
    findings: [],
  },
  {
    name: "private DNS turned off on the runtime endpoint",
    file: "us-east-1/describe-vpc-endpoints.json",
    edit: (json) => endpoints(json).forEach((e) => e.VpcEndpointId === RUNTIME && (e.PrivateDnsEnabled = false)),
    expected: EAST_NOTEBOOKS.map((n) => `runtime-through-privatelink ${n}`),
    findings: [],
  },
];

let validateSarif: (data: unknown) => boolean;

beforeAll(() => {
  const schema = JSON.parse(readFileSync(join(ROOT, "test/data/sarif/sarif-2.1.0-rtm.5.json"), "utf8")) as object;
  // The official schema's language-tag pattern is not valid under the `u` flag.
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  validateSarif = (data) => {
    const ok = validate(data);
    if (!ok) console.error(JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    return ok;
  };
});

describe("vpcreach check on the example network", () => {
  it("passes the example intents: exit 0, PASS, suppressed findings listed", () => {
    const { status, stdout, stderr } = check(PLATFORM, INTENTS);
    expect(stderr).toBe("");
    expect(stdout).toContain("✗ 0 violated");
    expect(stdout).toContain("Suppressed findings");
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("PASS: every intent holds");
    expect(status).toBe(0);
  });

  it("fails the violations file with the violations it documents, each with proof and fix", () => {
    const text = check(PLATFORM, VIOLATIONS);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain("✗ west-runtime-privatelink [high]  west-inference-notebook → sagemaker-runtime (tcp/443)  (fixtures/intents/ml-platform-violations.yaml:16)");
    expect(text.stdout).toContain("why:    reachable via nat-0c4389d65851736be (nat-gateway) → igw-0d08e08e3bc4c987e (internet-gateway), not via interface-endpoint");
    expect(text.stdout).toContain("proof:  vpcreach query --from notebook/west-inference-notebook --to sagemaker-runtime");
    expect(text.stdout).toContain("Expired suppressions (each fails the check)");
    expect(text.stdout).toContain("FAIL: 7 violation(s), 2 failing finding(s), 1 expired suppression(s)");
    const json = check(PLATFORM, VIOLATIONS, "--format", "json");
    expect(json.status).toBe(1);
    expect(violations(json.stdout)).toEqual([
      ...["feature-eng", "research-notebook", "sandbox-direct", "training-prep", "west-inference-notebook"].map((n) => `offline-notebooks ${n}`),
      "sandbox-not-managed-network sandbox-direct",
      "west-runtime-privatelink west-inference-notebook",
    ]);
  });

  it("judges suppression expiry on --date", () => {
    const before = check(PLATFORM, VIOLATIONS, "--format", "json", "--date", "2026-06-30");
    expect((JSON.parse(before.stdout) as { expiredSuppressions: unknown[] }).expiredSuppressions).toEqual([]);
  });

  it.each(MUTATIONS)("$name: exactly the expected violations, in every format", ({ file, edit, expected, findings }) => {
    const snapshot = mutated(file, edit);
    const json = check(snapshot, INTENTS, "--format", "json");
    expect(json.stderr).toBe("");
    expect(json.status).toBe(1);
    expect(violations(json.stdout)).toEqual(expected.sort());
    const failing = (JSON.parse(json.stdout) as { findings: { rule: string; resource: string; status: string }[] }).findings
      .filter((f) => f.status === "fails")
      .map((f) => `${f.rule} ${f.resource}`);
    expect(failing).toEqual(findings);

    const text = check(snapshot, INTENTS);
    expect(text.status).toBe(1);
    for (const v of expected) {
      const [intent, source] = v.split(" ");
      expect(text.stdout).toMatch(new RegExp(`✗ ${intent} \\[\\w+\\]  ${source} → `));
    }

    const sarif = check(snapshot, INTENTS, "--format", "sarif");
    expect(sarif.status).toBe(1);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } }; logicalLocations: { name: string }[] }[] }[] }[] };
    expect(validateSarif(log)).toBe(true);
    const results = log.runs[0]!.results;
    expect(results.filter((r) => r.ruleId.startsWith("intent/")).map((r) => `${r.ruleId.slice(7)} ${r.locations[0]!.logicalLocations[0]!.name}`).sort()).toEqual(expected.sort());
    expect(results.filter((r) => r.ruleId.startsWith("finding/")).map((r) => `${r.ruleId.slice(8)} ${r.locations[0]!.logicalLocations[0]!.name}`)).toEqual(findings);
    expect(results.every((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === INTENTS)).toBe(true);

    const junit = check(snapshot, INTENTS, "--format", "junit");
    expect(junit.status).toBe(1);
    expect(junit.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="vpcreach check"/);
    const failures = [...junit.stdout.matchAll(/<testcase name="([^"]+) → [^"]*" classname="intent\.([^"]+)">\n\s*<failure/g)].map((m) => `${m[2]} ${m[1]}`);
    expect(failures.sort()).toEqual(expected.sort());
    expect(Number(/<testsuites [^>]*failures="(\d+)"/.exec(junit.stdout)![1])).toBe(expected.length + findings.length);
  });

  it("writes SARIF that validates for a passing check too, and annotates under GitHub Actions", () => {
    const passing = check(PLATFORM, INTENTS, "--format", "sarif");
    expect(validateSarif(JSON.parse(passing.stdout))).toBe(true);
    const annotated = run(["check", "--snapshot", PLATFORM, "--intents", VIOLATIONS, ...DATE], { GITHUB_ACTIONS: "true" });
    expect(annotated.stdout).toContain("::error file=fixtures/intents/ml-platform-violations.yaml,line=16,title=vpcreach%3A west-runtime-privatelink violated::");
    const machine = run(["check", "--snapshot", PLATFORM, "--intents", VIOLATIONS, ...DATE, "--format", "json"], { GITHUB_ACTIONS: "true" });
    expect(() => JSON.parse(machine.stdout)).not.toThrow();
    expect(machine.stderr).toContain("::error file=fixtures/intents/ml-platform-violations.yaml,line=10,");
  });

  it("exit 3 under --strict when the only failures are unknown answers", () => {
    const dir = mkdtempSync(join(tmpdir(), "vpcreach-check-"));
    const intents = join(dir, "strict.yaml");
    writeFileSync(intents, "version: 1\nintents:\n  - id: t\n    from: research-notebook\n    to: internet\n    expect: reachable\n");
    const snapshot = mutated("us-east-1/describe-route-tables.json", (json) => {
      for (const table of json.RouteTables as { RouteTableId: string; Routes?: unknown }[]) {
        if (table.RouteTableId === "rtb-09a592d14d365a09a") table.Routes = [{ DestinationCidrBlock: "0.0.0.0/0", NetworkInterfaceId: "eni-0ffffffffffffffff", State: "active", Origin: "CreateRoute" }, { DestinationCidrBlock: "10.20.0.0/16", GatewayId: "local", State: "active", Origin: "CreateRouteTable" }];
      }
    });
    const lax = run(["check", "--snapshot", snapshot, "--intents", intents]);
    expect(lax.stdout).toContain("? 1 unknown");
    expect(lax.status).toBe(0);
    expect(run(["check", "--snapshot", snapshot, "--intents", intents, "--strict"]).status).toBe(3);
  });

  it("an intent that selects no source (a typo) fails under --strict (exit 1), named with its selector in text, JSON, SARIF and JUnit; without --strict a prominent warning", () => {
    const dir = mkdtempSync(join(tmpdir(), "vpcreach-check-"));
    const intents = join(dir, "typo.yaml");
    writeFileSync(intents, "version: 1\nintents:\n  - id: s3-ok\n    from: research-notebook\n    to: s3\n    expect: any\n  - id: typo\n    from: notebooks & vpc-0nope\n    to: internet\n    expect: unreachable\n");
    const named = 'typo  from "notebooks & vpc-0nope" selects no source: nothing in the snapshot matches "vpc-0nope"';

    const lax = expectSelectorReport(intents, [`${named}  (${intents}:7)`], {
      lax: "PASS: every intent that selects a source holds; 1 intent(s) select no source (--strict would fail them)",
      strict: "FAIL: 0 violation(s), 0 failing finding(s), 0 expired suppression(s), 1 intent(s) selecting no source",
    });
    expect(lax.split("\n")[0]).toMatch(/: 2 intents, 1 answers$/);
    expect(lax).toContain("Warning: intents that select no source (they pass; --strict would fail them)");

    const json = check(PLATFORM, intents, "--strict", "--format", "json");
    expect(json.status).toBe(1);
    const doc = JSON.parse(json.stdout) as { status: number; counts: { emptyIntents: number }; emptyIntents: { intent: string; line: number; selectors: string[] }[] };
    expect([doc.status, doc.counts.emptyIntents]).toEqual([1, 1]);
    expect(doc.emptyIntents.map(({ intent, line, selectors }) => ({ intent, line, selectors }))).toEqual([{ intent: "typo", line: 7, selectors: ["vpc-0nope"] }]);

    const sarif = check(PLATFORM, intents, "--strict", "--format", "sarif");
    expect(sarif.status).toBe(1);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0]!.results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.region.startLine, r.message.text])).toEqual([
      ["intent/typo", "error", 7, 'typo: from "notebooks & vpc-0nope" selects no source: nothing in the snapshot matches "vpc-0nope"'],
    ]);
    const laxSarif = JSON.parse(check(PLATFORM, intents, "--format", "sarif").stdout) as typeof log;
    expect(laxSarif.runs[0]!.results.map((r) => r.level)).toEqual(["warning"]);

    const junit = check(PLATFORM, intents, "--strict", "--format", "junit");
    expect(junit.status).toBe(1);
    const annotated = run(["check", "--snapshot", PLATFORM, "--intents", intents, ...DATE, "--strict"], { GITHUB_ACTIONS: "true" });
    expect(annotated.stdout).toContain(`::error file=${intents},line=7,title=vpcreach%3A typo selects no source::typo: from "notebooks & vpc-0nope" selects no source`);
    expect(run(["check", "--snapshot", PLATFORM, "--intents", intents, ...DATE], { GITHUB_ACTIONS: "true" }).stdout).toContain(`::warning file=${intents},line=7,`);

    expect(junit.stdout).toMatch(/<testcase name="no source selected" classname="intent\.typo">\n\s*<failure message="typo: from &quot;notebooks &amp; vpc-0nope&quot; selects no source/);
  });

  it("a from or except selector that matches nothing in an intent that selects sources is a dead selector, at its own line: a warning, exit 1 under --strict, in text, JSON, SARIF, JUnit and annotations", () => {
    const dir = mkdtempSync(join(tmpdir(), "vpcreach-check-"));
    const intents = join(dir, "dead.yaml");
    writeFileSync(intents, "version: 1\nintents:\n  - id: s3-ok\n    from:\n      - research-notebook\n      - reserch-notebok\n    except:\n      - sandbx\n    to: s3\n    expect: any\n");
    const typo = 's3-ok  from "reserch-notebok" is a dead selector: nothing in the snapshot matches "reserch-notebok", so it adds no source';
    const except = 's3-ok  except "sandbx" is a dead selector: nothing in the snapshot matches "sandbx", so it excludes nothing';

    expectSelectorReport(intents, [`${typo}  (${intents}:6)`, `${except}  (${intents}:8)`], {
      lax: "PASS: every intent holds; 2 dead selector(s) (--strict would fail them)",
      strict: "FAIL: 0 violation(s), 0 failing finding(s), 0 expired suppression(s), 2 dead selector(s)",
    });

    const json = check(PLATFORM, intents, "--strict", "--format", "json");
    const doc = JSON.parse(json.stdout) as { status: number; counts: { emptyIntents: number; deadSelectors: number }; deadSelectors: { intent: string; list: string; selector: string; line: number }[] };
    expect([json.status, doc.status, doc.counts.emptyIntents, doc.counts.deadSelectors]).toEqual([1, 1, 0, 2]);
    expect(doc.deadSelectors.map(({ intent, list, selector, line }) => ({ intent, list, selector, line }))).toEqual([
      { intent: "s3-ok", list: "from", selector: "reserch-notebok", line: 6 },
      { intent: "s3-ok", list: "except", selector: "sandbx", line: 8 },
    ]);

    const sarif = check(PLATFORM, intents, "--strict", "--format", "sarif");
    expect(sarif.status).toBe(1);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0]!.results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.region.startLine])).toEqual([
      ["intent/s3-ok", "error", 6],
      ["intent/s3-ok", "error", 8],
    ]);
    expect((JSON.parse(check(PLATFORM, intents, "--format", "sarif").stdout) as typeof log).runs[0]!.results.map((r) => r.level)).toEqual(["warning", "warning"]);

    const junit = check(PLATFORM, intents, "--strict", "--format", "junit");
    expect(junit.status).toBe(1);
    expect(junit.stdout).toContain('<testsuite name="intent/s3-ok" tests="3" failures="2"');
    expect(junit.stdout).toContain('<testcase name="dead selector &quot;sandbx&quot;" classname="intent.s3-ok">');
    expect(check(PLATFORM, intents, "--format", "junit").stdout).toContain('<testsuite name="intent/s3-ok" tests="3" failures="0" errors="0" skipped="2">');

    const annotated = run(["check", "--snapshot", PLATFORM, "--intents", intents, ...DATE, "--strict"], { GITHUB_ACTIONS: "true" });
    expect(annotated.stdout).toContain(`::error file=${intents},line=8,title=vpcreach%3A s3-ok dead selector "sandbx"::${except.replace("  ", ": ")}`);
    expect(run(["check", "--snapshot", PLATFORM, "--intents", intents, ...DATE], { GITHUB_ACTIONS: "true" }).stdout).toContain(`::warning file=${intents},line=6,`);
  });

  it.each([
    ["a missing intents file", ["--intents", "no/such.yaml"], /no\/such\.yaml: cannot read the intents file \(ENOENT\)/],
    ["a malformed destination, with its line", ["--intents", "WRITE:version: 1\nintents:\n  - id: x\n    from: notebooks\n    to: s3x\n    expect: any\n"], /:3: \$\.intents: intent "x": destination "s3x"/],
    ["an unknown via kind", ["--intents", "WRITE:version: 1\nintents:\n  - id: x\n    from: notebooks\n    to: s3\n    via: nat\n"], /intent "x": "nat" is neither a component kind/],
    ["a bad --date", ["--intents", INTENTS, "--date", "2026-13-45"], /--date must be a date as YYYY-MM-DD/],
    ["an unknown --format", ["--intents", INTENTS, "--format", "xml"], /Allowed choices are text, json, sarif, junit/],
  ])("exit 2 on %s, one line, no stack", (_name, args, message) => {
    const dir = mkdtempSync(join(tmpdir(), "vpcreach-check-"));
    const resolved = args.map((arg) => {
      if (!arg.startsWith("WRITE:")) return arg;
      writeFileSync(join(dir, "i.yaml"), arg.slice(6));
      return join(dir, "i.yaml");
    });
    const { status, stderr } = run(["check", "--snapshot", PLATFORM, ...resolved]);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
