/**
 * Several accounts in one collection: the accounts come from `--accounts` or from AWS Organizations
 * (ListAccounts, active accounts only, with the caller's credentials); in each, the collector assumes
 * `--role-name` through STS (AssumeRole, renewed before it expires) and collects with that role's
 * credentials. An account whose role cannot be assumed is recorded as a failed `sts:AssumeRole` call.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html
 */
import type { CollectError } from "../model/types.js";
import { InputError } from "../model/errors.js";
import type { Sdk, ClientSettings, Credentials } from "./sdk.js";
import { createOrganizationsClient, createStsClient } from "./sdk.js";
import { CollectFailure, isAbort, summarizeError } from "./errors.js";
import { nextToken, readAllPages, sendBounded, type CallContext } from "./call.js";

const ACCOUNT_ID = /^\d{12}$/;
const ROLE_NAME = /^[\w+=,.@/-]{1,512}$/;
/** Renew an assumed role's credentials this long before they expire. */
const RENEW_BEFORE_MS = 5 * 60_000;
const SESSION_NAME = "vpcreach-collect";

/**
 * Checks `--accounts` values and removes duplicates.
 *
 * @param accounts - the ids given
 * @throws InputError for an id that is not 12 digits
 */
export function validateAccounts(accounts: readonly string[]): string[] {
  const ids = [...new Set(accounts.map((account) => account.trim()).filter((account) => account !== ""))];
  if (ids.length === 0) throw new InputError("--accounts: give 12-digit account ids, e.g. 111122223333,444455556666");
  for (const id of ids) if (!ACCOUNT_ID.test(id)) throw new InputError(`--accounts: "${id}" is not a 12-digit account id`);
  return ids;
}

/**
 * Checks `--role-name`.
 *
 * @param roleName - the role name (with an optional path, e.g. `audit/vpcreach`)
 * @throws InputError for a name IAM would refuse
 */
export function validateRoleName(roleName: string): string {
  if (!ROLE_NAME.test(roleName) || roleName.startsWith("arn:")) {
    throw new InputError(`--role-name: "${roleName}" is not an IAM role name (give the name, e.g. vpcreach-collect, not an ARN)`);
  }
  return roleName;
}

/** The partition of a Region, for ARNs. */
function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/**
 * The Region to sign Organizations calls for: us-east-1 in the aws partition (its one endpoint),
 * else the Region given (https://docs.aws.amazon.com/general/latest/gr/ao.html).
 *
 * @param region - the home Region of the collection
 */
export function organizationsRegion(region: string): string {
  return partitionOf(region) === "aws" ? "us-east-1" : region;
}

/**
 * The Organization's active accounts, sorted.
 *
 * @param sdk - the loaded SDK
 * @param settings - profile, timeouts and client hook (the caller's credentials)
 * @param ctx - bounds, limiter and signal for the calls (errors recorded there are not expected)
 * @throws CollectFailure when the accounts cannot be listed (nothing to collect then)
 */
export async function organizationAccounts(sdk: Sdk, settings: ClientSettings, ctx: CallContext): Promise<string[]> {
  const client = createOrganizationsClient(sdk, settings, organizationsRegion(ctx.region));
  try {
    const list = await readAllPages(ctx, {
      key: "Accounts",
      fetch: (cursor: { NextToken: string } | undefined, options) => client.send(new sdk.organizations.ListAccountsCommand({ ...cursor }), options),
      next: nextToken,
    });
    const accounts = (list.Accounts as { Id?: unknown; Status?: unknown; State?: unknown }[]).filter(
      (account) => (account.State ?? account.Status) === "ACTIVE" && typeof account.Id === "string",
    );
    if (accounts.length === 0) throw new CollectFailure("--organization: ListAccounts returned no active account");
    return accounts.map((account) => String(account.Id)).sort();
  } catch (error) {
    if (error instanceof CollectFailure || isAbort(error)) throw error;
    const { code, message } = summarizeError(error);
    throw new CollectFailure(
      `--organization: organizations:ListAccounts failed (${code}: ${message}); run from the management account or a delegated administrator, or pass --accounts`,
    );
  } finally {
    client.destroy();
  }
}

/** An account reached through an assumed role. */
export type AssumedAccount =
  | { account: string; credentials: () => Promise<Credentials>; close: () => void }
  | { account: string; error: CollectError };

/**
 * Assumes `roleName` in `account` once (so a failure is known before collecting), and returns a
 * credential provider that renews the session before it expires.
 *
 * @param sdk - the loaded SDK
 * @param settings - profile, timeouts and client hook (the caller's credentials)
 * @param ctx - bounds, limiter, signal and the Region of the STS endpoint
 * @param account - the 12-digit account id
 * @param roleName - the role to assume there
 */
export async function assumeRole(sdk: Sdk, settings: ClientSettings, ctx: CallContext, account: string, roleName: string): Promise<AssumedAccount> {
  const roleArn = `arn:${partitionOf(ctx.region)}:iam::${account}:role/${roleName}`;
  const sts = createStsClient(sdk, settings, ctx.region);
  const assume = async (): Promise<Credentials> => {
    const output = await sendBounded(ctx, (options) => sts.send(new sdk.sts.AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: SESSION_NAME }), options));
    const credentials = output.Credentials as { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } | undefined;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) throw new CollectFailure(`sts:AssumeRole ${roleArn}: the answer holds no credentials`);
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      expiration: credentials.Expiration,
    };
  };
  let current: Credentials;
  try {
    current = await assume();
  } catch (error) {
    sts.destroy();
    if (isAbort(error)) throw error;
    const { code, message } = summarizeError(error);
    return { account, error: { account, region: ctx.region, service: "sts", operation: "AssumeRole", code, message: `${roleArn}: ${message}` } };
  }
  let renewing: Promise<Credentials> | undefined;
  const credentials = async (): Promise<Credentials> => {
    const expires = current.expiration?.getTime() ?? Infinity;
    if (expires - Date.now() > RENEW_BEFORE_MS) return current;
    renewing ??= assume().finally(() => (renewing = undefined));
    current = await renewing;
    return current;
  };
  return { account, credentials, close: () => sts.destroy() };
}
