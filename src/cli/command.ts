/**
 * The commander `Command` every vpcreach command is made of. Commander 14 checks required options
 * before unknown ones, so `audit --snapshto X` said "required option --snapshot not specified" and
 * hid the typo that caused it; here an unknown option is reported first, with commander's own
 * did-you-mean.
 */
import { Command, type ParseOptionsResult } from "commander";

/** Commander's own report of an unknown option (with its suggestion); in its JS, not its typings. */
interface UnknownOptionReporter {
  unknownOption(flag: string): void;
}

/** Commander's help flags (vpcreach keeps them as they are). */
const HELP_FLAGS = new Set(["-h", "--help"]);

/** A commander `Command` that reports an unknown option before a missing required one. */
export class VpcreachCommand extends Command {
  /** Subcommands are made of this class too (commander's documented way to customise them). */
  override createCommand(name?: string): Command {
    return new VpcreachCommand(name);
  }

  /**
   * Parses as commander does, then, on a command that runs an action (no subcommands), reports the
   * first unknown option before commander gets to its required-option check. A help flag among the
   * unknown arguments is left to commander, which shows the help.
   *
   * @param args - the command's arguments
   */
  override parseOptions(args: string[]): ParseOptionsResult {
    const parsed = super.parseOptions(args);
    const [first] = parsed.unknown;
    const helpAsked = parsed.unknown.some((arg) => HELP_FLAGS.has(arg));
    if (this.commands.length === 0 && first !== undefined && first.startsWith("-") && !helpAsked) {
      (this as unknown as UnknownOptionReporter).unknownOption(first);
    }
    return parsed;
  }
}
