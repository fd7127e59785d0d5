/**
 * The reference evaluator's own IPv4 arithmetic, deliberately written apart from `src/net` so the
 * reference and the engine share no address code: parse a dotted quad, test CIDR membership, and
 * classify the private ranges an internet gateway refuses (RFC 1918, RFC 6598).
 */

/**
 * Parses a dotted-quad IPv4 address into an unsigned 32-bit number.
 *
 * @param ip - e.g. `10.0.1.5`
 */
export function ipToNumber(ip: string): number {
  const parts = ip.split(".");
  if (parts.length !== 4) throw new Error(`not an IPv4 address: ${ip}`);
  let value = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (!/^\d{1,3}$/.test(part) || octet > 255) throw new Error(`not an IPv4 address: ${ip}`);
    value = value * 256 + octet;
  }
  return value;
}

/**
 * Formats an unsigned 32-bit number as a dotted quad.
 *
 * @param value - 0 … 2^32-1
 */
export function numberToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/**
 * The prefix length of a CIDR (`10.0.0.0/16` → 16).
 *
 * @param cidr - an IPv4 CIDR
 */
export function prefixLength(cidr: string): number {
  const length = Number(cidr.split("/")[1]);
  if (!Number.isInteger(length) || length < 0 || length > 32) throw new Error(`not an IPv4 CIDR: ${cidr}`);
  return length;
}

/**
 * True when `ip` lies inside `cidr`. Uses division instead of bit operators so /0 and /32 need no
 * special cases in 32-bit signed arithmetic.
 *
 * @param cidr - an IPv4 CIDR, e.g. `10.0.0.0/16`
 * @param ip - a dotted quad
 */
export function cidrContains(cidr: string, ip: string): boolean {
  const [base] = cidr.split("/");
  const blockSize = 2 ** (32 - prefixLength(cidr));
  return Math.floor(ipToNumber(base!) / blockSize) === Math.floor(ipToNumber(ip) / blockSize);
}

/**
 * True when `ip` is in any of `cidrs`.
 *
 * @param cidrs - IPv4 CIDRs
 * @param ip - a dotted quad
 */
export function anyCidrContains(cidrs: readonly string[], ip: string): boolean {
  return cidrs.some((cidr) => cidrContains(cidr, ip));
}

/** RFC 1918 private space. */
export const RFC1918 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;
/** RFC 6598 shared (carrier-grade NAT) space. */
export const RFC6598 = ["100.64.0.0/10"] as const;
