/**
 * `vpcreach check`: evaluates an intents file (what must hold) on a snapshot and prints the
 * violations with their proofs and fixes, as text, JSON, SARIF 2.1.0 or JUnit XML; under GitHub
 * Actions it also prints annotations on the intents file's lines.
 * Exit status: 0 every intent holds, 1 a violation (or failing finding, or expired suppression, or
 * under --strict an intent that selects no source or a selector that matches nothing), 3 only
 * unknown answers under --strict, 2 usage or input error.
 */
import { Option, type Command } from "commander";
import { createAnalyzer } from "../engine/index.js";
import { checkStatus, runCheck } from "../intents/evaluate.js";
import { loadIntents } from "../intents/parse.js";
import { checkToAnnotations, checkToJson, checkToJunit, checkToSarif } from "../report/check-output.js";
import { checkTextLines } from "../report/check-text.js";
import { jsonDocument } from "../report/json-chunks.js";
import { linePieces } from "../fs/batches.js";
import { checkOutputFile } from "../fs/output-file.js";
import { printable, printableDeep } from "../model/printable.js";
import { loadSnapshots, OUTPUT_EXTENSIONS, outOption, parseDate, snapshotOption, useColor } from "./options.js";
import { runAction, writeOutput } from "./run.js";
import { TOOL_VERSION } from "./version.js";

const FORMATS = ["text", "json", "sarif", "junit"] as const;
type Format = (typeof FORMATS)[number];

interface CheckCliOptions {
  snapshot: string[];
  intents: string;
  format: Format;
  strict?: boolean;
  out?: string;
  date?: string;
}

/**
 * Registers `vpcreach check`.
 *
 * @param program - the root command
 */
export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("Check an intents file (which workloads may or must reach what, and through what) against a snapshot.")
    .addOption(snapshotOption())
    .requiredOption("--intents <file>", "intents file, YAML or JSON (schema: data/intents.schema.json)")
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("text"))
    .option("--strict", "unknown answers fail the check (exit 3 when they are the only failures), and so do an intent that selects no source and a from/except selector that matches nothing (exit 1)")
    .addOption(outOption("<file>", "write the output to this file (atomically) instead of stdout"))
    .option("--date <YYYY-MM-DD>", "judge suppression expiry on this date instead of today (UTC)")
    .addHelpText(
      "after",
      `
Exit status: 0 every intent holds; 1 a violation, a failing finding or an expired suppression, or
under --strict an intent that selects no source or a from/except selector that matches nothing;
3 only unknown answers, under --strict; 2 usage or input error; 74 the output could not be written.
Under GitHub Actions (GITHUB_ACTIONS=true) failures are also printed as annotations on the intents
file's lines (on stdout with --format text, else on stderr).

Examples:
  $ vpcreach check --snapshot fixtures/ml-platform --intents fixtures/intents/ml-platform.yaml
  $ vpcreach check --snapshot snap.json --intents vpcreach.yaml --format sarif --out vpcreach.sarif
  $ vpcreach check --snapshot snap.json --intents vpcreach.yaml --format junit --out junit.xml --strict`,
    )
    .action(runAction(check));
}

/** The command's body; resolves to the exit status. */
async function check(options: CheckCliOptions): Promise<number> {
  const date = options.date === undefined ? undefined : parseDate(options.date);
  if (options.out !== undefined) await checkOutputFile(options.out, "--out", `vpcreach-check.${OUTPUT_EXTENSIONS[options.format]}`);
  const intents = await loadIntents(options.intents);
  const model = await loadSnapshots(options.snapshot);
  const result = runCheck(createAnalyzer(model), intents, date ? { today: date } : {});
  const strict = options.strict ?? false;
  const status = checkStatus(result, strict);
  const toStdout = options.out === undefined;
  // Every format is written in pieces: the proofs of a large estate's violations pass V8's longest string.
  const output: Record<Format, () => Iterable<string>> = {
    text: () => linePieces(checkTextLines(printableDeep(result), printable(model.source), { color: toStdout && useColor(process.stdout), strict })),
    json: () => jsonDocument(checkToJson(result, model.source, status)),
    sarif: () => jsonDocument(checkToSarif(result, strict, TOOL_VERSION)),
    junit: () => linePieces(checkToJunit(result, strict)),
  };
  await writeOutput(options.out, output[options.format]());
  if (process.env.GITHUB_ACTIONS === "true") {
    const annotations = checkToAnnotations(result, strict);
    (options.format === "text" && toStdout ? process.stdout : process.stderr).write(annotations);
  }
  return status;
}
