/**
 * SageMaker Studio domains → `StudioDomain`:
 * - describe-domain output (one object with `DomainId`, one per file),
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeDomain.html
 * - list-domains output (`Domains`), which has no network settings: such domains are reported as a
 *   warning and not modelled.
 */
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";
import { scopeFromArn } from "./sagemaker-workload.js";

/** True when a document looks like a describe-domain output. */
export function isDomainDocument(doc: JsonObject): boolean {
  return doc.has("DomainId") && (doc.has("AppNetworkAccessType") || doc.has("DomainArn") || doc.has("VpcId"));
}

/**
 * Reads one describe-domain output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readDomain(doc: JsonObject, ctx: DocContext): void {
  const id = doc.str("DomainId");
  const record = doc.withId(id);
  const userSettings = record.optObj("DefaultUserSettings");
  ctx.builder.add("domains", {
    id,
    scope: scopeFromArn(ctx, record.optStr("DomainArn")),
    name: record.optStr("DomainName"),
    tags: {},
    origin: record.origin(),
    domainName: record.optStr("DomainName") ?? id,
    appNetworkAccessType: record.optOneOf("AppNetworkAccessType", ["PublicInternetOnly", "VpcOnly"]) ?? "PublicInternetOnly",
    vpcId: record.optStr("VpcId"),
    subnetIds: record.strings("SubnetIds"),
    securityGroupIds: userSettings?.strings("SecurityGroups") ?? [],
    spaceSecurityGroupIds: record.optObj("DefaultSpaceSettings")?.strings("SecurityGroups") ?? [],
  });
}

/**
 * Reads one list-domains output: a warning per domain no describe-domain output covers (resolve.ts),
 * since the list lacks the network settings.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readDomainList(doc: JsonObject, ctx: DocContext): void {
  for (const item of doc.objects("Domains", true)) {
    ctx.builder.listedDomains.push({ id: item.str("DomainId"), origin: item.origin() });
  }
}
