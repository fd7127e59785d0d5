import { describe, expect, it } from "vitest";
import { loadModel } from "../../src/snapshot/load.js";
import { createAnalyzer, STANDARD_DESTINATIONS } from "../../src/engine/index.js";
import { composeReport, fileStem } from "../../src/report/compose.js";
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
  it("has one architecture diagram per VPC and one path diagram per notebook and standard destination", async () => {
    const { analyzer, data } = await reportFor("ml-platform");
    expect(data.architecture.map((entry) => entry.name)).toEqual(
      [...analyzer.model.vpcs.keys()].sort().map((id) => `architecture-${id}`),
    );
    expect(data.paths).toHaveLength(analyzer.model.notebooks.size * STANDARD_DESTINATIONS.length);
    expect(new Set(data.paths.map((entry) => entry.name)).size).toBe(data.paths.length);
    for (const entry of [...data.architecture, ...data.paths]) expect(entry.mermaid).toMatch(/^(%%.*\n)?flowchart /);
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
    expect(matrixLine).toContain(`✗ blocked: ${blocked?.component} SUBNET\\_ACL\\_RESTRICTION (return)`);
  });

  it("puts sections in reading order: summary, matrix, findings, diagrams, cost", async () => {
    const { markdown } = await reportFor("ml-platform");
    const positions = ["## Summary", "## Reachability", "## Findings", "## Architecture", "## Paths", "## Egress cost"].map((heading) =>
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
