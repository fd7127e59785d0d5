/** interface-endpoint: valid and invalid cases. */
import { describe, expect, it } from "vitest";
import * as ife from "../../../src/engine/rules/interface-endpoint.js";
import type { VpcEndpoint } from "../../../src/model/types.js";
import type { PacketClass } from "../../../src/engine/packet.js";
import { IntervalSet } from "../../../src/net/index.js";

const base = { scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } };
const endpoint = (o: Partial<VpcEndpoint> = {}): VpcEndpoint => ({ ...base, id: "vpce-1", vpcId: "vpc-1", type: "Gateway", serviceName: "com.amazonaws.us-east-1.s3", state: "available", routeTableIds: [], subnetIds: [], networkInterfaceIds: [], securityGroupIds: [], privateDnsEnabled: false, dnsEntries: [], policyDocument: undefined, ...o });

const tcp443: PacketClass = { protocol: "tcp", ports: IntervalSet.fromIntervals([[443, 443]]), icmpType: undefined };

describe(ife.meta.name, () => {
  it("must be available", () => {
    expect(ife.checkInterfaceEndpoint(endpoint({ type: "Interface" }), tcp443)).toBeUndefined();
    expect(ife.checkInterfaceEndpoint(endpoint({ type: "Interface", state: "pendingAcceptance" }), tcp443)?.code).toBe("BAD_STATE");
  });

  it.each([
    [{ protocol: "udp", ports: IntervalSet.fromIntervals([[53, 53]]), icmpType: undefined }],
    [{ protocol: "icmp", ports: undefined, icmpType: 8 }],
    [{ protocol: "all", ports: undefined, icmpType: undefined }],
    [{ protocol: 107, ports: undefined, icmpType: undefined }],
  ] as [PacketClass][])("carries TCP only, not %j", (cls) => {
    expect(ife.checkInterfaceEndpoint(endpoint({ type: "Interface" }), cls)?.code).toBe("PROTOCOL_RESTRICTION");
  });
});

describe("interface endpoint protocol, end to end", () => {
  it("blocks UDP to a SageMaker API endpoint with PROTOCOL_RESTRICTION at the endpoint", async () => {
    const { loadModel } = await import("../../../src/snapshot/load.js");
    const { createAnalyzer } = await import("../../../src/engine/index.js");
    const analyzer = createAnalyzer(await loadModel("fixtures/vpc-only-endpoints"));
    const udp = analyzer.query({ from: "vpc-only-notebook", to: "sagemaker-api", protocol: "udp", port: 443 });
    expect(udp.verdict).toBe("unreachable");
    expect(udp.blockedAt).toMatchObject({ type: "interface-endpoint", code: "PROTOCOL_RESTRICTION", direction: "forward" });
    expect(analyzer.query({ from: "vpc-only-notebook", to: "sagemaker-api" }).verdict).toBe("reachable");
  });
});
