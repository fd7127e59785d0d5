/**
 * `vpcreach collect`: reads an account's network configuration from live AWS (read-only calls) into
 * a snapshot file every other command reads. The AWS SDK is imported only when this command runs.
 * Exit status: 0 complete, 4 written but incomplete (failed calls recorded), 2 nothing usable or a
 * usage error, 130 interrupted by Ctrl-C (143 by SIGTERM; no file written).
 */
import type { Command } from "commander";
import { InputError } from "../model/errors.js";
import { collectPolicy } from "../collect/policy.js";
import type { ProgressEvent } from "../collect/types.js";
import type { CollectError } from "../model/types.js";
import { EXIT_USAGE_OR_INPUT, runAction } from "./run.js";
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
}

/** @param program - the root command to add `collect` to */
export function registerCollect(program: Command): void {
  program
    .command("collect")
    .description("Read the network configuration of an AWS account (read-only API calls) into a snapshot file")
    .option("--profile <name>", "AWS profile from ~/.aws/config (default: the SDK's default credential chain)")
    .option("--regions <list>", "comma-separated Regions, or `all` for every enabled Region (default: the configured Region)")
    .option("--out <file>", "snapshot file to write (default: vpcreach-snapshot-<date>-<time>.json)")
    .option("--account <id>", "12-digit account id to record (default: read from the resources' OwnerId)")
    .option("--quiet", "no progress output on stderr")
    .option("--json", "print a JSON summary (file, Regions, counts, errors) on stdout")
    .option("--print-policy", "print the least-privilege IAM policy collect needs, and exit")
    .addHelpText(
      "after",
      `
Credentials come from the AWS SDK's default chain (environment, shared config and SSO profiles,
container and instance roles). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_EC2 / _SAGEMAKER are honoured.

Exit status: 0 complete; 4 written but incomplete (failed calls are listed in the snapshot and
commands reading it answer "unknown" where that data matters); 2 nothing usable (no credentials,
no Region, every call denied) or a usage error; 130 interrupted (no file written).

Examples:
  $ vpcreach collect --print-policy > vpcreach-policy.json
  $ vpcreach collect --profile prod --regions us-east-1,eu-west-1 --out prod.json
  $ vpcreach collect --regions all --quiet --json
  $ vpcreach query --snapshot prod.json --from research-notebook --to s3`,
    )
    .action(runAction(collectAction));
}

async function collectAction(flags: CollectFlags): Promise<number> {
  if (flags.printPolicy) {
    process.stdout.write(`${JSON.stringify(collectPolicy(), null, 2)}\n`);
    return 0;
  }
  if (flags.account !== undefined && !/^\d{12}$/.test(flags.account)) {
    throw new InputError(`--account: expected a 12-digit account id, got "${flags.account}"`);
  }
  const out = flags.out ?? defaultOutFile(new Date());
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
    const account = snapshot.sources[0]?.account;
    if (flags.json) {
      const summary = { out, account: account ?? null, regions: snapshot.regions, documents, complete: snapshot.errors.length === 0, errors: snapshot.errors };
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    } else {
      process.stdout.write(summaryText(out, account, snapshot.regions, documents, snapshot.errors));
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

function summaryText(out: string, account: string | undefined, regions: readonly string[], documents: number, errors: readonly CollectError[]): string {
  const lines = [
    `Wrote ${out}: account ${account ?? "unknown (pass --account)"}, ${regions.length} Region(s) (${regions.join(", ")}), ${documents} API outputs.`,
  ];
  if (errors.length === 0) {
    lines.push("Complete: every call succeeded.");
  } else {
    lines.push(`Incomplete: ${errors.length} call(s) failed; answers that depend on the missing data will be "unknown":`);
    for (const error of errors.slice(0, 20)) lines.push(`  ${error.region} ${error.service}:${error.operation} ${error.code}: ${error.message}`);
    if (errors.length > 20) lines.push(`  … and ${errors.length - 20} more (see "errors" in the snapshot)`);
    lines.push("Grant the missing permissions (vpcreach collect --print-policy) and collect again for a complete snapshot.");
  }
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
      case "regions":
        return line(`vpcreach: collecting ${event.regions.length} Region(s): ${event.regions.join(", ")}`);
      case "region-start":
        if (tty) return status(`[${event.index + 1}/${event.total}] ${event.region}: starting`);
        return line(`${event.region}: collecting (${event.index + 1} of ${event.total})`);
      case "task-done": {
        const count = event.items === undefined ? "failed" : String(event.items);
        if (tty) return status(`${bar(event.done, event.tasks)} ${event.region}: ${event.label} (${count})`);
        return line(`${event.region}: ${event.label}: ${count}`);
      }
      case "call-failed":
        return line(`${event.region}: ${event.service}:${event.operation} failed: ${event.code}: ${event.message}`);
      case "region-done":
        return line(`${event.region}: done, ${event.documents} API outputs, ${event.errors} failed call(s)`);
    }
  };
  return { onEvent, clear };
}

function bar(done: number, total: number): string {
  const width = 20;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`;
}
