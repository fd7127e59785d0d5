/** Test helpers: small describe-* folders written to a temporary directory. */
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

/** Where the Batfish test networks live (read in place, never copied). */
export const BATFISH = resolve(import.meta.dirname, "../data/external/batfish-aws");

/**
 * Writes files (objects are JSON-encoded, strings written as is) below a new temporary folder.
 *
 * @param files - relative path → content
 * @returns the folder
 */
export function makeFolder(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), "vpcreach-test-"));
  for (const [path, content] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 1));
  }
  return root;
}

/** A minimal valid VPC with one subnet, usable as a base for bad-input cases. */
export function vpcFiles(region = "us-east-1"): Record<string, unknown> {
  return {
    [`${region}/Vpcs.json`]: { Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16", OwnerId: "111122223333" }] },
    [`${region}/Subnets.json`]: {
      Subnets: [{ SubnetId: "subnet-1", VpcId: "vpc-1", CidrBlock: "10.0.1.0/24", AvailabilityZone: `${region}a` }],
    },
  };
}

/** The repository's fixtures folder. */
export const FIXTURES = resolve(import.meta.dirname, "../../fixtures");

/**
 * A copy of a fixture in a new temporary folder, with some of its JSON files changed and others added.
 *
 * @param fixture - the fixture's folder name under fixtures/
 * @param edits - relative path → a function that changes the parsed JSON in place
 * @param extra - relative path → content of a file to add (objects JSON-encoded)
 * @returns the copy's folder
 */
export function editedFixture(fixture: string, edits: Record<string, (json: JsonRecord) => void> = {}, extra: Record<string, unknown> = {}): string {
  const root = mkdtempSync(join(tmpdir(), `vpcreach-${fixture}-`));
  cpSync(join(FIXTURES, fixture), root, { recursive: true });
  for (const [path, edit] of Object.entries(edits)) {
    const file = join(root, path);
    const json = JSON.parse(readFileSync(file, "utf8")) as JsonRecord;
    edit(json);
    writeFileSync(file, JSON.stringify(json, null, 1));
  }
  for (const [path, content] of Object.entries(extra)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === "string" ? content : JSON.stringify(content, null, 1));
  }
  return root;
}

/** A JSON object as parsed. */
export type JsonRecord = Record<string, unknown>;

/**
 * One record of an API output's list, found by id, to change in place.
 *
 * @param json - the parsed output, e.g. `{ "RouteTables": [...] }`
 * @param list - the list key, e.g. `RouteTables`
 * @param idKey - the id field, e.g. `RouteTableId`
 * @param id - the id
 */
export function recordOf(json: JsonRecord, list: string, idKey: string, id: string): JsonRecord {
  const found = (json[list] as JsonRecord[]).find((record) => record[idKey] === id);
  if (!found) throw new Error(`no ${idKey} ${id} in ${list}`);
  return found;
}
