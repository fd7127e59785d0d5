/**
 * Test helper: reads a folder of describe-* JSON (a fixture network) into what the loopback AWS
 * server answers: EC2 list outputs by list key, DNS attributes per VPC, prefix-list entries per list,
 * and SageMaker describe outputs. Documents are recognised by their top-level key, as the loader does.
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
}

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
  return { lists: new Map(), managedPrefixLists: [], prefixListEntries: new Map(), vpcAttributes: new Map(), notebooks: [], domains: [] };
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
  if (typeof doc.DomainId === "string") return void network.domains.push(doc);
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

function push(map: Map<string, unknown[]>, key: string, ...items: unknown[]): void {
  map.set(key, [...(map.get(key) ?? []), ...items]);
}
