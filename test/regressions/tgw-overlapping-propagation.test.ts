/**
 * Regression (found by hand, 7 December, ninth session; the fuzz networks never overlap): two VPCs
 * with the same CIDR attached to one transit gateway, whose route table is given as static routes
 * and propagations (Batfish's layout, get-transit-gateway-route-table-propagations). The engine
 * built a propagated route for each and took the first in the data's order: `reachable` for the
 * VPC listed first and `unreachable` ("the replies … are routed to att-a, not back to att-c") for
 * the other, and the other way round with the propagations reversed. AWS ("Amazon VPC attachments
 * in AWS Transit Gateway", limits): "If you attach a VPC to a transit gateway and its CIDR is
 * identical to, or overlaps with, the CIDR of another VPC that's already attached to the transit
 * gateway, the routes for the newly attached VPC aren't propagated" — which VPC was attached first
 * is not in the snapshot, so both answers are `unknown`, naming the VPCs, attachments and CIDRs.
 * The reference, which abstained only on the tie and not on a merely overlapping CIDR, now
 * abstains on any propagated route of an overlapping VPC.
 */
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { indexModel } from "../../src/model/indexes.js";
import { compare, describeComparison } from "../property/compare.js";
import { hub, overlappingSpoke } from "../reference/world.js";

describe("VPCs with overlapping CIDRs propagating into one transit gateway route table", () => {
  it.each([
    ["A's instance, propagations A first", false, "i-0a11"],
    ["C's instance, propagations A first", false, "i-0c11"],
    ["A's instance, propagations C first", true, "i-0a11"],
    ["C's instance, propagations C first", true, "i-0c11"],
  ] as const)("%s: unknown, naming both VPCs, their attachments and the CIDR", (_n, reversed, from) => {
    const model = hub(overlappingSpoke(reversed));
    const v = createAnalyzer(model).query({ from, to: "10.1.1.10:443", protocol: "tcp" });
    expect(v.verdict).toBe("unknown");
    expect(v.blockedAt).toMatchObject({ component: "tgw-rtb-1", type: "transit-gateway-route-table", code: "UNSUPPORTED_COMPONENT", direction: "return" });
    for (const name of ["vpc-a", "vpc-c", "att-a", "att-c", "10.0.0.0/16", "attached first"]) expect(v.explanation).toContain(name);
    const c = compare((q) => createAnalyzer(model).query(q), model, indexModel(model), { from, dstIp: "10.1.1.10", protocol: "tcp", port: 443, clientPort: 40000, natPort: 40000 });
    expect(c.reference.cls).toBe("unmodeled");
    expect(c.agree, describeComparison(c)).toBe(true);
  });

  it("a table listed by search-transit-gateway-routes is what AWS propagated: taken as it is", () => {
    const model = hub((p) => {
      overlappingSpoke()(p);
      const table = p.transitGatewayRouteTables[0]!;
      table.routesGiven = "all";
      table.routes = [["10.0.0.0/16", "att-a"], ["10.1.0.0/16", "att-b"]].map(([cidr, att]) => ({ destination: { kind: "cidr" as const, cidr: cidr! }, type: "propagated" as const, state: "active" as const, attachmentIds: [att!] }));
    });
    const analyzer = createAnalyzer(model);
    expect(analyzer.query({ from: "i-0a11", to: "10.1.1.10:443", protocol: "tcp" }).verdict).toBe("reachable");
    expect(analyzer.query({ from: "i-0c11", to: "10.1.1.10:443", protocol: "tcp" })).toMatchObject({ verdict: "unreachable", blockedAt: { code: "TGW_RTB_CANNOT_ROUTE", direction: "return" } });
  });
});
