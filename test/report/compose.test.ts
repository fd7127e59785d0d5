import { describe, expect, it } from "vitest";
import { loadModel } from "../../src/snapshot/load.js";
import { createAnalyzer, STANDARD_DESTINATIONS } from "../../src/engine/index.js";
import { composeReport, drawnPaths, fileStem } from "../../src/report/compose.js";
import { reportToMarkdown } from "../../src/report/render-markdown.js";

async function reportFor(fixture: string) {
  const analyzer = createAnalyzer(await loadModel(`fixtures/${fixture}`));
  const data = composeReport(analyzer, {
    snapshotPath: `fixtures/${fixture}`,
    toolVersion: "0.0.0-test",
    generatedAt: "2026-01-01T00:00:00.000Z",
  });
  return { analyzer, data, markdown: reportToMarkdown(data) };
}

describe("composeReport", () => {
  it("has one architecture diagram per VPC and one proof (anchor and focused path diagram) per notebook and standard destination", async () => {
    const { analyzer, data } = await reportFor("ml-platform");
    expect(data.architecture.map((entry) => entry.name)).toEqual(
      [...analyzer.model.vpcs.keys()].sort().map((id) => `architecture-${id}`),
    );
    expect(data.paths).toHaveLength(analyzer.model.notebooks.size * STANDARD_DESTINATIONS.length);
    expect(new Set(data.paths.map((entry) => entry.name)).size).toBe(data.paths.length);
    expect(new Set(data.paths.map((entry) => entry.anchor)).size).toBe(data.paths.length);
    // Focused: no proof diagram draws the whole VPC (the summary box and dimmed architecture edges are gone).
    for (const entry of drawnPaths(data)) expect(entry.mermaid).not.toContain("verdict_summary");
    for (const entry of [...data.architecture, ...drawnPaths(data)]) expect(entry.mermaid).toMatch(/^(%%.*\n)?flowchart /);
  });

  it("draws every blocked and undetermined path, and each shape of reachable path once (issue 17, item 5)", async () => {
    for (const fixture of ["ml-platform", "sagemaker-workloads", "hub-and-spoke"]) {
      const { data } = await reportFor(fixture);
      const byAnchor = new Map(data.paths.map((p) => [p.anchor, p]));
      for (const [i, proof] of data.paths.entries()) {
        if (proof.verdict !== "reachable") expect(proof.mermaid, proof.title).toBeDefined();
        if (proof.mermaid !== undefined) {
          expect(proof.sharesDiagramOf).toBeUndefined();
          continue;
        }
        // A shared diagram is an earlier reachable proof's own, to the same destination.
        const owner = byAnchor.get(proof.sharesDiagramOf!.anchor)!;
        expect(owner.mermaid, proof.title).toBeDefined();
        expect(owner.verdict).toBe("reachable");
        expect(owner.destination).toBe(proof.destination);
        expect(data.paths.indexOf(owner)).toBeLessThan(i);
      }
    }
    // research-notebook and sandbox-direct share a subnet and reach the SageMaker endpoints the same way.
    const { data } = await reportFor("ml-platform");
    const shared = data.paths.filter((p) => p.sharesDiagramOf).map((p) => `${p.title} → ${p.sharesDiagramOf!.anchor}`);
    expect(shared).toEqual([
      "sandbox-direct → sagemaker-api: reachable → proof-research-notebook-sagemaker-api",
      "sandbox-direct → sagemaker-runtime: reachable → proof-research-notebook-sagemaker-runtime",
    ]);
    expect(drawnPaths(data)).toHaveLength(data.paths.length - 2);
  });

  it("has one hub diagram per transit gateway, drawn before the VPCs in the architecture section", async () => {
    const { data, markdown } = await reportFor("hub-and-spoke");
    expect(data.hubs.map((entry) => [entry.name, entry.title])).toEqual([["hub-tgw-0cc46f200d712ff57", "Transit gateway tgw-0cc46f200d712ff57 (hub), us-east-1"]]);
    expect(data.hubs[0]?.mermaid).toContain("subgraph tgw_0cc46f200d712ff57 [\"Transit gateway hub");
    const section = markdown.slice(markdown.indexOf("## Architecture"));
    expect(section).toContain("One diagram per transit gateway hub (its route tables and the VPCs attached to it), then one per VPC.");
    expect(section.indexOf("<summary>Transit gateway tgw-0cc46f200d712ff57")).toBeLessThan(section.indexOf("<summary>vpc-"));
    expect((await reportFor("ml-platform")).data.hubs).toEqual([]);
  });

  it("counts each destination's verdicts in the summary from the audit", async () => {
    const { data } = await reportFor("nacl-blocks-replies");
    for (const destination of STANDARD_DESTINATIONS) {
      const verdicts = data.audit.rows.map((row) => row.cells[destination]?.verdict);
      expect(data.summary.reach[destination]).toEqual({
        reachable: verdicts.filter((v) => v === "reachable").length,
        unreachable: verdicts.filter((v) => v === "unreachable").length,
        unknown: verdicts.filter((v) => v === "unknown").length,
      });
    }
    expect(data.summary.reach.internet?.unreachable).toBeGreaterThan(0);
  });

  it("orders the top findings by severity, high first", async () => {
    const { data } = await reportFor("ml-platform");
    const order = ["high", "medium", "low", "info"];
    const ranks = data.summary.topFindings.map((finding) => order.indexOf(finding.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(data.summary.topFindings.length).toBeLessThanOrEqual(5);
  });
});

describe("reportToMarkdown", () => {
  it("shows a blocked cell with the blocking component and its explanation code", async () => {
    const { data, markdown } = await reportFor("nacl-blocks-replies");
    const blocked = data.audit.rows[0]?.cells.internet?.blockedAt;
    expect(blocked?.code).toBe("SUBNET_ACL_RESTRICTION");
    const matrixLine = markdown.split("\n").find((line) => line.startsWith(`| \`${data.audit.rows[0]?.source.id}\``));
    expect(matrixLine).toContain(`[✗ blocked\\: ${blocked?.component} SUBNET\\_ACL\\_RESTRICTION (return)](#proof-`);
  });

  it("puts sections in reading order: summary, matrix, findings, proofs, architecture, cost", async () => {
    const { markdown } = await reportFor("ml-platform");
    const positions = ["## Summary", "## Reachability", "## Findings", "## Proofs", "## Architecture", "## Egress cost"].map((heading) =>
      markdown.indexOf(`\n${heading}`),
    );
    expect(positions.every((position) => position > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("never carries markup from account-supplied names", async () => {
    const { markdown } = await reportFor("hostile-tags");
    const outsideFences = markdown.replace(/```mermaid[\s\S]*?```/g, "");
    expect(outsideFences).not.toMatch(/<script/i);
    expect(markdown).not.toMatch(/<script/i);
  });
});

describe("reportToMarkdown links and proofs", () => {
  it("links every matrix cell to an anchor whose proof has a hop table and a path diagram", async () => {
    const { data, markdown } = await reportFor("ml-platform");
    const matrix = markdown.slice(markdown.indexOf("## Reachability"), markdown.indexOf("## Findings"));
    const targets = [...matrix.matchAll(/\]\(#(proof-[^)]+)\)/g)].map((match) => match[1] ?? "");
    expect(targets).toHaveLength(data.paths.length);
    for (const target of targets) {
      const start = markdown.indexOf(`<a id="${target}"></a>`);
      expect(start, target).toBeGreaterThan(0);
      const proof = markdown.slice(start, markdown.indexOf("[Back to the matrix]", start));
      expect(proof).toContain("| Hop | Component | Type | Rule or route used |");
      const shared = /Diagram not repeated: [^\n]*?\]\(#(proof-[^)]+)\)/.exec(proof)?.[1];
      const drawnIn = shared ? markdown.slice(markdown.indexOf(`<a id="${shared}"></a>`), markdown.indexOf("[Back to the matrix]", markdown.indexOf(`<a id="${shared}"></a>`))) : proof;
      expect(drawnIn, target).toContain("```mermaid");
    }
  });

  it("lists the contents, each pointing at a heading of the report", async () => {
    const { markdown } = await reportFor("nacl-blocks-replies");
    const contents = markdown.split("\n").find((line) => line.startsWith("Contents: ")) ?? "";
    const anchors = [...contents.matchAll(/\(#([^)]+)\)/g)].map((match) => match[1]);
    // GitHub's anchor of a heading: lower case, spaces to dashes.
    const headings = new Set([...markdown.matchAll(/^## (.+)$/gm)].map((match) => match[1]?.toLowerCase().replace(/ /g, "-")));
    expect(anchors.length).toBeGreaterThan(4);
    expect(anchors.filter((anchor) => !headings.has(anchor))).toEqual([]);
  });

  it("gives every table a header for each of its columns", async () => {
    const { markdown } = await reportFor("ml-platform");
    const headers = markdown.split("\n").filter((line, i, lines) => line.startsWith("|") && /^\|[-:| ]+\|$/.test(lines[i + 1] ?? ""));
    expect(headers.length).toBeGreaterThan(3);
    for (const header of headers) expect(header.split("|").slice(1, -1).map((cell) => cell.trim())).not.toContain("");
  });

  it("says a network where every cell is blocked has findings", async () => {
    const { markdown } = await reportFor("nacl-blocks-replies");
    expect(markdown).not.toContain("_No findings._");
    expect(markdown).toContain("cannot reach the SageMaker API");
  });
});

describe("fileStem", () => {
  it.each([
    ["research-notebook", "research-notebook"],
    ["a/b c", "a-b-c"],
    ["../../etc/passwd", "..-..-etc-passwd"],
    ["", "item"],
  ])("%j → %j", (input, expected) => {
    expect(fileStem(input)).toBe(expected);
  });
});
