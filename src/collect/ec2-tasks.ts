/**
 * What the collector reads from EC2 in one Region, as tasks: one per resource type, each a paged
 * describe call (every page merged), some followed by per-resource calls — DescribeVpcAttribute for
 * both DNS attributes of each VPC, GetManagedPrefixListEntries for each managed prefix list.
 * API reference: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/OperationList-query-ec2.html
 */
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { Ec2Operation } from "./policy.js";
import type { Ec2Module } from "./sdk.js";
import { guarded, readAllPages, readOne, type Document, type RegionContext } from "./call.js";

/** One resource type's work in one Region. */
export interface Task {
  /** For progress, e.g. `route tables`. */
  label: string;
  /** The documents it produced and how many resources they hold (undefined when the call failed). */
  run(ctx: RegionContext): Promise<{ documents: Document[]; items: number | undefined }>;
}

type RequestOptions = RegionContext["requestOptions"];
type Pages = (ec2: Ec2Module, client: EC2Client, options: RequestOptions) => AsyncIterable<object>;

interface ListSpec {
  label: string;
  operation: Ec2Operation;
  /** The list key of the output, e.g. `Vpcs`. */
  key: string;
  pages: Pages;
  /** Per-resource calls made after the list call succeeded. */
  followUp?: (ctx: RegionContext, list: Document) => Promise<Document[]>;
}

/**
 * Items per page (`MaxResults`). AWS advises paged requests (unpaged ones may time out or fail on large
 * accounts); 100 is within every one of these calls' allowed range (the tightest is 5–100).
 */
export const PAGE_SIZE = 100;

/** Paginator settings; stop if a service ever repeats a token rather than loop forever. */
function paging(client: EC2Client) {
  return { client, pageSize: PAGE_SIZE, stopOnSameToken: true };
}

const LISTS: readonly ListSpec[] = [
  { label: "VPCs", operation: "DescribeVpcs", key: "Vpcs", pages: (m, c, o) => m.paginateDescribeVpcs(paging(c), {}, o), followUp: vpcAttributes },
  { label: "subnets", operation: "DescribeSubnets", key: "Subnets", pages: (m, c, o) => m.paginateDescribeSubnets(paging(c), {}, o) },
  { label: "route tables", operation: "DescribeRouteTables", key: "RouteTables", pages: (m, c, o) => m.paginateDescribeRouteTables(paging(c), {}, o) },
  { label: "internet gateways", operation: "DescribeInternetGateways", key: "InternetGateways", pages: (m, c, o) => m.paginateDescribeInternetGateways(paging(c), {}, o) },
  {
    label: "egress-only internet gateways",
    operation: "DescribeEgressOnlyInternetGateways",
    key: "EgressOnlyInternetGateways",
    pages: (m, c, o) => m.paginateDescribeEgressOnlyInternetGateways(paging(c), {}, o),
  },
  { label: "NAT gateways", operation: "DescribeNatGateways", key: "NatGateways", pages: (m, c, o) => m.paginateDescribeNatGateways(paging(c), {}, o) },
  { label: "VPC endpoints", operation: "DescribeVpcEndpoints", key: "VpcEndpoints", pages: (m, c, o) => m.paginateDescribeVpcEndpoints(paging(c), {}, o) },
  { label: "security groups", operation: "DescribeSecurityGroups", key: "SecurityGroups", pages: (m, c, o) => m.paginateDescribeSecurityGroups(paging(c), {}, o) },
  { label: "network ACLs", operation: "DescribeNetworkAcls", key: "NetworkAcls", pages: (m, c, o) => m.paginateDescribeNetworkAcls(paging(c), {}, o) },
  {
    label: "network interfaces",
    operation: "DescribeNetworkInterfaces",
    key: "NetworkInterfaces",
    pages: (m, c, o) => m.paginateDescribeNetworkInterfaces(paging(c), {}, o),
  },
  { label: "AWS prefix lists", operation: "DescribePrefixLists", key: "PrefixLists", pages: (m, c, o) => m.paginateDescribePrefixLists(paging(c), {}, o) },
  {
    label: "managed prefix lists",
    operation: "DescribeManagedPrefixLists",
    key: "PrefixLists",
    pages: (m, c, o) => m.paginateDescribeManagedPrefixLists(paging(c), {}, o),
    followUp: prefixListEntries,
  },
  { label: "Elastic IPs", operation: "DescribeAddresses", key: "Addresses", pages: singlePage((m, c, o) => c.send(new m.DescribeAddressesCommand({}), o)) },
  { label: "instances", operation: "DescribeInstances", key: "Reservations", pages: (m, c, o) => m.paginateDescribeInstances(paging(c), {}, o) },
  {
    label: "VPC peering connections",
    operation: "DescribeVpcPeeringConnections",
    key: "VpcPeeringConnections",
    pages: (m, c, o) => m.paginateDescribeVpcPeeringConnections(paging(c), {}, o),
  },
  { label: "transit gateways", operation: "DescribeTransitGateways", key: "TransitGateways", pages: (m, c, o) => m.paginateDescribeTransitGateways(paging(c), {}, o) },
  {
    label: "transit gateway attachments",
    operation: "DescribeTransitGatewayAttachments",
    key: "TransitGatewayAttachments",
    pages: (m, c, o) => m.paginateDescribeTransitGatewayAttachments(paging(c), {}, o),
  },
];

/** Wraps an unpaged call (DescribeAddresses has no paging) as a one-page source. */
function singlePage(send: (m: Ec2Module, c: EC2Client, o: RequestOptions) => Promise<object>): Pages {
  return (m, c, o) => ({
    async *[Symbol.asyncIterator]() {
      yield await send(m, c, o);
    },
  });
}

/** Reads the string `field` of each object in `list[key]`. */
function idsOf(list: Document, key: string, field: string): string[] {
  const items = list[key];
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown) => {
    const value = item !== null && typeof item === "object" ? (item as Record<string, unknown>)[field] : undefined;
    return typeof value === "string" ? [value] : [];
  });
}

const DNS_ATTRIBUTES = ["enableDnsSupport", "enableDnsHostnames"] as const;

/** One describe-vpc-attribute output per VPC and DNS attribute: `{ VpcId, EnableDnsSupport: { Value } }`. */
async function vpcAttributes(ctx: RegionContext, vpcs: Document): Promise<Document[]> {
  const calls = idsOf(vpcs, "Vpcs", "VpcId").flatMap((vpcId) =>
    DNS_ATTRIBUTES.map((attribute) =>
      guarded(ctx, { service: "ec2", operation: "DescribeVpcAttribute", subject: `${vpcId} ${attribute}` }, () =>
        readOne(ctx, () => ctx.ec2.send(new ctx.sdk.ec2.DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: attribute }), ctx.requestOptions)),
      ),
    ),
  );
  return (await Promise.all(calls)).filter((document): document is Document => document !== undefined);
}

/** One get-managed-prefix-list-entries output per list, naming its list: `{ PrefixListId, Entries }`. */
async function prefixListEntries(ctx: RegionContext, lists: Document): Promise<Document[]> {
  const calls = idsOf(lists, "PrefixLists", "PrefixListId").map((prefixListId) =>
    guarded(ctx, { service: "ec2", operation: "GetManagedPrefixListEntries", subject: prefixListId }, async (): Promise<Document> => {
      const pages = ctx.sdk.ec2.paginateGetManagedPrefixListEntries(paging(ctx.ec2), { PrefixListId: prefixListId }, ctx.requestOptions);
      const entries = await readAllPages(ctx, pages, "Entries");
      return { PrefixListId: prefixListId, Entries: entries.Entries };
    }),
  );
  return (await Promise.all(calls)).filter((document): document is Document => document !== undefined);
}

/** Turns a list spec into a task: the list call, then its follow-up calls if it succeeded. */
function listTask(spec: ListSpec): Task {
  return {
    label: spec.label,
    async run(ctx) {
      const list = await guarded(ctx, { service: "ec2", operation: spec.operation }, () =>
        readAllPages(ctx, spec.pages(ctx.sdk.ec2, ctx.ec2, ctx.requestOptions), spec.key),
      );
      if (!list) return { documents: [], items: undefined };
      const extra = spec.followUp ? await spec.followUp(ctx, list) : [];
      const items = list[spec.key];
      return { documents: [list, ...extra], items: Array.isArray(items) ? items.length : undefined };
    },
  };
}

/** The EC2 tasks of one Region, in the order their documents are written. */
export const EC2_TASKS: readonly Task[] = LISTS.map(listTask);
