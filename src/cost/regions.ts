/**
 * The AWS Regions vpcreach knows (data/regions.json): the commercial ones, which the price table
 * must all list, and the GovCloud and China Regions, marked by partition.
 */
import { readFileSync } from "node:fs";
import { bundledDataFile } from "../fs/bundled-data.js";

export interface KnownRegion {
  name: string;
  /** `aws` (commercial), `aws-us-gov` (GovCloud) or `aws-cn` (China). */
  partition: string;
  /** True for Regions an account must opt in to. */
  optIn: boolean;
  title: string;
}

let regions: readonly KnownRegion[] | undefined;

/** The bundled Region list, read once. */
export function knownRegions(): readonly KnownRegion[] {
  regions ??= (JSON.parse(readFileSync(bundledDataFile("regions.json"), "utf8")) as { regions: KnownRegion[] }).regions;
  return regions;
}
