/**
 * Parses a query's `to` and turns it into the address set the user means:
 * - `internet`: the public IPv4 space minus the Region's AWS service prefix lists (S3, DynamoDB),
 *   which are AWS services rather than "the internet";
 * - `s3`: S3 of the source's Region — its prefix list `com.amazonaws.<region>.s3` when the snapshot
 *   has its entries, else a symbolic public set (routes that split it make the answer unknown);
 * - `sagemaker-api`, `sagemaker-runtime`, `service:NAME`: the service `com.amazonaws.<region>.NAME`,
 *   reached through an interface endpoint when DNS resolves to one, else at its public addresses
 *   (symbolic, reached like the internet);
 * - an IPv4 address or CIDR, optionally `:PORT`.
 * A malformed destination is an `InputError`.
 */
import { InputError } from "../model/errors.js";
import { IntervalSet, parseCidr, parseIpv4 } from "../net/index.js";
import type { AnalyzerContext } from "./context.js";
import type { ComponentType } from "./verdict.js";

export interface DestinationSpec {
  spec: string;
  kind: "internet" | "service" | "address";
  /** Short service name (`s3`, `sagemaker.api`, `sts`) for service destinations. */
  service: string | undefined;
  /** Addresses for `address` destinations. */
  addresses: IntervalSet | undefined;
  /** Port given in the spec (`10.0.0.5:5432`). */
  port: number | undefined;
}

export interface Destination {
  spec: string;
  type: ComponentType;
  service: string | undefined;
  /** `com.amazonaws.<region>.<service>`. */
  serviceName: string | undefined;
  addresses: IntervalSet;
  /** True when the addresses stand for a service whose real addresses are not in the snapshot. */
  symbolic: boolean;
  /** The prefix list that defines the service's addresses (matches a symbolic set in full). */
  prefixListId: string | undefined;
}

const ALIASES: Record<string, string> = { s3: "s3", "sagemaker-api": "sagemaker.api", "sagemaker-runtime": "sagemaker.runtime" };

/**
 * Parses `--to`.
 *
 * @param to - the user's destination text
 * @throws InputError when malformed
 */
export function parseDestination(to: string): DestinationSpec {
  const spec = to.trim();
  if (spec === "internet") return { spec, kind: "internet", service: undefined, addresses: undefined, port: undefined };
  const alias = ALIASES[spec];
  if (alias) return { spec, kind: "service", service: alias, addresses: undefined, port: undefined };
  if (spec.startsWith("service:")) {
    const name = spec.slice(8).replace(/^(?:com\.amazonaws|aws\.sagemaker)\.[a-z]{2}(?:-gov)?-[a-z]+-\d\./, "");
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(name)) throw new InputError(`destination "${spec}": service name must look like service:sts or service:ecr.api`);
    return { spec, kind: "service", service: name, addresses: undefined, port: undefined };
  }
  const m = /^([0-9.]+(?:\/[0-9]{1,2})?)(?::([0-9]{1,5}))?$/.exec(spec);
  const cidr = m ? parseCidr(m[1] as string) : undefined;
  if (!m || !cidr || (!(m[1] as string).includes("/") && parseIpv4(m[1] as string) === undefined)) {
    throw new InputError(`destination "${spec}" is not internet, s3, sagemaker-api, sagemaker-runtime, service:NAME, or an IPv4 address/CIDR with optional :PORT`);
  }
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && (port < 0 || port > 65535)) throw new InputError(`destination "${spec}": port must be 0-65535`);
  return { spec, kind: "address", service: undefined, addresses: IntervalSet.range(cidr.first, cidr.last), port };
}

/**
 * The public (non-endpoint) form of a destination, for a source in `region`.
 *
 * @param ctx - the analyzer context
 * @param parsed - the parsed destination
 * @param region - the source's Region
 */
export function publicDestination(ctx: AnalyzerContext, parsed: DestinationSpec, region: string): Destination {
  if (parsed.kind === "internet") {
    return { spec: parsed.spec, type: "internet", service: undefined, serviceName: undefined, addresses: ctx.internetAddresses(region), symbolic: false, prefixListId: undefined };
  }
  if (parsed.kind === "address") {
    return { spec: parsed.spec, type: "address", service: undefined, serviceName: undefined, addresses: parsed.addresses as IntervalSet, symbolic: false, prefixListId: undefined };
  }
  const service = parsed.service as string;
  const list = ctx.servicePrefixList(region, service);
  const set = list ? ctx.prefixList(list.id) : undefined;
  return {
    spec: parsed.spec,
    type: "aws-service",
    service,
    serviceName: fullServiceName(region, service),
    // Unknown service addresses: a placeholder for "some public address that is no other known AWS service's".
    addresses: set ?? ctx.internetAddresses(region),
    symbolic: !set,
    prefixListId: list?.id,
  };
}

/**
 * The endpoint service name of a short service name: `com.amazonaws.<region>.<service>`, except the
 * SageMaker notebook and Studio UIs, which are `aws.sagemaker.<region>.notebook` / `.studio`.
 *
 * @param region - the Region
 * @param service - e.g. `sts`, `sagemaker.api`, `notebook`
 */
export function fullServiceName(region: string, service: string): string {
  const ui = /^(?:sagemaker\.)?(notebook|studio)$/.exec(service);
  return ui ? `aws.sagemaker.${region}.${ui[1] as string}` : `com.amazonaws.${region}.${service}`;
}
