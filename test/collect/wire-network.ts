/**
 * Test helper: reads a folder of describe-* JSON (a fixture network) into what the loopback AWS
 * server answers: EC2 list outputs by list key, DNS attributes per VPC, prefix-list entries per list,
 * transit gateway route table details per table, the account's VPC Block Public Access options, and
 * SageMaker describe outputs. Documents are recognised by their top-level key, as the loader does.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export interface WireNetwork {
  /** EC2 list outputs merged by key (`Vpcs`, `Subnets`, …); `PrefixLists` holds DescribePrefixLists items. */
  lists: Map<string, unknown[]>;
  /** DescribeManagedPrefixLists items. */
  managedPrefixLists: unknown[];
  /** GetManagedPrefixListEntries entries per list id. */
  prefixListEntries: Map<string, unknown[]>;
  /** Per VPC id: attribute name (`EnableDnsSupport`…) → value. */
  vpcAttributes: Map<string, Record<string, boolean>>;
  notebooks: Record<string, unknown>[];
  domains: Record<string, unknown>[];
  /** Other SageMaker describe outputs by describe operation (`DescribeTrainingJob`, …). */
  sagemaker: Map<string, Record<string, unknown>[]>;
  /** Per transit gateway route table: `Routes`, `Associations`, `TransitGatewayRouteTablePropagations`. */
  transitGatewayRouteTables: Map<string, Record<string, unknown[]>>;
  /** The account's DescribeVpcBlockPublicAccessOptions `VpcBlockPublicAccessOptions`; undefined: AWS's default (off). */
  blockPublicAccessOptions: Record<string, unknown> | undefined;
}

/** SageMaker describe outputs other than notebooks and domains: the describe operation and the fields only its output has. */
export const SAGEMAKER_DESCRIBES: readonly { operation: string; fields: readonly string[] }[] = [
  { operation: "DescribeUserProfile", fields: ["DomainId", "UserProfileName"] },
  { operation: "DescribeSpace", fields: ["DomainId", "SpaceName"] },
  { operation: "DescribeTrainingJob", fields: ["TrainingJobName"] },
  { operation: "DescribeProcessingJob", fields: ["ProcessingJobName"] },
  { operation: "DescribeHyperParameterTuningJob", fields: ["HyperParameterTuningJobName"] },
  { operation: "DescribeEndpoint", fields: ["EndpointName"] },
  { operation: "DescribeEndpointConfig", fields: ["EndpointConfigName", "ProductionVariants"] },
  { operation: "DescribeModel", fields: ["ModelName", "ModelArn"] },
];

type Json = Record<string, unknown>;

function jsonFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith(".json") ? [path] : [];
  });
}

/** An empty network (a Region with nothing in it). */
export function emptyNetwork(): WireNetwork {
  return {
    lists: new Map(),
    managedPrefixLists: [],
    prefixListEntries: new Map(),
    vpcAttributes: new Map(),
    notebooks: [],
    domains: [],
    sagemaker: new Map(),
    transitGatewayRouteTables: new Map(),
    blockPublicAccessOptions: undefined,
  };
}

/**
 * Reads every `*.json` below `folder`.
 *
 * @param folder - a fixture folder
 */
export function readWireNetwork(folder: string): WireNetwork {
  const network = emptyNetwork();
  for (const file of jsonFiles(folder).sort()) addDocument(network, JSON.parse(readFileSync(file, "utf8")) as Json);
  return network;
}

function addDocument(network: WireNetwork, doc: Json): void {
  if (typeof doc.NotebookInstanceName === "string") return void network.notebooks.push(doc);
  const described = SAGEMAKER_DESCRIBES.find((kind) => kind.fields.every((field) => field in doc));
  if (described) return void push(network.sagemaker, described.operation, doc);
  if (typeof doc.DomainId === "string") return void network.domains.push(doc);
  if (typeof doc.TransitGatewayRouteTableId === "string" && !("TransitGatewayId" in doc)) {
    const details = network.transitGatewayRouteTables.get(doc.TransitGatewayRouteTableId) ?? {};
    for (const [key, value] of Object.entries(doc)) if (Array.isArray(value)) details[key] = value;
    return void network.transitGatewayRouteTables.set(doc.TransitGatewayRouteTableId, details);
  }
  if (doc.VpcBlockPublicAccessOptions !== null && typeof doc.VpcBlockPublicAccessOptions === "object") {
    return void (network.blockPublicAccessOptions = doc.VpcBlockPublicAccessOptions as Json);
  }
  if (typeof doc.VpcId === "string" && ("EnableDnsSupport" in doc || "EnableDnsHostnames" in doc)) {
    const attributes = network.vpcAttributes.get(doc.VpcId) ?? {};
    for (const name of ["EnableDnsSupport", "EnableDnsHostnames"]) {
      const value = (doc[name] as { Value?: boolean } | undefined)?.Value;
      if (typeof value === "boolean") attributes[name] = value;
    }
    return void network.vpcAttributes.set(doc.VpcId, attributes);
  }
  if (Array.isArray(doc.Entries) && typeof doc.PrefixListId === "string") {
    return void network.prefixListEntries.set(doc.PrefixListId, doc.Entries);
  }
  for (const [key, value] of Object.entries(doc)) {
    if (!Array.isArray(value)) continue;
    if (key === "PrefixLists" || key === "ManagedPrefixLists") {
      for (const item of value as Json[]) {
        if (Array.isArray(item.Cidrs)) push(network.lists, "PrefixLists", item);
        else network.managedPrefixLists.push(item);
      }
    } else push(network.lists, key, ...value);
  }
}

function push<T>(map: Map<string, T[]>, key: string, ...items: T[]): void {
  map.set(key, [...(map.get(key) ?? []), ...items]);
}
