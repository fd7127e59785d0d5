/**
 * IPv4 CIDR blocks: parsing, formatting and the address range a block covers. A CIDR whose host bits
 * are set (e.g. `10.0.0.5/24`, as AWS sometimes accepts in rules) is normalized to its network.
 */
import { formatIpv4, parseIpv4Between } from "./ipv4.js";

export interface Cidr {
  /** First address of the block. */
  first: number;
  /** Last address of the block. */
  last: number;
  prefixLength: number;
}

/**
 * Parses `a.b.c.d/n` (or a bare address, read as /32).
 *
 * @param text - the CIDR text
 * @returns the block, or undefined when malformed
 */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf("/");
  const prefixLength = slash < 0 ? 32 : prefixLengthOf(text, slash + 1);
  if (prefixLength === undefined) return undefined;
  const address = parseIpv4Between(text, 0, slash < 0 ? text.length : slash);
  if (address === undefined) return undefined;
  const size = 2 ** (32 - prefixLength);
  const first = Math.floor(address / size) * size;
  return { first, last: first + size - 1, prefixLength };
}

/** The prefix length from `start` to the end of `text`: one or two digits, no leading zero beyond `0`, at most 32. */
function prefixLengthOf(text: string, start: number): number | undefined {
  const digits = text.length - start;
  if (digits < 1 || digits > 2) return undefined;
  const high = text.charCodeAt(start) - 48;
  if (high < 0 || high > 9) return undefined;
  if (digits === 1) return high;
  const low = text.charCodeAt(start + 1) - 48;
  if (high === 0 || low < 0 || low > 9) return undefined;
  const length = high * 10 + low;
  return length > 32 ? undefined : length;
}

/**
 * Formats a block as `a.b.c.d/n`.
 *
 * @param cidr - the block
 */
export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.first)}/${cidr.prefixLength}`;
}

/**
 * True when `address` lies in the block.
 *
 * @param cidr - the block
 * @param address - an unsigned 32-bit address
 */
export function cidrContains(cidr: Cidr, address: number): boolean {
  return address >= cidr.first && address <= cidr.last;
}

/**
 * Splits an inclusive address range into the fewest CIDR blocks covering exactly it.
 *
 * @param first - first address
 * @param last - last address (>= first)
 */
export function rangeToCidrs(first: number, last: number): Cidr[] {
  const blocks: Cidr[] = [];
  let start = first;
  while (start <= last) {
    let size = 1;
    let prefixLength = 32;
    // Grow the block while it stays aligned and inside the range.
    while (prefixLength > 0 && start % (size * 2) === 0 && start + size * 2 - 1 <= last) {
      size *= 2;
      prefixLength -= 1;
    }
    blocks.push({ first: start, last: start + size - 1, prefixLength });
    start += size;
  }
  return blocks;
}
