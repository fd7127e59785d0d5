/**
 * The dhcp-dns-servers rule as a table: `vpc-only-notebook` of fixtures/vpc-only-endpoints asking for
 * the SageMaker API, which its VPC's endpoint answers by private DNS (reachable; no NAT, so the public
 * answer leads nowhere), when its VPC's DHCP options set names other DNS servers. Private DNS and
 * private hosted zones are answered only by the Amazon-provided DNS server: with servers of its own
 * the answer is unknown where the two answers lead to different verdicts.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../../src/engine/index.js";
import { customDnsServers, meta } from "../../../src/engine/rules/dhcp-dns-servers.js";
import type { Vpc } from "../../../src/model/types.js";
import { loadModel } from "../../../src/snapshot/load.js";
import { editedCopy, FIXTURES } from "../../helpers/fixtures.js";

const NAME = "api.sagemaker.us-east-1.amazonaws.com";
const vpc = (dhcpOptionsId: string | undefined, dnsServers: string[] | undefined) => ({ id: "vpc-1", dhcpOptionsId, dnsServers }) as Vpc;
const ENDPOINT = () => "vpce-1 by its private DNS";

describe(meta.name, () => {
  it.each([
    ["AmazonProvidedDNS", vpc("dopt-1", ["AmazonProvidedDNS"]), ENDPOINT, false],
    ["servers of its own, the VPC answering an endpoint", vpc("dopt-1", ["10.0.0.10", "10.0.0.11"]), ENDPOINT, true],
    ["AmazonProvidedDNS and a server of its own (either may answer)", vpc("dopt-1", ["AmazonProvidedDNS", "10.0.0.10"]), ENDPOINT, true],
    ["no domain-name-servers option (no DNS server at all)", vpc("dopt-1", []), ENDPOINT, true],
    ["servers of its own, the VPC answering publicly anyway", vpc("dopt-1", ["10.0.0.10"]), () => undefined, false],
    ["the set not in the snapshot (left as the VPC's resolver answers)", vpc("dopt-1", undefined), ENDPOINT, false],
  ] as const)("%s: undecided %s", (_name, v, answer, undecided) => {
    expect(customDnsServers(v, NAME, answer) !== undefined).toBe(undecided);
  });

  const scoped = (dhcpOptionsId: string) => ({ id: "vpc-1", dhcpOptionsId, dnsServers: undefined, scope: { account: "111122223333", region: "us-east-1" } }) as unknown as Vpc;
  const failed = (region: string, account: string | undefined) => ({ account, region, service: "ec2", operation: "DescribeDhcpOptions", code: "UnauthorizedOperation", message: "denied" });
  it.each([
    ["the call failed in the VPC's account and Region", scoped("dopt-1"), [failed("us-east-1", "111122223333")], ENDPOINT, true],
    ["the call failed with no account named", scoped("dopt-1"), [failed("us-east-1", undefined)], ENDPOINT, true],
    ["the call failed in another Region", scoped("dopt-1"), [failed("eu-west-1", "111122223333")], ENDPOINT, false],
    ["the call failed in another account", scoped("dopt-1"), [failed("us-east-1", "444455556666")], ENDPOINT, false],
    ["the call failed, the VPC has no set (default)", scoped("default"), [failed("us-east-1", "111122223333")], ENDPOINT, false],
    ["the call failed, the VPC answering publicly anyway", scoped("dopt-1"), [failed("us-east-1", "111122223333")], () => undefined, false],
  ] as const)("set not collected, %s: undecided %s", (_name, v, errors, answer, undecided) => {
    const why = customDnsServers(v, NAME, answer, errors);
    expect(why !== undefined).toBe(undecided);
    if (undecided) expect(why).toContain("DescribeDhcpOptions failed: UnauthorizedOperation");
  });
});

/** fixtures/vpc-only-endpoints with a describe-dhcp-options output naming these servers for its VPC's set. */
async function withServers(servers: string[]) {
  const folder = editedCopy(join(FIXTURES, "vpc-only-endpoints"), []);
  const vpcs = JSON.parse(readFileSync(join(folder, "us-east-1/describe-vpcs.json"), "utf8")) as { Vpcs: { DhcpOptionsId: string }[] };
  const id = vpcs.Vpcs[0]!.DhcpOptionsId;
  const values = servers.map((Value) => ({ Value }));
  writeFileSync(join(folder, "us-east-1/describe-dhcp-options.json"), JSON.stringify({ DhcpOptions: [{ DhcpOptionsId: id, DhcpConfigurations: [{ Key: "domain-name-servers", Values: values }], OwnerId: "111122223333" }] }));
  return createAnalyzer(await loadModel(folder));
}

describe("a VPC-only notebook asking for the SageMaker API its VPC's endpoint answers", () => {
  it("is unknown when the VPC's DHCP options name DNS servers of its own (was: reachable through the endpoint)", async () => {
    const v = (await withServers(["10.80.0.10"])).query({ from: "vpc-only-notebook", to: "sagemaker-api" });
    expect(v.verdict, v.explanation).toBe("unknown");
    expect(v.explanation).toContain("give its instances the DNS servers 10.80.0.10");
    expect(v.explanation).toContain("Through the VPC's resolver: reachable");
  });

  it("says the other answer is the DNS servers', stops at the VPC and says how to fix the servers (was: the SageMaker-managed network's resolver, the notebook, nslookup)", async () => {
    const v = (await withServers(["10.80.0.10"])).query({ from: "vpc-only-notebook", to: "sagemaker-api" });
    expect(v.explanation).toContain("through its own DNS servers (taken as the public answer): unreachable");
    expect(v.explanation).not.toContain("managed network");
    expect(v.blockedAt).toMatchObject({ component: "vpc-04203bb005241be33", type: "vpc", code: "UNKNOWN_DESTINATION" });
    expect(v.fix).toContain("forward api.sagemaker.us-east-1.amazonaws.com to the Amazon-provided DNS server");
  });

  it("stays reachable with AmazonProvidedDNS", async () => {
    const v = (await withServers(["AmazonProvidedDNS"])).query({ from: "vpc-only-notebook", to: "sagemaker-api" });
    expect(v.verdict, v.explanation).toBe("reachable");
    expect(v.warnings.join("\n")).not.toContain("DHCP options");
  });
});
