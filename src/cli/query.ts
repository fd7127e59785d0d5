/**
 * `vpcreach query`: can SRC reach DST? Loads the snapshot, asks the engine once, and prints the
 * verdict as text (path table, block, fix, endpoint URL) or, with `--json`, as exactly one Verdict
 * object. Exit status: 0 reachable, 1 not reachable, 3 undetermined, 2 usage or input error.
 */
import { Option, type Command } from "commander";
import { checkIdentity, identityTarget } from "../engine/identity.js";
import { createAnalyzer, QUERY_PROTOCOLS, type QueryProtocol } from "../engine/index.js";
import type { VerdictKind } from "../engine/verdict.js";
import { InputError } from "../model/errors.js";
import { verdictToText } from "../report/verdict-text.js";
import { loadModels } from "../snapshot/load.js";
import { runAction } from "./run.js";
import { parsePort, snapshotOption, useColor } from "./options.js";

/** Exit status per verdict, as DESIGN.md fixes it. */
export const EXIT_BY_VERDICT: Record<VerdictKind, number> = { reachable: 0, unreachable: 1, unknown: 3 };

interface QueryOptions {
  snapshot: string[];
  from: string;
  to: string;
  port?: number;
  protocol?: QueryProtocol;
  json?: boolean;
  action?: string;
  resource?: string;
}

/** Rejects option combinations the engine cannot answer meaningfully. */
function checkCombination(options: QueryOptions): void {
  if (options.port !== undefined && (options.protocol === "icmp" || options.protocol === "all")) {
    throw new InputError(`--port applies to tcp and udp only, not to --protocol ${options.protocol}.`);
  }
  const inline = /:(\d+)$/.exec(options.to);
  if (inline && options.port !== undefined && Number(inline[1]) !== options.port) {
    throw new InputError(`--to ${options.to} names port ${inline[1]} but --port says ${options.port}: give one.`);
  }
}

/**
 * Registers `vpcreach query`.
 *
 * @param program - the root command
 */
export function registerQuery(program: Command): void {
  program
    .command("query")
    .description("Prove whether a source can reach a destination, with the route or rule behind every hop.")
    .addOption(snapshotOption())
    .requiredOption("--from <source>", "notebook name, notebook/NAME, eni-…, i-…")
    .requiredOption(
      "--to <destination>",
      "internet, s3, sagemaker-api, sagemaker-runtime, service:NAME, or an IPv4 address/CIDR (optionally :PORT)",
    )
    .option("--port <n>", "destination port, 1-65535 (default 443)", parsePort)
    .addOption(new Option("--protocol <protocol>", "protocol (default tcp)").choices(QUERY_PROTOCOLS))
    .option("--json", "print the verdict as one JSON object")
    .option("--action <action>", "also check the IAM, endpoint, bucket and organization policies for this action (e.g. s3:GetObject) on the proven path")
    .option("--resource <arn>", "the resource of --action: an ARN, or endpoint/NAME for SageMaker (with --to s3://BUCKET/KEY it is implied)")
    .addHelpText(
      "after",
      `
Exit status: 0 reachable, 1 not reachable, 3 undetermined (unknown), 2 usage or input error.

Examples:
  $ vpcreach query --snapshot fixtures/ml-platform --from research-notebook --to s3
  $ vpcreach query --snapshot fixtures/ml-platform --from research-notebook --to sagemaker-runtime
  $ vpcreach query --snapshot snap.json --from eni-0abc1234 --to 10.20.0.15:5432
  $ vpcreach query --snapshot snap.json --from i-0abc1234 --to internet --protocol udp --port 123
  $ vpcreach query --snapshot snap.json --from notebook/etl --to service:sts --json | jq .verdict
  $ vpcreach query --snapshot fixtures/ml-platform --from west-inference-notebook --to s3://ml-west-models/model.tar.gz --action s3:GetObject
  $ vpcreach query --snapshot snap.json --from etl --to sagemaker-runtime --action sagemaker:InvokeEndpoint --resource endpoint/churn`,
    )
    .action(
      runAction(async (options: QueryOptions) => {
        checkCombination(options);
        const target = identityTarget(options.to, options.resource);
        if (target.resource !== undefined && options.action === undefined) {
          throw new InputError(`${options.to !== target.to ? `--to ${options.to}` : "--resource"} names a resource: give --action (e.g. --action s3:GetObject) to check the policies too, or --to ${target.to} for the network alone.`);
        }
        if (options.action !== undefined && target.resource === undefined) {
          throw new InputError("--action needs a resource: --to s3://BUCKET/KEY, or --resource ARN (endpoint/NAME for SageMaker).");
        }
        const model = await loadModels(options.snapshot);
        const network = createAnalyzer(model).query({
          from: options.from,
          to: target.to,
          ...(options.protocol !== undefined && { protocol: options.protocol }),
          ...(options.port !== undefined && { port: options.port }),
        });
        const verdict = options.action && target.resource ? await checkIdentity(model, network, { action: options.action, resourceArn: target.resource }) : network;
        process.stdout.write(
          options.json ? `${JSON.stringify(verdict, null, 2)}\n` : verdictToText(verdict, { color: useColor(process.stdout) }),
        );
        return EXIT_BY_VERDICT[verdict.verdict];
      }),
    );
}
