/**
 * Regressions (found by reading the private-hosted-zone rule against Route 53's "Choosing a routing
 * policy" and "DNS domain name format" pages): record sets of one name with a routing policy
 * (weighted, failover, latency, multivalue answer: each has a `SetIdentifier`, and all work in private
 * zones) let Route 53 pick one per query, by weight, health or latency. The engine read the first
 * record set only and answered through its endpoint: `reachable` although the other record set's
 * endpoint is pending, a confident answer for what is a coin toss. It is now `unknown`, naming each
 * endpoint and what it leads to, unless every one leads to the same verdict.
 * A wildcard record (`*.sagemaker.us-east-1.amazonaws.com`, which list-resource-record-sets prints as
 * `\052.sagemaker…`) answers `api.sagemaker.us-east-1.amazonaws.com` when the zone has no record of
 * that name; the engine looked for the exact name only and answered NXDOMAIN (`unreachable`).
 * A zone of a VPC with `enableDnsHostnames` off, which Route 53's "Considerations when working with a
 * private hosted zone" requires on (what happens otherwise is not said): the engine answered from the
 * zone (NXDOMAIN: `unreachable`); it is now `unknown` where the zone's and the public answer differ.
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import type { HostedZone, HostedZoneRecord } from "../../src/model/types.js";
import { eni, interfaceEndpoint, SCOPE } from "../generators/model-builder.js";
import { checkDns } from "../property/compare-dns.js";
import { world } from "../reference/world.js";

const NAME = "runtime.sagemaker.us-east-1.amazonaws.com";
const RT = "vpce-rt.sagemaker.runtime.us-east-1.vpce.amazonaws.com";
const RTB = "vpce-rtb.sagemaker.runtime.us-east-1.vpce.amazonaws.com";

/** A private zone associated with VPC A, holding the records. */
function zone(zoneName: string, records: HostedZoneRecord[]): HostedZone {
  return { id: "Z0RT", scope: SCOPE, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" }, zoneName, privateZone: true, vpcs: [{ vpcId: "vpc-a", region: "us-east-1" }], records, recordsTruncated: false };
}

/** A weighted alias record set of the runtime name. */
function weighted(setIdentifier: string, target: string): HostedZoneRecord {
  return { name: NAME, type: "A", aliasTarget: target, values: [], routing: { setIdentifier, policy: "weighted" } };
}

/** World A, its runtime endpoint's private DNS off, a second runtime endpoint in the peered VPC B in the given state, and the zone. */
function withZone(z: HostedZone, rtbState = "available") {
  return world((p) => {
    p.vpcEndpoints.find((e) => e.id === "vpce-rt")!.privateDnsEnabled = false;
    const ep = eni("eni-rtb", p.subnets.find((s) => s.id === "subnet-b")!, "10.1.1.20", { securityGroupIds: ["sg-b"], interfaceType: "vpc_endpoint" });
    p.networkInterfaces.push(ep);
    p.vpcEndpoints.push(interfaceEndpoint("vpce-rtb", "vpc-b", "com.amazonaws.us-east-1.sagemaker.runtime", [ep], { state: rtbState }));
    p.hostedZones.push(z);
  });
}

const ask = (model: ReturnType<typeof world>) => createAnalyzer(model).query({ from: "i-0a11", to: "sagemaker-runtime", protocol: "tcp", port: 443 });

describe("weighted record sets of a service's name naming two endpoints", () => {
  it("is unknown when one endpoint is reachable and the other is not (was: reachable through the first)", () => {
    const model = withZone(zone(NAME, [weighted("blue", RT), weighted("green", RTB)]), "pending");
    const verdict = ask(model);
    expect(verdict.verdict, verdict.explanation).toBe("unknown");
    expect(verdict.blockedAt).toMatchObject({ component: "Z0RT", type: "hosted-zone", code: "UNKNOWN_DESTINATION" });
    expect(verdict.explanation).toContain("one of vpce-rt, vpce-rtb, as its weighted record sets pick per query");
    expect(verdict.explanation).toContain("through vpce-rt: reachable");
    expect(verdict.explanation).toContain("through vpce-rtb: unreachable");
    expect(checkDns(model, "i-0a11", "sagemaker-runtime", verdict)).toMatchObject({ resolution: { kind: "choice" }, agree: true });
  });

  it("keeps the verdict both endpoints lead to, with a warning naming the choice", () => {
    const model = withZone(zone(NAME, [weighted("blue", RT), weighted("green", RTB)]));
    const verdict = ask(model);
    expect(verdict.verdict, verdict.explanation).toBe("reachable");
    expect(verdict.destination.addresses).toEqual(["10.0.3.20/32"]);
    expect(verdict.warnings.some((w) => w.includes("every one leads to the same verdict (reachable), the path shown is through vpce-rt"))).toBe(true);
    expect(checkDns(model, "i-0a11", "sagemaker-runtime", verdict)).toMatchObject({ resolution: { kind: "choice" }, agree: true });
  });
});

describe("a wildcard record of a broader zone", () => {
  it("answers the service's name the zone has no record of: the aliased endpoint, not NXDOMAIN", () => {
    const model = withZone(zone("sagemaker.us-east-1.amazonaws.com", [{ name: "*.sagemaker.us-east-1.amazonaws.com", type: "A", aliasTarget: RT, values: [] }]));
    const verdict = ask(model);
    expect(verdict.verdict, verdict.explanation).toBe("reachable");
    expect(verdict.destination.addresses).toEqual(["10.0.3.20/32"]);
    expect(verdict.path.some((h) => h.evidence.some((e) => e.text.includes("(wildcard *.sagemaker.us-east-1.amazonaws.com)")))).toBe(true);
  });
});

describe("a private hosted zone of a VPC with enableDnsHostnames off (AWS requires it on for private zones)", () => {
  /** World A with the zone (no record: NXDOMAIN) and the VPC's DNS hostnames as given. */
  function nxdomainWith(hostnames: boolean) {
    return world((p) => {
      p.vpcEndpoints.find((e) => e.id === "vpce-rt")!.privateDnsEnabled = false;
      p.vpcs.find((v) => v.id === "vpc-a")!.enableDnsHostnames = hostnames;
      p.hostedZones.push(zone(NAME, []));
    });
  }

  it("is unknown where the zone's NXDOMAIN and the public answer (through the NAT gateway) differ (was: unreachable)", () => {
    const verdict = ask(nxdomainWith(false));
    expect(verdict.verdict, verdict.explanation).toBe("unknown");
    expect(verdict.explanation).toContain("vpc-a has enableDnsHostnames off, which AWS requires for private hosted zones");
    // The other answer is the public DNS, the doubt is the VPC's attribute (was: the managed network's, at the instance).
    expect(verdict.explanation).toContain("through the public DNS: reachable");
    expect(verdict.blockedAt).toMatchObject({ component: "vpc-a", type: "vpc", code: "UNKNOWN_DESTINATION" });
    expect(verdict.fix).toContain("turn enableDnsHostnames on for vpc-a");
  });

  it("keeps NXDOMAIN with the attribute on", () => {
    const verdict = ask(nxdomainWith(true));
    expect(verdict.verdict, verdict.explanation).toBe("unreachable");
    expect(verdict.blockedAt).toMatchObject({ component: "Z0RT", code: "NO_POSSIBLE_DESTINATION" });
  });
});
