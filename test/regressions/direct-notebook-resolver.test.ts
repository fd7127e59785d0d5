/**
 * Regression (the DNS comparison, docs/rule-coverage.md "DNS"): a notebook instance with
 * `DirectInternetAccess: Enabled` and a subnet has an interface in its VPC and one in the
 * SageMaker-managed network, and AWS does not document which resolver it asks. The engine followed
 * the VPC's Route 53 Resolver with a definite answer (the VPC's endpoint by its private DNS, or a
 * private zone's NXDOMAIN). Where that answer differs from the public one and the two lead to
 * different verdicts, the verdict is now `unknown`, naming the notebook and both resolvers; where both
 * answer publicly, or both answers lead to one verdict, it stays definite.
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { SCOPE } from "../generators/model-builder.js";
import { checkDns } from "../property/compare-dns.js";
import { world } from "../reference/world.js";

const ask = (model: ReturnType<typeof world>, from: string, to: string) => createAnalyzer(model).query({ from, to, protocol: "tcp", port: 443 });

describe("the resolver of a direct-internet notebook in a subnet", () => {
  it("is unknown where its VPC's endpoint answers by private DNS and the two answers lead to different verdicts", () => {
    // The endpoint's group admits nothing: through the VPC's resolver unreachable, through the managed network's reachable.
    const model = world((p) => {
      p.securityGroups.find((g) => g.id === "sg-ep")!.ingress = [];
    });
    const verdict = ask(model, "nb-direct", "sagemaker-runtime");
    expect(verdict.verdict, verdict.explanation).toBe("unknown");
    expect(verdict.blockedAt).toMatchObject({ component: "nb-direct", code: "UNKNOWN_DESTINATION" });
    expect(verdict.explanation).toContain("notebook nb-direct (DirectInternetAccess Enabled");
    expect(verdict.explanation).toContain("the Route 53 Resolver of vpc-a answers vpce-rt by its private DNS");
    expect(verdict.explanation).toContain("SageMaker-managed network's resolver");
    expect(verdict.explanation).toContain("Through the VPC's resolver: unreachable");
    expect(verdict.explanation).toContain("through the managed network's: reachable");
    expect(checkDns(model, "nb-direct", "sagemaker-runtime", verdict)).toMatchObject({ resolution: { kind: "undocumented" }, agree: true });
  });

  it("keeps the verdict where both answers lead to it, with a warning naming both resolvers", () => {
    const model = world();
    const verdict = ask(model, "nb-direct", "sagemaker-runtime");
    expect(verdict.verdict, verdict.explanation).toBe("reachable");
    expect(verdict.warnings.join("\n")).toContain("the Route 53 Resolver of vpc-a answers vpce-rt by its private DNS");
    expect(verdict.warnings.join("\n")).toContain("both lead to the same verdict (reachable)");
    // Checked as the VPC's resolution: exactly the endpoint's addresses.
    expect(checkDns(model, "nb-direct", "sagemaker-runtime", verdict)).toMatchObject({ resolution: { kind: "undocumented" }, agree: true });
  });

  it("is unknown where a private zone of its VPC answers NXDOMAIN", () => {
    const model = world((p) => {
      p.hostedZones.push({ id: "Z0API", scope: SCOPE, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" }, zoneName: "api.sagemaker.us-east-1.amazonaws.com", privateZone: true, vpcs: [{ vpcId: "vpc-a", region: "us-east-1" }], records: [], recordsTruncated: false });
    });
    const verdict = ask(model, "nb-direct", "sagemaker-api");
    expect(verdict.verdict, verdict.explanation).toBe("unknown");
    expect(verdict.explanation).toContain("answers NXDOMAIN from Z0API");
    expect(checkDns(model, "nb-direct", "sagemaker-api", verdict)).toMatchObject({ resolution: { kind: "undocumented" }, agree: true });
    // The same zone decides for a notebook without direct internet access: only its VPC's resolver.
    expect(ask(model, "nb-private", "sagemaker-api").verdict).toBe("unreachable");
  });

  it("stays definite where both resolvers answer publicly, and for a notebook without direct internet access", () => {
    const model = world();
    const api = ask(model, "nb-direct", "sagemaker-api");
    expect(api.verdict, api.explanation).not.toBe("unknown");
    expect(checkDns(model, "nb-direct", "sagemaker-api", api)).toMatchObject({ resolution: { kind: "public" }, agree: true });
    const viaEndpoint = ask(model, "nb-private", "sagemaker-runtime");
    expect(viaEndpoint.verdict, viaEndpoint.explanation).not.toBe("unknown");
    expect(checkDns(model, "nb-private", "sagemaker-runtime", viaEndpoint)).toMatchObject({ resolution: { kind: "endpoint" }, agree: true });
  });
});
