/**
 * The snapshot file that `vpcreach collect` writes and every other command reads, and the raw form
 * both input kinds (snapshot file, folder of describe-* JSON) are read into before normalization.
 *
 * A snapshot keeps AWS's own API output untouched: each document is one response (or the merged
 * pages of one paged call) exactly as `aws ec2 describe-*` would print it, recognised later by its
 * top-level key (`Vpcs`, `Subnets`, …). So a snapshot and a describe-* folder load through one path.
 */
import type { CollectError, LoadWarning } from "../model/types.js";
import type { GlobalFolder } from "./scope.js";

export const SNAPSHOT_FORMAT_VERSION = 1;

/** One account + Region's API outputs. */
export interface SnapshotSource {
  /** 12-digit account id, when known. */
  account: string | undefined;
  region: string;
  /** API outputs as the AWS CLI prints them, e.g. `{ "Vpcs": [...] }`, one DescribeNotebookInstance output, … */
  documents: unknown[];
  /**
   * Global API outputs whose reader takes ids from the file name, each under the path the AWS CLI
   * folder layout gives it (`iam/get-account-authorization-details.json`, `policies/s3/<bucket>.json`,
   * `organizations/describe-policy-<id>.json`, …: see docs/input-formats.md); read as that file would be.
   */
  files?: { path: string; document: unknown }[];
}

export interface SnapshotFile {
  formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  tool: { name: "vpcreach"; version: string };
  /** ISO 8601 time the collection started. */
  createdAt: string;
  regions: string[];
  sources: SnapshotSource[];
  /** Every API call that failed, so readers can answer `unknown` for what it could change. */
  errors: CollectError[];
}

/** One API output found in the input, with where it came from. */
export interface RawDocument {
  /** The file it was read from. */
  file: string;
  /** JSONPath of the document inside that file (`$` for a describe-* file). */
  jsonPath: string;
  account: string | undefined;
  /** Undefined when neither a folder name nor the snapshot gave one; inferred later from AZs. */
  region: string | undefined;
  value: unknown;
  /** Set for a file in a global data folder (`route53/`, …): it has no Region (`region` is `global`). */
  global?: GlobalFolder;
  /** For a snapshot's `files` entry: the folder-layout path it stands for, whose name readers take ids from. */
  layoutPath?: string;
  /**
   * Set on the documents of a Terraform plan given after other inputs (see `readRawSnapshots`):
   * `replace` — its records replace the earlier inputs' records of the same id (the plan says what
   * they become); `keep` — what AWS creates implicitly with a VPC, added only where the earlier
   * inputs lack it (the collected main route table is the real one).
   */
  overlay?: "replace" | "keep";
  /** Set (with `value` null) on what a Terraform plan destroys or changes in records it does not hold. */
  planEffects?: PlanEffects;
}

/** What a Terraform plan does to records of the inputs given before it, beyond its own records. */
export interface PlanEffects {
  /** Ids the plan destroys: removed from the model (what referred to them then dangles). */
  removes: string[];
  /**
   * Records the plan changes a part of (a route, a rule, an association) without holding the record
   * itself: the change cannot be applied to the collected copy, so answers that use it are unknown.
   */
  partsOutside: { id: string; message: string }[];
}

export interface RawSnapshot {
  /** The path the user gave (file or folder). */
  source: string;
  documents: RawDocument[];
  errors: CollectError[];
  /** Problems noticed while reading the files (bytes that are not UTF-8, Terraform values known only after apply, …). */
  warnings?: LoadWarning[];
  /** Set when every input is one describe-* output given as a file (not a folder, snapshot file or plan): those files. */
  loneDescribeFiles?: string[];
}
