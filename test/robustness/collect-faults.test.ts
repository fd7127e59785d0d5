/**
 * Collection under faults (issue #20), through the real AWS SDK clients against the loopback AWS
 * stand-in: answers that are not the API's (HTML, empty, another operation's root, no result list),
 * a request that never answers, an answer that never ends, paging that never ends or repeats a
 * token, and a Region that refuses the credentials. Each must be recorded as a failed call — never
 * an empty answer, a hang, duplicated items or a lost collection.
 */
import { afterEach, describe, expect, it } from "vitest";
import { collect } from "../../src/collect/collect.js";
import type { CollectOptions } from "../../src/collect/types.js";
import { ec2Error, ec2Response } from "../collect/ec2-xml.js";
import { readWireNetwork } from "../collect/wire-network.js";
import { startWireServer, type Fault, type WireServer, type WireServerOptions } from "../collect/wire-server.js";
import { applyEnv, awsTestEnv } from "../collect/aws-env.js";

const FIXTURE = "fixtures/nat-notebook/us-east-1";

let server: WireServer | undefined;
let restoreEnv: (() => void) | undefined;

afterEach(async () => {
  restoreEnv?.();
  restoreEnv = undefined;
  await server?.close();
  server = undefined;
});

async function serve(options: Partial<WireServerOptions>, env: Record<string, string | undefined> = {}): Promise<WireServer> {
  server = await startWireServer({ networks: { "us-east-1": readWireNetwork(FIXTURE) }, ...options });
  restoreEnv = applyEnv({ ...awsTestEnv(server.url), ...env });
  return server;
}

function run(options: Partial<CollectOptions> = {}) {
  return collect({ regions: ["us-east-1"], toolVersion: "test", ...options });
}

type Doc = Record<string, unknown>;

function documents(result: Awaited<ReturnType<typeof collect>>, region = "us-east-1"): Doc[] {
  return (result.snapshot.sources.find((source) => source.region === region)?.documents ?? []) as Doc[];
}

function hasList(result: Awaited<ReturnType<typeof collect>>, key: string): boolean {
  return documents(result).some((doc) => Array.isArray(doc[key]));
}

const ok = (body: string, contentType = "text/xml;charset=UTF-8"): Fault => ({ status: 200, body, contentType });

describe("a 2xx answer that is not the API's is a failed call, never an empty list", () => {
  const cases: { name: string; action: string; key: string; fault: Fault; message: RegExp }[] = [
    {
      name: "an HTML page (a proxy's or captive portal's)",
      action: "DescribeSubnets",
      key: "Subnets",
      fault: ok("<!DOCTYPE html><html><body>Please sign in to the Wi-Fi</body></html>", "text/html"),
      message: /\(text\/html\) that is not a DescribeSubnets response: "<!DOCTYPE html>/,
    },
    { name: "an empty body", action: "DescribeRouteTables", key: "RouteTables", fault: ok(""), message: /not a DescribeRouteTables response: an empty body/ },
    {
      name: "another operation's answer",
      action: "DescribeNatGateways",
      key: "NatGateways",
      fault: ok(ec2Response("DescribeVpcs", { Vpcs: [] })),
      message: /not a DescribeNatGateways response: root element <DescribeVpcsResponse>/,
    },
    {
      name: "the right root without the result list",
      action: "DescribeInternetGateways",
      key: "InternetGateways",
      fault: ok(ec2Response("DescribeInternetGateways", {})),
      message: /page 1 of the answer has no InternetGateways list/,
    },
    {
      name: "a JSON array for a JSON service",
      action: "ListNotebookInstances",
      key: "NotebookInstances",
      fault: ok("[]", "application/x-amz-json-1.1"),
      message: /to ListNotebookInstances that is not a JSON object: "\[\]"/,
    },
    {
      name: "a JSON object without the result list",
      action: "ListNotebookInstances",
      key: "NotebookInstances",
      fault: ok("{}", "application/x-amz-json-1.1"),
      message: /page 1 of the answer has no NotebookInstances list/,
    },
  ];
  for (const { name, action, key, fault, message } of cases) {
    it(`${name} (${action})`, async () => {
      await serve({ fault: (request) => (request.action === action ? fault : undefined) });
      const result = await run();
      expect(result.snapshot.errors).toEqual([expect.objectContaining({ region: "us-east-1", operation: action, code: "UnrecognizedResponse" })]);
      expect(result.snapshot.errors[0]?.message).toMatch(message);
      expect(hasList(result, key)).toBe(false);
      expect(hasList(result, "Vpcs")).toBe(true);
    });
  }
});

describe("timeouts: nothing hangs", () => {
  it("a request that never answers times out, is retried, then recorded; the rest is collected", async () => {
    const wire = await serve({ hold: (request) => request.action === "DescribeSubnets" }, { AWS_MAX_ATTEMPTS: "2" });
    const result = await run({ requestTimeoutMs: 300 });
    expect(result.snapshot.errors).toEqual([expect.objectContaining({ operation: "DescribeSubnets", code: "TimeoutError" })]);
    expect(wire.requests.filter((request) => request.action === "DescribeSubnets")).toHaveLength(2);
    expect(hasList(result, "Subnets")).toBe(false);
    expect(hasList(result, "RouteTables")).toBe(true);
  });

  it("an answer that starts but never ends is cut off by the bound on the whole call", async () => {
    const wire = await serve({ trickle: (request) => request.action === "DescribeNatGateways" });
    // Bytes keep arriving, so no per-attempt timeout fires; only the call's overall bound ends it.
    const result = await run({ requestTimeoutMs: 5_000, callTimeoutMs: 800 });
    expect(result.snapshot.errors).toEqual([expect.objectContaining({ operation: "DescribeNatGateways", code: "CallTimeout" })]);
    expect(result.snapshot.errors[0]?.message).toMatch(/no complete answer within 0.8 s/);
    expect(wire.requests.some((request) => request.action === "DescribeNatGateways")).toBe(true);
    expect(hasList(result, "NatGateways")).toBe(false);
    expect(hasList(result, "Subnets")).toBe(true);
  });
});

describe("paging that never ends or goes round", () => {
  it("a new token on every page stops at the page bound and fails the call", async () => {
    const wire = await serve({
      fault: (request) => (request.action === "DescribeSubnets" ? ok(ec2Response("DescribeSubnets", { Subnets: [] }, `token-${request.count}`)) : undefined),
    });
    const result = await run({ maxPages: 25 });
    expect(result.snapshot.errors).toEqual([expect.objectContaining({ operation: "DescribeSubnets", code: "PaginationUnbounded" })]);
    expect(result.snapshot.errors[0]?.message).toMatch(/still a new paging token after 25 pages/);
    expect(wire.requests.filter((request) => request.action === "DescribeSubnets")).toHaveLength(25);
    expect(hasList(result, "Subnets")).toBe(false);
  });

  it("a token handed back a second time fails the call instead of listing items twice", async () => {
    const tokens = ["a", "b", "a"];
    const subnet = readWireNetwork(FIXTURE).lists.get("Subnets")?.[0];
    const wire = await serve({
      fault: (request) =>
        request.action === "DescribeSubnets" ? ok(ec2Response("DescribeSubnets", { Subnets: [subnet] }, tokens[request.count - 1] ?? "a")) : undefined,
    });
    const result = await run();
    expect(result.snapshot.errors).toEqual([expect.objectContaining({ operation: "DescribeSubnets", code: "PaginationLoop" })]);
    expect(wire.requests.filter((request) => request.action === "DescribeSubnets")).toHaveLength(3);
    expect(hasList(result, "Subnets")).toBe(false);
  });

  it("the same guard covers SageMaker's JSON paging", async () => {
    await serve({
      fault: (request) =>
        request.action === "ListDomains" ? ok(JSON.stringify({ Domains: [], NextToken: "same" }), "application/x-amz-json-1.1") : undefined,
    });
    const result = await run();
    expect(result.snapshot.errors).toEqual([expect.objectContaining({ service: "sagemaker", operation: "ListDomains", code: "PaginationLoop" })]);
  });
});

describe("a Region that refuses the credentials", () => {
  const refuse = (refused: string) => (request: { region: string; service: string }) => {
    if (request.region !== refused) return undefined;
    if (request.service === "ec2") return { status: 401, body: ec2Error("AuthFailure", "AWS was not able to validate the provided access credentials") };
    return {
      status: 400,
      contentType: "application/x-amz-json-1.1",
      body: JSON.stringify({ __type: "UnrecognizedClientException", message: "The security token included in the request is invalid." }),
    };
  };

  it("keeps what the other Regions gave, names the Region, and records its calls as failed", async () => {
    const network = readWireNetwork(FIXTURE);
    const wire = await serve({ networks: { "us-east-1": network, "ap-east-1": readWireNetwork(FIXTURE) }, fault: refuse("ap-east-1") });
    const result = await run({ regions: ["us-east-1", "ap-east-1"] });
    expect(result.refused).toEqual([expect.objectContaining({ region: "ap-east-1", code: expect.stringMatching(/^(AuthFailure|UnrecognizedClientException)$/) })]);
    expect(result.snapshot.regions).toEqual(["ap-east-1", "us-east-1"]);
    // The other Region is complete.
    expect(result.snapshot.errors.filter((error) => error.region !== "ap-east-1")).toEqual([]);
    expect(documents(result, "us-east-1").find((doc) => Array.isArray(doc.Subnets))?.Subnets).toHaveLength(network.lists.get("Subnets")?.length ?? -1);
    // Every kind of data of the refusing Region is recorded as failed, so readers answer unknown there.
    const failed = new Set(result.snapshot.errors.filter((error) => error.region === "ap-east-1").map((error) => error.operation));
    for (const operation of ["DescribeVpcs", "DescribeSubnets", "DescribeRouteTables", "DescribeSecurityGroups", "ListNotebookInstances"]) {
      expect(failed.has(operation), operation).toBe(true);
    }
    expect(documents(result, "ap-east-1")).toEqual([]);
    // The Region stopped: far fewer requests went there than to the Region that answered.
    const sentTo = (region: string) => wire.requests.filter((request) => request.region === region).length;
    expect(sentTo("ap-east-1")).toBeLessThan(sentTo("us-east-1"));
  });

  it("every Region refusing means the credentials are rejected: nothing written", async () => {
    await serve({ fault: refuse("us-east-1") });
    await expect(run()).rejects.toThrow(/AWS rejected the credentials in every Region \((AuthFailure|UnrecognizedClientException): /);
  });
});
