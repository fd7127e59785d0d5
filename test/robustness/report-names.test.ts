/**
 * Names are data, in every report output: a bare URL, `www.` name or e-mail address in a tag never
 * becomes a link (in report.html, nor in README.md as GitHub-flavoured Markdown renders it), and
 * control characters (terminal escapes, bell, bidi overrides) never reach README.md or report.html.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Marked } from "marked";
import { beforeAll, describe, expect, it } from "vitest";

const CLI = resolve("dist/cli/vpcreach.js");
const VPC_NAME = "https://evil.example/login?next=x www.evil.example admin@evil.example \u001b[31mred\u001b[0m";
const SUBNET_NAME = "private\u001b[2J\u001b]0;pwned\u0007-a\u202eb";

/** fixtures/nat-notebook with hostile Name tags on its VPC and its private subnet. */
function hostileSnapshot(): string {
  const folder = mkdtempSync(join(tmpdir(), "vpcreach-names-"));
  cpSync("fixtures/nat-notebook", folder, { recursive: true });
  const rename = (file: string, from: string, to: string) => {
    const path = join(folder, "us-east-1", file);
    const text = readFileSync(path, "utf8");
    expect(text).toContain(`"${from}"`);
    writeFileSync(path, text.replace(`"${from}"`, JSON.stringify(to)));
  };
  rename("describe-vpcs.json", "analytics", VPC_NAME);
  rename("describe-subnets.json", "analytics-private-a", SUBNET_NAME);
  return folder;
}

/** The page without its inlined scripts (Mermaid's bundle holds characters of its own). */
function pageWithoutScripts(html: string): string {
  return html.replace(/<script>[\s\S]*?<\/script>/g, "");
}

describe("account names in the report", () => {
  let out: string;

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), "vpcreach-names-out-"));
    const result = spawnSync(process.execPath, [CLI, "report", "--snapshot", hostileSnapshot(), "--out", out, "--no-svg"], { encoding: "utf8" });
    expect(result.status).toBe(0);
  });

  it("shows the names in both outputs", () => {
    expect(readFileSync(join(out, "report.json"), "utf8")).toContain("evil.example");
    expect(readFileSync(join(out, "README.md"), "utf8")).toContain("evil");
    expect(pageWithoutScripts(readFileSync(join(out, "report.html"), "utf8"))).toContain("https://evil.example/login");
  });

  it("report.html links only to its own sections", () => {
    const page = pageWithoutScripts(readFileSync(join(out, "report.html"), "utf8"));
    const targets = [...page.matchAll(/\bhref="([^"]*)"/g)].map((match) => match[1]);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => !target?.startsWith("#"))).toEqual([]);
  });

  it("README.md renders (GitHub-flavoured) with no link to the names", () => {
    const html = new Marked({ gfm: true }).parse(readFileSync(join(out, "README.md"), "utf8"), { async: false });
    const targets = [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((match) => match[1]);
    expect(targets.filter((target) => /evil|mailto:|^https?:|^www\./.test(target ?? ""))).toEqual([]);
    // The text itself survives as text.
    expect(html).toContain("evil.example/login");
  });

  it.each(["README.md", "report.html"])("%s carries no control or bidi-override character", (name) => {
    const text = name === "report.html" ? pageWithoutScripts(readFileSync(join(out, name), "utf8")) : readFileSync(join(out, name), "utf8");
    // eslint-disable-next-line no-control-regex
    expect(text.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g) ?? []).toEqual([]);
  });
});
