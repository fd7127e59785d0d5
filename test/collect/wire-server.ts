/**
 * Test helper: a loopback AWS endpoint (node:http on 127.0.0.1, random port) speaking the EC2 Query
 * protocol (form-encoded POST, XML responses, `NextToken` paging) and the SageMaker JSON 1.1
 * protocol (`X-Amz-Target: SageMaker.<Operation>`), answering from a `WireNetwork` per Region, with
 * injectable faults. The real SDK clients reach it through `AWS_ENDPOINT_URL`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ec2Error, ec2Response } from "./ec2-xml.js";
import { emptyNetwork, type WireNetwork } from "./wire-network.js";

export interface WireRequest {
  service: "ec2" | "sagemaker";
  action: string;
  /** From the SigV4 credential scope. */
  region: string;
  params: Record<string, unknown>;
  /** 1-based count of requests for this action so far (this one included). */
  count: number;
}

export interface Fault {
  status: number;
  body: string;
  contentType?: string;
}

export interface WireServerOptions {
  /** The network per Region; Regions not listed are empty. */
  networks: Record<string, WireNetwork>;
  /** Items per page for every paged call (forces paging). */
  pageSize?: number;
  /** Return a fault to answer a request with it instead. */
  fault?: (request: WireRequest) => Fault | undefined;
  /** Return true to never answer a request (until the server closes), e.g. to interrupt mid-collection. */
  hold?: (request: WireRequest) => boolean;
}

export interface WireServer {
  url: string;
  requests: WireRequest[];
  close(): Promise<void>;
}

/** EC2 paged list actions: action → the output list key and where the items come from. */
const EC2_LISTS: Record<string, string> = {
  DescribeVpcs: "Vpcs",
  DescribeSubnets: "Subnets",
  DescribeRouteTables: "RouteTables",
  DescribeInternetGateways: "InternetGateways",
  DescribeEgressOnlyInternetGateways: "EgressOnlyInternetGateways",
  DescribeNatGateways: "NatGateways",
  DescribeVpcEndpoints: "VpcEndpoints",
  DescribeSecurityGroups: "SecurityGroups",
  DescribeNetworkAcls: "NetworkAcls",
  DescribeNetworkInterfaces: "NetworkInterfaces",
  DescribePrefixLists: "PrefixLists",
  DescribeInstances: "Reservations",
  DescribeVpcPeeringConnections: "VpcPeeringConnections",
  DescribeTransitGateways: "TransitGateways",
  DescribeTransitGatewayAttachments: "TransitGatewayAttachments",
};

/** EC2 throttling, as AWS sends it. */
export const THROTTLED: Fault = { status: 503, body: ec2Error("RequestLimitExceeded", "Request limit exceeded.") };

/** EC2 permission denied, as AWS sends it. */
export function denied(action: string): Fault {
  return { status: 403, body: ec2Error("UnauthorizedOperation", `You are not authorized to perform this operation. (ec2:${action})`) };
}

/** SageMaker permission denied (JSON 1.1 error). */
export function sageMakerDenied(action: string): Fault {
  return {
    status: 400,
    contentType: "application/x-amz-json-1.1",
    body: JSON.stringify({ __type: "AccessDeniedException", message: `not authorized to perform: sagemaker:${action}` }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function regionOf(request: IncomingMessage): string {
  const match = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(String(request.headers.authorization ?? ""));
  return match?.[1] ?? "unknown";
}

/** One page of `items` starting at the offset in `token`, at most `size` (and `MaxResults`) long. */
function page<T>(items: readonly T[], params: Record<string, unknown>, serverSize: number): { items: T[]; next: string | undefined } {
  const token = params.NextToken;
  const size = Math.min(serverSize, Number(params.MaxResults) || Infinity);
  const start = typeof token === "string" && token !== "" ? Number(token.replace("page-", "")) : 0;
  const end = start + size;
  return { items: items.slice(start, end), next: end < items.length ? `page-${end}` : undefined };
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** JSON 1.1 sends timestamps as epoch seconds; fixtures hold them as ISO strings. */
function epochTimestamps(value: unknown): unknown {
  if (typeof value === "string" && ISO_TIME.test(value)) return Date.parse(value) / 1000;
  if (Array.isArray(value)) return value.map(epochTimestamps);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, epochTimestamps(member)]));
  }
  return value;
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
  response.end(body);
}

/**
 * Starts the server.
 *
 * @param options - networks per Region, page size, fault injection
 */
export async function startWireServer(options: WireServerOptions): Promise<WireServer> {
  const requests: WireRequest[] = [];
  const counts = new Map<string, number>();
  const pageSize = options.pageSize ?? 1000;
  const server: Server = createServer((request, response) => {
    void (async () => {
      const raw = await readBody(request);
      const target = request.headers["x-amz-target"];
      const service = typeof target === "string" ? "sagemaker" : "ec2";
      const params: Record<string, unknown> =
        service === "ec2" ? Object.fromEntries(new URLSearchParams(raw)) : raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const action = service === "ec2" ? String(params.Action) : String(target).replace(/^SageMaker\./, "");
      const count = (counts.get(action) ?? 0) + 1;
      counts.set(action, count);
      const wireRequest: WireRequest = { service, action, region: regionOf(request), params, count };
      requests.push(wireRequest);
      if (options.hold?.(wireRequest)) return;
      const fault = options.fault?.(wireRequest);
      if (fault) return send(response, fault.status, fault.contentType ?? "text/xml;charset=UTF-8", fault.body);
      const network = options.networks[wireRequest.region] ?? emptyNetwork();
      if (service === "ec2") answerEc2(response, wireRequest, network, pageSize, Object.keys(options.networks));
      else answerSageMaker(response, wireRequest, network, pageSize);
    })().catch((error: unknown) => send(response, 500, "text/plain", String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function answerEc2(response: ServerResponse, request: WireRequest, network: WireNetwork, pageSize: number, regions: string[]): void {
  const { action, params } = request;
  const xml = (output: Record<string, unknown>, next?: string) => send(response, 200, "text/xml;charset=UTF-8", ec2Response(action, output, next));
  const listKey = EC2_LISTS[action];
  if (listKey) {
    const { items, next } = page(network.lists.get(listKey) ?? [], params, pageSize);
    return xml({ [listKey]: items }, next);
  }
  switch (action) {
    case "DescribeManagedPrefixLists": {
      const { items, next } = page(network.managedPrefixLists, params, pageSize);
      return xml({ PrefixLists: items }, next);
    }
    case "GetManagedPrefixListEntries": {
      const entries = network.prefixListEntries.get(String(params.PrefixListId)) ?? [];
      const { items, next } = page(entries, params, pageSize);
      return xml({ Entries: items }, next);
    }
    case "DescribeAddresses":
      return xml({ Addresses: network.lists.get("Addresses") ?? [] });
    case "DescribeVpcAttribute": {
      const vpcId = String(params.VpcId);
      const name = String(params.Attribute) === "enableDnsHostnames" ? "EnableDnsHostnames" : "EnableDnsSupport";
      // AWS's defaults for a VPC the fixture says nothing about: DNS support on, hostnames off.
      const value = network.vpcAttributes.get(vpcId)?.[name] ?? name === "EnableDnsSupport";
      return xml({ VpcId: vpcId, [name]: { Value: value } });
    }
    case "DescribeRegions":
      return xml({ Regions: regions.map((region) => ({ RegionName: region, Endpoint: `ec2.${region}.amazonaws.com`, OptInStatus: "opt-in-not-required" })) });
    default:
      return send(response, 400, "text/xml", ec2Error("InvalidAction", `The action ${action} is not valid for this web service.`));
  }
}

function answerSageMaker(response: ServerResponse, request: WireRequest, network: WireNetwork, pageSize: number): void {
  const json = (body: unknown) => send(response, 200, "application/x-amz-json-1.1", JSON.stringify(epochTimestamps(body)));
  const notFound = (message: string) =>
    send(response, 400, "application/x-amz-json-1.1", JSON.stringify({ __type: "ValidationException", message }));
  const { action, params } = request;
  switch (action) {
    case "ListNotebookInstances": {
      const summaries = network.notebooks.map((notebook) => ({
        NotebookInstanceName: notebook.NotebookInstanceName,
        NotebookInstanceArn: notebook.NotebookInstanceArn,
        NotebookInstanceStatus: notebook.NotebookInstanceStatus,
        InstanceType: notebook.InstanceType,
        CreationTime: notebook.CreationTime,
      }));
      const { items, next } = page(summaries, params, pageSize);
      return json({ NotebookInstances: items, ...(next ? { NextToken: next } : {}) });
    }
    case "DescribeNotebookInstance": {
      const notebook = network.notebooks.find((candidate) => candidate.NotebookInstanceName === params.NotebookInstanceName);
      return notebook ? json(notebook) : notFound("RecordNotFound");
    }
    case "ListDomains": {
      const summaries = network.domains.map((domain) => ({ DomainId: domain.DomainId, DomainArn: domain.DomainArn, DomainName: domain.DomainName, Status: domain.Status }));
      const { items, next } = page(summaries, params, pageSize);
      return json({ Domains: items, ...(next ? { NextToken: next } : {}) });
    }
    case "DescribeDomain": {
      const domain = network.domains.find((candidate) => candidate.DomainId === params.DomainId);
      return domain ? json(domain) : notFound("Domain not found");
    }
    default:
      return send(response, 400, "application/x-amz-json-1.1", JSON.stringify({ __type: "UnknownOperationException", message: action }));
  }
}
