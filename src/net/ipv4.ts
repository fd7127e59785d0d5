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
  return parseIpv4Between(text, 0, text.length);
}

/**
 * Parses the dotted-quad IPv4 text between two offsets of a string, as `parseIpv4` parses a whole
 * one: four parts of one to three digits, no leading zero beyond `0`, each at most 255. Read one
 * character at a time (no split, no pattern): loading and analysing the large estate parse millions.
 *
 * @param text - the string holding the address
 * @param start - offset of the address's first character
 * @param end - offset just after its last character
 * @returns the address as an unsigned number, or undefined when malformed
 */
export function parseIpv4Between(text: string, start: number, end: number): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let parts = 0;
  // The end closes the last part as a dot would.
  for (let i = start; i <= end; i++) {
    const code = i < end ? text.charCodeAt(i) : DOT;
    if (code === DOT) {
      if (digits === 0 || octet > 255 || parts === 4) return undefined;
      value = value * 256 + octet;
      parts += 1;
      octet = 0;
      digits = 0;
    } else if (code >= ZERO && code <= NINE && digits < 3 && !(digits === 1 && octet === 0)) {
      octet = octet * 10 + (code - ZERO);
      digits += 1;
    } else return undefined;
  }
  return parts === 4 ? value : undefined;
}

const DOT = 46;
const ZERO = 48;
const NINE = 57;

/**
 * Formats a number as dotted-quad text.
 *
 * @param value - an unsigned 32-bit address
 */
export function formatIpv4(value: number): string {
  return `${Math.floor(value / 16777216) % 256}.${Math.floor(value / 65536) % 256}.${Math.floor(value / 256) % 256}.${value % 256}`;
}
