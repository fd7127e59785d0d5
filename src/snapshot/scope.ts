/**
 * Which account and Region a document describes. describe-* outputs do not say their Region, so it
 * comes from a Region-named folder on the path (`…/us-east-1/Vpcs.json`), else from the Availability
 * Zones (`us-east-2b` → `us-east-2`; zone ids like `use2-az2` are not Regions) and ARNs of the
 * resources in the same folder. The account comes from a 12-digit folder name, else the records'
 * `OwnerId`.
 */
import { dirname, resolve, sep } from "node:path";
import { InputError } from "../model/errors.js";
import type { RawDocument } from "./types.js";

const REGION_BODY = "[a-z]{2}(?:-gov|-iso[a-z]?)?-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\\d+";
const REGION = new RegExp(`^${REGION_BODY}$`);
/** An AZ name: its Region plus a letter (`us-east-1a`) or a Local/Wavelength Zone suffix (`us-west-2-lax-1a`). */
const AZ_NAME = new RegExp(`^(${REGION_BODY})(?:[a-z]|-[a-z0-9-]+)$`);
const ACCOUNT = /^\d{12}$/;

/**
 * Folders of global data (not tied to a Region): Route 53 hosted zones, IAM, policies, AWS
 * Organizations. A file below one of them needs no Region; src/snapshot/aws/index.ts says which
 * reader (if any yet) reads each kind.
 */
export const GLOBAL_FOLDERS = ["route53", "iam", "policies", "organizations"] as const;

/** The name of a global data folder. */
export type GlobalFolder = (typeof GLOBAL_FOLDERS)[number];

/** The Region of a global document's scope: global data belongs to an account, not a Region. */
export const GLOBAL_REGION = "global";

function isGlobalFolder(name: string): name is GlobalFolder {
  return (GLOBAL_FOLDERS as readonly string[]).includes(name);
}

/** True for an AWS Region name such as `us-east-1` or `us-gov-west-1`. */
export function isRegionName(text: string): boolean {
  return REGION.test(text);
}

/** The Region of an Availability Zone name, or undefined (zone ids like `use1-az1` give none). */
export function regionOfAvailabilityZone(zone: string): string | undefined {
  return AZ_NAME.exec(zone)?.[1];
}

/** What the folder names on a file's path say about it. */
export interface PathScope {
  region: string | undefined;
  account: string | undefined;
  /** The global data folder the file is in (`route53/`, …), if any: then it needs no Region. */
  global?: GlobalFolder;
}

/**
 * The Region and account named by folders on a file's path (the deepest match wins), and the global
 * data folder it sits in, if any.
 *
 * @param file - a file path
 */
export function scopeFromPath(file: string): PathScope {
  let region: string | undefined;
  let account: string | undefined;
  let global: GlobalFolder | undefined;
  for (const segment of dirname(resolve(file)).split(sep)) {
    if (isRegionName(segment)) region = segment;
    if (ACCOUNT.test(segment)) account = segment;
    if (isGlobalFolder(segment)) global = segment;
  }
  return global ? { region: GLOBAL_REGION, account, global } : { region, account };
}

/** Regions and accounts a document's content points at. */
export interface ScopeHints {
  regions: Set<string>;
  accounts: Set<string>;
}

function arnParts(arn: string): { region: string | undefined; account: string | undefined } {
  const parts = arn.split(":");
  const region = parts[3] && isRegionName(parts[3]) ? parts[3] : undefined;
  const account = parts[4] && ACCOUNT.test(parts[4]) ? parts[4] : undefined;
  return { region, account };
}

/** AZ names and ARNs sit a few levels down in every API output; deeper input is not walked. */
const MAX_HINT_DEPTH = 12;

function walkRegions(value: unknown, hints: ScopeHints, depth: number): void {
  if (depth > MAX_HINT_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) walkRegions(item, hints, depth + 1);
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (typeof child === "string") {
      if (key === "AvailabilityZone" || key === "ZoneName") {
        const region = regionOfAvailabilityZone(child);
        if (region) hints.regions.add(region);
      } else if (key === "RegionName" && isRegionName(child)) {
        hints.regions.add(child);
      } else if (key.endsWith("Arn") && child.startsWith("arn:")) {
        const parts = arnParts(child);
        if (parts.region) hints.regions.add(parts.region);
        // Only a record's own ARN (not one it refers to) says whose the record is.
        if (parts.account && depth <= 2) hints.accounts.add(parts.account);
      } else if (key === "OwnerId" && depth <= 2 && ACCOUNT.test(child)) {
        hints.accounts.add(child);
      }
    } else {
      walkRegions(child, hints, depth + 1);
    }
  }
}

/**
 * Collects the Regions (from AZ names, `RegionName`, ARNs) and accounts (record-level `OwnerId` and
 * ARNs) a document mentions.
 *
 * @param value - a parsed API output
 */
export function scopeHints(value: unknown): ScopeHints {
  const hints: ScopeHints = { regions: new Set(), accounts: new Set() };
  walkRegions(value, hints, 0);
  return hints;
}

function ancestorAccount(folderAccount: Map<string, string | undefined>, folder: string): string | undefined {
  for (let current = folder; ; current = dirname(current)) {
    const account = folderAccount.get(current);
    if (account !== undefined) return account;
    if (dirname(current) === current) return undefined;
  }
}

function single(values: Set<string>): string | undefined {
  return values.size === 1 ? (values.values().next().value as string) : undefined;
}

/**
 * Fills in each document's missing Region (and, where the folder's records agree on one owner, its
 * account). Documents are grouped by folder: a NAT gateway file with no AZ takes the Region of the
 * subnets beside it, as in Batfish's flat `aws_configs/` layout.
 *
 * @param documents - the documents; `region`/`account` are updated in place
 * @param otherAccounts - the accounts of the input's other documents (already read, their scope known)
 * @throws InputError when a document's Region cannot be told
 */
export function inferScopes(documents: RawDocument[], otherAccounts: ReadonlySet<string> = new Set()): void {
  const byFolder = new Map<string, { docs: RawDocument[]; hints: ScopeHints[] }>();
  for (const doc of documents) {
    if (doc.region !== undefined && doc.account !== undefined) continue;
    const folder = dirname(doc.file);
    let group = byFolder.get(folder);
    if (!group) byFolder.set(folder, (group = { docs: [], hints: [] }));
    group.docs.push(doc);
    const hints = scopeHints(doc.value);
    // Global data (IAM policies, hosted zones) names Regions it applies to, not one it lives in.
    group.hints.push(doc.global ? { regions: new Set(), accounts: hints.accounts } : hints);
  }
  const allRegions = new Set<string>();
  const allAccounts = new Set<string>(otherAccounts);
  for (const doc of documents) if (doc.account !== undefined) allAccounts.add(doc.account);
  for (const group of byFolder.values()) {
    for (const hint of group.hints) {
      hint.regions.forEach((r) => allRegions.add(r));
      hint.accounts.forEach((a) => allAccounts.add(a));
    }
  }
  const folderAccount = new Map<string, string | undefined>();

  for (const [folder, group] of byFolder) {
    const accounts = new Set<string>();
    for (const hint of group.hints) hint.accounts.forEach((a) => accounts.add(a));
    folderAccount.set(folder, single(accounts));
  }
  for (const [folder, group] of byFolder) {
    const regions = new Set<string>();
    for (const hint of group.hints) hint.regions.forEach((r) => regions.add(r));
    group.docs.forEach((doc, i) => {
      const own = group.hints[i] as ScopeHints;
      // A file naming no owner (a vpc-attribute output, a notebook list) belongs to the account of the
      // nearest folder above it that names one, else to the input's only account.
      doc.account ??= single(own.accounts) ?? ancestorAccount(folderAccount, folder) ?? single(allAccounts);
      if (doc.region !== undefined) return;
      doc.region = single(own.regions) ?? single(regions) ?? single(allRegions);
      if (doc.region === undefined) {
        const seen = regions.size > 1 ? regions : allRegions;
        const why =
          seen.size > 1
            ? `its resources span several Regions (${[...seen].sort().join(", ")})`
            : "neither its folder nor the Availability Zones of its resources name one";
        throw new InputError(
          `cannot tell which AWS Region this file describes: ${why}; put the files in a folder named after their Region (e.g. us-east-1/)`,
          { file: doc.file },
        );
      }
    });
  }
}
