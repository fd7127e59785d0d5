/**
 * Option parsing and output settings shared by several commands.
 */
import { InvalidArgumentError, Option } from "commander";
import { InputError } from "../model/errors.js";

/**
 * Parses `--port`: an integer from 1 to 65535, nothing else (no `443.0`, no `0x1bb`).
 *
 * @param value - the option's text
 */
export function parsePort(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new InvalidArgumentError("--port must be an integer from 1 to 65535.");
  return port;
}

/**
 * The `--snapshot` option every command reads: repeatable, each value a snapshot file, a describe-*
 * folder or file; several are merged into one model (several accounts, Regions or collections).
 *
 * @param flags - the flags, `--snapshot <path>` unless a command adds a short form
 */
export function snapshotOption(flags = "--snapshot <path>"): Option {
  return new Option(flags, "snapshot file, or folder of describe-* JSON; repeat to merge several (accounts, Regions)")
    .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .makeOptionMandatory();
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
