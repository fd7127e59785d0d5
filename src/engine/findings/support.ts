/**
 * Small helpers the finding modules share: describing a security group rule's protocol and ports the
 * way the AWS console does, testing whether a rule admits a port, finding a subnet's route to an
 * internet gateway, spelling a rule back as the `--ip-permissions` argument of the AWS CLI, and, for
 * SageMaker jobs and models (which cannot be changed once created, so each fix recreates them), the
 * described jobs, the endpoints hosting a model and the CLI options that set a job's network.
 * AWS doc: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
 */
import type { ModelIndex } from "../../model/indexes.js";
import type { JobKind, PortRange, Protocol, Route, SageMakerJob, SageMakerModel, SecurityGroupRule, VpcEndpoint } from "../../model/types.js";

/** Endpoint states in which an endpoint serves nobody, whatever its configuration. */
const GONE_ENDPOINT_STATES = new Set(["deleted", "deleting", "rejected", "failed", "expired"]);

/**
 * Whether an endpoint is (or is becoming) usable, so its configuration matters.
 *
 * @param endpoint - the endpoint
 */
export function isLiveEndpoint(endpoint: VpcEndpoint): boolean {
  return !GONE_ENDPOINT_STATES.has(endpoint.state.toLowerCase());
}

/**
 * `tcp/22`, `tcp/1024-65535`, `all traffic`, `icmp`, `protocol 47`.
 *
 * @param protocol - the rule's protocol
 * @param ports - the rule's port range (undefined: all ports)
 */
export function describeProtocolPorts(protocol: Protocol, ports: PortRange | undefined): string {
  if (protocol === "all") return "all traffic";
  if (typeof protocol === "object") return `protocol ${protocol.number}`;
  if (protocol === "icmp") return "icmp";
  if (!ports || (ports.from <= 0 && ports.to >= 65535) || ports.from < 0) return `${protocol}/all ports`;
  return ports.from === ports.to ? `${protocol}/${ports.from}` : `${protocol}/${ports.from}-${ports.to}`;
}

/**
 * Whether a security group rule admits a TCP or UDP port.
 *
 * @param rule - the rule
 * @param protocol - `tcp` or `udp`
 * @param port - the port
 */
export function ruleAdmitsPort(rule: SecurityGroupRule, protocol: "tcp" | "udp", port: number): boolean {
  if (rule.protocol === "all") return true;
  if (rule.protocol !== protocol) return false;
  if (!rule.ports || rule.ports.from < 0) return true;
  return rule.ports.from <= port && port <= rule.ports.to;
}

/**
 * A route's destination as the AWS CLI names it: `--destination-cidr-block 0.0.0.0/0`,
 * `--destination-prefix-list-id pl-…` or `--destination-ipv6-cidr-block ::/0`.
 *
 * @param route - the route
 */
export function routeDestinationArg(route: Route): string {
  const destination = route.destination;
  if (destination.kind === "prefix-list") return `--destination-prefix-list-id ${destination.prefixListId}`;
  if (destination.kind === "ipv6") return `--destination-ipv6-cidr-block ${destination.cidr}`;
  return `--destination-cidr-block ${destination.cidr}`;
}

/**
 * The rule as the AWS CLI's `--ip-permissions` shorthand, to paste into a revoke or authorize command.
 *
 * @param rule - a rule whose peer is a CIDR (IPv4 or IPv6)
 */
export function ipPermissionsArg(rule: SecurityGroupRule): string {
  const protocol =
    rule.protocol === "all" ? "-1" : typeof rule.protocol === "object" ? String(rule.protocol.number) : rule.protocol;
  const ports = rule.ports && rule.protocol !== "all" ? `,FromPort=${rule.ports.from},ToPort=${rule.ports.to}` : "";
  const peer =
    rule.peer.kind === "ipv6"
      ? `Ipv6Ranges=[{CidrIpv6=${rule.peer.cidr}}]`
      : rule.peer.kind === "cidr"
        ? `IpRanges=[{CidrIp=${rule.peer.cidr}}]`
        : "";
  return `IpProtocol=${protocol}${ports},${peer}`;
}

/** A job kind's label (for titles) and the create command and options that set its VPC and isolation. */
export interface JobCli {
  label: string;
  create: string;
  vpc: string;
  isolation: string;
}


const JOB_CLI: Record<JobKind, JobCli> = {
  "training-job": {
    label: "Training job",
    create: "aws sagemaker create-training-job",
    vpc: "--vpc-config Subnets=subnet-<private>,SecurityGroupIds=sg-…",
    isolation: "--enable-network-isolation",
  },
  "processing-job": {
    label: "Processing job",
    create: "aws sagemaker create-processing-job",
    vpc: "--network-config 'VpcConfig={Subnets=[subnet-<private>],SecurityGroupIds=[sg-…]}'",
    isolation: "--network-config EnableNetworkIsolation=true",
  },
  "tuning-job": {
    label: "Tuning job",
    create: "aws sagemaker create-hyper-parameter-tuning-job",
    vpc: "--training-job-definition with VpcConfig={Subnets=[subnet-<private>],SecurityGroupIds=[sg-…]}",
    isolation: "--training-job-definition with EnableNetworkIsolation=true",
  },
};

/**
 * The label and CLI options of a job's kind.
 *
 * @param kind - the job kind
 */
export function jobCli(kind: JobKind): JobCli {
  return JOB_CLI[kind];
}

/**
 * Every job of the model whose network settings are known.
 *
 * @param index - lookups over the model under audit
 */
export function describedJobs(index: ModelIndex): SageMakerJob[] {
  const { model } = index;
  return [...model.trainingJobs.values(), ...model.processingJobs.values(), ...model.tuningJobs.values()].filter((job) => !job.missingData);
}

/**
 * A described model with the endpoints that host it: their names (for AWS CLI commands) and, for
 * text, their `--from` forms (`endpoint/ID, …`, the id being `ACCOUNT/REGION/NAME` for a name used
 * in several scopes).
 */
export interface HostedModel {
  model: SageMakerModel;
  endpoints: string[];
  hosts: string;
}

/**
 * Every model of the snapshot whose network settings are known, with the endpoints whose
 * configuration hosts it.
 *
 * @param index - lookups over the model under audit
 */
export function describedModels(index: ModelIndex): HostedModel[] {
  return [...index.model.models.values()]
    .filter((m) => !m.missingData)
    .map((m) => {
      const hosting = index.endpointsOfModel(m.id);
      return { model: m, endpoints: hosting.map((e) => e.name ?? e.id), hosts: hosting.map((e) => `endpoint/${e.id}`).join(", ") };
    });
}
