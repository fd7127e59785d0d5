/**
 * Turns one sender — a notebook (name or `notebook/NAME`), an ENI (`eni-…`), an instance (`i-…`), or
 * a SageMaker workload placed in one subnet (see workload-source.ts) — into a `Source`: its subnet,
 * VPC, private and public IP, security groups and, for SageMaker, the settings that decide where its
 * traffic goes. A notebook whose ENI is not in the snapshot uses its `SubnetId` and `SecurityGroups`;
 * an instance whose ENI is absent uses its own subnet, IPs and groups. An unknown source is an
 * `InputError`.
 */
import { InputError } from "../model/errors.js";
import { scopedName, type Instance, type Model, type NetworkInterface, type Notebook, type Scope, type Subnet } from "../model/types.js";
import { didYouMean } from "../model/suggest.js";
import { parseIpv4 } from "../net/index.js";
import type { AnalyzerContext } from "./context.js";
import { notebookEgress } from "./rules/sagemaker-notebook.js";
import type { SageMakerEgress } from "./rules/sagemaker-workload.js";
import type { ComponentType } from "./verdict.js";

export interface Source {
  /** The id shown in answers (`notebook/NAME` → NAME, `i-…`, `eni-…`). */
  id: string;
  type: ComponentType;
  name: string | undefined;
  notebook: Notebook | undefined;
  instance: Instance | undefined;
  /** For a SageMaker source (notebook, Studio app, job, model): the settings that decide where its traffic goes. */
  sagemaker: SageMakerEgress | undefined;
  /** Set when the source is not running (a stopped notebook, a completed job): the answer is for when it runs. */
  notRunning: string | undefined;
  /** The sending ENI id (undefined when it is not in the snapshot). */
  eniId: string | undefined;
  eni: NetworkInterface | undefined;
  subnet: Subnet | undefined;
  /** The subnet id the source claims, even when the subnet itself is missing. */
  subnetId: string | undefined;
  vpcId: string | undefined;
  scope: Scope;
  privateIp: number | undefined;
  privateIpText: string | undefined;
  publicIp: string | undefined;
  groupIds: string[];
}

function fromEni(ctx: AnalyzerContext, eni: NetworkInterface, base: Partial<Source>): Source {
  const primary = eni.privateIps.find((p) => p.primary) ?? eni.privateIps[0];
  const notebook = base.notebook ?? ctx.index.notebookOfInterface(eni.id);
  const publicIp = notebook ? undefined : (primary?.publicIp ?? ctx.elasticIpOf(eni.id, primary?.privateIp));
  return {
    id: base.id ?? eni.id,
    type: base.type ?? "network-interface",
    name: base.name ?? eni.name,
    notebook,
    instance: base.instance ?? ctx.index.instanceOfInterface(eni.id),
    sagemaker: notebook ? notebookEgress(notebook) : undefined,
    notRunning: base.notRunning ?? (notebook ? notebookNotRunning(notebook) : undefined),
    eniId: eni.id,
    eni,
    subnet: ctx.model.subnets.get(eni.subnetId),
    subnetId: eni.subnetId,
    vpcId: eni.vpcId,
    // A workload belongs to its own account (a notebook's ENI may sit in a subnet shared by another).
    scope: base.notebook?.scope ?? eni.scope,
    privateIp: primary ? parseIpv4(primary.privateIp) : undefined,
    privateIpText: primary?.privateIp,
    publicIp,
    groupIds: base.groupIds && base.groupIds.length > 0 && eni.securityGroupIds.length === 0 ? base.groupIds : eni.securityGroupIds,
  };
}

function notebookNotRunning(notebook: Notebook): string | undefined {
  return notebook.status && notebook.status !== "InService" ? `notebook ${notebook.id} is ${notebook.status}` : undefined;
}

/** A notebook sending from its ENI. */
function notebookOnEni(ctx: AnalyzerContext, notebook: Notebook, eni: NetworkInterface): Source {
  return fromEni(ctx, eni, { id: notebook.id, type: "notebook", name: notebook.name ?? notebook.id, notebook, groupIds: notebook.securityGroupIds });
}

function fromNotebook(ctx: AnalyzerContext, notebook: Notebook): Source {
  const eni = notebook.networkInterfaceId ? ctx.model.networkInterfaces.get(notebook.networkInterfaceId) : undefined;
  const name = notebook.name ?? notebook.id;
  if (eni) return notebookOnEni(ctx, notebook, eni);
  return {
    ...egressSource(ctx, { egress: notebookEgress(notebook), type: "notebook", name, groupIds: notebook.securityGroupIds, scope: notebook.scope, notRunning: notebookNotRunning(notebook) }),
    notebook,
    eniId: notebook.networkInterfaceId,
  };
}

/** What names a notebook in an answer: its id, its name, its ENI's id and its private IP as text. */
export interface NotebookIdentity {
  id: string;
  name: string;
  eniId: string;
  ipText: string;
}

/**
 * A notebook on its ENI as the engine sees it, but named `as`: every setting the engine reads (subnet,
 * groups, the ENI's numeric address, SageMaker settings, running state) is the notebook's own, while
 * its id, name, ENI id and IP text are `as`'s. For answers shared between notebooks (shared-answers.ts).
 *
 * @param ctx - the analyzer context
 * @param notebook - the notebook
 * @param eni - its network interface
 * @param as - the identity the answer shows
 */
export function notebookSourceAs(ctx: AnalyzerContext, notebook: Notebook, eni: NetworkInterface, as: NotebookIdentity): Source {
  const renamed = { ...notebook, id: as.id, name: as.name, networkInterfaceId: as.eniId };
  return { ...notebookOnEni(ctx, renamed, { ...eni, id: as.eniId }), privateIpText: as.ipText };
}

/** A SageMaker sender in one place, for `egressSource`. */
export interface EgressPlacement {
  egress: SageMakerEgress;
  type: ComponentType;
  name: string | undefined;
  groupIds: string[];
  /** The workload's own scope, used when its subnet is not known. */
  scope: Scope;
  notRunning: string | undefined;
}

/**
 * A SageMaker sender whose ENI the snapshot does not hold (notebooks without their ENI, Studio apps,
 * jobs, model containers): placed by its subnet and groups, its address anywhere in the subnet.
 *
 * @param ctx - the analyzer context
 * @param placement - the egress settings, component type, name, groups, scope and running state
 */
export function egressSource(ctx: AnalyzerContext, placement: EgressPlacement): Source {
  const { egress } = placement;
  const subnet = egress.subnetId ? ctx.model.subnets.get(egress.subnetId) : undefined;
  return {
    id: egress.id,
    type: placement.type,
    name: placement.name,
    notebook: undefined,
    instance: undefined,
    sagemaker: egress,
    notRunning: placement.notRunning,
    eniId: undefined,
    eni: undefined,
    subnet,
    subnetId: egress.subnetId,
    vpcId: subnet?.vpcId,
    // A workload belongs to its own account (its subnet may be shared by another).
    scope: placement.scope,
    privateIp: undefined,
    privateIpText: undefined,
    publicIp: undefined,
    groupIds: placement.groupIds,
  };
}

function fromInstance(ctx: AnalyzerContext, instance: Instance): Source {
  const base = { id: instance.id, type: "instance" as const, name: instance.name, instance, groupIds: instance.securityGroupIds };
  const enis = instance.networkInterfaceIds.map((id) => ctx.model.networkInterfaces.get(id)).filter((e): e is NetworkInterface => e !== undefined);
  const primary = enis.find((e) => e.privateIps.some((p) => p.privateIp === instance.privateIp)) ?? enis[0];
  if (primary) {
    const source = fromEni(ctx, primary, base);
    return { ...source, publicIp: source.publicIp ?? (primary.privateIps.find((p) => p.primary)?.privateIp === instance.privateIp ? instance.publicIp : undefined) };
  }
  const subnet = instance.subnetId ? ctx.model.subnets.get(instance.subnetId) : undefined;
  return {
    ...base,
    notebook: undefined,
    sagemaker: undefined,
    notRunning: undefined,
    eniId: instance.networkInterfaceIds[0],
    eni: undefined,
    subnet,
    subnetId: instance.subnetId,
    vpcId: instance.vpcId ?? subnet?.vpcId,
    scope: instance.scope,
    privateIp: instance.privateIp ? parseIpv4(instance.privateIp) : undefined,
    privateIpText: instance.privateIp,
    publicIp: instance.publicIp,
  };
}

/**
 * The records a `--from` text names in a map keyed by name, or by `ACCOUNT/REGION/NAME` for a name
 * used in several scopes (see `scopedName`): the record of that id, else every record whose name
 * or long form `ACCOUNT/REGION/NAME` is the text.
 *
 * @param records - notebooks, jobs, models or endpoints, keyed as above
 * @param text - the text after the form's prefix (`notebook/`, `job/`, …)
 */
export function namedMatches<T extends { id: string; scope: Scope; name: string | undefined }>(records: ReadonlyMap<string, T>, text: string): T[] {
  const exact = records.get(text);
  if (exact) return [exact];
  return [...records.values()].filter((r) => r.name !== undefined && (r.name === text || scopedName(r.scope, r.name) === text));
}

/**
 * The one record a `--from` text names (see `namedMatches`).
 *
 * @param records - the records, keyed by name or `ACCOUNT/REGION/NAME`
 * @param text - the text after the form's prefix
 * @param prefix - the form's prefix, e.g. `notebook`, for the choices the error lists
 * @throws InputError when a bare name matches records in several accounts or Regions, listing them
 */
export function findNamed<T extends { id: string; scope: Scope; name: string | undefined }>(records: ReadonlyMap<string, T>, text: string, prefix: string): T | undefined {
  const matches = namedMatches(records, text);
  if (matches.length <= 1) return matches[0];
  const choices = matches.map((r) => `${prefix}/${scopedName(r.scope, r.name ?? r.id)}`).sort();
  throw new InputError(`${prefix} name "${text}" is ambiguous: it is used in ${matches.length} accounts or Regions; give one of ${choices.join(", ")}`, { resourceId: text });
}

/**
 * The notebook a `--from` text names: its id (the name, or `ACCOUNT/REGION/NAME` for a name used in
 * several scopes), or the long form `ACCOUNT/REGION/NAME` of any notebook.
 *
 * @param model - the model
 * @param text - the text after an optional `notebook/`
 * @throws InputError when a bare name matches notebooks in several accounts or Regions, listing them
 */
export function findNotebook(model: Model, text: string): Notebook | undefined {
  return findNamed(model.notebooks, text, "notebook");
}

/** The names users give `--from` for the model's notebooks, for suggestions. */
function notebookNames(model: Model): string[] {
  return [...model.notebooks.values()].map((n) => n.name ?? n.id);
}

/**
 * Finds a notebook, ENI or instance named by a query's `from`.
 *
 * @param ctx - the analyzer context
 * @param text - the user's `--from`, trimmed
 * @param forms - the other accepted forms, for the error message
 * @throws InputError when no such notebook, instance or ENI is in the snapshot
 */
export function lookUpSender(ctx: AnalyzerContext, text: string, forms: string): Source {
  if (text.startsWith("notebook/")) {
    const notebook = findNotebook(ctx.model, text.slice("notebook/".length));
    if (notebook) return fromNotebook(ctx, notebook);
    throw new InputError(`source "${text}": no notebook instance of that name in ${ctx.model.source}${didYouMean(text.slice(9), notebookNames(ctx.model))}`);
  }
  const eni = ctx.model.networkInterfaces.get(text);
  if (eni) return fromEni(ctx, eni, {});
  const instance = ctx.model.instances.get(text);
  if (instance) return fromInstance(ctx, instance);
  if (/^eni-[0-9a-f]+$/.test(text)) throw new InputError(`source "${text}": no network interface of that id in ${ctx.model.source}${didYouMean(text, ctx.model.networkInterfaces.keys())}`);
  if (/^i-[0-9a-f]+$/.test(text)) throw new InputError(`source "${text}": no instance of that id in ${ctx.model.source}${didYouMean(text, ctx.model.instances.keys())}`);
  const notebook = findNotebook(ctx.model, text);
  if (notebook) return fromNotebook(ctx, notebook);
  const close = didYouMean(text, [...notebookNames(ctx.model), ...[...ctx.model.domains.values()].map((d) => `domain/${d.domainName}`)]);
  const names = close ? "" : notebookNames(ctx.model).slice(0, 5).join(", ");
  throw new InputError(
    `source "${text}": no such source${close}; expected a notebook name, notebook/NAME, eni-…, i-…, ${forms}${names ? ` (notebooks: ${names})` : ""}`,
  );
}
