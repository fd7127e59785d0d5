/**
 * What the collector reads from EC2 in one Region, as tasks: one per resource type, each a paged
 * describe call (every page merged), some followed by per-resource calls — DescribeVpcAttribute for
 * both DNS attributes of each VPC, GetManagedPrefixListEntries for each managed prefix list, and for
 * each transit gateway route table its routes (SearchTransitGatewayRoutes), associations and
 * propagations. API reference: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/OperationList-query-ec2.html
 */
import type { Ec2Operation } from "./policy.js";
import {
  guarded,
  nextToken,
  readAllPages,
  readOne,
  recordFailure,
  sendOperation,
  type CallContext,
  type Document,
  type LayoutFile,
  type RegionContext,
  type RequestOptions,
} from "./call.js";

/** One resource type's work in one scope. */
export interface Task<Context extends CallContext = RegionContext> {
  /** For progress, e.g. `route tables`. */
  label: string;
  /**
   * The documents it produced, the global files (identity data, stored under their folder-layout
   * names), and how many resources they hold (undefined when the call failed).
   */
  run(ctx: Context): Promise<{ documents: Document[]; files?: LayoutFile[]; items: number | undefined }>;
}

/**
 * Items per page (`MaxResults`). AWS advises paged requests (unpaged ones may time out or fail on large
 * accounts); 100 is within every one of these calls' allowed range (the tightest is 5–100).
 */
export const PAGE_SIZE = 100;

/** The input of one page of a `NextToken`-paged call. */
export interface PageInput {
  MaxResults: number;
  NextToken?: string | undefined;
}

interface ListSpec {
  label: string;
  /** The API operation; its SDK command is `<operation>Command`. */
  operation: Ec2Operation;
  /** The output's key, e.g. `Vpcs`. */
  key: string;
  /** True for an unpaged call (DescribeAddresses, the account's Block Public Access options). */
  single?: boolean;
  /** Per-resource calls made after the list call succeeded. */
  followUp?: (ctx: RegionContext, list: Document) => Promise<Document[]>;
}

/**
 * The paging of a `NextToken`-paged call, `PAGE_SIZE` items a page.
 *
 * @param key - the list key of every page
 * @param send - sends one page
 */
export function tokenPaging(key: string, send: (input: PageInput, options: RequestOptions) => Promise<object>) {
  return {
    key,
    fetch: (cursor: { NextToken: string } | undefined, options: RequestOptions) => send({ MaxResults: PAGE_SIZE, ...cursor }, options),
    next: nextToken,
  };
}

/** Sends one EC2 request by operation name. */
function sendEc2(ctx: RegionContext, operation: Ec2Operation, input: object, options: RequestOptions): Promise<object> {
  return sendOperation(ctx.ec2, ctx.sdk.ec2, operation, input, options);
}

const LISTS: readonly ListSpec[] = [
  { label: "VPCs", operation: "DescribeVpcs", key: "Vpcs", followUp: vpcAttributes },
  { label: "DHCP option sets", operation: "DescribeDhcpOptions", key: "DhcpOptions" },
  { label: "subnets", operation: "DescribeSubnets", key: "Subnets" },
  { label: "route tables", operation: "DescribeRouteTables", key: "RouteTables" },
  { label: "internet gateways", operation: "DescribeInternetGateways", key: "InternetGateways" },
  { label: "egress-only internet gateways", operation: "DescribeEgressOnlyInternetGateways", key: "EgressOnlyInternetGateways" },
  { label: "NAT gateways", operation: "DescribeNatGateways", key: "NatGateways" },
  { label: "VPC endpoints", operation: "DescribeVpcEndpoints", key: "VpcEndpoints" },
  { label: "security groups", operation: "DescribeSecurityGroups", key: "SecurityGroups" },
  { label: "network ACLs", operation: "DescribeNetworkAcls", key: "NetworkAcls" },
  { label: "network interfaces", operation: "DescribeNetworkInterfaces", key: "NetworkInterfaces" },
  { label: "AWS prefix lists", operation: "DescribePrefixLists", key: "PrefixLists" },
  { label: "managed prefix lists", operation: "DescribeManagedPrefixLists", key: "PrefixLists", followUp: prefixListEntries },
  { label: "Elastic IPs", operation: "DescribeAddresses", key: "Addresses", single: true },
  { label: "instances", operation: "DescribeInstances", key: "Reservations" },
  { label: "VPC peering connections", operation: "DescribeVpcPeeringConnections", key: "VpcPeeringConnections" },
  { label: "transit gateways", operation: "DescribeTransitGateways", key: "TransitGateways" },
  { label: "transit gateway attachments", operation: "DescribeTransitGatewayAttachments", key: "TransitGatewayAttachments" },
  { label: "transit gateway VPC attachments", operation: "DescribeTransitGatewayVpcAttachments", key: "TransitGatewayVpcAttachments" },
  {
    label: "transit gateway route tables",
    operation: "DescribeTransitGatewayRouteTables",
    key: "TransitGatewayRouteTables",
    followUp: transitGatewayRouteTableDetails,
  },
  { label: "VPC Block Public Access options", operation: "DescribeVpcBlockPublicAccessOptions", key: "VpcBlockPublicAccessOptions", single: true },
  { label: "VPC Block Public Access exclusions", operation: "DescribeVpcBlockPublicAccessExclusions", key: "VpcBlockPublicAccessExclusions" },
];

/**
 * Reads the string `field` of each object in `list[key]`.
 *
 * @param list - a list document
 * @param key - its list key
 * @param field - the field to read, e.g. `VpcId`
 */
export function idsOf(list: Document, key: string, field: string): string[] {
  const items = list[key];
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown) => {
    const value = item !== null && typeof item === "object" ? (item as Record<string, unknown>)[field] : undefined;
    return typeof value === "string" ? [value] : [];
  });
}

/** The documents of the calls that succeeded. */
async function succeeded(calls: Promise<Document | undefined>[]): Promise<Document[]> {
  return (await Promise.all(calls)).filter((document): document is Document => document !== undefined);
}

const DNS_ATTRIBUTES = ["enableDnsSupport", "enableDnsHostnames"] as const;

/** One describe-vpc-attribute output per VPC and DNS attribute: `{ VpcId, EnableDnsSupport: { Value } }`. */
async function vpcAttributes(ctx: RegionContext, vpcs: Document): Promise<Document[]> {
  return succeeded(
    idsOf(vpcs, "Vpcs", "VpcId").flatMap((vpcId) =>
      DNS_ATTRIBUTES.map((attribute) =>
        guarded(ctx, { service: "ec2", operation: "DescribeVpcAttribute", subject: `${vpcId} ${attribute}` }, () =>
          readOne(ctx, (o) => sendEc2(ctx, "DescribeVpcAttribute", { VpcId: vpcId, Attribute: attribute }, o), "VpcId"),
        ),
      ),
    ),
  );
}

/** One get-managed-prefix-list-entries output per list, naming its list: `{ PrefixListId, Entries }`. */
async function prefixListEntries(ctx: RegionContext, lists: Document): Promise<Document[]> {
  return succeeded(
    idsOf(lists, "PrefixLists", "PrefixListId").map((prefixListId) =>
      guarded(ctx, { service: "ec2", operation: "GetManagedPrefixListEntries", subject: prefixListId }, async (): Promise<Document> => {
        const paging = tokenPaging("Entries", (i, o) => sendEc2(ctx, "GetManagedPrefixListEntries", { ...i, PrefixListId: prefixListId }, o));
        const entries = await readAllPages(ctx, paging);
        return { PrefixListId: prefixListId, Entries: entries.Entries };
      }),
    ),
  );
}

/** The per-table calls and their list keys; route searches need a filter (static and propagated: all). */
const TGW_TABLE_CALLS: readonly { operation: Ec2Operation; key: string; input?: "filters" }[] = [
  { operation: "SearchTransitGatewayRoutes", key: "Routes", input: "filters" },
  { operation: "GetTransitGatewayRouteTableAssociations", key: "Associations" },
  { operation: "GetTransitGatewayRouteTablePropagations", key: "TransitGatewayRouteTablePropagations" },
];

/**
 * Per transit gateway route table, three documents naming their table (the AWS CLI outputs carry no
 * table id; a folder layout puts it in the file name): `{ TransitGatewayRouteTableId, Routes,
 * AdditionalRoutesAvailable }` (search-transit-gateway-routes, static and propagated routes, every
 * page), `{ TransitGatewayRouteTableId, Associations }` and `{ TransitGatewayRouteTableId,
 * TransitGatewayRouteTablePropagations }`. A last page that still says `AdditionalRoutesAvailable`
 * without a token means AWS held routes back: the document stays and the call is recorded as failed.
 */
async function transitGatewayRouteTableDetails(ctx: RegionContext, tables: Document): Promise<Document[]> {
  const filters = [{ Name: "type", Values: ["static", "propagated"] }];
  const perTable = idsOf(tables, "TransitGatewayRouteTables", "TransitGatewayRouteTableId").flatMap((tableId) =>
    TGW_TABLE_CALLS.map(({ operation, key, input }) =>
      guarded(ctx, { service: "ec2", operation, subject: tableId }, async (): Promise<Document> => {
        const request = { TransitGatewayRouteTableId: tableId, ...(input === "filters" ? { Filters: filters } : {}) };
        const pages = await readAllPages(ctx, tokenPaging(key, (i, o) => sendEc2(ctx, operation, { ...i, ...request }, o)));
        return { TransitGatewayRouteTableId: tableId, ...pages };
      }),
    ),
  );
  const documents = await succeeded(perTable);
  for (const document of documents) {
    if (document.AdditionalRoutesAvailable !== true) continue;
    recordFailure(ctx, { service: "ec2", operation: "SearchTransitGatewayRoutes", subject: String(document.TransitGatewayRouteTableId) }, {
      code: "TruncatedResponse",
      message: "AWS answered AdditionalRoutesAvailable without a paging token: some routes were not returned",
    });
  }
  return documents;
}

/** Turns a list spec into a task: the list call, then its follow-up calls if it succeeded. */
function listTask(spec: ListSpec): Task {
  return {
    label: spec.label,
    async run(ctx) {
      const send = (input: object, options: RequestOptions) => sendEc2(ctx, spec.operation, input, options);
      const list = await guarded(ctx, { service: "ec2", operation: spec.operation }, () =>
        spec.single ? readOne(ctx, (o) => send({}, o), spec.key) : readAllPages(ctx, tokenPaging(spec.key, send)),
      );
      if (!list) return { documents: [], items: undefined };
      const extra = spec.followUp ? await spec.followUp(ctx, list) : [];
      const items = list[spec.key];
      return { documents: [list, ...extra], items: Array.isArray(items) ? items.length : 1 };
    },
  };
}

/** The EC2 tasks of one Region, in the order their documents are written. */
export const EC2_TASKS: readonly Task[] = LISTS.map(listTask);
