/**
 * How every command runs its action and writes its output: input errors print one clear line and
 * exit 2 (no stack trace); output that cannot be written (a full disk) prints one line and exits 74;
 * a reader that went away (`| head`) ends the command quietly; anything else is a bug and says so,
 * with the stack only under VPCREACH_DEBUG=1.
 */
import type { CommanderError } from "commander";
import { batches, type Piece } from "../fs/batches.js";
import { InputError } from "../model/errors.js";

export const EXIT_USAGE_OR_INPUT = 2;
/** The output could not be written (EX_IOERR in sysexits.h). */
export const EXIT_OUTPUT_ERROR = 74;
/** A bug (EX_SOFTWARE in sysexits.h). */
export const EXIT_INTERNAL_ERROR = 70;

/** stdout could not be written for a reason other than the reader going away. */
class OutputError extends Error {}

/** Set when the reader of stdout closed it: later output is dropped and long loops may stop. */
let outputClosed = false;

/**
 * True once the reader of stdout went away (e.g. `| head` read enough): commands that stream many
 * lines stop computing them.
 */
export function isOutputClosed(): boolean {
  return outputClosed;
}

/**
 * Writes to stdout and waits until the text is handed on, so memory stays flat on huge outputs and
 * every write error is seen here: EPIPE (reader gone) makes later writes no-ops; any other error
 * (ENOSPC, EIO) fails the command with exit status 74.
 *
 * @param text - what to print
 */
export function writeOut(text: string | Uint8Array): Promise<void> {
  if (outputClosed || text.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => {
      if (!error) return resolve();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EPIPE" || code === "ERR_STREAM_DESTROYED") {
        outputClosed = true;
        return resolve();
      }
      reject(new OutputError(`cannot write the output: ${error.message}`));
    });
  });
}

/**
 * Writes text given in pieces to stdout, about a megabyte per write, each write awaited (so a slow
 * reader holds the producer back and memory stays flat); stops early when the reader went away.
 *
 * @param pieces - the text in order, a piece or a list of pieces per item; a generator is only advanced as fast as stdout takes it
 */
export async function writeOutPieces(pieces: Iterable<Piece | readonly Piece[]>): Promise<void> {
  // Each batch is written (its callback called) before the next is asked for: one buffer serves all.
  for (const batch of batches(pieces, undefined, true)) {
    if (outputClosed) return;
    await writeOut(batch);
  }
}

/**
 * Writes a command's output in pieces: to `out` atomically when given, else to stdout.
 *
 * @param out - the `--out` file, if any
 * @param pieces - the text in order
 */
export async function writeOutput(out: string | undefined, pieces: Iterable<string | Uint8Array>): Promise<void> {
  // Imported here: a query, which never writes a file, should not load fs/promises and crypto at start-up.
  if (out !== undefined) await (await import("../fs/atomic-write.js")).writeFileAtomic(out, pieces);
  else await writeOutPieces(pieces);
}

/**
 * Makes commander's own usage errors (missing or invalid option, unknown option) exit with status 2,
 * not commander's default 1, which `query` uses for "not reachable". Set once on the program;
 * every command inherits it.
 *
 * @param error - the error commander raised; help and version exit 0 as usual
 */
export function exitOnUsageError(error: CommanderError): never {
  process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE_OR_INPUT);
}

/** File-system errors that mean the user named a path that cannot be written: a usage error. */
const PATH_ERRORS = new Set(["EACCES", "EPERM", "EROFS", "EISDIR", "ENOTDIR", "EEXIST", "ENAMETOOLONG"]);
/** File-system errors that mean the device failed the write. */
const DEVICE_ERRORS = new Set(["ENOSPC", "EDQUOT", "EIO", "EFBIG"]);

/** The status and the one line to print for an error a command threw. */
function failure(error: unknown): { status: number; line: string } {
  if (error instanceof InputError) return { status: EXIT_USAGE_OR_INPUT, line: error.message };
  if (error instanceof OutputError) return { status: EXIT_OUTPUT_ERROR, line: error.message };
  // Output paths are checked up front; these catch what changes meanwhile (a disk filling up).
  const { code, path } = error as NodeJS.ErrnoException;
  if (code !== undefined && path !== undefined && PATH_ERRORS.has(code)) return { status: EXIT_USAGE_OR_INPUT, line: `cannot write ${path}: ${code}` };
  if (code !== undefined && DEVICE_ERRORS.has(code)) return { status: EXIT_OUTPUT_ERROR, line: `cannot write the output${path ? ` ${path}` : ""}: ${code}` };
  const detail = error instanceof Error ? error.message : String(error);
  return { status: EXIT_INTERNAL_ERROR, line: `internal error: ${detail}` };
}

/**
 * Wraps a command action so errors end the process with the right status and message.
 *
 * @param action - the command's body; it resolves to the exit status (0 when omitted)
 */
export function runAction<Args extends unknown[]>(
  action: (...args: Args) => Promise<number | void>,
): (...args: Args) => Promise<void> {
  return async (...args: Args) => {
    // Write errors are handled where each write is awaited (writeOut); the stream's own 'error'
    // event must not crash the process with a stack trace.
    process.stdout.on("error", () => undefined);
    try {
      const status = await action(...args);
      process.exitCode = status ?? 0;
    } catch (error) {
      const { status, line } = failure(error);
      process.stderr.write(`vpcreach: ${line}\n`);
      if (status === EXIT_INTERNAL_ERROR) {
        if (process.env.VPCREACH_DEBUG === "1" && error instanceof Error) process.stderr.write(`${error.stack}\n`);
        else process.stderr.write("(set VPCREACH_DEBUG=1 for details, and please report it)\n");
      }
      process.exitCode = status;
    }
  };
}
