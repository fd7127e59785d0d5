/** transit-gateway-appliance-mode: valid and invalid cases. */
import { describe, expect, it } from "vitest";
import * as am from "../../../src/engine/rules/transit-gateway-appliance-mode.js";
import type { Subnet, TgwOptionValue, TransitGatewayAttachment } from "../../../src/model/types.js";

const base = { scope: { account: undefined, region: "us-east-1" }, name: undefined, tags: {}, origin: { file: "t", jsonPath: "$" } };
const attachment = (subnetIds: string[], mode: TgwOptionValue | undefined): TransitGatewayAttachment => ({
  ...base, id: "tgw-attach-1", transitGatewayId: "tgw-1", resourceType: "vpc", resourceId: "vpc-1", resourceOwnerId: undefined, state: "available",
  subnetIds, associations: [], applianceModeSupport: mode,
});
const subnet = (id: string, az: string): Subnet => ({ ...base, id, vpcId: "vpc-1", cidr: "10.0.0.0/28", ipv6Cidrs: [], availabilityZone: az, availabilityZoneId: undefined, mapPublicIpOnLaunch: false });
const SUBNETS = new Map([["subnet-a", subnet("subnet-a", "us-east-1a")], ["subnet-b", subnet("subnet-b", "us-east-1b")]]);
const AB = ["subnet-a", "subnet-b"];

describe(am.meta.name, () => {
  it.each([
    ["appliance mode off: the subnet in the traffic's zone", attachment(AB, "disable"), "us-east-1b", "subnet-b zone"],
    ["appliance mode off, no subnet in the traffic's zone: any of them", attachment(AB, "disable"), "us-east-1c", "subnet-a,subnet-b other-zone"],
    ["appliance mode on: any subnet, whatever the traffic's zone (flow hash)", attachment(AB, "enable"), "us-east-1b", "subnet-a,subnet-b flow-hash"],
    ["appliance mode on, zone not known: still any subnet", attachment(AB, "enable"), undefined, "subnet-a,subnet-b flow-hash"],
    ["option not given: the zone's subnet first, then the others", attachment(AB, undefined), "us-east-1b", "subnet-b,subnet-a option-not-given"],
    ["option not given, no subnet in the zone: any of them either way", attachment(AB, undefined), "us-east-1c", "subnet-a,subnet-b other-zone"],
    ["one subnet: that one, whatever the option and zone", attachment(["subnet-a"], undefined), "us-east-1b", "subnet-a zone"],
    ["appliance mode on, one subnet", attachment(["subnet-a"], "enable"), "us-east-1a", "subnet-a zone"],
    ["zone not known, appliance mode off", attachment(AB, "disable"), undefined, "MISSING_DATA"],
    ["a subnet not in the snapshot", attachment(["subnet-a", "subnet-x"], "enable"), "us-east-1a", "MISSING_DATA"],
    ["subnets not known", attachment([], "enable"), "us-east-1a", "MISSING_DATA"],
  ] as const)("delivery: %s", (_n, a, az, expected) => {
    const found = am.deliverySubnets(a, SUBNETS, az, "tgw-1");
    expect("subnets" in found ? `${found.subnets.map((s) => s.id).join(",")} ${found.choice}` : found.code).toBe(expected);
  });

  it.each([
    ["flow hash", attachment(AB, "enable"), "us-east-1a", "TGW_ROUTE_AZ_RESTRICTION", "has ApplianceModeSupport enabled, so the transit gateway picks the subnet (zone) for each flow by a flow hash"],
    ["no subnet in the zone", attachment(AB, "disable"), "us-east-1c", "TGW_ROUTE_AZ_RESTRICTION", "has no subnet in us-east-1c"],
    ["option not given", attachment(AB, undefined), "us-east-1a", "MISSING_DATA", "Options.ApplianceModeSupport the snapshot does not give"],
  ] as const)("the unknown block where the subnets disagree: %s", (_n, a, az, code, text) => {
    const delivery = am.deliverySubnets(a, SUBNETS, az, "tgw-1");
    if (!("subnets" in delivery)) throw new Error("expected subnets");
    const rb = am.choiceBlock(a, delivery, az, "tgw-1", "tcp 443 to 10.1.0.5");
    expect(rb).toMatchObject({ code, unknown: true });
    expect(rb.message).toContain(text);
    expect(rb.message).toContain("subnet-a (us-east-1a)");
    expect(rb.message.startsWith("tcp 443 to 10.1.0.5 by tgw-attach-1")).toBe(true);
  });
});
