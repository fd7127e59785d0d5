/** sagemaker-workload: where a job's, model's or Studio app's traffic goes, from its network settings. */
import { describe, expect, it } from "vitest";
import * as wl from "../../../src/engine/rules/sagemaker-workload.js";
import type { WorkloadNetwork } from "../../../src/model/types.js";

const vpc = { subnetIds: ["subnet-1", "subnet-2"], securityGroupIds: ["sg-1"] };
const net = (o: Partial<WorkloadNetwork>): WorkloadNetwork => ({ label: undefined, vpcConfig: undefined, networkIsolation: false, ...o });

describe(wl.meta.name, () => {
  it.each([
    ["no VpcConfig: SageMaker's managed network", net({}), undefined, { directInternetAccess: true, networkIsolation: false, missing: false }],
    ["VpcConfig: through the subnet", net({ vpcConfig: vpc }), "subnet-2", { directInternetAccess: false, networkIsolation: false, missing: false }],
    ["isolated, with VpcConfig", net({ vpcConfig: vpc, networkIsolation: true }), undefined, { directInternetAccess: false, networkIsolation: true, missing: false }],
    ["isolated, without VpcConfig", net({ networkIsolation: true }), undefined, { directInternetAccess: true, networkIsolation: true, missing: false }],
    ["VpcConfig with no subnets", net({ vpcConfig: { subnetIds: [], securityGroupIds: [] } }), undefined, { directInternetAccess: false, networkIsolation: false, missing: true }],
  ] as const)("%s", (_name, network, subnetId, expected) => {
    const egress = wl.workloadEgress("training-job/t", "training job", network, subnetId);
    expect({ directInternetAccess: egress.directInternetAccess, networkIsolation: egress.networkIsolation, missing: egress.missing !== undefined }).toEqual(expected);
    expect(egress.subnetId).toBe(subnetId);
    expect(wl.egressDataBlock(egress)?.unknown ?? false).toBe(expected.missing);
  });

  it("an isolated workload is blocked at itself, citing its setting, with a fix that recreates it", () => {
    const egress = wl.workloadEgress("model/m", "model", net({ vpcConfig: vpc, networkIsolation: true, label: "variant v1 (model m)" }), undefined);
    const block = wl.isolationBlock(egress);
    expect(block.code).toBe("SAGEMAKER_NETWORK_ISOLATION");
    expect(block.unknown).toBeUndefined();
    expect(block.message).toBe("model model/m runs with network isolation: its containers make no network calls, not even to S3 through the VPC (SageMaker itself moves their data)");
    expect(block.rule.text).toBe("variant v1 (model m): VpcConfig subnets subnet-1, subnet-2, groups sg-1; EnableNetworkIsolation true");
    expect(block.fix).toMatch(/recreate model model\/m without EnableNetworkIsolation/);
  });

  it("describes a workload without VpcConfig as SageMaker's managed network", () => {
    expect(wl.networkSetting(net({}))).toBe("no VpcConfig (SageMaker's managed network); EnableNetworkIsolation false");
  });
});
