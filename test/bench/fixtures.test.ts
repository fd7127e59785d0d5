/**
 * The example networks in fixtures/: every file parses, every id a resource refers to exists (the
 * deleted NAT gateway of blackhole-route, and the oddities odd-data is built with, being the intended
 * exceptions), every VPC has its main
 * route table, default NACL, default SG and DNS attributes, and the committed files are exactly what
 * `bench/make-fixtures.ts` generates (so the README tables and expected-verdicts.json match the JSON),
 * the Terraform plans of fixtures/terraform/ included.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkFolder, jsonFiles } from "../../bench/aws/check.js";
import { allFixtures, writeFixtures } from "../../bench/make-fixtures.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures");
const fixtures = allFixtures();

describe("fixtures", () => {
  let regenerated: string;
  beforeAll(async () => {
    regenerated = await mkdtemp(join(tmpdir(), "vpcreach-fixtures-"));
    await writeFixtures(regenerated);
  });
  afterAll(async () => {
    await rm(regenerated, { recursive: true, force: true });
  });

  it("has at least nine networks, each with a README and notebooks", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(9);
    for (const fixture of fixtures) expect(fixture.expectations.length).toBeGreaterThan(0);
  });

  for (const fixture of fixtures) {
    it(`${fixture.name}: references are consistent`, async () => {
      const expected = JSON.parse(await readFile(join(FIXTURES, "expected-verdicts.json"), "utf8"))[fixture.name];
      // A blackhole route's target no longer exists: the ids its expected block cites may dangle.
      const blackholes = new Set<string>(
        (expected as { blockedAt?: { code: string; rule: string } }[]).filter((e) => e.blockedAt?.code === "BAD_STATE_ROUTE").flatMap((e) => e.blockedAt?.rule.match(/\b(?:nat|eni)-0[0-9a-f]{16}\b/g) ?? []),
      );
      const result = await checkFolder(join(FIXTURES, fixture.name), blackholes);
      expect(result.problems).toEqual(fixture.oddities ?? []);
      expect(result.counts.vpcs).toBeGreaterThan(0);
    });

    it(`${fixture.name}: committed files equal the generator's output`, async () => {
      const committed = await jsonFiles(join(FIXTURES, fixture.name));
      const fresh = await jsonFiles(join(regenerated, fixture.name));
      expect(committed.map((f) => relative(FIXTURES, f))).toEqual(fresh.map((f) => relative(regenerated, f)));
      for (const file of committed) {
        expect(await readFile(file, "utf8")).toBe(await readFile(join(regenerated, relative(FIXTURES, file)), "utf8"));
      }
      expect(await readFile(join(FIXTURES, fixture.name, "README.md"), "utf8")).toBe(
        await readFile(join(regenerated, fixture.name, "README.md"), "utf8"),
      );
    });
  }

  it("the Terraform plans in fixtures/terraform/ equal the generator's output", async () => {
    const committed = await jsonFiles(join(FIXTURES, "terraform"));
    const fresh = await jsonFiles(join(regenerated, "terraform"));
    expect(committed.length).toBeGreaterThan(0);
    expect(committed.map((f) => relative(FIXTURES, f))).toEqual(fresh.map((f) => relative(regenerated, f)));
    for (const file of committed) expect(await readFile(file, "utf8")).toBe(await readFile(join(regenerated, relative(FIXTURES, file)), "utf8"));
  });

  it("every id cited in expected-verdicts.json exists in its fixture", async () => {
    const expected = JSON.parse(await readFile(join(FIXTURES, "expected-verdicts.json"), "utf8")) as Record<string, { from: string; via?: string[]; blockedAt?: { component: string } }[]>;
    for (const [name, rows] of Object.entries(expected)) {
      const text = (await Promise.all((await jsonFiles(join(FIXTURES, name))).map((f) => readFile(f, "utf8")))).join("\n");
      for (const row of rows) {
        for (const id of [row.from, ...(row.via ?? []), row.blockedAt?.component ?? ""].filter((id) => /^[a-z]+-0[0-9a-f]{16}$/.test(id))) {
          expect(text, `${name}: ${id}`).toContain(`"${id}"`);
        }
      }
    }
  });

  it("the ml-platform example has the research-notebook the README uses", async () => {
    const body = JSON.parse(await readFile(join(FIXTURES, "ml-platform/us-east-1/sagemaker/research-notebook.json"), "utf8"));
    expect(body).toMatchObject({ NotebookInstanceName: "research-notebook", DirectInternetAccess: "Disabled" });
  });
});
