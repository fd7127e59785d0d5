/**
 * What the SageMaker workload parsers share: the scope an ARN names, the network settings of a
 * workload's containers (`VpcConfig` and `EnableNetworkIsolation`), and the records a list-* output
 * gives, which carry no network settings.
 * AWS: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_VpcConfig.html
 */
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";
import type { RecordKind, RecordOf } from "../record-maps.js";
import { scopedName, type JobKind, type SageMakerJob, type Scope, type WorkloadNetwork } from "../../model/types.js";

/**
 * The scope of a SageMaker record: the account it was read in (a folder name, a snapshot source),
 * else the account its ARN names (`arn:aws:sagemaker:REGION:ACCOUNT:…`). SageMaker resources are not
 * shared across accounts, so the account that lists one owns it; unlike a shared subnet's `OwnerId`,
 * the ARN only fills in an account the input does not say.
 *
 * @param ctx - the document's context
 * @param arn - the record's ARN, if any
 */
export function scopeFromArn(ctx: DocContext, arn: string | undefined): Scope {
  if (ctx.docScope.account !== undefined) return ctx.docScope;
  const account = arn?.split(":")[4];
  return ctx.scope(account && /^\d{12}$/.test(account) ? account : undefined);
}

/**
 * Reads `VpcConfig` and `EnableNetworkIsolation` from the object that holds them (the describe output
 * itself, a processing job's `NetworkConfig`, a tuning job's training job definition).
 *
 * @param holder - the object holding the two fields
 * @param label - which part of the workload the settings are for, when it has several
 */
export function readWorkloadNetwork(holder: JsonObject | undefined, label?: string): WorkloadNetwork {
  const vpc = holder?.optObj("VpcConfig");
  return {
    label,
    vpcConfig: vpc ? { subnetIds: vpc.strings("Subnets"), securityGroupIds: vpc.strings("SecurityGroupIds") } : undefined,
    networkIsolation: holder?.optBool("EnableNetworkIsolation", false) ?? false,
  };
}

/**
 * Why a record known only from a list-* output cannot be analysed.
 *
 * @param list - the list command, e.g. `list-training-jobs`
 * @param describe - the describe command that has the network settings
 */
export function listedOnly(list: string, describe: string): string {
  return `only listed by ${list}, which has no network settings: add its ${describe} output`;
}

/**
 * The fields every SageMaker record shares, read from one describe output or list item.
 *
 * @param record - the describe output or list item
 * @param ctx - its scope and the builder
 * @param name - the record's name
 * @param arnKey - the field holding its ARN
 * @param id - its key in the model; by default `ACCOUNT/REGION/NAME` while loading, so one name in
 *   two scopes stays two records, shortened to the name when it is used once (resolve.ts). Studio
 *   profiles and spaces pass `DOMAIN_ID/NAME`, unique already.
 */
export function workloadIdentity(record: JsonObject, ctx: DocContext, name: string, arnKey: string, id?: string) {
  const arn = record.optStr(arnKey);
  const scope = scopeFromArn(ctx, arn);
  return { id: id ?? scopedName(scope, name), scope, name, tags: {}, origin: record.origin(), arn };
}

/**
 * Reads the items of a list-* output into records known only from the list.
 *
 * @param doc - the list output
 * @param ctx - its scope and the builder
 * @param listKey - the top-level key, e.g. `TrainingJobSummaries`
 * @param kind - the record map the items go to
 * @param label - what an item is, for the warning
 * @param toRecord - builds the record of one item
 */
export function readListed<K extends RecordKind>(
  doc: JsonObject,
  ctx: DocContext,
  listKey: string,
  kind: K,
  label: string,
  toRecord: (item: JsonObject) => RecordOf<K> & { missingData?: string },
): void {
  ctx.builder.markRecordKindPresent(ctx.docScope, kind);
  for (const item of doc.objects(listKey, true)) ctx.builder.addListed(kind, toRecord(item), label);
}

/** The field names of one kind of job in its describe and list outputs. */
export interface JobKeys {
  kind: JobKind;
  name: string;
  arn: string;
  status: string;
}

/**
 * A job record from a describe output or a list item.
 *
 * @param record - the describe output or list item
 * @param ctx - its scope and the builder
 * @param keys - the job kind's field names
 * @param networks - reads the job's network settings from the record (none for a list item)
 * @param missingData - what the snapshot lacks, for a list item
 */
export function jobRecord(
  record: JsonObject,
  ctx: DocContext,
  keys: JobKeys,
  networks: (located: JsonObject) => WorkloadNetwork[],
  missingData?: string,
): SageMakerJob {
  const name = record.str(keys.name);
  const located = record.withId(name);
  return {
    ...workloadIdentity(located, ctx, name, keys.arn),
    kind: keys.kind,
    status: located.optStr(keys.status) ?? "unknown",
    networks: networks(located),
    ...(missingData ? { missingData } : {}),
  };
}
