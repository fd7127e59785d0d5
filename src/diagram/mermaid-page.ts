/**
 * One Chromium page that loads Mermaid (and its ELK layout) once and then renders any number of
 * diagrams with `mermaid.render`, returning SVG text or a PNG screenshot. Loading Mermaid's modules
 * costs a second or more; mermaid-cli's `renderMermaid` pays it for every diagram, since it opens a
 * fresh page each time. The setup follows mermaid-cli's own (`src/index.js`): the ES modules of
 * `mermaid` and `@mermaid-js/layout-elk` are served to the page by request interception from a fake
 * `.invalid` origin, because Chromium will not import modules from `file://`.
 *
 * The page can reach nothing else: every other request is aborted, and its Content-Security-Policy
 * allows scripts from its own origin only (no inline script, no event-handler attribute, no eval).
 */
import { readFile, realpath } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, extname, join, relative, isAbsolute } from "node:path";
import type { MermaidConfig } from "mermaid";
import type { Browser, HTTPRequest, Page } from "puppeteer";

const ORIGIN = "https://vpcreach-render.invalid";

/** The id of every rendered `<svg>` (mermaid-cli's default, which the SVGs' CSS is scoped to). */
export const SVG_ID = "my-svg";

const PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<script type="module" src="/render.mjs"></script>
</head><body style="background: white"><div id="container"></div></body></html>
`;

/**
 * The page's module. `window.vpcreach.render` lays a diagram out inside the page, inserts the SVG (as
 * mermaid-cli does, so PNG screenshots see it) and returns its text and box.
 */
const PAGE_SCRIPT = `
import mermaid from "/mermaid/mermaid.esm.mjs";
import elkLayouts from "/elk/mermaid-layout-elk.esm.mjs";
mermaid.registerLayoutLoaders(elkLayouts);
let lastConfig = "";
window.vpcreach = {
  async render(id, source, config, background, withText) {
    const container = document.getElementById("container");
    container.replaceChildren();
    const configText = JSON.stringify(config);
    if (configText !== lastConfig) {
      mermaid.initialize({ startOnLoad: false, ...config });
      lastConfig = configText;
    }
    const { svg: text } = await mermaid.render(id, source, container);
    container.innerHTML = text;
    const svg = container.querySelector("svg");
    svg.style.backgroundColor = background;
    const box = svg.getBoundingClientRect();
    return {
      svg: withText ? new XMLSerializer().serializeToString(svg) : "",
      clip: { x: Math.floor(box.left), y: Math.floor(box.top), width: Math.ceil(box.width), height: Math.ceil(box.height) },
    };
  },
};
`;

interface PageResult {
  svg: string;
  clip: { x: number; y: number; width: number; height: number };
}

/** The folders the page may load modules from: Mermaid's and the ELK layout's `dist`. */
interface ModuleRoots {
  mermaid: string;
  elk: string;
}

let rootsCache: Promise<ModuleRoots> | undefined;

/** Finds the `dist` folders of `mermaid` and of the `@mermaid-js/layout-elk` that mermaid-cli uses. */
function moduleRoots(): Promise<ModuleRoots> {
  rootsCache ??= (async () => {
    const here = createRequire(import.meta.url);
    // layout-elk is mermaid-cli's dependency, not ours: resolve it from there.
    const fromCli = createRequire(here.resolve("@mermaid-js/mermaid-cli"));
    return {
      mermaid: await realpath(join(dirname(here.resolve("mermaid/package.json")), "dist")),
      elk: await realpath(join(dirname(fromCli.resolve("@mermaid-js/layout-elk/package.json")), "dist")),
    };
  })();
  return rootsCache;
}

/**
 * The file a page request names, when it is a module inside one of the roots; else undefined.
 *
 * @param pathname - the URL path, e.g. `/mermaid/chunks/mermaid.esm/chunk-X.mjs`
 * @param roots - the allowed folders
 */
export function moduleFile(pathname: string, roots: ModuleRoots): string | undefined {
  const match = /^\/(mermaid|elk)\/(.+\.mjs)$/.exec(decodeURIComponent(pathname));
  if (!match) return undefined;
  const root = match[1] === "mermaid" ? roots.mermaid : roots.elk;
  const file = join(root, match[2]!);
  const inside = relative(root, file);
  return inside.startsWith("..") || isAbsolute(inside) ? undefined : file;
}

/** Answers one request of the page: its HTML, its module, Mermaid's files; aborts anything else. */
async function answer(request: HTTPRequest, roots: ModuleRoots): Promise<void> {
  const url = new URL(request.url());
  if (url.origin !== ORIGIN || request.method() !== "GET") return request.abort("blockedbyclient");
  if (url.pathname === "/") return request.respond({ status: 200, contentType: "text/html; charset=utf-8", body: PAGE_HTML });
  if (url.pathname === "/render.mjs") return request.respond({ status: 200, contentType: "text/javascript", body: PAGE_SCRIPT });
  const file = moduleFile(url.pathname, roots);
  if (!file || extname(file) !== ".mjs") return request.abort("blockedbyclient");
  try {
    return await request.respond({ status: 200, contentType: "text/javascript", body: await readFile(file) });
  } catch {
    return request.abort("failed");
  }
}

/** A page with Mermaid loaded, rendering one diagram at a time. */
export class MermaidPage {
  private scale = 1;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly page: Page) {}

  /**
   * Opens a page in the browser and loads Mermaid and the ELK layout into it.
   *
   * @param browser - the browser to open the page in
   */
  static async open(browser: Browser): Promise<MermaidPage> {
    const roots = await moduleRoots();
    const page = await browser.newPage();
    try {
      await page.setViewport({ width: 1200, height: 800, deviceScaleFactor: 1 });
      await page.setRequestInterception(true);
      page.on("request", (request) => void answer(request, roots).catch(() => undefined));
      await page.goto(`${ORIGIN}/`, { waitUntil: "load" });
      const ready = await page.evaluate("typeof window.vpcreach?.render === 'function'");
      if (ready !== true) throw new Error("Mermaid did not load in the rendering page");
      return new MermaidPage(page);
    } catch (error) {
      await page.close().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Renders Mermaid source to SVG text (`png: false`) or a PNG screenshot of the SVG at a pixel ratio.
   * Calls run one after another, since the page holds one diagram at a time.
   *
   * @param source - the Mermaid source
   * @param config - the full Mermaid configuration to render with
   * @param png - undefined for SVG; else the PNG's pixel ratio
   */
  render(source: string, config: MermaidConfig, png?: { scale: number }): Promise<Uint8Array> {
    const run = this.queue.then(() => this.renderNow(source, config, png));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async renderNow(source: string, config: MermaidConfig, png: { scale: number } | undefined): Promise<Uint8Array> {
    // Text is laid out at the pixel ratio it will be captured at, as mermaid-cli does.
    await this.setScale(png?.scale ?? 1);
    const result = (await this.page.evaluate(
      (id: string, text: string, settings: unknown, withText: boolean) =>
        (window as unknown as { vpcreach: { render(...args: unknown[]): Promise<unknown> } }).vpcreach.render(id, text, settings, "white", withText),
      SVG_ID,
      source,
      config as unknown,
      png === undefined,
    )) as PageResult;
    if (png === undefined) return new TextEncoder().encode(result.svg);
    const { clip } = result;
    await this.page.setViewport({ width: clip.x + clip.width, height: clip.y + clip.height, deviceScaleFactor: png.scale });
    try {
      return await this.page.screenshot({ clip, type: "png" });
    } finally {
      await this.page.setViewport({ width: 1200, height: 800, deviceScaleFactor: this.scale });
    }
  }

  private async setScale(scale: number): Promise<void> {
    if (scale === this.scale) return;
    await this.page.setViewport({ width: 1200, height: 800, deviceScaleFactor: scale });
    this.scale = scale;
  }

  /** Closes the page. */
  async close(): Promise<void> {
    await this.page.close();
  }
}
