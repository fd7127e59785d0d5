/**
 * Unit tests of the reference's DNS resolution (test/reference/dns.ts), one rule per test, on the
 * hand-built world (VPC A has a SageMaker runtime endpoint with private DNS on).
 */
import { describe, expect, it } from "vitest";
import type { HostedZone } from "../../src/model/types.js";
import { SCOPE } from "../generators/model-builder.js";
import { resolveServiceName } from "./dns.js";
import { world } from "./world.js";

const RUNTIME = ["runtime.sagemaker.us-east-1.amazonaws.com", "com.amazonaws.us-east-1.sagemaker.runtime"] as const;
const STS = ["sts.us-east-1.amazonaws.com", "com.amazonaws.us-east-1.sts"] as const;

function zone(id: string, zoneName: string, vpcIds: string[], records: HostedZone["records"] = []): HostedZone {
  return { id, scope: SCOPE, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" }, zoneName, privateZone: true, vpcs: vpcIds.map((vpcId) => ({ vpcId, region: "us-east-1" })), records, recordsTruncated: false };
}
const aliasToRt = [{ name: RUNTIME[0], type: "A", aliasTarget: "vpce-rt.sagemaker.runtime.us-east-1.vpce.amazonaws.com", values: [] }];

describe("reference DNS", () => {
  it("resolves to the VPC's own endpoint by its private DNS, and to public addresses without it", () => {
    expect(resolveServiceName(world(), "vpc-a", ...RUNTIME)).toMatchObject({ kind: "endpoint", addresses: ["10.0.3.20"] });
    expect(resolveServiceName(world(), "vpc-b", ...RUNTIME)).toMatchObject({ kind: "public" });
    const off = world((p) => (p.vpcEndpoints.find((e) => e.id === "vpce-rt")!.privateDnsEnabled = false));
    expect(resolveServiceName(off, "vpc-a", ...RUNTIME)).toMatchObject({ kind: "public" });
  });

  it("follows an associated zone's alias to an endpoint of another VPC; a zone not associated is not consulted", () => {
    expect(resolveServiceName(world((p) => p.hostedZones.push(zone("Z1", RUNTIME[0], ["vpc-b"], aliasToRt))), "vpc-b", ...RUNTIME)).toMatchObject({ kind: "endpoint", addresses: ["10.0.3.20"] });
    expect(resolveServiceName(world((p) => p.hostedZones.push(zone("Z1", RUNTIME[0], ["vpc-a"], aliasToRt))), "vpc-b", ...RUNTIME)).toMatchObject({ kind: "public" });
  });

  it("answers NXDOMAIN in the most specific covering zone without the record", () => {
    const model = world((p) => p.hostedZones.push(zone("Z1", "sagemaker.us-east-1.amazonaws.com", ["vpc-b"], aliasToRt), zone("Z2", RUNTIME[0], ["vpc-b"])));
    expect(resolveServiceName(model, "vpc-b", ...RUNTIME)).toMatchObject({ kind: "nxdomain", zoneId: "Z2" });
    expect(resolveServiceName(model, "vpc-b", ...STS)).toMatchObject({ kind: "public" });
  });

  it("abstains where the pages leave it open: a zone beside private DNS, a record to no endpoint, DNS attributes off", () => {
    expect(resolveServiceName(world((p) => p.hostedZones.push(zone("Z1", RUNTIME[0], ["vpc-a"]))), "vpc-a", ...RUNTIME).kind).toBe("unmodeled");
    const elsewhere = [{ name: RUNTIME[0], type: "CNAME", aliasTarget: undefined, values: ["example.com"] }];
    expect(resolveServiceName(world((p) => p.hostedZones.push(zone("Z1", RUNTIME[0], ["vpc-b"], elsewhere))), "vpc-b", ...RUNTIME).kind).toBe("unmodeled");
    expect(resolveServiceName(world((p) => (p.vpcs[1]!.enableDnsHostnames = undefined)), "vpc-b", ...RUNTIME).kind).toBe("unmodeled");
  });
});
