/**
 * The focused path view the report draws (only what the path crosses), a security-group block drawn
 * at the instance whose group blocks, and VPC titles that do not repeat "VPC".
 */
import { describe, expect, it } from "vitest";
import { PathArchitectures, pathDiagram } from "../../src/diagram/path.js";
import { architectureDiagram } from "../../src/diagram/architecture.js";
import { indexModel } from "../../src/model/indexes.js";
import { createAnalyzer } from "../../src/engine/index.js";
import { runAudit } from "../../src/engine/audit.js";
import type { Verdict } from "../../src/engine/verdict.js";
import { loadModel } from "../../src/snapshot/load.js";
import { ancestry, hasClass, parseMermaid } from "./mermaid-parse.js";
import { manySubnets, sagemakerVpc } from "./networks.js";
import { blockedByNacl, reachableInternet } from "./verdicts.js";

describe("pathDiagram with focus", () => {
  const index = indexModel(sagemakerVpc());

  it("draws the path's components and the groups that hold them, nothing else", () => {
    const full = parseMermaid(pathDiagram(index, reachableInternet()));
    const focused = parseMermaid(pathDiagram(index, reachableInternet(), { focus: true }));
    const nodes = [...focused.items.values()].filter((item) => item.kind === "node").map((item) => item.id).sort();
    expect(nodes).toEqual(["igw_0aaa", "internet_0", "nat_0aaa", "nb_research"]);
    expect(focused.items.size).toBeLessThan(full.items.size);
    // Every kept node still sits in its Region › VPC › AZ › subnet.
    expect(ancestry(focused, "nb_research")).toEqual(ancestry(full, "nb_research"));
    // Only the path's own edges: no dimmed architecture edge, no summary box.
    expect(focused.edges.map((edge) => edge.arrow)).toEqual(["==>", "==>", "==>"]);
    expect(focused.items.has("verdict_summary")).toBe(false);
  });

  it("keeps the block note, the subnet it sits in and the destination it did not reach", () => {
    const focused = parseMermaid(pathDiagram(index, blockedByNacl(), { focus: true }));
    expect(hasClass(focused, "blocked_at", "blocked")).toBe(true);
    expect(ancestry(focused, "blocked_at")).toContain("subnet_0qa");
    expect(focused.edges.find((edge) => edge.from === "blocked_at")?.to).toBe("svc_us_east_1_s3");
  });
});

describe("security-group blocks on an address", () => {
  it("are drawn at the instance that holds the address, not at a floating address node", async () => {
    const analyzer = createAnalyzer(await loadModel("fixtures/ml-platform"));
    const verdict = analyzer.query({ from: "research-notebook", to: "10.20.32.42", protocol: "tcp", port: 443 });
    expect(verdict.blockedAt?.type).toBe("security-group");
    const diagram = parseMermaid(pathDiagram(analyzer.index, verdict, { focus: true }));
    expect([...diagram.items.keys()].filter((id) => id.startsWith("address"))).toEqual([]);
    expect(hasClass(diagram, "i_05cb92cc63f1e01ad", "blocked")).toBe(true);
    expect(diagram.edges.some((edge) => edge.from === "i_05cb92cc63f1e01ad" && edge.to === "blocked_at")).toBe(true);
  });
});

describe("VPC titles", () => {
  it.each([
    ["VPC A", "VPC A · vpc-0aaa"],
    ["prod-vpc", "prod-vpc · vpc-0aaa"],
    ["analytics", "VPC analytics · vpc-0aaa"],
  ])("a VPC named %j is titled %j", (name, title) => {
    const model = sagemakerVpc((id) => (id === "vpc-0aaa" ? name : undefined));
    const diagram = parseMermaid(architectureDiagram(indexModel(model)));
    expect(diagram.items.get("vpc_0aaa")?.label.startsWith(title)).toBe(true);
  });
});

describe("focused path diagrams drawn on shared architectures", () => {
  /** Each verdict's focused diagram drawn anew, then on drawings shared by all (and on a cache of one, which redraws). */
  function expectSameAsDrawnAnew(index: ReturnType<typeof indexModel>, verdicts: readonly Verdict[]): void {
    const shared = new PathArchitectures();
    const single = new PathArchitectures(1);
    for (const verdict of verdicts) {
      const anew = pathDiagram(index, verdict, { focus: true });
      expect(pathDiagram(index, verdict, { focus: true, architectures: shared })).toBe(anew);
      expect(pathDiagram(index, verdict, { focus: true, architectures: single })).toBe(anew);
    }
  }

  it.each(["ml-platform", "hub-and-spoke", "hostile-tags", "tgw-appliance-mode", "sagemaker-workloads", "odd-data", "nacl-blocks-replies", "ingress-routing", "vpc-only-endpoints"])(
    "%s: every audit cell (instances too) is drawn exactly as on a fresh drawing",
    async (fixture) => {
      const analyzer = createAnalyzer(await loadModel(`fixtures/${fixture}`));
      const verdicts = runAudit(analyzer, { instances: true }).rows.flatMap((row) => Object.values(row.cells));
      expectSameAsDrawnAnew(analyzer.index, verdicts);
    },
  );

  it("a path that keeps a subnet of a folded run visible does not share the drawing of paths that fold it", () => {
    const analyzer = createAnalyzer(manySubnets(40));
    const verdicts = [
      analyzer.query({ from: "eni-0lonely", to: "internet" }),
      analyzer.query({ from: "eni-0lonely", to: "10.0.9.10", protocol: "tcp", port: 443 }),
      analyzer.query({ from: "eni-0bignat", to: "internet" }),
      analyzer.query({ from: "eni-0lonely", to: "s3" }),
    ];
    expectSameAsDrawnAnew(analyzer.index, verdicts);
    const lonely = parseMermaid(pathDiagram(analyzer.index, verdicts[0]!, { focus: true, architectures: new PathArchitectures() }));
    expect(lonely.items.get("subnet_p00007")?.kind).toBe("group");
  });
});
