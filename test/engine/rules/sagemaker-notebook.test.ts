/** sagemaker-notebook: managed network vs customer ENI, no VPC, missing settings. */
import { describe, expect, it } from "vitest";
import { IntervalSet } from "../../../src/net/index.js";
import * as nb from "../../../src/engine/rules/sagemaker-notebook.js";
import type { Notebook } from "../../../src/model/types.js";

const base = { scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } };

describe(nb.meta.name, () => {
  const notebook = (o: Partial<Notebook>): Notebook => ({ ...base, id: "nb", arn: undefined, status: "InService", instanceType: undefined, subnetId: "subnet-1", securityGroupIds: [], networkInterfaceId: undefined, directInternetAccess: false, rootAccess: false, kmsKeyId: undefined, ...o });
  const vpcSet = IntervalSet.fromCidrs(["10.0.0.0/16"]);
  const dst = IntervalSet.fromCidrs(["10.0.1.1/32", "8.8.8.8/32"]);
  it.each([
    [true, ["8.8.8.8/32"], ["10.0.1.1/32"]],
    [false, [], ["8.8.8.8/32", "10.0.1.1/32"]],
  ] as const)("DirectInternetAccess %s splits managed %j / customer %j", (direct, managed, customer) => {
    const split = nb.notebookEgressSplit(notebook({ directInternetAccess: direct }), dst, vpcSet);
    expect(split.managed.toCidrs()).toEqual(managed);
    expect(split.customer.toCidrs()).toEqual(customer);
  });

  it("the managed network reaches public addresses only; no VPC → SAGEMAKER_NO_VPC; missing settings → unknown", () => {
    expect(nb.managedNetworkSplit(dst).dropped.toCidrs()).toEqual(["10.0.1.1/32"]);
    expect(nb.managedNetworkBlock(notebook({ subnetId: undefined, directInternetAccess: true }), "x").code).toBe("SAGEMAKER_NO_VPC");
    expect(nb.notebookDataBlock(notebook({ missingData: "listed only" }))?.unknown).toBe(true);
    expect(nb.notebookDataBlock(notebook({ subnetId: undefined }))?.code).toBe("MISSING_DATA");
    expect(nb.notebookDataBlock(notebook({}))).toBeUndefined();
  });
});
