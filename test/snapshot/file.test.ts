/** The snapshot file: atomic write, validated read, and a round trip that gives the same model. */
import { join } from "node:path";
import { readdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readSnapshotFile, writeSnapshotFile } from "../../src/snapshot/file.js";
import { loadModel } from "../../src/snapshot/load.js";
import { readRawSnapshot } from "../../src/snapshot/read.js";
import { SNAPSHOT_FORMAT_VERSION, type SnapshotFile } from "../../src/snapshot/types.js";
import type { Model } from "../../src/model/types.js";
import { BATFISH, makeFolder } from "./helpers.js";

/** The model as plain data, without where each record was read from (which differs by design). */
function content(model: Model): unknown {
  return JSON.parse(
    JSON.stringify(model, (key, value: unknown) => {
      if (key === "origin" || key === "source" || key === "file" || key === "jsonPath") return undefined;
      if (value instanceof Map) return Object.fromEntries(value);
      if (value instanceof Set) return [...value].sort();
      return value;
    }),
  );
}

async function snapshotOf(folder: string): Promise<SnapshotFile> {
  const raw = await readRawSnapshot(folder);
  return {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    tool: { name: "vpcreach", version: "0.1.0" },
    createdAt: "2026-01-01T00:00:00.000Z",
    regions: ["us-east-1"],
    sources: [{ account: "554773406868", region: "us-east-1", documents: raw.documents.map((d) => d.value) }],
    errors: [{ account: "554773406868", region: "us-east-1", service: "ec2", operation: "DescribeNatGateways", code: "UnauthorizedOperation", message: "denied" }],
  };
}

describe("snapshot file", () => {
  it("round-trips: write, read back, and load to the same model as the folder it came from", async () => {
    const folder = join(BATFISH, "vpc-endpoint-gateway");
    const snapshot = await snapshotOf(folder);
    const dir = makeFolder({});
    const path = join(dir, "snap.json");
    await writeSnapshotFile(path, snapshot);
    expect(readdirSync(dir)).toEqual(["snap.json"]);
    expect(await readSnapshotFile(path)).toEqual(snapshot);

    const fromFile = await loadModel(path);
    const fromFolder = await loadModel(folder);
    expect(fromFile.collectErrors).toEqual(snapshot.errors);
    expect(content({ ...fromFile, collectErrors: [] })).toEqual(content(fromFolder));
    expect(fromFile.source).toBe(path);
    expect(fromFile.vpcs.get("vpc-05d56c7295fca139b")?.origin).toEqual({ file: path, jsonPath: "$.sources[0].documents[28].Vpcs[0]" });
  });

  it("rejects an unsupported format version", async () => {
    const dir = makeFolder({ "s.json": { formatVersion: 99, sources: [] } });
    await expect(readSnapshotFile(join(dir, "s.json"))).rejects.toThrow(
      `${dir}/s.json: $.formatVersion: unsupported snapshot format version 99 (this vpcreach reads version 1)`,
    );
  });

  it("rejects a source with a bad Region", async () => {
    const dir = makeFolder({ "s.json": { formatVersion: 1, sources: [{ region: "mars-1", documents: [] }] } });
    await expect(loadModel(join(dir, "s.json"))).rejects.toThrow(
      `${dir}/s.json: $.sources[0].region: expected an AWS Region name, got "mars-1"`,
    );
  });

  it("names a bad document inside the snapshot by its JSON path", async () => {
    const dir = makeFolder({
      "s.json": { formatVersion: 1, sources: [{ region: "us-east-1", documents: [{ Vpcs: [{ VpcId: "vpc-1", CidrBlock: "nope" }] }] }] },
    });
    await expect(loadModel(join(dir, "s.json"))).rejects.toThrow(
      `${dir}/s.json: $.sources[0].documents[0].Vpcs[0].CidrBlock (vpc-1): expected an IPv4 CIDR, got "nope"`,
    );
  });

  it("loads a single describe-* file given directly", async () => {
    const dir = makeFolder({ "eu-west-1/Vpcs.json": { Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16" }] } });
    const model = await loadModel(join(dir, "eu-west-1/Vpcs.json"));
    expect(model.vpcs.get("vpc-1")?.scope.region).toBe("eu-west-1");
    // It says so, and which folder to give (every command prints this warning on stderr).
    const about = model.warnings.filter((warning) => warning.aboutInput);
    expect(about.map((warning) => warning.message)).toEqual([
      `${dir}/eu-west-1/Vpcs.json is a single describe output (vpcs): the network lacks subnets, routeTables, networkAcls, securityGroups, networkInterfaces, internetGateways, natGateways, vpcEndpoints, so answers that need them are unknown. Give the folder that holds all the describe-* files: --snapshot ${dir}/eu-west-1`,
    ]);
    expect((await loadModel(dir)).warnings.some((warning) => warning.aboutInput)).toBe(false);
  });

  it("loads a snapshot file placed inside a describe-* folder", async () => {
    const dir = makeFolder({ "us-east-1/Vpcs.json": { Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16" }] } });
    writeFileSync(
      join(dir, "collected.json"),
      JSON.stringify({ formatVersion: 1, sources: [{ account: "111122223333", region: "eu-west-1", documents: [{ Vpcs: [{ VpcId: "vpc-2", CidrBlock: "10.1.0.0/16" }] }] }] }),
    );
    const model = await loadModel(dir);
    expect(model.vpcs.get("vpc-2")?.scope).toEqual({ account: "111122223333", region: "eu-west-1" });
    expect(model.vpcs.has("vpc-1")).toBe(true);
  });
});
