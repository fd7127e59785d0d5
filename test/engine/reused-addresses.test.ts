/**
 * Reused addresses (src/engine/reused-addresses.ts): whether a notebook's walks may meet another ENI
 * holding its address — through a VPC any peering connection, transit gateway, route or association
 * joins to the notebook's, through a group reference in a group used there, or because that ENI is
 * an endpoint's or no notebook's. Shared and unshared audits of the estate are compared in
 * shared-answers.test.ts.
 */
import { describe, expect, it } from "vitest";
import { createContext } from "../../src/engine/context.js";
import { addressReuse } from "../../src/engine/reused-addresses.js";
import { resolveSources } from "../../src/engine/workload-source.js";
import type { Model } from "../../src/model/types.js";
import { eni, instance, interfaceEndpoint, natGateway, peering, route, securityGroup, sgRule, subnet, type ModelParts } from "../generators/model-builder.js";
import { reusedAddressEstate } from "./helpers/reused-addresses-estate.js";

/** Whether the walks of `notebook` may meet the ENI `other` (which holds its address). */
function mayMeet(model: Model, notebook: string, other: string): boolean {
  const ctx = createContext(model);
  const source = resolveSources(ctx, `notebook/${notebook}`)[0]?.source;
  const eniRecord = model.networkInterfaces.get(other);
  if (!source || !eniRecord) throw new Error(`no ${notebook} or ${other}`);
  return addressReuse(ctx).mayMeet(source, eniRecord);
}

/** The estate with one change. */
const changed = (tweak: (p: Required<ModelParts>) => void) => reusedAddressEstate(tweak);
const vpcOf = (p: Required<ModelParts>, id: string) => p.vpcs.find((v) => v.id === id) as Required<ModelParts>["vpcs"][number];
const subnetOf = (p: Required<ModelParts>, id: string) => p.subnets.find((s) => s.id === id) as Required<ModelParts>["subnets"][number];

describe("reused addresses", () => {
  it("are not met in a VPC nothing joins, whose groups nothing there references", () => {
    const model = reusedAddressEstate();
    expect(mayMeet(model, "nb-a1", "eni-c1")).toBe(false);
    expect(mayMeet(model, "nb-c1", "eni-a1")).toBe(false);
    // A's endpoint references sg-nb-d, a group of nb-a2's address in D; nothing in D references sg-nb-a.
    expect(mayMeet(model, "nb-d1", "eni-a2")).toBe(false);
  });

  it("are met through a reference to one of the other ENI's groups in a group used where the walks go", () => {
    const model = reusedAddressEstate();
    expect(mayMeet(model, "nb-a2", "eni-d1")).toBe(true);
    // In E, which tgw-1 joins to A, not only in A itself.
    const inE = changed((p) => {
      p.securityGroups.push(securityGroup("sg-x", "vpc-e", [sgRule("sg-x", "ingress", "tcp", "sg-nb-c", [443, 443])], []));
      p.networkInterfaces.push(eni("eni-x", subnetOf(p, "subnet-e-nb"), "10.200.1.50", { securityGroupIds: ["sg-x"] }));
    });
    expect(mayMeet(inE, "nb-a1", "eni-c1")).toBe(true);
    // The same group on an ENI of D, which nothing joins to A: not met.
    const inD = changed((p) => {
      p.securityGroups.push(securityGroup("sg-x", "vpc-d", [sgRule("sg-x", "ingress", "tcp", "sg-nb-c", [443, 443])], []));
      p.networkInterfaces.push(eni("eni-x", subnetOf(p, "subnet-d"), "10.0.1.50", { securityGroupIds: ["sg-x"] }));
    });
    expect(mayMeet(inD, "nb-a1", "eni-c1")).toBe(false);
    // A rule of the notebook's own group (outbound, too).
    const own = changed((p) => {
      const group = p.securityGroups.find((g) => g.id === "sg-nb-a");
      if (group) group.egress = [...group.egress, sgRule("sg-nb-a", "egress", "tcp", "sg-nb-c", [22, 22])];
    });
    expect(mayMeet(own, "nb-a1", "eni-c1")).toBe(true);
  });

  it("are met in a VPC a transit gateway joins, by its attachments or only by a route of its route table", () => {
    expect(mayMeet(reusedAddressEstate(), "nb-a3", "eni-e1")).toBe(true);
    // C attached to nothing, but tgw-1's table routes to an attachment of C's.
    const routed = changed((p) => {
      p.transitGatewayAttachments.push({ ...p.transitGatewayAttachments[0]!, id: "att-c", transitGatewayId: "tgw-2", resourceId: "vpc-x", subnetIds: ["subnet-c"], associations: [] });
      p.transitGatewayRouteTables[0]!.routes.push({ destination: { kind: "cidr", cidr: "10.9.0.0/16" }, type: "static", state: "active", attachmentIds: ["att-c"] });
    });
    expect(mayMeet(routed, "nb-a1", "eni-c1")).toBe(true);
  });

  it("are met in a VPC a peering connection joins, whatever its state and routes", () => {
    const model = changed((p) => p.vpcPeeringConnections.push(peering("pcx-ac", vpcOf(p, "vpc-a"), vpcOf(p, "vpc-c"), "pending-acceptance")));
    expect(mayMeet(model, "nb-a1", "eni-c1")).toBe(true);
    expect(mayMeet(model, "nb-c1", "eni-a1")).toBe(true);
  });

  it("are met in a VPC a route of the notebook's side sends traffic into, or whose route table serves one of its subnets", () => {
    // C's route to a NAT gateway of D (no AWS API allows it; a snapshot may say it).
    const nat = changed((p) => {
      p.natGateways.push(natGateway("nat-d", "vpc-d", "subnet-d", { privateIp: "10.0.1.5", eniId: "eni-nat-d" }));
      p.routeTables.find((t) => t.id === "rtb-c")?.routes.push(route("0.0.0.0/0", { kind: "nat", id: "nat-d" }));
    });
    expect(mayMeet(reusedAddressEstate(), "nb-c2", "eni-d1")).toBe(false);
    expect(mayMeet(nat, "nb-c2", "eni-d1")).toBe(true);
    // D's table explicitly associated with a subnet of C.
    const associated = changed((p) => {
      const table = p.routeTables.find((t) => t.id === "rtb-d");
      if (table) table.subnetIds = ["subnet-c"];
    });
    expect(mayMeet(associated, "nb-c2", "eni-d1")).toBe(true);
  });

  it("are met when the other ENI is an endpoint's (a service's address) or no notebook's", () => {
    const endpoint = changed((p) => p.vpcEndpoints.push(interfaceEndpoint("vpce-x", "vpc-c", "com.amazonaws.us-east-1.sts", [p.networkInterfaces.find((e) => e.id === "eni-c1")!])));
    expect(mayMeet(endpoint, "nb-a1", "eni-c1")).toBe(true);
    const other = changed((p) => {
      const record = eni("eni-i", subnetOf(p, "subnet-c"), "10.0.1.13");
      p.networkInterfaces.push(record);
      p.instances.push(instance("i-1", record));
    });
    expect(mayMeet(other, "nb-a4", "eni-i")).toBe(true);
  });
});
