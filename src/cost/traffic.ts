/**
 * Traffic assumptions: how many GB per month the notebooks exchange with the internet, S3, the
 * SageMaker API/runtime and other AWS services. Given on the command line
 * (`internet=200,s3=1000,sagemaker=300`, per VPC holding notebooks) or in a YAML or JSON file with
 * volumes per notebook, per tag, per VPC and a default. A notebook's volumes are its own entry, else its
 * first matching tag's, else an even share of its VPC's (or the default) over the VPC's notebooks that
 * have neither; where each notebook's bytes go is decided later by the engine's verdicts, never here.
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { InputError } from "../model/errors.js";
import { didYouMean } from "../model/suggest.js";
import { DESTINATION_NAMES, expandDestination, isKnownServiceName, knownServiceNames } from "../engine/destination.js";

/**
 * GB/month by destination. Keys: `internet` (sent to the internet: NAT processing and data transfer
 * out), `internet-in` (received from the internet: NAT processing only), `s3`, `sagemaker-api`,
 * `sagemaker-runtime`, `service:NAME`.
 */
export type TrafficVolumes = Record<string, number>;

export interface TrafficAssumptions {
  /** Applies to every VPC holding notebooks. */
  default: TrafficVolumes;
  /** Replaces `default` for the named VPCs. */
  perVpc: Record<string, TrafficVolumes>;
  /** Each named notebook's own volumes (by name or id), not shared with its VPC. */
  perNotebook?: Record<string, TrafficVolumes>;
  /** Volumes for each notebook carrying a tag (`Key=Value`, or `Key` for any value); the first match applies. */
  perTag?: TagTraffic[];
}

export interface TagTraffic {
  /** As written in the file: `team=research` or `team`. */
  selector: string;
  key: string;
  /** Undefined: any value. */
  value: string | undefined;
  volumes: TrafficVolumes;
}

/** The traffic keys that are not `--to` destinations. */
const TRAFFIC_ONLY_KEYS = ["internet-in"];

/**
 * The engine destination a traffic key is queried as (`internet-in` uses the same path as `internet`).
 *
 * @param key - a normalized traffic key
 */
export function destinationOfTrafficKey(key: string): string {
  return key === "internet-in" ? "internet" : key;
}

/** The canonical keys a user's traffic key stands for: destination words, `service:NAME`, or a bare AWS service name. */
function trafficKeys(rawKey: string, where: string): string[] {
  const key = rawKey.trim().toLowerCase();
  if (TRAFFIC_ONLY_KEYS.includes(key)) return [key];
  if (DESTINATION_NAMES.includes(key) || /^service:[a-z0-9][a-z0-9.-]*$/.test(key)) return expandDestination(key);
  if (isKnownServiceName(key)) return [`service:${key}`];
  throw new InputError(
    `${where}: unknown traffic destination "${rawKey}"${didYouMean(key, [...DESTINATION_NAMES, ...TRAFFIC_ONLY_KEYS, ...knownServiceNames()])}; ` +
      "use internet, internet-in, s3, sagemaker, sagemaker-api, sagemaker-runtime, an AWS service name such as sts, or service:NAME",
  );
}

/**
 * Adds one `key=GB` assumption to `volumes`, normalizing the key. `sagemaker` is split evenly between
 * the API and the runtime; a bare AWS service name is that service (`sts` → `service:sts`).
 */
function addVolume(volumes: TrafficVolumes, rawKey: string, gb: number, where: string): void {
  const keys = trafficKeys(rawKey, where);
  for (const key of keys) volumes[key] = (volumes[key] ?? 0) + gb / keys.length;
}

function checkGb(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InputError(`${where}: expected a non-negative number of GB per month (e.g. internet=200), got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Parses `--traffic internet=200,s3=1000,sagemaker=300` (GB per month per VPC holding notebooks).
 *
 * @param spec - comma-separated `destination=GB` pairs
 * @throws InputError naming the offending pair
 */
export function parseTrafficSpec(spec: string): TrafficVolumes {
  const volumes: TrafficVolumes = {};
  for (const pair of spec.split(",").map((p) => p.trim()).filter(Boolean)) {
    const match = /^([^=]+)=(.*)$/.exec(pair);
    if (!match) throw new InputError(`--traffic: expected destination=GB, got "${pair}"`);
    const gbText = match[2]!.trim();
    const gb = /^\d+(?:\.\d+)?(?:e\d+)?$/i.test(gbText) ? Number(gbText) : gbText;
    addVolume(volumes, match[1]!, checkGb(gb, `--traffic ${pair}`), `--traffic ${pair}`);
  }
  return volumes;
}

/** The sections a traffic file may have besides destination keys (the defaults). */
const SECTIONS = ["default", "vpcs", "tags", "notebooks"] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readVolumes(value: unknown, file: string, path: string, skip: readonly string[] = []): TrafficVolumes {
  if (!isObject(value)) throw new InputError("must be a mapping of destination: GB per month", { file, jsonPath: path });
  const volumes: TrafficVolumes = {};
  for (const [key, gb] of Object.entries(value)) {
    if (skip.includes(key)) continue;
    try {
      addVolume(volumes, key, checkGb(gb, key), key);
    } catch (error) {
      if (error instanceof InputError) throw new InputError(error.message, { file, jsonPath: `${path}.${key}` });
      throw error;
    }
  }
  return volumes;
}

/** Reads a section keyed by VPC id, notebook or tag: each value a mapping of destination: GB. */
function readSection(value: unknown, file: string, path: string, what: string): Record<string, TrafficVolumes> {
  if (!isObject(value)) throw new InputError(`must be a mapping keyed by ${what}`, { file, jsonPath: path });
  const result: Record<string, TrafficVolumes> = {};
  for (const [key, volumes] of Object.entries(value)) result[key] = readVolumes(volumes, file, `${path}.${key}`);
  return result;
}

/** `team=research` → key `team`, value `research`; `team` → any value. */
function tagTraffic(selector: string, volumes: TrafficVolumes, file: string): TagTraffic {
  const at = selector.indexOf("=");
  const key = (at < 0 ? selector : selector.slice(0, at)).trim();
  if (key === "") throw new InputError("a tag selector needs a key: Key=Value or Key", { file, jsonPath: `$.tags.${selector}` });
  return { selector, key, value: at < 0 ? undefined : selector.slice(at + 1).trim(), volumes };
}

/** Parses the text as YAML (which also reads JSON), naming the file and the first line of a syntax error. */
function parseTrafficText(text: string, file: string): unknown {
  try {
    return parseYaml(text, { prettyErrors: false });
  } catch (error) {
    throw new InputError(`not valid YAML or JSON: ${(error as Error).message.split("\n")[0]}`, { file });
  }
}

/**
 * Reads a traffic file, YAML or JSON: `default:` (per VPC holding notebooks), `vpcs:` (per VPC id),
 * `tags:` (per notebook with the tag, `Key=Value` or `Key`), `notebooks:` (per notebook name or id),
 * each a mapping of destination: GB per month. Destination keys at the top level are defaults too
 * (the older JSON form).
 *
 * @param file - path of the file (`--traffic-file`)
 * @throws InputError naming the file and the path of the offending key
 */
export function loadTrafficFile(file: string): TrafficAssumptions {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? "no such file" : `cannot read: ${(error as Error).message}`, { file });
  }
  const parsed = parseTrafficText(text, file);
  if (!isObject(parsed)) throw new InputError("must be a mapping (default, vpcs, tags, notebooks)", { file, jsonPath: "$" });
  for (const [key, value] of Object.entries(parsed)) {
    if (isObject(value) && !(SECTIONS as readonly string[]).includes(key)) {
      throw new InputError(`unknown section "${key}"${didYouMean(key, SECTIONS)}; use ${SECTIONS.join(", ")}`, { file, jsonPath: `$.${key}` });
    }
  }
  const topLevel = readVolumes(parsed, file, "$", SECTIONS);
  if (parsed.default !== undefined && Object.keys(topLevel).length > 0) {
    throw new InputError("give the defaults under default or as top-level destinations, not both", { file, jsonPath: "$.default" });
  }
  const defaults = parsed.default === undefined ? topLevel : readVolumes(parsed.default, file, "$.default");
  const section = (key: (typeof SECTIONS)[number], what: string): Record<string, TrafficVolumes> =>
    parsed[key] === undefined ? {} : readSection(parsed[key], file, `$.${key}`, what);
  return {
    default: defaults,
    perVpc: section("vpcs", "VPC id"),
    perNotebook: section("notebooks", "notebook name or id"),
    perTag: Object.entries(section("tags", "tag (Key=Value or Key)")).map(([selector, volumes]) => tagTraffic(selector, volumes, file)),
  };
}

/**
 * The volumes that apply to a VPC.
 *
 * @param traffic - the assumptions (undefined: none given)
 * @param vpcId - the VPC
 */
export function volumesForVpc(traffic: TrafficAssumptions | undefined, vpcId: string): TrafficVolumes {
  if (!traffic) return {};
  return traffic.perVpc[vpcId] ?? traffic.default;
}

/** Every set of volumes the assumptions give (default, per VPC, per notebook, per tag). */
export function allVolumes(traffic: TrafficAssumptions | undefined): TrafficVolumes[] {
  if (!traffic) return [];
  return [
    traffic.default,
    ...Object.values(traffic.perVpc),
    ...Object.values(traffic.perNotebook ?? {}),
    ...(traffic.perTag ?? []).map((t) => t.volumes),
  ];
}

/** True when any volume is given at all. */
export function hasTraffic(traffic: TrafficAssumptions | undefined): boolean {
  return allVolumes(traffic).some((v) => Object.values(v).some((gb) => gb > 0));
}

/** What a traffic file's per-notebook and per-tag entries are matched against. */
export interface TrafficSubject {
  id: string;
  name: string | undefined;
  tags: Readonly<Record<string, string>>;
}

/** Where a notebook's volumes came from: its own entry, a tag, or its VPC's share. */
export type VolumeBasis = "notebook" | "tag" | "vpc";

export interface NotebookVolumes<N extends TrafficSubject> {
  notebook: N;
  volumes: TrafficVolumes;
  basis: VolumeBasis;
  /** The notebook key, tag selector or VPC id that gave them. */
  from: string;
}

/** The first tag entry a notebook carries. */
function matchingTag(traffic: TrafficAssumptions, notebook: TrafficSubject): TagTraffic | undefined {
  return traffic.perTag?.find((t) => t.key in notebook.tags && (t.value === undefined || notebook.tags[t.key] === t.value));
}

/** The key of a notebook's own entry (its id, else its name). */
function notebookKey(traffic: TrafficAssumptions, notebook: TrafficSubject): string | undefined {
  return [notebook.id, notebook.name].find((k) => k !== undefined && traffic.perNotebook?.[k] !== undefined);
}

/**
 * Each notebook's own volumes (GB/month by destination): its `notebooks` entry, else its first matching
 * `tags` entry, else an even share of the VPC's volumes over the VPC's notebooks that have neither.
 *
 * @param traffic - the assumptions (undefined: none)
 * @param vpcId - the VPC the notebooks are in
 * @param notebooks - the VPC's notebooks, with id, name and tags
 */
export function volumesForNotebooks<N extends TrafficSubject>(
  traffic: TrafficAssumptions | undefined,
  vpcId: string,
  notebooks: readonly N[],
): NotebookVolumes<N>[] {
  if (!traffic) return [];
  const own = notebooks.map((notebook): NotebookVolumes<N> | undefined => {
    const key = notebookKey(traffic, notebook);
    if (key !== undefined) return { notebook, volumes: traffic.perNotebook![key]!, basis: "notebook", from: key };
    const tag = matchingTag(traffic, notebook);
    return tag ? { notebook, volumes: tag.volumes, basis: "tag", from: tag.selector } : undefined;
  });
  const sharing = own.filter((v) => v === undefined).length;
  const share: TrafficVolumes = Object.fromEntries(Object.entries(volumesForVpc(traffic, vpcId)).map(([k, gb]) => [k, gb / Math.max(1, sharing)]));
  return notebooks.map((notebook, i) => own[i] ?? { notebook, volumes: share, basis: "vpc", from: vpcId });
}

/**
 * The `notebooks` and `tags` entries that match no notebook in scope (so the user hears of a typo).
 *
 * @param traffic - the assumptions
 * @param notebooks - every notebook in scope
 */
export function unmatchedTrafficKeys(traffic: TrafficAssumptions | undefined, notebooks: readonly TrafficSubject[]): string[] {
  if (!traffic) return [];
  const unmatchedNotebooks = Object.keys(traffic.perNotebook ?? {}).filter((k) => !notebooks.some((n) => n.id === k || n.name === k));
  const unmatchedTags = (traffic.perTag ?? []).filter((t) => !notebooks.some((n) => matchingTag({ ...traffic, perTag: [t] }, n)));
  return [...unmatchedNotebooks.map((k) => `notebooks.${k}`), ...unmatchedTags.map((t) => `tags.${t.selector}`)];
}

/**
 * The traffic assumptions given on a command line: `--traffic SPEC` or `--traffic-file FILE`, not both.
 *
 * @param options - the two options as commander parsed them
 * @returns undefined when neither is given (only fixed charges are priced)
 */
export function trafficFromOptions(options: { traffic?: string | undefined; trafficFile?: string | undefined }): TrafficAssumptions | undefined {
  if (options.traffic && options.trafficFile) throw new InputError("give --traffic or --traffic-file, not both");
  if (options.trafficFile) return loadTrafficFile(options.trafficFile);
  if (options.traffic) return { default: parseTrafficSpec(options.traffic), perVpc: {} };
  return undefined;
}
