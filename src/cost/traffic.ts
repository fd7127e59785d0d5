/**
 * Traffic assumptions: how many GB per month each VPC holding notebooks exchanges with the internet,
 * S3, the SageMaker API/runtime and other AWS services. Given on the command line
 * (`internet=200,s3=1000,sagemaker=300`) or in a JSON file with per-VPC overrides. Volumes are per VPC
 * and split evenly over the VPC's notebooks; where each notebook's bytes go is decided later by the
 * engine's verdicts, never here.
 */
import { readFileSync } from "node:fs";
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

function readVolumes(value: unknown, file: string, path: string): TrafficVolumes {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputError("must be an object of destination: GB", { file, jsonPath: path });
  }
  const volumes: TrafficVolumes = {};
  for (const [key, gb] of Object.entries(value)) {
    if (key === "vpcs" && path === "$") continue;
    try {
      addVolume(volumes, key, checkGb(gb, key), key);
    } catch (error) {
      if (error instanceof InputError) throw new InputError(error.message, { file, jsonPath: `${path}.${key}` });
      throw error;
    }
  }
  return volumes;
}

/**
 * Reads a traffic file: `{ "internet": 200, "s3": 1000, "vpcs": { "vpc-0abc": { "s3": 50 } } }`.
 *
 * @param file - path of the JSON file (`--traffic-file`)
 * @throws InputError naming the file and the JSON path of the problem
 */
export function loadTrafficFile(file: string): TrafficAssumptions {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? "no such file" : `not valid JSON: ${(error as Error).message}`, { file });
  }
  const defaults = readVolumes(parsed, file, "$");
  const perVpc: Record<string, TrafficVolumes> = {};
  const vpcs = (parsed as Record<string, unknown>).vpcs;
  if (vpcs !== undefined) {
    if (typeof vpcs !== "object" || vpcs === null || Array.isArray(vpcs)) {
      throw new InputError("must be an object keyed by VPC id", { file, jsonPath: "$.vpcs" });
    }
    for (const [vpcId, volumes] of Object.entries(vpcs)) perVpc[vpcId] = readVolumes(volumes, file, `$.vpcs.${vpcId}`);
  }
  return { default: defaults, perVpc };
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

/** True when any volume is given at all. */
export function hasTraffic(traffic: TrafficAssumptions | undefined): boolean {
  if (!traffic) return false;
  const any = (v: TrafficVolumes): boolean => Object.values(v).some((gb) => gb > 0);
  return any(traffic.default) || Object.values(traffic.perVpc).some(any);
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
