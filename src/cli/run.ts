/**
 * How every command runs its action: input errors print one clear line and exit 2 (no stack trace);
 * anything else is a bug and says so, with the stack only under VPCREACH_DEBUG=1.
 */
import type { CommanderError } from "commander";
import { InputError } from "../model/errors.js";

export const EXIT_USAGE_OR_INPUT = 2;

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

/**
 * Wraps a command action so errors end the process with the right status and message.
 *
 * @param action - the command's body; it resolves to the exit status (0 when omitted)
 */
export function runAction<Args extends unknown[]>(
  action: (...args: Args) => Promise<number | void>,
): (...args: Args) => Promise<void> {
  return async (...args: Args) => {
    try {
      const status = await action(...args);
      process.exitCode = status ?? 0;
    } catch (error) {
      if (error instanceof InputError) {
        process.stderr.write(`vpcreach: ${error.message}\n`);
        process.exitCode = EXIT_USAGE_OR_INPUT;
        return;
      }
      const detail = error instanceof Error ? error.message : String(error);
      process.stderr.write(`vpcreach: internal error: ${detail}\n`);
      if (process.env.VPCREACH_DEBUG === "1" && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      else process.stderr.write("(set VPCREACH_DEBUG=1 for details, and please report it)\n");
      process.exitCode = 70;
    }
  };
}
