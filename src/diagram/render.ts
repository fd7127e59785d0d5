/**
 * Writing diagrams to files, by extension: `.mmd` (Mermaid source), `.md` (a fenced ```mermaid block,
 * which GitHub and GitLab render), `.svg` and `.png` (rendered by Mermaid in one headless Chromium page, launched and loaded once
 * for all the jobs: see `mermaid-page.ts`). Every file is written atomically. Rendering uses Mermaid's strict security level and SVG text labels (no HTML), so text
 * from users' tags can never become markup.
 *
 * Browser: `PUPPETEER_EXECUTABLE_PATH`, else a system Chromium/Chrome, else puppeteer's own download.
 */
import { existsSync } from "node:fs";
import { extname } from "node:path";
import type { MermaidConfig } from "mermaid";
import type { Browser } from "puppeteer";
import { InputError } from "../model/errors.js";
import { writeFileAtomic } from "../fs/atomic-write.js";
import { MERMAID_CONFIG } from "./styles.js";
import { MermaidPage } from "./mermaid-page.js";

export type DiagramFormat = "mmd" | "md" | "svg" | "png";

export interface RenderJob {
  /** Mermaid source. */
  mermaid: string;
  /** The file to write; its extension picks the format. */
  outFile: string;
  /** A heading for `.md` output (plain text; escaped). */
  title?: string | undefined;
}

export interface RenderOptions {
  /** Environment to read `PUPPETEER_EXECUTABLE_PATH` from (default: the process's). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Browser executable to use, overriding the search. */
  executablePath?: string | undefined;
  /** Pixel ratio of PNG output (default 2, for crisp text). */
  scale?: number | undefined;
  /** An open renderer to use (and leave open), e.g. one shared by a whole report. */
  renderer?: DiagramRenderer | undefined;
}

/** System browsers looked for, in order, when `PUPPETEER_EXECUTABLE_PATH` is not set. */
export const SYSTEM_BROWSERS: readonly string[] = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

/**
 * The output format an extension asks for.
 *
 * @param outFile - the output path
 * @throws InputError for any other extension
 */
export function formatOf(outFile: string): DiagramFormat {
  const extension = extname(outFile).toLowerCase();
  if (extension === ".mmd" || extension === ".md" || extension === ".svg" || extension === ".png") return extension.slice(1) as DiagramFormat;
  throw new InputError(`unsupported diagram file extension "${extension || "(none)"}": use .mmd, .md, .svg or .png`, { file: outFile });
}

/**
 * A Markdown document holding the diagram as a fenced ```mermaid block.
 *
 * @param mermaid - the Mermaid source
 * @param title - an optional heading (plain text; Markdown-special characters are escaped)
 */
export function toMarkdown(mermaid: string, title?: string): string {
  const heading = title ? `# ${title.replace(/[\r\n]+/g, " ").replace(/[\\`*_{}[\]<>|]/g, "\\$&")}\n\n` : "";
  return `${heading}\`\`\`mermaid\n${mermaid.trimEnd()}\n\`\`\`\n`;
}

/**
 * Finds a browser for rendering: `PUPPETEER_EXECUTABLE_PATH`, else a system Chromium/Chrome, else the
 * browser puppeteer downloaded (if any).
 *
 * @param env - the environment to read `PUPPETEER_EXECUTABLE_PATH` from
 * @throws InputError naming the options when none exists
 */
export async function findBrowser(env: Readonly<Record<string, string | undefined>> = process.env): Promise<string> {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new InputError(`PUPPETEER_EXECUTABLE_PATH is set to "${fromEnv}", which does not exist`);
  }
  const system = SYSTEM_BROWSERS.find((path) => existsSync(path));
  if (system) return system;
  try {
    const puppeteer = await import("puppeteer");
    const own = puppeteer.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // No puppeteer browser either; fall through to the explanation.
  }
  throw new InputError(
    "rendering .svg or .png needs Chromium or Chrome, and none was found. Set PUPPETEER_EXECUTABLE_PATH to a " +
      `Chrome/Chromium executable, install one (e.g. Debian/Ubuntu: apt-get install chromium; looked in ${SYSTEM_BROWSERS.join(", ")}), ` +
      "or run `npx puppeteer browsers install chrome`. Or write .mmd or .md instead, which need no browser.",
  );
}

/** Whether puppeteer failed because the page is too large to capture. */
function isScreenshotTooLarge(error: unknown): boolean {
  return error instanceof Error && /captureScreenshot|Unable to capture screenshot/i.test(error.message);
}

/** One browser, and one page with Mermaid loaded, for many diagrams. Close it when done. */
export class DiagramRenderer {
  private page: Promise<MermaidPage> | undefined;

  private constructor(private readonly browser: Browser, private readonly scale: number) {}

  /**
   * Launches the browser.
   *
   * @param options - where the browser is, and the PNG pixel ratio
   */
  static async open(options: RenderOptions = {}): Promise<DiagramRenderer> {
    const executablePath = options.executablePath ?? (await findBrowser(options.env));
    const puppeteer = await import("puppeteer");
    // A pipe, not a WebSocket: Chromium exits when the pipe closes, so it dies with this process even on SIGKILL.
    const browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, pipe: true });
    return new DiagramRenderer(browser, options.scale ?? 2);
  }

  /**
   * Renders Mermaid source to SVG or PNG bytes.
   *
   * @param mermaid - the source
   * @param format - `svg` or `png`
   * @param overrides - Mermaid settings to change (e.g. `layout: "dagre"`); strict security always stays
   */
  async render(mermaid: string, format: "svg" | "png", overrides: MermaidConfig = {}): Promise<Uint8Array> {
    const config: MermaidConfig = { ...structuredClone(MERMAID_CONFIG), ...overrides, securityLevel: "strict" };
    if (format === "svg") return this.renderAt(mermaid, config);
    try {
      return await this.renderAt(mermaid, config, this.scale);
    } catch (error) {
      if (!isScreenshotTooLarge(error)) throw error;
    }
    // Chromium cannot capture images past about 16,000 pixels a side: retry at 1×, then give up clearly.
    try {
      return await this.renderAt(mermaid, config, 1);
    } catch (error) {
      if (!isScreenshotTooLarge(error)) throw error;
      throw new InputError("the diagram is too large to capture as a PNG: write .svg instead, or draw less with --vpc or a lower --collapse");
    }
  }

  /** Renders in the shared page (SVG when `pngScale` is undefined); a failed page is replaced next time. */
  private async renderAt(mermaid: string, config: MermaidConfig, pngScale?: number): Promise<Uint8Array> {
    const opening = (this.page ??= MermaidPage.open(this.browser));
    try {
      const page = await opening;
      return await page.render(mermaid, config, pngScale === undefined ? undefined : { scale: pngScale });
    } catch (error) {
      // A bad diagram or a too-large capture leaves the page usable, but a crashed or half-loaded one
      // would fail every later render: after anything but a capture failure, start afresh.
      if (this.page === opening && !isScreenshotTooLarge(error)) {
        this.page = undefined;
        void opening.then((page) => page.close()).catch(() => undefined);
      }
      throw error;
    }
  }

  /** Closes the browser. */
  async close(): Promise<void> {
    await this.browser.close();
  }
}

/**
 * Writes each job's file in the format its extension names. A browser is launched only when some job
 * is `.svg` or `.png`, and only once.
 *
 * @param jobs - the diagrams and where to write them
 * @param options - browser location and PNG pixel ratio
 * @throws InputError for an unknown extension (before anything is written) or when no browser exists
 */
export async function writeDiagrams(jobs: readonly RenderJob[], options: RenderOptions = {}): Promise<void> {
  const formats = jobs.map((job) => formatOf(job.outFile));
  let renderer: DiagramRenderer | undefined = options.renderer;
  try {
    for (const [i, job] of jobs.entries()) {
      const format = formats[i] as DiagramFormat;
      if (format === "mmd") await writeFileAtomic(job.outFile, job.mermaid);
      else if (format === "md") await writeFileAtomic(job.outFile, toMarkdown(job.mermaid, job.title));
      else {
        renderer ??= await DiagramRenderer.open(options);
        await writeFileAtomic(job.outFile, await renderer.render(job.mermaid, format));
      }
    }
  } finally {
    if (renderer !== options.renderer) await renderer?.close();
  }
}
