/**
 * How the diagrams name things: AWS service short names and display names (from endpoint service
 * names such as `com.amazonaws.us-east-1.sagemaker.api`, and from query destinations such as
 * `sagemaker-api` or `service:sts`), route destination labels (`0.0.0.0/0`, `pl-… (S3)`), and the
 * ordering of subnets by CIDR. Pure functions over the model; nothing here writes Mermaid syntax.
 */
import type { ModelIndex } from "../model/indexes.js";
import type { Route, RouteDestination, Subnet } from "../model/types.js";
import { parseCidr } from "../net/cidr.js";
import type { ClassName } from "./styles.js";
import { shortServiceName } from "../graph/index.js";

export { shortServiceName };

const DISPLAY: Record<string, string> = {
  s3: "Amazon S3",
  dynamodb: "Amazon DynamoDB",
  "sagemaker.api": "SageMaker API",
  "sagemaker.runtime": "SageMaker Runtime",
  "sagemaker.runtime-fips": "SageMaker Runtime (FIPS)",
  "sagemaker.featurestore-runtime": "SageMaker Feature Store",
  notebook: "SageMaker notebook UI",
  sts: "AWS STS",
  logs: "CloudWatch Logs",
  monitoring: "CloudWatch",
  "ecr.api": "Amazon ECR API",
  "ecr.dkr": "Amazon ECR (Docker)",
  kms: "AWS KMS",
  secretsmanager: "Secrets Manager",
  ssm: "Systems Manager",
  ec2: "Amazon EC2 API",
  "execute-api": "API Gateway",
  codeartifact: "CodeArtifact",
};

/** Services every SageMaker notebook needs; drawn whenever a notebook is. */
export const NOTEBOOK_SERVICES: readonly string[] = ["s3", "sagemaker.api", "sagemaker.runtime"];

/**
 * The short service name a query destination or verdict names: `s3`, `sagemaker-api` →
 * `sagemaker.api`, `sagemaker-runtime` → `sagemaker.runtime`, `service:sts` → `sts`, or an endpoint
 * service name.
 *
 * @param spec - the destination spec or service field of a verdict
 */
export function serviceOfDestination(spec: string): string {
  const name = spec.replace(/^service:/, "");
  if (name === "sagemaker-api") return "sagemaker.api";
  if (name === "sagemaker-runtime") return "sagemaker.runtime";
  return shortServiceName(name);
}

/** The human name of a short service name (`sagemaker.api` → `SageMaker API`). */
export function serviceDisplayName(short: string): string {
  return DISPLAY[short] ?? short;
}

/** The colour class of a service node: storage green, machine-learning teal, or the neutral one. */
export function serviceClass(short: string): ClassName {
  if (short === "s3" || short === "dynamodb") return "serviceStorage";
  if (short.startsWith("sagemaker") || short === "notebook") return "serviceMl";
  return "service";
}

/**
 * A route destination as drawn on an edge: the CIDR, or the prefix list id with the service it
 * stands for (`pl-63a5400a (S3)`) when the list is an AWS-managed one in the snapshot.
 *
 * @param index - model lookups (for the prefix list's name)
 * @param destination - the route's destination
 */
export function destinationLabel(index: ModelIndex, destination: RouteDestination): string {
  if (destination.kind !== "prefix-list") return destination.cidr;
  const list = index.model.prefixLists.get(destination.prefixListId);
  if (!list) return destination.prefixListId;
  const short = shortServiceName(list.prefixListName);
  const name = short === list.prefixListName ? list.prefixListName : DISPLAY[short]?.replace(/^Amazon /, "") ?? short;
  return `${destination.prefixListId} (${name})`;
}

/** A route as drawn on an edge: its destination, marked when the route is a blackhole. */
export function routeLabel(index: ModelIndex, route: Route): string {
  const text = destinationLabel(index, route.destination);
  return route.state === "blackhole" ? `${text} (blackhole)` : text;
}

/** At most this many destinations are listed on one edge; the rest are counted. */
const MAX_DESTINATIONS_PER_EDGE = 3;

/**
 * Route destinations as one edge label: in address order, the first three, then `+N more`.
 *
 * @param texts - the destinations as drawn (see `routeLabel`)
 */
export function destinationList(texts: readonly string[]): string {
  const sorted = [...texts].sort(compareCidrs);
  const shown = sorted.slice(0, MAX_DESTINATIONS_PER_EDGE).join(", ");
  const more = sorted.length - MAX_DESTINATIONS_PER_EDGE;
  return more > 0 ? `${shown} +${more} more` : shown;
}

/** Compares CIDR texts by address, then prefix length; malformed ones sort last, by text. */
export function compareCidrs(a: string, b: string): number {
  const left = parseCidr(a);
  const right = parseCidr(b);
  if (left && right) return left.first - right.first || left.prefixLength - right.prefixLength;
  if (left) return -1;
  if (right) return 1;
  return a.localeCompare(b);
}

/** Subnets in drawing order: by CIDR, then id. */
export function compareSubnets(a: Subnet, b: Subnet): number {
  return compareCidrs(a.cidr, b.cidr) || a.id.localeCompare(b.id);
}

/** Compares plain strings the same way on every machine (no locale). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
