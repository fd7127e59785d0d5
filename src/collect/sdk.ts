/**
 * Loads the AWS SDK v3 clients lazily (only `collect` pays their start-up cost) and creates them the
 * way a production collection needs: the default credential chain or a named profile, the SDK's own
 * endpoint resolution (so `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_EC2` / `_SAGEMAKER` work as in
 * every AWS tool), and retries with backoff for throttling and 5xx
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
 */
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { SageMakerClient } from "@aws-sdk/client-sagemaker";

export type Ec2Module = typeof import("@aws-sdk/client-ec2");
export type SageMakerModule = typeof import("@aws-sdk/client-sagemaker");

export interface Sdk {
  ec2: Ec2Module;
  sagemaker: SageMakerModule;
}

/** What every client shares. */
export interface ClientSettings {
  /** A profile from the shared config/credentials files; the default chain when undefined. */
  profile: string | undefined;
  /** Called with each client created, e.g. to add middleware (tests record every command this way). */
  configureClient?: ((client: EC2Client | SageMakerClient) => void) | undefined;
}

/** Default attempts per request (first try included) when `AWS_MAX_ATTEMPTS` is not set. */
export const DEFAULT_MAX_ATTEMPTS = 6;

/** Imports both SDK clients; silences the SDK's Node-version notice unless the user chose otherwise. */
export async function loadSdk(): Promise<Sdk> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const [ec2, sagemaker] = await Promise.all([import("@aws-sdk/client-ec2"), import("@aws-sdk/client-sagemaker")]);
  return { ec2, sagemaker };
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

function baseConfig(settings: ClientSettings, region: string | undefined) {
  return {
    ...(region === undefined ? {} : { region }),
    ...(settings.profile === undefined ? {} : { profile: settings.profile }),
    ...retrySettings(),
  };
}

/**
 * Creates an EC2 client.
 *
 * @param sdk - the loaded SDK
 * @param settings - profile and client hook
 * @param region - the Region; undefined lets the SDK resolve the configured one
 */
export function createEc2Client(sdk: Sdk, settings: ClientSettings, region: string | undefined): EC2Client {
  const client = new sdk.ec2.EC2Client(baseConfig(settings, region));
  settings.configureClient?.(client);
  return client;
}

/**
 * Creates a SageMaker client.
 *
 * @param sdk - the loaded SDK
 * @param settings - profile and client hook
 * @param region - the Region
 */
export function createSageMakerClient(sdk: Sdk, settings: ClientSettings, region: string): SageMakerClient {
  const client = new sdk.sagemaker.SageMakerClient(baseConfig(settings, region));
  settings.configureClient?.(client);
  return client;
}
