/**
 * Human text for one reachability verdict, as `vpcreach query` prints it and the reports reuse: the
 * verdict on the first line, the forward path as an aligned table (hop, component, type, the route or
 * rule used), the return path, then what blocks it and the fix, the endpoint URL to pass when only
 * the endpoint's own DNS name works, the reachable part of the destination, and warnings.
 *
 * Names come from users' AWS accounts, so control characters are removed before anything reaches a
 * terminal; colour is opt-in (the CLI decides, from the TTY and NO_COLOR).
 */
import type { Evidence, Hop, Verdict, VerdictKind } from "../engine/verdict.js";

export interface TextOptions {
  /** Use ANSI colours (only on a terminal, and never when NO_COLOR is set: the caller decides). */
  color: boolean;
}

type Style = "bold" | "dim" | "red" | "green" | "yellow" | "cyan";
const ANSI: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

/** A painter: wraps text in ANSI codes when colour is on, returns it unchanged otherwise. */
export type Painter = (style: Style, text: string) => string;

/**
 * @param options - whether colour is on
 */
export function painter(options: TextOptions): Painter {
  if (!options.color) return (_style, text) => text;
  return (style, text) => `\u001b[${ANSI[style][0]}m${text}\u001b[${ANSI[style][1]}m`;
}

/**
 * Removes control characters (escape sequences included) from account-supplied text and folds
 * newlines, so a crafted Name tag cannot rewrite the terminal.
 *
 * @param text - untrusted text
 */
export function clean(text: string): string {
  // Most texts hold no control character (the tabs and line breaks are among them): one scan then.
  if (!CONTROL.test(text)) return text;
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\r\n\t]+/g, " ").replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const VERDICT_STYLE: Record<VerdictKind, Style> = { reachable: "green", unreachable: "red", unknown: "yellow" };

/**
 * `tcp/443`, `udp/53`, `icmp`, `all`.
 *
 * @param verdict - the verdict whose protocol and port to show
 */
export function protocolText(verdict: Pick<Verdict, "protocol" | "port">): string {
  return verdict.port === null ? verdict.protocol : `${verdict.protocol}/${verdict.port}`;
}

/**
 * The source as people name it: the notebook or Name tag, with the id when they differ.
 *
 * @param source - the verdict's source
 */
export function sourceLabel(source: Verdict["source"]): string {
  if (!source.name || source.name === source.id) return clean(source.id);
  return `${clean(source.name)} (${clean(source.id)})`;
}

/**
 * The first line: `REACHABLE  research-notebook → s3 (tcp/443)`.
 *
 * @param verdict - the verdict
 * @param paint - the painter to use
 */
export function headline(verdict: Verdict, paint: Painter): string {
  const word = paint("bold", paint(VERDICT_STYLE[verdict.verdict], verdict.verdict.toUpperCase()));
  return `${word}  ${sourceLabel(verdict.source)} → ${clean(verdict.destination.spec)} (${protocolText(verdict)})`;
}

/**
 * One piece of evidence as text, prefixed with where the rule lives unless the text already names it
 * (`sg-0abc egress[0] allow all …` needs no `sg-0abc egress[0]:` in front).
 *
 * @param evidence - a route, rule or entry from a hop or a block
 * @param component - the hop's component, which needs no repeating either
 */
export function evidenceText(evidence: Evidence, component?: string): string {
  const resource = evidence.ref.split(/[\s:#]/)[0] ?? "";
  const named = !evidence.ref || evidence.ref === component || evidence.text.includes(resource);
  return named ? clean(evidence.text) : `${clean(evidence.ref)}: ${clean(evidence.text)}`;
}

/** The lines of the "rule or route used" column for one hop: one per piece of evidence, then notes. */
function hopRuleLines(hop: Hop): string[] {
  const lines = hop.evidence.map((evidence) => evidenceText(evidence, hop.component));
  const translated = translationText(hop);
  if (translated) lines.push(translated);
  if (hop.details && hop.details.length > 0) lines.push(`(${hop.details.map(clean).join(", ")})`);
  return lines.length > 0 ? lines : ["—"];
}

/** `source 10.0.1.5 → 10.0.0.9` when the hop rewrites the packet's source (NAT, IGW). */
function translationText(hop: Hop): string | undefined {
  const before = hop.inbound?.sourceAddresses.join(",");
  const after = hop.outbound?.sourceAddresses.join(",");
  if (!before || !after || before === after) return undefined;
  return `source ${clean(before)} → ${clean(after)}`;
}

/**
 * Left-aligns rows of cells into columns separated by two spaces (the last column is not padded).
 *
 * @param rows - rows of plain cells (no ANSI codes, so lengths are widths)
 */
export function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

/** One hop of a path as the tables show it: number, component id and name, type, the rules behind it. */
export interface HopRow {
  sequence: number;
  component: string;
  /** The component's Name tag, when it has one other than its id. */
  name: string | undefined;
  type: string;
  rules: string[];
}

/**
 * The hops of a path as rows, one per hop, each with the route, rule or entry that admitted it (the
 * same content `vpcreach query` prints).
 *
 * @param path - the hops, in order
 */
export function hopRows(path: readonly Hop[]): HopRow[] {
  return path.map((hop) => ({
    sequence: hop.sequence,
    component: clean(hop.component),
    name: hop.name && hop.name !== hop.component ? clean(hop.name) : undefined,
    type: hop.type,
    rules: hopRuleLines(hop),
  }));
}

/**
 * The path as a table: HOP, COMPONENT, TYPE, RULE OR ROUTE USED; a hop with several pieces of
 * evidence takes several lines.
 *
 * @param path - the hops, in order
 */
export function pathTable(path: readonly Hop[]): string[] {
  const rows: string[][] = [["HOP", "COMPONENT", "TYPE", "RULE OR ROUTE USED"]];
  for (const hop of hopRows(path)) {
    const component = hop.name ? `${hop.component} (${hop.name})` : hop.component;
    hop.rules.forEach((line, i) => rows.push(i === 0 ? [String(hop.sequence), component, hop.type, line] : ["", "", "", line]));
  }
  return alignColumns(rows);
}

/**
 * The return path in words: the components back to the source and the NACL entries and security
 * group rules that admitted the replies; that it is blocked; or nothing when it was not evaluated.
 *
 * @param verdict - the verdict
 */
export function returnPathSummary(verdict: Verdict): { components: string; admittedBy: string[] } | "blocked" | undefined {
  if (verdict.returnPath.length === 0) return verdict.blockedAt?.direction === "return" ? "blocked" : undefined;
  return {
    components: verdict.returnPath.map((hop) => clean(hop.component)).join(" → "),
    admittedBy: verdict.returnPath
      .flatMap((hop) => hop.evidence)
      .filter((evidence) => evidence.kind === "nacl-entry" || evidence.kind === "sg-rule")
      .map((evidence) => evidenceText(evidence)),
  };
}

/** The return path: the components back to the source, or that it is blocked; nothing when not evaluated. */
function returnPathLines(verdict: Verdict): string[] {
  const summary = returnPathSummary(verdict);
  if (summary === undefined) return [];
  if (summary === "blocked") return ["Return path: blocked (see below)"];
  const line = `Return path (${verdict.returnPath.length} hops): ${summary.components}`;
  return summary.admittedBy.length > 0 ? [line, `  admitted by ${summary.admittedBy.join("; ")}`] : [line];
}

/**
 * The block (or, for `unknown`, where the engine stopped) and the fix, as label and value pairs.
 *
 * @param verdict - the verdict
 */
export function blockFacts(verdict: Verdict): { label: string; value: string }[] {
  const blocked = verdict.blockedAt;
  const facts: { label: string; value: string }[] = [];
  if (blocked) {
    facts.push(
      { label: verdict.verdict === "unknown" ? "Stopped at" : "Blocked at", value: `${clean(blocked.component)} (${blocked.type}), ${blocked.direction} direction` },
      { label: "Code", value: blocked.code },
      { label: "Rule", value: evidenceText(blocked.rule, blocked.component) },
    );
  }
  if (verdict.fix) facts.push({ label: "Fix", value: clean(verdict.fix) });
  return facts;
}

/** The block and the fix as labelled lines, the blocking component in red. */
function blockedLines(verdict: Verdict, paint: Painter): string[] {
  const facts = blockFacts(verdict);
  if (facts.length === 0) return [];
  const width = Math.max(...facts.map(({ label }) => label.length));
  return facts.map(({ label, value }, i) => {
    const shown = i === 0 && verdict.blockedAt ? value.replace(clean(verdict.blockedAt.component), (id) => paint("red", id)) : value;
    return `${paint("bold", label.padEnd(width))}  ${shown}`;
  });
}

/** AWS CLI and boto3 client names for the services people reach through interface endpoints. */
const CLI_EXAMPLES: Record<string, { client: string; command: string }> = {
  "sagemaker-runtime": {
    client: "sagemaker-runtime",
    command:
      "aws sagemaker-runtime invoke-endpoint --endpoint-url URL --endpoint-name ENDPOINT_NAME " +
      "--body fileb://input.json --content-type application/json output.json",
  },
  "sagemaker-api": { client: "sagemaker", command: "aws sagemaker list-endpoints --endpoint-url URL" },
  s3: { client: "s3", command: "aws s3 ls --endpoint-url URL" },
  sts: { client: "sts", command: "aws sts get-caller-identity --endpoint-url URL" },
  logs: { client: "logs", command: "aws logs describe-log-groups --endpoint-url URL" },
  "ecr.api": { client: "ecr", command: "aws ecr describe-repositories --endpoint-url URL" },
};

/**
 * The service key of a verdict's destination (`sagemaker-runtime`, `s3`, `sts`, …), from the
 * destination spec or the service name the engine gives (`com.amazonaws.us-east-1.sagemaker.runtime`).
 */
function serviceKey(verdict: Verdict): string {
  const spec = verdict.destination.spec.replace(/^service:/, "");
  if (spec in CLI_EXAMPLES) return spec;
  const service = (verdict.destination.service ?? spec).replace(/^com\.amazonaws\.[a-z0-9-]+\./, "");
  if (service === "sagemaker.runtime") return "sagemaker-runtime";
  if (service === "sagemaker.api") return "sagemaker-api";
  return service;
}

/**
 * A ready-to-paste AWS CLI command and boto3 line that use the endpoint's own DNS name.
 *
 * @param verdict - a verdict with `requiresEndpointUrl`
 * @param url - the URL to use (the verdict's `requiresEndpointUrl`)
 */
export function endpointUrlExample(verdict: Verdict, url: string): string[] {
  const key = serviceKey(verdict);
  const known = CLI_EXAMPLES[key];
  const client = known?.client ?? key;
  const command = (known?.command ?? `aws ${key} <command> --endpoint-url URL`).replace("URL", url);
  return [command, `boto3.client("${client}", endpoint_url="${url}")`];
}

function endpointUrlLines(verdict: Verdict, paint: Painter): string[] {
  const url = verdict.requiresEndpointUrl;
  if (!url) return [];
  const safe = clean(url);
  return [
    paint("bold", paint("yellow", "Only the endpoint's own DNS name works here: pass --endpoint-url")),
    `  ${paint("cyan", safe)}`,
    "  for example:",
    ...endpointUrlExample(verdict, safe).map((line) => `    ${line}`),
  ];
}

function subsetLines(verdict: Verdict): string[] {
  const subset = verdict.reachableSubset;
  if (!subset) return [];
  const parts = [
    subset.addresses.length > 0 ? `addresses ${subset.addresses.map(clean).join(", ")}` : undefined,
    subset.ports.length > 0 ? `ports ${subset.ports.map(clean).join(", ")}` : undefined,
  ].filter(Boolean);
  return [`Reachable part: ${clean(subset.note)}${parts.length > 0 ? ` (${parts.join("; ")})` : ""}`];
}

/**
 * The whole human-readable answer for one verdict, ending with a newline.
 *
 * @param verdict - the engine's answer
 * @param options - whether to colour the text
 */
export function verdictToText(verdict: Verdict, options: TextOptions): string {
  const paint = painter(options);
  const sections: string[][] = [[headline(verdict, paint), clean(verdict.explanation)]];
  sections.push(...nonEmpty(endpointUrlLines(verdict, paint)));
  if (verdict.path.length > 0) sections.push([paint("bold", "Path"), ...pathTable(verdict.path).map((line) => `  ${line}`)]);
  sections.push(...nonEmpty(returnPathLines(verdict)));
  sections.push(...nonEmpty(blockedLines(verdict, paint)));
  sections.push(...nonEmpty(subsetLines(verdict)));
  if (verdict.warnings.length > 0) {
    sections.push([paint("yellow", "Warnings"), ...verdict.warnings.map((warning) => `  - ${clean(warning)}`)]);
  }
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}

/** A section only when it has lines. */
function nonEmpty(lines: string[]): string[][] {
  return lines.length > 0 ? [lines] : [];
}
