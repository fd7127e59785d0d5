/**
 * The snapshot cache: a hit skips loading and gives the same model; a miss, a changed input, a
 * corrupt entry and the cache turned off all load afresh; concurrent writers of one key leave a valid
 * entry; and every network fixture's model comes back from the cache exactly as it was built.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cachedModel, cacheKey, setModelCache, setModelCacheWrites, type ReadObserver } from "../../src/snapshot/cache.js";
import { buildModel, readRawSnapshots } from "../../src/snapshot/read.js";
import type { Model } from "../../src/model/types.js";
import { FIXTURES, networkFixtures } from "../helpers/fixtures.js";

const ROOT = resolve(import.meta.dirname, "../..");

/** A loader that counts its calls and, as loadModels does, hands the cache each file's bytes as it reads them (unless `observing` is false). */
function counting(paths: string[], observing = true): { load: (observers?: ReadObserver[]) => Promise<Model>; calls: () => number } {
  let calls = 0;
  return {
    load: async (observers) => {
      calls += 1;
      return buildModel(await readRawSnapshots(paths, observing ? observers : undefined));
    },
    calls: () => calls,
  };
}

/** The model as comparable JSON (Maps and Sets as arrays). */
function plain(model: Model): string {
  return JSON.stringify(model, (_key, value: unknown) => (value instanceof Map ? [...value] : value instanceof Set ? [...value] : value));
}

const fresh = () => mkdtempSync(join(tmpdir(), "vpcreach-cache-"));
const copyOf = (fixture: string) => {
  const dir = fresh();
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
};

afterEach(() => {
  setModelCache(true);
  setModelCacheWrites(true);
});

describe("the snapshot cache", () => {
  it("stores on a miss and serves the same model on a hit, without loading", async () => {
    const folder = fresh();
    const paths = [join(FIXTURES, "nat-notebook")];
    const loader = counting(paths);
    const first = await cachedModel(paths, loader.load, { folder });
    const second = await cachedModel(paths, loader.load, { folder });
    expect(loader.calls()).toBe(1);
    expect(plain(second)).toBe(plain(first));
    expect(readdirSync(folder).filter((f) => f.endsWith(".v8"))).toHaveLength(1);
  });

  it("with writes off (a pool's worker thread), serves an entry that exists but stores none on a miss", async () => {
    const folder = fresh();
    const paths = [join(FIXTURES, "nat-notebook")];
    const loader = counting(paths);
    setModelCacheWrites(false);
    await cachedModel(paths, loader.load, { folder });
    expect(readdirSync(folder).filter((f) => f.endsWith(".v8"))).toHaveLength(0);
    setModelCacheWrites(true);
    const stored = await cachedModel(paths, loader.load, { folder });
    setModelCacheWrites(false);
    const served = await cachedModel(paths, loader.load, { folder });
    expect(loader.calls()).toBe(2);
    expect(plain(served)).toBe(plain(stored));
  });

  it("loads afresh when an input's content or mtime changes", async () => {
    const folder = fresh();
    const input = copyOf("nat-notebook");
    const loader = counting([input]);
    const before = await cachedModel([input], loader.load, { folder });
    const file = join(input, "us-east-1", "describe-vpcs.json");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace(/"10\.(\d+)\.0\.0\/16"/, '"10.$1.0.0/17"'));
    const after = await cachedModel([input], loader.load, { folder });
    expect(loader.calls()).toBe(2);
    expect(plain(after)).not.toBe(plain(before));
    const key = await cacheKey([input]);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(await cacheKey([input])).not.toBe(key);
  });

  it("loads afresh when an input's content changes but its size and mtime do not", async () => {
    const folder = fresh();
    const input = copyOf("nat-notebook");
    const file = join(input, "us-east-1", "describe-vpcs.json");
    const mtime = new Date("2026-01-01T00:00:00Z");
    utimesSync(file, mtime, mtime);
    const loader = counting([input]);
    const before = await cachedModel([input], loader.load, { folder });
    const text = readFileSync(file, "utf8");
    const changed = text.replace(/"10\.(\d+)\.0\.0\/16"/, '"10.$1.0.0/17"');
    expect(changed).not.toBe(text);
    expect(changed.length).toBe(text.length);
    writeFileSync(file, changed);
    utimesSync(file, mtime, mtime);
    expect(statSync(file).mtimeMs).toBe(mtime.getTime());
    const after = await cachedModel([input], loader.load, { folder });
    expect(loader.calls()).toBe(2);
    expect(plain(after)).not.toBe(plain(before));
    // The entry now holds the new content's model.
    const again = await cachedModel([input], loader.load, { folder });
    expect(loader.calls()).toBe(2);
    expect(plain(again)).toBe(plain(after));
  });

  it("hashes the files the loader reads as it hashes them itself, so either way the entry is the same", async () => {
    const paths = [join(FIXTURES, "nat-notebook"), join(FIXTURES, "ml-platform")];
    const entryOf = async (observing: boolean): Promise<Buffer> => {
      const folder = fresh();
      await cachedModel(paths, counting(paths, observing).load, { folder });
      const names = readdirSync(folder).filter((f) => f.endsWith(".v8"));
      expect(names).toHaveLength(1);
      return readFileSync(join(folder, names[0]!));
    };
    const observed = await entryOf(true);
    expect(observed.equals(await entryOf(false))).toBe(true);
    const loader = counting(paths);
    const folder = fresh();
    await cachedModel(paths, counting(paths).load, { folder });
    await cachedModel(paths, loader.load, { folder });
    expect(loader.calls()).toBe(0);
  });

  it("keeps a relative and an absolute spelling of one input apart (the model names files as given)", async () => {
    const absolute = join(FIXTURES, "nat-notebook");
    const relative = "fixtures/nat-notebook";
    expect(resolve(ROOT, relative)).toBe(absolute);
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      expect(await cacheKey([relative])).not.toBe(await cacheKey([absolute]));
    } finally {
      process.chdir(cwd);
    }
  });

  it("discards a corrupt entry and rebuilds it", async () => {
    const folder = fresh();
    const paths = [join(FIXTURES, "nat-notebook")];
    const loader = counting(paths);
    const model = await cachedModel(paths, loader.load, { folder });
    const entry = join(folder, readdirSync(folder).find((f) => f.endsWith(".v8"))!);
    writeFileSync(entry, "not a model");
    const rebuilt = await cachedModel(paths, loader.load, { folder });
    expect(loader.calls()).toBe(2);
    expect(plain(rebuilt)).toBe(plain(model));
    expect(readFileSync(entry).subarray(0, 11).toString()).not.toBe("not a model");
  });

  it("is not used when turned off (--no-cache)", async () => {
    const folder = fresh();
    const paths = [join(FIXTURES, "nat-notebook")];
    const loader = counting(paths);
    setModelCache(false);
    await cachedModel(paths, loader.load, { folder });
    await cachedModel(paths, loader.load, { folder });
    expect(loader.calls()).toBe(2);
    expect(readdirSync(folder)).toEqual([]);
  });

  it("leaves one valid entry when writers race on one key", async () => {
    const folder = fresh();
    const paths = [join(FIXTURES, "ml-platform")];
    const models = await Promise.all(Array.from({ length: 4 }, () => cachedModel(paths, counting(paths).load, { folder })));
    expect(new Set(models.map(plain)).size).toBe(1);
    const loader = counting(paths);
    const again = await cachedModel(paths, loader.load, { folder });
    expect(loader.calls()).toBe(0);
    expect(plain(again)).toBe(plain(models[0]!));
    expect(readdirSync(folder).filter((f) => f.startsWith(".vpcreach-tmp-"))).toEqual([]);
  });

  it("gives the same answers from concurrent CLI processes sharing a cache folder", async () => {
    const cache = fresh();
    const run = () =>
      new Promise<{ code: number | null; out: string }>((done) => {
        const child = spawn(process.execPath, [join(ROOT, "dist/cli/vpcreach.js"), "query", "--snapshot", "fixtures/ml-platform", "--from", "research-notebook", "--to", "s3", "--json"], {
          cwd: ROOT,
          env: { ...process.env, XDG_CACHE_HOME: cache },
        });
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
        child.on("close", (code) => done({ code, out }));
      });
    const results = await Promise.all([run(), run(), run()]);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(new Set(results.map((r) => r.out)).size).toBe(1);
    expect(readdirSync(join(cache, "vpcreach", "models")).filter((f) => f.endsWith(".v8"))).toHaveLength(1);
  });

  it.each(networkFixtures())("%s holds only plain data, which the cache keeps (no class instances, whose methods it would lose)", async (fixture) => {
    const kinds = new Set<string>();
    const seen = new Set<unknown>();
    const walk = (value: unknown): void => {
      if (value === null || typeof value !== "object" || seen.has(value)) return;
      seen.add(value);
      kinds.add((value as object).constructor?.name ?? "null-prototype");
      const children = value instanceof Map ? [...value].flat() : value instanceof Set ? [...value] : Object.values(value);
      children.forEach(walk);
    };
    walk(buildModel(await readRawSnapshots([join(FIXTURES, fixture)])));
    expect([...kinds].filter((kind) => !["Object", "Array", "Map", "Set"].includes(kind))).toEqual([]);
  });

  it.each(networkFixtures())("%s comes back from the cache exactly as built", async (fixture) => {
    const folder = fresh();
    const paths = [join(FIXTURES, fixture)];
    const built = await cachedModel(paths, counting(paths).load, { folder });
    const loader = counting(paths);
    const cached = await cachedModel(paths, loader.load, { folder });
    expect(loader.calls()).toBe(0);
    expect(plain(cached)).toBe(plain(built));
  });
});
