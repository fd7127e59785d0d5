/** Shared by the robustness suites: run the built CLI (`dist/`) and capture its status and output. */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/vpcreach.js");

/** What one CLI run gave. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `vpcreach ARGS…` to completion (a bound of 60 s turns a hang into a failure, not a stuck suite).
 *
 * @param args - the command line after `vpcreach`
 */
export function vpcreach(...args: string[]): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
