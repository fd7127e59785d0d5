/**
 * `vpcreach query`: can SRC reach DST? Loads the snapshot, asks the engine once, and prints the
 * verdict as text (path table, block, fix, endpoint URL) or, with `--json`, as exactly one Verdict
 * object. Exit status: 0 reachable, 1 not reachable, 3 undetermined, 2 usage or input error.
 */
import type { Command } from "commander";
import { expandDestination } from "../engine/destination.js";
import { checkIdentity, identityTarget } from "../engine/identity.js";
import { createAnalyzer, type QueryProtocol } from "../engine/index.js";
import type { Verdict, VerdictKind } from "../engine/verdict.js";
import { InputError } from "../model/errors.js";
import { verdictToText } from "../report/verdict-text.js";
import { printableDeep } from "../model/printable.js";
import { runAction, writeOut } from "./run.js";
import { fromOption, loadSnapshots, portOf, portOption, protocolOption, snapshotOption, toOption, useColor } from "./options.js";

/** Exit status per verdict, as DESIGN.md fixes it. */
export const EXIT_BY_VERDICT: Record<VerdictKind, number> = { reachable: 0, unreachable: 1, unknown: 3 };

interface QueryOptions {
  snapshot: string[];
  from: string;
  to: string;
  port?: string;
  protocol?: QueryProtocol;
  json?: boolean;
  action?: string;
  resource?: string;
}

/**
 * Rejects option combinations the engine cannot answer meaningfully.
 *
 * @returns the port, checked
 */
function checkCombination(options: QueryOptions): number | undefined {
  const port = portOf(options.port);
  if (port !== undefined && (options.protocol === "icmp" || options.protocol === "all")) {
    throw new InputError(`--port ${port}: applies to tcp and udp only, not to --protocol ${options.protocol}`);
  }
  const inline = /:(\d+)$/.exec(options.to);
  if (inline && port !== undefined && Number(inline[1]) !== port) {
    throw new InputError(`--to ${options.to}: names port ${inline[1]} but --port says ${port}; give one`);
  }
  return port;
}

/** The least favourable of several verdicts' exit statuses: not reachable, then unknown, then reachable. */
function combinedStatus(verdicts: readonly Verdict[]): number {
  const kinds = new Set(verdicts.map((v) => v.verdict));
  const worst: VerdictKind = kinds.has("unreachable") ? "unreachable" : kinds.has("unknown") ? "unknown" : "reachable";
  return EXIT_BY_VERDICT[worst];
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
    .addOption(fromOption(true))
    .addOption(toOption(true))
    .addOption(portOption())
    .addOption(protocolOption())
    .option("--json", "print the verdict as one JSON object (an array of two for --to sagemaker)")
    .option("--action <action>", "also check the IAM, endpoint, bucket and organization policies for this action (e.g. s3:GetObject) on the proven path")
    .option("--resource <arn>", "the resource of --action: an ARN, or endpoint/NAME for SageMaker (with --to s3://BUCKET/KEY it is implied)")
    .addHelpText(
      "after",
      `
--to sagemaker asks for the SageMaker API and the runtime, and exits with the less favourable answer.
Exit status: 0 reachable, 1 not reachable, 3 undetermined (unknown), 2 usage or input error,
74 the output could not be written.

Examples:
  $ vpcreach query --snapshot fixtures/ml-platform --from research-notebook --to s3
  $ vpcreach query --snapshot fixtures/ml-platform --from research-notebook --to sagemaker-runtime
  $ vpcreach query --snapshot snap.json --from eni-0abc1234 --to 10.20.0.15:5432
  $ vpcreach query --snapshot snap.json --from i-0abc1234 --to internet --protocol udp --port 123
  $ vpcreach query --snapshot snap.json --from notebook/etl --to service:sts --json | jq .verdict
  $ vpcreach query --snapshot fixtures/ml-platform --from west-inference-notebook --to s3://ml-west-models/model.tar.gz --action s3:GetObject
  $ vpcreach query --snapshot snap.json --from etl --to sagemaker-runtime --action sagemaker:InvokeEndpoint --resource endpoint/churn
  $ vpcreach query --snapshot fixtures/sagemaker-workloads --from job/churn-training --to s3
  $ vpcreach query --snapshot acct-a --snapshot acct-b --from job/111122223333/us-east-1/churn-training --to s3
    (a name used in several accounts or Regions is given as ACCOUNT/REGION/NAME)
  $ vpcreach query --snapshot fixtures/sagemaker-workloads --from user/research-studio/alice --to internet`,
    )
    .action(
      runAction(async (options: QueryOptions) => {
        const port = checkCombination(options);
        const target = identityTarget(options.to, options.resource);
        if (target.resource !== undefined && options.action === undefined) {
          throw new InputError(`${options.to !== target.to ? `--to ${options.to}` : "--resource"} names a resource: give --action (e.g. --action s3:GetObject) to check the policies too, or --to ${target.to} for the network alone.`);
        }
        if (options.action !== undefined && target.resource === undefined) {
          throw new InputError("--action needs a resource: --to s3://BUCKET/KEY, or --resource ARN (endpoint/NAME for SageMaker).");
        }
        const destinations = expandDestination(target.to);
        const model = await loadSnapshots(options.snapshot);
        const analyzer = createAnalyzer(model);
        const verdicts: Verdict[] = [];
        for (const to of destinations) {
          const network = analyzer.query({
            from: options.from,
            to,
            ...(options.protocol !== undefined && { protocol: options.protocol }),
            ...(port !== undefined && { port }),
          });
          verdicts.push(options.action && target.resource ? await checkIdentity(model, network, { action: options.action, resourceArn: target.resource }) : network);
        }
        const color = useColor(process.stdout);
        const json = verdicts.length === 1 ? verdicts[0] : verdicts;
        await writeOut(options.json ? `${JSON.stringify(json, null, 2)}\n` : verdicts.map((v) => verdictToText(printableDeep(v), { color })).join("\n"));
        return combinedStatus(verdicts);
      }),
    );
}
