/** route-selection: longest prefix, static over prefix list over propagated, blackholes, prefix lists. */
import { describe, expect, it } from "vitest";
import { IntervalSet } from "../../../src/net/index.js";
import { meta, routeCandidates, selectRoutes, selectServiceRoutes } from "../../../src/engine/rules/route-selection.js";
import type { Route, RouteTable } from "../../../src/model/types.js";

const r = (dest: string, target: string, extra: Partial<Route> = {}): Route => ({
  destination: dest.startsWith("pl-") ? { kind: "prefix-list", prefixListId: dest } : { kind: "cidr", cidr: dest },
  target: target === "local" ? { kind: "local" } : target.startsWith("vpce-") ? { kind: "gateway-endpoint", id: target } : target.startsWith("nat-") ? { kind: "nat", id: target } : target.startsWith("vgw-") ? { kind: "vpn-gateway", id: target } : { kind: "igw", id: target },
  state: "active",
  origin: "CreateRoute",
  ...extra,
});
const table = (routes: Route[]): RouteTable => ({ id: "rtb-1", scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" }, vpcId: "vpc-1", isMain: false, subnetIds: [], gatewayIds: [], routes });
const lists: Record<string, string[]> = { "pl-s3": ["52.216.0.0/15"], "pl-a": ["9.9.9.0/24"], "pl-b": ["9.9.9.0/24"] };
const pick = (routes: Route[], dest: string) => {
  const sel = selectRoutes(table(routes), IntervalSet.fromCidrs([dest]), (id) => lists[id]);
  return sel.parts.map((p) => ({ to: p.route ? ("id" in p.route.target ? p.route.target.id : "local") : "none", ambiguous: p.ambiguousWith !== undefined, state: p.route?.state }));
};

describe(meta.name, () => {
  it.each([
    ["longest prefix wins", [r("0.0.0.0/0", "igw-1"), r("8.8.8.0/24", "nat-1")], "8.8.8.8/32", "nat-1"],
    ["default route otherwise", [r("0.0.0.0/0", "igw-1"), r("8.8.8.0/24", "nat-1")], "1.1.1.1/32", "igw-1"],
    ["local route covers the VPC CIDR", [r("10.0.0.0/16", "local", { origin: "CreateRouteTable" }), r("0.0.0.0/0", "nat-1")], "10.0.3.4/32", "local"],
    ["prefix-list route beats a shorter default", [r("0.0.0.0/0", "igw-1"), r("pl-s3", "vpce-1")], "52.216.1.1/32", "vpce-1"],
    ["an equal CIDR beats a gateway-endpoint prefix list", [r("pl-s3", "vpce-1"), r("52.216.0.0/15", "nat-1")], "52.216.1.1/32", "nat-1"],
    ["a more specific CIDR beats the prefix list", [r("pl-s3", "vpce-1"), r("52.216.7.0/24", "nat-1")], "52.216.7.1/32", "nat-1"],
    ["static beats propagated at equal prefix", [r("10.9.0.0/16", "vgw-1", { origin: "EnableVgwRoutePropagation" }), r("10.9.0.0/16", "nat-1")], "10.9.1.1/32", "nat-1"],
    ["no route", [r("10.0.0.0/16", "local")], "8.8.8.8/32", "none"],
  ] as const)("%s", (_name, routes, dest, expected) => {
    expect(pick([...routes], dest)[0]?.to).toBe(expected);
  });

  it("a blackhole route still matches (the caller drops)", () => {
    expect(pick([r("0.0.0.0/0", "nat-1", { state: "blackhole" })], "8.8.8.8/32")[0]).toMatchObject({ to: "nat-1", state: "blackhole" });
  });

  it("splits a set over several routes", () => {
    expect(pick([r("0.0.0.0/0", "igw-1"), r("pl-s3", "vpce-1")], "52.0.0.0/8").map((p) => p.to).sort()).toEqual(["igw-1", "vpce-1"]);
  });

  it("overlapping prefix lists with different targets are ambiguous", () => {
    expect(pick([r("pl-a", "igw-1"), r("pl-b", "nat-1")], "9.9.9.9/32")[0]?.ambiguous).toBe(true);
  });

  it("selects among a table's prepared routes as from the table itself: a hub table routing to hundreds of spokes", () => {
    const spokes = Array.from({ length: 300 }, (_, i) => r(`10.${i >> 4}.${(i & 15) * 16}.0/20`, `nat-${i}`));
    const hub = table([r("0.0.0.0/0", "igw-1"), ...spokes, r("pl-s3", "vpce-1"), r("pl-zz", "vpce-2")]);
    const found = routeCandidates(hub, (id) => lists[id]);
    for (const dest of ["10.3.37.9/32", "10.0.0.0/12", "10.0.0.0/16", "52.216.1.1/32", "8.8.8.8/32", "10.18.0.0/16", "9.0.0.0/7"]) {
      const again = selectRoutes(hub, IntervalSet.fromCidrs([dest]), (id) => lists[id], found);
      expect(again, dest).toEqual(selectRoutes(hub, IntervalSet.fromCidrs([dest]), (id) => lists[id]));
      expect(again.unresolvedPrefixLists).toEqual(["pl-zz"]);
    }
    expect(selectRoutes(hub, IntervalSet.fromCidrs(["10.3.37.9/32"]), (id) => lists[id], found).parts.map((p) => p.route?.target)).toEqual([{ kind: "nat", id: "nat-50" }]);
    expect(selectRoutes(hub, IntervalSet.fromCidrs(["10.0.0.0/16"]), (id) => lists[id], found).parts.map((p) => (p.route && "id" in p.route.target ? p.route.target.id : "none"))).toEqual(spokes.slice(0, 16).map((_, i) => `nat-${i}`));
  });

  it("reports prefix lists whose entries are unknown", () => {
    expect(selectRoutes(table([r("pl-zz", "vpce-1")]), IntervalSet.ALL_ADDRESSES, () => undefined).unresolvedPrefixLists).toEqual(["pl-zz"]);
  });

  it("a service with unknown addresses: its endpoint's prefix-list route takes all, a lone default route decides, a split cannot tell", () => {
    const all = IntervalSet.fromCidrs(["52.0.0.0/8"]);
    const t1 = table([r("0.0.0.0/0", "nat-1"), r("pl-unknown", "vpce-s3")]);
    const general = (t: RouteTable) => () => selectRoutes(t, all, () => undefined);
    expect(selectServiceRoutes(t1, all, (id) => id === "vpce-s3", general(t1))?.parts[0]?.route?.target).toEqual({ kind: "gateway-endpoint", id: "vpce-s3" });
    const t2 = table([r("0.0.0.0/0", "nat-1")]);
    expect(selectServiceRoutes(t2, all, () => false, general(t2))?.parts[0]?.route?.target).toEqual({ kind: "nat", id: "nat-1" });
    const t3 = table([r("0.0.0.0/0", "nat-1"), r("52.1.0.0/16", "igw-1")]);
    expect(selectServiceRoutes(t3, all, () => false, general(t3))).toBeUndefined();
  });
});
