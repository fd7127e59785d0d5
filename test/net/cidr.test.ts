/** IPv4 and CIDR parsing: valid and invalid inputs. */
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
