/**
 * SageMaker workloads for the fixtures, as the AWS CLI prints their describe outputs (one file each
 * under `sagemaker/`): Studio domains, user profiles and spaces, training and processing jobs,
 * models, endpoint configurations and endpoints. Only the fields the API always returns and the
 * network ones are filled in; ARNs, times and roles follow the builder's account and Region.
 */
import type { Json } from "./shapes.js";
import type { RegionBuilder, SubnetRef, VpcRef } from "./builder.js";

/** Where a job's or model's containers run: a VpcConfig (omit for SageMaker's managed network) and isolation. */
export interface WorkloadPlacement {
  subnets?: SubnetRef[];
  groups?: string[];
  isolation?: boolean;
}

function arn(b: RegionBuilder, kind: string, name: string): string {
  return `arn:aws:sagemaker:${b.region}:${b.account}:${kind}/${name.toLowerCase()}`;
}

function role(b: RegionBuilder): string {
  return `arn:aws:iam::${b.account}:role/service-role/AmazonSageMaker-ExecutionRole-20250311T091422`;
}

function vpcConfig(p: WorkloadPlacement): Record<string, Json> {
  return p.subnets ? { VpcConfig: { SecurityGroupIds: p.groups ?? [], Subnets: p.subnets.map((s) => s.id) } } : {};
}

/**
 * A Studio domain (describe-domain).
 *
 * @param b - the Region builder
 * @param spec - name, VPC, subnets, access type, default user and shared-space groups
 */
export function studioDomain(
  b: RegionBuilder,
  spec: { name: string; vpc: VpcRef; subnets: SubnetRef[]; mode: "VpcOnly" | "PublicInternetOnly"; userGroups: string[]; spaceGroups: string[] },
): string {
  const id = `d-${b.rng.chars(12, "abcdefghijklmnopqrstuvwxyz0123456789")}`;
  b.file(`sagemaker/domain-${spec.name}.json`, {
    DomainArn: arn(b, "domain", id),
    DomainId: id,
    DomainName: spec.name,
    HomeEfsFileSystemId: `fs-0${b.rng.hex(16)}`,
    Status: "InService",
    CreationTime: b.timestamp(),
    AuthMode: "IAM",
    DefaultUserSettings: { ExecutionRole: role(b), SecurityGroups: spec.userGroups },
    DefaultSpaceSettings: { ExecutionRole: role(b), SecurityGroups: spec.spaceGroups },
    AppNetworkAccessType: spec.mode,
    SubnetIds: spec.subnets.map((s) => s.id),
    Url: `https://${id}.studio.${b.region}.sagemaker.aws`,
    VpcId: spec.vpc.id,
  });
  return id;
}

/**
 * A Studio user profile (describe-user-profile) with its own groups.
 *
 * @param b - the Region builder
 * @param domainId - its domain
 * @param name - the profile name
 * @param groups - `UserSettings.SecurityGroups`
 */
export function userProfile(b: RegionBuilder, domainId: string, name: string, groups: string[]): void {
  b.file(`sagemaker/user-${name}.json`, {
    DomainId: domainId,
    UserProfileArn: arn(b, "user-profile", `${domainId}/${name}`),
    UserProfileName: name,
    Status: "InService",
    CreationTime: b.timestamp(),
    UserSettings: { ExecutionRole: role(b), SecurityGroups: groups },
  });
}

/**
 * A Studio space (describe-space).
 *
 * @param b - the Region builder
 * @param domainId - its domain
 * @param name - the space name
 * @param sharing - `Private` (its owner's groups) or `Shared` (the domain's space groups)
 * @param owner - the owning user profile
 */
export function space(b: RegionBuilder, domainId: string, name: string, sharing: "Private" | "Shared", owner: string): void {
  b.file(`sagemaker/space-${name}.json`, {
    DomainId: domainId,
    SpaceArn: arn(b, "space", `${domainId}/${name}`),
    SpaceName: name,
    Status: "InService",
    CreationTime: b.timestamp(),
    SpaceSettings: { AppType: "JupyterLab" },
    OwnershipSettings: { OwnerUserProfileName: owner },
    SpaceSharingSettings: { SharingType: sharing },
    SpaceDisplayName: name,
  });
}

/**
 * A training job (describe-training-job).
 *
 * @param b - the Region builder
 * @param name - the job name
 * @param placement - VpcConfig and isolation
 */
export function trainingJob(b: RegionBuilder, name: string, placement: WorkloadPlacement): void {
  b.file(`sagemaker/training-job-${name}.json`, {
    TrainingJobName: name,
    TrainingJobArn: arn(b, "training-job", name),
    TrainingJobStatus: "InProgress",
    SecondaryStatus: "Training",
    AlgorithmSpecification: { TrainingImage: `683313688378.dkr.ecr.${b.region}.amazonaws.com/sagemaker-xgboost:1.7-1`, TrainingInputMode: "File" },
    RoleArn: role(b),
    OutputDataConfig: { S3OutputPath: `s3://ml-artifacts-${b.account}/${name}/` },
    ResourceConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 },
    ...vpcConfig(placement),
    StoppingCondition: { MaxRuntimeInSeconds: 86400 },
    CreationTime: b.timestamp(),
    EnableNetworkIsolation: placement.isolation ?? false,
    EnableInterContainerTrafficEncryption: false,
  });
}

/**
 * A processing job (describe-processing-job): its network settings sit under `NetworkConfig`.
 *
 * @param b - the Region builder
 * @param name - the job name
 * @param placement - VpcConfig and isolation
 */
export function processingJob(b: RegionBuilder, name: string, placement: WorkloadPlacement): void {
  b.file(`sagemaker/processing-job-${name}.json`, {
    ProcessingJobName: name,
    ProcessingJobArn: arn(b, "processing-job", name),
    ProcessingJobStatus: "InProgress",
    ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: "ml.m5.large", VolumeSizeInGB: 30 } },
    AppSpecification: { ImageUri: `683313688378.dkr.ecr.${b.region}.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3` },
    NetworkConfig: { EnableInterContainerTrafficEncryption: false, EnableNetworkIsolation: placement.isolation ?? false, ...vpcConfig(placement) },
    RoleArn: role(b),
    CreationTime: b.timestamp(),
  });
}

/**
 * A model (describe-model).
 *
 * @param b - the Region builder
 * @param name - the model name
 * @param placement - VpcConfig and isolation
 */
export function model(b: RegionBuilder, name: string, placement: WorkloadPlacement): void {
  b.file(`sagemaker/model-${name}.json`, {
    ModelName: name,
    PrimaryContainer: { Image: `683313688378.dkr.ecr.${b.region}.amazonaws.com/sagemaker-xgboost:1.7-1`, Mode: "SingleModel", ModelDataUrl: `s3://ml-artifacts-${b.account}/${name}/model.tar.gz` },
    ExecutionRoleArn: role(b),
    ...vpcConfig(placement),
    CreationTime: b.timestamp(),
    ModelArn: arn(b, "model", name),
    EnableNetworkIsolation: placement.isolation ?? false,
  });
}

/**
 * An endpoint (describe-endpoint) and its configuration (describe-endpoint-config), one variant per model.
 *
 * @param b - the Region builder
 * @param name - the endpoint name (the configuration is `NAME-config`)
 * @param models - the model of each production variant
 */
export function endpoint(b: RegionBuilder, name: string, models: string[]): void {
  const configName = `${name}-config`;
  const variants = models.map((modelName, i) => ({ VariantName: `variant-${i + 1}`, ModelName: modelName, InitialInstanceCount: 1, InstanceType: "ml.m5.large", InitialVariantWeight: 1 }));
  b.file(`sagemaker/endpoint-config-${configName}.json`, {
    EndpointConfigName: configName,
    EndpointConfigArn: arn(b, "endpoint-config", configName),
    ProductionVariants: variants,
    CreationTime: b.timestamp(),
    EnableNetworkIsolation: false,
  });
  b.file(`sagemaker/endpoint-${name}.json`, {
    EndpointName: name,
    EndpointArn: arn(b, "endpoint", name),
    EndpointConfigName: configName,
    ProductionVariants: variants.map((v) => ({ VariantName: v.VariantName, CurrentWeight: 1, DesiredWeight: 1, CurrentInstanceCount: 1, DesiredInstanceCount: 1 })),
    EndpointStatus: "InService",
    CreationTime: b.timestamp(),
    LastModifiedTime: b.timestamp(),
  });
}
