/**
 * `vpcreach diagram`: draws the network as a Mermaid flowchart (Region › VPC › AZ › subnet, routes as
 * labelled edges), or with `--view hub` each transit gateway with its route tables and the VPCs
 * attached to it, or, with `--from/--to`, the engine's answer on it (the proven path highlighted, or
 * the blocking hop in red with its code and rule). Without `--out` it prints the Mermaid source; with
 * `--out` the extension picks the format: .mmd, .md, .svg or .png (the last two render in Chromium).
 */
import { InvalidArgumentError, Option, type Command } from "commander";
import { createAnalyzer, type QueryProtocol } from "../engine/index.js";
import { conflictSummary } from "../engine/doubts.js";
import { InputError } from "../model/errors.js";
import { indexModel } from "../model/indexes.js";
import { architectureDiagram, hubDiagram, pathDiagram, writeDiagrams, formatOf, DEFAULT_COLLAPSE_THRESHOLD } from "../diagram/index.js";
import { checkOutputFile } from "../fs/output-file.js";
import { fromOption, loadSnapshots, outOption, portOf, portOption, protocolOption, snapshotOption, toOption } from "./options.js";
import { runAction, writeOut } from "./run.js";

interface DiagramOptions {
  snapshot: string[];
  vpc?: string;
  view?: View;
  tgw?: string;
  from?: string;
  to?: string;
  port?: string;
  protocol?: QueryProtocol;
  out?: string;
  collapse?: number;
}

/** The whole-network views; the path view is asked for with --from/--to. */
const VIEWS = ["architecture", "hub"] as const;
type View = (typeof VIEWS)[number];

/** `--collapse`: a whole number of subnets, 1 or more. */
function parseCollapse(value: string): number {
  const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1)) throw new InvalidArgumentError("--collapse must be a whole number of at least 1.");
  return n;
}

/**
 * Rejects option combinations and unusable output paths before any file is read.
 *
 * @returns the port, checked
 */
async function checkOptions(options: DiagramOptions): Promise<number | undefined> {
  const port = portOf(options.port);
  if (options.out !== undefined) {
    await checkOutputFile(options.out, "--out", "network.mmd");
    formatOf(options.out);
  }
  if ((options.from === undefined) !== (options.to === undefined)) {
    throw new InputError("--from and --to go together: give both to draw a path, or neither to draw the architecture.");
  }
  if (options.from === undefined && (options.port !== undefined || options.protocol !== undefined)) {
    throw new InputError("--port and --protocol apply to a path: add --from and --to.");
  }
  if (options.from !== undefined && options.vpc !== undefined) {
    throw new InputError("--vpc draws one VPC's architecture; a path diagram (--from/--to) already shows the VPCs the path crosses. Give one or the other.");
  }
  if (options.from !== undefined && (options.view !== undefined || options.tgw !== undefined)) {
    throw new InputError("--view and --tgw choose a whole-network view; --from/--to draws a path. Give one or the other.");
  }
  if (options.tgw !== undefined && options.view === "architecture") {
    throw new InputError("--tgw picks the transit gateway of the hub view: use --view hub (or leave --view out).");
  }
  if (options.vpc !== undefined && (options.view === "hub" || options.tgw !== undefined)) {
    throw new InputError("--vpc draws one VPC's architecture; the hub view draws transit gateways (pick one with --tgw). Give one or the other.");
  }
  return port;
}

/**
 * Registers `vpcreach diagram`.
 *
 * @param program - the root command
 */
export function registerDiagram(program: Command): void {
  program
    .command("diagram")
    .description("Draw the network as a Mermaid diagram, or the path (or block) between a source and a destination.")
    .addOption(snapshotOption())
    .addOption(new Option("--view <view>", "architecture: Region › VPC › AZ › subnet (default); hub: each transit gateway with its route tables and attached VPCs").choices(VIEWS))
    .option("--vpc <id>", "draw only this VPC")
    .option("--tgw <id>", "hub view of only this transit gateway (implies --view hub)")
    .addOption(fromOption(false))
    .addOption(toOption(false))
    .addOption(portOption())
    .addOption(protocolOption())
    .addOption(outOption("<file>", "write to FILE.mmd (source), FILE.md (```mermaid block), FILE.svg or FILE.png (rendered)"))
    .option("--collapse <n>", `draw runs of more than N similar subnets in an AZ as one box (default ${DEFAULT_COLLAPSE_THRESHOLD})`, parseCollapse)
    .addHelpText(
      "after",
      `
Without --out the Mermaid source is printed. .svg and .png need Chromium or Chrome: set
PUPPETEER_EXECUTABLE_PATH, or install one (Debian: apt-get install chromium).
Exit status: 0 drawn, 2 usage or input error, 74 the output could not be written.

Examples:
  $ vpcreach diagram --snapshot fixtures/ml-platform
  $ vpcreach diagram --snapshot fixtures/ml-platform --vpc vpc-093445840aeaf1291 --out network.svg
  $ vpcreach diagram --snapshot fixtures/ml-platform --out network.md
  $ vpcreach diagram --snapshot fixtures/hub-and-spoke --view hub --out hub.svg
  $ vpcreach diagram --snapshot fixtures/hub-and-spoke --from spoke-a-research --to internet --out spoke.svg
  $ vpcreach diagram --snapshot fixtures/ml-platform --from research-notebook --to s3 --out path.png
  $ vpcreach diagram --snapshot snap.json --from i-0abc1234 --to 10.20.0.15 --port 5432 --out db.mmd`,
    )
    .action(
      runAction(async (options: DiagramOptions) => {
        const port = await checkOptions(options);
        const model = await loadSnapshots(options.snapshot);
        const conflicts = conflictSummary(model);
        // stdout holds the diagram only; the warning goes beside it.
        if (conflicts) process.stderr.write(`warning: ${conflicts}\n`);
        let mermaid: string;
        let title: string;
        if (options.from !== undefined && options.to !== undefined) {
          const analyzer = createAnalyzer(model);
          const verdict = analyzer.query({
            from: options.from,
            to: options.to,
            ...(options.protocol !== undefined && { protocol: options.protocol }),
            ...(port !== undefined && { port }),
          });
          mermaid = pathDiagram(analyzer.index, verdict, { collapseThreshold: options.collapse });
          title = `${options.from} → ${options.to}: ${verdict.verdict}`;
        } else if (options.view === "hub" || options.tgw !== undefined) {
          mermaid = hubDiagram(indexModel(model), { tgwId: options.tgw });
          title = options.tgw ? `Transit gateway hub ${options.tgw}` : "Transit gateway hubs";
        } else {
          mermaid = architectureDiagram(indexModel(model), { vpcId: options.vpc, collapseThreshold: options.collapse });
          title = options.vpc ? `Network diagram of ${options.vpc}` : "Network diagram";
        }
        if (options.out === undefined) {
          await writeOut(mermaid);
          return 0;
        }
        await writeDiagrams([{ mermaid, outFile: options.out, title }]);
        await writeOut(`wrote ${options.out}\n`);
        return 0;
      }),
    );
}
