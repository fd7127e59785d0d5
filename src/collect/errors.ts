/**
 * How the collector classifies a failed AWS call: most failures (AccessDenied, UnauthorizedOperation,
 * an unreadable response, retries exhausted) are recorded in the snapshot and collection goes on;
 * rejected or missing credentials end the run, since every further call would fail the same way —
 * except the codes a Region answers when it is not enabled for the account (or an SCP blocks it),
 * which end only that Region's collection. Faults the collector itself detects (a response that is
 * not the API's, endless paging, a call past its time bound) are `CallFault`s with their own codes.
 * Error codes: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
 */
import type { CollectError } from "../model/types.js";

/** The collection produced nothing usable (exit status 2); `message` says why and what to do. */
export class CollectFailure extends Error {
  /** @param message - one sentence for the user, never containing secrets */
  constructor(message: string) {
    super(message);
    this.name = "CollectFailure";
  }
}

/**
 * A fault the collector detected in an answer or a call, recorded like an AWS error under `code`:
 * `UnrecognizedResponse` (a 2xx body that is not the API's: HTML, empty, another operation's root,
 * no result list), `PaginationLoop` (a paging token seen before), `PaginationUnbounded` (a new token
 * on every page past the page bound), `CallTimeout` (one API call, retries included, past its bound).
 */
export class CallFault extends Error {
  /**
   * @param code - the code recorded for the call
   * @param message - what was wrong, one line
   */
  constructor(code: "UnrecognizedResponse" | "PaginationLoop" | "PaginationUnbounded" | "CallTimeout", message: string) {
    super(message);
    this.name = code;
  }
}

/**
 * Codes an AWS Region answers when it is not enabled for the account, or an SCP or the account's
 * settings block it: EC2's `AuthFailure`, the JSON services' `UnrecognizedClientException` and
 * STS-style `InvalidClientTokenId`. They end the Region, not the run: if every Region answers so, the
 * credentials themselves are rejected.
 */
const REGION_REFUSAL_CODES = new Set(["AuthFailure", "UnrecognizedClientException", "InvalidClientTokenId"]);

/** Codes meaning the credentials themselves are missing, invalid or expired. */
const CREDENTIAL_CODES = new Set([
  "ExpiredToken",
  "ExpiredTokenException",
  "RequestExpired",
  "SignatureDoesNotMatch",
  "InvalidSignatureException",
  "IncompleteSignature",
  "MissingAuthenticationToken",
  "CredentialsProviderError",
  "TokenProviderError",
]);

export interface ErrorSummary {
  code: string;
  message: string;
}

/**
 * The AWS error code and message of a thrown error (SDK service exceptions carry the code as `name`).
 *
 * @param error - what the SDK threw
 */
export function summarizeError(error: unknown): ErrorSummary {
  if (!(error instanceof Error)) return { code: "UnknownError", message: String(error) };
  const fields = error as Error & { Code?: unknown; code?: unknown; $response?: unknown; $fault?: unknown };
  let code = typeof fields.Code === "string" ? fields.Code : error.name;
  if (code === "Error" && typeof fields.code === "string") code = fields.code;
  // A response the SDK could not parse carries the raw response but is no service error.
  if (fields.$response !== undefined && fields.$fault === undefined) code = "MalformedResponse";
  return { code, message: oneLine(error.message) || code };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 500);
}

/**
 * True when the error means no request can succeed with these credentials.
 *
 * @param summary - the summarized error
 */
export function isCredentialFailure(summary: ErrorSummary): boolean {
  return CREDENTIAL_CODES.has(summary.code);
}

/**
 * True when the error means this Region (or account) refuses the credentials, which may still work
 * elsewhere (see REGION_REFUSAL_CODES).
 *
 * @param summary - the summarized error
 */
export function isRegionRefusal(summary: ErrorSummary): boolean {
  return REGION_REFUSAL_CODES.has(summary.code);
}

/**
 * True when the error is the collection being cancelled (Ctrl-C).
 *
 * @param error - what was thrown
 */
export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

/** The first three errors of a failed collection, for the message that says nothing was collected. */
export function describeErrors(errors: readonly CollectError[]): string {
  return errors
    .slice(0, 3)
    .map((error) => `${error.account ? `${error.account} ` : ""}${error.region} ${error.service}:${error.operation}: ${error.code}: ${error.message}`)
    .join("; ");
}
