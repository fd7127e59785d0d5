/**
 * IPv4 CIDR blocks: parsing, formatting and the address range a block covers. A CIDR whose host bits
 * are set (e.g. `10.0.0.5/24`, as AWS sometimes accepts in rules) is normalized to its network.
 */
import { formatIpv4, parseIpv4 } from "./ipv4.js";

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
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const lengthText = slash < 0 ? "32" : text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]?)$/.test(lengthText)) return undefined;
  const prefixLength = Number(lengthText);
  if (prefixLength > 32) return undefined;
  const address = parseIpv4(addressText);
  if (address === undefined) return undefined;
  const size = 2 ** (32 - prefixLength);
  const first = Math.floor(address / size) * size;
  return { first, last: first + size - 1, prefixLength };
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
