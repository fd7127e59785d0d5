/**
 * How the collector classifies a failed AWS call: most failures (AccessDenied, UnauthorizedOperation,
 * an unreadable response, retries exhausted) are recorded in the snapshot and collection goes on;
 * rejected or missing credentials end the run, since every further call would fail the same way.
 * Error codes: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
 */

/** The collection produced nothing usable (exit status 2); `message` says why and what to do. */
export class CollectFailure extends Error {
  /** @param message - one sentence for the user, never containing secrets */
  constructor(message: string) {
    super(message);
    this.name = "CollectFailure";
  }
}

/** Codes meaning the credentials themselves are missing, invalid or expired. */
const CREDENTIAL_CODES = new Set([
  "AuthFailure",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
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
 * True when the error is the collection being cancelled (Ctrl-C).
 *
 * @param error - what was thrown
 */
export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}
