// End-to-end: `vpcreach cost --live-prices` through the built CLI, the SDK pointed at a loopback
// Price List API server by AWS_ENDPOINT_URL_PRICING (the SDK's own endpoint setting).
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let server: Server;
let endpoint: string;
let deny = false;

function product(usagetype: string, usd: string): string {
  return JSON.stringify({
    product: { productFamily: usagetype.includes("Nat") ? "NAT Gateway" : "VpcEndpoint", attributes: { usagetype, regionCode: "us-east-1" } },
    terms: { OnDemand: { T: { priceDimensions: { D: { unit: "Hrs", beginRange: "0", endRange: "Inf", pricePerUnit: { USD: usd } } } } } },
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      res.setHeader("content-type", "application/x-amz-json-1.1");
      if (deny) {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: "AccessDeniedException", Message: "not authorized" }));
        return;
      }
      const { ServiceCode } = JSON.parse(body) as { ServiceCode: string };
      const list = ServiceCode === "AmazonEC2"
        ? [product("NatGateway-Hours", "0.0500000000"), product("NatGateway-Bytes", "0.0500000000")]
        : [product("USE1-VpcEndpoint-Hours", "0.0100000000")];
      res.end(JSON.stringify({ FormatVersion: "aws_v1", PriceList: list }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function vpcreach(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  // The user's own setting of the SDK's Node-version notice is left out: vpcreach must silence it itself.
  const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _notice, ...inherited } = process.env;
  return new Promise((resolve) => {
    const child = spawn("node", ["dist/cli/vpcreach.js", ...args], {
      env: {
        ...inherited,
        AWS_ENDPOINT_URL_PRICING: endpoint,
        AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY: "secret",
        AWS_PROFILE: "",
        AWS_CONFIG_FILE: "/nonexistent",
        AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("vpcreach cost --live-prices", () => {
  it("prices with the Price List API's figures, marked as live", async () => {
    deny = false;
    const { status, stdout, stderr } = await vpcreach("cost", "--snapshot", "fixtures/nat-notebook", "--live-prices", "--no-alternatives");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toContain("overlaid with live Price List API figures");
    // $0.05 × 730 = $36.50 instead of the table's $32.85
    expect(stdout).toMatch(/nat-065506c9f029b5ad7 .*\$0\.05\s+\$36\.50/);
  });

  it("exits 2 with the API's error when the call is denied", async () => {
    deny = true;
    const { status, stderr } = await vpcreach("cost", "--snapshot", "fixtures/nat-notebook", "--live-prices");
    expect(status).toBe(2);
    expect(stderr).toMatch(/^vpcreach: [^\n]*GetProducts\(AmazonEC2\) failed: AccessDeniedException: not authorized[^\n]*\n$/);
  });
});
