/**
 * What the collector reads from Route 53, once per account (a global service): the hosted zones
 * (ListHostedZones), and for each private zone its VPC associations (GetHostedZone) and records
 * (ListResourceRecordSets: the aliases that point a service name at an interface endpoint). Public
 * zones answer on the internet, whatever a VPC's route tables say, so their records are not read.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListHostedZones.html
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_GetHostedZone.html
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListResourceRecordSets.html
 */
import type { Task } from "./ec2-tasks.js";
import { guarded, readAllPages, readOne, type Document, type GlobalContext, type RequestOptions } from "./call.js";

/** Route 53's largest page (MaxItems) for both paged calls. */
const ROUTE53_PAGE = 300;

function text(output: Document, key: string): string | undefined {
  const value = output[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The private zones' ids (`/hostedzone/Z…`, as ListHostedZones gives them). */
function privateZoneIds(zones: Document): string[] {
  const items = Array.isArray(zones.HostedZones) ? (zones.HostedZones as Record<string, unknown>[]) : [];
  return items.flatMap((zone) => {
    const config = zone.Config as { PrivateZone?: unknown } | undefined;
    return config?.PrivateZone === true && typeof zone.Id === "string" ? [zone.Id] : [];
  });
}

/** `Z…` from `/hostedzone/Z…`, as the AWS CLI's file names and the `HostedZoneId` field use it. */
function bareZoneId(id: string): string {
  return id.replace(/^\/hostedzone\//, "");
}

interface RecordCursor {
  StartRecordName: string;
  StartRecordType?: string | undefined;
  StartRecordIdentifier?: string | undefined;
}

function listZones(ctx: GlobalContext): Promise<Document> {
  return readAllPages(ctx, {
    key: "HostedZones",
    fetch: (cursor: { Marker: string } | undefined, options: RequestOptions) =>
      ctx.route53.send(new ctx.sdk.route53.ListHostedZonesCommand({ MaxItems: ROUTE53_PAGE, ...cursor }), options),
    next: (output) => {
      const marker = output.IsTruncated === true ? text(output, "NextMarker") : undefined;
      return marker === undefined ? undefined : { Marker: marker };
    },
  });
}

function listRecords(ctx: GlobalContext, zoneId: string): Promise<Document> {
  return readAllPages(ctx, {
    key: "ResourceRecordSets",
    fetch: (cursor: RecordCursor | undefined, options: RequestOptions) =>
      ctx.route53.send(
        new ctx.sdk.route53.ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: ROUTE53_PAGE, ...cursor } as ConstructorParameters<
          typeof ctx.sdk.route53.ListResourceRecordSetsCommand
        >[0]),
        options,
      ),
    next: (output): RecordCursor | undefined => {
      const name = output.IsTruncated === true ? text(output, "NextRecordName") : undefined;
      if (name === undefined) return undefined;
      return { StartRecordName: name, StartRecordType: text(output, "NextRecordType"), StartRecordIdentifier: text(output, "NextRecordIdentifier") };
    },
  });
}

/**
 * Hosted zones: `{ HostedZones }` (list-hosted-zones), then per private zone the get-hosted-zone
 * output `{ HostedZone, VPCs }` and `{ HostedZoneId, ResourceRecordSets }` (list-resource-record-sets,
 * which names no zone: a folder layout puts the id in the file name).
 */
const HOSTED_ZONES: Task<GlobalContext> = {
  label: "Route 53 hosted zones",
  async run(ctx) {
    const zones = await guarded(ctx, { service: "route53", operation: "ListHostedZones" }, () => listZones(ctx));
    if (!zones) return { documents: [], items: undefined };
    const perZone = privateZoneIds(zones).flatMap((id) => [
      guarded(ctx, { service: "route53", operation: "GetHostedZone", subject: bareZoneId(id) }, () =>
        readOne(ctx, (o) => ctx.route53.send(new ctx.sdk.route53.GetHostedZoneCommand({ Id: id }), o), "HostedZone"),
      ),
      guarded(ctx, { service: "route53", operation: "ListResourceRecordSets", subject: bareZoneId(id) }, async (): Promise<Document> => {
        return { HostedZoneId: bareZoneId(id), ...(await listRecords(ctx, id)) };
      }),
    ]);
    const documents = (await Promise.all(perZone)).filter((document): document is Document => document !== undefined);
    return { documents: [zones, ...documents], items: (zones.HostedZones as unknown[]).length };
  },
};

/** The global tasks of one account. */
export const GLOBAL_TASKS: readonly Task<GlobalContext>[] = [HOSTED_ZONES];
