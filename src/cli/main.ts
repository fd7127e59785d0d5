#!/usr/bin/env node
/**
 * The `vpcreach` command line: one file per command under src/cli/, registered here. This folder is
 * the only code that reads argv, prints, or sets the exit status.
 */
import type { Command } from "commander";
import { VpcreachCommand } from "./command.js";
import { TOOL_VERSION } from "./version.js";
import { exitOnUsageError } from "./run.js";
import { setModelCache } from "../snapshot/cache.js";

const program = new VpcreachCommand();
program
  .name("vpcreach")
  .description(
    "Prove whether SageMaker notebooks and other AWS workloads can reach the internet, S3 and the " +
      "SageMaker API/runtime, with the route or rule behind every hop; draw the network; price the egress.",
  )
  .version(TOOL_VERSION)
  // A usage error is one line in the form of every other error, and a pointer to the help: the whole
  // help text after it pushed the error itself off a small terminal.
  .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, "vpcreach: ")) })
  .showHelpAfterError("(add --help for the options and examples)")
  .exitOverride(exitOnUsageError)
  .option("--no-cache", "do not read or write the snapshot cache ($XDG_CACHE_HOME/vpcreach/models)")
  .hook("preAction", () => setModelCache(program.opts<{ cache: boolean }>().cache))
  .addHelpText(
    "after",
    `
Examples:
  $ vpcreach inspect --snapshot fixtures/ml-platform
  $ vpcreach query --snapshot fixtures/ml-platform --from research-notebook --to s3
  $ vpcreach audit --snapshot fixtures/ml-platform
  $ vpcreach report --snapshot fixtures/ml-platform --out reports/example`,
  );

/**
 * Each command's module, loaded on demand: `vpcreach query` should not pay for loading the diagram,
 * cost and report code (a single query must feel instant). Help and unknown commands load them all.
 */
const COMMANDS: Record<string, () => Promise<(program: Command) => void>> = {
  collect: async () => (await import("./collect.js")).registerCollect,
  inspect: async () => (await import("./inspect.js")).registerInspect,
  query: async () => (await import("./query.js")).registerQuery,
  audit: async () => (await import("./audit.js")).registerAudit,
  diagram: async () => (await import("./diagram.js")).registerDiagram,
  cost: async () => (await import("./cost.js")).registerCost,
  report: async () => (await import("./report.js")).registerReport,
  check: async () => (await import("./check.js")).registerCheck,
  diff: async () => (await import("./diff.js")).registerDiff,
};

/** Options of the program itself that may come before the command name and take no value. */
const GLOBAL_FLAGS = new Set(["--no-cache"]);

/**
 * The command this invocation runs, when it names one: the first argument after any global flags
 * (`vpcreach --no-cache query …` runs query). Undefined for help, the version and unknown commands.
 *
 * @param args - the arguments after `node vpcreach`
 */
function requestedCommand(args: readonly string[]): string | undefined {
  const name = args.find((arg) => !GLOBAL_FLAGS.has(arg));
  return name !== undefined && name in COMMANDS ? name : undefined;
}

/** Registers the commands this invocation needs, then runs the one asked for. */
async function main(): Promise<void> {
  const requested = requestedCommand(process.argv.slice(2));
  const needed = requested !== undefined ? [requested] : Object.keys(COMMANDS);
  for (const name of needed) {
    const register = await COMMANDS[name]!();
    register(program);
  }
  await program.parseAsync(process.argv);
}

// No top-level await: the bundled CLI (scripts/bundle) is a CommonJS file, which cannot have one.
void main();
