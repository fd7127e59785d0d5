import { describe, expect, it } from "vitest";
import { describeCollectError, describeDanglingReference } from "../../src/model/describe.js";

describe("describeDanglingReference", () => {
  it("names the holder, the field and the missing id", () => {
    const reference = { fromId: "rtb-1", field: "route target", missingId: "nat-9", origin: { file: "f.json", jsonPath: "$.RouteTables[0]" } };
    expect(describeDanglingReference(reference)).toBe("rtb-1: route target nat-9 is not in the snapshot");
  });
});

describe("describeCollectError", () => {
  it("names the scope, the call and the error", () => {
    const error = { account: "111122223333", region: "us-east-1", service: "ec2", operation: "DescribeNatGateways", code: "UnauthorizedOperation", message: "denied" };
    expect(describeCollectError(error)).toBe("111122223333/us-east-1 ec2:DescribeNatGateways UnauthorizedOperation: denied");
    expect(describeCollectError({ ...error, account: undefined })).toBe("-/us-east-1 ec2:DescribeNatGateways UnauthorizedOperation: denied");
  });
});
