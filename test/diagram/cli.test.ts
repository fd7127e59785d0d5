/**
 * End to end: `vpcreach diagram` run as the built CLI (`node dist/cli/vpcreach.js`): the Mermaid
 * source on stdout, .mmd and .md files, the path view, and clear usage errors with exit status 2.
 * (Browser rendering is covered by render.test.ts, which keeps to one browser.)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseMermaid } from "./mermaid-parse.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/vpcreach.js");
const ML = join(ROOT, "fixtures/ml-platform");

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, "diagram", ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("vpcreach diagram", () => {
  it("prints the architecture's Mermaid source without --out", () => {
    const { status, stdout, stderr } = run("--snapshot", ML);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const diagram = parseMermaid(stdout);
    expect(diagram.items.has("vpc_093445840aeaf1291")).toBe(true);
    expect(diagram.items.has("vpc_0d1633e1f28e076c6")).toBe(true);
  });

  it("focuses on one VPC with --vpc, and writes .mmd as the same source", () => {
    const folder = mkdtempSync(join(tmpdir(), "vpcreach-diagram-cli-"));
    const out = join(folder, "west.mmd");
    const printed = run("--snapshot", ML, "--vpc", "vpc-0d1633e1f28e076c6").stdout;
    const { status, stdout } = run("--snapshot", ML, "--vpc", "vpc-0d1633e1f28e076c6", "--out", out);
    expect(status).toBe(0);
    expect(stdout).toBe(`wrote ${out}\n`);
    expect(readFileSync(out, "utf8")).toBe(printed);
    expect(parseMermaid(printed).items.has("vpc_093445840aeaf1291")).toBe(false);
  });

  it("draws a path with --from/--to into a Markdown file with a ```mermaid block", () => {
    const folder = mkdtempSync(join(tmpdir(), "vpcreach-diagram-cli-"));
    const out = join(folder, "path.md");
    const { status } = run("--snapshot", ML, "--from", "research-notebook", "--to", "internet", "--out", out);
    expect(status).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text.startsWith("# research-notebook → internet: reachable\n\n```mermaid\n")).toBe(true);
    const source = text.slice(text.indexOf("```mermaid\n") + 11, text.lastIndexOf("```"));
    const diagram = parseMermaid(source);
    expect(diagram.edges.filter((e) => e.arrow === "==>").map((e) => e.to)).toEqual(["nat_0433e6308254a8d8d", "igw_0bd39ebfa22c36950", "internet_0"]);
  });

  it("rejects an unknown --out extension with exit 2 and a clear message, before reading the snapshot", () => {
    const { status, stderr, stdout } = run("--snapshot", "/nonexistent", "--out", "diagram.pdf");
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('unsupported diagram file extension ".pdf": use .mmd, .md, .svg or .png');
    expect(stderr).not.toContain("    at ");
  });

  it("rejects --from without --to, --port without a path, and --vpc with a path (exit 2)", () => {
    expect(run("--snapshot", ML, "--from", "research-notebook")).toMatchObject({ status: 2 });
    expect(run("--snapshot", ML, "--port", "443").stderr).toContain("--port and --protocol apply to a path");
    expect(run("--snapshot", ML, "--vpc", "vpc-0d1633e1f28e076c6", "--from", "research-notebook", "--to", "s3").status).toBe(2);
    expect(run("--snapshot", ML, "--collapse", "0").status).toBe(2);
  });

  it("names an unknown VPC and the VPCs there are (exit 2)", () => {
    const { status, stderr } = run("--snapshot", ML, "--vpc", "vpc-0nope");
    expect(status).toBe(2);
    expect(stderr).toContain("no VPC vpc-0nope in the snapshot; the snapshot has vpc-093445840aeaf1291, vpc-0d1633e1f28e076c6");
  });

  it("draws the hub view with --view hub, or with --tgw naming the transit gateway", () => {
    const hub = join(ROOT, "fixtures/hub-and-spoke");
    const { status, stdout, stderr } = run("--snapshot", hub, "--view", "hub");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const diagram = parseMermaid(stdout);
    expect(diagram.items.get("tgw_0cc46f200d712ff57")?.label).toContain("Transit gateway hub");
    expect(diagram.items.has("vpc_0ef1e72b7ac208255")).toBe(true);
    expect(run("--snapshot", hub, "--tgw", "tgw-0cc46f200d712ff57").stdout).toBe(stdout);
  });

  it("rejects a hub view of a snapshot without transit gateways, and --tgw or --view beside options of other views (exit 2)", () => {
    const none = run("--snapshot", ML, "--view", "hub");
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("the snapshot has no transit gateway to draw a hub view of; draw the VPCs with --view architecture");
    expect(run("--snapshot", ML, "--view", "architecture", "--tgw", "tgw-0abc").stderr).toContain("--tgw picks the transit gateway of the hub view");
    expect(run("--snapshot", ML, "--view", "hub", "--vpc", "vpc-0d1633e1f28e076c6").status).toBe(2);
    expect(run("--snapshot", ML, "--view", "hub", "--from", "research-notebook", "--to", "s3").stderr).toContain("--view and --tgw choose a whole-network view");
    expect(run("--snapshot", ML, "--view", "paths").status).toBe(2);
  });
});
