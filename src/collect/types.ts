/**
 * The collector's public shapes: what the CLI passes in, the progress events it renders, and what
 * comes back (the snapshot plus whether it is complete).
 */
import type { SnapshotFile } from "../snapshot/types.js";
import type { AnyClient } from "./sdk.js";

/** Several accounts, each reached by assuming one role. */
export interface MultiAccountOptions {
  /** The role to assume in each account (`--role-name`). */
  roleName: string;
  /** The account ids (`--accounts`), or `organization` for every active account of the Organization. */
  accounts: readonly string[] | "organization";
}

export interface CollectOptions {
  /** Region names, `"all"` for every enabled Region, or undefined for the configured Region. */
  regions: readonly string[] | "all" | undefined;
  /** A named profile; undefined uses the default credential chain. */
  profile?: string | undefined;
  /** The account id to record, overriding the one read from `OwnerId` fields (one account only). */
  account?: string | undefined;
  /** Collect several accounts through an assumed role instead of the caller's own. */
  multiAccount?: MultiAccountOptions | undefined;
  /** Receives progress as collection goes on. */
  onProgress?: ((event: ProgressEvent) => void) | undefined;
  /** Aborting stops every request in flight; `collect` then rejects with an AbortError. */
  signal?: AbortSignal | undefined;
  /** Requests in flight at once per account and Region (default 4). */
  concurrency?: number | undefined;
  /** Account-Regions collected side by side (default 4). */
  parallel?: number | undefined;
  /** Per-attempt connection timeout in ms (default 5 s, or the request timeout when shorter). */
  connectTimeoutMs?: number | undefined;
  /** Per-attempt timeout for the answer to start, and the longest silence within it, in ms (default 30 s). */
  requestTimeoutMs?: number | undefined;
  /** Bound on one API request with all its retries, in ms (default 3 minutes). */
  callTimeoutMs?: number | undefined;
  /** Pages one paged call may read before it counts as endless (default 10,000). */
  maxPages?: number | undefined;
  /** False skips the identity data (IAM, S3 bucket policies, Organizations policies); default true. */
  identity?: boolean | undefined;
  /** Called with each SDK client created (tests add a middleware that records commands). */
  configureClient?: ((client: AnyClient) => void) | undefined;
  /** The tool version written into the snapshot. */
  toolVersion: string;
}

/** One progress step, per account, Region and resource type. */
export type ProgressEvent =
  | { type: "accounts"; accounts: readonly string[] }
  | { type: "regions"; regions: readonly string[] }
  | { type: "region-start"; scope: string; index: number; total: number; tasks: number }
  | { type: "task-done"; scope: string; label: string; items: number | undefined; done: number; tasks: number }
  | { type: "call-failed"; account: string | undefined; region: string; service: string; operation: string; code: string; message: string }
  | { type: "region-refused"; scope: string; code: string; message: string }
  | { type: "region-done"; scope: string; documents: number; errors: number };

/** A Region (of an account) that refused the credentials: nothing, or little, was collected there. */
export interface RefusedScope {
  account: string | undefined;
  region: string;
  code: string;
  message: string;
}

export interface CollectResult {
  snapshot: SnapshotFile;
  /** Successful API calls. */
  succeeded: number;
  /** Failed API calls (each also in `snapshot.errors`). */
  failed: number;
  /** Regions that refused the credentials (AuthFailure: not enabled, or blocked). */
  refused: RefusedScope[];
  /** Accounts whose role could not be assumed (each also in `snapshot.errors`). */
  unreachableAccounts: string[];
}
