/**
 * IAM and resource policies as the model keeps them (iam/, policies/ and organizations/ folders of a
 * snapshot), for identity checks on a proven network path.
 */

import type { Origin } from "./scope.js";

/** An IAM policy document as AWS stores it (already JSON-decoded), with where it was read from. */
export interface PolicyDocument {
  /** A name for citing it: the policy name, `bucket policy of B`, the SCP name. */
  name: string;
  document: Record<string, unknown>;
  origin: Origin;
}

/** An IAM role from get-account-authorization-details. */
export interface IamRole {
  arn: string;
  name: string;
  account: string;
  inlinePolicies: PolicyDocument[];
  managedPolicyArns: string[];
  permissionsBoundaryArn: string | undefined;
  origin: Origin;
}

/** A service control (or resource control) policy and what it is attached to. */
export interface OrganizationPolicy extends PolicyDocument {
  id: string;
  type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY";
  /** Target ids: the root (`r-…`), OUs (`ou-…`) and accounts (12 digits). */
  targets: string[];
}

/** IAM and resource policies, for identity checks on a proven network path. */
export interface IdentityData {
  /** Keyed by role ARN. */
  roles: ReadonlyMap<string, IamRole>;
  /** Managed policies' default versions, keyed by policy ARN. */
  managedPolicies: ReadonlyMap<string, PolicyDocument>;
  /** Keyed by bucket name. */
  bucketPolicies: ReadonlyMap<string, PolicyDocument>;
  organizationPolicies: readonly OrganizationPolicy[];
  /**
   * The buckets `policies/s3/list-buckets.json` lists (undefined without one): with a listing, a listed
   * bucket without a policy file has no policy.
   */
  bucketListing?: ReadonlySet<string> | undefined;
  /** Organizations list-parents outputs: child id (account or OU) → its parent's id (`ou-…`, `r-…`). */
  parents?: ReadonlyMap<string, string> | undefined;
  /** Which kinds were in the input: a role policy check needs `iam`, a bucket check `bucketPolicies`. */
  present: ReadonlySet<"iam" | "bucketPolicies" | "organizations">;
}
