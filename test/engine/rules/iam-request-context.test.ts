/**
 * iam-request-context: the network keys a request carries, by the path it takes (a table over the
 * ML platform's paths): through an endpoint aws:SourceVpce, aws:SourceVpc and aws:VpcSourceIp and no
 * aws:SourceIp; over the public endpoint aws:SourceIp (the NAT gateway's Elastic IP) and no VPC keys;
 * through SageMaker's own network an aws:SourceIp nobody can know.
 */
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createAnalyzer, type Analyzer } from "../../../src/engine/index.js";
import { requestContext } from "../../../src/engine/rules/iam-request-context.js";
import { loadModel } from "../../../src/snapshot/load.js";

let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = createAnalyzer(await loadModel(join(resolve(import.meta.dirname, "../../../fixtures"), "ml-platform")));
});

describe("iam-request-context", () => {
  it.each([
    ["gateway endpoint", "research-notebook", "s3", { "aws:SourceVpce": "vpce-09c41a07fa0fe457d", "aws:SourceVpc": "vpc-093445840aeaf1291", "aws:VpcSourceIp": "10.20.16.35" }, []],
    ["interface endpoint", "research-notebook", "sagemaker-api", { "aws:SourceVpce": "vpce-0c390668c6554e188", "aws:SourceVpc": "vpc-093445840aeaf1291", "aws:VpcSourceIp": "10.20.16.35" }, []],
    ["NAT gateway to the public endpoint", "west-inference-notebook", "sagemaker-runtime", { "aws:SourceIp": "44.31.0.1" }, []],
    ["NAT gateway in another AZ", "feature-eng", "internet", { "aws:SourceIp": "3.113.0.1" }, []],
    ["SageMaker's own network", "sandbox-direct", "internet", {}, ["aws:SourceIp"]],
  ])("%s: %s → %s", (_name, from, to, keys, unknownKeys) => {
    const verdict = analyzer.query({ from, to });
    expect(verdict.verdict).toBe("reachable");
    const context = requestContext(verdict, analyzer.model);
    expect(context.keys).toEqual(keys);
    expect(context.unknownKeys).toEqual(unknownKeys);
    expect(context.evidence).toHaveLength(1);
  });
});
