/**
 * Test helper: a loopback AWS endpoint (node:http on 127.0.0.1, random port) speaking the EC2 and STS
 * Query protocols (form-encoded POST, XML responses, `NextToken` paging), the SageMaker and
 * Organizations JSON 1.1 protocols (`X-Amz-Target`), Route 53's REST-XML protocol, and IAM (Query)
 * and S3 (REST-XML, path style) for the identity data (wire-identity.ts), answering
 * from a `WireNetwork` per Region — per account when the request is signed with a role assumed
 * through it (`AssumeRole` hands out the access key `ASIA<account>`) — with injectable faults: any
 * answer, no answer, or an answer that never ends. The real SDK clients reach it through
 * `AWS_ENDPOINT_URL`; the service is read from the request's SigV4 credential scope.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ec2Error, ec2Response } from "./ec2-xml.js";
import { emptyNetwork, type WireNetwork } from "./wire-network.js";
import { answerIam, answerOrganizationPolicies, answerS3, type Answer, type WireIdentity, type WireOrganization } from "./wire-identity.js";

export type WireService = "ec2" | "sagemaker" | "route53" | "sts" | "organizations" | "iam" | "s3";

export interface WireRequest {
  service: WireService;
  action: string;
  /** The account a role was assumed in (from the access key), or undefined for the caller's own. */
  account: string | undefined;
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

/** A Route 53 hosted zone: the get-hosted-zone output and its records. */
export interface WireHostedZone {
  /** `{ Id: "/hostedzone/Z…", Name, CallerReference, Config: { PrivateZone } }` */
  HostedZone: Record<string, unknown>;
  VPCs: { VPCRegion: string; VPCId: string }[];
  ResourceRecordSets: Record<string, unknown>[];
}

/** What one account holds. */
export interface WireAccount {
  networks: Record<string, WireNetwork>;
  hostedZones?: WireHostedZone[];
  /** IAM roles and policies, S3 buckets and their policies; undefined: none. */
  identity?: WireIdentity;
}

export interface WireServerOptions {
  /** The caller's own account: the network per Region; Regions not listed are empty. */
  networks: Record<string, WireNetwork>;
  /** The caller's own hosted zones. */
  hostedZones?: WireHostedZone[];
  /** The caller's own IAM and S3 data; undefined: no roles, no buckets. */
  identity?: WireIdentity;
  /** The Organization's policies and tree; undefined with `organization` set: an Organization with none. */
  organizationPolicies?: WireOrganization;
  /** Other accounts, by id: a role can be assumed in each one listed (AssumeRole is denied for others). */
  accounts?: Record<string, WireAccount>;
  /** The Organization's account ids (ListAccounts); undefined: the caller is not in an Organization. */
  organization?: string[];
  /** Items per page for every paged call (forces paging). */
  pageSize?: number;
  /** Return a fault to answer a request with it instead. */
  fault?: (request: WireRequest) => Fault | undefined;
  /** Return true to never answer a request (until the server closes), e.g. to interrupt mid-collection. */
  hold?: (request: WireRequest) => boolean;
  /** Return true to answer 200 and then send the body one byte at a time, without end. */
  trickle?: (request: WireRequest) => boolean;
  /** Milliseconds every answer waits before it is sent, as a distant endpoint would (benchmarks). */
  latencyMs?: number;
}

export interface WireServer {
  url: string;
  requests: WireRequest[];
  close(): Promise<void>;
}

/** EC2 paged list actions: action → the output list key and where the items come from. */
const EC2_LISTS: Record<string, string> = {
  DescribeVpcs: "Vpcs",
  DescribeDhcpOptions: "DhcpOptions",
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
  DescribeTransitGatewayVpcAttachments: "TransitGatewayVpcAttachments",
  DescribeTransitGatewayRouteTables: "TransitGatewayRouteTables",
  DescribeVpcBlockPublicAccessExclusions: "VpcBlockPublicAccessExclusions",
};

/** EC2 per-route-table actions: action → the output list key, also the key in `transitGatewayRouteTables`. */
const TGW_TABLE_LISTS: Record<string, string> = {
  SearchTransitGatewayRoutes: "Routes",
  GetTransitGatewayRouteTableAssociations: "Associations",
  GetTransitGatewayRouteTablePropagations: "TransitGatewayRouteTablePropagations",
};

/** SageMaker list actions beyond notebooks and domains: list → its key, the describe action and the id fields. */
const SAGEMAKER_LISTS: Record<string, { key: string; describe: string; ids: string[] }> = {
  ListUserProfiles: { key: "UserProfiles", describe: "DescribeUserProfile", ids: ["DomainId", "UserProfileName"] },
  ListSpaces: { key: "Spaces", describe: "DescribeSpace", ids: ["DomainId", "SpaceName"] },
  ListTrainingJobs: { key: "TrainingJobSummaries", describe: "DescribeTrainingJob", ids: ["TrainingJobName"] },
  ListProcessingJobs: { key: "ProcessingJobSummaries", describe: "DescribeProcessingJob", ids: ["ProcessingJobName"] },
  ListHyperParameterTuningJobs: { key: "HyperParameterTuningJobSummaries", describe: "DescribeHyperParameterTuningJob", ids: ["HyperParameterTuningJobName"] },
  ListModels: { key: "Models", describe: "DescribeModel", ids: ["ModelName"] },
  ListEndpointConfigs: { key: "EndpointConfigs", describe: "DescribeEndpointConfig", ids: ["EndpointConfigName"] },
  ListEndpoints: { key: "Endpoints", describe: "DescribeEndpoint", ids: ["EndpointName"] },
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

/** Access key, Region and service from the SigV4 `Authorization` header's credential scope. */
function scopeOf(request: IncomingMessage): { accessKey: string; region: string; service: string } {
  const match = /Credential=([^/]+)\/\d+\/([^/]+)\/([^/]+)\//.exec(String(request.headers.authorization ?? ""));
  return { accessKey: match?.[1] ?? "", region: match?.[2] ?? "unknown", service: match?.[3] ?? "unknown" };
}

/** An assumed role's access key names its account: `ASIA` + the 12-digit id. */
function accountOfKey(accessKey: string): string | undefined {
  return /^ASIA(\d{12})$/.exec(accessKey)?.[1];
}

/** The operation and parameters of a request, by protocol. */
function operationOf(service: WireService, request: IncomingMessage, raw: string): { action: string; params: Record<string, unknown> } {
  if (service === "s3") {
    const url = new URL(request.url ?? "/", "http://localhost");
    const bucket = decodeURIComponent(url.pathname.replace(/^\//, "").split("/")[0] ?? "");
    return { action: bucket === "" ? "ListBuckets" : "GetBucketPolicy", params: { ...Object.fromEntries(url.searchParams), ...(bucket ? { Bucket: bucket } : {}) } };
  }
  if (service === "ec2" || service === "sts" || service === "iam") {
    const params: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
    return { action: String(params.Action), params };
  }
  if (service === "route53") {
    const url = new URL(request.url ?? "/", "http://localhost");
    const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const path = url.pathname.replace(/^\/2013-04-01\//, "").split("/");
    if (path[0] === "hostedzone" && path.length === 1) return { action: "ListHostedZones", params };
    if (path[0] === "hostedzone" && path[2] === "rrset") return { action: "ListResourceRecordSets", params: { ...params, Id: path[1] } };
    if (path[0] === "hostedzone" && path.length === 2) return { action: "GetHostedZone", params: { ...params, Id: path[1] } };
    return { action: url.pathname, params };
  }
  const target = String(request.headers["x-amz-target"] ?? "");
  return { action: target.replace(/^[^.]*\./, ""), params: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} };
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
  const trickling = new Set<ReturnType<typeof setInterval>>();
  const server: Server = createServer((request, response) => {
    void (async () => {
      const raw = await readBody(request);
      const scope = scopeOf(request);
      const service = scope.service as WireService;
      const { action, params } = operationOf(service, request, raw);
      const count = (counts.get(action) ?? 0) + 1;
      counts.set(action, count);
      const account = accountOfKey(scope.accessKey);
      const wireRequest: WireRequest = { service, action, account, region: scope.region, params, count };
      requests.push(wireRequest);
      if (options.hold?.(wireRequest)) return;
      if (options.trickle?.(wireRequest)) {
        response.writeHead(200, { "content-type": "text/xml;charset=UTF-8" });
        response.write(`<${action}Response>`);
        const timer = setInterval(() => response.write(" "), 20);
        trickling.add(timer);
        response.on("close", () => clearInterval(timer));
        return;
      }
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      const fault = options.fault?.(wireRequest);
      if (fault) return send(response, fault.status, fault.contentType ?? "text/xml;charset=UTF-8", fault.body);
      const holder: WireAccount | undefined =
        account === undefined ? { networks: options.networks, hostedZones: options.hostedZones ?? [], ...(options.identity ? { identity: options.identity } : {}) } : options.accounts?.[account];
      if (!holder) return send(response, 403, "text/xml", ec2Error("AuthFailure", "AWS was not able to validate the provided access credentials"));
      const network = holder.networks[wireRequest.region] ?? emptyNetwork();
      switch (service) {
        case "ec2":
          return answerEc2(response, wireRequest, network, pageSize, Object.keys(holder.networks));
        case "sagemaker":
          return answerSageMaker(response, wireRequest, network, pageSize);
        case "route53":
          return answerRoute53(response, wireRequest, holder.hostedZones ?? [], pageSize);
        case "sts":
          return answerSts(response, wireRequest, options.accounts ?? {});
        case "organizations":
          return answerOrganizations(response, wireRequest, options, pageSize);
        case "iam":
          return reply(response, answerIam(holder.identity ?? NO_IDENTITY, params, pageSize));
        case "s3":
          return reply(response, answerS3(holder.identity ?? NO_IDENTITY, new URL(request.url ?? "/", "http://localhost"), pageSize));
        default:
          return send(response, 400, "text/plain", `unknown service ${String(service)}`);
      }
    })().catch((error: unknown) => send(response, 500, "text/plain", String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const timer of trickling) clearInterval(timer);
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
    case "DescribeVpcBlockPublicAccessOptions":
      return xml({ VpcBlockPublicAccessOptions: network.blockPublicAccessOptions ?? { AwsRegion: request.region, InternetGatewayBlockMode: "off", State: "default-state" } });
    case "SearchTransitGatewayRoutes":
    case "GetTransitGatewayRouteTableAssociations":
    case "GetTransitGatewayRouteTablePropagations": {
      const key = TGW_TABLE_LISTS[action] ?? "";
      const table = network.transitGatewayRouteTables.get(String(params.TransitGatewayRouteTableId));
      const { items, next } = page(table?.[key] ?? [], params, pageSize);
      return xml(action === "SearchTransitGatewayRoutes" ? { [key]: items, AdditionalRoutesAvailable: next !== undefined } : { [key]: items }, next);
    }
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
    default: {
      const list = SAGEMAKER_LISTS[action];
      if (list) {
        const summaries = (network.sagemaker.get(list.describe) ?? []).map((item) => Object.fromEntries(list.ids.map((id) => [id, item[id]])));
        const { items, next } = page(summaries, params, pageSize);
        return json({ [list.key]: items, ...(next ? { NextToken: next } : {}) });
      }
      const described = Object.values(SAGEMAKER_LISTS).find((candidate) => candidate.describe === action);
      if (described) {
        const item = (network.sagemaker.get(action) ?? []).find((candidate) => described.ids.every((id) => candidate[id] === params[id]));
        return item ? json(item) : notFound(`${action}: not found`);
      }
      return send(response, 400, "application/x-amz-json-1.1", JSON.stringify({ __type: "UnknownOperationException", message: action }));
    }
  }
}

/** Route 53 REST-XML: elements are the member names; list items take their shape's name. */
const ROUTE53_ITEMS: Record<string, string> = {
  HostedZones: "HostedZone",
  VPCs: "VPC",
  ResourceRecordSets: "ResourceRecordSet",
  ResourceRecords: "ResourceRecord",
};

function route53Xml(key: string, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return `<${key}>${value.map((item) => route53Xml(ROUTE53_ITEMS[key] ?? "member", item)).join("")}</${key}>`;
  if (typeof value === "object") return `<${key}>${Object.entries(value).map(([member, inner]) => route53Xml(member, inner)).join("")}</${key}>`;
  return `<${key}>${String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;")}</${key}>`;
}

function answerRoute53(response: ServerResponse, request: WireRequest, zones: WireHostedZone[], pageSize: number): void {
  const { action, params } = request;
  const xml = (members: Record<string, unknown>) =>
    send(
      response,
      200,
      "text/xml",
      `<?xml version="1.0"?>\n<${action}Response xmlns="https://route53.amazonaws.com/doc/2013-04-01/">` +
        `${Object.entries(members).map(([key, value]) => route53Xml(key, value)).join("")}</${action}Response>`,
    );
  const zone = zones.find((candidate) => String(candidate.HostedZone.Id).endsWith(`/${String(params.Id)}`));
  const size = Math.min(pageSize, Number(params.maxitems) || Infinity);
  switch (action) {
    case "ListHostedZones": {
      const start = params.marker ? zones.findIndex((candidate) => candidate.HostedZone.Id === `/hostedzone/${String(params.marker)}`) : 0;
      const slice = zones.slice(start, start + size);
      const following = zones[start + size];
      const next = following ? { NextMarker: String(following.HostedZone.Id).replace("/hostedzone/", "") } : {};
      return xml({ HostedZones: slice.map((candidate) => candidate.HostedZone), IsTruncated: following !== undefined, ...next, MaxItems: size });
    }
    case "GetHostedZone":
      if (!zone) break;
      return xml({ HostedZone: zone.HostedZone, VPCs: zone.VPCs });
    case "ListResourceRecordSets": {
      if (!zone) break;
      const records = zone.ResourceRecordSets;
      const start = params.name ? records.findIndex((record) => record.Name === params.name && record.Type === params.type) : 0;
      const following = records[start + size];
      const next = following ? { NextRecordName: following.Name, NextRecordType: following.Type } : {};
      return xml({ ResourceRecordSets: records.slice(start, start + size), IsTruncated: following !== undefined, ...next, MaxItems: size });
    }
  }
  const body = `<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchHostedZone</Code><Message>No hosted zone ${String(params.Id)}</Message></Error></ErrorResponse>`;
  return send(response, 404, "text/xml", body);
}

function answerSts(response: ServerResponse, request: WireRequest, accounts: Record<string, WireAccount>): void {
  const account = /^arn:aws:iam::(\d{12}):role\//.exec(String(request.params.RoleArn))?.[1];
  if (request.action !== "AssumeRole" || account === undefined || !(account in accounts)) {
    const body = `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform: sts:AssumeRole on resource: ${String(request.params.RoleArn)}</Message></Error><RequestId>1</RequestId></ErrorResponse>`;
    return send(response, 403, "text/xml", body);
  }
  const credentials =
    `<Credentials><AccessKeyId>ASIA${account}</AccessKeyId><SecretAccessKey>assumed-secret</SecretAccessKey>` +
    `<SessionToken>assumed-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>`;
  const user = `<AssumedRoleUser><AssumedRoleId>AROA:vpcreach-collect</AssumedRoleId><Arn>arn:aws:sts::${account}:assumed-role/r/vpcreach-collect</Arn></AssumedRoleUser>`;
  return send(
    response,
    200,
    "text/xml",
    `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>${credentials}${user}</AssumeRoleResult>` +
      "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>",
  );
}

/** An account with no roles and no buckets. */
const NO_IDENTITY: WireIdentity = { authorizationDetails: { RoleDetailList: [], Policies: [] }, buckets: {} };

function reply(response: ServerResponse, answer: Answer): void {
  send(response, answer.status, answer.contentType, answer.body);
}

function answerOrganizations(response: ServerResponse, request: WireRequest, options: WireServerOptions, pageSize: number): void {
  const type = "application/x-amz-json-1.1";
  const organization = options.organization;
  if (request.action !== "ListAccounts" && (options.organizationPolicies || organization)) {
    const policies = options.organizationPolicies ?? { organization: { Id: "o-1", FeatureSet: "ALL" }, roots: [{ Id: "r-0000", Name: "Root" }], policies: [], targets: {}, parents: {} };
    return reply(response, answerOrganizationPolicies(policies, request.action, request.params, pageSize));
  }
  if (request.action !== "ListAccounts" || organization === undefined) {
    return send(response, 400, type, JSON.stringify({ __type: "AWSOrganizationsNotInUseException", message: "Your account is not a member of an organization." }));
  }
  const accounts = organization.map((id) => ({ Id: id, Arn: `arn:aws:organizations::111122223333:account/o-1/${id}`, Name: `account-${id}`, Status: "ACTIVE" }));
  const { items, next } = page(accounts, request.params, pageSize);
  return send(response, 200, type, JSON.stringify({ Accounts: items, ...(next ? { NextToken: next } : {}) }));
}
