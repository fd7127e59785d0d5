/**
 * Resolves a query's `from` (a notebook name, `notebook/NAME`, `eni-…`, `i-…`, or a Studio domain as
 * `domain/NAME` or `d-…`) to the sending ENI:
 * its subnet, VPC, private and public IP and security groups. A notebook whose ENI is not in the
 * snapshot uses its `SubnetId` and `SecurityGroups`; an instance whose ENI is absent uses its own
 * subnet, IPs and groups. An unknown source is an `InputError`.
 */
import { InputError } from "../model/errors.js";
import { scopedName, type Instance, type Model, type NetworkInterface, type Notebook, type Scope, type StudioDomain, type Subnet } from "../model/types.js";
import { didYouMean } from "../model/suggest.js";
import { parseIpv4 } from "../net/index.js";
import type { AnalyzerContext } from "./context.js";
import type { ComponentType } from "./verdict.js";

export interface Source {
  /** The id shown in answers (`notebook/NAME` → NAME, `i-…`, `eni-…`). */
  id: string;
  type: ComponentType;
  name: string | undefined;
  notebook: Notebook | undefined;
  instance: Instance | undefined;
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

function fromNotebook(ctx: AnalyzerContext, notebook: Notebook): Source {
  const base = { id: notebook.id, type: "notebook" as const, name: notebook.name ?? notebook.id, notebook, groupIds: notebook.securityGroupIds };
  const eni = notebook.networkInterfaceId ? ctx.model.networkInterfaces.get(notebook.networkInterfaceId) : undefined;
  if (eni) return fromEni(ctx, eni, base);
  const subnet = notebook.subnetId ? ctx.model.subnets.get(notebook.subnetId) : undefined;
  return {
    ...base,
    instance: undefined,
    eniId: notebook.networkInterfaceId,
    eni: undefined,
    subnet,
    subnetId: notebook.subnetId,
    vpcId: subnet?.vpcId,
    scope: notebook.scope,
    privateIp: undefined,
    privateIpText: undefined,
    publicIp: undefined,
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
 * Finds the source of a query.
 *
 * @param ctx - the analyzer context
 * @param from - the user's `--from`
 * @throws InputError when no such notebook, instance or ENI is in the snapshot
 */
export function resolveSource(ctx: AnalyzerContext, from: string): Source {
  let source = ctx.sources.get(from);
  if (!source) {
    source = lookUpSource(ctx, from);
    ctx.sources.set(from, source);
  }
  return source;
}

/**
 * A Studio domain as a source, in one of its subnets: `PublicInternetOnly` behaves like a notebook
 * with direct internet access, `VpcOnly` like one without; security groups from
 * `DefaultUserSettings.SecurityGroups`.
 *
 * @param ctx - the analyzer context
 * @param domain - the domain
 * @param subnetId - the subnet its app ENI is in (undefined: none)
 */
export function domainSource(ctx: AnalyzerContext, domain: StudioDomain, subnetId: string | undefined): Source {
  const asNotebook: Notebook = {
    id: domain.domainName, scope: domain.scope, name: domain.domainName, tags: domain.tags, origin: domain.origin,
    arn: undefined, status: "InService", instanceType: undefined, subnetId, securityGroupIds: domain.securityGroupIds,
    networkInterfaceId: undefined, directInternetAccess: domain.appNetworkAccessType === "PublicInternetOnly", rootAccess: false, kmsKeyId: undefined,
  };
  return { ...fromNotebook(ctx, asNotebook), id: domain.id, type: "studio-domain", name: domain.domainName };
}

/** The Studio domain named by `domain/NAME`, `domain/d-…` or `d-…`. */
export function findDomain(ctx: AnalyzerContext, from: string): StudioDomain | undefined {
  const text = from.trim().replace(/^domain\//, "");
  if (!from.trim().startsWith("domain/") && !/^d-[0-9a-z]+$/.test(text)) return undefined;
  return ctx.model.domains.get(text) ?? [...ctx.model.domains.values()].find((d) => d.domainName === text || d.id === text);
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
  const exact = model.notebooks.get(text);
  if (exact) return exact;
  const matches = [...model.notebooks.values()].filter((n) => n.name !== undefined && (n.name === text || scopedName(n.scope, n.name) === text));
  if (matches.length <= 1) return matches[0];
  const choices = matches.map((n) => `notebook/${scopedName(n.scope, n.name ?? n.id)}`).sort();
  throw new InputError(`notebook name "${text}" is used in ${matches.length} accounts or Regions: give one of ${choices.join(", ")}`, { resourceId: text });
}

/** The names users give `--from` for the model's notebooks, for suggestions. */
function notebookNames(model: Model): string[] {
  return [...model.notebooks.values()].map((n) => n.name ?? n.id);
}

function lookUpSource(ctx: AnalyzerContext, from: string): Source {
  const text = from.trim();
  const domain = findDomain(ctx, text);
  if (domain) return domainSource(ctx, domain, domain.subnetIds[0]);
  if (text.startsWith("domain/")) throw new InputError(`source "${text}": no Studio domain of that name in ${ctx.model.source}${didYouMean(text.slice(7), [...ctx.model.domains.values()].map((d) => d.domainName))}`);
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
    `source "${text}": no such source${close}; expected a notebook name, notebook/NAME, eni-…, i-… or domain/NAME${names ? ` (notebooks: ${names})` : ""}`,
  );
}
