/**
 * One guarded AWS call inside a Region: every page goes through the concurrency limiter, `$metadata`
 * and paging tokens are dropped so documents look like the AWS CLI's output, and a failure is
 * recorded (service, operation, code, message) instead of stopping the collection — except
 * cancellation and credential failures, which end it.
 */
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { SageMakerClient } from "@aws-sdk/client-sagemaker";
import type { CollectError } from "../model/types.js";
import type { Limiter } from "./limit.js";
import type { Sdk } from "./sdk.js";
import type { ProgressEvent } from "./types.js";
import { CollectFailure, isAbort, isCredentialFailure, summarizeError } from "./errors.js";

/** Everything the calls of one Region share. */
export interface RegionContext {
  region: string;
  sdk: Sdk;
  ec2: EC2Client;
  sagemaker: SageMakerClient;
  limit: Limiter;
  /** Passed to every request so Ctrl-C stops them. */
  requestOptions: { abortSignal?: AbortSignal };
  /** Failed calls; the account is filled in once known. */
  errors: CollectError[];
  stats: { succeeded: number; failed: number };
  progress: (event: ProgressEvent) => void;
}

export type Document = Record<string, unknown>;

/** Keys of an SDK output that are not part of the AWS CLI's JSON. */
const TRANSPORT_KEYS = new Set(["$metadata", "NextToken", "nextToken"]);

/**
 * An SDK output as the AWS CLI prints it: without `$metadata` and paging tokens, timestamps as
 * ISO 8601 strings.
 *
 * @param output - one SDK response
 */
export function toDocument(output: object): Document {
  const document: Document = {};
  for (const [key, value] of Object.entries(output)) {
    if (!TRANSPORT_KEYS.has(key) && value !== undefined) document[key] = value;
  }
  // Through JSON once, so the snapshot in memory equals the one on disk (Dates become ISO strings).
  return JSON.parse(JSON.stringify(document)) as Document;
}

/**
 * Reads every page of a paged call, one page per limiter slot, and merges them into one document
 * whose `key` list holds all items (as the AWS CLI does with its automatic paging).
 *
 * @param ctx - the Region's context
 * @param pages - the SDK paginator
 * @param key - the list key, e.g. `Vpcs`
 */
export async function readAllPages(ctx: RegionContext, pages: AsyncIterable<object>, key: string): Promise<Document> {
  const iterator = pages[Symbol.asyncIterator]();
  const items: unknown[] = [];
  let merged: Document | undefined;
  for (;;) {
    const next = await ctx.limit(() => iterator.next());
    if (next.done) break;
    const page = toDocument(next.value);
    merged ??= page;
    const pageItems = page[key];
    if (Array.isArray(pageItems)) items.push(...(pageItems as unknown[]));
  }
  return { ...merged, [key]: items };
}

/**
 * Sends one unpaged request through the limiter and returns its output as a document.
 *
 * @param ctx - the Region's context
 * @param send - sends the request
 */
export async function readOne(ctx: RegionContext, send: () => Promise<object>): Promise<Document> {
  return toDocument(await ctx.limit(send));
}

export interface CallName {
  service: "ec2" | "sagemaker";
  operation: string;
  /** The resource the call is about (e.g. a VPC id), named in the recorded error. */
  subject?: string | undefined;
}

/**
 * Runs one logical call (all its pages); on failure records it and resolves to undefined.
 *
 * @param ctx - the Region's context
 * @param name - service, operation and subject, for the error record
 * @param body - the call
 * @throws CollectFailure when the credentials are missing or rejected; the AbortError on Ctrl-C
 */
export async function guarded<T>(ctx: RegionContext, name: CallName, body: () => Promise<T>): Promise<T | undefined> {
  try {
    const result = await body();
    ctx.stats.succeeded += 1;
    return result;
  } catch (error) {
    if (isAbort(error)) throw error;
    const summary = summarizeError(error);
    if (isCredentialFailure(summary)) {
      throw new CollectFailure(
        `AWS rejected the credentials (${name.service}:${name.operation} in ${ctx.region}: ${summary.code}: ${summary.message}); ` +
          "check --profile / AWS_PROFILE, refresh an SSO session with `aws sso login`, or renew temporary credentials " +
          `(an opt-in Region not enabled for the account fails the same way: enable ${ctx.region} or leave it out of --regions)`,
      );
    }
    ctx.stats.failed += 1;
    const message = name.subject ? `${name.subject}: ${summary.message}` : summary.message;
    ctx.errors.push({ account: undefined, region: ctx.region, service: name.service, operation: name.operation, code: summary.code, message });
    ctx.progress({ type: "call-failed", region: ctx.region, service: name.service, operation: name.operation, code: summary.code, message });
    return undefined;
  }
}
