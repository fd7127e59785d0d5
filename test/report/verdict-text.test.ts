/**
 * Text rendering of verdicts: the first line, the aligned path table, the return path, the block
 * with its code and fix, the endpoint URL with ready-to-paste examples, warnings, colour only when
 * asked, and removal of control characters from account-supplied names.
 */
import { describe, expect, it } from "vitest";
import { alignColumns, clean, endpointUrlExample, headline, painter, verdictToText } from "../../src/report/verdict-text.js";
import { blockedByAcl, reachableViaNat, reachableWithEndpointUrl, unknownAtTgw } from "../engine/findings/verdicts.js";

const plain = { color: false };

describe("verdictToText", () => {
  it("puts the verdict, source, destination and protocol on the first line", () => {
    expect(verdictToText(reachableViaNat(), plain).split("\n")[0]).toBe("REACHABLE  research → internet (tcp/443)");
    expect(verdictToText(blockedByAcl(), plain).split("\n")[0]).toBe("UNREACHABLE  research → s3 (tcp/443)");
    expect(verdictToText(unknownAtTgw(), plain).split("\n")[0]).toBe("UNKNOWN  research → sagemaker-api (tcp/443)");
  });

  it("prints the path as a table whose columns line up", () => {
    const text = verdictToText(reachableViaNat(), plain);
    const lines = text.split("\n");
    const header = lines.find((line) => line.includes("RULE OR ROUTE USED")) ?? "";
    const ruleColumn = header.indexOf("RULE OR ROUTE USED");
    const natLine = lines.find((line) => line.includes("nat-1  ")) ?? "";
    expect(natLine.indexOf("source NAT to 10.0.0.9")).toBe(ruleColumn);
    expect(text).toContain("rtb-private");
    expect(text).toContain("0.0.0.0/0 → nat-1 (active)");
    expect(text).toContain("sg-1 egress[0]: allow all to 0.0.0.0/0");
    // the NAT hop's header rewrite shows on its own continuation line
    expect(text).toMatch(/\n\s+source 10\.0\.1\.10 → 10\.0\.0\.9\n/);
  });

  it("summarises the return path with the rules that admitted the reply", () => {
    const text = verdictToText(reachableViaNat(), plain);
    expect(text).toContain("Return path (4 hops): internet → igw-1 → acl-1 → research");
    expect(text).toContain("admitted by acl-1#100/ingress: rule 100 allow all from 0.0.0.0/0");
  });

  it("names the blocking component, direction, code, rule and fix", () => {
    const text = verdictToText(blockedByAcl(), plain);
    expect(text).toContain("Blocked at  acl-1 (network-acl), forward direction");
    expect(text).toContain("Code        SUBNET_ACL_RESTRICTION");
    expect(text).toContain("Rule        acl-1#90/egress: rule 90 deny tcp 443 to 52.216.0.0/15");
    expect(text).toContain("Fix         allow outbound tcp 443 to 52.216.0.0/15 in acl-1 before rule 90");
    expect(text).toContain("The network ACL acl-1 of subnet-private denies tcp/443 to S3.");
    expect(text).not.toContain("Return path");
  });

  it("says where an unknown stopped, with the reason and warnings", () => {
    const text = verdictToText(unknownAtTgw(), plain);
    expect(text).toContain("Stopped at  tgw-1 (transit-gateway), forward direction");
    expect(text).toContain("UNSUPPORTED_COMPONENT");
    expect(text).toContain("Traffic goes to transit gateway tgw-1, which vpcreach does not model.");
    expect(text).toContain("Warnings\n  - transit gateways are not modelled");
    expect(text).not.toContain("Path\n");
  });

  it("shows the endpoint URL before the path, with an invoke-endpoint example", () => {
    const text = verdictToText(reachableWithEndpointUrl(), plain);
    const url = "https://vpce-runtime-abcd.runtime.sagemaker.us-east-1.vpce.amazonaws.com";
    expect(text.indexOf("--endpoint-url")).toBeLessThan(text.indexOf("Path"));
    expect(text).toContain(`aws sagemaker-runtime invoke-endpoint --endpoint-url ${url} --endpoint-name ENDPOINT_NAME`);
    expect(text).toContain(`boto3.client("sagemaker-runtime", endpoint_url="${url}")`);
  });

  it("shows the reachable part of a destination", () => {
    const verdict = { ...reachableViaNat(), reachableSubset: { addresses: ["52.216.0.0/15"], ports: ["443"], note: "S3 in us-east-1 only" } };
    expect(verdictToText(verdict, plain)).toContain("Reachable part: S3 in us-east-1 only (addresses 52.216.0.0/15; ports 443)");
  });

  it("uses no escape codes without colour, and colours the verdict with it", () => {
    expect(verdictToText(blockedByAcl(), plain)).not.toContain("\u001b[");
    expect(verdictToText(blockedByAcl(), { color: true }).split("\n")[0]).toContain("\u001b[31mUNREACHABLE\u001b[39m");
  });

  it("strips control characters from account-supplied names", () => {
    const verdict = reachableViaNat();
    verdict.source = { id: "eni-1", type: "network-interface", name: "evil\u001b[2J\nname" };
    verdict.path[0] = { ...verdict.path[0]!, name: "x\u0007y" };
    const text = verdictToText(verdict, plain);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(headline(verdict, painter(plain))).toBe("REACHABLE  evil[2J name (eni-1) → internet (tcp/443)");
  });

  it("prints ports only for protocols that have them", () => {
    const verdict = { ...blockedByAcl(), protocol: "icmp", port: null };
    expect(verdictToText(verdict, plain).split("\n")[0]).toBe("UNREACHABLE  research → s3 (icmp)");
  });
});

describe("helpers", () => {
  it("alignColumns pads every column but the last", () => {
    expect(alignColumns([["a", "bb", "c"], ["ccc", "d", "e"]])).toEqual(["a    bb  c", "ccc  d   e"]);
  });

  it("clean folds newlines and drops escapes", () => {
    expect(clean("a\nb\u001b[31mc")).toBe("a b[31mc");
  });

  it("endpointUrlExample knows service:sts and falls back for other services", () => {
    const sts = { ...reachableWithEndpointUrl(), destination: { spec: "service:sts", type: "aws-service" as const, addresses: [] } };
    expect(endpointUrlExample(sts, "https://vpce-1.sts.us-east-1.vpce.amazonaws.com")[0]).toBe(
      "aws sts get-caller-identity --endpoint-url https://vpce-1.sts.us-east-1.vpce.amazonaws.com",
    );
    const kms = { ...sts, destination: { ...sts.destination, spec: "service:kms" } };
    expect(endpointUrlExample(kms, "https://u")[0]).toBe("aws kms <command> --endpoint-url https://u");
    expect(endpointUrlExample(kms, "https://u")[1]).toBe('boto3.client("kms", endpoint_url="https://u")');
  });
});
