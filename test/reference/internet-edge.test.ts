/** The reference evaluator's internet edge: VPC Block Public Access and the internet gateway's route table. */
import { describe, expect, it } from "vitest";
import { evaluateFromInternet, evaluatePacket, type RefOutcome } from "./evaluate.js";
import { world } from "./world.js";
import { route, routeTable, SCOPE } from "../generators/model-builder.js";
import type { BpaBlockMode, DataKind, Model } from "../../src/model/types.js";

const ORIGIN = { file: "t", jsonPath: "$" };

/** The hand-built world with a BPA mode and exclusions (resource id, mode); exclusions collected. */
function guarded(mode: BpaBlockMode, exclusions: [string, "allow-egress" | "allow-bidirectional"][] = [], collected = true): Model {
  const model = world((p) => {
    p.blockPublicAccessOptions.push({ id: "bpa", scope: SCOPE, origin: ORIGIN, mode, state: "update-complete", exclusionsAllowed: true, managedBy: "account" });
    exclusions.forEach(([resourceId, m], k) => p.blockPublicAccessExclusions.push({ id: `vpcbpa-exclude-${k}`, scope: SCOPE, name: undefined, tags: {}, origin: ORIGIN, resourceId, mode: m, state: "create-complete" }));
  });
  if (collected) for (const kinds of model.dataPresent.values()) (kinds as Set<DataKind>).add("blockPublicAccessExclusions");
  return model;
}

const out = (model: Model, from: string): RefOutcome => evaluatePacket(model, { from, dstIp: "8.8.8.8", protocol: "tcp", dstPort: 443, clientPort: 40000, natPort: 40000 });
const inbound = (model: Model): RefOutcome => evaluateFromInternet(model, { srcIp: "8.8.8.8", dstIp: "54.1.1.10", protocol: "tcp", dstPort: 443, srcPort: 49152 });
const fate = (o: RefOutcome): string => (o.kind === "dropped" ? o.code : o.kind);

describe("reference evaluator: VPC Block Public Access", () => {
  it.each([
    ["block-bidirectional", [], "i-0a11", "VPC_BLOCK_PUBLIC_ACCESS_ENABLED"],
    ["block-bidirectional", [["subnet-pub", "allow-egress"]], "i-0a11", "delivered"],
    ["block-bidirectional", [["subnet-pub", "allow-egress"]], "i-0eb1", "VPC_BLOCK_PUBLIC_ACCESS_ENABLED"],
    ["block-bidirectional", [["vpc-a", "allow-bidirectional"]], "i-0eb1", "delivered"],
    ["block-ingress", [], "i-0a11", "delivered"],
    ["block-ingress", [], "i-0eb1", "VPC_BLOCK_PUBLIC_ACCESS_ENABLED"],
    ["off", [], "i-0eb1", "delivered"],
  ] as [BpaBlockMode, [string, "allow-egress" | "allow-bidirectional"][], string, string][])("%s with %j: %s → internet is %s", (mode, exclusions, from, expected) => {
    expect(fate(out(guarded(mode, exclusions), from))).toBe(expected);
  });

  it("judges NAT traffic by the NAT gateway's subnet, not the client's", () => {
    expect(fate(out(guarded("block-bidirectional", [["subnet-priv", "allow-egress"]]), "i-0a11"))).toBe("VPC_BLOCK_PUBLIC_ACCESS_ENABLED");
  });

  it("drops inbound traffic unless allow-bidirectional exempts the subnet", () => {
    expect(fate(inbound(guarded("block-ingress")))).toBe("VPC_BLOCK_PUBLIC_ACCESS_ENABLED");
    expect(fate(inbound(guarded("block-ingress", [["subnet-pub", "allow-bidirectional"]])))).not.toBe("VPC_BLOCK_PUBLIC_ACCESS_ENABLED");
  });

  it("says unmodeled when a blocking mode meets exclusions not in the snapshot", () => {
    expect(out(guarded("block-bidirectional", [], false), "i-0a11").kind).toBe("unmodeled");
  });
});

describe("reference evaluator: the internet gateway's route table", () => {
  const edged = (target: string, blackhole: boolean) =>
    world((p) => {
      const table = routeTable("rtb-edge", p.vpcs[0]!, { routes: [route("10.0.1.0/24", { kind: "network-interface", id: target }, blackhole ? "blackhole" : "active")] });
      table.gatewayIds.push("igw-a");
      p.routeTables.push(table);
    });

  it("drops the replies at a blackhole route for the NAT gateway's subnet", () => {
    expect(out(edged("eni-gone", true), "i-0a11")).toMatchObject({ kind: "dropped", code: "BAD_STATE_ROUTE", component: "rtb-edge", direction: "return" });
  });

  it("says unmodeled when the replies go to an appliance", () => {
    expect(out(edged("eni-firewall", false), "i-0a11").kind).toBe("unmodeled");
  });

  it("delivers locally what no route of it names", () => {
    const model = world((p) => {
      const table = routeTable("rtb-edge", p.vpcs[0]!, { routes: [route("10.0.2.0/24", { kind: "network-interface", id: "eni-firewall" })] });
      table.gatewayIds.push("igw-a");
      p.routeTables.push(table);
    });
    expect(out(model, "i-0a11").kind).toBe("delivered");
  });
});
