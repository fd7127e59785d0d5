/**
 * The options several commands share, declared once so every command spells them, describes them
 * and abbreviates them the same way (`-s` is --snapshot everywhere, `-f`/`-t` --from/--to, `-p`
 * --port, `-o` --out), and output settings.
 */
import { Option } from "commander";
import { checkPort } from "../engine/destination.js";
import { QUERY_PROTOCOLS } from "../engine/index.js";
import { InputError } from "../model/errors.js";
import type { Model } from "../model/types.js";
import { loadModels } from "../snapshot/load.js";
import { SOURCE_FORMS } from "../engine/workload-source.js";

/**
 * The `--snapshot` option every command reads: repeatable, each value a snapshot file, a describe-*
 * folder or file; several are merged into one model (several accounts, Regions or collections).
 *
 * `-s` is its short form on every command.
 */
export function snapshotOption(): Option {
  return new Option("-s, --snapshot <path>", "snapshot file, or folder of describe-* JSON; repeat to merge several (accounts, Regions)")
    .argParser(repeated)
    .makeOptionMandatory();
}

/**
 * Loads the `--snapshot` inputs as one model (`loadModels`) and prints on stderr the load warnings
 * about the input itself (a lone describe-* file: which folder to give), which every command shows.
 *
 * @param paths - the `--snapshot` values
 */
export async function loadSnapshots(paths: readonly string[]): Promise<Model> {
  const model = await loadModels(paths);
  for (const warning of model.warnings) if (warning.aboutInput) process.stderr.write(`warning: ${warning.message}\n`);
  return model;
}

/**
 * The argument parser of a repeatable option: every value given, in order.
 *
 * @param value - this occurrence's value
 * @param previous - the values before it
 */
export function repeated(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * `-f, --from <source>`.
 *
 * @param required - whether the command needs it (query) or draws a path only when given (diagram)
 */
export function fromOption(required: boolean): Option {
  const option = new Option("-f, --from <source>", SOURCE_FORMS);
  return required ? option.makeOptionMandatory() : option;
}

/**
 * `-t, --to <destination>`.
 *
 * @param required - whether the command needs it
 */
export function toOption(required: boolean): Option {
  const option = new Option(
    "-t, --to <destination>",
    "internet, s3, sagemaker-api, sagemaker-runtime, sagemaker (both), service:NAME, or an IPv4 address/CIDR (optionally :PORT); case is ignored",
  );
  return required ? option.makeOptionMandatory() : option;
}

/** `-p, --port <n>`, checked by `portOf` in the action so its error reads like every other port error. */
export function portOption(): Option {
  return new Option("-p, --port <n>", "destination port, 1-65535 (default 443)");
}

/** `--protocol <protocol>`. */
export function protocolOption(): Option {
  return new Option("--protocol <protocol>", "protocol (default tcp)").choices(QUERY_PROTOCOLS);
}

/** The file extension of each `--format` of check and diff, for the file name an `--out` error offers. */
export const OUTPUT_EXTENSIONS: Readonly<Record<"text" | "json" | "markdown" | "sarif" | "junit", string>> = {
  text: "txt",
  json: "json",
  markdown: "md",
  sarif: "sarif",
  junit: "xml",
};

/**
 * `-o, --out <path>`.
 *
 * @param what - the placeholder and description, e.g. `<dir>` and "output folder"
 */
export function outOption(placeholder: "<file>" | "<dir>", description: string): Option {
  return new Option(`-o, --out ${placeholder}`, description);
}

/**
 * The `--port` value as a number, with the wording every port error uses (see `checkPort`).
 *
 * @param port - the option's text, if given
 * @throws InputError unless an integer from 1 to 65535
 */
export function portOf(port: string | undefined): number | undefined {
  return port === undefined ? undefined : checkPort(port, `--port ${port}`);
}

/**
 * Whether to colour output for a stream: only on a terminal, and never when NO_COLOR is set.
 *
 * @param stream - where the text goes
 */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

/**
 * Parses `--date`: a calendar date, `YYYY-MM-DD`.
 *
 * @param value - the option's text
 */
export function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InputError(`--date must be a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}
