/**
 * Module resolution hook (see bench/watch-imports.ts): passes every resolution through unchanged and
 * logs the heavy ones. Hooks run on their own thread, so it appends to a file rather than printing.
 */
import { appendFileSync } from "node:fs";

const HEAVY = /@aws-sdk|@smithy|mermaid|puppeteer|playwright/;

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
