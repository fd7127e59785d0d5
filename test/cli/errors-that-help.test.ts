/**
 * The built CLI on the friction a new user meets: close names suggested, destination aliases and
 * case, `sagemaker` as both destinations, host names and typos explained, one wording per error
 * kind, and the same short options on every command.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { editedFixture } from "../snapshot/helpers.js";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/vpcreach.js");
const ML = join(ROOT, "fixtures/ml-platform");

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** An input error: exit 2, one line on stderr, nothing on stdout. */
function expectInputError(result: ReturnType<typeof run>, message: RegExp | string): void {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(message);
}

describe("close names are suggested", () => {
  it("for a misspelt notebook", () => {
    expectInputError(run("query", "-s", ML, "-f", "reserch-notebook", "-t", "s3"), /source "reserch-notebook": no such source \(did you mean "research-notebook"\?\)/);
  });

  it("for a misspelt destination", () => {
    expectInputError(run("query", "-s", ML, "-f", "research-notebook", "-t", "internt"), /destination "internt": not a destination \(did you mean "internet"\?\)/);
  });

  it("for a service that is no AWS service in the Region", () => {
    expectInputError(
      run("query", "-s", ML, "-f", "research-notebook", "-t", "service:stss"),
      /destination "service:stss": no AWS service of that name in us-east-1 \(did you mean "service:sts"\?\)/,
    );
  });

  it("for a service name that is no AWS service at all: exit 2 naming where vpcreach looked, never an answer", () => {
    expectInputError(
      run("query", "-s", ML, "-f", "research-notebook", "-t", "service:bogus"),
      /^vpcreach: destination "service:bogus": no AWS service of that name in us-east-1 \(not served by an endpoint or prefix list in the snapshot, nor in vpcreach's list of service names, data\/aws-services\.json\)$/m,
    );
    expectInputError(run("diagram", "-s", ML, "-f", "research-notebook", "-t", "service:sagemaker.apii", "-o", "unused.md"), /did you mean "service:sagemaker\.api"\?/);
  });

  it("for a misspelt traffic key, which is never priced as a service", () => {
    expectInputError(run("cost", "-s", ML, "--traffic", "inet=20"), /--traffic inet=20: unknown traffic destination "inet" \(did you mean "internet"/);
  });
});

describe("destinations as users type them", () => {
  it("folds case and knows the SageMaker aliases", () => {
    const upper = run("query", "-s", ML, "-f", "research-notebook", "-t", "S3");
    expect(upper.status).toBe(0);
    expect(upper.stdout.split("\n")[0]).toBe("REACHABLE  research-notebook → s3 (tcp/443)");
    const runtime = run("query", "-s", ML, "-f", "research-notebook", "-t", "runtime");
    expect(runtime.stdout.split("\n")[0]).toBe("REACHABLE  research-notebook → sagemaker-runtime (tcp/443)");
  });

  it("answers `sagemaker` for the API and the runtime, as --traffic does", () => {
    const text = run("query", "-s", ML, "-f", "research-notebook", "-t", "sagemaker");
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^REACHABLE {2}research-notebook → sagemaker-api /m);
    expect(text.stdout).toMatch(/^REACHABLE {2}research-notebook → sagemaker-runtime /m);
    const json = JSON.parse(run("query", "-s", ML, "-f", "research-notebook", "-t", "sagemaker", "--json").stdout) as { destination: { spec: string } }[];
    expect(json.map((v) => v.destination.spec)).toEqual(["sagemaker-api", "sagemaker-runtime"]);
  });

  it("explains that host names and URLs are not destinations, and what is", () => {
    expectInputError(run("query", "-s", ML, "-f", "research-notebook", "-t", "www.google.com"), /not host names; give internet for any public address.*accepted: internet, s3/);
    expectInputError(run("query", "-s", ML, "-f", "research-notebook", "-t", "https://sts.us-east-1.amazonaws.com/"), /name the AWS service, not its host: service:sts/);
  });
});

describe("one wording per kind of error", () => {
  it("words a bad port the same in --port and in --to ADDRESS:PORT", () => {
    const option = run("query", "-s", ML, "-f", "research-notebook", "-t", "1.2.3.4", "-p", "0");
    const inline = run("query", "-s", ML, "-f", "research-notebook", "-t", "1.2.3.4:0");
    expectInputError(option, "vpcreach: --port 0: a port must be an integer from 1 to 65535");
    expectInputError(inline, 'vpcreach: destination "1.2.3.4:0": a port must be an integer from 1 to 65535');
    expectInputError(run("diagram", "-s", ML, "-f", "research-notebook", "-t", "s3", "-p", "70000"), "vpcreach: --port 70000: a port must be an integer from 1 to 65535");
  });

  // Issue 13 item 5: a port outside 1-65535 is an input error in every form a port is given.
  it.each([
    ["--to ADDRESS:0", ["query", "-t", "10.0.0.5:0"], 'destination "10.0.0.5:0"'],
    ["--to ADDRESS:65536", ["query", "-t", "10.0.0.5:65536"], 'destination "10.0.0.5:65536"'],
    ["--to CIDR:0", ["query", "-t", "10.0.0.0/24:0"], 'destination "10.0.0.0/24:0"'],
    ["--to ADDRESS:99999999", ["query", "-t", "10.0.0.5:99999999"], 'destination "10.0.0.5:99999999"'],
    ["diagram --to ADDRESS:0", ["diagram", "-t", "10.0.0.5:0", "-o", "unused.md"], 'destination "10.0.0.5:0"'],
    ["--port 65536", ["query", "-t", "10.0.0.5", "-p", "65536"], "--port 65536"],
  ])("%s: exit 2, the one port wording", (_form, [command, ...args], where) => {
    expectInputError(run(command as string, "-s", ML, "-f", "research-notebook", ...args), `vpcreach: ${where}: a port must be an integer from 1 to 65535`);
  });

  it("an intents file's destination with port 0: exit 2, naming the file, line and intent", () => {
    const folder = mkdtempSync(join(tmpdir(), "vpcreach-port-"));
    const intents = join(folder, "intents.yaml");
    writeFileSync(intents, "version: 1\nintents:\n  - id: db\n    from: notebooks\n    to: 10.0.0.5:0\n    expect: any\n");
    try {
      expectInputError(run("check", "-s", ML, "--intents", intents), `vpcreach: ${intents}:3: $.intents: intent "db": destination "10.0.0.5:0": a port must be an integer from 1 to 65535`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("says what a traffic value should have been", () => {
    expectInputError(run("cost", "-s", ML, "--traffic", "internet=abc"), '--traffic internet=abc: expected a non-negative number of GB per month (e.g. internet=200), got "abc"');
  });
});

describe("the same short options on every command", () => {
  const help = (command: string): string => run(command, "--help").stdout;
  it.each(["inspect", "query", "audit", "diagram", "cost", "report", "check"])("%s: -s is --snapshot", (command) => {
    expect(help(command)).toMatch(/-s, --snapshot <path>/);
  });
  it.each(["query", "diagram"])("%s: -f/-t/-p are --from/--to/--port", (command) => {
    expect(help(command)).toMatch(/-f, --from <source>/);
    expect(help(command)).toMatch(/-t, --to <destination>/);
    expect(help(command)).toMatch(/-p, --port <n>/);
  });
  it.each(["diagram", "report", "collect", "check", "diff"])("%s: -o is --out", (command) => {
    expect(help(command)).toMatch(/-o, --out </);
  });
});

describe("a single describe-* file given as --snapshot", () => {
  const subnets = join(ML, "us-east-1/describe-subnets.json");

  it("loads, and every command says what is missing and which folder to give", () => {
    for (const args of [["inspect"], ["audit"], ["query", "-f", "research-notebook", "-t", "s3"]]) {
      const result = run(...args, "-s", subnets);
      const warning = result.stderr.split("\n").find((line) => line.startsWith("warning:"));
      expect(warning, args[0]).toBe(
        `warning: ${subnets} is a single describe output (subnets): the network lacks vpcs, routeTables, networkAcls, securityGroups, networkInterfaces, internetGateways, natGateways, vpcEndpoints, so answers that need them are unknown. Give the folder that holds all the describe-* files: --snapshot ${join(ML, "us-east-1")}`,
      );
    }
  });

  it("several files: one warning naming their common folder", () => {
    const result = run("inspect", "-s", subnets, "-s", join(ML, "us-west-2/describe-vpcs.json"));
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`are single describe outputs (subnets, vpcs)`);
    expect(result.stderr).toContain(`--snapshot ${ML}\n`);
  });

  it("a folder, or a file beside a folder, gets no such warning", () => {
    expect(run("inspect", "-s", ML).stderr).toBe("");
    expect(run("inspect", "-s", join(ML, "us-east-1"), "-s", join(ML, "us-west-2/describe-vpcs.json")).stderr).toBe("");
  });
});

describe("a describe-* listing the AWS CLI's --max-items stopped (NextToken)", () => {
  // The page lacks rtb-09a592d14d365a09a, research-notebook's own table (0.0.0.0/0 → NAT): read as
  // complete, the subnet fell back to the main table and the answer was a confident UNREACHABLE (exit 1).
  const page = (): string =>
    editedFixture("ml-platform", {
      "us-east-1/describe-route-tables.json": (json) => {
        json.RouteTables = (json.RouteTables as { RouteTableId: string }[]).filter((table) => table.RouteTableId !== "rtb-09a592d14d365a09a");
        json.NextToken = "eyJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDR9";
      },
    });

  it.each([
    ["query", ["query", "-f", "research-notebook", "-t", "internet"]],
    ["audit", ["audit"]],
    ["inspect", ["inspect"]],
  ])("%s refuses it: exit 2, one line naming the file and $.NextToken, no stack trace", (_command, args) => {
    const folder = page();
    try {
      const result = run(...args, "-s", folder);
      expectInputError(result, /us-east-1\/describe-route-tables\.json: \$\.NextToken: this RouteTables listing is one page of a longer list \(NextToken: the AWS CLI's --max-items stopped it\).*re-run the command without --max-items/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
