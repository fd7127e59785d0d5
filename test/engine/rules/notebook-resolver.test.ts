/** notebook-resolver: which resolver a direct-internet notebook (or PublicInternetOnly Studio app) asks is undecided only where the answers differ. */
import { describe, expect, it } from "vitest";
import * as resolver from "../../../src/engine/rules/notebook-resolver.js";
import * as nb from "../../../src/engine/rules/sagemaker-notebook.js";
import type { SageMakerEgress } from "../../../src/engine/rules/sagemaker-workload.js";
import type { Notebook } from "../../../src/model/types.js";

const base = { scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } };
const notebook = (o: Partial<Notebook>): SageMakerEgress =>
  nb.notebookEgress({ ...base, id: "nb", arn: undefined, status: "InService", instanceType: undefined, subnetId: "subnet-1", securityGroupIds: [], networkInterfaceId: undefined, directInternetAccess: true, rootAccess: false, kmsKeyId: undefined, ...o });
const NAME = "api.sagemaker.us-east-1.amazonaws.com";

describe(resolver.meta.name, () => {
  it.each([
    ["direct internet, in a subnet, the VPC answers an endpoint", notebook({}), "vpc-1", "vpce-1 by its private DNS", true],
    ["direct internet, in a subnet, the VPC answers NXDOMAIN", notebook({}), "vpc-1", "NXDOMAIN from Z1", true],
    ["direct internet, in a subnet, both answer publicly", notebook({}), "vpc-1", undefined, false],
    ["direct internet disabled: only the VPC's resolver", notebook({ directInternetAccess: false }), "vpc-1", "vpce-1 by its private DNS", false],
    ["no subnet: only the managed network's resolver", notebook({ subnetId: undefined }), undefined, "vpce-1 by its private DNS", false],
    ["a PublicInternetOnly Studio app in the domain's subnet (like a direct-internet notebook)", { ...notebook({}), label: "Studio user profile" }, "vpc-1", "vpce-1 by its private DNS", true],
    ["a job without VpcConfig: no subnet, only the managed network's resolver", { ...notebook({ subnetId: undefined }), label: "training job" }, undefined, "vpce-1 by its private DNS", false],
    ["not a SageMaker source", undefined, "vpc-1", "vpce-1 by its private DNS", false],
  ] as const)("%s: undecided %s", (_name, egress, vpcId, vpcAnswer, undecided) => {
    const why = resolver.undocumentedResolver(egress, vpcId, NAME, () => vpcAnswer);
    expect(why !== undefined).toBe(undecided);
    if (why) {
      expect(why).toContain(`${egress!.label} nb (DirectInternetAccess Enabled, SubnetId subnet-1)`);
      expect(why).toContain(`${NAME}: the Route 53 Resolver of vpc-1 answers ${vpcAnswer}`);
      expect(why).toContain("the SageMaker-managed network's resolver the service's public addresses");
    }
  });
});
