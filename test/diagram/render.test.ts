/**
 * Rendering in Debian's Chromium, in one page with Mermaid loaded once: one browser for all renders
 * here (kept to a few, they run in CI). Checks that a hostile-tag diagram yields an SVG with no
 * script, no HTML and no event handlers, with the tags shown as text; that SVG and PNG files are
 * written; that one render's settings or failure do not leak into the next; and that the page serves
 * only Mermaid's own module files.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { architectureDiagram } from "../../src/diagram/architecture.js";
import { pathDiagram } from "../../src/diagram/path.js";
import { DiagramRenderer, findBrowser, formatOf, toMarkdown, writeDiagrams } from "../../src/diagram/render.js";
import { moduleFile } from "../../src/diagram/mermaid-page.js";
import { InputError } from "../../src/model/errors.js";
import { indexModel } from "../../src/model/indexes.js";
import { loadModel } from "../../src/snapshot/load.js";
import { hostileVpc, sagemakerVpc } from "./networks.js";
import { blockedByNacl } from "./verdicts.js";

/** Every start tag in an SVG document, with its attribute names. */
function tags(svg: string): { name: string; attributes: string[] }[] {
  return [...svg.matchAll(/<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*\/?>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attributes: [...(m[2] ?? "").matchAll(/([\w:.-]+)\s*=/g)].map((a) => a[1]!.toLowerCase()),
  }));
}

/** The text content of the SVG's <text>/<tspan> elements, entities decoded. */
function texts(svg: string): string {
  const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  return [...svg.matchAll(/>([^<]+)</g)].map((m) => decode(m[1]!)).join("");
}

describe("rendering in Chromium", () => {
  let renderer: DiagramRenderer;
  let folder: string;

  beforeAll(async () => {
    renderer = await DiagramRenderer.open();
    folder = await mkdtemp(join(tmpdir(), "vpcreach-diagram-"));
  });

  afterAll(async () => {
    await renderer?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it("renders a hostile-tag diagram to an SVG with no script, HTML or event handler, the tags shown as text", async () => {
    const svg = new TextDecoder().decode(await renderer.render(architectureDiagram(indexModel(hostileVpc())), "svg"));
    expect(svg.startsWith("<svg")).toBe(true);
    const found = tags(svg);
    expect(found.length).toBeGreaterThan(50);
    const names = new Set(found.map((t) => t.name));
    for (const forbidden of ["script", "foreignobject", "img", "iframe", "object", "embed", "a", "div", "span"]) expect(names.has(forbidden)).toBe(false);
    for (const tag of found) {
      for (const attribute of tag.attributes) expect(attribute.startsWith("on")).toBe(false);
      expect(tag.attributes).not.toContain("href");
      expect(tag.attributes).not.toContain("xlink:href");
    }
    const shown = texts(svg);
    expect(shown).toContain("'><script>alert(1)</script>");
    expect(shown).toContain("<img src=x onerror=alert(2)>");
    expect(shown).toContain("subgraph x end click a call");
    // The VPC, its AZs and its subnets survived as boxes: the hostile names did not break the structure.
    expect(svg).toContain('id="my-svg-vpc_0aaa"');
    expect(svg).toContain('id="my-svg-subnet_0qa"');
  });

  it("stays safe where .md output is drawn with HTML labels and dagre (as GitHub does): no script, no event handler", async () => {
    const svg = new TextDecoder().decode(
      await renderer.render(architectureDiagram(indexModel(hostileVpc())), "svg", { htmlLabels: true, flowchart: { htmlLabels: true }, layout: "dagre" }),
    );
    const found = tags(svg);
    expect(found.some((t) => t.name === "foreignobject")).toBe(true); // HTML labels really were used
    for (const forbidden of ["script", "img", "iframe", "object", "embed"]) expect(found.some((t) => t.name === forbidden)).toBe(false);
    for (const tag of found) expect(tag.attributes.filter((a) => a.startsWith("on") || a.endsWith("href"))).toEqual([]);
    expect(texts(svg)).toContain("<img src=x onerror=alert(2)>");
  });

  it("renders fixtures/hostile-tags to an SVG with no script element and its tags as escaped text", async () => {
    const model = await loadModel("fixtures/hostile-tags");
    const svg = new TextDecoder().decode(await renderer.render(architectureDiagram(indexModel(model)), "svg"));
    const names = new Set(tags(svg).map((t) => t.name));
    expect(names.has("script")).toBe(false);
    expect(names.has("foreignobject")).toBe(false);
    expect(tags(svg).every((t) => t.attributes.every((a) => !a.startsWith("on")))).toBe(true);
    expect(svg).toContain("&lt;script&gt;");
  });

  it("writes .svg, .png, .mmd and .md files for a path diagram, reusing the open browser", async () => {
    const mermaid = pathDiagram(indexModel(sagemakerVpc()), blockedByNacl());
    const files = ["path.svg", "path.png", "path.mmd", "path.md"].map((name) => join(folder, name));
    await writeDiagrams(files.map((outFile) => ({ mermaid, outFile, title: "research → s3" })), { renderer });
    const [svg, png, mmd, md] = await Promise.all(files.map((file) => readFile(file)));
    expect(svg!.toString("utf8")).toContain("SUBNET_ACL_RESTRICTION");
    expect([...png!.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png!.readUInt32BE(16)).toBeGreaterThan(500); // width from the IHDR chunk
    expect(mmd!.toString("utf8")).toBe(mermaid);
    expect(md!.toString("utf8")).toBe(`# research → s3\n\n\`\`\`mermaid\n${mermaid.trimEnd()}\n\`\`\`\n`);
  });

  it("renders many diagrams in one page without one's settings leaking into the next", async () => {
    const mermaid = architectureDiagram(indexModel(sagemakerVpc()));
    const render = async (overrides = {}) => new TextDecoder().decode(await renderer.render(mermaid, "svg", overrides));
    // Shapes are drawn with randomised control points, so compare the SVGs without path data.
    const shape = (svg: string) => svg.replace(/ d="[^"]*"/g, "");
    const before = await render();
    const withHtml = await render({ htmlLabels: true, flowchart: { htmlLabels: true }, layout: "dagre" });
    const after = await render();
    expect(withHtml).toContain("<foreignObject");
    expect(after).not.toContain("<foreignObject");
    expect(shape(after)).toBe(shape(before));
  });

  it("rejects a diagram Mermaid cannot parse with its error, then renders the next one", async () => {
    await expect(renderer.render("flowchart LR\n  a --> \n  subgraph", "svg")).rejects.toThrow(/Parse error|Expecting|Syntax/i);
    const svg = new TextDecoder().decode(await renderer.render("flowchart LR\n  a[\"first\"] --> b[\"second\"]\n", "svg"));
    expect(texts(svg)).toContain("second");
  });
});

describe("output formats and browser discovery (no browser needed)", () => {
  it("picks the format from the extension and rejects others with an InputError", () => {
    expect(formatOf("a/b.SVG")).toBe("svg");
    expect(formatOf("x.md")).toBe("md");
    expect(() => formatOf("diagram.pdf")).toThrow(InputError);
    expect(() => formatOf("diagram")).toThrow(/use \.mmd, \.md, \.svg or \.png/);
  });

  it("escapes a Markdown heading", () => {
    expect(toMarkdown("flowchart LR\n", "a *b* <c>\nd")).toBe("# a \\*b\\* \\<c\\> d\n\n```mermaid\nflowchart LR\n```\n");
  });

  it("serves the page only .mjs files inside Mermaid's and the ELK layout's folders", () => {
    const roots = { mermaid: "/m/dist", elk: "/e/dist" };
    expect(moduleFile("/mermaid/mermaid.esm.mjs", roots)).toBe("/m/dist/mermaid.esm.mjs");
    expect(moduleFile("/elk/chunks/x/render.mjs", roots)).toBe("/e/dist/chunks/x/render.mjs");
    expect(moduleFile("/mermaid/%2e%2e/%2e%2e/etc/secret.mjs", roots)).toBeUndefined();
    expect(moduleFile("/mermaid/../package.mjs", roots)).toBeUndefined();
    expect(moduleFile("/mermaid/mermaid.min.js", roots)).toBeUndefined();
    expect(moduleFile("/node_modules/x.mjs", roots)).toBeUndefined();
  });

  it("uses PUPPETEER_EXECUTABLE_PATH when set, and names it when it does not exist", async () => {
    expect(await findBrowser({ PUPPETEER_EXECUTABLE_PATH: process.execPath })).toBe(process.execPath);
    await expect(findBrowser({ PUPPETEER_EXECUTABLE_PATH: "/nonexistent/chrome" })).rejects.toThrow(/PUPPETEER_EXECUTABLE_PATH.*\/nonexistent\/chrome/);
  });
});
