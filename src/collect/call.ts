/**
 * One guarded AWS call inside one account and Region (or an account's global services): every
 * request goes through the scope's concurrency limiter and has an overall time bound (all its
 * attempts and retries); paged calls are read page by page with the paging loop checked (a token
 * seen before, or a new token past the page bound, fails the call instead of looping or duplicating);
 * `$metadata` and paging fields are dropped so documents look like the AWS CLI's output; and a
 * failure is recorded (service, operation, code, message) instead of stopping the collection —
 * except cancellation and credential failures, which end it, and a Region refusing the credentials,
 * which ends that Region (every call not yet made there is recorded as not collected).
 */
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { SageMakerClient } from "@aws-sdk/client-sagemaker";
import type { Route53Client } from "@aws-sdk/client-route-53";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { S3Client } from "@aws-sdk/client-s3";
import type { CollectError } from "../model/types.js";
import type { Limiter } from "./limit.js";
import type { Sdk } from "./sdk.js";
import type { ProgressEvent } from "./types.js";
import { CallFault, CollectFailure, isAbort, isCredentialFailure, isRegionRefusal, summarizeError, type ErrorSummary } from "./errors.js";

/** Passed to every request: aborting it stops the request. */
export interface RequestOptions {
  abortSignal: AbortSignal;
}

/** Bounds on one call. */
export interface CallLimits {
  /** Milliseconds one API request may take, every attempt and retry included. */
  callMs: number;
  /** Pages one paged call may read; a call still handing out new tokens after that fails. */
  maxPages: number;
}

/** Everything the calls of one scope (an account's Region, or its global services) share. */
export interface CallContext {
  /** The account, when known before collecting (assumed roles); else filled in from the documents. */
  account: string | undefined;
  region: string;
  sdk: Sdk;
  limit: Limiter;
  limits: CallLimits;
  /** Aborts when the run stops (Ctrl-C, a fatal error) or when this scope refuses the credentials. */
  signal: AbortSignal;
  /** Set once the scope refused the credentials (see `isRegionRefusal`). */
  refused: ErrorSummary | undefined;
  /** Marks the scope refused and aborts its calls in flight. */
  refuse: (summary: ErrorSummary) => void;
  /** Failed calls. */
  errors: CollectError[];
  stats: { succeeded: number; failed: number };
  progress: (event: ProgressEvent) => void;
}

/** The calls of one Region. */
export interface RegionContext extends CallContext {
  ec2: EC2Client;
  sagemaker: SageMakerClient;
}

/** The calls of an account's global services (Route 53). */
export interface GlobalContext extends CallContext {
  route53: Route53Client;
}

/** The calls of an account's identity data (IAM, S3 bucket policies), besides Route 53. */
export interface IdentityContext extends GlobalContext {
  iam: IAMClient;
  s3: S3Client;
}

export type Document = Record<string, unknown>;

/**
 * A global API output stored under the path the AWS CLI folder layout gives it
 * (`iam/get-account-authorization-details.json`, `policies/s3/<bucket>.json`, `organizations/…`): the
 * readers of those folders take ids from the file name, so the snapshot keeps the name.
 */
export interface LayoutFile {
  path: string;
  document: Document;
}

/**
 * Sends one request by operation name: the SDK module's `<operation>Command` (the policy lists the
 * same names, and a test checks each has its command), so the name is written once.
 *
 * @param client - an SDK client
 * @param commands - its SDK module
 * @param operation - e.g. `DescribeVpcs`
 * @param input - the request
 * @param options - abort signal
 */
export function sendOperation(client: object, commands: object, operation: string, input: object, options: RequestOptions): Promise<object> {
  const Command = (commands as Record<string, (new (input: object) => unknown) | undefined>)[`${operation}Command`];
  if (!Command) throw new Error(`the AWS SDK has no ${operation}Command`);
  return (client as { send: (command: unknown, options: RequestOptions) => Promise<object> }).send(new Command(input), options);
}

/** Keys of an SDK output that are not part of the AWS CLI's (automatically paged) JSON. */
const TRANSPORT_KEYS = new Set([
  "$metadata",
  "NextToken",
  "nextToken",
  // Route 53's paging fields.
  "IsTruncated",
  "MaxItems",
  "Marker",
  "NextMarker",
  "NextRecordName",
  "NextRecordType",
  "NextRecordIdentifier",
  // S3 ListBuckets' paging field.
  "ContinuationToken",
]);

/**
 * An SDK output as the AWS CLI prints it: without `$metadata` and paging fields, timestamps as
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
 * Sends one API request (the SDK retries inside it) when a limiter slot is free, aborting it when
 * the scope stops or when it outlasts `limits.callMs`.
 *
 * @param ctx - the scope's context
 * @param request - sends the request with the options given
 * @throws CallFault `CallTimeout` when the bound passed; whatever the SDK threw otherwise
 */
export async function sendBounded(ctx: CallContext, request: (options: RequestOptions) => Promise<object>): Promise<Document> {
  return ctx.limit(async () => {
    const controller = new AbortController();
    const follow = (): void => controller.abort(ctx.signal.reason);
    if (ctx.signal.aborted) follow();
    else ctx.signal.addEventListener("abort", follow, { once: true });
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      controller.abort();
    }, ctx.limits.callMs);
    try {
      return (await request({ abortSignal: controller.signal })) as Document;
    } catch (error) {
      if (expired) throw new CallFault("CallTimeout", `no complete answer within ${ctx.limits.callMs / 1000} s (all attempts)`);
      throw error;
    } finally {
      clearTimeout(timer);
      ctx.signal.removeEventListener("abort", follow);
    }
  });
}

/**
 * Sends one unpaged request and returns its output as a document; `key` (when given) must be in it,
 * else the answer is not the API's.
 *
 * @param ctx - the scope's context
 * @param send - sends the request
 * @param key - a top-level key every real answer carries, e.g. `Addresses` or `NotebookInstanceName`
 */
export async function readOne(ctx: CallContext, send: (options: RequestOptions) => Promise<object>, key?: string): Promise<Document> {
  const document = toDocument(await sendBounded(ctx, send));
  if (key !== undefined && (document[key] === undefined || document[key] === null)) {
    throw new CallFault("UnrecognizedResponse", `the answer has no ${key}`);
  }
  return document;
}

/** How to read one paged call: the request for a page, and the next page's cursor from an answer. */
export interface Paging<Cursor> {
  /** The list key of every page, e.g. `Vpcs`. */
  key: string;
  /** Further lists a page may carry, merged the same way (GetAccountAuthorizationDetails' `Policies`). */
  alsoKeys?: readonly string[];
  /** Sends the request for one page; `cursor` is undefined for the first. */
  fetch: (cursor: Cursor | undefined, options: RequestOptions) => Promise<object>;
  /** The next page's cursor read from an answer (its raw output); undefined after the last page. */
  next: (output: Document) => Cursor | undefined;
}

/**
 * The `NextToken` cursor that EC2, SageMaker and Organizations use.
 *
 * @param output - one page's raw output
 */
export function nextToken(output: Document): { NextToken: string } | undefined {
  const token = output.NextToken;
  return typeof token === "string" && token !== "" ? { NextToken: token } : undefined;
}

/**
 * Reads every page of a paged call and merges them into one document whose `key` list holds all
 * items (as the AWS CLI does with its automatic paging), its other fields from the last page. Every
 * page must carry the list; a cursor
 * seen before, or a new one after `limits.maxPages` pages, fails the whole call (never a partial
 * or duplicated list).
 *
 * @param ctx - the scope's context
 * @param paging - the request and cursor of the call
 * @throws CallFault `UnrecognizedResponse`, `PaginationLoop` or `PaginationUnbounded`
 */
export async function readAllPages<Cursor>(ctx: CallContext, paging: Paging<Cursor>): Promise<Document> {
  const seen = new Set<string>();
  const items: unknown[] = [];
  const also = new Map<string, unknown[]>((paging.alsoKeys ?? []).map((key) => [key, []]));
  let merged: Document | undefined;
  let cursor: Cursor | undefined;
  for (let pages = 1; ; pages += 1) {
    const requested = cursor;
    const output = await sendBounded(ctx, (options) => paging.fetch(requested, options));
    const page = toDocument(output);
    // A page may carry only one of several lists (GetAccountAuthorizationDetails), but at least one.
    const pageItems = page[paging.key] ?? ([...also.keys()].some((key) => Array.isArray(page[key])) ? [] : undefined);
    if (!Array.isArray(pageItems)) throw new CallFault("UnrecognizedResponse", `page ${pages} of the answer has no ${paging.key} list`);
    items.push(...(pageItems as unknown[]));
    for (const [key, list] of also) if (Array.isArray(page[key])) list.push(...(page[key] as unknown[]));
    // The other fields from the last page (e.g. whether AWS held items back).
    merged = page;
    cursor = paging.next(output);
    if (cursor === undefined) break;
    const token = JSON.stringify(cursor);
    if (seen.has(token)) {
      throw new CallFault("PaginationLoop", `page ${pages} handed back a paging token already used; the list would repeat items`);
    }
    if (pages >= ctx.limits.maxPages) {
      throw new CallFault("PaginationUnbounded", `still a new paging token after ${pages} pages; stopped (the service pages without end)`);
    }
    seen.add(token);
  }
  return { ...merged, [paging.key]: items, ...Object.fromEntries(also) };
}

export interface CallName {
  service: "ec2" | "sagemaker" | "route53" | "iam" | "s3" | "organizations";
  operation: string;
  /** The resource the call is about (e.g. a VPC id), named in the recorded error. */
  subject?: string | undefined;
}

/**
 * Records a failed call in the scope's errors and reports it as progress.
 *
 * @param ctx - the scope's context
 * @param name - service, operation and subject
 * @param summary - the code and message to record
 * @param quiet - true to leave progress out (the calls a refusing Region never made: one line says it)
 */
export function recordFailure(ctx: CallContext, name: CallName, summary: ErrorSummary, quiet = false): undefined {
  ctx.stats.failed += 1;
  const message = name.subject ? `${name.subject}: ${summary.message}` : summary.message;
  const error = { account: ctx.account, region: ctx.region, service: name.service, operation: name.operation, code: summary.code, message };
  ctx.errors.push(error);
  if (!quiet) ctx.progress({ type: "call-failed", ...error });
  return undefined;
}

/** What a call that was never made (or was cut off) in a refusing scope records. */
function notCollected(ctx: CallContext, refused: ErrorSummary): ErrorSummary {
  return { code: refused.code, message: `not collected: ${ctx.region} refused the credentials` };
}

/**
 * Runs one logical call (all its pages); on failure records it and resolves to undefined.
 *
 * @param ctx - the scope's context
 * @param name - service, operation and subject, for the error record
 * @param body - the call
 * @throws CollectFailure when the credentials are missing, expired or malformed; the AbortError on Ctrl-C
 */
export async function guarded<T>(ctx: CallContext, name: CallName, body: () => Promise<T>): Promise<T | undefined> {
  if (ctx.refused) return recordFailure(ctx, name, notCollected(ctx, ctx.refused), true);
  try {
    const result = await body();
    ctx.stats.succeeded += 1;
    return result;
  } catch (error) {
    // Whatever a call cut off by its scope's stop throws (an AbortError, or a stream error when the
    // body was being read), it is the stop that counts.
    if (ctx.signal.aborted || isAbort(error)) {
      if (ctx.refused && ctx.signal.reason === ctx.refused) return recordFailure(ctx, name, notCollected(ctx, ctx.refused), true);
      throw error;
    }
    const summary = summarizeError(error);
    if (isRegionRefusal(summary)) {
      ctx.refuse(summary);
      return recordFailure(ctx, name, summary);
    }
    if (isCredentialFailure(summary)) {
      throw new CollectFailure(
        `AWS rejected the credentials (${name.service}:${name.operation} in ${ctx.region}: ${summary.code}: ${summary.message}); ` +
          "check --profile / AWS_PROFILE, refresh an SSO session with `aws sso login`, or renew temporary credentials",
      );
    }
    return recordFailure(ctx, name, summary);
  }
}
