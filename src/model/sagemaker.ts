/**
 * The SageMaker records of the model: notebook instances, Studio domains, user profiles and spaces,
 * training, processing and tuning jobs, models, endpoint configurations and endpoints — the workloads
 * whose network placement the engine reads.
 */

import type { Resource } from "./scope.js";

/** A SageMaker notebook instance (DescribeNotebookInstance). */
export interface Notebook extends Resource {
  /**
   * `id` is the `NotebookInstanceName` (also in `name`), or `ACCOUNT/REGION/NAME` when notebooks of
   * that name exist in several accounts or Regions (see `scopedName`).
   */
  arn: string | undefined;
  status: string;
  instanceType: string | undefined;
  subnetId: string | undefined;
  securityGroupIds: string[];
  /** The ENI SageMaker places in the customer subnet. */
  networkInterfaceId: string | undefined;
  directInternetAccess: boolean;
  rootAccess: boolean;
  kmsKeyId: string | undefined;
  /** The execution role (`RoleArn`), whose policies identity checks evaluate. */
  roleArn?: string | undefined;
  /**
   * Set when the snapshot lacks this notebook's network settings (it was only listed by
   * list-notebook-instances): says what is missing, and the engine answers `unknown` for it.
   */
  missingData?: string;
}

/** A SageMaker Studio domain (DescribeDomain). */
export interface StudioDomain extends Resource {
  domainName: string;
  appNetworkAccessType: "PublicInternetOnly" | "VpcOnly";
  vpcId: string | undefined;
  subnetIds: string[];
  /** `DefaultUserSettings.SecurityGroups`: the groups of every user profile's apps and private spaces. */
  securityGroupIds: string[];
  /** `DefaultSpaceSettings.SecurityGroups`: the groups of shared spaces. */
  spaceSecurityGroupIds: string[];
}

/**
 * The network settings SageMaker gives a workload's containers (`VpcConfig` and
 * `EnableNetworkIsolation` of a training, processing or tuning job, a model or an endpoint config).
 * AWS: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_VpcConfig.html
 */
export interface WorkloadNetwork {
  /** Which part of the workload these settings are for (a tuning job's training definition, an endpoint's variant), when it has several. */
  label: string | undefined;
  /** `VpcConfig`; undefined when there is none: the containers run in SageMaker's managed network, which reaches the internet. */
  vpcConfig: { subnetIds: string[]; securityGroupIds: string[] } | undefined;
  /** `EnableNetworkIsolation`: the containers make no network calls at all. */
  networkIsolation: boolean;
}

/** The kinds of SageMaker job that run containers with a network configuration. */
export type JobKind = "training-job" | "processing-job" | "tuning-job";

/** A SageMaker training, processing or hyperparameter tuning job (DescribeTrainingJob, …). */
export interface SageMakerJob extends Resource {
  /** The job name; also `id` (unique per kind, account and Region). */
  kind: JobKind;
  arn: string | undefined;
  status: string;
  /** One entry for training and processing jobs; one per training job definition for a tuning job. */
  networks: WorkloadNetwork[];
  /** Set when the snapshot only lists the job (no network settings): says what is missing. */
  missingData?: string;
}

/** A SageMaker model (DescribeModel): where its containers run when an endpoint hosts it. */
export interface SageMakerModel extends Resource {
  arn: string | undefined;
  network: WorkloadNetwork;
  missingData?: string;
}

/** One production variant of an endpoint configuration. */
export interface EndpointVariant {
  variantName: string;
  /** Undefined for an endpoint that hosts inference components instead of a model. */
  modelName: string | undefined;
}

/** A SageMaker endpoint configuration (DescribeEndpointConfig): which models an endpoint hosts. */
export interface SageMakerEndpointConfig extends Resource {
  arn: string | undefined;
  variants: EndpointVariant[];
  /** The configuration's own `VpcConfig` and `EnableNetworkIsolation` (endpoints with inference components). */
  network: WorkloadNetwork;
  /** Set when the snapshot only lists the configuration (its variants are not known). */
  missingData?: string;
}

/** A SageMaker endpoint (DescribeEndpoint). */
export interface SageMakerEndpoint extends Resource {
  arn: string | undefined;
  status: string;
  /** Undefined when the snapshot only lists the endpoint. */
  endpointConfigName: string | undefined;
  missingData?: string;
}

/** A Studio user profile (DescribeUserProfile); keyed by `DOMAIN_ID/NAME`. */
export interface StudioUserProfile extends Resource {
  domainId: string;
  userProfileName: string;
  status: string;
  /** `UserSettings.SecurityGroups`, added by AWS to the domain's `DefaultUserSettings.SecurityGroups`. */
  securityGroupIds: string[];
  missingData?: string;
}

/** A Studio space (DescribeSpace); keyed by `DOMAIN_ID/NAME`. */
export interface StudioSpace extends Resource {
  domainId: string;
  spaceName: string;
  status: string;
  /**
   * `SpaceSharingSettings.SharingType`: a private space uses its owner's groups, a shared one the
   * domain's space defaults; undefined when the output has no sharing settings (the groups are then unknown).
   */
  sharingType: "Private" | "Shared" | undefined;
  /** `OwnershipSettings.OwnerUserProfileName`. */
  ownerUserProfileName: string | undefined;
  missingData?: string;
}
