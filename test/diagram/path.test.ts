import { describe, expect, it } from "vitest";
import { pathDiagram } from "../../src/diagram/path.js";
import { indexModel } from "../../src/model/indexes.js";
import type { Verdict } from "../../src/engine/verdict.js";
import { ancestry, hasClass, parseMermaid, type ParsedDiagram } from "./mermaid-parse.js";
import { hostileVpc, manySubnets, peeredVpcs, sagemakerVpc } from "./networks.js";
import { blockedAtNat, blockedByNacl, lonelyEniToInternet, reachableInternet, throughPeering, unknownAtTgw } from "./verdicts.js";

function draw(verdict: Verdict, model = sagemakerVpc()): ParsedDiagram {
  return parseMermaid(pathDiagram(indexModel(model), verdict));
}

/** The thick (path) edges, as `from>to`. */
function thick(diagram: ParsedDiagram): string[] {
  return diagram.edges.filter((e) => e.arrow === "==>").map((e) => `${e.from}>${e.to}`);
}

function styleOf(diagram: ParsedDiagram, from: string, to: string): string | undefined {
  const edge = diagram.edges.find((e) => e.from === from && e.to === to && e.arrow === "==>");
  return edge ? diagram.linkStyles.get(edge.index) : undefined;
}

describe("pathDiagram, reachable", () => {
  const diagram = draw(reachableInternet());

  it("joins the drawn hops in order with thick edges: notebook → NAT → IGW → Internet", () => {
    expect(thick(diagram)).toEqual(["nb_research>nat_0aaa", "nat_0aaa>igw_0aaa", "igw_0aaa>internet_0"]);
  });

  it("labels each step with its number and the route that carried it", () => {
    const labels = diagram.edges.filter((e) => e.arrow === "==>").map((e) => e.label);
    expect(labels).toEqual(["1 · 0.0.0.0/0 via rtb-0qa", "2 · 0.0.0.0/0 via rtb-0pub", "3"]);
  });

  it("highlights the path green and dims the architecture edges", () => {
    expect(styleOf(diagram, "nb_research", "nat_0aaa")).toContain("#1D8102");
    for (const edge of diagram.edges.filter((e) => e.arrow !== "==>")) expect(diagram.linkStyles.get(edge.index)).toContain("#C4C8CC");
    for (const id of ["nb_research", "nat_0aaa", "igw_0aaa", "internet_0"]) expect(hasClass(diagram, id, "onPath")).toBe(true);
  });

  it("keeps the architecture around the path (AZ nesting) and a summary node", () => {
    expect(ancestry(diagram, "nb_research")).toEqual(["region_111122223333_us_east_1", "vpc_0aaa", "vpc_0aaa_us_east_1a", "subnet_0qa", "nb_research"]);
    expect(hasClass(diagram, "verdict_summary", "verdictReachable")).toBe(true);
    expect(diagram.items.get("verdict_summary")?.label).toContain("REACHABLE<br>research → internet (tcp/443)");
  });
});

describe("pathDiagram, blocked", () => {
  it("puts a red note in the subnet where an invisible component (a NACL) blocks, with its code and rule", () => {
    const diagram = draw(blockedByNacl());
    const note = diagram.items.get("blocked_at");
    expect(note?.label).toContain("Blocked: SUBNET_ACL_RESTRICTION");
    expect(note?.label).toContain("rule 90 deny tcp 443 to 52.216.0.0/15");
    expect(hasClass(diagram, "blocked_at", "blocked")).toBe(true);
    expect(ancestry(diagram, "blocked_at")).toEqual(["region_111122223333_us_east_1", "vpc_0aaa", "vpc_0aaa_us_east_1a", "subnet_0qa", "blocked_at"]);
    expect(thick(diagram)).toEqual(["nb_research>blocked_at"]);
    expect(styleOf(diagram, "nb_research", "blocked_at")).toContain("#D13212");
    const notReached = diagram.edges.find((e) => e.from === "blocked_at");
    expect(notReached).toMatchObject({ to: "svc_us_east_1_s3", arrow: "-.->", label: "not reached" });
    expect(hasClass(diagram, "verdict_summary", "verdictUnreachable")).toBe(true);
  });

  it("marks a drawn component that blocks (a NAT gateway) red and joins it to the note", () => {
    const diagram = draw(blockedAtNat());
    expect(hasClass(diagram, "nat_0aaa", "blocked")).toBe(true);
    expect(thick(diagram)).toEqual(["nb_research>nat_0aaa", "nat_0aaa>blocked_at"]);
    expect(diagram.edges.find((e) => e.from === "nb_research" && e.to === "nat_0aaa" && e.arrow === "==>")?.label).toBe("BAD_STATE");
    expect(diagram.items.get("blocked_at")?.label).toContain("nat-0aaa is pending");
  });

  it("draws an undetermined stop in amber, with the component the engine does not model", () => {
    const diagram = draw(unknownAtTgw());
    expect(hasClass(diagram, "tgw_0abc", "undetermined")).toBe(true);
    expect(diagram.items.get("blocked_at")?.label).toContain("Undetermined: UNSUPPORTED_COMPONENT");
    expect(styleOf(diagram, "tgw_0abc", "blocked_at")).toContain("#FF9900");
    expect(diagram.items.has("address_10_9_0_0_16")).toBe(true);
    expect(hasClass(diagram, "verdict_summary", "verdictUnknown")).toBe(true);
  });

  it("parses with hostile tags on every resource", () => {
    for (const verdict of [reachableInternet(), blockedByNacl(), blockedAtNat(), unknownAtTgw()]) {
      const diagram = draw(verdict, hostileVpc());
      expect(diagram.items.has("nb_research")).toBe(true);
    }
  });
});

describe("pathDiagram in a large, collapsed estate", () => {
  it("takes the source's subnet out of its collapsed run and draws the bare ENI in it", () => {
    const diagram = parseMermaid(pathDiagram(indexModel(manySubnets(30)), lonelyEniToInternet(), { collapseThreshold: 4 }));
    expect(ancestry(diagram, "eni_0lonely")).toEqual(["region_111122223333_us_east_1", "vpc_0big", "vpc_0big_us_east_1b", "subnet_p00007", "eni_0lonely"]);
    const runs = [...diagram.items.values()].filter((item) => hasClass(diagram, item.id, "collapsed")).map((item) => item.label.split("<br>")[0]);
    expect(runs.sort()).toEqual(["10 private subnets", "10 private subnets", "9 private subnets"]);
    expect(thick(diagram)).toEqual(["eni_0lonely>nat_0big", "nat_0big>igw_0big", "igw_0big>internet_0"]);
  });
});

describe("pathDiagram across a peering connection", () => {
  it("draws both VPCs and the path notebook → peering connection → database instance", () => {
    const diagram = parseMermaid(pathDiagram(indexModel(peeredVpcs()), throughPeering()));
    expect(diagram.items.has("vpc_0aaa")).toBe(true);
    expect(diagram.items.has("vpc_0data")).toBe(true);
    expect(ancestry(diagram, "pcx_0peer")).toEqual(["region_111122223333_us_east_1", "pcx_0peer"]);
    expect(ancestry(diagram, "i_0db").slice(1)).toEqual(["vpc_0data", "vpc_0data_us_east_1a", "subnet_0data", "i_0db"]);
    expect(thick(diagram)).toEqual(["nb_research>pcx_0peer", "pcx_0peer>i_0db"]);
    expect(diagram.edges.find((e) => e.arrow === "==>")?.label).toBe("1 · 10.1.0.0/16 via rtb-0qa");
  });
});
