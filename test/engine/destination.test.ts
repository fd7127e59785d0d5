/**
 * What `--to` accepts: case folding, the SageMaker aliases, `sagemaker` as both destinations, the
 * one port wording, and errors that say what to give instead of a host name, URL or typo.
 */
import { describe, expect, it } from "vitest";
import { checkPort, expandDestination, parseDestination } from "../../src/engine/destination.js";
import { InputError } from "../../src/model/errors.js";
import { fileURLToPath } from "node:url";
import { createAnalyzer } from "../../src/engine/index.js";
import { loadModel } from "../../src/snapshot/load.js";

describe("expandDestination", () => {
  it.each([
    ["S3", ["s3"]],
    ["Internet", ["internet"]],
    ["runtime", ["sagemaker-runtime"]],
    ["sagemaker.runtime", ["sagemaker-runtime"]],
    ["api", ["sagemaker-api"]],
    ["SageMaker", ["sagemaker-api", "sagemaker-runtime"]],
    ["SERVICE:STS", ["service:sts"]],
    ["10.0.0.5:5432", ["10.0.0.5:5432"]],
  ])("%j → %j", (to, expected) => {
    expect(expandDestination(to)).toEqual(expected);
  });

  it.each([
    ["www.google.com", /www\.google\.com": vpcreach proves paths to addresses, not host names; give internet.*dig \+short www\.google\.com.*accepted: internet, s3/],
    ["https://example.org/path", /https:\/\/example\.org\/path": .*not host names.*dig \+short example\.org/],
    ["sts.us-east-1.amazonaws.com", /name the AWS service, not its host: service:sts$/],
    ["https://runtime.sagemaker.eu-west-1.amazonaws.com/endpoints/x", /not its host: sagemaker-runtime$/],
    ["my-bucket.s3.us-east-1.amazonaws.com:443", /not its host: s3$/],
    ["s4", /destination "s4": not a destination \(did you mean "s3"\?\); accepted: /],
    ["internt", /did you mean "internet"/],
  ])("%j is an input error that says what to give", (to, message) => {
    expect(() => expandDestination(to)).toThrow(InputError);
    expect(() => expandDestination(to)).toThrow(message);
  });
});

describe("parseDestination", () => {
  it("parses the canonical forms of what users type", () => {
    expect(parseDestination("S3")).toMatchObject({ spec: "s3", kind: "service", service: "s3" });
    expect(parseDestination("Runtime")).toMatchObject({ spec: "sagemaker-runtime", kind: "service", service: "sagemaker.runtime" });
    expect(parseDestination("service:com.amazonaws.us-east-1.sts")).toMatchObject({ kind: "service", service: "sts" });
    expect(parseDestination("10.0.0.5:5432")).toMatchObject({ kind: "address", port: 5432 });
  });

  it("asks for one destination at a time where only one fits", () => {
    expect(() => parseDestination("sagemaker")).toThrow(/means sagemaker-api and sagemaker-runtime/);
  });

  it("words an inline port error as --port's", () => {
    expect(() => parseDestination("1.2.3.4:0")).toThrow('destination "1.2.3.4:0": a port must be an integer from 1 to 65535');
    expect(() => parseDestination("1.2.3.4:70000")).toThrow('destination "1.2.3.4:70000": a port must be an integer from 1 to 65535');
    expect(() => checkPort("0", "--port 0")).toThrow("--port 0: a port must be an integer from 1 to 65535");
    expect(checkPort("443", "--port 443")).toBe(443);
  });

  it("refuses a port outside 1-65535 given to the analyzer, in the same words", async () => {
    const analyzer = createAnalyzer(await loadModel(fileURLToPath(new URL("../../fixtures/nat-notebook", import.meta.url))));
    for (const port of [0, 65536, 44.5, -1]) {
      expect(() => analyzer.query({ from: "nat-notebook", to: "10.30.10.9", port }), String(port)).toThrow(new InputError(`--port ${port}: a port must be an integer from 1 to 65535`));
    }
    expect(analyzer.query({ from: "nat-notebook", to: "10.30.10.9", port: 65535 }).port).toBe(65535);
  });
});
