/**
 * The resolver-forwarding rule as a table: instance i-0a11 of the reference world (VPC A, a NAT
 * gateway, a SageMaker runtime endpoint with private DNS) asking for service names while Route 53
 * Resolver rules are associated with VPC A. A FORWARD rule that is the most specific match sends the
 * name to other DNS servers: unknown (before: the Resolver's own answer, e.g. STS's public endpoint
 * through the NAT gateway, reachable). A private zone closer to the name (the endpoint's private DNS)
 * or a more specific SYSTEM rule keeps the Resolver's answer; a rule of another VPC changes nothing.
 * Also the readers of list-resolver-rules and list-resolver-rule-associations.
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../../src/engine/index.js";
import type { HostedZone, ResolverRule } from "../../../src/model/types.js";
import { loadModel } from "../../../src/snapshot/load.js";
import { world } from "../../reference/world.js";
import { SCOPE } from "../../generators/model-builder.js";
import { makeFolder, vpcFiles } from "../../snapshot/helpers.js";

const rule = (id: string, domainName: string, ruleType = "FORWARD", vpcIds = ["vpc-a"]): ResolverRule => ({ id, domainName, ruleType, targets: ["10.200.0.2:53"], vpcIds });

const STS = "sts.us-east-1.amazonaws.com";
/** A private hosted zone of VPC A without records: where it answers STS's name, the answer is NXDOMAIN. */
const zone = (zoneName: string): HostedZone => ({ id: "Z0STS", scope: SCOPE, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" }, zoneName, privateZone: true, vpcs: [{ vpcId: "vpc-a", region: "us-east-1" }], records: [], recordsTruncated: false });

const cases: { name: string; rules: ResolverRule[]; to: string; verdict: string; zones?: HostedZone[] }[] = [
  { name: "no rule: STS's public endpoint through the NAT gateway", rules: [], to: "service:sts", verdict: "reachable" },
  { name: "FORWARD amazonaws.com: STS's name goes to other DNS servers", rules: [rule("rslvr-rr-1", "amazonaws.com")], to: "service:sts", verdict: "unknown" },
  { name: "a more specific SYSTEM rule for STS's name keeps the Resolver's answer", rules: [rule("rslvr-rr-1", "amazonaws.com"), rule("rslvr-rr-2", "sts.us-east-1.amazonaws.com", "SYSTEM")], to: "service:sts", verdict: "reachable" },
  { name: "FORWARD of the root (.): every name", rules: [rule("rslvr-rr-1", "")], to: "service:sts", verdict: "unknown" },
  { name: "a FORWARD rule of another VPC changes nothing", rules: [rule("rslvr-rr-1", "amazonaws.com", "FORWARD", ["vpc-b"])], to: "service:sts", verdict: "reachable" },
  { name: "FORWARD amazonaws.com: the runtime endpoint's private DNS (a closer zone) still answers", rules: [rule("rslvr-rr-1", "amazonaws.com")], to: "sagemaker-runtime", verdict: "reachable" },
  { name: "FORWARD of the runtime's own name: as specific as the private DNS zone, unknown", rules: [rule("rslvr-rr-1", "runtime.sagemaker.us-east-1.amazonaws.com")], to: "sagemaker-runtime", verdict: "unknown" },
  // AWS, "Considerations when working with a private hosted zone": for a private hosted zone and a
  // Resolver rule of the same domain name, "the Resolver rule takes precedence over the private
  // hosted zone": the query is forwarded. Pins the documented tie with a zone of the user's own.
  { name: "a private hosted zone and a FORWARD rule of the same domain: the rule takes precedence", rules: [rule("rslvr-rr-1", STS)], zones: [zone(STS)], to: "service:sts", verdict: "unknown" },
  { name: "a private hosted zone more specific than the FORWARD rule answers (most specific match): NXDOMAIN", rules: [rule("rslvr-rr-1", "amazonaws.com")], zones: [zone(STS)], to: "service:sts", verdict: "unreachable" },
  { name: "a FORWARD rule more specific than the private hosted zone", rules: [rule("rslvr-rr-1", STS)], zones: [zone("us-east-1.amazonaws.com")], to: "service:sts", verdict: "unknown" },
];

describe("resolver-forwarding: service names from a VPC with Resolver rules", () => {
  it.each(cases)("$name → $verdict", ({ rules, to, verdict, zones = [] }) => {
    const model = world((p) => p.hostedZones.push(...zones));
    model.resolverRules = rules;
    const v = createAnalyzer(model).query({ from: "i-0a11", to, protocol: "tcp", port: 443 });
    expect(v.verdict, v.explanation).toBe(verdict);
    if (verdict === "unknown") {
      expect(v.blockedAt).toMatchObject({ component: "rslvr-rr-1", type: "resolver-rule", code: "UNKNOWN_DESTINATION", rule: { text: expect.stringMatching(/^rslvr-rr-1: FORWARD (amazonaws\.com|\.|runtime\.sagemaker\.us-east-1\.amazonaws\.com|sts\.us-east-1\.amazonaws\.com) to 10\.200\.0\.2:53, associated with vpc-a$/) } });
      expect(v.explanation).toContain("FORWARD to 10.200.0.2:53) associated with vpc-a");
    }
  });

  it("reads the rules and their associations in effect", async () => {
    const model = await loadModel(
      makeFolder({
        ...vpcFiles(),
        "us-east-1/resolver-rules.json": {
          ResolverRules: [
            { Id: "rslvr-rr-1", DomainName: "amazonaws.com.", RuleType: "FORWARD", TargetIps: [{ Ip: "10.200.0.2", Port: 53 }] },
            { Id: "rslvr-autodefined-rr-internet-resolver", DomainName: ".", RuleType: "RECURSIVE" },
          ],
        },
        "us-east-1/resolver-rule-associations.json": {
          ResolverRuleAssociations: [
            { Id: "rslvr-rrassoc-1", ResolverRuleId: "rslvr-rr-1", VPCId: "vpc-1", Status: "COMPLETE" },
            { Id: "rslvr-rrassoc-2", ResolverRuleId: "rslvr-rr-1", VPCId: "vpc-2", Status: "FAILED" },
          ],
        },
      }),
    );
    expect(model.resolverRules).toEqual([
      { id: "rslvr-rr-1", domainName: "amazonaws.com", ruleType: "FORWARD", targets: ["10.200.0.2:53"], vpcIds: ["vpc-1"] },
      { id: "rslvr-autodefined-rr-internet-resolver", domainName: "", ruleType: "RECURSIVE", targets: [], vpcIds: [] },
    ]);
  });
});
