/** Loading SageMaker jobs, models, endpoints and Studio user profiles and spaces, as describe and list outputs. */
import { describe, expect, it } from "vitest";
import { loadModel } from "../../src/snapshot/load.js";
import { makeFolder, vpcFiles } from "./helpers.js";

const ACCOUNT = "111122223333";
const arn = (kind: string, name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:${kind}/${name}`;
const vpcConfig = { SecurityGroupIds: ["sg-1"], Subnets: ["subnet-1"] };

describe("SageMaker jobs", () => {
  it("reads VpcConfig and EnableNetworkIsolation of training, processing and tuning jobs", async () => {
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/train.json": { TrainingJobName: "train", TrainingJobArn: arn("training-job", "train"), TrainingJobStatus: "Completed", VpcConfig: vpcConfig, EnableNetworkIsolation: true },
        "us-east-1/process.json": { ProcessingJobName: "prep", ProcessingJobArn: arn("processing-job", "prep"), NetworkConfig: { VpcConfig: vpcConfig } },
        "us-east-1/tune.json": {
          HyperParameterTuningJobName: "tune",
          TrainingJobDefinitions: [{ DefinitionName: "a", VpcConfig: vpcConfig }, { DefinitionName: "b", EnableNetworkIsolation: true }],
        },
      }),
    );
    expect(model.trainingJobs.get("train")).toMatchObject({
      kind: "training-job",
      status: "Completed",
      scope: { account: ACCOUNT, region: "us-east-1" },
      networks: [{ vpcConfig: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] }, networkIsolation: true }],
    });
    expect(model.processingJobs.get("prep")?.networks).toEqual([{ label: undefined, vpcConfig: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] }, networkIsolation: false }]);
    expect(model.tuningJobs.get("tune")?.networks.map((n) => [n.label, n.vpcConfig !== undefined, n.networkIsolation])).toEqual([
      ["a", true, false],
      ["b", false, true],
    ]);
    expect(model.warnings).toEqual([]);
  });

  it("a job without VpcConfig has no VPC settings (SageMaker's managed network)", async () => {
    const model = await loadModel(makeFolder({ "us-east-1/train.json": { TrainingJobName: "open", TrainingJobArn: arn("training-job", "open") } }));
    expect(model.trainingJobs.get("open")?.networks).toEqual([{ label: undefined, vpcConfig: undefined, networkIsolation: false }]);
  });

  it("keeps a job only listed with missingData and a warning, unless a describe output covers it", async () => {
    const model = await loadModel(
      makeFolder({
        "us-east-1/list.json": { TrainingJobSummaries: [{ TrainingJobName: "listed", TrainingJobArn: arn("training-job", "listed") }, { TrainingJobName: "both", TrainingJobArn: arn("training-job", "both") }] },
        "us-east-1/both.json": { TrainingJobName: "both", TrainingJobArn: arn("training-job", "both"), VpcConfig: vpcConfig },
      }),
    );
    expect(model.trainingJobs.get("listed")?.missingData).toMatch(/list-training-jobs.*describe-training-job/);
    expect(model.trainingJobs.get("both")?.missingData).toBeUndefined();
    expect(model.warnings.map((w) => w.resourceId)).toEqual(["listed"]);
  });

  it("a tuning job with no training job definition is missing data", async () => {
    const model = await loadModel(makeFolder({ "us-east-1/tune.json": { HyperParameterTuningJobName: "t", HyperParameterTuningJobArn: arn("hyper-parameter-tuning-job", "t") } }));
    expect(model.tuningJobs.get("t")?.missingData).toMatch(/neither TrainingJobDefinition nor TrainingJobDefinitions/);
  });

  it("names the file, JSON path and job of a bad VpcConfig", async () => {
    const folder = makeFolder({ "us-east-1/bad.json": { TrainingJobName: "bad", TrainingJobArn: arn("training-job", "bad"), VpcConfig: { Subnets: "subnet-1" } } });
    await expect(loadModel(folder)).rejects.toThrow(/bad\.json: \$\.VpcConfig\.Subnets \(bad\): expected an array/);
  });
});

describe("SageMaker models and endpoints", () => {
  it("maps an endpoint to its configuration and the configuration to its models", async () => {
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/model.json": { ModelName: "m", ModelArn: arn("model", "m"), VpcConfig: vpcConfig, EnableNetworkIsolation: false },
        "us-east-1/config.json": { EndpointConfigName: "c", EndpointConfigArn: arn("endpoint-config", "c"), ProductionVariants: [{ VariantName: "v1", ModelName: "m" }] },
        "us-east-1/endpoint.json": { EndpointName: "e", EndpointArn: arn("endpoint", "e"), EndpointConfigName: "c", EndpointStatus: "InService" },
      }),
    );
    expect(model.models.get("m")?.network.vpcConfig).toEqual({ subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] });
    expect(model.endpointConfigs.get("c")?.variants).toEqual([{ variantName: "v1", modelName: "m" }]);
    expect(model.endpoints.get("e")).toMatchObject({ endpointConfigName: "c", status: "InService" });
    expect(model.danglingReferences).toEqual([]);
  });

  it("records a dangling reference for a variant's model that the snapshot does not hold", async () => {
    const model = await loadModel(
      makeFolder({
        "us-east-1/models.json": { Models: [] },
        "us-east-1/config.json": { EndpointConfigName: "c", EndpointConfigArn: arn("endpoint-config", "c"), ProductionVariants: [{ VariantName: "v1", ModelName: "gone" }] },
      }),
    );
    expect(model.danglingReferences.map((d) => [d.fromId, d.field, d.missingId])).toEqual([["c", "production variant v1 model", "gone"]]);
  });

  it("keeps listed-only models and endpoints with missingData", async () => {
    const model = await loadModel(
      makeFolder({
        "us-east-1/models.json": { Models: [{ ModelName: "m", ModelArn: arn("model", "m") }] },
        "us-east-1/endpoints.json": { Endpoints: [{ EndpointName: "e", EndpointArn: arn("endpoint", "e"), EndpointStatus: "InService" }] },
      }),
    );
    expect(model.models.get("m")?.missingData).toMatch(/describe-model/);
    expect(model.endpoints.get("e")?.missingData).toMatch(/describe-endpoint/);
  });
});

describe("Studio user profiles and spaces", () => {
  const domain = {
    DomainId: "d-abc",
    DomainArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:domain/d-abc`,
    AppNetworkAccessType: "VpcOnly",
    VpcId: "vpc-1",
    SubnetIds: ["subnet-1"],
    DefaultUserSettings: { SecurityGroups: ["sg-user"] },
    DefaultSpaceSettings: { SecurityGroups: ["sg-space"] },
  };

  it("reads profiles and spaces keyed DOMAIN/NAME, apart from the domain they belong to", async () => {
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/domain.json": domain,
        "us-east-1/alice.json": { DomainId: "d-abc", UserProfileName: "alice", UserProfileArn: arn("user-profile", "d-abc/alice"), UserSettings: { SecurityGroups: ["sg-alice"] } },
        "us-east-1/space.json": {
          DomainId: "d-abc",
          SpaceName: "team",
          SpaceArn: arn("space", "d-abc/team"),
          SpaceSharingSettings: { SharingType: "Shared" },
          OwnershipSettings: { OwnerUserProfileName: "alice" },
        },
        "us-east-1/spaces.json": { Spaces: [{ DomainId: "d-abc", SpaceName: "solo", SpaceSharingSettingsSummary: { SharingType: "Private" }, OwnershipSettingsSummary: { OwnerUserProfileName: "alice" } }] },
      }),
    );
    expect(model.domains.get("d-abc")).toMatchObject({ securityGroupIds: ["sg-user"], spaceSecurityGroupIds: ["sg-space"] });
    expect(model.userProfiles.get("d-abc/alice")).toMatchObject({ userProfileName: "alice", domainId: "d-abc", securityGroupIds: ["sg-alice"] });
    expect(model.spaces.get("d-abc/team")).toMatchObject({ spaceName: "team", sharingType: "Shared", ownerUserProfileName: "alice" });
    expect(model.spaces.get("d-abc/solo")).toMatchObject({ sharingType: "Private", ownerUserProfileName: "alice" });
    expect(model.spaces.get("d-abc/solo")?.missingData).toBeUndefined();
    expect(model.warnings).toEqual([]);
  });

  it("a space without sharing settings has no sharing type (its groups are unknown)", async () => {
    const model = await loadModel(makeFolder({ "us-east-1/space.json": { DomainId: "d-abc", SpaceName: "old", SpaceArn: arn("space", "d-abc/old") } }));
    expect(model.spaces.get("d-abc/old")?.sharingType).toBeUndefined();
  });

  it("rejects an unknown sharing type, naming the space", async () => {
    const folder = makeFolder({ "us-east-1/space.json": { DomainId: "d-abc", SpaceName: "odd", SpaceArn: arn("space", "d-abc/odd"), SpaceSharingSettings: { SharingType: "Public" } } });
    await expect(loadModel(folder)).rejects.toThrow(/\$\.SpaceSharingSettings\.SharingType \(d-abc\/odd\): expected one of "Private", "Shared"/);
  });
});
