/** IPv4 and CIDR parsing: valid and invalid inputs. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCidr, formatIpv4, parseCidr, parseIpv4, parseProtocol, PUBLIC_IPV4, RFC1918 } from "../../src/net/index.js";

describe("parseIpv4", () => {
  it.each(["0.0.0.0", "10.0.0.1", "255.255.255.255"])("accepts %s", (t) => expect(formatIpv4(parseIpv4(t) as number)).toBe(t));
  it.each(["", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "a.b.c.d", "1.2.3.-4", " 1.2.3.4"])("rejects %j", (t) => expect(parseIpv4(t)).toBeUndefined());
});

describe("parseCidr", () => {
  it.each([
    ["10.0.0.0/16", "10.0.0.0/16"],
    ["10.0.5.7/16", "10.0.0.0/16"],
    ["1.2.3.4", "1.2.3.4/32"],
    ["0.0.0.0/0", "0.0.0.0/0"],
  ])("%s → %s", (input, out) => expect(formatCidr(parseCidr(input) ?? { first: 0, last: 0, prefixLength: -1 })).toBe(out));
  it.each(["10.0.0.0/33", "10.0.0.0/", "10.0.0/8", "10.0.0.0/08", "x/8"])("rejects %j", (t) => expect(parseCidr(t)).toBeUndefined());
});

/** The parsers as first written (split and patterns), as the oracle for the character-by-character ones. */
function referenceIpv4(text: string): number | undefined {
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

function referenceCidr(text: string): { first: number; last: number; prefixLength: number } | undefined {
  const slash = text.indexOf("/");
  const lengthText = slash < 0 ? "32" : text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]?)$/.test(lengthText)) return undefined;
  const prefixLength = Number(lengthText);
  if (prefixLength > 32) return undefined;
  const address = referenceIpv4(slash < 0 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  const size = 2 ** (32 - prefixLength);
  const first = Math.floor(address / size) * size;
  return { first, last: first + size - 1, prefixLength };
}

describe("parseIpv4 and parseCidr read exactly what the split-and-pattern parsers read", () => {
  const near = fc.oneof(
    fc.string({ unit: fc.constantFrom(..."0123456789./ -x\u0660"), maxLength: 22 }),
    fc.tuple(fc.array(fc.nat(1000), { minLength: 1, maxLength: 6 }), fc.option(fc.nat(40))).map(([octets, length]) => `${octets.join(".")}${length === null ? "" : `/${length}`}`),
    fc.tuple(fc.array(fc.constantFrom("0", "00", "01", "1", "09", "255", "256", "999", "1000", ""), { minLength: 3, maxLength: 5 }), fc.constantFrom("", "/", "/0", "/00", "/01", "/9", "/32", "/33", "/320", "/3x")).map(([parts, suffix]) => parts.join(".") + suffix),
  );
  it("on random and near-miss texts", () => {
    fc.assert(
      fc.property(near, (text) => {
        expect(parseIpv4(text)).toBe(referenceIpv4(text));
        expect(parseCidr(text)).toEqual(referenceCidr(text));
      }),
      { numRuns: 20000, seed: 18 },
    );
  });
});

describe("ranges and protocols", () => {
  it("public IPv4 excludes private, shared and special blocks", () => {
    expect(PUBLIC_IPV4.contains(parseIpv4("8.8.8.8") as number)).toBe(true);
    for (const t of ["10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "127.0.0.1", "169.254.169.254", "224.0.0.1"]) {
      expect(PUBLIC_IPV4.contains(parseIpv4(t) as number), t).toBe(false);
    }
    expect(RFC1918.contains(parseIpv4("172.31.255.255") as number)).toBe(true);
  });

  it.each([
    ["-1", "all"], ["tcp", "tcp"], ["6", "tcp"], ["17", "udp"], ["icmp", "icmp"], ["1", "icmp"], ["107", 107], ["300", undefined], ["foo", undefined],
  ] as const)("parseProtocol(%s) = %s", (input, out) => expect(parseProtocol(input)).toBe(out));
});
