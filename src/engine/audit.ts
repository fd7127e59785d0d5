/**
 * `runAudit`: every notebook and other SageMaker workload — Studio domains, user profiles and spaces,
 * training, processing and tuning jobs, models, endpoints — (and, on request, every EC2 instance) against the standard destinations
 * (internet, S3, SageMaker API, SageMaker runtime), plus the findings of src/engine/findings/. Rows
 * come from a generator so the CLI can print a 10,000-notebook audit as it goes; the few verdicts the
 * findings need are kept on the way instead of the whole matrix.
 */
import { InputError } from "../model/errors.js";
import type { Model } from "../model/types.js";
import { FINDING_RULES } from "./findings/index.js";
import { reachSummary, sortFindings, type Finding, type ReachLookup, type ReachSummary } from "./findings/types.js";
import { STANDARD_DESTINATIONS, type Analyzer, type ReachabilityQuery, type SharedAnswer } from "./index.js";
import type { ComponentType, Verdict } from "./verdict.js";
import { withOwnJson, type Piece } from "../fs/batches.js";

export type { Finding, Severity } from "./findings/types.js";

export interface AuditOptions {
  /** Also audit every EC2 instance that is not terminated. */
  instances?: boolean;
  /**
   * Compute an answer once for all notebooks that differ only in their names (the analyzer's
   * `shared`; default true). False asks the analyzer for every notebook: the same rows, slower.
   */
  shareAnswers?: boolean;
}

export interface AuditRow {
  source: Verdict["source"];
  /** Keyed by destination (`internet`, `s3`, `sagemaker-api`, `sagemaker-runtime`). */
  cells: Record<string, Verdict>;
}

export interface AuditResult {
  rows: AuditRow[];
  findings: Finding[];
}

/** An audit being run: rows one at a time, then the findings (which may reuse what the rows computed). */
export interface AuditRun {
  /** The audited sources in order: notebook names, SageMaker workloads (`job/…`, `endpoint/…`, …), then instance ids. */
  readonly sources: readonly string[];
  /** The rows; one with shared answers carries its JSON text (`OWN_JSON`, src/fs/batches.ts), which report.json writes. */
  rows(): Generator<AuditRow>;
  /**
   * The same rows as JSON text, each row in pieces (text, or text already UTF-8 encoded) that decoded
   * and joined equal `JSON.stringify` of the row (shared answers are never parsed; pieces are not
   * concatenated, so a writer can encode each as it is).
   */
  rowsJson(): Generator<Piece[]>;
  findings(): Finding[];
}

/** One cell: the shared answer of a notebook, or the verdict the analyzer gave. */
type Cell = { shared: SharedAnswer } | { verdict: Verdict };

/**
 * The `--from` of every SageMaker workload besides notebooks, kind by kind: Studio domains, user
 * profiles and spaces, then jobs, models and endpoints.
 *
 * @param model - the model under audit
 */
export function workloadSources(model: Model): string[] {
  const sorted = (prefix: string, keys: Iterable<string>) => [...keys].sort().map((key) => `${prefix}/${key}`);
  return [
    ...sorted("domain", model.domains.keys()),
    ...sorted("user", model.userProfiles.keys()),
    ...sorted("space", model.spaces.keys()),
    ...sorted("training-job", model.trainingJobs.keys()),
    ...sorted("processing-job", model.processingJobs.keys()),
    ...sorted("tuning-job", model.tuningJobs.keys()),
    ...sorted("model", model.models.keys()),
    ...sorted("endpoint", model.endpoints.keys()),
  ];
}

/**
 * The sources an audit covers: notebooks by name, the other SageMaker workloads, then (with
 * `instances`) non-terminated instances by id.
 *
 * @param model - the model under audit
 * @param options - whether to include EC2 instances
 */
export function auditSources(model: Model, options: AuditOptions = {}): string[] {
  const notebooks = [...[...model.notebooks.keys()].sort(), ...workloadSources(model)];
  if (!options.instances) return notebooks;
  const instances = [...model.instances.values()]
    .filter((instance) => instance.state !== "terminated" && instance.state !== "shutting-down")
    .map((instance) => instance.id)
    .sort();
  return [...notebooks, ...instances];
}

/** The query `from` for an audit source: `notebook/NAME` so a notebook named like an id stays a notebook. */
function querySource(model: Model, source: string): string {
  return model.notebooks.has(source) ? `notebook/${source}` : source;
}

/** The component type of an audit source, for a cell the engine could not evaluate. */
function sourceType(model: Model, source: string): ComponentType {
  if (model.notebooks.has(source)) return "notebook";
  const prefix = source.slice(0, source.indexOf("/"));
  return SOURCE_TYPES[prefix] ?? "instance";
}

const SOURCE_TYPES: Readonly<Record<string, ComponentType>> = {
  domain: "studio-domain",
  user: "studio-user-profile",
  space: "studio-space",
  "training-job": "training-job",
  "processing-job": "processing-job",
  "tuning-job": "tuning-job",
  model: "sagemaker-model",
  endpoint: "sagemaker-endpoint",
};

/**
 * Asks the analyzer, turning an `InputError` about one source (say, a notebook whose subnet is not in
 * the snapshot) into an `unknown` cell so one bad record does not stop the audit of thousands.
 *
 * @param analyzer - the analyzer
 * @param source - an audit source (notebook name or instance id)
 * @param destination - a destination the caller has already validated
 * @param packet - protocol and port, when not the default tcp/443
 */
export function askOrUnknown(
  analyzer: Analyzer,
  source: string,
  destination: string,
  packet: Pick<ReachabilityQuery, "protocol" | "port"> = {},
): Verdict {
  try {
    return analyzer.query({ from: querySource(analyzer.model, source), to: destination, ...packet });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return {
      verdict: "unknown",
      source: { id: source, type: sourceType(analyzer.model, source) },
      destination: { spec: destination, type: destination === "internet" ? "internet" : "aws-service", addresses: [] },
      protocol: typeof packet.protocol === "string" ? packet.protocol : "tcp",
      port: packet.port ?? 443,
      path: [],
      returnPath: [],
      explanation: `The engine could not evaluate this source: ${error.message}`,
      warnings: [],
    };
  }
}

/**
 * Starts an audit. Nothing is computed until `rows()` or `findings()` is iterated or called.
 *
 * @param analyzer - the analyzer over the model to audit
 * @param options - `instances`: also audit EC2 instances
 */
export function startAudit(analyzer: Analyzer, options: AuditOptions = {}): AuditRun {
  const sources = auditSources(analyzer.model, options);
  const kept = new Set(FINDING_RULES.flatMap((rule) => rule.meta.reaches ?? []));
  // What the findings will read of each cell they ask about (not whole proofs: see ReachSummary).
  // By destination, then source: no key text per cell (the large audit keeps 40,000).
  const known = new Map<string, Map<string, ReachSummary>>();
  const knownFor = (destination: string): Map<string, ReachSummary> => {
    let bySource = known.get(destination);
    if (!bySource) known.set(destination, (bySource = new Map()));
    return bySource;
  };
  const shared = options.shareAnswers === false ? undefined : analyzer.shared;

  const cell = (source: string, destination: string): Cell => {
    const answer = analyzer.model.notebooks.has(source) ? shared?.answer(source, destination) : undefined;
    return answer ? { shared: answer } : { verdict: askOrUnknown(analyzer, source, destination) };
  };
  const verdictOf = (answer: Cell): Verdict => ("shared" in answer ? answer.shared.verdict() : answer.verdict);
  // A shared answer is summarised once for its class, not rebuilt as a whole verdict per notebook.
  const summaryOf = (answer: Cell): ReachSummary => ("shared" in answer ? answer.shared.summary() : reachSummary(answer.verdict));
  const keep = (source: string, destination: string, answer: Cell): void => {
    if (kept.has(destination)) knownFor(destination).set(source, summaryOf(answer));
  };

  const reach: ReachLookup = {
    verdict(source, destination) {
      const bySource = knownFor(destination);
      let summary = bySource.get(source);
      if (!summary) bySource.set(source, (summary = summaryOf(cell(source, destination))));
      return summary;
    },
  };

  return {
    sources,
    *rows() {
      for (const source of sources) {
        const cells: Record<string, Verdict> = {};
        const answers: Cell[] = [];
        for (const destination of STANDARD_DESTINATIONS) {
          const answer = cell(source, destination);
          answers.push(answer);
          cells[destination] = verdictOf(answer);
          keep(source, destination, { verdict: cells[destination] as Verdict });
        }
        const first = cells[STANDARD_DESTINATIONS[0]];
        const row: AuditRow = { source: first ? first.source : { id: source, type: "notebook" }, cells };
        // A row with shared answers has their text already (UTF-8): report.json writes it rather than stringify the row.
        yield answers.some((answer) => "shared" in answer) ? withOwnJson(row, () => rowJson(source, answers)) : row;
      }
    },
    *rowsJson() {
      for (const source of sources) {
        const answers = STANDARD_DESTINATIONS.map((destination) => {
          const answer = cell(source, destination);
          keep(source, destination, answer);
          return answer;
        });
        yield rowJson(source, answers);
      }
    },
    findings() {
      return sortFindings(FINDING_RULES.flatMap((rule) => rule.check(analyzer.index, reach)));
    },
  };
}

/**
 * A row's JSON text in pieces (text, or text already UTF-8 encoded), from its cells' answers: decoded
 * and joined, `JSON.stringify` of the row `rows()` gives. A shared answer's text is never parsed.
 *
 * @param source - the audit source
 * @param answers - its cells' answers, in `STANDARD_DESTINATIONS` order
 */
function rowJson(source: string, answers: readonly Cell[]): Piece[] {
  const pieces: Piece[] = ['{"source":', "", ',"cells":{'];
  let head: string | string[] | undefined;
  answers.forEach((answer, i) => {
    head ??= "shared" in answer ? answer.shared.sourceJson() : JSON.stringify(answer.verdict.source);
    pieces.push(`${i > 0 ? "," : ""}${JSON.stringify(STANDARD_DESTINATIONS[i])}:`);
    if ("shared" in answer) for (const piece of answer.shared.json()) pieces.push(piece);
    else pieces.push(JSON.stringify(answer.verdict));
  });
  head ??= JSON.stringify({ id: source, type: "notebook" });
  if (typeof head === "string") pieces[1] = head;
  else pieces.splice(1, 1, ...head);
  pieces.push("}}");
  return pieces;
}

/**
 * Runs a whole audit in memory: the matrix and the findings.
 *
 * @param analyzer - the analyzer over the model to audit
 * @param options - `instances`: also audit EC2 instances
 */
export function runAudit(analyzer: Analyzer, options: AuditOptions = {}): AuditResult {
  const run = startAudit(analyzer, options);
  const rows = [...run.rows()];
  return { rows, findings: run.findings() };
}
