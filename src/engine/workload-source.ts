/**
 * Resolves a query's `from` to the places it may send from. Most senders are in one place (a notebook,
 * an ENI, an instance: source.ts); a SageMaker workload may run in any subnet of its `VpcConfig` or
 * of its Studio domain, and an endpoint runs every model its configuration names:
 * - `domain/NAME`, `domain/d-…`, `d-…`: a Studio domain's apps, in each of its subnets, with
 *   `DefaultUserSettings.SecurityGroups`;
 * - `user/DOMAIN/NAME`: a Studio user profile's apps — the domain's subnets and access type, the
 *   domain's default user groups plus the profile's own (AWS adds them together);
 * - `space/DOMAIN/NAME`: a Studio space — a shared space with `DefaultSpaceSettings.SecurityGroups`,
 *   a private one with its owner's groups;
 * - `job/NAME` (or `training-job/`, `processing-job/`, `tuning-job/`): each subnet of the job's
 *   `VpcConfig` (of each training definition, for a tuning job), or SageMaker's managed network;
 * - `model/NAME`: the model's containers as an endpoint runs them;
 * - `endpoint/NAME`: each production variant's model (through describe-endpoint-config).
 * AWS: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UserSettings.html
 *      https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DefaultSpaceSettings.html
 */
import { InputError } from "../model/errors.js";
import { didYouMean } from "../model/suggest.js";
import { namedIn, scopeKey, studioKey, type JobKind, type Model, type SageMakerJob, type SageMakerModel, type Scope, type StudioDomain, type WorkloadNetwork } from "../model/types.js";
import type { AnalyzerContext } from "./context.js";
import { workloadEgress, type SageMakerEgress } from "./rules/sagemaker-workload.js";
import { egressSource, findNamed, lookUpSender, namedMatches, type Source } from "./source.js";
import type { ComponentType } from "./verdict.js";

/** One place a source may send from; `where` names it when there are several (a subnet, a variant). */
export interface SourceCandidate {
  where: string | undefined;
  source: Source;
}

/** The `--from` forms besides notebooks, ENIs and instances, for error messages. */
export const WORKLOAD_FORMS = "domain/NAME, user/DOMAIN/NAME, space/DOMAIN/NAME, job/NAME, model/NAME or endpoint/NAME";

/** Every `--from` form, for the commands' help. */
export const SOURCE_FORMS = `notebook name, notebook/NAME, eni-…, i-…, ${WORKLOAD_FORMS}`;

const JOB_MAPS: Record<JobKind, (model: Model) => ReadonlyMap<string, SageMakerJob>> = {
  "training-job": (m) => m.trainingJobs,
  "processing-job": (m) => m.processingJobs,
  "tuning-job": (m) => m.tuningJobs,
};

const JOB_LABELS: Record<JobKind, string> = { "training-job": "training job", "processing-job": "processing job", "tuning-job": "tuning job" };

/** A workload's identity for its candidates: source id, component type, label, name, scope, running state. */
interface Identity {
  id: string;
  type: ComponentType;
  label: string;
  name: string;
  scope: Scope;
  notRunning: string | undefined;
}

function place(ctx: AnalyzerContext, who: Identity, egress: SageMakerEgress, groupIds: string[]): Source {
  return egressSource(ctx, { egress, type: who.type, name: who.name, groupIds, scope: who.scope, notRunning: who.notRunning });
}

function missingEgress(who: Identity, what: string, fix: string): SageMakerEgress {
  return { id: who.id, label: who.label, directInternetAccess: false, subnetId: undefined, networkIsolation: false, setting: what, missing: { what, fix } };
}

/** One candidate per subnet of each network (one for a network without VpcConfig or with isolation). */
function networkCandidates(ctx: AnalyzerContext, who: Identity, networks: WorkloadNetwork[]): SourceCandidate[] {
  return networks.flatMap((network) => {
    const groups = network.vpcConfig?.securityGroupIds ?? [];
    const subnets = network.networkIsolation ? [] : (network.vpcConfig?.subnetIds ?? []);
    if (subnets.length === 0) return [{ where: network.label, source: place(ctx, who, workloadEgress(who.id, who.label, network, undefined), groups) }];
    return subnets.map((subnetId) => ({
      where: network.label ? `${network.label} in ${subnetId}` : subnetId,
      source: place(ctx, who, workloadEgress(who.id, who.label, network, subnetId), groups),
    }));
  });
}

function single(ctx: AnalyzerContext, who: Identity, egress: SageMakerEgress): SourceCandidate[] {
  return [{ where: undefined, source: place(ctx, who, egress, []) }];
}

function jobCandidates(ctx: AnalyzerContext, job: SageMakerJob): SourceCandidate[] {
  const label = JOB_LABELS[job.kind];
  const name = job.name ?? job.id;
  const who: Identity = { id: `${job.kind}/${job.id}`, type: job.kind, label, name, scope: job.scope, notRunning: job.status === "InProgress" ? undefined : `${label} ${name} is ${job.status}` };
  if (job.missingData) return single(ctx, who, missingEgress(who, job.missingData, `add the output of aws sagemaker describe-${job.kind === "tuning-job" ? "hyper-parameter-tuning-job" : job.kind} for ${name}`));
  return networkCandidates(ctx, who, job.networks);
}

function findJob(ctx: AnalyzerContext, kind: string, name: string, from: string): SageMakerJob {
  const kinds = kind === "job" ? (Object.keys(JOB_MAPS) as JobKind[]) : [kind as JobKind];
  const found = kinds.flatMap((k) => namedMatches(JOB_MAPS[k](ctx.model), name));
  if (found.length > 1) {
    const choices = found.map((j) => `${j.kind}/${j.id}`).sort();
    throw new InputError(`source "${from}" is ambiguous: it names ${found.length} jobs, ${choices.join(", ")}; give one`, { resourceId: from });
  }
  const job = found[0];
  if (!job) {
    const what = kind === "job" ? "training, processing or tuning job" : `${JOB_LABELS[kind as JobKind]}`;
    throw new InputError(`source "${from}": no SageMaker ${what} of that name in ${ctx.model.source}${didYouMean(name, kinds.flatMap((k) => [...JOB_MAPS[k](ctx.model).keys()]))}`, { resourceId: from });
  }
  return job;
}

/**
 * The candidates of a model's containers, or one that says what is missing.
 *
 * @param ctx - the analyzer context
 * @param who - the workload asked about (the model itself, or an endpoint hosting it)
 * @param modelName - the model's name as the endpoint configuration gives it (or its id)
 * @param model - the model's record, when the snapshot has it
 * @param where - the production variant, for an endpoint
 */
function modelCandidates(ctx: AnalyzerContext, who: Identity, modelName: string, model: SageMakerModel | undefined, where: string | undefined): SourceCandidate[] {
  const label = where ? `${where} (model ${modelName})` : undefined;
  if (!model || model.missingData) {
    const what = model?.missingData ?? `model ${modelName} is not in the snapshot`;
    return [{ where: label, source: place(ctx, who, missingEgress(who, what, `add the output of aws sagemaker describe-model --model-name ${model?.name ?? modelName}`), []) }];
  }
  return networkCandidates(ctx, who, [{ ...model.network, label }]);
}

function endpointCandidates(ctx: AnalyzerContext, text: string, from: string): SourceCandidate[] {
  const endpoint = findNamed(ctx.model.endpoints, text, "endpoint");
  if (!endpoint) throw new InputError(`source "${from}": no SageMaker endpoint of that name in ${ctx.model.source}${didYouMean(text, ctx.model.endpoints.keys())}`, { resourceId: from });
  const name = endpoint.name ?? endpoint.id;
  const who: Identity = { id: `endpoint/${endpoint.id}`, type: "sagemaker-endpoint", label: "endpoint", name, scope: endpoint.scope, notRunning: endpoint.status === "InService" || endpoint.status === "unknown" ? undefined : `endpoint ${name} is ${endpoint.status}` };
  const configName = endpoint.endpointConfigName;
  const config = configName ? namedIn(ctx.model.endpointConfigs, endpoint.scope, configName) : undefined;
  if (!config || config.missingData || endpoint.missingData) {
    const what = endpoint.missingData ?? config?.missingData ?? `its endpoint configuration ${configName} is not in the snapshot`;
    const fix = endpoint.missingData ? `add the output of aws sagemaker describe-endpoint --endpoint-name ${name}` : `add the output of aws sagemaker describe-endpoint-config --endpoint-config-name ${configName}`;
    return single(ctx, who, missingEgress(who, what, fix));
  }
  if (config.network.networkIsolation) return networkCandidates(ctx, who, [{ ...config.network, label: `endpoint configuration ${config.id}` }]);
  if (config.variants.length === 0) return single(ctx, who, missingEgress(who, `endpoint configuration ${config.id} has no production variants`, `check the output of aws sagemaker describe-endpoint-config --endpoint-config-name ${config.name ?? config.id}`));
  return config.variants.flatMap((variant) =>
    variant.modelName
      ? modelCandidates(ctx, who, variant.modelName, namedIn(ctx.model.models, config.scope, variant.modelName), `variant ${variant.variantName}`)
      : networkCandidates(ctx, who, [{ ...config.network, label: `variant ${variant.variantName} (inference components)` }]),
  );
}

/**
 * The Studio domain named by `NAME` or `d-…` (its id or its name). Domain ids are unique across
 * accounts; a name may not be.
 *
 * @throws InputError when several domains (in several accounts or Regions) have that name, listing their ids
 */
function domainNamed(ctx: AnalyzerContext, text: string): StudioDomain | undefined {
  const byId = ctx.model.domains.get(text);
  if (byId) return byId;
  const named = [...ctx.model.domains.values()].filter((d) => d.domainName === text);
  if (named.length <= 1) return named[0];
  const ids = named.map((d) => `${d.id} (${scopeKey(d.scope)})`).sort();
  throw new InputError(`Studio domain name "${text}" is ambiguous: ${named.length} domains have it; give the domain id instead, one of ${ids.join(", ")}`, { resourceId: text });
}

/** The Studio domain named by `domain/NAME`, `domain/d-…` or `d-…`. */
function findDomain(ctx: AnalyzerContext, text: string): StudioDomain | undefined {
  if (text.startsWith("domain/")) return domainNamed(ctx, text.slice("domain/".length));
  return /^d-[0-9a-z]+$/.test(text) ? domainNamed(ctx, text) : undefined;
}

/** One candidate per subnet of the domain, apps reaching the internet directly with PublicInternetOnly. */
function studioCandidates(ctx: AnalyzerContext, who: Identity, domain: StudioDomain, groupIds: string[]): SourceCandidate[] {
  const subnets = domain.subnetIds.length > 0 ? domain.subnetIds : [undefined];
  return subnets.map((subnetId) => ({
    where: domain.subnetIds.length > 1 ? subnetId : undefined,
    source: place(ctx, who, {
      id: who.id,
      label: who.label,
      directInternetAccess: domain.appNetworkAccessType === "PublicInternetOnly",
      subnetId,
      networkIsolation: false,
      setting: `domain ${domain.id} AppNetworkAccessType ${domain.appNetworkAccessType}, subnet ${subnetId ?? "none"}, groups ${groupIds.join(", ") || "none"}`,
      missing: undefined,
      ...(domain.appNetworkAccessType === "PublicInternetOnly" ? { efsOnlyVpc: true as const } : {}),
    }, groupIds),
  }));
}

/** `DOMAIN/NAME` of a user profile or space: the domain (by id or name) and the record key. */
function studioRecord(ctx: AnalyzerContext, rest: string): { domain: StudioDomain | undefined; key: string } {
  const slash = rest.indexOf("/");
  const domainText = slash < 0 ? "" : rest.slice(0, slash);
  const domain = domainNamed(ctx, domainText);
  return { domain, key: studioKey(domain?.id ?? domainText, rest.slice(slash + 1)) };
}

function withDomain(ctx: AnalyzerContext, who: Identity, domain: StudioDomain | undefined, domainId: string, groupIds: () => string[] | string): SourceCandidate[] {
  if (!domain) return single(ctx, who, missingEgress(who, `its Studio domain ${domainId} is not in the snapshot`, `add the output of aws sagemaker describe-domain --domain-id ${domainId}`));
  const groups = groupIds();
  if (typeof groups === "string") return single(ctx, who, missingEgress(who, groups, `add the output of aws sagemaker describe-user-profile or describe-space for ${who.id}`));
  return studioCandidates(ctx, who, domain, groups);
}

function userCandidates(ctx: AnalyzerContext, rest: string, from: string): SourceCandidate[] {
  const { domain, key } = studioRecord(ctx, rest);
  const profile = ctx.model.userProfiles.get(key);
  if (!profile) throw new InputError(`source "${from}": no Studio user profile of that name in ${ctx.model.source} (give user/DOMAIN/NAME)${didYouMean(key, ctx.model.userProfiles.keys())}`, { resourceId: from });
  const who: Identity = { id: `user/${profile.id}`, type: "studio-user-profile", label: "Studio user profile", name: profile.userProfileName, scope: profile.scope, notRunning: undefined };
  return withDomain(ctx, who, domain, profile.domainId, () => profile.missingData ?? [...new Set([...(domain?.securityGroupIds ?? []), ...profile.securityGroupIds])]);
}

function spaceCandidates(ctx: AnalyzerContext, rest: string, from: string): SourceCandidate[] {
  const { domain, key } = studioRecord(ctx, rest);
  const space = ctx.model.spaces.get(key);
  if (!space) throw new InputError(`source "${from}": no Studio space of that name in ${ctx.model.source} (give space/DOMAIN/NAME)${didYouMean(key, ctx.model.spaces.keys())}`, { resourceId: from });
  const who: Identity = { id: `space/${space.id}`, type: "studio-space", label: "Studio space", name: space.spaceName, scope: space.scope, notRunning: undefined };
  return withDomain(ctx, who, domain, space.domainId, () => {
    if (space.missingData) return space.missingData;
    if (space.sharingType === "Shared") return domain?.spaceSecurityGroupIds ?? [];
    if (space.sharingType === undefined) return "its describe-space output has no SpaceSharingSettings, so whose security groups it uses is unknown";
    const owner = space.ownerUserProfileName ? ctx.model.userProfiles.get(studioKey(space.domainId, space.ownerUserProfileName)) : undefined;
    if (!owner || owner.missingData) return `its owner's user profile ${space.ownerUserProfileName ?? "(not named)"} is not in the snapshot`;
    return [...new Set([...(domain?.securityGroupIds ?? []), ...owner.securityGroupIds])];
  });
}

function domainCandidates(ctx: AnalyzerContext, domain: StudioDomain): SourceCandidate[] {
  const who: Identity = { id: domain.id, type: "studio-domain", label: "Studio domain", name: domain.domainName, scope: domain.scope, notRunning: undefined };
  return studioCandidates(ctx, who, domain, domain.securityGroupIds);
}

/** The workload a `from` names, or undefined when it names none of the workload forms. */
function workloadCandidates(ctx: AnalyzerContext, text: string): SourceCandidate[] | undefined {
  const domain = findDomain(ctx, text);
  if (domain) return domainCandidates(ctx, domain);
  const slash = text.indexOf("/");
  const prefix = slash < 0 ? "" : text.slice(0, slash);
  const rest = text.slice(slash + 1);
  switch (prefix) {
    case "domain":
      throw new InputError(`source "${text}": no Studio domain of that name in ${ctx.model.source}${didYouMean(rest, [...ctx.model.domains.values()].map((d) => d.domainName))}`, { resourceId: text });
    case "user":
      return userCandidates(ctx, rest, text);
    case "space":
      return spaceCandidates(ctx, rest, text);
    case "job":
    case "training-job":
    case "processing-job":
    case "tuning-job":
      return jobCandidates(ctx, findJob(ctx, prefix, rest, text));
    case "model": {
      const model = findNamed(ctx.model.models, rest, "model");
      if (!model) throw new InputError(`source "${text}": no SageMaker model of that name in ${ctx.model.source}${didYouMean(rest, ctx.model.models.keys())}`, { resourceId: text });
      const who: Identity = { id: `model/${model.id}`, type: "sagemaker-model", label: "model", name: model.name ?? model.id, scope: model.scope, notRunning: undefined };
      return modelCandidates(ctx, who, who.name, model, undefined);
    }
    case "endpoint":
      return endpointCandidates(ctx, rest, text);
    default:
      return undefined;
  }
}

/**
 * Every place a query's `from` may send from (memoized per context).
 *
 * @param ctx - the analyzer context
 * @param from - the user's `--from`
 * @throws InputError when the snapshot holds no such source
 */
export function resolveSources(ctx: AnalyzerContext, from: string): SourceCandidate[] {
  let candidates = ctx.sources.get(from);
  if (!candidates) {
    const text = from.trim();
    candidates = workloadCandidates(ctx, text) ?? [{ where: undefined, source: lookUpSender(ctx, text, WORKLOAD_FORMS) }];
    ctx.sources.set(from, candidates);
  }
  return candidates;
}
