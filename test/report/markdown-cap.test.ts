/**
 * The Markdown report of a large estate stays within what GitHub shows (MARKDOWN_BUDGET): the
 * summary, the sources with a blocked or undetermined cell, the findings and the cost tables, with
 * report.html and report.json named for the rest; a report that fits is written whole.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { synthesize } from "../../bench/synth.js";
import { createAnalyzer, STANDARD_DESTINATIONS } from "../../src/engine/index.js";
import { composeReport, type ReportData } from "../../src/report/compose.js";
import { joinedBytes } from "../../src/report/markdown-bytes.js";
import { MARKDOWN_BUDGET, reportToMarkdown } from "../../src/report/render-markdown.js";
import { loadModel } from "../../src/snapshot/load.js";

async function reportOf(snapshot: string): Promise<ReportData> {
  const analyzer = createAnalyzer(await loadModel(snapshot));
  return composeReport(analyzer, { snapshotPath: snapshot, toolVersion: "0.0.0-test", generatedAt: "2026-01-01T00:00:00.000Z" });
}

const bytes = (text: string) => Buffer.byteLength(text);
const blockedSources = (data: ReportData) =>
  data.audit.rows.filter((row) => STANDARD_DESTINATIONS.some((d) => row.cells[d]?.verdict !== "reachable")).map((row) => row.source.id);

describe("a report that fits is written whole", () => {
  it("the ML platform's README has every section, proofs and diagrams included", async () => {
    const markdown = reportToMarkdown(await reportOf("fixtures/ml-platform"));
    expect(bytes(markdown)).toBeLessThan(MARKDOWN_BUDGET);
    for (const section of ["## Proofs", "## Architecture", "```mermaid"]) expect(markdown).toContain(section);
    expect(markdown).not.toContain("report.html#");
  });
});

describe("a report over the budget is capped", () => {
  let data: ReportData;
  let full: string;
  let capped: string;
  const budget = 20_000;
  beforeAll(async () => {
    // 12 sources (notebooks and SageMaker workloads), 3 of them with a blocked cell.
    data = await reportOf("fixtures/sagemaker-workloads");
    full = reportToMarkdown(data, Number.POSITIVE_INFINITY);
    capped = reportToMarkdown(data, budget);
  });

  it("fits the budget, keeps the summary and findings, drops proofs and diagrams, and says where they are", () => {
    expect(bytes(full)).toBeGreaterThan(budget);
    expect(bytes(capped)).toBeLessThanOrEqual(budget);
    for (const section of ["## Summary", "## Reachability", "## Findings"]) expect(capped).toContain(section);
    for (const gone of ["## Proofs", "## Architecture", "```mermaid"]) expect(capped).not.toContain(gone);
    expect(capped).toContain("[report.html](report.html)");
    expect(capped).toContain(`The full report of this estate is more than ${budget / 1000} kB of Markdown`);
  });

  it("lists the sources with a blocked or undetermined cell, each cell linking to its proof in report.html", () => {
    const matrix = capped.slice(capped.indexOf("## Reachability"), capped.indexOf("## Findings"));
    const rows = matrix.split("\n").filter((line) => line.startsWith("| `"));
    expect(rows).toHaveLength(blockedSources(data).length);
    expect(rows.length).toBeLessThan(data.audit.rows.length);
    for (const line of rows) expect(line).toMatch(/\[(✗|\?) /);
    const anchors = [...matrix.matchAll(/\]\(report\.html#([^)]+)\)/g)].map((m) => m[1]);
    expect(anchors).toHaveLength(rows.length * STANDARD_DESTINATIONS.length);
    for (const anchor of anchors) expect(data.paths.map((p) => p.anchor)).toContain(anchor);
    expect(matrix).toContain(`the ${data.audit.rows.length - rows.length} that reach all four destinations are in report.html`);
  });

  it("keeps the most severe findings first when not all fit", () => {
    const tiny = reportToMarkdown(data, 9_000);
    expect(bytes(tiny)).toBeLessThanOrEqual(9_000);
    const findings = tiny.slice(tiny.indexOf("## Findings"), tiny.indexOf("## Egress cost"));
    const kept = [...findings.matchAll(/^- .*? \(`([^`]+)`\): /gm)].map((m) => m[1]);
    const dropped = data.audit.findings.length - kept.length;
    expect(kept.length).toBeGreaterThan(0);
    expect(dropped).toBeGreaterThan(0);
    expect(findings).toContain(`_${dropped} more findings (the least severe) are in report.html and report.json._`);
    // The audit lists findings most severe first: what is kept is a prefix of that order.
    expect(kept).toEqual(data.audit.findings.slice(0, kept.length).map((finding) => finding.resource));
  });
});

describe("a synthetic estate of 100 notebooks", () => {
  it("gets a README within the budget that lists every source with a blocked cell and every finding", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "vpcreach-cap-")), "estate");
    await synthesize({ size: "small", seed: "cap", out });
    const data = await reportOf(out);
    expect(data.audit.rows.length).toBe(100);
    const full = reportToMarkdown(data, Number.POSITIVE_INFINITY);
    const readme = reportToMarkdown(data);
    expect(bytes(full)).toBeGreaterThan(MARKDOWN_BUDGET);
    expect(bytes(readme)).toBeLessThanOrEqual(MARKDOWN_BUDGET);
    const matrix = readme.slice(readme.indexOf("## Reachability"), readme.indexOf("## Findings"));
    for (const source of blockedSources(data)) expect(matrix).toContain(`\`${source}\``);
    for (const finding of data.audit.findings) expect(readme).toContain(finding.resource);
    expect(readme).toContain("### Totals per VPC");
  }, 120_000);
});

describe("joinedBytes: whether the README fits, measured without joining the report", () => {
  // What the README is when written whole: each section's lines joined and trimmed at the end, blank sections dropped.
  const joined = (sections: string[][]) => `${sections.map((lines) => lines.join("\n").trimEnd()).filter(Boolean).join("\n\n")}\n`;
  const cases: [string, string[][]][] = [
    ["one line", [["# Title"]]],
    ["trailing blank lines and spaces", [["## A", "", "text  ", "", " "], ["## B", "x", ""]]],
    ["a blank section between two", [["a"], ["", "  ", ""], ["b"]]],
    ["leading blanks kept", [["", "  indented"]]],
    ["lines holding breaks (tables)", [["| a |\n| - |\n| ✓ |\n", ""], ["🔴 **HIGH**\n \n"]]],
    ["every section blank", [[""], []]],
    ["multi-byte text", [["→ ✗ é", "中文 "]]],
  ];
  it.each(cases)("%s", (_, sections) => {
    expect(joinedBytes(sections)).toBe(Buffer.byteLength(joined(sections)));
  });

  it.each(cases)("%s, up to each limit: the length when within it, else a length past it and no section after read", (_, sections) => {
    const whole = Buffer.byteLength(joined(sections));
    const unread: Iterable<string> = {
      [Symbol.iterator]: () => {
        throw new Error("a section after the limit was passed was read");
      },
    };
    for (let limit = 0; limit <= whole + 3; limit++) {
      if (whole <= limit) expect(joinedBytes(sections, limit), `limit ${limit}`).toBe(whole);
      else expect(joinedBytes([...sections, unread], limit), `limit ${limit}`).toBeGreaterThan(limit);
    }
  });

  it("reads no line after the one that passes the limit (a large estate's proofs are never rendered)", () => {
    let read = 0;
    function* endless(): Generator<string> {
      for (;;) {
        read += 1;
        if (read > 10) throw new Error("read past the limit");
        yield "0123456789";
      }
    }
    expect(joinedBytes([["# Title"], endless(), ["never read"]], 40)).toBeGreaterThan(40);
    // "# Title" and its break take 10 of the 40 bytes: the third line of ten (32 bytes with two breaks) passes the 30 left.
    expect(read).toBe(3);
  });
});
