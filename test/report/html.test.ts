import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { markdownToHtmlPage } from "../../src/report/html.js";

function policyOf(html: string): string {
  const match = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("no CSP meta tag");
  return match[1];
}

function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? "");
}

describe("markdownToHtmlPage", () => {
  it("turns mermaid fences into pre.mermaid blocks with the source escaped", async () => {
    const html = await markdownToHtmlPage('# T\n\n```mermaid\nflowchart LR\n  a["x < y"] --> b\n```\n', "T");
    expect(html).toContain('<pre class="mermaid">flowchart LR\n  a[&#34;x &#60; y&#34;] --&#62; b</pre>');
  });

  it("shows raw HTML from the Markdown as text, never as markup", async () => {
    const html = await markdownToHtmlPage("hello <script>alert(1)</script> <img src=x onerror=alert(1)>\n", "T");
    const body = html.slice(html.indexOf("<main>"), html.indexOf("</main>"));
    expect(body).not.toContain("<script");
    expect(body).not.toContain("<img");
    expect(body).toContain("&#60;script&#62;");
  });

  it("escapes the title", async () => {
    const html = await markdownToHtmlPage("x", "<b>report</b>");
    expect(html).toContain("<title>&#60;b&#62;report&#60;/b&#62;</title>");
  });

  it("allows no network access and admits exactly its own scripts by hash", async () => {
    const html = await markdownToHtmlPage("x", "T");
    const policy = policyOf(html);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("connect-src 'none'");
    expect(policy).not.toContain("unsafe-inline' 'sha");
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    const scripts = inlineScripts(html);
    expect(scripts).toHaveLength(2);
    for (const script of scripts) {
      const hash = createHash("sha256").update(script, "utf8").digest("base64");
      expect(policy).toContain(`'sha256-${hash}'`);
    }
  });

  it("inlines Mermaid's browser bundle so the page renders offline", async () => {
    const html = await markdownToHtmlPage("x", "T");
    expect(html.length).toBeGreaterThan(1_000_000);
    expect(html).toContain("mermaid.initialize(");
    expect(html).not.toMatch(/<script[^>]+src=/);
  });
});
