/** interface-endpoint: valid and invalid cases. */
import { describe, expect, it } from "vitest";
import * as ife from "../../../src/engine/rules/interface-endpoint.js";
import type { VpcEndpoint } from "../../../src/model/types.js";

const base = { scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } };
const endpoint = (o: Partial<VpcEndpoint> = {}): VpcEndpoint => ({ ...base, id: "vpce-1", vpcId: "vpc-1", type: "Gateway", serviceName: "com.amazonaws.us-east-1.s3", state: "available", routeTableIds: [], subnetIds: [], networkInterfaceIds: [], securityGroupIds: [], privateDnsEnabled: false, dnsEntries: [], policyDocument: undefined, ...o });

describe(ife.meta.name, () => {
  it("must be available", () => {
    expect(ife.checkInterfaceEndpoint(endpoint({ type: "Interface" }))).toBeUndefined();
    expect(ife.checkInterfaceEndpoint(endpoint({ type: "Interface", state: "pendingAcceptance" }))?.code).toBe("BAD_STATE");
  });
});
