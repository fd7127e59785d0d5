/**
 * Every `vpcreach` example a new user reads — the fenced shell and console blocks of README.md and
 * docs/*.md, and the "Examples:" of every command's `--help` — is run against the bundled fixtures
 * from the repository root, and must exit as documented and print what the docs show.
 *
 * - An example runs when every file it reads exists in the repository. One that names the user's own
 *   files (`prod.json`, `snap.json`) or needs AWS (`collect` without `--print-policy`, `--live-prices`)
 *   runs without them and without credentials: its options must parse, and it must stop with the one
 *   line that names the missing file or credentials (exit 2). A `fixtures/`, `data/` or `test/` path
 *   that does not exist fails.
 * - `--out` goes to a temporary folder; `.svg`/`.png` are asked as `.mmd` and `report` gets `--no-svg`
 *   (rendering is tested in test/diagram and test/report; a browser per example would take minutes).
 * - A fenced block right after `<!-- output of: vpcreach … -->` (where a `$` line cannot stand: a
 *   Mermaid or JSON block) is that command's whole standard output, exactly.
 * - Expected output (console blocks): the lines after `$ vpcreach …` must appear in the output in
 *   order and next to each other; a line that starts with `…` stands for lines left out, and `…`
 *   inside or at the end of a line for a part left out. The exit status is read from what is shown:
 *   `vpcreach: …` (an error) 2, `UNREACHABLE` or `FAIL:` 1, `UNKNOWN` 3, else 0. An example shown
 *   without output must give an answer: any status but 2 (usage or input error), 70 and 74.
 * docs/performance.md is left out: its commands run on the synthetic estates of `npm run synth`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/vpcreach.js");
const COMMANDS = ["collect", "inspect", "query", "audit", "diagram", "cost", "report", "check", "diff"];
/** Options whose value is a file or folder the command reads. */
const INPUT_OPTIONS = new Set(["--snapshot", "-s", "--before", "--after", "--intents", "--prices", "--traffic-file"]);

/** One documented command line, with the output shown under it (if any). */
interface Example {
  where: string;
  args: string[];
  shown: string[] | undefined;
  /** The shown lines are the whole standard output (an `output of:` block), not an excerpt. */
  exact?: boolean;
}

/** The words of a command line after `vpcreach`, without a trailing comment, pipe or redirection. */
function wordsOf(line: string): string[] {
  const command = line.replace(/\s#.*$/, "").replace(/\s[|>].*$/, "");
  return command.trim().split(/\s+/).slice(1);
}

/** The examples of one Markdown file's fenced shell and console blocks. */
function examplesOfMarkdown(file: string): Example[] {
  const lines = readFileSync(join(ROOT, file), "utf8").split("\n");
  const examples: Example[] = [];
  let fence: string | undefined;
  let current: Example | undefined;
  for (let i = 0; i < lines.length; i++) {
    const outputOf = /^<!-- output of: (vpcreach .*) -->$/.exec(lines[i]!);
    if (outputOf) {
      current = { where: `${file}:${i + 1}`, args: wordsOf(outputOf[1]!), shown: [], exact: true };
      examples.push(current);
      continue;
    }
    const opening = /^```(\w*)/.exec(lines[i]!);
    if (opening) {
      fence = fence === undefined ? opening[1] : undefined;
      if (!(current?.exact && current.shown?.length === 0 && fence !== undefined)) current = undefined;
      continue;
    }
    if (current?.exact) {
      current.shown?.push(lines[i]!);
      continue;
    }
    if (fence === undefined || !["", "sh", "shell", "console"].includes(fence)) continue;
    // Bare command lines count in shell blocks; elsewhere (a synopsis) only `$ vpcreach …` does.
    const bare = fence === "sh" || fence === "shell";
    const where = `${file}:${i + 1}`;
    let text = lines[i]!;
    // A command continued with `\` is joined with its next lines.
    while (/\\\s*$/.test(text) && i + 1 < lines.length) text = text.replace(/\\\s*$/, " ") + lines[++i]!.trim();
    const command = /^(\$ )?vpcreach\s/.exec(text);
    if (command && (command[1] || bare)) {
      current = { where, args: wordsOf(text.replace(/^\$ /, "")), shown: command[1] ? [] : undefined };
      examples.push(current);
    } else if (/^\$ /.test(text)) current = undefined;
    else current?.shown?.push(text);
  }
  return examples;
}

/** The "Examples:" lines of a command's --help. */
function examplesOfHelp(command: string): Example[] {
  const help = spawnSync(process.execPath, [CLI, ...(command ? [command] : []), "--help"], { cwd: ROOT, encoding: "utf8" }).stdout;
  return help
    .split("\n")
    .filter((line) => /^\s+\$ vpcreach\s/.test(line))
    .map((line) => ({ where: `vpcreach ${command} --help`.replace("  ", " "), args: wordsOf(line.trim().replace(/^\$ /, "")), shown: undefined }));
}

/**
 * What an example that cannot run on the repository's files may stop at — the user's files it names,
 * or the AWS credentials it needs — or nothing when it runs.
 */
function missingInputs(args: readonly string[]): string[] {
  const inputs = args.filter((_, i) => INPUT_OPTIONS.has(args[i - 1] ?? ""));
  const missing = inputs.filter((path) => !existsSync(join(ROOT, path)));
  const fromRepository = missing.find((path) => /^(fixtures|data|test)\//.test(path));
  if (fromRepository !== undefined) throw new Error(`${fromRepository}: the example names a repository file that does not exist`);
  const aws = (args[0] === "collect" && !args.includes("--print-policy")) || args.includes("--live-prices");
  return aws ? [...missing, "credentials"] : missing;
}

/** The environment of a run: no colour, a fixed report time, and no AWS credentials or configuration. */
function environment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("AWS_")));
  return { ...env, NO_COLOR: "1", SOURCE_DATE_EPOCH: "1767225600", AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent", AWS_REGION: "us-east-1" };
}

/** The arguments to run: outputs into `out`, pictures as Mermaid source, reports without a browser. */
function runnable(args: readonly string[], out: string): string[] {
  const run = args.map((arg, i) => (args[i - 1] === "--out" || args[i - 1] === "-o" ? join(out, basename(arg).replace(/\.(svg|png)$/, ".mmd")) : arg));
  return run[0] === "report" ? [...run, "--no-svg"] : run;
}

/** The exit status the shown output means (see the header). */
function shownStatus(shown: readonly string[]): number {
  if (shown.some((line) => line.startsWith("vpcreach: "))) return 2;
  if (shown.some((line) => /^(UNREACHABLE\s|FAIL:)/.test(line))) return 1;
  return shown.some((line) => /^UNKNOWN\s/.test(line)) ? 3 : 0;
}

/** Whether an output line is what a shown line (with `…` for parts left out) stands for. */
function lineMatches(shown: string, actual: string): boolean {
  const parts = shown.trimEnd().split("…");
  if (parts.length === 1) return actual.trimEnd() === parts[0];
  let at = 0;
  for (const [i, part] of parts.entries()) {
    const found = i === 0 ? (actual.startsWith(part) ? 0 : -1) : actual.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  return parts.at(-1) === "" || actual.trimEnd().endsWith(parts.at(-1)!);
}

/**
 * The first shown line not found where it should be, or undefined when the output shows them all:
 * runs of shown lines between `…` lines appear in order, each run as adjacent output lines.
 */
function firstMismatch(shown: readonly string[], output: string): string | undefined {
  const actual = output.split("\n");
  const runs: string[][] = [[]];
  for (const line of shown) {
    if (line.trimStart().startsWith("…")) runs.push([]);
    else runs.at(-1)!.push(line);
  }
  let from = 0;
  for (const run of runs.filter((r) => r.length > 0)) {
    let start = from;
    while (start + run.length <= actual.length && !run.every((line, k) => lineMatches(line, actual[start + k]!))) start++;
    if (start + run.length > actual.length) {
      return run.find((line) => !actual.slice(from).some((a) => lineMatches(line, a))) ?? `${run[0]} (each line is printed, but not together)`;
    }
    from = start + run.length;
  }
  return undefined;
}

const markdown = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md") && f !== "performance.md").map((f) => `docs/${f}`)];
const examples = [...markdown.flatMap(examplesOfMarkdown), ...["", ...COMMANDS].flatMap(examplesOfHelp)];

describe("the documented examples", () => {
  it("are found in the README, the docs and every command's --help", () => {
    expect(examples.filter((e) => e.where.startsWith("README.md")).length).toBeGreaterThan(10);
    for (const command of COMMANDS) expect(examples.some((e) => e.where === `vpcreach ${command} --help`), command).toBe(true);
  });

  it.each(examples.map((e) => [`${e.where}: vpcreach ${e.args.join(" ")}`, e] as const))("%s", (_, example) => {
    expect(COMMANDS).toContain(example.args[0]);
    const out = mkdtempSync(join(tmpdir(), "vpcreach-doc-"));
    const run = spawnSync(process.execPath, [CLI, ...runnable(example.args, out)], { cwd: ROOT, encoding: "utf8", timeout: 60_000, env: environment() });
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const missing = missingInputs(example.args);
    if (missing.length > 0) {
      expect(run.stderr).toMatch(/^vpcreach: [^\n]*\n$/);
      expect(missing.filter((what) => run.stderr.includes(what)), run.stderr).not.toEqual([]);
      expect(run.status).toBe(2);
      return;
    }
    if (example.shown === undefined || example.shown.length === 0) {
      expect([2, 70, 74], run.stderr).not.toContain(run.status);
      return;
    }
    expect(run.status, run.stderr).toBe(shownStatus(example.shown));
    if (example.exact) {
      expect(run.stdout.trimEnd()).toBe(example.shown.join("\n").trimEnd());
      return;
    }
    expect(firstMismatch(example.shown, run.stdout + run.stderr), "the first shown line the output lacks").toBeUndefined();
  });
});
