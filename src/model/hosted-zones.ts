/**
 * Route 53 hosted zones and their records as the model keeps them (list-hosted-zones, get-hosted-zone,
 * list-resource-record-sets), for the DNS step of a path: which address an endpoint or service name
 * resolves to inside a VPC.
 */

import type { Resource } from "./scope.js";

/** One record of a Route 53 hosted zone (list-resource-record-sets). */
export interface HostedZoneRecord {
  /** Fully qualified, lower case, without the trailing dot. */
  name: string;
  type: string;
  /** An alias record's target DNS name (lower case, no trailing dot). */
  aliasTarget: string | undefined;
  values: string[];
  /**
   * A record set with a routing policy other than simple (`SetIdentifier` given): which policy, e.g.
   * `weighted`, `failover`, `latency`, `multivalue`, `geolocation`, `geoproximity`, `ip-based`, with
   * its identifier. Several such record sets may share a name; Route 53 picks among them per query
   * (absent: simple routing, one record set per name and type).
   */
  routing?: { setIdentifier: string; policy: RoutingPolicy };
}

/** Route 53 routing policies of record sets that have a `SetIdentifier`. */
export type RoutingPolicy = "weighted" | "failover" | "latency" | "multivalue" | "geolocation" | "geoproximity" | "ip-based" | "unknown policy";

/** A Route 53 hosted zone (list-hosted-zones, get-hosted-zone, list-resource-record-sets). */
export interface HostedZone extends Resource {
  /** The zone's domain, lower case, without the trailing dot (e.g. `sagemaker.us-east-1.amazonaws.com`). */
  zoneName: string;
  privateZone: boolean;
  /** The VPCs a private zone is associated with (get-hosted-zone); undefined when not given. */
  vpcs: { vpcId: string; region: string }[] | undefined;
  /**
   * Associations whose VPC is not known, each saying why (a Terraform plan's `vpc_id` known only
   * after apply): any VPC may be one of them, so a name the zone covers is unknown in VPCs it does
   * not list. Absent when every association is known.
   */
  vpcsUnknown?: string[];
  /** Its records; undefined when list-resource-record-sets was not given. */
  records: HostedZoneRecord[] | undefined;
  /**
   * The list-resource-record-sets output said `IsTruncated: true` (it is one page of a paged listing):
   * records beyond it are missing, so a name without a record may still have one.
   */
  recordsTruncated: boolean;
}

/**
 * A Route 53 Resolver rule (list-resolver-rules) with the VPCs it is associated with
 * (list-resolver-rule-associations): queries for its domain from those VPCs are forwarded (`FORWARD`)
 * to other DNS servers, or answered by the Resolver itself (`SYSTEM`, `RECURSIVE`).
 */
export interface ResolverRule {
  id: string;
  /** Lower case, without the trailing dot. */
  domainName: string;
  ruleType: string;
  /** The rule's target servers, as `IP:port`, for messages. */
  targets: string[];
  /** The VPCs whose association is in effect (or being made or changed). */
  vpcIds: string[];
}
