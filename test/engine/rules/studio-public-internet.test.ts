/**
 * The studio-public-internet rule as a table: a Studio domain with `AppNetworkAccessType:
 * PublicInternetOnly` (AWS: "non-EFS traffic is through a VPC managed by Amazon SageMaker AI") asking
 * for addresses and services of its own VPC. Only NFS to the EFS volume is documented through the
 * domain's subnet; other traffic that subnet would deliver is unknown (the managed VPC reaches no
 * private address), and what it would not deliver stays unreachable. A VpcOnly domain and a notebook
 * instance with direct internet access (whose page documents VPC-CIDR traffic through its ENI) keep
 * their definite answers. The service names a PublicInternetOnly app asks are undocumented like a
 * direct-internet notebook's (notebook-resolver).
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../../src/engine/index.js";
import { TestModel } from "../helpers/model-builder.js";

/** A VPC with an app subnet, an instance admitting NFS and HTTPS from it, a SageMaker API endpoint with private DNS, and the domain. */
function estate(mode: "VpcOnly" | "PublicInternetOnly", endpointSgAdmits = true) {
  const t = new TestModel();
  const vpc = t.vpc("10.0.0.0/16");
  const apps = t.subnet(vpc, "10.0.1.0/24");
  const data = t.subnet(vpc, "10.0.2.0/24");
  t.routeTable(vpc, [apps, data]);
  const appSg = t.sg(vpc, { egress: ["all 0.0.0.0/0"] });
  const server = t.instance(data, { ip: "10.0.2.10", sgs: [t.sg(vpc, { ingress: ["tcp 2049 10.0.1.0/24", "tcp 443 10.0.1.0/24"] })] });
  t.interfaceEndpoint(vpc, "sagemaker.api", [data], { sgs: [t.sg(vpc, { ingress: endpointSgAdmits ? ["tcp 443 10.0.0.0/16"] : [] })], privateDns: true });
  t.notebook("direct", { subnet: apps, sgs: [appSg], direct: true });
  t.m.domains.set("d-abc123", {
    id: "d-abc123", scope: t.scope, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" },
    domainName: "research", appNetworkAccessType: mode, vpcId: vpc, subnetIds: [apps], securityGroupIds: [appSg],
  });
  return { a: createAnalyzer(t.build()), server };
}

const cases: { name: string; mode: "VpcOnly" | "PublicInternetOnly"; from?: string; to: string; port: number; verdict: string; code?: string; endpointSgAdmits?: boolean }[] = [
  { name: "PublicInternetOnly, NFS to an address of the VPC (the documented EFS traffic)", mode: "PublicInternetOnly", to: "10.0.2.10", port: 2049, verdict: "reachable" },
  { name: "PublicInternetOnly, HTTPS to an instance of the VPC its subnet would reach", mode: "PublicInternetOnly", to: "10.0.2.10", port: 443, verdict: "unknown", code: "UNKNOWN_DESTINATION" },
  { name: "PublicInternetOnly, a port no path admits (blocked both ways)", mode: "PublicInternetOnly", to: "10.0.2.10", port: 22, verdict: "unreachable", code: "ENI_SG_RULES_MISMATCH" },
  { name: "PublicInternetOnly, the SageMaker API its VPC's endpoint answers by private DNS (reachable that way)", mode: "PublicInternetOnly", to: "sagemaker-api", port: 443, verdict: "unknown", code: "UNKNOWN_DESTINATION" },
  { name: "PublicInternetOnly, the SageMaker API, the endpoint's group blocking: the managed network's public answer reaches it", mode: "PublicInternetOnly", to: "sagemaker-api", port: 443, verdict: "unknown", code: "UNKNOWN_DESTINATION", endpointSgAdmits: false },
  { name: "PublicInternetOnly, the internet (the managed network)", mode: "PublicInternetOnly", to: "internet", port: 443, verdict: "reachable" },
  { name: "VpcOnly, HTTPS to the instance through the subnet", mode: "VpcOnly", to: "10.0.2.10", port: 443, verdict: "reachable" },
  { name: "a direct-internet notebook, HTTPS to the instance (documented through its ENI)", mode: "PublicInternetOnly", from: "direct", to: "10.0.2.10", port: 443, verdict: "reachable" },
];

describe("studio-public-internet: what a Studio app reaches in its own VPC", () => {
  it.each(cases)("$name → $verdict", ({ mode, from, to, port, verdict, code, endpointSgAdmits }) => {
    const { a } = estate(mode, endpointSgAdmits);
    const v = a.query({ from: from ?? "domain/research", to, protocol: "tcp", port });
    expect(v.verdict, v.explanation).toBe(verdict);
    if (code) expect(v.blockedAt?.code).toBe(code);
  });

  it("names the documented traffic and the subnet in the unknown answer", () => {
    const v = estate("PublicInternetOnly").a.query({ from: "domain/research", to: "10.0.2.10", protocol: "tcp", port: 443 });
    expect(v.explanation).toContain("runs in a PublicInternetOnly domain: AWS documents only its EFS traffic (NFS, TCP 2049) through the domain's VPC");
    expect(v.fix).toContain("AppNetworkAccessType to VpcOnly");
  });
});
