/**
 * The SageMaker job and model findings, each with a table of cases that must and must not produce
 * it: models and jobs without network isolation, outside a VPC; and their control ids.
 */
import { describe, expect, it } from "vitest";
import * as jobIsolation from "../../../src/engine/findings/job-no-network-isolation.js";
import * as jobOutside from "../../../src/engine/findings/job-outside-vpc.js";
import * as modelIsolation from "../../../src/engine/findings/model-no-network-isolation.js";
import * as modelOutside from "../../../src/engine/findings/model-outside-vpc.js";
import type { FindingRule } from "../../../src/engine/findings/types.js";
import { indexModel } from "../../../src/model/indexes.js";
import { scopedName, type JobKind, type SageMakerJob, type SageMakerModel, type WorkloadNetwork } from "../../../src/model/types.js";
import { makeModel, SCOPE } from "./model.js";
import { fixedReach, reachableViaNat } from "./verdicts.js";

const base = (id: string) => ({ id, scope: SCOPE, name: id, tags: {}, origin: { file: "test", jsonPath: "$" }, arn: undefined });
const inVpc = { subnetIds: ["subnet-private"], securityGroupIds: ["sg-1"] };
const net = (vpc: boolean, isolation: boolean, label?: string): WorkloadNetwork => ({ label, vpcConfig: vpc ? inVpc : undefined, networkIsolation: isolation });
const job = (kind: JobKind, networks: WorkloadNetwork[], missingData?: string): SageMakerJob => ({ ...base("churn"), kind, status: "Completed", networks, ...(missingData ? { missingData } : {}) });
const model = (network: WorkloadNetwork, missingData?: string): SageMakerModel => ({ ...base("ranker"), network, ...(missingData ? { missingData } : {}) });

function indexWith(jobs: SageMakerJob[], models: SageMakerModel[]) {
  const byKind = (kind: JobKind) => new Map(jobs.filter((j) => j.kind === kind).map((j) => [j.id, j]));
  const endpointConfigs = new Map([["cfg", { ...base("cfg"), variants: [{ variantName: "v1", modelName: "ranker" }], network: net(false, false) }]]);
  const endpoints = new Map([["live", { ...base("live"), status: "InService", endpointConfigName: "cfg" }]]);
  return indexModel({
    ...makeModel(),
    trainingJobs: byKind("training-job"),
    processingJobs: byKind("processing-job"),
    tuningJobs: byKind("tuning-job"),
    models: new Map(models.map((m) => [m.id, m])),
    endpointConfigs,
    endpoints,
  });
}

interface Case {
  name: string;
  jobs?: SageMakerJob[];
  models?: SageMakerModel[];
  expected: string[];
}

function table(rule: FindingRule, cases: Case[]): void {
  describe(rule.meta.id, () => {
    it.each(cases)("$name → $expected", (c) => {
      const findings = rule.check(indexWith(c.jobs ?? [], c.models ?? []), fixedReach(reachableViaNat()));
      expect(findings.map((f) => f.resource)).toEqual(c.expected);
      for (const finding of findings) {
        expect(finding.rule).toBe(rule.meta.id);
        expect(finding.title).not.toContain("{{");
        expect(finding.fix).toMatch(/aws sagemaker create-/);
        expect(finding.control).toBe(rule.meta.control);
      }
    });
  });
}

table(modelIsolation, [
  { name: "isolated model", models: [model(net(true, true))], expected: [] },
  { name: "model in a VPC without isolation", models: [model(net(true, false))], expected: ["model/ranker"] },
  { name: "listed-only model (settings unknown)", models: [model(net(false, false), "only listed")], expected: [] },
]);

table(modelOutside, [
  { name: "model in a VPC", models: [model(net(true, false))], expected: [] },
  { name: "model without VpcConfig", models: [model(net(false, false))], expected: ["model/ranker"] },
  { name: "isolated model without VpcConfig (no network at all)", models: [model(net(false, true))], expected: [] },
  { name: "listed-only model", models: [model(net(false, false), "only listed")], expected: [] },
]);

table(jobOutside, [
  { name: "training job in a VPC", jobs: [job("training-job", [net(true, false)])], expected: [] },
  { name: "training job without VpcConfig", jobs: [job("training-job", [net(false, false)])], expected: ["training-job/churn"] },
  { name: "processing job without VpcConfig but isolated", jobs: [job("processing-job", [net(false, true)])], expected: [] },
  { name: "tuning job with one open definition", jobs: [job("tuning-job", [net(true, false, "a"), net(false, false, "b")])], expected: ["tuning-job/churn"] },
  { name: "listed-only job", jobs: [job("training-job", [], "only listed")], expected: [] },
]);

table(jobIsolation, [
  { name: "isolated training job", jobs: [job("training-job", [net(true, true)])], expected: [] },
  { name: "processing job without isolation", jobs: [job("processing-job", [net(true, false)])], expected: ["processing-job/churn"] },
  { name: "tuning job with one definition not isolated", jobs: [job("tuning-job", [net(true, true, "a"), net(true, false, "b")])], expected: ["tuning-job/churn"] },
  { name: "listed-only job", jobs: [job("training-job", [], "only listed")], expected: [] },
]);

describe("workload finding details", () => {
  it("a model finding names the endpoints that host it and carries its control id", () => {
    const [finding] = modelIsolation.check(indexWith([], [model(net(true, false))]), fixedReach(reachableViaNat()));
    expect(finding?.control).toBe("SageMaker.5");
    expect(finding?.detail).toContain("endpoint/live");
    expect(finding?.fix).toContain("update-endpoint --endpoint-name live");
  });

  it("with names used in several accounts (ids ACCOUNT/REGION/NAME), the fix's AWS CLI commands use the names and the detail the --from forms", () => {
    const scoped = (name: string) => scopedName(SCOPE, name);
    const ranker = { ...model(net(true, false)), id: scoped("ranker") };
    const index = indexModel({
      ...makeModel(),
      models: new Map([[ranker.id, ranker]]),
      endpointConfigs: new Map([["cfg", { ...base("cfg"), variants: [{ variantName: "v1", modelName: "ranker" }], network: net(false, false) }]]),
      endpoints: new Map([[scoped("live"), { ...base("live"), id: scoped("live"), status: "InService", endpointConfigName: "cfg" }]]),
    });
    const [finding] = modelIsolation.check(index, fixedReach(reachableViaNat()));
    expect(finding?.detail).toContain(`endpoint/${scoped("live")}`);
    expect(finding?.fix).toContain("create-model --model-name ranker-isolated ");
    expect(finding?.fix).toContain("update-endpoint --endpoint-name live ");
  });

  it("a job finding's fix uses the job kind's own option", () => {
    const [processing] = jobOutside.check(indexWith([job("processing-job", [net(false, false)])], []), fixedReach(reachableViaNat()));
    expect(processing?.title).toBe("Processing job churn runs outside a VPC, with internet access");
    expect(processing?.fix).toContain("create-processing-job … --network-config 'VpcConfig=");
  });
});
