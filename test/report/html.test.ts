/**
 * report.html as text: self-contained (Mermaid inlined, a CSP that allows no network and admits only
 * its own scripts by hash), built from the report's data with every account name escaped, and laid
 * out for reading: navigation, a matrix whose cells link to proofs, and one proof per cell.
 */
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadModel } from "../../src/snapshot/load.js";
import { createAnalyzer, STANDARD_DESTINATIONS } from "../../src/engine/index.js";
import { composeReport, type ReportData } from "../../src/report/compose.js";
import { escapeHtml, reportToHtmlPage } from "../../src/report/html.js";

async function pageFor(fixture: string): Promise<{ data: ReportData; html: string }> {
  const analyzer = createAnalyzer(await loadModel(`fixtures/${fixture}`));
  const data = composeReport(analyzer, { snapshotPath: `fixtures/${fixture}`, toolVersion: "0.0.0-test", generatedAt: "2026-01-01T00:00:00.000Z" });
  return { data, html: [...(await reportToHtmlPage(data))].join("") };
}

function policyOf(html: string): string {
  const match = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("no CSP meta tag");
  return match[1];
}

function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? "");
}

function mainOf(html: string): string {
  return html.slice(html.indexOf("<body>"), html.indexOf("<script>"));
}

describe("reportToHtmlPage", () => {
  let example: { data: ReportData; html: string };
  let hostile: { data: ReportData; html: string };

  beforeAll(async () => {
    example = await pageFor("ml-platform");
    hostile = await pageFor("hostile-tags");
  });

  it("allows no network access and admits exactly its own scripts by hash", () => {
    const policy = policyOf(example.html);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("connect-src 'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    const scripts = inlineScripts(example.html);
    expect(scripts).toHaveLength(2);
    for (const script of scripts) {
      const hash = createHash("sha256").update(script, "utf8").digest("base64");
      expect(policy).toContain(`'sha256-${hash}'`);
    }
  });

  it("inlines Mermaid's browser bundle so the page renders offline", () => {
    expect(example.html.length).toBeGreaterThan(1_000_000);
    expect(example.html).toContain("mermaid.initialize(");
    expect(example.html).not.toMatch(/<script[^>]+src=/);
  });

  it("links every matrix cell to a proof that exists, with a hop table and a diagram", () => {
    const body = mainOf(example.html);
    const matrix = body.slice(body.indexOf('<table class="matrix">'), body.indexOf("</table>", body.indexOf('<table class="matrix">')));
    const targets = [...matrix.matchAll(/href="#([^"]+)"/g)].map((match) => match[1] ?? "");
    expect(targets).toHaveLength(example.data.audit.rows.length * STANDARD_DESTINATIONS.length);
    for (const target of targets) {
      const article = new RegExp(`<article class="proof [a-z]+" id="${target}"[\\s\\S]*?</article>`).exec(body)?.[0] ?? "";
      expect(article, target).toContain('<table class="hops">');
      // Its own diagram, or a link to the proof whose diagram it shares.
      const shared = /<p class="note shared-diagram">[^<]*<a href="#([^"]+)">/.exec(article)?.[1];
      const drawnIn = shared ? (new RegExp(`<article class="proof [a-z]+" id="${shared}"[\\s\\S]*?</article>`).exec(body)?.[0] ?? "") : article;
      expect(drawnIn, target).toContain('<pre class="mermaid">');
    }
  });

  it("has a navigation bar and contents whose links all resolve to an id on the page", () => {
    const body = mainOf(example.html);
    expect(body).toContain('<nav class="bar"');
    const ids = new Set([...body.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]));
    const targets = [...body.matchAll(/href="#([^"]*)"/g)].map((match) => match[1]);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => !ids.has(target))).toEqual([]);
  });

  it("shows the verdict counts and the findings grouped by severity with badges", () => {
    const body = mainOf(example.html);
    const reach = Object.values(example.data.summary.reach).reduce((sum, counts) => sum + counts.reachable, 0);
    expect(body).toContain(`✓ ${reach} reachable`);
    for (const finding of example.data.audit.findings) expect(body).toContain(`<h3 id="findings-${finding.severity}"><span class="sev ${finding.severity}">`);
  });

  it("says a network where every cell is blocked has findings", async () => {
    const { html } = await pageFor("nacl-blocks-replies");
    expect(mainOf(html)).not.toContain("No findings");
    expect(mainOf(html)).toContain("notebook-no-sagemaker");
  });

  it("never carries markup from account-supplied names", () => {
    const body = mainOf(hostile.html);
    expect(body).not.toMatch(/<script/i);
    expect(body).toContain("&#60;script&#62;");
  });

  it("escapes HTML and drops control characters", () => {
    // Twice: the second time from the texts escapeHtml keeps.
    for (let i = 0; i < 2; i++) expect(escapeHtml('<b a="1">\u001b[2J&\u202e</b>')).toBe("&#60;b a=&#34;1&#34;&#62;[2J&#38;&#60;/b&#62;");
  });
});
