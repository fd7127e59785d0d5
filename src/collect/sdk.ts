/**
 * Loads the AWS SDK v3 clients lazily (only `collect` pays their start-up cost) and creates them the
 * way a production collection needs: the default credential chain, a named profile or an assumed
 * role's credentials; the SDK's own endpoint resolution (so `AWS_ENDPOINT_URL` and the
 * service-specific `AWS_ENDPOINT_URL_<SERVICE>` variables work as in every AWS tool); retries with
 * backoff for throttling, 5xx and timeouts
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html); connection, answer
 * and idle-socket timeouts on every attempt; and the check that each answer is the API's
 * (response-check.ts).
 */
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { SageMakerClient } from "@aws-sdk/client-sagemaker";
import type { Route53Client } from "@aws-sdk/client-route-53";
import type { STSClient } from "@aws-sdk/client-sts";
import type { OrganizationsClient } from "@aws-sdk/client-organizations";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { S3Client } from "@aws-sdk/client-s3";
import { addResponseCheck, type MiddlewareHost, type Protocol } from "./response-check.js";

export type Ec2Module = typeof import("@aws-sdk/client-ec2");
export type SageMakerModule = typeof import("@aws-sdk/client-sagemaker");
export type Route53Module = typeof import("@aws-sdk/client-route-53");
export type StsModule = typeof import("@aws-sdk/client-sts");
export type OrganizationsModule = typeof import("@aws-sdk/client-organizations");
export type IamModule = typeof import("@aws-sdk/client-iam");
export type S3Module = typeof import("@aws-sdk/client-s3");

export interface Sdk {
  ec2: Ec2Module;
  sagemaker: SageMakerModule;
  route53: Route53Module;
  sts: StsModule;
  organizations: OrganizationsModule;
  iam: IamModule;
  s3: S3Module;
}

/** Every client the collector creates. */
export type AnyClient = EC2Client | SageMakerClient | Route53Client | STSClient | OrganizationsClient | IAMClient | S3Client;

/** AWS credentials, as the SDK's `credentials` setting takes them. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  expiration?: Date | undefined;
}

/** Per-attempt timeouts, in milliseconds. */
export interface Timeouts {
  /** To open the connection. */
  connectMs: number;
  /** From sending the request to the answer's headers; also the longest silence while the body arrives. */
  requestMs: number;
}

/** What every client shares. */
export interface ClientSettings {
  /** A profile from the shared config/credentials files; the default chain when undefined. */
  profile: string | undefined;
  timeouts: Timeouts;
  /** Called with each client created, e.g. to add middleware (tests record every command this way). */
  configureClient?: ((client: AnyClient) => void) | undefined;
}

/** Default attempts per request (first try included) when `AWS_MAX_ATTEMPTS` is not set. */
export const DEFAULT_MAX_ATTEMPTS = 6;

/** Imports the SDK clients; silences the SDK's Node-version notice unless the user chose otherwise. */
export async function loadSdk(): Promise<Sdk> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const [ec2, sagemaker, route53, sts, organizations, iam, s3] = await Promise.all([
    import("@aws-sdk/client-ec2"),
    import("@aws-sdk/client-sagemaker"),
    import("@aws-sdk/client-route-53"),
    import("@aws-sdk/client-sts"),
    import("@aws-sdk/client-organizations"),
    import("@aws-sdk/client-iam"),
    import("@aws-sdk/client-s3"),
  ]);
  return { ec2, sagemaker, route53, sts, organizations, iam, s3 };
}

/**
 * Retry settings: the user's `AWS_RETRY_MODE` / `AWS_MAX_ATTEMPTS` (or profile settings) win; otherwise
 * standard mode with a few more attempts than the SDK's 3, since a collection makes many calls.
 */
function retrySettings(): { maxAttempts?: number; retryMode?: string } {
  const settings: { maxAttempts?: number; retryMode?: string } = {};
  if (process.env.AWS_MAX_ATTEMPTS === undefined) settings.maxAttempts = DEFAULT_MAX_ATTEMPTS;
  if (process.env.AWS_RETRY_MODE === undefined) settings.retryMode = "standard";
  return settings;
}

/** Where a client goes and as whom. */
export interface ClientTarget {
  /** The Region; undefined lets the SDK resolve the configured one. */
  region: string | undefined;
  /** An assumed role's credentials; undefined uses the profile or default chain. */
  credentials?: (() => Promise<Credentials>) | undefined;
}

function baseConfig(settings: ClientSettings, target: ClientTarget) {
  return {
    ...(target.region === undefined ? {} : { region: target.region }),
    ...(target.credentials !== undefined ? { credentials: target.credentials } : settings.profile === undefined ? {} : { profile: settings.profile }),
    ...retrySettings(),
    // A timed-out attempt is a TimeoutError, which the retry strategy retries like a 5xx.
    requestHandler: {
      connectionTimeout: settings.timeouts.connectMs,
      requestTimeout: settings.timeouts.requestMs,
      throwOnRequestTimeout: true,
      socketTimeout: settings.timeouts.requestMs,
    },
  };
}

function finish<C extends AnyClient>(client: C, settings: ClientSettings, protocol: Protocol): C {
  addResponseCheck(client as unknown as MiddlewareHost, protocol);
  settings.configureClient?.(client);
  return client;
}

/**
 * Creates an EC2 client.
 *
 * @param sdk - the loaded SDK
 * @param settings - profile, timeouts and client hook
 * @param target - Region and credentials
 */
export function createEc2Client(sdk: Sdk, settings: ClientSettings, target: ClientTarget): EC2Client {
  return finish(new sdk.ec2.EC2Client(baseConfig(settings, target)), settings, "xml");
}

/**
 * Creates a SageMaker client.
 *
 * @param sdk - the loaded SDK
 * @param settings - profile, timeouts and client hook
 * @param target - Region and credentials
 */
export function createSageMakerClient(sdk: Sdk, settings: ClientSettings, target: ClientTarget): SageMakerClient {
  return finish(new sdk.sagemaker.SageMakerClient(baseConfig(settings, target)), settings, "json");
}

/**
 * Creates a Route 53 client (a global service; its Region only picks the signing Region).
 *
 * @param sdk - the loaded SDK
 * @param settings - profile, timeouts and client hook
 * @param target - Region and credentials
 */
export function createRoute53Client(sdk: Sdk, settings: ClientSettings, target: ClientTarget): Route53Client {
  return finish(new sdk.route53.Route53Client(baseConfig(settings, target)), settings, "xml");
}

/**
 * Creates an IAM client (a global service; its Region only picks the endpoint's partition).
 *
 * @param sdk - the loaded SDK
 * @param settings - profile, timeouts and client hook
 * @param target - Region and credentials
 */
export function createIamClient(sdk: Sdk, settings: ClientSettings, target: ClientTarget): IAMClient {
  return finish(new sdk.iam.IAMClient(baseConfig(settings, target)), settings, "xml");
}

/**
 * Creates an S3 client that follows a bucket's Region: a bucket in another Region answers with a
 * redirect naming its Region, and the client repeats the request there.
 *
 * @param sdk - the loaded SDK
 * @param settings - profile, timeouts and client hook
 * @param target - Region and credentials
 */
export function createS3Client(sdk: Sdk, settings: ClientSettings, target: ClientTarget): S3Client {
  return finish(new sdk.s3.S3Client({ ...baseConfig(settings, target), followRegionRedirects: true }), settings, "s3");
}

/**
 * Creates an STS client (the caller's own credentials, used to assume roles).
 *
 * @param sdk - the loaded SDK
 * @param settings - profile, timeouts and client hook
 * @param region - the Region of the regional STS endpoint
 */
export function createStsClient(sdk: Sdk, settings: ClientSettings, region: string | undefined): STSClient {
  return finish(new sdk.sts.STSClient(baseConfig(settings, { region })), settings, "xml");
}

/**
 * Creates an AWS Organizations client (the caller's own credentials).
 *
 * @param sdk - the loaded SDK
 * @param settings - profile, timeouts and client hook
 * @param region - the Region to sign for (Organizations answers in us-east-1 for the aws partition)
 * @param credentials - an assumed role's credentials; undefined: the caller's own
 */
export function createOrganizationsClient(sdk: Sdk, settings: ClientSettings, region: string, credentials?: ClientTarget["credentials"]): OrganizationsClient {
  return finish(new sdk.organizations.OrganizationsClient(baseConfig(settings, { region, credentials })), settings, "json");
}
