/**
 * A subfolder the loader cannot list (EACCES) is an input error naming it (exit 2 in the CLI), not
 * an internal error. As root every folder is readable, so the refusal is simulated here by making
 * `readdirSync` fail for one folder; test/robustness/input.test.ts runs the real case when not root.
 */
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { InputError } from "../../src/model/errors.js";
import { loadModel } from "../../src/snapshot/load.js";
import { makeFolder, vpcFiles } from "./helpers.js";

const locked = vi.hoisted(() => ({ path: "" }));

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return {
    ...actual,
    readdirSync: ((path: string, options: unknown) => {
      if (path === locked.path) throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: "EACCES" });
      return actual.readdirSync(path, options as never);
    }) as typeof actual.readdirSync,
  };
});

describe("a subfolder that cannot be listed", () => {
  it("is an InputError naming the folder", async () => {
    const root = makeFolder({ ...vpcFiles(), "us-east-1/locked/x.json": { Vpcs: [] } });
    locked.path = join(root, "us-east-1", "locked");
    const failure = loadModel(root);
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(loadModel(root)).rejects.toThrow(`${locked.path}: cannot read the folder: EACCES: permission denied`);
  });
});
