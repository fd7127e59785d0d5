/**
 * Recognises an answer as the API's before the SDK reads it. The SDK's deserializers accept almost
 * any 2xx body — an HTML page from a proxy or captive portal, an empty body, another operation's
 * answer — as an empty result, which would turn "could not read" into "there is nothing". This
 * middleware sits just inside the deserializer (it sees the raw HTTP response), reads the body, and
 * fails the call with `UnrecognizedResponse` unless the body has the shape of the protocol's answer:
 * - XML protocols (EC2 Query, STS Query, Route 53 REST-XML): the root element is
 *   `<OperationNameResponse>` (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html);
 * - JSON protocols (SageMaker, Organizations: AWS JSON 1.1): the body is a JSON object;
 * - S3 (REST-XML, except that GetBucketPolicy answers with the policy itself): ListBuckets' root is
 *   `<ListAllMyBucketsResult>` (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html),
 *   GetBucketPolicy's body a JSON object (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html).
 *   IAM speaks the Query protocol (`<GetAccountAuthorizationDetailsResponse>`): `xml`.
 * The body is handed on as bytes, so the SDK deserializes exactly what was checked.
 */
import { CallFault } from "./errors.js";

/** How a service encodes its answers. */
export type Protocol = "xml" | "json" | "s3";

/** S3 operations whose answer is XML: the root element (S3 names it `…Result`, not `…Response`). */
const S3_XML_ROOTS: Readonly<Record<string, string>> = { ListBuckets: "ListAllMyBucketsResult" };

interface HttpResponseLike {
  statusCode: number;
  headers: Record<string, string | undefined>;
  body: unknown;
}

/** The part of an SDK client this module needs (every v3 client has it). */
export interface MiddlewareHost {
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<{ response: unknown }>, context: { commandName?: string }) => (args: unknown) => Promise<{ response: unknown }>,
      options: { step: "deserialize"; name: string; priority: "low" },
    ): void;
  };
}

const XML_ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.-]*)[\s>/]/;

async function readBody(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (typeof body === "string") return new TextEncoder().encode(body);
  if (body === undefined || body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
  return Buffer.concat(chunks);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat === "" ? "an empty body" : `"${flat.slice(0, 80)}${flat.length > 80 ? "…" : ""}"`;
}

/**
 * Why `text` is not an answer to `operation`, or undefined when it is one.
 *
 * @param protocol - how the service encodes answers
 * @param operation - the API operation, e.g. `DescribeVpcs`
 * @param text - the response body
 * @param contentType - the response's Content-Type, for the message
 */
export function answerProblem(protocol: Protocol, operation: string, text: string, contentType: string | undefined): string | undefined {
  const type = contentType ? ` (${contentType})` : "";
  const xmlRoot = protocol === "xml" ? `${operation}Response` : protocol === "s3" ? S3_XML_ROOTS[operation] : undefined;
  if (xmlRoot !== undefined) {
    const root = XML_ROOT.exec(text)?.[1];
    if (root === xmlRoot) return undefined;
    return `a 2xx answer${type} that is not a ${operation} response: ${root ? `root element <${root}>` : excerpt(text)}`;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return undefined;
  } catch {
    // Reported below with the body's start.
  }
  return `a 2xx answer${type} to ${operation} that is not a JSON object: ${excerpt(text)}`;
}

/**
 * Adds the check to a client.
 *
 * @param client - an SDK client
 * @param protocol - how its service encodes answers
 */
export function addResponseCheck(client: MiddlewareHost, protocol: Protocol): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const response = result.response as HttpResponseLike;
      if (response.statusCode < 200 || response.statusCode >= 300) return result;
      const bytes = await readBody(response.body);
      const operation = (context.commandName ?? "").replace(/Command$/, "");
      const problem = answerProblem(protocol, operation, new TextDecoder().decode(bytes), response.headers["content-type"]);
      if (problem) throw new CallFault("UnrecognizedResponse", problem);
      response.body = bytes;
      return result;
    },
    // Low priority within the deserialize step runs inside the SDK's deserializer: it sees the raw response.
    { step: "deserialize", name: "vpcreachResponseCheck", priority: "low" },
  );
}
