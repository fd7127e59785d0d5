/**
 * Test helper: an environment that points the real AWS SDK at the loopback server with static test
 * credentials, and keeps the machine's own AWS configuration (files, profiles, instance metadata) out.
 */

/** The secret key the tests use; no output may ever contain it. */
export const TEST_SECRET = "test-secret-key-never-printed";

/**
 * Environment variables for a collection against `url`.
 *
 * @param url - the loopback server, e.g. `http://127.0.0.1:12345`
 * @param region - the configured Region (null: none)
 */
export function awsTestEnv(url: string, region: string | null = "us-east-1"): Record<string, string | undefined> {
  return {
    AWS_ENDPOINT_URL: url,
    AWS_ENDPOINT_URL_EC2: undefined,
    AWS_ENDPOINT_URL_SAGEMAKER: undefined,
    AWS_ENDPOINT_URL_ROUTE_53: undefined,
    AWS_ENDPOINT_URL_STS: undefined,
    AWS_ENDPOINT_URL_ORGANIZATIONS: undefined,
    AWS_ENDPOINT_URL_IAM: undefined,
    AWS_ENDPOINT_URL_S3: undefined,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: TEST_SECRET,
    AWS_SESSION_TOKEN: undefined,
    AWS_REGION: region ?? undefined,
    AWS_DEFAULT_REGION: undefined,
    AWS_PROFILE: undefined,
    AWS_CONFIG_FILE: "/nonexistent/vpcreach-test-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/vpcreach-test-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_MAX_ATTEMPTS: undefined,
    AWS_RETRY_MODE: undefined,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

/**
 * Applies variables to `process.env` (undefined deletes) and returns a function restoring the old values.
 *
 * @param variables - the variables to set
 */
export function applyEnv(variables: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(variables).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(variables);
  return () => apply(previous);
}

/**
 * A child-process environment: the current one with `variables` applied (undefined removes).
 *
 * @param variables - the variables to set
 */
export function childEnv(variables: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(variables)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}
