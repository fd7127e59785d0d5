/**
 * IP protocol values as AWS prints them in security group rules (`IpProtocol`) and NACL entries
 * (`Protocol`): names (`tcp`, `udp`, `icmp`, `icmpv6`), numbers as strings, or `-1` for all.
 * Models https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html (IpProtocol)
 * and https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAclEntry.html (Protocol).
 */
import type { JsonObject } from "../json-reader.js";
import type { Protocol } from "../../model/types.js";

const NAMED: Record<string, Protocol> = {
  "-1": "all",
  all: "all",
  tcp: "tcp",
  "6": "tcp",
  udp: "udp",
  "17": "udp",
  icmp: "icmp",
  "1": "icmp",
  icmpv6: { number: 58 },
};

/**
 * Reads a protocol field.
 *
 * @param record - the rule or entry
 * @param key - `IpProtocol` or `Protocol`
 */
export function readProtocol(record: JsonObject, key: string): Protocol {
  const value = record.field(key).value;
  const text = typeof value === "number" ? String(value) : record.str(key).toLowerCase();
  const named = Object.hasOwn(NAMED, text) ? NAMED[text] : undefined;
  if (named) return named;
  const number = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(number >= 0 && number <= 255)) {
    record.failAt(key, `expected an IP protocol (tcp, udp, icmp, -1 or a number 0-255), got ${JSON.stringify(text)}`);
  }
  return { number };
}
