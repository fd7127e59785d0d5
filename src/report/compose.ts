/**
 * Gathers everything a report shows, as data: the audit (every notebook × the four standard
 * destinations, with the findings), one hub diagram per transit gateway and one architecture diagram
 * per VPC, one proof per matrix cell (its
 * anchor and a focused path diagram: only what the path crosses), and the cost estimate with its
 * alternatives. `report.json` is this object; the
 * Markdown and HTML are views of it.
 */
import { basename, resolve } from "node:path";
import { describeCollectError, describeDanglingReference } from "../model/describe.js";
import type { Analyzer } from "../engine/index.js";
import { STANDARD_DESTINATIONS } from "../engine/index.js";
import { runAudit, type AuditResult, type Finding } from "../engine/audit.js";
import type { Verdict } from "../engine/verdict.js";
import { architectureDiagram, hubDiagram, pathDiagram, PathArchitectures, transitGatewayIds } from "../diagram/index.js";
import type { CostOptions } from "../cost/index.js";
import { costOrError, type CostSection } from "./cost-estimate.js";

export interface DiagramEntry {
  /** File stem under `diagrams/`, e.g. `architecture-vpc-0abc` or `path-research-notebook-s3`. */
  name: string;
  title: string;
  mermaid: string;
}

/**
 * One matrix cell's proof: the verdict is in `audit.rows`; this names its anchor and its focused
 * diagram, or the proof whose diagram it shares.
 */
export interface ProofEntry {
  /** File stem of its diagram under `diagrams/`, e.g. `path-research-notebook-s3`. */
  name: string;
  title: string;
  /** The HTML/Markdown anchor of the proof, e.g. `proof-research-notebook-s3`. */
  anchor: string;
  source: string;
  destination: string;
  verdict: Verdict["verdict"];
  /** Its focused path diagram; absent when it shares another proof's (`sharesDiagramOf`). */
  mermaid?: string;
  /** A reachable path whose diagram would repeat an earlier one's: the proof that has that diagram. */
  sharesDiagramOf?: { anchor: string; title: string };
}

export interface ReportData {
  title: string;
  snapshot: string;
  generatedAt: string;
  toolVersion: string;
  summary: ReportSummary;
  audit: AuditResult;
  /** One hub diagram per transit gateway (its route tables and the VPCs attached to it). */
  hubs: DiagramEntry[];
  architecture: DiagramEntry[];
  /** One proof per matrix cell, in matrix order, each with a focused path diagram. */
  paths: ProofEntry[];
  cost: CostSection;
  warnings: string[];
}

export interface ReportSummary {
  notebooks: number;
  vpcs: number;
  regions: string[];
  /** Per standard destination: how many notebooks reach it, are blocked, or are undetermined. */
  reach: Record<string, { reachable: number; unreachable: number; unknown: number }>;
  findingsBySeverity: Record<Finding["severity"], number>;
  topFindings: Finding[];
}

export interface ComposeOptions {
  /** The path the user gave to `--snapshot`. */
  snapshotPath: string;
  toolVersion: string;
  /** ISO time stamp written into the report. */
  generatedAt: string;
  /** Traffic assumptions and prices for the cost section (default: bundled prices, fixed charges only). */
  cost?: CostOptions;
  /** Called before each long step, for progress display. */
  onProgress?: (step: string) => void;
}

const SEVERITY_ORDER: readonly Finding["severity"][] = ["high", "medium", "low", "info"];
const TOP_FINDINGS = 5;

/** A file-name-safe stem: letters, digits, dot, dash; everything else becomes a dash. */
export function fileStem(text: string): string {
  return text.replace(/[^A-Za-z0-9.-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "item";
}

function summarize(analyzer: Analyzer, audit: AuditResult): ReportSummary {
  const reach: ReportSummary["reach"] = {};
  for (const destination of STANDARD_DESTINATIONS) {
    const counts = { reachable: 0, unreachable: 0, unknown: 0 };
    for (const row of audit.rows) {
      const cell = row.cells[destination];
      if (cell) counts[cell.verdict] += 1;
    }
    reach[destination] = counts;
  }
  const findingsBySeverity = { high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of audit.findings) findingsBySeverity[finding.severity] += 1;
  const topFindings = [...audit.findings]
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity))
    .slice(0, TOP_FINDINGS);
  const { model } = analyzer;
  return {
    notebooks: model.notebooks.size,
    vpcs: model.vpcs.size,
    regions: [...new Set([...model.vpcs.values()].map((vpc) => vpc.scope.region))].sort(),
    reach,
    findingsBySeverity,
    topFindings,
  };
}

function architectureEntries(analyzer: Analyzer): DiagramEntry[] {
  const unique = uniqueStems();
  return [...analyzer.model.vpcs.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((vpc) => ({
      name: unique(`architecture-${fileStem(vpc.id)}`),
      title: `${vpc.id}${vpc.name ? ` (${vpc.name})` : ""}, ${vpc.scope.region}`,
      mermaid: architectureDiagram(analyzer.index, { vpcId: vpc.id }),
    }));
}

function hubEntries(analyzer: Analyzer): DiagramEntry[] {
  const unique = uniqueStems();
  return transitGatewayIds(analyzer.index).map((tgwId) => {
    const tgw = analyzer.model.transitGateways.get(tgwId);
    return {
      name: unique(`hub-${fileStem(tgwId)}`),
      title: `Transit gateway ${tgwId}${tgw?.name ? ` (${tgw.name})` : ""}${tgw ? `, ${tgw.scope.region}` : ""}`,
      mermaid: hubDiagram(analyzer.index, { tgwId }),
    };
  });
}

/** Makes stems unique within one report: a second `a-b` becomes `a-b-2` (names differing only in punctuation). */
function uniqueStems(): (stem: string) => string {
  const used = new Set<string>();
  return (stem) => {
    let unique = stem;
    for (let n = 2; used.has(unique); n += 1) unique = `${stem}-${n}`;
    used.add(unique);
    return unique;
  };
}

/** Hop types that belong to the source itself (its record, its network interface, its security groups). */
const SOURCE_HOP_TYPES = new Set(["notebook", "network-interface", "instance", "security-group"]);

/**
 * What a reachable path's focused diagram shows besides the source: the source's subnet and every
 * component the path crosses after leaving the source (route tables, gateways, endpoints, transit
 * gateways, the destination). Two reachable cells with the same shape would get the same diagram
 * but for the source's own box.
 */
function pathShape(analyzer: Analyzer, destination: string, verdict: Verdict): string {
  let start = 0;
  while (start < verdict.path.length && SOURCE_HOP_TYPES.has(verdict.path[start]!.type)) start += 1;
  // The subnet of the network interface the path leaves by; an interface the model does not hold shares with nothing.
  const eni = verdict.path.slice(0, start).find((hop) => hop.type === "network-interface")?.component ?? verdict.source.id;
  const subnet = analyzer.model.networkInterfaces.get(eni)?.subnetId ?? eni;
  return [destination, subnet, ...verdict.path.slice(start).map((hop) => hop.component)].join("\u0000");
}

/**
 * One proof per matrix cell. Every blocked or undetermined cell gets its own diagram; a reachable
 * cell gets one only when no earlier reachable cell has the same path shape (`pathShape`), and
 * otherwise names the proof whose diagram it shares: a large estate's thousands of notebooks going
 * out the same way from the same subnet draw that way once (issue 17, item 5).
 */
function pathEntries(analyzer: Analyzer, audit: AuditResult): ProofEntry[] {
  const entries: ProofEntry[] = [];
  const unique = uniqueStems();
  const drawn = new Map<string, { anchor: string; title: string }>();
  const architectures = new PathArchitectures();
  for (const row of audit.rows) {
    for (const destination of STANDARD_DESTINATIONS) {
      const verdict = row.cells[destination];
      if (!verdict) continue;
      const name = unique(`path-${fileStem(row.source.id)}-${destination}`);
      const entry: ProofEntry = {
        name,
        anchor: `proof-${name.replace(/^path-/, "")}`,
        title: `${row.source.id} → ${destination}: ${verdict.verdict}`,
        source: row.source.id,
        destination,
        verdict: verdict.verdict,
      };
      const shape = verdict.verdict === "reachable" ? pathShape(analyzer, destination, verdict) : undefined;
      const shared = shape === undefined ? undefined : drawn.get(shape);
      if (shared) entry.sharesDiagramOf = shared;
      else {
        entry.mermaid = pathDiagram(analyzer.index, verdict, { focus: true, architectures });
        if (shape !== undefined) drawn.set(shape, { anchor: entry.anchor, title: entry.title });
      }
      entries.push(entry);
    }
  }
  return entries;
}

/**
 * The proofs that have a diagram of their own, as diagram entries.
 *
 * @param data - the report
 */
export function drawnPaths(data: Pick<ReportData, "paths">): DiagramEntry[] {
  return data.paths.flatMap((proof) => (proof.mermaid === undefined ? [] : [{ name: proof.name, title: proof.title, mermaid: proof.mermaid }]));
}

/**
 * What the proofs section says about diagrams not repeated, or "" when every proof has its own.
 *
 * @param data - the report
 */
export function sharedDiagramNote(data: Pick<ReportData, "paths">): string {
  const shared = data.paths.filter((proof) => proof.mermaid === undefined).length;
  if (shared === 0) return "";
  return ` Every blocked or undetermined cell has its own diagram; a reachable path that leaves the same subnet and crosses the same components as an earlier one links to that one's diagram instead of repeating it (${shared} of ${data.paths.length} proofs; each still has its hop table).`;
}

/** What the report shows besides the cost: the audit and its summary, the diagrams and proofs. */
type Analyses = Pick<ReportData, "summary" | "audit" | "hubs" | "architecture" | "paths">;

function analyses(analyzer: Analyzer, progress: (step: string) => void): Analyses {
  progress("analysing reachability");
  const audit = runAudit(analyzer, {});
  progress("drawing diagrams");
  const hubs = hubEntries(analyzer);
  const architecture = architectureEntries(analyzer);
  const paths = pathEntries(analyzer, audit);
  return { summary: summarize(analyzer, audit), audit, hubs, architecture, paths };
}

function assemble(analyzer: Analyzer, options: ComposeOptions, parts: Analyses, cost: CostSection): ReportData {
  const { model } = analyzer;
  const warnings = [
    ...model.warnings.map((warning) => warning.message),
    ...model.danglingReferences.map(describeDanglingReference),
    ...model.collectErrors.map((error) => `API call failed: ${describeCollectError(error)}`),
  ];
  return {
    title: `vpcreach report: ${basename(resolve(options.snapshotPath))}`,
    snapshot: options.snapshotPath,
    generatedAt: options.generatedAt,
    toolVersion: options.toolVersion,
    summary: parts.summary,
    audit: parts.audit,
    hubs: parts.hubs,
    architecture: parts.architecture,
    paths: parts.paths,
    cost,
    warnings,
  };
}

/**
 * Runs every analysis the report shows, in this thread.
 *
 * @param analyzer - the analyzer over the snapshot's model
 * @param options - where the snapshot came from, the version and time stamp to print, progress callback
 */
export function composeReport(analyzer: Analyzer, options: ComposeOptions): ReportData {
  const progress = options.onProgress ?? (() => undefined);
  // The cost estimate first: it analyses every design of every VPC and leaves about 100 MB behind,
  // while the audit's verdicts and the diagrams (about 700 MB on the large estate) stay until the
  // report is written. Run after them, the estimate's garbage piled up over that heap (the large
  // report peaked at 3.9 GB); run first, the report's peak is the estimate's own (docs/performance.md).
  progress("estimating cost");
  const cost = costOrError(analyzer, options.cost ?? {});
  return assemble(analyzer, options, analyses(analyzer, progress), cost);
}

/**
 * Runs the report's analyses in this thread while the cost estimate is made elsewhere
 * (`estimateInWorker`); when none comes from there, the estimate is made here. The report's `cost`
 * holds a placeholder until then: give the promise to `writeReport`, which puts the section in place
 * before anything reads it and writes report.json up to it meanwhile.
 *
 * @param analyzer - the analyzer over the snapshot's model
 * @param options - as for `composeReport` (`cost` is used only when the estimate must be made here)
 * @param estimate - the cost section being made elsewhere, undefined if it could not be
 */
export function composeReportBeside(analyzer: Analyzer, options: ComposeOptions, estimate: Promise<CostSection | undefined>): { data: ReportData; cost: Promise<CostSection> } {
  const parts = analyses(analyzer, options.onProgress ?? (() => undefined));
  const data = assemble(analyzer, options, parts, { error: "the cost estimate is not there yet" });
  return { data, cost: estimate.then((section) => section ?? costOrError(analyzer, options.cost ?? {})) };
}
