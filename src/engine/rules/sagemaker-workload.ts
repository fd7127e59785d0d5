/**
 * SageMaker workloads as sources — notebook instances, Studio apps, training, processing and tuning
 * jobs, models hosted on endpoints — reduced to what decides where their traffic goes:
 * - `EnableNetworkIsolation`: the containers make no network calls at all, not even to S3 through
 *   the VPC; SageMaker itself moves their data. Every destination is blocked at the workload.
 * - `VpcConfig` (a job's or model's; a notebook's `SubnetId`; a Studio domain's subnets): an ENI in
 *   one of the subnets with the given groups, and traffic goes through the customer VPC.
 * - no `VpcConfig`: the containers run in SageMaker's managed network, which reaches the internet —
 *   as a notebook with `DirectInternetAccess: Enabled` and no subnet does (sagemaker-notebook).
 * AWS: https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html
 *      https://docs.aws.amazon.com/sagemaker/latest/dg/train-vpc.html
 *      https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html
 */
import type { WorkloadNetwork } from "../../model/types.js";
import type { RuleBlock } from "./block.js";
import { fill, type RuleMeta } from "./meta.js";

/** The rule's name, the AWS page it models and the explanation codes it emits. */
export const meta = {
  name: "sagemaker-workload",
  docs: {
    description: "SageMaker jobs, models and Studio apps: no network with isolation, else their VpcConfig subnets, else SageMaker's managed network (internet).",
    url: "https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html",
  },
  codes: {
    SAGEMAKER_NETWORK_ISOLATION:
      "{label} {id} runs with network isolation: its containers make no network calls, not even to S3 through the VPC (SageMaker itself moves their data)",
    MISSING_DATA: "{label} {id}: {what}",
  },
} satisfies RuleMeta;

/** What the path search reads of a SageMaker source. */
export interface SageMakerEgress {
  /** The source id shown in answers, e.g. `training-job/churn`. */
  id: string;
  /** What it is, for messages: `notebook`, `training job`, `Studio user profile`, … */
  label: string;
  /** Addresses outside the VPC leave through SageMaker's managed network (direct internet access, PublicInternetOnly, no VpcConfig). */
  directInternetAccess: boolean;
  /** The customer subnet its ENI is in (undefined: none). */
  subnetId: string | undefined;
  /** `EnableNetworkIsolation`: no network at all. */
  networkIsolation: boolean;
  /** The settings that decide this, as evidence, e.g. `VpcConfig subnet-1 / sg-1; EnableNetworkIsolation false`. */
  setting: string;
  /** What the snapshot lacks to answer, and the output that would supply it. */
  missing: { what: string; fix: string } | undefined;
  /** A PublicInternetOnly Studio app: AWS documents only its EFS traffic through the VPC (studio-public-internet). */
  efsOnlyVpc?: true;
}

/**
 * The evidence text of a workload's network settings.
 *
 * @param network - `VpcConfig` and `EnableNetworkIsolation`
 */
export function networkSetting(network: WorkloadNetwork): string {
  const vpc = network.vpcConfig
    ? `VpcConfig subnets ${network.vpcConfig.subnetIds.join(", ") || "none"}, groups ${network.vpcConfig.securityGroupIds.join(", ") || "none"}`
    : "no VpcConfig (SageMaker's managed network)";
  return `${network.label ? `${network.label}: ` : ""}${vpc}; EnableNetworkIsolation ${network.networkIsolation}`;
}

/**
 * A job's, model's or endpoint configuration's network settings as an egress, for one of its subnets.
 *
 * @param id - the source id
 * @param label - what it is (`training job`, `model`, …)
 * @param network - its `VpcConfig` and `EnableNetworkIsolation`
 * @param subnetId - the subnet of `VpcConfig.Subnets` this egress stands for (undefined without VpcConfig)
 */
export function workloadEgress(id: string, label: string, network: WorkloadNetwork, subnetId: string | undefined): SageMakerEgress {
  const noSubnets = network.vpcConfig !== undefined && network.vpcConfig.subnetIds.length === 0 && !network.networkIsolation;
  return {
    id,
    label,
    directInternetAccess: network.vpcConfig === undefined,
    subnetId,
    networkIsolation: network.networkIsolation,
    setting: networkSetting(network),
    missing: noSubnets ? { what: "its VpcConfig lists no subnets", fix: `check the VpcConfig of ${label} ${id} in its describe output` } : undefined,
  };
}

/**
 * The block for a workload with network isolation: nothing is reachable from its containers.
 *
 * @param egress - the workload
 */
export function isolationBlock(egress: SageMakerEgress): RuleBlock {
  return {
    code: "SAGEMAKER_NETWORK_ISOLATION",
    message: fill(meta.codes.SAGEMAKER_NETWORK_ISOLATION, { label: egress.label, id: egress.id }),
    rule: { kind: "attribute", ref: egress.id, text: egress.setting },
    fix: `only if its containers must call out: recreate ${egress.label} ${egress.id} without EnableNetworkIsolation (it cannot be changed in place; Security Hub SageMaker.5 recommends keeping it on for models)`,
  };
}

/**
 * The `unknown` block when the snapshot lacks the workload's network settings.
 *
 * @param egress - the workload
 */
export function egressDataBlock(egress: SageMakerEgress): RuleBlock | undefined {
  if (!egress.missing) return undefined;
  return {
    code: "MISSING_DATA",
    message: fill(meta.codes.MISSING_DATA, { label: egress.label, id: egress.id, what: egress.missing.what }),
    rule: { kind: "implicit", ref: egress.id, text: egress.missing.what },
    fix: egress.missing.fix,
    unknown: true,
  };
}
