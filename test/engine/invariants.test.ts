/**
 * Invariants of every verdict on random small networks (fast-check, fixed seed): the engine never
 * throws for network facts; `reachable` has a forward and a return path with evidence on every hop;
 * `unreachable` has `blockedAt` and a fix; `unknown` says where it stopped; a partial answer lists
 * its reachable subset. (Agreement with an independent reference is test/property's job.)
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAnalyzer, STANDARD_DESTINATIONS } from "../../src/engine/index.js";
import { TestModel } from "./helpers/model-builder.js";

interface Spec {
  subnets: { route: "igw" | "nat" | "none" | "tgw" | "blackhole"; acl: "open" | "443-only" | "no-replies"; s3: boolean }[];
  igw: "attached" | "detached" | "none";
  natState: "available" | "failed";
  natPrivate: boolean;
  endpoint: "none" | "open" | "closed";
  privateDns: boolean;
  notebooks: { subnet: number; direct: boolean; egress: "all" | "80" | "none" }[];
  destinations: string[];
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  subnets: fc.array(
    fc.record({
      route: fc.constantFrom("igw", "nat", "none", "tgw", "blackhole"),
      acl: fc.constantFrom("open", "443-only", "no-replies"),
      s3: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  igw: fc.constantFrom("attached", "detached", "none"),
  natState: fc.constantFrom("available", "failed"),
  natPrivate: fc.boolean(),
  endpoint: fc.constantFrom("none", "open", "closed"),
  privateDns: fc.boolean(),
  notebooks: fc.array(fc.record({ subnet: fc.nat(5), direct: fc.boolean(), egress: fc.constantFrom("all", "80", "none") }), { minLength: 1, maxLength: 2 }),
  destinations: fc.array(fc.constantFrom(...STANDARD_DESTINATIONS, "service:sts", "8.8.8.8", "10.0.1.20:22", "10.0.0.0/16", "52.216.3.4", "192.168.1.1", "0.0.0.0/0"), { minLength: 1, maxLength: 4 }),
});

function build(spec: Spec) {
  const t = new TestModel();
  const vpc = t.vpc("10.0.0.0/16");
  const pub = t.subnet(vpc, "10.0.100.0/24", "us-east-1a");
  const igw = spec.igw === "none" ? "igw-0missing" : t.igw(spec.igw === "attached" ? vpc : undefined);
  t.routeTable(vpc, [pub], [["0.0.0.0/0", igw]]);
  const nat = t.nat(pub, { state: spec.natState, private: spec.natPrivate });
  const subnets = spec.subnets.map((s, i) => {
    const id = t.subnet(vpc, `10.0.${i}.0/24`, i % 2 === 0 ? "us-east-1a" : "us-east-1b");
    const target = { igw, nat, none: undefined, tgw: "tgw-0abc", blackhole: "blackhole:nat-0dead" }[s.route];
    const rtb = t.routeTable(vpc, [id], target ? [["0.0.0.0/0", target]] : []);
    if (s.s3) t.gatewayEndpoint(vpc, "s3", [rtb]);
    if (s.acl === "443-only") t.nacl(vpc, [id], ["100 out allow tcp 443 0.0.0.0/0", "100 in allow all 10.0.0.0/16"]);
    if (s.acl === "no-replies") t.nacl(vpc, [id], ["100 out allow all 0.0.0.0/0", "100 in allow tcp 443 0.0.0.0/0"]);
    return id;
  });
  if (spec.endpoint !== "none") {
    const sg = t.sg(vpc, { ingress: [spec.endpoint === "open" ? "tcp 443 10.0.0.0/16" : "tcp 443 192.168.0.0/16"] });
    t.interfaceEndpoint(vpc, "sagemaker.api", [subnets[0] as string], { sgs: [sg], privateDns: spec.privateDns });
  }
  t.instance(subnets[0] as string, { ip: "10.0.0.20" });
  spec.notebooks.forEach((n, i) => {
    const egress = n.egress === "all" ? ["all 0.0.0.0/0"] : n.egress === "80" ? ["tcp 80 0.0.0.0/0"] : [];
    t.notebook(`nb${i}`, { subnet: subnets[n.subnet % subnets.length], direct: n.direct, sgs: [t.sg(vpc, { egress })] });
  });
  return t.build();
}

describe("verdict invariants on random networks", () => {
  it("hold for every notebook and destination", () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const analyzer = createAnalyzer(build(spec));
        for (let i = 0; i < spec.notebooks.length; i++) {
          for (const to of spec.destinations) {
            const v = analyzer.query({ from: `nb${i}`, to });
            expect(v.explanation.length).toBeGreaterThan(0);
            for (const h of [...v.path, ...v.returnPath]) expect(h.evidence.length, `${to}: ${h.component}`).toBeGreaterThan(0);
            if (v.verdict === "reachable") {
              expect(v.path.length).toBeGreaterThan(1);
              expect(v.returnPath.length).toBeGreaterThan(1);
              expect(v.path.map((h) => h.sequence)).toEqual(v.path.map((_, k) => k + 1));
              if (v.reachableSubset) expect(v.reachableSubset.addresses.length).toBeGreaterThan(0);
            } else {
              expect(v.blockedAt, `${to}: ${v.explanation}`).toBeDefined();
            }
            if (v.verdict === "unreachable") expect(v.fix, `${to}: ${v.explanation}`).toBeTruthy();
          }
        }
      }),
      { seed: 20261128, numRuns: 300 },
    );
  });
});
