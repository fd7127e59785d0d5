/** transit-gateway-route-table: valid and invalid cases. */
import { describe, expect, it } from "vitest";
import * as tgr from "../../../src/engine/rules/transit-gateway-route-table.js";
import { IntervalSet } from "../../../src/net/index.js";
import type { TransitGatewayRoute, TransitGatewayRouteTable } from "../../../src/model/types.js";

const base = { scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } };
const route = (cidr: string, attachment: string | undefined, type: "static" | "propagated" = "static"): TransitGatewayRoute => ({
  destination: { kind: "cidr", cidr }, type, state: attachment ? "active" : "blackhole", attachmentIds: attachment ? [attachment] : [],
});
const table = (o: Partial<TransitGatewayRouteTable> = {}): TransitGatewayRouteTable => ({ ...base, id: "tgw-rtb-1", transitGatewayId: "tgw-1", state: "available", routesGiven: "all", routes: [], routesTruncated: false, propagations: undefined, ...o });
const DATA: tgr.TgwRouteData = { vpcCidrs: (id) => (id === "vpc-spoke" ? ["10.1.0.0/16", "100.64.0.0/24"] : undefined), prefixListCidrs: (id) => (id === "pl-1" ? ["10.9.0.0/16"] : undefined) };

/** The target (attachment, `blackhole` or `none`) of each address. */
function lookup(t: TransitGatewayRouteTable, ...addresses: string[]): string[] {
  const routes = tgr.effectiveRoutes(t, DATA);
  if (!Array.isArray(routes)) throw new Error(routes.message);
  return addresses.map((a) => {
    const part = tgr.selectTgwRoutes(routes, IntervalSet.ofCidr(a))[0];
    return !part?.route ? "none" : part.route.route.state === "blackhole" ? "blackhole" : (part.route.route.attachmentIds[0] ?? "");
  });
}

describe(tgr.meta.name, () => {
  it("longest prefix match; static beats propagated at equal length; a blackhole matches", () => {
    const t = table({ routes: [route("0.0.0.0/0", "att-egress"), route("10.1.0.0/16", "att-spoke", "propagated"), route("10.1.0.0/16", "att-static"), route("10.1.5.0/24", undefined)] });
    expect(lookup(t, "8.8.8.8/32", "10.1.1.1/32", "10.1.5.1/32")).toEqual(["att-egress", "att-static", "blackhole"]);
    expect(lookup(table({ routes: [route("10.0.0.0/8", "a")] }), "192.168.0.1/32")).toEqual(["none"]);
  });

  it("with static routes only, each enabled VPC propagation adds the VPC's CIDRs", () => {
    const t = table({ routesGiven: "static", routes: [route("0.0.0.0/0", "att-egress")], propagations: [
      { attachmentId: "att-spoke", resourceType: "vpc", resourceId: "vpc-spoke", state: "enabled" },
      { attachmentId: "att-off", resourceType: "vpc", resourceId: "vpc-spoke", state: "disabled" },
    ] });
    expect(lookup(t, "10.1.2.3/32", "100.64.0.9/32", "10.2.0.1/32")).toEqual(["att-spoke", "att-spoke", "att-egress"]);
  });

  it("a prefix-list route expands to the list's entries", () => {
    const t = table({ routes: [{ destination: { kind: "prefix-list", prefixListId: "pl-1" }, type: "static", state: "active", attachmentIds: ["att-pl"] }] });
    expect(lookup(t, "10.9.1.1/32", "10.8.1.1/32")).toEqual(["att-pl", "none"]);
  });

  it.each([
    ["no route data", table({ routesGiven: undefined })],
    ["a truncated route list", table({ routesTruncated: true })],
    ["static routes without propagations", table({ routesGiven: "static" })],
    ["a VPN propagation (BGP routes)", table({ routesGiven: "static", propagations: [{ attachmentId: "att-vpn", resourceType: "vpn", resourceId: "vpn-1", state: "enabled" }] })],
    ["a propagating VPC not in the snapshot", table({ routesGiven: "static", propagations: [{ attachmentId: "att-x", resourceType: "vpc", resourceId: "vpc-x", state: "enabled" }] })],
    ["a prefix list without entries", table({ routes: [{ destination: { kind: "prefix-list", prefixListId: "pl-x" }, type: "static", state: "active", attachmentIds: ["a"] }] })],
  ])("%s: the routes are unknown", (_n, t) => {
    const routes = tgr.effectiveRoutes(t, DATA);
    expect(Array.isArray(routes) ? "known" : [routes.code, routes.unknown]).toEqual(["TGW_RTB_ROUTES_ARE_UNKNOWN", true]);
  });

  describe("propagations of VPCs with overlapping CIDRs (AWS propagates only the VPC attached first)", () => {
    const cidrs: Record<string, string[]> = { "vpc-a": ["10.0.0.0/16", "172.16.0.0/16"], "vpc-c": ["10.0.0.0/8"], "vpc-b": ["10.1.0.0/16"], "vpc-d": ["192.168.0.0/16"] };
    const attached: tgr.AttachedVpc[] = [{ attachmentId: "att-a", vpcId: "vpc-a" }, { attachmentId: "att-c", vpcId: "vpc-c" }, { attachmentId: "att-d", vpcId: "vpc-d" }];
    const data = (others: tgr.AttachedVpc[] = attached): tgr.TgwRouteData => ({ vpcCidrs: (id) => cidrs[id], prefixListCidrs: () => undefined, attachedVpcs: (tgw) => (tgw === "tgw-1" ? others : []) });
    const propagating = (...ids: string[]) => ids.map((id) => ({ attachmentId: `att-${id}`, resourceType: "vpc", resourceId: `vpc-${id}`, state: "enabled" }));
    /** Each address's target, or `unknown: <the VPCs named>` when the route selected is in conflict. */
    function conflicts(t: TransitGatewayRouteTable, d: tgr.TgwRouteData, ...addresses: string[]): string[] {
      const routes = tgr.effectiveRoutes(t, d);
      if (!Array.isArray(routes)) throw new Error(routes.message);
      return addresses.map((a) => {
        const r = tgr.selectTgwRoutes(routes, IntervalSet.ofCidr(a))[0]?.route;
        return r?.conflict ? `unknown: ${r.conflict.message.match(/vpc-\w/g)?.join(" ")}` : (r?.route.attachmentIds[0] ?? "none");
      });
    }
    it.each([
      // [case, table, attached VPCs, addresses, expected]
      ["A inside C (10.0.0.0/16 in 10.0.0.0/8): both VPCs' routes, secondary CIDR too", table({ routesGiven: "static", propagations: propagating("a", "c", "d") }), attached, ["10.0.1.1/32", "10.9.0.1/32", "172.16.0.1/32"], ["unknown: vpc-a vpc-c", "unknown: vpc-c vpc-a", "unknown: vpc-a vpc-c"]],
      ["a VPC overlapping none is propagated as it is", table({ routesGiven: "static", propagations: propagating("a", "c", "d") }), attached, ["192.168.1.1/32"], ["att-d"]],
      ["C attached but not propagating here still overlaps A", table({ routesGiven: "static", propagations: propagating("a") }), attached, ["10.0.1.1/32", "10.9.0.1/32"], ["unknown: vpc-a vpc-c", "none"]],
      ["a static route for the CIDR wins and is taken", table({ routesGiven: "static", routes: [route("10.0.0.0/16", "att-a")], propagations: propagating("a", "c") }), attached, ["10.0.1.1/32"], ["att-a"]],
      ["no other VPC attached: no overlap", table({ routesGiven: "static", propagations: propagating("a") }), [{ attachmentId: "att-a", vpcId: "vpc-a" }], ["10.0.1.1/32"], ["att-a"]],
      ["routes listed by search-transit-gateway-routes are what AWS propagated", table({ routes: [route("10.0.0.0/16", "att-a", "propagated")] }), attached, ["10.0.1.1/32"], ["att-a"]],
    ] as const)("%s", (_n, t, others, addresses, expected) => {
      expect(conflicts(t, data([...others]), ...addresses)).toEqual(expected);
    });

    it("the block is unknown and says which VPCs, attachments and CIDRs overlap, on which transit gateway", () => {
      const routes = tgr.effectiveRoutes(table({ routesGiven: "static", propagations: propagating("a", "c") }), data());
      if (!Array.isArray(routes)) throw new Error(routes.message);
      expect(routes[0]!.conflict).toMatchObject({ code: "UNSUPPORTED_COMPONENT", unknown: true });
      expect(routes[0]!.conflict!.message).toBe("10.0.0.0/16 → att-a (propagated) in tgw-rtb-1 comes from vpc-a (10.0.0.0/16, 172.16.0.0/16) by att-a, which overlaps vpc-c (att-c, 10.0.0.0/8), also attached to tgw-1: AWS propagates only the routes of the VPC attached first, and which that was is not in the snapshot");
    });
  });

  it("blocks name the table and the route", () => {
    const t = table();
    expect(tgr.noTgwRouteBlock(t, "10.3.0.1/32", "att-1")).toMatchObject({ code: "TGW_RTB_CANNOT_ROUTE" });
    const routes = tgr.effectiveRoutes(table({ routes: [route("10.0.0.0/8", undefined)] }), DATA);
    if (!Array.isArray(routes) || !routes[0]) throw new Error("routes expected");
    expect(tgr.blackholeBlock(t, routes[0])).toMatchObject({ code: "TGW_RTB_BAD_STATE_ROUTE", rule: { text: "10.0.0.0/8 → blackhole (static, blackhole) in tgw-rtb-1" } });
  });
});

describe("selectTgwRoutes skips routes outside the set's bounds", () => {
  /** The longest prefix match as a scan of every route in precedence, intersecting each. */
  function scan(routes: tgr.EffectiveTgwRoute[], dst: IntervalSet): tgr.TgwRoutePart[] {
    const sorted = [...routes].sort((a, b) => b.length - a.length || (a.route.type === "static" ? 0 : 1) - (b.route.type === "static" ? 0 : 1));
    const parts: tgr.TgwRoutePart[] = [];
    let rest = dst;
    for (const r of sorted) {
      const part = rest.intersect(r.addresses);
      if (part.isEmpty()) continue;
      parts.push({ addresses: part, route: r });
      rest = rest.subtract(part);
    }
    if (!rest.isEmpty()) parts.push({ addresses: rest, route: undefined });
    return parts;
  }

  it("selects as the scan does on a hub table of overlapping spokes' routes, blackholes and a prefix list", () => {
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const routes: TransitGatewayRoute[] = [route("0.0.0.0/0", "att-egress"), route("10.0.0.0/8", undefined)];
    for (let i = 0; i < 300; i++) {
      const length = 16 + next(9);
      const cidr = `10.${next(256)}.${next(256)}.0/${length}`;
      routes.push(route(cidr, next(5) === 0 ? undefined : `att-${i}`, next(2) === 0 ? "static" : "propagated"));
    }
    routes.push({ destination: { kind: "prefix-list", prefixListId: "pl-1" }, type: "static", state: "active", attachmentIds: ["att-pl"] });
    const effective = tgr.effectiveRoutes(table({ routes }), DATA);
    if (!Array.isArray(effective)) throw new Error(effective.message);
    const sets = [IntervalSet.ofCidr("10.9.1.1/32"), IntervalSet.fromCidrs(["10.3.0.0/16", "10.200.0.0/14", "192.168.0.0/16"]), IntervalSet.ofCidr("0.0.0.0/0"), IntervalSet.EMPTY];
    for (let i = 0; i < 200; i++) {
      const low = 167772160 + next(2 ** 24);
      sets.push(IntervalSet.range(low, low + next(2 ** 20)));
    }
    for (const dst of sets) expect(tgr.selectTgwRoutes(effective, dst), dst.toCidrs().slice(0, 2).join(",")).toEqual(scan(effective, dst));
  });
});
