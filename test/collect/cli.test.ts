/**
 * `vpcreach collect` end to end: the built CLI (dist/cli/vpcreach.js) in a child process, talking to
 * the loopback AWS server through AWS_ENDPOINT_URL with static test credentials. Exit statuses,
 * the snapshot file (or its absence), progress output, Ctrl-C, and that no secret is ever printed.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { collectActions } from "../../src/collect/policy.js";
import { readSnapshotFile } from "../../src/snapshot/file.js";
import { readWireNetwork } from "./wire-network.js";
import { denied, sageMakerDenied, startWireServer, type WireServer, type WireServerOptions } from "./wire-server.js";
import { ec2Error } from "./ec2-xml.js";
import { awsTestEnv, childEnv, TEST_SECRET } from "./aws-env.js";

const CLI = resolve("dist/cli/vpcreach.js");
const FIXTURE = "fixtures/nat-notebook/us-east-1";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let server: WireServer | undefined;
let folder: string;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`build the CLI first (npx tsc -p .): ${CLI} is missing`);
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(folder, { recursive: true, force: true });
});

async function serve(options: Partial<WireServerOptions> = {}): Promise<WireServer> {
  folder = mkdtempSync(join(tmpdir(), "vpcreach-collect-cli-"));
  server = await startWireServer({ networks: { "us-east-1": readWireNetwork(FIXTURE) }, ...options });
  return server;
}

/** Runs the CLI asynchronously (the server answering it lives in this process). */
function run(args: string[], env: Record<string, string | undefined>, onSpawn?: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: folder, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
    onSpawn?.(child);
  });
}

function expectNoSecret(result: Run): void {
  expect(result.stdout).not.toContain(TEST_SECRET);
  expect(result.stderr).not.toContain(TEST_SECRET);
}

describe("vpcreach collect (built CLI)", () => {
  it("--print-policy prints valid IAM policy JSON with exactly the actions collect calls", async () => {
    await serve();
    const result = await run(["collect", "--print-policy"], {});
    expect(result.code).toBe(0);
    const policy = JSON.parse(result.stdout) as { Version: string; Statement: { Effect: string; Action: string[]; Resource: string }[] };
    expect(policy.Version).toBe("2012-10-17");
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0]).toMatchObject({ Effect: "Allow", Resource: "*" });
    expect(policy.Statement[0]?.Action).toEqual(collectActions());
    expect(policy.Statement[0]?.Action.every((action) => /^(ec2|sagemaker|route53|iam|s3|organizations):(Describe|List|Get|Search)[A-Za-z]+$/.test(action))).toBe(true);
    // --no-identity leaves the IAM, S3 and Organizations reads out.
    const network = await run(["collect", "--print-policy", "--no-identity"], {});
    const networkPolicy = JSON.parse(network.stdout) as { Statement: { Action: string[] }[] };
    expect(networkPolicy.Statement[0]?.Action).toEqual(collectActions({ identity: false }));
    expect(networkPolicy.Statement[0]?.Action.some((action) => /^(iam|s3|organizations):/.test(action))).toBe(false);
  });

  it("writes a complete snapshot, exits 0, shows progress per Region and resource type, and never prints the secret", async () => {
    const wire = await serve();
    const result = await run(["collect", "--out", "snap.json"], awsTestEnv(wire.url));
    expect(result.stderr).toContain("us-east-1: subnets: 2");
    expect(result.stderr).toContain("us-east-1: SageMaker notebook instances: 1");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Wrote snap\.json: account 111122223333, 1 Region\(s\) \(us-east-1\)/);
    expectNoSecret(result);
    const snapshot = await readSnapshotFile(join(folder, "snap.json"));
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.regions).toEqual(["us-east-1"]);
  });

  it("query on the collected snapshot prints the same answer as on the fixture folder", async () => {
    const wire = await serve();
    expect((await run(["collect", "--out", "snap.json", "--quiet"], awsTestEnv(wire.url))).code).toBe(0);
    for (const to of ["internet", "s3", "sagemaker-api", "10.30.0.20:22"]) {
      const collected = await run(["query", "--snapshot", "snap.json", "--from", "nat-notebook", "--to", to, "--json"], {});
      const original = await run(["query", "--snapshot", resolve("fixtures/nat-notebook"), "--from", "nat-notebook", "--to", to, "--json"], {});
      expect(collected.code, `${to}: ${collected.stderr} / ${original.stderr}`).toBe(original.code);
      expect(collected.stdout.length, `${to}: stdout of query on the collected snapshot (stderr: ${collected.stderr})`).toBeGreaterThan(0);
      expect(JSON.parse(collected.stdout), to).toEqual(JSON.parse(original.stdout));
    }
  });

  it.skipIf(!existsSync("/usr/bin/script"))("on a terminal, progress is one line redrawn in place with a bar", async () => {
    const wire = await serve();
    // `script` gives the CLI a pseudo-terminal; everything it prints comes back on script's stdout.
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} collect --out snap.json`;
    const result = await new Promise<Run>((resolvePromise, reject) => {
      const child = spawn("/usr/bin/script", ["-qec", command, "/dev/null"], { cwd: folder, env: childEnv(awsTestEnv(wire.url)), stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolvePromise({ code, stdout, stderr: "" }));
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\r\x1b\[2K\[#+-*\] \d+\/\d+ us-east-1: /);
    // No line of plain per-resource progress: those are for logs, not terminals.
    expect(result.stdout).not.toMatch(/^us-east-1: subnets: 2/m);
    expect(result.stdout).toContain("Wrote snap.json");
    expectNoSecret(result);
  });

  it("--quiet prints no progress; without --out the file is named after the date and time", async () => {
    const wire = await serve();
    const result = await run(["collect", "--quiet"], awsTestEnv(wire.url));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(readdirSync(folder).filter((name) => /^vpcreach-snapshot-\d{8}-\d{6}\.json$/.test(name))).toHaveLength(1);
  });

  it("exits 4 with the snapshot written when a call is denied, listing the failed call", async () => {
    const wire = await serve({ fault: (request) => (request.action === "DescribeVpcEndpoints" ? denied(request.action) : undefined) });
    const result = await run(["collect", "--out", "snap.json", "--quiet", "--json"], awsTestEnv(wire.url));
    expect(result.code).toBe(4);
    const summary = JSON.parse(result.stdout) as { complete: boolean; errors: { operation: string; code: string }[] };
    expect(summary.complete).toBe(false);
    expect(summary.errors).toEqual([expect.objectContaining({ operation: "DescribeVpcEndpoints", code: "UnauthorizedOperation" })]);
    const snapshot = await readSnapshotFile(join(folder, "snap.json"));
    expect(snapshot.errors).toHaveLength(1);
  });

  it("exits 2 and writes nothing when every call is denied", async () => {
    const wire = await serve({ fault: (request) => (request.service === "ec2" ? denied(request.action) : sageMakerDenied(request.action)) });
    const result = await run(["collect", "--out", "snap.json", "--quiet"], awsTestEnv(wire.url));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^vpcreach: nothing collected: every API call failed/);
    expect(readdirSync(folder)).toEqual([]);
    expectNoSecret(result);
  });

  it("exits 2 with advice when there are no credentials", async () => {
    const wire = await serve();
    const env = { ...awsTestEnv(wire.url), AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };
    const result = await run(["collect", "--out", "snap.json"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no AWS credentials found/);
    expect(readdirSync(folder)).toEqual([]);
    expect(wire.requests).toEqual([]);
  });

  it("--profile takes credentials and the Region from the shared config files", async () => {
    const wire = await serve();
    const config = join(tmpdir(), `vpcreach-config-${process.pid}`);
    const credentials = join(tmpdir(), `vpcreach-credentials-${process.pid}`);
    writeFileSync(config, "[profile audit]\nregion = us-east-1\n");
    writeFileSync(credentials, `[audit]\naws_access_key_id = AKIDAUDIT\naws_secret_access_key = ${TEST_SECRET}\n`);
    try {
      const env = {
        ...awsTestEnv(wire.url, null),
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_CONFIG_FILE: config,
        AWS_SHARED_CREDENTIALS_FILE: credentials,
      };
      const result = await run(["collect", "--profile", "audit", "--out", "snap.json"], env);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("1 Region(s) (us-east-1)");
      expectNoSecret(result);
      const missing = await run(["collect", "--profile", "nobody", "--out", "other.json"], env);
      expect(missing.code, missing.stderr).toBe(2);
      expect(missing.stderr).toMatch(/no AWS credentials found for profile "nobody"/);
    } finally {
      rmSync(config, { force: true });
      rmSync(credentials, { force: true });
    }
  });

  it("exits 2 for a malformed --account or --regions", async () => {
    const wire = await serve();
    const account = await run(["collect", "--account", "12345"], awsTestEnv(wire.url));
    expect(account.code).toBe(2);
    expect(account.stderr).toMatch(/--account: expected a 12-digit account id/);
    const bad = await run(["collect", "--regions", "us-east-1,mars"], awsTestEnv(wire.url));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"mars" is not a Region name/);
  });

  it("Ctrl-C (SIGINT) mid-collection exits 130 and leaves no file, not even a temporary one", async () => {
    let sawRequest!: () => void;
    const requestArrived = new Promise<void>((resolvePromise) => (sawRequest = resolvePromise));
    const wire = await serve({
      hold: (request) => {
        sawRequest();
        return request.action === "DescribeRouteTables";
      },
    });
    const result = await run(["collect", "--out", "snap.json"], awsTestEnv(wire.url), (child) => {
      void requestArrived.then(() => setTimeout(() => child.kill("SIGINT"), 200));
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain("interrupted; no snapshot written");
    expect(readdirSync(folder)).toEqual([]);
  });

  describe("--out that cannot be written is a usage error found before any AWS call", () => {
    const cases: { name: string; prepare: () => string; message: RegExp }[] = [
      { name: "an existing folder", prepare: () => (mkdirSync(join(folder, "snaps")), "snaps"), message: /--out snaps: is a folder; give a file name/ },
      { name: "a path through a file", prepare: () => (writeFileSync(join(folder, "plain"), "x"), "plain/snap.json"), message: /--out plain\/snap\.json: .*(file, not a folder)/ },
      { name: "a name ending in a slash", prepare: () => "new-folder/", message: /give a file name, not a folder/ },
      { name: "a read-only location", prepare: () => "/sys/vpcreach-snapshot.json", message: /--out \/sys\/vpcreach-snapshot\.json: cannot create files in \/sys/ },
    ];
    for (const { name, prepare, message } of cases) {
      it(name, async () => {
        const wire = await serve();
        const out = prepare();
        const result = await run(["collect", "--out", out, "--quiet"], awsTestEnv(wire.url));
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(message);
        expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
        expect(wire.requests).toEqual([]);
      });
    }
  });

  it("a Region refusing the credentials: the rest is written, exit 4, and the Region is named", async () => {
    const network = readWireNetwork(FIXTURE);
    const wire = await serve({
      networks: { "us-east-1": network, "ap-east-1": network },
      fault: (request) =>
        request.region !== "ap-east-1"
          ? undefined
          : request.service === "ec2"
            ? { status: 401, body: ec2Error("AuthFailure", "AWS was not able to validate the provided access credentials") }
            : { status: 400, contentType: "application/x-amz-json-1.1", body: JSON.stringify({ __type: "UnrecognizedClientException", message: "The security token included in the request is invalid." }) },
    });
    const result = await run(["collect", "--regions", "us-east-1,ap-east-1", "--out", "snap.json"], awsTestEnv(wire.url));
    expect(result.code, result.stderr).toBe(4);
    expect(result.stdout).toMatch(/Region ap-east-1 refused the credentials \((AuthFailure|UnrecognizedClientException)/);
    expect(result.stderr).toMatch(/ap-east-1: refused the credentials/);
    const snapshot = await readSnapshotFile(join(folder, "snap.json"));
    expect(snapshot.regions).toEqual(["ap-east-1", "us-east-1"]);
    expect(snapshot.errors.length).toBeGreaterThan(0);
    expect(snapshot.errors.every((error) => error.region === "ap-east-1")).toBe(true);
    expectNoSecret(result);
  });

  it("--print-policy with --role-name adds the caller's statement: assume the role, list the Organization's accounts", async () => {
    await serve();
    const result = await run(["collect", "--print-policy", "--role-name", "vpcreach-collect", "--organization"], {});
    expect(result.code).toBe(0);
    const policy = JSON.parse(result.stdout) as { Statement: { Action: string[]; Resource: string }[] };
    expect(policy.Statement.map((statement) => statement.Action)).toEqual([
      collectActions({ multiAccount: true }),
      ["sts:AssumeRole"],
      ["organizations:ListAccounts"],
      collectActions().filter((action) => action.startsWith("organizations:")),
    ]);
    expect(policy.Statement[1]?.Resource).toBe("arn:aws:iam::*:role/vpcreach-collect");
    const without = await run(["collect", "--print-policy", "--accounts", "111122223333"], {});
    expect(without.code).toBe(2);
    expect(without.stderr).toMatch(/--accounts and --organization need --role-name/);
  });

  it("--role-name with --accounts: one snapshot of the reachable accounts, exit 4 naming the account whose role could not be assumed", async () => {
    const wire = await serve({ networks: {}, accounts: { "222233334444": { networks: { "us-east-1": readWireNetwork(FIXTURE) } } } });
    const result = await run(["collect", "--role-name", "vpcreach-collect", "--accounts", "222233334444,999900001111", "--out", "estate.json", "--quiet"], awsTestEnv(wire.url));
    expect(result.code, result.stderr).toBe(4);
    expect(result.stdout).toMatch(/^Wrote estate\.json: account 222233334444, 1 Region\(s\) \(us-east-1\)/);
    expect(result.stdout).toContain("account 999900001111: the role could not be assumed; nothing collected there");
    const snapshot = await readSnapshotFile(join(folder, "estate.json"));
    expect(snapshot.sources.map((source) => source.account)).toEqual(["222233334444"]);
    expect(snapshot.errors).toEqual([expect.objectContaining({ account: "999900001111", service: "sts", operation: "AssumeRole", code: "AccessDenied" })]);
    expectNoSecret(result);
  });
});
