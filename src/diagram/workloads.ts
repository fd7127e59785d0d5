/**
 * SageMaker workloads besides notebook instances on the architecture view: a node per training,
 * processing or tuning job and per model (labelled with the endpoints hosting it) in the first subnet
 * of its `VpcConfig`, a node per Studio domain in its first subnet (its user profiles and spaces
 * counted on it), and, for a workload without `VpcConfig` or a `PublicInternetOnly` domain, a dotted
 * edge to SageMaker's managed network. Each node answers to the `--from` of what it stands for
 * (`training-job/NAME`, `endpoint/NAME`, `user/DOMAIN/NAME`, …), so a path view finds its source.
 * AWS: https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html
 */
import type { ModelIndex } from "../model/indexes.js";
import type { Model, Scope, WorkloadNetwork } from "../model/types.js";
import type { DiagramBuilder } from "./builder.js";
import type { SceneGroup } from "./scene.js";
import { compareText } from "./names.js";

/** One workload to draw: its `--from`, label lines, network settings and the other keys it answers to. */
interface Drawable {
  key: string;
  scope: Scope;
  text: (string | undefined)[];
  subnetId: string | undefined;
  /** Sends non-VPC traffic through SageMaker's managed network. */
  managed: boolean;
  aliases: string[];
}

function placement(network: WorkloadNetwork): Pick<Drawable, "subnetId" | "managed"> & { note: string | undefined } {
  if (network.networkIsolation) return { subnetId: network.vpcConfig?.subnetIds[0], managed: false, note: "network isolation: no network" };
  if (!network.vpcConfig) return { subnetId: undefined, managed: true, note: "no VpcConfig" };
  const more = network.vpcConfig.subnetIds.length - 1;
  return { subnetId: network.vpcConfig.subnetIds[0], managed: false, note: more > 0 ? `+${more} more subnet${more === 1 ? "" : "s"}` : undefined };
}

function jobsAndModels(index: ModelIndex): Drawable[] {
  const model = index.model;
  const jobs = [...model.trainingJobs.values(), ...model.processingJobs.values(), ...model.tuningJobs.values()]
    .filter((job) => !job.missingData && job.networks[0])
    .map((job): Drawable => {
      const where = placement(job.networks[0] as WorkloadNetwork);
      return { key: `${job.kind}/${job.id}`, scope: job.scope, text: [`SageMaker ${job.kind.replace("-", " ")}`, job.id, where.note], subnetId: where.subnetId, managed: where.managed, aliases: [] };
    });
  const models = [...model.models.values()]
    .filter((m) => !m.missingData)
    .map((m): Drawable => {
      const endpoints = index.endpointsOfModel(m.id);
      const where = placement(m.network);
      const hosted = endpoints.length > 0 ? `endpoint ${endpoints.map((e) => e.id).join(", ")}` : undefined;
      return { key: `model/${m.id}`, scope: m.scope, text: ["SageMaker model", m.id, hosted, where.note], subnetId: where.subnetId, managed: where.managed, aliases: endpoints.map((e) => `endpoint/${e.id}`) };
    });
  return [...jobs, ...models];
}

function studioDomains(model: Model): Drawable[] {
  return [...model.domains.values()].map((domain) => {
    const users = [...model.userProfiles.values()].filter((p) => p.domainId === domain.id);
    const spaces = [...model.spaces.values()].filter((s) => s.domainId === domain.id);
    const apps = users.length + spaces.length > 0 ? `${users.length} user profile${users.length === 1 ? "" : "s"}, ${spaces.length} space${spaces.length === 1 ? "" : "s"}` : undefined;
    return {
      key: `domain/${domain.id}`,
      scope: domain.scope,
      text: ["SageMaker Studio domain", domain.domainName, domain.appNetworkAccessType, apps],
      subnetId: domain.subnetIds[0],
      managed: domain.appNetworkAccessType === "PublicInternetOnly",
      aliases: [domain.id, ...users.map((p) => `user/${p.id}`), ...spaces.map((s) => `space/${s.id}`)],
    };
  });
}

/**
 * The keys that make the architecture view draw each subnet holding a workload's node as a box of
 * its own (`subnet-…`: not folded into a run) that can hold nodes (`group:subnet-…`).
 *
 * @param index - model lookups
 */
export function workloadSubnetKeys(index: ModelIndex): Set<string> {
  return new Set([...studioDomains(index.model), ...jobsAndModels(index)].flatMap((w) => (w.subnetId ? [w.subnetId, `group:${w.subnetId}`] : [])));
}

/**
 * Draws the workloads in the drawn subnets (and, with `vpcLess`, those in no VPC at the Region level).
 *
 * @param builder - the scene under construction (its VPCs already drawn)
 * @param vpcLess - also draw workloads without a subnet (the whole-estate view)
 */
export function drawWorkloads(builder: DiagramBuilder, vpcLess: boolean): void {
  const model = builder.index.model;
  const all = [...studioDomains(model), ...jobsAndModels(builder.index)].sort((a, b) => compareText(a.key, b.key));
  for (const workload of all) {
    const inSubnet = workload.subnetId ? builder.item(builder.element(workload.subnetId) ?? "") : undefined;
    const parent: SceneGroup | undefined = inSubnet?.kind === "group" ? inSubnet : undefined;
    if (!parent && (workload.subnetId || !vpcLess)) continue;
    const node = builder.node(parent ?? builder.region(workload.scope), workload.key, workload.text, "round", ["notebook"]);
    for (const alias of workload.aliases) builder.alias(alias, node.id);
    if (workload.managed) builder.edge({ from: node.id, to: builder.managedNetwork(workload.scope), label: "SageMaker internet", line: "dotted", style: "direct" });
  }
}
