/**
 * Reads `terraform show -json` output — a saved plan (format 0.1 to 1.x: `planned_values`,
 * `resource_changes`, `prior_state`, `configuration`) or a state (`values`) — into resource instances,
 * and resolves attribute values the plan does not know yet (ids, known only after apply) through the
 * `configuration` references to the instance they name, so the topology is exact even where ids are
 * not. Format: https://developer.hashicorp.com/terraform/internals/json-format
 */
import { InputError } from "../../model/errors.js";

/** One resource instance (`module.vpc.aws_subnet.private[0]`) as the plan will leave it. */
export interface TfInstance {
  /** The full address, e.g. `module.vpc.aws_subnet.private[0]`. */
  address: string;
  type: string;
  mode: "managed" | "data";
  /** `module.vpc` (instance keys removed), or `` for the root module. */
  module: string;
  /** `aws_subnet.private` (no module, no index). */
  resource: string;
  index: number | string | undefined;
  /** Known attribute values (null or absent where unknown). */
  values: Record<string, unknown>;
  /** `after_unknown` of the plan: attributes known only after apply. */
  unknown: Record<string, unknown>;
  /** True when the plan creates or updates it (false for a state, a no-op or a data source). */
  changed: boolean;
  /** The resource's configuration expressions, when the plan carries `configuration`. */
  expressions: Record<string, unknown> | undefined;
  /** JSONPath of the instance in the file, for messages. */
  jsonPath: string;
}

interface RawModule {
  address?: string;
  resources?: RawResource[];
  child_modules?: RawModule[];
}

interface RawResource {
  address: string;
  mode: "managed" | "data";
  type: string;
  name: string;
  index?: number | string;
  values?: Record<string, unknown>;
}

interface RawConfigModule {
  resources?: { address: string; expressions?: Record<string, unknown> }[];
  module_calls?: Record<string, { module?: RawConfigModule }>;
}

/** True when a JSON value is `terraform show -json` output (a plan or a state). */
export function isTerraformJson(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.format_version === "string" && ("planned_values" in v || "values" in v || "resource_changes" in v);
}

/** `module.a[0].module.b["x"]` → `module.a.module.b`. */
function moduleKey(address: string | undefined): string {
  return (address ?? "").replace(/\[[^\]]*\]/g, "");
}

function walkModules(module: RawModule | undefined, path: string, visit: (resource: RawResource, jsonPath: string) => void): void {
  if (!module) return;
  (module.resources ?? []).forEach((resource, i) => visit(resource, `${path}.resources[${i}]`));
  (module.child_modules ?? []).forEach((child, i) => walkModules(child, `${path}.child_modules[${i}]`, visit));
}

function configIndex(module: RawConfigModule | undefined, prefix: string, into: Map<string, Record<string, unknown>>): void {
  if (!module) return;
  for (const resource of module.resources ?? []) into.set(`${prefix}|${resource.address}`, resource.expressions ?? {});
  for (const [name, call] of Object.entries(module.module_calls ?? {})) configIndex(call.module, prefix ? `${prefix}.module.${name}` : `module.${name}`, into);
}

/** What `resource_changes` says of one instance: the attributes known only after apply, and whether it changes. */
interface ChangeOf {
  unknown: Record<string, unknown>;
  changed: boolean;
}

const NO_CHANGE: ChangeOf = { unknown: {}, changed: false };

function instanceOf(raw: RawResource, jsonPath: string, { unknown, changed }: ChangeOf, config: Map<string, Record<string, unknown>>): TfInstance {
  const module = moduleKey(raw.address.slice(0, Math.max(0, raw.address.lastIndexOf(raw.mode === "data" ? "data." : `${raw.type}.`) - 1)));
  const resource = `${raw.mode === "data" ? "data." : ""}${raw.type}.${raw.name}`;
  return {
    address: raw.address,
    type: raw.type,
    mode: raw.mode,
    module,
    resource,
    index: raw.index,
    values: raw.values ?? {},
    unknown,
    changed,
    expressions: config.get(`${module}|${resource}`),
    jsonPath,
  };
}

/**
 * The resource instances of a plan or state, as they will be after the plan is applied (a state: as
 * they are). Data sources come from the plan's `prior_state` (read at plan time).
 *
 * @param json - the parsed `terraform show -json` output
 * @param file - the file, for messages
 * @throws InputError when the document has neither planned values nor values
 */
export function readInstances(json: Record<string, unknown>, file: string): TfInstance[] {
  const config = new Map<string, Record<string, unknown>>();
  const configuration = json.configuration as { root_module?: RawConfigModule } | undefined;
  configIndex(configuration?.root_module, "", config);
  const changeOf = new Map<string, ChangeOf>();
  for (const change of (json.resource_changes as { address: string; change?: { actions?: unknown; after_unknown?: Record<string, unknown> } }[] | undefined) ?? []) {
    const actions = Array.isArray(change.change?.actions) ? change.change.actions : [];
    changeOf.set(change.address, { unknown: change.change?.after_unknown ?? {}, changed: actions.includes("create") || actions.includes("update") });
  }
  const planned = (json.planned_values as { root_module?: RawModule } | undefined)?.root_module;
  const state = (json.values as { root_module?: RawModule } | undefined)?.root_module;
  const root = planned ?? state;
  if (!root) throw new InputError("a Terraform plan or state needs planned_values.root_module or values.root_module", { file, jsonPath: "$" });
  const base = planned ? "$.planned_values.root_module" : "$.values.root_module";
  const instances: TfInstance[] = [];
  const seen = new Set<string>();
  walkModules(root, base, (resource, jsonPath) => {
    seen.add(resource.address);
    instances.push(instanceOf(resource, jsonPath, changeOf.get(resource.address) ?? NO_CHANGE, config));
  });
  const prior = (json.prior_state as { values?: { root_module?: RawModule } } | undefined)?.values?.root_module;
  walkModules(prior, "$.prior_state.values.root_module", (resource, jsonPath) => {
    if (resource.mode === "data" && !seen.has(resource.address)) instances.push(instanceOf(resource, jsonPath, NO_CHANGE, config));
  });
  return instances;
}

/** A managed resource the plan destroys: on its own, or as the first half of a replacement. */
export interface TfDeletion {
  address: string;
  type: string;
  /** Its attributes before the plan (`id`, `route_table_id`, …). */
  before: Record<string, unknown>;
  /** JSONPath of its change in the file, for messages. */
  jsonPath: string;
}

/**
 * The managed resources a plan destroys (`actions` holding `delete`: a delete, or either order of a
 * replacement). Terraform 1.7's `forget` drops a resource from the state without destroying it, so
 * it is not a deletion. A state has no changes: `[]`.
 *
 * @param json - the parsed `terraform show -json` output
 */
export function readDeletions(json: Record<string, unknown>): TfDeletion[] {
  type Change = { address?: string; mode?: string; type?: string; change?: { actions?: unknown; before?: unknown } };
  const changes = Array.isArray(json.resource_changes) ? (json.resource_changes as Change[]) : [];
  return changes.flatMap((change, i) => {
    const actions = Array.isArray(change.change?.actions) ? change.change.actions : [];
    const before = change.change?.before;
    if (change.mode !== "managed" || !actions.includes("delete") || before === null || typeof before !== "object") return [];
    return [{ address: String(change.address), type: String(change.type), before: before as Record<string, unknown>, jsonPath: `$.resource_changes[${i}]` }];
  });
}

/**
 * Whether the document is a plan (it has planned values or changes), as opposed to a state.
 *
 * @param json - the parsed `terraform show -json` output
 */
export function isTerraformPlan(json: Record<string, unknown>): boolean {
  return "planned_values" in json || "resource_changes" in json;
}

/**
 * The AWS provider's Region: a constant in the configuration, or the plan's value of the variable it
 * names (`region = var.region`). Undefined otherwise (the loader then infers it from the Availability
 * Zones, or asks for a Region-named folder).
 *
 * @param json - the parsed plan or state
 */
export function providerRegion(json: Record<string, unknown>): string | undefined {
  type Provider = { name?: string; expressions?: { region?: { constant_value?: unknown; references?: string[] } } };
  const providers = (json.configuration as { provider_config?: Record<string, Provider> } | undefined)?.provider_config ?? {};
  const variables = (json.variables ?? {}) as Record<string, { value?: unknown }>;
  for (const provider of Object.values(providers)) {
    if (provider.name !== "aws") continue;
    const region = provider.expressions?.region;
    if (typeof region?.constant_value === "string") return region.constant_value;
    const variable = region?.references?.find((r) => r.startsWith("var."))?.slice(4);
    const value = variable ? variables[variable]?.value : undefined;
    if (typeof value === "string") return value;
  }
  return undefined;
}

/** A parsed reference: `aws_subnet.private[0].id` → resource `aws_subnet.private`, index 0, attribute `id`. */
interface Reference {
  resource: string;
  index: number | string | undefined;
  attribute: string | undefined;
}

const REFERENCE = /^((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)(?:\[(\d+|"[^"]*")\])?(?:\.([a-z0-9_]+))?/;

function parseReference(text: string): Reference | undefined {
  if (/^(var|local|count|each|path|module|self|terraform)\./.test(text)) return undefined;
  const match = REFERENCE.exec(text);
  if (!match) return undefined;
  const raw = match[2];
  const index = raw === undefined ? undefined : raw.startsWith('"') ? raw.slice(1, -1) : Number(raw);
  return { resource: match[1]!, index, attribute: match[3] };
}

/** Resolves references between instances of one plan. */
export class References {
  private readonly byResource = new Map<string, TfInstance[]>();

  /** @param instances - every instance of the plan */
  constructor(instances: readonly TfInstance[]) {
    for (const instance of instances) {
      const key = `${instance.module}|${instance.resource}`;
      const list = this.byResource.get(key) ?? [];
      list.push(instance);
      this.byResource.set(key, list);
    }
  }

  /** The references of an attribute's expression (`[]` when it has none or is a constant). */
  private referencesOf(instance: TfInstance, attribute: string): string[] {
    const expression = instance.expressions?.[attribute] as { references?: unknown } | undefined;
    return Array.isArray(expression?.references) ? expression.references.filter((r): r is string => typeof r === "string") : [];
  }

  /**
   * The instances an attribute's expression points at: an explicit index, the same `count.index` or
   * `each.key`, the only instance, or (for a splat over a list attribute) all of them.
   *
   * @param instance - the referring instance
   * @param attribute - its attribute, e.g. `subnet_id`
   */
  targets(instance: TfInstance, attribute: string): { instance: TfInstance; attribute: string | undefined }[] {
    const refs = this.referencesOf(instance, attribute);
    const byCount = refs.includes("count.index");
    const byEach = refs.some((r) => r === "each.key" || r === "each.value");
    const found: { instance: TfInstance; attribute: string | undefined }[] = [];
    const seen = new Set<string>();
    const parsed = refs.flatMap((text) => parseReference(text) ?? []);
    // Terraform lists each reference in its shorter forms too (`a.b[0].id`, `a.b[0]`, `a.b`): the
    // indexed form says which instance; the bare one then adds nothing.
    const indexed = new Set(parsed.filter((r) => r.index !== undefined).map((r) => r.resource));
    for (const ref of parsed) {
      if (ref.index === undefined && indexed.has(ref.resource)) continue;
      const candidates = this.byResource.get(`${instance.module}|${ref.resource}`) ?? [];
      let chosen: TfInstance[];
      if (ref.index !== undefined) chosen = candidates.filter((c) => c.index === ref.index);
      else if ((byCount || byEach) && candidates.some((c) => c.index === instance.index)) chosen = candidates.filter((c) => c.index === instance.index);
      else chosen = candidates;
      for (const target of chosen) {
        if (seen.has(target.address)) continue;
        seen.add(target.address);
        found.push({ instance: target, attribute: ref.attribute });
      }
    }
    return found;
  }
}
