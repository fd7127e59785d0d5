/**
 * SageMaker notebook instances → `Notebook`:
 * - describe-notebook-instance output (one object with `NotebookInstanceName`, one per file),
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeNotebookInstance.html
 * - list-notebook-instances output (`NotebookInstances`), which carries no network settings: such a
 *   notebook is kept with `missingData` set so the engine answers `unknown` for it.
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_NotebookInstanceSummary.html
 */
import type { JsonObject } from "../json-reader.js";
import type { DocContext } from "../builder.js";
import type { Notebook } from "../../model/types.js";
import { workloadIdentity } from "./sagemaker-workload.js";

const ENABLED_DISABLED = ["Enabled", "Disabled"] as const;

/** Why a listed-only notebook cannot be analysed. */
export const LISTED_ONLY =
  "only listed by list-notebook-instances, which has no network settings: add its describe-notebook-instance output";

/** True when a document looks like a describe-notebook-instance output. */
export function isNotebookDocument(doc: JsonObject): boolean {
  return doc.has("NotebookInstanceName") && !doc.has("NotebookInstances");
}

/**
 * The fields both the describe and the list outputs carry: identity, place, status and type. The id
 * is `ACCOUNT/REGION/NAME` while loading, so one name in two scopes stays two notebooks; names used
 * once are shortened to the name when all files are read (resolve.ts).
 */
function notebookIdentity(record: JsonObject, ctx: DocContext, name: string) {
  return {
    ...workloadIdentity(record, ctx, name, "NotebookInstanceArn"),
    status: record.optStr("NotebookInstanceStatus") ?? "unknown",
    instanceType: record.optStr("InstanceType"),
  };
}

/**
 * Reads one describe-notebook-instance output.
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readNotebook(doc: JsonObject, ctx: DocContext): void {
  const name = doc.str("NotebookInstanceName");
  const record = doc.withId(name);
  const directInternetAccess = record.optOneOf("DirectInternetAccess", ENABLED_DISABLED) ?? "Enabled";
  const subnetId = record.optStr("SubnetId");
  if (directInternetAccess === "Disabled" && !subnetId) {
    record.failAt("SubnetId", "missing required field (DirectInternetAccess is Disabled, so the notebook must have a subnet)");
  }
  const notebook: Notebook = {
    ...notebookIdentity(record, ctx, name),
    subnetId,
    securityGroupIds: record.strings("SecurityGroups"),
    networkInterfaceId: record.optStr("NetworkInterfaceId"),
    directInternetAccess: directInternetAccess === "Enabled",
    rootAccess: (record.optOneOf("RootAccess", ENABLED_DISABLED) ?? "Enabled") === "Enabled",
    kmsKeyId: record.optStr("KmsKeyId"),
    roleArn: record.optStr("RoleArn"),
  };
  ctx.builder.add("notebooks", notebook);
}

/**
 * Reads one list-notebook-instances output. The notebooks are added once all files are read, and only
 * those no describe-notebook-instance output covers (see resolve.ts).
 *
 * @param doc - the document
 * @param ctx - its scope and the builder
 */
export function readNotebookList(doc: JsonObject, ctx: DocContext): void {
  ctx.builder.markPresent(ctx.docScope, "notebooks");
  for (const item of doc.objects("NotebookInstances", true)) {
    const name = item.str("NotebookInstanceName");
    ctx.builder.addListed("notebooks", {
      ...notebookIdentity(item.withId(name), ctx, name),
      subnetId: undefined,
      securityGroupIds: [],
      networkInterfaceId: undefined,
      directInternetAccess: false,
      rootAccess: true,
      kmsKeyId: undefined,
      missingData: LISTED_ONLY,
    }, "notebook");
  }
}
