/**
 * SageMaker Studio spaces → `StudioSpace` (keyed `DOMAIN_ID/NAME`). A space has no network settings of
 * its own: its apps run in the domain's subnets with the domain's `AppNetworkAccessType`; a private
 * space uses its owner's groups, a shared space the domain's `DefaultSpaceSettings.SecurityGroups`.
 * - describe-space output (one object with `SpaceName` and `DomainId`): `SpaceSharingSettings` and
 *   `OwnershipSettings`,
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeSpace.html
 * - list-spaces output (`Spaces`), whose summaries carry the same two settings.
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_SpaceDetails.html
 */
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";
import { studioKey, type StudioSpace } from "../../model/types.js";
import { readListed, workloadIdentity } from "./sagemaker-workload.js";

const SHARING = ["Private", "Shared"] as const;

/** True when a document looks like a describe-space output. */
export function isSpaceDocument(doc: JsonObject): boolean {
  return doc.has("SpaceName") && doc.has("DomainId") && !doc.has("Spaces");
}

function readSpaceRecord(record: JsonObject, ctx: DocContext, sharingKey: string, ownerKey: string): StudioSpace {
  const domainId = record.str("DomainId");
  const spaceName = record.str("SpaceName");
  const id = studioKey(domainId, spaceName);
  const located = record.withId(id);
  return {
    ...workloadIdentity(located, ctx, spaceName, "SpaceArn", id),
    domainId,
    spaceName,
    status: located.optStr("Status") ?? "unknown",
    sharingType: located.optObj(sharingKey)?.optOneOf("SharingType", SHARING),
    ownerUserProfileName: located.optObj(ownerKey)?.optStr("OwnerUserProfileName"),
  };
}

/**
 * Reads one describe-space output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readSpace(doc: JsonObject, ctx: DocContext): void {
  const space = readSpaceRecord(doc, ctx, "SpaceSharingSettings", "OwnershipSettings");
  ctx.builder.add("spaces", space);
}

/**
 * Reads one list-spaces output; its summaries are complete, so they are kept unless a describe-space
 * output covers the same space.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readSpaceList(doc: JsonObject, ctx: DocContext): void {
  readListed(doc, ctx, "Spaces", "spaces", "Studio space", (item) => readSpaceRecord(item, ctx, "SpaceSharingSettingsSummary", "OwnershipSettingsSummary"));
}
