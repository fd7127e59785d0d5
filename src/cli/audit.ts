/**
 * `vpcreach audit`: every notebook (and with `--instances` every EC2 instance) against the internet,
 * S3, the SageMaker API and the SageMaker runtime, as a matrix with a reason per cell, then the
 * findings grouped by severity with their fixes. `--json` writes one `{ rows, findings }` object,
 * row by row, so a 10,000-notebook estate never becomes one giant string.
 * Exit status: 0; with `--fail-on SEVERITY`, 1 when a finding of that severity or worse exists;
 * 2 usage or input error.
 */
import { Option, type Command } from "commander";
import { startAudit, workloadSources, type AuditRun, type Finding } from "../engine/audit.js";
import { conflictSummary } from "../engine/doubts.js";
import { SEVERITIES, type Severity } from "../engine/findings/types.js";
import { createAnalyzer, STANDARD_DESTINATIONS } from "../engine/index.js";
import { auditToText, summarizeRow, type MatrixRow } from "../report/audit-text.js";
import { printableDeep } from "../model/printable.js";
import type { Piece } from "../fs/batches.js";
import { loadSnapshots, snapshotOption, useColor } from "./options.js";
import { isOutputClosed, runAction, writeOut, writeOutPieces } from "./run.js";

/** In text, findings of one rule beyond this many are listed by resource only (all are in --json). */
const FINDINGS_PER_RULE = 10;

interface AuditCliOptions {
  snapshot: string[];
  instances?: boolean;
  json?: boolean;
  failOn?: Exclude<Severity, "info">;
}

/**
 * Streams `{"rows":[…],"findings":[…]}`: one row per line, written as soon as it is computed, then
 * the findings.
 *
 * @param run - the audit, not yet iterated
 */
async function writeJson(run: AuditRun): Promise<Finding[]> {
  await writeOut('{"rows":[');
  await writeOutPieces(rowPieces(run));
  if (isOutputClosed()) return [];
  const findings = run.findings();
  await writeOut(`\n],\n"findings":${JSON.stringify(findings, null, 1)}}\n`);
  return findings;
}

/** The rows as JSON text, one per line, separated by commas (computed as they are written); each row's pieces as one list. */
function* rowPieces(run: AuditRun): Generator<Piece | Piece[]> {
  let separator = "\n";
  for (const row of run.rowsJson()) {
    yield separator;
    yield row;
    separator = ",\n";
  }
}

/**
 * The exit status for `--fail-on`: 1 when some finding is at least that severe.
 *
 * @param findings - the audit's findings
 * @param failOn - the threshold, if given
 */
export function failOnStatus(findings: readonly Finding[], failOn: Severity | undefined): number {
  if (!failOn) return 0;
  const limit = SEVERITIES.indexOf(failOn);
  return findings.some((finding) => SEVERITIES.indexOf(finding.severity) <= limit) ? 1 : 0;
}

/**
 * Registers `vpcreach audit`.
 *
 * @param program - the root command
 */
export function registerAudit(program: Command): void {
  program
    .command("audit")
    .description(
      "Check every notebook (and optionally every instance) against internet, s3, sagemaker-api and " +
        "sagemaker-runtime, and list security findings with their fixes.",
    )
    .addOption(snapshotOption())
    .option("--instances", "also audit every EC2 instance that is not terminated")
    .option("--json", "print one JSON object { rows, findings }")
    .addOption(
      new Option("--fail-on <severity>", "exit 1 when a finding of this severity or worse exists").choices([
        "high",
        "medium",
        "low",
      ]),
    )
    .addHelpText(
      "after",
      `
Cells: ✓ reachable (via the gateway or endpoint used), ✗ blocked (component and explanation code),
? unknown (what the snapshot does not say). Run \`vpcreach query\` on a cell for the full proof.

Exit status: 0 whatever the findings, unless --fail-on is given: then 1 when a finding of that
severity or worse exists (e.g. in CI: --fail-on high). 2 usage or input error, 74 the output could
not be written (e.g. a full disk). A reader that stops early (| head) ends the audit quietly.

Examples:
  $ vpcreach audit --snapshot fixtures/ml-platform
  $ vpcreach audit --snapshot snap.json --instances
  $ vpcreach audit --snapshot snap.json --json > audit.json
  $ vpcreach audit --snapshot snap.json --fail-on high`,
    )
    .action(runAction(audit));
}

/** The command's body: load, audit, print; resolves to the exit status. */
async function audit(options: AuditCliOptions): Promise<number> {
  const model = await loadSnapshots(options.snapshot);
  const run = startAudit(createAnalyzer(model), { instances: options.instances ?? false });
  if (options.json) return failOnStatus(await writeJson(run), options.failOn);

  const rows: MatrixRow[] = [];
  for (const row of run.rows()) rows.push(printableDeep(summarizeRow(row)));
  const findings = printableDeep(run.findings());
  const color = useColor(process.stdout);
  const notebooks = model.notebooks.size;
  const workloads = workloadSources(model).length;
  const instances = run.sources.length - notebooks - workloads;
  const conflicts = conflictSummary(model);
  const header =
    `Audit of ${model.source}: ${notebooks} notebook${notebooks === 1 ? "" : "s"}` +
    (workloads > 0 ? `, ${workloads} other SageMaker workload${workloads === 1 ? "" : "s"}` : "") +
    (options.instances ? `, ${instances} instance${instances === 1 ? "" : "s"}` : "") +
    ` × ${STANDARD_DESTINATIONS.length} destinations\n\n` +
    (conflicts ? `Warning: ${conflicts}\n\n` : "");
  const text = auditToText({ rows, destinations: STANDARD_DESTINATIONS, findings }, { color, perRule: FINDINGS_PER_RULE });
  await writeOut(header + text);
  return failOnStatus(findings, options.failOn);
}
