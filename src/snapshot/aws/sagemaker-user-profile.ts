/**
 * SageMaker Studio user profiles → `StudioUserProfile` (keyed `DOMAIN_ID/NAME`):
 * - describe-user-profile output (one object with `UserProfileName` and `DomainId`):
 *   `UserSettings.SecurityGroups`, which AWS adds to the domain's `DefaultUserSettings.SecurityGroups`
 *   for the user's apps and private spaces; subnets and `AppNetworkAccessType` are the domain's,
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeUserProfile.html
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UserSettings.html
 * - list-user-profiles output (`UserProfiles`), which lacks the groups: such a profile is kept with
 *   `missingData` set so the engine answers `unknown` for it.
 */
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";
import { studioKey } from "../../model/types.js";
import { listedOnly, readListed, workloadIdentity } from "./sagemaker-workload.js";

/** True when a document looks like a describe-user-profile output. */
export function isUserProfileDocument(doc: JsonObject): boolean {
  return doc.has("UserProfileName") && doc.has("DomainId") && !doc.has("UserProfiles");
}

function profileIdentity(record: JsonObject, ctx: DocContext) {
  const domainId = record.str("DomainId");
  const userProfileName = record.str("UserProfileName");
  const id = studioKey(domainId, userProfileName);
  return { ...workloadIdentity(record.withId(id), ctx, userProfileName, "UserProfileArn", id), domainId, userProfileName, status: record.optStr("Status") ?? "unknown" };
}

/**
 * Reads one describe-user-profile output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readUserProfile(doc: JsonObject, ctx: DocContext): void {
  const identity = profileIdentity(doc, ctx);
  const settings = doc.withId(identity.id).optObj("UserSettings");
  ctx.builder.add("userProfiles", { ...identity, securityGroupIds: settings?.strings("SecurityGroups") ?? [] });
}

/**
 * Reads one list-user-profiles output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readUserProfileList(doc: JsonObject, ctx: DocContext): void {
  readListed(doc, ctx, "UserProfiles", "userProfiles", "Studio user profile", (item) => ({
    ...profileIdentity(item, ctx),
    securityGroupIds: [],
    missingData: listedOnly("list-user-profiles", "describe-user-profile"),
  }));
}
