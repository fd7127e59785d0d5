/**
 * `diffModels`: what changed between two snapshots (or a snapshot and a plan): the verdicts that
 * changed for every notebook (and instance) × standard destination, each with both proofs and the
 * configuration changes on either path that caused it; the findings that appeared or were resolved;
 * the monthly cost per VPC before and after; and, with an intents file, the intents that broke or
 * were mended.
 */
import { startAudit, type Finding } from "../engine/audit.js";
import type { Analyzer } from "../engine/index.js";
import { CROSSING_TYPES, type Verdict } from "../engine/verdict.js";
import { estimateCosts, type CostOptions } from "../cost/index.js";
import type { Usd } from "../cost/arithmetic.js";
import { runCheck, type IntentResult } from "../intents/evaluate.js";
import type { IntentsFile } from "../intents/parse.js";
import { InputError } from "../model/errors.js";
import { configChanges, type ConfigChange } from "./config.js";

export interface VerdictChange {
  source: string;
  destination: string;
  /** Undefined when the source does not exist on that side. */
  before: Verdict | undefined;
  after: Verdict | undefined;
  /** The configuration changes on either path (or the source's own record) that explain it. */
  causes: ConfigChange[];
}

export interface VpcCostDelta {
  vpcId: string;
  region: string;
  beforeUsd: Usd;
  afterUsd: Usd;
  /** After minus before; null when either is unknown. */
  deltaUsd: Usd;
}

export interface CostDelta {
  vpcs: VpcCostDelta[];
  beforeUsd: Usd;
  afterUsd: Usd;
  deltaUsd: Usd;
  /** Why the cost delta could not be computed, when it could not. */
  unavailable?: string;
}

export interface IntentChange {
  intent: string;
  line: number;
  source: string;
  destination: string;
  before: IntentResult | undefined;
  after: IntentResult | undefined;
}

export interface DiffResult {
  before: string;
  after: string;
  /** How many source × destination answers were compared. */
  compared: number;
  verdicts: VerdictChange[];
  findings: { added: Finding[]; resolved: Finding[] };
  configuration: ConfigChange[];
  cost: CostDelta;
  /** With an intents file: intents that held (or were not evaluated) before and are violated now, and the reverse. */
  intents?: { file: string; broken: IntentChange[]; mended: IntentChange[] };
}

export interface DiffOptions {
  /** Also compare every EC2 instance. */
  instances?: boolean;
  /** Traffic and prices for the cost delta (fixed charges only without traffic). */
  cost?: Pick<CostOptions, "prices" | "traffic">;
  intents?: IntentsFile;
  /** `YYYY-MM-DD` for suppression expiry in the intents' finding policy. */
  today?: string;
}

/**
 * What decides whether a verdict changed for a user: the verdict, the gateways and endpoints the
 * path crosses, where it is blocked and why, and whether an endpoint URL is needed.
 */
export function verdictSignature(verdict: Verdict | undefined): string {
  if (!verdict) return "absent";
  const crossings = verdict.path.filter((hop) => (CROSSING_TYPES as readonly string[]).includes(hop.type)).map((hop) => hop.component);
  const blocked = verdict.blockedAt ? `${verdict.blockedAt.component}/${verdict.blockedAt.code}/${verdict.blockedAt.direction}` : "";
  return [verdict.verdict, crossings.join(">"), blocked, verdict.requiresEndpointUrl ? "url" : ""].join("|");
}

/** The resource ids a verdict names: hops, the rules' resources, the block. */
function resourcesOf(verdict: Verdict | undefined): Set<string> {
  const ids = new Set<string>();
  if (!verdict) return ids;
  ids.add(verdict.source.id);
  for (const hop of [...verdict.path, ...verdict.returnPath]) {
    ids.add(hop.component);
    for (const evidence of hop.evidence) ids.add(evidence.ref.split(/[\s:#]/)[0] ?? "");
  }
  if (verdict.blockedAt) {
    ids.add(verdict.blockedAt.component);
    ids.add(verdict.blockedAt.rule.ref.split(/[\s:#]/)[0] ?? "");
  }
  return ids;
}

/** Every answer of an audit, keyed `source\0destination`, and its findings. */
function auditAnswers(analyzer: Analyzer, instances: boolean): { answers: Map<string, Verdict>; findings: Finding[] } {
  const run = startAudit(analyzer, { instances });
  const answers = new Map<string, Verdict>();
  for (const row of run.rows()) {
    for (const [destination, verdict] of Object.entries(row.cells)) answers.set(`${row.source.id}\u0000${destination}`, verdict);
  }
  return { answers, findings: run.findings() };
}

function findingKey(finding: Finding): string {
  return `${finding.rule}\u0000${finding.resource}\u0000${finding.title}`;
}

function subtract(a: Usd, b: Usd): Usd {
  return a === null || b === null ? null : a - b;
}

/** Monthly cost per VPC on both sides (fixed charges, plus traffic when given). */
function costDelta(before: Analyzer, after: Analyzer, options: DiffOptions["cost"]): CostDelta {
  let sides;
  try {
    sides = [before, after].map((analyzer) => estimateCosts(analyzer, { ...options, alternatives: false }).estate);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { vpcs: [], beforeUsd: null, afterUsd: null, deltaUsd: null, unavailable: error.message };
  }
  const [b, a] = sides as [(typeof sides)[number], (typeof sides)[number]];
  const ids = [...new Set([...b.vpcs, ...a.vpcs].map((v) => v.vpcId))].sort();
  const vpcs = ids.map((vpcId): VpcCostDelta => {
    const was = b.vpcs.find((v) => v.vpcId === vpcId);
    const now = a.vpcs.find((v) => v.vpcId === vpcId);
    const beforeUsd = was ? was.totalUsd : 0;
    const afterUsd = now ? now.totalUsd : 0;
    return { vpcId, region: (now ?? was)!.region, beforeUsd, afterUsd, deltaUsd: subtract(afterUsd, beforeUsd) };
  });
  return { vpcs: vpcs.filter((v) => v.deltaUsd !== 0), beforeUsd: b.total.totalUsd, afterUsd: a.total.totalUsd, deltaUsd: subtract(a.total.totalUsd, b.total.totalUsd) };
}

/** The intent answers that broke (held, or were not there, before; violated now) and were mended. */
function intentChanges(before: Analyzer, after: Analyzer, file: IntentsFile, today: string | undefined): NonNullable<DiffResult["intents"]> {
  const intentsOnly: IntentsFile = { ...file, findings: { ...file.findings, failOn: "none", rules: [] } };
  const options = today ? { today } : {};
  const key = (r: IntentResult) => `${r.intent.id}\u0000${r.source.id}`;
  const was = new Map(runCheck(before, intentsOnly, options).intents.map((r) => [key(r), r]));
  const now = new Map(runCheck(after, intentsOnly, options).intents.map((r) => [key(r), r]));
  const change = (b: IntentResult | undefined, a: IntentResult | undefined): IntentChange => {
    const any = (a ?? b)!;
    return { intent: any.intent.id, line: any.intent.line, source: any.source.id, destination: any.intent.to, before: b, after: a };
  };
  const broken = [...now.entries()].filter(([k, a]) => a.status === "violated" && was.get(k)?.status !== "violated").map(([k, a]) => change(was.get(k), a));
  const mended = [...was.entries()].filter(([k, b]) => b.status === "violated" && now.get(k)?.status !== "violated").map(([k, b]) => change(b, now.get(k)));
  return { file: file.file, broken, mended };
}

/**
 * Compares two models.
 *
 * @param before - the engine on the earlier model
 * @param after - the engine on the later model
 * @param options - instances, cost assumptions, an intents file
 */
export function diffModels(before: Analyzer, after: Analyzer, options: DiffOptions = {}): DiffResult {
  const instances = options.instances ?? false;
  const was = auditAnswers(before, instances);
  const now = auditAnswers(after, instances);
  const configuration = configChanges(before.model, after.model);
  const changedIds = new Map(configuration.map((c) => [c.resource, c]));
  const keys = [...new Set([...was.answers.keys(), ...now.answers.keys()])].sort();
  const verdicts: VerdictChange[] = [];
  for (const key of keys) {
    const b = was.answers.get(key);
    const a = now.answers.get(key);
    if (verdictSignature(b) === verdictSignature(a)) continue;
    const [source, destination] = key.split("\u0000") as [string, string];
    // A source that exists on one side only is explained by its own appearance, not by its path.
    const involved = b && a ? new Set([...resourcesOf(b), ...resourcesOf(a)]) : new Set([source]);
    const causes = [...involved].flatMap((id) => (changedIds.has(id) ? [changedIds.get(id)!] : []));
    verdicts.push({ source, destination, before: b, after: a, causes });
  }
  const wasFindings = new Set(was.findings.map(findingKey));
  const nowFindings = new Set(now.findings.map(findingKey));
  return {
    before: before.model.source,
    after: after.model.source,
    compared: keys.length,
    verdicts,
    findings: {
      added: now.findings.filter((f) => !wasFindings.has(findingKey(f))),
      resolved: was.findings.filter((f) => !nowFindings.has(findingKey(f))),
    },
    configuration,
    cost: costDelta(before, after, options.cost),
    ...(options.intents ? { intents: intentChanges(before, after, options.intents, options.today) } : {}),
  };
}
