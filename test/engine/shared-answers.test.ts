/**
 * Shared answers (src/engine/shared-answers.ts): an audit that computes each answer once per class of
 * notebooks gives exactly the rows and findings of one that asks the engine for every notebook — on
 * every fixture, on a synthetic estate, and when two notebooks of one subnet with the same groups are
 * told apart by their addresses, by a doubt about one of them, by an address destination or by the
 * addresses an endpoint created at apply may take, or by another ENI that holds the same address
 * where their walks go (test/engine/helpers/reused-addresses-estate.ts). And each shared row names
 * its own notebook, ENI and address.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { synthesize } from "../../bench/synth.js";
import { startAudit } from "../../src/engine/audit.js";
import { ownJson } from "../../src/fs/batches.js";
import { reachSummary } from "../../src/engine/findings/types.js";
import { createAnalyzer, STANDARD_DESTINATIONS } from "../../src/engine/index.js";
import type { Doubt, Model } from "../../src/model/types.js";
import { loadModel } from "../../src/snapshot/load.js";
import { networkFixtures } from "../helpers/fixtures.js";
import { TestModel } from "./helpers/model-builder.js";
import { reusedAddressEstate } from "./helpers/reused-addresses-estate.js";

/** Pieces of JSON text (text, or text UTF-8 encoded) as the text they write. */
function decoded(pieces: readonly (string | Uint8Array)[]): string {
  return Buffer.concat(pieces.map((piece) => (typeof piece === "string" ? Buffer.from(piece, "utf8") : piece))).toString("utf8");
}

/** Rows as JSON text, rows as objects and findings, with and without sharing (each on a fresh analyzer). */
function bothWays(model: Model) {
  const audit = (shareAnswers: boolean) => {
    const json = [...startAudit(createAnalyzer(model), { shareAnswers }).rowsJson()].map(decoded);
    const run = startAudit(createAnalyzer(model), { shareAnswers });
    return { json, rows: [...run.rows()], findings: run.findings() };
  };
  return { shared: audit(true), alone: audit(false) };
}

/** How many of the model's notebook answers are shared. */
function sharedCount(model: Model): number {
  const analyzer = createAnalyzer(model);
  let count = 0;
  for (const id of model.notebooks.keys()) for (const to of STANDARD_DESTINATIONS) if (analyzer.shared?.answer(id, to)) count++;
  return count;
}

function expectSame(model: Model): void {
  const { shared, alone } = bothWays(model);
  expect(shared.json).toEqual(alone.json);
  expect(shared.json).toEqual(alone.rows.map((row) => JSON.stringify(row)));
  expect(shared.rows).toEqual(alone.rows);
  expect(shared.findings).toEqual(alone.findings);
  // A row with shared answers carries its JSON text (report.json writes it): that of the unshared row.
  expect(shared.rows.map((row) => decoded(ownJson(row) ?? [JSON.stringify(row)]))).toEqual(alone.rows.map((row) => JSON.stringify(row)));
  expect(alone.rows.filter((row) => ownJson(row) !== undefined)).toEqual([]);
}

/** How many rows carry their own JSON text. */
function rowsWithOwnJson(model: Model): number {
  return [...startAudit(createAnalyzer(model)).rows()].filter((row) => ownJson(row) !== undefined).length;
}

describe("shared answers", () => {
  const fixtures = networkFixtures();

  it("give the rows and findings of unshared answers on every fixture", async () => {
    expect(fixtures.length).toBeGreaterThan(10);
    for (const fixture of fixtures) expectSame(await loadModel(join("fixtures", fixture)));
  });

  describe("on a synthetic estate", () => {
    let root: string;
    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), "vpcreach-shared-"));
      await synthesize({ size: "small", seed: "shared-answers", out: join(root, "estate") });
    });
    afterAll(async () => rm(root, { recursive: true, force: true }));

    it("gives the rows and findings of unshared answers, sharing the answers of notebooks not alone in their class", async () => {
      const model = await loadModel(join(root, "estate"));
      expectSame(model);
      // The comparison is only worth something if answers were shared (a notebook alone in its class is not).
      expect(sharedCount(model)).toBeGreaterThan(model.notebooks.size);
      expect(rowsWithOwnJson(model)).toBeGreaterThan(model.notebooks.size / 4);
      // The class's summary, renamed, is the summary of the notebook's own verdict.
      const analyzer = createAnalyzer(model);
      for (const id of model.notebooks.keys()) {
        for (const to of STANDARD_DESTINATIONS) {
          const answer = analyzer.shared?.answer(id, to);
          if (answer) expect(answer.summary()).toEqual(reachSummary(analyzer.query({ from: `notebook/${id}`, to })));
        }
      }
    });
  });

  /** Notebooks in one subnet with the same group; the NAT gateway's subnet's NACL denies traffic from 10.0.1.11/32. */
  function twoNotebooks(extraNotebook = false) {
    const b = new TestModel();
    const vpc = b.vpc("10.0.0.0/16");
    const igw = b.igw(vpc);
    const subnet = b.subnet(vpc, "10.0.1.0/24");
    const pub = b.subnet(vpc, "10.0.0.0/24");
    b.routeTable(vpc, [pub], [["0.0.0.0/0", igw]]);
    const nat = b.nat(pub);
    b.routeTable(vpc, [subnet], [["0.0.0.0/0", nat]]);
    b.nacl(vpc, [subnet], ["100 out allow all 0.0.0.0/0", "100 in allow all 0.0.0.0/0"]);
    b.nacl(vpc, [pub], ["90 in deny all 10.0.1.11/32", "100 in allow all 0.0.0.0/0", "100 out allow all 0.0.0.0/0"]);
    const sg = b.sg(vpc, { egress: ["all 0.0.0.0/0"] });
    b.notebook("nb-a", { subnet, sgs: [sg], ip: "10.0.1.10" });
    b.notebook("nb-b", { subnet, sgs: [sg], ip: "10.0.1.11" });
    b.notebook("nb-c", { subnet, sgs: [sg], ip: "10.0.1.12" });
    if (extraNotebook) b.notebook("nb-d", { subnet, sgs: [sg], ip: "10.0.1.13" });
    return b.build();
  }

  it("tells apart two notebooks of one subnet and group whose addresses a NACL rule tells apart", () => {
    const model = twoNotebooks();
    expectSame(model);
    const rows = [...startAudit(createAnalyzer(model)).rows()];
    const internet = Object.fromEntries(rows.map((row) => [row.source.id, row.cells.internet?.verdict]));
    // Shared or not, nb-b's own rule does not stop nb-a or nb-c (the ACL's /32 is a boundary).
    expect(internet).toEqual({ "nb-a": "reachable", "nb-b": "unreachable", "nb-c": "reachable" });
  });

  it("names each notebook, its ENI and its address in its shared proof", () => {
    const model = twoNotebooks(true);
    const analyzer = createAnalyzer(model);
    const [c, d] = ["nb-c", "nb-d"].map((id) => analyzer.shared?.answer(id, "internet"));
    expect(c && d).toBeDefined();
    const eniOf = (id: string) => model.notebooks.get(id)?.networkInterfaceId as string;
    for (const [answer, id, ip] of [[c, "nb-c", "10.0.1.12"], [d, "nb-d", "10.0.1.13"]] as const) {
      const text = decoded(answer?.json() ?? []);
      const verdict = answer?.verdict();
      expect(verdict?.source.id).toBe(id);
      expect(verdict?.verdict).toBe("reachable");
      expect(text).toContain(`"${ip}/32"`);
      expect(text).toContain(eniOf(id));
      expect(JSON.stringify(verdict)).toBe(text);
      expect(JSON.stringify(analyzer.query({ from: id, to: "internet" }))).toBe(text);
    }
    // Neither proof mentions the other notebook.
    expect(decoded(c?.json() ?? [])).not.toContain("nb-d");
    expect(decoded(d?.json() ?? [])).not.toContain(eniOf("nb-c"));
  });

  it("gives the class's text between the names as UTF-8 bytes encoded once for the class", () => {
    const analyzer = createAnalyzer(twoNotebooks(true));
    const [c, d] = ["nb-c", "nb-d"].map((id) => analyzer.shared?.answer(id, "internet")?.json() ?? []);
    const bytesOf = (pieces: (string | Uint8Array)[]) => pieces.filter((piece) => piece instanceof Uint8Array);
    expect(bytesOf(c ?? []).length).toBeGreaterThan(1);
    expect(bytesOf(d ?? [])).toEqual(bytesOf(c ?? []));
    bytesOf(d ?? []).forEach((piece, i) => expect(piece).toBe(bytesOf(c ?? [])[i]));
  });

  /** The answer of a fresh analyzer for one notebook, as JSON text. */
  const asked = (model: Model, id: string, to: string) => JSON.stringify(createAnalyzer(model).query({ from: `notebook/${id}`, to }));

  it("does not share the answer of a notebook whose ENI is in doubt (the doubt makes its answers unknown)", () => {
    const model = twoNotebooks(true);
    const eni = model.notebooks.get("nb-d")?.networkInterfaceId as string;
    const doubt: Doubt = { id: eni, kind: "conflict", message: `two inputs disagree about ${eni}`, origins: [] };
    const doubted: Model = { ...model, doubts: new Map([[eni, [doubt]]]) };
    expectSame(doubted);
    const rows = [...startAudit(createAnalyzer(doubted)).rows()];
    const internet = Object.fromEntries(rows.map((row) => [row.source.id, row.cells.internet?.verdict]));
    expect(internet).toEqual({ "nb-a": "reachable", "nb-b": "unreachable", "nb-c": "reachable", "nb-d": "unknown" });
  });

  it("shares no answer for an address destination (nb-d's own address is the source itself for nb-d only)", () => {
    const model = twoNotebooks(true);
    const analyzer = createAnalyzer(model);
    expect(analyzer.shared?.answer("nb-c", "internet")).toBeDefined();
    for (const id of ["nb-c", "nb-d"]) expect(analyzer.shared?.answer(id, "10.0.1.13")).toBeUndefined();
    expect(asked(model, "nb-c", "10.0.1.13")).not.toBe(asked(model, "nb-d", "10.0.1.13").replaceAll("nb-d", "nb-c"));
  });

  it("tells apart notebooks on either side of the addresses an endpoint created at apply may take", () => {
    // 10.0.1.2 is one of the four addresses AWS reserves, outside what the planned endpoint's ENI may take.
    const b = new TestModel();
    const vpc = b.vpc("10.0.0.0/16");
    const subnet = b.subnet(vpc, "10.0.1.0/24");
    b.routeTable(vpc, [subnet]);
    b.nacl(vpc, [subnet], ["100 out allow all 0.0.0.0/0", "100 in allow all 0.0.0.0/0"]);
    const sg = b.sg(vpc, { egress: ["all 0.0.0.0/0"], ingress: ["all 10.0.0.0/16"] });
    b.notebook("nb-a", { subnet, sgs: [sg], ip: "10.0.1.2" });
    b.notebook("nb-b", { subnet, sgs: [sg], ip: "10.0.1.20" });
    const endpointId = b.interfaceEndpoint(vpc, "sagemaker.api", [subnet], { sgs: [sg] });
    const model = b.build();
    const endpoint = model.vpcEndpoints.get(endpointId);
    if (!endpoint) throw new Error("no endpoint");
    (model.vpcEndpoints as Map<string, typeof endpoint>).set(endpointId, { ...endpoint, networkInterfaceIds: [] });
    for (const eni of endpoint.networkInterfaceIds) (model.networkInterfaces as Map<string, unknown>).delete(eni);
    expectSame(model);
    expect(createAnalyzer(model).shared?.answer("nb-b", "sagemaker-api")).toBeUndefined();
  });

  describe("on an estate that reuses notebook addresses", () => {
    /** The notebooks with any shared answer. */
    const sharedNotebooks = (model: Model) => {
      const analyzer = createAnalyzer(model);
      return [...model.notebooks.keys()].filter((id) => STANDARD_DESTINATIONS.some((to) => analyzer.shared?.answer(id, to))).sort();
    };
    const verdicts = (model: Model, to: string) =>
      Object.fromEntries([...startAudit(createAnalyzer(model), { shareAnswers: false }).rows()].map((row) => [row.source.id, row.cells[to]?.verdict]));

    it("gives the rows and findings of unshared answers, sharing the notebooks whose address only an ENI their walks never meet also holds", () => {
      const model = reusedAddressEstate();
      expectSame(model);
      // nb-a1 shares 10.0.1.10 with nb-c1 and nb-d1 10.0.1.11 with nb-a2, in VPCs nothing joins; nb-a4 and nb-c2, nb-d2 hold theirs alone.
      expect(sharedNotebooks(model)).toEqual(["nb-a1", "nb-a4", "nb-c1", "nb-c2", "nb-d1", "nb-d2"]);
    });

    it("does not share a notebook whose address is a member of a group a rule where its walks go references (a cross-VPC reference)", () => {
      const model = reusedAddressEstate();
      // A's endpoint admits sg-nb-d, so 10.0.1.11 (nb-d1's in D, and nb-a2's): sharing nb-a2's class answer would be wrong.
      expect(verdicts(model, "sagemaker-api")).toMatchObject({ "nb-a1": "unreachable", "nb-a2": "reachable", "nb-a4": "unreachable" });
      expect(sharedNotebooks(model)).not.toContain("nb-a2");
      // Without the reference, nb-a2 is told apart by nothing, and shared.
      const unreferenced = reusedAddressEstate((p) => {
        for (const group of p.securityGroups) if (group.id === "sg-ep-a") group.ingress = [];
      });
      expectSame(unreferenced);
      expect(sharedNotebooks(unreferenced)).toContain("nb-a2");
    });

    it("does not share a notebook whose address another notebook holds in a VPC a transit gateway joins to its own", () => {
      const model = reusedAddressEstate();
      // In E, where tgw-1 takes A's traffic, 10.0.1.12 has nb-e1's public IP: nb-a3's internet answer is unknown, nb-a4's is not.
      expect(verdicts(model, "internet")).toMatchObject({ "nb-a3": "unknown", "nb-a4": "unreachable" });
      expect(sharedNotebooks(model)).not.toContain("nb-a3");
    });
  });

  it("does not share a notebook whose ENI has a public IP or whose address is not private", () => {
    const model = twoNotebooks(true);
    const eniOf = (id: string) => model.networkInterfaces.get(model.notebooks.get(id)?.networkInterfaceId as string);
    const c = eniOf("nb-c");
    if (!c) throw new Error("no ENI");
    expect(createAnalyzer(model).shared?.answer("nb-c", "internet")).toBeDefined();
    c.privateIps = [{ privateIp: "10.0.1.12", primary: true, publicIp: "3.3.3.3" }];
    expect(createAnalyzer(model).shared?.answer("nb-c", "internet")).toBeUndefined();

    const b = new TestModel();
    const vpc = b.vpc("52.0.0.0/16");
    const subnet = b.subnet(vpc, "52.0.1.0/24");
    b.routeTable(vpc, [subnet]);
    const sg = b.sg(vpc, { egress: ["all 0.0.0.0/0"] });
    b.notebook("nb-a", { subnet, sgs: [sg], ip: "52.0.1.10" });
    b.notebook("nb-b", { subnet, sgs: [sg], ip: "52.0.1.11" });
    expect(createAnalyzer(b.build()).shared?.answer("nb-a", "s3")).toBeUndefined();
  });
});
