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
    const split = nb.notebookEgressSplit(nb.notebookEgress(notebook({ directInternetAccess: direct })), dst, vpcSet);
    expect(split.managed.toCidrs()).toEqual(managed);
    expect(split.customer.toCidrs()).toEqual(customer);
  });

  it("the managed network reaches public addresses only; no VPC → SAGEMAKER_NO_VPC, in a subnet → NO_POSSIBLE_DESTINATION", () => {
    expect(nb.managedNetworkSplit(dst).dropped.toCidrs()).toEqual(["10.0.1.1/32"]);
    expect(nb.managedNetworkBlock(nb.notebookEgress(notebook({ subnetId: undefined, directInternetAccess: true })), "x").code).toBe("SAGEMAKER_NO_VPC");
    expect(nb.managedNetworkBlock(nb.notebookEgress(notebook({ directInternetAccess: true })), "x").code).toBe("NO_POSSIBLE_DESTINATION");
  });

  it.each([
    ["listed only", { missingData: "only listed" }, "only listed"],
    ["Disabled without a SubnetId", { subnetId: undefined }, "DirectInternetAccess is Disabled but no SubnetId is recorded"],
    ["described in a subnet", {}, undefined],
    ["direct internet without a subnet", { subnetId: undefined, directInternetAccess: true }, undefined],
  ] as const)("a notebook %s: missing settings %j", (_name, o, what) => {
    const egress = nb.notebookEgress(notebook(o));
    expect(egress.missing?.what).toBe(what);
    if (what) expect(egress.missing?.fix).toContain("describe-notebook-instance --notebook-instance-name nb");
  });

  it.each([
    ["its ENI in the snapshot", { networkInterfaceId: "eni-1" }],
    ["its ENI absent from the snapshot (the notebook's own SubnetId stands in)", { networkInterfaceId: "eni-gone" }],
    ["no ENI id at all", {}],
  ] as const)("a VPC-only notebook with %s sends from its SubnetId, nothing missing", (_name, o) => {
    const egress = nb.notebookEgress(notebook(o));
    expect(egress).toMatchObject({ subnetId: "subnet-1", directInternetAccess: false, missing: undefined });
  });

  it("a notebook keyed ACCOUNT/REGION/NAME (its name used in several scopes) is named by its name in the fix", () => {
    const egress = nb.notebookEgress(notebook({ id: "111122223333/us-east-1/nb", name: "nb", missingData: "only listed" }));
    expect(egress.missing?.fix).toBe("add the output of aws sagemaker describe-notebook-instance --notebook-instance-name nb");
  });
});
