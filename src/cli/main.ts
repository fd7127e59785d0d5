#!/usr/bin/env node
/**
 * The `vpcreach` command line: one file per command under src/cli/, registered here. This folder is
 * the only code that reads argv, prints, or sets the exit status.
 */
import { Command } from "commander";
import { registerInspect } from "./inspect.js";
import { registerQuery } from "./query.js";
import { registerAudit } from "./audit.js";
import { registerCollect } from "./collect.js";
import { registerDiagram } from "./diagram.js";
import { registerCost } from "./cost.js";
import { registerReport } from "./report.js";
import { TOOL_VERSION } from "./version.js";
import { exitOnUsageError } from "./run.js";

const program = new Command();
program
  .name("vpcreach")
  .description(
    "Prove whether SageMaker notebooks and other AWS workloads can reach the internet, S3 and the " +
      "SageMaker API/runtime, with the route or rule behind every hop; draw the network; price the egress.",
  )
  .version(TOOL_VERSION)
  .showHelpAfterError()
  .exitOverride(exitOnUsageError)
  .addHelpText(
    "after",
    `
Examples:
  $ vpcreach inspect --snapshot fixtures/ml-platform
  $ vpcreach query --snapshot fixtures/ml-platform --from research-notebook --to s3
  $ vpcreach audit --snapshot fixtures/ml-platform
  $ vpcreach report --snapshot fixtures/ml-platform --out reports/example`,
  );

registerCollect(program);
registerInspect(program);
registerQuery(program);
registerAudit(program);
registerDiagram(program);
registerCost(program);
registerReport(program);

await program.parseAsync(process.argv);
