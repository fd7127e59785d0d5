/**
 * `vpcreach report` under output faults, through the built CLI: two runs into one folder never mix,
 * a rerun removes only what the earlier report wrote, a report killed with SIGKILL leaves no Chromium
 * running, and a bad `--generated-at` is a usage error.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = resolve("dist/cli/vpcreach.js");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function report(snapshot: string, out: string, ...extra: string[]) {
  return spawnSync(process.execPath, [CLI, "report", "--snapshot", snapshot, "--out", out, ...extra], { encoding: "utf8" });
}

function spawnReport(snapshot: string, out: string, ...extra: string[]): ChildProcess {
  return spawn(process.execPath, [CLI, "report", "--snapshot", snapshot, "--out", out, ...extra], { stdio: ["ignore", "pipe", "pipe"] });
}

function finished(child: ChildProcess): Promise<{ status: number | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on("close", (status) => done({ status, stderr })));
}

/** The diagram files a report's report.json promises. */
function promisedDiagrams(folder: string): string[] {
  const data = JSON.parse(readFileSync(join(folder, "report.json"), "utf8")) as { architecture: { name: string }[]; paths: { name: string }[] };
  return [...data.architecture, ...data.paths].map((entry) => `${entry.name}.svg`).sort();
}

/** The ids of every process whose parent chain leads to `root` (Linux /proc). */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command may hold spaces and parentheses: the parent id follows the last ")".
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(name), parent);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  for (const pid of parents.keys()) {
    for (let up = parents.get(pid); up !== undefined && up > 1; up = parents.get(up)) {
      if (up === root) {
        found.push(pid);
        break;
      }
    }
  }
  return found;
}

/** Whether a process is a Chromium renderer (a page is open: rendering is under way). */
function isRenderer(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--type=renderer");
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, attempts: number): Promise<boolean> {
  for (let i = 0; i < attempts; i += 1) {
    if (condition()) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return condition();
}

describe("report output folder", () => {
  it("refuses to write while another live report holds the folder, naming the process", () => {
    const out = mkdtempSync(join(tmpdir(), "vpcreach-lock-"));
    // This test process stands in for a report run that is still writing.
    writeFileSync(join(out, ".vpcreach-report.lock"), `${process.pid}\n`);
    const result = report("fixtures/nat-notebook", out, "--no-svg");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`another vpcreach report (process ${process.pid}) is writing into this folder`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, "report.json"))).toBe(false);
  });

  it("takes over the lock of a report that died", () => {
    const out = mkdtempSync(join(tmpdir(), "vpcreach-lock-"));
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    writeFileSync(join(out, ".vpcreach-report.lock"), `${gone.stdout}\n`);
    mkdirSync(join(out, ".vpcreach-staging-left"));
    const result = report("fixtures/nat-notebook", out, "--no-svg");
    expect(result.stderr).not.toContain("is writing into this folder");
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([".vpcreach-report.json", "README.md", "report.html", "report.json"]);
  });

  it("never leaves a mix of two networks when two runs write into one folder at once", async () => {
    const out = mkdtempSync(join(tmpdir(), "vpcreach-race-"));
    // With diagrams, each run writes for several seconds, so the two overlap.
    const svgOption = existsSync(CHROMIUM) ? [] : ["--no-svg"];
    const runs = await Promise.all([
      finished(spawnReport("fixtures/nat-notebook", out, ...svgOption)),
      finished(spawnReport("fixtures/nacl-blocks-replies", out, ...svgOption)),
    ]);
    for (const run of runs) {
      if (run.status !== 0) expect(run.stderr).toContain("is writing into this folder");
    }
    expect(runs.some((run) => run.status === 0)).toBe(true);
    const data = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as { snapshot: string; title: string };
    const markdown = readFileSync(join(out, "README.md"), "utf8");
    const html = readFileSync(join(out, "report.html"), "utf8");
    const name = data.snapshot.replace(/^fixtures\//, "");
    expect(markdown).toContain(name);
    expect(html).toContain(name);
    const other = name === "nat-notebook" ? "nacl-blocks-replies" : "nat-notebook";
    expect(markdown).not.toContain(other);
    expect(html).not.toContain(other);
    if (svgOption.length === 0) expect(readdirSync(join(out, "diagrams")).sort()).toEqual(promisedDiagrams(out));
    expect(readdirSync(out).filter((file) => file.startsWith(".vpcreach-staging") || file.endsWith(".lock"))).toEqual([]);
  }, 120_000);

  it.skipIf(!existsSync(CHROMIUM))(
    "a rerun removes the earlier report's diagrams and keeps the user's own files",
    () => {
      const out = mkdtempSync(join(tmpdir(), "vpcreach-rerun-"));
      mkdirSync(join(out, "diagrams"));
      writeFileSync(join(out, "notes.txt"), "mine\n");
      writeFileSync(join(out, "diagrams", "my-drawing.svg"), "<svg/>\n");
      const first = report("fixtures/nat-notebook", out);
      expect(first.status).toBe(0);
      const earlier = promisedDiagrams(out);
      const second = report("fixtures/nacl-blocks-replies", out);
      expect(second.status).toBe(0);
      const now = promisedDiagrams(out);
      expect(earlier.filter((file) => !now.includes(file)).length).toBeGreaterThan(0);
      expect(readdirSync(join(out, "diagrams")).sort()).toEqual([...now, "my-drawing.svg"].sort());
      expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mine\n");
    },
    180_000,
  );

  it.skipIf(!existsSync(CHROMIUM) || !existsSync("/proc/self/stat"))(
    "leaves no Chromium process running when report is killed with SIGKILL",
    async () => {
      const out = mkdtempSync(join(tmpdir(), "vpcreach-kill-"));
      const child = spawnReport("fixtures/ml-platform", out);
      const exited = finished(child);
      const pid = child.pid as number;
      let browsers: number[] = [];
      const started = await until(() => (browsers = descendants(pid)).some(isRenderer), 600);
      expect(started).toBe(true);
      child.kill("SIGKILL");
      await exited;
      const gone = await until(() => browsers.every((browser) => !alive(browser)), 300);
      expect(browsers.filter(alive)).toEqual([]);
      expect(gone).toBe(true);
    },
    120_000,
  );

  it("rejects a --generated-at that is not an ISO 8601 time, with exit 2", () => {
    const out = mkdtempSync(join(tmpdir(), "vpcreach-time-"));
    const result = report("fixtures/nat-notebook", out, "--no-svg", "--generated-at", "yesterday");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--generated-at must be an ISO 8601 time');
  });
});
