/**
 * `vpcreach collect`: reads an account's (or several accounts') network configuration from live AWS
 * (read-only calls) into a snapshot file every other command reads. The AWS SDK is imported only
 * when this command runs. `--out` is checked before any call. Exit status: 0 complete, 4 written but
 * incomplete (failed calls, Regions refusing the credentials, accounts not reached: all recorded and
 * named), 2 nothing usable or a usage error, 130 interrupted by Ctrl-C (143 by SIGTERM; no file written).
 */
import type { Command } from "commander";
import { InputError } from "../model/errors.js";
import { collectPolicy } from "../collect/policy.js";
import type { CollectResult, MultiAccountOptions, ProgressEvent, RefusedScope } from "../collect/types.js";
import { checkOutputFile } from "../fs/output-file.js";
import type { CollectError } from "../model/types.js";
import { outOption } from "./options.js";
import { EXIT_USAGE_OR_INPUT, runAction, writeOut } from "./run.js";
import { TOOL_VERSION } from "./version.js";

export const EXIT_INCOMPLETE = 4;
const EXIT_INTERRUPTED = 130;
const EXIT_TERMINATED = 143;

interface CollectFlags {
  profile?: string;
  regions?: string;
  out?: string;
  account?: string;
  quiet?: boolean;
  json?: boolean;
  printPolicy?: boolean;
  /** False with --no-identity. */
  identity: boolean;
  roleName?: string;
  accounts?: string;
  organization?: boolean;
  concurrency?: string;
  parallel?: string;
  requestTimeout?: string;
  callTimeout?: string;
}

/** @param program - the root command to add `collect` to */
export function registerCollect(program: Command): void {
  program
    .command("collect")
    .description("Read the network, SageMaker and Route 53 configuration of one AWS account or several (read-only API calls) into a snapshot file.")
    .option("--profile <name>", "AWS profile from ~/.aws/config (default: the SDK's default credential chain)")
    .option("--regions <list>", "comma-separated Regions, or `all` for every enabled Region (default: the configured Region)")
    .addOption(outOption("<file>", "snapshot file to write (default: vpcreach-snapshot-<date>-<time>.json)"))
    .option("--account <id>", "12-digit account id to record (default: read from the resources' OwnerId)")
    .option("--role-name <name>", "collect several accounts: the IAM role to assume in each (with --accounts or --organization)")
    .option("--accounts <list>", "comma-separated 12-digit account ids to collect through --role-name")
    .option("--organization", "collect every active account of the AWS Organization through --role-name")
    .option("--concurrency <n>", "requests in flight per account and Region", "4")
    .option("--parallel <n>", "accounts/Regions collected side by side", "4")
    .option("--request-timeout <seconds>", "per attempt: time to connect and to the answer's start, and the longest silence in it", "30")
    .option("--call-timeout <seconds>", "per API call, every retry included", "180")
    .option("--quiet", "no progress output on stderr")
    .option("--json", "print a JSON summary (file, Regions, counts, errors) on stdout")
    .option("--no-identity", "skip the identity data (IAM roles and policies, S3 bucket policies, Organizations SCPs/RCPs)")
    .option("--print-policy", "print the least-privilege IAM policy collect needs, and exit")
    .addHelpText(
      "after",
      `
Credentials come from the AWS SDK's default chain (environment, shared config and SSO profiles,
container and instance roles). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_EC2 / _SAGEMAKER are honoured.

Exit status: 0 complete; 4 written but incomplete (failed calls, Regions that refused the
credentials, accounts whose role could not be assumed: listed in the snapshot, and commands reading
it answer "unknown" where that data matters); 2 nothing usable (no credentials, no Region, every call
denied) or a usage error (including an --out that cannot be written); 74 the snapshot could not be
written (a full disk); 130 interrupted, 143 terminated (no file written).

Examples:
  $ vpcreach collect --print-policy > vpcreach-policy.json
  $ vpcreach collect --profile prod --regions us-east-1,eu-west-1 --out prod.json
  $ vpcreach collect --regions all --quiet --json
  $ vpcreach collect --role-name vpcreach-collect --accounts 111122223333,444455556666 --regions all
  $ vpcreach collect --role-name vpcreach-collect --organization --print-policy
  $ vpcreach collect --no-identity --print-policy
  $ vpcreach query --snapshot prod.json --from research-notebook --to s3`,
    )
    .action(runAction(collectAction));
}

function multiAccountOf(flags: CollectFlags): MultiAccountOptions | undefined {
  if (flags.roleName === undefined) {
    if (flags.accounts !== undefined || flags.organization) throw new InputError("--accounts and --organization need --role-name (the role to assume in each account)");
    return undefined;
  }
  if (flags.organization && flags.accounts !== undefined) throw new InputError("give --accounts or --organization, not both");
  if (!flags.organization && flags.accounts === undefined) throw new InputError("--role-name needs --accounts a,b,… or --organization");
  return { roleName: flags.roleName, accounts: flags.organization ? "organization" : (flags.accounts ?? "").split(",") };
}

function positiveNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new InputError(`${flag}: expected a positive number, got "${text}"`);
  return value;
}

async function collectAction(flags: CollectFlags): Promise<number> {
  const multiAccount = multiAccountOf(flags);
  if (flags.printPolicy) {
    // The policy goes to stdout only: an --out given with it would silently stay unwritten.
    if (flags.out !== undefined) throw new InputError(`--print-policy prints the policy on stdout and collects nothing, so --out ${flags.out} would not be written: redirect instead (> ${flags.out})`);
    const access = multiAccount && { roleName: multiAccount.roleName, organization: multiAccount.accounts === "organization" };
    await writeOut(`${JSON.stringify(collectPolicy(access, flags.identity), null, 2)}\n`);
    return 0;
  }
  if (flags.account !== undefined && !/^\d{12}$/.test(flags.account)) {
    throw new InputError(`--account: expected a 12-digit account id, got "${flags.account}"`);
  }
  const bounds = {
    concurrency: positiveNumber(flags.concurrency, "--concurrency"),
    parallel: positiveNumber(flags.parallel, "--parallel"),
    requestTimeoutMs: (positiveNumber(flags.requestTimeout, "--request-timeout") ?? 30) * 1000,
    callTimeoutMs: (positiveNumber(flags.callTimeout, "--call-timeout") ?? 180) * 1000,
  };
  const out = flags.out ?? defaultOutFile(new Date());
  // Before minutes of collecting: a folder, a read-only file or an unwritable place is a usage error now.
  await checkOutputFile(out, "--out", "snapshot.json");
  const regions = flags.regions === undefined ? undefined : flags.regions.trim() === "all" ? "all" : flags.regions.split(",");
  const progress = flags.quiet ? undefined : createProgress(process.stderr);
  const controller = new AbortController();
  let writing = false;
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupted = true;
    // While the atomic write runs, let it finish: the file is then complete, never partial.
    if (writing) return;
    controller.abort();
    progress?.clear();
    process.stderr.write("vpcreach: interrupted; no snapshot written\n");
    process.exit(signal === "SIGTERM" ? EXIT_TERMINATED : EXIT_INTERRUPTED);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    // Lazy: the SDK is loaded only here, so other commands start fast.
    const { collect } = await import("../collect/collect.js");
    const { CollectFailure } = await import("../collect/errors.js");
    let result;
    try {
      result = await collect({
        regions,
        profile: flags.profile,
        account: flags.account,
        multiAccount,
        identity: flags.identity,
        ...bounds,
        onProgress: progress?.onEvent,
        signal: controller.signal,
        toolVersion: TOOL_VERSION,
      });
    } catch (error) {
      progress?.clear();
      if (error instanceof CollectFailure) {
        process.stderr.write(`vpcreach: ${error.message}\n`);
        return EXIT_USAGE_OR_INPUT;
      }
      throw error;
    }
    progress?.clear();
    const { writeSnapshotFile } = await import("../snapshot/file.js");
    writing = true;
    await writeSnapshotFile(out, result.snapshot);
    writing = false;
    const { snapshot } = result;
    const documents = snapshot.sources.reduce((sum, source) => sum + source.documents.length, 0);
    const accounts = [...new Set(snapshot.sources.map((source) => source.account).filter((account): account is string => account !== undefined))].sort();
    if (flags.json) {
      const summary = {
        out,
        account: accounts.length === 1 ? accounts[0] : null,
        accounts,
        regions: snapshot.regions,
        documents,
        complete: snapshot.errors.length === 0,
        refusedRegions: result.refused,
        unreachableAccounts: result.unreachableAccounts,
        errors: snapshot.errors,
      };
      await writeOut(`${JSON.stringify(summary, null, 2)}\n`);
    } else {
      await writeOut(summaryText(out, accounts, documents, result));
    }
    if (interrupted) {
      process.stderr.write(`vpcreach: interrupted after the snapshot was completely written to ${out}\n`);
      return EXIT_INTERRUPTED;
    }
    return snapshot.errors.length === 0 ? 0 : EXIT_INCOMPLETE;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/**
 * `vpcreach-snapshot-YYYYMMDD-HHMMSS.json` in UTC, so repeated collections never overwrite each other.
 *
 * @param now - the time to name the file after
 */
export function defaultOutFile(now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return `vpcreach-snapshot-${stamp}.json`;
}

function errorLine(error: CollectError): string {
  const where = error.account ? `${error.account} ${error.region}` : error.region;
  return `  ${where} ${error.service}:${error.operation} ${error.code}: ${error.message}`;
}

function refusedLine(scope: RefusedScope, severalAccounts: boolean): string {
  const where = severalAccounts && scope.account ? `${scope.region} in ${scope.account}` : scope.region;
  return `  Region ${where} refused the credentials (${scope.code}: ${scope.message}): the Region is not enabled for the account, or an SCP blocks it; what it holds is missing`;
}

function summaryText(out: string, accounts: readonly string[], documents: number, result: CollectResult): string {
  const { snapshot, refused, unreachableAccounts } = result;
  const who = accounts.length === 0 ? "account unknown (pass --account)" : accounts.length === 1 ? `account ${accounts[0]}` : `${accounts.length} accounts`;
  const lines = [`Wrote ${out}: ${who}, ${snapshot.regions.length} Region(s) (${snapshot.regions.join(", ")}), ${documents} API outputs.`];
  if (snapshot.errors.length === 0) {
    lines.push("Complete: every call succeeded.");
    return `${lines.join("\n")}\n`;
  }
  lines.push(`Incomplete: ${snapshot.errors.length} call(s) failed; answers that depend on the missing data will be "unknown":`);
  for (const account of unreachableAccounts) lines.push(`  account ${account}: the role could not be assumed; nothing collected there`);
  lines.push(...refused.map((scope) => refusedLine(scope, accounts.length > 1)));
  // A refusing Region's calls are summed up by its line above.
  const isRefused = (error: CollectError) => refused.some((scope) => scope.region === error.region && scope.account === error.account);
  const others = snapshot.errors.filter((error) => !isRefused(error) && !(error.operation === "AssumeRole" && unreachableAccounts.includes(String(error.account))));
  for (const error of others.slice(0, 20)) lines.push(errorLine(error));
  if (others.length > 20) lines.push(`  … and ${others.length - 20} more (see "errors" in the snapshot)`);
  if (others.length > 0) lines.push("Grant the missing permissions (vpcreach collect --print-policy) and collect again for a complete snapshot.");
  if (refused.length > 0) lines.push("Enable the Region for the account (or lift the SCP), or leave it out of --regions.");
  return `${lines.join("\n")}\n`;
}

interface Progress {
  onEvent: (event: ProgressEvent) => void;
  /** Removes the live line (TTY) before other output. */
  clear: () => void;
}

/**
 * Progress on stderr: one live line on a terminal, plain lines otherwise (logs, CI).
 *
 * @param stream - where to write (stderr)
 */
function createProgress(stream: NodeJS.WriteStream): Progress {
  const tty = stream.isTTY === true;
  let live = "";
  const clear = (): void => {
    if (tty && live) stream.write("\r\x1b[2K");
    live = "";
  };
  const line = (text: string): void => {
    clear();
    stream.write(`${text}\n`);
  };
  const status = (text: string): void => {
    if (!tty) return;
    const width = Math.max(20, (stream.columns || 80) - 1);
    live = text.length > width ? `${text.slice(0, width - 1)}…` : text;
    stream.write(`\r\x1b[2K${live}`);
  };
  const onEvent = (event: ProgressEvent): void => {
    switch (event.type) {
      case "accounts":
        return line(`vpcreach: collecting ${event.accounts.length} account(s): ${event.accounts.join(", ")}`);
      case "regions":
        return line(`vpcreach: collecting ${event.regions.length} Region(s): ${event.regions.join(", ")}`);
      case "region-start":
        if (tty) return status(`[${event.index + 1}/${event.total}] ${event.scope}: starting`);
        return line(`${event.scope}: collecting (${event.index + 1} of ${event.total})`);
      case "task-done": {
        const count = event.items === undefined ? "failed" : String(event.items);
        if (tty) return status(`${bar(event.done, event.tasks)} ${event.scope}: ${event.label} (${count})`);
        return line(`${event.scope}: ${event.label}: ${count}`);
      }
      case "call-failed":
        return line(`${event.account ? `${event.account}/` : ""}${event.region}: ${event.service}:${event.operation} failed: ${event.code}: ${event.message}`);
      case "region-refused":
        return line(`${event.scope}: refused the credentials (${event.code}); the Region is not enabled for the account or an SCP blocks it; stopping there`);
      case "region-done":
        return line(`${event.scope}: done, ${event.documents} API outputs, ${event.errors} failed call(s)`);
    }
  };
  return { onEvent, clear };
}

function bar(done: number, total: number): string {
  const width = 20;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`;
}
