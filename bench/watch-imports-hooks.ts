/**
 * Module resolution hook (see bench/watch-imports.ts): passes every resolution through unchanged and
 * logs the heavy ones. Hooks run on their own thread, so it appends to a file rather than printing.
 */
import { appendFileSync } from "node:fs";

// Packages only: the project's own modules may be named after them (src/diagram/mermaid-page.ts
// imports mermaid and puppeteer as types only, so loading it loads neither).
const HEAVY = /\/node_modules\/(?:@aws-sdk|@smithy|mermaid|@mermaid-js|puppeteer|puppeteer-core|playwright|playwright-core|@cloud-copilot|ajv|ajv-formats|yaml|marked)\//;

interface ResolveResult {
  url: string;
}

/**
 * Node's `resolve` hook.
 *
 * @param specifier - what was imported
 * @param context - Node's resolution context
 * @param next - the next resolver
 */
export async function resolve(specifier: string, context: unknown, next: (specifier: string, context: unknown) => Promise<ResolveResult>): Promise<ResolveResult> {
  const result = await next(specifier, context);
  const log = process.env.VPCREACH_IMPORT_LOG;
  if (log && HEAVY.test(result.url)) appendFileSync(log, `${result.url}\n`);
  return result;
}
