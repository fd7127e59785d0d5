/**
 * What the collector reads from SageMaker in one Region: notebook instances (ListNotebookInstances,
 * then DescribeNotebookInstance for each, which holds the subnet, security groups, ENI and
 * DirectInternetAccess) and Studio domains (ListDomains, then DescribeDomain for each).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeNotebookInstance.html
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeDomain.html
 */
import type { SageMakerOperation } from "./policy.js";
import { PAGE_SIZE, type Task } from "./ec2-tasks.js";
import { guarded, readAllPages, readOne, type Document, type RegionContext } from "./call.js";

interface DescribeEachSpec {
  label: string;
  listOperation: SageMakerOperation;
  listKey: string;
  list: (ctx: RegionContext) => AsyncIterable<object>;
  idField: string;
  describeOperation: SageMakerOperation;
  describe: (ctx: RegionContext, id: string) => Promise<object>;
}

const paging = (ctx: RegionContext) => ({ client: ctx.sagemaker, pageSize: PAGE_SIZE, stopOnSameToken: true });

const SPECS: readonly DescribeEachSpec[] = [
  {
    label: "SageMaker notebook instances",
    listOperation: "ListNotebookInstances",
    listKey: "NotebookInstances",
    list: (ctx) => ctx.sdk.sagemaker.paginateListNotebookInstances(paging(ctx), {}, ctx.requestOptions),
    idField: "NotebookInstanceName",
    describeOperation: "DescribeNotebookInstance",
    describe: (ctx, name) =>
      ctx.sagemaker.send(new ctx.sdk.sagemaker.DescribeNotebookInstanceCommand({ NotebookInstanceName: name }), ctx.requestOptions),
  },
  {
    label: "SageMaker Studio domains",
    listOperation: "ListDomains",
    listKey: "Domains",
    list: (ctx) => ctx.sdk.sagemaker.paginateListDomains(paging(ctx), {}, ctx.requestOptions),
    idField: "DomainId",
    describeOperation: "DescribeDomain",
    describe: (ctx, id) => ctx.sagemaker.send(new ctx.sdk.sagemaker.DescribeDomainCommand({ DomainId: id }), ctx.requestOptions),
  },
];

function stringField(item: unknown, field: string): string | undefined {
  const value = item !== null && typeof item === "object" ? (item as Record<string, unknown>)[field] : undefined;
  return typeof value === "string" ? value : undefined;
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
        readAllPages(ctx, spec.list(ctx), spec.listKey),
      );
      if (!list) return { documents: [], items: undefined };
      const items = Array.isArray(list[spec.listKey]) ? (list[spec.listKey] as unknown[]) : [];
      const ids = items.map((item) => stringField(item, spec.idField)).filter((id): id is string => id !== undefined);
      const described = await Promise.all(
        ids.map((id) =>
          guarded(ctx, { service: "sagemaker", operation: spec.describeOperation, subject: id }, () => readOne(ctx, () => spec.describe(ctx, id))),
        ),
      );
      const documents = described.filter((document): document is Document => document !== undefined);
      return { documents: [...documents, list], items: items.length };
    },
  };
}

/** The SageMaker tasks of one Region. */
export const SAGEMAKER_TASKS: readonly Task[] = SPECS.map(describeEachTask);
