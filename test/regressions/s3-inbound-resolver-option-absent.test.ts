/**
 * Regression (found by reading the private-dns rule against the S3 and EC2 pages on
 * `DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint`): an S3 interface endpoint with private DNS in
 * a VPC that also has an S3 gateway endpoint, described by an AWS CLI older than the option (it
 * prints `DnsOptions` without it). The engine read the missing field as false: the default name
 * `s3.us-east-1.amazonaws.com` resolved to the interface endpoint, and `unrouted-notebook` (no
 * gateway endpoint route) was `reachable` by the default name, a confident answer the snapshot cannot
 * give: with the option on (as fixtures/s3-interface-endpoint has it) names resolved in the VPC go to
 * S3's public addresses, which its table does not route. It is now `unknown` where the two answers
 * differ, and keeps the verdict both give, with a warning. Without a gateway endpoint the option
 * cannot be on (AWS requires one), so the interface endpoint answers.
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { loadModel } from "../../src/snapshot/load.js";
import { editedCopy, FIXTURES } from "../helpers/fixtures.js";
import { join } from "node:path";

/** fixtures/s3-interface-endpoint as an older AWS CLI prints it: DnsOptions without the option; optionally without the gateway endpoint. */
async function olderCli(withGateway = true) {
  const folder = editedCopy(join(FIXTURES, "s3-interface-endpoint"), [
    [
      "us-east-1/describe-vpc-endpoints.json",
      (json) => {
        const endpoints = json.VpcEndpoints as Record<string, unknown>[];
        for (const e of endpoints) delete (e.DnsOptions as Record<string, unknown> | undefined)?.PrivateDnsOnlyForInboundResolverEndpoint;
        if (!withGateway) json.VpcEndpoints = endpoints.filter((e) => e.VpcEndpointType !== "Gateway");
      },
    ],
  ]);
  return createAnalyzer(await loadModel(folder));
}

describe("an S3 interface endpoint whose PrivateDnsOnlyForInboundResolverEndpoint is not in the snapshot", () => {
  it("is unknown where the interface endpoint and the gateway endpoint's path give different verdicts (was: reachable by the default name)", async () => {
    const v = (await olderCli()).query({ from: "unrouted-notebook", to: "s3", protocol: "tcp", port: 443 });
    expect(v.verdict, v.explanation).toBe("unknown");
    expect(v.blockedAt).toMatchObject({ component: "vpce-0e425a056a3f4787b", type: "interface-endpoint", code: "MISSING_DATA" });
    expect(v.explanation).toContain("Through the interface endpoint: reachable");
    expect(v.explanation).toContain("through the public addresses: unreachable");
  });

  it("keeps the verdict both give, with a warning naming the missing option", async () => {
    const v = (await olderCli()).query({ from: "gateway-routed-notebook", to: "s3", protocol: "tcp", port: 443 });
    expect(v.verdict, v.explanation).toBe("reachable");
    expect(v.warnings.join("\n")).toContain("PrivateDnsOnlyForInboundResolverEndpoint is not in the snapshot");
  });

  it("without a gateway endpoint in the VPC the option cannot be on: the interface endpoint answers", async () => {
    const v = (await olderCli(false)).query({ from: "unrouted-notebook", to: "s3", protocol: "tcp", port: 443 });
    expect(v.verdict, v.explanation).toBe("reachable");
    expect(v.path.map((h) => h.component)).toContain("vpce-0e425a056a3f4787b");
    expect(v.requiresEndpointUrl).toBeUndefined();
  });
});
