/**
 * Prefix lists, from three API outputs that all feed `PrefixList`:
 * - describe-prefix-lists (`PrefixLists` whose items carry `Cidrs`): AWS-managed service lists,
 *   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_PrefixList.html
 * - describe-managed-prefix-lists (`PrefixLists` whose items carry `OwnerId`/`AddressFamily`, or the
 *   key `ManagedPrefixLists`): https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ManagedPrefixList.html
 * - get-managed-prefix-list-entries (`Entries`): the CIDRs of one list. The output does not name its
 *   list, so the list id comes from a `PrefixListId` field added beside `Entries`, else from a
 *   `pl-…` id in the file name (e.g. `pl-0abc123.json`, `entries-pl-0abc123.json`).
 *   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_PrefixListEntry.html
 * The same list may appear in several of them; they merge into one record.
 */
import { basename } from "node:path";
import { isIpv6Cidr, type JsonObject, type JsonValue } from "../json-reader.js";
import { commonFields, type DocContext } from "../builder.js";
import type { PrefixList } from "../../model/types.js";

const PREFIX_LIST_ID_IN_NAME = /\b(pl-[0-9a-f]+)\b/;

/** The IPv4 CIDRs of a list; IPv6 ones (dual-stack and IPv6 lists) are left out, as the model is IPv4. */
function ipv4Cidrs(values: JsonValue[]): string[] {
  const cidrs: string[] = [];
  for (const value of values) {
    if (typeof value.value === "string" && isIpv6Cidr(value.value)) continue;
    cidrs.push(value.asIpv4Cidr());
  }
  return cidrs;
}

function merge(ctx: DocContext, incoming: PrefixList): void {
  const lists = ctx.builder.maps.prefixLists;
  const existing = lists.get(incoming.id);
  if (!existing) {
    ctx.builder.add("prefixLists", incoming);
    return;
  }
  ctx.builder.markPresent(incoming.scope, "prefixLists");
  if (incoming.cidrs) existing.cidrs = [...new Set([...(existing.cidrs ?? []), ...incoming.cidrs])];
  existing.awsManaged ||= incoming.awsManaged;
  if (existing.prefixListName === existing.id) existing.prefixListName = incoming.prefixListName;
  if (!existing.name) existing.name = incoming.name;
  for (const [key, value] of Object.entries(incoming.tags)) existing.tags[key] ??= value;
}

/**
 * Reads one `PrefixLists` (or `ManagedPrefixLists`) document, from either describe call.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 * @param key - the top-level key it was recognised by
 */
export function readPrefixLists(doc: JsonObject, ctx: DocContext, key = "PrefixLists"): void {
  ctx.builder.markPresent(ctx.docScope, "prefixLists");
  for (const item of doc.objects(key, true)) {
    const id = item.str("PrefixListId");
    const record = item.withId(id);
    const ownerId = record.optStr("OwnerId");
    const hasCidrs = record.has("Cidrs");
    const common = commonFields(record, ctx, id);
    if (ownerId === "AWS") common.scope = ctx.docScope;
    merge(ctx, {
      id: common.id, scope: common.scope, name: common.name, tags: common.tags, origin: common.origin,
      prefixListName: record.optStr("PrefixListName") ?? id,
      cidrs: hasCidrs ? ipv4Cidrs(record.items("Cidrs")) : undefined,
      // describe-prefix-lists lists only AWS service lists; managed lists say so with OwnerId "AWS".
      awsManaged: hasCidrs && !record.has("AddressFamily") ? true : ownerId === "AWS",
    });
  }
}

/**
 * Reads one get-managed-prefix-list-entries output.
 *
 * @param doc - the document (`{ "Entries": [...] }`, optionally with `PrefixListId`)
 * @param ctx - its scope and the builder
 */
export function readPrefixListEntries(doc: JsonObject, ctx: DocContext): void {
  const id = doc.optStr("PrefixListId") ?? PREFIX_LIST_ID_IN_NAME.exec(basename(doc.at.file))?.[1];
  if (!id) {
    doc.failAt(
      "PrefixListId",
      "cannot tell which prefix list these Entries belong to: add a \"PrefixListId\" field beside \"Entries\" or name the file after the list (e.g. pl-0abc123.json)",
    );
  }
  const record = doc.withId(id);
  const cidrs = ipv4Cidrs(record.objects("Entries", true).map((entry) => entry.field("Cidr")));
  merge(ctx, {
    id,
    scope: ctx.docScope,
    name: undefined,
    tags: {},
    origin: record.origin(),
    prefixListName: id,
    cidrs,
    awsManaged: false,
  });
}
