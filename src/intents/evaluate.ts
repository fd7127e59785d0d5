/**
 * Evaluates an intents file on a model: every intent on every source it selects, each answer the
 * engine's verdict with its proof, judged against the intent (`holds`, `violated`, or `unknown` when
 * the engine cannot say); then the built-in audit findings against the file's finding policy, with
 * suppressions (an expired one is itself a violation).
 */
import type { Analyzer } from "../engine/index.js";
import { askOrUnknown, startAudit, type Finding } from "../engine/audit.js";
import { parseDestination } from "../engine/destination.js";
import { SEVERITIES } from "../engine/findings/types.js";
import { CROSSING_TYPES, type Hop, type Verdict } from "../engine/verdict.js";
import { InputError } from "../model/errors.js";
import type { Intent, IntentsFile, Suppression } from "./parse.js";
import { allSources, deadParts, globMatcher, selectSources, unmatchedSelectors, type SourceFacts } from "./select.js";


export type IntentStatus = "holds" | "violated" | "unknown";

export interface IntentResult {
  intent: Intent;
  source: SourceFacts;
  status: IntentStatus;
  /** Why it is violated or unknown; for `holds`, how it holds. One sentence. */
  reason: string;
  /** A change that would make the intent hold, when violated. */
  fix: string | undefined;
  verdict: Verdict;
}

export type FindingStatus = "fails" | "suppressed" | "passes";

export interface FindingResult {
  finding: Finding;
  status: FindingStatus;
  suppression: Suppression | undefined;
}

/** An intent that selected no source, and the selectors that made it so (`unmatchedSelectors`). */
export interface EmptyIntent {
  intent: Intent;
  selectors: string[];
}

/**
 * A `from` or `except` selector that matches no source of the snapshot (a typo, usually) in an
 * intent that does select sources through its other selectors, or an `except` one of any intent:
 * it proves nothing (`from: [a, typo]`) or excludes nothing, silently.
 */
export interface DeadSelector {
  intent: Intent;
  /** Which list the selector is in. */
  list: "from" | "except";
  selector: string;
  /** What makes it match nothing (`deadParts`). */
  unmatched: string[];
  /** The selector's line in the intents file. */
  line: number;
}

export interface CheckResult {
  file: string;
  /** Every intent of the file, in order, whether it selected a source or not. */
  declared: Intent[];
  intents: IntentResult[];
  findings: FindingResult[];
  /** Suppressions whose expiry date has passed: each fails the check. */
  expiredSuppressions: Suppression[];
  /** Intents that selected no source (a typo in a selector is otherwise silent); they fail under --strict. */
  emptyIntents: EmptyIntent[];
  /** Selectors that match nothing, beyond those an empty intent is already named by; they fail under --strict. */
  deadSelectors: DeadSelector[];
  /** The line of the file's `findings:` section, where finding results are placed. */
  findingsLine: number;
}

/** Whether a `via` value names a kind or a resource id. */
function viaMatches(hop: Hop, via: string): boolean {
  return (CROSSING_TYPES as readonly string[]).includes(via) ? hop.type === via : hop.component === via;
}

/** The hops of a path that are gateways, endpoints or other connections (`via` candidates). */
export function crossings(verdict: Verdict): Hop[] {
  return verdict.path.filter((hop) => (CROSSING_TYPES as readonly string[]).includes(hop.type));
}

/** `nat-0abc (nat-gateway) → igw-0def (internet-gateway)`, or `the VPC itself` for a local path. */
export function crossingText(verdict: Verdict): string {
  const hops = crossings(verdict);
  return hops.length > 0 ? hops.map((hop) => `${hop.component} (${hop.type})`).join(" → ") : "no gateway or endpoint";
}

/**
 * What let the path out, for a fix that closes it: the routes and security-group rules before the
 * crossing, and a notebook's own settings (DirectInternetAccess sends it through SageMaker's network).
 */
function admittingRules(verdict: Verdict, until: Hop | undefined): string {
  const stop = until ? verdict.path.indexOf(until) : verdict.path.length;
  const managed = until?.type === "sagemaker-managed-network";
  const rules = verdict.path
    .slice(0, stop < 0 ? verdict.path.length : stop)
    .flatMap((hop) => hop.evidence.filter((e) => e.kind === "route" || e.kind === "sg-rule" || (managed && e.kind === "attribute" && hop.type === "notebook")))
    .map((e) => e.text);
  return rules.length > 0 ? rules.join("; ") : "the path's routes and rules";
}

/** The block of an unreachable verdict in words. */
function blockText(verdict: Verdict): string {
  const blocked = verdict.blockedAt;
  return blocked ? `blocked at ${blocked.component} (${blocked.type}, ${blocked.code}): ${blocked.rule.text}` : verdict.explanation;
}

/**
 * Judges one verdict against one intent.
 *
 * @param intent - what must hold
 * @param verdict - the engine's answer for one selected source
 */
export function judge(intent: Intent, verdict: Verdict): Pick<IntentResult, "status" | "reason" | "fix"> {
  if (verdict.verdict === "unknown") return { status: "unknown", reason: verdict.explanation, fix: undefined };
  if (verdict.verdict === "unreachable") {
    if (intent.expect !== "reachable") return { status: "holds", reason: blockText(verdict), fix: undefined };
    return { status: "violated", reason: `expected reachable, but ${blockText(verdict)}`, fix: verdict.fix };
  }
  if (intent.expect === "unreachable") {
    return {
      status: "violated",
      reason: `expected unreachable, but reachable via ${crossingText(verdict)}`,
      fix: `remove or narrow what admits it: ${admittingRules(verdict, crossings(verdict)[0])}`,
    };
  }
  if (intent.via.length > 0 && !verdict.path.some((hop) => intent.via.some((via) => viaMatches(hop, via)))) {
    return {
      status: "violated",
      reason: `reachable via ${crossingText(verdict)}, not via ${intent.via.join(" or ")}`,
      fix: `route it through ${intent.via.join(" or ")} instead of: ${admittingRules(verdict, crossings(verdict)[0])}`,
    };
  }
  const forbidden = verdict.path.find((hop) => intent.neverVia.some((via) => viaMatches(hop, via)));
  if (forbidden) {
    return {
      status: "violated",
      reason: `reachable via ${forbidden.component} (${forbidden.type}), which the intent forbids`,
      fix: `remove or narrow what sends it there: ${admittingRules(verdict, forbidden)}`,
    };
  }
  if (intent.withoutEndpointUrl && verdict.requiresEndpointUrl) {
    return {
      status: "violated",
      reason: `reachable only through the endpoint's own DNS name (${verdict.requiresEndpointUrl}); the default name does not resolve to it`,
      fix: verdict.warnings.find((w) => /private DNS/i.test(w)) ?? "enable private DNS on the interface endpoint (and DNS support and hostnames on its VPC)",
    };
  }
  return { status: "holds", reason: `reachable via ${crossingText(verdict)}`, fix: undefined };
}

/** Checks the destination parses and each `via`/`never-via` value names a kind or looks like a resource id. */
function checkIntentValues(intent: Intent, file: string): void {
  const where = { file: `${file}:${intent.line}`, jsonPath: "$.intents" };
  try {
    parseDestination(intent.to);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`intent "${intent.id}": ${error.message}`, where);
    throw error;
  }
  for (const via of [...intent.via, ...intent.neverVia]) {
    if ((CROSSING_TYPES as readonly string[]).includes(via) || /^[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{8,17}$/.test(via)) continue;
    throw new InputError(`intent "${intent.id}": "${via}" is neither a component kind (${CROSSING_TYPES.join(", ")}) nor a resource id`, where);
  }
}

/**
 * One intent on every source it selects.
 *
 * @param analyzer - the engine on the model
 * @param sources - every source of the model (`allSources`)
 * @param intent - the intent
 */
export function evaluateIntent(analyzer: Analyzer, sources: readonly SourceFacts[], intent: Intent): IntentResult[] {
  const packet = { protocol: intent.protocol, ...(intent.port ? { port: intent.port } : {}) };
  return selectSources(sources, intent.from, intent.except).map((source) => {
    const verdict = askOrUnknown(analyzer, source.id, intent.to, packet);
    return { intent, source, verdict, ...judge(intent, verdict) };
  });
}

/** Whether a suppression has expired on `today` (`YYYY-MM-DD`, UTC): it holds through its expiry day. */
function expired(suppression: Suppression, today: string): boolean {
  return suppression.expires < today;
}

/**
 * The findings against the policy: each fails, is suppressed (by a suppression still in force) or passes.
 *
 * @param findings - the audit's findings
 * @param policy - the file's `findings` section
 * @param today - `YYYY-MM-DD`
 */
export function judgeFindings(findings: readonly Finding[], policy: IntentsFile["findings"], today: string): FindingResult[] {
  const limit = policy.failOn === "none" ? -1 : SEVERITIES.indexOf(policy.failOn);
  return findings.map((finding) => {
    const suppression = policy.suppress.find(
      (s) => !expired(s, today) && s.rule === finding.rule && (s.resource === undefined || globMatcher(s.resource)(finding.resource)),
    );
    const failing = SEVERITIES.indexOf(finding.severity) <= limit || policy.rules.includes(finding.rule);
    const status: FindingStatus = !failing ? "passes" : suppression ? "suppressed" : "fails";
    return { finding, status, suppression };
  });
}

export interface CheckOptions {
  /** `YYYY-MM-DD` (UTC) for suppression expiry; default today. */
  today?: string;
}

/**
 * The selectors of an intent that match nothing. An intent that selects no source is already named
 * by its dead `from` selectors (`unmatchedSelectors`), so only its `except` ones are added.
 *
 * @param sources - every source of the model (`allSources`)
 * @param intent - the intent
 * @param empty - whether it selected no source
 */
function intentDeadSelectors(sources: readonly SourceFacts[], intent: Intent, empty: boolean): DeadSelector[] {
  const lists = [
    { list: "from" as const, selectors: empty ? [] : intent.from, lines: intent.fromLines },
    { list: "except" as const, selectors: intent.except, lines: intent.exceptLines },
  ];
  return lists.flatMap(({ list, selectors, lines }) =>
    selectors
      .map((selector, j) => ({ intent, list, selector, unmatched: deadParts(sources, selector), line: lines[j] ?? intent.line }))
      .filter((dead) => dead.unmatched.length > 0),
  );
}

/**
 * Runs a whole check.
 *
 * @param analyzer - the engine on the model under check
 * @param file - the parsed intents file
 * @param options - the date suppressions are judged on
 * @throws InputError for an intent whose destination or `via` values are malformed
 */
export function runCheck(analyzer: Analyzer, file: IntentsFile, options: CheckOptions = {}): CheckResult {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const sources = allSources(analyzer.model);
  const intents: IntentResult[] = [];
  const emptyIntents: EmptyIntent[] = [];
  const deadSelectors: DeadSelector[] = [];
  for (const intent of file.intents) {
    checkIntentValues(intent, file.file);
    const results = evaluateIntent(analyzer, sources, intent);
    if (results.length === 0) emptyIntents.push({ intent, selectors: unmatchedSelectors(sources, intent.from, intent.except) });
    deadSelectors.push(...intentDeadSelectors(sources, intent, results.length === 0));
    intents.push(...results);
  }
  const wantsFindings = file.findings.failOn !== "none" || file.findings.rules.length > 0;
  const findings = wantsFindings ? judgeFindings(startAudit(analyzer).findings(), file.findings, today) : [];
  return {
    file: file.file,
    declared: file.intents,
    intents,
    findings,
    expiredSuppressions: file.findings.suppress.filter((s) => expired(s, today)),
    emptyIntents,
    deadSelectors,
    findingsLine: file.findings.line,
  };
}

/**
 * The exit status of a check: 1 on any violation, failing finding or expired suppression, or under
 * `strict` an intent that selects no source or a dead selector; else 3 when `strict` and some answer is unknown; else 0.
 * An intent that selects nothing is a failure (1), not an input error (2): the file is valid, the
 * snapshot decides whether a selector matches, and the check's output must still name it (SARIF, JSON).
 *
 * @param result - the check
 * @param strict - whether unknown answers, intents that select nothing and dead selectors fail
 */
export function checkStatus(result: CheckResult, strict: boolean): 0 | 1 | 3 {
  const violated =
    result.intents.some((r) => r.status === "violated") ||
    result.findings.some((r) => r.status === "fails") ||
    result.expiredSuppressions.length > 0 ||
    (strict && result.emptyIntents.length + result.deadSelectors.length > 0);
  if (violated) return 1;
  return strict && result.intents.some((r) => r.status === "unknown") ? 3 : 0;
}
