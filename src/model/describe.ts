/**
 * One-line descriptions of what a load could not resolve, shared by `inspect` and the reports so a
 * dangling reference or a failed API call reads the same everywhere.
 */
import type { CollectError, DanglingReference } from "./types.js";

/**
 * `rtb-0abc: route target nat-0def is not in the snapshot`.
 *
 * @param reference - the dangling reference
 */
export function describeDanglingReference(reference: DanglingReference): string {
  return `${reference.fromId}: ${reference.field} ${reference.missingId} is not in the snapshot`;
}

/**
 * `111122223333/us-east-1 ec2:DescribeNatGateways UnauthorizedOperation: …`.
 *
 * @param error - the failed call
 */
export function describeCollectError(error: CollectError): string {
  return `${error.account ?? "-"}/${error.region} ${error.service}:${error.operation} ${error.code}: ${error.message}`;
}
