// --traffic-file: YAML or JSON with default, vpcs, tags and notebooks sections; which volumes each
// notebook gets; errors that name the key; docs/cost.md's worked example against the estimate.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/engine/index.js";
import { estimateCosts } from "../../src/cost/index.js";
import { loadTrafficFile, unmatchedTrafficKeys, volumesForNotebooks } from "../../src/cost/traffic.js";
import { inputErrorOf as errorOf } from "./input-error.js";
import { loadModel } from "../../src/snapshot/load.js";

const dir = mkdtempSync(join(tmpdir(), "vpcreach-traffic-file-"));
let n = 0;
function write(text: string, ext = "yaml"): string {
  n += 1;
  const file = join(dir, `t${n}.${ext}`);
  writeFileSync(file, text);
  return file;
}

const YAML = `
default: { internet: 90, s3: 30 }
vpcs:
  vpc-1: { internet: 12 }
tags:
  team=research: { s3: 400 }
  cost-center: { s3: 7 }
notebooks:
  nb-own: { internet: 5, sagemaker: 2 }
`;

const nb = (id: string, tags: Record<string, string> = {}, name: string | undefined = id) => ({ id, name, tags });

describe("--traffic-file sections", () => {
  it("reads YAML and JSON the same way", () => {
    const fromYaml = loadTrafficFile(write(YAML));
    const fromJson = loadTrafficFile(write(JSON.stringify({
      default: { internet: 90, s3: 30 }, vpcs: { "vpc-1": { internet: 12 } },
      tags: { "team=research": { s3: 400 }, "cost-center": { s3: 7 } }, notebooks: { "nb-own": { internet: 5, sagemaker: 2 } },
    }), "json"));
    expect(fromJson).toEqual(fromYaml);
    expect(fromYaml.perNotebook).toEqual({ "nb-own": { internet: 5, "sagemaker-api": 1, "sagemaker-runtime": 1 } });
    expect(fromYaml.perTag?.map((t) => [t.selector, t.key, t.value])).toEqual([["team=research", "team", "research"], ["cost-center", "cost-center", undefined]]);
  });

  it("keeps the older form: destination keys at the top level are the defaults", () => {
    expect(loadTrafficFile(write('{ "internet": 10, "vpcs": { "vpc-1": { "s3": 7 } } }', "json")).default).toEqual({ internet: 10 });
  });

  it.each([
    // who, tags, basis, from, volumes
    ["nb-own", { team: "research" }, "notebook", "nb-own", { internet: 5, "sagemaker-api": 1, "sagemaker-runtime": 1 }],
    ["nb-research", { team: "research" }, "tag", "team=research", { s3: 400 }],
    ["nb-other-team", { team: "ops" }, "vpc", "vpc-2", { internet: 45, s3: 15 }],
    ["nb-cost", { "cost-center": "42" }, "tag", "cost-center", { s3: 7 }],
    ["nb-plain", {}, "vpc", "vpc-2", { internet: 45, s3: 15 }],
  ] as const)("%s (tags %j) gets its volumes from its %s entry %s", (id, tags, basis, from, volumes) => {
    const notebooks = [nb("nb-own", { team: "research" }), nb("nb-research", { team: "research" }), nb("nb-other-team", { team: "ops" }), nb("nb-cost", { "cost-center": "42" }), nb("nb-plain")];
    const entry = volumesForNotebooks(loadTrafficFile(write(YAML)), "vpc-2", notebooks).find((e) => e.notebook.id === id)!;
    expect(entry.notebook.tags).toEqual(tags);
    expect([entry.basis, entry.from, entry.volumes]).toEqual([basis, from, volumes]);
  });

  it("shares a VPC's own entry over its notebooks without their own volumes", () => {
    const entries = volumesForNotebooks(loadTrafficFile(write(YAML)), "vpc-1", [nb("a"), nb("b"), nb("c"), nb("nb-own")]);
    expect(entries.map((e) => [e.notebook.id, e.volumes.internet])).toEqual([["a", 4], ["b", 4], ["c", 4], ["nb-own", 5]]);
  });

  it("matches a notebook entry by id or by name", () => {
    const traffic = loadTrafficFile(write("notebooks: { research: { s3: 1 } }"));
    expect(volumesForNotebooks(traffic, "vpc-1", [nb("arn-or-id", {}, "research")])[0]!.basis).toBe("notebook");
  });

  it("names the notebook and tag entries that match no notebook", () => {
    const traffic = loadTrafficFile(write(YAML));
    expect(unmatchedTrafficKeys(traffic, [nb("nb-own"), nb("x", { team: "research" })])).toEqual(["tags.cost-center"]);
    expect(unmatchedTrafficKeys(traffic, [nb("y")])).toEqual(["notebooks.nb-own", "tags.team=research", "tags.cost-center"]);
  });
});

describe("--traffic-file errors name the key", () => {
  it.each([
    ["a bad volume under notebooks", "notebooks:\n  feature-eng: { s3: lots }\n", "$.notebooks.feature-eng.s3", "non-negative number"],
    ["an unknown destination under tags", "tags:\n  team=research: { intrnet: 5 }\n", "$.tags.team=research.intrnet", "did you mean"],
    ["a negative default", "default: { internet: -1 }\n", "$.default.internet", "non-negative number"],
    ["a section that is not a mapping", "vpcs: [vpc-1]\n", "$.vpcs", "keyed by VPC id"],
    ["an entry that is not a mapping", "notebooks:\n  feature-eng: 5\n", "$.notebooks.feature-eng", "mapping of destination"],
    ["a tag selector without a key", "tags:\n  =research: { s3: 1 }\n", "$.tags.=research", "needs a key"],
    ["defaults given twice", "default: { s3: 1 }\ninternet: 2\n", "$.default", "not both"],
    ["a typo in a section name", "notebook:\n  feature-eng: { s3: 1 }\n", "$.notebook", 'did you mean "notebooks"'],
    ["a file that is a list", "- internet: 1\n", "$", "must be a mapping"],
  ])("%s", (_name, text, path, words) => {
    const file = write(text);
    const error = errorOf(() => loadTrafficFile(file));
    expect(error.location).toMatchObject({ file, jsonPath: path });
    expect(error.message).toContain(words);
  });

  it("names the file for a syntax error or a missing file", () => {
    const file = write("default: { internet: 1\n");
    expect(errorOf(() => loadTrafficFile(file))).toMatchObject({ location: { file } });
    expect(errorOf(() => loadTrafficFile(file)).message).toContain("not valid YAML or JSON");
    expect(errorOf(() => loadTrafficFile(join(dir, "absent.yaml"))).message).toContain("no such file");
  });
});

describe("docs/cost.md's per-notebook traffic example on fixtures/ml-platform", () => {
  const doc = readFileSync("docs/cost.md", "utf8");
  const section = doc.slice(doc.indexOf("#### Worked example: per-notebook traffic"), doc.indexOf("### Alternatives, per VPC holding notebooks"));
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
  // The last cell states the internet flow's NAT processing: the figure after "= $", else the only one.
  const rows = [...section.matchAll(/^\| ([a-z-]+) \| ([\d,.]+) \| ([\d,.]+) \| ([^|]+) \| (?:[^|=]*= )?\$([\d.]+)/gm)];
  const num = (text: string) => Number(text.replace(/,/g, ""));

  it("prints the volumes, their source and the internet NAT processing the doc states", async () => {
    const analyzer = createAnalyzer(await loadModel("fixtures/ml-platform"));
    const estimate = estimateCosts(analyzer, { traffic: loadTrafficFile(write(yaml)), alternatives: false });
    expect(rows.map((r) => r[1])).toEqual(["feature-eng", "research-notebook", "sandbox-direct", "training-prep", "west-inference-notebook"]);
    for (const [, notebook, internetGb, s3Gb, from, natUsd] of rows) {
      const flow = (key: string) => estimate.estate.flows.find((f) => f.notebook === notebook && f.trafficKey === key)!;
      expect(flow("internet").gb, notebook).toBeCloseTo(num(internetGb!), 2);
      expect(flow("s3").gb, notebook).toBeCloseTo(num(s3Gb!), 2);
      expect(flow("internet").volumeFrom, notebook).toBe(from!.trim());
      expect(flow("internet").natProcessingUsd ?? Number.NaN, notebook).toBeCloseTo(num(natUsd!), 2);
    }
    expect(estimate.warnings).toContain("traffic file: tags.team=research matches no notebook in scope, so its volumes were not priced");
  });
});
