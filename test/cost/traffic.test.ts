// Traffic assumptions: the --traffic syntax, the traffic file and their errors.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/model/errors.js";
import { loadTrafficFile, parseTrafficSpec, volumesForVpc } from "../../src/cost/traffic.js";

describe("--traffic", () => {
  it("parses GB per destination and splits sagemaker between API and runtime", () => {
    expect(parseTrafficSpec("internet=200,s3=1000,sagemaker=300")).toEqual({
      internet: 200,
      s3: 1000,
      "sagemaker-api": 150,
      "sagemaker-runtime": 150,
    });
  });

  it("treats other names as AWS services", () => {
    expect(parseTrafficSpec("sts=5, logs=20,internet-in=400")).toEqual({ "service:sts": 5, "service:logs": 20, "internet-in": 400 });
  });

  it("rejects a pair without a number, a negative number and a bad name", () => {
    expect(() => parseTrafficSpec("internet")).toThrow(InputError);
    expect(() => parseTrafficSpec("internet=")).toThrow(/internet=/);
    expect(() => parseTrafficSpec("s3=-1")).toThrow(/non-negative/);
    expect(() => parseTrafficSpec("S 3=1")).toThrow(/unknown traffic destination/);
  });

  it("refuses a key that is no destination and no AWS service, suggesting close names", () => {
    expect(() => parseTrafficSpec("inet=20")).toThrow(/--traffic inet=20: unknown traffic destination "inet" \(did you mean "internet"/);
    expect(() => parseTrafficSpec("stss=1")).toThrow(/did you mean "sts"/);
  });

  it("says what it expected for a value that is not a number", () => {
    expect(() => parseTrafficSpec("internet=abc")).toThrow('--traffic internet=abc: expected a non-negative number of GB per month (e.g. internet=200), got "abc"');
  });

  it("folds case and accepts the destination aliases of --to", () => {
    expect(parseTrafficSpec("S3=10,Runtime=4,API=2")).toEqual({ s3: 10, "sagemaker-runtime": 4, "sagemaker-api": 2 });
  });
});

describe("--traffic-file", () => {
  const dir = mkdtempSync(join(tmpdir(), "vpcreach-traffic-"));
  it("reads defaults and per-VPC overrides", () => {
    const file = join(dir, "t.json");
    writeFileSync(file, JSON.stringify({ internet: 10, sagemaker: 4, vpcs: { "vpc-1": { s3: 7 } } }));
    const traffic = loadTrafficFile(file);
    expect(volumesForVpc(traffic, "vpc-1")).toEqual({ s3: 7 });
    expect(volumesForVpc(traffic, "vpc-2")).toEqual({ internet: 10, "sagemaker-api": 2, "sagemaker-runtime": 2 });
  });

  it("names the file and the JSON path of a bad value", () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ vpcs: { "vpc-1": { s3: "lots" } } }));
    try {
      loadTrafficFile(file);
      throw new Error("expected an error");
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).location).toEqual({ file, jsonPath: "$.vpcs.vpc-1.s3" });
    }
  });
});
