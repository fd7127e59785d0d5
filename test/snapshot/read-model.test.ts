/**
 * `readModel` builds the model as the files are read: each document reaches the builder as soon as
 * its file is parsed (when its scope is known), and the model, its warnings and the error an input
 * gives are those of reading every file first and building after (`buildModel(await readRawSnapshots(…))`).
 */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildModel, readModel, readRawSnapshots } from "../../src/snapshot/read.js";
import { readDescribeFolder } from "../../src/snapshot/folder.js";
import { InputError } from "../../src/model/errors.js";
import type { Model } from "../../src/model/types.js";
import { FIXTURES, networkFixtures } from "../helpers/fixtures.js";
import { makeFolder, vpcFiles } from "./helpers.js";

/** The model as comparable JSON (Maps and Sets as arrays). */
function plain(model: Model): string {
  return JSON.stringify(model, (_key, value: unknown) => (value instanceof Map ? [...value] : value instanceof Set ? [...value] : value));
}

/** The message of the InputError a load throws, the folder's path left out. */
async function messageOf(load: () => Promise<unknown>, root: string): Promise<string> {
  try {
    await load();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message.replace(root + "/", "");
  }
  throw new Error("expected the load to fail");
}

/** A copy of a fixture below an account's folder: its documents' scopes are known as they are read. */
function underAccount(fixture: string): string {
  const root = mkdtempSync(join(tmpdir(), "vpcreach-read-model-"));
  cpSync(join(FIXTURES, fixture), join(root, ACCOUNT), { recursive: true });
  return root;
}

const ACCOUNT = "111122223333";

/** Files below the account's folder, so their scopes are known as they are read. */
const inAccount = (files: Record<string, unknown>) => Object.fromEntries(Object.entries(files).map(([path, content]) => [`${ACCOUNT}/${path}`, content]));

const badSubnet = inAccount({
  "us-east-1/Subnets.json": { Subnets: [{ SubnetId: "subnet-0abc", VpcId: "vpc-1", CidrBlock: "10.0.0.0/33", AvailabilityZone: "us-east-1a" }] },
});

describe("readModel", () => {
  it("hands each document on as its file is parsed, before the next file is read", async () => {
    const root = makeFolder(inAccount(vpcFiles()));
    const events: string[] = [];
    await readDescribeFolder(
      root,
      (file) => events.push(`read ${file.slice(root.length + 1)}`),
      (doc) => events.push(`document ${doc.file.slice(root.length + 1)}`),
    );
    const files = events.filter((event) => event.startsWith("read ")).map((event) => event.slice(5));
    expect(files.length).toBeGreaterThan(1);
    expect(events).toEqual(files.flatMap((file) => [`read ${file}`, `document ${file}`]));
  });

  it.each(networkFixtures())("gives the model of reading first and building after: %s, as it is and below an account's folder", async (fixture) => {
    for (const path of [join(FIXTURES, fixture), underAccount(fixture)]) {
      expect(plain(await readModel([path]))).toBe(plain(buildModel(await readRawSnapshots([path]))));
    }
  });

  it.each([
    ["identity data beside a network", () => [underAccount("ml-platform"), join(FIXTURES, "identity/ml-platform")]],
    ["a Terraform plan laid over a network", () => [underAccount("ml-platform"), join(FIXTURES, "terraform/ml-platform/us-east-1.json")]],
    ["a Terraform plan given first", () => [join(FIXTURES, "terraform/ml-platform/us-east-1.json"), underAccount("ml-platform")]],
  ])("gives the model of reading first and building after for several inputs: %s", async (_name, inputs) => {
    const paths = inputs();
    expect(plain(await readModel(paths))).toBe(plain(buildModel(await readRawSnapshots(paths))));
  });

  it("a file that is not JSON is named before an invalid record in a file read earlier", async () => {
    const root = makeFolder({ ...inAccount(vpcFiles()), ...badSubnet, ...inAccount({ "us-east-1/Vpcs2.json": "{ not json" }) });
    const message = await messageOf(() => readModel([root]), root);
    expect(message).toMatch(/^111122223333\/us-east-1\/Vpcs2\.json: line 1, column 3: invalid JSON/);
  });

  it("a file whose Region cannot be told is named before an invalid record in a file read earlier", async () => {
    const root = makeFolder({
      ...badSubnet,
      ...inAccount({
        "zz/NatGateways.json": { NatGateways: [] },
        "zz/Subnets.json": { Subnets: [{ SubnetId: "subnet-1", VpcId: "vpc-1", CidrBlock: "10.0.0.0/24", AvailabilityZone: "eu-west-1a" }] },
        "zz/Subnets2.json": { Subnets: [{ SubnetId: "subnet-2", VpcId: "vpc-1", CidrBlock: "10.0.1.0/24", AvailabilityZone: "us-east-1a" }] },
      }),
    });
    const message = await messageOf(() => readModel([root]), root);
    expect(message).toMatch(/^111122223333\/zz\/NatGateways\.json: cannot tell which AWS Region/);
  });

  it("an invalid record is the error when the files are otherwise sound", async () => {
    const root = makeFolder({ ...inAccount(vpcFiles()), ...badSubnet });
    const message = await messageOf(() => readModel([root]), root);
    expect(message).toBe('111122223333/us-east-1/Subnets.json: $.Subnets[0].CidrBlock (subnet-0abc): expected an IPv4 CIDR, got "10.0.0.0/33"');
  });
});
