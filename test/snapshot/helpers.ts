/** Test helpers: small describe-* folders written to a temporary directory. */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
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
