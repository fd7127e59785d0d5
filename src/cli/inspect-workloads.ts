/**
 * The SageMaker workloads besides notebooks that `vpcreach inspect` lists per account and Region:
 * Studio user profiles and spaces, training, processing and tuning jobs, models and endpoints, each
 * with the `--from` that queries it and the network settings the engine read for it.
 */
import type { Model, SageMakerJob, Scope, WorkloadNetwork } from "../model/types.js";
import { namedIn, scopeKey, studioKey } from "../model/types.js";
import { networkSetting } from "../engine/rules/sagemaker-workload.js";

export interface WorkloadSummary {
  /** The `--from` that queries it, e.g. `training-job/churn`. */
  source: string;
  /** What it is: `training job`, `model`, `Studio space`, … */
  kind: string;
  status: string | undefined;
  /** The network settings read, in one line. */
  network: string;
  /** What the snapshot lacks to answer for it. */
  missingData: string | undefined;
}

interface Scoped {
  scope: Scope;
  summary: WorkloadSummary;
}

const JOB_KINDS = { "training-job": "training job", "processing-job": "processing job", "tuning-job": "tuning job" } as const;

function networks(list: WorkloadNetwork[]): string {
  return list.map(networkSetting).join(" | ") || "no network settings";
}

function job(j: SageMakerJob): Scoped {
  return { scope: j.scope, summary: { source: `${j.kind}/${j.id}`, kind: JOB_KINDS[j.kind], status: j.status, network: networks(j.networks), missingData: j.missingData } };
}

function studioApps(model: Model): Scoped[] {
  const profiles = [...model.userProfiles.values()].map((p) => ({
    scope: p.scope,
    summary: { source: `user/${p.id}`, kind: "Studio user profile", status: p.status, network: `domain ${p.domainId}; own groups ${p.securityGroupIds.join(", ") || "none"}`, missingData: p.missingData },
  }));
  const spaces = [...model.spaces.values()].map((s) => {
    const owner = s.ownerUserProfileName ? `owner ${studioKey(s.domainId, s.ownerUserProfileName)}` : "no owner named";
    return {
      scope: s.scope,
      summary: { source: `space/${s.id}`, kind: "Studio space", status: s.status, network: `domain ${s.domainId}; ${s.sharingType ?? "sharing type unknown"}, ${owner}`, missingData: s.missingData },
    };
  });
  return [...profiles, ...spaces];
}

function hosting(model: Model): Scoped[] {
  const models = [...model.models.values()].map((m) => ({ scope: m.scope, summary: { source: `model/${m.id}`, kind: "model", status: undefined, network: networkSetting(m.network), missingData: m.missingData } }));
  const endpoints = [...model.endpoints.values()].map((e) => {
    const config = e.endpointConfigName ? namedIn(model.endpointConfigs, e.scope, e.endpointConfigName) : undefined;
    const modelSource = (name: string) => `model/${namedIn(model.models, e.scope, name)?.id ?? name}`;
    const hosts = config ? config.variants.map((v) => `${v.variantName} → ${v.modelName ? modelSource(v.modelName) : "inference components"}`).join(", ") : "configuration not in the snapshot";
    return { scope: e.scope, summary: { source: `endpoint/${e.id}`, kind: "endpoint", status: e.status, network: `${e.endpointConfigName ?? "?"}: ${hosts}`, missingData: e.missingData ?? config?.missingData } };
  });
  return [...models, ...endpoints];
}

/**
 * The workloads of a model by scope key (`account/region`), in a stable order.
 *
 * @param model - the model
 */
export function workloadsByScope(model: Model): Map<string, WorkloadSummary[]> {
  const jobs = [...model.trainingJobs.values(), ...model.processingJobs.values(), ...model.tuningJobs.values()].map(job);
  const all = [...studioApps(model), ...jobs, ...hosting(model)];
  const byScope = new Map<string, WorkloadSummary[]>();
  for (const { scope, summary } of all) {
    const key = scopeKey(scope);
    byScope.set(key, [...(byScope.get(key) ?? []), summary]);
  }
  for (const list of byScope.values()) list.sort((a, b) => a.source.localeCompare(b.source));
  return byScope;
}
