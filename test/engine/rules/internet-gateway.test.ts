/** internet-gateway: valid and invalid cases. */
import { describe, expect, it } from "vitest";
import { IntervalSet } from "../../../src/net/index.js";
import * as igw from "../../../src/engine/rules/internet-gateway.js";

const base = { scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } };

describe(igw.meta.name, () => {
  it("needs attachment and a public IP; drops RFC 1918 and RFC 6598", () => {
    expect(igw.checkIgwAttachment({ ...base, id: "igw-1", attachedVpcIds: ["vpc-1"] }, "vpc-1")).toBeUndefined();
    expect(igw.checkIgwAttachment({ ...base, id: "igw-1", attachedVpcIds: [] }, "vpc-1")?.code).toBe("BAD_STATE_ATTACHMENT");
    const fix = () => "the caller's fix";
    expect(igw.checkIgwPublicIp("igw-1", "10.0.0.5", "54.1.1.1", fix)).toBeUndefined();
    expect(igw.checkIgwPublicIp("igw-1", "10.0.0.5", undefined, fix)).toMatchObject({ code: "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", fix: "the caller's fix" });
    const split = igw.igwEgressSplit(IntervalSet.fromCidrs(["8.8.8.8/32", "10.1.1.1/32", "100.64.0.1/32"]));
    expect([split.forwarded.toCidrs(), split.rfc1918.toCidrs(), split.rfc6598.toCidrs()]).toEqual([["8.8.8.8/32"], ["10.1.1.1/32"], ["100.64.0.1/32"]]);
  });

  it.each([
    ["a hairpin source with a public IP in the gateway's VPC: unknown", "54.1.1.1", true],
    ["a hairpin source without one: the public-IP rule decides", undefined, undefined],
  ] as const)("through a transit gateway back into the source's VPC: %s", (_n, paired, unknown) => {
    expect(igw.checkHairpinPublicIp("igw-1", "10.0.0.5", paired)?.unknown).toBe(unknown);
  });
});
