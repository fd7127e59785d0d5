/**
 * Judging verdicts against intents (a table of valid and violated cases), source selectors, and the
 * finding policy with suppressions and their expiry.
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/engine/audit.js";
import type { ComponentType, Verdict } from "../../src/engine/verdict.js";
import { checkStatus, judge, judgeFindings, type CheckResult } from "../../src/intents/evaluate.js";
import type { Intent } from "../../src/intents/parse.js";
import { deadParts, selectSources, unmatchedSelectors, type SourceFacts } from "../../src/intents/select.js";

function intent(overrides: Partial<Intent>): Intent {
  return { id: "i", description: undefined, severity: "high", from: ["notebooks"], except: [], to: "internet", protocol: "tcp", port: undefined, expect: "any", via: [], neverVia: [], withoutEndpointUrl: false, line: 3, fromLines: [4], exceptLines: [], ...overrides };
}

function verdict(kind: Verdict["verdict"], hops: [string, ComponentType][] = [], extra: Partial<Verdict> = {}): Verdict {
  return {
    verdict: kind,
    source: { id: "nb", type: "notebook" },
    destination: { spec: "internet", type: "internet", addresses: [] },
    protocol: "tcp",
    port: 443,
    path: hops.map(([component, type], i) => ({ sequence: i + 1, component, type, evidence: [{ kind: "route", ref: `rtb-1:${component}`, text: `0.0.0.0/0 → ${component}` }] })),
    returnPath: [],
    explanation: kind === "unknown" ? "the route table's Routes are missing" : "explained",
    warnings: [],
    ...extra,
  };
}

const blocked = verdict("unreachable", [], {
  blockedAt: { component: "acl-1", type: "network-acl", code: "SUBNET_ACL_RESTRICTION", direction: "return", rule: { kind: "nacl-entry", ref: "acl-1#*", text: "rule * deny all" } },
  fix: "add an inbound rule",
});
const viaNat = verdict("reachable", [["rtb-1", "route-table"], ["nat-1", "nat-gateway"], ["igw-1", "internet-gateway"]]);
const viaEndpoint = verdict("reachable", [["vpce-1", "interface-endpoint"]]);
const needsUrl = verdict("reachable", [["vpce-1", "interface-endpoint"]], { requiresEndpointUrl: "https://vpce-1.example", warnings: ["private DNS is off on vpce-1: enable private DNS"] });
const unknown = verdict("unknown");

describe("judge", () => {
  it.each([
    ["expect reachable, reachable", intent({ expect: "reachable" }), viaNat, "holds"],
    ["expect reachable, blocked", intent({ expect: "reachable" }), blocked, "violated"],
    ["expect unreachable, blocked", intent({ expect: "unreachable" }), blocked, "holds"],
    ["expect unreachable, reachable", intent({ expect: "unreachable" }), viaNat, "violated"],
    ["any, blocked", intent({ expect: "any", via: ["nat-gateway"] }), blocked, "holds"],
    ["via a kind it crosses", intent({ expect: "reachable", via: ["nat-gateway"] }), viaNat, "holds"],
    ["via a kind it does not cross", intent({ expect: "reachable", via: ["interface-endpoint"] }), viaNat, "violated"],
    ["via a resource id it crosses", intent({ expect: "reachable", via: ["nat-1"] }), viaNat, "holds"],
    ["via one of several", intent({ expect: "reachable", via: ["gateway-endpoint", "igw-1"] }), viaNat, "holds"],
    ["never via a kind it avoids", intent({ neverVia: ["sagemaker-managed-network"] }), viaNat, "holds"],
    ["never via a kind it crosses", intent({ neverVia: ["internet-gateway"] }), viaNat, "violated"],
    ["without endpoint URL, private DNS on", intent({ expect: "reachable", withoutEndpointUrl: true }), viaEndpoint, "holds"],
    ["without endpoint URL, private DNS off", intent({ expect: "reachable", withoutEndpointUrl: true }), needsUrl, "violated"],
    ["an unknown verdict", intent({ expect: "reachable" }), unknown, "unknown"],
    ["an unknown verdict on an unreachable intent", intent({ expect: "unreachable" }), unknown, "unknown"],
  ])("%s → %s", (_name, i, v, status) => {
    expect(judge(i, v).status).toBe(status);
  });

  it("says why and how to fix, from the proof", () => {
    expect(judge(intent({ expect: "reachable" }), blocked)).toMatchObject({ reason: expect.stringContaining("blocked at acl-1 (network-acl, SUBNET_ACL_RESTRICTION)"), fix: "add an inbound rule" });
    const leak = judge(intent({ expect: "unreachable" }), viaNat);
    expect(leak.reason).toBe("expected unreachable, but reachable via nat-1 (nat-gateway) → igw-1 (internet-gateway)");
    expect(leak.fix).toContain("0.0.0.0/0 → rtb-1");
    expect(judge(intent({ neverVia: ["internet-gateway"] }), viaNat).reason).toBe("reachable via igw-1 (internet-gateway), which the intent forbids");
    expect(judge(intent({ expect: "reachable", withoutEndpointUrl: true }), needsUrl).fix).toBe("private DNS is off on vpce-1: enable private DNS");
    expect(judge(intent({ expect: "reachable" }), unknown).reason).toBe("the route table's Routes are missing");
  });
});

describe("selectSources", () => {
  const source = (id: string, kind: SourceFacts["kind"], more: Partial<SourceFacts> = {}): SourceFacts => ({
    query: kind === "notebook" ? `notebook/${id}` : id,
    id,
    kind,
    name: kind === "notebook" ? id : undefined,
    tags: {},
    subnetId: "subnet-0a",
    vpcId: "vpc-0a",
    networkInterfaceIds: [],
    scope: { account: "111122223333", region: "us-east-1" },
    ...more,
  });
  const sources = [
    source("research-a", "notebook", { tags: { team: "ml" } }),
    source("research-b", "notebook", { vpcId: "vpc-0b", subnetId: "subnet-0b", scope: { account: "444455556666", region: "us-west-2" } }),
    source("sandbox", "notebook", { tags: { team: "data-eng" } }),
    source("i-0abc", "instance", { name: "bastion", networkInterfaceIds: ["eni-0abc"] }),
  ];
  const ids = (from: string[], except: string[] = []) => selectSources(sources, from, except).map((s) => s.id);

  it.each([
    [["notebooks"], [], ["research-a", "research-b", "sandbox"]],
    [["instances"], [], ["i-0abc"]],
    [["all"], ["sandbox"], ["research-a", "research-b", "i-0abc"]],
    [["research-*"], [], ["research-a", "research-b"]],
    [["notebook/sand*"], [], ["sandbox"]],
    [["bastion"], [], ["i-0abc"]],
    [["eni-0abc"], [], ["i-0abc"]],
    [["tag:team=ml"], [], ["research-a"]],
    [["tag:team=*"], [], ["research-a", "sandbox"]],
    [["vpc-0b"], [], ["research-b"]],
    [["subnet-0a"], ["instances"], ["research-a", "sandbox"]],
    [["account:444455556666"], [], ["research-b"]],
    [["region:us-east-1 & notebooks"], [], ["research-a", "sandbox"]],
    [["notebooks & vpc-0a", "i-0abc"], [], ["research-a", "sandbox", "i-0abc"]],
    [["nothing-matches"], [], []],
  ])("%j except %j → %j", (from, except, expected) => {
    expect(ids(from, except)).toEqual(expected);
  });

  it.each([
    [["notebooks & vpc-0nope"], [], ["vpc-0nope"]],
    [["reserch-*", "vpc-0nope & notebooks"], [], ["reserch-*", "vpc-0nope"]],
    [["vpc-0b & tag:team=ml"], [], ["vpc-0b & tag:team=ml"]],
    [["research-*"], ["notebooks"], ["except: notebooks"]],
  ])("an intent from %j except %j selecting nothing is named by %j", (from, except, named) => {
    expect(ids(from, except)).toEqual([]);
    expect(unmatchedSelectors(sources, from, except)).toEqual(named);
  });

  it.each([
    ["research-*", []],
    ["reserch-*", ["reserch-*"]],
    ["notebooks & vpc-0nope", ["vpc-0nope"]],
    ["vpc-0b & tag:team=ml", ["vpc-0b & tag:team=ml"]],
    ["sandbx", ["sandbx"]],
  ])("the selector %j is dead through %j", (selector, named) => {
    expect(deadParts(sources, selector)).toEqual(named);
  });

  it("names both dead from selectors of an intent selecting nothing, a broken intersection among them", () => {
    expect(unmatchedSelectors(sources, ["vpc-0b & tag:team=ml", "reserch-*"], [])).toEqual(["vpc-0b & tag:team=ml", "reserch-*"]);
  });

  it("rejects a malformed tag selector and a dangling &", () => {
    expect(() => ids(["tag:team"])).toThrow(/tag:KEY=VALUE/);
    expect(() => ids(["notebooks &"])).toThrow(/"&" needs a selector on each side/);
  });
});

describe("judgeFindings", () => {
  const finding = (rule: string, resource: string, severity: Finding["severity"]): Finding => ({ rule, resource, severity, title: `${rule} on ${resource}`, detail: "", fix: "" });
  const findings = [finding("root", "sandbox", "high"), finding("root", "prod", "high"), finding("kms", "prod", "low")];
  const policy = (over: object) => ({ failOn: "high" as const, rules: [], suppress: [], line: 1, ...over });

  it("fails findings at or above the threshold and those named by rule", () => {
    expect(judgeFindings(findings, policy({}), "2027-01-01").map((r) => r.status)).toEqual(["fails", "fails", "passes"]);
    expect(judgeFindings(findings, policy({ failOn: "none", rules: ["kms"] }), "2027-01-01").map((r) => r.status)).toEqual(["passes", "passes", "fails"]);
  });

  it("suppresses through the expiry day, and not after it", () => {
    const suppress = [{ rule: "root", resource: "sand*", reason: "accepted", expires: "2027-01-31", line: 9 }];
    expect(judgeFindings(findings, policy({ suppress }), "2027-01-31").map((r) => r.status)).toEqual(["suppressed", "fails", "passes"]);
    expect(judgeFindings(findings, policy({ suppress }), "2027-02-01").map((r) => r.status)).toEqual(["fails", "fails", "passes"]);
  });
});

describe("checkStatus", () => {
  const result = (deadSelectors: CheckResult["deadSelectors"]): CheckResult => ({ file: "f.yaml", declared: [], intents: [], findings: [], expiredSuppressions: [], emptyIntents: [], deadSelectors, findingsLine: 1 });

  it("a dead selector fails under --strict (1) and passes without (0)", () => {
    const dead = result([{ intent: intent({}), list: "except", selector: "sandbx", unmatched: ["sandbx"], line: 5 }]);
    expect([checkStatus(dead, true), checkStatus(dead, false), checkStatus(result([]), true)]).toEqual([1, 0, 0]);
  });
});
