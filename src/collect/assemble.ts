/**
 * The end of a collection: the scopes' results assembled into one snapshot (one source per account
 * and Region, the global services' documents filed with a Region), or a clear failure when AWS
 * refused the credentials everywhere or every call failed.
 */
import type { CollectError } from "../model/types.js";
import { SNAPSHOT_FORMAT_VERSION, type SnapshotSource } from "../snapshot/types.js";
import { detectAccount } from "./account.js";
import type { Document, LayoutFile } from "./call.js";
import { CollectFailure, describeErrors, type ErrorSummary } from "./errors.js";
import type { CollectOptions, CollectResult, RefusedScope } from "./types.js";

/** What collecting one scope (an account's Region, or its global services) gave. */
export interface ScopeResult {
  account: string | undefined;
  region: string;
  global: boolean;
  documents: Document[];
  files: LayoutFile[];
  /** The Organization's data: stored with the first account when the caller's own is not collected. */
  organization?: true;
  errors: CollectError[];
  succeeded: number;
  failed: number;
  refused: ErrorSummary | undefined;
}

/**
 * The snapshot's sources: one per account and Region. Route 53, IAM, S3 bucket policies and the
 * Organization are global, but a snapshot source has a Region: an account's global documents and
 * files go into its first Region's source (readers recognise documents by their keys, files by their
 * layout path, wherever they are); the Organization's into the caller's account's, else the first.
 */
function sourcesOf(results: readonly ScopeResult[], account: (result: ScopeResult) => string | undefined): SnapshotSource[] {
  const sources: SnapshotSource[] = results.filter((result) => !result.global).map((result) => ({ account: account(result), region: result.region, documents: result.documents }));
  for (const result of results.filter((candidate) => candidate.global && (candidate.documents.length > 0 || candidate.files.length > 0))) {
    let home = sources.find((source) => source.account === account(result)) ?? (result.organization ? sources[0] : undefined);
    if (!home) sources.push((home = { account: account(result), region: result.region, documents: [] }));
    home.documents.push(...result.documents);
    if (result.files.length > 0) home.files = [...(home.files ?? []), ...result.files];
  }
  return sources;
}

/**
 * The snapshot of a collection, with its counts of calls and the scopes and accounts it could not reach.
 *
 * @param options - the collection's options (account, tool version)
 * @param createdAt - the snapshot's creation time
 * @param results - every scope's result, in collection order
 * @param accessErrors - failures to reach accounts (AssumeRole) and other calls outside any scope
 */
export function assemble(options: CollectOptions, createdAt: string, results: ScopeResult[], accessErrors: CollectError[]): CollectResult {
  const regional = results.filter((result) => !result.global);
  const errors = [...accessErrors, ...results.flatMap((result) => result.errors)];
  if (regional.length > 0 && regional.every((result) => result.refused)) {
    const first = regional[0]?.refused;
    throw new CollectFailure(
      `AWS rejected the credentials in every Region (${first?.code}: ${first?.message}); ` +
        "check --profile / AWS_PROFILE, refresh an SSO session with `aws sso login`, or renew temporary credentials",
    );
  }
  if (results.every((result) => result.documents.length === 0 && result.files.length === 0)) {
    throw new CollectFailure(`nothing collected: every API call failed (${describeErrors(errors)}); no snapshot written`);
  }
  // One account collected with the caller's credentials: its id is read from the documents.
  const detected = options.multiAccount ? undefined : (options.account ?? detectAccount(results.flatMap((result) => result.documents)));
  const accountOf = (result: { account: string | undefined }): string | undefined => result.account ?? detected;
  const refused: RefusedScope[] = regional.flatMap((result) =>
    result.refused ? [{ account: accountOf(result), region: result.region, code: result.refused.code, message: result.refused.message }] : [],
  );
  return {
    snapshot: {
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      tool: { name: "vpcreach", version: options.toolVersion },
      createdAt,
      regions: [...new Set(regional.map((result) => result.region))].sort(),
      sources: sourcesOf(results, accountOf),
      errors: errors.map((error) => ({ ...error, account: accountOf(error) })),
    },
    succeeded: results.reduce((sum, result) => sum + result.succeeded, 0),
    failed: results.reduce((sum, result) => sum + result.failed, 0) + accessErrors.length,
    refused,
    unreachableAccounts: accessErrors.filter((error) => error.operation === "AssumeRole").map((error) => String(error.account)),
  };
}
