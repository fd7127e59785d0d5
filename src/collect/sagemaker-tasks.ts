/**
 * What the collector reads from SageMaker in one Region: for each kind of workload that can run in
 * a VPC, the list call, then the describe call for each item (the describe output holds the subnets,
 * security groups, `EnableNetworkIsolation`, `DirectInternetAccess` / `AppNetworkAccessType`):
 * notebook instances, Studio domains, user profiles and spaces, training, processing and
 * hyperparameter tuning jobs, models, endpoint configs (which map endpoints to models) and endpoints.
 * API reference: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Operations_Amazon_SageMaker_Service.html
 */
import type { SageMakerOperation } from "./policy.js";
import { tokenPaging, type Task } from "./ec2-tasks.js";
import { guarded, readAllPages, readOne, sendOperation, type Document, type RegionContext, type RequestOptions } from "./call.js";

type Item = Record<string, unknown>;

interface DescribeEachSpec {
  label: string;
  /** The list operation; its SDK command is `<operation>Command`. */
  listOperation: SageMakerOperation;
  /** The list output's key, e.g. `NotebookInstances`. */
  listKey: string;
  /** The fields of a list item that name it: also the describe call's input fields. */
  idFields: readonly string[];
  describeOperation: SageMakerOperation;
}

const SPECS: readonly DescribeEachSpec[] = [
  spec("SageMaker notebook instances", "ListNotebookInstances", "NotebookInstances", ["NotebookInstanceName"], "DescribeNotebookInstance"),
  spec("SageMaker Studio domains", "ListDomains", "Domains", ["DomainId"], "DescribeDomain"),
  spec("SageMaker Studio user profiles", "ListUserProfiles", "UserProfiles", ["DomainId", "UserProfileName"], "DescribeUserProfile"),
  spec("SageMaker Studio spaces", "ListSpaces", "Spaces", ["DomainId", "SpaceName"], "DescribeSpace"),
  spec("SageMaker training jobs", "ListTrainingJobs", "TrainingJobSummaries", ["TrainingJobName"], "DescribeTrainingJob"),
  spec("SageMaker processing jobs", "ListProcessingJobs", "ProcessingJobSummaries", ["ProcessingJobName"], "DescribeProcessingJob"),
  spec(
    "SageMaker hyperparameter tuning jobs",
    "ListHyperParameterTuningJobs",
    "HyperParameterTuningJobSummaries",
    ["HyperParameterTuningJobName"],
    "DescribeHyperParameterTuningJob",
  ),
  spec("SageMaker models", "ListModels", "Models", ["ModelName"], "DescribeModel"),
  spec("SageMaker endpoint configs", "ListEndpointConfigs", "EndpointConfigs", ["EndpointConfigName"], "DescribeEndpointConfig"),
  spec("SageMaker endpoints", "ListEndpoints", "Endpoints", ["EndpointName"], "DescribeEndpoint"),
];

function spec(label: string, listOperation: SageMakerOperation, listKey: string, idFields: readonly string[], describeOperation: SageMakerOperation): DescribeEachSpec {
  return { label, listOperation, listKey, idFields, describeOperation };
}

/** Sends one SageMaker request by operation name. */
function sendSageMaker(ctx: RegionContext, operation: SageMakerOperation, input: object, options: RequestOptions): Promise<object> {
  return sendOperation(ctx.sagemaker, ctx.sdk.sagemaker, operation, input, options);
}

/** The item's id fields, or undefined when one is missing. */
function idsOf(item: unknown, fields: readonly string[]): Record<string, string> | undefined {
  if (item === null || typeof item !== "object") return undefined;
  const ids: Record<string, string> = {};
  for (const field of fields) {
    const value = (item as Item)[field];
    if (typeof value !== "string") return undefined;
    ids[field] = value;
  }
  return ids;
}

/**
 * List, then describe each. The describe outputs come first and the list output last: the loader
 * keeps a described resource and uses the list only for those whose describe call failed (and to
 * know the kind was collected even when the list is empty).
 */
function describeEachTask(spec: DescribeEachSpec): Task {
  return {
    label: spec.label,
    async run(ctx) {
      const list = await guarded(ctx, { service: "sagemaker", operation: spec.listOperation }, () =>
        readAllPages(ctx, tokenPaging(spec.listKey, (i, o) => sendSageMaker(ctx, spec.listOperation, i, o))),
      );
      if (!list) return { documents: [], items: undefined };
      const items = Array.isArray(list[spec.listKey]) ? (list[spec.listKey] as unknown[]) : [];
      const named = items.map((item) => idsOf(item, spec.idFields)).filter((ids): ids is Record<string, string> => ids !== undefined);
      const described = await Promise.all(
        named.map((ids) =>
          guarded(ctx, { service: "sagemaker", operation: spec.describeOperation, subject: Object.values(ids).join("/") }, () =>
            readOne(ctx, (o) => sendSageMaker(ctx, spec.describeOperation, ids, o), spec.idFields.at(-1)),
          ),
        ),
      );
      const documents = described.filter((document): document is Document => document !== undefined);
      return { documents: [...documents, list], items: items.length };
    },
  };
}

/** The SageMaker tasks of one Region. */
export const SAGEMAKER_TASKS: readonly Task[] = SPECS.map(describeEachTask);
