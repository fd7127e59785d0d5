/**
 * `vpcreach diff`: what changed between two snapshots (or a snapshot and the next one): verdicts that
 * changed with both proofs and the configuration change behind each, new and resolved findings, the
 * monthly cost per VPC before and after, and with `--intents` the intents that broke. Text, JSON,
 * Markdown (for a pull-request comment) or SARIF.
 * Exit status: 0, or 1 when an intent that held now breaks; 2 usage or input error.
 */
import { Option, type Command } from "commander";
import { trafficFromOptions } from "../cost/traffic.js";
import { diffModels } from "../diff/diff.js";
import { createAnalyzer } from "../engine/index.js";
import { linePieces } from "../fs/batches.js";
import { loadIntents } from "../intents/parse.js";
import { diffMarkdownLines, diffTextLines, diffToSarif } from "../report/diff-render.js";
import { jsonDocument } from "../report/json-chunks.js";
import { checkOutputFile } from "../fs/output-file.js";
import { printableDeep } from "../model/printable.js";
import { loadSnapshots, OUTPUT_EXTENSIONS, outOption, parseDate, repeated } from "./options.js";
import { runAction, writeOutput } from "./run.js";
import { TOOL_VERSION } from "./version.js";

const FORMATS = ["text", "json", "markdown", "sarif"] as const;
type Format = (typeof FORMATS)[number];

interface DiffCliOptions {
  before: string[];
  after: string[];
  intents?: string;
  format: Format;
  instances?: boolean;
  traffic?: string;
  trafficFile?: string;
  out?: string;
  date?: string;
}

/**
 * Registers `vpcreach diff`.
 *
 * @param program - the root command
 */
export function registerDiff(program: Command): void {
  program
    .command("diff")
    .description("Show what changed between two snapshots: verdicts (with the configuration change behind each), findings and cost.")
    .addOption(new Option("--before <path>", "the earlier snapshot (file or folder); repeat to merge several, as --snapshot").argParser(repeated).makeOptionMandatory())
    .addOption(
      new Option("--after <path>", "the later snapshot (file or folder); repeat to merge several, as --snapshot (a Terraform plan after a snapshot is laid over it)")
        .argParser(repeated)
        .makeOptionMandatory(),
    )
    .option("--intents <file>", "an intents file: exit 1 when an intent that held now breaks")
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("text"))
    .option("--instances", "also compare every EC2 instance")
    .option("--traffic <spec>", "GB/month per VPC holding notebooks for the cost delta, e.g. internet=200,s3=1000")
    .option("--traffic-file <file>", "YAML or JSON traffic assumptions for the cost delta (as `vpcreach cost`)")
    .addOption(outOption("<file>", "write the output to this file (atomically) instead of stdout"))
    .option("--date <YYYY-MM-DD>", "judge suppression expiry in the intents file on this date instead of today (UTC)")
    .addHelpText(
      "after",
      `
Compares every notebook (and with --instances every instance) against internet, s3, sagemaker-api and
sagemaker-runtime on both sides; a verdict counts as changed when it is reached or blocked differently
(the verdict, the gateways and endpoints crossed, where it is blocked, whether an endpoint URL is needed).

--before and --after each take what --snapshot takes, repeated to merge several inputs: a Terraform plan
given after a snapshot (--after live/ --after plan.json) is laid over it (the plan's updates replace the
collected records, its deletions remove them, its creations are added).

Exit status: 0; 1 when --intents is given and an intent answer that held (or did not exist) is now violated;
2 usage or input error; 74 the output could not be written.

Examples:
  $ vpcreach diff --before fixtures/ml-platform --after fixtures/nat-notebook
  $ vpcreach diff --before live.json --after next.json --intents vpcreach.yaml --format markdown --out comment.md
  $ vpcreach diff --before live.json --after next.json --format sarif --out diff.sarif
  $ vpcreach diff --before live/ --after live/ --after plan.json --format markdown   # what a Terraform plan changes`,
    )
    .action(runAction(diff));
}

/** The command's body; resolves to the exit status. */
async function diff(options: DiffCliOptions): Promise<number> {
  const today = options.date === undefined ? undefined : parseDate(options.date);
  if (options.out !== undefined) await checkOutputFile(options.out, "--out", `vpcreach-diff.${OUTPUT_EXTENSIONS[options.format]}`);
  const traffic = trafficFromOptions(options);
  const intents = options.intents === undefined ? undefined : await loadIntents(options.intents);
  const before = createAnalyzer(await loadSnapshots(options.before));
  const after = createAnalyzer(await loadSnapshots(options.after));
  const result = diffModels(before, after, {
    instances: options.instances ?? false,
    cost: { traffic },
    ...(intents ? { intents } : {}),
    ...(today ? { today } : {}),
  });
  // Every format is written in pieces: both proofs of each changed verdict of a large estate pass V8's longest string.
  const output: Record<Format, () => Iterable<string>> = {
    text: () => linePieces(diffTextLines(printableDeep(result))),
    json: () => jsonDocument(result),
    markdown: () => linePieces(diffMarkdownLines(result)),
    sarif: () => jsonDocument(diffToSarif(result, TOOL_VERSION)),
  };
  await writeOutput(options.out, output[options.format]());
  return (result.intents?.broken.length ?? 0) > 0 ? 1 : 0;
}
