/**
 * The collector's public shapes: what the CLI passes in, the progress events it renders, and what
 * comes back (the snapshot plus whether it is complete).
 */
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { SageMakerClient } from "@aws-sdk/client-sagemaker";
import type { SnapshotFile } from "../snapshot/types.js";

export interface CollectOptions {
  /** Region names, `"all"` for every enabled Region, or undefined for the configured Region. */
  regions: readonly string[] | "all" | undefined;
  /** A named profile; undefined uses the default credential chain. */
  profile?: string | undefined;
  /** The account id to record, overriding the one read from `OwnerId` fields. */
  account?: string | undefined;
  /** Receives progress as collection goes on. */
  onProgress?: ((event: ProgressEvent) => void) | undefined;
  /** Aborting stops every request in flight; `collect` then rejects with an AbortError. */
  signal?: AbortSignal | undefined;
  /** Requests in flight at once (default 4). */
  concurrency?: number | undefined;
  /** Called with each SDK client created (tests add a middleware that records commands). */
  configureClient?: ((client: EC2Client | SageMakerClient) => void) | undefined;
  /** The tool version written into the snapshot. */
  toolVersion: string;
}

/** One progress step, per Region and resource type. */
export type ProgressEvent =
  | { type: "regions"; regions: readonly string[] }
  | { type: "region-start"; region: string; index: number; total: number; tasks: number }
  | { type: "task-done"; region: string; label: string; items: number | undefined; done: number; tasks: number }
  | { type: "call-failed"; region: string; service: string; operation: string; code: string; message: string }
  | { type: "region-done"; region: string; documents: number; errors: number };

export interface CollectResult {
  snapshot: SnapshotFile;
  /** Successful API calls. */
  succeeded: number;
  /** Failed API calls (each also in `snapshot.errors`). */
  failed: number;
}
