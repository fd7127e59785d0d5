/**
 * The notebook findings, each with a table of cases that must and must not produce it:
 * direct internet access, outside a VPC, root access, no KMS key, public subnet, VPC-only with internet.
 */
import { describe, expect, it } from "vitest";
import * as directInternet from "../../../src/engine/findings/notebook-direct-internet.js";
import * as noKms from "../../../src/engine/findings/notebook-no-kms-key.js";
import * as outsideVpc from "../../../src/engine/findings/notebook-outside-vpc.js";
import * as publicSubnet from "../../../src/engine/findings/notebook-public-subnet.js";
import * as rootAccess from "../../../src/engine/findings/notebook-root-access.js";
import * as vpcOnlyInternet from "../../../src/engine/findings/notebook-vpc-only-internet.js";
import * as studioPublic from "../../../src/engine/findings/studio-domain-public-internet.js";
import type { FindingRule } from "../../../src/engine/findings/types.js";
import type { Notebook } from "../../../src/model/types.js";
import { internetGateway, makeIndex, studioDomain, notebook, route, routeTable, subnet, type Parts } from "./model.js";
import { blockedByAcl, fixedReach, reachableViaNat } from "./verdicts.js";

const publicTable = routeTable({ id: "rtb-public", isMain: false, subnetIds: ["subnet-public"], routes: [route("0.0.0.0/0", { kind: "igw", id: "igw-1" })] });
const natTable = routeTable({ id: "rtb-private", isMain: false, subnetIds: ["subnet-private"], routes: [route("0.0.0.0/0", { kind: "nat", id: "nat-1" })] });
const twoSubnets: Parts = {
  subnets: [subnet(), subnet({ id: "subnet-public", cidr: "10.0.0.0/24" })],
  routeTables: [routeTable(), publicTable, natTable],
  internetGateways: [internetGateway()],
};

interface Case {
  name: string;
  notebook: Partial<Notebook>;
  parts?: Parts;
  reachable?: boolean;
  expected: number;
}

function table(rule: FindingRule, cases: Case[]): void {
  describe(rule.meta.id, () => {
    it.each(cases)("$name → $expected finding(s)", (c) => {
      const index = makeIndex({ ...c.parts, notebooks: [notebook(c.notebook)] });
      const reach = fixedReach(c.reachable ? reachableViaNat() : blockedByAcl());
      const findings = rule.check(index, reach);
      expect(findings).toHaveLength(c.expected);
      for (const finding of findings) {
        expect(finding.rule).toBe(rule.meta.id);
        expect(finding.resource).toBe("research");
        expect(finding.title).toContain("research");
        expect(finding.title).not.toContain("{{");
        expect(finding.fix.length).toBeGreaterThan(20);
      }
    });
  });
}

table(directInternet, [
  { name: "direct internet disabled", notebook: { directInternetAccess: false }, expected: 0 },
  { name: "direct internet enabled", notebook: { directInternetAccess: true }, expected: 1 },
  { name: "enabled and outside a VPC", notebook: { directInternetAccess: true, subnetId: undefined }, expected: 1 },
]);

table(outsideVpc, [
  { name: "in a subnet", notebook: {}, expected: 0 },
  { name: "no subnet", notebook: { subnetId: undefined, directInternetAccess: true }, expected: 1 },
]);

table(rootAccess, [
  { name: "root disabled", notebook: { rootAccess: false }, expected: 0 },
  { name: "root enabled", notebook: { rootAccess: true }, expected: 1 },
]);

table(noKms, [
  { name: "customer key", notebook: {}, expected: 0 },
  { name: "no key", notebook: { kmsKeyId: undefined }, expected: 1 },
  { name: "empty key id", notebook: { kmsKeyId: "" }, expected: 1 },
]);

table(publicSubnet, [
  { name: "private subnet routed to a NAT", notebook: {}, parts: twoSubnets, expected: 0 },
  { name: "subnet on the main table (local only)", notebook: {}, expected: 0 },
  { name: "outside a VPC", notebook: { subnetId: undefined }, parts: twoSubnets, expected: 0 },
  { name: "subnet routed to an IGW", notebook: { subnetId: "subnet-public" }, parts: twoSubnets, expected: 1 },
  {
    name: "IGW not attached to the VPC",
    notebook: { subnetId: "subnet-public" },
    parts: { ...twoSubnets, internetGateways: [internetGateway({ attachedVpcIds: [] })] },
    expected: 0,
  },
  {
    name: "blackhole IGW route does not make it public",
    notebook: { subnetId: "subnet-public" },
    parts: { ...twoSubnets, routeTables: [routeTable(), { ...publicTable, routes: [route("0.0.0.0/0", { kind: "igw", id: "igw-1" }, "blackhole")] }] },
    expected: 0,
  },
]);

table(vpcOnlyInternet, [
  { name: "VPC-only, internet blocked", notebook: {}, parts: twoSubnets, reachable: false, expected: 0 },
  { name: "direct internet enabled (another finding)", notebook: { directInternetAccess: true }, parts: twoSubnets, reachable: true, expected: 0 },
  { name: "VPC-only, internet through a NAT", notebook: {}, parts: twoSubnets, reachable: true, expected: 1 },
]);

describe(studioPublic.meta.id, () => {
  it.each([
    ["VpcOnly", studioDomain(), 0],
    ["PublicInternetOnly", studioDomain({ appNetworkAccessType: "PublicInternetOnly" }), 1],
  ] as const)("%s → %i finding(s)", (_name, domain, expected) => {
    const findings = studioPublic.check(makeIndex({ domains: [domain] }));
    expect(findings).toHaveLength(expected);
    for (const finding of findings) {
      expect(finding.title).toBe("Studio domain d-abc123 (research-studio) gives its apps direct internet access (PublicInternetOnly)");
      expect(finding.fix).toContain("aws sagemaker update-domain --domain-id d-abc123 --app-network-access-type VpcOnly --subnet-ids subnet-private");
    }
  });
});

describe("finding details", () => {
  it("notebook-public-subnet names the route table and the IGW", () => {
    const [finding] = publicSubnet.check(makeIndex({ ...twoSubnets, notebooks: [notebook({ subnetId: "subnet-public" })] }));
    expect(finding?.detail).toContain("rtb-public has route 0.0.0.0/0 → igw-1 (attached)");
    expect(finding?.severity).toBe("medium");
  });

  it("notebook-vpc-only-internet asks for the internet verdict and gives the delete-route command", () => {
    const reach = fixedReach(reachableViaNat());
    const [finding] = vpcOnlyInternet.check(makeIndex({ ...twoSubnets, notebooks: [notebook()] }), reach);
    expect(reach.asked).toEqual(["research→internet"]);
    expect(finding?.title).toBe("Notebook research is VPC-only but reaches the internet via nat-1");
    expect(finding?.severity).toBe("info");
    expect(finding?.fix).toContain("aws ec2 delete-route --route-table-id rtb-private --destination-cidr-block 0.0.0.0/0");
  });

  it("notebook-root-access gives the update command with the notebook's name", () => {
    const [finding] = rootAccess.check(makeIndex({ notebooks: [notebook({ rootAccess: true })] }));
    expect(finding?.fix).toContain("aws sagemaker update-notebook-instance --notebook-instance-name research --root-access Disabled");
  });
});
