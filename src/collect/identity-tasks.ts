/**
 * What the collector reads for identity checks (`query --action`), stored under the AWS CLI folder
 * layout's names so the snapshot's readers take ids from the file name exactly as for a folder:
 * - once per account, with the account's credentials: IAM GetAccountAuthorizationDetails (roles and
 *   managed policies) → `iam/get-account-authorization-details.json`; S3 ListBuckets →
 *   `policies/s3/list-buckets.json`, then GetBucketPolicy per bucket → `policies/s3/<bucket>.json`
 *   (a bucket without a policy answers NoSuchBucketPolicy: no file, and no failed call);
 * - once, with the caller's credentials, after the Regions: the Organization's service and resource
 *   control policies (DescribeOrganization, ListRoots, ListPolicies, DescribePolicy,
 *   ListTargetsForPolicy) and each collected account's place in it (ListParents from the account up
 *   to the root), so a policy attached to an organizational unit reaches the accounts below it. An
 *   account in no Organization (AWSOrganizationsNotInUseException) has no such policies: nothing is
 *   written and nothing failed.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListParents.html
 */
import type { OrganizationsClient } from "@aws-sdk/client-organizations";
import type { Task } from "./ec2-tasks.js";
import type { IdentityOperation } from "./policy.js";
import { summarizeError } from "./errors.js";
import { guarded, nextToken, readAllPages, readOne, type CallContext, type Document, type IdentityContext, type LayoutFile, type RequestOptions } from "./call.js";

/** IAM's largest page (MaxItems) for GetAccountAuthorizationDetails. */
const IAM_PAGE = 1000;
/** S3's largest page (MaxBuckets) for ListBuckets. */
const S3_PAGE = 1000;
/** Organizations' largest page (MaxResults) for its List calls. */
const ORGANIZATIONS_PAGE = 20;
/**
 * Levels ListParents may climb before the walk counts as broken: OUs nest at most five deep under the
 * root (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html).
 */
const MAX_DEPTH = 6;

/** The entity types whose details identity checks need: roles and the managed policies they attach. */
const AUTHORIZATION_FILTER = ["Role", "LocalManagedPolicy", "AWSManagedPolicy"] as const;

/** The policy types read, and the file-name suffix of their list-policies output. */
const POLICY_TYPES = [
  { type: "SERVICE_CONTROL_POLICY", suffix: "scp" },
  { type: "RESOURCE_CONTROL_POLICY", suffix: "rcp" },
] as const;

function name(service: "iam" | "s3" | "organizations", operation: IdentityOperation, subject?: string) {
  return { service, operation, subject };
}

function text(output: Document, key: string): string | undefined {
  const value = output[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The strings at `key` of each item of the list `list` (bucket names, policy ids). */
function itemStrings(document: Document, list: string, key: string): string[] {
  const items = Array.isArray(document[list]) ? (document[list] as Record<string, unknown>[]) : [];
  return items.flatMap((item) => (typeof item[key] === "string" && item[key] !== "" ? [item[key]] : []));
}

/** True when the call failed with `code` (then it is an answer, not a failure). */
async function unlessCode<T>(code: string, body: () => Promise<T>): Promise<T | null> {
  try {
    return await body();
  } catch (error) {
    if (summarizeError(error).code === code) return null;
    throw error;
  }
}

function authorizationDetails(ctx: IdentityContext): Promise<Document> {
  return readAllPages(ctx, {
    key: "RoleDetailList",
    alsoKeys: ["Policies"],
    fetch: (cursor: { Marker: string } | undefined, options: RequestOptions) =>
      ctx.iam.send(new ctx.sdk.iam.GetAccountAuthorizationDetailsCommand({ Filter: [...AUTHORIZATION_FILTER], MaxItems: IAM_PAGE, ...cursor }), options),
    next: (output) => {
      const marker = output.IsTruncated === true ? text(output, "Marker") : undefined;
      return marker === undefined ? undefined : { Marker: marker };
    },
  });
}

function listBuckets(ctx: IdentityContext): Promise<Document> {
  return readAllPages(ctx, {
    key: "Buckets",
    // The root element was checked (response-check.ts); S3 may leave out an empty <Buckets/>.
    fetch: async (cursor: { ContinuationToken: string } | undefined, options: RequestOptions) => {
      const output = await ctx.s3.send(new ctx.sdk.s3.ListBucketsCommand({ MaxBuckets: S3_PAGE, ...cursor }), options);
      return { ...output, Buckets: output.Buckets ?? [] };
    },
    next: (output) => {
      const token = text(output, "ContinuationToken");
      return token === undefined ? undefined : { ContinuationToken: token };
    },
  });
}

/**
 * IAM roles and managed policies; S3 buckets and their policies. Documents are the API's outputs
 * (IAM's policy documents stay URL-encoded, as the SDK returns them; the reader decodes them).
 */
const ACCOUNT_IDENTITY: Task<IdentityContext> = {
  label: "IAM roles and S3 bucket policies",
  async run(ctx) {
    const [details, buckets] = await Promise.all([
      guarded(ctx, name("iam", "GetAccountAuthorizationDetails"), () => authorizationDetails(ctx)),
      guarded(ctx, name("s3", "ListBuckets"), () => listBuckets(ctx)),
    ]);
    const files: LayoutFile[] = [];
    if (details) files.push({ path: "iam/get-account-authorization-details.json", document: details });
    if (buckets) files.push({ path: "policies/s3/list-buckets.json", document: buckets });
    const names = buckets ? itemStrings(buckets, "Buckets", "Name") : [];
    const policies = await Promise.all(
      names.map((bucket) =>
        guarded(ctx, name("s3", "GetBucketPolicy", bucket), () =>
          // A bucket without a policy: an answer (no policy), not a failed call.
          unlessCode("NoSuchBucketPolicy", () => readOne(ctx, (o) => ctx.s3.send(new ctx.sdk.s3.GetBucketPolicyCommand({ Bucket: bucket }), o), "Policy")),
        ),
      ),
    );
    policies.forEach((policy, index) => {
      if (policy) files.push({ path: `policies/s3/${names[index]}.json`, document: policy });
    });
    const roles = details ? (details.RoleDetailList as unknown[]).length : 0;
    return { documents: [], files, items: details || buckets ? roles + names.length : undefined };
  },
};

/** The identity task of each account's global scope. */
export const IDENTITY_TASKS: readonly Task<IdentityContext>[] = [ACCOUNT_IDENTITY];

/** The Organizations calls, made with the caller's credentials. */
export interface OrganizationContext extends CallContext {
  organizations: OrganizationsClient;
}

function listPages(ctx: OrganizationContext, key: string, send: (input: { MaxResults: number; NextToken?: string }, options: RequestOptions) => Promise<object>) {
  return readAllPages(ctx, {
    key,
    fetch: (cursor: { NextToken: string } | undefined, options: RequestOptions) => send({ MaxResults: ORGANIZATIONS_PAGE, ...cursor }, options),
    next: nextToken,
  });
}

/** One policy type's policies: the list, and each policy's content and targets. */
async function policiesOfType(ctx: OrganizationContext, type: (typeof POLICY_TYPES)[number]): Promise<LayoutFile[]> {
  const { organizations, sdk } = ctx;
  const list = await guarded(ctx, name("organizations", "ListPolicies", type.type), () =>
    listPages(ctx, "Policies", (input, options) => organizations.send(new sdk.organizations.ListPoliciesCommand({ ...input, Filter: type.type }), options)),
  );
  if (!list) return [];
  const perPolicy = itemStrings(list, "Policies", "Id").map(async (id): Promise<LayoutFile[]> => {
    const [policy, targets] = await Promise.all([
      guarded(ctx, name("organizations", "DescribePolicy", id), () =>
        readOne(ctx, (o) => organizations.send(new sdk.organizations.DescribePolicyCommand({ PolicyId: id }), o), "Policy"),
      ),
      guarded(ctx, name("organizations", "ListTargetsForPolicy", id), () =>
        listPages(ctx, "Targets", (input, options) => organizations.send(new sdk.organizations.ListTargetsForPolicyCommand({ ...input, PolicyId: id }), options)),
      ),
    ]);
    return [
      ...(policy ? [{ path: `organizations/describe-policy-${id}.json`, document: policy }] : []),
      ...(targets ? [{ path: `organizations/list-targets-for-policy-${id}.json`, document: targets }] : []),
    ];
  });
  return [{ path: `organizations/list-policies-${type.suffix}.json`, document: list }, ...(await Promise.all(perPolicy)).flat()];
}

/**
 * The parents of each account up to the root, one list-parents output per child; a child two
 * accounts share is asked once. A walk that does not reach the root within MAX_DEPTH levels stops
 * (the engine then finds no root in the chain and answers unknown).
 */
async function parentChains(ctx: OrganizationContext, accounts: readonly string[]): Promise<LayoutFile[]> {
  const asked = new Map<string, Promise<Document | undefined>>();
  const parentsOf = (child: string): Promise<Document | undefined> => {
    let pending = asked.get(child);
    if (!pending) {
      pending = guarded(ctx, name("organizations", "ListParents", child), () =>
        listPages(ctx, "Parents", (input, options) => ctx.organizations.send(new ctx.sdk.organizations.ListParentsCommand({ ...input, ChildId: child }), options)),
      );
      asked.set(child, pending);
    }
    return pending;
  };
  await Promise.all(
    accounts.map(async (account) => {
      let child: string | undefined = account;
      for (let depth = 0; child !== undefined && depth < MAX_DEPTH; depth += 1) {
        const parents = await parentsOf(child);
        const parent = (parents?.Parents as { Id?: unknown; Type?: unknown }[] | undefined)?.[0];
        child = parent?.Type === "ORGANIZATIONAL_UNIT" && typeof parent.Id === "string" ? parent.Id : undefined;
      }
    }),
  );
  const files: LayoutFile[] = [];
  for (const [child, pending] of asked) {
    const parents = await pending;
    if (parents) files.push({ path: `organizations/list-parents-${child}.json`, document: parents });
  }
  return files;
}

/**
 * The Organization's policies and the accounts' places in it; undefined when the caller's account is
 * in no Organization.
 *
 * @param ctx - the caller's Organizations client, bounds and error record
 * @param accounts - the collected accounts whose parents to walk
 */
export async function collectOrganization(ctx: OrganizationContext, accounts: readonly string[]): Promise<LayoutFile[]> {
  const { organizations, sdk } = ctx;
  const organization = await guarded(ctx, name("organizations", "DescribeOrganization"), () =>
    unlessCode("AWSOrganizationsNotInUseException", () => readOne(ctx, (o) => organizations.send(new sdk.organizations.DescribeOrganizationCommand({}), o), "Organization")),
  );
  if (organization === null) return [];
  const [roots, policies, parents] = await Promise.all([
    guarded(ctx, name("organizations", "ListRoots"), () => listPages(ctx, "Roots", (input, options) => organizations.send(new sdk.organizations.ListRootsCommand(input), options))),
    Promise.all(POLICY_TYPES.map((type) => policiesOfType(ctx, type))),
    parentChains(ctx, accounts),
  ]);
  return [
    ...(organization ? [{ path: "organizations/describe-organization.json", document: organization }] : []),
    ...(roots ? [{ path: "organizations/list-roots.json", document: roots }] : []),
    ...policies.flat(),
    ...parents,
  ];
}
