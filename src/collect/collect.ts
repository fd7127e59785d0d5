/**
 * `collect`: reads one account's network configuration from live AWS into a snapshot (see
 * src/snapshot/types.ts). It checks the credentials, resolves the Regions (the configured one, a
 * list, or every enabled Region via DescribeRegions), then runs the EC2 and SageMaker tasks of each
 * Region with bounded concurrency. Failed calls are recorded in `errors` and the rest goes on.
 */
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { CollectError } from "../model/types.js";
import { InputError } from "../model/errors.js";
import { SNAPSHOT_FORMAT_VERSION, type SnapshotSource } from "../snapshot/types.js";
import { createEc2Client, createSageMakerClient, loadSdk, type ClientSettings, type Sdk } from "./sdk.js";
import { createLimiter, mapLimit, type Limiter } from "./limit.js";
import { CollectFailure, summarizeError } from "./errors.js";
import { EC2_TASKS, type Task } from "./ec2-tasks.js";
import { SAGEMAKER_TASKS } from "./sagemaker-tasks.js";
import type { RegionContext } from "./call.js";
import { detectAccount } from "./account.js";
import type { CollectOptions, CollectResult, ProgressEvent } from "./types.js";

const TASKS: readonly Task[] = [...EC2_TASKS, ...SAGEMAKER_TASKS];

/** Regions collected side by side; requests are bounded separately by the limiter. */
const PARALLEL_REGIONS = 2;
const DEFAULT_CONCURRENCY = 4;
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

interface Run {
  sdk: Sdk;
  settings: ClientSettings;
  limit: Limiter;
  requestOptions: { abortSignal?: AbortSignal };
  progress: (event: ProgressEvent) => void;
}

/**
 * Collects a snapshot.
 *
 * @param options - Regions, profile, account override, progress callback, cancel signal
 * @returns the snapshot and call counts; `snapshot.errors` lists every failed call
 * @throws CollectFailure when nothing usable can be collected (no credentials, no Region, every call failed)
 * @throws InputError for a malformed Region name
 * @throws the AbortError when `options.signal` aborts
 */
export async function collect(options: CollectOptions): Promise<CollectResult> {
  const createdAt = new Date().toISOString();
  const explicit = options.regions === undefined || options.regions === "all" ? [] : validateRegions(options.regions);
  const sdk = await loadSdk();
  // Stops the other Regions when one meets a fatal error, and follows the caller's signal.
  const internal = new AbortController();
  const onAbort = () => internal.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  const run: Run = {
    sdk,
    settings: { profile: options.profile, configureClient: options.configureClient },
    limit: createLimiter(options.concurrency ?? DEFAULT_CONCURRENCY),
    requestOptions: { abortSignal: internal.signal },
    progress: options.onProgress ?? (() => undefined),
  };
  try {
    const home = createEc2Client(sdk, run.settings, explicit[0]);
    try {
      await checkCredentials(home, options.profile);
      const regions = explicit.length > 0 ? explicit : await resolveRegions(run, home, options.regions === "all");
      run.progress({ type: "regions", regions });
      const results = await mapLimit(regions, PARALLEL_REGIONS, (region, index) => collectRegion(run, region, index, regions.length));
      return assemble(options, createdAt, regions, results);
    } finally {
      home.destroy();
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

/** The configured Region, or every enabled Region when `all`. */
async function resolveRegions(run: Run, home: EC2Client, all: boolean): Promise<string[]> {
  let configured: string | undefined;
  try {
    configured = await home.config.region();
  } catch {
    configured = undefined;
  }
  if (!all) {
    if (!configured) {
      throw new CollectFailure("no AWS Region configured: pass --regions us-east-1,… or --regions all, or set AWS_REGION or a region in your profile");
    }
    return [configured];
  }
  const client = configured ? home : createEc2Client(run.sdk, run.settings, "us-east-1");
  try {
    const output = await run.limit(() => client.send(new run.sdk.ec2.DescribeRegionsCommand({}), run.requestOptions));
    const names = (output.Regions ?? []).map((region) => region.RegionName).filter((name): name is string => !!name);
    if (names.length === 0) throw new CollectFailure("DescribeRegions returned no Regions; pass --regions explicitly");
    return names.sort();
  } catch (error) {
    if (error instanceof CollectFailure || (error instanceof Error && error.name === "AbortError")) throw error;
    const { code, message } = summarizeError(error);
    throw new CollectFailure(`--regions all: ec2:DescribeRegions failed (${code}: ${message}); pass --regions r1,r2 instead`);
  } finally {
    if (client !== home) client.destroy();
  }
}

interface RegionResult {
  region: string;
  documents: unknown[];
  errors: CollectError[];
  succeeded: number;
  failed: number;
}

/** Runs every task of one Region; documents keep the task order so snapshots are reproducible. */
async function collectRegion(run: Run, region: string, index: number, total: number): Promise<RegionResult> {
  const ctx: RegionContext = {
    region,
    sdk: run.sdk,
    ec2: createEc2Client(run.sdk, run.settings, region),
    sagemaker: createSageMakerClient(run.sdk, run.settings, region),
    limit: run.limit,
    requestOptions: run.requestOptions,
    errors: [],
    stats: { succeeded: 0, failed: 0 },
    progress: run.progress,
  };
  run.progress({ type: "region-start", region, index, total, tasks: TASKS.length });
  try {
    let done = 0;
    const results = await Promise.all(
      TASKS.map(async (task) => {
        const result = await task.run(ctx);
        done += 1;
        run.progress({ type: "task-done", region, label: task.label, items: result.items, done, tasks: TASKS.length });
        return result;
      }),
    );
    const documents = results.flatMap((result) => result.documents);
    run.progress({ type: "region-done", region, documents: documents.length, errors: ctx.errors.length });
    return { region, documents, errors: ctx.errors, ...ctx.stats };
  } finally {
    ctx.ec2.destroy();
    ctx.sagemaker.destroy();
  }
}

function assemble(options: CollectOptions, createdAt: string, regions: string[], results: RegionResult[]): CollectResult {
  const succeeded = results.reduce((sum, result) => sum + result.succeeded, 0);
  const failed = results.reduce((sum, result) => sum + result.failed, 0);
  const errors = results.flatMap((result) => result.errors);
  if (results.every((result) => result.documents.length === 0)) {
    const first = errors
      .slice(0, 3)
      .map((error) => `${error.region} ${error.service}:${error.operation}: ${error.code}: ${error.message}`)
      .join("; ");
    throw new CollectFailure(`nothing collected: every API call failed${first ? ` (${first})` : ""}; no snapshot written`);
  }
  const account = options.account ?? detectAccount(results.flatMap((result) => result.documents));
  const sources: SnapshotSource[] = results.map((result) => ({ account, region: result.region, documents: result.documents }));
  return {
    snapshot: {
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      tool: { name: "vpcreach", version: options.toolVersion },
      createdAt,
      regions,
      sources,
      errors: errors.map((error) => ({ ...error, account })),
    },
    succeeded,
    failed,
  };
}
