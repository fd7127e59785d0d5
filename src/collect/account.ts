/**
 * Which account a collection belongs to, without an extra STS call (and its extra permission): the
 * `OwnerId` of the account's own resources and the account field of SageMaker ARNs. A VPC shared
 * with this account through AWS RAM carries its owner's id, so resources only the account itself
 * owns (security groups, network interfaces, instances, notebooks) count first, VPCs and subnets
 * only when nothing else names an account. `collect --account` overrides the result.
 */
import type { LayoutFile } from "./call.js";

const ACCOUNT_ID = /^\d{12}$/;

/** List keys whose items carry `OwnerId` of the caller's own account. */
const OWN_RESOURCE_KEYS = ["SecurityGroups", "NetworkInterfaces", "Reservations"];
/** Keys whose `OwnerId` may be another account's (shared VPCs and their route tables and ACLs). */
const SHARED_RESOURCE_KEYS = ["Vpcs", "Subnets", "RouteTables", "NetworkAcls"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function ownerIds(document: Record<string, unknown>, keys: readonly string[]): string[] {
  return keys.flatMap((key) => {
    const items = document[key];
    if (!Array.isArray(items)) return [];
    return items.flatMap((item: unknown) => (isRecord(item) && typeof item.OwnerId === "string" ? [item.OwnerId] : []));
  });
}

function arnAccounts(document: Record<string, unknown>): string[] {
  return ["NotebookInstanceArn", "DomainArn"].flatMap((key) => {
    const arn = document[key];
    return typeof arn === "string" ? [arn.split(":")[4] ?? ""] : [];
  });
}

function mostFrequent(ids: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const id of ids) if (ACCOUNT_ID.test(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
  let best: string | undefined;
  for (const [id, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = id;
  return best;
}

/**
 * The account id the documents belong to, or undefined when none names one.
 *
 * @param documents - the collected API outputs of every Region
 */
export function detectAccount(documents: readonly unknown[]): string | undefined {
  const records = documents.filter(isRecord);
  const own = records.flatMap((document) => [...ownerIds(document, OWN_RESOURCE_KEYS), ...arnAccounts(document)]);
  return mostFrequent(own) ?? mostFrequent(records.flatMap((document) => ownerIds(document, SHARED_RESOURCE_KEYS)));
}

/**
 * The account of the collected IAM roles (an account without network resources still has roles).
 *
 * @param files - the collection's layout files; the roles are in the `iam/` one
 */
export function roleAccount(files: readonly LayoutFile[]): string | undefined {
  const details = files.find((file) => file.path.startsWith("iam/"));
  const roles = Array.isArray(details?.document.RoleDetailList) ? (details.document.RoleDetailList as { Arn?: unknown }[]) : [];
  const arn = roles.find((role) => typeof role.Arn === "string")?.Arn;
  return typeof arn === "string" ? arn.split(":")[4] : undefined;
}
