/**
 * What the HTML and Markdown views of the report share: destination titles, verdict words, a source's
 * title, the verdict counts of the header, and the diagram legend (taken from the diagrams' own
 * palette, so the two cannot drift apart).
 */
import { STANDARD_DESTINATIONS } from "../engine/index.js";
import type { AuditRow } from "../engine/audit.js";
import type { VerdictKind } from "../engine/verdict.js";
import { CLASS_DEFS, type ClassName } from "../diagram/styles.js";
import { costToMarkdown, type CostEstimate } from "../cost/index.js";
import type { ReportData } from "./compose.js";

export const DESTINATION_TITLES: Record<string, string> = {
  internet: "Internet",
  s3: "S3",
  "sagemaker-api": "SageMaker API",
  "sagemaker-runtime": "SageMaker runtime",
};

export const VERDICT_WORDS: Record<VerdictKind, string> = { reachable: "reachable", unreachable: "blocked", unknown: "undetermined" };

/** The cost section's Markdown of each estimate, rendered once for the README and the HTML page. */
const costMarkdowns = new WeakMap<CostEstimate, string>();

/**
 * The cost estimate as Markdown (`costToMarkdown`): the README measures, maybe cuts, and the page
 * converts the same text, which on a large estate of hundreds of VPCs takes seconds to render.
 *
 * @param cost - the report's estimate (not changed after the report is composed)
 */
export function costMarkdown(cost: CostEstimate): string {
  let markdown = costMarkdowns.get(cost);
  if (markdown === undefined) costMarkdowns.set(cost, (markdown = costToMarkdown(cost)));
  return markdown;
}

/**
 * A matrix row's source as people know it: the notebook's name, or `name (i-…)` for other types.
 *
 * @param row - an audit row
 */
export function sourceTitle(row: AuditRow): string {
  const { source } = row;
  const name = source.name && source.name !== source.id ? `${source.name} (${source.id})` : source.id;
  return source.type === "notebook" ? name : `${name} · ${source.type}`;
}

/**
 * How many matrix cells are reachable, blocked and undetermined.
 *
 * @param data - the composed report
 */
export function verdictCounts(data: ReportData): Record<VerdictKind, number> {
  const counts = { reachable: 0, unreachable: 0, unknown: 0 };
  for (const destination of STANDARD_DESTINATIONS) {
    const reach = data.summary.reach[destination];
    if (!reach) continue;
    counts.reachable += reach.reachable;
    counts.unreachable += reach.unreachable;
    counts.unknown += reach.unknown;
  }
  return counts;
}

const LEGEND_CLASSES: readonly [ClassName, string][] = [
  ["vpc", "VPC"],
  ["az", "Availability Zone"],
  ["publicSubnet", "public subnet (routes to an internet gateway)"],
  ["privateSubnet", "private subnet"],
  ["gateway", "internet or NAT gateway"],
  ["endpoint", "VPC endpoint"],
  ["notebook", "SageMaker notebook"],
  ["instance", "EC2 instance"],
  ["serviceStorage", "AWS service (storage)"],
  ["serviceMl", "AWS service (SageMaker)"],
  ["blocked", "where traffic is blocked"],
  ["undetermined", "where the engine cannot tell"],
];

/**
 * The sentence opening the architecture section: one diagram per VPC, after one per transit gateway
 * hub when the snapshot has any.
 *
 * @param data - the composed report
 */
export function architectureIntro(data: ReportData): string {
  return data.hubs.length > 0
    ? "One diagram per transit gateway hub (its route tables and the VPCs attached to it), then one per VPC."
    : "One diagram per VPC.";
}

/** One legend entry: the colours of a diagram class and what it stands for. */
export interface LegendEntry {
  fill: string;
  stroke: string;
  text: string;
}

function colour(definition: string, property: "fill" | "stroke"): string {
  return new RegExp(`${property}:(#[0-9A-Fa-f]{3,6})`).exec(definition)?.[1] ?? "#FFFFFF";
}

export const LEGEND: readonly LegendEntry[] = LEGEND_CLASSES.map(([name, text]) => ({
  fill: colour(CLASS_DEFS[name], "fill"),
  stroke: colour(CLASS_DEFS[name], "stroke"),
  text,
}));
