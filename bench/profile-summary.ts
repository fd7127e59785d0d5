#!/usr/bin/env node
/**
 * Prints the summary of a V8 CPU profile (`node --cpu-prof`, see bench/profile.ts): the functions with
 * the most self and inclusive time, and with `--callers NAME` who calls a function and for how long.
 *
 * Usage: node dist/bench/profile-summary.js PROFILE_OR_DIR [--top N] [--callers FUNCTION]
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";

import type { CpuProfile } from "./profile.js";
import { summarize } from "./profile.js";

/** The profile at `path`, or the newest .cpuprofile in that folder. */
async function profileFile(path: string): Promise<string> {
  if (!(await stat(path)).isDirectory()) return path;
  const files = (await readdir(path)).filter((f) => f.endsWith(".cpuprofile")).sort();
  const newest = files.at(-1);
  if (!newest) throw new Error(`no .cpuprofile in ${path}`);
  return join(path, newest);
}

const [target, ...rest] = process.argv.slice(2);
if (!target || target === "--help") {
  console.log("Usage: node dist/bench/profile-summary.js PROFILE_OR_DIR [--top N] [--callers FUNCTION]");
  process.exit(target ? 0 : 2);
}
const option = (name: string): string | undefined => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};
try {
  const profile = JSON.parse(await readFile(await profileFile(target), "utf8")) as CpuProfile;
  console.log(summarize(profile, Number(option("--top") ?? 25), option("--callers")).join("\n"));
} catch (error) {
  console.error(`profile-summary: ${(error as Error).message}`);
  process.exit(2);
}
