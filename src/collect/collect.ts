/**
 * `collect`: reads the network configuration of one account — or of several, through an assumed
 * role — from live AWS into one snapshot (see src/snapshot/types.ts). It checks the credentials,
 * reaches the accounts (accounts.ts), resolves each account's Regions (the configured one, a list, or
 * every enabled Region via DescribeRegions), then runs the EC2 and SageMaker tasks of each account and
 * Region and the global tasks of each account (Route 53; IAM and S3 bucket policies unless identity is
 * off), a bounded number of scopes side by side, each with its own bounded number of requests in
 * flight (AWS throttles per account and Region); then, with the caller's credentials, the
 * Organization's policies and the accounts' places in it (identity-tasks.ts). Failed calls are
 * recorded in `errors` and the rest goes on; a Region that refuses the credentials ends only that
 * Region's collection. The scopes' results become one snapshot in assemble.ts.
 */
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { CollectError } from "../model/types.js";
import { InputError } from "../model/errors.js";
import {
  createEc2Client,
  createIamClient,
  createOrganizationsClient,
  createRoute53Client,
  createS3Client,
  createSageMakerClient,
  loadSdk,
  type ClientSettings,
  type ClientTarget,
  type Credentials,
  type Sdk,
} from "./sdk.js";
import { createLimiter, mapLimit } from "./limit.js";
import { CollectFailure, describeErrors, isAbort, summarizeError } from "./errors.js";
import { EC2_TASKS, type Task } from "./ec2-tasks.js";
import { SAGEMAKER_TASKS } from "./sagemaker-tasks.js";
import { GLOBAL_TASKS } from "./route53-tasks.js";
import { collectOrganization, IDENTITY_TASKS, type OrganizationContext } from "./identity-tasks.js";
import { sendBounded, type CallContext, type CallLimits, type GlobalContext, type IdentityContext, type RegionContext } from "./call.js";
import { detectAccount, roleAccount } from "./account.js";
import { assemble, type ScopeResult } from "./assemble.js";
import { assumeRole, organizationAccounts, organizationsRegion, validateAccounts, validateRoleName } from "./accounts.js";
import type { CollectOptions, CollectResult, MultiAccountOptions, ProgressEvent } from "./types.js";

const REGION_TASKS: readonly Task[] = [...EC2_TASKS, ...SAGEMAKER_TASKS];

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_PARALLEL = 4;
const DEFAULT_CONNECT_MS = 5_000;
const DEFAULT_REQUEST_MS = 30_000;
const DEFAULT_CALL_MS = 180_000;
const DEFAULT_MAX_PAGES = 10_000;
/** Accounts whose role is assumed at once. */
const PARALLEL_ASSUME = 4;
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

interface Run {
  sdk: Sdk;
  settings: ClientSettings;
  limits: CallLimits;
  concurrency: number;
  /** Collect the identity data (IAM, S3 bucket policies, Organizations policies). */
  identity: boolean;
  /** Aborts on the caller's signal and on a fatal error in any scope. */
  signal: AbortSignal;
  progress: (event: ProgressEvent) => void;
}

/** An account to collect, with the credentials that reach it (undefined: the caller's own). */
interface Target {
  account: string | undefined;
  credentials?: (() => Promise<Credentials>) | undefined;
  close?: (() => void) | undefined;
}

/** One unit of work: an account's Region, or its global services. */
interface Scope {
  target: Target;
  region: string;
  global: boolean;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new InputError(`${name}: expected a positive number, got ${value}`);
  return value;
}

/**
 * Collects a snapshot.
 *
 * @param options - Regions, profile, accounts, bounds, progress callback, cancel signal
 * @returns the snapshot and call counts; `snapshot.errors` lists every failed call
 * @throws CollectFailure when nothing usable can be collected (no credentials, no Region, every call failed)
 * @throws InputError for a malformed Region name, account id, role name or bound
 * @throws the AbortError when `options.signal` aborts
 */
export async function collect(options: CollectOptions): Promise<CollectResult> {
  const createdAt = new Date().toISOString();
  const explicit = options.regions === undefined || options.regions === "all" ? [] : validateRegions(options.regions);
  const multi = options.multiAccount && validateMultiAccount(options.multiAccount, options.account);
  const limits: CallLimits = {
    callMs: positive(options.callTimeoutMs, DEFAULT_CALL_MS, "call timeout"),
    maxPages: positive(options.maxPages, DEFAULT_MAX_PAGES, "page bound"),
  };
  const requestMs = positive(options.requestTimeoutMs, DEFAULT_REQUEST_MS, "request timeout");
  const timeouts = { connectMs: positive(options.connectTimeoutMs, Math.min(DEFAULT_CONNECT_MS, requestMs), "connect timeout"), requestMs };
  const sdk = await loadSdk();
  // Stops the other scopes when one meets a fatal error, and follows the caller's signal.
  const internal = new AbortController();
  const onAbort = () => internal.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  const run: Run = {
    sdk,
    settings: { profile: options.profile, timeouts, configureClient: options.configureClient },
    limits,
    concurrency: positive(options.concurrency, DEFAULT_CONCURRENCY, "concurrency"),
    identity: options.identity ?? true,
    signal: internal.signal,
    progress: options.onProgress ?? (() => undefined),
  };
  try {
    const home = createEc2Client(sdk, run.settings, { region: explicit[0] });
    let targets: Target[] = [];
    try {
      await checkCredentials(home, options.profile);
      const homeRegion = explicit[0] ?? (await configuredRegion(home));
      const access = multi ? await reachAccounts(run, multi, homeRegion ?? "us-east-1") : { targets: [{ account: options.account }], errors: [] };
      targets = access.targets;
      const planned = await planScopes(run, targets, options.regions === "all" ? "all" : explicit, homeRegion, multi !== undefined);
      const errors = [...access.errors, ...planned.errors];
      if (planned.scopes.length === 0) throw new CollectFailure(`nothing collected: no account could be reached (${describeErrors(errors)}); no snapshot written`);
      run.progress({ type: "regions", regions: regionsOf(planned.scopes) });
      const total = planned.scopes.length;
      const parallel = positive(options.parallel, DEFAULT_PARALLEL, "parallel");
      const results = await mapLimit(planned.scopes, parallel, (scope, index) => collectScope(run, scope, index, total));
      if (run.identity) results.push(await collectOrganizationScope(run, results, options, homeRegion ?? "us-east-1"));
      return assemble(options, createdAt, results, errors);
    } finally {
      home.destroy();
      for (const target of targets) target.close?.();
    }
  } catch (error) {
    internal.abort(error);
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
}

function validateRegions(regions: readonly string[]): string[] {
  const names = [...new Set(regions.map((region) => region.trim()).filter((region) => region !== ""))];
  if (names.length === 0) throw new InputError("--regions: give Region names (e.g. us-east-1,eu-west-1) or all");
  for (const name of names) {
    if (!REGION_NAME.test(name)) throw new InputError(`--regions: "${name}" is not a Region name (e.g. us-east-1)`);
  }
  return names;
}

function validateMultiAccount(multi: MultiAccountOptions, account: string | undefined): MultiAccountOptions {
  if (account !== undefined) throw new InputError("--account names the account of a single-account collection; with --role-name each account's id is known");
  return { roleName: validateRoleName(multi.roleName), accounts: multi.accounts === "organization" ? "organization" : validateAccounts(multi.accounts) };
}

/** Fails early, with advice, when the credential chain finds nothing (the secret is never shown). */
async function checkCredentials(client: EC2Client, profile: string | undefined): Promise<void> {
  try {
    await client.config.credentials();
  } catch (error) {
    const { message } = summarizeError(error);
    const where = profile === undefined ? "" : ` for profile "${profile}"`;
    throw new CollectFailure(
      `no AWS credentials found${where} (${message}); use --profile or AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ` +
        "`aws sso login`, or an instance role",
    );
  }
}

async function configuredRegion(home: EC2Client): Promise<string | undefined> {
  try {
    return (await home.config.region()) || undefined;
  } catch {
    return undefined;
  }
}

/** A context for calls outside any collected scope (STS, Organizations, DescribeRegions). */
function controlContext(run: Run, region: string, account: string | undefined): CallContext {
  return {
    account,
    region,
    sdk: run.sdk,
    limit: createLimiter(run.concurrency),
    limits: run.limits,
    signal: run.signal,
    refused: undefined,
    refuse: () => undefined,
    errors: [],
    stats: { succeeded: 0, failed: 0 },
    progress: run.progress,
  };
}

/** The accounts of a multi-account collection, each with an assumed role; failures recorded. */
async function reachAccounts(run: Run, multi: MultiAccountOptions, region: string): Promise<{ targets: Target[]; errors: CollectError[] }> {
  const ctx = controlContext(run, region, undefined);
  const accounts = multi.accounts === "organization" ? await organizationAccounts(run.sdk, run.settings, ctx) : multi.accounts;
  run.progress({ type: "accounts", accounts });
  const assumed = await mapLimit(accounts, PARALLEL_ASSUME, (account) => assumeRole(run.sdk, run.settings, ctx, account, multi.roleName));
  const targets: Target[] = [];
  const errors: CollectError[] = [];
  for (const result of assumed) {
    if ("error" in result) {
      errors.push(result.error);
      run.progress({ type: "call-failed", ...result.error });
    } else targets.push(result);
  }
  return { targets, errors };
}

/** Every account's Regions, then its global scope; an account whose Regions cannot be listed is recorded (several accounts) or fatal (one). */
async function planScopes(
  run: Run,
  targets: Target[],
  regions: string[] | "all",
  homeRegion: string | undefined,
  multi: boolean,
): Promise<{ scopes: Scope[]; errors: CollectError[] }> {
  const scopes: Scope[] = [];
  const errors: CollectError[] = [];
  for (const target of targets) {
    let names: string[];
    try {
      names = regions === "all" ? await enabledRegions(run, target, homeRegion) : regions.length > 0 ? regions : [requireRegion(homeRegion)];
    } catch (error) {
      if (!multi || !(error instanceof CollectFailure)) throw error;
      errors.push({ account: target.account, region: homeRegion ?? "us-east-1", service: "ec2", operation: "DescribeRegions", code: "RegionsUnknown", message: error.message });
      continue;
    }
    scopes.push(...names.map((region) => ({ target, region, global: false })), { target, region: homeRegion ?? names[0] ?? "us-east-1", global: true });
  }
  return { scopes, errors };
}

function requireRegion(region: string | undefined): string {
  if (region) return region;
  throw new CollectFailure("no AWS Region configured: pass --regions us-east-1,… or --regions all, or set AWS_REGION or a region in your profile");
}

/** Every Region enabled for the target's account (DescribeRegions, asked in the home Region or us-east-1). */
async function enabledRegions(run: Run, target: Target, homeRegion: string | undefined): Promise<string[]> {
  const region = homeRegion ?? "us-east-1";
  const client = createEc2Client(run.sdk, run.settings, { region, credentials: target.credentials });
  try {
    const output = await sendBounded(controlContext(run, region, target.account), (options) => client.send(new run.sdk.ec2.DescribeRegionsCommand({}), options));
    const listed = Array.isArray(output.Regions) ? (output.Regions as { RegionName?: unknown }[]) : [];
    const names = listed.map((entry) => entry.RegionName).filter((name): name is string => typeof name === "string" && name !== "");
    if (names.length === 0) throw new CollectFailure("DescribeRegions returned no Regions; pass --regions explicitly");
    return names.sort();
  } catch (error) {
    if (error instanceof CollectFailure || isAbort(error)) throw error;
    const { code, message } = summarizeError(error);
    const whose = target.account ? ` in ${target.account}` : "";
    throw new CollectFailure(`--regions all: ec2:DescribeRegions${whose} failed (${code}: ${message}); pass --regions r1,r2 instead`);
  } finally {
    client.destroy();
  }
}

function regionsOf(scopes: readonly Scope[]): string[] {
  return [...new Set(scopes.filter((scope) => !scope.global).map((scope) => scope.region))].sort();
}

function scopeLabel(account: string | undefined, region: string, global: boolean, identity: boolean): string {
  const where = global ? `global (${identity ? "Route 53, IAM, S3" : "Route 53"})` : region;
  return account ? `${account}/${where}` : where;
}

/** A fresh context for one scope: its own limiter, and a signal that also stops when it refuses the credentials. */
function scopeContext(run: Run, scope: Scope): CallContext {
  const controller = new AbortController();
  const follow = () => controller.abort(run.signal.reason);
  if (run.signal.aborted) follow();
  else run.signal.addEventListener("abort", follow, { once: true });
  const ctx: CallContext = {
    account: scope.target.account,
    region: scope.global ? "global" : scope.region,
    sdk: run.sdk,
    limit: createLimiter(run.concurrency),
    limits: run.limits,
    signal: controller.signal,
    refused: undefined,
    refuse: (summary) => {
      if (ctx.refused) return;
      ctx.refused = summary;
      run.progress({ type: "region-refused", scope: scopeLabel(scope.target.account, scope.region, scope.global, run.identity), code: summary.code, message: summary.message });
      controller.abort(summary);
    },
    errors: [],
    stats: { succeeded: 0, failed: 0 },
    progress: run.progress,
  };
  return ctx;
}

/** Runs a scope's tasks; documents keep the task order so snapshots are reproducible. */
async function collectScope(run: Run, scope: Scope, index: number, total: number): Promise<ScopeResult> {
  const base = scopeContext(run, scope);
  const client: ClientTarget = { region: scope.region, credentials: scope.target.credentials };
  const label = scopeLabel(scope.target.account, scope.region, scope.global, run.identity);
  if (scope.global && run.identity) {
    // The same object, not a copy: `refuse` marks the context it was made with.
    const ctx: IdentityContext = Object.assign(base, {
      route53: createRoute53Client(run.sdk, run.settings, client),
      iam: createIamClient(run.sdk, run.settings, client),
      s3: createS3Client(run.sdk, run.settings, client),
    });
    try {
      return await runTasks(run, ctx, [...GLOBAL_TASKS, ...IDENTITY_TASKS], label, index, total, scope);
    } finally {
      ctx.route53.destroy();
      ctx.iam.destroy();
      ctx.s3.destroy();
    }
  }
  if (scope.global) {
    const ctx: GlobalContext = Object.assign(base, { route53: createRoute53Client(run.sdk, run.settings, client) });
    try {
      return await runTasks(run, ctx, GLOBAL_TASKS, label, index, total, scope);
    } finally {
      ctx.route53.destroy();
    }
  }
  const ctx: RegionContext = Object.assign(base, {
    ec2: createEc2Client(run.sdk, run.settings, client),
    sagemaker: createSageMakerClient(run.sdk, run.settings, client),
  });
  try {
    return await runTasks(run, ctx, REGION_TASKS, label, index, total, scope);
  } finally {
    ctx.ec2.destroy();
    ctx.sagemaker.destroy();
  }
}

async function runTasks<Context extends CallContext>(
  run: Run,
  ctx: Context,
  tasks: readonly Task<Context>[],
  label: string,
  index: number,
  total: number,
  scope: Scope,
): Promise<ScopeResult> {
  run.progress({ type: "region-start", scope: label, index, total, tasks: tasks.length });
  let done = 0;
  const results = await Promise.all(
    tasks.map(async (task) => {
      const result = await task.run(ctx);
      done += 1;
      run.progress({ type: "task-done", scope: label, label: task.label, items: result.items, done, tasks: tasks.length });
      return result;
    }),
  );
  const documents = results.flatMap((result) => result.documents);
  const files = results.flatMap((result) => result.files ?? []);
  run.progress({ type: "region-done", scope: label, documents: documents.length + files.length, errors: ctx.errors.length });
  // ctx.refused is set by a call (through ctx.refuse) while the tasks run.
  return { account: scope.target.account, region: scope.region, global: scope.global, documents, files, errors: ctx.errors, ...ctx.stats, refused: ctx.refused };
}

/** The accounts whose place in the Organization to read: the collected ones, or the one the documents name. */
function collectedAccounts(results: readonly ScopeResult[], options: CollectOptions): string[] {
  const known = [...new Set(results.flatMap((result) => (result.account === undefined ? [] : [result.account])))];
  if (known.length > 0) return known.sort();
  const detected = options.account ?? detectAccount(results.flatMap((result) => result.documents)) ?? roleAccount(results.flatMap((result) => result.files));
  return detected === undefined ? [] : [detected];
}

/**
 * The Organization's policies and the collected accounts' places in it, read once with the caller's
 * credentials after the Regions (the walk needs the accounts' ids).
 */
async function collectOrganizationScope(run: Run, results: readonly ScopeResult[], options: CollectOptions, homeRegion: string): Promise<ScopeResult> {
  const scope: Scope = { target: { account: undefined }, region: homeRegion, global: true };
  const base = scopeContext(run, scope);
  const ctx: OrganizationContext = Object.assign(base, { organizations: createOrganizationsClient(run.sdk, run.settings, organizationsRegion(homeRegion)) });
  const accounts = collectedAccounts(results, options);
  const task = {
    label: "Organizations policies",
    run: async (context: OrganizationContext) => {
      const files = await collectOrganization(context, accounts);
      return { documents: [], files, items: files.filter((file) => file.path.includes("/describe-policy-")).length };
    },
  };
  try {
    const result = await runTasks(run, ctx, [task], "organization", results.length, results.length + 1, scope);
    return { ...result, organization: true };
  } finally {
    ctx.organizations.destroy();
  }
}

