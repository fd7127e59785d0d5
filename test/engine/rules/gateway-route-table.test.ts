/** gateway-route-table: local delivery, appliances (unknown, named) and blackholes for traffic entering through a gateway. */
import { describe, expect, it } from "vitest";
import { IntervalSet } from "../../../src/net/index.js";
import * as gwrt from "../../../src/engine/rules/gateway-route-table.js";
import { selectRoutes } from "../../../src/engine/rules/route-selection.js";
import { TestModel } from "../helpers/model-builder.js";
import { indexModel } from "../../../src/model/indexes.js";

/** A VPC 10.0.0.0/16 whose IGW has a gateway route table with `routes`; decides for `dest`. */
function decide(routes: [string, string][], dest: string, opts: { gwlb?: boolean; noTable?: boolean } = {}) {
  const b = new TestModel();
  const vpc = b.vpc("10.0.0.0/16");
  const igw = b.igw(vpc);
  const rtb = b.routeTable(vpc, [], routes);
  const model = b.build();
  const table = model.routeTables.get(rtb);
  if (!table) throw new Error("no table");
  if (!opts.noTable) table.gatewayIds.push(igw);
  // A route for the whole VPC CIDR replaces the local route's target (it is not a second route).
  if (routes.some(([d]) => d === "10.0.0.0/16")) table.routes = table.routes.filter((r) => r.target.kind !== "local");
  return { igw, rtb, result: gwrt.checkGatewayIngress(indexModel(model), igw, IntervalSet.ofCidr(dest), `the replies to ${dest}`, (t, d) => selectRoutes(t, d, () => undefined)) };
}

describe(gwrt.meta.name, () => {
  it.each([
    ["only the local route", [], "10.0.1.5/32", "local"],
    ["a route for another subnet to an appliance", [["10.0.2.0/24", "eni-0appliance"]], "10.0.1.5/32", "local"],
    ["a subnet route to a middlebox ENI", [["10.0.1.0/24", "eni-0appliance"]], "10.0.1.5/32", "unknown"],
    ["the local route retargeted to a firewall endpoint", [["10.0.0.0/16", "vpce-0firewall"]], "10.0.1.5/32", "unknown"],
    ["a blackhole route for the subnet", [["10.0.1.0/24", "blackhole:eni-0gone"]], "10.0.1.5/32", "blocked"],
  ] as [string, [string, string][], string, string][])("%s: %s", (_name, routes, dest, fate) => {
    const { result } = decide(routes, dest);
    const got = "evidence" in result ? "local" : result.block.unknown ? "unknown" : "blocked";
    expect(got).toBe(fate);
  });

  it("cites the local route used", () => {
    const { result, rtb, igw } = decide([], "10.0.1.5/32");
    expect("evidence" in result && result.evidence.map((e) => e.text)).toEqual([`10.0.0.0/16 → local (active), ${rtb} (gateway route table of ${igw})`]);
  });

  it("names the appliance, and the kind of endpoint, when traffic goes to one", () => {
    const { result, rtb, igw } = decide([["10.0.1.0/24", "vpce-0firewall"]], "10.0.1.5/32");
    expect("block" in result && [result.block.code, result.block.message]).toEqual([
      "UNSUPPORTED_COMPONENT",
      `${igw}'s gateway route table ${rtb} sends the replies to 10.0.1.5/32 to the Gateway Load Balancer or Network Firewall endpoint vpce-0firewall, which vpcreach does not model`,
    ]);
  });

  it("drops traffic at a blackhole, naming the route and a fix", () => {
    const { result, rtb } = decide([["10.0.1.0/24", "blackhole:eni-0gone"]], "10.0.1.5/32");
    expect("block" in result && result.block.code).toBe("BAD_STATE_ROUTE");
    expect("block" in result && result.block.message).toContain(`route 10.0.1.0/24 → eni-0gone is a blackhole`);
    expect("block" in result && result.block.fix).toBe(`aws ec2 delete-route --route-table-id ${rtb} --destination-cidr-block 10.0.1.0/24, or point the route at a working appliance`);
  });

  it("changes nothing when no route table is associated with the gateway", () => {
    const { result } = decide([["10.0.1.0/24", "blackhole:eni-0gone"]], "10.0.1.5/32", { noTable: true });
    expect(result).toEqual({ evidence: [] });
  });
});
