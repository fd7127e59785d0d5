/**
 * IPv4 addresses as unsigned 32-bit numbers. Parsing returns `undefined` for malformed text; callers
 * that read user input turn that into an `InputError` naming the input.
 */

/** The largest IPv4 address as a number (255.255.255.255). */
export const MAX_IPV4 = 0xffffffff;

/**
 * Parses dotted-quad IPv4 text.
 *
 * @param text - e.g. `10.0.1.5`; no leading zeros beyond `0`, no spaces
 * @returns the address as an unsigned number, or undefined when malformed
 */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/**
 * Formats a number as dotted-quad text.
 *
 * @param value - an unsigned 32-bit address
 */
export function formatIpv4(value: number): string {
  return `${Math.floor(value / 16777216) % 256}.${Math.floor(value / 65536) % 256}.${Math.floor(value / 256) % 256}.${value % 256}`;
}
