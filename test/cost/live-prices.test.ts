// --live-prices on the wire: the real Pricing SDK client against a loopback server speaking the
// Price List API's JSON 1.1 protocol (X-Amz-Target: AWSPriceListService.GetProducts, PriceList
// entries as JSON strings), with paging and a denied call.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyLivePrices, fetchLivePrices } from "../../src/cost/live-prices.js";
import { loadBundledPriceTable } from "../../src/cost/price-table.js";
import { InputError } from "../../src/model/errors.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

interface Recorded {
  target: string | undefined;
  contentType: string | undefined;
  body: { ServiceCode: string; Filters: { Type: string; Field: string; Value: string }[]; NextToken?: string };
}

function product(family: string, usagetype: string, dimensions: { begin: string; end: string; usd: string }[], extra: Record<string, string> = {}): string {
  const priceDimensions = Object.fromEntries(
    dimensions.map((d, i) => [`SKU.TERM.DIM${i}`, { unit: usagetype.endsWith("Hours") ? "Hrs" : "GB", beginRange: d.begin, endRange: d.end, pricePerUnit: { USD: d.usd } }]),
  );
  return JSON.stringify({
    product: { productFamily: family, sku: `SKU-${usagetype}`, attributes: { usagetype, regionCode: "us-east-1", ...extra } },
    serviceCode: family === "NAT Gateway" ? "AmazonEC2" : "AmazonVPC",
    terms: { OnDemand: { "SKU.TERM": { priceDimensions } } },
  });
}

const flat = (usd: string) => [{ begin: "0", end: "Inf", usd }];
let server: Server;
let endpoint: string;
const requests: Recorded[] = [];
let deny = false;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as Recorded["body"];
    requests.push({ target: req.headers["x-amz-target"] as string | undefined, contentType: req.headers["content-type"], body });
    res.setHeader("content-type", "application/x-amz-json-1.1");
    if (deny) {
      res.statusCode = 400;
      res.end(JSON.stringify({ __type: "AccessDeniedException", Message: "User is not authorized to perform: pricing:GetProducts" }));
      return;
    }
    let answer: { FormatVersion: string; PriceList: string[]; NextToken?: string };
    if (body.ServiceCode === "AmazonEC2" && !body.NextToken) {
      // The regional SKU comes first: a prefix-free suffix match would take its price.
      answer = {
        FormatVersion: "aws_v1",
        PriceList: [product("NAT Gateway", "RegionalNatGateway-Hours", flat("0.0700000000")), product("NAT Gateway", "NatGateway-Hours", flat("0.0450000000"))],
        NextToken: "page-2",
      };
    } else if (body.ServiceCode === "AmazonEC2") {
      answer = { FormatVersion: "aws_v1", PriceList: [product("NAT Gateway", "NatGateway-Bytes", flat("0.0450000000"))] };
    } else {
      answer = {
        FormatVersion: "aws_v1",
        PriceList: [
          product("VpcEndpoint", "USE1-VpcEndpoint-Hours", flat("0.0100000000"), { endpointType: "PrivateLink" }),
          product("VpcEndpoint", "USE1-VpcEndpoint-Bytes", [
            { begin: "5242880", end: "Inf", usd: "0.0040000000" },
            { begin: "0", end: "1048576", usd: "0.0100000000" },
            { begin: "1048576", end: "5242880", usd: "0.0060000000" },
          ], { endpointType: "PrivateLink" }),
        ],
      };
    }
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

describe("fetchLivePrices", () => {
  it("pages through GetProducts and anchors usage types (RegionalNatGateway-Hours is not NatGateway-Hours)", async () => {
    deny = false;
    requests.length = 0;
    const live = await fetchLivePrices("us-east-1", { ec2: "", vpc: "USE1-" }, { endpoint, credentials });
    expect(live).toEqual({
      region: "us-east-1",
      natGatewayHourly: 0.045,
      natGatewayPerGb: 0.045,
      regionalNatGatewayHourly: 0.07,
      interfaceEndpointHourly: 0.01,
      interfaceEndpointPerGb: [
        { upToGb: 1048576, usdPerGb: 0.01 },
        { upToGb: 5242880, usdPerGb: 0.006 },
        { upToGb: null, usdPerGb: 0.004 },
      ],
    });
    expect(requests.map((r) => [r.target, r.body.ServiceCode, r.body.NextToken])).toEqual([
      ["AWSPriceListService.GetProducts", "AmazonEC2", undefined],
      ["AWSPriceListService.GetProducts", "AmazonEC2", "page-2"],
      ["AWSPriceListService.GetProducts", "AmazonVPC", undefined],
    ]);
    expect(requests[0]!.contentType).toBe("application/x-amz-json-1.1");
    expect(requests[0]!.body.Filters).toEqual([
      { Type: "TERM_MATCH", Field: "productFamily", Value: "NAT Gateway" },
      { Type: "TERM_MATCH", Field: "regionCode", Value: "us-east-1" },
    ]);
    expect(requests[2]!.body.Filters[0]).toEqual({ Type: "TERM_MATCH", Field: "productFamily", Value: "VpcEndpoint" });
  });

  it("overlays the figures on the table, marked live", async () => {
    deny = false;
    const table = loadBundledPriceTable();
    const live = await fetchLivePrices("us-east-1", table.regions["us-east-1"]!.usageTypePrefix, { endpoint, credentials });
    const merged = applyLivePrices(table, [live], "2026-11-28T12:00:00.000Z");
    expect(merged.regions["us-east-1"]!.natGatewayHourly).toEqual({ value: 0.045, confidence: "live", sources: ["live"] });
    expect(merged.regions["us-east-1"]!.regionalNatGatewayHourly!.value).toBe(0.07);
    expect(merged.regions["us-east-1"]!.internetOutPerGb).toEqual(table.regions["us-east-1"]!.internetOutPerGb);
    expect(merged.liveAt).toBe("2026-11-28T12:00:00.000Z");
  });

  it("turns a denied call into an InputError naming the API and the error", async () => {
    deny = true;
    const error = await fetchLivePrices("us-east-1", undefined, { endpoint, credentials }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/GetProducts\(AmazonEC2\) failed: AccessDeniedException: User is not authorized/);
  });
});
