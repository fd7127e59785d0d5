/**
 * Regression (found once the property compared the reference's own DNS resolution with the engine's,
 * fuzz seed 5 run 811): a VPC with its own interface endpoint for a service, private DNS off, and a
 * private hosted zone associated with it that covers the service's default name. The endpoint adds
 * no record, so Route 53 Resolver answers from the zone: NXDOMAIN when it has no record ("Resolver
 * doesn't forward the request to a public DNS resolver"), the aliased endpoint when it has one. The
 * engine skipped the zones whenever the VPC had an endpoint for the service and answered as if the
 * name resolved to the public endpoint: `reachable` through the NAT gateway, a confident wrong answer.
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import type { HostedZone } from "../../src/model/types.js";
import { eni, interfaceEndpoint, SCOPE, type ModelParts } from "../generators/model-builder.js";
import { checkDns } from "../property/compare-dns.js";
import { world } from "../reference/world.js";

const NAME = "runtime.sagemaker.us-east-1.amazonaws.com";

/** A private zone for the runtime name, associated with VPC A, with the given records. */
function zone(records: HostedZone["records"]): HostedZone {
  return { id: "Z0RT", scope: SCOPE, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" }, zoneName: NAME, privateZone: true, vpcs: [{ vpcId: "vpc-a", region: "us-east-1" }], records, recordsTruncated: false };
}

/** World A with its runtime endpoint's private DNS off and the zone. */
function withZone(records: HostedZone["records"], tweak: (p: Required<ModelParts>) => void = () => {}) {
  return world((p) => {
    p.vpcEndpoints.find((e) => e.id === "vpce-rt")!.privateDnsEnabled = false;
    p.hostedZones.push(zone(records));
    tweak(p);
  });
}

describe("a private hosted zone beside the VPC's own endpoint with private DNS off", () => {
  it("answers NXDOMAIN when it has no record for the name: unreachable, not the public endpoint through the NAT", () => {
    const model = withZone([]);
    const verdict = createAnalyzer(model).query({ from: "i-0a11", to: "sagemaker-runtime", protocol: "tcp", port: 443 });
    expect(verdict.verdict, verdict.explanation).toBe("unreachable");
    expect(verdict.blockedAt).toMatchObject({ component: "Z0RT", type: "hosted-zone", code: "NO_POSSIBLE_DESTINATION" });
    expect(checkDns(model, "i-0a11", "sagemaker-runtime", verdict)).toMatchObject({ resolution: { kind: "nxdomain" }, agree: true });
  });

  it("resolves to the endpoint its record aliases, in the peered VPC", () => {
    const model = withZone([{ name: NAME, type: "A", aliasTarget: "vpce-rtb.sagemaker.runtime.us-east-1.vpce.amazonaws.com", values: [] }], (p) => {
      const ep = eni("eni-rtb", p.subnets.find((s) => s.id === "subnet-b")!, "10.1.1.20", { securityGroupIds: ["sg-b"], interfaceType: "vpc_endpoint" });
      p.networkInterfaces.push(ep);
      p.vpcEndpoints.push(interfaceEndpoint("vpce-rtb", "vpc-b", "com.amazonaws.us-east-1.sagemaker.runtime", [ep]));
    });
    const verdict = createAnalyzer(model).query({ from: "i-0a11", to: "sagemaker-runtime", protocol: "tcp", port: 443 });
    expect(verdict.destination.addresses).toEqual(["10.1.1.20/32"]);
    expect(verdict.requiresEndpointUrl).toBeUndefined();
    expect(checkDns(model, "i-0a11", "sagemaker-runtime", verdict)).toMatchObject({ resolution: { kind: "endpoint" }, agree: true });
  });
});
