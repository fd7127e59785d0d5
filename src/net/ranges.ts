/**
 * Well-known IPv4 ranges: private (RFC 1918), shared (RFC 6598) and the public IPv4 space the
 * `internet` destination stands for (everything routable on the internet: all addresses minus the
 * special-purpose blocks of RFC 6890).
 */
import { IntervalSet } from "./interval-set.js";

export const RFC1918 = IntervalSet.fromCidrs(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]);

export const RFC6598 = IntervalSet.fromCidrs(["100.64.0.0/10"]);

/** Special-purpose blocks that are never internet destinations. */
const SPECIAL_PURPOSE = IntervalSet.fromCidrs([
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4",
  "240.0.0.0/4",
]);

/** The public IPv4 space. */
export const PUBLIC_IPV4 = IntervalSet.ALL_ADDRESSES.subtract(SPECIAL_PURPOSE);
